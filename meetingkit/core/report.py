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
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol, TypeAlias

from meetingkit.core.audience import Audience, Kind, Naming, said_by, shows
from meetingkit.core.clock import describe_day, describe_moment, format_minutes
from meetingkit.core.counting import ElephantTotals, Tally
from meetingkit.core.export import HTML_STYLE, htm, md, md_inline
from meetingkit.core.i18n import Language, _, ngettext, pgettext, speaking
from meetingkit.core.i18n import language as language_in_use
from meetingkit.core.localise import colon, day_text, number_text
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

ReportLanguage: TypeAlias = Literal["en", "fr", "en+fr"]
REPORT_LANGUAGES: tuple[ReportLanguage, ...] = ("en", "fr", "en+fr")
"""A report's language: English, French, or its headings in both ("Meetings held / Réunions tenues")
with the rest in the interface's language."""


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
    return day_text(value, "short-year") if value else "—"


def _n(value: int) -> str:
    """A count as the report's language groups it ("1,234", "1 234")."""
    return number_text(value)


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _fill(sentence: str, **values: str | Piece | list[Piece]) -> list[Piece]:
    """A translated sentence as pieces: its own words plain, each `{name}` in it the value given
    (a string is plain text, a piece keeps its style, a list of pieces is put in as it is).

    So a whole sentence is translated at once, in the order French gives it, while the text
    somebody typed inside it stays a `UserText` piece.
    """
    pieces: list[Piece] = []
    position = 0
    for found in _FIELD.finditer(sentence):
        if found.start() > position:
            pieces.append(_t(sentence[position:found.start()]))
        value = values[found.group(1)]
        if isinstance(value, list):
            pieces += value
        elif isinstance(value, tuple):
            pieces.append(value)
        elif value:
            pieces.append(_t(value))
        position = found.end()
    if position < len(sentence):
        pieces.append(_t(sentence[position:]))
    return pieces


def _of_which(tally: Tally) -> str:
    """ " (of which 2 confidential)" for a total with confidential items in it; "" otherwise."""
    if not tally.confidential:
        return ""
    return " " + ngettext("(of which {count} confidential)", "(of which {count} confidential)",
                          tally.confidential).format(count=_n(tally.confidential))


def _counted(tally: Tally, message: str) -> list[Piece]:
    """A total in bold, and how many of it are confidential: "**10 raised** (of which 2 confidential)";
    `message` is the total's words, with `{count}` (from `ngettext`, counted on `tally.total`)."""
    confidential = _of_which(tally)
    return [_b(message.format(count=_n(tally.total))), *([_t(confidential)] if confidential else [])]


def _words(value: str | None) -> str:
    """A stored status or kind ("let_go", "kind_word") as words."""
    return (value or "").replace("_", " ")


def _status(value: str | None) -> str:
    """A stored status or kind of an elephant, an agreement, an action or a turning point, in words
    ("let_go" is "let go"); one the report does not know is shown as it is stored."""
    words = {
        # Translators: an elephant's status, after "now" or "also recorded as".
        "parked": pgettext("elephant status", "parked"),
        "discussing": pgettext("elephant status", "discussing"),
        "addressed": pgettext("elephant status", "addressed"),
        "let_go": pgettext("elephant status", "let go"),
        # Translators: an agreement's status, after "Now".
        "active": pgettext("agreement status", "active"),
        "revised": pgettext("agreement status", "revised"),
        "retired": pgettext("agreement status", "retired"),
        # Translators: an action's status, in brackets after it.
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
        "carried": pgettext("action status", "carried"),
        # Translators: the kind of a turning point in a meeting.
        "apology": pgettext("turning point", "apology"),
        "concession": pgettext("turning point", "concession"),
        "kind_word": pgettext("turning point", "kind word"),
        "new_understanding": pgettext("turning point", "new understanding"),
        "other": pgettext("turning point", "other"),
    }
    return words.get(value or "", _words(value))


_both_languages: ContextVar[bool] = ContextVar("meetingkit_report_both_languages", default=False)
"""Whether the report being written gives its headings in English and French ("en+fr")."""


