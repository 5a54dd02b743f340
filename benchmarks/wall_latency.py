"""From a capture committed elsewhere to the wall showing it, against a bare Textual app on the same file.

A second process (this module with `--writer`, as a scribe's second terminal would be) names a
term (a durable commit, as the console's `j` does) and says when its commit returned; the wall (`meetingkit wall`, headless, its own read-only connection) and the
baseline (a bare Textual app that polls `PRAGMA data_version` as often as the wall does and
shows the newest term on one line) run side by side in one event loop in this process. Each is
timed from the commit's return in the writer until the text its widget draws contains the new
term (both processes read the same system-wide monotonic clock). After each round the
term is hidden from the room (unmeasured), so the wall's board stays one page long.
Goal: the wall's p95 within 1.25× the baseline's p95, and under 300 ms.

    python -m benchmarks.wall_latency [--captures 60]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from benchmarks.common import Row, add_json_option, report
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.store import Store
from meetingkit.ui.wall.app import WATCH_INTERVAL_SECONDS, create_wall_app

NAME = "wall_latency"
GOAL_RATIO = 1.25
GOAL_MS = 300.0
WARM_UP = 3
LOOK_EVERY = 0.002
"""How often the benchmark looks at what each app draws (seconds)."""


class Baseline(App[None]):
    """The least an app can do: poll the file as often as the wall, and show the newest term on one line."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.seen = -1

    def compose(self) -> ComposeResult:
        yield Static("", id="line")

    def on_mount(self) -> None:
        self.set_interval(WATCH_INTERVAL_SECONDS, self.poll)

    def poll(self) -> None:
        version = self.connection.execute("PRAGMA data_version").fetchone()[0]
        if version != self.seen:
            self.seen = version
            row = self.connection.execute("SELECT display FROM jargon_terms ORDER BY rowid DESC LIMIT 1").fetchone()
            self.query_one("#line", Static).update(row[0] if row else "")


def drawn(widget: Widget) -> str:
    """The text the widget draws now."""
    return " ".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.region.size)))


async def until_shown(widget: Widget, text: str, since: float) -> float:
    while text not in drawn(widget):
        await asyncio.sleep(LOOK_EVERY)
    return time.monotonic() - since


def write(path: Path, meeting_id: str) -> None:
    """The writer process: for each line `mention TERM` name the term and answer `TERM_ID TIME`
    (the monotonic time its commit returned); for `hide TERM_ID` hide it from the room and answer `ok`."""
    with Store.open(path) as store:
        for line in sys.stdin:
            verb, _, argument = line.strip().partition(" ")
            if verb == "mention":
                term_id, _ = store.jargon.mention(meeting_id, argument)
                print(term_id, time.monotonic(), flush=True)
            elif verb == "hide":
                store.room.set_term_hidden(meeting_id, argument, True)
                print("ok", flush=True)


class Writer:
    """The writer process, driven line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, path: Path, meeting_id: str) -> Writer:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.wall_latency", "--writer", str(path), meeting_id,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return (await self.process.stdout.readline()).decode().strip()

    async def mention(self, term: str) -> tuple[str, float]:
        term_id, committed = (await self.ask(f"mention {term}")).split()
        return term_id, float(committed)

    async def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        await self.process.wait()


async def measure(path: Path, meeting_id: str, captures: int) -> tuple[list[float], list[float]]:
    writer = await Writer.start(path, meeting_id)
    looking = Store.open(path, read_only=True)
    wall, baseline = create_wall_app(looking), Baseline(path)
    wall_times: list[float] = []
    baseline_times: list[float] = []
    try:
        async with wall.run_test(size=(120, 36)) as pilot, baseline.run_test(size=(80, 5)):
            await pilot.pause()
            board, line = wall.screen.query_one("#wall-jargon"), baseline.query_one("#line")
            for n in range(WARM_UP + captures):
                term = f"BENCH{n:04d}"
                # At a random moment of the polls' cycle: otherwise each round starts just after the
                # wall's poll (it waited for it), and the baseline's phase would decide the figures.
                await asyncio.sleep(random.uniform(0, WATCH_INTERVAL_SECONDS))
                term_id, committed = await writer.mention(term)
                shown = await asyncio.gather(until_shown(board, term, committed), until_shown(line, term, committed))
                if n >= WARM_UP:
                    wall_times.append(shown[0])
                    baseline_times.append(shown[1])
                await writer.ask(f"hide {term_id}")
                while term in drawn(board):
                    await asyncio.sleep(LOOK_EVERY)
    finally:
        baseline.connection.close()
        looking.close()
        await writer.close()
    return wall_times, baseline_times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def collect(captures: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "meetingkit.db"
        with Store.open(path) as store:
            partnership = store.partnerships.ensure("Benchmark")
            agenda = load_library([shipped_agenda_folder()]).agendas["operational"]
            meeting = store.meetings.start(store.meetings.create(partnership.id, agenda).id)
        wall, base = asyncio.run(measure(path, meeting.id, captures))
    base_label = "bare Textual app polling the file (baseline)"
    print(f"p50: wall {sorted(wall)[len(wall) // 2] * 1000:.0f} ms, baseline {sorted(base)[len(base) // 2] * 1000:.0f} ms")
    print(f"p95: wall {p95(wall) * 1000:.0f} ms, baseline {p95(base) * 1000:.0f} ms, "
          f"ratio {p95(wall) / p95(base):.2f} (goal ≤ {GOAL_RATIO}×, ≤ {GOAL_MS:g} ms)")
    return [
        Row.of(NAME, base_label, base, base),
        Row.of(NAME, "wall shows the capture vs baseline", wall, base, goal_median=GOAL_MS),
        Row(NAME, "p95: baseline", "ms", p95(base) * 1000, p95(base) * 1000, p95(base) * 1000, count=len(base)),
        Row(NAME, "p95: wall vs baseline", "ms", p95(wall) * 1000, p95(wall) * 1000, p95(wall) * 1000,
            ratio=p95(wall) / p95(base), goal_ratio=GOAL_RATIO, goal_median=GOAL_MS, count=len(wall)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=60)
    parser.add_argument("--writer", nargs=2, metavar=("DB", "MEETING_ID"), help="be the writer process (internal)")
    add_json_option(parser)
    args = parser.parse_args()
    if args.writer:
        write(Path(args.writer[0]), args.writer[1])
        return
    report(collect(args.captures), args.json)


if __name__ == "__main__":
    main()
