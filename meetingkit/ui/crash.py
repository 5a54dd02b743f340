"""An app that stops calmly: what every meetingkit console app (the console, the wall) is built on.

Textual's own report of an unexpected error is a traceback with the local variables of
every frame, printed on the terminal, which may be on the projector. Here the traceback
goes to a private log (`core.crash`) and the terminal gets a few calm lines that hold no
text from the meeting. The participant app, which may not import the console's modules,
does the same in `participant/app.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ReturnType

from meetingkit.core.crash import console_crash_notice, write_crash_log


class CalmApp(App[ReturnType]):
    """An `App` whose unexpected errors are logged privately and announced without their text.

    A subclass names itself in `crash_program` (the log file's name says which app it was)
    and may say something else after a crash by overriding `crash_notice`.
    """

    crash_program: ClassVar[str] = "console"

    def crash_notice(self, log: Path | None) -> str:
        """The lines printed on the terminal once the app has stopped; never anything from the error."""
        return console_crash_notice(log)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own version renders the traceback with its locals (`_fatal_error`) or the
        # error's `__rich__`; either may hold stored text. This keeps the rest of what it does:
        # exit code 1, the first error kept for the test harness (Pilot raises it again), exit.
        if self._exception is not None:
            return  # already stopping for an earlier error (a timer may fire once more): one log, one notice
        try:
            log: Path | None = write_crash_log(error, program=self.crash_program)
        except Exception:  # a full disk or a read-only home must not turn into a second crash
            log = None
        self._return_code = 1
        self._exception = error
        self._exception_event.set()
        self.panic(Text(self.crash_notice(log)))  # plain text: a path is never read as markup
