"""Where a command's words go: results to stdout or a private file, problems to stderr."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from meetingkit.cli.errors import CommandError
from meetingkit.core.files import write_private
from meetingkit.core.i18n import _
from meetingkit.core.text import terminal_safe


def print_error(message: str) -> None:
    """One line on stderr, in the shape every command uses."""
    print(_("meetingkit: {message}").format(message=message), file=sys.stderr)


def print_warning(message: str) -> None:
    """A warning on stderr that does not stop the command."""
    print(_("meetingkit: warning: {message}").format(message=message), file=sys.stderr)


def write_output(text: str, path: Path | None) -> None:
    """Print to stdout, or write a file readable by its owner only (an export holds notes about people).

    The file appears whole or not at all (see `write_private`'s `atomic`).

    Raises:
        CommandError: the file could not be written.
    """
    if path is None:
        sys.stdout.write(terminal_safe(text))  # whatever a renderer missed, the terminal obeys nothing
        return
    try:
        if path.exists() and not path.is_file() and not path.is_dir():  # /dev/stdout, a pipe: written as it is
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(text)
            return
        # Whole or not at all: a full disk part-way leaves the old file, never a truncated one.
        write_private(path, text, overwrite=True, atomic=True)
    except OSError as error:
        raise CommandError(_("{path}: cannot be written ({problem}).").format(
            path=path, problem=error.strerror or error)) from None


def masked() -> str:
    """What a listing shows instead of a confidential item's words: "(a confidential item)"."""
    return "(" + _("a confidential item") + ")"


def table_cell(value: object) -> str:
    """Any value as one cell of a terminal table: no control or escape sequence, no line break or tab
    (a title holding one would break the row in two), None empty."""
    return " ".join(terminal_safe("" if value is None else str(value)).split())


def print_columns(rows: Sequence[Sequence[object]]) -> None:
    """Rows as aligned columns; the last column is left ragged, as it is the longest.

    Every cell goes through `table_cell`, numbers and dates too.
    """
    cells = [[table_cell(cell) for cell in row] for row in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(cells[0]) - 1)]
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1])
