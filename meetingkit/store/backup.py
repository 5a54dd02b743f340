"""Consistent copies of a database file: `meetingkit backup`, and the one made before a migration."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from meetingkit.store.errors import WriteFailed
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION


def write_backup(connection: sqlite3.Connection, destination: Path) -> None:
    """A consistent copy of the open database at `destination`, which must not exist yet.

    `VACUUM INTO` reads one snapshot (other processes may go on writing) and writes a
    compact file without a write-ahead log; the file is made owner-only before any
    page is written to it.
    """
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    try:
        connection.execute("VACUUM INTO ?", [str(destination)])
    except sqlite3.Error:
        destination.unlink(missing_ok=True)
        raise


def check_backup(path: Path, version: int = LATEST_VERSION) -> int:
    """Read a backup back: it must be a healthy meetingkit file at `version`. Returns its meeting count.

    Raises:
        WriteFailed: the copy is not what it should be (it is then removed).
    """
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problem = connection.execute("PRAGMA quick_check").fetchone()[0]
        marks = connection.execute("PRAGMA application_id").fetchone()[0], connection.execute(
            "PRAGMA user_version"
        ).fetchone()[0]
        meetings = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
    finally:
        connection.close()
    if problem != "ok" or marks != (APPLICATION_ID, version):
        path.unlink(missing_ok=True)
        raise WriteFailed(path, f"the copy did not check out ({problem}); it was removed")
    return meetings


def backup_name(database: Path, when: str) -> str:
    """The name a backup gets inside a folder: "meetingkit-2026-11-24-1405.db" from the file and a stored stamp."""
    stamp = when[:16].replace("T", "-").replace(":", "")
    return f"{database.stem}-{stamp}.db"


def before_migration_name(database: Path) -> Path:
    """Where the copy made before upgrading a file to this version's schema goes: beside it."""
    return database.with_name(f"{database.stem}.before-v{LATEST_VERSION}.db")
