"""`meetingkit merge`: the cases a practice lead meets, on real files and the real command.

The properties over random histories are in test_merge_properties.py; here are the
particular promises: the other file's bytes never change (older version, read-only),
a glossary term keeps every organisation's meaning, an elephant keeps its whole history,
a deletion stays a deletion, a conflict is reported without showing confidential text,
and files that cannot be merged are refused in one line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import meetingkit.store.connection as store_connection
import meetingkit.store.database as store_base
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from meetingkit.store.merge import TABLES
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tests.helpers import RunCli, new_database, table_contents
from tests.store.test_merge_properties import shared_contents

START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
HOUR = 3600


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def agendas() -> AgendaLibrary:
    return Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


def a_meeting(store: Store, agendas: AgendaLibrary, partnership: str = "Northside") -> str:
    partnership_id = store.partnerships.ensure(partnership).id
    return store.meetings.start(store.meetings.create(partnership_id, agendas.agendas["operational"]).id).id


def two_sites(tmp_path: Path, agendas: AgendaLibrary) -> tuple[Path, Path, dict[str, str]]:
    """One file with a meeting, an elephant and a term, copied to a second site."""
    here = new_database(tmp_path / "here.db")
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        elephant = store.boards.raise_elephant(meeting, "Funding follows client numbers")
        term, _ = store.jargon.mention(meeting, "ISP")
        store.meetings.end(meeting)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    return here, there, {"meeting": meeting, "elephant": elephant, "term": term}


def test_a_term_made_at_both_sites_becomes_one_with_every_organisations_meaning(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    for path, organisation, meaning, hour in (
        (here, "Settlement agency", "individual settlement plan", 1),
        (there, "School board", "individual support plan", 2),
    ):
        clock = FrozenClock(START)
        clock.advance(hour * HOUR)
        with Store.open(path, clock=clock) as store:
            meeting = a_meeting(store, agendas, "northside" if path == there else "Northside")
            term, _ = store.jargon.mention(meeting, "ISP" if path == here else "isp")
            org = store.partnerships.ensure_organisation(store.meetings.get(meeting).partnership_id, organisation)
            store.jargon.add_meaning(term, meaning, organisation_id=org.id, meeting_id=meeting)
    with Store.open(here) as store:
        report = store.merge.merge_file(there)
        [partnership] = store.partnerships.all()
        [term] = store.jargon.glossary(partnership.id)
        meanings = {(m.organisation, m.meaning) for m in term.meanings}
        assert meanings == {("Settlement agency", "individual settlement plan"),
                            ("School board", "individual support plan")}
        assert term.total == 2 and term.meetings == 2
    assert report.counts["partnerships"]["joined"] + report.counts["partnerships"]["matched"] == 1
    assert report.conflicts == []


def test_an_elephant_keeps_its_whole_history_and_the_conflict_is_reported(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, made = two_sites(tmp_path, agendas)
    for path, status, note, hours in (
        (here, ElephantStatus.ADDRESSED, "Agreed a shared count", 24),
        (there, ElephantStatus.LET_GO, "Out of our hands", 48),
    ):
        clock = FrozenClock(START)
        clock.advance(hours * HOUR)
        with Store.open(path, clock=clock) as store:
            store.boards.set_elephant_status(made["elephant"], status, meeting_id=None, note=note)
    result = cli("--db", str(here), "merge", str(there))
    assert result.returncode == 0, result.stderr
    assert '1 conflict: changed at both sites' in result.stdout
    assert 'elephant "Funding follows client numbers"' in result.stdout
    assert "kept the other site's" in result.stdout
    with Store.open(here) as store:
        assert store.boards.elephant(made["elephant"]).status is ElephantStatus.LET_GO
        history = [to for _, to, _ in store.boards.elephant_history(made["elephant"])]
        assert sorted(history) == sorted(["parked", "addressed", "let_go"])
    again = cli("--db", str(here), "merge", str(there))
    assert "Nothing new" in again.stdout and "conflict" not in again.stdout


def test_a_confidential_conflict_is_reported_without_its_text(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
        agreement = store.business.add_agreement(meeting, "Private arrangement about one family", confidential=True)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    for path, hours, status in ((here, 1, "revised"), (there, 2, "retired")):
        clock = FrozenClock(START)
        clock.advance(hours * HOUR)
        with Store.open(path, clock=clock) as store:
            store.db.write(lambda s=store, st=status: s.db.update("agreements", agreement.id, {"status": st}))
    result = cli("--db", str(here), "merge", str(there))
    assert "a confidential agreement" in result.stdout
    assert "family" not in result.stdout


def test_what_the_other_site_deleted_is_deleted_here_and_not_searchable(tmp_path: Path, agendas: AgendaLibrary) -> None:
    here, there, made = two_sites(tmp_path, agendas)
    with Store.open(there) as store:
        store.retention.delete_meetings([made["meeting"]])
    with Store.open(here) as store:
        assert store.records.search("Funding")
        report = store.merge.merge_file(there)
        assert report.counts["meetings"]["deleted"] == 1
        assert report.counts["elephants"]["deleted"] == 1
        assert store.records.search("Funding") == []
        assert store.meetings.recent() == []
    # And merging the other way does not bring it back.
    with Store.open(there) as store:
        store.merge.merge_file(here)
        assert store.meetings.recent() == []


def _make_version_3_file(path: Path, agendas: AgendaLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file as meetingkit of schema 3 made it: through the store's own methods, with migration 4 unknown."""
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:3])
        patch.setattr(store_base, "LATEST_VERSION", 3)
        patch.setattr(store_connection, "LATEST_VERSION", 3)
        with Store.open(path, clock=FrozenClock(START)) as store:
            meeting = a_meeting(store, agendas, "Literacy network")
            store.boards.raise_elephant(meeting, "Nobody owns the waiting list")
            store.jargon.mention(meeting, "ESOL")
            store.meetings.end(meeting)


