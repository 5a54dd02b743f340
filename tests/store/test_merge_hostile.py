"""`meetingkit merge` of a file made to hurt: the other site's file is untrusted input.

Each hostile file is made with the real Store, then changed with raw SQL as an attacker
(or a damaged stick) would; the file merged into is a real temporary file, and afterwards
the commands people run on it still work.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.store.merge import TABLES
from meetingkit.store.merge_checks import problem
from tests.helpers import RunCli, new_database, table_contents

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def agendas() -> AgendaLibrary:
    return Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


def a_meeting(store: Store, agendas: AgendaLibrary, partnership: str = "Northside") -> str:
    partnership_id = store.partnerships.ensure(partnership).id
    return store.meetings.start(store.meetings.create(partnership_id, agendas.agendas["operational"]).id).id


def two_sites(tmp_path: Path, agendas: AgendaLibrary) -> tuple[Path, Path, str]:
    """Our file with an ended meeting and an open elephant, copied to the other site."""
    here = new_database(tmp_path / "here.db")
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        store.boards.raise_elephant(meeting, "Funding follows client numbers")
        store.meetings.end(meeting)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    return here, there, meeting


def tamper(path: Path, *statements: str) -> None:
    """Change the file with raw SQL, its CHECK constraints switched off as an attacker's tool can."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    try:
        with connection:
            for statement in statements:
                connection.execute(statement)
    finally:
        connection.close()


def still_usable(cli: RunCli, here: Path, meeting_ids: list[str]) -> None:
    """The commands people run on the merged file answer without a traceback."""
    listed = cli("--db", here, "meetings")
    assert listed.returncode == 0, listed.stderr
    for meeting_id in meeting_ids:
        exported = cli("--db", here, "export", meeting_id, "--format", "html")
        assert exported.returncode == 0, exported.stderr
        assert "Traceback" not in exported.stderr


# -- 1: only the tables merge knows, never anything the file defines ----------------------


@pytest.mark.parametrize("known", ["elephants", "row_versions"])
def test_a_view_with_a_known_tables_name_is_refused_in_one_line(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli, known: str
) -> None:
    here, there, meeting = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START)) as store:
        store.boards.raise_elephant(a_meeting(store, agendas), "Raised only there")
    tamper(there, f"ALTER TABLE {known} RENAME TO {known}_kept",
           f"CREATE VIEW {known} AS SELECT * FROM {known}_kept")
    before = table_contents(here, TABLES)

    result = cli("--db", here, "merge", there)

    assert result.returncode != 0
    assert f"its {known} is a view, not a table" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert table_contents(here, TABLES) == before


# -- 2: join codes and running state never travel ----------------------------------------


def test_a_running_meeting_with_a_join_code_arrives_ended_and_its_code_opens_nothing(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, _ = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START)) as store:
        running = a_meeting(store, agendas)
    tamper(there, f"UPDATE meetings SET join_code = 'AAAAAA', projecting = 1, wall = 'join_code' WHERE id = '{running}'")

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    with Store.open(here) as store:
        assert store.room.attempt_join("AAAAAA") is None
        row = store.db.execute(
            "SELECT status, ended_at, join_code, projecting, wall FROM meetings WHERE id = ?", [running]
        ).fetchone()
        assert tuple(row)[0] == "ended" and tuple(row)[1] is not None
        assert tuple(row)[2:] == (None, 0, "meeting")
    again = cli("--db", here, "merge", there)
    assert "Nothing new" in again.stdout
    still_usable(cli, here, [running])


