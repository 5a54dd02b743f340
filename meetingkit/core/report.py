"""A partnership report (`core.report_data.PartnershipReport`) as Markdown or as one printable HTML page.

The content is laid out once, as a short list of blocks (headings, paragraphs,
tables, lists) made of text pieces, and each format writes those blocks in its own
syntax. So the Markdown and the HTML cannot drift apart, and escaping happens in
one place per format: HTML through `core.export.htm` (`html.escape`, quotes too); Markdown through
`core.export.md` and `md_inline`, which escape only what would start markup where it stands, so the
file reads as plain text ("hand-off (demo)", not "hand\\-off \\(demo\\)").
Before either, every piece is folded onto one line and stripped of control and
bidi-override characters (`core.text.sanitise`): the store already cleans what is
typed, but a report printed to a terminal must stay inert even for a file that was
edited or merged by other tools.

Nothing here decides what is confidential or who is named: the data already left
those out.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from meetingkit.core.audience import Audience, Kind, Naming, said_by, shows
from meetingkit.core.clock import describe_day, describe_moment, format_minutes
from meetingkit.core.counting import Tally
from meetingkit.core.export import HTML_STYLE, htm, md, md_inline
from meetingkit.core.models import AgreementStatus, Attribution, type_label
from meetingkit.core.report_data import (
    Actions,
    Elephants,
    Glossary,
    GlossaryTerm,
    MeetingHeld,
    MeetingsHeld,
    OrganisationAttendance,
    PartnershipReport,
    ReportAction,
    ReportAgreement,
    ReportPeriod,
    ReportTurningPoint,
    ResolvedElephant,
)
from meetingkit.core.text import sanitise

REPORT_FORMATS = ("md", "html")


class UserText(str):
    """Text somebody typed (a title, a term, an elephant), as opposed to the report's own words."""


Piece = tuple[str, str]
"""A run of text and its style: "" (plain), "strong", "em" or "flag" (a warning such as [confidential])."""


def _t(text: str) -> Piece:
    return ("", text)


def _b(text: str) -> Piece:
    return ("strong", text)


def _i(text: str) -> Piece:
    return ("em", text)


def _u(text: str | None, style: str = "") -> Piece:
    return (style, UserText(text or ""))


@dataclass
class Item:
    """One list entry: its line, and the lines shown under it."""

    line: list[Piece]
    under: list[list[Piece]] = field(default_factory=list)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[list[Piece]]]
    numeric: frozenset[int] = frozenset()
    """Columns holding numbers (right-aligned)."""
    css: str = ""
    """The HTML table's class, if any."""


Block = tuple[str, Any]
"""("h2" | "h3", text), ("p" | "note", pieces), ("table", Table), ("list", [Item]), or ("page", None): the
end of the one-page summary (a page break when printed)."""


_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Every character `sanitise` would change: text without any is already clean (the usual case)."""


def _plain(text: Any) -> str:
    """Any value as one line of inert text: no line breaks, no control or bidi-override characters.

    `sanitise` also trims the ends, which would eat the spaces of " — "; the two
    markers it keeps, then cut off, protect them.
    """
    text = "" if text is None else str(text)
    if not _NEEDS_CLEANING.search(text):
        return text
    return sanitise(f"|{text}|", limit=sys.maxsize)[1:-1]


def _day(instant: datetime | None) -> str:
    """An instant as the local day people read: "Tue 01 Sep 2026"."""
    return describe_day(instant) if instant else "—"


def _calendar_day(value: date | None) -> str:
    """A calendar date as people read it."""
    return value.strftime("%a %d %b %Y") if value else "—"


def _plural(count: int, one: str) -> str:
    return f"{count:,} {one if count == 1 else one + 's'}"


def _of_which(tally: Tally) -> str:
    """ " (of which 2 confidential)" for a total with confidential items in it; "" otherwise."""
    return f" (of which {tally.confidential:,} confidential)" if tally.confidential else ""


def _total(tally: Tally, words: str) -> list[Piece]:
    """A total in bold, and how many of it are confidential: "**10 raised** (of which 2 confidential)"."""
    return [_b(f"{tally.total:,} {words}"), *([_t(_of_which(tally))] if tally.confidential else [])]


def _terms(tally: Tally, one: str) -> list[Piece]:
    """A total with its noun: "**17 terms** (of which 1 confidential)"."""
    return [_b(_plural(tally.total, one)), *([_t(_of_which(tally))] if tally.confidential else [])]


def _words(value: str | None) -> str:
    """A stored status or kind ("let_go", "kind_word") as words."""
    return (value or "").replace("_", " ")


class _Flagged(Protocol):
    """Any item of the report that can be confidential."""

    @property
    def confidential(self) -> bool: ...


class _Credited(Protocol):
    """Any item of the report that is credited to someone, or to nobody."""

    @property
    def said_by(self) -> str | None: ...

    @property
    def attribution(self) -> Attribution: ...

    @property
    def organisation(self) -> str | None: ...


@dataclass(frozen=True)
class _Who:
    """Who the report is for and who it names; every name in it is asked of `core.audience.said_by`."""

    audience: Audience
    naming: Naming

    def credit(self, attribution: Attribution | str, person: str | None, organisation: str | None) -> str | None:
        return said_by(attribution, person, organisation, self.audience, naming=self.naming)

    def present(self, meeting: MeetingHeld) -> list[Piece]:
        """Who was at a meeting, as this report may name them: the people, their organisations, or a count."""
        if not meeting.present or not shows(Kind.ATTENDEE, self.audience):
            return [_i("Nobody recorded")]
        organisations = meeting.present_organisations or (None,) * len(meeting.present)
        credits = [self.credit(Attribution.NAMED, label, organisation)
                   for label, organisation in zip(meeting.present, organisations, strict=False)]
        count = len(meeting.present)
        people = "1 person" if count == 1 else f"{count:,} people"
        if self.naming is Naming.PEOPLE:
            return [_t("Present: "), _u("; ".join(credit or "someone" for credit in credits))]
        named = list(dict.fromkeys(credit for credit in credits if credit))
        if not named:
            return [_t(f"{people} present")]
        return [_t(f"{people} present, from "), _u(", ".join(named))]


NAMING_WORDS = {
    Naming.PEOPLE: "people are named",
    Naming.ORGANISATIONS: "organisations are named, never a person",
    Naming.NOBODY: "nobody is credited with anything said or owned",
}
"""What the report says about whom it names, in its opening lines."""


def _flag(item: _Flagged) -> list[Piece]:
    return [_t(" "), ("flag", "[confidential]")] if item.confidential else []


def _said(item: _Credited, verb: str, who: _Who) -> list[list[Piece]]:
    """The credit line for a credited item, as the policy lets this report say it; none for an
    anonymous one, nor for a named person's item when their organisation is not known."""
    credit = who.credit(item.attribution, item.said_by, item.organisation)
    return [[_t(f"{verb} "), _u(credit)]] if credit else []


def report_audience(data: PartnershipReport) -> Audience:
    """Who a report is for: an export, with confidential items only when they were asked for."""
    return Audience.EXPORT_CONFIDENTIAL if data.include_confidential else Audience.EXPORT


# -- the content, once --------------------------------------------------------------------------


def _period_words(period: ReportPeriod) -> str:
    """The period with its days written as every date in the report is ("Tue 09 Jun 2026")."""
    if period.start and period.end:
        return f"{_calendar_day(period.start)} to {_calendar_day(period.end)}"
    if period.start:
        return f"from {_calendar_day(period.start)} to {_day(period.as_of)}"
    if period.end:
        return f"up to {_calendar_day(period.end)}"
    return f"all time, up to {_day(period.as_of)}"


def report_blocks(data: PartnershipReport) -> tuple[list[Piece], list[Piece], list[Block]]:
    """The report as (title, the line under it, blocks), for the writers below: a one-page summary
    first ("At a glance"), then the detail."""
    who = _Who(report_audience(data), data.naming)
    title = [_t("Partnership report: "), _u(data.partnership)]
    meta = [_t("Period: "), _b(_period_words(data.period)), _t(" · made " + describe_moment(data.made_at))]
    naming = f"In this report {NAMING_WORDS[data.naming]}."
    if data.include_confidential:
        privacy = [("flag", "This report includes confidential items."), _t(" Share it with care. "), _i(naming)]
    else:
        hidden = data.left_out.confidential
        privacy = [_i(f"Confidential items are counted in every total but never described "
                      f"({hidden:,} left out of the lists in this period). {naming}")]
    return title, meta, [
        ("note", privacy),
        *_at_a_glance(data),
        ("page", None),
        *_meetings(data.meetings, who),
        *_attendance(data.attendance, data.meetings.held),
        *_glossary(data.glossary),
        *_elephants(data.elephants, who),
        *_turning_points(data.turning_points, data.turning_points_total, who),
        *_agreements(data.agreements, data.agreements_total, data.review_due_total, who),
        *_actions(data.actions, who),
    ]


def _at_a_glance(data: PartnershipReport) -> list[Block]:
    """The one-page summary: every total of the detail that follows, in one table."""
    meetings, glossary, elephants, actions = data.meetings, data.glossary, data.elephants.totals, data.actions
    came = sum(1 for row in data.attendance if row.organisation and row.meetings)
    known = sum(1 for row in data.attendance if row.organisation)
    unfinished = sum(1 for m in meetings.listed if m.seconds is None)

    def row(label: str, *pieces: Piece) -> list[list[Piece]]:
        return [[_t(label)], [piece for piece in pieces if piece[1]]]

    def tally(value: Tally, words: str) -> list[Piece]:
        return _total(value, words)

    rows = [
        row("Meetings held", _b(_plural(meetings.held, "meeting")), _t(", "), _t(format_minutes(meetings.seconds)),
            _t(" together"), _t(f" ({_plural(unfinished, 'meeting')} still in progress)" if unfinished else "")),
        row("Organisations present", _t(f"{came:,} of the partnership's {known:,} came to at least one meeting")),
        row("Shared glossary", *_terms(glossary.terms_at_end, "term"), _t(" at the end; "),
            *tally(glossary.new_total, "new"), _t(", "), *tally(glossary.explained_total, "explained"), _t(", "),
            *tally(glossary.unexplained_total, "still unexplained")),
        row("Elephants in the room", *tally(elephants.raised, "raised"), _t(", "),
            *tally(elephants.addressed, "addressed"), _t(", "), *tally(elephants.let_go, "let go"), _t("; "),
            *tally(elephants.open_at_end, "still open"), _t(" at the end")),
        row("Turning points", *_terms(data.turning_points_total, "turning point"), _t(" marked")),
        row("Agreements", *_terms(data.agreements_total, "agreement"), _t(" made"),
            *([_t("; "), *tally(data.review_due_total, "due for review")] if data.review_due_total.total else [])),
        row("Actions", *tally(actions.made_total, "made"), _t(", "), *tally(actions.done_total, "done"), _t(", "),
            *tally(actions.open_total, "still open"), _t(" at the end"),
            *([_t(", "), *tally(actions.overdue_total, "overdue")] if actions.overdue_total.total else [])),
    ]
    return [("h2", "At a glance"), ("table", Table(["", "In this period"], rows, css="glance"))]


def _listing(heading: str, items: list[Item], empty: str, tally: Tally | None = None) -> list[Block]:
    """A heading with its total (confidential items counted), the items the report may describe, and a
    line for those it counts without describing."""
    tally = tally or Tally(len(items))
    secret = f", of which {tally.confidential:,} confidential" if tally.confidential else ""
    blocks: list[Block] = [("h3", f"{heading} ({tally.total:,}{secret})")]
    if items:
        blocks.append(("list", items))
    unlisted = tally.total - len(items)
    if unlisted > 0:
        blocks.append(("note", [_i(f"{_plural(unlisted, 'confidential item')} counted here, not described.")]))
    elif not items:
        blocks.append(("note", [_i(empty)]))
    return blocks


def _meetings(meetings: MeetingsHeld, who: _Who) -> list[Block]:
    blocks: list[Block] = [("h2", "Meetings held")]
    if not meetings.held:
        return [*blocks, ("note", [_i("No meetings were held in this period.")])]
    unfinished = sum(1 for m in meetings.listed if m.seconds is None)
    summary = [
        _b(_plural(meetings.held, "meeting")), _t(", "), _b(format_minutes(meetings.seconds)),
        _t(f" together (not counting {_plural(unfinished, 'meeting')} still in progress)." if unfinished
           else " together."),
    ]
    table = Table(
        ["Meeting type", "Meetings", "Time together"],
        [[[_u(type_label(row.meeting_type))], [_t(f"{row.meetings:,}")], [_t(format_minutes(row.seconds))]]
         for row in meetings.by_type],
        frozenset({1, 2}),
    )
    items = []
    for m in meetings.listed:
        length = format_minutes(m.seconds) if m.seconds is not None else "still in progress"
        present = who.present(m)
        items.append(Item(
            [_b(describe_moment(m.started_at)), _t(" — "), _u(m.title), _t(" ("), _u(type_label(m.meeting_type).lower()),
             _t(f", {length})")],
            [present],
        ))
    return [*blocks, ("p", summary), ("table", table), ("h3", "The meetings"), ("list", items)]


def _attendance(rows: tuple[OrganisationAttendance, ...], held: int) -> list[Block]:
    blocks: list[Block] = [("h2", "Attendance by organisation")]
    if not rows:
        return [*blocks, ("note", [_i("No organisations are recorded for this partnership.")])]
    table = Table(
        ["Organisation", "Meetings present at", "Person-attendances"],
        [[[_u(row.organisation)] if row.organisation else [_i("no organisation")],
          [_t(f"{row.meetings:,} of {held:,}")], [_t(f"{row.attendances:,}")]]
         for row in rows],
        frozenset({1, 2}),
    )
    return [*blocks, ("table", table)]


def _term_lines(term: GlossaryTerm) -> list[list[Piece]]:
    lines = [[_t("Stands for: "), _u(term.expansion)]] if term.expansion else []
    lines += [[_u(m.organisation or "Everyone"), _t(": "), _u(m.meaning)] for m in term.meanings]
    if term.plain_words:
        lines.append([_t("In plain words: "), _u(term.plain_words)])
    if term.same_as:
        lines.append([_t("Same as: "), _u(", ".join(term.same_as))])
    return lines


def _glossary(glossary: Glossary) -> list[Block]:
    summary = [
        _t("The glossary held "), *_terms(glossary.terms_at_start, "term"),
        _t(" at the start of the period and "), *_terms(glossary.terms_at_end, "term"),
        _t(" at its end. Jargon was named "), *_terms(glossary.mentions, "time"),
        _t(" in the period's meetings."),
    ]
    new_ids = {term.id for term in glossary.new}
    new = [
        Item([_u(t.term, "strong"), _t(f" — raised {t.raised_in_period:,}× in the period")]
             + ([_t(", "), _i("still unexplained")] if t.unexplained else []) + _flag(t),
             _term_lines(t))
        for t in glossary.new
    ]
    explained = [  # a term also new in the period has its meanings above already
        Item([_u(t.term, "strong"), _t(f" — explained {_day(t.explained_at)}"
                                       + (", first raised in this period" if t.id in new_ids else "")),
              *_flag(t)], [] if t.id in new_ids else _term_lines(t))
        for t in glossary.explained
    ]
    unexplained = [
        Item([_u(t.term, "strong"), _t(f" — first raised {_day(t.first_raised)}, "
                                       f"raised {t.raised_in_period:,}× in the period"), *_flag(t)])
        for t in glossary.unexplained
    ]
    return [
        ("h2", "Name the Jargon: the shared glossary"), ("p", summary),
        *_listing("First raised in the period", new, "No new terms.", glossary.new_total),
        *_listing("Explained during the period", explained, "No term was explained in this period.",
                  glossary.explained_total),
        *_listing("Still unexplained at the end of the period", unexplained, "Every term is explained.",
                  glossary.unexplained_total),
    ]


def _elephants(elephants: Elephants, who: _Who) -> list[Block]:
    totals = elephants.totals
    summary = [
        *_total(totals.raised, "raised"), _t(", "), *_total(totals.addressed, "addressed"), _t(", "),
        *_total(totals.let_go, "let go"), _t(" in the period; "),
        *_total(totals.open_at_end, "still open"), _t(" at its end."),
    ]
    if totals.conflicts:
        summary.append(_t(f" {_plural(totals.conflicts, 'elephant')} had two different decisions recorded "
                          "(files merged from two sites): each is counted once, with the later decision."))
    raised = [
        Item([_t(f"{_day(e.raised_at)}: "), _u(e.text), _t(f" — now {_words(e.status)}"),
              *_flag(e)], _said(e, "Raised by", who))
        for e in elephants.raised
    ]

    def resolved(found: tuple[ResolvedElephant, ...], label: str) -> list[Item]:
        return [
            Item([_t(f"{_day(e.at)}: "), _u(e.text)] + _flag(e),
                 [[_t(f"{label}: "), _u(e.note)] if e.note else [_i(f"{label}: not recorded")]]
                 + [[("flag", "Conflict:"), _t(f" also recorded as {_words(c.status)} on {_day(c.at)}; "
                                              "the later decision is the one counted.")] for c in e.conflicts])
            for e in found
        ]

    still_open = [
        Item([_u(e.text), _t(f" — {_words(e.status_at_end)}, waited {_plural(e.age_days, 'day')} "
                             f"(raised {_day(e.raised_at)})")] + _flag(e))
        for e in elephants.open_at_end
    ]
    return [
        ("h2", "Elephants in the room"), ("p", summary),
        *_listing("Raised in the period", raised, "None raised.", totals.raised),
        *_listing("Addressed in the period", resolved(elephants.addressed, "How"), "None addressed.",
                  totals.addressed),
        *_listing("Let go in the period", resolved(elephants.let_go, "Why"), "None let go.", totals.let_go),
        *_listing("Still open at the end of the period", still_open, "None open.", totals.open_at_end),
    ]


def _turning_points(points: tuple[ReportTurningPoint, ...], total: Tally, who: _Who) -> list[Block]:
    """The moments marked, counted (confidential ones too); only those with something recorded about
    them (a kind, what happened, what it opened up, an agreement) are described, one by one."""
    items = []
    bare = 0
    for p in points:
        if not (p.kind or p.note or p.opened_up or p.agreement):
            bare += 1
            continue
        line = [_b(_day(p.at)), _t(", "), _u(p.meeting)]
        line += [_t(", "), _u(p.section)] if p.section else []
        line += [_t(": " + _words(p.kind))] if p.kind else []
        line += [_t(" — " if p.kind else ": "), _u(p.note)] if p.note else []
        under = [[_t("What it opened up: "), _u(p.opened_up)]] if p.opened_up else []
        under += [[_t("It led to: "), _u(p.agreement)]] if p.agreement else []
        items.append(Item(line + _flag(p), under + _said(p, "Credited to", who)))
    summary = [*_terms(total, "turning point"), _t(" marked in the period's meetings.")]
    blocks: list[Block] = [("h2", "Turning points"), ("p", summary)]
    notes = []
    if bare:
        notes.append(f"{_plural(bare, 'moment')} marked without details")
    if total.total > len(points):
        notes.append(f"{_plural(total.total - len(points), 'confidential item')} counted here, not described")
    if items:
        blocks.append(("list", items))
    if notes:
        said = "; ".join(notes)
        blocks.append(("note", [_i(said[0].upper() + said[1:] + ".")]))
    elif not items:
        blocks.append(("note", [_i("No turning points were marked in this period.")]))
    return blocks


