"""A merge writes new rows many at a time (issue 19); one row at a time is what it did before.

The same files merged both ways (`merge.INSERT_BATCH` = 1 writes each row alone, with its own
look-up, as merges always did) must leave the same file: every table's rows with their rowids
(the order they were written, which the app reads), the search indexes' text, and the same
report. Over random two-site histories, over files made hostile with raw SQL (rows the file's
rules refuse, links to nothing, duplicate keys), and into an empty file in small batches.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store, StoreError
from meetingkit.store import merge as merge_module
from meetingkit.store.merge_checks import passes_in_sql, problem
from tests.store.test_merge_hostile_property import _copies, mutations, settle, tamper
from tests.store.test_merge_hostile_property import sites as sites  # noqa: F401 (a fixture)
from tests.store.test_merge_properties import _sites, fast, history

MERGED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
RANDOM_IDS = {"merge_conflicts": "id"}
"""Columns a merge fills with a new random id: the same in neither of two merges."""


def everything(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the file with its rowids, in rowid order; a search index by its text (its
    own storage, segments written at different times, differs and is not compared)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        virtual = [name for name, sql in found if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        contents = {}
        for name, _sql in found:
            if name.startswith("sqlite_") or any(name.startswith(f"{index}_") for index in virtual):
                continue
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")
                       if row[1] != RANDOM_IDS.get(name)]
            without_rowid = connection.execute("SELECT wr FROM pragma_table_list WHERE name = ?", (name,)).fetchone()[0]
            contents[name] = connection.execute(
                f"SELECT {', '.join(columns)} FROM {name} ORDER BY {', '.join(columns)}" if without_rowid else
                f"SELECT rowid, {', '.join(columns)} FROM {name} ORDER BY rowid").fetchall()
        return contents
    finally:
        connection.close()


def merged(into: Path, source: Path, result: Path, batch: int) -> tuple[Any, dict[str, list[tuple[Any, ...]]]]:
    """`source` merged into a copy of `into` at `result`, writing `batch` new rows at a time:
    (what the report says, or the refusal), and the file afterwards."""
    shutil.copyfile(into, result)
    with mock.patch.object(merge_module, "INSERT_BATCH", batch), Store.open(result, clock=FrozenClock(MERGED_AT)) as store:
        try:
            report = store.merge.merge_file(source)
        except StoreError as refused:
            said: Any = ("refused", type(refused).__name__, str(refused))
        else:
            said = (
                {table: {kind: n for kind, n in counter.items() if n} for table, counter in report.counts.items()},
                report.conflicts, report.refused, sorted(report.invalid.items()), report.deleted_meetings,
            )
    return said, everything(result)


def same_both_ways(into: Path, source: Path, folder: Path, batch: int = merge_module.INSERT_BATCH) -> None:
    one_at_a_time = merged(into, source, folder / "one-at-a-time.db", 1)
    assert merged(into, source, folder / "batched.db", batch) == one_at_a_time


@fast
@given(base_ops=history, ops_a=history, ops_b=history)
def test_two_sites_histories_merge_the_same_batched_or_one_row_at_a_time(base_ops, ops_a, ops_b) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _base, a, b = _sites(folder, base_ops, ops_a, ops_b)
        same_both_ways(a, b, folder)
        same_both_ways(b, a, folder, batch=2)


@settings(parent=settle, max_examples=25)
@given(hostile=mutations)
def test_a_hostile_file_merges_the_same_batched_or_one_row_at_a_time(sites: tuple[Path, Path], hostile) -> None:  # noqa: F811
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        here, there = _copies(sites, folder)
        tamper(here, there, hostile)
        same_both_ways(here, there, folder)
        empty = folder / "empty.db"
        Store.open(empty).close()
        same_both_ways(empty, there, folder, batch=3)


@pytest.mark.parametrize("batch", [2, 7, merge_module.INSERT_BATCH])
def test_into_an_empty_file_the_same_batched_or_one_row_at_a_time(sites: tuple[Path, Path], tmp_path: Path,  # noqa: F811
                                                                   batch: int) -> None:
    here, there = sites
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    same_both_ways(empty, there, tmp_path, batch)
    same_both_ways(empty, here, tmp_path, batch)
    same_both_ways(here, there, tmp_path, batch)


def without_not_null(path: Path, table: str, column: str) -> None:
    """The file's `table` no longer holds `column` to NOT NULL (its definition edited by hand)."""
    raw = sqlite3.connect(path)
    try:
        with raw:
            raw.execute("PRAGMA writable_schema = ON")
            raw.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                        (f"    {column} TEXT NOT NULL,", f"    {column} TEXT,", table))
            version = raw.execute("PRAGMA schema_version").fetchone()[0]
            raw.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        raw.close()


