"""An unexpected error never puts stored text or local variables on the screen: the traceback goes to
a private log, and the terminal says calmly what happened, that nothing was lost, and how to go on."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.crash import console_crash_notice, write_crash_log
from meetingkit.core.paths import crash_log_folder
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.boards import GlossaryScreen
from meetingkit.usecases.meetings import start_meeting
from tests.helpers import TerminalSession

SECRET = "SECRET-family-name-Haddad"


class Boom(RuntimeError):
    """What a screen raises in these tests: its message quotes stored text."""


def crash_logs() -> list[Path]:
    folder = crash_log_folder()
    return sorted(folder.glob("crash-*.log")) if folder.exists() else []


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"],
                            attendees=[("Dana", "School board")])
    store.jargon.mention(meeting.id, SECRET, confidential=True)
    return meeting


async def test_a_crash_while_projecting_shows_no_stored_text_and_logs_privately(
    store: Store, library: AgendaLibrary, meeting, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The glossary screen fails with a confidential term in a local variable and in the error's message."""

    def failing_rows(self: GlossaryScreen) -> list:
        terms = self.store.jargon.glossary(self.partnership_id)
        secret_term = terms[0].display  # a local holding a confidential term's text
        raise Boom(f"could not draw {secret_term}")

    monkeypatch.setattr(GlossaryScreen, "rows", failing_rows)
    app = create_app(store, library, open_meeting=meeting.id)
    capsys.readouterr()
    with pytest.raises(Boom):  # Pilot raises the error again for the test; a real run just ends
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("J")
            await pilot.pause()
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert SECRET not in shown and "secret_term" not in shown and "Traceback" not in shown
    assert "meetingkit stopped because of a problem inside meetingkit" in shown
    assert "Nothing you captured was lost" in shown and "meetingkit resume" in shown
    assert app.return_code == 1
    [log] = crash_logs()
    assert str(log) in "".join(shown.split())  # where the details are (the line may wrap)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "failing_rows" in text and "Boom" in text
    assert store.jargon.glossary(meeting.partnership_id, search="")  # the file is untouched


async def test_a_failing_background_worker_is_logged_with_the_error_it_wrapped(
    store: Store, library: AgendaLibrary, meeting, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Textual wraps a worker's error in WorkerFailed, whose own report would quote the error's message."""
    app = create_app(store, library, open_meeting=meeting.id)

    def work() -> None:
        raise Boom(f"ranking failed on {SECRET}")

    with pytest.raises(WorkerFailed):
        async with app.run_test(size=(120, 36)) as pilot:
            app.run_worker(work, thread=True)
            await pilot.pause(0.2)
    shown = "".join(capsys.readouterr())
    assert SECRET not in shown and "meetingkit stopped" in shown
    [log] = crash_logs()
    assert "The error it wrapped" in log.read_text(encoding="utf-8")


def test_the_notice_says_what_happened_without_a_log_too(tmp_path: Path) -> None:
    assert "could not be written" in console_crash_notice(None)
    try:
        raise Boom(SECRET)
    except Boom as error:
        first = write_crash_log(error, program="console", folder=tmp_path / "logs")
        second = write_crash_log(error, program="console", folder=tmp_path / "logs")
    assert first != second and SECRET in first.read_text(encoding="utf-8")  # the log is private, and complete


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_real_command_in_a_terminal_shows_the_calm_notice_only(db_path: Path, private_home: Path) -> None:
    """`meetingkit` in a pseudo-terminal: its home screen fails as it is drawn."""
    crash = (
        "import meetingkit.ui.screens.home as home\n"
        "def on_mount(self):\n"
        f"    secret_local = {SECRET!r}\n"
        "    raise RuntimeError('failed on ' + secret_local)\n"
        "home.HomeScreen.on_mount = on_mount\n"
        "from meetingkit.cli import main\n"
        "raise SystemExit(main())\n"
    )
    session = TerminalSession("--db", str(db_path), env={}, python=("-c", crash))
    try:
        session.read_to_end()
        assert session.process.wait(timeout=30) == 1
    finally:
        session.close()
    assert SECRET.encode() not in session.output and b"secret_local" not in session.output
    assert b"Nothing you captured was lost" in session.output
    [log] = crash_logs()
    assert SECRET in log.read_text(encoding="utf-8") and stat.S_IMODE(log.stat().st_mode) == 0o600


async def test_the_wall_stops_calmly_too_and_tells_the_room_nothing(
    store: Store, meeting, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The projector's terminal is the room's: after a crash it says only that the wall stopped."""
    from meetingkit.ui.wall.app import create_wall_app
    from meetingkit.ui.wall.screen import WallScreen

    def failing_show(self: WallScreen, view: object, now: object) -> None:
        secret_term = SECRET
        raise Boom(f"could not draw {secret_term}")

    monkeypatch.setattr(WallScreen, "show", failing_show)
    app = create_wall_app(store)
    capsys.readouterr()
    with pytest.raises(Boom):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert SECRET not in shown and "secret_term" not in shown and "Traceback" not in shown
    assert "The wall stopped" in shown and "meetingkit wall" in shown
    [log] = [log for log in crash_logs() if "-wall-" in log.name]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
