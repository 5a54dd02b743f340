"""`meetingkit agendas`: the templates meetings are started from, and what is wrong with broken ones."""

from __future__ import annotations

import argparse

from meetingkit.cli.errors import ExitCode
from meetingkit.cli.output import print_columns, print_error
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaError, load_agenda


def command_agendas(context: Context, args: argparse.Namespace) -> int:
    """List every usable template, then every broken one with what is wrong."""
    library = context.load_agendas()
    rows = [
        (agenda.id, agenda.meeting_type, f"{agenda.total_minutes} min", f"{len(agenda.sections)} sections", agenda.name)
        for agenda in sorted(library.agendas.values(), key=lambda a: (a.meeting_type, a.id))
    ]
    if rows:
        print_columns(rows)
    else:
        print("No agenda templates found. `meetingkit where` shows the folders searched.")
    for error in library.errors:
        print_error(f"skipped broken template {error}")
    return ExitCode.FAILED if library.errors else ExitCode.OK


def command_agendas_check(context: Context, args: argparse.Namespace) -> int:
    """Check one template: say what it holds, or exactly what is wrong."""
    path = args.file
    try:
        agenda = load_agenda(path)
    except AgendaError as error:
        print_error(str(error))
        return ExitCode.FAILED
    print(
        f"{path}: ok — {agenda.name!r}, type {agenda.meeting_type}, "
        f"{len(agenda.sections)} sections, {agenda.total_minutes} minutes"
    )
    return ExitCode.OK
