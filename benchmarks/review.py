"""Review at scale: history open, a filter change, first search hits and one meeting's export,
on a `meetingkit demo` database, each against a baseline measured in the same run.

Baselines: a bare Textual app that pushes a screen with a `DataTable` of the same rows
(already in memory, so it does no SQL) for the history and the filter; a raw FTS5 query over
the same indexes (no joins, no snippets) for search; a bare `Input` whose every change shows
that word's hits, found beforehand, for search as you type; reading the meeting's rows with
plain SQL for the export (E; and, for context, F: those and every other row its record reads,
its terms' meanings with their meetings above all). Times run from the key (or change) to the
screen having settled (`pilot.pause()`), headless, except search as you type: from the last key to the first frame
showing its hits (see `FrameSpy`). The export and its baselines are timed on the same 20 meetings
in every run on one file, after one unmeasured pass over them, so that neither side pays for
reading the file from disk while the other does not. Goals: the history open and a filter change within 1.3× of
the bare DataTable; the first search hits on screen within 50 ms of the last key and within 1.25×
of the bare Input; one meeting's export within 10× of reading its rows (the record in each format,
as `meetingkit export` makes it) (issue 19).

    python -m benchmarks.review --db demo10k.db [--repeats 7] [--only export]
    python -m benchmarks.review --meetings 2000          # builds a demo database first
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Select, Static

from benchmarks.common import Row, add_json_option, report
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.core.export import render
from meetingkit.core.text import fts_query
from meetingkit.store import Store
from meetingkit.store.schema import SEARCHED
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.review import ReviewScreen
from meetingkit.ui.screens.search import SearchScreen

NAME = "review"
SIZE = (120, 36)
HISTORY_GOAL = 1.3
SEARCH_GOAL_MS = 50.0
SEARCH_GOAL_RATIO = 1.25
EXPORT_GOAL = 10.0
WORDS = ("refer", "counselling", "interpreter", "timetable", "funding", "assess")
LABELS = ("Date", "Partnership", "Type", "Length", "People", "Jargon", "Elephants", "Turning points",
          "Agreements", "Actions", "Title")


def plain_rows(store: Store, partnership_id: str | None = None) -> list[tuple]:
    """The history's rows as a naive app would hold them: plain values, no formatting."""
    return [
        (row.started_at.strftime("%d %b %Y") if row.started_at else "", row.partnership, row.meeting_type,
         row.duration_seconds, row.attendance, row.jargon, row.elephants, row.turning_points, row.agreements,
         row.actions, row.title)
        for row in store.review.history(partnership_id=partnership_id)
    ]


class BareHistory(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen")]

    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*LABELS)
        table.add_rows(self.rows)


class BareApp(App[None]):
    """The baseline: `v` pushes a screen with a DataTable of rows already in memory."""

    BINDINGS = [("v", "history")]

    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self.rows = rows

    def action_history(self) -> None:
        self.push_screen(BareHistory(self.rows))


async def timed(repeats: int, work: Callable[[], Awaitable[None]], reset: Callable[[], Awaitable[None]]) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
        await reset()
    return times


async def bare_history(rows: list[tuple], subset: list[tuple], repeats: int) -> tuple[list[float], list[float]]:
    app = BareApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def open_history() -> None:
            await pilot.press("v")
            await pilot.pause()
            assert app.screen.query_one(DataTable).row_count == len(rows)

        async def back() -> None:
            await pilot.press("escape")
            await pilot.pause()

        opened = await timed(repeats, open_history, back)
        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        flip = [subset, rows]

        async def refill() -> None:
            chosen = flip[0]
            table.clear()
            table.add_rows(chosen)
            await pilot.pause()
            flip.reverse()

        async def nothing() -> None:
            pass

        filtered = await timed(repeats * 2, refill, nothing)
    return opened, filtered


