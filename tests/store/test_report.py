"""The partnership report: its numbers and lists against what was captured, on a real file with meetings on
different days; the period's edges; confidential items out unless asked for; anonymous items naming nobody;
hostile text inert in Markdown and HTML; and the `meetingkit report` command run for real."""

from __future__ import annotations

import html
import re
import stat
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.audience import Naming
from meetingkit.core.clock import FrozenClock
from meetingkit.core.counting import Tally
from meetingkit.core.export import render
from meetingkit.core.models import ActionStatus, Attribution, ElephantStatus, MeetingStatus, TurningPointKind
from meetingkit.core.periods import Period, PeriodNotUnderstood, parse_bounds
from meetingkit.core.report import report_to_html, report_to_markdown
from meetingkit.core.report_data import (
    LeftOut,
    MeetingTypeTime,
    PartnershipReport,
    ReportElephant,
    ReportTurningPoint,
    TermMeaning,
)
from meetingkit.store import Store
from tests.helpers import FROZEN_START, RunCli

TODAY = FROZEN_START.astimezone().date()
SINCE = TODAY - timedelta(days=60)
PEOPLE = ("Dana", "Zed", "Ali", "Priya")
ORGANISATIONS = ("School board", "Settlement agency")


def move_to(clock: FrozenClock, when: datetime) -> None:
    """Set the frozen clock to `when` (backwards too)."""
    clock.advance((when - clock.now()).total_seconds())


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock_time(hour, minute)).astimezone()


@pytest.fixture
def partnership(store: Store, clock: FrozenClock, library: AgendaLibrary) -> dict[str, str]:
    """A partnership with one meeting before the period (100 days ago) and two in it (50 and 20 days ago),
    a meeting planned but never held, and another partnership's meeting in the period."""
    ours = store.partnerships.ensure("Schools & <Settlement>")
    other = store.partnerships.ensure("Literacy network")
    store.partnerships.ensure_organisation(ours.id, "Literacy council")  # part of the partnership, never came

    def held(partnership_id: str, agenda: str, title: str):
        planned = store.meetings.create(partnership_id, library.agendas[agenda], title=title)
        return store.meetings.start(planned.id)

    move_to(clock, local_time(TODAY - timedelta(days=100), 10))
    before = held(ours.id, "operational", "Before")
    store.meetings.add_attendee(before.id, "Dana", "School board")
    store.jargon.mention(before.id, "ISP")
    store.boards.raise_elephant(before.id, "Old elephant")
    old_action = store.business.add_action(before.id, "Old action", due_on=TODAY - timedelta(days=90))
    store.business.add_agreement(before.id, "Old agreement")
    clock.advance(3600)
    store.records.end_and_summarise(before.id)

    move_to(clock, local_time(TODAY - timedelta(days=50), 10))
    first = held(ours.id, "operational", "October")
    dana = store.meetings.add_attendee(first.id, "Dana", "School board")
    store.meetings.add_attendee(first.id, None, "Settlement agency")
    store.meetings.add_attendee(first.id, "Ali", None)
    board = store.partnerships.ensure_organisation(ours.id, "School board")
    agency = store.partnerships.ensure_organisation(ours.id, "Settlement agency")
    zed = store.partnerships.add_person(ours.id, "Zed", "School board")  # credited below, never at a meeting
    isp = store.jargon.board_terms(before.id)[0].id
    store.jargon.add_meaning(isp, "the family's settlement plan", organisation_id=agency.id, meeting_id=first.id)
    store.jargon.mention(first.id, "MLO", attribution=Attribution.ORGANISATION, organisation_id=board.id)
    store.jargon.mention(first.id, "MLO")
    store.jargon.mention(first.id, "ISP")
    store.jargon.mention(first.id, "Secret programme", confidential=True)
    anonymous = store.boards.raise_elephant(first.id, "Nobody's elephant")
    named = store.boards.raise_elephant(first.id, "Zed's elephant", attribution=Attribution.NAMED, person_id=zed.id,
                                 organisation_id=board.id)
    store.boards.raise_elephant(first.id, "Secret elephant", confidential=True)
    agreement = store.business.add_agreement(first.id, "One referral form", review_on=TODAY - timedelta(days=4),
                                    party_organisation_ids=[agency.id, board.id])
    store.business.add_agreement(first.id, "About the Ahmed family", confidential=True)
    point = store.boards.mark_turning_point(first.id, note="An apology for the missed referrals")
    store.boards.describe_turning_point(point, opened_up="Talking about the backlog")
    store.boards.link_turning_point(point, agreement.id)
    draft = store.business.add_action(first.id, "Draft the form", owner_person_id=dana.id,
                             due_on=TODAY - timedelta(days=30))
    store.business.add_action(first.id, "Call the Ahmed family", confidential=True)
    interpreters = store.business.add_action(first.id, "Book interpreters")
    clock.advance(90 * 60)
    store.records.end_and_summarise(first.id)

    move_to(clock, local_time(TODAY - timedelta(days=20), 13))
    second = held(ours.id, "strategic", "November")
    store.meetings.add_attendee(second.id, "Dana", "School board")
    store.meetings.add_attendee(second.id, "Priya", "Settlement agency")
    store.boards.set_elephant_status(anonymous, ElephantStatus.ADDRESSED, meeting_id=second.id,
                              note="Talked it through")
    store.boards.set_elephant_status(named, ElephantStatus.LET_GO, meeting_id=second.id, note="Outside our reach")
    store.business.close_action(draft.id, ActionStatus.DONE, second.id)
    store.business.carry_action(old_action.id, second.id)
    store.business.carry_action(interpreters.id, second.id)
    clock.advance(60 * 60)
    store.records.end_and_summarise(second.id)

    store.meetings.create(ours.id, library.agendas["operational"], title="Planned, never held")
    store.meetings.add_attendee(held(other.id, "operational", "Elsewhere").id, "Dana", "School board")
    move_to(clock, FROZEN_START)
    return {"id": ours.id}


