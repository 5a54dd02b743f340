"""What many tests share and no test module should import from another: running the real
command, reading what a widget draws, typing like a person, hostile text, a pseudo-terminal.

Fixtures live in `conftest.py`; plain functions and constants live here, so a test module
imports only this file and the package under test.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ElephantStatus
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION

FROZEN_START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
"""Where the frozen clock stands when a test starts: 24 Nov 2026, 14:00 UTC."""

DAY = 86400
"""A day in seconds, for moving the frozen clock."""

PATIENCE_SECONDS = 60
"""How long a test waits on another process before it fails (never a fixed sleep)."""


# -- the real command line ---------------------------------------------------------------


RunCli = Callable[..., subprocess.CompletedProcess[str]]
"""The `cli` fixture (conftest.py): `cli(*args, env=None, cwd=None, stdin=None)` runs `main(argv)` in process."""


def run_meetingkit(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m meetingkit`) in a new process and capture what it prints.

    Which to use: the `cli` fixture runs the same `main(argv)` in this process and returns
    the same `CompletedProcess`, without starting Python for each call (a few hundred
    milliseconds saved every time); use it for what a command does. Use this only where
    the process itself is what is tested: that `python -m meetingkit` starts at all (a
    smoke test), what another process's commits do, a pipe closed by its reader, a
    file-size limit set on the child. A command that opens an app needs a terminal:
    run it in `TerminalSession`.
    """
    return subprocess.run(
        [sys.executable, "-m", "meetingkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


class TerminalSession:
    """`meetingkit` running in a pseudo-terminal, as it would in a real terminal window."""

    def __init__(self, *args: str, env: dict[str, str], python: Sequence[str] = ("-m", "meetingkit")) -> None:
        """Run `python -m meetingkit ARGS` (or, with `python=("-c", code)`, code that calls it)."""
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.process = subprocess.Popen(
            [sys.executable, *python, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, **env, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"},
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, marker: bytes) -> None:
        """Collect what the app draws until `marker` appears (or the process dies)."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while marker not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{marker!r} never appeared; the app printed {self.output[-2000:]!r}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break

    def press(self, keys: bytes) -> None:
        """Type raw bytes into the terminal."""
        os.write(self.master, keys)

    def read_to_end(self) -> None:
        """Collect everything the process prints until it exits and its terminal closes."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if not ready:
                if self.process.poll() is not None:
                    return
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the process has gone and its side of the terminal closed
                return
            if not chunk:
                return
            self.output += chunk
        raise AssertionError(f"the process never finished; it printed {self.output[-2000:]!r}")

    def close(self) -> None:
        """Stop the process if it still runs, and let go of the terminal."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=PATIENCE_SECONDS)
        os.close(self.master)

    def kill(self) -> None:
        """SIGKILL the whole process group, as a dead battery would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=PATIENCE_SECONDS)
        os.close(self.master)


# -- what the screens draw ---------------------------------------------------------------


def rendered_text(widget: Widget) -> str:
    """What the widget actually draws, as plain text, line by line."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def board_lines(board: Widget) -> list[str]:
    """The board's entries as text, without its border, spaces folded."""
    lines = []
    for line in rendered_text(board).splitlines():
        line = line.strip().strip("│").strip()
        if line and not line.startswith(("╭", "╰")):
            lines.append(" ".join(line.split()))
    return lines


def table_rows(table: DataTable[Any]) -> list[str]:
    """A table's rows as the person sees them, top to bottom."""
    return [" | ".join(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)]


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*[{" ": "space", ",": "comma", "-": "minus", "'": "apostrophe", ".": "full_stop"}.get(c, c) for c in text])


# -- hostile input -----------------------------------------------------------------------

MARKUP = st.sampled_from(["[bold]", "[/]", "[@click=app.quit]", "[$accent]", "[Upper]", "[link=x]", "\\[", "]"])
"""Rich and Textual markup that must never be interpreted in a person's text."""

NASTY = st.sampled_from(["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\u202e", "\u2066", "\x00", "\x9b", "\r\n", "\t"])
"""Escape sequences, bidirectional overrides and control characters."""

HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=20), MARKUP, NASTY), max_size=12).map("".join)
"""Text a person (or a damaged file) might give us: ordinary, markup and control bytes mixed."""

