"""Concurrent writers: several processes capturing into one meeting at once, through the Store API.

    python -m soak.writers [--processes 8] [--captures 200]

Each process opens the file, waits until all are ready (so their writes truly overlap), then makes
its captures one after another as fast as it can: actions, agreements, elephants, turning points
and jargon mentions in turn, the jargon over ten terms every process races to create first, with
markup, emoji and right-to-left text. It proves that with the defaults, 8 × 200 gives exactly
1,600 rows, every id each process was given is in the file with its exact text, each term exists
once, `PRAGMA integrity_check` is ok, and no process exits non-zero or writes anything to stderr:
no "database is locked", no StoreBusy, no warning. Exit status 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from meetingkit.core.text import jargon_key, sanitise
from soak.crash import HOSTILE_TEXTS, REPOSITORY

KINDS = ("action", "agreement", "elephant", "turning-point", "jargon")
"""One capture of each kind in turn: each writes its own table (jargon: a mention, maybe a term)."""

TABLES = {
    "action": ("actions", "text"),
    "agreement": ("agreements", "text"),
    "elephant": ("elephants", "text"),
    "turning-point": ("turning_points", "note"),
    "jargon": ("jargon_mentions", None),
}

SHARED_TERMS = 10
PATIENCE_SECONDS = 600


def capture_text(worker: int, number: int) -> str:
    """What worker `worker` types for its capture `number`: hostile text, unique by its last words."""
    kind = KINDS[number % len(KINDS)]
    if kind == "jargon":
        return f"TERM-{number // len(KINDS) % SHARED_TERMS}"
    return f"{HOSTILE_TEXTS[(worker + number) % len(HOSTILE_TEXTS)][:120]} w{worker}n{number}"


def worker(path: Path, meeting_id: str, number: int, count: int) -> int:
    """One writing process: open, say "ready", wait for "go", capture `count` items, print what it got.

    Anything raised (StoreBusy, "database is locked") ends it with a traceback and a non-zero status.
    """
    from meetingkit.store import Store

    store = Store.open(path)
    print("ready", flush=True)
    sys.stdin.readline()
    ids: list[str] = []
    seconds: list[float] = []
    for n in range(count):
        kind, text = KINDS[n % len(KINDS)], capture_text(number, n)
        started = time.perf_counter()
        if kind == "action":
            ids.append(store.business.add_action(meeting_id, text, confidential=n % 7 == 0).id)
        elif kind == "agreement":
            ids.append(store.business.add_agreement(meeting_id, text).id)
        elif kind == "elephant":
            ids.append(store.boards.raise_elephant(meeting_id, text))
        elif kind == "turning-point":
            ids.append(store.boards.mark_turning_point(meeting_id, note=text))
        else:
            ids.append(store.jargon.mention(meeting_id, text)[0])
        seconds.append(time.perf_counter() - started)
    store.close()
    print(json.dumps({"ids": ids, "seconds": seconds}), flush=True)
    return 0


@dataclass
class WritersResult:
    """What a run of concurrent writers did and found; `ok` only if nothing is wrong."""

    processes: int
    captures: int
    rows: dict[str, int] = field(default_factory=dict)
    terms: int = 0
    seconds: list[float] = field(default_factory=list)
    wall_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def expected_rows(self) -> int:
        return self.processes * self.captures

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """The summary, one figure a line."""
        ordered = sorted(self.seconds) or [0.0]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        result = [
            f"concurrent writers: {self.processes} processes × {self.captures} captures into one meeting",
            f"  rows written      {sum(self.rows.values()):,} of {self.expected_rows:,} "
            f"({', '.join(f'{count} {table}' for table, count in self.rows.items())})",
            f"  jargon terms      {self.terms} (every process raced to create each of {SHARED_TERMS})",
            f"  one capture       median {statistics.median(ordered) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, slowest {ordered[-1] * 1000:.0f} ms",
            f"  wall time         {self.wall_seconds:.1f} s",
            f"  problems          {len(self.problems)}",
        ]
        result += [f"    {problem}" for problem in self.problems[:20]]
        result.append("OK: every capture saved, no error surfaced" if self.ok else "FAILED")
        return result


def run_writers(processes: int, captures: int, folder: Path) -> WritersResult:
    """Start `processes` writers on a new database in `folder`, let them go at once, and check the file."""
    from meetingkit.core.agendas import load_library, shipped_agenda_folder
    from meetingkit.store import Store

    path = folder / "writers.db"
    with Store.open(path) as store:
        partnership = store.partnerships.ensure("Settlement & Schools")
        meeting = store.meetings.create(partnership.id, load_library([shipped_agenda_folder()]).agendas["operational"])
        store.meetings.start(meeting.id)
    result = WritersResult(processes, captures)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "soak.writers", "--worker", str(path), meeting.id, str(number), str(captures)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPOSITORY,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))},
        )
        for number in range(processes)
    ]
    for child in children:
        assert child.stdout is not None
        child.stdout.readline()  # "ready" (or nothing, if it failed to open: seen below)
    began = time.monotonic()
    for child in children:
        assert child.stdin is not None
        try:
            child.stdin.write("go\n")
            child.stdin.flush()  # `communicate` closes it
        except BrokenPipeError:
            pass
    reports = []
    for number, child in enumerate(children):
        stdout, stderr = child.communicate(timeout=PATIENCE_SECONDS)
        if child.returncode != 0 or stderr:
            said = stderr.strip().splitlines()[-1:] or ["(nothing on stderr)"]
            result.problems.append(f"process {number} exited {child.returncode}: {said[0]}")
            reports.append(None)
            continue
        reports.append(json.loads(stdout.strip().splitlines()[-1]))
    result.wall_seconds = time.monotonic() - began
    check(path, meeting.id, reports, result)
    return result


def check(path: Path, meeting_id: str, reports: list[dict | None], result: WritersResult) -> None:
    """Count the rows and find every reported id with its exact text, with plain sqlite3."""
    connection = sqlite3.connect(path)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            result.problems.append(f"integrity_check: {verdict}")
        for table, _ in TABLES.values():
            meeting_column = "raised_meeting_id" if table == "elephants" else "meeting_id"
            result.rows[table] = connection.execute(
                f"SELECT count(*) FROM {table} WHERE {meeting_column} = ?", [meeting_id]
            ).fetchone()[0]
        result.terms = connection.execute("SELECT count(*) FROM jargon_terms").fetchone()[0]
        if sum(result.rows.values()) != result.expected_rows:
            result.problems.append(f"{sum(result.rows.values())} rows, not {result.expected_rows}")
        terms = {capture_text(0, n) for n in range(result.captures) if KINDS[n % len(KINDS)] == "jargon"}
        if result.terms != len(terms):
            result.problems.append(f"{result.terms} jargon terms, not {len(terms)}: a race made one twice")
        for number, report in enumerate(reports):
            if report is None:
                continue
            result.seconds += report["seconds"]
            for n, item_id in enumerate(report["ids"]):
                kind, text = KINDS[n % len(KINDS)], capture_text(number, n)
                table, column = TABLES[kind]
                if kind == "jargon":
                    row = connection.execute("SELECT key FROM jargon_terms WHERE id = ?", [item_id]).fetchone()
                    found = row is not None and row[0] == jargon_key(text)
                else:
                    row = connection.execute(f"SELECT {column} FROM {table} WHERE id = ?", [item_id]).fetchone()
                    found = row is not None and row[0] == sanitise(text)
                if not found:
                    result.problems.append(f"process {number}, capture {n} ({kind} {item_id}): {row!r}")
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m soak.writers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=8, help="how many writing processes (default 8)")
    parser.add_argument("--captures", type=int, default=200, help="captures per process (default 200)")
    parser.add_argument("--worker", nargs=4, metavar=("DB", "MEETING", "N", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        db, meeting_id, number, count = args.worker
        return worker(Path(db), meeting_id, int(number), int(count))
    with tempfile.TemporaryDirectory(prefix="meetingkit-writers-") as folder:
        result = run_writers(args.processes, args.captures, Path(folder))
    print("\n".join(result.lines()))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
