"""The one place that opens a database file.

Opening is careful because the file may be anything: a fresh path, a meetingkit
database, a document someone pointed `--db` at by mistake, a copy cut short on a
USB stick, or a file from a newer meetingkit. Until the file has been shown to
be a healthy meetingkit database at a version we know, it is only ever read, so
a wrong path can never be damaged.

A file can also be encrypted at rest (SQLCipher, the optional `encrypted` extra) for
shared computers. Such a file is opened through `sqlcipher3` with the passphrase as
its key; nothing of the passphrase is kept, in the file or anywhere else. Its pages,
its `-wal` and the backups made from it are all encrypted with the same key.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from meetingkit.core.files import PRIVATE_MODE, create_private
from meetingkit.core.i18n import _
from meetingkit.core.localise import number_text
from meetingkit.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnusable,
    EncryptionUnavailable,
    NotADatabase,
    WrongPassphrase,
)
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION

QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024
"""Files up to this size are checked page by page on opening (see `_inspect`)."""

BUSY_TIMEOUT_SECONDS = 2.0
"""How long SQLite itself waits for another writer before `Store` retries."""

_HEADER = b"SQLite format 3\x00"
_SMALLEST_PAGE = 512
"""Every SQLite (and so SQLCipher) file is a whole number of pages of at least this size."""

PassphrasePrompt = Callable[[bool], str]
"""Asks for a passphrase; its argument says whether the file is about to be created (confirm it then)."""

Passphrase = str | PassphrasePrompt | None
"""The key of an encrypted file: the passphrase itself, or a prompt for it, or None for a plain file.

A prompt is asked only once the file has passed the checks that need no key (it is
there, it is not plain SQLite, its size can be right), so nobody types a passphrase
for a file that is refused anyway, and it is told whether it is making a new file.
"""


@dataclass(frozen=True)
class FileFacts:
    """What a first, read-only look at a database file found."""

    is_new: bool
    version: int = 0
    writable: bool = True
    passphrase: str | None = field(default=None, repr=False, compare=False)
    """The key that opened it (encrypted files only); never shown in a repr or a log."""


def cipher_driver() -> ModuleType:
    """SQLCipher's DB-API module (`sqlcipher3.dbapi2`), imported only when an encrypted file is used.

    Raises:
        EncryptionUnavailable: the optional extra is not installed; says how to install it.
    """
    try:
        from sqlcipher3 import dbapi2  # no stubs: pyproject.toml tells mypy to expect none
    except ImportError:
        raise EncryptionUnavailable() from None
    return dbapi2


def encryption_available() -> bool:
    """Whether `--encrypted` can work here (the `encrypted` extra is installed)."""
    try:
        cipher_driver()
    except EncryptionUnavailable:
        return False
    return True


def driver_of(connection: sqlite3.Connection) -> ModuleType:
    """The DB-API module a connection came from, whose exception and `Row` classes go with it.

    sqlcipher3 is a fork of the standard `sqlite3` module with its own classes, so an
    `except sqlite3.OperationalError` does not catch its errors: code that handles both
    kinds of file asks the connection which module to catch from.
    """
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None and isinstance(connection, cipher.Connection):
        return cipher
    return sqlite3


def database_errors() -> tuple[type[Exception], ...]:
    """Every DB-API `Error` class in use in this process (the standard one, and SQLCipher's if loaded)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)


def _key_pragma(passphrase: str) -> str:
    """`PRAGMA key` for a passphrase, quoted as an SQL string so any character in it is just text.

    PRAGMA takes no bound parameters, so the passphrase is written into the statement: as
    a single-quoted literal in which quotes are doubled, which is all SQLite's quoting
    needs. It is normalised (NFC), so the same visible passphrase typed on another
    computer's keyboard gives the same key.
    """
    key = unicodedata.normalize("NFC", _usable(passphrase))
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def _usable(passphrase: str) -> str:
    """The passphrase, if it can be a key at all.

    Raises:
        ValueError: it is empty (which SQLCipher reads as "no encryption at all") or holds
            a NUL character (which cannot be written into a statement).
    """
    if not passphrase or "\x00" in passphrase:
        raise ValueError("a passphrase must not be empty or contain NUL characters")
    return passphrase


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _check_header(path: Path, size: int, *, live: bool, encrypted: bool = False) -> None:
    """Refuse files that are not SQLite, or whose size cannot be right, without opening them.

    The size check only applies to a file nobody has open (`live` is False): while
    another process checkpoints its WAL, SQLite writes page 1, with the new page
    count, before it extends the file, so a healthy live file can look short.
    """
    header = _read_header(path)
    is_sqlite = header[:16] == _HEADER[: len(header[:16])]
    if encrypted:
        _check_encrypted_outside(path, size, live=live, is_sqlite=is_sqlite and len(header) >= 16)
        return
    if not is_sqlite:
        # An encrypted file looks like random bytes from its first byte on.
        raise NotADatabase(
            path,
            _("is not a meetingkit database (it is not an SQLite file at all)"),
            _("Check the path you gave; if it is an encrypted meetingkit file, add --encrypted; "
              "meetingkit has not changed it"),
        )
    if len(header) < 100:
        raise DatabaseDamaged(
            path, _("is cut short ({size} bytes)").format(size=size), _restore()
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamaged(
            path, _("has a damaged header"), _restore()
        )
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96]
    if live:
        return
    if size % page_size or (header_is_current and pages and size < pages * page_size):
        if header_is_current and pages:
            problem = _("is cut short or damaged ({size} bytes; it should be {expected})").format(
                size=number_text(size), expected=number_text(pages * page_size))
        else:
            problem = _("is cut short or damaged ({size} bytes)").format(size=number_text(size))
        raise DatabaseDamaged(path, problem, _restore())


def _check_encrypted_outside(path: Path, size: int, *, live: bool, is_sqlite: bool) -> None:
    """Refuse what cannot be an encrypted meetingkit file, before anyone is asked for a passphrase.

    An encrypted file has no readable header: only a plain SQLite file, and a size that
    is no whole number of pages, give it away without the key.
    """
    if is_sqlite:
        raise DatabaseUnusable(
            path,
            _("is not encrypted (it is a plain SQLite file)"),
            _("Open it without --encrypted; meetingkit has not changed it"),
        )
    if not live and (size < _SMALLEST_PAGE or size % _SMALLEST_PAGE):
        raise NotADatabase(
            path,
            _("is not an encrypted meetingkit database ({size} bytes is not a whole number of pages)").format(
                size=number_text(size)),
            _("Check the path you gave; if it is an encrypted copy cut short, restore it from a backup; "
              "meetingkit has not changed it"),
        )


def file_uri(path: Path, **params: str) -> str:
    """An SQLite `file:` URI for `path`, whatever characters it holds.

    Every character of the path that means something in a URI (`#`, `?`, `%`, a space) is
    percent-quoted: unquoted, `a#b.db` would open (and create) a file called `a`.
    """
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())
    return f"file:{quote(str(path.absolute()))}?{query}"


