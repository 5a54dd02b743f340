"""Over-long input is refused with a message, never a crash: a paste of 3,000 or a million characters
into the fields that act on every change (the glossary filter while projecting, the review search,
the export path), and pasted tabs that grow past the limit once cleaned."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.audience import Audience
from meetingkit.core.text import LINE_LIMIT
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.boards import GlossaryScreen
from meetingkit.ui.screens.search import SearchScreen
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.usecases.meetings import end_meeting, start_meeting
from tests.helpers import board_lines

TOO_LONG = "Too long for this field"


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"])
    store.jargon.mention(meeting.id, "ISP")
    store.jargon.mention(meeting.id, "SECRET-TERM", confidential=True)
    return meeting


def messages(pilot: Pilot) -> list[str]:
    return [notification.message for notification in pilot.app._notifications]


async def paste(pilot: Pilot, field: LineInput, text: str) -> None:
    """As a terminal delivers a paste: one Paste event to the focused field."""
    field.focus()
    field.post_message(events.Paste(text))
    await pilot.pause()


@pytest.mark.parametrize("length", [3_000, 1_000_000])
async def test_a_long_paste_into_the_glossary_filter_while_projecting_is_refused(
    store: Store, library: AgendaLibrary, meeting, length: int
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.press("J")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen) and app.screen.audience is Audience.ROOM
        field = app.screen.query_one("#glossary-filter", LineInput)
        await paste(pilot, field, "I")
        await paste(pilot, field, "x" * length)
        assert field.value == "I"  # refused whole; the filter typed so far stays
        assert any(TOO_LONG in message and f"{LINE_LIMIT:,}" in message for message in messages(pilot))
        assert board_lines(app.screen.query_one("#board-list"))[0].startswith("ISP")
        await pilot.press("S")  # typing still works
        assert field.value == "IS" and app.is_running


async def test_pasted_tabs_that_grow_past_the_limit_keep_the_last_good_filter(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("J")
        await pilot.pause()
        field = app.screen.query_one("#glossary-filter", LineInput)
        await paste(pilot, field, "I" + "\t" * 600 + "SP")  # fits the field; four spaces a tab once cleaned
        assert len(field.value) == 603 and any(TOO_LONG in message for message in messages(pilot))
        assert app.is_running and board_lines(app.screen.query_one("#board-list"))


@pytest.mark.parametrize("length", [3_000, 1_000_000])
async def test_a_long_paste_into_the_review_search_is_refused(
    store: Store, library: AgendaLibrary, meeting, length: int
) -> None:
    end_meeting(store, meeting.id)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        field = app.screen.query_one("#search-words", LineInput)
        await paste(pilot, field, "x " * 20_000)  # over 10,000 crashed the search before
        await paste(pilot, field, "y" * length)
        assert field.value == "" and app.is_running
        assert any(TOO_LONG in message for message in messages(pilot))
        await paste(pilot, field, "isp " * 400)  # the longest search there may be still answers
        await pilot.pause()
        assert len(app.screen.hits) == 1 and app.is_running


async def test_a_long_paste_into_the_export_path_is_refused_and_a_too_long_name_explained(
    store: Store, library: AgendaLibrary, meeting, tmp_path: Path
) -> None:
    end_meeting(store, meeting.id)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        field = app.screen.query_one("#export-path", LineInput)
        before = field.value
        await paste(pilot, field, "x" * 1_000_000)
        assert field.value == before and any(TOO_LONG in message for message in messages(pilot))
        field.value = str(tmp_path / ("x" * 3_000))  # a name no disk takes
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and "Cannot write there" in str(app.screen.query_one("#export-message").render())
