"""The file itself refuses what the app cannot read (migration 9, issue 14): raw SQL writes of bad
values fail on a new file and on one upgraded from version 8; the upgrade keeps every row, rowid,
search index, history trigger and link; an older file's times written another way are repaired,
and a file with values that cannot be repaired is left as it was, with one line saying why."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import meetingkit.store.connection as store_connection
import meetingkit.store.database as store_base
from meetingkit.core.agendas import MAX_FILE_BYTES, TITLE_LIMIT, AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution
from meetingkit.core.text import NOTES_LIMIT
from meetingkit.store import Store
from meetingkit.store.errors import UpgradeRefused
from meetingkit.store.merge_checks import SLUG_LIMIT, SNAPSHOT_BYTES, TEXT_BYTES, problem
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tests.helpers import RunCli

START = datetime(2026, 9, 1, 9, 0, 27, tzinfo=UTC)

TABLES_8 = (
    "schema_migrations", "partnerships", "organisations", "people", "meetings", "attendance", "section_runs",
    "round_turns", "jargon_groups", "jargon_terms", "jargon_meanings", "jargon_mentions", "elephants",
    "elephant_events", "agreements", "agreement_parties", "turning_points", "actions", "tombstones",
    "row_versions", "join_attempts", "notes",
)


def fill(store: Store, library: AgendaLibrary) -> str:
    """A meeting with a little of everything, named and anonymous; returns its id."""
    partnership = store.partnerships.ensure("Northside")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id
    store.notes.add(meeting, "Waitlist is six weeks")
    store.boards.raise_elephant(meeting, "Funding follows client numbers")
    store.jargon.mention(meeting, "CAAP")
    store.business.add_action(meeting, "Call the school", due_on=date(2026, 9, 15))
    store.business.add_agreement(meeting, "Share the referral form", review_on=date(2026, 12, 1))
    store.boards.mark_turning_point(meeting, note="An apology for last time")
    return meeting


def version_8_file(path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch) -> str:
    """A file as meetingkit of schema 8 made it (migration 9 unknown), with a meeting in it."""
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:8])
        patch.setattr(store_base, "LATEST_VERSION", 8)
        patch.setattr(store_connection, "LATEST_VERSION", 8)
        with Store.open(path, clock=FrozenClock(START)) as store:
            assert store.schema_version() == 8
            return fill(store, library)


def raw(path: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            for statement in statements:
                connection.execute(statement, params) if "?" in statement else connection.execute(statement)
    finally:
        connection.close()


def everything(path: Path) -> dict[str, Any]:
    """Every row of every table with its rowid, and the names of every index and trigger."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rowid = {table: "" if table == "row_versions" else "rowid, " for table in TABLES_8}
        contents: dict[str, Any] = {
            table: connection.execute(f"SELECT {rowid[table]}* FROM {table} ORDER BY 1, 2").fetchall()
            for table in TABLES_8
        }
        contents["definitions"] = connection.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
        ).fetchall()
        for index in ("notes", "elephants", "actions", "agreements", "turning_points"):
            contents[f"search_{index}"] = connection.execute(
                f"SELECT rowid, body FROM search_{index} ORDER BY rowid").fetchall()
        return contents
    finally:
        connection.close()


