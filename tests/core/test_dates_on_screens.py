"""Dates say what they mean (issue 16): a day outside this year carries its year, and an overdue
action (open or carried, due before today) is marked, by one function each, in every renderer."""

from __future__ import annotations

from datetime import UTC, date, datetime

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import is_overdue, screen_day
from meetingkit.core.models import Action, ActionStatus, Agreement
from meetingkit.core.records import LaterChange, RecordedAction, SummaryAction, SummaryAgreement

TODAY = date(2026, 12, 4)


def text_of(rendered: lines.Rendered | None) -> str:
    assert rendered is not None
    return rendered.text

FACILITATOR = Audience.FACILITATOR


def test_a_day_in_this_year_leaves_its_year_out_and_any_other_says_it() -> None:
    assert screen_day(date(2026, 12, 2), today=TODAY) == "Wed 02 Dec"
    assert screen_day(date(2027, 12, 2), today=TODAY) == "Thu 02 Dec 2027"
    assert screen_day(date(2025, 12, 2), today=TODAY) == "Tue 02 Dec 2025"
    assert screen_day(date(2026, 12, 2), today=None) == "Wed 02 Dec 2026"  # no today: the year is said


def test_an_open_or_carried_action_due_before_today_is_overdue_and_a_closed_one_is_not() -> None:
    past = date(2026, 12, 2)
    assert is_overdue(past, today=TODAY)
    assert is_overdue(past, today=TODAY, status=ActionStatus.CARRIED)
    assert not is_overdue(past, today=TODAY, status=ActionStatus.DONE)
    assert not is_overdue(past, today=TODAY, status="dropped")
    assert not is_overdue(TODAY, today=TODAY)
    assert not is_overdue(None, today=TODAY)


def test_the_meetings_list_and_the_wall_mark_an_overdue_action_and_say_another_year() -> None:
    late = Action(id="a", meeting_id="m", text="Send the list", owner="Dana", due_on=date(2026, 12, 2))
    far = Action(id="b", meeting_id="m", text="Renew", due_on=date(2027, 12, 2))
    done = Action(id="c", meeting_id="m", text="Done", due_on=date(2026, 12, 2), status=ActionStatus.DONE)
    shown = lines.action_line(late, FACILITATOR, today=TODAY)
    assert shown is not None and "(Dana; overdue since Wed 02 Dec (2 days))" in shown.text
    assert ("overdue since Wed 02 Dec (2 days)", lines.OVERDUE_STYLE) in shown.runs
    assert "(due Thu 02 Dec 2027)" in text_of(lines.action_line(far, Audience.console(projecting=True), today=TODAY))
    assert "overdue" not in text_of(lines.action_line(done, FACILITATOR, today=TODAY))
    agreement = Agreement(id="g", meeting_id="m", text="Share", review_on=date(2027, 3, 1))
    assert "review Mon 01 Mar 2027" in text_of(lines.agreement_line(agreement, FACILITATOR, today=TODAY))


def test_the_summary_marks_an_overdue_action_carried_or_not_and_says_another_year() -> None:
    carried = SummaryAction(text="Renew", owner="Dana", due_on="2025-12-02", carried=True, confidential=False)
    shown = lines.summary_action_line(carried, FACILITATOR, today=TODAY)
    assert shown is not None and "Renew — Dana; overdue since Tue 02 Dec 2025 (367 days) (carried)" in shown.text
    ahead = SummaryAction(text="Plan", owner="", due_on="2026-12-20", carried=False, confidential=False)
    assert "Plan — due Sun 20 Dec" in text_of(lines.summary_action_line(ahead, FACILITATOR, today=TODAY))
    agreement = SummaryAgreement(text="Share", parties=(), review_on="2027-01-05", confidential=False)
    assert "(review Tue 05 Jan 2027)" in text_of(lines.summary_agreement_line(agreement, FACILITATOR, today=TODAY))


def test_the_register_marks_a_carried_action_overdue_by_its_due_date() -> None:
    carried = Action(id="a", meeting_id="m", text="Renew", due_on=date(2025, 12, 2), carried=True,
                     opened_at=datetime(2025, 11, 1, 12, tzinfo=UTC))
    shown = lines.register_action_line(carried, FACILITATOR, today=TODAY)
    assert shown is not None and shown.text.startswith("overdue since Tue 02 Dec 2025 (367 days)  Renew")
    assert shown.runs[0][1] == lines.OVERDUE_STYLE
    ahead = Action(id="b", meeting_id="m", text="Plan", due_on=date(2027, 1, 5))
    assert text_of(lines.register_action_line(ahead, FACILITATOR, today=TODAY)).startswith(
        "due Tue 05 Jan 2027  Plan")


def test_the_record_dates_an_action_as_screens_do_and_marks_it_overdue_while_open() -> None:
    def recorded(status: str, *since: str) -> RecordedAction:
        changes = tuple(LaterChange(at="2026-01-05T12:00:00.000Z", change=change, note="", organisation=None,
                                    meeting_id=None, meeting=None, meeting_started_at=None) for change in since)
        return RecordedAction(id="a", text="Renew", owner="Dana", due_on="2025-12-02", status=status, carried=False,
                              attribution="anonymous", said_by=None, confidential=False,
                              opened_at="2025-11-01T12:00:00.000Z", section=None, since_then=changes)

    shown = lines.record_action_line(recorded("open"), FACILITATOR, today=TODAY)
    assert shown is not None and "· overdue since Tue 02 Dec 2025 (367 days)" in shown.text
    assert "2025-12-02" not in shown.text
    done = lines.record_action_line(recorded("done"), FACILITATOR, today=TODAY)
    assert done is not None and "· due Tue 02 Dec 2025" in done.text and "overdue" not in done.text
    carried_on = lines.record_action_line(recorded("carried", "carried"), FACILITATOR, today=TODAY)
    assert carried_on is not None and "· overdue since Tue 02 Dec 2025" in carried_on.text
    done_since = lines.record_action_line(recorded("open", "done"), FACILITATOR, today=TODAY)
    assert done_since is not None and "overdue" not in done_since.text.split("\n")[0]
