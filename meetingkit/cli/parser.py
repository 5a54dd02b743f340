"""The whole `meetingkit` command line, as one argparse tree.

The command names and options are a contract that scripts rely on (the README's
command reference lists them). Each command's parser names the function that runs it
(`run`), and whether it first warns about where the file is (`warns_about_place`).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from meetingkit import __version__
from meetingkit.core.i18n import LANG_ENV, LANGUAGES, _
from meetingkit.core.paths import DB_ENV

# Every command's choices, spelled here so that building the parser imports none of the
# modules that run the commands (each `run` is a dotted name, imported only when its command
# runs: `meetingkit where` and `--help` stay quick). tests/cli/test_cli_imports.py checks each
# against the constant its command module (or core) defines.
MOVES = ("discuss", "address", "let-go")  # cli.elephants.MOVES
CAPTURE_KINDS = ("action", "agreement", "note", "jargon", "elephant", "turning-point")  # cli.meetings
AGREEMENT_CHANGES = ("review", "revise", "retire", "edit", "delete", "history")  # cli.register
ACTION_CHANGES = ("done", "drop", "edit", "delete", "history")  # cli.register
TERM_CHANGES = ("rename", "merge", "language")  # cli.terms
NAMINGS = ("people", "organisations", "nobody")  # core.audience.Naming, the default second
FORMATS = ("md", "html", "json", "csv")  # core.export
GLOSSARY_FORMATS = ("md", "csv", "json")  # core.export
MINUTES_FORMATS = ("md", "html")  # core.minutes
REPORT_FORMATS = ("md", "html")  # core.report
REPORT_LANGUAGES = ("en", "fr", "en+fr")  # core.report
WORKING_LANGUAGES = ("en", "fr", "en+fr")  # core.models.WorkingLanguage

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `add_subparsers` returns (argparse gives it no public name)."""


