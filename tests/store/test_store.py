"""The store on a real temporary SQLite file: durable, private, and honest about who said what."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, MeetingStatus
from meetingkit.store import Store
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION
from tests.helpers import every_row, new_database


@pytest.fixture
def made_here(context: Context, clock: FrozenClock) -> Iterator[Store]:
    """A store on a file `Store.open` makes here, running every migration: the `store` fixture's is
    a copy of one (`tests.helpers.new_database`), and these tests are about making one."""
    assert not context.db_path.exists()
    opened = context.open_store(clock=clock)
    yield opened
    opened.close()


def _other_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as another program or process would have."""
    return sqlite3.connect(path)


def test_a_write_is_visible_to_another_connection_when_the_method_returns(store: Store, db_path: Path) -> None:
    partnership = store.partnerships.ensure("Newcomer Families Partnership")
    other = _other_connection(db_path)
    try:
        rows = other.execute("SELECT id, name FROM partnerships").fetchall()
    finally:
        other.close()
    assert rows == [(partnership.id, "Newcomer Families Partnership")]


def test_every_connection_uses_wal_full_sync_and_a_busy_timeout(store: Store) -> None:
    assert store.db.value("PRAGMA journal_mode") == "wal"
    assert store.db.value("PRAGMA synchronous") == 2  # FULL
    assert store.db.value("PRAGMA busy_timeout") >= 1000
    assert store.db.value("PRAGMA foreign_keys") == 1