def test_a_row_the_files_rules_refuse_in_a_batch_is_refused_alone_and_the_rows_around_it_come_in(
    sites: tuple[Path, Path], tmp_path: Path,  # noqa: F811
) -> None:
    """An action of the other file with no text (its NOT NULL rule edited away there): this file's
    rule refuses it, in the middle of a batch; it is refused as it always was, alone, and the
    actions before and after it come in."""
    here, there = _copies(sites, tmp_path)
    without_not_null(there, "actions", "text")
    raw = sqlite3.connect(there)
    try:
        with raw:
            ours = {row[0] for row in sqlite3.connect(here).execute("SELECT id FROM actions")}
            theirs = [row[0] for row in raw.execute("SELECT id FROM actions ORDER BY rowid") if row[0] not in ours]
            assert len(theirs) >= 2
            raw.execute("UPDATE actions SET text = NULL WHERE id = ?", (theirs[len(theirs) // 2],))
    finally:
        raw.close()
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    for into in (empty, here):
        alone, contents = merged(into, there, tmp_path / "alone.db", 1)
        assert any("NOT NULL" in line for line in alone[2]), alone
        assert contents["actions"], "the other actions came in"
        for batch in (2, merge_module.INSERT_BATCH):
            assert merged(into, there, tmp_path / "batched.db", batch) == (alone, contents)


# -- the checks SQL makes before a row is copied -----------------------------------------------

TRICKY: list[Any] = [
    None, "", " ", "\x00", b"", b"\x00\xff", 0, 1, -1, 2, 1.0, 0.0, -0.0, 1.5, -2.5, 2**63 - 1, -(2**63), 1e308,
    "0", "1", "12", "-5", "1e3", "open", "OPEN", "open\x00", "open ", "named", "anonymous", "running", "ended",
    "meeting", "agenda", "2026-09-01", "2026-9-01", "2026-02-29", "2024-02-29", "2026-02-30", "0000-01-01",
    "0001-01-01", "9999-12-31", "2026-09-01\x00x", "2026-09-01T09:00:00.000Z", "2026-09-01T09:00:00.000Z\x00x",
    "2026-09-01T09:00:00Z", "2026-09-01T09:00:00.000+00:00", "2026-09-01 09:00:00.000Z", "2026-09-01T24:00:00.000Z",
    "2026-09-01T23:59:60.000Z", "2026-09-01T23:60:00.000Z", "2026-02-29T09:00:00.000Z", "2024-02-29T09:00:00.000Z",
    "0000-06-01T09:00:00.000Z", "0001-01-01T23:59:59.999Z", "0001-01-02T00:00:00.000Z", "9999-12-30T23:59:59.999Z",
    "9999-12-31T00:00:00.000Z", "2026-09-01t09:00:00.000z", "２０２６-09-01T09:00:00.000Z",
    "x" * 800_000, "x" * 800_001, "é" * 400_000, "é" * 400_001, "🐘" * 200_000, "🐘" * 200_001,
    "00000000-0000-7000-8000-000000000000", "[bold]x[/]", "\u202eשלום",
]
"""Values at the edges of `merge_checks`' rules: types, NULs, case, calendars, lengths in bytes."""

INSTANT_PARTS = st.tuples(st.integers(0, 10_000), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25),
                          st.integers(0, 61), st.integers(0, 61), st.integers(0, 1000))
instant_like = INSTANT_PARTS.map(lambda p: f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}T{p[3]:02d}:{p[4]:02d}:{p[5]:02d}.{p[6]:03d}Z")
day_like = INSTANT_PARTS.map(lambda p: f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}")
any_value = st.one_of(st.sampled_from(TRICKY), instant_like, day_like, st.text(max_size=8), st.integers(),
                      st.floats(allow_nan=False), st.binary(max_size=4)).filter(
    lambda v: not isinstance(v, int) or -(2**63) <= v < 2**63)


def _columns_of_a_new_file() -> dict[str, dict[str, str]]:
    with tempfile.TemporaryDirectory() as name, Store.open(Path(name) / "new.db") as store:
        return {t: {r[1]: r[2] for r in store.db.execute(f"PRAGMA table_info({t})")} for t in merge_module.TABLES}


COLUMNS = _columns_of_a_new_file()
EVERY_COLUMN = sorted((table, column) for table, columns in COLUMNS.items() for column in columns)


def sql_passes(table: str, column: str, value: Any) -> tuple[bool | None, Any]:
    """Whether `passes_in_sql` holds for `value` kept in a column of the same type (None: it leaves the
    column to Python), and the value as that column keeps it."""
    declared = COLUMNS[table][column]
    condition = passes_in_sql(table, column, declared, "o.v")
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE TABLE t (v {declared})")
        connection.execute("INSERT INTO t VALUES (?)", (value,))
        stored = connection.execute("SELECT v FROM t").fetchone()[0]
        if condition is None:
            return None, stored
        return bool(connection.execute(f"SELECT {condition} FROM t AS o").fetchone()[0]), stored
    finally:
        connection.close()


@pytest.mark.parametrize("value", TRICKY, ids=lambda v: repr(v)[:24])
def test_what_sql_lets_through_merge_checks_accepts_at_the_edges(value: Any) -> None:
    for table, column in EVERY_COLUMN:
        passes, stored = sql_passes(table, column, value)
        if passes:
            assert problem(table, {column: stored}, COLUMNS[table]) is None, (table, column, stored)


@settle
@given(column=st.sampled_from(EVERY_COLUMN), value=any_value)
def test_what_sql_lets_through_merge_checks_accepts(column: tuple[str, str], value: Any) -> None:
    passes, stored = sql_passes(*column, value)
    if passes:
        assert problem(column[0], {column[1]: stored}, COLUMNS[column[0]]) is None, (column, stored)


def test_sql_lets_through_the_values_meetingkit_writes(sites: tuple[Path, Path]) -> None:  # noqa: F811
    """Every value of a file meetingkit made passes in SQL, where SQL checks it at all: so a merge
    of such a file copies its new rows in SQL (`test_into_an_empty_file_...` compares the result)."""
    connection = sqlite3.connect(f"file:{sites[1]}?mode=ro", uri=True)
    try:
        for table, column in EVERY_COLUMN:
            for (value,) in connection.execute(f"SELECT {column} FROM {table}"):
                assert sql_passes(table, column, value)[0] in (True, None), (table, column, value)
    finally:
        connection.close()
