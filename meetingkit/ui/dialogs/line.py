"""Ask for one line of text: a note on how an elephant was addressed, a late arrival.

While the room watches, the line is masked from the first key (see `capture_form.py`): what
it asks for is someone's name at the door, or the last words on an elephant, and neither is
for the room to read as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Static

from meetingkit.core.i18n import N_, _
from meetingkit.core.text import TextTooLong, sanitise
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.capture_form import WordsInput, words_typed
from meetingkit.ui.dialogs.room import RoomDialog


class LineDialog(Localised, RoomDialog[str | None]):
    """One Input; Enter gives its cleaned text, Escape gives None.

    With `check`, the text is validated before the dialog closes: a message returned
    by `check` is shown and the typed text stays, so nothing is lost.
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#line"

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        hint: str = "",
        value: str = "",
        allow_empty: bool = False,
        suggester: Suggester | None = None,
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.hint = hint
        self.value = value
        self.allow_empty = allow_empty
        self.suggester = suggester
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.title_text, "bold")), classes="dialog-title")
            note = Static("", id="mask-note", classes="dialog-hint")
            note.display = False
            yield note
            yield WordsInput(self.value, placeholder=self.placeholder, suggester=self.suggester, id="line")
            yield Static(Content(self.hint), id="line-message", classes="dialog-hint")

    def on_mount(self) -> None:
        if self.projecting:
            self.query_one("#line", WordsInput).mask()
            self._describe_mask("")

    def _describe_mask(self, text: str) -> None:
        note = self.query_one("#mask-note", Static)
        note.update(Content(_("Masked on the wall. {typed}.").format(typed=words_typed(text).capitalize())))
        note.display = True

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.projecting:
            self._describe_mask(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        message = self.query_one("#line-message", Static)
        try:
            text = sanitise(event.value)
        except TextTooLong as error:
            message.update(Content(str(error)))
            message.add_class("-error")
            return
        if not text and not self.allow_empty:
            message.update(Content(_("Type something first, or press Escape to cancel.")))
            message.add_class("-error")
            return
        problem = self.check(text) if self.check else None
        if problem:
            message.update(Content(problem))
            message.add_class("-error")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
