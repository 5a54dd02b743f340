"""A yes-or-no question that needs a deliberate answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from meetingkit.core.i18n import N_, _
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog


class ConfirmDialog(Localised, RoomDialog[bool]):
    """Asks one question; `y`/Enter on the first button says yes, `n`/Escape says no."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), show=False),
        Binding("n,escape", "answer(False)", N_("No"), show=False),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str | None = None, no: str | None = None,
        default_no: bool = False,
    ) -> None:
        """`yes`, `no`: the buttons' words, already in the interface's language (None: "Yes", "No")."""
        super().__init__()
        self.default_no = default_no
        self.question = question
        self.detail = detail
        self.yes = yes if yes is not None else _("Yes")
        self.no = no if no is not None else _("No")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.question, "bold")), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        # For an answer that cannot be undone, a reflex Enter must land on the safe choice.
        self.query_one("#no" if self.default_no else "#yes").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
