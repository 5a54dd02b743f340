"""Steering the time: choosing a section to jump to (`G`), how to re-plan when time is short (`R`),
and which section to drop. One dialog, a list to choose from: Enter chooses, Escape changes nothing."""

from __future__ import annotations

from collections.abc import Sequence

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
    """A heading, a line of what it is about, and a list: dismissed with the chosen option's id, or None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), show=False)]

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog OptionList { height: auto; max-height: 16; margin-bottom: 1; }
    ChoiceDialog.-short OptionList { max-height: 10; }
    """

    def __init__(self, title: str, detail: str, choices: Sequence[tuple[str, str]], *, highlighted: int = 0) -> None:
        """`choices`: (id, words) for each option, in order; `highlighted`: the one the cursor starts on."""
        super().__init__()
        self.title_words = title
        self.detail = detail
        self.choices = list(choices)
        self.start = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.title_words, "bold")), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            yield OptionList(*(Option(Content(words), id=key) for key, words in self.choices), id="choices")
            yield Static(Content(_("↑↓ choose · Enter · Escape cancels")), classes="dialog-keys")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#choices", OptionList)
        options.highlighted = min(max(0, self.start), len(self.choices) - 1) if self.choices else None
        options.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
