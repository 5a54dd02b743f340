"""Backups and deleting for good: a checked copy made while others write, a copy before every schema
upgrade, and purge/delete that remove meetings with everything captured in them, leaving no readable
trace in the file and a tombstone for merges."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.store.errors import MeetingInProgress
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.screens.review import ReviewScreen
from tests.helpers import RunCli, history_rows, open_review


def file_bytes(path: Path) -> bytes:
    """The database and its write-ahead log, as a hex editor would see them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_backup_makes_a_checked_private_copy_and_never_overwrites(store: Store, history, db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    store.close()
    folder = tmp_path / "copies"
    folder.mkdir()
    result = cli("--db", str(db_path), "backup", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Backed up 3 meetings" in result.stdout
    [copy] = folder.iterdir()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with Store.open(copy) as restored:
        assert len(restored.review.history()) == 3 and restored.records.search("referral form")
    again = cli("--db", str(db_path), "backup", str(copy))
    assert again.returncode == 1 and "already exists" in again.stderr
    missing = cli("--db", str(db_path), "backup", str(tmp_path / "nowhere" / "x.db"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_a_backup_taken_while_another_writer_captures_is_consistent(store: Store, history, tmp_path: Path) -> None:
    writer = Store.open(store.path)
    stop = threading.Event()

    def capture() -> None:
        n = 0
        while not stop.is_set():
            writer.business.add_action(history["third"], f"Action {n}")
            n += 1

    thread = threading.Thread(target=capture)
    thread.start()
    try:
        copies = [tmp_path / f"copy-{n}.db" for n in range(3)]
        for copy in copies:
            store.retention.backup_to(copy)
    finally:
        stop.set()
        thread.join()
        writer.close()
    for copy in copies:
        connection = sqlite3.connect(copy)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()


def test_a_copy_is_kept_beside_the_file_before_its_schema_is_upgraded(
    db_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import meetingkit.store.connection as connection
    import meetingkit.store.database as base

    with monkeypatch.context() as old_code:
        for module in (base, connection):
            old_code.setattr(module, "LATEST_VERSION", LATEST_VERSION - 1)
        old_code.setattr(base, "MIGRATIONS", MIGRATIONS[:-1])
        with Store.open(db_path) as old:
            partnership = old.partnerships.ensure("Schools")
            meeting = old.meetings.start(old.meetings.create(partnership.id, library.agendas["operational"]).id)
            old.business.add_action(meeting.id, "Book the interpreter")
    before = db_path.with_name(f"{db_path.stem}.before-v{LATEST_VERSION}.db")
    assert not before.exists()
    with Store.open(db_path) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
    copy = sqlite3.connect(f"file:{before}?mode=ro", uri=True)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION - 1
    assert copy.execute("SELECT text FROM actions").fetchall() == [("Book the interpreter",)]
    copy.close()
    assert stat.S_IMODE(before.stat().st_mode) == 0o600
    modified = before.stat().st_mtime_ns
    with Store.open(db_path):
        pass
    assert before.stat().st_mtime_ns == modified  # nothing to upgrade: no new copy


def test_purge_shows_what_goes_and_a_dry_run_deletes_nothing(store: Store, history, db_path: Path, cli: RunCli) -> None:
    store.close()
    result = cli("--db", str(db_path), "purge", "--before", "45 days ago", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "1  meetings" in result.stdout and "Dry run: nothing was deleted." in result.stdout
    assert "2 open actions" in result.stdout  # 'Draft the form' and the confidential one are still open
    with Store.open(db_path) as after:
        assert len(after.review.history()) == 3


def test_purge_without_a_terminal_or_yes_deletes_nothing(store: Store, history, db_path: Path, cli: RunCli) -> None:
    store.close()
    result = cli("--db", str(db_path), "purge", "--before", "45 days ago")
    assert result.returncode == 1 and "add --yes" in result.stderr
    unclear = cli("--db", str(db_path), "purge", "--before", "whenever", "--yes")
    assert unclear.returncode == 1 and "Couldn't read 'whenever'" in unclear.stderr
    with Store.open(db_path) as after:
        assert len(after.review.history()) == 3


def test_purge_deletes_old_meetings_with_all_they_held_and_leaves_no_trace(
    store: Store, history, db_path: Path, cli: RunCli
) -> None:
    store.close()
    secrets = (b"Dana", b"Funding by client numbers", b"An apology for the missed", b"Private thing", b"Draft the form")
    assert all(secret in file_bytes(db_path) for secret in secrets)
    result = cli("--db", str(db_path), "purge", "--before", "45 days ago", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Deleted 1 meeting" in result.stdout
    with Store.open(db_path) as after:
        assert [row.id for row in after.review.history()] == [history["third"], history["second"]]
        assert after.records.search("Draft") == [] and after.records.search("apology") == []
        assert after.db.value("SELECT count(*) FROM agreements") == 0
        assert after.db.value("SELECT count(*) FROM people WHERE name = 'Dana'") == 0
        # The glossary stays: ISP keeps the meaning given in the second meeting.
        assert [t.display for t in after.jargon.glossary(history["schools"])] == ["MLO", "ISP"]
        tombstones = dict(after.db.rows("SELECT table_name, count(*) FROM tombstones GROUP BY table_name"))
        assert tombstones["meetings"] == 1 and tombstones["actions"] == 2 and tombstones["people"] >= 1
    for secret in secrets:
        assert secret not in file_bytes(db_path), secret


async def test_d_on_the_review_screen_deletes_a_meeting_after_asking(
    store: Store, library: AgendaLibrary, history
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history").move_cursor(row=2)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the default answer keeps it
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(history_rows(screen)) == 3
        await pilot.press("d", "y")
        await pilot.pause()
        assert len(history_rows(screen)) == 2
        assert history["first"] not in [row.id for row in screen.rows]
        screen.query_one("#history").move_cursor(row=0)  # today's meeting, still running
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(history_rows(screen)) == 2


def test_a_purge_can_be_planned_on_a_read_only_file(
    store: Store, history, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    with Store.open(db_path) as read_only:
        assert read_only.read_only
        plan = read_only.retention.purge_plan(before="2026-10-10T00:00:00.000Z")
    assert plan.counts["meetings"] == 1 and plan.still_open["actions"] == 2


def test_a_meeting_in_progress_is_not_deleted_when_people_ask(store: Store, history: dict[str, str]) -> None:
    """Its facilitator and participants are in it: deleting it under them crashed every app (issue 14)."""
    plan = store.retention.purge_plan(before="2100-01-01T00:00:00.000Z")
    assert plan.in_progress == ("Operational meeting",)
    with pytest.raises(MeetingInProgress, match="is in progress, so nothing was deleted: end it first"):
        store.retention.delete_meetings(plan.meeting_ids, refuse_in_progress=True)
    assert len(store.review.history()) == 3
    store.records.end_and_summarise(history["third"])
    assert store.retention.delete_meetings(plan.meeting_ids, refuse_in_progress=True).counts["meetings"] == 3


def test_purge_refuses_a_meeting_in_progress_with_one_line(store: Store, history, db_path: Path, cli: RunCli) -> None:
    store.close()
    for extra in ((), ("--dry-run",)):
        result = cli("--db", str(db_path), "purge", "--before", "2100", "--yes", *extra)
        assert result.returncode == 1
        assert result.stderr == (
            "meetingkit: Operational meeting is in progress, so nothing was deleted: end it first (`meetingkit end`).\n"
        )
    with Store.open(db_path) as reopened:
        assert len(reopened.review.history()) == 3