def report(store: Store, partnership: dict[str, str], **options: bool) -> PartnershipReport:
    return store.reports.partnership_report(partnership["id"], period=Period(SINCE, None), **options)


def test_meetings_held_by_type_with_hours_and_who_was_present(store: Store, partnership) -> None:
    meetings = report(store, partnership).meetings
    assert meetings.held == 2 and meetings.seconds == 150 * 60
    assert meetings.by_type == (
        MeetingTypeTime("operational", meetings=1, seconds=90 * 60),
        MeetingTypeTime("strategic", meetings=1, seconds=60 * 60),
    )
    assert [m.title for m in meetings.listed] == ["October", "November"]
    assert meetings.listed[0].present == ("Dana, School board", "Settlement agency", "Ali")
    assert meetings.listed[1].present == ("Dana, School board", "Priya, Settlement agency")


def test_attendance_by_organisation_counts_meetings_and_person_attendances(store: Store, partnership) -> None:
    rows = {row.organisation: (row.meetings, row.attendances)
            for row in report(store, partnership).attendance}
    assert rows == {
        "School board": (2, 2), "Settlement agency": (2, 2), None: (1, 1), "Literacy council": (0, 0),
    }


def test_glossary_growth_over_the_period(store: Store, partnership) -> None:
    glossary = report(store, partnership).glossary
    # Totals count the confidential term (and say so); only the lists leave it out.
    assert (glossary.terms_at_start, glossary.terms_at_end) == (Tally(1), Tally(3, 1))
    [new] = glossary.new
    assert new.term == "MLO" and new.raised_in_period == 2 and new.unexplained
    assert [t.term for t in glossary.explained] == ["ISP"]
    assert glossary.explained[0].meanings == (
        TermMeaning(organisation="Settlement agency", meaning="the family's settlement plan"),
    )
    assert [t.term for t in glossary.unexplained] == ["MLO"]
    assert glossary.mentions == Tally(4, 1)  # MLO twice, ISP once, and the confidential term once
    assert glossary.new_total == Tally(2, 1)
    everything = report(store, partnership, include_confidential=True).glossary
    assert everything.terms_at_end == Tally(3, 1)
    assert {t.term for t in everything.new} == {"MLO", "Secret programme"}


