"""How long a durable capture takes, against a raw sqlite-utils insert measured in the same run.

Both write to a WAL database with `synchronous=FULL` and return after the commit;
the capture also runs meetingkit's BEGIN IMMEDIATE transaction, its sanitising,
and its read-then-write (is this term already on the board?).

    python -m benchmarks.capture_commit [--repeats 500]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import sqlite_utils

from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.store import Store


def timed(work, repeats: int) -> list[float]:
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        work(n)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        raw = sqlite_utils.Database(Path(folder) / "raw.db")
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = FULL")
        baseline = timed(lambda n: raw["items"].insert({"id": n, "text": f"Send the referral form {n}"}), args.repeats)

        store = Store.open(Path(folder) / "meetingkit.db")
        partnership = store.ensure_partnership("Benchmark")
        meeting = store.create_meeting(partnership.id, load_library([shipped_agenda_folder()]).agendas["operational"])
        store.start_meeting(meeting.id)
        rows = [
            ("raw sqlite-utils insert (baseline)", baseline),
            ("add_action (durable capture)", timed(lambda n: store.add_action(meeting.id, f"Send the form {n}"), args.repeats)),
            ("mention_jargon (read-then-write)", timed(lambda n: store.mention_jargon(meeting.id, f"TERM{n % 50}"), args.repeats)),
            ("raise_elephant", timed(lambda n: store.raise_elephant(meeting.id, f"Elephant {n}"), args.repeats)),
        ]
        store.close()
    base = statistics.median(baseline)
    print(f"{'what':<38} {'median ms':>9} {'p10–p90 ms':>14} {'× baseline':>10}")
    for label, times in rows:
        ordered = sorted(times)
        low, high = ordered[len(ordered) // 10], ordered[-1 - len(ordered) // 10]
        median = statistics.median(ordered)
        print(f"{label:<38} {median * 1000:>9.2f} {low * 1000:>6.2f}–{high * 1000:<7.2f} {median / base:>9.2f}×")


if __name__ == "__main__":
    main()
