"""The meeting commands: start, end, meetings and capture, for scripts and a second terminal.

Each prints its result only after the store has committed, so a script that sees
an id can rely on the row being on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from meetingkit.context import Context
from meetingkit.core.clock import describe_day, describe_time, format_minutes, from_iso, local, to_iso
from meetingkit.core.dates import DateNotUnderstood, parse_optional_date
from meetingkit.core.export import FORMATS, GLOSSARY_FORMATS, glossary_to, render
from meetingkit.core.models import Attribution, Meeting, MeetingStatus, Partnership, TurningPointKind
from meetingkit.core.periods import Period, PeriodNotUnderstood, parse_period
from meetingkit.core.report import REPORT_FORMATS, REPORT_RENDERERS
from meetingkit.core.text import HIT_END, HIT_START, TextTooLong, split_attendee
from meetingkit.store import Store

EXIT_OK = 0
EXIT_FAILED = 1


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def _choose_agenda(context: Context, meeting_type: str, agenda_name: str | None):
    library = context.load_agendas()
    if agenda_name:
        wanted = agenda_name.casefold()
        for agenda in library.agendas.values():
            if wanted in (agenda.id.casefold(), agenda.name.casefold()):
                return agenda
        names = ", ".join(sorted(library.agendas))
        raise CommandError(f"No agenda called {agenda_name!r}. Agendas: {names}.")
    matching = library.for_type(meeting_type)
    if not matching:
        types = ", ".join(library.meeting_types) or "none"
        raise CommandError(f"No agenda for meeting type {meeting_type!r}. Types: {types}.")
    return matching[0]


def command_start(context: Context, args: argparse.Namespace) -> int:
    """Create and start a meeting, creating the partnership if it is new; print its id."""
    agenda = _choose_agenda(context, args.type, args.agenda)
    store = context.open_store()
    try:
        partnership = store.partnerships.ensure(args.partnership)
        meeting = store.meetings.create(partnership.id, agenda, title=args.title or "", site=args.site or "")
        store.meetings.start(meeting.id)
    except (TextTooLong, ValueError) as problem:
        raise CommandError(str(problem)) from None
    finally:
        store.close()
    print(meeting.id)
    return EXIT_OK


def pick_meeting(store: Store, reference: str | None) -> Meeting:
    """The meeting a command is about: the one named, or else the single one in progress."""
    if reference:
        try:
            return store.meetings.find(reference)
        except LookupError as error:
            raise CommandError(str(error)) from None
    running = store.meetings.running()
    if not running:
        raise CommandError("No meeting is in progress. Start one with `meetingkit start`, or name one with --meeting.")
    if len(running) > 1:
        listed = "; ".join(f"{m.id} ({m.title}, {m.partnership_name})" for m in running)
        raise CommandError(f"{len(running)} meetings are in progress; say which with its id: {listed}")
    return running[0]


def command_end(context: Context, args: argparse.Namespace) -> int:
    """End a meeting and save its summary."""
    store = context.open_store()
    try:
        meeting = pick_meeting(store, args.meeting_id)
        if meeting.status is MeetingStatus.ENDED:
            raise CommandError(f"{meeting.title} ({meeting.id}) has already ended.")
        summary = store.records.end_and_summarise(meeting.id)
    finally:
        store.close()
    print(
        f"Ended {summary.title} ({summary.partnership}) after {format_minutes(summary.actual_seconds)}, "
        f"{len(summary.agreements)} agreement(s), {len(summary.actions)} action(s)."
    )
    return EXIT_OK


def _meeting_record(meeting: Meeting) -> dict[str, Any]:
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


def command_meetings(context: Context, args: argparse.Namespace) -> int:
    """List every meeting, newest first, as a table or as JSON."""
    store = context.open_store()
    try:
        meetings = store.meetings.recent(limit=None)
        now = store.clock.now()
    finally:
        store.close()
    if args.json:
        json.dump([_meeting_record(m) for m in meetings], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not meetings:
        print("No meetings yet. Start one in the app, or with `meetingkit start`.")
        return EXIT_OK
    status_words = {MeetingStatus.PLANNED: "planned", MeetingStatus.RUNNING: "in progress", MeetingStatus.ENDED: "ended"}
    rows = [
        (
            m.id,
            f"{describe_day(m.started_at or m.created_at, today=now)} {describe_time(m.started_at)}".strip(),
            status_words[m.status],
            m.meeting_type,
            m.partnership_name,
            m.title,
        )
        for m in meetings
    ]
    header = ("id", "when", "status", "type", "partnership", "title")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)) + "  " + row[5])
    return EXIT_OK


def command_capture(context: Context, args: argparse.Namespace) -> int:
    """Add an action, an agreement or a note to a meeting; print the new id once it is committed."""
    store = context.open_store()
    try:
        meeting = pick_meeting(store, args.meeting)
        if meeting.status is not MeetingStatus.RUNNING:
            raise CommandError(f"{meeting.title} ({meeting.id}) is {meeting.status.value}; capture into a meeting in progress.")
        today = local(store.clock.now()).date()
        _check_capture_options(args)  # before anything is written, so a refusal leaves no trace
        if args.kind == "note":
            new_id = store.meetings.append_note(meeting.id, args.text)
        elif args.kind in BOARD_KINDS:
            new_id = _capture_on_board(store, meeting, args, _credit(store, meeting, args))
        elif args.kind == "agreement":
            review_on = parse_optional_date(args.due or "", today)
            new_id = store.business.add_agreement(
                meeting.id, args.text, review_on=review_on, confidential=args.confidential,
                **_credit(store, meeting, args),
            ).id
        else:
            due_on = parse_optional_date(args.due or "", today)
            credit = _credit(store, meeting, args)
            person_id, organisation_id = store.business.resolve_owner(meeting.id, args.owner or "")
            new_id = store.business.add_action(
                meeting.id,
                args.text,
                owner_person_id=person_id,
                owner_organisation_id=organisation_id,
                due_on=due_on,
                confidential=args.confidential,
                **credit,
            ).id
    except (DateNotUnderstood, TextTooLong, ValueError) as problem:
        raise CommandError(str(problem)) from None
    finally:
        store.close()
    print(new_id)
    return EXIT_OK


BOARD_KINDS = ("jargon", "elephant", "turning-point")


def write_output(text: str, path: Path | None) -> None:
    """Print to stdout, or write a file readable by its owner only (an export holds notes about people)."""
    if path is None:
        sys.stdout.write(text)
        return
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        # The mode above applies only to a new file: an existing one, perhaps readable by
        # everyone, is narrowed before the notes go into it.
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise CommandError(f"{path}: cannot be written ({error.strerror or error}).") from None


def command_glossary(context: Context, args: argparse.Namespace) -> int:
    """A partnership's glossary as Markdown, CSV or JSON."""
    store = context.open_store()
    try:
        partnership = partnership_named(store, args.partnership)
        terms = store.records.glossary_records(partnership.id, include_confidential=args.include_confidential)
    finally:
        store.close()
    write_output(glossary_to(terms, args.format, partnership.name), args.output)
    return EXIT_OK