def test_elephants_raised_addressed_let_go_and_open_at_the_end(store: Store, partnership) -> None:
    elephants = report(store, partnership).elephants
    assert [(e.text, e.status) for e in elephants.raised] == [
        ("Nobody's elephant", "addressed"), ("Zed's elephant", "let_go"),
    ]
    assert [(e.text, e.note) for e in elephants.addressed] == [
        ("Nobody's elephant", "Talked it through")
    ]
    assert [(e.text, e.note) for e in elephants.let_go] == [("Zed's elephant", "Outside our reach")]
    [still_open] = elephants.open_at_end
    assert still_open.text == "Old elephant" and still_open.age_days == 100


def test_a_period_that_ended_earlier_sees_things_as_they_were_then(store: Store, partnership) -> None:
    """Up to 30 days ago, the elephants raised 50 days ago were still open and the draft was not yet done."""
    data = store.reports.partnership_report(partnership["id"], period=Period(SINCE, TODAY - timedelta(days=30)))
    assert {e.text for e in data.elephants.open_at_end} == {
        "Old elephant", "Nobody's elephant", "Zed's elephant"
    }
    assert data.elephants.addressed == () and data.actions.done == ()
    assert {(a.text, a.overdue) for a in data.actions.open_at_end} == {
        ("Old action", True),
        ("Draft the form", True),  # due on the period's last day, and not done by its end
        ("Book interpreters", False),  # carried later, after the period
    }
    assert data.glossary.unexplained[0].term == "MLO"


def test_turning_points_with_what_they_opened_up_and_the_agreement(store: Store, partnership) -> None:
    [point] = report(store, partnership).turning_points
    assert point.note == "An apology for the missed referrals"
    assert point.opened_up == "Talking about the backlog" and point.agreement == "One referral form"
    assert point.meeting == "October" and point.said_by is None


def test_agreements_with_parties_and_review_due(store: Store, partnership) -> None:
    [agreement] = report(store, partnership).agreements
    assert agreement.text == "One referral form"
    assert agreement.parties == ("School board", "Settlement agency")
    assert agreement.review_due is True


def test_actions_made_done_and_still_open_counting_a_carried_action_once(store: Store, partnership) -> None:
    actions = report(store, partnership).actions
    assert [(a.text, a.status, a.owner) for a in actions.made] == [
        ("Draft the form", "done", "Dana, School board"), ("Book interpreters", "open", None),
    ]
    assert [a.text for a in actions.done] == ["Draft the form"]
    assert [(a.text, a.overdue) for a in actions.open_at_end] == [
        ("Old action", True), ("Book interpreters", False),
    ]


def test_confidential_items_are_left_out_and_counted_unless_asked_for(store: Store, partnership) -> None:
    secrets = ("Secret programme", "Secret elephant", "Ahmed")
    default = report(store, partnership)
    assert default.left_out == LeftOut(confidential=4)
    for text in (repr(default), report_to_markdown(default), report_to_html(default)):
        assert not any(secret in text for secret in secrets)
    assert "4 left out of the lists in this period" in report_to_markdown(default)
    included = report(store, partnership, include_confidential=True)
    assert included.left_out == LeftOut(confidential=0)
    for text in (repr(included), report_to_markdown(included), report_to_html(included)):
        assert all(secret in text for secret in secrets)
    assert "includes confidential items" in report_to_markdown(included)