async def our_history(store: Store, partnership_id: str, repeats: int) -> tuple[list[float], list[float], int]:
    app = create_app(store, load_library([shipped_agenda_folder()]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screens = app.screen_stack

        async def open_history() -> None:
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen) and app.screen.rows

        async def back() -> None:
            await pilot.press("escape")
            await pilot.pause()
            assert len(screens) == 2

        opened = await timed(repeats, open_history, back)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        count = len(screen.rows)
        select = screen.query_one("#filter-partnership", Select)
        flip = [partnership_id, "all"]

        async def change() -> None:
            select.value = flip[0]
            await pilot.pause()
            flip.reverse()

        async def nothing() -> None:
            pass

        filtered = await timed(repeats * 2, change, nothing)
    return opened, filtered, count


class FrameSpy:
    """When the app produced each frame (headless: composed, not written), to time a key to its result.

    Timing to `pilot.pause()` would include the pilot's own idle detection, which sleeps in
    20 ms slices (a floor of about 60 ms a key whatever the app does); the first frame that
    shows the result is what a person sees.
    """

    def __init__(self, app: App, shown: Callable[[], bool]) -> None:
        self.shown = shown
        self.first_shown: float | None = None
        display = app._display

        def spy(screen: Screen, renderable: object) -> None:
            display(screen, renderable)
            if renderable is not None and self.first_shown is None and self.shown():
                self.first_shown = time.perf_counter()

        app._display = spy  # type: ignore[method-assign]

    async def time_key(self, pilot: Pilot, key: str) -> float:
        """Seconds from sending `key` to the first frame in which `shown()` holds."""
        self.first_shown = None
        started = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        assert self.first_shown is not None, "the result never reached the screen"
        return self.first_shown - started


class BareSearch(App[None]):
    """The baseline for search as you type: each change of an Input shows its word's hits, found beforehand."""

    def __init__(self, hits: dict[str, list[str]]) -> None:
        super().__init__()
        self.hits = hits
        self.showing = ""

    def compose(self) -> ComposeResult:
        yield Input()
        yield Static(id="status")
        yield OptionList()

    def on_input_changed(self, event: Input.Changed) -> None:
        hits = self.hits.get(event.value, [])
        self.query_one(OptionList).set_options(hits)
        self.query_one("#status", Static).update(f"{len(hits)} hits for {event.value}")
        self.showing = event.value


async def bare_search_keys(hits: dict[str, list[str]], repeats: int) -> list[float]:
    """From the last key of a word to the first frame with its hits, in the bare app."""
    app = BareSearch(hits)
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.query_one(Input)
        word = ""
        spy = FrameSpy(app, lambda: app.showing == word)
        for n in range(repeats):
            word = WORDS[n % len(WORDS)]
            field.value = word[:-1]
            field.cursor_position = len(field.value)  # setting the value leaves the cursor where it was
            await pilot.pause()
            times.append(await spy.time_key(pilot, word[-1]))
            assert field.value == word
    return times


async def our_search_keys(store: Store, repeats: int) -> list[float]:
    """From the last key of a word to the first frame with its first hits, on the search screen."""
    app = create_app(store, load_library([shipped_agenda_folder()]))
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        words = screen.query_one("#search-words", Input)
        waiting = {"word": "", "hits": screen.hits}
        spy = FrameSpy(app, lambda: words.value == waiting["word"] and screen.hits is not waiting["hits"])
        for n in range(repeats):
            word = WORDS[n % len(WORDS)]
            words.value = word[:-1]
            words.cursor_position = len(words.value)  # setting the value leaves the cursor where it was
            await pilot.pause()
            waiting.update(word=word, hits=screen.hits)
            times.append(await spy.time_key(pilot, word[-1]))
            assert words.value == word and screen.hits
    return times


def bare_hits(store: Store) -> dict[str, list[str]]:
    """Each search word's hits as plain lines, found beforehand: the bare app does no SQL."""
    return {
        word: [f"{hit.kind:<13}{hit.meeting or ''}  {hit.snippet}"
               for hit in store.records.search(word, limit=50)]
        for word in WORDS
    }


def search_times(store: Store, db_path: Path, repeats: int) -> tuple[list[float], list[float], list[int]]:
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    union = " UNION ALL ".join(
        f"SELECT rowid, bm25(search_{table}) AS rank FROM search_{table} WHERE search_{table} MATCH :q"
        for _, table, _, _ in SEARCHED
    )
    raw_sql = f"SELECT * FROM ({union}) ORDER BY rank LIMIT 50"
    ours, baseline, hits = [], [], []
    for n in range(repeats * len(WORDS)):
        word = WORDS[n % len(WORDS)]
        started = time.perf_counter()
        raw.execute(raw_sql, {"q": fts_query(word)}).fetchall()
        baseline.append(time.perf_counter() - started)
        started = time.perf_counter()
        found = store.records.search(word)
        ours.append(time.perf_counter() - started)
        hits.append(len(found))
    raw.close()
    return ours, baseline, hits


RECORD_ROWS = (
    "SELECT * FROM notes WHERE meeting_id = :m",
    """SELECT jm.*, mm.title, mm.started_at FROM jargon_meanings jm LEFT JOIN meetings mm ON mm.id = jm.meeting_id
       WHERE jm.term_id IN (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)""",
    """SELECT ev.*, em.title, em.started_at FROM elephant_events ev LEFT JOIN meetings em ON em.id = ev.meeting_id
       WHERE ev.elephant_id IN (SELECT id FROM elephants WHERE raised_meeting_id = :m OR resolved_meeting_id = :m
                                UNION SELECT elephant_id FROM elephant_events WHERE meeting_id = :m)""",
)
"""For context (baseline F): what a meeting's record also reads, beyond the meeting's own rows: its
notes, every meaning of its terms with the meeting each was given in (most of them "since then"
on a file with years of history), its elephants' history."""


def export_times(
    store: Store, db_path: Path, meeting_ids: list[str]
) -> tuple[dict[str, list[float]], list[float], list[float]]:
    raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    per_format: dict[str, list[float]] = {fmt: [] for fmt in ("md", "html", "json", "csv")}
    baseline, everything = [], []
    tables = ("section_runs", "attendance", "agreements", "actions", "jargon_mentions", "turning_points")
    for meeting_id in meeting_ids:  # unmeasured: every page both sides read is in memory before either is timed
        for table in tables:
            raw.execute(f"SELECT * FROM {table} WHERE meeting_id = ?", [meeting_id]).fetchall()
        for sql in RECORD_ROWS:
            raw.execute(sql, {"m": meeting_id}).fetchall()
        render(store.records.meeting_record(meeting_id), "md")
    for meeting_id in meeting_ids:
        started = time.perf_counter()
        for table in tables:
            raw.execute(f"SELECT * FROM {table} WHERE meeting_id = ?", [meeting_id]).fetchall()
        baseline.append(time.perf_counter() - started)
        for sql in RECORD_ROWS:
            raw.execute(sql, {"m": meeting_id}).fetchall()
        everything.append(time.perf_counter() - started)
        for fmt in per_format:
            started = time.perf_counter()
            render(store.records.meeting_record(meeting_id), fmt)
            per_format[fmt].append(time.perf_counter() - started)
    raw.close()
    return per_format, baseline, everything


def build_demo(folder: Path, meetings: int) -> Path:
    from meetingkit.cli import main as cli

    path = folder / f"demo-{meetings}.db"
    status = cli(["--db", str(path), "demo", "--meetings", str(meetings)])
    if status:
        raise SystemExit(status)
    return path


def export_rows(store: Store, db_path: Path) -> list[Row]:
    """One meeting's export in each format, for 20 meetings spread evenly over the file's history (the
    same 20 in every run on one file, so runs compare), against reading their rows."""
    every = [row[0] for row in store.db.rows("SELECT id FROM meetings ORDER BY started_at, id")]
    meeting_ids = every[:: max(1, len(every) // 20)][:20]
    exports, raw_export, raw_record = export_times(store, db_path, meeting_ids)
    return [
        Row.of(NAME, "raw SQL: one meeting's rows (baseline E)", raw_export, raw_export),
        *(Row.of(NAME, f"export one meeting as {fmt} vs E", times, raw_export, goal_ratio=EXPORT_GOAL)
          for fmt, times in exports.items()),
        Row.of(NAME, "raw SQL: + what its record reads (F) vs E", raw_record, raw_export),
        Row.of(NAME, "export one meeting as md vs F", exports["md"], raw_record),
    ]


async def collect(db_path: Path, repeats: int, only: str | None = None) -> list[Row]:
    """Every review measurement on the database at `db_path`, each with its baseline (`only`: just
    that part, "export")."""
    store = Store.open(db_path)
    if only == "export":
        try:
            return export_rows(store, db_path)
        finally:
            store.close()
    try:
        counts = store.db.rows(
            """SELECT (SELECT count(*) FROM meetings) AS meetings,
                (SELECT count(*) FROM jargon_mentions) + (SELECT count(*) FROM jargon_meanings)
                + (SELECT count(DISTINCT section_run_id) FROM notes) + (SELECT count(*) FROM elephants)
                + (SELECT count(*) FROM turning_points) + (SELECT count(*) FROM agreements)
                + (SELECT count(*) FROM actions) AS items"""
        )[0]
        print(f"database: {db_path.name}, {counts['meetings']:,} meetings, {counts['items']:,} captured items, "
              f"{db_path.stat().st_size / 1e6:.0f} MB")
        partnership = store.partnerships.all()[0]
        rows = plain_rows(store)
        subset = plain_rows(store, partnership.id)
        bare_open, bare_filter = await bare_history(rows, subset, repeats)
        our_open, our_filter, shown = await our_history(store, partnership.id, repeats)
        assert shown == len(rows)
        ours, raw, hits = search_times(store, db_path, repeats)
        bare_keys = await bare_search_keys(bare_hits(store), repeats * 2)
        keys = await our_search_keys(store, repeats * 2)
        exported = export_rows(store, db_path)
    finally:
        store.close()
    print(f"history: {len(rows):,} rows; filter flips between all and one partnership ({len(subset):,} rows); "
          f"search words: {', '.join(WORDS)} (median {statistics.median(hits):.0f} hits)")
    result = []
    for label, times, baseline, goals in (
        ("bare app: push a DataTable of the rows (baseline A)", bare_open, bare_open, {}),
        ("history screen open (v, query + table) vs A", our_open, bare_open, {"goal_ratio": HISTORY_GOAL}),
        ("bare DataTable: clear + add the rows (baseline B)", bare_filter, bare_filter, {}),
        ("filter change (query + table) vs B", our_filter, bare_filter, {"goal_ratio": HISTORY_GOAL}),
        ("raw FTS5 query, 7 indexes, top 50 (baseline C)", raw, raw, {}),
        ("store.records.search: quoted, joined, snippets vs C", ours, raw, {}),
        ("bare Input: last key to its hits drawn (baseline D)", bare_keys, bare_keys, {}),
        ("search screen: last key to first hits drawn vs D", keys, bare_keys,
         {"goal_ratio": SEARCH_GOAL_RATIO, "goal_median": SEARCH_GOAL_MS}),
    ):
        result.append(Row.of(NAME, label, times, baseline, **goals))
    return result + exported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (made with meetingkit demo)")
    parser.add_argument("--meetings", type=int, default=2000, help="without --db: build a demo of this many")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--only", choices=["export"], help="measure only that part")
    add_json_option(parser)
    args = parser.parse_args()
    if args.db:
        rows = asyncio.run(collect(args.db, args.repeats, args.only))
    else:
        with tempfile.TemporaryDirectory() as folder:
            rows = asyncio.run(collect(build_demo(Path(folder), args.meetings), args.repeats, args.only))
    report(rows, args.json)


if __name__ == "__main__":
    main()
