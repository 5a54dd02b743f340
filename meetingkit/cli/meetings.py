"""The meeting commands: start, attend, end, meetings and capture, for scripts and a second terminal.

Each prints its result only after the store has committed, so a script that sees
an id can rely on the row being on disk.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import choose_agenda, find_partnership, pick_meeting
from meetingkit.cli.output import print_columns, print_warning
from meetingkit.context import Context
from meetingkit.core.clock import describe_day, describe_time, format_minutes, local, to_iso
from meetingkit.core.dates import DateNotUnderstood, describe_date, parse_optional_date, second_look
from meetingkit.core.i18n import _, language, ngettext, pgettext
from meetingkit.core.models import (
    ANONYMOUS,
    Meeting,
    MeetingStatus,
    Speaker,
    TurningPointKind,
    WorkingLanguage,
)
from meetingkit.core.text import TextTooLong, read_attendees
from meetingkit.store import Store
from meetingkit.store.errors import MeetingEnded
from meetingkit.usecases import capture
from meetingkit.usecases.meetings import add_arrival, end_meeting, start_meeting

BOARD_KINDS = ("jargon", "elephant", "turning-point")
"""What `capture` can put on a board (the rest are an action, an agreement or a note)."""

CAPTURE_KINDS = ("action", "agreement", "note", *BOARD_KINDS)
"""Everything `capture` takes, in the order its help lists them."""


def command_start(context: Context, args: argparse.Namespace) -> int:
    """Create and start a meeting, creating the partnership if it is new; print its id."""
    agenda = choose_agenda(context, args.type, args.agenda)
    with context.open_store() as store:
        try:
            attendees = read_attendees(args.attendee or [], _known_organisations(store, args.partnership))
            meeting = start_meeting(
                store, args.partnership, agenda, title=args.title or "", site=args.site or "", attendees=attendees,
                language=WorkingLanguage(args.language or language()),
            )
        except (TextTooLong, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(meeting.id)
    return ExitCode.OK


def _known_organisations(store: Store, partnership: str) -> list[str]:
    """The organisations of the partnership called `partnership` (any case), as the new-meeting form knows them."""
    known = find_partnership(store, partnership)
    return list(store.partnerships.known_names(known.id).values()) + [  # and their aliases (`OCSB`)
        alias for o in store.partnerships.organisations(known.id) for alias in o.aliases] if known else []


def command_attend(context: Context, args: argparse.Namespace) -> int:
    """Record a late arrival ("name, organisation") in a meeting; print how the person is shown."""
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting_id)
        ended = CommandError(_("{title} ({id}) has ended; arrivals are recorded while it runs.").format(
            title=meeting.title, id=meeting.id))
        if meeting.status is MeetingStatus.ENDED:
            raise ended
        try:
            person = add_arrival(store, meeting.id, args.entry)
        except MeetingEnded:  # ended by another process a moment ago
            raise ended from None
        except (TextTooLong, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(person.label)
    return ExitCode.OK


def command_end(context: Context, args: argparse.Namespace) -> int:
    """End a meeting and save its summary."""
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting_id)
        if meeting.status is MeetingStatus.ENDED:
            raise CommandError(_("{title} ({id}) has already ended.").format(title=meeting.title, id=meeting.id))
        summary = end_meeting(store, meeting.id)
    agreements, actions = len(summary.agreements), len(summary.actions)
    # English has always said "agreement(s)" and "action(s)" here; French says each in its number.
    print(_("Ended {title} ({partnership}) after {duration}, {agreements}, {actions}.").format(
        title=summary.title, partnership=summary.partnership, duration=format_minutes(summary.actual_seconds),
        agreements=ngettext("{count} agreement(s)", "{count} agreement(s)", agreements).format(count=agreements),
        actions=ngettext("{count} action(s)", "{count} action(s)", actions).format(count=actions),
    ))
    return ExitCode.OK


def status_words(status: MeetingStatus) -> str:
    """A meeting's status as `meetingkit meetings` shows it, in the language in use."""
    return {
        MeetingStatus.PLANNED: pgettext("meeting status", "planned"),
        MeetingStatus.RUNNING: pgettext("meeting status", "in progress"),
        MeetingStatus.ENDED: pgettext("meeting status", "ended"),
    }[status]


