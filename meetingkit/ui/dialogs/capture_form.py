"""The shared shape of the capture forms: type, check, hand the draft up, or say what is wrong.

A form saves nothing itself (dialogs never touch the store). When its fields pass its own
checks it posts `CaptureForm.Submitted` with the draft to the screen that opened it; that
screen saves it through a use case and answers `saved(result)` (the form closes) or
`refused(problem)`. A form never closes on a problem: the message appears under it and
everything typed stays, so a facilitator mid-sentence loses nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from meetingkit.core.dates import DateNotUnderstood, describe_date, parse_optional_date
from meetingkit.core.text import identifying_details


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
    """Base for a modal form that hands its checked draft to the screen that saves it, and
    closes with what that screen returns (usually the saved item's id)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "toggle_confidential", "Confidential", show=False),
    ]

    class Submitted(Message):
        """The fields passed the form's own checks: the screen that opened it saves the draft,
        then calls `form.saved(result)` or `form.refused(problem)`."""

        def __init__(self, form: CaptureForm, draft: Any) -> None:
            super().__init__()
            self.form = form
            self.draft = draft
            """What the form's `draft()` built: its own dataclass (`CaptureDraft`, `ActionDraft`, …)."""

        @property
        def control(self) -> CaptureForm:
            return self.form

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.saved_by: MessagePump | None = None
        """Where `Submitted` goes. A modal screen's parent is the app, not the screen that opened
        it, so "up" has to be named: the opener sets it; otherwise the screen beneath this one."""
        self._looked_again_at = ""
        self._confirming = False
        self._waiting = False
        """A draft is with the screen: a second Enter must not save it twice."""
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
        if self._waiting:
            return
        try:
            draft = self.draft()
        except ValueError as problem:  # refused text, a date that is not one, the second look
            self.show_problem(str(problem).strip("'\""), gentle=isinstance(problem, IdentifyingDetails))
            return
        self._waiting = True
        self._opener().post_message(self.Submitted(self, draft))

    def _opener(self) -> MessagePump:
        if self.saved_by is not None:
            return self.saved_by
        stack = self.app.screen_stack
        return stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else self.app

    def saved(self, result: str | None) -> None:
        """The screen kept the draft: close, handing `result` to whoever opened the form."""
        self._waiting = False
        self.dismiss(result)

    def refused(self, problem: str) -> None:
        """The screen could not keep it (the file busy or read-only, a value refused): say why,
        and stay open with everything typed, so it can be saved again."""
        self._waiting = False
        self.show_problem(problem.strip("'\""))

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
