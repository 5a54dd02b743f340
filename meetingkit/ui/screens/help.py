"""The `?` screen: what the keys do here, and what meetingkit is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from meetingkit.core.i18n import N_, _
from meetingkit.localised import Localised


def intro() -> str:
    """What meetingkit is for, above the keys."""
    return _(
        "meetingkit runs partnership meetings from one screen you can project: the agenda "
        "with its timeboxes, Name the Jargon, the elephant parking lot and turning points. "
        "Everything is saved as you go to one file on this computer."
    )


class HelpScreen(Localised, ModalScreen[None]):
    """Lists the keys of the screen it was opened from."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", N_("Close help")),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        width = max([len("ctrl+p"), *(len(key) for key, _description in self._keys)])
        lines: list[str | tuple[str, str]] = [(_("Keys") + "\n", "bold")]
        for key, description in self._keys:
            lines.append((f"  {key.ljust(width)}  ", "bold"))
            lines.append(f"{description}\n")
        lines.append((f"  {'ctrl+p'.ljust(width)}  " + _("every command, searchable") + "\n", "dim"))
        with VerticalScroll(id="help-box"):
            yield Static(Content(intro()), id="help-intro")
            yield Static(Content.assemble(*lines), id="help-keys")
            yield Static(Content(_("Press Escape or ? to close.")), id="help-close")
