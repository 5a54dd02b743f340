"""Files that hold meeting data, made readable by their owner only (0600) from the first byte.

Exports, reports, glossaries, the `.serving` note and the files SQLite fills (backups,
copies) all hold notes about people, so every one of them is made here, the one way:
the mode is given when the file is created, never narrowed after the data is in it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600
"""Read and write for the owner, nothing for anyone else."""

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Refuse a symlink as the last part of the path (POSIX; Windows has no such flag and needs none)."""


class PrivateFileError(OSError):
    """A private file could not be written; `filename` says which, `strerror` why.

    An `OSError`, so a caller that catches those keeps working; its own class, so a
    caller can tell a file it was asked to write from the database's own troubles.
    """


class PrivateFileExists(PrivateFileError, FileExistsError):
    """Something (a file, a folder, a symlink) is already where a new file was to be made; it is left as it was."""


def create_private(path: str | os.PathLike[str]) -> None:
    """Create a new, empty file only its owner can read, for SQLite (or a copy) to fill.

    Raises:
        PrivateFileExists: anything is already at `path`; a symlink there is not followed.
        PrivateFileError: the file could not be created (a missing folder, a read-only disk).
    """
    os.close(_open_new(Path(path)))


def write_private(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool, atomic: bool = False) -> None:
    """Write `data` (text is UTF-8, line endings as given) to a file only its owner can read.

    Args:
        path: the file to write.
        data: what goes in it.
        overwrite: replace a file already there; without it, a new file is made or nothing is.
            An existing file is narrowed to 0600 before the data goes into it.
        atomic: (with `overwrite`) readers see the old file or the whole new one, never half,
            even when the disk fills up part-way: the data goes into a private temporary file
            beside it, is synced to the disk, and then takes its place; a failed write leaves
            the old file as it was and no partial file anywhere. A symlink at `path` is
            replaced, not followed.

    Raises:
        PrivateFileExists: without `overwrite`, anything is already at `path` (a symlink there
            is not followed); it is left as it was.
        PrivateFileError: the file could not be written; a file this call made is removed.
        ValueError: `atomic` without `overwrite`.
    """
    path = Path(path)
    content = data.encode("utf-8") if isinstance(data, str) else data
    if atomic:
        if not overwrite:
            raise ValueError("an atomic write replaces the file: it needs overwrite=True")
        _replace(path, content)
    elif overwrite:
        _overwrite(path, content)
    else:
        _write_new(path, content)


def _open_new(path: Path) -> int:
    """A descriptor on a file created by this call, 0600 from the start."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, PRIVATE_MODE)
    except FileExistsError as error:
        raise PrivateFileExists(errno.EEXIST, error.strerror, str(path)) from None
    except OSError as error:
        raise PrivateFileError(error.errno, error.strerror, str(path)) from None


def _write_new(path: Path, content: bytes) -> None:
    descriptor = _open_new(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
    except OSError as error:
        path.unlink(missing_ok=True)  # ours, and half written: not left looking like a whole one
        raise PrivateFileError(error.errno, error.strerror, str(path)) from None


def _overwrite(path: Path, content: bytes) -> None:
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
        # The mode above applies only to a new file: an existing one, perhaps readable by
        # everyone, is narrowed before the data goes into it.
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13, where modes mean little anyway
            os.fchmod(descriptor, PRIVATE_MODE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
    except OSError as error:
        raise PrivateFileError(error.errno, error.strerror, str(path)) from None


def _replace(path: Path, content: bytes) -> None:
    try:
        # mkstemp makes the temporary file exclusively, 0600, under a name nobody can guess.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise PrivateFileError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())  # all of it on the disk (or a full disk said so) before it takes the name
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)  # a partial file never remains, under either name
        raise PrivateFileError(error.errno, error.strerror, str(path)) from None
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX); best effort, as some systems cannot."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