HOSTILE_QUERIES = [
    '"', "'", "*", "-", "(", ")", "AND", "OR NOT", "NEAR(a b)", "col:x", "^start", "a:b:c", "{x y}", "\\",
    'x" OR "y', "* OR *", "\x1b[2J", "\u202e", "🐘", "'; DROP TABLE actions; --", "%_%", "a" * 5000,
]
"""Search boxes get these: full-text query syntax, injection attempts, escapes, a long line."""


# -- database files ----------------------------------------------------------------------


def new_database(path: Path) -> Path:
    """Make `path` a new meetingkit database, as `Store.open` makes one, and give it back.

    A copy of a file made once per test process by the real code (every migration, the frozen
    clock's time in `schema_migrations`), keeping its mode (0600, private, as meetingkit makes
    files): running every migration again for each test cost about a second of disk writes.
    For a test's own setup; a test of what creating or upgrading a file does opens a path that
    does not exist instead.
    """
    shutil.copy(migrated_file(), path)
    return path


_folders: list[tempfile.TemporaryDirectory[str]] = []
"""Keeps the folder of `migrated_file()` until the process ends (then it is removed)."""


@cache
def migrated_file() -> Path:
    """The file `new_database` copies, made the first time it is asked for in this process."""
    folder = tempfile.TemporaryDirectory(prefix="meetingkit-new-")
    _folders.append(folder)
    path = Path(folder.name) / "new.db"
    with Store.open(path, clock=FrozenClock(FROZEN_START)) as store:
        assert store.schema_version() == LATEST_VERSION
    assert not path.with_name(path.name + "-wal").exists()  # closed: whole in itself
    return path


def fill_demo(store: Store, clock: FrozenClock, library: AgendaLibrary, **options: Any) -> dict[str, int]:
    """`meetingkit.demo.fill` run as `meetingkit demo` runs it: no disk sync for each commit while it
    fills (`set_durable(False)`), durable again after; the same rows, seconds sooner."""
    from meetingkit.demo import fill

    store.db.set_durable(False)
    try:
        return fill(store, clock, library, **options)
    finally:
        store.db.set_durable(True)


