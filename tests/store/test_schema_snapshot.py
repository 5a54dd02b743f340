"""A new file made from the schema snapshot is the file every migration makes (issue 19).

`Database.migrate` gives an empty file its schema from `store.schema_snapshot` in one go instead of
replaying every migration since the first; these tests build one file each way and compare them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from meetingkit.core.clock import FrozenClock
from meetingkit.store import database, schema_snapshot
from meetingkit.store.database import Database
from meetingkit.store.errors import NotADatabase
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tools.schema_snapshot import replayed_statements, schema_statements


def made(path: Path, clock: FrozenClock, *, from_snapshot: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(database, "START_FROM_SNAPSHOT", from_snapshot)
    with Database.open(path, clock=clock) as db:
        assert db.schema_version() == database.LATEST_VERSION
    return path


def described(path: Path) -> dict[str, object]:
    """Everything a file's schema and its rows say, but the time each migration was applied."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "schema": sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
            "user_version": connection.execute("PRAGMA user_version").fetchone(),
            "application_id": connection.execute("PRAGMA application_id").fetchone(),
            "journal_mode": connection.execute("PRAGMA journal_mode").fetchone(),
            "migrations": connection.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall(),
            "rows": {
                table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables if table != "schema_migrations"
            },
            "integrity": connection.execute("PRAGMA integrity_check").fetchall(),
            "foreign_keys": connection.execute("PRAGMA foreign_key_check").fetchall(),
            "columns": {table: connection.execute(f'PRAGMA table_xinfo("{table}")').fetchall() for table in tables},
            "indexes": {table: connection.execute(f'PRAGMA index_list("{table}")').fetchall() for table in tables},
        }
    finally:
        connection.close()


def test_a_new_file_from_the_snapshot_is_the_file_the_migrations_make(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    replayed = made(tmp_path / "replayed.db", clock, from_snapshot=False, monkeypatch=monkeypatch)
    snapshot = made(tmp_path / "snapshot.db", clock, from_snapshot=True, monkeypatch=monkeypatch)
    assert described(snapshot) == described(replayed)
    assert described(snapshot)["integrity"] == [("ok",)]
    assert len(described(snapshot)["migrations"]) == LATEST_VERSION  # type: ignore[arg-type]


def test_the_snapshot_is_written_from_every_migration() -> None:
    # A snapshot behind the latest migration still makes a correct file (the later migrations run on
    # top), but a new file is then slower to make than it need be: write it again after a migration.
    version, statements = replayed_statements()
    assert (schema_snapshot.VERSION, list(schema_snapshot.STATEMENTS)) == (version, statements), (
        "run python -m tools.schema_snapshot")
    assert version == LATEST_VERSION


def test_each_migration_is_recorded_with_the_time_the_file_was_made(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = made(tmp_path / "snapshot.db", clock, from_snapshot=True, monkeypatch=monkeypatch)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").fetchall()
    stamp = database.to_iso(clock.now())
    assert rows == [(migration.version, migration.name, stamp) for migration in MIGRATIONS]


def test_migrations_after_the_snapshot_still_run(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot older than the latest migration is a start: the migrations after it run on top."""
    older = MIGRATIONS[: LATEST_VERSION - 1]
    monkeypatch.setattr(database, "MIGRATIONS", older)
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION - 1)
    made(tmp_path / "older.db", clock, from_snapshot=False, monkeypatch=monkeypatch)  # the older schema, replayed
    with sqlite3.connect(tmp_path / "older.db") as connection:
        older_statements = schema_statements(connection)
    monkeypatch.undo()
    monkeypatch.setattr(schema_snapshot, "VERSION", LATEST_VERSION - 1)
    monkeypatch.setattr(schema_snapshot, "STATEMENTS", tuple(older_statements))
    stepped = made(tmp_path / "stepped.db", clock, from_snapshot=True, monkeypatch=monkeypatch)
    replayed = made(tmp_path / "replayed.db", clock, from_snapshot=False, monkeypatch=monkeypatch)
    assert described(stepped) == described(replayed)


def test_a_file_with_tables_already_is_never_made_from_the_snapshot(
    tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an empty file starts from the snapshot: one at version 0 that holds anything is migrated."""
    path = tmp_path / "used.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE scratch (x)")
    calls: list[int] = []
    monkeypatch.setattr(Database, "_make_from_snapshot", lambda self: calls.append(1) or [])
    with pytest.raises(NotADatabase):
        Database.open(path, clock=clock)
    assert calls == []
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("scratch",)]