def command_demo(context: Context, args: argparse.Namespace) -> int:
    """Fill the database with an invented, reproducible history to explore, or to benchmark at scale.

    The fill commits hundreds of thousands of times (each capture is its own write, as in
    the app), so it runs without an fsync per commit: invented data can be made again.
    Durability is back on before the file is closed, so the last checkpoint reaches the disk.
    """
    import time

    from meetingkit.core.clock import Clock, FrozenClock
    from meetingkit.demo import DEMO_SUFFIX, demo_start, fill

    if args.meetings < 1:
        raise CommandError("--meetings must be 1 or more.")
    started = time.monotonic()
    until = Clock().now()
    clock = FrozenClock(demo_start(args.meetings, until))
    store = context.open_store(clock=clock)
    try:
        real = [p.name for p in store.partnerships.all() if not p.name.endswith(DEMO_SUFFIX)]
        if real and not args.force:
            raise CommandError(
                f"{context.db_path} already holds real partnerships ({', '.join(real[:3])}). Invented meetings "
                "would mix with them: use another --db, or add --force if you really mean it."
            )
        store.db.set_durable(False)
        counts = fill(store, clock, context.load_agendas(), meetings=args.meetings, seed=args.seed, until=until)
        store.db.set_durable(True)
    finally:
        store.close()
    seconds = time.monotonic() - started
    took = f"{seconds:.1f} s" if seconds < 60 else "{} min {} s".format(*divmod(round(seconds), 60))
    print(
        f"Added {counts['meetings']:,} demo meetings to {context.db_path} in {took}: "
        f"{counts['items']:,} captured items ({counts['items'] / counts['meetings']:.0f} a meeting): "
        f"{counts['jargon_mentions']:,} jargon mentions, {counts['jargon_meanings']:,} meanings, "
        f"{counts['section_notes']:,} section notes, {counts['elephants']:,} elephants, "
        f"{counts['turning_points']:,} turning points, {counts['agreements']:,} agreements, "
        f"{counts['actions']:,} actions."
    )
    return EXIT_OK


