"""The minutes (issue 17): read from a real file, in the order the issue gives, with what happened to
last time's actions, elephants and agreements, the texts of what was named, and the time table, for
an export's audience (confidential items left out and counted unless asked for), escaped for
Markdown and HTML whatever was typed."""

from __future__ import annotations

from datetime import date

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.minutes import to_html, to_markdown
from meetingkit.core.models import ActionStatus, ChangedTable, ChangeKind, ElephantStatus
from meetingkit.store import Store
from meetingkit.usecases import capture, register

HOSTILE = "<script>alert(1)</script> [bold]loud[/bold] \u202eRTL\u202c שלום 🐘 # not a heading | cell"

HEADINGS = ["Who came", "What was agreed", "Actions", "Since last time", "Elephants named", "Terms explained",
            "Turning points", "Time"]


def two_meetings(store: Store, clock: FrozenClock, library: AgendaLibrary) -> str:
    """A first meeting leaving an action, an elephant and an agreement due for review; a second that
    closes the action, addresses the elephant, confirms the agreement, and captures one of each."""
    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    earlier_action = store.business.add_action(first.id, "EARLIER share the timetable", due_on=date(2026, 11, 30))
    store.business.add_action(first.id, "EARLIER-SECRET phone the family", confidential=True)
    earlier_elephant = store.boards.raise_elephant(first.id, "EARLIER funding by numbers")
    agreement = store.business.add_agreement(first.id, "EARLIER one referral form", review_on=date(2026, 11, 25))
    store.records.end_and_summarise(first.id)

    clock.advance(7 * 86400)
    second = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(second.id, "Dana", "School board")
    store.meetings.add_attendee(second.id, "Sam", "School board")
    store.meetings.add_attendee(second.id, None, "Settlement agency")
    register.close_action(store, earlier_action.id, ActionStatus.DONE, meeting_id=second.id)
    capture.move_elephant(store, second.id, earlier_elephant, ElephantStatus.ADDRESSED, "we split the count")
    register.review_agreement(store, agreement.id, date(2027, 3, 1), meeting_id=second.id)
    # The history of the decision, as the register's use cases keep it (issue 16's convention).
    store.changes.record(ChangedTable.AGREEMENTS, agreement.id, ChangeKind.REVIEWED, partnership_id=partnership.id,
                         meeting_id=second.id, fields=[("review_on", "2026-11-25", "2027-03-01")])
    store.business.add_agreement(second.id, "NOW workers are school-based, not school-bound")
    store.business.add_agreement(second.id, "NOW-SECRET about the Ahmed family", confidential=True)
    store.business.add_action(second.id, "NOW send the dates", owner_person_id=dana.id, due_on=date(2027, 1, 8))
    store.boards.raise_elephant(second.id, HOSTILE)
    term, _ = store.jargon.mention(second.id, "SWIS")
    store.jargon.explain_term(term, expansion="Settlement Workers in Schools")
    point = store.boards.mark_turning_point(second.id, note="NOW an apology")
    store.boards.describe_turning_point(point, opened_up="NOW trust to talk about numbers")
    clock.advance(5 * 60 + 23)  # the welcome: 23 s over its 5 minutes
    store.meetings.go_to_section(second.id, 1)
    clock.advance(4 * 60)  # 4 minutes in a section given 12 instead of its 10
    store.db.execute("UPDATE section_runs SET adjusted_minutes = 12 WHERE meeting_id = ? AND position = 1",
                     [second.id])
    store.meetings.go_to_section(second.id, 2)
    clock.advance(30)  # half a minute in the round, then skipped (as the steering keys will record it)
    store.db.execute("UPDATE section_runs SET skipped = 1 WHERE meeting_id = ? AND position = 2", [second.id])
    store.records.end_and_summarise(second.id)
    return second.id


