"""Reading across meetings: the history with its filters and counts, the partnership's registers and trends,
on a real file, with meetings held on different days under a frozen clock."""

from __future__ import annotations

from datetime import date, timedelta

from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus
from meetingkit.core.periods import Period, parse_period
from meetingkit.store import Store


def test_history_lists_every_meeting_newest_first_with_its_counts(store: Store, history) -> None:
    rows = store.review.history()
    assert [row.id for row in rows] == [history["third"], history["second"], history["first"]]
    first = rows[2]
    assert (first.attendance, first.jargon, first.elephants, first.turning_points, first.agreements, first.actions) == (
        2, 3, 1, 1, 1, 2
    )
    assert first.duration_seconds == 90 * 60
    assert first.partnership == "Schools and settlement" and first.meeting_type == "operational"
    assert rows[0].duration_seconds is None  # still running


def test_history_filters_by_partnership_type_and_period(store: Store, history, clock: FrozenClock) -> None:
    today = clock.now().date()
    assert [r.id for r in store.review.history(partnership_id=history["schools"])] == [history["second"], history["first"]]
    assert [r.id for r in store.review.history(meeting_type="strategic")] == [history["second"]]
    last_45 = parse_period("last 45 days", today)
    assert [r.id for r in store.review.history(period=last_45)] == [history["third"], history["second"]]
    assert [r.id for r in store.review.history(period=Period(None, today - timedelta(days=31)))] == [history["first"]]
    assert store.review.history(period=parse_period("2020", today)) == []
    assert store.review.history(partnership_id=history["literacy"], meeting_type="strategic") == []


def test_partnership_registers_leave_confidential_items_out_unless_asked(store: Store, history) -> None:
    points = store.boards.partnership_turning_points(history["schools"])
    assert [p.note for p in points] == ["An apology for the missed referrals"]
    assert points[0].agreement == "One referral form" and points[0].meeting_title
    assert len(store.boards.partnership_turning_points(history["schools"], include_confidential=True)) == 2
    [agreement] = store.business.agreement_register(history["schools"])
    assert agreement.review_on == date(2026, 12, 1) and agreement.meeting_started_at is not None
    assert [a.text for a in store.business.open_actions(history["schools"])] == ["Draft the form"]
    assert len(store.business.open_actions(history["schools"], include_confidential=True)) == 2
    assert store.business.open_actions(history["literacy"]) == []


def test_open_actions_drop_closed_ones_and_put_undated_last(store: Store, history) -> None:
    store.business.add_action(history["third"], "No date yet")
    store.business.add_action(history["third"], "Soon", due_on=date(2026, 10, 1))
    done = store.business.add_action(history["third"], "Finished", due_on=date(2026, 9, 1))
    store.business.close_action(done.id, ActionStatus.DONE, history["third"])
    assert [a.text for a in store.business.open_actions(history["literacy"])] == ["Soon", "No date yet"]


def test_trends_count_per_meeting_month_and_section_kind(store: Store, history) -> None:
    trends = store.review.trends(history["schools"])
    first, second = trends.meetings
    assert (first.jargon_mentions, first.terms, first.unexplained, first.turning_points) == (3, 2, 2, 1)
    # By the end of the second meeting ISP had a meaning: nothing it raised was left unexplained.
    assert (second.jargon_mentions, second.terms, second.unexplained) == (1, 1, 0)
    assert sum(month.raised for month in trends.elephants) == 1
    assert sum(month.addressed for month in trends.elephants) == 1
    kinds = {row.kind: row for row in trends.overrun}
    assert kinds and all(row.sections >= 1 for row in kinds.values())
    assert store.review.trends(history["schools"], period=Period(date(2020, 1, 1), date(2020, 12, 31))).meetings == ()


def test_trends_per_meeting_agree_with_the_history_table(store: Store, history) -> None:
    """The plots and the history table count the same captures: each started meeting, its jargon mentions
    and its turning points (confidential ones too: a count shows no text)."""
    trends = store.review.trends(history["schools"])
    rows = {row.id: row for row in store.review.history(partnership_id=history["schools"])}
    assert [m.id for m in trends.meetings] == [history["first"], history["second"]]
    for meeting in trends.meetings:
        row = rows[meeting.id]
        assert (meeting.started_at, meeting.title) == (row.started_at, row.title)
        assert (meeting.jargon_mentions, meeting.turning_points) == (row.jargon, row.turning_points)
    assert sum(month.raised for month in trends.elephants) == sum(row.elephants for row in rows.values())


def test_an_agreement_keeps_its_parties_apart(store: Store, history) -> None:
    board = store.partnerships.ensure_organisation(history["literacy"], "Catholic school board")
    agency = store.partnerships.ensure_organisation(history["literacy"], "Settlement agency")
    store.business.add_agreement(history["third"], "Shared calendar",
                        party_organisation_ids=[board.id, agency.id])
    [made] = [a for a in store.business.agreement_register(history["literacy"]) if a.text == "Shared calendar"]
    assert made.parties == ("Catholic school board", "Settlement agency")


def test_partnership_names_follow_the_partnerships_own_order(store: Store, history, library, clock: FrozenClock) -> None:
    """The history's filter lists partnerships as `partnerships.all()` does (the most recently active first,
    then by name whatever its case), without its counts."""
    store.partnerships.ensure("aardvark Collective")
    store.partnerships.ensure("Zebra table")
    clock.advance(60)
    later = store.partnerships.ensure("Brand new")
    clock.advance(60)
    store.meetings.start(store.meetings.create(later.id, library.agendas["operational"]).id)
    names = store.review.partnership_names()
    assert names == [(p.id, p.name) for p in store.partnerships.all()]
    assert [name for _id, name in names][:1] == ["Brand new"]
    assert len(names) == 5
