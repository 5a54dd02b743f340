"""The commands that run an app: the facilitator's console (with or without `resume`), the
room's `wall`, `serve` and its participant sessions, and `demo`, which fills a file to explore in it.

Textual is imported inside the command that runs it, never at the top of this module,
so every other command starts quickly and works without a terminal.
"""

from __future__ import annotations

import argparse
import time
import warnings

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.context import Context
from meetingkit.core.clock import Clock, FrozenClock
from meetingkit.core.i18n import _, choose_language, language
from meetingkit.core.localise import number_text
from meetingkit.core.models import MeetingStatus

DEMO_MEETINGS_MAX = 100_000
"""The most meetings `demo` invents: ten times the benchmark database (a larger number overflowed)."""


def command_tui(context: Context, args: argparse.Namespace) -> int:
    """Open the app on the chosen database (what `meetingkit` does with no command)."""
    return _run_console(context, resume=None, resume_asked=False, lang=getattr(args, "lang", None))


def command_resume(context: Context, args: argparse.Namespace) -> int:
    """Open the app straight into a meeting in progress: the one named, or the single one running."""
    return _run_console(context, resume=args.meeting_id, resume_asked=True, lang=getattr(args, "lang", None))


def _run_console(context: Context, resume: str | None, *, resume_asked: bool, lang: str | None) -> int:
    with context.open_store() as store:
        open_meeting = None
        if resume_asked:
            from meetingkit.cli.lookup import pick_meeting

            meeting = pick_meeting(store, resume)
            if meeting.status is not MeetingStatus.RUNNING:
                raise CommandError((
                    _("{title} ({id}) is planned, not in progress.") if meeting.status is MeetingStatus.PLANNED
                    else _("{title} ({id}) is ended, not in progress.")
                ).format(title=meeting.title, id=meeting.id))
            open_meeting = meeting.id
        from meetingkit.ui.app import create_app  # Textual loads only for the TUI

        app = create_app(store, context.load_agendas(), open_meeting=open_meeting,
                         ask_language=not _language_chosen(lang))
        app.run()
    return app.return_code or ExitCode.OK


def _language_chosen(option: str | None) -> bool:
    """Whether `--lang`, `MEETINGKIT_LANG` or the settings chose the language (else it is asked)."""
    from meetingkit.core.settings import load_settings

    return choose_language(option, saved=load_settings().language)[1]


def command_wall(context: Context, args: argparse.Namespace) -> int:
    """The wall: the meeting in progress for the room, read-only, until asked to stop.

    The file is opened for reading only, so the wall can never migrate or write it: a file
    that does not exist yet, or that an older meetingkit wrote, is refused with a line saying
    what to do, before any screen opens.
    """
    with context.open_store(read_only=True) as store:
        from meetingkit.ui.wall.app import create_wall_app  # Textual loads only for the wall

        app = create_wall_app(store)
        app.run()
    return app.return_code or ExitCode.OK


def command_serve(context: Context, args: argparse.Namespace) -> int:
    """Serve the participant view with textual-serve until Ctrl+C."""
    host, port = args.host, args.port
    if context.encrypted:
        raise CommandError(_(
            "meetingkit serve cannot use an encrypted database: every browser gets its own meetingkit "
            "process, and each would need the passphrase, which meetingkit never passes on. "
            "Run meetings that take part from browsers on a plain database file."
        ))
    try:
        import textual_serve  # noqa: F401 - only to know that the extra is installed
    except ImportError:
        raise CommandError(_(
            "meetingkit serve needs the serve extra, which is not installed here. "
            "Install it with: pip install 'meetingkit[serve]'"
        )) from None
    from meetingkit.participant import serve as serving
    from meetingkit.serving import leave_note

    with context.open_store() as store:  # opened, checked and upgraded once, before any browser process uses it
        if store.read_only:
            raise CommandError(_("{path} can only be read here, so participants could not add to it.").format(
                path=context.db_path))
        running = store.meetings.running()
    print(_("Serving the meeting(s) in {path}").format(path=context.db_path))
    if not running:
        print(_("No meeting is in progress yet: participants can join once one starts."))
    serving.announce(host, port)
    note = leave_note(context.db_path, host, port)  # for the invite screen (i) to show the address
    try:
        serving.serve(context.db_path, host, port)
    except OSError as error:
        raise CommandError(_(
            "could not listen on {host} port {port}: {problem}. "
            "If another meetingkit serve is running, stop it or choose another --port."
        ).format(host=host, port=port, problem=error.strerror or error)) from None
    finally:
        note.unlink(missing_ok=True)
    return ExitCode.OK