def test_merging_from_an_older_version_reads_an_upgraded_copy_and_leaves_the_file_as_it_was(
    tmp_path: Path, agendas: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, cli: RunCli
) -> None:
    old = tmp_path / "site" / "old.db"
    old.parent.mkdir()
    _make_version_3_file(old, agendas, monkeypatch)
    before = sha256(old)
    here = tmp_path / "here.db"
    result = cli("--db", str(here), "merge", str(old))
    assert result.returncode == 0, result.stderr
    assert "older meetingkit, schema 3" in result.stdout
    assert "1 meeting" in result.stdout and "1 elephant" in result.stdout
    assert sha256(old) == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["old.db"]  # no upgrade copy, no -wal left beside it
    with sqlite3.connect(f"file:{old}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
    assert not list(tmp_path.glob(".meetingkit-merge-*"))  # the private copy beside this file is gone
    with Store.open(here) as store:
        assert [p.name for p in store.partnerships.all()] == ["Literacy network"]
        assert store.records.search("waiting list")


def test_merging_from_a_read_only_file_in_a_read_only_folder(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here, there, _ = two_sites(tmp_path, agendas)
    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "site.db"
    shutil.copyfile(there, source)
    with Store.open(source, clock=FrozenClock(START.replace(month=10))) as store:
        store.boards.raise_elephant(a_meeting(store, agendas), "Transport to appointments")
    before = sha256(source)
    source.chmod(0o444)
    stick.chmod(0o555)
    try:
        result = cli("--db", str(here), "merge", str(source))
    finally:
        stick.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "1 elephant" in result.stdout and f"{source} was not changed" in result.stdout
    assert sha256(source) == before
    assert sorted(p.name for p in stick.iterdir()) == ["site.db"]


def test_a_dry_run_says_what_would_come_and_changes_nothing(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here, there, _ = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START.replace(month=10))) as store:
        store.boards.raise_elephant(a_meeting(store, agendas), "Transport to appointments")
    before = table_contents(here, TABLES)
    result = cli("--db", str(here), "merge", "--dry-run", str(there))
    assert result.returncode == 0, result.stderr
    assert "New here: 1 meeting" in result.stdout and "1 elephant" in result.stdout
    assert "Nothing was changed" in result.stdout
    assert table_contents(here, TABLES) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_can_take_a_dry_run_but_not_a_merge(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here, there, _ = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START.replace(month=10))) as store:
        store.boards.raise_elephant(a_meeting(store, agendas), "Transport to appointments")
    here.chmod(0o444)
    dry = cli("--db", str(here), "merge", "--dry-run", str(there))
    assert dry.returncode == 0 and "1 elephant" in dry.stdout
    refused = cli("--db", str(here), "merge", str(there))
    assert refused.returncode == 1 and "open for reading only, so nothing can be saved" in refused.stderr