def test_confidential_words_stay_out_of_the_items_that_point_to_them(
    store: Store, partnership, library: AgendaLibrary
) -> None:
    """A turning point that led to a confidential agreement; a term "same as" a confidential one."""
    meeting = store.meetings.start(store.meetings.create(partnership["id"], library.agendas["operational"]).id)
    point = store.boards.mark_turning_point(meeting.id, note="A moment")
    secret = store.business.add_agreement(meeting.id, "Private arrangement for the Ahmed family", confidential=True)
    store.boards.link_turning_point(point, secret.id)
    term, _ = store.jargon.mention(meeting.id, "ITP")
    store.jargon.mention(meeting.id, "Ahmed plan", confidential=True)
    store.jargon.same_as(term, "Ahmed plan")
    data = report(store, partnership)
    [shown] = [p for p in data.turning_points if p.note == "A moment"]
    assert shown.agreement is None
    assert [t.same_as for t in data.glossary.new if t.term == "ITP"] == [()]
    assert "Ahmed" not in repr(data) + report_to_markdown(data) + report_to_html(data)
    everything = report(store, partnership, include_confidential=True)
    assert [t.same_as for t in everything.glossary.new if t.term == "ITP"] == [("Ahmed plan",)]


def md_items(document: str) -> list[str]:
    """Each Markdown list item with the lines under it."""
    items: list[str] = []
    for line in document.splitlines():
        if line.startswith("- "):
            items.append(line)
        elif line.startswith("  ") and items:
            items[-1] += "\n" + line
    return items


def test_anonymous_items_carry_no_name_anywhere(store: Store, partnership) -> None:
    data = report(store, partnership)
    names = (*PEOPLE, *ORGANISATIONS)
    anonymous: list[ReportElephant | ReportTurningPoint] = [
        e for e in data.elephants.raised if e.text == "Nobody's elephant"
    ]
    anonymous += [e for e in data.elephants.addressed if e.text == "Nobody's elephant"]
    anonymous += data.turning_points
    assert len(anonymous) == 3
    for item in anonymous:
        assert item.said_by is None
        assert not any(name in repr(item) for name in names)
    document = report_to_markdown(data)
    page = report_to_html(data)
    quiet = [item for item in md_items(document) if "Nobody's elephant" in item or "An apology" in item]
    quiet += [item for item in re.findall(r"<li>(.*?)</li>", page)
              if "Nobody" in item or "An apology" in item]
    assert len(quiet) == 6
    for item in quiet:
        assert not any(name in item for name in names), item
    # The check can fail: an item credited to someone is credited, to their organisation; a report
    # names no person by default (core.audience.said_by with Naming.ORGANISATIONS).
    credited = [item for item in md_items(document) if "Zed's elephant" in item and "Raised by" in item]
    assert credited and all("Raised by School board" in item and "Zed," not in item for item in credited)


def test_a_meeting_just_outside_the_period_is_left_out(
    store: Store, clock: FrozenClock, library: AgendaLibrary
) -> None:
    """Meetings at 23:59 the night before and at midnight after the last day are out; those at midnight
    starting the first day and at 23:30 on the last are in, with all they captured, even after midnight."""
    ours = store.partnerships.ensure("Edges")
    first_day, last_day = date(2026, 11, 10), date(2026, 11, 12)
    for label, when in (
        ("night before", local_time(first_day - timedelta(days=1), 23, 59)),
        ("first morning", local_time(first_day, 0, 0)),
        ("last night", local_time(last_day, 23, 30)),
        ("morning after", local_time(last_day + timedelta(days=1), 0, 0)),
    ):
        move_to(clock, when)
        agenda = library.agendas["operational"]
        meeting = store.meetings.start(store.meetings.create(ours.id, agenda, title=label).id)
        store.meetings.add_attendee(meeting.id, "Dana", "School board")
        clock.advance(40 * 60)  # past midnight for "last night"
        store.jargon.mention(meeting.id, f"term {label}")
        store.boards.raise_elephant(meeting.id, f"elephant {label}")
        store.boards.mark_turning_point(meeting.id, note=f"moment {label}")
        store.business.add_agreement(meeting.id, f"agreement {label}")
        store.business.add_action(meeting.id, f"action {label}")
        store.records.end_and_summarise(meeting.id)
    move_to(clock, FROZEN_START)
    data = store.reports.partnership_report(ours.id, period=Period(first_day, last_day))
    inside = {"first morning", "last night"}
    assert {m.title for m in data.meetings.listed} == inside
    assert data.attendance[0].meetings == 2
    assert {t.term for t in data.glossary.new} == {f"term {x}" for x in inside}
    assert (data.glossary.terms_at_start.total, data.glossary.terms_at_end.total) == (1, 3)
    assert {e.text for e in data.elephants.raised} == {f"elephant {x}" for x in inside}
    still_open = {e.text for e in data.elephants.open_at_end}
    assert still_open == {f"elephant {x}" for x in ("night before", *inside)}
    assert {p.note for p in data.turning_points} == {f"moment {x}" for x in inside}
    assert {a.text for a in data.agreements} == {f"agreement {x}" for x in inside}
    assert {a.text for a in data.actions.made} == {f"action {x}" for x in inside}


