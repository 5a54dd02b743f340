"""The schema a new database starts from: `meetingkit/store/schema_snapshot.py`, written from the migrations.

    python -m tools.schema_snapshot            # replay every migration on an empty file, write the snapshot
    python -m tools.schema_snapshot --check    # exit 1 if the snapshot is not what the migrations build

A new, empty file is made by running the snapshot's statements in one transaction instead of
replaying every migration since the first (which rebuilds every table at migration 9): a third
of a second less before the console's first frame, on first use. Migrations after the snapshot's
version still run after it, so a new migration works without writing the snapshot again; write it
again to keep new files fast. `tests/store/test_schema_snapshot.py` checks that a file made from
the snapshot is the file the migrations make.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "meetingkit" / "store" / "schema_snapshot.py"

FTS5_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
"""The tables SQLite makes for each FTS5 table itself: made again by its CREATE VIRTUAL TABLE."""


def replayed_statements() -> tuple[int, list[str]]:
    """The version every migration brings an empty file to, and the statements that make its schema."""
    from meetingkit.store import database

    with tempfile.TemporaryDirectory(prefix="mk-schema-") as folder:
        path = Path(folder) / "replayed.db"
        database.START_FROM_SNAPSHOT = False
        try:
            with database.Database.open(path) as db:
                version = db.schema_version()
        finally:
            database.START_FROM_SNAPSHOT = True
        connection = sqlite3.connect(path)
        try:
            return version, schema_statements(connection)
        finally:
            connection.close()


def schema_statements(connection: sqlite3.Connection) -> list[str]:
    """Every CREATE of the file's schema, in the order its objects were made, but those SQLite makes
    itself (automatic indexes, FTS5's own tables)."""
    rows = connection.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    virtual = [name for kind, name, sql in rows if kind == "table" and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {table + suffix for table in virtual for suffix in FTS5_SHADOWS}
    return [sql for _kind, name, sql in rows if name not in shadows and not name.startswith("sqlite_")]


def render(version: int, statements: list[str]) -> str:
    lines = [
        '"""The schema every migration up to `VERSION` builds, as the statements that make it in one go.',
        "",
        "Written by `python -m tools.schema_snapshot` (do not edit by hand); a new, empty file is made from it",
        "(`Database.migrate`), and `tests/store/test_schema_snapshot.py` checks it is the schema the migrations make.",
        '"""',
        "",
        f"VERSION = {version}",
        "",
        "STATEMENTS: tuple[str, ...] = (",
    ]
    lines += [f"    {statement!r}," for statement in statements]
    lines += [")", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the snapshot is up to date")
    args = parser.parse_args()
    text = render(*replayed_statements())
    if args.check:
        if SNAPSHOT.exists() and SNAPSHOT.read_text(encoding="utf-8") == text:
            print("the schema snapshot is up to date")
            return 0
        print("the schema snapshot is not what the migrations build: run python -m tools.schema_snapshot")
        return 1
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
