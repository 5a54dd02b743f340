"""An agreement's or action's history: each decision and correction, as its lines were rendered for
the screen's audience (`core.lines.change_line`). It shows and closes; it changes nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from meetingkit.core.i18n import N_
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog

EMPTY = "No decisions or corrections yet."


class HistoryDialog(Localised, RoomDialog[None]):
    """What was decided and corrected about one item, oldest first; Escape or Enter closes it."""

    BINDINGS = [Binding("escape,enter,q", "close", N_("Close"))]

    def __init__(self, title: Content, entries: list[Content]) -> None:
        super().__init__()
        self.title_line = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="history"):
            yield Static(Content.assemble(("History of ", "bold")) + self.title_line, classes="dialog-title")
            for entry in self.entries or [Content(EMPTY)]:
                yield Static(entry, classes="dialog-detail history-entry")
            yield Static(Content("Escape or Enter closes"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
