"""Whatever is typed — markup, escape sequences, bidi controls, emoji, a megabyte — goes through capture,
store and every board line as exactly the sanitised text, and never as markup or terminal commands."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import (
    Action,
    Agreement,
    BoardTerm,
    Elephant,
    ElephantStatus,
    Meaning,
    TurningPoint,
)
from meetingkit.core.text import LINE_LIMIT, TextTooLong, jargon_key, sanitise
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.boards import glossary_line, parking_line, timeline_line
from meetingkit.ui.widgets.business import action_line, agreement_line
from meetingkit.ui.widgets.jargon_board import JargonBoard, term_line
from meetingkit.ui.widgets.parking_lot import elephant_line
from tests.helpers import HOSTILE_TEXT, rendered_text

NOW = datetime(2026, 11, 24, 14, tzinfo=UTC)

def plain(content) -> str:
    return content.plain


@given(HOSTILE_TEXT)
@settings(max_examples=300)
def test_sanitising_is_stable_and_leaves_no_control_characters(text: str) -> None:
    cleaned = sanitise(text, limit=100_000)
    assert sanitise(cleaned, limit=100_000) == cleaned
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in cleaned)
    assert not set(cleaned) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(HOSTILE_TEXT.filter(lambda t: sanitise(t, limit=100_000) and jargon_key(t)))
@settings(max_examples=150)
def test_every_board_line_shows_the_sanitised_text_literally(text: str) -> None:
    """Each renderer builds Content from plain strings: markup in user text is never interpreted."""
    shown = sanitise(text)
    term = BoardTerm(id="t", display=shown, tally=2, total=3, meanings=(Meaning("m", shown, shown),), plain_words=shown)
    elephant = Elephant(id="e", text=shown, status=ElephantStatus.PARKED, raised_at=NOW, said_by=shown)
    point = TurningPoint(id="p", meeting_id="m", marked_at=NOW, section=shown, note=shown, opened_up=shown)
    for line in (
        term_line(term, projecting=False),
        term_line(term, projecting=True),
        glossary_line(term),
        elephant_line(elephant, NOW, projecting=False),
        parking_line(elephant, NOW),
        timeline_line(point),
        agreement_line(Agreement(id="a", meeting_id="m", text=shown, parties=(shown,)), today=None),
        action_line(Action(id="x", meeting_id="m", text=shown, owner=shown), today=None),
    ):
        assert shown in plain(line)


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("P")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)


@given(text=HOSTILE_TEXT.filter(lambda t: bool(jargon_key(t))))
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_captures_round_trip_through_the_store_exactly(store: Store, meeting, text: str) -> None:
    shown = sanitise(text)
    term_id, _ = store.jargon.mention(meeting.id, text)
    elephant_id = store.boards.raise_elephant(meeting.id, text)
    action = store.business.add_action(meeting.id, text)
    # The store lives across examples, so the term may carry an earlier spelling of the same key.
    assert jargon_key(store.jargon.board_term(term_id).display) == jargon_key(shown)
    assert store.boards.elephant(elephant_id).text == shown
    assert store.business.action(action.id).text == shown


HOSTILE_LINES = [
    "[bold red]shout[/] [@click=app.quit] [$accent] [Upper]",
    "clear\x1b[2Jscreen and \x1b]52;c;ZXZpbA==\x07 clipboard",
    "مرحبا ISP שלום \u202eevil\u202c",
    "🐘 e\u0301 Z\u0351\u0315a\u0362lgo 👩🏽‍🏫",
]


async def test_hostile_captures_through_real_keys_show_literally(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        for line in HOSTILE_LINES:
            await pilot.press("j")
            await pilot.pause()
            app.screen.query_one("#capture-text").insert_text_at_cursor(line)  # as a paste would
            await pilot.press("enter")
            await pilot.pause()
            if app.screen.query("#capture-text"):  # the identifying-details look, if any
                await pilot.press("enter")
                await pilot.pause()
        assert app.is_running, "no markup action (such as app.quit) ran"
        board = app.screen.query_one(JargonBoard)
        assert [t.display for t in board.terms] == [sanitise(line) for line in HOSTILE_LINES]
        app.notify(HOSTILE_LINES[0], markup=False)
        await pilot.pause()


async def test_a_megabyte_paste_is_refused_with_a_message_and_kept(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    huge = "word " * 200_000
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#capture-text")
        field.insert_text_at_cursor(huge)
        await pilot.press("enter")
        await pilot.pause()
        message = rendered_text(app.screen.query_one("#form-message"))
        assert "1,000,000 characters" in message or "999,999 characters" in message
        assert len(field.value) == len(huge)  # nothing was cut
    assert store.boards.meeting_elephants(meeting.id) == []
    with pytest.raises(TextTooLong):
        sanitise(huge, limit=LINE_LIMIT)
