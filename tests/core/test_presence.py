"""A wall's heartbeat: how the console knows a `meetingkit wall` shows its file, with nothing written to the file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from meetingkit.core.presence import FRESH_SECONDS, Heartbeat, live_walls


def test_a_beating_wall_is_counted_and_gone_when_it_stops(tmp_path: Path) -> None:
    folder = tmp_path / "walls"
    db = tmp_path / "meetings.db"
    heartbeat = Heartbeat(db, folder=folder)
    assert live_walls(db, folder=folder) == 0
    heartbeat.beat()
    assert live_walls(db, folder=folder) == 1
    assert live_walls(tmp_path / "another.db", folder=folder) == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(heartbeat.path.stat().st_mode) == 0o600
    heartbeat.stop()
    assert live_walls(db, folder=folder) == 0 and not heartbeat.path.exists()


def test_the_heartbeat_does_not_name_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "walls"
    Heartbeat(tmp_path / "Ahmed family case.db", folder=folder).beat()
    [name] = os.listdir(folder)
    assert "Ahmed" not in name and "case" not in name and str(os.getpid()) in name


def test_a_stale_heartbeat_or_a_dead_process_is_not_a_live_wall(tmp_path: Path) -> None:
    """A wall that crashed or was killed leaves its file behind: old, or its process gone."""
    folder = tmp_path / "walls"
    db = tmp_path / "meetings.db"
    old = Heartbeat(db, folder=folder)
    old.beat()
    beaten = old.path.stat().st_mtime
    assert live_walls(db, folder=folder, now=beaten + FRESH_SECONDS) == 1
    assert live_walls(db, folder=folder, now=beaten + FRESH_SECONDS + 1) == 0
    old.stop()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    Heartbeat(db, folder=folder, pid=int(gone.stdout)).beat()  # fresh, but nobody is running it
    assert live_walls(db, folder=folder) == 0
