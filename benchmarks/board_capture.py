"""How fast a capture reaches the Name the Jargon board with many terms already on it.

Measured in one run against a baseline: a bare Textual app appending one option to an
`OptionList` that already holds the same number of options. Both are timed from the
change to the screen having settled (`pilot.pause()`, which waits for pending messages
and a refresh), headless, so the figures compare the work done, not a terminal's speed.

Two paths, each against its own baseline: (A) the store call and board update alone against a
bare `add_option`, and (B) the whole key path — `j`, type the term, Enter — against a bare app
whose `j` opens a one-line dialog and appends what was typed. The goal (≤ 1.25×) is held by B,
the capture key to the screen settled; A says how much of that is the durable commit.

    python -m benchmarks.board_capture [--terms 1000 10000] [--repeats 25]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList

from benchmarks.common import Row, add_json_option, report
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.widgets.jargon_board import JargonBoard

NAME = "board_capture"
SIZE = (120, 36)
GOAL = 1.25


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
    partnership = store.partnerships.ensure("Benchmark partnership")
    meeting = store.meetings.create(partnership.id, load_library([shipped_agenda_folder()]).agendas["operational"])
    store.meetings.start(meeting.id)

    def fill() -> None:
        for n in range(count):
            term = store.db.insert("jargon_terms", {"partnership_id": partnership.id, "key": f"term {n}", "display": f"TERM {n}"})
            for _ in range(1 + n % 3):
                store.db.insert("jargon_mentions", {"term_id": term["id"], "meeting_id": meeting.id,
                                                  "mentioned_at": store.db.now(), "attribution": "anonymous"})

    store.db.write(fill)
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
                term_id, _ = store.jargon.mention(meeting_id, f"NEW{n}")
                board.upsert(store.jargon.board_term(term_id, meeting_id))
                await pilot.pause()
            times.append(time.perf_counter() - started)
        assert any(term.display.startswith("NEW") for term in board.terms)
    return times


async def collect(terms: list[int], repeats: int) -> list[Row]:
    """For each board size: both baselines and both capture paths, on a fresh database."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in terms:
            bare = await bare_append(count, repeats)
            bare_keys = await bare_through_keys(count, repeats)
            store, meeting_id = prepared_meeting(Path(folder), count)
            board = await board_capture(store, meeting_id, repeats, through_keys=False)
            keys = await board_capture(store, meeting_id, repeats, through_keys=True)
            store.close()
            rows += [
                Row.of(NAME, f"{count:,} terms: bare OptionList append (baseline A)", bare, bare),
                Row.of(NAME, f"{count:,} terms: durable commit + board update vs A", board, bare),
                Row.of(NAME, f"{count:,} terms: bare j, type, Enter, append (baseline B)",
                       bare_keys, bare_keys),
                Row.of(NAME, f"{count:,} terms: capture key to screen settled vs B", keys, bare_keys,
                       goal_ratio=GOAL),
            ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=25)
    add_json_option(parser)
    args = parser.parse_args()
    report(asyncio.run(collect(args.terms, args.repeats)), args.json)


if __name__ == "__main__":
    main()
