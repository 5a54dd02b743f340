"""Looking after the file: `backup`, `purge` (retention) and `merge` (`where` is in cli/where.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import table_cell
from meetingkit.context import Context
from meetingkit.core.clock import describe_day, from_iso, local
from meetingkit.core.files import PrivateFileExists
from meetingkit.core.periods import PeriodIsARange, PeriodNotUnderstood, parse_one
from meetingkit.store import Store
from meetingkit.store.backup import backup_name
from meetingkit.store.errors import MeetingInProgress
from meetingkit.store.merge import KIND, MergeReport
from meetingkit.store.retention import DoomedMeeting, PurgePlan
from meetingkit.store.schema import LATEST_VERSION

CONFIRM_WORD = "delete"
"""What `purge` asks to have typed before it deletes anything."""


def command_backup(context: Context, args: argparse.Namespace) -> int:
    """A consistent, checked copy of the database, safe to make while meetings are being captured."""
    if not args.destination.strip():
        raise CommandError("backup was given an empty destination; name a new file, or a folder to put it in.")
    with context.open_store() as store:
        destination = Path(args.destination).expanduser()
        if destination.is_dir():
            destination, meetings = _dated_backup(store, destination)
        else:
            if destination.exists() or destination.is_symlink():
                raise CommandError(f"{destination} already exists; name a new file, or a folder to put it in.")
            if not destination.parent.is_dir():
                raise CommandError(f"{destination.parent} does not exist; make the folder first.")
            try:
                meetings = store.retention.backup_to(destination)
            except PrivateFileExists:  # made a moment ago, by another process
                raise CommandError(f"{destination} already exists; name a new file, or a folder to put it in.") from None
    size = destination.stat().st_size / 1_000_000
    print(f"Backed up {meetings:,} meeting{'s' if meetings != 1 else ''} to {destination} ({size:.1f} MB), "
          "readable by you only. To restore it, see 'Backups' in the README.")
    return ExitCode.OK


DATED_BACKUPS_A_MINUTE = 1000
"""How many dated backups one folder takes in one minute before `backup` stops looking for a free name."""


def _dated_backup(store: Store, folder: Path) -> tuple[Path, int]:
    """A backup in `folder` under a dated name no other file has; the copy and its meeting count.

    A name already taken (an earlier backup that minute, or one made at this moment by another
    process) is never overwritten: the next number is tried.
    """
    when = store.db.now()
    for number in range(1, DATED_BACKUPS_A_MINUTE + 1):
        destination = folder / backup_name(store.path, when, number)
        try:
            return destination, store.retention.backup_to(destination)
        except PrivateFileExists:
            continue
    raise CommandError(f"{folder} already holds {DATED_BACKUPS_A_MINUTE:,} backups from this minute; name a new file.")


def describe_meetings(meetings: tuple[DoomedMeeting, ...]) -> str:
    """Each meeting about to be deleted, a line each, as the person knows it: day, partnership, title."""
    rows = [(table_cell(describe_day(from_iso(m.when))), table_cell(m.partnership), table_cell(m.title))
            for m in meetings]
    widths = [max((len(row[column]) for row in rows), default=0) for column in range(2)]
    return "\n".join(f"  {day.ljust(widths[0])}  {partnership.ljust(widths[1])}  {title}"
                     for day, partnership, title in rows)


def describe_plan(plan: PurgePlan) -> str:
    """What a purge would delete: each meeting, then one line per kind, the still-open items called out."""
    lines = [describe_meetings(plan.meetings), "  With them:"] if plan.meetings else []
    lines += [f"  {count:>7,}  {kind}" for kind, count in plan.counts.items() if count]
    open_items = [f"{count} open {kind}" for kind, count in plan.still_open.items() if count]
    if open_items:
        lines.append(f"  Among them, still open: {' and '.join(open_items)}. They go too.")
    return "\n".join(lines)


def command_purge(context: Context, args: argparse.Namespace) -> int:
    """Delete meetings older than a date, with everything captured in them, after showing what goes."""
    with context.open_store() as store:
        today = local(store.clock.now()).date()
        try:
            period = parse_one(args.before, today)
        except PeriodIsARange as problem:
            raise CommandError(
                f"--before takes one time, such as '2025' or '1 March 2025', and '{problem.shown}' is a range: "
                "name the day, month or year whose start the meetings to delete started before."
            ) from None
        except PeriodNotUnderstood as problem:
            raise CommandError(str(problem)) from None
        if period.start is None:
            raise CommandError(f"--before needs a date or a period with a start, like '2025' or '1 March 2025', "
                               f"not {args.before!r}.")
        partnership = partnership_named(store, args.partnership) if args.partnership else None
        before = period.utc_bounds()[0]
        assert before is not None
        plan = store.retention.purge_plan(before=before, partnership_id=partnership.id if partnership else None)
        whose = f" of {partnership.name}" if partnership else ""
        when = period.describe(today).split(" to ")[0].removeprefix("since ")
        if plan.empty:
            print(f"No meetings{whose} started before {when}. Nothing to delete.")
            return ExitCode.OK
        if plan.in_progress:
            raise MeetingInProgress(list(plan.in_progress))
        print(f"Meetings{whose} that started before {when}, and everything captured in them:\n{describe_plan(plan)}")
        print("Glossary terms and their meanings stay. Deleted text is overwritten in the file.")
        if args.dry_run:
            print("Dry run: nothing was deleted.")
            return ExitCode.OK
        if not args.yes:
            if not sys.stdin.isatty():
                raise CommandError("Nothing was deleted: add --yes to delete without being asked.")
            answer = input(f'This cannot be undone (`meetingkit backup` first?). Type "{CONFIRM_WORD}" to delete: ')
            if answer.strip().casefold() != CONFIRM_WORD:
                print("Nothing was deleted.")
                return ExitCode.FAILED
        store.retention.delete_meetings(plan.meeting_ids, refuse_in_progress=True)
    count = plan.counts["meetings"]
    print(f"Deleted {count:,} meeting{'s' if count != 1 else ''} and everything captured in them.")
    copies = sorted(store.path.parent.glob(f"{store.path.stem}.before-v*.db"))
    if copies:
        print(f"The copies made before upgrades still hold them: {', '.join(c.name for c in copies)} "
              "(beside the database). Delete those too if these meetings must be gone everywhere.")
    return ExitCode.OK


def _count(n: int, table: str) -> str:
    kind = KIND[table]
    plural = {"person": "people", "attendance": "attendance", "party to an agreement": "parties to agreements",
              "turn in a round": "turns in rounds", "elephant status change": "elephant status changes"}
    return f"{n:,} {kind if n == 1 else plural.get(kind, kind + 's')}"


def _when(stamp: str, *, seconds: bool = False) -> str:
    instant = from_iso(stamp)
    assert instant is not None
    return local(instant).strftime("%-d %b %Y %H:%M" + (":%S" if seconds else ""))


def describe_merge(report: MergeReport, *, meetings_listed: bool = False) -> str:
    """What a merge did (or would do), for the practice lead who ran it: every meeting it deletes
    named (unless `meetings_listed` already), the rest counted."""
    lines = []
    for heading, kind in (
        ("New here", "added"),
        ("Brought up to date with the other site's later change", "updated"),
        ("Made at both sites and now one", "joined"),
        ("Made at both sites and already one here", "matched"),
        ("Would be deleted, as they were deleted at the other site" if report.dry_run
         else "Deleted, as they were deleted at the other site", "deleted"),
    ):
        # A deletion record is no news of its own: what it deleted is counted under "Deleted".
        found = [_count(counts[kind], table) for table, counts in report.counts.items()
                 if counts[kind] and table != "tombstones"]
        if found:
            lines.append(f"{heading}: {', '.join(found)}.")
        if found and kind == "deleted" and report.deleted_meetings and not meetings_listed:
            lines.append(describe_meetings(report.deleted_meetings))
    left_out = [_count(counts["dropped"], table) for table, counts in report.counts.items() if counts["dropped"]]
    if left_out:
        lines.append(f"Left out, as what they belong to was deleted here: {', '.join(left_out)}.")
    if report.conflicts:
        n = len(report.conflicts)
        lines.append(f"{n} conflict{'s' if n != 1 else ''}: changed at both sites since they last met. "
                     "The later change is kept; check these:")
        for conflict in report.conflicts:
            kept = "this file's" if conflict.kept == "here" else "the other site's"
            # Seconds only when the minutes alone would not say which change was later.
            close = _when(conflict.here_at) == _when(conflict.there_at)
            lines.append(f"  {conflict.label}: changed here {_when(conflict.here_at, seconds=close)}, "
                         f"there {_when(conflict.there_at, seconds=close)}; kept {kept}.")
            lines += [f"      {field}" for field in conflict.fields]
    for (table, reason), n in report.invalid.items():
        lines.append(f"Not brought in: {_count(n, table)}, because {reason}.")
    for refused in report.refused:
        lines.append(f"Not brought in: {refused}")
    return "\n".join(lines)


def command_merge(context: Context, args: argparse.Namespace) -> int:
    """Bring another site's file into this one; the other file is only read.

    Meetings the other site deleted (purged) are deleted here too: they are named first, and
    deleted only when the person types the word `purge` asks for, or passed `--yes`.
    """
    listed = False

    def confirm(doomed: tuple[DoomedMeeting, ...]) -> bool:
        nonlocal listed
        n = len(doomed)
        print(f"The other site deleted {n} meeting{'s' if n != 1 else ''} this file holds. Merging deletes "
              f"{'them' if n != 1 else 'it'} here too, with everything captured in {'them' if n != 1 else 'it'}:")
        print(describe_meetings(doomed))
        listed = True
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise CommandError("Nothing was changed: add --yes to merge and delete them without being asked, "
                               "or --dry-run to see the whole merge first.")
        answer = input(f'This cannot be undone (`meetingkit backup` first?). Type "{CONFIRM_WORD}" to merge and '
                       "delete them: ")
        return answer.strip().casefold() == CONFIRM_WORD

    with context.open_store() as store:
        source = Path(args.other).expanduser()
        report = store.merge.merge_file(source, dry_run=args.dry_run, confirm=confirm)
    if report.declined:
        print(f"Nothing was merged or deleted; {source} was not changed.")
        return ExitCode.FAILED
    older = f" (made by an older meetingkit, schema {report.source_version}; read through an upgraded copy)" \
        if report.source_version < LATEST_VERSION else ""
    print(f"{'Dry run: merging' if args.dry_run else 'Merged'} {source} into {store.path}{older}.")
    if not report.changed and not report.conflicts and not report.refused and not report.invalid:
        print("Nothing new: this file already has everything in the other one.")
    else:
        print(describe_merge(report, meetings_listed=listed) or "Nothing new but the other site's records of what it "
              "deleted, which this file never had; they keep those things out of later merges.")
    if args.dry_run:
        print("Nothing was changed. Run it again without --dry-run to merge.")
    else:
        print(f"{source} was not changed.")
    return ExitCode.OK
