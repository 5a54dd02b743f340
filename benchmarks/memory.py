"""Peak memory: the app with 10,000 terms on the Name the Jargon board, against a bare Textual app
holding an `OptionList` of 10,000 options, measured in the same run.

Each scenario runs in a process of its own, headless (`run_test` at 120×36), until the screen
has settled; as it ends it reports its peak resident set size. So the figure covers everything
the process ever held — interpreter, imports, the database's rows, the widgets, the rendering —
as a person's machine would see it. On Linux the peak is the process's own high-water mark
(`VmHWM`): `ru_maxrss` would also count the parent's memory, copied at the fork before the exec.
The meeting is written beforehand by the parent, so building it costs the measured process
nothing; bytecode is cached as in a pip-installed copy (one unmeasured round fills the cache).
Goal (issue 19): within 1.3× of the bare app. For context: the same two with nothing on the board, and an
empty Python.

    python -m benchmarks.memory [--items 10000] [--repeats 3]
"""

from __future__ import annotations

# Only the standard library at the top: a measured child imports this module too, and the
# bare scenario must not pay for meetingkit's imports.
import argparse
import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Row, add_json_option, installed_like_env, report

NAME = "memory"
SIZE = (120, 36)
GOAL = 1.3


async def bare(items: int) -> None:
    """The baseline: an OptionList of `items` options, on screen."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(f"{n:>3}× term number {n}" for n in range(items)))

    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(OptionList).option_count == items


async def ours(db_path: Path, meeting_id: str, items: int) -> None:
    """meetingkit opened on the running meeting, its board holding `items` terms, on screen."""
    from meetingkit.core.agendas import load_library, shipped_agenda_folder
    from meetingkit.store import Store
    from meetingkit.ui.app import create_app
    from meetingkit.ui.screens.runner import RunnerScreen
    from meetingkit.ui.widgets.jargon_board import JargonBoard

    store = Store.open(db_path)
    try:
        app = create_app(store, load_library([shipped_agenda_folder()]), open_meeting=meeting_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RunnerScreen)
            assert len(app.screen.query_one(JargonBoard).terms) == items
    finally:
        store.close()


PEAK_MARK = "peak-rss-bytes:"
PYTHON_ONLY = (
    "print('" + PEAK_MARK + "', 1024 * int(next(line.split()[1] for line in open('/proc/self/status') "
    "if line.startswith('VmHWM:'))))"
)


def own_peak() -> int:
    """This process's peak resident set size in bytes, since its exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource  # elsewhere: includes the parent's memory at the fork, so it reads high

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def peak_rss(argv: list[str], env: dict[str, str]) -> float:
    """Run `argv` to its end and return the peak resident set size it reports, in bytes."""
    result = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    return float(result.stdout.rsplit(PEAK_MARK, 1)[1].split()[0])


def collect(items: int, repeats: int) -> list[Row]:
    """Build an empty and a full meeting, then measure every scenario `repeats` times, alternating."""
    from benchmarks.board_capture import prepared_meeting

    child = [sys.executable, "-m", "benchmarks.memory", "--child"]
    with tempfile.TemporaryDirectory(prefix="mk-memory-") as folder:
        empty_store, empty_id = prepared_meeting(Path(folder), 0)
        full_store, full_id = prepared_meeting(Path(folder), items)
        scenarios = {
            **({"python": [sys.executable, "-c", PYTHON_ONLY]} if Path("/proc/self/status").exists() else {}),
            "bare-empty": [*child, "bare", "--items", "0"],
            "bare": [*child, "bare", "--items", str(items)],
            "ours-empty": [*child, "ours", "--items", "0",
                           "--db", str(empty_store.path), "--meeting", empty_id],
            "ours": [*child, "ours", "--items", str(items),
                     "--db", str(full_store.path), "--meeting", full_id],
        }
        empty_store.close()
        full_store.close()
        env = installed_like_env(Path(folder) / "pycache")
        peaks: dict[str, list[float]] = {name: [] for name in scenarios}
        for n in range(repeats + 1):
            for name, argv in scenarios.items():
                peak = peak_rss(argv, env)
                if n:  # the first round fills the bytecode cache
                    peaks[name].append(peak)
    mb = 1 / 1e6
    return [
        *([Row.of(NAME, "python, reading its own peak (context)", peaks["python"], unit="MB", scale=mb)]
          if "python" in peaks else []),
        Row.of(NAME, "bare app, empty OptionList (baseline A)", peaks["bare-empty"], peaks["bare-empty"],
               unit="MB", scale=mb),
        Row.of(NAME, "meetingkit runner, empty board vs A", peaks["ours-empty"], peaks["bare-empty"],
               unit="MB", scale=mb),
        Row.of(NAME, f"bare app, OptionList of {items:,} (baseline B)", peaks["bare"], peaks["bare"],
               unit="MB", scale=mb),
        Row.of(NAME, f"meetingkit runner, {items:,} terms on the board vs B", peaks["ours"], peaks["bare"],
               unit="MB", scale=mb, goal_ratio=GOAL),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", choices=["bare", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--meeting", help=argparse.SUPPRESS)
    add_json_option(parser)
    args = parser.parse_args()
    if args.child:
        asyncio.run(bare(args.items) if args.child == "bare" else ours(args.db, args.meeting, args.items))
        print(PEAK_MARK, own_peak())
    else:
        report(collect(args.items, args.repeats), args.json)


if __name__ == "__main__":
    main()
