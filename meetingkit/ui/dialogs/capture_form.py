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
from textual.widgets import Input, Static

from meetingkit.core.dates import DateNotUnderstood, describe_date, parse_optional_date
from meetingkit.core.text import TextTooLong
from meetingkit.store import StoreError


class CaptureForm(ModalScreen[str | None]):
    """Base for a modal form whose `save` callback stores the entry and returns its id."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, save: Callable[[Any], str], today: date) -> None:
        super().__init__()
        self._save = save
        self.today = today

    def draft(self) -> Any:
        """Build what will be saved from the fields; raise ValueError to refuse."""
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "-error")

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
            self.show_problem(str(problem).strip("'\""))
            return
        self.dismiss(saved_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