@pytest.mark.parametrize("period", [Period(), Period(SINCE, None)], ids=["all time", "since"])
def test_the_reports_numbers_agree_with_the_review_history(store: Store, partnership, period: Period) -> None:
    """Everything asked for, the report counts what the history table counts for the same meetings: meetings held,
    person-attendances, jargon mentions, elephants raised, turning points and agreements. (Actions differ on
    purpose: the history counts a carried action in every meeting it was carried to, the report once.)"""
    data = store.reports.partnership_report(partnership["id"], period=period, include_confidential=True)
    rows = [row for row in store.review.history(partnership_id=partnership["id"], period=period)
            if row.status != MeetingStatus.PLANNED]
    assert data.meetings.held == len(rows) > 0
    assert {m.id for m in data.meetings.listed} == {row.id for row in rows}
    assert data.meetings.seconds == sum(row.duration_seconds or 0 for row in rows)
    assert sum(row.attendances for row in data.attendance) == sum(row.attendance for row in rows)
    assert data.glossary.mentions.total == sum(row.jargon for row in rows)
    assert len(data.elephants.raised) == sum(row.elephants for row in rows)
    assert len(data.turning_points) == sum(row.turning_points for row in rows)
    assert len(data.agreements) == sum(row.agreements for row in rows)
    assert data.left_out == LeftOut(confidential=0)
    # Without confidential items asked for, the totals are the same (issue 15): only the lists are shorter.
    default = store.reports.partnership_report(partnership["id"], period=period)
    assert default.glossary.mentions == data.glossary.mentions
    assert default.elephants.totals == data.elephants.totals
    assert default.elephants.totals.raised.total == sum(row.elephants for row in rows)
    assert default.turning_points_total == data.turning_points_total
    assert default.turning_points_total.total == sum(row.turning_points for row in rows)
    assert default.agreements_total.total == sum(row.agreements for row in rows)
    assert default.actions.made_total == data.actions.made_total


def test_report_period_reads_since_from_its_start_and_until_to_its_end() -> None:
    """`report --since X --until Y` (`core.periods.parse_bounds`; `--period` is `parse_period` itself)."""
    today = date(2026, 11, 24)
    assert parse_bounds("last 3 months", None, today) == Period(date(2026, 8, 25), None)
    assert parse_bounds("2026", "March", today) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert parse_bounds(None, None, today) == Period()
    # Months that would run backwards wrap round the new year, as the review filter's "June to March" does.
    assert parse_bounds("June", "March", today) == Period(date(2025, 6, 1), date(2026, 3, 31))
    with pytest.raises(PeriodNotUnderstood, match="ends before it starts"):
        parse_bounds("2026", "March 2025", today)


# -- the output, word for word ----------------------------------------------------------------

EXPECTED = Path(__file__).parent / "expected"
"""Reports as the renderers wrote them before the report became typed data (see the test below)."""


