"""How fast a capture reaches the Name the Jargon board with many terms already on it.

Measured in one run against a baseline: a bare Textual app appending one option to an
`OptionList` that already holds the same number of options. Both are timed from the
change to the screen having settled (`pilot.pause()`, which waits for pending messages
and a refresh), headless, so the figures compare the work done, not a terminal's speed.

    python -m benchmarks.board_capture [--terms 1000 10000] [--repeats 25]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList

from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.widgets.jargon_board import JargonBoard

SIZE = (120, 36)


class BareApp(App[None]):
    """The baseline: nothing but an OptionList."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield OptionList(*(f"{n:>3}× term number {n}" for n in range(self.count)))


class BareEntry(ModalScreen[str]):
    """The baseline's one-line dialog: an Input, Enter gives its value."""

    def compose(self) -> ComposeResult:
        yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class BareDialogApp(BareApp):
    """The baseline for the key path: `j` opens a one-line dialog, Enter appends what was typed."""

    BINDINGS = [("j", "capture")]

    def action_capture(self) -> None:
        def append(text: str | None) -> None:
            options = self.query_one(OptionList)
            options.add_option(f"  1× {text}")
            options.highlighted = options.option_count - 1

        self.push_screen(BareEntry(), append)


async def bare_through_keys(count: int, repeats: int) -> list[float]:
    times = []
    app = BareDialogApp(count)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n in range(repeats):
            started = time.perf_counter()
            await pilot.press("j")
            await pilot.press(*f"NEW{n}")
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


async def bare_append(count: int, repeats: int) -> list[float]:
    times = []
    app = BareApp(count)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        for n in range(repeats):
            started = time.perf_counter()
            options.add_option(f"  1× new term {n}")
            options.highlighted = options.option_count - 1
            await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


def prepared_meeting(folder: Path, count: int) -> tuple[Store, str]:
    store = Store.open(folder / f"bench-{count}.db", clock=FrozenClock(datetime(2026, 11, 24, 14, tzinfo=UTC)))
    partnership = store.ensure_partnership("Benchmark partnership")
    meeting = store.create_meeting(partnership.id, load_library([shipped_agenda_folder()]).agendas["operational"])
    store.start_meeting(meeting.id)

    def fill() -> None:
        for n in range(count):
            term = store._insert("jargon_terms", {"partnership_id": partnership.id, "key": f"term {n}", "display": f"TERM {n}"})
            for _ in range(1 + n % 3):
                store._insert("jargon_mentions", {"term_id": term["id"], "meeting_id": meeting.id,
                                                  "mentioned_at": store._now(), "attribution": "anonymous"})

    store._write(fill)
    return store, meeting.id


async def board_capture(store: Store, meeting_id: str, repeats: int, *, through_keys: bool) -> list[float]:
    """Time one capture: with `through_keys`, from pressing `j` to the board settled after Enter."""
    times = []
    app = create_app(store, load_library([shipped_agenda_folder()]), open_meeting=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        board = runner.query_one(JargonBoard)
        for n in range(repeats):
            if through_keys:
                started = time.perf_counter()
                await pilot.press("j")
                await pilot.press(*f"NEW{n}")
                await pilot.press("enter")
                await pilot.pause()
            else:
                started = time.perf_counter()
                term_id, _ = store.mention_jargon(meeting_id, f"NEW{n}")
                board.upsert(store.board_term(term_id, meeting_id))
                await pilot.pause()
            times.append(time.perf_counter() - started)
        assert any(term.display.startswith("NEW") for term in board.terms)
    return times


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[len(ordered) // 10], ordered[-1 - len(ordered) // 10]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=25)
    args = parser.parse_args()
    print(f"{'terms':>6}  {'what':<44} {'median ms':>9} {'p10–p90 ms':>14} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for count in args.terms:
            bare = summary(await bare_append(count, args.repeats))
            bare_keys = summary(await bare_through_keys(count, args.repeats))
            store, meeting_id = prepared_meeting(Path(folder), count)
            board = summary(await board_capture(store, meeting_id, args.repeats, through_keys=False))
            keys = summary(await board_capture(store, meeting_id, args.repeats, through_keys=True))
            store.close()
            for label, figures, baseline in (
                ("bare OptionList append (baseline A)", bare, bare),
                ("capture: durable commit + board update vs A", board, bare),
                ("bare: j, type, Enter, append (baseline B)", bare_keys, bare_keys),
                ("capture through keys: j, type, Enter vs B", keys, bare_keys),
            ):
                ratio = figures[0] / baseline[0]
                print(
                    f"{count:>6}  {label:<44} {figures[0] * 1000:>9.1f} "
                    f"{figures[1] * 1000:>6.1f}–{figures[2] * 1000:<7.1f} {ratio:>6.2f}×"
                )


if __name__ == "__main__":
    asyncio.run(main())
