"""`C` in the meeting: this meeting's agreements and actions, to correct one (`e`), delete one
(`delete`) or read its history (`h`). It only shows and says which: the runner asks, saves and
refreshes (a dialog never writes)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core.i18n import N_, _
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog


class BusinessDialog(Localised, RoomDialog[tuple[str, str] | None]):
    """Closes with (what to do, the highlighted item's id): "edit", "delete" or "history"."""

    BINDINGS = [
        Binding("e", "choose('edit')", N_("Correct")),
        Binding("delete", "choose('delete')", N_("Delete")),
        Binding("h", "choose('history')", N_("History")),
        Binding("escape,q", "close", N_("Close")),
    ]
    AUTO_FOCUS = "#business-items"

    def __init__(self, rows: list[tuple[str, Content]]) -> None:
        """`rows`: each item's id and its line, as the screen's audience may see it."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((_("This meeting's agreements and actions"), "bold")), classes="dialog-title")
            if self.rows:
                yield OptionList(*(Option(line, id=item_id) for item_id, line in self.rows), id="business-items")
            else:
                yield Static(Content(_("Nothing agreed in this meeting yet: g records an agreement, a an action.")),
                             classes="dialog-detail")
            yield Static(Content(_("e corrects · delete deletes · h shows its history · Escape closes")),
                         classes="dialog-keys")

    def action_choose(self, what: str) -> None:
        options = list(self.query(OptionList))
        option = options[0].highlighted_option if options else None
        if option is not None and option.id:
            self.dismiss((what, option.id))

    def action_close(self) -> None:
        self.dismiss(None)
