"""A full disk, by fault injection: the capture process may not grow any file past a limit
(RLIMIT_FSIZE, as when a USB stick fills up). The capture that no longer fits fails with one clear
line and a non-zero exit; everything acknowledged before it is still there, exactly; the file
stays healthy, and captures work again once there is room. An export or a backup that no
longer fits leaves no partial file, and says which file could not be written (issue 14)."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import RunCli

ROOM = 40_000
"""Bytes the files may grow by before the 'disk' is full."""


def capture_with_limit(db: Path, text: str, limit: int) -> subprocess.CompletedProcess[str]:
    def no_room_beyond_limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "meetingkit", "--db", str(db), "capture", "action", text],
        capture_output=True, text=True, preexec_fn=no_room_beyond_limit, timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_full_disk_refuses_one_capture_clearly_and_loses_nothing(db_path: Path, cli: RunCli) -> None:
    assert cli("--db", str(db_path), "start", "--partnership", "P", "--type", "operational").returncode == 0
    limit = db_path.stat().st_size + ROOM
    saved: dict[str, str] = {}
    for n in range(100):
        text = f"Action {n} " + "x" * 1800
        result = capture_with_limit(db_path, text, limit)
        if result.returncode:
            break
        saved[result.stdout.strip()] = text
    else:
        raise AssertionError("the limit was never reached")
    assert saved, "some captures should fit before the disk fills"
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "could not save" in line and "Nothing was saved" in line and "Traceback" not in result.stderr
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = dict(connection.execute("SELECT id, text FROM actions").fetchall())
    connection.close()
    assert stored == saved
    again = cli("--db", str(db_path), "capture", "action", "Room again")
    assert again.returncode == 0, again.stderr


def _filling_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file written through `os.fdopen` takes half of what it is given, then the disk is full."""
    real_fdopen = os.fdopen

    class HalfThenFull:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> HalfThenFull:
            return self

        def __exit__(self, *exc_info: object) -> None:
            self.handle.close()

    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: HalfThenFull(real_fdopen(*args, **kwargs)))


def test_an_export_onto_a_full_disk_leaves_no_partial_file(
    db_path: Path, tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = cli("--db", str(db_path), "start", "--partnership", "P", "--type", "operational").stdout.strip()
    folder = tmp_path / "exports"
    folder.mkdir()
    earlier = folder / "earlier.md"
    assert cli("--db", str(db_path), "export", meeting, "-o", str(earlier)).returncode == 0
    whole = earlier.read_bytes()
    with monkeypatch.context() as full:
        _filling_disk(full)
        for target in (folder / "new.md", earlier):
            result = cli("--db", str(db_path), "export", meeting, "-o", str(target))
            assert result.returncode == 1
            assert result.stderr == f"meetingkit: {target}: cannot be written (No space left on device).\n"
    assert sorted(p.name for p in folder.iterdir()) == ["earlier.md"], "no partial export, no temporary file"
    assert earlier.read_bytes() == whole, "the earlier export is as it was"


def test_a_backup_onto_a_full_disk_blames_the_destination_and_leaves_no_copy(db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    assert cli("--db", str(db_path), "start", "--partnership", "P", "--type", "operational").returncode == 0
    for n in range(3):
        assert cli("--db", str(db_path), "capture", "note", f"Note {n} " + "x" * 100_000).returncode == 0
    folder = tmp_path / "stick"
    folder.mkdir()
    limit = db_path.stat().st_size // 2

    def room_for_half_a_copy() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "meetingkit", "--db", str(db_path), "backup", str(folder / "copy.db")],
        capture_output=True, text=True, preexec_fn=room_for_half_a_copy, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"meetingkit: {folder / 'copy.db'}: the backup could not be written there"), line
    assert "The database itself is fine" in line
    assert list(folder.iterdir()) == []
    assert cli("--db", str(db_path), "meetings").returncode == 0