def _agreements(
    agreements: tuple[ReportAgreement, ...], total: Tally, due: Tally, who: _Who
) -> list[Block]:
    items = []
    for a in agreements:
        under = [[_t("Parties: "), _u(", ".join(a.parties))]] if a.parties else []
        if a.review_on:
            flag = [_t(" — "), _b("review due")] if a.review_due else []
            under.append([_t(f"Review: {_calendar_day(a.review_on)}"), *flag])
        if a.status != AgreementStatus.ACTIVE:
            under.append([_t(f"Now {_words(a.status)}")])
        line = [_t(f"{_day(a.at)}: "), _u(a.text), *_flag(a)]
        items.append(Item(line, under + _said(a, "Proposed by", who)))
    summary = [*_terms(total, "agreement"), _t(" made in the period")]
    summary += [_t("; "), *_total(due, "due for review"), _t(".")] if due.total else [_t(".")]
    listed: list[Block] = [("list", items)] if items else []
    if total.total > len(items):
        listed.append(("note", [_i(f"{_plural(total.total - len(items), 'confidential item')} "
                                   "counted here, not described.")]))
    return [("h2", "Agreements and shared understandings"), ("p", summary), *listed]


def _actions(actions: Actions, who: _Who) -> list[Block]:
    overdue = actions.overdue_total
    summary = [
        *_total(actions.made_total, "made"), _t(", "), *_total(actions.done_total, "done"),
        _t(f", {actions.dropped.total:,} dropped{_of_which(actions.dropped)} in the period; "),
        *_total(actions.open_total, "still open"),
        _t(f" at its end, {overdue.total:,} of them overdue{_of_which(overdue)}." if overdue.total
           else " at its end."),
    ]

    def line(a: ReportAction, *more: Piece) -> Item:
        credit = who.credit(Attribution.NAMED if a.owner_named else Attribution.ORGANISATION,
                            a.owner, a.owner_organisation or (None if a.owner_named else a.owner))
        owner = [_t(" — "), _u(credit)] if credit else [] if a.owner else [_t(" — "), _i("no owner yet")]
        return Item([_u(a.text), *owner, *more, *_flag(a)])

    def due(a: ReportAction) -> str:
        return f", due {_calendar_day(a.due_on)}" if a.due_on else ""

    made = [line(a, _t(f"{due(a)} ({_words(a.status)})")) for a in actions.made]
    done = [line(a, _t(f", done {_day(a.done_at)}")) for a in actions.done]
    still_open = [line(a, _t(due(a)), *([_t(" "), _b("overdue")] if a.overdue else []))
                  for a in actions.open_at_end]
    return [
        ("h2", "Actions"), ("p", summary),
        *_listing("Made in the period", made, "None made.", actions.made_total),
        *_listing("Done in the period", done, "None done.", actions.done_total),
        *_listing("Still open at the end of the period", still_open, "None open.", actions.open_total),
    ]


# -- Markdown ----------------------------------------------------------------------------------

_MARKDOWN_STYLES = {"strong": "**{}**", "em": "*{}*", "flag": "**{}**"}


def _md_pieces(pieces: Iterable[Piece]) -> str:
    """Pieces on one line, each escaped only where Markdown needs it (`core.export.md`): the line-start
    rules for the first, plain piece, which could begin the line; the rest follow other words."""
    written = []
    for index, (style, text) in enumerate(pieces):
        plain = _plain(text)
        escaped = md(plain) if index == 0 and not style else md_inline(plain)
        if escaped:
            written.append(_MARKDOWN_STYLES.get(style, "{}").format(escaped))
    return "".join(written)


def _md_text(text: Any) -> str:
    """A heading's or a table header's words (after "## " or "| ", so never at a line's start)."""
    return md_inline(_plain(text))