def command_meetings(context: Context, args: argparse.Namespace) -> int:
    """List every meeting, newest first, as a table or as JSON."""
    with context.open_store() as store:
        meetings = store.meetings.recent(limit=None)
        now = store.clock.now()
    if args.json:
        json.dump([_meeting_record(m) for m in meetings], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return ExitCode.OK
    if not meetings:
        print(_("No meetings yet. Start one in the app, or with `meetingkit start`."))
        return ExitCode.OK
    header = (
        pgettext("column", "id"), pgettext("column", "when"), pgettext("column", "status"),
        pgettext("column", "type"), pgettext("column", "partnership"), pgettext("column", "title"),
    )
    rows = [
        (
            m.id,
            f"{describe_day(m.started_at or m.created_at, today=now)} {describe_time(m.started_at)}".strip(),
            status_words(m.status),
            m.meeting_type,
            m.partnership_name,
            m.title,
        )
        for m in meetings
    ]
    print_columns([header, *rows])
    return ExitCode.OK


def _meeting_record(meeting: Meeting) -> dict[str, Any]:
    """One meeting as `meetings --json` prints it (a contract for scripts)."""
    sections = meeting.sections
    current = sections[meeting.current_position].title if 0 <= meeting.current_position < len(sections) else None
    return {
        "id": meeting.id,
        "partnership": meeting.partnership_name,
        "meeting_type": meeting.meeting_type,
        "title": meeting.title,
        "site": meeting.site,
        "agenda": meeting.agenda_name,
        "status": meeting.status.value,
        "started_at": to_iso(meeting.started_at) if meeting.started_at else None,
        "ended_at": to_iso(meeting.ended_at) if meeting.ended_at else None,
        "attendee_count": meeting.attendee_count,
        "current_section": current if meeting.status is MeetingStatus.RUNNING else None,
    }


def command_capture(context: Context, args: argparse.Namespace) -> int:
    """Add an item to a meeting in progress; print the new id once it is committed."""
    _check_capture_options(args)  # before the file is even opened, so a refusal leaves no trace
    with context.open_store() as store:
        try:
            meeting = pick_meeting(store, args.meeting)
            new_id = _capture(store, meeting.id, args)
        except (DateNotUnderstood, TextTooLong, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(new_id)
    return ExitCode.OK


def _check_capture_options(args: argparse.Namespace) -> None:
    """Refuse options a kind of capture cannot carry."""
    if args.kind == "note" and (args.owner or args.due or args.by or args.org or args.kind_of):
        raise CommandError(_("A note is just text: no owner, due date, kind or attribution."))
    if args.kind in BOARD_KINDS and (args.owner or args.due):
        # English has always named the kind as typed ("not for a elephant"); scripts may match it.
        raise CommandError({
            "jargon": _("--owner and --due are for actions and agreements, not for a jargon."),
            "elephant": _("--owner and --due are for actions and agreements, not for a elephant."),
            "turning-point": _("--owner and --due are for actions and agreements, not for a turning-point."),
        }[args.kind])
    if args.kind == "agreement" and args.owner:
        raise CommandError(_("An agreement has no owner; use `capture action` for that."))
    if args.kind_of and args.kind != "turning-point":
        raise CommandError(_("--kind is for turning points."))


def _speaker(args: argparse.Namespace) -> Speaker:
    """Who said it, from --by, --org or --anonymous (the default)."""
    if args.by:
        return Speaker.person_typed(args.by)
    if args.org:
        return Speaker.organisation_typed(args.org)
    return ANONYMOUS


def _turning_point_kind(typed: str | None) -> TurningPointKind | None:
    """`--kind new-understanding` as the model's kind; one line listing the kinds if unknown."""
    if not typed:
        return None
    try:
        return TurningPointKind(typed.replace("-", "_"))
    except ValueError:
        kinds = ", ".join(k.value.replace("_", "-") for k in TurningPointKind)
        raise CommandError(_("--kind must be one of {kinds}.").format(kinds=kinds)) from None


def _capture(store: Store, meeting_id: str, args: argparse.Namespace) -> str:
    """Capture the one item asked for, through the use case the console uses too; its id."""
    text, speaker, confidential = args.text, _speaker(args), args.confidential
    if args.kind == "note":
        return capture.add_note(store, meeting_id, text, confidential=confidential)
    if args.kind == "jargon":
        return capture.name_jargon(store, meeting_id, text, speaker=speaker, confidential=confidential)[0]
    if args.kind == "elephant":
        return capture.raise_elephant(store, meeting_id, text, speaker=speaker, confidential=confidential)
    if args.kind == "turning-point":
        kind = _turning_point_kind(args.kind_of)
        return capture.mark_turning_point(
            store, meeting_id, note=text, kind=kind, speaker=speaker, confidential=confidential
        )
    today = local(store.clock.now()).date()
    when = parse_optional_date(args.due or "", today)
    if args.kind == "agreement":
        saved = capture.add_agreement(
            store, meeting_id, text, review_on=when, speaker=speaker, confidential=confidential
        ).id
    else:
        saved = capture.add_action(
            store, meeting_id, text, owner=args.owner or "", due_on=when, speaker=speaker, confidential=confidential
        ).id
    if when is not None:  # how the date was read, beside the id (stdout stays the id alone, for scripts)
        said = (_("meetingkit: review {day}") if args.kind == "agreement" else _("meetingkit: due {day}"))
        print(said.format(day=describe_date(when, today)), file=sys.stderr)
        look = second_look(args.due, when, today)
        if look:
            print_warning(look)
    return saved
