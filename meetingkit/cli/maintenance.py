"""Looking after the file: `backup`, `purge` (retention) and `merge` (`where` is in cli/where.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named
from meetingkit.cli.output import table_cell
from meetingkit.context import Context
from meetingkit.core.clock import describe_day, from_iso, local
from meetingkit.core.files import PrivateFileExists
from meetingkit.core.i18n import _, language, ngettext, pgettext
from meetingkit.core.localise import day_text, number_text, time_text
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
        raise CommandError(_("backup was given an empty destination; name a new file, or a folder to put it in."))
    with context.open_store() as store:
        destination = Path(args.destination).expanduser()
        if destination.is_dir():
            destination, meetings = _dated_backup(store, destination)
        else:
            if destination.exists() or destination.is_symlink():
                raise CommandError(_("{path} already exists; name a new file, or a folder to put it in.").format(
                    path=destination))
            if not destination.parent.is_dir():
                raise CommandError(_("{folder} does not exist; make the folder first.").format(
                    folder=destination.parent))
            try:
                meetings = store.retention.backup_to(destination)
            except PrivateFileExists:  # made a moment ago, by another process
                raise CommandError(_("{path} already exists; name a new file, or a folder to put it in.").format(
                    path=destination)) from None
    size = destination.stat().st_size / 1_000_000
    print(ngettext(
        "Backed up {count} meeting to {path} ({size} MB), readable by you only. "
        "To restore it, see 'Backups' in the README.",
        "Backed up {count} meetings to {path} ({size} MB), readable by you only. "
        "To restore it, see 'Backups' in the README.",
        meetings,
    ).format(count=number_text(meetings), path=destination, size=_decimal(size)))
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
    raise CommandError(_("{folder} already holds {count} backups from this minute; name a new file.").format(
        folder=folder, count=number_text(DATED_BACKUPS_A_MINUTE)))


def _decimal(value: float) -> str:
    """A number with one decimal: "1.5" in English, "1,5" in French."""
    text = f"{value:.1f}"
    return text if language() == "en" else text.replace(".", ",")


def describe_meetings(meetings: tuple[DoomedMeeting, ...]) -> str:
    """Each meeting about to be deleted, a line each, as the person knows it: day, partnership, title."""
    rows = [(table_cell(describe_day(from_iso(m.when))), table_cell(m.partnership), table_cell(m.title))
            for m in meetings]
    widths = [max((len(row[column]) for row in rows), default=0) for column in range(2)]
    return "\n".join(f"  {day.ljust(widths[0])}  {partnership.ljust(widths[1])}  {title}"
                     for day, partnership, title in rows)


def describe_plan(plan: PurgePlan) -> str:
    """What a purge would delete: each meeting, then one line per kind, the still-open items called out."""
    lines = [describe_meetings(plan.meetings), _("  With them:")] if plan.meetings else []
    lines += [_purged(kind, count) for kind, count in plan.counts.items() if count]
    open_items = [_still_open(kind, count) for kind, count in plan.still_open.items() if count]
    if open_items:
        listed = open_items[0] if len(open_items) == 1 else _("{first} and {second}").format(
            first=", ".join(open_items[:-1]), second=open_items[-1])
        lines.append(_("  Among them, still open: {items}. They go too.").format(items=listed))
    return "\n".join(lines)


def _purged(kind: str, count: int) -> str:
    """One line of what a purge deletes, "      3  jargon mentions": the count right-aligned, then the kind.

    English has always given the plural, even for one; French says each in its number.
    """
    words = {
        # Translators: {count} is already right-aligned; keep the two spaces after it.
        "meetings": ngettext("{count}  meetings", "{count}  meetings", count),
        "attendance": ngettext("{count}  attendance", "{count}  attendance", count),
        "jargon mentions": ngettext("{count}  jargon mentions", "{count}  jargon mentions", count),
        "elephants": ngettext("{count}  elephants", "{count}  elephants", count),
        "turning points": ngettext("{count}  turning points", "{count}  turning points", count),
        "agreements": ngettext("{count}  agreements", "{count}  agreements", count),
        "actions": ngettext("{count}  actions", "{count}  actions", count),
        "notes": ngettext("{count}  notes", "{count}  notes", count),
        "people": ngettext("{count}  people", "{count}  people", count),
    }
    return "  " + words.get(kind, f"{{count}}  {kind}").format(count=f"{number_text(count):>7}")


def _still_open(kind: str, count: int) -> str:
    """"2 open actions": what a purge takes that is still open (English keeps its plural for one)."""
    if kind == "elephants":
        return ngettext("{count} open elephants", "{count} open elephants", count).format(count=count)
    if kind == "actions":
        return ngettext("{count} open actions", "{count} open actions", count).format(count=count)
    return f"{count} open {kind}"


def _purge_start(described: str, start: date | None, today: date) -> str:
    """The day the meetings to purge started before, as `Period.describe` says it in English
    ("1 Mar 2026", "today"), or in full in another language."""
    if language() == "en" or start is None:
        return described.split(" to ")[0].removeprefix("since ")
    return pgettext("before", "today") if start == today else day_text(start, "long")


def command_purge(context: Context, args: argparse.Namespace) -> int:
    """Delete meetings older than a date, with everything captured in them, after showing what goes."""
    with context.open_store() as store:
        today = local(store.clock.now()).date()
        try:
            period = parse_one(args.before, today)
        except PeriodIsARange as problem:
            raise CommandError(_(
                "--before takes one time, such as '2025' or '1 March 2025', and '{range}' is a range: "
                "name the day, month or year whose start the meetings to delete started before."
            ).format(range=problem.shown)) from None
        except PeriodNotUnderstood as problem:
            raise CommandError(str(problem)) from None
        if period.start is None:
            raise CommandError(_("--before needs a date or a period with a start, like '2025' or '1 March 2025', "
                                 "not {typed!r}.").format(typed=args.before))
        partnership = partnership_named(store, args.partnership) if args.partnership else None
        before = period.utc_bounds()[0]
        assert before is not None
        plan = store.retention.purge_plan(before=before, partnership_id=partnership.id if partnership else None)
        when = _purge_start(period.describe(today), period.start, today)
        if plan.empty:
            print((_("No meetings of {partnership} started before {day}. Nothing to delete.") if partnership
                   else _("No meetings started before {day}. Nothing to delete.")).format(
                partnership=partnership.name if partnership else "", day=when))
            return ExitCode.OK
        if plan.in_progress:
            raise MeetingInProgress(list(plan.in_progress))
        print((_("Meetings of {partnership} that started before {day}, and everything captured in them:")
               if partnership else _("Meetings that started before {day}, and everything captured in them:")).format(
            partnership=partnership.name if partnership else "", day=when) + f"\n{describe_plan(plan)}")
        print(_("Glossary terms and their meanings stay. Deleted text is overwritten in the file."))
        if args.dry_run:
            print(_("Dry run: nothing was deleted."))
            return ExitCode.OK
        if not args.yes:
            if not sys.stdin.isatty():
                raise CommandError(_("Nothing was deleted: add --yes to delete without being asked."))
            answer = input(_('This cannot be undone (`meetingkit backup` first?). Type "{word}" to delete: ').format(
                word=CONFIRM_WORD))
            if answer.strip().casefold() != CONFIRM_WORD:
                print(_("Nothing was deleted."))
                return ExitCode.FAILED
        store.retention.delete_meetings(plan.meeting_ids, refuse_in_progress=True)
    count = plan.counts["meetings"]
    print(ngettext("Deleted {count} meeting and everything captured in them.",
                   "Deleted {count} meetings and everything captured in them.", count).format(
        count=number_text(count)))
    copies = sorted(store.path.parent.glob(f"{store.path.stem}.before-v*.db"))
    if copies:
        print(_("The copies made before upgrades still hold them: {files} (beside the database). "
                "Delete those too if these meetings must be gone everywhere.").format(
            files=", ".join(c.name for c in copies)))
    return ExitCode.OK


def _count(n: int, table: str) -> str:
    """"3 glossary terms": how many rows of a table a merge touched, as people name them."""
    words = {
        "tombstones": ngettext("{count} deletion", "{count} deletions", n),
        "partnerships": ngettext("{count} partnership", "{count} partnerships", n),
        "organisations": ngettext("{count} organisation", "{count} organisations", n),
        "people": ngettext("{count} person", "{count} people", n),
        "meetings": ngettext("{count} meeting", "{count} meetings", n),
        "attendance": ngettext("{count} attendance", "{count} attendance", n),
        "section_runs": ngettext("{count} section", "{count} sections", n),
        "round_turns": ngettext("{count} turn in a round", "{count} turns in rounds", n),
        "jargon_groups": ngettext("{count} same-as group", "{count} same-as groups", n),
        "jargon_terms": ngettext("{count} glossary term", "{count} glossary terms", n),
        "jargon_meanings": ngettext("{count} meaning", "{count} meanings", n),
        "jargon_mentions": ngettext("{count} jargon mention", "{count} jargon mentions", n),
        "elephants": ngettext("{count} elephant", "{count} elephants", n),
        "elephant_events": ngettext("{count} elephant status change", "{count} elephant status changes", n),
        "agreements": ngettext("{count} agreement", "{count} agreements", n),
        "agreement_parties": ngettext("{count} party to an agreement", "{count} parties to agreements", n),
        "turning_points": ngettext("{count} turning point", "{count} turning points", n),
        "actions": ngettext("{count} action", "{count} actions", n),
        "notes": ngettext("{count} note", "{count} notes", n),
        "changes": ngettext("{count} correction", "{count} corrections", n),
    }
    if table in words:
        return words[table].format(count=number_text(n))
    kind = KIND[table]  # a table added to the merge since these words were written
    return f"{number_text(n)} {kind if n == 1 else kind + 's'}"


def _when(stamp: str, *, seconds: bool = False) -> str:
    instant = from_iso(stamp)
    assert instant is not None
    moment = local(instant)
    if language() == "en":
        return moment.strftime("%-d %b %Y %H:%M" + (":%S" if seconds else ""))
    said = f"{day_text(moment.date(), 'weekday-month')} {time_text(moment)}"
    return said + (f" {moment.second:02d} s" if seconds else "")


def describe_merge(report: MergeReport, *, meetings_listed: bool = False) -> str:
    """What a merge did (or would do), for the practice lead who ran it: every meeting it deletes
    named (unless `meetings_listed` already), the rest counted."""
    lines = []
    for heading, kind in (
        (_("New here: {items}."), "added"),
        (_("Brought up to date with the other site's later change: {items}."), "updated"),
        (_("Made at both sites and now one: {items}."), "joined"),
        (_("Made at both sites and already one here: {items}."), "matched"),
        (_("Would be deleted, as they were deleted at the other site: {items}.") if report.dry_run
         else _("Deleted, as they were deleted at the other site: {items}."), "deleted"),
    ):
        # A deletion record is no news of its own: what it deleted is counted under "Deleted".
        found = [_count(counts[kind], table) for table, counts in report.counts.items()
                 if counts[kind] and table != "tombstones"]
        if found:
            lines.append(heading.format(items=", ".join(found)))
        if found and kind == "deleted" and report.deleted_meetings and not meetings_listed:
            lines.append(describe_meetings(report.deleted_meetings))
    left_out = [_count(counts["dropped"], table) for table, counts in report.counts.items() if counts["dropped"]]
    if left_out:
        lines.append(_("Left out, as what they belong to was deleted here: {items}.").format(items=", ".join(left_out)))
    if report.conflicts:
        n = len(report.conflicts)
        lines.append(ngettext("{count} conflict: changed at both sites since they last met. "
                              "The later change is kept; check these:",
                              "{count} conflicts: changed at both sites since they last met. "
                              "The later change is kept; check these:", n).format(count=n))
        for conflict in report.conflicts:
            # Seconds only when the minutes alone would not say which change was later.
            close = _when(conflict.here_at) == _when(conflict.there_at)
            said = (_("  {label}: changed here {here}, there {there}; kept this file's.") if conflict.kept == "here"
                    else _("  {label}: changed here {here}, there {there}; kept the other site's."))
            lines.append(said.format(label=conflict.label, here=_when(conflict.here_at, seconds=close),
                                     there=_when(conflict.there_at, seconds=close)))
            lines += [f"      {field}" for field in conflict.fields]
    for (table, reason), n in report.invalid.items():
        lines.append(_("Not brought in: {items}, because {reason}.").format(items=_count(n, table), reason=reason))
    for refused in report.refused:
        lines.append(_("Not brought in: {what}").format(what=refused))
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
        print(ngettext("The other site deleted {count} meeting this file holds. Merging deletes it here too, "
                       "with everything captured in it:",
                       "The other site deleted {count} meetings this file holds. Merging deletes them here too, "
                       "with everything captured in them:", n).format(count=n))
        print(describe_meetings(doomed))
        listed = True
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise CommandError(_("Nothing was changed: add --yes to merge and delete them without being asked, "
                                 "or --dry-run to see the whole merge first."))
        answer = input(_('This cannot be undone (`meetingkit backup` first?). Type "{word}" to merge and '
                         "delete them: ").format(word=CONFIRM_WORD))
        return answer.strip().casefold() == CONFIRM_WORD

    with context.open_store() as store:
        source = Path(args.other).expanduser()
        report = store.merge.merge_file(source, dry_run=args.dry_run, confirm=confirm)
    if report.declined:
        print(_("Nothing was merged or deleted; {path} was not changed.").format(path=source))
        return ExitCode.FAILED
    older = _(" (made by an older meetingkit, schema {version}; read through an upgraded copy)").format(
        version=report.source_version) if report.source_version < LATEST_VERSION else ""
    print((_("Dry run: merging {path} into {database}{older}.") if args.dry_run
           else _("Merged {path} into {database}{older}.")).format(path=source, database=store.path, older=older))
    if not report.changed and not report.conflicts and not report.refused and not report.invalid:
        print(_("Nothing new: this file already has everything in the other one."))
    else:
        print(describe_merge(report, meetings_listed=listed) or _("Nothing new but the other site's records of what "
              "it deleted, which this file never had; they keep those things out of later merges."))
    if args.dry_run:
        print(_("Nothing was changed. Run it again without --dry-run to merge."))
    else:
        print(_("{path} was not changed.").format(path=source))
    return ExitCode.OK
