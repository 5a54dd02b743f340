"""Choosing in the glossary: the term to merge a term into (near-duplicates first), or which of a
term's meanings to edit, move or delete. Each row is drawn by `core.lines` for the screen's audience."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core.i18n import N_, _
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog


class ChoiceDialog(Localised, RoomDialog[str | None]):
    """A heading and a list: Enter gives the highlighted row's id, Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#choices"

    def __init__(self, title: str, choices: list[tuple[str, Content]], *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint or _("↑↓ to choose, Enter to take it, Escape to cancel")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.title_text, "bold")), classes="dialog-title")
            yield OptionList(*(Option(line, id=choice_id) for choice_id, line in self.choices), id="choices",
                             markup=False)
            yield Static(Content(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#choices", OptionList)
        if options.option_count:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
