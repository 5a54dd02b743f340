"""When an app stops on an error nobody foresaw: a private log, and calm words on the screen.

Nothing of the error itself reaches a screen. Its message may quote stored text (a
term, a name, a note) and Textual's own crash report prints the local variables of
every frame, so on a projected terminal a crash could show the room a confidential
item. The traceback goes to a file only its owner can read (0600, from the first
byte) in the user's own log folder: not beside the database, which may sit on a
shared drive or on a stick that travels between sites, and which may be read-only.
The log holds the traceback and the error's message, not the local variables: it
is meant to be sent to whoever helps, so it carries as little meeting text as can be.

The screen gets only what happened, that nothing captured was lost (every capture is
committed before it is shown), where the log is, and how to carry on.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from meetingkit import __version__
from meetingkit.core.files import PrivateFileExists, write_private
from meetingkit.core.i18n import _
from meetingkit.core.paths import crash_log_folder

PRIVATE_FOLDER_MODE = 0o700
"""The log folder, when this makes it: its owner's only."""


def write_crash_log(error: BaseException, *, program: str, folder: Path | None = None) -> Path:
    """Write `error`'s traceback to a new private file and return where it is.

    Args:
        error: what stopped the app.
        program: which app it was ("console", "participant", …), for the file's name.
        folder: where to write (default: the user's log folder, made if missing).

    Raises:
        OSError: the log could not be written (a full disk, a read-only home).
    """
    folder = crash_log_folder() if folder is None else folder
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    now = datetime.now().astimezone()
    text = "\n".join([
        f"meetingkit {__version__} ({program}) stopped at {now.isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {sys.platform}",
        "This file may hold text from your meetings (in the error's message): share it with care.",
        "",
        "".join(traceback.format_exception(error)),
        *_wrapped(error),
    ])
    stem = f"crash-{now:%Y%m%d-%H%M%S}-{program}-{os.getpid()}"
    for attempt in range(100):
        path = folder / (f"{stem}.log" if not attempt else f"{stem}-{attempt}.log")
        try:
            write_private(path, text, overwrite=False)
        except PrivateFileExists:  # a second crash in the same second: the next name
            continue
        return path
    raise FileExistsError(f"{folder}: too many crash logs named {stem}")


def _wrapped(error: BaseException) -> list[str]:
    """The error a wrapper carries (Textual's WorkerFailed keeps it as `.error`, not as a cause)."""
    inner = getattr(error, "error", None)
    if not isinstance(inner, BaseException) or inner is error.__cause__:
        return []
    return ["The error it wrapped:", "".join(traceback.format_exception(inner))]


def _where(log: Path | None) -> str:
    if log is None:
        return _("The details could not be written to a log file.")
    return _("The details are in a file only you can read: {path}").format(path=log)


def console_crash_notice(log: Path | None) -> str:
    """What the facilitator's terminal says after the console stopped: no text from the meeting."""
    return "\n".join([
        "",
        _("meetingkit stopped because of a problem inside meetingkit, not because of anything you did."),
        _("Nothing you captured was lost: every item is saved to the file before it appears on the screen."),
        _where(log),
        _("To carry on where you were, run: meetingkit resume (with the same --db, if you gave one)."),
        "",
    ])


def participant_crash_notice(log: Path | None) -> str:
    """What a participant session prints when it stopped (`serve` passes it on to the facilitator's terminal)."""
    return "\n".join([
        "",
        _("A participant's page stopped because of a problem inside meetingkit, not because of anything they did."),
        _("Nothing they added was lost: every entry is saved before it appears on the boards."),
        _where(log),
        _("They can reload the page and join again with the meeting's code."),
        "",
    ])


def wall_crash_notice(log: Path | None) -> str:
    """What the projector's terminal says after the wall stopped: the room reads this, so no meeting text."""
    return "\n".join([
        "",
        _("The wall stopped because of a problem inside meetingkit."),
        _("Nothing was lost: the wall only reads the meeting, and the console keeps running it."),
        _where(log),
        _("To bring the wall back, run: meetingkit wall (with the same --db, if you gave one)."),
        "",
    ])