def test_a_dry_run_on_a_read_only_store_merges_into_a_private_copy(tmp_path: Path, agendas: AgendaLibrary) -> None:
    here, there, _ = two_sites(tmp_path, agendas)
    with Store.open(there, clock=FrozenClock(START.replace(month=10))) as store:
        store.boards.raise_elephant(a_meeting(store, agendas), "Transport to appointments")
    before = sha256(here)
    with Store.open(here) as store:
        store.db.read_only = True  # as on read-only media, which root cannot make in a test
        report = store.merge.merge_file(there, dry_run=True)
    assert report.counts["elephants"]["added"] == 1
    assert sha256(here) == before


def test_files_that_cannot_be_merged_are_refused_in_one_line(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here, _, _ = two_sites(tmp_path, agendas)
    newer = tmp_path / "newer.db"
    shutil.copyfile(here, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    not_ours = tmp_path / "notes.txt"
    not_ours.write_text("minutes of the meeting\n" * 100)
    for other, says in (
        (here, "that is this file"),
        (tmp_path / "missing.db", "no such file"),
        (tmp_path, "is a folder"),
        (newer, "newer meetingkit"),
        (not_ours, "not"),
    ):
        result = cli("--db", str(here), "merge", str(other))
        assert result.returncode == 1, (other, result.stdout)
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_an_encrypted_file_takes_a_plain_sites_file_but_an_encrypted_one_is_refused(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    pytest.importorskip("sqlcipher3", reason="the encryption extra (sqlcipher3) is not installed")
    here, there, made = two_sites(tmp_path, agendas)
    locked = tmp_path / "locked.db"
    with Store.open(locked, passphrase="a long passphrase") as store:
        report = store.merge.merge_file(there)
        assert report.counts["meetings"]["added"] == 1
        assert store.boards.elephant(made["elephant"]).text == "Funding follows client numbers"
    result = cli("--db", str(here), "merge", str(locked))
    assert result.returncode == 1
    assert "cannot merge from an encrypted file" in result.stderr


def test_what_one_site_captured_in_a_meeting_the_other_purged_goes_too(tmp_path: Path, agendas: AgendaLibrary) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, agendas)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(there, clock=FrozenClock(START.replace(hour=10))) as store:
        store.boards.raise_elephant(meeting, "A worry about one family")
        store.business.add_agreement(meeting, "Share the family's plan")
    with Store.open(here, clock=FrozenClock(START.replace(hour=11))) as store:
        store.retention.delete_meetings([meeting])
    for into, other in ((here, there), (there, here)):
        merged = tmp_path / f"merged-{into.stem}.db"
        shutil.copyfile(into, merged)
        with Store.open(merged) as store:
            store.merge.merge_file(other)
            assert store.db.value("SELECT count(*) FROM elephants") == 0
            assert store.db.value("SELECT count(*) FROM agreements") == 0
            assert store.records.search("family") == []


def test_hidden_from_the_room_stays_hidden_when_the_other_site_changed_it_later(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    here, there, made = two_sites(tmp_path, agendas)
    with Store.open(here, clock=FrozenClock(START.replace(hour=10))) as store:
        store.room.set_elephant_hidden(made["elephant"], True)
    with Store.open(there, clock=FrozenClock(START.replace(hour=11))) as store:
        store.boards.set_elephant_status(made["elephant"], ElephantStatus.DISCUSSING, meeting_id=None)
    with Store.open(here) as store:
        report = store.merge.merge_file(there)
        assert [c.table for c in report.conflicts] == ["elephants"]
        assert store.boards.elephant(made["elephant"]).status is ElephantStatus.DISCUSSING
        assert store.db.value("SELECT hidden FROM elephants WHERE id = ?", [made["elephant"]]) == 1


def test_an_action_carried_from_one_in_a_meeting_purged_elsewhere_still_merges(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        first = a_meeting(store, agendas)
        action = store.business.add_action(first, "Draft the referral form")
        store.meetings.end(first)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(there, clock=FrozenClock(START.replace(day=8))) as store:
        carried = store.business.add_action(a_meeting(store, agendas), "Draft the referral form")
        store.db.write(lambda: store.db.update("actions", carried.id, {"carried_from_id": action.id}))
    with Store.open(here, clock=FrozenClock(START.replace(day=9))) as store:
        store.retention.delete_meetings([first])
        store.merge.merge_file(there)
        assert store.db.value("SELECT carried_from_id FROM actions WHERE id = ?", [carried.id]) is None


def test_a_file_left_with_its_write_ahead_log_is_read_whole_and_nothing_is_written_beside_it(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    """As a stick pulled out while meetingkit was open: part of the file is still in its -wal."""
    site = tmp_path / "site.db"
    stick = tmp_path / "stick"
    stick.mkdir()
    store = Store.open(site, clock=FrozenClock(START))
    try:
        store.boards.raise_elephant(a_meeting(store, agendas), "Only in the log so far")
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{site}{suffix}", stick / f"site.db{suffix}")
    finally:
        store.close()
    before = {p.name: sha256(p) for p in stick.iterdir()}
    assert set(before) == {"site.db", "site.db-wal"}
    here = tmp_path / "here.db"
    with Store.open(here) as mine:
        mine.merge.merge_file(stick / "site.db")
        assert [e.text for e in mine.boards.parking_lot(mine.partnerships.all()[0].id)] == ["Only in the log so far"]
    assert {p.name: sha256(p) for p in stick.iterdir()} == before


def test_an_action_carried_from_one_made_elsewhere_in_a_purged_meeting_still_merges(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    """The action carried from was never at the purging site: it is left out, and the link with it."""
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        first = a_meeting(store, agendas)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(there, clock=FrozenClock(START.replace(day=8))) as store:
        earlier = store.business.add_action(first, "Draft the referral form")
        carried = store.business.add_action(a_meeting(store, agendas), "Draft the referral form")
        store.db.write(lambda: store.db.update("actions", carried.id, {"carried_from_id": earlier.id}))
    with Store.open(here, clock=FrozenClock(START.replace(day=9))) as store:
        store.retention.delete_meetings([first])
        store.merge.merge_file(there)
        assert store.db.value("SELECT count(*) FROM actions") == 1
        assert store.db.value("SELECT carried_from_id FROM actions WHERE id = ?", [carried.id]) is None


def test_names_keep_the_spelling_written_first_whichever_way_the_merge_goes(
    tmp_path: Path, agendas: AgendaLibrary
) -> None:
    """Journey 3: Lee types the partnership and a term in lower case at a hot desk; the office's
    spelling stays, and Lee's organisation's meaning joins the term."""
    office, stick = tmp_path / "office.db", tmp_path / "lee.db"
    with Store.open(office, clock=FrozenClock(START)) as store:
        store.jargon.mention(a_meeting(store, agendas, "Northside Partnership"), "CaMS")
    with Store.open(stick, clock=FrozenClock(START.replace(month=10))) as store:
        meeting = a_meeting(store, agendas, "northside partnership")
        term, _ = store.jargon.mention(meeting, "cams")
        org = store.partnerships.ensure_organisation(store.meetings.get(meeting).partnership_id, "Employment Ontario")
        store.jargon.add_meaning(term, "case management system", organisation_id=org.id, meeting_id=meeting)
    for into, other in ((office, stick), (stick, office)):
        merged = tmp_path / f"merged-{into.stem}.db"
        shutil.copyfile(into, merged)
        with Store.open(merged) as store:
            store.merge.merge_file(other)
            [partnership] = store.partnerships.all()
            [term] = store.jargon.glossary(partnership.id)
            assert partnership.name == "Northside Partnership"
            assert term.display == "CaMS" and not term.unexplained
            assert [(m.organisation, m.meaning) for m in term.meanings] == [
                ("Employment Ontario", "case management system")
            ]
    assert shared_contents(tmp_path / "merged-office.db") == shared_contents(tmp_path / "merged-lee.db")