def _heading(words: Callable[[], str]) -> str:
    """A heading in the report's language (`words` says it: `lambda: _("Meetings held")`); in an
    "en+fr" report, in English and in French side by side ("Meetings held / Réunions tenues")."""
    if not _both_languages.get():
        return words()
    with speaking("en"):
        english = words()
    with speaking("fr"):
        french = words()
    return english if english == french else f"{english} / {french}"


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
            return [_i(_("Nobody recorded"))]
        organisations = meeting.present_organisations or (None,) * len(meeting.present)
        credits = [self.credit(Attribution.NAMED, label, organisation)
                   for label, organisation in zip(meeting.present, organisations, strict=False)]
        count = len(meeting.present)
        if self.naming is Naming.PEOPLE:
            someone = _("someone")
            return _fill(_("Present: {people}"), people=_u("; ".join(credit or someone for credit in credits)))
        named = list(dict.fromkeys(credit for credit in credits if credit))
        if not named:
            return [_t(ngettext("{count} person present", "{count} people present", count).format(count=_n(count)))]
        return _fill(
            ngettext("{count} person present, from {organisations}", "{count} people present, from {organisations}",
                     count),
            count=_n(count), organisations=_u(", ".join(named)),
        )


def naming_words(naming: Naming) -> str:
    """What the report says about whom it names, in its opening lines."""
    return {
        Naming.PEOPLE: _("In this report people are named."),
        Naming.ORGANISATIONS: _("In this report organisations are named, never a person."),
        Naming.NOBODY: _("In this report nobody is credited with anything said or owned."),
    }[naming]


def _flag(item: _Flagged) -> list[Piece]:
    return [_t(" "), ("flag", _("[confidential]"))] if item.confidential else []


def _said(item: _Credited, sentence: str, who: _Who) -> list[list[Piece]]:
    """The credit line for a credited item ("Raised by {name}"), as the policy lets this report say it;
    none for an anonymous one, nor for a named person's item when their organisation is not known."""
    credit = who.credit(item.attribution, item.said_by, item.organisation)
    return [_fill(sentence, name=_u(credit))] if credit else []


def report_audience(data: PartnershipReport) -> Audience:
    """Who a report is for: an export, with confidential items only when they were asked for."""
    return Audience.EXPORT_CONFIDENTIAL if data.include_confidential else Audience.EXPORT


# -- the content, once --------------------------------------------------------------------------


def _period_words(period: ReportPeriod) -> str:
    """The period with its days written as every date in the report is ("Tue 09 Jun 2026")."""
    if period.start and period.end:
        return _("{start} to {end}").format(start=_calendar_day(period.start), end=_calendar_day(period.end))
    if period.start:
        return _("from {start} to {end}").format(start=_calendar_day(period.start), end=_day(period.as_of))
    if period.end:
        return _("up to {end}").format(end=_calendar_day(period.end))
    return _("all time, up to {end}").format(end=_day(period.as_of))


def report_blocks(data: PartnershipReport) -> tuple[list[Piece], list[Piece], list[Block]]:
    """The report as (title, the line under it, blocks), for the writers below: a one-page summary
    first ("At a glance"), then the detail."""
    who = _Who(report_audience(data), data.naming)
    title = [_t(_heading(lambda: _("Partnership report")) + colon() + " "), _u(data.partnership)]
    meta = _fill(_("Period: {period} · made {moment}"), period=_b(_period_words(data.period)),
                 moment=describe_moment(data.made_at))
    naming = naming_words(data.naming)
    if data.include_confidential:
        privacy = [("flag", _("This report includes confidential items.")), _t(" " + _("Share it with care.") + " "),
                   _i(naming)]
    else:
        hidden = data.left_out.confidential
        privacy = [_i(ngettext(
            "Confidential items are counted in every total but never described "
            "({count} left out of the lists in this period).",
            "Confidential items are counted in every total but never described "
            "({count} left out of the lists in this period).", hidden,
        ).format(count=_n(hidden)) + " " + naming)]
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


def _meetings_count(count: int) -> str:
    return ngettext("{count} meeting", "{count} meetings", count).format(count=_n(count))


