"""The `meetingkit` command: the TUI by default, and small commands around it.

The command names and options here are a contract that scripts and later
commands rely on. Textual is imported only when the TUI opens, so the other
commands start quickly and work without a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from meetingkit import __version__
from meetingkit.commands import (
    CommandError,
    add_meeting_commands,
    command_capture,
    command_demo,
    command_end,
    command_export,
    command_glossary,
    command_meetings,
    command_report,
    command_search,
    command_start,
    pick_meeting,
)
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaError, load_agenda
from meetingkit.core.models import MeetingStatus
from meetingkit.core.paths import DB_ENV
from meetingkit.maintenance import MAINTENANCE_COMMANDS, add_maintenance_commands
from meetingkit.store import StoreError
from meetingkit.store.connection import database_errors, encryption_available
from meetingkit.store.location import examine_place, location_warning, read_only_notice, removable_notice

MEETING_COMMANDS = {
    "start": command_start,
    "end": command_end,
    "meetings": command_meetings,
    "capture": command_capture,
    "export": command_export,
    "glossary": command_glossary,
    "report": command_report,
    "search": command_search,
    "demo": command_demo,
    **MAINTENANCE_COMMANDS,
}

EXIT_OK = 0
EXIT_FAILED = 1

NEW_PASSPHRASE_MIN_LENGTH = 8
"""Shortest passphrase accepted for a new encrypted file: a shared PC is exactly where one gets guessed."""


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
        help=f"the database file (default: ${DB_ENV}, else your user data folder)",
    )
    parser.add_argument(
        "--agendas",
        metavar="DIR",
        action="append",
        default=default,
        help="also read agenda templates from DIR (may be repeated; later ones win)",
    )
    parser.add_argument(
        "--encrypted",
        action="store_true",
        default=default,
        help="the database file is (or is to be made) encrypted; its passphrase is asked on the terminal",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as one argparse tree."""
    parser = argparse.ArgumentParser(
        prog="meetingkit",
        description="Run and remember cross-agency partnership meetings. With no command, opens the app.",
        parents=[_common_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"meetingkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(top_level=False)

    commands.add_parser(
        "where", parents=[common], help="show the database file and the agenda folders in use"
    )
    agendas = commands.add_parser("agendas", parents=[common], help="list the agenda templates")
    agenda_commands = agendas.add_subparsers(dest="agenda_command", metavar="ACTION")
    check = agenda_commands.add_parser("check", parents=[common], help="check one template file")
    check.add_argument("file", type=Path, help="the .toml file to check")
    add_meeting_commands(commands, common)
    add_maintenance_commands(commands, common)
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="let people in the room add to the live boards from their own browser (needs meetingkit[serve])",
        description="Serve the participant view: people open the address printed here, type the join code "
        "shown in the meeting (press i there), and can add jargon terms and elephants to that meeting.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0 lets the room's network in)",
    )
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    # One participant's browser session; started by `serve`, not by people (so not listed).
    commands.add_parser("participate", parents=[common])
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def _print_error(message: str) -> None:
    print(f"meetingkit: {message}", file=sys.stderr)


def ask_passphrase(path: Path, new: bool) -> str:
    """Ask for an encrypted file's passphrase on the terminal (twice, when the file is to be made).

    Only ever from the terminal, with nothing echoed: never from an option, the
    environment or a pipe, where it would be kept in shell history, the process list
    or a script. Asked again on each run, and never stored.

    Raises:
        CommandError: there is no terminal to ask on, nothing was typed, or (for a new
            file) the two entries differ or are too short; nothing was made or opened.
    """
    if not sys.stdin.isatty():
        raise CommandError(
            f"{path} is encrypted, and its passphrase can only be typed in a terminal; this run has none. "
            "Run the command in a terminal window."
        )
    try:
        if not new:
            passphrase = getpass.getpass(f"Passphrase for {path.name}: ")
            if not passphrase:
                raise CommandError("No passphrase was typed; nothing was opened.")
            return passphrase
        print(
            f"{path.name} will be a new encrypted file. Nobody can open it without its passphrase, "
            "and a lost passphrase cannot be recovered.",
            file=sys.stderr,
        )
        passphrase = getpass.getpass("Choose a passphrase: ")
        if len(passphrase) < NEW_PASSPHRASE_MIN_LENGTH:
            raise CommandError(
                f"A passphrase needs at least {NEW_PASSPHRASE_MIN_LENGTH} characters (a few words are easiest "
                "to remember); nothing was created."
            )
        if getpass.getpass("Type it again: ") != passphrase:
            raise CommandError("The two passphrases were not the same; nothing was created.")
        return passphrase
    except EOFError:
        raise CommandError("No passphrase was typed; nothing was opened.") from None


def _describe_db(path: Path, source: str) -> str:
    if not path.exists():
        if not path.parent.is_dir() and source != "the default location":
            return f"its folder {path.parent} does not exist"
        return "not created yet; it will be made when the app first opens"
    size = path.stat().st_size
    return f"{size:,} bytes"


def command_where(context: Context) -> int:
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
    return EXIT_OK


def command_agendas(context: Context) -> int:
    """List every usable template, then every broken one with what is wrong."""
    library = context.load_agendas()
    rows = [
        (agenda.id, agenda.meeting_type, f"{agenda.total_minutes} min", f"{len(agenda.sections)} sections", agenda.name)
        for agenda in sorted(library.agendas.values(), key=lambda a: (a.meeting_type, a.id))
    ]
    if rows:
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4])
    else:
        print("No agenda templates found. `meetingkit where` shows the folders searched.")
    for error in library.errors:
        _print_error(f"skipped broken template {error}")
    return EXIT_FAILED if library.errors else EXIT_OK


