"""The application shell: global keys, the home screen, and watching the database.

Kept thin on purpose: screens do the work, the app only wires them together.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.screens.help import HelpScreen
from meetingkit.ui.screens.home import HomeScreen

WATCH_INTERVAL_SECONDS = 0.5
"""How often to ask SQLite whether another process committed; well inside the one-second promise."""


class MeetingkitApp(App[int]):
    """meetingkit's terminal interface."""

    TITLE = "meetingkit"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, store: Store, library: AgendaLibrary) -> None:
        super().__init__()
        self.store = store
        self.library = library

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.store, self.library))
        self.set_interval(WATCH_INTERVAL_SECONDS, self._watch_database)

    def _watch_database(self) -> None:
        if self.store.changed_elsewhere():
            self.screen.post_message(DatabaseChanged())

    def action_help(self) -> None:
        """Show the keys that work on the current screen."""
        if isinstance(self.screen, HelpScreen):
            return
        keys = []
        seen = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((self.get_key_display(binding), binding.description))
        self.push_screen(HelpScreen(keys))


def create_app(store: Store, library: AgendaLibrary) -> MeetingkitApp:
    """Build the app around an open store and loaded agendas; the CLI and the tests both use this."""
    return MeetingkitApp(store, library)
