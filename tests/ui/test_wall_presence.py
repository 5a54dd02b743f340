"""The console knows when a `meetingkit wall` shows its file: a real wall app and the console, on one file.

The wall opens the file read-only; it says it is alive with a heartbeat in the user's state folder
(the tests' own temporary home), never with a write to the database.
"""

from __future__ import annotations

from pathlib import Path

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.wall.app import create_wall_app
from tests.helpers import every_row, rendered_text
from tests.ui.snapshot_app import Year


def title(runner: RunnerScreen) -> str:
    return rendered_text(runner.query_one("#runner-title"))


async def test_the_console_says_when_a_wall_is_live_and_what_it_shows(
    looking: Store, db_path: Path, store: Store, library: AgendaLibrary, year: Year
) -> None:
    console = create_app(store, library, open_meeting=year.today)
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = console.screen
        assert isinstance(runner, RunnerScreen)
        assert "wall" not in title(runner)
        before = every_row(db_path)
        wall = create_wall_app(looking)
        async with wall.run_test(size=(80, 24)) as wall_pilot:
            await wall_pilot.pause()
            assert every_row(db_path) == before  # the wall said so without writing the file
            runner._look_for_walls()  # what the runner does every couple of seconds
            await pilot.pause()
            assert "wall live" in title(runner)
            await pilot.press("b")
            await pilot.pause()
            assert "wall blanked" in title(runner)
            await pilot.press("b")
            await pilot.pause()
            assert "wall live" in title(runner)
            await pilot.press("p")  # projected: the room has no use for it
            await pilot.pause()
            assert "wall" not in title(runner)
            await pilot.press("p")
            await pilot.pause()
            assert "wall live" in title(runner)
        runner._look_for_walls()
        await pilot.pause()
        assert "wall" not in title(runner)  # the wall was closed: its heartbeat went with it
