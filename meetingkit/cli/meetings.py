"""The meeting commands: start, end, meetings and capture, for scripts and a second terminal.

Each prints its result only after the store has committed, so a script that sees
an id can rely on the row being on disk.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import choose_agenda, pick_meeting
from meetingkit.cli.output import print_columns
from meetingkit.context import Context
from meetingkit.core.clock import describe_day, describe_time, format_minutes, local, to_iso
from meetingkit.core.dates import DateNotUnderstood, parse_optional_date
from meetingkit.core.models import Attribution, Meeting, MeetingStatus, TurningPointKind
from meetingkit.core.text import TextTooLong, split_attendee
from meetingkit.store import Store

BOARD_KINDS = ("jargon", "elephant", "turning-point")
"""What `capture` can put on a board (the rest are an action, an agreement or a note)."""

CAPTURE_KINDS = ("action", "agreement", "note", *BOARD_KINDS)
"""Everything `capture` takes, in the order its help lists them."""


def command_start(context: Context, args: argparse.Namespace) -> int:
    """Create and start a meeting, creating the partnership if it is new; print its id."""
    agenda = choose_agenda(context, args.type, args.agenda)
    with context.open_store() as store:
        try:
            partnership = store.partnerships.ensure(args.partnership)
            meeting = store.meetings.create(partnership.id, agenda, title=args.title or "", site=args.site or "")
            store.meetings.start(meeting.id)
        except (TextTooLong, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(meeting.id)
    return ExitCode.OK


def command_end(context: Context, args: argparse.Namespace) -> int:
    """End a meeting and save its summary."""
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting_id)
        if meeting.status is MeetingStatus.ENDED:
            raise CommandError(f"{meeting.title} ({meeting.id}) has already ended.")
        summary = store.records.end_and_summarise(meeting.id)
    print(
        f"Ended {summary['title']} ({summary['partnership']}) after {format_minutes(summary['actual_seconds'])}, "
        f"{len(summary['agreements'])} agreement(s), {len(summary['actions'])} action(s)."
    )
    return ExitCode.OK


STATUS_WORDS = {MeetingStatus.PLANNED: "planned", MeetingStatus.RUNNING: "in progress", MeetingStatus.ENDED: "ended"}
"""A meeting's status as `meetingkit meetings` shows it."""


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
        print("No meetings yet. Start one in the app, or with `meetingkit start`.")
        return ExitCode.OK
    header = ("id", "when", "status", "type", "partnership", "title")
    rows = [
        (
            m.id,
            f"{describe_day(m.started_at or m.created_at, today=now)} {describe_time(m.started_at)}".strip(),
            STATUS_WORDS[m.status],
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
    """Add an action, an agreement or a note to a meeting; print the new id once it is committed."""
    with context.open_store() as store:
        try:
            meeting = pick_meeting(store, args.meeting)
            if meeting.status is not MeetingStatus.RUNNING:
                raise CommandError(
                    f"{meeting.title} ({meeting.id}) is {meeting.status.value}; capture into a meeting in progress."
                )
            _check_capture_options(args)  # before anything is written, so a refusal leaves no trace
            new_id = _capture(store, meeting, args)
        except (DateNotUnderstood, TextTooLong, ValueError) as problem:
            raise CommandError(str(problem)) from None
    print(new_id)
    return ExitCode.OK


def _check_capture_options(args: argparse.Namespace) -> None:
    """Refuse options a kind of capture cannot carry."""
    if args.kind == "note" and (args.owner or args.due or args.by or args.org or args.kind_of):
        raise CommandError("A note is just text: no owner, due date, kind or attribution.")
    if args.kind in BOARD_KINDS and (args.owner or args.due):
        raise CommandError(f"--owner and --due are for actions and agreements, not for a {args.kind}.")
    if args.kind == "agreement" and args.owner:
        raise CommandError("An agreement has no owner; use `capture action` for that.")
    if args.kind_of and args.kind != "turning-point":
        raise CommandError("--kind is for turning points.")


def _capture(store: Store, meeting: Meeting, args: argparse.Namespace) -> str:
    """Write the one item asked for; its id."""
    if args.kind == "note":
        return store.meetings.append_note(meeting.id, args.text)
    if args.kind in BOARD_KINDS:
        return _capture_on_board(store, meeting, args, _credit(store, meeting, args))
    today = local(store.clock.now()).date()
    if args.kind == "agreement":
        review_on = parse_optional_date(args.due or "", today)
        return store.business.add_agreement(
            meeting.id, args.text, review_on=review_on, confidential=args.confidential,
            **_credit(store, meeting, args),
        ).id
    due_on = parse_optional_date(args.due or "", today)
    credit = _credit(store, meeting, args)
    person_id, organisation_id = store.business.resolve_owner(meeting.id, args.owner or "")
    return store.business.add_action(
        meeting.id,
        args.text,
        owner_person_id=person_id,
        owner_organisation_id=organisation_id,
        due_on=due_on,
        confidential=args.confidential,
        **credit,
    ).id


def _credit(store: Store, meeting: Meeting, args: argparse.Namespace) -> dict[str, Any]:
    """The attribution asked for with --by, --org or --anonymous (the default)."""
    if args.by:
        name, organisation_name = split_attendee(args.by)
        wanted = args.by.strip().casefold()
        known = [p for p in store.meetings.attendees(meeting.id) if wanted in (p.label.casefold(), (p.name or "").casefold())]
        person = known[0] if known else store.partnerships.add_person(meeting.partnership_id, name, organisation_name)
        return {"attribution": Attribution.NAMED, "person_id": person.id, "organisation_id": person.organisation_id}
    if args.org:
        organisation = store.partnerships.ensure_organisation(meeting.partnership_id, args.org)
        return {"attribution": Attribution.ORGANISATION, "organisation_id": organisation.id}
    return {"attribution": Attribution.ANONYMOUS}


def _capture_on_board(store: Store, meeting: Meeting, args: argparse.Namespace, credit: dict[str, Any]) -> str:
    """A jargon term, an elephant or a turning point; for jargon, the term's id."""
    if args.kind == "jargon":
        term_id, _ = store.jargon.mention(meeting.id, args.text, confidential=args.confidential, **credit)
        return term_id
    if args.kind == "elephant":
        return store.boards.raise_elephant(meeting.id, args.text, confidential=args.confidential, **credit)
    kind = None
    if args.kind_of:
        try:
            kind = TurningPointKind(args.kind_of.replace("-", "_"))
        except ValueError:
            kinds = ", ".join(k.value.replace("_", "-") for k in TurningPointKind)
            raise CommandError(f"--kind must be one of {kinds}.") from None
    return store.boards.mark_turning_point(meeting.id, note=args.text, kind=kind, confidential=args.confidential, **credit)