def test_a_meeting_running_here_keeps_its_own_code_and_stays_running(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        ours = store.room.join_code(meeting)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    tamper(there, "UPDATE meetings SET join_code = 'AAAAAA', projecting = 1, wall = 'blank', "
                  f"title = 'Renamed there', updated_at = '2026-09-02T09:00:00.000Z' WHERE id = '{meeting}'")

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    with Store.open(here) as store:
        assert store.room.attempt_join("AAAAAA") is None
        assert store.room.attempt_join(ours) == meeting
        row = store.db.execute("SELECT status, join_code, projecting, wall FROM meetings WHERE id = ?", [meeting]).fetchone()
        assert tuple(row) == ("running", ours, 0, "meeting")




# -- 3: a tombstone deletes only what the other site could have known of -------------------


def test_a_tombstone_forged_from_a_meeting_id_alone_deletes_nothing(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, _, meeting = two_sites(tmp_path, agendas)
    there = tmp_path / "stranger.db"
    with Store.open(there, clock=FrozenClock(START)) as store:
        a_meeting(store, agendas)
    tamper(there, "INSERT INTO tombstones VALUES ('0199a000-0000-7000-8000-000000000001', 'meetings', "
                  f"'{meeting}', '2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z')")

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert ("Not brought in: 1 deletion, because it does not show that the other site had what it deletes."
            in result.stdout)
    with Store.open(here) as store:
        assert store.meetings.get(meeting).id == meeting
        assert len(store.boards.parking_lot(store.meetings.get(meeting).partnership_id)) == 1
        assert store.db.value("SELECT count(*) FROM tombstones") == 0
    still_usable(cli, here, [meeting])


def test_a_tombstone_forged_from_the_meetings_id_and_time_deletes_nothing(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """A meeting's id is printed and its time can be read from the id: a tombstone made from
    both (as this check first did) still does not show that the other site held the meeting."""
    import uuid

    from meetingkit.store.retention import DELETIONS

    here, _, meeting = two_sites(tmp_path, agendas)
    with Store.open(here) as store:
        made = store.db.value("SELECT created_at FROM meetings WHERE id = ?", [meeting])
    forged = uuid.uuid5(DELETIONS, f"meetings/{meeting}/{made}")
    there = tmp_path / "stranger.db"
    with Store.open(there, clock=FrozenClock(START)) as store:
        a_meeting(store, agendas)
    tamper(there, f"INSERT INTO tombstones VALUES ('{forged}', 'meetings', '{meeting}', "
                  "'2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z')")

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert "it does not show that the other site had this meeting, so it was kept" in result.stdout
    with Store.open(here) as store:
        assert store.meetings.get(meeting).id == meeting


def test_a_meeting_the_other_site_had_and_purged_is_deleted_here(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, meeting = two_sites(tmp_path, agendas)
    with Store.open(there) as store:
        store.retention.delete_meetings([meeting])

    result = cli("--db", here, "merge", there, "--yes")

    assert result.returncode == 0, result.stderr
    assert "Not brought in" not in result.stdout
    with Store.open(here) as store:
        assert store.db.value("SELECT count(*) FROM meetings") == 0
    still_usable(cli, here, [])


def forge(there: Path, table: str, row_id: str, tombstone_id: str = "0199a000-0000-7000-8000-000000000001") -> None:
    tamper(there, f"INSERT INTO tombstones VALUES ('{tombstone_id}', '{table}', '{row_id}', "
                  "'2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z', '2026-09-02T09:00:00.000Z')")


def a_stranger(tmp_path: Path, agendas: AgendaLibrary) -> Path:
    there = new_database(tmp_path / "stranger.db")
    with Store.open(there, clock=FrozenClock(START)) as store:
        a_meeting(store, agendas)
    return there


@pytest.mark.parametrize("from_time", [False, True], ids=["any id", "made from its id and time"])
@pytest.mark.parametrize("table", ["elephants", "partnerships", "people"])
def test_a_tombstone_forged_from_an_id_alone_deletes_nothing_whatever_it_names(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli, table: str, from_time: bool
) -> None:
    """Not only meetings: an elephant's id is in the JSON export, and a partnership's deletion
    would take every meeting with it."""
    import uuid

    from meetingkit.store.retention import DELETIONS

    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        store.meetings.add_attendee(meeting, "Amira Haddad", "OCISO")
        store.boards.raise_elephant(meeting, "Funding follows client numbers")
        store.meetings.end(meeting)
        row_id, made = store.db.execute(f"SELECT id, created_at FROM {table}").fetchone()
    before = table_contents(here, TABLES)
    there = a_stranger(tmp_path, agendas)
    if from_time:
        forge(there, table, row_id, str(uuid.uuid5(DELETIONS, f"{table}/{row_id}/{made}/")))
    else:
        forge(there, table, row_id)

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert "Not brought in" in result.stdout
    with Store.open(here) as store:
        assert store.db.value(f"SELECT count(*) FROM {table} WHERE id = ?", [row_id]) == 1
        assert store.db.value("SELECT count(*) FROM tombstones") == 0
    after = table_contents(here, TABLES)
    for kept in ("partnerships", "meetings", "section_runs", "elephants", "people", "attendance"):
        assert set(before[kept]) <= set(after[kept]), kept
    still_usable(cli, here, [meeting])


def test_a_note_deleted_at_the_other_site_is_deleted_here(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        kept = store.notes.add(meeting, "Kept at both")
        gone = store.notes.add(meeting, "Deleted there")
        store.meetings.end(meeting)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(there) as store:
        store.notes.delete(gone)

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert "Not brought in" not in result.stdout
    with Store.open(here) as store:
        assert [row[0] for row in store.db.execute("SELECT id FROM notes")] == [kept]


def test_a_person_the_other_site_purged_stays_here_when_they_came_to_a_meeting_here(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """The other site deleted Amira with its only meeting of hers it had; she came to another here."""
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        shared = a_meeting(store, agendas)
        amira = store.meetings.add_attendee(shared, "Amira Haddad", "OCISO").id
        store.meetings.end(shared)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(here, clock=FrozenClock(START)) as store:
        ours = a_meeting(store, agendas)
        store.meetings.attend(ours, amira)
        store.meetings.end(ours)
    with Store.open(there) as store:
        plan = store.retention.delete_meetings([shared])
        assert plan.counts["people"] == 1

    result = cli("--db", here, "merge", there, "--yes")

    assert result.returncode == 0, result.stderr
    with Store.open(here) as store:
        assert store.db.value("SELECT count(*) FROM meetings WHERE id = ?", [shared]) == 0
        assert [p.name for p in store.meetings.attendees(ours)] == ["Amira Haddad"]
    still_usable(cli, here, [ours])


def test_a_forged_deletion_of_a_meeting_not_held_here_does_not_keep_it_out_when_it_arrives(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """The stranger names a meeting this file has not seen yet; when a real site brings it, it comes in."""
    real = tmp_path / "real.db"
    with Store.open(real, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        store.boards.raise_elephant(meeting, "Waiting lists")
        store.meetings.end(meeting)
        made = store.db.value("SELECT created_at FROM meetings WHERE id = ?", [meeting])
    import uuid

    from meetingkit.store.retention import DELETIONS
    stranger = a_stranger(tmp_path, agendas)
    forge(stranger, "meetings", meeting, str(uuid.uuid5(DELETIONS, f"meetings/{meeting}/{made}/")))
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.partnerships.ensure("Northside")

    assert cli("--db", here, "merge", stranger).returncode == 0
    result = cli("--db", here, "merge", real)

    assert result.returncode == 0, result.stderr
    with Store.open(here) as store:
        assert store.meetings.get(meeting).id == meeting
        assert store.db.value("SELECT count(*) FROM elephants") == 1
    still_usable(cli, here, [meeting])


def test_a_real_deletion_of_a_meeting_not_held_here_keeps_it_out_when_another_site_brings_it(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """Site A purged a meeting site B still has; the lead's file, which never had it, hears of
    the purge first, then merges B: the meeting stays deleted."""
    a = tmp_path / "a.db"
    with Store.open(a, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        store.meetings.end(meeting)
    b = tmp_path / "b.db"
    shutil.copyfile(a, b)
    with Store.open(a) as store:
        store.retention.delete_meetings([meeting])
    lead = tmp_path / "lead.db"
    with Store.open(lead, clock=FrozenClock(START)) as store:
        store.partnerships.ensure("Northside")

    assert cli("--db", lead, "merge", a).returncode == 0
    result = cli("--db", lead, "merge", b)

    assert result.returncode == 0, result.stderr
    with Store.open(lead) as store:
        assert store.db.value("SELECT count(*) FROM meetings") == 0


@pytest.mark.parametrize("claimed", [1, 3, 7])
def test_a_file_claiming_an_older_schema_than_its_tables_is_named_in_one_line_and_nothing_changes(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli, claimed: int
) -> None:
    """Its version says "upgrade me", its tables are already upgraded: the upgrade of the private
    copy fails. The line names the other file, never the temporary copy, and blames no disk."""
    here, there, _ = two_sites(tmp_path, agendas)
    tamper(there, f"PRAGMA user_version = {claimed}")
    before = table_contents(here, TABLES)
    files = sorted(p.name for p in tmp_path.iterdir())

    result = cli("--db", here, "merge", there)

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(there) in lines[0] and ".meetingkit-merge" not in lines[0]
    assert "disk" not in lines[0] and "nothing was changed" in lines[0].lower()
    assert table_contents(here, TABLES) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no private copy left behind


# -- 4: values are checked before anything is brought in ----------------------------------


def test_rows_with_values_the_app_cannot_read_are_not_brought_in_and_the_rest_is(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, shared = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START)) as store:
        broken = a_meeting(store, agendas)
        store.jargon.mention(broken, "ISP")
        store.meetings.end(broken)
        good = a_meeting(store, agendas)
        store.boards.raise_elephant(good, "Fine words")
        store.boards.raise_elephant(good, "Bytes instead of words")
        store.jargon.mention(good, "CAAP")
        store.meetings.end(good)
    tamper(
        there,
        f"UPDATE meetings SET started_at = 'not-a-time' WHERE id = '{broken}'",
        f"UPDATE meetings SET title = 'Renamed there', updated_at = 'garbage' WHERE id = '{shared}'",
        f"UPDATE section_runs SET kind = 'evil' WHERE meeting_id = '{good}' AND position = 1",
        f"UPDATE section_runs SET planned_minutes = '<img src=x onerror=alert(1)>' WHERE meeting_id = '{good}' AND position = 2",
        f"UPDATE section_runs SET planned_minutes = -5 WHERE meeting_id = '{good}' AND position = 3",
        f"UPDATE jargon_mentions SET mentioned_at = 'yesterday' WHERE meeting_id = '{good}'",
        "UPDATE elephants SET text = X'00ff' WHERE text = 'Bytes instead of words'",
    )

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Not brought in: 1 meeting, because its started_at is not a time." in out
    assert "Not brought in: 1 meeting, because its updated_at is not a time." in out
    assert "because its kind is not one of" in out
    assert "Not brought in: 1 section, because its planned_minutes is not a whole number." in out
    assert "Not brought in: 1 section, because its planned_minutes is below zero." in out
    assert "Not brought in: 1 jargon mention, because its mentioned_at is not a time." in out
    assert "Not brought in: 1 elephant, because its text is not text." in out
    assert "because it belongs to something not brought in" in out  # the broken meeting's sections
    with Store.open(here) as store:
        assert store.db.value("SELECT count(*) FROM meetings WHERE id = ?", [broken]) == 0
        assert store.meetings.get(good).id == good
        texts = {e.text for e in store.boards.parking_lot(store.meetings.get(good).partnership_id)}
        assert texts == {"Funding follows client numbers", "Fine words"}
        assert store.meetings.get(shared).title != "Renamed there"
    still_usable(cli, here, [shared, good])
    for command in (["report", "--partnership", "Northside"], ["search", "words"],
                    ["glossary", "--partnership", "Northside"]):
        answered = cli("--db", here, *command)
        assert answered.returncode == 0 and "Traceback" not in answered.stderr, answered.stderr
    again = cli("--db", here, "merge", there)
    assert again.returncode == 0 and "Not brought in: 1 elephant" in again.stdout


@pytest.mark.parametrize(("table", "column", "value", "reason"), [
    ("meetings", "agenda_snapshot", "{not json", "is not a JSON object"),
    ("meetings", "agenda_snapshot", "[1, 2]", "is not a JSON object"),
    ("notes", "attribution", "everyone", "is not one of named, organisation, anonymous"),
    ("actions", "due_on", "next friday", "is not a date"),
    ("elephants", "raised_at", "2026-09-01T09:00:00", "is not a time"),
    ("elephants", "hidden", 2, "is neither 0 nor 1"),
])
def test_each_kind_of_value_is_checked(table: str, column: str, value: object, reason: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "here.db") as store:
        types = {row[1]: row[2] for row in store.db.execute(f"PRAGMA table_info({table})")}
    assert problem(table, {column: value}, types) == f"its {column} {reason}"
