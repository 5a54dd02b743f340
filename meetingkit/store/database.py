"""`Database`: one open meetingkit file, its connection, and transactions that nest.

Every write runs inside `BEGIN IMMEDIATE`, so a read-then-write (is this term
already on the board?) takes the write lock before it reads and no other process
can slip in between; sqlite-utils' own `atomic()` starts a plain `BEGIN`, which
under several writers fails with "database is locked" instead of waiting. The
outermost `transaction()` returns only after its COMMIT, so when a screen says
"saved", it is.

Transactions nest: inside an outer one, `transaction()` is a SAVEPOINT, so a use
case (end a meeting *and* save its summary) is built from the repositories' own
writes and still commits once, or not at all.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, Self, TypeVar

from meetingkit.core.clock import Clock, from_iso, to_iso, to_the_minute
from meetingkit.core.files import PrivateFileExists
from meetingkit.core.i18n import _, ngettext
from meetingkit.core.ids import new_id
from meetingkit.core.localise import number_text
from meetingkit.core.models import Attribution
from meetingkit.core.text import find_terminal_controls, terminal_safe
from meetingkit.store.backup import before_migration_name, check_backup, write_backup
from meetingkit.store.connection import Passphrase, driver_of, examine, open_connection
from meetingkit.store.errors import (
    BackupFailed,
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnusable,
    ReadOnlyDatabase,
    StoreBusy,
    UpgradeRefused,
    WriteFailed,
)
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, Migration

T = TypeVar("T")

Params = Iterable[Any] | Mapping[str, Any]
"""Bound parameters: a sequence for `?` placeholders, a mapping for `:name` ones."""

RowFactory = Callable[[sqlite3.Cursor, tuple[Any, ...]], sqlite3.Row]

COARSE_TIME_COLUMNS = frozenset(
    {"created_at", "updated_at", "raised_at", "mentioned_at", "marked_at", "opened_at", "changed_at",
     "resolved_at", "closed_at"}
)
"""The times an anonymous capture keeps only to the minute."""

MEETING_COLUMNS = ("meeting_id", "raised_meeting_id", "resolved_meeting_id", "closed_meeting_id")
"""The columns naming the meeting a row (or a change to it) was made in, as the tables name it: an
anonymous time is never earlier than that meeting's start (`Database.coarse_times`)."""

ATTRIBUTED_TABLES = frozenset(
    {"elephants", "turning_points", "agreements", "actions", "jargon_meanings", "jargon_mentions", "notes"}
)
"""Tables whose rows carry their own attribution: a later change to an anonymous one stays coarse too."""

NEXT_ROWID = "(SELECT max(coalesce(max(rowid), 0), 0) + 1 FROM {table})"
"""The rowid of a new row: one more than the largest, as SQLite itself would choose, but never
below one, whatever rows made for anonymous captures the table holds (`NEXT_ANONYMOUS_ROWID`)."""

ANONYMOUS_ROWIDS_FROM = -(1 << 62)
"""Where the rowids of rows made for anonymous captures start: far below zero, counting up."""

NEXT_ANONYMOUS_ROWID = f"(SELECT coalesce(max(rowid), {ANONYMOUS_ROWIDS_FROM}) + 1 FROM {{table}} WHERE rowid < 0)"
"""The rowid of a new row made for an anonymous capture (or belonging to one).

Rowids (a table's, and its search index's, which follow it) are in the order rows were written;
an anonymous row between two named rows with millisecond times would be placed to the second by
them. Rows made for anonymous captures are numbered apart, below zero, so they stand in no order
with named rows: listed by time and then rowid, an anonymous one comes first in its minute.
Named rows go on counting up as if they were not there, so no gap shows where one was. Among
themselves, anonymous rows keep the order they were written in (an elephant's history stays in
order, and two raised in one minute are listed as they were raised)."""

WRITE_PATIENCE_SECONDS = 10.0
"""How long a write keeps retrying a locked database before it gives up and says so."""


def json_names(encoded: str | None) -> tuple[str, ...]:
    """The names in a `json_group_array(...)` column, made terminal-safe as every row is.

    The row factory cleans the JSON text, but JSON spells a control character as `\\u001b`,
    which comes back as the character itself once decoded; so the names are cleaned again.
    """
    return tuple(terminal_safe(str(name)) for name in json.loads(encoded or "[]") if name is not None)


