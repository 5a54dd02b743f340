"""The Database's transactions: they nest, they roll back whole, and they wait their turn for the lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import meetingkit.store.database as database
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.text import terminal_safe
from meetingkit.store import ReadOnlyDatabase, Store, StoreBusy
from tests.helpers import every_row


class Boom(Exception):
    """A fault injected inside a transaction."""


def names(store: Store) -> list[str]:
    return [row["name"] for row in store.db.rows("SELECT name FROM partnerships ORDER BY name")]


@pytest.fixture
def holder(db_path: Path, store: Store) -> Iterator[sqlite3.Connection]:
    """Another process's connection to the same file, holding nothing yet."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_a_nested_transaction_that_fails_undoes_only_its_own_work(store: Store) -> None:
    with store.db.transaction():
        store.partnerships.ensure("Kept before")
        with pytest.raises(Boom):
            with store.db.transaction():
                store.partnerships.ensure("Undone")
                raise Boom
        store.partnerships.ensure("Kept after")
    assert names(store) == ["Kept after", "Kept before"]


def test_a_failure_in_the_outer_transaction_undoes_everything_even_released_savepoints(store: Store) -> None:
    store.partnerships.ensure("There before")
    with pytest.raises(Boom):
        with store.db.transaction():
            store.partnerships.ensure("Outer")
            with store.db.transaction():
                store.partnerships.ensure("Inner, released")
            raise Boom
    assert names(store) == ["There before"]
    assert not store.db.in_transaction


def test_a_fault_between_the_steps_of_ending_a_meeting_leaves_the_file_as_it_was(
    store: Store, library: AgendaLibrary, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partnership = store.partnerships.ensure("Schools and settlement")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.boards.raise_elephant(meeting.id, "Funding by client numbers")
    before = every_row(db_path)

    def fail(meeting_id: str, summary: dict[str, Any]) -> None:
        raise Boom

    monkeypatch.setattr(store.meetings, "save_summary", fail)
    with pytest.raises(Boom):
        store.records.end_and_summarise(meeting.id)
    assert every_row(db_path) == before
    assert store.meetings.get(meeting.id).ended_at is None


def test_ending_a_meeting_saves_its_summary_with_it(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("Schools and settlement")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    summary = store.records.end_and_summarise(meeting.id)
    ended = store.meetings.get(meeting.id)
    assert ended.ended_at is not None and ended.summary == summary


def test_a_read_only_database_refuses_to_begin_a_transaction(store: Store) -> None:
    store.db.read_only = True  # as on read-only media, which root cannot make in a test
    with pytest.raises(ReadOnlyDatabase):
        with store.db.transaction():
            pass


def test_a_transaction_waits_for_another_writer_and_goes_ahead_when_it_lets_go(
    store: Store, holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 0")  # SQLite's own wait, which would make the test slow
    waits: list[float] = []

    def back_off(seconds: float) -> None:  # instead of sleeping: the other writer commits meanwhile
        waits.append(seconds)
        if len(waits) == 2:
            holder.execute("COMMIT")

    monkeypatch.setattr(database.time, "sleep", back_off)
    with store.db.transaction():
        store.partnerships.ensure("Waited its turn")
    assert len(waits) == 2
    assert names(store) == ["Waited its turn"]


def test_a_transaction_gives_up_and_says_so_when_the_lock_stays_taken(
    store: Store, holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 0")
    monkeypatch.setattr(database, "WRITE_PATIENCE_SECONDS", 0.0)
    monkeypatch.setattr(database.time, "sleep", lambda seconds: None)
    with pytest.raises(StoreBusy):
        with store.db.transaction():
            store.partnerships.ensure("Never written")
    holder.execute("ROLLBACK")
    assert names(store) == []


def test_a_snapshot_reads_the_file_as_it_was_when_it_began(store: Store, holder: sqlite3.Connection) -> None:
    """Another process commits between two reads of a snapshot: the snapshot does not see it."""
    store.partnerships.ensure("Before")
    with store.db.snapshot():
        first = names(store)
        holder.execute(
            "INSERT INTO partnerships (id, name, created_at, updated_at) VALUES ('x', 'Meanwhile', '2026-09-01T09:00:00.000Z', '2026-09-01T09:00:00.000Z')"
        )
        assert names(store) == first == ["Before"]
    assert names(store) == ["Before", "Meanwhile"]


def test_a_snapshot_takes_no_write_lock_and_works_on_a_read_only_file(store: Store, holder: sqlite3.Connection) -> None:
    """A long export must never make a facilitator's capture wait, nor fail on a read-only stick."""
    with store.db.snapshot():
        names(store)
        holder.execute("BEGIN IMMEDIATE")  # would wait (and fail) if the snapshot held the write lock
        holder.execute("ROLLBACK")
    store.db.read_only = True
    with store.db.snapshot():
        assert names(store) == []


def test_no_write_starts_inside_a_snapshot(store: Store) -> None:
    with store.db.snapshot(), pytest.raises(RuntimeError, match="inside snapshot"):
        store.partnerships.ensure("Refused")
    assert names(store) == []


CELLS = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.binary(max_size=8),
    st.text(max_size=12),
    st.text(alphabet="ab\x1b[]\x07\x00\n\t\u202e\x9b", max_size=12),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(CELLS, min_size=1, max_size=6))
def test_every_row_read_comes_back_terminal_safe_in_every_column_and_clean_rows_as_they_are(
    store: Store, cells: list[Any]
) -> None:
    """Text another tool wrote reaches no screen with a control sequence in it, whichever column it
    is in; text, numbers and bytes that are already safe come back as they were."""
    placeholders = ", ".join("?" for _ in cells)
    row = store.db.rows(f"SELECT {placeholders}", cells)[0]
    assert tuple(row) == tuple(terminal_safe(cell) if isinstance(cell, str) else cell for cell in cells)
