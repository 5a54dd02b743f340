"""Every benchmark in one command, and one table of medians, spreads, ratios and goals at the end.

    python -m benchmarks [--quick] [--demo-db PATH] [--only NAME ...]

Each benchmark runs in a subprocess of its own (`python -m benchmarks.NAME`), so no run inherits
another's imports, memory or Textual state; its own table is shown as it finishes, and the rows
it writes (`--json`) are gathered into the combined table. Every ratio is against a baseline
measured in that same benchmark's run. `--quick` uses small sizes and few repeats, to check the
suite works in a few minutes; the figures worth recording come from the default sizes.
Without `--demo-db`, the review benchmark first builds a demo database of 10,000 meetings
(500 with `--quick`), which takes several minutes; pass one made earlier with
`meetingkit --db demo.db demo --meetings 10000` to skip that. The merge benchmark always builds
its own, of 1,000 meetings (100 with `--quick`): a merge of the review's 10,000 into an empty
file would take about a minute, each repeat.

The exit status is 0 when every benchmark ran, whether or not its goals were met: benchmarks
report figures, they do not fail builds.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchmarks.common import Row, format_table, read_rows

SIZES: dict[str, tuple[list[str], list[str]]] = {
    # name: (default arguments, --quick arguments)
    "cold_start": (["--repeats", "15", "--demo-meetings", "200"],
                   ["--repeats", "5", "--demo-meetings", "200"]),
    "board_capture": (["--terms", "1000", "10000", "--repeats", "25"],
                      ["--terms", "1000", "--repeats", "10"]),
    "capture_commit": (["--repeats", "500"], ["--repeats", "100"]),
    "memory": (["--items", "10000", "--repeats", "3"], ["--items", "1000", "--repeats", "1"]),
    "review": (["--meetings", "10000", "--repeats", "7"], ["--meetings", "500", "--repeats", "3"]),
    "merge": (["--meetings", "1000", "--repeats", "5"], ["--meetings", "100", "--repeats", "2"]),
    "wall_latency": (["--captures", "60"], ["--captures", "20"]),
    "serve_load": ([], ["--browsers", "8"]),
}


def machine() -> list[str]:
    """What the figures were measured on: CPU, cores, memory, system and the versions that matter."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(line.split(":", 1)[1].strip() for line in info.splitlines()
                   if line.startswith("model name"))
        total = next(line for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
        memory = f", {int(total.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    system = platform.platform(terse=True)
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"] + f" (kernel {platform.release()})"
    except OSError:
        pass
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical cores{memory}",
        f"OS: {system}",
        f"Python {platform.python_version()}, Textual {version('textual')}, SQLite {sqlite3.sqlite_version}, "
        f"sqlite-utils {version('sqlite-utils')}",
    ]


def load() -> str:
    """The system's load averages (1, 5, 15 minutes): other work on the machine skews every figure."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average: unknown"
    return f"load average: {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} logical cores"


def run_one(name: str, arguments: list[str], folder: Path) -> tuple[list[Row], float, int]:
    """Run one benchmark in its own process, its output shown as it goes; its rows, seconds and status."""
    rows_file = folder / f"{name}.json"
    print(f"\n== {name}: python -m benchmarks.{name} {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", f"benchmarks.{name}", *arguments, "--json", str(rows_file)]
    status = subprocess.run(command).returncode
    seconds = time.perf_counter() - started
    rows = read_rows(rows_file) if status == 0 and rows_file.exists() else []
    return rows, seconds, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and few repeats: a check, not a record")
    parser.add_argument("--demo-db", type=Path, metavar="PATH",
                        help="a database made with `meetingkit demo` for the review benchmark "
                        "(else one is built)")
    parser.add_argument("--only", nargs="+", choices=list(SIZES), metavar="NAME",
                        help=f"run only these: {', '.join(SIZES)}")
    args = parser.parse_args()
    if args.demo_db is not None and not args.demo_db.is_file():
        parser.error(f"--demo-db {args.demo_db}: no such file")

    print("\n".join(machine()))
    print(f"sizes: {'quick' if args.quick else 'default'}; at the start, {load()}")
    everything: list[Row] = []
    failed: list[str] = []
    took: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mk-benchmarks-") as folder:
        for name, (default, quick) in SIZES.items():
            if args.only and name not in args.only:
                continue
            arguments = list(quick if args.quick else default)
            if name == "review" and args.demo_db is not None:
                arguments = ["--db", str(args.demo_db), *arguments[2:]]  # in place of --meetings N
            rows, seconds, status = run_one(name, arguments, Path(folder))
            everything += rows
            took.append(f"{name} {seconds:.0f} s")
            if status:
                failed.append(f"{name} (exit status {status})")

    print("\n== all benchmarks: median and p10–p90 of each; ratio to the baseline measured in the same run")
    if everything:
        print(format_table(everything, with_benchmark=True))
    goals = [row for row in everything if row.met is not None]
    print(f"\ngoals met: {sum(bool(row.met) for row in goals)} of {len(goals)}; took: {', '.join(took)}")
    print(f"at the end, {load()}")
    if failed:
        print(f"did not finish: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
