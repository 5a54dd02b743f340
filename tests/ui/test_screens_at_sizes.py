"""Every main screen laid out at the smallest supported terminal (80×24) and a common one (120×36).

Each check asserts what a person must be able to see. Set MEETINGKIT_SCREENSHOTS to a folder to
also save the screens as SVG for a person to look at (`rsvg-convert` turns them into PNG).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.screens.summary import SummaryScreen
from tests.helpers import rendered_text

SIZES = [(80, 24), (120, 36)]


def fully_visible(widget: Widget, size: tuple[int, int]) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and region.right <= size[0] and region.bottom <= size[1]


def keep_screenshot(app: MeetingkitApp, name: str, size: tuple[int, int]) -> None:
    folder = os.environ.get("MEETINGKIT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        app.save_screenshot(f"{name}-{size[0]}x{size[1]}.svg", path=folder)


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary, clock: FrozenClock):
    partnership = store.partnerships.ensure("Newcomer Families Partnership")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"], title="Monthly coordination")
    for name, organisation in [("Dana", "school board"), ("settlement worker", "OCISO"), ("Sam", "school board")]:
        store.meetings.add_attendee(meeting.id, name, organisation)
    store.meetings.start(meeting.id)
    clock.advance(7 * 60)
    store.meetings.go_to_section(meeting.id, 2)
    clock.advance(200)
    store.business.add_agreement(meeting.id, "Workers are school-based but not school-bound")
    store.business.add_action(meeting.id, "Share the term timetable", due_on=None)
    store.business.add_action(meeting.id, "Call about the family we discussed", confidential=True)
    return meeting


@pytest.mark.parametrize("size", SIZES)
async def test_runner_fits_and_shows_section_timer_prompts_and_business(
    store: Store, library: AgendaLibrary, meeting, size: tuple[int, int]
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        for selector in ("#sidebar-panel", "#section-title", "#timer", "#prompts", "#round", "Footer"):
            assert fully_visible(runner.query_one(selector), size), selector
        assert runner.query_one("#timer").region.height == 3
        keep_screenshot(app, "runner", size)

        await pilot.press("p")
        await pilot.pause()
        for selector in ("#section-title", "#big-timer", "#prompts", "#round", "#boards", "#agreed-pages"):
            assert fully_visible(runner.query_one(selector), size), selector
        assert "Workers are school-based" in rendered_text(runner.query_one("#agreed-pages"))
        assert "family we discussed" not in rendered_text(runner.query_one("#agreed-pages"))
        keep_screenshot(app, "runner-projection", size)


def above_the_footer(widget: Widget, size: tuple[int, int]) -> bool:
    return fully_visible(widget, size) and widget.region.bottom <= size[1] - 1


@pytest.mark.parametrize("size", SIZES)
async def test_runner_keeps_every_part_and_the_main_keys_on_screen_and_notes_where_they_are_typed(
    store: Store, library: AgendaLibrary, meeting, size: tuple[int, int]
) -> None:
    """The business and the keys for the elephant, a turning point and ending are on screen;
    open notes are drawn where the facilitator types, in place of the boards when space is short."""
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        for selector in ("#round", "#boards", "#moments", "#business-scroll"):
            assert above_the_footer(runner.query_one(selector), size), selector
        keys = {key.action: key for key in runner.query(FooterKey)}
        for action in ("next_section", "notes", "agreement", "action", "jargon", "elephant", "turning_point",
                       "end_meeting", "help"):
            assert action in keys and fully_visible(keys[action], size), action
        if size[0] >= 100:  # pausing, projecting and quitting too, once there is room for them
            for action in ("toggle_pause", "projection", "leave", "command_palette"):
                assert action in keys and fully_visible(keys[action], size), action
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*"Waitlist is six weeks")
        await pilot.pause()
        notes = runner.query_one("#notes")
        assert above_the_footer(notes, size) and notes.region.height >= 6
        assert "Waitlist is six weeks" in rendered_text(notes)
        await pilot.press("escape")
        await pilot.pause()
        for selector in ("#round", "#boards", "#business-scroll"):
            assert above_the_footer(runner.query_one(selector), size), selector


@pytest.mark.parametrize("size", SIZES)
async def test_summary_fits(store: Store, library: AgendaLibrary, meeting, size: tuple[int, int]) -> None:
    store.records.end_and_summarise(meeting.id)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert fully_visible(summary.query_one("#summary-heading"), size)
        # The time table ends the minutes (issue 17): scrolled to, it fits whole.
        summary.query_one("#summary-sections").scroll_visible(animate=False)
        await pilot.pause()
        assert fully_visible(summary.query_one("#summary-sections"), size)
        assert "Monthly coordination" in rendered_text(summary.query_one("#summary-heading"))
        keep_screenshot(app, "summary", size)


@pytest.mark.parametrize("size", SIZES)
async def test_home_with_a_meeting_fits(store: Store, library: AgendaLibrary, meeting, size: tuple[int, int]) -> None:
    store.meetings.end(meeting.id)
    app = create_app(store, library)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for selector in ("#partnerships", "#recent-meetings", "#agendas", "#agenda-preview", "Footer"):
            assert fully_visible(app.screen.query_one(selector), size), selector
        assert "Monthly coordination" in rendered_text(app.screen.query_one("#recent-meetings"))
        keep_screenshot(app, "home", size)


@pytest.mark.parametrize("size", SIZES)
async def test_new_meeting_form_fits(store: Store, library: AgendaLibrary, size: tuple[int, int]) -> None:
    app = create_app(store, library)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for selector in ("#partnership", "#agenda", "#attendee"):
            assert fully_visible(app.screen.query_one(selector), size), selector
        keep_screenshot(app, "new-meeting", size)