def command_participate(context: Context, args: argparse.Namespace) -> int:
    """One participant's browser session (started by `meetingkit serve`, one process per browser)."""
    if context.encrypted:
        raise CommandError(_("a participant session cannot open an encrypted database."))
    # Textual's web driver can leave a message unsent as the browser goes away; the warning
    # would land on the facilitator's terminal (textual-serve passes a session's stderr on).
    warnings.filterwarnings("ignore", message="coroutine .* was never awaited", category=RuntimeWarning)
    with context.open_store() as store:
        from meetingkit.participant.app import ParticipantApp  # Textual loads only here
        from meetingkit.participant.session import RoomSession

        ParticipantApp(RoomSession(store, source=args.source)).run()
    return ExitCode.OK


def command_demo(context: Context, args: argparse.Namespace) -> int:
    """Fill the database with an invented, reproducible history to explore, or to benchmark at scale.

    The fill commits hundreds of thousands of times (each capture is its own write, as in
    the app), so it runs without an fsync per commit: invented data can be made again.
    Durability is back on before the file is closed, so the last checkpoint reaches the disk.
    """
    from meetingkit.demo import DEMO_SUFFIX, demo_start, fill

    if not 1 <= args.meetings <= DEMO_MEETINGS_MAX:
        raise CommandError(_("--meetings must be between 1 and {most}.").format(most=number_text(DEMO_MEETINGS_MAX)))
    started = time.monotonic()
    until = Clock().now()
    clock = FrozenClock(demo_start(args.meetings, until))
    with context.open_store(clock=clock) as store:
        real = [p.name for p in store.partnerships.all() if not p.name.endswith(DEMO_SUFFIX)]
        if real and not args.force:
            raise CommandError(_(
                "{path} already holds real partnerships ({names}). Invented meetings "
                "would mix with them: use another --db, or add --force if you really mean it."
            ).format(path=context.db_path, names=", ".join(real[:3])))
        store.db.set_durable(False)
        counts = fill(store, clock, context.load_agendas(), meetings=args.meetings, seed=args.seed, until=until)
        store.db.set_durable(True)
    seconds = time.monotonic() - started
    if seconds < 60:
        tenths = f"{seconds:.1f}"
        took = _("{seconds} s").format(seconds=tenths if language() == "en" else tenths.replace(".", ","))
    else:
        minutes, rest = divmod(round(seconds), 60)
        took = _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    print(_(
        "Added {meetings} demo meetings to {path} in {took}: "
        "{items} captured items ({each} a meeting): "
        "{mentions} jargon mentions, {meanings} meanings, "
        "{notes} section notes, {elephants} elephants, "
        "{turning_points} turning points, {agreements} agreements, "
        "{actions} actions."
    ).format(
        meetings=number_text(counts["meetings"]), path=context.db_path, took=took,
        items=number_text(counts["items"]), each=number_text(round(counts["items"] / counts["meetings"])),
        mentions=number_text(counts["jargon_mentions"]), meanings=number_text(counts["jargon_meanings"]),
        notes=number_text(counts["section_notes"]), elephants=number_text(counts["elephants"]),
        turning_points=number_text(counts["turning_points"]), agreements=number_text(counts["agreements"]),
        actions=number_text(counts["actions"]),
    ))
    return ExitCode.OK
