"""`meetingkit agendas`: the templates meetings are started from, the languages each one has,
and what is wrong with broken ones."""

from __future__ import annotations

import argparse

from meetingkit.cli.errors import ExitCode
from meetingkit.cli.output import print_columns, print_error
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaError, agenda_in, gaps, languages_of, load_agenda
from meetingkit.core.i18n import Language, _, ngettext


def _languages(codes: tuple[Language, ...]) -> str:
    """The languages a template has, as a short column: "en+fr", "en", "fr"."""
    return "+".join(codes)


def _languages_sentence(codes: tuple[Language, ...]) -> str:
    if len(codes) > 1:
        return _("In English and in French.")
    if codes == ("en",):
        return _("In English only: name_fr, title_fr and prompts_fr add the French.")
    return _("In French only: name_en, title_en and prompts_en add the English.")


def command_agendas(context: Context, args: argparse.Namespace) -> int:
    """List every usable template (its name in the interface's language), then every broken one with what is wrong."""
    library = context.load_agendas()
    rows = []
    for agenda in sorted(library.agendas.values(), key=lambda a: (a.meeting_type, a.id)):
        shown = agenda_in(agenda)
        sections = len(agenda.sections)
        rows.append((
            agenda.id,
            agenda.meeting_type,
            _("{minutes} min").format(minutes=agenda.total_minutes),
            ngettext("{count} section", "{count} sections", sections).format(count=sections),
            _languages(languages_of(agenda)),
            shown.name,
        ))
    if rows:
        print_columns(rows)
    else:
        print(_("No agenda templates found. `meetingkit where` shows the folders searched."))
    for error in library.errors:
        print_error(_("skipped broken template {problem}").format(problem=error))
    return ExitCode.FAILED if library.errors else ExitCode.OK


def command_agendas_check(context: Context, args: argparse.Namespace) -> int:
    """Check one template: say what it holds and in which languages, or exactly what is wrong
    (a template in two languages that leaves something out of one of them is wrong too)."""
    path = args.file
    try:
        agenda = load_agenda(path)
    except AgendaError as error:
        print_error(str(error))
        return ExitCode.FAILED
    shown = agenda_in(agenda)
    sections = len(agenda.sections)
    print(
        ngettext(
            "{path}: ok — {name}, type {type}, {count} section, {minutes} minutes",
            "{path}: ok — {name}, type {type}, {count} sections, {minutes} minutes",
            sections,
        ).format(path=path, name=repr(shown.name), type=agenda.meeting_type, count=sections,
                 minutes=agenda.total_minutes)
    )
    print(_languages_sentence(languages_of(agenda)))
    missing = gaps(agenda)
    for gap in missing:
        print_error(_("{path}: {problem}").format(path=path, problem=gap))
    return ExitCode.FAILED if missing else ExitCode.OK

