"""The shared shape of the agreement and action forms: type, check, save, or say what is wrong.

A form never closes on a problem: the message appears under it and everything
typed stays, so a facilitator mid-sentence loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from meetingkit.core.dates import DateNotUnderstood, describe_date, parse_optional_date
from meetingkit.core.text import TextTooLong, identifying_details
from meetingkit.store import StoreError


class IdentifyingDetails(ValueError):
    """Not a refusal: a gentle second look before something identifying is saved."""

    def __init__(self, details: list[str]) -> None:
        kinds = " and ".join(details)
        super().__init__(
            f"This looks like it holds {kinds}. Mark it confidential (ctrl+o), edit it, "
            "or press Enter again to save it as it is."
        )


class FormCheckbox(Checkbox):
    """A checkbox inside a form: space ticks it, Enter saves the form (as the form says it will).

    Textual's Checkbox also toggles on Enter, which silently unticked "Confidential"
    for a facilitator who ticked it and then pressed Enter to save.
    """

    BINDINGS = [
        Binding("space", "toggle_button", "Tick", show=False),
        Binding("enter", "screen.save", "Save", show=False),
    ]


class CaptureForm(ModalScreen[str | None]):
    """Base for a modal form whose `save` callback stores the entry and returns its id."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "toggle_confidential", "Confidential", show=False),
    ]

    def __init__(self, save: Callable[[Any], str], today: date) -> None:
        super().__init__()
        self._save = save
        self.today = today
        self._looked_again_at = ""
        self._confirming = False
        self._initial: dict[str | None, str] = {}

    def on_mount(self) -> None:
        self._initial = {field.id: field.value for field in self.query(Input)}

    def second_look(self, text: str, confidential: bool) -> None:
        """Warn once, gently, when text that is not confidential looks like it identifies someone.

        Raises:
            IdentifyingDetails: the first time this exact text is saved; saving it again goes through.
        """
        details = identifying_details(text)
        if details and not confidential and self._looked_again_at != text:
            self._looked_again_at = text
            raise IdentifyingDetails(details)

    def action_toggle_confidential(self) -> None:
        for box in self.query("#confidential").results(FormCheckbox):  # not every form has one
            box.value = not box.value

    def draft(self) -> Any:
        """Build what will be saved from the fields; raise ValueError to refuse."""
        raise NotImplementedError

    def show_problem(self, text: str, *, gentle: bool = False) -> None:
        """Say what stops the save, under the form; `gentle` for a warning rather than an error."""
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.set_class(bool(text) and not gentle, "-error")
        message.set_class(bool(text) and gentle, "-warning")

    def date_field(self, field_id: str) -> date | None:
        """Read a date field; raises DateNotUnderstood for words that are not a date."""
        return parse_optional_date(self.query_one(field_id, Input).value, self.today)

    def describe_date_field(self, field_id: str, feedback_id: str, empty_hint: str) -> None:
        """Show under a date field which day it will be, before anything is saved."""
        feedback = self.query_one(feedback_id, Static)
        try:
            day = self.date_field(field_id)
        except DateNotUnderstood as error:
            feedback.update(Content(str(error)))
            feedback.add_class("-error")
            return
        feedback.remove_class("-error")
        feedback.update(Content(f"→ {describe_date(day, self.today)}" if day else empty_hint))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            saved_id = self._save(self.draft())
        except (ValueError, TextTooLong, DateNotUnderstood, StoreError) as problem:
            self.show_problem(str(problem).strip("'\""), gentle=type(problem).__name__ == "IdentifyingDetails")
            return
        self.dismiss(saved_id)

    def action_cancel(self) -> None:
        """Close without saving; if anything was typed, ask first, so Escape never throws away words."""
        typed = any(field.value != self._initial.get(field.id, "") for field in self.query(Input))
        if not typed or self._confirming:
            self.dismiss(None)
            return
        from meetingkit.ui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            self._confirming = False
            if discard:
                self.dismiss(None)

        self._confirming = True
        self.app.push_screen(
            ConfirmDialog("Throw away what you typed?", yes="Throw it away", no="Keep typing", default_no=True),
            answered,
        )
