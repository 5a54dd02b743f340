"""How long a durable capture takes, against a raw sqlite-utils insert measured in the same run.

Both write to a WAL database with `synchronous=FULL` and return after the commit;
the capture also runs meetingkit's BEGIN IMMEDIATE transaction, its sanitising,
and its read-then-write (is this term already on the board?). Goal: each capture
within 2× of the raw insert. The four take turns, one write each, after a few unmeasured
rounds, so the disk's and the machine's moods fall on all of them alike: an fsync's cost
varies with whatever else is writing, and it is most of the raw insert's time.

    python -m benchmarks.capture_commit [--repeats 500]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from benchmarks.common import Row, add_json_option, report
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.store import Store

NAME = "capture_commit"
GOAL = 2.0


WARM_UP = 20


def collect(repeats: int) -> list[Row]:
    """Time the raw insert and each durable capture in turns, on fresh files in one temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        raw = sqlite_utils.Database(Path(folder) / "raw.db")
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = FULL")
        store = Store.open(Path(folder) / "meetingkit.db")
        partnership = store.partnerships.ensure("Benchmark")
        agenda = load_library([shipped_agenda_folder()]).agendas["operational"]
        meeting = store.meetings.create(partnership.id, agenda)
        store.meetings.start(meeting.id)
        work: dict[str, Callable[[int], object]] = {
            "raw sqlite-utils insert (baseline)":
                lambda n: raw["items"].insert({"id": n, "text": f"Send the referral form {n}"}),
            "add_action (durable capture)": lambda n: store.business.add_action(meeting.id, f"Send the form {n}"),
            "mention_jargon (read-then-write)": lambda n: store.jargon.mention(meeting.id, f"TERM{n % 50}"),
            "raise_elephant": lambda n: store.boards.raise_elephant(meeting.id, f"Elephant {n}"),
        }
        times: dict[str, list[float]] = {label: [] for label in work}
        for n in range(WARM_UP + repeats):
            for label, write in work.items():
                started = time.perf_counter()
                write(n)
                if n >= WARM_UP:
                    times[label].append(time.perf_counter() - started)
        store.close()
        raw.close()
    baseline_label, *captures = work
    baseline = times[baseline_label]
    return [
        Row.of(NAME, baseline_label, baseline, baseline),
        *(Row.of(NAME, f"{label} vs baseline", times[label], baseline, goal_ratio=GOAL)
          for label in captures),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=500)
    add_json_option(parser)
    args = parser.parse_args()
    report(collect(args.repeats), args.json)


if __name__ == "__main__":
    main()