def _terms_count(tally: Tally) -> list[Piece]:
    return _counted(tally, ngettext("{count} term", "{count} terms", tally.total))


def _glossary_tallies(glossary: Glossary) -> dict[str, list[Piece]]:
    return {
        "new": _counted(glossary.new_total, ngettext("{count} new", "{count} new", glossary.new_total.total)),
        "explained": _counted(glossary.explained_total, ngettext(
            "{count} explained", "{count} explained", glossary.explained_total.total)),
        "unexplained": _counted(glossary.unexplained_total, ngettext(
            "{count} still unexplained", "{count} still unexplained", glossary.unexplained_total.total)),
    }


def _elephant_tallies(totals: ElephantTotals) -> dict[str, list[Piece]]:
    return {
        "raised": _counted(totals.raised, ngettext("{count} raised", "{count} raised", totals.raised.total)),
        "addressed": _counted(totals.addressed, ngettext(
            "{count} addressed", "{count} addressed", totals.addressed.total)),
        "let_go": _counted(totals.let_go, ngettext("{count} let go", "{count} let go", totals.let_go.total)),
        "still_open": _counted(totals.open_at_end, ngettext(
            "{count} still open", "{count} still open", totals.open_at_end.total)),
    }


def _action_tallies(actions: Actions) -> dict[str, list[Piece]]:
    return {
        "made": _counted(actions.made_total, ngettext("{count} made", "{count} made", actions.made_total.total)),
        "done": _counted(actions.done_total, ngettext("{count} done", "{count} done", actions.done_total.total)),
        "still_open": _counted(actions.open_total, ngettext(
            "{count} still open", "{count} still open", actions.open_total.total)),
    }


def _agreements_count(total: Tally) -> list[Piece]:
    return _counted(total, ngettext("{count} agreement", "{count} agreements", total.total))


def _due_count(due: Tally) -> list[Piece]:
    return _counted(due, ngettext("{count} due for review", "{count} due for review", due.total))


def _at_a_glance(data: PartnershipReport) -> list[Block]:
    """The one-page summary: every total of the detail that follows, in one table."""
    meetings, glossary, elephants, actions = data.meetings, data.glossary, data.elephants.totals, data.actions
    came = sum(1 for row in data.attendance if row.organisation and row.meetings)
    known = sum(1 for row in data.attendance if row.organisation)
    unfinished = sum(1 for m in meetings.listed if m.seconds is None)

    def row(label: Callable[[], str], pieces: list[Piece]) -> list[list[Piece]]:
        return [[_t(_heading(label))], [piece for piece in pieces if piece[1]]]

    held = _fill(_("{meetings}, {time} together"), meetings=_b(_meetings_count(meetings.held)),
                 time=format_minutes(meetings.seconds))
    if unfinished:
        held.append(_t(" " + ngettext("({count} meeting still in progress)", "({count} meetings still in progress)",
                                      unfinished).format(count=_n(unfinished))))
    points = data.turning_points_total
    agreements, due = data.agreements_total, data.review_due_total
    overdue = actions.overdue_total
    rows = [
        row(lambda: _("Meetings held"), held),
        row(lambda: _("Organisations present"), [_t(ngettext(
            "{came} of the partnership's {known} came to at least one meeting",
            "{came} of the partnership's {known} came to at least one meeting", came,
        ).format(came=_n(came), known=_n(known)))]),
        row(lambda: _("Shared glossary"), _fill(_("{terms} at the end; {new}, {explained}, {unexplained}"),
                                         terms=_terms_count(glossary.terms_at_end), **_glossary_tallies(glossary))),
        row(lambda: _("Elephants in the room"), _fill(_("{raised}, {addressed}, {let_go}; {still_open} at the end"),
                                               **_elephant_tallies(elephants))),
        row(lambda: _("Turning points"), _fill(
            ngettext("{points} marked", "{points} marked", points.total),
            points=_counted(points, ngettext("{count} turning point", "{count} turning points", points.total)))),
        row(lambda: _("Agreements"), _fill(
            ngettext("{agreements} made; {due}", "{agreements} made; {due}", agreements.total) if due.total
            else ngettext("{agreements} made", "{agreements} made", agreements.total),
            agreements=_agreements_count(agreements), due=_due_count(due))),
        row(lambda: _("Actions"), _fill(
            _("{made}, {done}, {still_open} at the end, {overdue}") if overdue.total
            else _("{made}, {done}, {still_open} at the end"),
            **_action_tallies(actions),
            overdue=_counted(overdue, ngettext("{count} overdue", "{count} overdue", overdue.total)))),
    ]
    return [("h2", _heading(lambda: _("At a glance"))),
            ("table", Table(["", _heading(lambda: _("In this period"))], rows, css="glance"))]


