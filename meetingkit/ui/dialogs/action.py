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
from meetingkit.core.i18n import _
from meetingkit.core.text import sanitise
from meetingkit.ui.dialogs.capture_form import CaptureForm, FormCheckbox, WordsInput, confidential_label
from meetingkit.ui.widgets.line_input import LineInput


def due_hint() -> str:
    """Under an empty due date: what may be typed there."""
    return _("No due date (optional): try 'next friday', 'in 2 weeks' or '15 Dec'.")


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

    def __init__(self, owners: list[str], today: date, *, correcting: ActionDraft | None = None) -> None:
        """`correcting`: the action as it stands, to correct it (its fields filled in, its
        confidentiality kept as it is: this form corrects the words, the owner and the due day)."""
        super().__init__(today, kind=Kind.ACTION, confidential=bool(correcting and correcting.confidential))
        self.owners = owners
        self.correcting = correcting
        self._due_as_it_was = correcting.due_on.isoformat() if correcting and correcting.due_on else ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            was = self.correcting
            yield from self.heading(Content.assemble((_("Correct the action") if was else _("New action"), "bold")))
            yield WordsInput(value=was.text if was else "", placeholder=_("What will be done?"), id="action-text")
            yield WordsInput(  # who: a person's name is as confidential as the rest
                value=was.owner if was else "",
                placeholder=_("Who: a person or an organisation (optional)"),
                suggester=SuggestFromList(self.owners, case_sensitive=False),
                id="owner",
            )
            yield LineInput(value=self._due_as_it_was, placeholder=_("By when (optional)"), id="due")
            yield Static(Content(due_hint()), id="due-feedback", classes="dialog-hint")
            if was is None:
                yield FormCheckbox(confidential_label(), id="confidential")
            keys = (_("Enter or ctrl+s saves (on a suggested owner, takes it first) · Tab takes a suggestion, "
                      "or moves · Escape cancels") if was else
                    _("Enter saves (on a suggested owner, takes it first) · Tab takes a suggestion, "
                      "or moves · Escape cancels"))
            yield Static(Content(keys), classes="dialog-keys")

    def on_mount(self) -> None:  # besides the form's own: Textual calls each class's handler
        if self._due_as_it_was:
            self.describe_date_field("#due", "#due-feedback", due_hint())

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
            self.describe_date_field("#due", "#due-feedback", due_hint())

    def draft(self) -> ActionDraft:
        text = sanitise(self.query_one("#action-text", Input).value)
        if not text:
            raise ValueError(_("Type the action first."))
        was = self.correcting
        confidential = was.confidential if was else self.query_one("#confidential", FormCheckbox).value
        self.second_look(text, confidential)
        # A due day left as it was is not looked at again (an overdue one is in the past, and meant).
        unchanged = was is not None and self.query_one("#due", Input).value == self._due_as_it_was
        return ActionDraft(
            text=text,
            owner=sanitise(self.query_one("#owner", Input).value),
            due_on=was.due_on if was is not None and unchanged else self.dated("#due"),
            confidential=confidential,
        )
