"""The laptop dies mid-meeting: a real `meetingkit` process is killed with SIGKILL, and resume finds
the section, the timer and every item just as they were."""

from __future__ import annotations

import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import MeetingStatus
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.widgets.section_timer import SectionTimer
from tests.helpers import PATIENCE_SECONDS, RunCli, TerminalSession, rendered_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

def wait_for(condition, what: str) -> None:
    """Poll the database (another process writes it) until `condition()` holds."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


async def test_sigkill_mid_meeting_then_resume_restores_section_timer_and_items(db_path: Path, cli: RunCli) -> None:
    env = {"MEETINGKIT_DB": str(db_path)}
    started = cli("start", "--partnership", "Settlement & Schools", "--type", "operational", env=env)
    assert started.returncode == 0, started.stderr
    meeting_id = started.stdout.strip()
    captured = [
        cli("capture", "action", "Share the timetable", "--owner", "Dana, school board",
                       "--due", "2026-12-04", env=env),
        cli("capture", "agreement", "We meet at the school each term", env=env),
    ]
    assert all(result.returncode == 0 for result in captured), [r.stderr for r in captured]

    session = TerminalSession("resume", env=env)
    try:
        session.read_until(b"Agenda")
        session.press(b"n")
        observer = Store.open(db_path)
        wait_for(lambda: observer.meetings.get(meeting_id).current_position == 1, "the runner to reach section 2")
        session.press(b"n")
        wait_for(lambda: observer.meetings.get(meeting_id).current_position == 2, "the runner to reach section 3")
        observer.close()
    finally:
        session.kill()  # the battery dies: no chance to clean up

    assert session.process.returncode == -signal.SIGKILL
    with Store.open(db_path) as check:
        assert check.db.value("PRAGMA integrity_check") == "ok"
        started_at = check.meetings.section_runs(meeting_id)[2].started_at
    assert started_at is not None

    # Reopen 200 seconds after the section began: the timer must come from the stored start,
    # not restart at the full timebox.
    clock = FrozenClock(started_at + timedelta(seconds=200))
    store = Store.open(db_path, clock=clock)
    try:
        meeting = store.meetings.get(meeting_id)
        assert meeting.status is MeetingStatus.RUNNING and meeting.current_position == 2
        assert store.meetings.section_runs(meeting_id)[2].is_running
        assert [a.text for a in store.business.actions(meeting_id)] == ["Share the timetable"]
        assert [a.text for a in store.business.agreements(meeting_id)] == ["We meet at the school each term"]

        app = create_app(store, _library(), open_meeting=meeting_id)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            assert "Updates from each agency" in rendered_text(runner.query_one("#section-title"))
            assert runner.query_one(SectionTimer).value == "11:40"
            business = rendered_text(runner.query_one("#business"))
            assert "Share the timetable" in business and "We meet at the school each term" in business
    finally:
        store.close()


def _library():
    from meetingkit.core.agendas import load_library, shipped_agenda_folder

    return load_library([shipped_agenda_folder()])
