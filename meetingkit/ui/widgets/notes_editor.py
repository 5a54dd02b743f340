"""The facilitator's notes for the current section: never projected."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from meetingkit.core.i18n import N_
from meetingkit.localised import Localised


class NotesEditor(Localised, TextArea):
    """A multi-line editor; Escape closes it so single-letter keys work again."""

    BINDINGS = [
        Binding("escape", "close", N_("Close notes")),
        Binding("ctrl+o", "confidential", N_("Confidential note")),
    ]

    class Closed(Message):
        """The facilitator is done typing notes for now."""

    class ConfidentialAsked(Message):
        """Mark the note on the cursor's line confidential, or open again (each line is a note)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_confidential(self) -> None:
        self.post_message(self.ConfidentialAsked(self.cursor_location[0]))