def table_contents(path: Path, tables: tuple[str, ...] | list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of `tables` in a file, by table, in id order, read without writing a byte."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in tables}
    finally:
        connection.close()


# -- review --------------------------------------------------------------------------------


def history_rows(screen: Screen[Any]) -> list[str]:
    """The review history's rows as the lead sees them, top to bottom."""
    return table_rows(screen.query_one("#history", DataTable))


async def open_review(app: App[Any], pilot: Pilot[Any]) -> Screen[Any]:
    """From home, with today's meeting running: decline the offer to resume, then press `v`."""
    from meetingkit.ui.dialogs.confirm import ConfirmDialog
    from meetingkit.ui.screens.review import ReviewScreen

    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)  # the offer to resume today's meeting: not now
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def every_row(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read by another connection: what the file holds, committed.

    Rows are sorted, so two dumps compare equal whatever order SQLite returns them in; a fault
    test compares the dump before a use case with the dump after it failed.
    """
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}
    finally:
        connection.close()


# -- a file another tool wrote: anything in any column ------------------------------------


HOSTILE_VALUES = {
    "tag": "<img src=x onerror=alert(1)><script>alert(2)</script>",
    "link": "](javascript:alert(1))",
    "table": "| --- |",
    "formula": '=HYPERLINK("http://x")',
    "escape": "\x1b[2J\x1b]52;c;aGk=\x07",
    "newline": "one\n\n# two\n1. three",
    "megabyte": "<b>" + "x" * 1_000_000,
    "right to left": "\u202eשלום עולם",
    "emoji": "🐘👩🏽‍🏫",
}
"""What another tool could leave in any column: markup for each format, a formula, escape
sequences, blank lines and blocks, a megabyte, right-to-left text, emoji."""

POISONED = {
    "partnerships": ("name",),
    "organisations": ("name",),
    "people": ("name",),
    "meetings": ("title", "site", "agenda_name", "meeting_type"),
    "section_runs": ("title", "planned_minutes", "paused_seconds"),
    "notes": ("text",),
    "jargon_terms": ("display", "expansion", "plain_words"),
    "jargon_meanings": ("meaning",),
    "elephants": ("text", "resolution_note"),
    "elephant_events": ("note",),
    "turning_points": ("note", "opened_up"),
    "agreements": ("text",),
    "actions": ("text",),
}
"""Every column whose value reaches an output, numbers among them (times, ids and the kinds the
schema checks are another finding's: the merge refuses what the app cannot read)."""

SUMMARY_NUMBERS = (
    "$.planned_seconds", "$.actual_seconds", "$.attendee_count", "$.boards.jargon_terms",
    "$.sections[0].planned_seconds", "$.sections[0].actual_seconds", "$.sections[0].difference_seconds",
    "$.attendance[0].count",
)
"""Numbers in the summary kept with an ended meeting, which its screen adds up and formats."""


def a_meeting_with_one_of_everything(store: Store, library: AgendaLibrary) -> str:
    partnership = store.partnerships.ensure("Schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(meeting.id, "Dana", "School board")
    credit = {"attribution": Attribution.NAMED, "person_id": dana.id}
    school = dana.organisation_id
    assert school is not None
    term, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.explain_term(term, expansion="Individual settlement plan", plain_words="the plan")
    store.jargon.add_meaning(term, "the family's plan", organisation_id=school, meeting_id=meeting.id)
    store.jargon.same_as(term, "settlement plan")
    elephant = store.boards.raise_elephant(meeting.id, "Funding by numbers", **credit)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=meeting.id, note="Talked")
    agreement = store.business.add_agreement(
        meeting.id, "One form", party_organisation_ids=[school], review_on=date(2026, 12, 1), **credit
    )
    point = store.boards.mark_turning_point(meeting.id, note="An apology", **credit)
    store.boards.describe_turning_point(point, opened_up="Trust")
    store.boards.link_turning_point(point, agreement.id)
    store.business.add_action(meeting.id, "Draft the form", owner_person_id=dana.id, due_on=date(2026, 12, 2))
    store.notes.add(meeting.id, "A note", **credit)
    store.records.end_and_summarise(meeting.id)
    return meeting.id


def poison(path: Path, value: str) -> None:
    """Write `value` into every field in `POISONED` as another tool would, numbers included, with
    the file's CHECK constraints switched off (as any tool can: `PRAGMA ignore_check_constraints`).

    Each row gets a word to search for and its rowid after the value, so columns unique in a
    partnership stay unique.
    """
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA ignore_check_constraints = ON")
        for table, columns in POISONED.items():
            assignments = ", ".join(f"{column} = :value || ' zebra ' || rowid" for column in columns)
            raw.execute(f"UPDATE {table} SET {assignments}", {"value": value})
        for field in SUMMARY_NUMBERS:
            raw.execute("UPDATE meetings SET summary = json_set(summary, :field, :value)",
                        {"field": field, "value": value})
    raw.close()


def _other_addresses_work() -> bool:
    """Whether this computer answers on 127.0.0.2 too (Linux does), to play browsers from several places."""
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
        return True
    except OSError:
        return False


needs_other_addresses = pytest.mark.skipif(not _other_addresses_work(), reason="only 127.0.0.1 is this computer here")
"""For tests that open pages from several addresses (127.0.0.2 and up)."""
