"""An anonymous capture is placed no more precisely than the minute it was raised in, by anything
in the file: not by its times, not by its id, and not by where its rows stand among the rows of
named captures stamped to the millisecond (rowids, the search index's rowids, its history's).

Each test makes the same meeting twice, once with the anonymous captures raised between two
named ones and once with them raised after both, in the same minute, and reads both files as
someone holding only the file would: the two must not be told apart.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ElephantStatus
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tests.helpers import FROZEN_START

FIRST_NAMED, SECOND_NAMED = 3 * 60 + 12.456, 3 * 60 + 40.0
"""When the two named captures are made: 14:03:12.456 and 14:03:40."""

BETWEEN, AFTER = 3 * 60 + 20.0, 3 * 60 + 50.0
"""When the anonymous ones are: between the named ones, or after both, in the same minute."""


HISTORY = [ElephantStatus.PARKED, ElephantStatus.DISCUSSING, ElephantStatus.PARKED, ElephantStatus.DISCUSSING]
"""An elephant's statuses, each captured one raises: named, parked, talked about, parked, talked about."""


def _capture(store: Store, meeting_id: str, word: str, credit: dict[str, Any], party: str) -> None:
    """One of every capture that carries an attribution, with `word` in its text."""
    elephant = store.boards.raise_elephant(meeting_id, f"{word} elephant", **credit)
    for status in HISTORY[1:]:
        store.boards.set_elephant_status(elephant, status, meeting_id=meeting_id)
    term, _ = store.jargon.mention(meeting_id, f"{word} term", **credit)
    store.jargon.mention(meeting_id, "ISP", **credit)
    store.jargon.add_meaning(
        term, f"{word} meaning", meeting_id=meeting_id, attribution=credit["attribution"],
        person_id=credit.get("person_id"), said_by_organisation_id=credit.get("organisation_id"),
    )
    store.boards.mark_turning_point(meeting_id, note=f"{word} moment", **credit)
    store.business.add_agreement(meeting_id, f"{word} agreement", party_organisation_ids=[party], **credit)
    store.business.add_action(meeting_id, f"{word} action", **credit)
    store.notes.add(meeting_id, f"{word} note", **credit)


def _meeting(path: Path, library: AgendaLibrary, anonymous_at: float) -> None:
    clock = FrozenClock(FROZEN_START)
    with Store.open(path, clock=clock) as store:
        partnership = store.partnerships.ensure("Settlement & Schools")
        meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id
        dana = store.meetings.add_attendee(meeting, "Dana", "school board")
        board = store.partnerships.ensure_organisation(partnership.id, "school board")
        store.jargon.mention(meeting, "ISP", attribution=Attribution.NAMED, person_id=dana.id)
        named = {"attribution": Attribution.NAMED, "person_id": dana.id, "organisation_id": board.id}
        moments = sorted([
            (FIRST_NAMED, "first", named),
            (SECOND_NAMED, "second", named),
            (anonymous_at, "nobody's", {"attribution": Attribution.ANONYMOUS}),
        ], key=lambda moment: moment[0])
        elapsed = 0.0
        for at, word, credit in moments:
            clock.advance(at - elapsed)
            elapsed = at
            _capture(store, meeting, word, credit, board.id)


def _tables(connection: sqlite3.Connection) -> list[str]:
    """Every table with rowids: the schema's, and each search index with the shadow tables that
    key its rows by them (its segments, `_data` and `_idx`, are left out: see the module)."""
    return [name for (name, sql) in connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ) if "WITHOUT ROWID" not in sql.upper() and not name.endswith(("_data", "_idx", "_config"))]