@pytest.mark.parametrize(
    ("name", "include_confidential"),
    [("report.md", False), ("report.html", False), ("report-confidential.md", True)],
)
def test_the_report_reads_word_for_word_as_before(
    ottawa_time: None, store: Store, clock: FrozenClock, library: AgendaLibrary, partnership,
    name: str, include_confidential: bool,
) -> None:
    """The files under `tests/store/expected/` were written once by `report_to_markdown` and `report_to_html`
    as they were before the report travelled as typed data (when it was a dict), from this very data and
    frozen clock in Ottawa time, and rewritten once for issue 15 (totals counting confidential items and
    saying how many are); the renderers must still write them byte for byte. Beyond the fixture's
    meetings: one still running, a term with an expansion, plain words and a same-as name, a turning point of a
    kind in a section, a dropped action."""
    partnership_id = partnership["id"]
    move_to(clock, FROZEN_START - timedelta(hours=2))
    running = store.meetings.start(
        store.meetings.create(partnership_id, library.agendas["reflective-practice"], title="Today").id
    )
    store.meetings.add_attendee(running.id, None, "Literacy council")
    term, _ = store.jargon.mention(running.id, "CAAP")
    store.jargon.explain_term(term, expansion="Client Assessment and Action Plan", plain_words="the plan")
    store.jargon.same_as(term, "IDP")
    clock.advance(20 * 60)
    point = store.boards.mark_turning_point(running.id, kind=TurningPointKind.NEW_UNDERSTANDING,
                                            note="I never thought about it like that")
    store.boards.describe_turning_point(point, opened_up="How each of us counts a referral")
    dropped = store.business.add_action(running.id, "Survey the families", due_on=TODAY + timedelta(days=7))
    store.business.close_action(dropped.id, ActionStatus.DROPPED, running.id)
    move_to(clock, FROZEN_START)
    data = report(store, partnership, include_confidential=include_confidential)
    written = report_to_html(data) if name.endswith(".html") else report_to_markdown(data)
    assert written == (EXPECTED / name).read_text("utf-8")


# -- rendering hostile text ----------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> [bold]**not bold**[/] # no heading | `code` _x_ [x](y) & 🐘 שלום"
"""Markup of every kind a report could meet, an emoji and a right-to-left script."""


def hostile_report(store: Store, partnership) -> PartnershipReport:
    """The real report, then every piece of text in it swapped for hostile text (as a damaged or
    hand-edited file could hold: escape sequences and bidi overrides included)."""
    nasty = HOSTILE + " \x1b[2J\u202e"

    def spoil(value: Any) -> Any:
        if is_dataclass(value) and not isinstance(value, type):
            return replace(value, **{
                field.name: spoil(getattr(value, field.name)) for field in fields(value) if field.name not in SKIP
            })
        if isinstance(value, tuple):
            return tuple(spoil(item) for item in value)
        return nasty if isinstance(value, str) and not isinstance(value, Enum) else value

    return replace(spoil(report(store, partnership)), include_confidential=False)


SKIP = {"id", "partnership_id"}
"""Text fields that are not shown: ids. (Stamps, dates and enumerations are not plain text, so stay as they are.)"""


def test_hostile_text_is_inert_in_markdown(store: Store, partnership) -> None:
    data = hostile_report(store, partnership)
    document = report_to_markdown(data)
    assert "\x1b" not in document and "\u202e" not in document
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = [t for token in parser.parse(document) for t in [token, *(token.children or [])]]
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_inline", "s_open"}
    headings = [line for line in document.splitlines() if line.startswith("#")]
    assert len(headings) == sum(1 for t in tokens if t.type == "heading_open")
    assert sum(1 for t in tokens if t.type == "table_open") == 3  # at a glance, meeting types, attendance
    rendered = parser.render(document)
    assert "<script>" not in rendered
    assert html.escape(HOSTILE, quote=False) in rendered  # every character came through as text
    # Every table row keeps its columns.
    for table in re.findall(r"(?:^\|.*\|$\n?)+", document, flags=re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
        assert len(widths) == 1, table


class TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_text_is_escaped_in_html_and_the_page_is_self_contained(store: Store, partnership) -> None:
    page = report_to_html(hostile_report(store, partnership))
    parser = TextOnly()
    parser.feed(page)
    assert "script" not in parser.tags and "\x1b" not in page and "\u202e" not in page
    assert HOSTILE in "".join(parser.text)
    assert set(parser.tags) <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "strong", "em", "span", "div",
        "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
    }
    assert not any(name in ("src", "href") for name, _ in parser.attributes)
    assert "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page


