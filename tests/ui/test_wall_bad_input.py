"""`meetingkit wall` on files it cannot or should not show: a calm message, never a traceback, never a write.

A file the wall cannot use is refused by the command before any screen opens (one line, exit 1);
a file it can use but that holds nothing to show (no meeting, a deleted or an ended one) gets the
calm waiting words. Either way the file's bytes and modification time are as they were. The last
test runs real captures in another process while the wall runs here.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

import meetingkit
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION
from meetingkit.ui.wall.app import WallApp, create_wall_app
from meetingkit.usecases.meetings import end_meeting
from meetingkit.usecases.wall import WAITING_WORDS
from tests.helpers import TerminalSession

as_a_user = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)

WAITS_FOR = 400
"""Turns of the wall's event loop to wait, at most, for another process's commit to show."""


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's bytes (their digest) and modification time: what a write would change."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def screen_text(app: WallApp) -> str:
    """Everything the wall draws, spaces folded."""
    shown = [
        widget for widget in app.screen.query("Static, BigTimer")
        if all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))
    ]
    drawn = (strip.text for widget in shown for strip in widget.render_lines(Region(0, 0, *widget.region.size)))
    return " ".join(" ".join(drawn).split())


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    """A meeting in progress on the file, with one term on its board."""
    partnership = store.partnerships.ensure("Harbour Partnership")
    started = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="Spring check-in").id
    )
    store.jargon.mention(started.id, "LOCALHUB")
    return started.id


# -- refused before any screen ----------------------------------------------------------------


def newer(path: Path) -> None:
    """As a newer meetingkit would leave it: a schema version this one does not know."""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()


def corrupt(path: Path) -> None:
    """Damage in the middle of the file, as a bad sector or a half-copied file leaves it."""
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page:3 * page + 600] = b"\xde\xad" * 300
    path.write_bytes(bytes(data))


def not_a_database(path: Path) -> None:
    path.write_bytes(b"Minutes of the March meeting\n" * 200)


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (newer, "newer meetingkit"),
        (corrupt, "is damaged"),
        (not_a_database, "not a meetingkit"),
    ],
    ids=["newer-schema", "corrupt", "not-a-database"],
)
def test_a_file_it_cannot_show_is_refused_in_one_line(
    cli, store: Store, meeting: str, db_path: Path, spoil: Callable[[Path], None], says: str
) -> None:  # type: ignore[no-untyped-def]
    store.close()
    spoil(db_path)
    before, beside = fingerprint(db_path), sorted(db_path.parent.iterdir())
    result = cli("--db", db_path, "wall")
    assert result.returncode == 1, result
    assert says in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert fingerprint(db_path) == before and sorted(db_path.parent.iterdir()) == beside


def test_a_file_locked_by_another_program_is_refused_calmly(
    cli, store: Store, meeting: str, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A program that holds the file exclusively (SQLite's exclusive locking mode, mid-write): refused."""
    store.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE meetings SET title = 'Renamed'")
        before = fingerprint(db_path)
        result = cli("--db", db_path, "wall")
        assert result.returncode == 1 and "locked" in result.stderr and "Traceback" not in result.stderr
        assert fingerprint(db_path) == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_encrypted_asks_for_the_passphrase_only_in_a_terminal(cli, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`--encrypted` with no terminal to ask on: says so, and opens nothing."""
    pytest.importorskip("sqlcipher3", reason="the encryption extra (sqlcipher3) is not installed")
    Store.open(db_path, passphrase="tea at four on thursdays").close()
    before = fingerprint(db_path)
    result = cli("--db", db_path, "--encrypted", "wall")
    assert result.returncode == 1 and "can only be typed in a terminal" in result.stderr
    plain = cli("--db", db_path, "wall")  # without --encrypted: not mistaken for damage, and untouched
    assert plain.returncode == 1 and "Traceback" not in plain.stderr and "--encrypted" in plain.stderr
    assert fingerprint(db_path) == before


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_encrypted_in_a_terminal_asks_like_the_app_then_shows_the_meeting(
    library: AgendaLibrary, tmp_path: Path
) -> None:
    """The passphrase is asked before the wall takes the screen; a wrong one is one line, the right one opens it."""
    pytest.importorskip("sqlcipher3", reason="the encryption extra (sqlcipher3) is not installed")
    secret = "tea at four on thursdays"
    path = tmp_path / "locked.db"
    with Store.open(path, passphrase=secret) as encrypted:
        partnership = encrypted.partnerships.ensure("Harbour Partnership")
        created = encrypted.meetings.create(partnership.id, library.agendas["operational"], title="Spring check-in")
        encrypted.meetings.start(created.id)
    before = fingerprint(path)
    env = {"PYTHONPATH": worktree_path()}

    wrong = TerminalSession("--db", str(path), "--encrypted", "wall", env=env)
    try:
        wrong.read_until(b"Passphrase for locked.db: ")
        assert b"\x1b[?1049h" not in wrong.output, "the wall took the screen before asking"
        wrong.press(b"not the passphrase\n")
        wrong.read_to_end()
        assert wrong.process.wait(timeout=60) == 1
        assert b"wrong passphrase" in wrong.output and b"Traceback" not in wrong.output
    finally:
        wrong.close()

    right = TerminalSession("--db", str(path), "--encrypted", "wall", env=env)
    try:
        right.read_until(b"Passphrase for locked.db: ")
        right.press(secret.encode() + b"\n")
        right.read_until(b"Spring check-in")
        assert secret.encode() not in right.output
        right.press(b"\x11")  # ctrl+q
        right.read_to_end()
        assert right.process.wait(timeout=60) == 0
    finally:
        right.close()
    assert fingerprint(path) == before


def worktree_path() -> str:
    """Where this meetingkit is imported from, first on a child's path (so it runs this code, not an install)."""
    here = str(Path(meetingkit.__file__).resolve().parents[1])
    return os.pathsep.join([here, *filter(None, [os.environ.get("PYTHONPATH")])])


# -- nothing to show: the wall waits ------------------------------------------------------------


@pytest.fixture
def wall_on(db_path: Path, clock: FrozenClock) -> Iterator[Callable[[], WallApp]]:
    """Opens walls on the file as `meetingkit wall` does (read-only), and closes them after."""
    opened: list[Store] = []

    def open_wall() -> WallApp:
        looking = Store.open(db_path, clock=clock, read_only=True)
        opened.append(looking)
        return create_wall_app(looking)

    yield open_wall
    for looking in opened:
        looking.close()


async def show(app: WallApp) -> str:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.watch_database()
        app.reread()
        await pilot.pause()
        return screen_text(app)


async def test_no_meeting_yet(store: Store, db_path: Path, wall_on: Callable[[], WallApp]) -> None:
    store.partnerships.ensure("Harbour Partnership")
    before = fingerprint(db_path)
    text = await show(wall_on())
    assert WAITING_WORDS in text and "Harbour" not in text
    assert fingerprint(db_path) == before


async def test_an_ended_meeting_is_not_put_back_on_the_wall(
    store: Store, meeting: str, db_path: Path, wall_on: Callable[[], WallApp]
) -> None:
    """Started after the meeting ended: nothing of it (the closing view is for a wall that watched it end)."""
    end_meeting(store, meeting)
    before = fingerprint(db_path)
    text = await show(wall_on())
    assert WAITING_WORDS in text and "LOCALHUB" not in text and "Spring" not in text
    assert fingerprint(db_path) == before


async def test_a_deleted_meeting(store: Store, meeting: str, db_path: Path, wall_on: Callable[[], WallApp]) -> None:
    """Ended and purged for good before the wall starts: it waits, with nothing of it left to show."""
    end_meeting(store, meeting)
    store.retention.delete_meetings([meeting])
    before = fingerprint(db_path)
    text = await show(wall_on())
    assert WAITING_WORDS in text and "Spring" not in text
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("how", ["IMMEDIATE", "EXCLUSIVE"])
async def test_a_file_being_written_by_another_process(
    store: Store, meeting: str, db_path: Path, wall_on: Callable[[], WallApp], how: str
) -> None:
    """Another connection holds the write lock (a merge, a long capture): the wall still reads the
    last committed picture, and the uncommitted change reaches it only once committed."""
    store.close()
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute(f"BEGIN {how}")
        writer.execute("UPDATE meetings SET title = 'Renamed mid-merge'")
        app = wall_on()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Spring check-in" in screen_text(app) and "Renamed" not in screen_text(app)
            assert "cannot be read" not in screen_text(app)
            writer.execute("COMMIT")
            app.watch_database()
            await pilot.pause()
            assert "Renamed mid-merge" in screen_text(app)
    finally:
        writer.close()


@as_a_user
@pytest.mark.parametrize("what", ["file", "folder"])
async def test_a_read_only_file_or_folder(
    store: Store, meeting: str, db_path: Path, wall_on: Callable[[], WallApp], what: str
) -> None:
    """A file that cannot be written (0444), or in a folder that cannot be (a write-protected stick): shown, untouched."""
    store.close()
    target = db_path if what == "file" else db_path.parent
    mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        before = fingerprint(db_path)
        text = await show(wall_on())
        assert "Spring check-in" in text and "LOCALHUB" in text
        assert fingerprint(db_path) == before
    finally:
        target.chmod(mode)


# -- two processes ------------------------------------------------------------------------------


async def test_captures_from_another_process_reach_the_wall(store: Store, meeting: str, db_path: Path) -> None:
    """`meetingkit capture`, a real second process on the same file, while the wall runs here: each
    capture appears on the wall through its own looks at the file (nothing here tells it to look).
    The wall keeps real time here, as the other process does, and is the only connection to the file in
    this process, as in `meetingkit wall` (opening a file re-reads its header, which would let go of the
    locks of another connection to it in the same process)."""
    store.close()
    looking = Store.open(db_path, read_only=True)
    app = create_wall_app(looking)
    env = {**os.environ, "PYTHONPATH": worktree_path()}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for kind, text in (("jargon", "QUOKKA"), ("elephant", "Nobody owns the waitlist")):
            assert text not in screen_text(app)
            done = subprocess.run(
                [sys.executable, "-m", "meetingkit", "--db", str(db_path), "capture", kind, text, "--anonymous"],
                capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False,
            )
            assert done.returncode == 0, done.stderr
            for _ in range(WAITS_FOR):
                if text in screen_text(app):
                    break
                await pilot.pause()
            assert text in screen_text(app)
    looking.close()