def build_parser(argv: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line: the common options, then every command.

    `argv`: the words of this command line, when known. Only the commands among them are then
    set up in full; the others are listed by name and help only (`meetingkit --help` reads
    the same), which spares most of the time argparse takes to build some thirty parsers.
    """
    parser = argparse.ArgumentParser(
        prog="meetingkit",
        description=_("Run and remember cross-agency partnership meetings. With no command, opens the app."),
        parents=[_common_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"meetingkit {__version__}")
    parser.set_defaults(run="meetingkit.cli.app:command_tui", warns_about_place=False)
    if argv is not None:
        parser.register("action", "parsers", _ListedOnly)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if isinstance(commands, _ListedOnly):
        commands.wanted = frozenset(argv or ())
    common = _common_options(top_level=False)
    for add_command in COMMANDS:
        add_command(commands, common)
    _wall(commands, common)
    return parser


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class _ListedOnly(_SubParsers):
    """The commands, of which only those in `wanted` get a parser; the others are only listed."""

    wanted: frozenset[str] = frozenset()

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if name in self.wanted:
            return super().add_parser(name, **kwargs)
        if "help" in kwargs:  # the line `meetingkit --help` shows for it, as argparse adds it
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs["help"]))
        unbuilt = cast(argparse.ArgumentParser, _Unbuilt())
        self._name_parser_map[name] = unbuilt
        return unbuilt


class _Unbuilt:
    """Stands for the parser of a command this command line does not name: it ignores what it is given."""

    def __getattr__(self, name: str) -> Callable[..., _Unbuilt]:
        return lambda *args, **kwargs: self


def _common_options(*, top_level: bool) -> argparse.ArgumentParser:
    """`--db`, `--agendas` and `--encrypted`, accepted before or after the command name."""
    parser = argparse.ArgumentParser(add_help=False)
    # On subcommands the default is SUPPRESS, so a value given before the
    # command name is not overwritten by the subcommand's empty default.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=_("the database file (default: ${variable}, else your user data folder)").format(variable=DB_ENV),
    )
    parser.add_argument(
        "--agendas",
        metavar="DIR",
        action="append",
        default=default,
        help=_("also read agenda templates from DIR (may be repeated; later ones win)"),
    )
    parser.add_argument(
        "--encrypted",
        action="store_true",
        default=default,
        help=_("the database file is (or is to be made) encrypted; its passphrase is asked on the terminal"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_("the interface's language (default: ${variable}, else as chosen at first start, "
             "else the system's)").format(variable=LANG_ENV),
    )
    return parser


def _where(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`where`: the database file and the agenda folders this run would use."""
    where = commands.add_parser(
        "where", parents=[common], help=_("show the database file and the agenda folders in use")
    )
    where.set_defaults(run="meetingkit.cli.where:command_where")


def _agendas(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`agendas` and `agendas check FILE`."""
    agendas = commands.add_parser("agendas", parents=[common], help=_("list the agenda templates"))
    agendas.set_defaults(run="meetingkit.cli.agendas:command_agendas")
    agenda_commands = agendas.add_subparsers(dest="agenda_command", metavar="ACTION")
    check = agenda_commands.add_parser("check", parents=[common], help=_("check one template file"))
    check.add_argument("file", type=Path, help=_("the .toml file to check"))
    check.set_defaults(run="meetingkit.cli.agendas:command_agendas_check")


def _start(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`start`: create and start a meeting."""
    start = commands.add_parser("start", parents=[common], help=_("create and start a meeting; prints its id"))
    start.add_argument("--partnership", required=True, metavar="NAME", help=_("the partnership (created if new)"))
    start.add_argument("--type", required=True, metavar="TYPE", help=_("operational, reflective-practice, strategic, …"))
    start.add_argument("--agenda", metavar="NAME", help=_("a specific agenda (its file name or its name)"))
    start.add_argument("--title", metavar="T", help=_("the meeting's title (default: the agenda's name)"))
    start.add_argument("--site", metavar="S", help=_("where it takes place"))
    start.add_argument(
        "--language", choices=WORKING_LANGUAGES, metavar="en|fr|en+fr",
        help=_("the language the meeting works in, or both (default: the interface's)"),
    )
    _start_attendees(start)
    start.set_defaults(run="meetingkit.cli.meetings:command_start", warns_about_place=True)


def _start_attendees(start: argparse.ArgumentParser) -> None:
    """`start --attendee "NAME, ORGANISATION"`, repeated: who is here, read as the new-meeting form reads it."""
    start.add_argument(
        "--attendee", action="append", metavar="'NAME, ORG'",
        help=_("someone at the meeting (may be repeated); either part may be left out: "
        "'Dana, school board', 'settlement worker, OCISO' or just 'OCISO'"),
    )


def _attend(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`attend [MEETING_ID] "NAME, ORGANISATION"`: a late arrival."""
    attend = commands.add_parser(
        "attend", parents=[common], help=_("record someone who arrived late; prints how they are shown")
    )
    attend.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help=_("default: the one in progress"))
    attend.add_argument("entry", metavar="'NAME, ORG'", help=_("who arrived; either part may be left out"))
    attend.set_defaults(run="meetingkit.cli.meetings:command_attend", warns_about_place=True)


def _resume(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`resume [MEETING_ID]`: the app, straight into a meeting in progress."""
    resume = commands.add_parser("resume", parents=[common], help=_("open the app on a meeting in progress"))
    resume.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help=_("default: the one in progress"))
    resume.set_defaults(run="meetingkit.cli.app:command_resume")


def _end(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`end [MEETING_ID]`: end a meeting and save its summary."""
    end = commands.add_parser("end", parents=[common], help=_("end a meeting and save its summary"))
    end.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help=_("default: the one in progress"))
    end.set_defaults(run="meetingkit.cli.meetings:command_end", warns_about_place=True)


def _meetings(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`meetings [--json]`."""
    meetings = commands.add_parser("meetings", parents=[common], help=_("list meetings, newest first"))
    meetings.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    meetings.set_defaults(run="meetingkit.cli.meetings:command_meetings", warns_about_place=True)


def _export(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`export MEETING_ID`: one meeting, to stdout or a private file."""
    export = commands.add_parser("export", parents=[common], help=_("one meeting as md, html, json or csv"))
    export.add_argument("meeting_id", metavar="MEETING_ID", help=_("the meeting (any 6+ characters of its id)"))
    export.add_argument("--format", choices=FORMATS, default="md")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write to FILE (default: print)"))
    export.add_argument(
        "--include-confidential", action="store_true", help=_("include confidential items (left out by default)")
    )
    _bom(export)
    _document_language(export)
    export.set_defaults(run="meetingkit.cli.review:command_export", warns_about_place=True)


def _minutes(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`minutes MEETING_ID`: a meeting's minutes, to send, to stdout or a private file."""
    minutes = commands.add_parser("minutes", parents=[common], help=_("a meeting's minutes to send, as md or html"))
    minutes.add_argument("meeting_id", metavar="MEETING_ID", help=_("the meeting (any 6+ characters of its id)"))
    minutes.add_argument("--format", choices=MINUTES_FORMATS, default="md")
    minutes.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write to FILE (default: print)"))
    minutes.add_argument(
        "--include-confidential", action="store_true", help=_("include confidential items (left out by default)")
    )
    _document_language(minutes)
    minutes.set_defaults(run="meetingkit.cli.review:command_minutes", warns_about_place=True)


def _glossary(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`glossary --partnership NAME`."""
    glossary = commands.add_parser("glossary", parents=[common], help=_("a partnership's glossary"))
    glossary.add_argument("--partnership", required=True, metavar="NAME")
    glossary.add_argument("--format", choices=GLOSSARY_FORMATS, default="md")
    glossary.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write to FILE (default: print)"))
    glossary.add_argument("--include-confidential", action="store_true", help=_("include confidential terms"))
    glossary.add_argument("--term-language", choices=LANGUAGES, help=_("only the terms of that language"))
    _bom(glossary)
    _document_language(glossary)
    glossary.set_defaults(run="meetingkit.cli.review:command_glossary", warns_about_place=True)


def _document_language(command: argparse.ArgumentParser) -> None:
    """`--language`, on every command that writes a document people read: the document's language,
    which may differ from the interface's (`--lang`, the messages around it)."""
    command.add_argument(
        "--language", choices=LANGUAGES, default=None,
        help=_("write the document in this language, whatever the interface's (default: the interface's)"),
    )


def _bom(command: argparse.ArgumentParser) -> None:
    """`--bom`, on every command that writes CSV."""
    command.add_argument(
        "--bom", action="store_true",
        help=_("with --format csv: start the file with a UTF-8 byte-order mark, so Excel on Windows "
        "shows accented names correctly"),
    )


def _report(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`report --partnership NAME [--period | --since --until]`."""
    report = commands.add_parser("report", parents=[common], help=_("a partnership's report for a period"))
    report.add_argument("--partnership", required=True, metavar="NAME", help=_("the partnership (any case)"))
    _period_options(report)
    report.add_argument("--format", choices=REPORT_FORMATS, default="md")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write to FILE (default: print)"))
    report.add_argument(
        "--include-confidential", action="store_true", help=_("include confidential items (left out by default)")
    )
    report.add_argument(
        "--name", choices=list(NAMINGS), default=NAMINGS[1],
        help=_("who the report names: people, organisations only (default), or nobody"),
    )
    report.add_argument(
        "--language", choices=REPORT_LANGUAGES, default=None,
        help=_("the report's language: en, fr, or en+fr (headings in both, the rest in the interface's "
               "language); default: the interface's (--lang)"),
    )
    report.set_defaults(run="meetingkit.cli.review:command_report", warns_about_place=True)


def _period_options(command: argparse.ArgumentParser) -> None:
    """`--period`, or `--since` and `--until`: phrases read exactly as the review filter reads them."""
    command.add_argument(
        "--period", metavar="PHRASE",
        help=_("the period, as the review filter reads it: 'Q3' (July to September), 'Sept to Nov', "
        "'last 3 months', '2026'; not with --since or --until"),
    )
    command.add_argument(
        "--since", metavar="PHRASE",
        help=_("from the start of one time: 'last 3 months', '1 March', 'Q3' (from 1 July on), '2026'"),
    )
    command.add_argument(
        "--until", metavar="PHRASE", help=_("to the end of one time: 'March', 'last month' (default: up to now)")
    )


def _demo(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`demo`: an invented history to explore or benchmark."""
    demo = commands.add_parser("demo", parents=[common], help=_("fill the database with an invented history"))
    demo.add_argument(
        "--meetings", type=int, default=24, metavar="N",
        help=_("how many meetings (default 24; about 50 captured items each, so 10000 makes a benchmark database)"),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("the same seed gives the same history"))
    demo.add_argument("--force", action="store_true", help=_("add to a database that already holds real data"))
    demo.set_defaults(run="meetingkit.cli.app:command_demo", warns_about_place=True)


def _search(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`search QUERY`."""
    search = commands.add_parser("search", parents=[common], help=_("search everything captured"))
    search.add_argument("query", metavar="QUERY", help=_("words to find (a word being typed matches as a prefix)"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.add_argument("--include-confidential", action="store_true", help=_("also search confidential items"))
    search.add_argument("--limit", type=int, default=50, help=_("at most this many hits (default 50)"))
    search.set_defaults(run="meetingkit.cli.review:command_search", warns_about_place=True)


def _capture(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`capture KIND TEXT`: one item into the meeting in progress."""
    capture = commands.add_parser(
        "capture", parents=[common], help=_("add to the meeting in progress: an action, agreement, note, "
        "jargon term, elephant or turning point")
    )
    capture.add_argument("kind", choices=CAPTURE_KINDS)
    capture.add_argument("text", metavar="TEXT", help=_("for a turning point, what happened (may be empty)"))
    capture.add_argument("--meeting", metavar="ID", help=_("default: the single meeting in progress"))
    capture.add_argument("--owner", metavar="O", help=_("an action's owner: a person or an organisation"))
    capture.add_argument("--due", metavar="PHRASE", help=_("an action's due date or an agreement's review date"))
    capture.add_argument("--confidential", action="store_true", help=_("never projected, left out of exports"))
    said = capture.add_mutually_exclusive_group()
    said.add_argument("--by", metavar="NAME", help=_("said by this person ('name' or 'name, organisation')"))
    said.add_argument("--org", metavar="ORG", help=_("said by this organisation, naming nobody"))
    said.add_argument("--anonymous", action="store_true", help=_("said by nobody on record (the default)"))
    capture.add_argument(
        "--kind", dest="kind_of", metavar="KIND",
        help=_("a turning point's kind: apology, concession, kind-word, new-understanding, other"),
    )
    capture.set_defaults(run="meetingkit.cli.meetings:command_capture", warns_about_place=True)


def _elephants(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`elephants [--partnership NAME] [--all]`: the parking lot, with the ids `elephant` takes."""
    elephants = commands.add_parser(
        "elephants", parents=[common], help=_("list open elephants with their short ids, oldest first")
    )
    elephants.add_argument("--partnership", metavar="NAME", help=_("only this partnership's (default: every one)"))
    elephants.add_argument("--all", action="store_true", help=_("addressed and let-go ones too"))
    elephants.add_argument(
        "--include-confidential", action="store_true", help=_("show confidential elephants' words (masked by default)")
    )
    elephants.set_defaults(run="meetingkit.cli.elephants:command_elephants", warns_about_place=True)


def _elephant(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`elephant discuss|address|let-go ID [--note TEXT] [--meeting ID]`: move one on, as the console does."""
    elephant = commands.add_parser(
        "elephant", parents=[common],
        help=_("move an elephant on in the meeting in progress: discuss it, mark it addressed, or let it go"),
    )
    elephant.add_argument("move", choices=tuple(MOVES))
    elephant.add_argument("elephant_id", metavar="ID", help=_("the elephant (any 6+ characters of its id, "
                          "as `meetingkit elephants` lists it)"))
    elephant.add_argument("--note", metavar="TEXT",
                          help=_("how it was addressed, or why it was let go (kept in its history)"))
    elephant.add_argument("--meeting", metavar="ID", help=_("default: the single meeting in progress"))
    elephant.set_defaults(run="meetingkit.cli.elephants:command_elephant", warns_about_place=True)


def _agreements(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`agreements [--partnership NAME] [--all]`: the register's agreements, with the ids `agreement` takes."""
    agreements = commands.add_parser(
        "agreements", parents=[common], help=_("list standing agreements with their short ids, due for review first")
    )
    agreements.add_argument("--partnership", metavar="NAME", help=_("only this partnership's (default: every one)"))
    agreements.add_argument("--all", action="store_true", help=_("revised and retired ones too"))
    agreements.add_argument(
        "--include-confidential", action="store_true", help=_("show confidential agreements' words (masked by default)")
    )
    agreements.set_defaults(run="meetingkit.cli.register:command_agreements", warns_about_place=True)


def _agreement(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`agreement review|revise|retire|edit|delete|history ID [...]`: as the register screen does."""
    agreement = commands.add_parser(
        "agreement", parents=[common],
        help=_("review an agreement (confirm it, with its next review day), revise its wording, retire it, "
             "correct a typo in it, delete it, or show its history"),
    )
    agreement.add_argument("change", choices=AGREEMENT_CHANGES)
    agreement.add_argument("agreement_id", metavar="ID", help=_("the agreement (any 6+ characters of its id, "
                           "as `meetingkit agreements` lists it)"))
    agreement.add_argument("--due", metavar="PHRASE",
                           help=_("review: the next review day (default: no further review); edit: a new review day"))
    agreement.add_argument("--text", metavar="TEXT",
                           help=_("revise: the new wording (the old one stays in the register, marked revised); "
                                "edit: the words with a typo fixed"))
    agreement.add_argument("--note", metavar="TEXT", help=_("kept in its history: why it was reviewed, retired, "
                           "corrected or deleted"))
    agreement.add_argument("--yes", action="store_true", help=_("delete: do not ask (for scripts)"))
    agreement.add_argument("--include-confidential", action="store_true",
                           help=_("history: show a confidential agreement's words and values (masked by default)"))
    agreement.set_defaults(run="meetingkit.cli.register:command_agreement", warns_about_place=True)


def _actions(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`actions [--partnership NAME]`: the open actions, with the ids `action` takes."""
    actions = commands.add_parser(
        "actions", parents=[common], help=_("list open actions with their short ids, the earliest due first")
    )
    actions.add_argument("--partnership", metavar="NAME", help=_("only this partnership's (default: every one)"))
    actions.add_argument(
        "--include-confidential", action="store_true", help=_("show confidential actions' words (masked by default)")
    )
    actions.set_defaults(run="meetingkit.cli.register:command_actions", warns_about_place=True)


def _action(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`action done|drop|edit|delete|history ID [...]`: close, correct or delete one action."""
    action = commands.add_parser(
        "action", parents=[common],
        help=_("mark an open action done or drop it, correct it (words, owner, due day), delete it, or show its history"),
    )
    action.add_argument("change", choices=ACTION_CHANGES)
    action.add_argument("action_id", metavar="ID", help=_("the action (any 6+ characters of its id, "
                        "as `meetingkit actions` lists it)"))
    action.add_argument("--note", metavar="TEXT", help=_("kept in its history: how it was done, why it was "
                        "dropped, corrected or deleted"))
    action.add_argument("--text", metavar="TEXT", help=_("edit: its new words"))
    action.add_argument("--owner", metavar="O", help=_("edit: its owner, read as `capture --owner` reads it "
                        "(empty: nobody yet)"))
    action.add_argument("--due", metavar="PHRASE", help=_("edit: its due day, read as `capture --due` reads it"))
    action.add_argument("--yes", action="store_true", help=_("delete: do not ask (for scripts)"))
    action.add_argument("--include-confidential", action="store_true",
                        help=_("history: show a confidential action's words and values (masked by default)"))
    action.set_defaults(run="meetingkit.cli.register:command_action", warns_about_place=True)


def _terms(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`terms --partnership NAME`: the glossary's terms with the ids `term` takes, and near-duplicates."""
    terms = commands.add_parser(
        "terms", parents=[common], help=_("list a partnership's jargon terms with short ids, tallies and look-alikes")
    )
    terms.add_argument("--partnership", required=True, metavar="NAME")
    terms.add_argument("--include-confidential", action="store_true", help=_("show confidential terms (masked by default)"))
    terms.set_defaults(run="meetingkit.cli.terms:command_terms", warns_about_place=True)


def _term(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`term rename ID NEW` | `term merge ID INTO_ID`: as the glossary screen's r and m do."""
    term = commands.add_parser("term", parents=[common], help=_("rename a jargon term, or merge it into another"))
    term.add_argument("change", choices=TERM_CHANGES)
    term.add_argument("term_id", metavar="ID", help=_("the term (any 6+ characters of its id, as `meetingkit terms` "
                      "lists it)"))
    term.add_argument("target", metavar="NEW|INTO_ID|LANG",
                      help=_("rename: the new spelling; merge: the term it joins; language: en, fr or none"))
    term.set_defaults(run="meetingkit.cli.terms:command_term", warns_about_place=True)


def _backup(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`backup DEST`."""
    backup = commands.add_parser("backup", parents=[common], help=_("a consistent copy of the database"))
    backup.add_argument("destination", metavar="DEST", help=_("a new file, or a folder to put a dated copy in"))
    backup.set_defaults(run="meetingkit.cli.maintenance:command_backup", warns_about_place=True)


def _purge(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`purge --before PHRASE`: retention."""
    purge = commands.add_parser("purge", parents=[common], help=_("delete old meetings for good (retention)"))
    purge.add_argument("--before", required=True, metavar="PHRASE",
                       help=_("meetings that started before the start of this one time: '2025', '1 March 2025', "
                       "'2 years ago'"))
    purge.add_argument("--partnership", metavar="NAME", help=_("only this partnership's meetings"))
    purge.add_argument("--dry-run", action="store_true", help=_("show what would be deleted, delete nothing"))
    purge.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    purge.set_defaults(run="meetingkit.cli.maintenance:command_purge", warns_about_place=True)


def _merge(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`merge OTHER.db`: another site's file into this one."""
    merge = commands.add_parser("merge", parents=[common], help=_("bring another site's file into this one"))
    merge.add_argument("other", metavar="OTHER.db", help=_("the other site's database file (only read, never changed)"))
    merge.add_argument("--dry-run", action="store_true", help=_("show what a merge would do, change nothing"))
    merge.add_argument("--yes", action="store_true",
                       help=_("delete the meetings the other site deleted without asking (for scripts)"))
    merge.set_defaults(run="meetingkit.cli.maintenance:command_merge", warns_about_place=True)


def _serve(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`serve`: the participant view for browsers in the room."""
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help=_("let people in the room add to the live boards from their own browser (needs meetingkit[serve])"),
        description=_("Serve the participant view: people open the address printed here, type the join code "
        "shown in the meeting (press i there), and can add jargon terms and elephants to that meeting."),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("the address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0 lets the room's network in)"),
    )
    serve.add_argument("--port", type=_port, default=8000, help=_("the port to listen on (default 8000)"))
    serve.set_defaults(run="meetingkit.cli.app:command_serve", warns_about_place=True)


def _wall(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`wall`: the room's read-only view of the meeting in progress, for the projector."""
    wall = commands.add_parser(
        "wall",
        parents=[common],
        help=_("show the meeting in progress full-screen for the room (run it in a window on the projector)"),
        description=_("A read-only view of the meeting in progress on the file, for the projector: the section, "
        "a big timer, the prompts, the boards and what was agreed, as the room may see them. It follows the "
        "console (started in another terminal) and never changes anything. q then Enter, or ctrl+q, stops it."),
    )
    wall.set_defaults(run="meetingkit.cli.app:command_wall", warns_about_place=False)


def _organisations(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`organisations --partnership P` and `organisation merge|alias ... --partnership P`."""
    listing = commands.add_parser(
        "organisations", parents=[common], help=_("list a partnership's organisations, with aliases and people counts")
    )
    listing.add_argument("--partnership", metavar="NAME", required=True, help=_("the partnership (any case)"))
    listing.add_argument("--include-confidential", action="store_true",
                         help=_("also organisations named only in confidential items (left out by default)"))
    listing.set_defaults(run="meetingkit.cli.organisations:command_organisations", warns_about_place=True)

    organisation = commands.add_parser(
        "organisation", parents=[common],
        help=_("merge one of a partnership's organisations into another, or give one an alias"),
    )
    changes = organisation.add_subparsers(dest="organisation_change", metavar="CHANGE", required=True)
    merge = changes.add_parser(
        "merge", parents=[common], help=_("join NAME into INTO_NAME: everything naming NAME names INTO_NAME, "
        "and NAME stays as its alias"),
    )
    merge.add_argument("name", metavar="NAME", help=_("the organisation to join into the other (any case)"))
    merge.add_argument("into_name", metavar="INTO_NAME", help=_("the organisation that stays (any case)"))
    merge.add_argument("--partnership", metavar="NAME", required=True, help=_("the partnership (any case)"))
    merge.set_defaults(run="meetingkit.cli.organisations:command_organisation_merge", warns_about_place=True)
    alias = changes.add_parser("alias", parents=[common], help=_("let NAME also be typed as ALIAS (a name not yet used)"))
    alias.add_argument("name", metavar="NAME", help=_("the organisation (any case)"))
    alias.add_argument("alias", metavar="ALIAS", help=_("the other name it goes by"))
    alias.add_argument("--partnership", metavar="NAME", required=True, help=_("the partnership (any case)"))
    alias.set_defaults(run="meetingkit.cli.organisations:command_organisation_alias", warns_about_place=True)


def _source(value: str) -> str:
    """`participate --source`: `meetingkit serve`'s opaque key for where a browser connects from."""
    if not re.fullmatch(r"[0-9a-f]{8,64}", value):
        raise argparse.ArgumentTypeError(_("not a source key"))
    return value


def _participate(commands: Commands, common: argparse.ArgumentParser) -> None:
    """`participate`: one participant's session, started by `serve`, not by people (so not listed)."""
    participate = commands.add_parser("participate", parents=[common])
    participate.add_argument("--source", type=_source, help=argparse.SUPPRESS)  # serve's key for the browser's address
    participate.set_defaults(run="meetingkit.cli.app:command_participate")


COMMANDS: list[Callable[[Commands, argparse.ArgumentParser], None]] = [
    _where, _agendas, _start, _attend, _resume, _end, _meetings, _export, _minutes, _glossary, _report, _demo, _search, _capture,
    _elephants, _elephant, _agreements, _agreement, _actions, _action, _terms, _term, _backup, _purge, _merge, _serve, _participate,
    _organisations,
]
"""Every command, in the order `meetingkit --help` lists them."""


def _port(text: str) -> int:
    """A TCP port number, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a port number").format(text=text)) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(_("{port} is not a port number (1 to 65535)").format(port=port))
    return port
