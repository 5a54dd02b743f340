"""`meetingkit agendas`: the templates meetings are started from, and what is wrong with broken ones."""

from __future__ import annotations

import argparse

from meetingkit.cli.errors import ExitCode
from meetingkit.cli.output import print_columns, print_error
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaError, load_agenda
from meetingkit.core.i18n import _, ngettext


def command_agendas(context: Context, args: argparse.Namespace) -> int:
    """List every usable template, then every broken one with what is wrong."""
    library = context.load_agendas()
    rows = [
        (agenda.id, agenda.meeting_type, _("{minutes} min").format(minutes=agenda.total_minutes),
         # English has always said "1 sections" here (scripts may read it); French gets its singular.
         ngettext("{count} sections", "{count} sections", len(agenda.sections)).format(count=len(agenda.sections)),
         agenda.name)
        for agenda in sorted(library.agendas.values(), key=lambda a: (a.meeting_type, a.id))
    ]
    if rows:
        print_columns(rows)
    else:
        print(_("No agenda templates found. `meetingkit where` shows the folders searched."))
    for error in library.errors:
        print_error(_("skipped broken template {problem}").format(problem=error))
    return ExitCode.FAILED if library.errors else ExitCode.OK


def command_agendas_check(context: Context, args: argparse.Namespace) -> int:
    """Check one template: say what it holds, or exactly what is wrong."""
    path = args.file
    try:
        agenda = load_agenda(path)
    except AgendaError as error:
        print_error(str(error))
        return ExitCode.FAILED
    sections = len(agenda.sections)
    # English has always said "1 sections" (scripts may read it); French gets its singular.
    print(ngettext(
        "{path}: ok — {name!r}, type {type}, {sections} sections, {minutes} minutes",
        "{path}: ok — {name!r}, type {type}, {sections} sections, {minutes} minutes",
        sections,
    ).format(path=path, name=agenda.name, type=agenda.meeting_type, sections=sections, minutes=agenda.total_minutes))
    return ExitCode.OK