def _read(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What the file says of where each row stands: per table, its rows in rowid order, each
    as 'named' with its rowid, or as 'anonymous' (made for an anonymous capture, which is what
    its random id says) with its times; a search index's rows as the row they index."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ids: dict[str, dict[int, str]] = {}
        for table in _tables(connection):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            if "id" in columns and "created_at" in columns:
                ids[table] = dict(connection.execute(f"SELECT rowid, id FROM {table}").fetchall())
        seen = {}
        for table in _tables(connection):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            times = [c for c in columns if c.endswith("_at")]
            rows = connection.execute(
                f"SELECT rowid, {', '.join(times) or 'NULL'} FROM {table} ORDER BY rowid"
            ).fetchall()
            indexed = table.removeprefix("search_").removesuffix("_content").removesuffix("_docsize")
            source = ids.get(table) or ids.get(indexed, {})
            if not source:
                continue
            shown = []
            for rowid, *stamps in rows:
                if source[rowid][14] == "4":
                    shown.append(("anonymous", *stamps))
                else:
                    shown.append(("named", rowid, *stamps))
            seen[table] = shown
        return seen
    finally:
        connection.close()


@pytest.fixture
def between(tmp_path: Path, library: AgendaLibrary) -> Path:
    path = tmp_path / "between.db"
    _meeting(path, library, BETWEEN)
    return path


@pytest.fixture
def after(tmp_path: Path, library: AgendaLibrary) -> Path:
    path = tmp_path / "after.db"
    _meeting(path, library, AFTER)
    return path


def test_nothing_in_the_file_says_whether_an_anonymous_capture_came_before_or_after_a_named_one(
    between: Path, after: Path
) -> None:
    seen = _read(between)
    for table in ("elephants", "elephant_events", "jargon_terms", "jargon_mentions", "jargon_meanings",
                  "turning_points", "agreements", "agreement_parties", "actions", "notes",
                  "search_elephants", "search_notes_content", "search_actions_docsize"):
        assert any(row[0] == "anonymous" for row in seen[table]), f"the scenario has an anonymous row in {table}"
    assert seen == _read(after)


def test_the_search_finds_anonymous_captures_at_their_new_rowids(between: Path) -> None:
    with Store.open(between) as store:
        assert {hit.kind for hit in store.records.search("nobody's")} >= {"elephant", "action", "agreement", "note"}


def test_anonymous_captures_in_one_minute_list_first_in_it_and_an_elephants_history_keeps_its_order(
    between: Path,
) -> None:
    with Store.open(between) as store:
        [meeting] = store.db.rows("SELECT id, partnership_id FROM meetings")
        texts = [e.text for e in store.boards.meeting_elephants(meeting["id"])]
        assert texts == ["nobody's elephant", "first elephant", "second elephant"]
        assert [a.text for a in store.business.actions(meeting["id"])] == [
            "nobody's action", "first action", "second action"
        ]
        store.jargon.mention(meeting["id"], "late term")  # anonymous, on the store's own clock: later
        assert [t.display for t in store.jargon.board_terms(meeting["id"])] == [
            "ISP", "nobody's term", "first term", "second term", "late term"
        ], "most raised first, then in the order first raised, an anonymous one first in its minute"
        [anonymous] = [e for e in store.boards.meeting_elephants(meeting["id"]) if e.text.startswith("nobody")]
        back_and_forth = [ElephantStatus.PARKED, ElephantStatus.DISCUSSING] * 4 + [ElephantStatus.LET_GO]
        for status in back_and_forth:  # all in the same minute
            store.boards.set_elephant_status(anonymous.id, status, meeting_id=meeting["id"])
        assert [to for _, to, _ in store.boards.elephant_history(anonymous.id)] == [
            *(status.value for status in HISTORY + back_and_forth)
        ]


def test_a_merged_file_does_not_put_anonymous_captures_back_in_order(
    tmp_path: Path, between: Path, after: Path, clock: FrozenClock
) -> None:
    merged = {}
    for name, source in (("between", between), ("after", after)):
        path = tmp_path / f"merged-{name}.db"
        with Store.open(path, clock=clock) as store:
            store.merge.merge_file(source)
        merged[name] = _read(path)
    assert any(row[0] == "anonymous" for row in merged["between"]["elephants"])
    assert merged["between"] == merged["after"]


def _as_version_6_wrote_it(path: Path, library: AgendaLibrary, anonymous_at: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """The meeting as meetingkit of schema 6 wrote it: every new row at the next rowid."""
    import meetingkit.store.connection as store_connection
    import meetingkit.store.database as store_base
    from meetingkit.store.changes import Changes

    with monkeypatch.context() as old_code:
        old_code.setattr(store_base, "NEXT_ANONYMOUS_ROWID", store_base.NEXT_ROWID)
        old_code.setattr(Changes, "record", lambda *args, **kwargs: None)  # schema 6 kept no history of changes
        old_code.setattr(store_base, "MIGRATIONS", MIGRATIONS[:6])
        for module in (store_base, store_connection):
            old_code.setattr(module, "LATEST_VERSION", 6)
        _meeting(path, library, anonymous_at)


def test_an_old_file_moves_its_anonymous_captures_out_of_order_keeping_everything_else(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, after: Path
) -> None:
    old = {name: tmp_path / f"old-{name}.db" for name in ("between", "after")}
    for name, path in old.items():
        _as_version_6_wrote_it(path, library, BETWEEN if name == "between" else AFTER, monkeypatch)
    assert _read(old["between"]) != _read(old["after"]), "schema 6 told them apart by rowid"
    for path in old.values():
        with Store.open(path) as store:
            assert store.schema_version() == LATEST_VERSION
            hits = store.records.search("nobody's")
            assert {hit.kind for hit in hits} >= {"elephant", "action", "agreement", "note"}
            [meeting] = store.db.rows("SELECT id FROM meetings")
            assert [a.text for a in store.business.actions(meeting["id"])] == [
                "nobody's action", "first action", "second action"
            ]
            [elephant] = [e for e in store.boards.meeting_elephants(meeting["id"]) if e.text.startswith("nobody")]
            assert [to for _, to, _ in store.boards.elephant_history(elephant.id)] == [s.value for s in HISTORY]
    # Schema 6 kept no history of changes (`changes`); everything else is as today's writes it.
    assert _read(old["between"]) == _read(old["after"]) == {
        table: rows for table, rows in _read(after).items() if table != "changes"}


def test_the_newest_matches_put_an_anonymous_capture_where_its_minute_falls(tmp_path: Path, library: AgendaLibrary) -> None:
    """The quick search shown while the ranked one runs is newest first, by time: an anonymous
    elephant raised after a named one is listed before it, although its rowid is below zero."""
    clock = FrozenClock(FROZEN_START)
    with Store.open(tmp_path / "newest.db", clock=clock) as store:
        partnership = store.partnerships.ensure("Settlement & Schools")
        meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id
        board = store.partnerships.ensure_organisation(partnership.id, "school board")
        store.boards.raise_elephant(meeting, "the funding elephant", attribution=Attribution.ORGANISATION,
                                    organisation_id=board.id)
        clock.advance(5 * 60 + 20)
        store.boards.raise_elephant(meeting, "the waiting-list elephant", attribution=Attribution.ANONYMOUS)
        hits = store.records.search("elephant", ranked=False)
    assert [hit.snippet.count("waiting") for hit in hits] == [1, 0]
