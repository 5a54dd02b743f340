"""`meetingkit merge` of other-site files with hostile values anywhere, as a property (issue 14).

One valid pair of files is made per module with the real Store: ours, and the other site's
(a copy of ours that then did its own work, so a merge both updates shared rows and adds new
ones), together holding a row of every table a merge reads. Each example writes several
hostile values into the other file with raw SQL, in any column of any row of any table (a
write the schema refuses simply does not happen), and merges. Whatever was written:

* the merge brings the file in or refuses it in one line, never with a traceback;
* every row in our file afterwards holds only values `merge_checks` accepts, and a value it
  refuses is nowhere in that column; the file's integrity and foreign-key checks pass;
* every reading command answers every meeting, and (for fewer examples, screens are slow)
  every screen opens every meeting, without a traceback.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.screen import Screen

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, Attribution, ChangeKind, ElephantStatus, RoundOutcome
from meetingkit.store import Store, StoreError
from meetingkit.store.merge import TABLES
from meetingkit.store.merge_checks import problem
from tests.helpers import RunCli

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
AGENDAS = Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


tzset = getattr(time, "tzset", lambda: None)
"""Re-reads TZ (Unix only: elsewhere the zone stays the machine's)."""


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """`in_zone("Etc/GMT+12")` shows local times in that zone for the rest of the test."""

    def move(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        tzset()

    yield move
    monkeypatch.undo()
    tzset()


@pytest.fixture(params=["Pacific/Kiritimati", "Etc/GMT+12"], ids=["UTC+14", "UTC-12"])
def far_zone(request: pytest.FixtureRequest, in_zone: Callable[[str], None]) -> str:
    """Times are shown in local time: the zones furthest ahead of UTC and behind it, where a
    time near either end of the calendar has no local day."""
    in_zone(request.param)
    return str(request.param)


# -- one valid pair of files, made once ------------------------------------------------------


def _one_of_everything(store: Store, library: AgendaLibrary, partnership: str, words: str, *, later: bool) -> str:
    """An ended meeting holding a row of every table a merge reads (and, `later`, a second
    one where its action was carried and closed); returns its id."""
    partnership_id = store.partnerships.ensure(partnership, description=f"{words} partnership").id
    meeting = store.meetings.start(store.meetings.create(partnership_id, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(meeting.id, f"Dana {words}", "School board")
    store.meetings.add_attendee(meeting.id, None, "Settlement agency")
    school = dana.organisation_id
    assert school is not None
    rounds = [s for s in store.meetings.section_runs(meeting.id) if s.kind == "round"]
    store.meetings.set_round_turn(rounds[0].id, dana.id, RoundOutcome.SPOKE)
    credit = {"attribution": Attribution.NAMED, "person_id": dana.id}
    term, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.explain_term(term, expansion="Individual settlement plan", plain_words=f"the {words} plan")
    store.jargon.add_meaning(term, f"the family's {words} plan", organisation_id=school, meeting_id=meeting.id)
    store.jargon.same_as(term, "settlement plan")
    elephant = store.boards.raise_elephant(meeting.id, f"Funding by {words}", **credit)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=meeting.id, note="Talked")
    agreement = store.business.add_agreement(
        meeting.id, f"One {words} form", party_organisation_ids=[school], review_on=date(2026, 12, 1), **credit
    )
    point = store.boards.mark_turning_point(meeting.id, note=f"An {words} apology", **credit)
    store.boards.describe_turning_point(point, opened_up="Trust")
    store.boards.link_turning_point(point, agreement.id)
    action = store.business.add_action(meeting.id, f"Draft the {words} form", owner_person_id=dana.id,
                                       due_on=date(2026, 12, 2)).id
    store.business.add_action(meeting.id, f"Private {words} thing", confidential=True)
    store.notes.add(meeting.id, f"A {words} note", **credit)
    gone = store.notes.add(meeting.id, f"A {words} note deleted")
    store.notes.delete(gone)
    store.records.end_and_summarise(meeting.id)
    if later:
        second = store.meetings.start(store.meetings.create(partnership_id, library.agendas["strategic"]).id)
        carried = store.business.carry_action(action, second.id).id
        store.business.close_action(carried, ActionStatus.DONE, second.id)  # only an open action is closed
        store.records.end_and_summarise(second.id)
    return meeting.id


def _make_sites(folder: Path) -> tuple[Path, Path]:
    here, there = folder / "here.db", folder / "there.db"
    clock = FrozenClock(START)
    with Store.open(here, clock=clock) as store:
        _one_of_everything(store, AGENDAS, "Northside", "shared", later=True)
    shutil.copyfile(here, there)
    with Store.open(there, clock=FrozenClock(START.replace(day=10))) as store:
        shared = store.db.value("SELECT id FROM meetings ORDER BY created_at LIMIT 1")
        _one_of_everything(store, AGENDAS, "Riverside", "other", later=False)
        store.meetings.create(store.partnerships.ensure("Northside").id, AGENDAS.agendas["strategic"])  # planned
        running = store.meetings.start(store.meetings.create(store.partnerships.ensure("Eastside").id,
                                                             AGENDAS.agendas["reflective-practice"]).id)
        store.boards.raise_elephant(running.id, "Raised in a meeting still running there")
        purged = store.meetings.start(store.meetings.create(store.partnerships.ensure("Eastside").id,
                                                            AGENDAS.agendas["operational"]).id)
        store.records.end_and_summarise(purged.id)
        store.retention.delete_meetings([purged.id])
        # Shared rows changed there, so a merge updates them as well as adding rows.
        note_id = store.db.value("SELECT id FROM notes WHERE meeting_id = ?", [shared])
        store.notes.edit(note_id, "Edited there")
        store.changes.record("notes", note_id, ChangeKind.EDITED, meeting_id=shared, fields=[("text", "was", "Edited there")],
                             partnership_id=store.db.value("SELECT partnership_id FROM meetings WHERE id = ?", [shared]))
        store.boards.set_elephant_status(store.db.value("SELECT id FROM elephants ORDER BY rowid LIMIT 1"),
                                         ElephantStatus.LET_GO, meeting_id=running.id, note="Let go there")
        store.db.execute("UPDATE meetings SET title = 'Renamed there', updated_at = '2026-09-10T09:00:00.000Z' "
                         "WHERE id = ?", [shared])
    with Store.open(here, clock=FrozenClock(START.replace(day=11))) as store:
        _one_of_everything(store, AGENDAS, "northside", "ours", later=False)  # the same names, made here alone
    return here, there


def _all_ids(path: Path) -> dict[str, list[Any]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: [r[0] for r in connection.execute(f"SELECT id FROM {t} ORDER BY rowid")] for t in TABLES}
    finally:
        connection.close()


def _columns(path: Path) -> dict[str, dict[str, str]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: {r[1]: r[2] for r in connection.execute(f"PRAGMA table_info({t})")} for t in TABLES}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Our valid file and the other site's, made once; examples work on copies."""
    here, there = _make_sites(tmp_path_factory.mktemp("sites"))
    missing = [table for table, ids in _all_ids(there).items() if not ids]
    assert not missing, f"the other file must hold a row of every table a merge reads: {missing}"
    return here, there


# -- hostile values --------------------------------------------------------------------------


LONG = "<b>" + "\u202e🐘 [bold]x[/] " * 8_000  # about 100 KB of UTF-8
FIXED: list[Any] = [
    None, "", b"\x00\xff", b"", 1.5, float("inf"), float("-inf"), 7, 0, -1, 2**63 - 1, -(2**63), "12", "-5", "1e3",
    "not-a-time", "2026-09-01T09:00:00", "2026-09-01", "2026-02-30T09:00:00.000Z", "0001-01-01T00:00:00.000Z",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59-12:00", "0001-01-01", "9999-12-31",
    "evil", "Running", "{not json", "[1, 2]", "{}", '{"sections": "x", "title": 7}', "null",
    "[bold]x[/]", "[@click=app.quit]", "<img src=x onerror=alert(1)>", '=HYPERLINK("x")', "\x1b[2J\x1b]52;c;aGk=\x07",
    "\u202eשלום", "🐘👩🏽‍🏫", "one\n\n# two\n| a |", "\x00", " ", "--", "-rf", LONG,
    "00000000-0000-7000-8000-000000000000",  # an id of nothing
]
"""Values written as they are: wrong types, nothing, not-a-time, times without a zone or at
the ends of the calendar, unknown enum values, not JSON, numbers at the limits, markup,
escape sequences, right-to-left, emoji, a long text, an id pointing at nothing."""

JSON_PATHS = ["$.title", "$.started_at", "$.ended_at", "$.sections", "$.sections[0].title", "$.sections[0].kind",
              "$.sections[0].minutes", "$.sections[0].prompts", "$.sections[0].planned_seconds", "$.boards",
              "$.attendance[0].named", "$.agreements", "$.actual_seconds"]
"""Places inside the JSON a meeting keeps (its agenda, its summary) to put a hostile value."""

value = st.one_of(
    st.sampled_from(FIXED).map(lambda v: ("fixed", v)),
    st.tuples(st.just("json"), st.sampled_from(JSON_PATHS), st.sampled_from(FIXED)),
    st.tuples(st.just("ours"), st.sampled_from(TABLES), st.integers(0, 50)),  # the id of a row of our file
    st.tuples(st.just("copy"), st.sampled_from(["here", "there"]), st.integers(0, 50)),  # a duplicate key
    st.text(max_size=12).map(lambda v: ("fixed", v)),
)


@st.composite
def mutation(draw: st.DrawFn, columns: dict[str, dict[str, str]]) -> tuple[str, str, int, Any]:
    table = draw(st.sampled_from(TABLES))
    column = draw(st.sampled_from(sorted(columns[table])))
    return table, column, draw(st.integers(0, 50)), draw(value)


def _read(connection: sqlite3.Connection, table: str, column: str, index: int) -> tuple[Any, Any] | None:
    rows = connection.execute(f"SELECT rowid, {column} FROM {table} ORDER BY rowid").fetchall()
    return tuple(rows[index % len(rows)]) if rows else None


def _write(raw: sqlite3.Connection, table: str, column: str, hostile: Any, rowid: int) -> tuple[Any, Any] | None:
    """Write one value with raw SQL; (the row's id, the value as the file now holds it, after the
    column's type affinity), or None if the schema refuses it: then this write does not happen."""
    try:
        with raw:
            raw.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (hostile, rowid))
    except sqlite3.IntegrityError:
        return None
    return raw.execute(f"SELECT id, {column} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()


def tamper(here: Path, there: Path, mutations: list[tuple[str, str, int, Any]]) -> list[tuple[str, str, Any, Any]]:
    """Write each hostile value with raw SQL; returns (table, column, the row's id, value) of those written."""
    written = []
    raw = sqlite3.connect(there)
    raw.execute("PRAGMA ignore_check_constraints = ON")  # as an attacker's own tool can
    ours = sqlite3.connect(f"file:{here}?mode=ro", uri=True)
    try:
        for table, column, index, (kind, *args) in mutations:
            target = _read(raw, table, "id", index)
            if target is None:
                continue
            if kind == "fixed":
                hostile = args[0]
            elif kind == "json":  # a value inside the JSON the column holds (nothing happens if it holds none)
                try:
                    found = raw.execute(f"SELECT json_set({column}, ?, ?) FROM {table} WHERE rowid = ?",
                                        (args[0], args[1], target[0])).fetchone()
                except sqlite3.Error:
                    continue
                hostile = found[0]
            elif kind == "ours":
                found = _read(ours, args[0], "id", args[1])
                if found is None:
                    continue
                hostile = found[1]
            else:
                found = _read(ours if args[0] == "here" else raw, table, column, args[1])
                if found is None:
                    continue
                hostile = found[1]
            stored = _write(raw, table, column, hostile, target[0])
            if stored is not None:
                written.append((table, column, stored[0], stored[1]))
    finally:
        raw.close()
        ours.close()
    return written


# -- what must hold afterwards ---------------------------------------------------------------


def merged_file_is_sound(here: Path, written: list[tuple[str, str, Any, Any]]) -> None:
    """Every value in our file is one `merge_checks` accepts; a refused value is nowhere; the file is whole."""
    columns = _columns(here)
    connection = sqlite3.connect(f"file:{here}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in TABLES:
            names = list(columns[table])
            for row in connection.execute(f"SELECT {', '.join(names)} FROM {table}"):
                found = dict(zip(names, row, strict=True))
                assert problem(table, found, columns[table]) is None, (table, found)
        for table, column, _, hostile in written:
            if hostile is None or problem(table, {column: hostile}, columns[table]) is None:
                continue
            held = connection.execute(f"SELECT count(*) FROM {table} WHERE {column} IS ?", (hostile,)).fetchone()[0]
            assert held == 0, f"{table}.{column} holds {hostile!r:.80}, which merge_checks refuses"
    finally:
        connection.close()


def _names(here: Path) -> tuple[list[str], list[str]]:
    """Our file's meeting ids and partnership names."""
    connection = sqlite3.connect(f"file:{here}?mode=ro", uri=True)
    try:
        meetings = [r[0] for r in connection.execute("SELECT id FROM meetings ORDER BY rowid")]
        partnerships = [r[0] for r in connection.execute("SELECT name FROM partnerships ORDER BY rowid")]
    finally:
        connection.close()
    return meetings, partnerships


READING = (
    ["meetings"], ["meetings", "--json"], ["where"],
    ["search", "plan"], ["search", "plan", "--json", "--include-confidential"], ["search", "zebra OR form"],
    ["purge", "--before", "2030", "--dry-run"],
)
"""The reading commands that take no meeting or partnership (`wall`, `resume` and `serve` open
an app or a server; the screens are checked below)."""


def every_command_answers(cli: RunCli, here: Path, folder: Path) -> None:
    """Every reading command, on every meeting and partnership, exits without a traceback
    (the `cli` fixture lets one through as an exception)."""
    meetings, partnerships = _names(here)
    runs: list[list[str]] = [list(command) for command in READING]
    for meeting in meetings:
        runs += [["export", "--format", fmt, "--", meeting] for fmt in ("md", "html", "json", "csv")]
        runs.append(["export", "--format", "md", "--include-confidential", "--", meeting])
    for name in partnerships:
        chosen = f"--partnership={name}"  # a name may begin with "-"
        runs += [["report", chosen, "--format", fmt, "--include-confidential"] for fmt in ("md", "html")]
        runs.append(["report", chosen, "--since", "2020"])
        runs += [["glossary", chosen, "--format", fmt] for fmt in ("md", "csv", "json")]
        runs.append(["glossary", chosen, "--include-confidential"])
    runs.append(["backup", str(folder / "backup.db")])
    for args in runs:
        result = cli("--db", here, *args)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        if result.returncode != 0:  # one line saying why, as every failing command does
            assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)


# -- the properties --------------------------------------------------------------------------


def _columns_once() -> dict[str, dict[str, str]]:
    """Every column of every table a merge reads, from a file made by this version."""
    with tempfile.TemporaryDirectory() as name, Store.open(Path(name) / "empty.db") as store:
        return {t: {r[1]: r[2] for r in store.db.execute(f"PRAGMA table_info({t})")} for t in TABLES}


COLUMNS = _columns_once()
mutations = st.lists(mutation(COLUMNS), min_size=1, max_size=8)

settle = settings(
    deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)



def _copies(sites: tuple[Path, Path], folder: Path) -> tuple[Path, Path]:
    here, there = folder / "here.db", folder / "there.db"
    shutil.copyfile(sites[0], here)
    shutil.copyfile(sites[1], there)
    return here, there


def merge_by_store(here: Path, there: Path) -> None:
    """Merge with the store: a report, or a StoreError (anything else fails the test)."""
    with Store.open(here) as store:
        try:
            store.merge.merge_file(there)
        except StoreError as refused:
            assert "\n" not in str(refused)


def poison_every_column(here: Path, there: Path, hostile: Any) -> list[tuple[str, str, Any, Any]]:
    """One worst file: `hostile` in every column that `merge_checks` accepts it in (but ids and
    links) of one row of every table that only the other file holds, so those rows come in
    holding it."""
    references = {table: {row[3] for row in _pragma(there, f"foreign_key_list({table})")} for table in TABLES}
    ours = _all_ids(here)
    raw = sqlite3.connect(there)
    raw.execute("PRAGMA ignore_check_constraints = ON")  # as an attacker's own tool can
    written = []
    try:
        for table in TABLES:
            new = [row_id for row_id in _all_ids(there)[table] if row_id not in ours[table]]
            for column in COLUMNS[table]:
                if column == "id" or column in references[table] or problem(table, {column: hostile}, COLUMNS[table]):
                    continue
                rowid = raw.execute(f"SELECT rowid FROM {table} WHERE id = ?", (new[0],)).fetchone()[0]
                stored = _write(raw, table, column, hostile, rowid)
                if stored is not None:
                    written.append((table, column, stored[0], stored[1]))
    finally:
        raw.close()
    return written


def store_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _pragma(path: Path, pragma: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        connection.close()


async def _open_every_screen(store: Store) -> None:
    from meetingkit.core.periods import Period
    from meetingkit.ui.app import create_app
    from meetingkit.ui.dialogs.confirm import ConfirmDialog
    from meetingkit.ui.messages import OpenMeeting, OpenRecord, OpenRegister, OpenSearch, ReviewRequested
    from meetingkit.ui.screens.record import RecordScreen
    from meetingkit.ui.screens.review import ReviewScreen
    from meetingkit.ui.screens.runner import RunnerScreen
    from meetingkit.ui.screens.search import SearchScreen
    from meetingkit.ui.screens.summary import SummaryScreen

    meetings = [row[0] for row in store.db.rows("SELECT id FROM meetings ORDER BY status = 'planned', rowid")]
    partnerships = [(row[0], row[1]) for row in store.db.rows("SELECT id, name FROM partnerships ORDER BY rowid")]
    app = create_app(store, AGENDAS)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # the offer to resume a meeting in progress: not now
            await pilot.press("escape")
            await pilot.pause()

        async def shows(message: Any, *screens: type) -> None:
            app.post_message(message)
            await pilot.pause()
            assert isinstance(app.screen, screens), (message, app.screen)
            app.pop_screen()
            await pilot.pause()

        app.post_message(ReviewRequested())
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        for meeting in meetings:
            await shows(OpenRecord(meeting, include_confidential=True), RecordScreen)
        for meeting in meetings:  # a planned meeting starts: those come last
            await shows(OpenMeeting(meeting), SummaryScreen, RunnerScreen)
        for partnership_id, name in partnerships:
            for register in ("glossary", "parking_lot", "timeline", "register", "trends"):
                await shows(OpenRegister(register, partnership_id, name, include_confidential=True, period=Period()),
                            Screen)
        app.post_message(OpenSearch(include_confidential=True, partnership_id=None))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#search-words").insert_text_at_cursor("plan")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code in (None, 0)


async def _open_summaries(store: Store) -> None:
    from meetingkit.ui.app import create_app
    from meetingkit.ui.messages import OpenMeeting
    from meetingkit.ui.screens.summary import SummaryScreen

    app = create_app(store, AGENDAS)
    async with app.run_test(size=(120, 36)) as pilot:
        for (meeting,) in store.db.rows("SELECT id FROM meetings WHERE status = 'ended'"):
            app.post_message(OpenMeeting(meeting))
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            app.pop_screen()
            await pilot.pause()


def every_summary_opens(here: Path) -> None:
    """The summary screen of every ended meeting opens (the part of `every_screen_opens` that
    reads what an ended meeting kept, quicker)."""
    with Store.open(here) as store:
        asyncio.run(_open_summaries(store))


def every_screen_opens(here: Path) -> None:
    """Home, review, every meeting's record, summary (or runner), every partnership's
    registers and trends, and search: each opens without an exception (Pilot raises it again)."""
    with Store.open(here) as store:
        asyncio.run(_open_every_screen(store))


@settings(settle, max_examples=40)
@given(hostile=mutations)
def test_a_hostile_file_merges_valid_or_is_refused(sites: tuple[Path, Path], hostile) -> None:
    with tempfile.TemporaryDirectory() as name:
        here, there = _copies(sites, Path(name))
        written = tamper(here, there, hostile)
        merge_by_store(here, there)
        merged_file_is_sound(here, written)


@settings(settle, max_examples=5)
@given(hostile=mutations)
def test_through_the_command_and_every_command_answers_afterwards(
    sites: tuple[Path, Path], cli: RunCli, far_zone: str, hostile
) -> None:
    with tempfile.TemporaryDirectory() as name:
        here, there = _copies(sites, Path(name))
        written = tamper(here, there, hostile)
        result = cli("--db", here, "merge", there)
        assert "Traceback" not in result.stderr
        if result.returncode != 0:
            assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        merged_file_is_sound(here, written)
        every_command_answers(cli, here, Path(name))


@settings(settle, max_examples=2)
@given(hostile=mutations)
def test_after_a_hostile_merge_every_screen_opens_every_meeting(sites: tuple[Path, Path], hostile) -> None:
    with tempfile.TemporaryDirectory() as name:
        here, there = _copies(sites, Path(name))
        tamper(here, there, hostile)
        merge_by_store(here, there)
        every_screen_opens(here)


# -- the worst files: one value in every column that accepts it ---------------------------------


WORST = ["0001-01-02T00:00:00.000Z", "9999-12-30T23:59:59.999Z", 0, 2**63 - 1, 1.7976931348623157e308, 1.5, "", " ",
         "\x00",
         "[@click=app.quit]", "\x1b[2J\x1b]52;c;aGk=\x07", "one\n\n# two\n| a |", "-rf", LONG]
"""Values `merge_checks` accepts somewhere that are still the worst to show: the first and last
days, numbers at their limits (the largest finite real: infinity is refused everywhere since
schema 9), nothing, markup, escape sequences, blocks, an option, a long text."""


TIMES = ["0001-01-02T00:00:00.000Z", "9999-12-30T23:59:59.999Z"]


@pytest.mark.parametrize(("zone", "hostile"), [
    *[(zone, time) for time in TIMES for zone in ("Pacific/Kiritimati", "Etc/GMT+12")],
    *[(("Pacific/Kiritimati", "Etc/GMT+12")[n % 2], other) for n, other in enumerate(WORST) if other not in TIMES],
], ids=lambda v: repr(v)[:24])
def test_a_value_merge_checks_accepts_in_every_column_breaks_no_command(
    sites: tuple[Path, Path], cli: RunCli, in_zone: Any, tmp_path: Path, zone: str, hostile: Any
) -> None:
    in_zone(zone)
    here, there = _copies(sites, tmp_path)
    written = poison_every_column(here, there, hostile)
    assert written
    merge_by_store(here, there)
    merged_file_is_sound(here, written)
    every_command_answers(cli, here, tmp_path)


@pytest.mark.parametrize(("zone", "hostile"), [
    ("Etc/GMT+12", TIMES[0]), ("Pacific/Kiritimati", TIMES[1]),
    ("UTC", 2**63 - 1), ("UTC", "[@click=app.quit]\x1b[2J\u202e one\n\n# two\n| a |"),
], ids=["first day", "last day", "largest number", "markup"])
def test_a_worst_file_opens_on_every_screen(
    sites: tuple[Path, Path], in_zone: Any, tmp_path: Path, zone: str, hostile: Any
) -> None:
    in_zone(zone)
    here, there = _copies(sites, tmp_path)
    poison_every_column(here, there, hostile)
    merge_by_store(here, there)
    every_screen_opens(here)


# -- what the property found, each kept as an example --------------------------------------


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                   "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"])
def test_a_time_at_the_end_of_the_calendar_stays_out_and_every_command_answers(
    sites: tuple[Path, Path], cli: RunCli, far_zone: str, tmp_path: Path, stamp: str
) -> None:
    """Such a time has no day in UTC, or no local day in some zone: `meetings`, the report and
    the glossary stopped with an OverflowError, so the merge refuses the row."""
    here, there = _copies(sites, tmp_path)
    written = tamper(here, there, [("meetings", "started_at", 1, ("fixed", stamp)),
                                   ("elephants", "raised_at", 1, ("fixed", stamp)),
                                   ("jargon_mentions", "mentioned_at", 1, ("fixed", stamp))])
    assert len(written) == 3

    merged = cli("--db", here, "merge", there)

    assert merged.returncode == 0, merged.stderr
    merged_file_is_sound(here, written)
    every_command_answers(cli, here, tmp_path)
    assert "because its started_at is not a time" in merged.stdout



@pytest.mark.parametrize(("column", "change"), [
    ("summary", "'[bold]x[/]'"), ("summary", "'[1, 2]'"), ("summary", "'{}'"),
    ("summary", "json_set(summary, '$.title', 7)"), ("summary", "json_set(summary, '$.started_at', 'not-a-time')"),
    ("summary", "json_set(summary, '$.sections[0].title', json('[1]'))"),
    ("agenda_snapshot", """'{"sections": "x"}'"""), ("agenda_snapshot", """'{"sections": [{"title": 7}]}'"""),
    ("agenda_snapshot", "json_set(agenda_snapshot, '$.sections[0].kind', 'evil')"),
])
def test_a_summary_or_agenda_the_app_cannot_read_stays_out(
    sites: tuple[Path, Path], cli: RunCli, tmp_path: Path, column: str, change: str
) -> None:
    """A meeting's summary and agenda are JSON the app reads into its own shapes: `meetings`
    and every export stopped with a JSONDecodeError, a KeyError or a TypeError."""
    here, there = _copies(sites, tmp_path)
    raw = sqlite3.connect(there)
    raw.execute("PRAGMA ignore_check_constraints = ON")  # as an attacker's own tool can
    with raw:
        raw.execute(f"UPDATE meetings SET {column} = {change} WHERE summary IS NOT NULL")
    raw.close()

    merged = cli("--db", here, "merge", there)

    assert merged.returncode == 0, merged.stderr
    for (meeting,) in store_rows(here, "SELECT id FROM meetings"):
        for fmt in ("md", "json"):
            exported = cli("--db", here, "export", "--format", fmt, "--", meeting)
            assert exported.returncode == 0, exported.stderr
    if column == "summary":  # read by the summary screen only
        every_summary_opens(here)
    assert f"because its {column} is not" in merged.stdout


def test_a_time_before_the_year_1000_is_stored_at_its_full_width_and_reads_back() -> None:
    """`to_iso` gave year 1 as "1-01-02T…" (strftime does not pad the year on every system), which
    `from_iso` cannot read: an export of a merged meeting that started on 2 January of year 1
    stopped with a ValueError."""
    from meetingkit.core.clock import from_iso, to_iso

    first = datetime(1, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
    assert to_iso(first) == "0001-01-02T03:04:05.006Z"
    assert from_iso(to_iso(first)) == first
