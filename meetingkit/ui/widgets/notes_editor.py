"""The facilitator's notes for the current section: never projected."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea


class NotesEditor(TextArea):
    """A multi-line editor; Escape closes it so single-letter keys work again."""

    BINDINGS = [Binding("escape", "close", "Close notes")]

    class Closed(Message):
        """The facilitator is done typing notes for now."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def action_close(self) -> None:
        self.post_message(self.Closed())
