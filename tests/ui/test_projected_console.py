"""The console projected for the room, with one mirrored screen: readable from the back, workable by the facilitator.

The timer grows with the window, rounds can be worked without telling the room who passed
or naming anyone, and lists that do not fit say so and page instead of being cut.
"""

from __future__ import annotations

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.screens.runner import RunnerScreen
from tests.helpers import rendered_text
from tests.ui.snapshot_app import Year, a_year_of_meetings


@pytest.fixture
def year(store: Store, clock: FrozenClock, library: AgendaLibrary) -> Year:
    return a_year_of_meetings(store, clock, library)


def runner_of(app: MeetingkitApp) -> RunnerScreen:
    assert isinstance(app.screen, RunnerScreen)
    return app.screen


def block_rows(runner: RunnerScreen) -> int:
    """How many rows of block digits the timer draws."""
    return sum(1 for line in rendered_text(runner.query_one("#big-timer")).splitlines() if "█" in line)


async def test_the_projected_timer_is_several_rows_tall_and_grows_with_the_window(
    store: Store, library: AgendaLibrary, year: Year
) -> None:
    heights = []
    for size in [(80, 24), (120, 36)]:
        app = create_app(store, library, open_meeting=year.today)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            runner = runner_of(app)
            assert block_rows(runner) == 0  # the facilitator's own screen keeps the compact digits
            await pilot.press("p")
            await pilot.pause()
            assert not runner.query_one("#timer").display
            heights.append(block_rows(runner))
            await pilot.press("p")
    assert heights[0] >= 5 and heights[1] > heights[0]
