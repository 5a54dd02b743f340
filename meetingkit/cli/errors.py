"""How a command ends: the exit codes of `meetingkit`, and the error a person can fix."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of every `meetingkit` command; scripts rely on these."""

    OK = 0
    """It did what was asked, or there was nothing to do (a closed pipe included)."""
    FAILED = 1
    """It could not: one line on stderr says why, and nothing half-done is left."""
    USAGE = 2
    """The command line itself was wrong; argparse says how, and exits with this on its own."""
    INTERRUPTED = 130
    """Stopped with Ctrl+C (128 + SIGINT, as shells report it)."""


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status `ExitCode.FAILED`."""