def _listing(heading: Callable[[], str], items: list[Item], empty: str, tally: Tally | None = None) -> list[Block]:
    """A heading (as `_heading` takes it) with its total (confidential items counted), the items the report
    may describe, and a line for those it counts without describing."""
    tally = tally or Tally(len(items))
    title = _heading(heading)
    if tally.confidential:
        title = ngettext("{heading} ({total}, of which {count} confidential)",
                         "{heading} ({total}, of which {count} confidential)", tally.confidential,
                         ).format(heading=title, total=_n(tally.total), count=_n(tally.confidential))
    else:
        title = f"{title} ({_n(tally.total)})"
    blocks: list[Block] = [("h3", title)]
    if items:
        blocks.append(("list", items))
    unlisted = tally.total - len(items)
    if unlisted > 0:
        blocks.append(("note", [_i(_unlisted(unlisted) + ".")]))
    elif not items:
        blocks.append(("note", [_i(empty)]))
    return blocks


def _unlisted(count: int) -> str:
    """ "2 confidential items counted here, not described" (without a full stop)."""
    return ngettext("{count} confidential item counted here, not described",
                    "{count} confidential items counted here, not described", count).format(count=_n(count))


def _meetings(meetings: MeetingsHeld, who: _Who) -> list[Block]:
    blocks: list[Block] = [("h2", _heading(lambda: _("Meetings held")))]
    if not meetings.held:
        return [*blocks, ("note", [_i(_("No meetings were held in this period."))])]
    unfinished = sum(1 for m in meetings.listed if m.seconds is None)
    held, time = _b(_meetings_count(meetings.held)), _b(format_minutes(meetings.seconds))
    if unfinished:
        summary = _fill(ngettext(
            "{meetings}, {time} together (not counting {count} meeting still in progress).",
            "{meetings}, {time} together (not counting {count} meetings still in progress).", unfinished,
        ), meetings=held, time=time, count=_n(unfinished))
    else:
        summary = _fill(_("{meetings}, {time} together."), meetings=held, time=time)
    table = Table(
        [_heading(lambda: _("Meeting type")), _heading(lambda: _("Meetings")), _heading(lambda: _("Time together"))],
        [[[_u(type_label(row.meeting_type))], [_t(_n(row.meetings))], [_t(format_minutes(row.seconds))]]
         for row in meetings.by_type],
        frozenset({1, 2}),
    )
    items = []
    for m in meetings.listed:
        length = format_minutes(m.seconds) if m.seconds is not None else _("still in progress")
        items.append(Item(
            _fill(_("{when} — {title} ({type}, {length})"), when=_b(describe_moment(m.started_at)), title=_u(m.title),
                  type=_u(type_label(m.meeting_type).lower()), length=length),
            [who.present(m)],
        ))
    return [*blocks, ("p", summary), ("table", table), ("h3", _heading(lambda: _("The meetings"))), ("list", items)]


def _attendance(rows: tuple[OrganisationAttendance, ...], held: int) -> list[Block]:
    blocks: list[Block] = [("h2", _heading(lambda: _("Attendance by organisation")))]
    if not rows:
        return [*blocks, ("note", [_i(_("No organisations are recorded for this partnership."))])]
    table = Table(
        [_heading(lambda: _("Organisation")), _heading(lambda: _("Meetings present at")), _heading(lambda: _("Person-attendances"))],
        [[[_u(row.organisation)] if row.organisation else [_i(_("no organisation"))],
          [_t(_("{count} of {held}").format(count=_n(row.meetings), held=_n(held)))], [_t(_n(row.attendances))]]
         for row in rows],
        frozenset({1, 2}),
    )
    return [*blocks, ("table", table)]


