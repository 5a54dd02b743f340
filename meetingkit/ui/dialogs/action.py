"""`a`: record an action with an owner and a due date typed as people say it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from meetingkit.core.audience import Kind
from meetingkit.core.text import sanitise
from meetingkit.ui.dialogs.capture_form import CONFIDENTIAL_LABEL, CaptureForm, FormCheckbox, WordsInput
from meetingkit.ui.widgets.line_input import LineInput

DUE_HINT = "No due date (optional): try 'next friday', 'in 2 weeks' or '15 Dec'."


@dataclass(frozen=True)
class ActionDraft:
    """What the facilitator typed, checked and ready to store."""

    text: str
    owner: str
    due_on: date | None
    confidential: bool


class ActionDialog(CaptureForm):
    """Text, owner (person or organisation), due date shown back as a real date."""

    AUTO_FOCUS = "#action-text"

    def __init__(self, owners: list[str], today: date) -> None:
        super().__init__(today, kind=Kind.ACTION)
        self.owners = owners

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield from self.heading(Content.assemble(("New action", "bold")))
            yield WordsInput(placeholder="What will be done?", id="action-text")
            yield WordsInput(  # who: a person's name is as confidential as the rest
                placeholder="Who: a person or an organisation (optional)",
                suggester=SuggestFromList(self.owners, case_sensitive=False),
                id="owner",
            )
            yield LineInput(placeholder="By when (optional)", id="due")
            yield Static(Content(DUE_HINT), id="due-feedback", classes="dialog-hint")
            yield FormCheckbox(CONFIDENTIAL_LABEL, id="confidential")
            yield Static(Content("Enter saves (on a suggested owner, takes it first) · Tab takes a suggestion, "
                                 "or moves · Escape cancels"), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on an owner half typed, with a suggestion shown ("Amira" → "Amira Haddad, OCISO"),
        takes the suggestion rather than saving a new person "Amira"; the next Enter saves."""
        owner = event.input
        if owner.id == "owner" and owner._suggestion and owner._suggestion != owner.value:
            event.stop()
            event.prevent_default()  # not `CaptureForm`'s save
            owner.value = owner._suggestion
            owner.cursor_position = len(owner.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self.describe_date_field("#due", "#due-feedback", DUE_HINT)

    def draft(self) -> ActionDraft:
        text = sanitise(self.query_one("#action-text", Input).value)
        if not text:
            raise ValueError("Type the action first.")
        confidential = self.query_one("#confidential", FormCheckbox).value
        self.second_look(text, confidential)
        return ActionDraft(
            text=text,
            owner=sanitise(self.query_one("#owner", Input).value),
            due_on=self.dated("#due"),
            confidential=confidential,
        )
