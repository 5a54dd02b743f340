"""The foundation of `Store`: opening a file, transactions, migrations, change detection.

Every write runs inside `BEGIN IMMEDIATE`, so a read-then-write (is this term
already on the board?) takes the write lock before it reads and no other process
can slip in between; sqlite-utils' own `atomic()` starts a plain `BEGIN`, which
under several writers fails with "database is locked" instead of waiting. A
write method returns only after its COMMIT, so when a screen says "saved", it is.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Self, TypeVar

from meetingkit.core.clock import Clock, to_iso, to_the_minute
from meetingkit.core.ids import new_id
from meetingkit.core.models import Attribution
from meetingkit.core.text import terminal_safe
from meetingkit.store.backup import before_migration_name, check_backup, write_backup
from meetingkit.store.connection import Passphrase, driver_of, examine, open_connection
from meetingkit.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    ReadOnlyDatabase,
    StoreBusy,
    WriteFailed,
)
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

T = TypeVar("T")

COARSE_TIME_COLUMNS = frozenset(
    {"created_at", "updated_at", "raised_at", "mentioned_at", "marked_at", "opened_at", "changed_at"}
)
"""The times an anonymous capture keeps only to the minute."""

WRITE_PATIENCE_SECONDS = 10.0
"""How long a write keeps retrying a locked database before it gives up and says so."""


def _terminal_safe_rows(row_type: type[sqlite3.Row]) -> Callable[[sqlite3.Cursor, tuple[Any, ...]], sqlite3.Row]:
    """A row factory making `row_type` rows whose text cannot drive a terminal, whoever wrote it
    into the file (`terminal_safe`). `row_type` is the connection's own `Row`: sqlcipher3's
    cursors cannot build the standard module's rows, nor the other way round."""

    def make(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        return row_type(cursor, tuple(terminal_safe(value) if type(value) is str else value for value in values))

    return make


def _is_busy(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message


class StoreBase:
    """One open database connection: opening, transactions, migrations, change detection."""

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
        self._connection = connection
        self._sql = driver_of(connection)
        """The DB-API module of the connection (`sqlite3`, or sqlcipher3's): its errors are the ones to catch."""
        self.encrypted = self._sql is not sqlite3
        """True when the file is encrypted at rest (opened with a passphrase)."""
        self._row_factory = _terminal_safe_rows(self._sql.Row)
        self._lock = threading.RLock()
        self._seen_data_version = self.data_version()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        create_folder: bool = False,
        passphrase: Passphrase = None,
    ) -> Self:
        """Open (creating if needed) and migrate a database file.

        Args:
            passphrase: For a file encrypted at rest (or to be created encrypted): the
                passphrase, or a prompt for it (see `connection.Passphrase`). It is used
                as the key and not kept by the store.

        Raises:
            DatabaseUnusable: the file is not a meetingkit database, is damaged, is from
                a newer version, cannot be created, or (`WrongPassphrase`) does not open
                with the passphrase. Its bytes are left as they were.
            EncryptionUnavailable: a passphrase was given but SQLCipher is not installed.
        """
        facts = examine(path, create_folder=create_folder, passphrase=passphrase)
        if not facts.writable and (facts.is_new or facts.version < LATEST_VERSION):
            raise ReadOnlyDatabase(path)
        connection = open_connection(path, read_only=not facts.writable, passphrase=facts.passphrase)
        store = cls(connection, path, clock=clock, read_only=not facts.writable)
        if facts.writable:
            try:
                if not facts.is_new and facts.version < LATEST_VERSION:
                    store._backup_before_migration(facts.version)
                store.migrate(check_first=not facts.is_new and facts.version < LATEST_VERSION)
            except BaseException:
                store.close()
                raise
        return store

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

    def _write(self, work: Callable[[], T]) -> T:
        """Run `work` in one `BEGIN IMMEDIATE` transaction, retrying while others hold the lock.

        Raises:
            ReadOnlyDatabase: the store was opened for reading only.
            StoreBusy: the lock stayed taken for `WRITE_PATIENCE_SECONDS`.
            WriteFailed: SQLite refused for another reason (a full disk, an I/O error).
            DatabaseDamaged: the write ran into a damaged page.
        """
        if self.read_only:
            raise ReadOnlyDatabase(self.path)
        if self._connection.in_transaction:
            raise RuntimeError("a store write was started inside another one; compose the work instead")
        started = time.monotonic()
        delay = 0.01
        with self._lock:
            while True:
                try:
                    self._connection.execute("BEGIN IMMEDIATE")
                    try:
                        result = work()
                        self._connection.execute("COMMIT")
                    except BaseException:
                        if self._connection.in_transaction:
                            self._connection.execute("ROLLBACK")
                        raise
                    return result
                except self._sql.OperationalError as error:
                    waited = time.monotonic() - started
                    if not _is_busy(error):
                        raise WriteFailed(self.path, str(error)) from error
                    if waited >= WRITE_PATIENCE_SECONDS:
                        raise StoreBusy(self.path, waited) from None
                    # SQLite's busy handler already waited; back off a little more,
                    # with jitter so that waiting writers do not retry in lockstep.
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 0.5)
                except self._sql.IntegrityError:
                    raise
                except self._sql.DatabaseError as error:
                    raise DatabaseDamaged(
                        self.path, f"is damaged (SQLite says: {error})", "Restore it from a backup"
                    ) from error

    def _rows(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._connection.cursor()
            cursor.row_factory = self._row_factory
            bound = params if isinstance(params, Mapping) else tuple(params)
            try:
                return cursor.execute(sql, bound).fetchall()
            except self._sql.DatabaseError as error:
                if isinstance(error, self._sql.OperationalError | self._sql.IntegrityError | self._sql.ProgrammingError):
                    raise
                # Damage found while reading (a bad page the opening check could not see).
                raise DatabaseDamaged(
                    self.path, f"is damaged (SQLite says: {error})", "Restore it from a backup"
                ) from error

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else None

    def _now(self) -> str:
        return to_iso(self.clock.now())

    def _insert(self, table: str, row: dict[str, Any], *, anonymous: bool | None = None) -> dict[str, Any]:
        """Insert a row with a fresh id and timestamps; call inside `_write`.

        An anonymous capture (or a row that belongs to one, with `anonymous=True`) gets a
        random id and times to the minute only: a time-ordered id or a millisecond stamp
        could be set beside a round's record of who spoke when and point back to a person.
        """
        now = self._now()
        full = {"id": new_id(), **row, "created_at": now, "updated_at": now}
        if anonymous or (anonymous is None and row.get("attribution") == Attribution.ANONYMOUS.value):
            full["id"] = str(uuid.uuid4())
            for column in COARSE_TIME_COLUMNS & full.keys():
                if isinstance(full[column], str):
                    full[column] = to_the_minute(full[column])
        # Plain SQL: sqlite-utils' insert checks the table and builds its statement every
        # time, which was the largest cost of a capture after the fsync.
        columns = ", ".join(full)
        self._connection.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(full))})", list(full.values())
        )
        return full

    def _update(self, table: str, row_id: str, values: dict[str, Any]) -> None:
        """Change some columns of one row and stamp `updated_at`; call inside `_write`."""
        values = {**values, "updated_at": self._now()}
        assignments = ", ".join(f"{column} = ?" for column in values)
        self._connection.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])

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
        except (OSError, self._sql.Error) as error:
            raise WriteFailed(
                self.path, f"no backup could be made before upgrading it ({error}); nothing was changed"
            ) from error
        with self._lock:
            check_backup(target, self._connection, version)

    def schema_version(self) -> int:
        """The migration the file is at."""
        return self._value("PRAGMA user_version")

    def migrate(self, *, check_first: bool = False) -> list[int]:
        """Bring the file to the latest schema; safe to run twice or from many processes.

        Args:
            check_first: Run `PRAGMA quick_check` before changing an existing file.

        Returns:
            The versions applied by this call (empty when another process, or an
            earlier run, had already done it).
        """
        if check_first:
            problem = self._value("PRAGMA quick_check")
            if problem != "ok":
                raise DatabaseDamaged(
                    self.path, f"is damaged (SQLite says: {problem})", "Restore it from a backup; meetingkit has not changed it"
                )

        def work() -> list[int]:
            version = self.schema_version()
            if version > LATEST_VERSION:
                raise DatabaseTooNew(
                    self.path,
                    f"was upgraded by a newer meetingkit (schema version {version})",
                    "Upgrade meetingkit to open it",
                )
            applied = []
            for migration in MIGRATIONS[version:]:
                for statement in migration.statements():
                    self._connection.execute(statement)
                self._connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, self._now()),
                )
                applied.append(migration.version)
            if applied:
                self._connection.execute(f"PRAGMA user_version = {LATEST_VERSION}")
                self._connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            return applied

        return self._write(work)

    # -- noticing other processes ---------------------------------------------

    def data_version(self) -> int:
        """SQLite's counter that moves when *another* connection commits to the file."""
        return self._value("PRAGMA data_version")

    def changed_elsewhere(self) -> bool:
        """True once after another process has committed since the last call; cheap to poll."""
        current = self.data_version()
        changed = current != self._seen_data_version
        self._seen_data_version = current
        return changed


def credit_columns(attribution: Attribution, person_id: str | None, organisation_id: str | None) -> dict[str, Any]:
    """The attribution columns for a capture. Anonymous keeps nobody, not even a hidden id."""
    attribution = Attribution(attribution)
    if attribution is Attribution.ANONYMOUS:
        return {"attribution": attribution.value, "person_id": None, "organisation_id": None}
    if attribution is Attribution.ORGANISATION:
        if not organisation_id:
            raise ValueError("Say which organisation, or make it anonymous.")
        return {"attribution": attribution.value, "person_id": None, "organisation_id": organisation_id}
    if not person_id:
        raise ValueError("Say who, or make it anonymous.")
    return {"attribution": attribution.value, "person_id": person_id, "organisation_id": organisation_id}
