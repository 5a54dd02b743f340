"""`meetingkit where`: the database file and the agenda folders this run would use.

Kept apart from the other file commands so that it imports no part of the store's
repositories, SQLite or the agenda parser: it only looks at paths, and starts quickly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from meetingkit.cli.errors import ExitCode
from meetingkit.context import Context
from meetingkit.core.i18n import _, language, pgettext
from meetingkit.core.paths import DB_ENV
from meetingkit.store.location import examine_place, location_warning, read_only_notice, removable_notice


def command_where(context: Context, args: argparse.Namespace) -> int:
    """Print where the data is and where templates come from, touching nothing."""
    print(_("database: {path}").format(path=context.db_path))
    print(_("  chosen: {source}; {state}").format(
        source=_source_words(context.db_source), state=_describe_db(context.db_path, context.db_source)))
    place = examine_place(context.db_path)
    warning = location_warning(context.db_path, place=place)
    if warning:
        print(_("  warning: {warning}").format(warning=warning))
    if place.read_only_media:
        print(_("  note: {note}").format(note=read_only_notice(str(context.db_path), place)))
    elif place.removable:
        print(_("  note: {note}").format(note=removable_notice(str(context.db_path))))
    print(_("agenda folders (later ones override earlier ones by file name):"))
    for folder, label in context.agenda_folders:
        if folder.is_dir():
            print(f"  {folder}  ({_source_words(label)})")
        else:
            print(_("  {folder}  ({source}; does not exist)").format(folder=folder, source=_source_words(label)))
    return ExitCode.OK


def _describe_db(path: Path, source: str) -> str:
    """The file's size, or why there is none yet."""
    if not path.exists():
        if not path.parent.is_dir() and source != "the default location":
            return _("its folder {folder} does not exist").format(folder=path.parent)
        return _("not created yet; it will be made when the app first opens")
    size = path.stat().st_size
    if language() == "en":  # core.localise (and datetime) loads only for another language: `where` stays quick
        return _("{size} bytes").format(size=f"{size:,}")
    from meetingkit.core.localise import number_text

    return _("{size} bytes").format(size=number_text(size))


def _source_words(source: str) -> str:
    """Why this file or folder, as `Context` says it ("from --db", "yours"), in the language in use."""
    words = {
        "from --db": _("from --db"),
        f"from {DB_ENV}": _("from {variable}").format(variable=DB_ENV),
        "the default location": _("the default location"),
        "shipped with meetingkit": _("shipped with meetingkit"),
        "yours": pgettext("agenda folder", "yours"),
        "from --agendas": _("from --agendas"),
    }
    return words.get(source, source)
