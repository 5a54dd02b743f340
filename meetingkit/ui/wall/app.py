"""The wall app: follows the meeting in progress on a file and shows the room what it may see.

Read-only from end to end: the store is opened for reading only, the app has no key that
changes anything, and it quits only when asked twice (`q`, then yes) or with ctrl+q.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.css.query import NoMatches

from meetingkit.core.crash import wall_crash_notice
from meetingkit.core.i18n import N_, _
from meetingkit.core.presence import BEAT_SECONDS, Heartbeat
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.crash import CalmApp
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.theme import PROJECTOR_THEME
from meetingkit.ui.wall.screen import WallScreen
from meetingkit.usecases.wall import WallFollower, WallState, WallView

WATCH_INTERVAL_SECONDS = 0.1
"""How often to ask SQLite whether another process committed: the room sees a capture within 0.3 s."""

TICK_SECONDS = 0.25
"""How often the timer is recomputed from the stored times."""

REREAD_SECONDS = 5.0
"""How often the wall reads again with no commit seen (a `meetingkit serve` starting, waiting times)."""

PAGE_SECONDS = 8.0
"""How long a page of a list that does not fit stays up before the next."""


class WallApp(Localised, CalmApp[int]):
    """`meetingkit wall`: the projector's view of the meeting in progress."""

    TITLE = "meetingkit wall"
    crash_program = "wall"
    ENABLE_COMMAND_PALETTE = False  # its commands include a screenshot, and nothing the room needs

    BINDINGS = [
        Binding("q", "ask_to_quit", N_("Quit"), id="wall.quit", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="wall.quit_now", show=False, priority=True),
    ]

    def crash_notice(self, log: Path | None) -> str:
        """On the projector after a crash: calm words for the room, nothing from the meeting."""
        return wall_crash_notice(log)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.follower = WallFollower(store)
        """Which meeting the wall follows; it reads, never writes."""
        self.view = WallView(WallState.WAITING)
        """What the wall shows, as last read."""
        self.register_theme(PROJECTOR_THEME)
        self.theme = PROJECTOR_THEME.name
        self.wall = WallScreen(store.path)
        self.heartbeat = Heartbeat(store.path)
        """Tells the console on this computer that a wall shows the file, without writing the file."""

    async def on_mount(self) -> None:
        await self.push_screen(self.wall)
        self.reread()
        self.set_interval(WATCH_INTERVAL_SECONDS, self.watch_database)
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(REREAD_SECONDS, self.reread)
        self.set_interval(PAGE_SECONDS, self.wall.turn_pages)
        self.heartbeat.beat()
        self.set_interval(BEAT_SECONDS, self.heartbeat.beat)

    def on_unmount(self) -> None:
        self.heartbeat.stop()

    def watch_database(self) -> None:
        """Read again when another process (the console, a second terminal, a browser) committed."""
        try:
            changed = self.store.changed_elsewhere()
        except Exception:  # noqa: BLE001 - the file went away or is being replaced: the next read says so calmly
            changed = True
        if changed:
            self.reread()

    def reread(self) -> None:
        """Read what the room may see now, and show it."""
        self.view = self.follower.read()
        try:
            self.wall.show(self.view, self.store.clock.now())
        except NoMatches:
            # A timer that fired while the app closes: the screen's widgets are already gone
            # (seen once in the suite). Anything else missing is a fault, and says so.
            if not (self._exit or self.wall._closing or self.wall._pruning):
                raise

    def tick(self) -> None:
        if self.view.state is WallState.RUNNING and self.screen is self.wall:
            self.wall.tick(self.view, self.store.clock.now())

    def action_ask_to_quit(self) -> None:
        if self.screen is not self.wall:
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        self.push_screen(
            ConfirmDialog(_("Stop showing the wall?"), _("The meeting itself carries on."), yes=_("Stop"),
                          no=_("Keep showing"), default_no=True),
            answered,
        )


def create_wall_app(store: Store) -> WallApp:
    """Build the wall around a store opened for reading; the CLI and the tests both use this."""
    return WallApp(store)