def _term_lines(term: GlossaryTerm) -> list[list[Piece]]:
    lines = [_fill(_("Stands for: {expansion}"), expansion=_u(term.expansion))] if term.expansion else []
    lines += [[_u(m.organisation or _("Everyone")), _t(colon() + " "), _u(m.meaning)] for m in term.meanings]
    if term.plain_words:
        lines.append(_fill(_("In plain words: {words}"), words=_u(term.plain_words)))
    if term.same_as:
        lines.append(_fill(_("Same as: {terms}"), terms=_u(", ".join(term.same_as))))
    return lines


def _glossary(glossary: Glossary) -> list[Block]:
    summary = [
        *_fill(_("The glossary held {start} at the start of the period and {end} at its end."),
               start=_terms_count(glossary.terms_at_start), end=_terms_count(glossary.terms_at_end)),
        _t(" "),
        *_fill(_("Jargon was named {times} in the period's meetings."), times=_counted(
            glossary.mentions, ngettext("{count} time", "{count} times", glossary.mentions.total))),
    ]
    new_ids = {term.id for term in glossary.new}
    new = [
        Item(_fill(_("{term} — raised {count}× in the period"), term=_u(t.term, "strong"), count=_n(t.raised_in_period))
             + ([_t(", "), _i(_("still unexplained"))] if t.unexplained else []) + _flag(t),
             _term_lines(t))
        for t in glossary.new
    ]
    explained = [  # a term also new in the period has its meanings above already
        Item([*_fill(_("{term} — explained {day}, first raised in this period") if t.id in new_ids
                     else _("{term} — explained {day}"), term=_u(t.term, "strong"), day=_day(t.explained_at)),
              *_flag(t)], [] if t.id in new_ids else _term_lines(t))
        for t in glossary.explained
    ]
    unexplained = [
        Item([*_fill(_("{term} — first raised {day}, raised {count}× in the period"), term=_u(t.term, "strong"),
                     day=_day(t.first_raised), count=_n(t.raised_in_period)), *_flag(t)])
        for t in glossary.unexplained
    ]
    return [
        ("h2", _heading(lambda: _("Name the Jargon: the shared glossary"))), ("p", summary),
        *_listing(lambda: _("First raised in the period"), new, _("No new terms."), glossary.new_total),
        *_listing(lambda: _("Explained during the period"), explained, _("No term was explained in this period."),
                  glossary.explained_total),
        *_listing(lambda: _("Still unexplained at the end of the period"), unexplained, _("Every term is explained."),
                  glossary.unexplained_total),
    ]


