"""Files that are not what they should be: a clear one-line message, and their bytes untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingkit.core.clock import FrozenClock
from meetingkit.store import DatabaseUnusable, ReadOnlyDatabase, Store
from meetingkit.store.errors import DatabaseDamaged, DatabaseTooNew, NotADatabase
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _healthy_database(path: Path, clock: FrozenClock) -> Path:
    store = Store.open(path, clock=clock)
    partnership = store.partnerships.ensure("Child welfare and mental health")
    for number in range(40):  # enough rows for several pages
        store.partnerships.ensure_organisation(partnership.id, f"Organisation number {number} " + "x" * 200)
    store.close()
    return path


@pytest.fixture
def healthy(db_path: Path, clock: FrozenClock) -> Path:
    return _healthy_database(db_path, clock)


def _assert_refused(path: Path, error_type: type[Exception], *phrases: str) -> None:
    before = _digest(path)
    with pytest.raises(error_type) as raised:
        Store.open(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for phrase in phrases:
        assert phrase in message
    assert _digest(path) == before, "the file's bytes changed"
    assert not path.with_name(path.name + "-wal").exists()


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "minutes.txt"
    notes.write_text("Minutes of the March meeting\n" * 100)
    _assert_refused(notes, NotADatabase, "not an SQLite file", "has not changed it")


def test_a_tiny_file_is_not_a_database(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.db"
    tiny.write_bytes(b"MZ")
    _assert_refused(tiny, NotADatabase)


def test_a_truncated_database_is_refused(healthy: Path) -> None:
    data = healthy.read_bytes()
    healthy.write_bytes(data[: len(data) // 2 + 100])
    _assert_refused(healthy, DatabaseDamaged, "cut short", "Restore it from a backup")


def test_a_database_cut_inside_its_header_is_refused(healthy: Path) -> None:
    healthy.write_bytes(healthy.read_bytes()[:60])
    _assert_refused(healthy, DatabaseDamaged, "cut short")


def test_a_database_with_a_garbled_first_page_is_refused(healthy: Path) -> None:
    data = bytearray(healthy.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)
    healthy.write_bytes(bytes(data))
    _assert_refused(healthy, DatabaseDamaged, "damaged")


def test_a_database_from_a_newer_meetingkit_is_refused(healthy: Path) -> None:
    connection = sqlite3.connect(healthy)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    _assert_refused(healthy, DatabaseTooNew, "newer meetingkit", "Upgrade meetingkit")


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('someone')")
    connection.commit()
    connection.close()
    _assert_refused(other, NotADatabase, "not a meetingkit one")


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    """`touch meetings.db` then `--db meetings.db` is a reasonable thing to do."""
    empty = tmp_path / "meetings.db"
    empty.touch()
    store = Store.open(empty)
    try:
        assert store.schema_version() == LATEST_VERSION
        assert store.db.value("PRAGMA application_id") == APPLICATION_ID
    finally:
        store.close()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnusable, match="is a folder"):
        Store.open(tmp_path)


def test_a_missing_folder_named_by_the_user_is_not_created(tmp_path: Path) -> None:
    """A typo or an unplugged USB stick should not quietly become a new, empty database elsewhere."""
    path = tmp_path / "E" / "meetings.db"
    with pytest.raises(DatabaseUnusable, match="does not exist"):
        Store.open(path)
    assert not path.parent.exists()


needs_permissions = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)


@pytest.fixture
def read_only_folder(healthy: Path) -> Iterator[Path]:
    os.chmod(healthy, 0o400)
    os.chmod(healthy.parent, 0o500)
    yield healthy
    os.chmod(healthy.parent, 0o700)
    os.chmod(healthy, 0o600)


def _opened_read_only(path: Path) -> None:
    before = _digest(path)
    store = Store.open(path)
    try:
        assert store.read_only
        assert store.partnerships.all()[0].name == "Child welfare and mental health"
        with pytest.raises(ReadOnlyDatabase, match="open for reading only"):
            store.partnerships.ensure("Another")
    finally:
        store.close()
    assert _digest(path) == before


@needs_permissions
def test_a_read_only_file_opens_for_review(healthy: Path) -> None:
    os.chmod(healthy, 0o400)
    try:
        _opened_read_only(healthy)
    finally:
        os.chmod(healthy, 0o600)


@needs_permissions
def test_a_database_in_a_read_only_folder_opens_for_review(read_only_folder: Path) -> None:
    _opened_read_only(read_only_folder)


def test_read_only_is_decided_by_what_the_os_allows(healthy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (where chmod does not bite) the same path is exercised by reporting no write access."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    _opened_read_only(healthy)


def test_a_new_database_cannot_be_made_in_a_read_only_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.db"
    path.touch()
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    with pytest.raises(ReadOnlyDatabase):
        Store.open(path)


def test_file_mode_of_an_existing_database_is_left_alone(healthy: Path) -> None:
    """We make new files private; we do not silently change a file somebody shared on purpose."""
    os.chmod(healthy, 0o640)
    Store.open(healthy).close()
    assert stat.S_IMODE(healthy.stat().st_mode) == 0o640


def test_damage_in_the_middle_of_a_current_file_is_found_on_opening(healthy: Path) -> None:
    """A bad page deep in the file is reported when the file is opened, not as a crash mid-meeting."""
    data = bytearray(healthy.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) >= 4 * page_size
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\xff" * page_size
    healthy.write_bytes(bytes(data))
    _assert_refused(healthy, DatabaseDamaged, "damaged", "Restore it from a backup")


def test_a_named_pipe_is_not_a_database(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    with pytest.raises(DatabaseUnusable, match="is not a regular file"):
        Store.open(pipe)


def test_a_read_only_disk_refuses_a_new_file_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a locked USB stick or a read-only mount, creating the file fails with EROFS, not EACCES."""
    import errno

    def read_only_filesystem(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", read_only_filesystem)
    with pytest.raises(DatabaseUnusable, match="Read-only file system"):
        Store.open(tmp_path / "new.db")


def test_opening_while_another_process_checkpoints_is_never_refused(db_path: Path) -> None:
    """A scribe's second terminal opens the file while the first keeps writing and checkpointing.

    SQLite writes the new page count into page 1 before it extends the file, so a
    size check made without a lock would call a healthy live file "cut short".
    """
    import subprocess
    import sys

    Store.open(db_path).close()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from meetingkit.store import Store\n"
            "store = Store.open(Path(sys.argv[1]))\n"
            "partnership = store.partnerships.ensure('P')\n"
            "print('ready', flush=True)\n"
            "for n in range(400):\n"
            "    store.partnerships.ensure_organisation(partnership.id, f'organisation {n} ' + 'x' * 500)\n"
            "    store.db.execute('PRAGMA wal_checkpoint(PASSIVE)')\n",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "ready"
    opened = 0
    while writer.poll() is None:
        Store.open(db_path).close()
        opened += 1
    assert writer.returncode == 0
    assert opened > 0
