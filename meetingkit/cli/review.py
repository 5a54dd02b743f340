"""Looking back from the command line: search, export, glossary and report.

Confidential items stay out unless `--include-confidential` is given, and a file
written with `-o` is readable by its owner only.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import cast

from meetingkit.cli.errors import CommandError, ExitCode
from meetingkit.cli.lookup import partnership_named, pick_meeting
from meetingkit.cli.output import write_output
from meetingkit.context import Context
from meetingkit.core.audience import Audience, Kind, Naming, shows
from meetingkit.core.clock import describe_day, from_iso, local
from meetingkit.core.export import with_bom
from meetingkit.core.i18n import Language, _, language, ngettext, pgettext, speaking
from meetingkit.core.localise import number_text
from meetingkit.core.models import TermLanguage
from meetingkit.core.periods import Period, PeriodIsARange, PeriodNotUnderstood, parse_bounds, parse_period
from meetingkit.core.text import HIT_END, HIT_START, TextTooLong, search_words
from meetingkit.usecases.documents import (
    glossary_document,
    meeting_document,
    minutes_document,
    report_document,
)

SEARCH_LIMIT_MAX = 10_000
"""The most hits `search --limit` gives (a larger number would overflow SQLite's integers)."""


def command_search(context: Context, args: argparse.Namespace) -> int:
    """Search everything captured; confidential items only with --include-confidential."""
    if not 1 <= args.limit <= SEARCH_LIMIT_MAX:
        raise CommandError(_("--limit must be between 1 and {most}.").format(most=number_text(SEARCH_LIMIT_MAX)))
    try:
        search_words(args.query)
    except TextTooLong as error:
        raise CommandError(_("The search is {length} characters long; it takes at most {limit}.").format(
            length=number_text(error.length), limit=number_text(error.limit))) from None
    with context.open_store() as store:
        hits = store.records.search(args.query, include_confidential=args.include_confidential, limit=args.limit)
        now = store.clock.now()
    audience = Audience.review(include_confidential=args.include_confidential)
    hits = [hit for hit in hits if shows(Kind.SEARCH_HIT, audience, confidential=hit.confidential)]
    if args.json:
        plain = [{**hit.as_dict(), "snippet": hit.snippet.replace(HIT_START, "").replace(HIT_END, "")} for hit in hits]
        json.dump(plain, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return ExitCode.OK
    if not hits:
        print(_("Nothing found.") if args.query.strip() else _("Type some words to search for."))
        return ExitCode.OK
    for hit in hits:
        when = describe_day(from_iso(hit.meeting_started_at), today=now) if hit.meeting_started_at else ""
        where = " · ".join(part for part in (hit.partnership, hit.meeting, when) if part)
        snippet = hit.snippet.replace(HIT_START, "*").replace(HIT_END, "*")
        flag = _(" [confidential]") if hit.confidential else ""
        print(f"{_hit_kind(hit.kind):<14} {snippet}{flag}\n{'':<14} {where}")
    return ExitCode.OK


def _document_language(args: argparse.Namespace) -> Language:
    """The language a document is written in: `--language`, else the interface's."""
    return cast("Language | None", args.language) or language()


def _hit_kind(kind: str) -> str:
    """What a search hit is ("turning point"), as people say it in the language in use."""
    words = {
        "action": pgettext("search hit", "action"),
        "agreement": pgettext("search hit", "agreement"),
        "elephant": pgettext("search hit", "elephant"),
        "meaning": pgettext("search hit", "meaning"),
        "note": pgettext("search hit", "note"),
        "term": pgettext("search hit", "term"),
        "turning point": pgettext("search hit", "turning point"),
    }
    return words.get(kind, kind)


def command_export(context: Context, args: argparse.Namespace) -> int:
    """One meeting as Markdown, HTML, JSON or CSV; confidential items only with --include-confidential."""
    _check_bom(args)
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting_id)
        with speaking(_document_language(args)):
            document = meeting_document(store, meeting.id, args.format,
                                        include_confidential=args.include_confidential)
    write_output(with_bom(document.text) if args.bom else document.text, args.output)
    _say_what_was_written(args, document.left_out)
    return ExitCode.OK


def command_minutes(context: Context, args: argparse.Namespace) -> int:
    """A meeting's minutes, to send everyone, as Markdown or printable HTML; confidential items only if asked."""
    with context.open_store() as store:
        meeting = pick_meeting(store, args.meeting_id)
        with speaking(_document_language(args)):
            document = minutes_document(store, meeting.id, args.format,
                                        include_confidential=args.include_confidential)
    write_output(document.text, args.output)
    _say_what_was_written(args, document.left_out)
    return ExitCode.OK


def command_glossary(context: Context, args: argparse.Namespace) -> int:
    """A partnership's glossary as Markdown, CSV or JSON."""
    _check_bom(args)
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        with speaking(_document_language(args)):
            text = glossary_document(
                store, partnership.id, args.format, include_confidential=args.include_confidential,
                term_language=TermLanguage(args.term_language) if args.term_language else None,
            )
    write_output(with_bom(text) if args.bom else text, args.output)
    return ExitCode.OK


def _check_bom(args: argparse.Namespace) -> None:
    """`--bom` is for a CSV: a byte-order mark before JSON makes it invalid, and Markdown or HTML need none.

    Raises:
        CommandError: `--bom` with another format.
    """
    if args.bom and args.format != "csv":
        raise CommandError(_("--bom goes with --format csv only (a spreadsheet needs it; other formats do not)."))


def command_report(context: Context, args: argparse.Namespace) -> int:
    """A partnership's report for a period, for filing or for a board; confidential items only if asked."""
    with context.open_store() as store:
        partnership = partnership_named(store, args.partnership)
        period = report_period(args.period, args.since, args.until, local(store.clock.now()).date())
        document = report_document(
            store, partnership.id, period, args.format, include_confidential=args.include_confidential,
            naming=Naming(args.name), language=args.language,
        )
    write_output(document.text, args.output)
    _say_what_was_written(args, document.left_out)
    return ExitCode.OK


def report_period(period: str | None, since: str | None, until: str | None, today: date) -> Period:
    """The period a report covers, read exactly as the review filter reads it (`core.periods`):
    `--period X` is X ("Q3" is July to September), `--since X` is "since X" (from the start of X,
    "Q3" from 1 July on), `--until Y` is "until Y", and both are "X to Y".

    Raises:
        CommandError: --period given with --since or --until; a range given to --since or --until
            (never cut to its start or end); a phrase not understood, or a period ending before it starts.
    """
    if period is not None and (since is not None or until is not None):
        raise CommandError(_(
            "Give --period on its own, or --since and --until, not both "
            "(--period Q3 is July to September; --since Q3 is from 1 July on)."
        ))
    try:
        if period is not None:
            return parse_period(period, today)
        return parse_bounds(since, until, today)
    except PeriodIsARange as problem:
        option = "--since" if problem.phrase == since else "--until"
        raise CommandError(_(
            "{option} takes one time, such as 'March', 'Q3' or '1 March 2026', and '{range}' "
            "is a range: use --period '{range}' for it."
        ).format(option=option, range=problem.shown)) from None
    except PeriodNotUnderstood as problem:
        raise CommandError(str(problem)) from None


def _say_what_was_written(args: argparse.Namespace, hidden: int) -> None:
    """After `-o FILE`: which file, and how many confidential items it leaves out (stdout stays the document's)."""
    if args.output is not None:
        if hidden:
            # English has always said "item(s)" here; French says it in its number.
            said = ngettext("Wrote {path}; {count} confidential item(s) left out.",
                            "Wrote {path}; {count} confidential item(s) left out.", hidden)
        else:
            said = _("Wrote {path}.")
        print(said.format(path=args.output, count=hidden), file=sys.stderr)
