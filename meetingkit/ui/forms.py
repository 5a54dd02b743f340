"""The screen's side of a capture form: which of its open forms saves how, and what the form is told.

Forms only ask (`ui/dialogs/capture_form.py`); a screen opens one with `FormSaves.open`,
naming the function that keeps its draft (a use case, through the screen's session). When
the form posts `CaptureForm.Submitted`, the screen passes the message to `submitted`: the
draft is saved, and the form closes with the result, or stays open and shows why not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from meetingkit.store import StoreError
from meetingkit.ui.dialogs.capture_form import CaptureForm

Save = Callable[[Any], str | None]
"""Keeps a form's draft; returns what the form closes with (usually the saved item's id)."""


class FormSaves:
    """The capture forms one screen has open, each with what saves it."""

    def __init__(self, screen: Screen[Any]) -> None:
        """`screen`: where `Submitted` is sent, and whose app shows the forms."""
        self._screen = screen
        self._saves: dict[CaptureForm, Save] = {}

    def open(self, form: CaptureForm, save: Save, then: Callable[[Any], None] | None = None) -> None:
        """Show `form`; its draft is kept by `save`, and `then` gets what it closed with (None: cancelled)."""
        form.saved_by = self._screen
        self._saves[form] = save

        def closed(result: Any) -> None:
            self._saves.pop(form, None)
            if then is not None:
                then(result)

        self._screen.app.push_screen(form, closed)

    def submitted(self, message: CaptureForm.Submitted) -> None:
        """Save a submitted draft: the form closes on success, and shows the problem otherwise.

        A busy or read-only file, an ended meeting or a refused value leaves the form open
        with everything typed, as it was before the facilitator pressed Enter.
        """
        save = self._saves.get(message.form)
        if save is None:  # not one of this screen's forms
            return
        message.stop()
        try:
            result = save(message.draft)
        except (StoreError, ValueError) as problem:
            message.form.refused(str(problem))
            return
        message.form.saved(result)