@pytest.fixture(params=["new", "upgraded from version 8"])
def checked_file(request: pytest.FixtureRequest, tmp_path: Path, library: AgendaLibrary,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    """(a file at the latest version with a meeting in it, the meeting's id): made new, or made
    by version 8 and then opened by this one."""
    path = tmp_path / "checked.db"
    if request.param == "new":
        with Store.open(path, clock=FrozenClock(START)) as store:
            meeting = fill(store, library)
    else:
        meeting = version_8_file(path, library, monkeypatch)
        with Store.open(path, clock=FrozenClock(START)) as store:
            assert store.schema_version() == LATEST_VERSION
    yield path, meeting


BAD_WRITES = {
    "not a time": "UPDATE meetings SET started_at = 'not-a-time'",
    "a time without its zone": "UPDATE meetings SET started_at = '2026-09-01T09:00:00'",
    "30 February": "UPDATE meetings SET started_at = '2026-02-30T09:00:00.000Z'",
    "a creation time of 'yesterday'": "UPDATE jargon_mentions SET mentioned_at = 'yesterday'",
    "an empty stamp": "UPDATE partnerships SET updated_at = ''",
    "'evil' kind": "UPDATE section_runs SET kind = 'evil' WHERE position = 1",
    "unknown status": "UPDATE actions SET status = 'lost'",
    "unknown attribution": "UPDATE notes SET attribution = 'everyone'",
    "a due day of 'next friday'": "UPDATE actions SET due_on = 'next friday'",
    "a review day of 31 April": "UPDATE agreements SET review_on = '2026-04-31'",
    "bytes for text": "UPDATE elephants SET text = X'00ff'",
    "bytes for an id": "UPDATE notes SET meeting_id = CAST(meeting_id AS BLOB)",
    "text minutes": "UPDATE section_runs SET planned_minutes = '<img src=x onerror=alert(1)>' WHERE position = 2",
    "fractional minutes": "UPDATE section_runs SET planned_minutes = 2.5 WHERE position = 2",
    "negative minutes": "UPDATE section_runs SET planned_minutes = -5 WHERE position = 3",
    "text seconds": "UPDATE section_runs SET paused_seconds = 'a while'",
    "infinite seconds": "UPDATE section_runs SET paused_seconds = 1e999",
    "negative position": "UPDATE notes SET position = -1",
    "a flag of 2": "UPDATE elephants SET hidden = 2",
    "non-JSON snapshot": "UPDATE meetings SET agenda_snapshot = '{not json'",
    "a snapshot that is a list": "UPDATE meetings SET agenda_snapshot = '[1, 2]'",
    "a meeting type that is no slug": "UPDATE meetings SET meeting_type = 'Operational Meeting'",
    "an over-long text": f"UPDATE notes SET text = text || zeroblob({TEXT_BYTES})",
    "an over-long text behind a NUL": f"UPDATE elephants SET text = 'a' || char(0) || hex(zeroblob({TEXT_BYTES // 2}))",
    "an over-long name": f"UPDATE partnerships SET name = hex(zeroblob({TEXT_BYTES // 2 + 1}))",
}


@pytest.mark.parametrize("statement", BAD_WRITES.values(), ids=BAD_WRITES.keys())
def test_a_raw_write_of_a_value_the_app_cannot_read_is_refused(
    checked_file: tuple[Path, str], statement: str
) -> None:
    path, _ = checked_file
    before = everything(path)

    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        raw(path, statement)

    assert everything(path) == before


def test_the_apps_own_writes_at_its_limits_fit(checked_file: tuple[Path, str]) -> None:
    """The longest entry the app takes, in characters of four bytes each, is stored."""
    path, meeting = checked_file
    with Store.open(path, clock=FrozenClock(START)) as store:
        note = store.notes.add(meeting, "🐘" * NOTES_LIMIT)
        assert store.notes.get(note).text == "🐘" * NOTES_LIMIT
        store.meetings.end(meeting)


def test_the_limits_leave_room_for_everything_the_app_accepts() -> None:
    assert TEXT_BYTES >= 4 * NOTES_LIMIT  # the longest entry, every character four bytes of UTF-8
    assert SNAPSHOT_BYTES >= 2 * MAX_FILE_BYTES  # the largest template, its quotes escaped in JSON
    assert SLUG_LIMIT >= TITLE_LIMIT  # the longest type a template may give


SAMPLES: dict[tuple[str, str], list[Any]] = {
    ("meetings", "started_at"): [None, "2026-09-01T09:00:00.000Z", "2026-09-01T09:00:00Z", "2026-09-01T09:00:00.000+00:00",
                                 "2024-02-29T23:59:59.999Z", "2026-02-29T09:00:00.000Z", "2026-09-01T24:00:00.000Z",
                                 "now", 20260901, b"2026-09-01T09:00:00.000Z", "0000-01-01T00:00:00.000Z"],
    ("meetings", "meeting_type"): ["operational", "reflective-practice", "a1-b2", "-ops", "ops-", "a--b", "Ops",
                                   "o p", "", "x" * SLUG_LIMIT, "x" * (SLUG_LIMIT + 1), "café"],
    ("meetings", "agenda_snapshot"): ["{}", '{"a": [1, {"b": null}]}', "[]", "null", "{", '{"a": NaN}', " {} "],
    ("meetings", "current_position"): [0, 3, -1, 1.5, "2", "two"],
    ("section_runs", "kind"): ["round", "close", "Round", "evil", ""],
    ("section_runs", "paused_seconds"): [0, 0.5, 12, -0.5, 1e308, "1.5", "slow"],
    ("actions", "due_on"): [None, "2026-09-15", "2024-02-29", "2026-02-29", "2026-9-15", "2026-09-15T00:00:00.000Z",
                          "0000-01-01", "0001-01-01", "9999-12-31"],
    ("notes", "attribution"): ["anonymous", "named", "Anonymous", "nobody"],
    ("elephants", "hidden"): [0, 1, 2, -1, "1"],
    ("elephants", "text"): ["words", "x" * TEXT_BYTES, "x" * (TEXT_BYTES + 1), "é" * (TEXT_BYTES // 2),
                            "é" * (TEXT_BYTES // 2 + 1), b"words"],
}


@pytest.mark.parametrize("column", SAMPLES, ids=[".".join(key) for key in SAMPLES])
def test_the_file_and_the_merge_apply_the_same_rules(
    tmp_path: Path, library: AgendaLibrary, column: tuple[str, str]
) -> None:
    """Each value the file accepts is one a merge brings in, and each it refuses a merge leaves out.

    A merge reads values as the other file stored them (`'2'` written to a number column is
    stored as 2), so each is also written with the constraints switched off, as a hostile file's
    would be, and read back for the merge's verdict.
    """
    table, name = column
    path = tmp_path / "rules.db"
    with Store.open(path, clock=FrozenClock(START)) as store:
        fill(store, library)
        types = {row[1]: row[2] for row in store.db.execute(f"PRAGMA table_info({table})")}
    first_row = f"rowid = (SELECT min(rowid) FROM {table})"
    verdicts = []
    for value in SAMPLES[column]:
        try:
            raw(path, f"UPDATE {table} SET {name} = ? WHERE {first_row}", params=(value,))
            stored = True
        except sqlite3.IntegrityError:
            stored = False
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA ignore_check_constraints = ON")
            connection.execute(f"UPDATE {table} SET {name} = ? WHERE {first_row}", (value,))
            (as_stored,) = connection.execute(f"SELECT {name} FROM {table} WHERE {first_row}").fetchone()
            connection.rollback()
        finally:
            connection.close()
        verdicts.append((str(value)[:40], stored, problem(table, {name: as_stored}, types) is None))
    assert [(value, stored) for value, stored, _ in verdicts] == [(value, merged) for value, _, merged in verdicts]
    assert {stored for _, stored, _ in verdicts} == {True, False}  # the samples try both sides of the rule


def test_an_upgrade_from_version_8_keeps_every_row_rowid_index_and_trigger(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    meeting = version_8_file(path, library, monkeypatch)
    before = everything(path)
    assert any(rowid < 0 for rowid, *_ in before["elephants"])  # an anonymous capture, numbered apart

    with Store.open(path, clock=FrozenClock(START.replace(day=2))) as store:
        assert store.schema_version() == LATEST_VERSION
        after = everything(path)
        added = len(MIGRATIONS) - 8
        assert after["schema_migrations"][:-added] == before["schema_migrations"]
        assert after["schema_migrations"][-added][1:3] == (9, MIGRATIONS[8].name)
        # Later migrations add their own (10: what each site decided; 11: the history of changes,
        # and columns at the end of three tables; 13: indexes for a meeting's record); 9 keeps every
        # one it found.
        after["definitions"] = [d for d in after["definitions"]
                                if d[2] not in ("merge_conflicts", "changes") and not d[1].endswith("_conflicts_gone")
                                and d[1] not in ("jargon_mentions_first", "meetings_titled")]
        for table, rows in before.items():
            if table != "definitions" and rows and after.get(table):
                after[table] = [row[:len(rows[0])] for row in after[table]]
        after.pop("changes", None)
        assert {key: rows for key, rows in after.items() if key != "schema_migrations"} == {
            key: rows for key, rows in before.items() if key != "schema_migrations"}
        assert store.db.value("SELECT count(*) FROM sqlite_master WHERE name LIKE '%unchecked%'") == 0
        assert store.db.value("PRAGMA integrity_check") == "ok"
        assert store.db.rows("PRAGMA foreign_key_check") == []
        assert store.db.value("PRAGMA foreign_keys") == 1
        assert store.db.value("PRAGMA legacy_alter_table") == 0
        # Search still finds what was captured, and indexes what is captured now.
        assert [hit.kind for hit in store.records.search("waitlist")] == ["note"]
        assert len(store.records.search("funding")) == 1
        store.notes.add(meeting, "Zebra crossing outside the school")
        assert len(store.records.search("zebra")) == 1
        # A changed row's earlier version is remembered, by the trigger made again.
        elephant = store.db.value("SELECT id FROM elephants")
        earlier = store.db.value("SELECT updated_at FROM elephants")
        store.db.write(lambda: store.db.update("elephants", elephant, {"text": "Funding follows need"}))
        assert store.db.rows("SELECT updated_at FROM row_versions WHERE table_name = 'elephants' AND row_id = ?",
                             [elephant])[0][0] == earlier
        assert len(store.records.search("need")) == 1 and store.records.search("clients") == []
        # Links still act: deleting the meeting takes its sections and notes with it.
        store.db.write(lambda: store.db.execute("DELETE FROM meetings WHERE id = ?", [meeting]))
        assert store.db.value("SELECT count(*) FROM section_runs") == 0
        assert store.db.value("SELECT count(*) FROM notes") == 0
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            store.db.write(lambda: store.db.execute(
                "INSERT INTO organisations (id, partnership_id, name, created_at, updated_at)"
                " VALUES ('o', 'nowhere', 'Ghost', '2026-09-01T09:00:00.000Z', '2026-09-01T09:00:00.000Z')"))


def test_an_older_files_times_written_another_way_are_repaired_on_upgrade(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    meeting = version_8_file(path, library, monkeypatch)
    raw(path,
        f"UPDATE meetings SET started_at = '2026-09-01T11:00:00+02:00', ended_at = '2026-09-01 10:30:00.123456Z'"
        f" WHERE id = '{meeting}'",
        "UPDATE notes SET created_at = '2026-09-01T09:05:00.000+00:00'")

    with Store.open(path, clock=FrozenClock(START)) as store:
        assert store.schema_version() == LATEST_VERSION
        assert tuple(store.db.rows("SELECT started_at, ended_at FROM meetings")[0]) == (
            "2026-09-01T09:00:00.000Z", "2026-09-01T10:30:00.123Z")
        assert store.db.value("SELECT created_at FROM notes") == "2026-09-01T09:05:00.000Z"
        assert store.meetings.get(meeting).started_at == START.replace(second=0)


def test_an_older_file_with_values_that_cannot_be_repaired_is_left_as_it_was(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, cli: RunCli
) -> None:
    path = tmp_path / "old.db"
    version_8_file(path, library, monkeypatch)
    raw(path,
        "UPDATE section_runs SET kind = 'evil' WHERE position IN (1, 2)",
        "UPDATE actions SET due_on = 'soon'",
        "UPDATE meetings SET started_at = '2026-02-30T09:00:00+00:00'")
    before = everything(path)

    with pytest.raises(UpgradeRefused) as refused:
        Store.open(path, clock=FrozenClock(START))

    assert "2 rows of section_runs (kind)" in str(refused.value)
    assert "1 row of actions (due_on)" in str(refused.value)
    assert "1 row of meetings (started_at)" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert everything(path) == before
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 8
    connection.close()
    assert path.with_name(f"old.before-v{LATEST_VERSION}.db").exists()
    result = cli("--db", path, "meetings")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "2 rows of section_runs (kind)" in result.stderr
    assert everything(path) == before


@pytest.mark.parametrize("damage", [
    "DROP TABLE tombstones",
    "ALTER TABLE tombstones RENAME TO gone",
])
def test_an_older_file_missing_a_table_is_left_as_it_was_with_one_line(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / "old.db"
    version_8_file(path, library, monkeypatch)
    raw(path, damage)

    with pytest.raises(UpgradeRefused, match="has no tombstones table"):
        Store.open(path, clock=FrozenClock(START))

    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 8
    assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE '%unchecked'").fetchone()[0] == 0
    connection.close()


def test_a_merge_from_a_version_8_file_leaves_out_only_its_unreadable_rows(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, cli: RunCli
) -> None:
    """The other site's copy is upgraded with its bad rows kept, so the merge can name and skip them."""
    there = tmp_path / "there.db"
    meeting = version_8_file(there, library, monkeypatch)
    raw(there, "UPDATE elephants SET text = X'00ff'", "UPDATE notes SET created_at = '2026-09-01T11:05:00+02:00'")
    here = tmp_path / "here.db"
    Store.open(here).close()

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert "Not brought in: 1 elephant, because its text is not text." in result.stdout
    with Store.open(here) as store:
        assert store.meetings.get(meeting).id == meeting
        assert store.db.value("SELECT created_at FROM notes") == "2026-09-01T09:05:00.000Z"
        assert store.db.value("SELECT count(*) FROM elephants") == 0
        assert [note.attribution for note in store.notes.meeting_notes(meeting)] == [Attribution.ANONYMOUS]