def test_an_empty_period_still_makes_a_whole_report(store: Store, partnership) -> None:
    data = store.reports.partnership_report(partnership["id"], period=Period(date(2020, 1, 1), date(2020, 12, 31)))
    assert data.meetings.held == 0 and data.glossary.terms_at_end == Tally(0)
    document = report_to_markdown(data)
    assert "No meetings were held in this period." in document and "Wed 01 Jan 2020 to Thu 31 Dec 2020" in document
    assert "<h2>Actions</h2>" in report_to_html(data)


# -- the command ---------------------------------------------------------------------------------


def test_the_report_command_prints_markdown_by_default(store: Store, partnership, db_path: Path, cli: RunCli) -> None:
    result = cli("--db", str(db_path), "report", "--partnership", "schools & <settlement>",
                            "--since", "2026", "--until", "2026")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Partnership report: Schools & \\<Settlement>")
    assert "Thu 01 Jan 2026 to Thu 31 Dec 2026" in result.stdout
    assert "Nobody's elephant" in result.stdout and "Ahmed" not in result.stdout


def test_the_report_command_writes_a_private_html_file(store: Store, partnership, db_path: Path,
                                                        tmp_path: Path, cli: RunCli) -> None:
    out = tmp_path / "board.html"
    result = cli("report", "--partnership", "Schools & <Settlement>", "--format", "html",
                            "-o", str(out), "--include-confidential", env={"MEETINGKIT_DB": str(db_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and f"Wrote {out}." in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Ahmed" in page


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--partnership", "Nope"], "meetingkit: No partnership called 'Nope'. Partnerships: "),
        (["--partnership", "literacy network", "--since", "the day after never"], "Couldn't read"),
        (["--partnership", "literacy network", "--since", "2026", "--until", "2025"], "ends before it"),
    ],
)
def test_the_report_command_refuses_in_one_line(
    store: Store, partnership, db_path: Path, options: list[str], message: str, cli: RunCli
) -> None:
    result = cli("--db", str(db_path), "report", *options)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("meetingkit: ")
    assert message in result.stderr
    if "Nope" in options:
        assert "Schools & <Settlement>" in result.stderr and "Literacy network" in result.stderr



# -- a board-ready report (issue 15, part 6) -------------------------------------------------------

PERSON = re.compile(r"\b(?:Dana|Zed|Ali|Priya)\b(?!(?:'|&#x27;)s elephant)")
"""A person's name, anywhere but in the words of "Zed's elephant" (text somebody typed)."""


@pytest.mark.parametrize("naming", list(Naming))
def test_who_is_named_is_chosen_once_and_applied_everywhere(store: Store, partnership, naming: Naming) -> None:
    """People, organisations only (the default) or nobody: credits, action owners and who was present."""
    data = store.reports.partnership_report(partnership["id"], period=Period(SINCE, None), naming=naming)
    for document in (report_to_markdown(data), report_to_html(data)):
        people = PERSON.findall(document)
        credits = re.findall(r"(?:Raised by|Proposed by|Credited to) ([^\n<]+)", document)
        if naming is Naming.PEOPLE:
            assert {"Dana", "Ali", "Priya"} <= set(people)  # present, and owning an action
            assert "Zed, School board" in credits
        elif naming is Naming.ORGANISATIONS:
            assert people == [] and credits == ["School board"]
            assert "— School board, due" in document.replace("\u2014", "—")  # Dana's action, by organisation
            assert "Present:" not in document and "people present, from School board" in document
        else:
            assert people == [] and credits == []
            assert "Present:" not in document and " present, from" not in document
            assert "3 people present" in document
        assert "School board" in document  # attendance by organisation and agreements' parties stay
    assert store.reports.partnership_report(partnership["id"], period=Period(SINCE, None)).naming is Naming.ORGANISATIONS


def test_the_report_command_takes_who_is_named(store: Store, partnership, db_path: Path, cli: RunCli) -> None:
    base = ("--db", str(db_path), "report", "--partnership", "schools & <settlement>", "--since", "60 days ago")
    assert PERSON.findall(cli(*base).stdout) == []  # organisations only, by default
    assert "Dana" in cli(*base, "--name", "people").stdout
    nobody = cli(*base, "--name", "nobody").stdout
    assert PERSON.findall(nobody) == [] and "Raised by" not in nobody
    refused = cli(*base, "--name", "everyone")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr


def test_a_one_page_summary_comes_first_then_the_detail(store: Store, partnership) -> None:
    data = report(store, partnership)
    document = report_to_markdown(data)
    assert document.index("## At a glance") < document.index("## Meetings held")
    glance = document[document.index("## At a glance"):document.index("## Meetings held")]
    assert "| Elephants in the room | **3 raised** (of which 1 confidential), **1 addressed**" in glance
    assert "| Actions | **3 made** (of which 1 confidential), **1 done**" in glance
    page = report_to_html(data)
    assert page.index('<table class="glance">') < page.index('<div class="page"></div>') < page.index(
        "<h2>Meetings held</h2>")
    assert ".page { break-after: page; }" in page


def test_printed_tables_repeat_their_header_and_never_split_a_row(store: Store, partnership) -> None:
    """In the report and in a meeting's HTML export: every table has a <thead>, repeated on each printed page."""
    meeting = report(store, partnership).meetings.listed[0]
    for page in (report_to_html(report(store, partnership)), render(store.records.meeting_record(meeting.id), "html")):
        assert "thead { display: table-header-group; }" in page
        assert "li, tr { break-inside: avoid; }" in page[page.index("@media print"):]
        assert page.count("<table") == page.count("<thead>") > 0


def test_turning_points_without_details_are_counted_not_printed(
    store: Store, partnership, library: AgendaLibrary
) -> None:
    meeting = store.meetings.start(store.meetings.create(partnership["id"], library.agendas["operational"]).id)
    store.boards.mark_turning_point(meeting.id)
    store.boards.mark_turning_point(meeting.id)
    document = report_to_markdown(report(store, partnership))
    assert "a moment" not in document
    assert "**3 turning points** marked" in document and "*2 moments marked without details.*" in document


DAY_WRITTEN = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2} [A-Z][a-z]{2} \d{4}\b")
ANY_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{2,4}\b"
                     r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def test_every_date_in_a_document_is_written_one_way(store: Store, partnership) -> None:
    """"Tue 09 Jun 2026" for a day ("…, 14:30" for a moment), in the report and in a meeting's export;
    no ISO day, no day without its weekday, no slashes (the README says so)."""
    data = report(store, partnership)
    record = store.records.meeting_record(data.meetings.listed[0].id)
    for document in (report_to_markdown(data), report_to_html(data), render(record, "md"), render(record, "html")):
        without_written = DAY_WRITTEN.sub("", document)
        assert ANY_DAY.findall(without_written) == []
        assert DAY_WRITTEN.search(document)
    assert "Period: **from Fri 25 Sep 2026 to Tue 24 Nov 2026**" in report_to_markdown(data)
    assert "due Sun 25 Oct 2026" in render(record, "md")


def test_markdown_is_escaped_only_where_markdown_needs_it(store: Store, library: AgendaLibrary) -> None:
    ours = store.partnerships.ensure("Hand-off table (demo) #2 & friends")
    meeting = store.meetings.start(store.meetings.create(ours.id, library.agendas["operational"]).id)
    store.boards.raise_elephant(meeting.id, "- who holds the hand-off? (1. us 2. them) *really*")
    document = report_to_markdown(store.reports.partnership_report(ours.id, period=Period()))
    assert document.startswith("# Partnership report: Hand-off table (demo) #2 & friends\n")
    assert ": - who holds the hand-off? (1. us 2. them) \\*really\\*" in document
    assert "- \\- who holds the hand-off?" in document  # where it begins a list item's words, "-" is escaped
    tokens = MarkdownIt("commonmark").enable(["table"]).parse(document)
    assert all(t.level == 0 for t in tokens if t.type in ("bullet_list_open", "ordered_list_open"))
