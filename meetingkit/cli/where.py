"""`meetingkit where`: the database file and the agenda folders this run would use.

Kept apart from the other file commands so that it imports no part of the store's
repositories, SQLite or the agenda parser: it only looks at paths, and starts quickly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from meetingkit.cli.errors import ExitCode
from meetingkit.context import Context
from meetingkit.store.location import examine_place, location_warning, read_only_notice, removable_notice


def command_where(context: Context, args: argparse.Namespace) -> int:
    """Print where the data is and where templates come from, touching nothing."""
    print(f"database: {context.db_path}")
    print(f"  chosen: {context.db_source}; {_describe_db(context.db_path, context.db_source)}")
    place = examine_place(context.db_path)
    warning = location_warning(context.db_path, place=place)
    if warning:
        print(f"  warning: {warning}")
    if place.read_only_media:
        print(f"  note: {read_only_notice(str(context.db_path), place)}")
    elif place.removable:
        print(f"  note: {removable_notice(str(context.db_path))}")
    print("agenda folders (later ones override earlier ones by file name):")
    for folder, label in context.agenda_folders:
        state = "" if folder.is_dir() else "; does not exist"
        print(f"  {folder}  ({label}{state})")
    return ExitCode.OK


def _describe_db(path: Path, source: str) -> str:
    """The file's size, or why there is none yet."""
    if not path.exists():
        if not path.parent.is_dir() and source != "the default location":
            return f"its folder {path.parent} does not exist"
        return "not created yet; it will be made when the app first opens"
    size = path.stat().st_size
    return f"{size:,} bytes"
