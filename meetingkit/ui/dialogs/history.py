"""An agreement's or action's history: each decision and correction, as its lines were rendered for
the screen's audience (`core.lines.change_line`). It shows and closes; it changes nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from meetingkit.core.i18n import N_, _
from meetingkit.localised import Localised
from meetingkit.ui.dialogs.room import RoomDialog


class HistoryDialog(Localised, RoomDialog[None]):
    """What was decided and corrected about one item, oldest first; Escape or Enter closes it."""

    BINDINGS = [Binding("escape,enter,q", "close", N_("Close"))]

    def __init__(self, title: Content, entries: list[Content]) -> None:
        super().__init__()
        self.title_line = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="history"):
            yield Static(_history_of(self.title_line), classes="dialog-title")
            for entry in self.entries or [Content(_("No decisions or corrections yet."))]:
                yield Static(entry, classes="dialog-detail history-entry")
            yield Static(Content(_("Escape or Enter closes")), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


def _history_of(item: Content) -> Content:
    """The dialog's title: "History of" and the item's line, where the language puts them."""
    # Translators: {item} is an agreement's or action's line, as the list showed it.
    before, found, after = _("History of {item}").partition("{item}")
    if not found:  # a translation without the item: it goes after the words
        return Content.assemble((before, "bold")) + item
    title = Content.assemble((before, "bold")) + item
    return title + Content.assemble((after, "bold")) if after else title
