"""The one place that opens a database file.

Opening is careful because the file may be anything: a fresh path, a meetingkit
database, a document someone pointed `--db` at by mistake, a copy cut short on a
USB stick, or a file from a newer meetingkit. Until the file has been shown to
be a healthy meetingkit database at a version we know, it is only ever read, so
a wrong path can never be damaged.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from meetingkit.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnusable,
    NotADatabase,
)
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION

QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024
"""Files up to this size are checked page by page on opening (see `_inspect`)."""

BUSY_TIMEOUT_SECONDS = 2.0
"""How long SQLite itself waits for another writer before `Store` retries."""

_HEADER = b"SQLite format 3\x00"
_UNTOUCHED = "meetingkit has not changed it"


@dataclass(frozen=True)
class FileFacts:
    """What a first, read-only look at a database file found."""

    is_new: bool
    version: int = 0
    writable: bool = True


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _check_header(path: Path, size: int, *, live: bool) -> None:
    """Refuse files that are not SQLite, or whose size cannot be right, without opening them.

    The size check only applies to a file nobody has open (`live` is False): while
    another process checkpoints its WAL, SQLite writes page 1, with the new page
    count, before it extends the file, so a healthy live file can look short.
    """
    header = _read_header(path)
    if header[:16] != _HEADER[: len(header[:16])]:
        raise NotADatabase(
            path,
            "is not a meetingkit database (it is not an SQLite file at all)",
            f"Check the path you gave; {_UNTOUCHED}",
        )
    if len(header) < 100:
        raise DatabaseDamaged(
            path, f"is cut short ({size} bytes)", f"Restore it from a backup; {_UNTOUCHED}"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamaged(
            path, "has a damaged header", f"Restore it from a backup; {_UNTOUCHED}"
        )
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96]
    if live:
        return
    if size % page_size or (header_is_current and pages and size < pages * page_size):
        expected = f"; it should be {pages * page_size:,}" if header_is_current and pages else ""
        raise DatabaseDamaged(
            path,
            f"is cut short or damaged ({size:,} bytes{expected})",
            f"Restore it from a backup; {_UNTOUCHED}",
        )


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(path.absolute()))}?{query}"


def _connect(target: str, *, uri: bool) -> sqlite3.Connection:
    # isolation_level=None: the sqlite3 module never opens transactions behind
    # our back; `Store` issues BEGIN IMMEDIATE itself.
    connection = sqlite3.connect(
        target,
        uri=uri,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return connection


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _inspect(path: Path, writable: bool, size: int) -> FileFacts:
    """Read the version and owner of an existing file through a read-only connection.

    Files up to `QUICK_CHECK_MAX_BYTES` are also checked page by page (`PRAGMA
    quick_check`), so damage in the middle of a file is reported here, clearly,
    instead of as a crash in the middle of a meeting.
    """
    connection = None
    # With no -wal beside it, no connection has the file open, so nothing can change
    # under us: read it as immutable, which (unlike a plain read-only open of a
    # WAL file) leaves no empty -wal or -shm behind next to a file we may refuse.
    quiet = not _wal_path(path).exists()
    try:
        connection = _connect(_uri(path, mode="ro", **({"immutable": "1"} if quiet else {})), uri=True)
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if application_id == APPLICATION_ID and size <= QUICK_CHECK_MAX_BYTES:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
    except sqlite3.DatabaseError as error:
        message = str(error)
        if "not a database" in message or "malformed" in message or "corrupt" in message:
            raise DatabaseDamaged(
                path, f"is damaged (SQLite says: {message})", f"Restore it from a backup; {_UNTOUCHED}"
            ) from None
        raise DatabaseUnusable(path, f"cannot be opened (SQLite says: {message})", _UNTOUCHED) from None
    finally:
        if connection is not None:
            connection.close()
    if application_id != APPLICATION_ID and (application_id or tables):
        raise NotADatabase(
            path,
            "is an SQLite database, but not a meetingkit one",
            f"Check the path you gave; {_UNTOUCHED}",
        )
    if version > LATEST_VERSION:
        raise DatabaseTooNew(
            path,
            f"was written by a newer meetingkit (schema version {version}; "
            f"this one knows up to {LATEST_VERSION})",
            f"Upgrade meetingkit to open it; {_UNTOUCHED}",
        )
    return FileFacts(is_new=tables == 0, version=version, writable=writable)


def _create_private(path: Path) -> None:
    """Create an empty file only its owner can read; SQLite gives -wal and -shm the same mode."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another process got there first; it made the file the same way
    except OSError as error:
        raise DatabaseUnusable(
            path,
            f"cannot be created ({error.strerror or error}); the folder or the disk may be read-only",
            "Choose a folder you can write to with --db",
        ) from None
    os.close(descriptor)


def examine(path: Path, *, create_folder: bool) -> FileFacts:
    """Make sure `path` can be opened as a meetingkit database, creating it if needed.

    Args:
        path: The database file.
        create_folder: Create a missing parent folder (only for the default location;
            a missing folder named with `--db` is more likely a typo or an unplugged stick).

    Raises:
        DatabaseUnusable: with a one-line message naming the file and what to do.
    """
    if path.is_dir():
        raise DatabaseUnusable(path, "is a folder, not a database file", "Give the path of a file with --db")
    folder = path.parent
    if not folder.is_dir():
        if not create_folder:
            raise DatabaseUnusable(
                path, f"cannot be opened: the folder {folder} does not exist", "Create it, or check the path"
            )
        try:
            folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as error:
            raise DatabaseUnusable(
                path, f"cannot be created: the folder {folder} cannot be made ({error.strerror or error})",
                "Choose a folder you can write to with --db",
            ) from None
    if not path.exists():
        _create_private(path)
        return FileFacts(is_new=True)
    if not path.is_file():
        raise DatabaseUnusable(path, "is not a regular file", "Give the path of a database file with --db")
    try:
        size = path.stat().st_size
        writable = os.access(path, os.W_OK) and os.access(folder, os.W_OK)
        if size == 0:
            return FileFacts(is_new=True, writable=writable)
        _check_header(path, size, live=_wal_path(path).exists())
    except PermissionError:
        raise DatabaseUnusable(path, "cannot be read: permission denied", "Check who owns the file") from None
    return _inspect(path, writable, size)


def open_connection(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Open a checked file, turning SQLite's refusals into one clear line.

    Raises:
        DatabaseUnusable: SQLite could not open or set up the file.
    """
    try:
        return _open_connection(path, read_only=read_only)
    except sqlite3.Error as error:
        raise DatabaseUnusable(
            path, f"cannot be opened (SQLite says: {error})",
            "If it is on read-only media with a leftover -wal file, copy both files somewhere writable",
        ) from None


def _open_connection(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Open a checked file with the settings every meetingkit connection uses.

    Read-write: WAL (readers never block the writer), `synchronous=FULL` (a commit
    survives power loss), foreign keys on. Read-only: for files on read-only media
    or in folders we cannot write (where SQLite cannot make its `-shm` file, the
    file is opened as immutable: nobody can be writing to it there either).
    """
    if read_only:
        connection = _connect(_uri(path, mode="ro"), uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            connection.close()
            connection = _connect(_uri(path, mode="ro", immutable="1"), uri=True)
        connection.execute("PRAGMA query_only = ON")
    else:
        connection = _connect(str(path), uri=False)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection
