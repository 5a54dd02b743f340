"""Whether a `meetingkit wall` is showing a file: a heartbeat beside it, never a write to the database.

The wall opens the database read-only and must never write it, so it says it is alive another
way: every couple of seconds it touches a small empty file of its own in the user's state
folder, and removes it when it stops. The console counts the heartbeats for its file that are
fresh and whose process is still running, and says "wall live".

A heartbeat's name is a hash of the database's resolved path and the wall's process id: the
folder says which processes show *a* file, never which file. The folder is the user's own
(0700) and each heartbeat is 0600, like every other file meetingkit makes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from pathlib import Path

from platformdirs import user_state_path

from meetingkit.core.paths import APP_NAME

BEAT_SECONDS = 2.0
"""How often a running wall touches its heartbeat."""

FRESH_SECONDS = 6.0
"""A heartbeat older than this is a wall that stopped without saying so (a crash, a killed terminal)."""

SUFFIX = ".beat"


def presence_folder() -> Path:
    """Where walls keep their heartbeats (e.g. `~/.local/state/meetingkit/walls` on Linux)."""
    return user_state_path(APP_NAME, appauthor=False) / "walls"


def file_key(db_path: Path) -> str:
    """A name for a database file that does not give its path away."""
    resolved = str(Path(db_path).expanduser().resolve())
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _alive(pid: int) -> bool:
    """Whether a process with this id is running (on Windows, where signal 0 is not a probe, assumed so)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # freshness alone decides there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that id: running, if not ours
    except OSError:
        return False
    return True


class Heartbeat:
    """A running wall's sign of life for one database file; best effort, never an error on screen."""

    def __init__(self, db_path: Path, *, folder: Path | None = None, pid: int | None = None) -> None:
        self.folder = folder if folder is not None else presence_folder()
        self.pid = os.getpid() if pid is None else pid
        self.path = self.folder / f"{file_key(db_path)}-{self.pid}{SUFFIX}"

    def beat(self) -> None:
        """Make the heartbeat, or touch it: the console counts this wall as live for a few seconds more."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self.path.exists():
                flags = os.O_CREAT | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
                os.close(os.open(self.path, flags, 0o600))
            os.utime(self.path)
        except OSError:
            pass  # a full or read-only disk: the console just does not say "wall live"

    def stop(self) -> None:
        """The wall is closing: its heartbeat goes with it."""
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def live_walls(db_path: Path, *, folder: Path | None = None, now: float | None = None) -> int:
    """How many walls show this database file now: fresh heartbeats of running processes."""
    folder = folder if folder is not None else presence_folder()
    now = time.time() if now is None else now
    prefix = f"{file_key(db_path)}-"
    count = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(SUFFIX)):
            continue
        try:
            pid = int(name[len(prefix) : -len(SUFFIX)])
            fresh = now - entry.stat(follow_symlinks=False).st_mtime <= FRESH_SECONDS
        except (ValueError, OSError):
            continue
        if fresh and _alive(pid):
            count += 1
    return count