def test_new_files_are_private_to_their_owner(made_here: Store, db_path: Path) -> None:
    """The database and its -wal and -shm companions are readable by the owner only (0600)."""
    made_here.partnerships.ensure("Anything")  # make sure the WAL has been written to
    for path in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        assert path.exists(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_default_folder_is_created_private(context, private_home: Path) -> None:
    from meetingkit.context import Context

    default = Context.from_options(None)
    assert default.db_source == "the default location"
    opened = default.open_store()
    opened.close()
    assert default.db_path.is_relative_to(private_home)
    assert stat.S_IMODE(default.db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(default.db_path.stat().st_mode) == 0o600


def test_migrating_an_empty_file_records_the_version(made_here: Store, db_path: Path) -> None:
    other = _other_connection(db_path)
    try:
        assert other.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert other.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        history = other.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    finally:
        other.close()
    assert [version for (version,) in history] == list(range(1, LATEST_VERSION + 1))


def test_migrating_again_changes_nothing(made_here: Store, db_path: Path, clock: FrozenClock) -> None:
    made_here.partnerships.ensure("Kept")
    assert made_here.db.migrate() == []
    reopened = Store.open(db_path, clock=clock)
    try:
        assert reopened.db.migrate() == []
        assert [p.name for p in reopened.partnerships.all()] == ["Kept"]
        assert reopened.db.value("SELECT count(*) FROM schema_migrations") == LATEST_VERSION
    finally:
        reopened.close()


def test_the_suites_new_database_is_the_file_store_open_makes(made_here: Store, db_path: Path, tmp_path: Path) -> None:
    """`new_database`, the `store` fixture's file, holds what a file made here does: every table,
    index and trigger, every row (the frozen clock's time in `schema_migrations`), the same
    version and application id, WAL, and the owner-only mode."""
    made_here.close()
    copy = new_database(tmp_path / "copy.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert every_row(copy) == every_row(db_path)
    facts = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    pragmas = ("user_version", "application_id", "journal_mode", "page_size", "auto_vacuum", "encoding")
    found = []
    for path in (copy, db_path):
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found.append((connection.execute(facts).fetchall(),
                          [connection.execute(f"PRAGMA {pragma}").fetchone() for pragma in pragmas]))
        finally:
            connection.close()
    assert found[0] == found[1]


def test_partnerships_and_organisations_are_matched_whatever_the_case(store: Store) -> None:
    first = store.partnerships.ensure("Literacy & Employment")
    again = store.partnerships.ensure("  literacy & EMPLOYMENT ")
    assert again.id == first.id and again.name == "Literacy & Employment"
    school = store.partnerships.ensure_organisation(first.id, "School Board")
    assert store.partnerships.ensure_organisation(first.id, "school board").id == school.id
    assert [o.name for o in store.partnerships.organisations(first.id)] == ["School Board"]


def test_people_may_be_named_or_known_only_by_their_organisation(store: Store) -> None:
    partnership = store.partnerships.ensure("P")
    dana = store.partnerships.add_person(partnership.id, "Dana", "school board")
    assert dana.label == "Dana, school board"
    assert store.partnerships.add_person(partnership.id, "dana", "School Board").id == dana.id
    worker = store.partnerships.add_person(partnership.id, "settlement worker", "OCISO")
    assert worker.label == "settlement worker, OCISO"
    someone = store.partnerships.add_person(partnership.id, None, "OCISO")
    assert someone.name is None and someone.label == "OCISO"
    with pytest.raises(ValueError, match="name, an organisation"):
        store.partnerships.add_person(partnership.id, " ", "")


def test_a_meeting_keeps_a_snapshot_of_its_agenda(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("P")
    agenda = library.agendas["reflective-practice"]
    meeting = store.meetings.create(partnership.id, agenda, site="Library, room 2")
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.title == agenda.name
    assert meeting.sections == agenda.sections
    runs = store.db.rows("SELECT title, planned_minutes FROM section_runs WHERE meeting_id = ? ORDER BY position", [meeting.id])
    assert [(r["title"], r["planned_minutes"]) for r in runs] == [(s.title, s.minutes) for s in agenda.sections]
    assert [m.id for m in store.meetings.recent()] == [meeting.id]


def test_ids_are_uuids_and_times_are_utc_iso(store: Store, library: AgendaLibrary, clock: FrozenClock) -> None:
    partnership = store.partnerships.ensure("P")
    store.meetings.create(partnership.id, library.agendas["operational"])
    row = store.db.rows("SELECT id, created_at, updated_at FROM meetings")[0]
    assert len(row["id"]) == 36 and row["id"][14] == "7"
    assert row["created_at"] == row["updated_at"] == "2026-11-24T14:00:00.000Z"


def test_raising_a_known_term_adds_to_its_tally(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("P")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    first_id, first_tally = store.jargon.mention(meeting.id, "I.T.P.")
    second_id, second_tally = store.jargon.mention(meeting.id, "itp ")
    store.jargon.mention(meeting.id, "ISP")
    assert second_id == first_id and (first_tally, second_tally) == (1, 2)
    assert store.jargon.tallies(meeting.id) == [("I.T.P.", 2), ("ISP", 1)]


def test_anonymous_means_no_name_or_organisation_is_stored(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("P")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    person = store.partnerships.add_person(partnership.id, "Dana", "school board")
    store.jargon.mention(meeting.id, "IEP", attribution=Attribution.ANONYMOUS, person_id=person.id)
    row = store.db.rows("SELECT attribution, person_id, organisation_id FROM jargon_mentions")[0]
    assert tuple(row) == ("anonymous", None, None)


def test_the_schema_itself_refuses_an_anonymous_row_with_a_name(store: Store, db_path: Path, library: AgendaLibrary) -> None:
    """Even a buggy caller or another program cannot store a name on an anonymous capture."""
    partnership = store.partnerships.ensure("P")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    person = store.partnerships.add_person(partnership.id, "Dana", None)
    other = _other_connection(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            other.execute(
                "INSERT INTO elephants (id, partnership_id, text, raised_meeting_id, raised_at, attribution, "
                "person_id, created_at, updated_at) VALUES ('e', ?, 'x', ?, 'now', 'anonymous', ?, 'now', 'now')",
                (partnership.id, meeting.id, person.id),
            )
    finally:
        other.close()


def test_organisation_attribution_needs_an_organisation_and_keeps_no_person(store: Store, library: AgendaLibrary) -> None:
    partnership = store.partnerships.ensure("P")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    board = store.partnerships.ensure_organisation(partnership.id, "the school board")
    with pytest.raises(ValueError, match="which organisation"):
        store.jargon.mention(meeting.id, "IEP", attribution=Attribution.ORGANISATION)
    store.jargon.mention(meeting.id, "IEP", attribution=Attribution.ORGANISATION, organisation_id=board.id)
    row = store.db.rows("SELECT attribution, person_id, organisation_id FROM jargon_mentions")[0]
    assert tuple(row) == ("organisation", None, board.id)


def test_another_process_commit_is_noticed_cheaply(store: Store, db_path: Path, clock: FrozenClock) -> None:
    assert store.changed_elsewhere() is False
    store.partnerships.ensure("Our own write")
    assert store.changed_elsewhere() is False, "our own commits are not news"
    scribe = Store.open(db_path, clock=clock)
    try:
        scribe.partnerships.ensure("The scribe's write")
    finally:
        scribe.close()
    assert store.changed_elsewhere() is True
    assert store.changed_elsewhere() is False