def test_the_minutes_say_everything_in_the_issues_order(store: Store, clock: FrozenClock, library: AgendaLibrary) -> None:
    meeting_id = two_meetings(store, clock, library)
    text = to_markdown(store.records.minutes(meeting_id))
    places = [text.index(f"## {heading}") for heading in HEADINGS]
    assert places == sorted(places), text
    part = {heading: text[text.index(f"## {heading}"):] for heading in HEADINGS}
    assert "School board (2): Dana, Sam" in part["Who came"] and "Settlement agency (1)" in part["Who came"]
    assert "NOW workers are school-based" in part["What was agreed"].split("## Actions")[0]
    assert "NOW send the dates — Dana, School board; due Fri 08 Jan 2027" in part["Actions"], text
    since = part["Since last time"].split("## Elephants named")[0]
    assert "Done  EARLIER share the timetable" in since
    assert "addressed  EARLIER funding by numbers  · we split the count" in since
    assert "Agreement confirmed  EARLIER one referral form  · next review Mon 01 Mar 2027" in since
    assert "alert\\(1\\)" not in part["Elephants named"] and "&lt;script" not in text
    assert "\\<script>alert(1)\\</script>" in part["Elephants named"].split("## Terms")[0]
    assert "Settlement Workers in Schools" in part["Terms explained"]
    assert "NOW an apology" in part["Turning points"] and "opened up: NOW trust to talk" in part["Turning points"]
    rows = part["Time"]
    assert "| 1. Welcome and our safe-space agreements | 5 min | — | 5 min | over by under a minute |" in rows, rows
    assert "| 12 min | 4 min | under by 8 min |" in rows
    assert "| 3. Updates from each agency | 15 min | — | \\<1 min | skipped |" in rows and "on time" not in rows


def test_the_minutes_leave_out_and_count_what_is_confidential_unless_asked(
    store: Store, clock: FrozenClock, library: AgendaLibrary
) -> None:
    meeting_id = two_meetings(store, clock, library)
    minutes = store.records.minutes(meeting_id)
    text = to_markdown(minutes) + to_html(minutes)
    assert "SECRET" not in text
    assert minutes.left_out == 1 and "1 confidential item left out of these minutes." in text
    asked = store.records.minutes(meeting_id, include_confidential=True)
    assert "NOW-SECRET about the Ahmed family" in to_markdown(asked)
    assert "Confidential items are included" in to_html(asked)


def test_hostile_text_stays_text_in_both_formats(store: Store, clock: FrozenClock, library: AgendaLibrary) -> None:
    meeting_id = two_meetings(store, clock, library)
    minutes = store.records.minutes(meeting_id)
    page = to_html(minutes)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold]loud[/bold]" in page and "שלום 🐘" in page and "\x1b" not in page
    markdown = to_markdown(minutes)
    assert "\n# not a heading" not in markdown and "\\| cell" in markdown and "\\[bold\\]" in markdown
    assert "שלום 🐘" in markdown


def test_the_page_prints_on_a4_or_letter(store: Store, clock: FrozenClock, library: AgendaLibrary) -> None:
    page = to_html(store.records.minutes(two_meetings(store, clock, library)))
    assert "@media print" in page and "@page { size: auto" in page and "<thead>" in page


def test_trends_count_overruns_as_the_minutes_judge_them(
    store: Store, clock: FrozenClock, library: AgendaLibrary
) -> None:
    """Trends' "ran over" is the same verdict: the welcome 23 s over its 5 minutes counts as over (the
    first meeting's, ended as it began, is under); the section given 12 minutes and left after 4 is
    judged against its 12; the skipped one is not counted at all."""
    meeting_id = two_meetings(store, clock, library)
    trends = store.review.trends(store.meetings.get(meeting_id).partnership_id)
    by_kind = {row.kind.value: row for row in trends.overrun}
    assert (by_kind["welcome"].sections, by_kind["welcome"].over) == (2, 1)
    assert (by_kind["review"].sections, by_kind["review"].over) == (1, 0)
    assert by_kind["review"].average_overrun_minutes == -8.0
    assert "round" not in by_kind, "skipped, so neither over nor under"
