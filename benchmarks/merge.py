"""Merging another site's file (`meetingkit merge OTHER.db`): time and peak memory, on a
`meetingkit demo` database, against a raw SQLite copy of the same rows measured in the same run.

Baseline A: the rows copied with plain SQL and no checks. Into a fresh file already at the
latest schema, `ATTACH` the demo file and `INSERT INTO main.T SELECT * FROM other.T` for every
table of `meetingkit.store.merge.TABLES`, in that order, in one transaction, foreign keys off
(the search indexes' triggers fire, as they do for the merge). Against it, `merge_file`:

* into an empty file (a new `Store`: every row is new);
* again, into that merged file (nothing new: every row is read and found the same);
* one new meeting: into the merged file, from a copy of it with one more meeting of 50 items
  (5 people, 35 jargon mentions, notes, elephants, turning points, agreements, actions) added
  through the store's API. Its ratio is still to A, the copy of the whole file: it says how a
  merge of a day's work compares with copying everything, not with copying one meeting.

Times run from the call to the commit (`merge_file` includes its snapshot of the other file and
that snapshot's upgrade check; the baseline includes its `ATTACH`); opening the fresh target
and closing it (the WAL checkpoint) are outside, for both. Both commit with `synchronous=FULL`
to a WAL file. Each repeat works on fresh copies in a temporary folder of its own, and the four
take turns, so a busy moment on the machine falls on all of them alike.

Peak memory: a merge into an empty file, in a process of its own, against a bare
`python -c "import meetingkit.store"`. Each process reports its own high-water mark (`VmHWM`
from `/proc/self/status`, as the memory benchmark does): `resource.getrusage(RUSAGE_CHILDREN)`
would count the parent's memory copied at the fork and keep the largest child so far. Elsewhere
than Linux, `ru_maxrss` of the process itself. Bytecode is cached as in a pip-installed copy;
one unmeasured round first. The goal (issue 19): a merge into an empty file ≤ 3× A; the other
rows are for context (no worse than before).

    python -m benchmarks.merge [--meetings 1000] [--seed 1] [--repeats 5]
    python -m benchmarks.merge --db demo.db              # a demo database made earlier
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Row, add_json_option, installed_like_env, report

NAME = "merge"
GOAL = 3.0
"""Issue 19: a merge into an empty file within 3× the raw SQL copy of the same rows."""

PEAK_MARK = "peak-rss-bytes:"
PEAK = (
    "import sys\n"
    "def peak():\n"
    "    try:\n"
    "        for line in open('/proc/self/status'):\n"
    "            if line.startswith('VmHWM:'):\n"
    "                return int(line.split()[1]) * 1024\n"
    "    except OSError:\n"
    "        pass\n"
    "    import resource\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    return peak if sys.platform == 'darwin' else peak * 1024\n"
)
IMPORT_ONLY = "import meetingkit.store\n" + PEAK + f"print({PEAK_MARK!r}, peak())\n"
MERGE_ONLY = (
    "from pathlib import Path\n"
    "from meetingkit.store import Store\n"
    + PEAK
    + "store = Store.open(Path(sys.argv[2]))\n"
    "try:\n"
    "    store.merge.merge_file(Path(sys.argv[1]))\n"
    "finally:\n"
    "    store.close()\n"
    f"print({PEAK_MARK!r}, peak())\n"
)


def build_demo(path: Path, meetings: int, seed: int) -> None:
    """`meetingkit --db path demo --meetings N --seed S`, in a process of its own."""
    command = [sys.executable, "-m", "meetingkit", "--db", str(path), "demo", "--meetings", str(meetings),
               "--seed", str(seed)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    print(result.stdout.strip())


def copy_db(source: Path, destination: Path) -> Path:
    """A byte copy of a closed database file (and of its log, if one was left beside it)."""
    shutil.copyfile(source, destination)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, destination.with_name(destination.name + "-wal"))
    return destination


def fresh_store_file(path: Path) -> Path:
    """A new, empty meetingkit file at the latest schema."""
    from meetingkit.store import Store

    Store.open(path).close()
    return path


def raw_copy(source: Path, target: Path) -> float:
    """Baseline A: every merged table's rows copied with plain SQL; seconds from ATTACH to COMMIT."""
    from meetingkit.store.merge import TABLES

    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA synchronous = FULL")
        started = time.perf_counter()
        connection.execute("ATTACH DATABASE ? AS other", [str(source)])
        connection.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            connection.execute(f"INSERT INTO main.{table} SELECT * FROM other.{table}")
        connection.execute("COMMIT")
        seconds = time.perf_counter() - started
        connection.execute("DETACH DATABASE other")
    finally:
        connection.close()
    return seconds


def timed_merge(source: Path, target: Path, counts: Counter[str] | None = None) -> float:
    """Seconds `merge_file` takes to bring `source` into the meetingkit file at `target`."""
    from meetingkit.store import Store

    store = Store.open(target)
    try:
        started = time.perf_counter()
        merged = store.merge.merge_file(source)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    if merged.refused or merged.conflicts:
        raise RuntimeError(f"unexpected: {len(merged.refused)} refused, {len(merged.conflicts)} conflicts")
    if counts is not None:
        for table, counter in merged.counts.items():
            for kind, n in counter.items():
                counts[f"{kind} {table}"] += n
    return seconds