def command_agendas_check(path: Path) -> int:
    """Check one template: say what it holds, or exactly what is wrong."""
    try:
        agenda = load_agenda(path)
    except AgendaError as error:
        _print_error(str(error))
        return EXIT_FAILED
    print(
        f"{path}: ok — {agenda.name!r}, type {agenda.meeting_type}, "
        f"{len(agenda.sections)} sections, {agenda.total_minutes} minutes"
    )
    return EXIT_OK


def command_tui(context: Context, resume: str | None = None, *, resume_asked: bool = False) -> int:
    """Open the app on the chosen database, optionally straight into a meeting in progress."""
    store = context.open_store()
    open_meeting = None
    try:
        if resume_asked:
            meeting = pick_meeting(store, resume)
            if meeting.status is not MeetingStatus.RUNNING:
                raise CommandError(f"{meeting.title} ({meeting.id}) is {meeting.status.value}, not in progress.")
            open_meeting = meeting.id
    except BaseException:
        store.close()
        raise
    from meetingkit.ui.app import create_app  # Textual loads only for the TUI

    app = create_app(store, context.load_agendas(), open_meeting=open_meeting)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK


def command_serve(context: Context, host: str, port: int) -> int:
    """Serve the participant view with textual-serve until Ctrl+C."""
    if context.encrypted:
        raise CommandError(
            "meetingkit serve cannot use an encrypted database: every browser gets its own meetingkit "
            "process, and each would need the passphrase, which meetingkit never passes on. "
            "Run meetings that take part from browsers on a plain database file."
        )
    try:
        import textual_serve  # noqa: F401 - only to know that the extra is installed
    except ImportError:
        raise CommandError(
            "meetingkit serve needs the serve extra, which is not installed here. "
            "Install it with: pip install 'meetingkit[serve]'"
        ) from None
    from meetingkit.participant import serve as serving

    store = context.open_store()  # opened, checked and upgraded once, before any browser process uses it
    try:
        if store.read_only:
            raise CommandError(f"{context.db_path} can only be read here, so participants could not add to it.")
        running = store.meetings.running()
    finally:
        store.close()
    print(f"Serving the meeting(s) in {context.db_path}")
    if not running:
        print("No meeting is in progress yet: participants can join once one starts.")
    serving.announce(host, port)
    note = serving.leave_note(context.db_path, host, port)  # for the invite screen (i) to show the address
    try:
        serving.serve(context.db_path, host, port)
    except OSError as error:
        raise CommandError(
            f"could not listen on {host} port {port}: {error.strerror or error}. "
            "If another meetingkit serve is running, stop it or choose another --port."
        ) from None
    finally:
        note.unlink(missing_ok=True)
    return EXIT_OK


def command_participate(context: Context) -> int:
    """One participant's browser session (started by `meetingkit serve`, one process per browser)."""
    if context.encrypted:
        raise CommandError("a participant session cannot open an encrypted database.")
    # Textual's web driver can leave a message unsent as the browser goes away; the warning
    # would land on the facilitator's terminal (textual-serve passes a session's stderr on).
    warnings.filterwarnings("ignore", message="coroutine .* was never awaited", category=RuntimeWarning)
    store = context.open_store()
    from meetingkit.participant.app import ParticipantApp  # Textual loads only here
    from meetingkit.participant.session import RoomSession

    try:
        ParticipantApp(RoomSession(store)).run()
    finally:
        store.close()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = build_parser().parse_args(argv)
    if args.db is not None and not args.db.strip():
        _print_error("--db was given an empty path; name a database file")
        return EXIT_FAILED
    if args.encrypted and not encryption_available():
        _print_error("--encrypted needs the encryption extra, which is not installed here. "
                     "Install it with: pip install 'meetingkit[encrypted]'")
        return EXIT_FAILED
    context = Context.from_options(args.db, args.agendas, ask_passphrase=ask_passphrase if args.encrypted else None)
    missing = context.missing_agenda_folders()
    if missing:
        _print_error(f"agenda folder {missing[0]} does not exist; check the --agendas path")
        return EXIT_FAILED
    try:
        if args.command == "where":
            return command_where(context)
        if args.command == "agendas":
            if getattr(args, "agenda_command", None) == "check":
                return command_agendas_check(args.file)
            return command_agendas(context)
        if args.command in MEETING_COMMANDS:
            warning = location_warning(context.db_path)
            if warning:
                print(f"meetingkit: warning: {warning}", file=sys.stderr)
            return MEETING_COMMANDS[args.command](context, args)
        if args.command == "serve":
            warning = location_warning(context.db_path)
            if warning:
                print(f"meetingkit: warning: {warning}", file=sys.stderr)
            return command_serve(context, args.host, args.port)
        if args.command == "participate":
            return command_participate(context)
        if args.command == "resume":
            return command_tui(context, args.meeting_id, resume_asked=True)
        return command_tui(context)
    except (StoreError, CommandError) as error:
        _print_error(str(error))
        return EXIT_FAILED
    except (*database_errors(), OSError) as error:
        if isinstance(error, BrokenPipeError):  # `meetingkit meetings | head`: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        # Whatever SQLite or the system refused, one line and a non-zero exit, never a traceback.
        _print_error(f"{context.db_path}: {error}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
