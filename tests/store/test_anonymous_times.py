"""An anonymous capture's times are cut to the minute, yet never earlier than its meeting's start
(issue 15): one raised in the meeting's first minute says the start instead of the minute before
it, and an elephant never counts the meeting it was raised in among those it waited through,
whatever times a file from before this holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ElephantStatus
from meetingkit.store import Store

DAY = 24 * 3600


@pytest.fixture
def first(store: Store, library: AgendaLibrary, clock: FrozenClock):
    """A meeting started at 14:05:30.250, half way through a minute."""
    clock.advance(5 * 60 + 30.25)
    partnership = store.partnerships.ensure("Settlement & Schools")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"], title="October").id)


def later_meeting(store: Store, library: AgendaLibrary, previous, clock: FrozenClock, title: str):
    """The next meeting, a month on, started half way through a minute too."""
    store.meetings.end(previous.id)
    clock.advance(30 * DAY)
    return store.meetings.start(
        store.meetings.create(previous.partnership_id, library.agendas["operational"], title=title).id
    )


def raw(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(sql, params).fetchall()
    connection.close()
    return rows


def test_an_anonymous_capture_in_the_first_minute_is_not_earlier_than_the_meeting(
    store: Store, first, clock: FrozenClock, db_path: Path
) -> None:
    started = raw(db_path, "SELECT started_at FROM meetings WHERE id = ?", (first.id,))[0][0]
    assert started == "2026-11-24T14:05:30.250Z"
    clock.advance(12)  # 14:05:42: cut to the minute, 14:05:00 would be before the start
    elephant = store.boards.raise_elephant(first.id, "Numbers, not time at the school")
    store.jargon.mention(first.id, "ISP")
    store.boards.mark_turning_point(first.id, note="An apology")
    store.business.add_action(first.id, "Share the timetable")
    times = [
        *raw(db_path, "SELECT raised_at, created_at, updated_at FROM elephants"),
        *raw(db_path, "SELECT changed_at, created_at FROM elephant_events"),
        *raw(db_path, "SELECT mentioned_at, created_at FROM jargon_mentions"),
        *raw(db_path, "SELECT marked_at, created_at FROM turning_points"),
        *raw(db_path, "SELECT opened_at, created_at FROM actions"),
    ]
    assert {time for row in times for time in row} == {started}, "the start, nothing finer than the minute said"
    assert store.boards.elephant(elephant).raised_at >= first.started_at

    clock.advance(60)  # 14:06:42: a later minute is cut to the minute as before
    store.boards.raise_elephant(first.id, "Funding competition")
    assert raw(db_path, "SELECT max(raised_at) FROM elephants")[0][0] == "2026-11-24T14:06:00.000Z"


def test_a_named_capture_keeps_its_precise_time(store: Store, first, clock: FrozenClock, db_path: Path) -> None:
    clock.advance(12)
    board = store.partnerships.ensure_organisation(first.partnership_id, "school board")
    store.boards.raise_elephant(first.id, "Caseloads", attribution=Attribution.ORGANISATION, organisation_id=board.id)
    assert raw(db_path, "SELECT raised_at FROM elephants")[0][0] == "2026-11-24T14:05:42.250Z"


def test_an_elephant_raised_in_the_first_minute_has_waited_no_meeting_yet(
    store: Store, library: AgendaLibrary, first, clock: FrozenClock
) -> None:
    clock.advance(5)
    elephant = store.boards.raise_elephant(first.id, "Numbers, not time at the school")
    assert store.boards.elephant(elephant).meetings_waited == 0
    november = later_meeting(store, library, first, clock, "November")
    [waiting] = store.boards.open_elephants(november.id)
    assert waiting.meetings_waited == 0  # October is where it was raised; November is asking
    december = later_meeting(store, library, november, clock, "December")
    [waiting] = store.boards.open_elephants(december.id)
    assert waiting.meetings_waited == 1
    clock.advance(5)  # in December's first minute, as it began
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=december.id, note="Talked")
    resolved = store.boards.elephant(elephant)
    assert resolved.resolved_at is not None and resolved.resolved_at >= december.started_at
    assert resolved.meetings_waited == 2  # November and December, where it was addressed


def test_the_wait_is_counted_right_from_a_file_whose_anonymous_times_fall_before_their_meeting(
    store: Store, library: AgendaLibrary, first, clock: FrozenClock, db_path: Path
) -> None:
    """A file written before the times were kept from falling before the start: the count does not
    trust them to be after it."""
    clock.advance(5)
    elephant = store.boards.raise_elephant(first.id, "Numbers, not time at the school")
    november = later_meeting(store, library, first, clock, "November")
    clock.advance(5)
    store.boards.set_elephant_status(elephant, ElephantStatus.LET_GO, meeting_id=november.id, note="Out of our hands")
    other = store.boards.raise_elephant(november.id, "Funding competition")
    raw(db_path, "UPDATE elephants SET raised_at = substr(raised_at, 1, 16) || ':00.000Z',"
                 " resolved_at = substr(resolved_at, 1, 16) || ':00.000Z'")
    assert raw(db_path, "SELECT count(*) FROM elephants e JOIN meetings m ON m.id = e.raised_meeting_id"
                        " WHERE e.raised_at < m.started_at")[0][0] == 2, "the times as an older file held them"
    assert store.boards.elephant(elephant).meetings_waited == 1  # November, where it was let go
    assert store.boards.elephant(other).meetings_waited == 0
    december = later_meeting(store, library, november, clock, "December")
    [waiting] = store.boards.open_elephants(december.id)
    assert (waiting.id, waiting.meetings_waited) == (other, 0)
    assert {e.id: e.meetings_waited for e in store.boards.parking_lot(first.partnership_id)} == {
        elephant: 1, other: 1,
    }
