"""What can go wrong with a database file, each phrased for the person who has to act."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base for every problem the store reports; `str()` is one clear line."""


class DatabaseUnusable(StoreError):
    """The file cannot be used as it is. meetingkit did not write to it."""

    def __init__(self, path: Path | str, problem: str, advice: str) -> None:
        self.path = str(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path}: {problem}. {advice}")


class NotADatabase(DatabaseUnusable):
    """The file is not SQLite, or is SQLite from another program."""


class DatabaseDamaged(DatabaseUnusable):
    """The file is SQLite but truncated or corrupt."""


class DatabaseTooNew(DatabaseUnusable):
    """The file was written by a newer meetingkit than this one."""


class ReadOnlyDatabase(StoreError):
    """A change was attempted on a database opened for reading only."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path} is open for reading only, so nothing can be saved to it. "
            "Copy it to a folder you can write to, or use `meetingkit merge` later."
        )


class StoreBusy(StoreError):
    """Other processes kept the database locked for longer than we wait."""

    def __init__(self, path: Path | str, seconds: float) -> None:
        self.path = str(path)
        super().__init__(
            f"{self.path} stayed busy for {seconds:.0f} s (another meetingkit is writing to it). "
            "Nothing was saved; try again."
        )