def _elephants(elephants: Elephants, who: _Who) -> list[Block]:
    totals = elephants.totals
    summary = _fill(_("{raised}, {addressed}, {let_go} in the period; {still_open} at its end."),
                    **_elephant_tallies(totals))
    if totals.conflicts:
        summary.append(_t(" " + ngettext(
            "{count} elephant had two different decisions recorded (files merged from two sites): "
            "each is counted once, with the later decision.",
            "{count} elephants had two different decisions recorded (files merged from two sites): "
            "each is counted once, with the later decision.", totals.conflicts,
        ).format(count=_n(totals.conflicts))))
    raised = [
        Item([*_fill(_("{day}: {text} — now {status}"), day=_day(e.raised_at), text=_u(e.text),
                     status=_status(e.status)), *_flag(e)],
             _said(e, _("Raised by {name}"), who))
        for e in elephants.raised
    ]

    def resolved(found: tuple[ResolvedElephant, ...], said: str, unsaid: str) -> list[Item]:
        return [
            Item(_fill(_("{day}: {text}"), day=_day(e.at), text=_u(e.text)) + _flag(e),
                 [_fill(said, note=_u(e.note)) if e.note else [_i(unsaid)]]
                 + [[("flag", _("Conflict:")), _t(" " + _(
                     "also recorded as {status} on {day}; the later decision is the one counted.",
                 ).format(status=_status(c.status), day=_day(c.at)))] for c in e.conflicts])
            for e in found
        ]

    still_open = [
        Item(_fill(ngettext("{text} — {status}, waited {count} day (raised {day})",
                            "{text} — {status}, waited {count} days (raised {day})", e.age_days),
                   text=_u(e.text), status=_status(e.status_at_end), count=_n(e.age_days), day=_day(e.raised_at))
             + _flag(e))
        for e in elephants.open_at_end
    ]
    return [
        ("h2", _heading(lambda: _("Elephants in the room"))), ("p", summary),
        *_listing(lambda: _("Raised in the period"), raised, _("None raised."), totals.raised),
        *_listing(lambda: _("Addressed in the period"),
                  resolved(elephants.addressed, _("How: {note}"), _("How: not recorded")),
                  _("None addressed."), totals.addressed),
        *_listing(lambda: _("Let go in the period"), resolved(elephants.let_go, _("Why: {note}"), _("Why: not recorded")),
                  _("None let go."), totals.let_go),
        *_listing(lambda: _("Still open at the end of the period"), still_open, _("None open."), totals.open_at_end),
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
        line += [_t(colon() + " " + _status(p.kind))] if p.kind else []
        line += [_t(" — " if p.kind else colon() + " "), _u(p.note)] if p.note else []
        under = [_fill(_("What it opened up: {text}"), text=_u(p.opened_up))] if p.opened_up else []
        under += [_fill(_("It led to: {agreement}"), agreement=_u(p.agreement))] if p.agreement else []
        items.append(Item(line + _flag(p), under + _said(p, _("Credited to {name}"), who)))
    summary = _fill(ngettext("{points} marked in the period's meetings.", "{points} marked in the period's meetings.",
                             total.total),
                    points=_counted(total, ngettext("{count} turning point", "{count} turning points", total.total)))
    blocks: list[Block] = [("h2", _heading(lambda: _("Turning points"))), ("p", summary)]
    notes = []
    if bare:
        notes.append(ngettext("{count} moment marked without details", "{count} moments marked without details",
                              bare).format(count=_n(bare)))
    if total.total > len(points):
        notes.append(_unlisted(total.total - len(points)))
    if items:
        blocks.append(("list", items))
    if notes:
        said = "; ".join(notes)
        blocks.append(("note", [_i(said[0].upper() + said[1:] + ".")]))
    elif not items:
        blocks.append(("note", [_i(_("No turning points were marked in this period."))]))
    return blocks


def _agreements(
    agreements: tuple[ReportAgreement, ...], total: Tally, due: Tally, who: _Who
) -> list[Block]:
    items = []
    for a in agreements:
        under = [_fill(_("Parties: {parties}"), parties=_u(", ".join(a.parties)))] if a.parties else []
        if a.review_on:
            flag = [_t(" — "), _b(_("review due"))] if a.review_due else []
            under.append([_t(_("Review: {day}").format(day=_calendar_day(a.review_on))), *flag])
        if a.status != AgreementStatus.ACTIVE:
            under.append([_t(_("Now {status}").format(status=_status(a.status)))])
        line = [*_fill(_("{day}: {text}"), day=_day(a.at), text=_u(a.text)), *_flag(a)]
        items.append(Item(line, under + _said(a, _("Proposed by {name}"), who)))
    if due.total:
        summary = _fill(ngettext("{agreements} made in the period; {due}.", "{agreements} made in the period; {due}.",
                                 total.total), agreements=_agreements_count(total), due=_due_count(due))
    else:
        summary = _fill(ngettext("{agreements} made in the period.", "{agreements} made in the period.", total.total),
                        agreements=_agreements_count(total))
    listed: list[Block] = [("list", items)] if items else []
    if total.total > len(items):
        listed.append(("note", [_i(_unlisted(total.total - len(items)) + ".")]))
    return [("h2", _heading(lambda: _("Agreements and shared understandings"))), ("p", summary), *listed]


def _actions(actions: Actions, who: _Who) -> list[Block]:
    overdue = actions.overdue_total
    dropped = ngettext("{count} dropped", "{count} dropped", actions.dropped.total).format(
        count=_n(actions.dropped.total)) + _of_which(actions.dropped)
    if overdue.total:
        summary = _fill(
            _("{made}, {done}, {dropped} in the period; {still_open} at its end, {overdue}."),
            **_action_tallies(actions), dropped=dropped,
            overdue=ngettext("{count} of them overdue", "{count} of them overdue", overdue.total).format(
                count=_n(overdue.total)) + _of_which(overdue),
        )
    else:
        summary = _fill(_("{made}, {done}, {dropped} in the period; {still_open} at its end."),
                        **_action_tallies(actions), dropped=dropped)

    def line(a: ReportAction, *more: Piece) -> Item:
        credit = who.credit(Attribution.NAMED if a.owner_named else Attribution.ORGANISATION,
                            a.owner, a.owner_organisation or (None if a.owner_named else a.owner))
        owner = [_t(" — "), _u(credit)] if credit else [] if a.owner else [_t(" — "), _i(_("no owner yet"))]
        return Item([_u(a.text), *owner, *more, *_flag(a)])

    def due(a: ReportAction) -> str:
        return ", " + _("due {day}").format(day=_calendar_day(a.due_on)) if a.due_on else ""

    made = [line(a, _t(f"{due(a)} ({_status(a.status)})")) for a in actions.made]
    done = [line(a, _t(", " + _("done {day}").format(day=_day(a.done_at)))) for a in actions.done]
    still_open = [line(a, _t(due(a)), *([_t(" "), _b(_("overdue"))] if a.overdue else []))
                  for a in actions.open_at_end]
    return [
        ("h2", _heading(lambda: _("Actions"))), ("p", summary),
        *_listing(lambda: _("Made in the period"), made, _("None made."), actions.made_total),
        *_listing(lambda: _("Done in the period"), done, _("None done."), actions.done_total),
        *_listing(lambda: _("Still open at the end of the period"), still_open, _("None open."), actions.open_total),
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


def report_to_markdown(data: PartnershipReport, language: ReportLanguage | None = None) -> str:
    """The report as a Markdown document, in `language` (default: the interface's); no user text can
    become markup or break its structure."""
    return _in_language(language, lambda _body: _markdown(data))


def _markdown(data: PartnershipReport) -> str:
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


def report_to_html(data: PartnershipReport, language: ReportLanguage | None = None) -> str:
    """The report as one self-contained, printable HTML page, in `language` (default: the interface's):
    inline styles, nothing fetched, text escaped."""
    return _in_language(language, lambda body: _html(data, body))


HTML_LANGUAGES: dict[Language, str] = {"en": "en", "fr": "fr-CA"}
"""Each language as an HTML page declares it (`<html lang>`)."""


def _html(data: PartnershipReport, body: Language) -> str:
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
        f'<html lang="{HTML_LANGUAGES[body]}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_html_pieces(title)}</title>",
        f"<style>{HTML_STYLE}{_REPORT_STYLE}</style></head><body>",
        f"<h1>{_html_pieces(title)}</h1>",
        f'<p class="meta">{_html_pieces(meta)}</p>',
        *(writers[kind](content) for kind, content in blocks),
        "</body></html>",
    ]) + "\n"


def _in_language(language: ReportLanguage | None, write: Callable[[Language], str]) -> str:
    """What `write` makes, in `language`: "en" or "fr" throughout, or "en+fr" (headings in both, the
    rest in the interface's language); None is the interface's language. `write` is given the
    language of the body."""
    body: Language = language if language in ("en", "fr") else language_in_use()
    both = _both_languages.set(language == "en+fr")
    try:
        with speaking(body):
            return write(body)
    finally:
        _both_languages.reset(both)


class ReportRenderer(Protocol):
    """A report writer: the report, and the language to write it in (default: the interface's)."""

    def __call__(self, data: PartnershipReport, language: ReportLanguage | None = None) -> str: ...


REPORT_RENDERERS: dict[str, ReportRenderer] = {
    "md": report_to_markdown,
    "html": report_to_html,
}
"""Each of `REPORT_FORMATS`, by name."""
