"""What can go wrong with a database file, each phrased for the person who has to act."""

from __future__ import annotations

from pathlib import Path

from meetingkit.core.i18n import _, ngettext


class StoreError(Exception):
    """Base for every problem the store reports; `str()` is one clear line."""


class DatabaseUnusable(StoreError):
    """The file cannot be used as it is. meetingkit did not write to it.

    `problem` says what is wrong as a clause whose subject is the file ("is damaged"), and
    `advice` what to do, both already in the language in use (marked where they are raised).
    """

    def __init__(self, path: Path | str, problem: str, advice: str) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())  # SQLite's reports can span lines; ours are one
        self.advice = advice
        # Translators: a database file, what is wrong with it ("is damaged") and what to do.
        super().__init__(_("{path}: {problem}. {advice}").format(path=self.path, problem=self.problem, advice=advice))


class NotADatabase(DatabaseUnusable):
    """The file is not SQLite, or is SQLite from another program."""


class DatabaseDamaged(DatabaseUnusable):
    """The file is SQLite but truncated or corrupt."""


class DatabaseTooNew(DatabaseUnusable):
    """The file was written by a newer meetingkit than this one."""


class UpgradeRefused(DatabaseUnusable):
    """Rows of an older file hold values this version's schema refuses (and cannot repair), so
    the file was left as it was rather than upgraded without them."""


class WrongPassphrase(DatabaseUnusable):
    """An encrypted file did not open with the passphrase given (or was never an encrypted meetingkit file).

    SQLCipher cannot tell the two apart: either way the first page does not decrypt.
    """

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            _("wrong passphrase, or not a meetingkit file"),
            _("Try again (capitals count); meetingkit has not changed it"),
        )


class EncryptionUnavailable(StoreError):
    """An encrypted file was asked for, but SQLCipher (the optional `encrypted` extra) is not installed."""

    def __init__(self) -> None:
        super().__init__(
            _("encrypted databases need the encryption extra, which is not installed here. "
              "Install it with: pip install 'meetingkit[encrypted]'")
        )


class ReadOnlyDatabase(StoreError):
    """A change was attempted on a database opened for reading only."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        super().__init__(
            _("{path} is open for reading only, so nothing can be saved to it. "
              "To work in it, copy it to a folder you can write to.").format(path=self.path)
        )


class StoreBusy(StoreError):
    """Other processes kept the database locked for longer than we wait."""

    def __init__(self, path: Path | str, seconds: float) -> None:
        self.path = str(path)
        super().__init__(
            _("{path} stayed busy for {seconds} s (another meetingkit is writing to it). "
              "Nothing was saved; try again.").format(path=self.path, seconds=f"{seconds:.0f}")
        )


class WriteFailed(StoreError):
    """SQLite refused a write for a reason other than another writer (a full disk, an I/O error)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        if "full" in reason:
            message = _("{path}: could not save ({reason}). Nothing was saved. Free some disk space, then try again.")
        else:
            message = _("{path}: could not save ({reason}). Nothing was saved. Check the disk, then try again.")
        super().__init__(message.format(path=self.path, reason=reason))


class BackupFailed(StoreError):
    """A backup could not be written where it was asked for: the destination's fault, never the database's."""

    def __init__(self, destination: Path | str, reason: str) -> None:
        self.path = str(destination)
        if "full" in reason or "No space" in reason:
            message = _("{path}: the backup could not be written there ({reason}); no copy was left. "
                        "The database itself is fine. Free some space there, or back up to another disk.")
        else:
            message = _("{path}: the backup could not be written there ({reason}); no copy was left. "
                        "The database itself is fine. Check that disk, then try again.")
        super().__init__(message.format(path=self.path, reason=reason))


class MeetingInProgress(StoreError):
    """A meeting in progress was to be deleted: its facilitator and participants are in it."""

    def __init__(self, titles: list[str]) -> None:
        self.titles = titles
        if len(titles) == 1:
            message = _("{title} is in progress, so nothing was deleted: end it first (`meetingkit end`).").format(
                title=titles[0])
        else:
            # Translators: meetings in progress; {titles} names up to three of them.
            message = ngettext(
                "{count} of them are ({titles}) in progress, so nothing was deleted: end it first (`meetingkit end`).",
                "{count} of them are ({titles}) in progress, so nothing was deleted: end it first (`meetingkit end`).",
                len(titles),
            ).format(count=len(titles), titles=", ".join(titles[:3]))
        super().__init__(message)


class MeetingEnded(StoreError):
    """Something was to be added to a meeting that has already ended."""

    def __init__(self, title: str) -> None:
        super().__init__(_("{title} has ended, so nothing more can be added to it.").format(title=title))
