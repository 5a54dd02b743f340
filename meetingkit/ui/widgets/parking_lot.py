"""The elephant parking lot during a meeting: every open elephant, and what was resolved today.

An elephant the facilitator hid from the room (`h`) is left out in projection mode and marked
on the facilitator's own screen: the policy (`core/audience.py`) decides, for the lot's audience.
"""

from __future__ import annotations

from datetime import datetime

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.i18n import N_
from meetingkit.core.lines import STATUS_WORDS
from meetingkit.core.models import Elephant
from meetingkit.localised import Localised
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.room_pages import RoomPagedOptions

__all__ = ["STATUS_WORDS", "ParkingLotBoard", "elephant_line"]

def elephant_line(elephant: Elephant, now: datetime, *, projecting: bool, hidden: bool = False) -> Content:
    """One elephant for the console's audience (the room when projecting): its status, its words
    (or a stand-in), how long it has waited. `core.lines.elephant_line` and the policy decide."""
    return content(lines.elephant_line(elephant, now, Audience.console(projecting=projecting), hidden=hidden))


class ParkingLotBoard(Localised, RoomPagedOptions):
    """Enter on an elephant lets the facilitator move it on (discuss, address, let go).

    Projected, what does not fit is counted on the border and paged (`RoomPagedOptions`).
    """

    BINDINGS = [
        Binding("enter", "open_elephant", N_("Move on"), show=False),
        Binding("h", "toggle_hidden", N_("Hide from / show to the room"), show=False),
    ]

    class ElephantChosen(Message):
        """The facilitator wants to change an elephant's status."""

        def __init__(self, elephant_id: str) -> None:
            super().__init__()
            self.elephant_id = elephant_id

    class HideToggled(Message):
        """The facilitator wants the elephant hidden from the room (or shown again)."""

        def __init__(self, elephant_id: str) -> None:
            super().__init__()
            self.elephant_id = elephant_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.elephants: list[Elephant] = []
        self.hidden: frozenset[str] = frozenset()
        """Ids of the elephants hidden from the room."""

    def show(
        self, elephants: list[Elephant], now: datetime, audience: Audience, *, hidden: frozenset[str] = frozenset()
    ) -> None:
        """Redraw the lot for `audience` (it is short: a handful of open elephants at most)."""
        self.hidden = hidden
        self.paging = audience is Audience.ROOM
        shown = [(e, lines.elephant_line(e, now, audience, hidden=e.id in hidden)) for e in elephants]
        self.elephants = [e for e, line in shown if line is not None]
        highlighted = self.highlighted
        self.set_options(Option(content(line)) for _, line in shown if line is not None)
        if self.elephants:
            self.highlighted = min(highlighted or 0, len(self.elephants) - 1)
        self.call_after_refresh(self.show_what_is_out_of_view)

    def action_open_elephant(self) -> None:
        if self.highlighted is not None and self.elephants:
            self.post_message(self.ElephantChosen(self.elephants[self.highlighted].id))

    def action_toggle_hidden(self) -> None:
        if self.highlighted is not None and self.elephants:
            self.post_message(self.HideToggled(self.elephants[self.highlighted].id))