def command_search(context: Context, args: argparse.Namespace) -> int:
    """Search everything captured; confidential items only with --include-confidential."""
    store = context.open_store()
    try:
        hits = store.records.search(args.query, include_confidential=args.include_confidential, limit=args.limit)
        now = store.clock.now()
    finally:
        store.close()
    if args.json:
        plain = [{**hit.as_dict(), "snippet": hit.snippet.replace(HIT_START, "").replace(HIT_END, "")} for hit in hits]
        json.dump(plain, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not hits:
        print("Nothing found." if args.query.strip() else "Type some words to search for.")
        return EXIT_OK
    for hit in hits:
        when = describe_day(from_iso(hit.meeting_started_at), today=now) if hit.meeting_started_at else ""
        where = " · ".join(part for part in (hit.partnership, hit.meeting, when) if part)
        snippet = hit.snippet.replace(HIT_START, "*").replace(HIT_END, "*")
        flag = " [confidential]" if hit.confidential else ""
        print(f"{hit.kind:<14} {snippet}{flag}\n{'':<14} {where}")
    return EXIT_OK


def command_export(context: Context, args: argparse.Namespace) -> int:
    """One meeting as Markdown, HTML, JSON or CSV; confidential items only with --include-confidential."""
    store = context.open_store()
    try:
        meeting = pick_meeting(store, args.meeting_id)
        record = store.records.meeting_record(meeting.id, include_confidential=args.include_confidential)
    finally:
        store.close()
    write_output(render(record, args.format), args.output)
    if args.output is not None:
        hidden = record.left_out.confidential
        note = f"; {hidden} confidential item(s) left out" if hidden else ""
        print(f"Wrote {args.output}{note}.", file=sys.stderr)
    return EXIT_OK


def partnership_named(store: Store, name: str) -> Partnership:
    """The partnership called `name` (any case), or one line naming the partnerships there are."""
    wanted = name.strip().casefold()
    partnerships = store.partnerships.all()
    for partnership in partnerships:
        if partnership.name.casefold() == wanted:
            return partnership
    names = ", ".join(p.name for p in partnerships) or "none yet"
    raise CommandError(f"No partnership called {name!r}. Partnerships: {names}.")


def report_period(since: str | None, until: str | None, today: date) -> Period:
    """The period a report covers: from the start of what --since names to the end of what --until names.

    Raises:
        PeriodNotUnderstood: either phrase is unclear, or the period ends before it starts.
    """
    start = parse_period(since, today).start if since else None
    end = parse_period(until, today).end if until else None
    if start and end and end < start:
        raise PeriodNotUnderstood(f"{since} until {until}", "it ends before it starts")
    return Period(start, end)


def command_report(context: Context, args: argparse.Namespace) -> int:
    """A partnership's report for a period, for filing or for a board; confidential items only if asked."""
    store = context.open_store()
    try:
        partnership = partnership_named(store, args.partnership)
        try:
            period = report_period(args.since, args.until, local(store.clock.now()).date())
        except PeriodNotUnderstood as problem:
            raise CommandError(str(problem)) from None
        data = store.reports.partnership_report(partnership.id, period=period, include_confidential=args.include_confidential)
    finally:
        store.close()
    write_output(REPORT_RENDERERS[args.format](data), args.output)
    if args.output is not None:
        hidden = data["left_out"]["confidential"]
        note = f"; {hidden} confidential item(s) left out" if hidden else ""
        print(f"Wrote {args.output}{note}.", file=sys.stderr)
    return EXIT_OK


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


def _credit(store: Store, meeting: Meeting, args: argparse.Namespace) -> dict[str, Any]:
    """The attribution asked for with --by, --org or --anonymous (the default)."""
    if args.by:
        name, organisation = split_attendee(args.by)
        wanted = args.by.strip().casefold()
        known = [p for p in store.meetings.attendees(meeting.id) if wanted in (p.label.casefold(), (p.name or "").casefold())]
        person = known[0] if known else store.partnerships.add_person(meeting.partnership_id, name, organisation)
        return {"attribution": Attribution.NAMED, "person_id": person.id, "organisation_id": person.organisation_id}
    if args.org:
        organisation = store.partnerships.ensure_organisation(meeting.partnership_id, args.org)
        return {"attribution": Attribution.ORGANISATION, "organisation_id": organisation.id}
    return {"attribution": Attribution.ANONYMOUS}


def _capture_on_board(store: Store, meeting: Meeting, args: argparse.Namespace, credit: dict[str, Any]) -> str:
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


def add_meeting_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Register start, resume, end, meetings and capture on the command line."""
    start = commands.add_parser("start", parents=[common], help="create and start a meeting; prints its id")
    start.add_argument("--partnership", required=True, metavar="NAME", help="the partnership (created if new)")
    start.add_argument("--type", required=True, metavar="TYPE", help="operational, reflective-practice, strategic, …")
    start.add_argument("--agenda", metavar="NAME", help="a specific agenda (its file name or its name)")
    start.add_argument("--title", metavar="T", help="the meeting's title (default: the agenda's name)")
    start.add_argument("--site", metavar="S", help="where it takes place")

    resume = commands.add_parser("resume", parents=[common], help="open the app on a meeting in progress")
    resume.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help="default: the one in progress")

    end = commands.add_parser("end", parents=[common], help="end a meeting and save its summary")
    end.add_argument("meeting_id", nargs="?", metavar="MEETING_ID", help="default: the one in progress")

    meetings = commands.add_parser("meetings", parents=[common], help="list meetings, newest first")
    meetings.add_argument("--json", action="store_true", help="print JSON instead of a table")

    export = commands.add_parser("export", parents=[common], help="one meeting as md, html, json or csv")
    export.add_argument("meeting_id", metavar="MEETING_ID", help="the meeting (any 6+ characters of its id)")
    export.add_argument("--format", choices=FORMATS, default="md")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print)")
    export.add_argument(
        "--include-confidential", action="store_true", help="include confidential items (left out by default)"
    )

    glossary = commands.add_parser("glossary", parents=[common], help="a partnership's glossary")
    glossary.add_argument("--partnership", required=True, metavar="NAME")
    glossary.add_argument("--format", choices=GLOSSARY_FORMATS, default="md")
    glossary.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print)")
    glossary.add_argument("--include-confidential", action="store_true", help="include confidential terms")

    report = commands.add_parser("report", parents=[common], help="a partnership's report for a period")
    report.add_argument("--partnership", required=True, metavar="NAME", help="the partnership (any case)")
    report.add_argument("--since", metavar="PHRASE", help="from the start of this: 'last 3 months', '1 March', '2026'")
    report.add_argument("--until", metavar="PHRASE", help="to the end of this: 'March', 'last month' (default: up to now)")
    report.add_argument("--format", choices=REPORT_FORMATS, default="md")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print)")
    report.add_argument(
        "--include-confidential", action="store_true", help="include confidential items (left out by default)"
    )

    demo = commands.add_parser("demo", parents=[common], help="fill the database with an invented history")
    demo.add_argument(
        "--meetings", type=int, default=24, metavar="N",
        help="how many meetings (default 24; about 50 captured items each, so 10000 makes a benchmark database)",
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="the same seed gives the same history")
    demo.add_argument("--force", action="store_true", help="add to a database that already holds real data")

    search = commands.add_parser("search", parents=[common], help="search everything captured")
    search.add_argument("query", metavar="QUERY", help="words to find (a word being typed matches as a prefix)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--include-confidential", action="store_true", help="also search confidential items")
    search.add_argument("--limit", type=int, default=50, help="at most this many hits (default 50)")

    capture = commands.add_parser(
        "capture", parents=[common], help="add to the meeting in progress: an action, agreement, note, "
        "jargon term, elephant or turning point"
    )
    capture.add_argument("kind", choices=["action", "agreement", "note", *BOARD_KINDS])
    capture.add_argument("text", metavar="TEXT", help="for a turning point, what happened (may be empty)")
    capture.add_argument("--meeting", metavar="ID", help="default: the single meeting in progress")
    capture.add_argument("--owner", metavar="O", help="an action's owner: a person or an organisation")
    capture.add_argument("--due", metavar="PHRASE", help="an action's due date or an agreement's review date")
    capture.add_argument("--confidential", action="store_true", help="never projected, left out of exports")
    said = capture.add_mutually_exclusive_group()
    said.add_argument("--by", metavar="NAME", help="said by this person ('name' or 'name, organisation')")
    said.add_argument("--org", metavar="ORG", help="said by this organisation, naming nobody")
    said.add_argument("--anonymous", action="store_true", help="said by nobody on record (the default)")
    capture.add_argument(
        "--kind", dest="kind_of", metavar="KIND",
        help="a turning point's kind: apology, concession, kind-word, new-understanding, other",
    )
