"""The console projected for the room, with one mirrored screen: readable from the back, workable by the facilitator.

The timer grows with the window, rounds can be worked without telling the room who passed
or naming anyone, and lists that do not fit say so and page instead of being cut.
"""

from __future__ import annotations

import re

from textual.geometry import Region
from textual.widget import Widget

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.wall.paged_list import PagedList
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.usecases import capture
from tests.helpers import rendered_text
from tests.ui.snapshot_app import Year


def runner_of(app: MeetingkitApp) -> RunnerScreen:
    assert isinstance(app.screen, RunnerScreen)
    return app.screen


def drawn(widget: Widget) -> str:
    """Everything the widget draws, its border included."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


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



async def test_a_round_is_worked_while_projected_without_telling_the_room_who_passed(
    store: Store, library: AgendaLibrary, year: Year
) -> None:
    """Enter and x mark turns as ever; the room sees numbers and organisations, "heard" for both."""
    app = create_app(store, library, open_meeting=year.today)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        await pilot.press("p")
        await pilot.pause()
        round_panel = runner.query_one("#round")
        assert round_panel.display and app.focused is round_panel
        await pilot.press("enter", "x")
        await pilot.pause()
        run = runner.session.current
        assert run is not None
        people = {p.id: p.name for p in runner.session.attendees}
        turns = {people[person]: outcome.value for person, outcome in store.meetings.round_turns(run.id).items()}
        assert turns == {"Dana": "spoke", "settlement worker": "passed"}
        shown = rendered_text(round_panel)
        assert "Round: anyone may pass" in shown and "x passed" not in shown
        assert shown.count("heard") == 2 and "waiting" in shown
        for private in ("Dana", "Sam", "settlement worker", "spoke", "passed"):
            assert private not in shown.replace("anyone may pass", "")
        assert "1  school board" in shown and "2  OCISO" in shown
        await pilot.press("p")
        await pilot.pause()
        shown = rendered_text(round_panel)
        assert "Dana, school board" in shown and "passed" in shown.replace("x passed", "")


async def test_projected_boards_and_what_was_agreed_page_instead_of_cutting(
    store: Store, library: AgendaLibrary, year: Year
) -> None:
    """More terms and agreements than fit at 80×24: each list says how many are out of view, and turns its pages."""
    for number in range(12):
        capture.name_jargon(store, year.today, f"Acronym {number}")
        capture.add_agreement(store, year.today, f"Agreement number {number}")
    app = create_app(store, library, open_meeting=year.today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        board = runner.query_one(JargonBoard)
        assert board.border_subtitle == ""  # the facilitator's own screen scrolls as ever
        await pilot.press("p")
        await pilot.pause()
        terms = len(board.terms)
        more = re.fullmatch(r"\+(\d+) more", str(board.border_subtitle))
        assert more and 0 < int(more[1]) < terms
        agreed = runner.query_one("#agreed-pages", PagedList)
        assert agreed.display and agreed.page_count > 1 and "more · page 1 of" in str(agreed.render())
        shown = ""
        for _ in range(terms):  # what the runner does every few seconds while projected
            shown += drawn(board)

            runner._turn_pages()
            await pilot.pause()
        assert all(term.display in shown for term in board.terms)  # every term was on the wall in turn
        assert agreed.page > 0 and "page 1 of" not in str(agreed.render())  # what was agreed turned its pages too


async def test_every_projected_page_starts_with_a_whole_entry(store: Store, library: AgendaLibrary, year: Year) -> None:
    """Long elephants and a short one at 80×24: each page the room sees begins at the start of an
    elephant, the last page too (clamped to the end of the list, it began part-way through one)."""
    from meetingkit.ui.widgets.parking_lot import ParkingLotBoard

    for number in range(3):
        capture.raise_elephant(store, year.today, f"Elephant {number}: " + "we keep meeting about the same thing " * 3)
    capture.raise_elephant(store, year.today, "Short one")
    app = create_app(store, library, open_meeting=year.today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        runner = runner_of(app)
        lot = runner.query_one(ParkingLotBoard)
        starts = {start for start, _ in lot._spans()}
        tops = []
        for _ in range(2 * len(starts)):
            runner._turn_pages()
            await pilot.pause()
            tops.append(round(lot.scroll_y))
        assert set(tops) - {0}, "the lot has more than one page"
        assert set(tops) <= starts, (tops, sorted(starts))
        shown = ""
        for _ in range(2 * len(starts)):
            shown += drawn(lot)
            runner._turn_pages()
            await pilot.pause()
        assert "Short one" in shown