def _connect(target: str, *, uri: bool, passphrase: str | None = None) -> sqlite3.Connection:
    """A connection through `sqlite3`, or through `sqlcipher3` keyed with `passphrase`.

    An sqlcipher3 connection has the same methods as an `sqlite3.Connection` (it is a fork
    of the module), but its own exception classes: see `driver_of`.
    """
    driver = sqlite3 if passphrase is None else cipher_driver()
    # isolation_level=None: the sqlite3 module never opens transactions behind
    # our back; `Store` issues BEGIN IMMEDIATE itself.
    connection = driver.connect(
        target,
        uri=uri,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    if passphrase is not None:
        try:
            # SQLCipher writes each failed decryption (a wrong passphrase) to stderr
            # itself; we say it in one line of our own instead.
            connection.execute("PRAGMA cipher_log_level = NONE")
            # The key must be the first thing SQLCipher is told, before any page is read.
            connection.execute(_key_pragma(passphrase))
        except BaseException:
            connection.close()
            raise
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return connection


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


INSPECT_ATTEMPTS = 5
"""How many times an opening check read without locks is repeated when the file changed under it."""


def _fingerprint(path: Path) -> tuple[int, int, int, bool]:
    """What changes when any process writes the file: its size, its time and inode, and a `-wal` beside it."""
    facts = path.stat()
    return facts.st_size, facts.st_mtime_ns, facts.st_ino, _wal_path(path).exists()


def _inspect(
    path: Path, writable: bool, size: int, passphrase: str | None = None, *, attempts: int = INSPECT_ATTEMPTS
) -> FileFacts:
    """Read the version and owner of an existing file through a read-only connection.

    Files up to `QUICK_CHECK_MAX_BYTES` are also checked page by page (`PRAGMA
    quick_check`), so damage in the middle of a file is reported here, clearly,
    instead of as a crash in the middle of a meeting. For an encrypted file this is
    also where a wrong passphrase shows: its first page does not decrypt.
    """
    driver = sqlite3 if passphrase is None else cipher_driver()
    connection = None
    unlocked = False
    # With no -wal beside it, no connection has the file open, so nothing can change
    # under us: read it as immutable, which (unlike a plain read-only open of a
    # WAL file) leaves no empty -wal or -shm behind next to a file we may refuse.
    #
    # "No -wal" is only true of the moment we looked, though: another process (a second
    # `meetingkit capture`) can open the file, write, and on closing checkpoint its pages
    # into the file while we read it, and an immutable read takes no lock to stop that.
    # It then sees half-old, half-new pages and quick_check calls a healthy file damaged
    # (the crash soak found this: "Page 445 is never used"). So a verdict of damage from
    # such a read is only believed if the file did not change while it was read; if it
    # did, we look again (by then a -wal is usually there, and the read takes locks).
    #
    # A file we cannot write is read as immutable too while it has no -shm: SQLite would make
    # one (and a -wal) beside it with the file's own read-only mode, and every later save by
    # whoever can write the file would then fail until they were deleted by hand.
    quiet = not _wal_path(path).exists() or (not writable and not _shm_path(path).exists())
    before = _fingerprint(path) if quiet else None
    look_again = False
    try:
        connection = _connect(
            file_uri(path, mode="ro", **({"immutable": "1"} if quiet else {})), uri=True, passphrase=passphrase
        )
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        unlocked = True
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if application_id == APPLICATION_ID and size <= QUICK_CHECK_MAX_BYTES:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                raise driver.DatabaseError(f"database disk image is malformed ({verdict})")
    except driver.DatabaseError as error:
        message = str(error)
        if passphrase is not None and not unlocked and "not a database" in message:
            # SQLCipher cannot tell a wrong key from a file that was never encrypted
            # with one: both fail the check on page 1.
            raise WrongPassphrase(path) from None
        # A search index whose pages are damaged fails as its "vtable constructor failed".
        damaged = any(sign in message for sign in ("not a database", "malformed", "corrupt", "vtable constructor failed"))
        look_again = damaged and before is not None and attempts > 1 and _fingerprint(path) != before
        if damaged and not look_again:
            raise DatabaseDamaged(
                path, _("is damaged (SQLite says: {message})").format(message=message), _restore()
            ) from None
        if not look_again:
            raise DatabaseUnusable(
                path, _("cannot be opened (SQLite says: {message})").format(message=message),
                _("meetingkit has not changed it"),
            ) from None
    finally:
        if connection is not None:
            connection.close()
    if look_again:  # another process wrote the file while we read it without locks (see above)
        return _inspect(path, writable, path.stat().st_size, passphrase, attempts=attempts - 1)
    if application_id != APPLICATION_ID and (application_id or tables):
        raise NotADatabase(
            path,
            _("is an SQLite database, but not a meetingkit one"),
            _("Check the path you gave; meetingkit has not changed it"),
        )
    if version > LATEST_VERSION:
        raise DatabaseTooNew(
            path,
            _("was written by a newer meetingkit (schema version {version}; this one knows up to {latest})").format(
                version=version, latest=LATEST_VERSION),
            _("Upgrade meetingkit to open it; meetingkit has not changed it"),
        )
    return FileFacts(is_new=tables == 0, version=version, writable=writable, passphrase=passphrase)


def _create_private(path: Path) -> None:
    """Create an empty file only its owner can read; SQLite gives -wal and -shm the same mode."""
    try:
        create_private(path)
    except FileExistsError:
        return  # another process got there first; it made the file the same way
    except OSError as error:
        raise DatabaseUnusable(
            path,
            _("cannot be created ({reason}); the folder or the disk may be read-only").format(
                reason=error.strerror or error),
            _("Choose a folder you can write to with --db"),
        ) from None


def _link_target(link: Path) -> Path:
    """Where a dangling symlink given as the database points: the file is made there, private like any other.

    Raises:
        DatabaseUnusable: the folder it points into does not exist.
    """
    target = Path(os.path.realpath(link))
    if not target.parent.is_dir():
        raise DatabaseUnusable(
            link, _("is a link to {target}, in a folder that does not exist").format(target=target),
            _("Create the folder, or check the link"),
        )
    return target


def _make_private(path: Path) -> None:
    """Narrow an empty file about to become a database to its owner (0600), as a file made here would be.

    SQLite gives the `-wal` and `-shm` the database's own mode, so they follow. Best effort: a
    filesystem with no modes (a FAT stick) refuses, and has nothing to narrow.
    """
    try:
        os.chmod(path, PRIVATE_MODE)
    except OSError:
        pass


def _resolve(passphrase: Passphrase, *, new: bool) -> str | None:
    """The passphrase itself (asked of the prompt now, if it is one), checked before any file is made."""
    key = passphrase(new) if callable(passphrase) else passphrase
    return None if key is None else _usable(key)


def examine(path: Path, *, create_folder: bool, passphrase: Passphrase = None) -> FileFacts:
    """Make sure `path` can be opened as a meetingkit database, creating it if needed.

    Args:
        path: The database file.
        create_folder: Create a missing parent folder (only for the default location;
            a missing folder named with `--db` is more likely a typo or an unplugged stick).
        passphrase: For an encrypted file: its passphrase, or a prompt asked for it once
            the checks that need no key have passed (see `Passphrase`).

    Raises:
        DatabaseUnusable: with a one-line message naming the file and what to do
            (`WrongPassphrase` when the key does not open it).
        EncryptionUnavailable: a passphrase was given but SQLCipher is not installed.
    """
    encrypted = passphrase is not None
    if encrypted:
        cipher_driver()  # say how to install it before asking anyone for a passphrase
    if path.is_dir():
        raise DatabaseUnusable(path, _("is a folder, not a database file"), _("Give the path of a file with --db"))
    folder = path.parent
    if not folder.is_dir():
        if not create_folder:
            raise DatabaseUnusable(
                path, _("cannot be opened: the folder {folder} does not exist").format(folder=folder),
                _("Create it, or check the path"),
            )
        try:
            folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        except OSError as error:
            raise DatabaseUnusable(
                path, _("cannot be created: the folder {folder} cannot be made ({reason})").format(
                    folder=folder, reason=error.strerror or error),
                _("Choose a folder you can write to with --db"),
            ) from None
    if not path.exists():
        target = _link_target(path) if path.is_symlink() else path
        key = _resolve(passphrase, new=True)  # asked before the file is made: a typo leaves nothing behind
        _create_private(target)
        return FileFacts(is_new=True, passphrase=key)
    if not path.is_file():
        raise DatabaseUnusable(path, _("is not a regular file"), _("Give the path of a database file with --db"))
    try:
        size = path.stat().st_size
        writable = os.access(path, os.W_OK) and os.access(folder, os.W_OK)
        if size > 0:
            _check_header(path, size, live=_wal_path(path).exists(), encrypted=encrypted)
    except PermissionError:
        raise DatabaseUnusable(path, _("cannot be read: permission denied"), _("Check who owns the file")) from None
    if size == 0:
        key = _resolve(passphrase, new=True)
        if writable:
            _make_private(path)
        return FileFacts(is_new=True, writable=writable, passphrase=key)
    return _inspect(path, writable, size, _resolve(passphrase, new=False))


def open_connection(
    path: Path, *, read_only: bool, passphrase: str | None = None, unwritable: bool = False
) -> sqlite3.Connection:
    """Open a checked file, turning SQLite's refusals into one clear line.

    Args:
        passphrase: The key of an encrypted file (as `examine` found it), else None.
        unwritable: (with `read_only`) the file or its folder cannot be written by us (not
            merely opened to look, as the wall does): nothing is created beside it.

    Raises:
        DatabaseUnusable: SQLite could not open or set up the file.
    """
    driver = sqlite3 if passphrase is None else cipher_driver()
    try:
        return _open_connection(path, read_only=read_only, passphrase=passphrase, unwritable=unwritable)
    except driver.Error as error:
        raise DatabaseUnusable(
            path, _("cannot be opened (SQLite says: {message})").format(message=error),
            _("If it is on read-only media with a leftover -wal file, copy both files somewhere writable"),
        ) from None


def _open_connection(
    path: Path, *, read_only: bool, passphrase: str | None, unwritable: bool = False
) -> sqlite3.Connection:
    """Open a checked file with the settings every meetingkit connection uses.

    Read-write: WAL (readers never block the writer), `synchronous=FULL` (a commit
    survives power loss), foreign keys on. Read-only: for files on read-only media
    or in folders we cannot write (where SQLite cannot make its `-shm` file, the
    file is opened as immutable: nobody can be writing to it there either). A file we
    cannot write in a folder we can is opened as immutable too while it has no `-shm`
    (nobody has it open): SQLite would otherwise leave a `-wal` and a `-shm` beside it
    with its read-only mode, and the next save by its owner would fail on them. An
    encrypted file gets the same settings; SQLCipher encrypts its `-wal` pages as well.
    """
    driver = sqlite3 if passphrase is None else cipher_driver()
    if read_only:
        if unwritable and not _shm_path(path).exists():
            connection = _connect(file_uri(path, mode="ro", immutable="1"), uri=True, passphrase=passphrase)
        else:
            connection = _connect(file_uri(path, mode="ro"), uri=True, passphrase=passphrase)
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except driver.OperationalError:
                connection.close()
                connection = _connect(file_uri(path, mode="ro", immutable="1"), uri=True, passphrase=passphrase)
        connection.execute("PRAGMA query_only = ON")
    else:
        # Absolute, so a path such as "file:x.db" is never taken for a URI by an SQLite built to read them.
        connection = _connect(str(path.absolute()), uri=False, passphrase=passphrase)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _restore() -> str:
    """The advice for a damaged file."""
    return _("Restore it from a backup; meetingkit has not changed it")
