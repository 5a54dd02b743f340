"""Messages that travel between the app and its screens.

Screens never import other screens: to go somewhere, a screen posts one of the `Navigate`
messages below, it bubbles up to the app, and `ui/navigation.py` builds and shows the screen
("attributes down, messages up"). A message carries only what the next screen needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from meetingkit.core.audience import Audience

if TYPE_CHECKING:  # only named here: the screen that makes a period has imported its module
    from meetingkit.core.periods import Period


class DatabaseChanged(Message):
    """Another process committed to the database; the screen should reload what it shows."""


class Navigate(Message):
    """A screen asks the app to show another one; the app routes every subclass (see `ui/navigation.py`)."""


class NewMeetingRequested(Navigate):
    """The facilitator wants to start a meeting."""

    def __init__(self, partnership: str = "") -> None:
        super().__init__()
        self.partnership = partnership
        """The partnership's name to offer first (new or existing)."""


class OpenMeeting(Navigate):
    """Open a meeting where it stands: the runner if it is in progress (starting it if only
    planned), else its summary."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class MeetingStarted(Navigate):
    """The new-meeting form started a meeting: the runner takes the form's place."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class MeetingEnded(Navigate):
    """The meeting in the runner ended (here or elsewhere): its summary takes the runner's place."""

    def __init__(self, meeting_id: str, audience: Audience) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.audience = audience
        """Who watches the summary: the room when projection stays on."""


class BlankRequested(Navigate):
    """Black out the wall until any key is pressed (`b` in the runner)."""


BoardName = Literal["glossary", "parking_lot", "timeline"]


class OpenBoard(Navigate):
    """Show one of a meeting's boards full-screen (`J`, `E`, `T` in the runner)."""

    def __init__(
        self,
        board: BoardName,
        partnership_id: str,
        meeting_id: str,
        on_choose: Callable[[str], None],
        audience: Audience,
    ) -> None:
        super().__init__()
        self.board = board
        self.partnership_id = partnership_id
        self.meeting_id = meeting_id
        self.on_choose = on_choose
        """Opens the chosen item: the runner's own dialog, so the item is edited in the meeting's context."""
        self.audience = audience
        """Who the board is drawn for (the room while projecting)."""


class ReviewRequested(Navigate):
    """Look back over every meeting."""


class OpenRecord(Navigate):
    """Show one meeting's record."""

    def __init__(self, meeting_id: str, *, include_confidential: bool) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.include_confidential = include_confidential


class OpenSearch(Navigate):
    """Search everything captured, optionally within one partnership."""

    def __init__(self, *, include_confidential: bool, partnership_id: str | None) -> None:
        super().__init__()
        self.include_confidential = include_confidential
        self.partnership_id = partnership_id


RegisterName = Literal["glossary", "parking_lot", "timeline", "register", "trends"]


class OpenRegister(Navigate):
    """Show one of a partnership's cross-meeting views from the review screen."""

    def __init__(
        self,
        register: RegisterName,
        partnership_id: str,
        partnership: str,
        *,
        include_confidential: bool,
        period: Period,
    ) -> None:
        super().__init__()
        self.register = register
        self.partnership_id = partnership_id
        self.partnership = partnership
        """The partnership's name, for the heading."""
        self.include_confidential = include_confidential
        self.period = period