def _terminal_safe_rows(row_type: type[sqlite3.Row]) -> RowFactory:
    """A row factory making `row_type` rows whose text cannot drive a terminal, whoever wrote it
    into the file (`terminal_safe`). `row_type` is the connection's own `Row`: sqlcipher3's
    cursors cannot build the standard module's rows, nor the other way round."""

    def make(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        for value in values:  # almost always clean: the values go in as they are, not copied
            if type(value) is str and find_terminal_controls(value) is not None:
                return row_type(cursor, tuple(terminal_safe(v) if type(v) is str else v for v in values))
        return row_type(cursor, values)

    return make


def _is_busy(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message


def required_time(stamp: str | None) -> datetime:
    """A time the schema never leaves empty (`raised_at`, `marked_at`), read back.

    Raises:
        ValueError: it is empty after all: the row was written by something other than meetingkit.
    """
    instant = from_iso(stamp)
    if instant is None:
        raise ValueError("a stored time that cannot be empty is empty")
    return instant


def _bound(params: Params) -> tuple[Any, ...] | Mapping[str, Any]:
    return params if isinstance(params, Mapping) else tuple(params)


START_FROM_SNAPSHOT = True
"""A new, empty file gets its schema from `schema_snapshot` in one go rather than by replaying every
migration since the first (0.3 s before the first frame, on first use); False replays them, for the
snapshot's own check (`tools.schema_snapshot`, `tests/store/test_schema_snapshot.py`)."""


class Database:
    """One open connection to a meetingkit file: transactions, plain SQL helpers, migrations."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        """The database file."""
        self.read_only = read_only
        """True when the file or its folder cannot be written: review only."""
        self.clock = clock or Clock()
        """The one time source every stored stamp comes from (frozen in tests)."""
        self.driver: ModuleType = driver_of(connection)
        """The DB-API module of the connection (`sqlite3`, or sqlcipher3's): its errors are the ones to catch."""
        self.encrypted = self.driver is not sqlite3
        """True when the file is encrypted at rest (opened with a passphrase)."""
        self._connection = connection
        self._row_factory = _terminal_safe_rows(self.driver.Row)
        # Held for the whole of an outer transaction: threads of one process (a worker
        # and the screen) take turns on the one connection, as other processes do on the file.
        self._lock = threading.RLock()
        self._depth = 0
        """How many transactions are open on this connection (0: none; above 1: savepoints)."""
        self._reading = False
        """True inside `snapshot()`: a read transaction that a write must not start inside."""
        self._seen_data_version = self.data_version()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        create_folder: bool = False,
        passphrase: Passphrase = None,
        read_only: bool = False,
    ) -> Self:
        """Open (creating if needed) and migrate a database file.

        Args:
            passphrase: For a file encrypted at rest (or to be created encrypted): the
                passphrase, or a prompt for it (see `connection.Passphrase`). It is used
                as the key and not kept.
            read_only: Only look (the wall): the file must already exist at the latest
                version; it is never created, migrated or written, even when it could be.

        Raises:
            DatabaseUnusable: the file is not a meetingkit database, is damaged, is from
                a newer version, cannot be created, or (`WrongPassphrase`) does not open
                with the passphrase. Its bytes are left as they were.
            EncryptionUnavailable: a passphrase was given but SQLCipher is not installed.
        """
        if read_only and (not path.is_file() or path.stat().st_size == 0):
            raise DatabaseUnusable(
                path, _("holds no meetingkit data yet"),
                _("Check the path, or start a meeting in it with meetingkit first"),
            )
        facts = examine(path, create_folder=create_folder and not read_only, passphrase=passphrase)
        if read_only and facts.version < LATEST_VERSION:
            raise DatabaseUnusable(
                path, _("was written by an older meetingkit"),
                _("Open it once with meetingkit, which brings it up to date"),
            )
        if not facts.writable and (facts.is_new or facts.version < LATEST_VERSION):
            raise ReadOnlyDatabase(path)
        writable = facts.writable and not read_only
        connection = open_connection(
            path, read_only=not writable, passphrase=facts.passphrase, unwritable=not facts.writable
        )
        database = cls(connection, path, clock=clock, read_only=not writable)
        # A file already at the latest version needs no migration, so opening it takes no write
        # lock: reading commands never wait while another process writes.
        if writable and (facts.is_new or facts.version < LATEST_VERSION):
            try:
                if not facts.is_new:
                    database._backup_before_migration(facts.version)
                database.migrate(check_first=not facts.is_new)
            except BaseException:
                database.close()
                raise
        return database

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with self._lock:
            self._connection.close()

    def set_durable(self, durable: bool) -> None:
        """Whether each commit waits until it is safely on disk (as when opened; always, for real meetings).

        False (`PRAGMA synchronous = OFF`) is for bulk fills of data that can simply be made
        again, such as `meetingkit demo`: hundreds of thousands of commits without an fsync
        each take a fraction of the time, but a power cut or a crash of the machine before
        the file is closed can lose or damage what was written. Setting True again before
        closing makes the final checkpoint reach the disk.
        """
        with self._lock:
            self._connection.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")

    # -- transactions ---------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: all of it is committed, or none of it.

        The outermost transaction is `BEGIN IMMEDIATE`, retried while another process holds
        the write lock, and commits when the block ends; one opened inside it is a
        SAVEPOINT, rolled back on its own if its block raises (the exception goes on, and
        the outer transaction may catch it and carry on).

        Raises:
            ReadOnlyDatabase: the file was opened for reading only.
            StoreBusy: the lock stayed taken for `WRITE_PATIENCE_SECONDS`.
            WriteFailed: SQLite refused for another reason (a full disk, an I/O error).
            DatabaseDamaged: the write ran into a damaged page.
        """
        if self.read_only:
            raise ReadOnlyDatabase(self.path)
        with self._lock:
            if self._reading:
                # A deferred read would have to become a write mid-way, and SQLite refuses that
                # (SQLITE_BUSY_SNAPSHOT) as soon as another process has committed meanwhile.
                raise RuntimeError("a write was started inside snapshot(); read inside transaction() instead")
            if self._depth:
                with self._savepoint():
                    yield
                return
            if self._connection.in_transaction:
                raise RuntimeError("a transaction was begun by hand on this connection; use transaction()")
            self._begin()
            self._depth = 1
            try:
                try:
                    yield
                    self._connection.execute("COMMIT")
                except BaseException:
                    if self._connection.in_transaction:
                        self._connection.execute("ROLLBACK")
                    raise
            except self.driver.IntegrityError:
                raise
            except self.driver.OperationalError as error:
                # With the write lock held, WAL never makes the body wait: this is a real refusal.
                raise WriteFailed(self.path, str(error)) from error
            except self.driver.DatabaseError as error:
                raise DatabaseDamaged(
                    self.path, _("is damaged (SQLite says: {message})").format(message=error), _("Restore it from a backup")
                ) from error
            finally:
                self._depth = 0

    def write(self, work: Callable[[], T]) -> T:
        """Run `work` in a `transaction()` and return what it returns (for one-line writes)."""
        with self.transaction():
            return work()

    def _begin(self) -> None:
        """Take the write lock (`BEGIN IMMEDIATE`), retrying while another process holds it."""
        started = time.monotonic()
        delay = 0.01
        while True:
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                return
            except self.driver.OperationalError as error:
                waited = time.monotonic() - started
                if not _is_busy(error):
                    raise WriteFailed(self.path, str(error)) from error
                if waited >= WRITE_PATIENCE_SECONDS:
                    raise StoreBusy(self.path, waited) from None
                # SQLite's busy handler already waited; back off a little more,
                # with jitter so that waiting writers do not retry in lockstep.
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)
            except self.driver.DatabaseError as error:
                raise DatabaseDamaged(
                    self.path, _("is damaged (SQLite says: {message})").format(message=error), _("Restore it from a backup")
                ) from error

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see the file as it was at their first read, whatever other processes commit meanwhile.

        For a document made of many queries (a meeting's record, a partnership's report), so
        its parts agree with each other. Unlike `transaction()` it takes no write lock, so it
        works on a read-only file and never makes a facilitator's capture wait. Inside a
        `transaction()` (or another snapshot) it simply reads there.
        """
        with self._lock:
            if self._depth or self._reading:
                yield
                return
            self._connection.execute("BEGIN DEFERRED")
            self._reading = True
            try:
                yield
            finally:
                self._reading = False
                if self._connection.in_transaction:
                    self._connection.execute("COMMIT")

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A transaction inside another: released on success, undone on its own on an exception."""
        name = f"nested_{self._depth}"
        self._connection.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            # A failure SQLite itself rolled back (a full disk, say) has taken the savepoint with it.
            if self._connection.in_transaction:
                self._connection.execute(f"ROLLBACK TO {name}")
                self._connection.execute(f"RELEASE {name}")
            raise
        else:
            self._connection.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    @property
    def in_transaction(self) -> bool:
        """True inside `transaction()` on this connection."""
        return self._depth > 0

    @contextmanager
    def secure_delete(self) -> Iterator[None]:
        """Overwrite freed pages while the block runs, so deleted text cannot be read back."""
        with self._lock:
            self._connection.execute("PRAGMA secure_delete = ON")
            try:
                yield
            finally:
                self._connection.execute("PRAGMA secure_delete = OFF")

    @contextmanager
    def attached(self, path: Path, schema: str) -> Iterator[None]:
        """Another (plain) database file readable as `schema` while the block runs.

        An encrypted file is given the empty key for it, which SQLCipher reads as "not encrypted".
        """
        with self._lock:
            key = " KEY ''" if self.encrypted else ""
            self._connection.execute(f"ATTACH DATABASE ? AS {schema}{key}", [str(path)])
            try:
                yield
            finally:
                self._connection.execute(f"DETACH DATABASE {schema}")

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it (best effort while others read)."""
        with self._lock:
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def backup_to(self, destination: Path) -> int:
        """Copy the whole file to `destination` (a new, private file) and check the copy.

        Returns:
            The copy's meeting count (see `backup.check_backup`).

        Raises:
            PrivateFileExists: something is already at `destination`; it is left as it was.
            BackupFailed: the copy could not be written there (a full disk, say); none is left.
        """
        with self._lock, self._copying_allowed():
            try:
                write_backup(self._connection, destination)
            except PrivateFileExists:
                raise
            except (OSError, self.driver.Error) as error:  # a full or read-only destination: say which file
                raise BackupFailed(destination, getattr(error, "strerror", None) or str(error)) from None
            return check_backup(destination, self._connection)

    @contextmanager
    def _copying_allowed(self) -> Iterator[None]:
        """Let `VACUUM INTO` write its copy from a read-only file: `query_only` refuses it, while the
        connection's own read-only mode still keeps the file itself from being written."""
        if not self.read_only:
            yield
            return
        self._connection.execute("PRAGMA query_only = OFF")
        try:
            yield
        finally:
            self._connection.execute("PRAGMA query_only = ON")

    # -- plain SQL --------------------------------------------------------------

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Every row of a query, with terminal-safe text.

        Raises:
            DatabaseDamaged: a damaged page was met (one the opening check could not see).
        """
        with self._lock:
            cursor = self._connection.cursor()
            cursor.row_factory = self._row_factory
            try:
                return cursor.execute(sql, _bound(params)).fetchall()
            except self.driver.DatabaseError as error:
                if isinstance(error, self.driver.OperationalError | self.driver.IntegrityError | self.driver.ProgrammingError):
                    raise
                raise DatabaseDamaged(
                    self.path, _("is damaged (SQLite says: {message})").format(message=error), _("Restore it from a backup")
                ) from error

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Run one statement as it is (no terminal-safe rows: values come back as stored)."""
        with self._lock:
            return self._connection.execute(sql, _bound(params))

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        """Run one statement for each set of parameters."""
        with self._lock:
            return self._connection.executemany(sql, params)

    def now(self) -> str:
        """The clock's time as stored (UTC ISO-8601)."""
        return to_iso(self.clock.now())

    def insert(self, table: str, row: dict[str, Any], *, anonymous: bool | None = None) -> dict[str, Any]:
        """Insert a row with a fresh id and timestamps; call inside `transaction()`.

        An anonymous capture (or a row that belongs to one, with `anonymous=True`) gets a
        random id, a rowid numbered apart from named rows' (`NEXT_ANONYMOUS_ROWID`) and times
        to the minute only: a time-ordered id, a millisecond stamp or a place among rows
        stamped to the millisecond could be set beside a round's record of who spoke when and
        point back to a person.
        """
        now = self.now()
        full = {"id": new_id(), **row, "created_at": now, "updated_at": now}
        rowid = NEXT_ROWID
        if anonymous or (anonymous is None and row.get("attribution") == Attribution.ANONYMOUS.value):
            rowid = NEXT_ANONYMOUS_ROWID
            full["id"] = row.get("id") or str(uuid.uuid4())  # a tombstone's proof is not a time
            full = self.coarse_times(full)
        # Plain SQL: sqlite-utils' insert checks the table and builds its statement every
        # time, which was the largest cost of a capture after the fsync.
        columns = ", ".join(full)
        self.execute(
            f"INSERT INTO {table} (rowid, {columns}) VALUES ({rowid.format(table=table)}, {', '.join('?' * len(full))})",
            list(full.values()),
        )
        return full

    def update(self, table: str, row_id: str, values: dict[str, Any], *, anonymous: bool | None = None) -> None:
        """Change some columns of one row and stamp `updated_at`; call inside `transaction()`.

        A change to an anonymous capture (or, with `anonymous=True`, to a row that belongs to
        one) keeps its times to the minute, as the capture itself did: a precise `updated_at`
        stamped a second after "anonymous" was chosen would say who had just spoken.
        """
        if anonymous is None and table in ATTRIBUTED_TABLES:
            attribution = self.value(f"SELECT attribution FROM {table} WHERE id = ?", [row_id])
            anonymous = attribution == Attribution.ANONYMOUS.value
        values = {**values, "updated_at": self.now()}
        if anonymous:
            values = self.coarse_times(values)
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])

    def coarse_times(self, values: dict[str, Any]) -> dict[str, Any]:
        """The times of an anonymous row (or of a change to one) to the minute, never earlier than the
        start of the meeting the row or the change names (`MEETING_COLUMNS`).

        Cut to the minute, a capture made in the meeting's first minute would fall before the
        meeting began (raised at 14:05:00 in a meeting started at 14:05:30), and count that
        meeting among those it waited through. Such a time is the meeting's start instead: it
        says the capture came in that minute, after the start, which the cut time and the start
        said already; nothing finer, and it never leaves its minute. Call inside `transaction()`.
        """
        meeting_id = next((values[column] for column in MEETING_COLUMNS if values.get(column)), None)
        found = self.value("SELECT started_at FROM meetings WHERE id = ?", [meeting_id]) if meeting_id else None
        started = found if isinstance(found, str) else ""
        coarse = dict(values)
        for column in COARSE_TIME_COLUMNS & values.keys():
            if isinstance(values[column], str):
                cut = to_the_minute(values[column])
                coarse[column] = started if started[:16] == cut[:16] and cut < started else cut
        return coarse

    # -- schema ---------------------------------------------------------------

    def _backup_before_migration(self, version: int) -> None:
        """Copy the file beside itself before its schema changes, so an upgrade can be undone.

        The copy's name says which upgrade it precedes; if it already exists (another
        process is upgrading the same file, or an earlier attempt stopped), it is kept.

        Raises:
            WriteFailed: no good copy could be made (a full disk, say); nothing was changed.
        """
        target = before_migration_name(self.path)
        try:
            with self._lock:
                write_backup(self._connection, target)
        except FileExistsError:
            return
        except (OSError, self.driver.Error) as error:
            raise WriteFailed(
                self.path, _("no backup could be made before upgrading it ({reason}); nothing was changed").format(
                    reason=error)
            ) from error
        with self._lock:
            check_backup(target, self._connection, version)

    def schema_version(self) -> int:
        """The migration the file is at."""
        return int(self.value("PRAGMA user_version"))

    def migrate(self, *, check_first: bool = False, keep_unreadable: bool = False) -> list[int]:
        """Bring the file to the latest schema; safe to run twice or from many processes.

        Args:
            check_first: Run `PRAGMA quick_check` before changing an existing file.
            keep_unreadable: Bring rows the new schema's constraints refuse along anyway
                (`PRAGMA ignore_check_constraints`), for a private copy whose rows are checked
                one by one afterwards (a merge's); otherwise such rows refuse the upgrade.

        Returns:
            The versions applied by this call (empty when another process, or an
            earlier run, had already done it).

        Raises:
            UpgradeRefused: rows of the file hold values the new schema refuses and cannot
                repair; nothing was changed (the transaction is rolled back).
        """
        if self._depth:
            raise RuntimeError("migrate() runs on its own, outside any transaction")
        with self._lock:
            # A rule broken on purpose is the merge's to report row by row, not damage (quick_check
            # also checks CHECK constraints, unless they are ignored).
            self.execute(f"PRAGMA ignore_check_constraints = {'ON' if keep_unreadable else 'OFF'}")
            try:
                if check_first:
                    problem = self.value("PRAGMA quick_check")
                    if problem != "ok":
                        raise DatabaseDamaged(
                            self.path, _("is damaged (SQLite says: {message})").format(message=problem),
                            _("Restore it from a backup; meetingkit has not changed it"),
                        )
                # Foreign keys can only be switched off outside a transaction, so whether a pending step
                # makes tables again is read before it; inside, the version is read again under the lock.
                if not any(migration.rebuilds_tables for migration in MIGRATIONS[self.schema_version():]):
                    return self._migrate(keep_unreadable=keep_unreadable)
                self.execute("PRAGMA foreign_keys = OFF")
                try:
                    return self._migrate(keep_unreadable=keep_unreadable)
                finally:
                    self.execute("PRAGMA legacy_alter_table = OFF")
                    self.execute("PRAGMA foreign_keys = ON")
            finally:
                self.execute("PRAGMA ignore_check_constraints = OFF")

    def _migrate(self, *, keep_unreadable: bool) -> list[int]:
        with self.transaction():
            version = self.schema_version()
            if version > LATEST_VERSION:
                raise DatabaseTooNew(
                    self.path,
                    _("was upgraded by a newer meetingkit (schema version {version})").format(version=version),
                    _("Upgrade meetingkit to open it"),
                )
            applied = []
            broken_links = None
            pending = MIGRATIONS[version:]
            if version == 0 and START_FROM_SNAPSHOT and self.value("SELECT count(*) FROM sqlite_master") == 0:
                applied = self._make_from_snapshot()
                pending = MIGRATIONS[len(applied):]
            for migration in pending:
                if migration.rebuilds_tables and broken_links is None:
                    broken_links = len(self.execute("PRAGMA foreign_key_check").fetchall())
                self._apply(migration, keep_unreadable=keep_unreadable)
                applied.append(migration.version)
            if broken_links is not None and len(self.execute("PRAGMA foreign_key_check").fetchall()) > broken_links:
                raise UpgradeRefused(
                    self.path, _("could not be upgraded without breaking links between its rows"),
                    _("Nothing was changed; please report this, with the version of meetingkit"),
                )
            if applied:
                self.execute(f"PRAGMA user_version = {LATEST_VERSION}")
                self.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return applied

    def _make_from_snapshot(self) -> list[int]:
        """Make an empty file's schema as the migrations up to the snapshot's version would, in one go
        (`schema_snapshot`, written from them by `tools.schema_snapshot`); the versions it stands for."""
        from meetingkit.store import schema_snapshot  # loaded only when a new file is made

        if not 0 < schema_snapshot.VERSION <= LATEST_VERSION:
            return []
        for statement in schema_snapshot.STATEMENTS:
            self.execute(statement)
        made = MIGRATIONS[:schema_snapshot.VERSION]
        for migration in made:
            self.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, self.now()),
            )
        return [migration.version for migration in made]

    def _apply(self, migration: Migration, *, keep_unreadable: bool) -> None:
        """Run one step inside the migration's transaction, refusing it over rows it cannot keep."""

        def query(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in self.execute(sql).fetchall()]

        if migration.unreadable is not None and not keep_unreadable:
            found = migration.unreadable(query)
            if found:
                named = [
                    ngettext("{count} row of {table} ({column})", "{count} rows of {table} ({column})", rows).format(
                        count=number_text(rows), table=table, column=column)
                    for table, column, rows in found
                ]
                if len(named) > 3:
                    # Translators: after three kinds of rows named, how many more kinds there are.
                    named = [*named[:3], _("{count} more").format(count=len(named) - 3)]
                raise UpgradeRefused(
                    self.path,
                    _("cannot be upgraded to schema version {version}: {rows} hold values meetingkit cannot read").format(
                        version=migration.version, rows=", ".join(named)),
                    _("Nothing was changed; correct or delete those rows with an SQLite tool, or restore a backup"),
                )
        try:
            statements = migration.statements(query)
        except ValueError as error:  # a step made from the file, which it cannot be made from
            raise UpgradeRefused(
                # Translators: {reason} is in English, for whoever helps: "is made from the file, and needs to read it".
                self.path, _("cannot be upgraded to schema version {version}: it {reason}").format(
                    version=migration.version, reason=error),
                _("Nothing was changed; restore it from a backup"),
            ) from None
        for statement in statements:
            self.execute(statement)
        self.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, self.now()),
        )

    # -- noticing other processes ---------------------------------------------

    def data_version(self) -> int:
        """SQLite's counter that moves when *another* connection commits to the file."""
        return int(self.value("PRAGMA data_version"))

    def changed_elsewhere(self) -> bool:
        """True once after another process has committed since the last call; cheap to poll."""
        current = self.data_version()
        changed = current != self._seen_data_version
        self._seen_data_version = current
        return changed
