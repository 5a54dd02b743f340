"""What every dialog shares about the room: whether it is watching, and how small the screen is.

While the console is projected (`p` in the runner; the app wears the projector theme, see
`MeetingkitApp.set_projection`), a dialog is on the wall as much as the runner is: it gets
the class `-projection`, and `app.tcss` draws it for the back of the room (an opaque
background, no dimmed text or border: every character at least 4.5:1 against its cell).
On a terminal under `SHORT_BELOW` rows a dialog gets `-short`, and its fields lose their
borders, so the heading, every field and the keys fit at 80×24 without scrolling.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.screen import ModalScreen

from meetingkit.ui.theme import PROJECTOR_THEME

SHORT_BELOW = 30
"""Rows: a screen shorter than this gets the compact dialogs (80×24 does; 120×36 does not)."""

ResultType = TypeVar("ResultType")


def room_is_watching(app: App[Any]) -> bool:
    """Whether what the app shows is on the wall: the projector theme is on."""
    return app.theme == PROJECTOR_THEME.name


class RoomDialog(ModalScreen[ResultType]):
    """A modal dialog that knows whether the room is watching, and is drawn for it."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    def __init__(self, *, projecting: bool | None = None) -> None:
        """`projecting`: whether the room watches, when the opener knows; None asks the app."""
        super().__init__()
        self._projecting = projecting

    @property
    def projecting(self) -> bool:
        """Whether this dialog is on the wall."""
        if self._projecting is None:
            return room_is_watching(self.app)
        return self._projecting

    def on_mount(self) -> None:
        self.set_class(self.projecting, "-projection")
