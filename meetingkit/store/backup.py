"""Consistent copies of a database file: `meetingkit backup`, and the one made before a migration.

A copy of an encrypted file is encrypted too, with the same key: SQLCipher's `VACUUM INTO`
writes the copy through the connection's key (a test proves the copy is unreadable
without it). Such a copy can only be read back with that key, so it is checked
through the open connection (`ATTACH` without a key uses the main database's), and
what the check found is handed to `check_backup`. The passphrase itself is never kept.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from meetingkit.core.files import create_private
from meetingkit.store.connection import driver_of, file_uri
from meetingkit.store.errors import WriteFailed
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION


@dataclass(frozen=True)
class _CopyFacts:
    """What reading a copy back found."""

    problem: str
    application_id: int
    version: int
    meetings: int


def write_backup(connection: sqlite3.Connection, destination: Path) -> None:
    """A consistent copy of the open database at `destination`, which must not exist yet.

    `VACUUM INTO` reads one snapshot (other processes may go on writing) and writes a
    compact file without a write-ahead log; the file is made owner-only before any
    page is written to it. From an encrypted connection the copy is encrypted with the
    same key.
    """
    create_private(destination)
    driver = driver_of(connection)
    try:
        # Absolute, so it never starts with "file:" and is never read as a URI, whatever it holds.
        connection.execute("VACUUM INTO ?", [str(destination.absolute())])
    except driver.Error:
        destination.unlink(missing_ok=True)
        raise


def _read_through_key(connection: sqlite3.Connection, copy: Path) -> _CopyFacts:
    """Check an encrypted copy with the connection's own key: ATTACH without KEY uses the main database's."""
    driver = driver_of(connection)
    connection.execute("ATTACH DATABASE ? AS meetingkit_copy", [str(copy.absolute())])
    try:
        try:
            problem = connection.execute("PRAGMA meetingkit_copy.quick_check").fetchone()[0]
        except driver.DatabaseError as error:  # a page that does not decrypt
            return _CopyFacts(str(error), 0, 0, 0)
        return _CopyFacts(
            problem,
            connection.execute("PRAGMA meetingkit_copy.application_id").fetchone()[0],
            connection.execute("PRAGMA meetingkit_copy.user_version").fetchone()[0],
            connection.execute("SELECT count(*) FROM meetingkit_copy.meetings").fetchone()[0],
        )
    finally:
        connection.execute("DETACH DATABASE meetingkit_copy")


def _read_plain(path: Path) -> _CopyFacts:
    # The copy has no -wal and nobody else has it open: read it as immutable, leaving nothing beside it.
    connection = sqlite3.connect(file_uri(path, mode="ro", immutable="1"), uri=True)
    try:
        problem = connection.execute("PRAGMA quick_check").fetchone()[0]
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        meetings = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
    finally:
        connection.close()
    return _CopyFacts(problem, application_id, version, meetings)


def check_backup(path: Path, connection: sqlite3.Connection, version: int = LATEST_VERSION) -> int:
    """Read a backup back: it must be a healthy meetingkit file at `version`. Returns its meeting count.

    Args:
        connection: The database the copy was made from; an encrypted copy is read
            through its key (the passphrase itself is never at hand).

    Raises:
        WriteFailed: the copy is not what it should be (it is then removed).
    """
    driver = driver_of(connection)
    try:
        facts = _read_plain(path) if driver is sqlite3 else _read_through_key(connection, path)
    except driver.Error as error:
        path.unlink(missing_ok=True)
        raise WriteFailed(path, f"the copy could not be read back ({error}); it was removed") from None
    if facts.problem != "ok" or (facts.application_id, facts.version) != (APPLICATION_ID, version):
        path.unlink(missing_ok=True)
        raise WriteFailed(path, f"the copy did not check out ({facts.problem}); it was removed")
    return facts.meetings


def backup_name(database: Path, when: str, number: int = 1) -> str:
    """The name a backup gets inside a folder: "meetingkit-2026-11-24-1405.db" from the file and a stored stamp.

    A second backup in the same minute is `number` 2, "meetingkit-2026-11-24-1405-2.db", and so on.
    """
    stamp = when[:16].replace("T", "-").replace(":", "")
    return f"{database.stem}-{stamp}{'' if number == 1 else f'-{number}'}.db"


def before_migration_name(database: Path) -> Path:
    """Where the copy made before upgrading a file to this version's schema goes: beside it."""
    return database.with_name(f"{database.stem}.before-v{LATEST_VERSION}.db")