def add_meeting(path: Path) -> int:
    """One more meeting in the file at `path`, of 50 captured items, through the store's API."""
    from meetingkit.core.agendas import load_library, shipped_agenda_folder
    from meetingkit.store import Store

    agenda = load_library([shipped_agenda_folder()]).agendas["operational"]
    with Store.open(path) as store:
        partnership = store.partnerships.all()[0]
        organisations = store.partnerships.organisations(partnership.id)
        terms = [row["display"] for row in store.db.rows(
            "SELECT display FROM jargon_terms WHERE partnership_id = ? ORDER BY display LIMIT 12", [partnership.id]
        )] or ["MOU", "IEP", "LINC"]
        meeting = store.meetings.create(partnership.id, agenda, title="The meeting merged in")
        for n in range(5):
            store.meetings.add_attendee(meeting.id, f"Merge visitor {n}", organisations[n % len(organisations)].name)
        store.meetings.start(meeting.id)
        items = 0
        for n in range(35):
            store.jargon.mention(meeting.id, terms[n % len(terms)])
            items += 1
        store.notes.save_editor(store.meetings.section_runs(meeting.id)[0].id, "Went round the table.\nAll agreed.", based_on="")
        items += 1
        for n in range(4):
            store.boards.raise_elephant(meeting.id, f"Funding after March, take {n}")
            items += 1
        for n in range(3):
            store.boards.mark_turning_point(meeting.id, note=f"Turning point {n}")
            items += 1
        for n in range(2):
            store.business.add_agreement(meeting.id, f"Share the referral list, part {n}")
            items += 1
        for n in range(5):
            store.business.add_action(meeting.id, f"Send the form {n}")
            items += 1
        store.meetings.end(meeting.id)
    return items


def peak_rss(argv: list[str], env: dict[str, str]) -> float:
    """Run `argv` to its end and return the peak resident set size it reports, in bytes."""
    result = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    return float(result.stdout.rsplit(PEAK_MARK, 1)[1].split()[0])


def collect(demo: Path, repeats: int) -> list[Row]:
    """Prepare the merged and the one-more-meeting files once, then time each merge `repeats` times."""
    with tempfile.TemporaryDirectory(prefix="mk-merge-") as folder:
        root = Path(folder)
        source = copy_db(demo, root / "demo.db")
        fresh_store_file(source)  # upgrades it if it came from an earlier version
        meetings, size = _facts(source)
        merged = fresh_store_file(root / "merged.db")
        timed_merge(source, merged)
        one_more = copy_db(merged, root / "one-more.db")
        items = add_meeting(one_more)

        times: dict[str, list[float]] = {"raw": [], "empty": [], "again": [], "one": []}
        one_counts: Counter[str] = Counter()
        work: dict[str, Callable[[Path], float]] = {
            "raw": lambda here: raw_copy(copy_db(source, here / "other.db"), fresh_store_file(here / "here.db")),
            "empty": lambda here: timed_merge(copy_db(source, here / "other.db"), fresh_store_file(here / "here.db")),
            "again": lambda here: timed_merge(copy_db(source, here / "other.db"), copy_db(merged, here / "here.db")),
            "one": lambda here: timed_merge(copy_db(one_more, here / "other.db"), copy_db(merged, here / "here.db"),
                                            one_counts),
        }
        for _ in range(repeats):
            for label, run in work.items():
                with tempfile.TemporaryDirectory(dir=root) as here:
                    times[label].append(run(Path(here)))

        env = installed_like_env(root / "pycache")
        peaks: dict[str, list[float]] = {"import": [], "merge": []}
        for n in range(repeats + 1):
            with tempfile.TemporaryDirectory(dir=root) as here:
                other = copy_db(source, Path(here) / "other.db")
                import_peak = peak_rss([sys.executable, "-c", IMPORT_ONLY], env)
                merge_peak = peak_rss([sys.executable, "-c", MERGE_ONLY, str(other), str(Path(here) / "here.db")], env)
            if n:  # the first round fills the bytecode cache
                peaks["import"].append(import_peak)
                peaks["merge"].append(merge_peak)

    per_repeat = {kind: n // repeats for kind, n in one_counts.items() if n}
    print(f"database: {meetings:,} meetings, {size / 1e6:.0f} MB; the one new meeting: {items} items, "
          f"which the merge counts as: {', '.join(f'{n} {kind}' for kind, n in sorted(per_repeat.items()))}")
    raw = times["raw"]
    mb = 1 / 1e6
    return [
        Row.of(NAME, f"raw SQL copy of {meetings:,} meetings' rows (baseline A)", raw, raw),
        Row.of(NAME, "merge into an empty file vs A", times["empty"], raw, goal_ratio=GOAL),
        Row.of(NAME, "merge again (nothing new) vs A", times["again"], raw),
        Row.of(NAME, f"merge one new meeting ({items} items) vs A (copy of all)", times["one"], raw),
        Row.of(NAME, "python -c 'import meetingkit.store': peak RSS (baseline B)", peaks["import"], peaks["import"],
               unit="MB", scale=mb),
        Row.of(NAME, "merge into an empty file: peak RSS vs B", peaks["merge"], peaks["import"], unit="MB", scale=mb),
    ]


def _facts(path: Path) -> tuple[int, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meetings = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
    finally:
        connection.close()
    return meetings, path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (made with meetingkit demo); it is copied, not changed")
    parser.add_argument("--meetings", type=int, default=1000, help="without --db: build a demo of this many")
    parser.add_argument("--seed", type=int, default=1, help="without --db: the demo's seed")
    parser.add_argument("--repeats", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    if args.db:
        if not args.db.is_file():
            parser.error(f"--db {args.db}: no such file")
        rows = collect(args.db, args.repeats)
    else:
        with tempfile.TemporaryDirectory(prefix="mk-merge-demo-") as folder:
            demo = Path(folder) / f"demo-{args.meetings}.db"
            build_demo(demo, args.meetings, args.seed)
            rows = collect(demo, args.repeats)
    report(rows, args.json)


if __name__ == "__main__":
    main()