def report_to_markdown(data: PartnershipReport) -> str:
    """The report as a Markdown document; no user text can become markup or break its structure."""
    title, meta, blocks = report_blocks(data)
    out = [f"# {_md_pieces(title)}", "", _md_pieces(meta), ""]
    for kind, content in blocks:
        if kind in ("h2", "h3"):
            out += [f"{'#' * int(kind[1])} {_md_text(content)}", ""]
        elif kind in ("p", "note"):
            out += [_md_pieces(content), ""]
        elif kind == "table":
            out.append("| " + " | ".join(_md_text(header) for header in content.headers) + " |")
            out.append("|" + "|".join("---:" if column in content.numeric else "---"
                                      for column in range(len(content.headers))) + "|")
            out += ["| " + " | ".join(_md_pieces(cell) for cell in row) + " |" for row in content.rows]
            out.append("")
        elif kind == "list":
            out += ["- " + _md_pieces(item.line) + "".join("  \n  " + _md_pieces(line) for line in item.under)
                    for item in content]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- HTML --------------------------------------------------------------------------------------

_REPORT_STYLE = """
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
table { margin: .5rem 0 1rem; } th { border-bottom: 1px solid #999; } td { border-bottom: 1px solid #ddd; }
td.n, th.n { text-align: right; padding-right: 0; padding-left: 1rem; }
.flag { color: #8a3b00; font-weight: bold; }
.glance td:first-child { font-weight: bold; white-space: nowrap; padding-right: 1rem; vertical-align: top; }
@page { margin: 16mm 14mm; }
@media print { h3 { break-after: avoid; } .page { break-after: page; } }
"""

_HTML_STYLES = {"strong": "<strong>{}</strong>", "em": "<em>{}</em>", "flag": '<span class="flag">{}</span>'}


def _html_pieces(pieces: Iterable[Piece]) -> str:
    written = ((style, htm(_plain(text))) for style, text in pieces)
    return "".join(_HTML_STYLES.get(style, "{}").format(text) for style, text in written if text)


def _html_table(table: Table) -> str:
    def cell(tag: str, column: int, inner: str) -> str:
        numeric = ' class="n"' if column in table.numeric else ""
        return f"<{tag}{numeric}>{inner}</{tag}>"

    head = "".join(cell("th", column, htm(header)) for column, header in enumerate(table.headers))
    rows = ("".join(cell("td", column, _html_pieces(cells)) for column, cells in enumerate(row))
            for row in table.rows)
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    kind = f' class="{table.css}"' if table.css else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_list(items: list[Item]) -> str:
    return "<ul>" + "".join(
        "<li>" + _html_pieces(item.line)
        + "".join(f'<span class="sub">{_html_pieces(line)}</span>' for line in item.under) + "</li>"
        for item in items
    ) + "</ul>"


def report_to_html(data: PartnershipReport) -> str:
    """The report as one self-contained, printable HTML page: inline styles, nothing fetched, text escaped."""
    title, meta, blocks = report_blocks(data)
    writers: dict[str, Callable[[Any], str]] = {
        "h2": lambda text: f"<h2>{htm(_plain(text))}</h2>",
        "h3": lambda text: f"<h3>{htm(_plain(text))}</h3>",
        "p": lambda pieces: f"<p>{_html_pieces(pieces)}</p>",
        "note": lambda pieces: f'<p class="note">{_html_pieces(pieces)}</p>',
        "table": _html_table,
        "list": _html_list,
        "page": lambda _: '<div class="page"></div>',
    }
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_html_pieces(title)}</title>",
        f"<style>{HTML_STYLE}{_REPORT_STYLE}</style></head><body>",
        f"<h1>{_html_pieces(title)}</h1>",
        f'<p class="meta">{_html_pieces(meta)}</p>',
        *(writers[kind](content) for kind, content in blocks),
        "</body></html>",
    ]) + "\n"


REPORT_RENDERERS: dict[str, Callable[[PartnershipReport], str]] = {
    "md": report_to_markdown,
    "html": report_to_html,
}
"""Each of `REPORT_FORMATS`, by name."""
