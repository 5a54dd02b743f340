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


GROUPED_COUNTS = """
    WITH attendance_n AS (SELECT meeting_id, count(*) AS n FROM attendance GROUP BY meeting_id),
         jargon_n AS (SELECT meeting_id, count(*) AS n FROM jargon_mentions GROUP BY meeting_id),
         elephants_n AS (SELECT raised_meeting_id AS meeting_id, count(*) AS n FROM elephants GROUP BY raised_meeting_id),
         turning_points_n AS (SELECT meeting_id, count(*) AS n FROM turning_points GROUP BY meeting_id),
         agreements_n AS (SELECT meeting_id, count(*) AS n FROM agreements GROUP BY meeting_id),
         actions_n AS (SELECT meeting_id, count(*) AS n FROM actions GROUP BY meeting_id)
    SELECT m.id, coalesce(attendance_n.n, 0), coalesce(jargon_n.n, 0), coalesce(elephants_n.n, 0),
        coalesce(turning_points_n.n, 0), coalesce(agreements_n.n, 0), coalesce(actions_n.n, 0)
    FROM meetings m
        LEFT JOIN attendance_n ON attendance_n.meeting_id = m.id LEFT JOIN jargon_n ON jargon_n.meeting_id = m.id
        LEFT JOIN elephants_n ON elephants_n.meeting_id = m.id
        LEFT JOIN turning_points_n ON turning_points_n.meeting_id = m.id
        LEFT JOIN agreements_n ON agreements_n.meeting_id = m.id LEFT JOIN actions_n ON actions_n.meeting_id = m.id
"""
"""The history's counts as they were read before issue 19 (each table grouped whole, then joined)."""


def test_history_counts_each_board_in_its_own_column_as_the_grouped_counts_did(
    store: Store, history, library, clock: FrozenClock,
) -> None:
    """Counted per meeting, each count lands in its own field: a meeting with a different number on every
    board (1 to 6), one with nothing captured, and an elephant raised in one meeting and dealt with in another."""
    busy = store.meetings.start(store.meetings.create(history["literacy"], library.agendas["strategic"]).id)
    store.meetings.add_attendee(busy.id, "Ana", "Library")
    for word in ("ISP", "MLO"):
        store.jargon.mention(busy.id, word)
    for n in range(3):
        store.boards.raise_elephant(busy.id, f"Elephant {n}")
    for n in range(4):
        store.boards.mark_turning_point(busy.id, note=f"Point {n}", confidential=n == 0)
    for n in range(5):
        store.business.add_agreement(busy.id, f"Agreement {n}")
    for n in range(6):
        store.business.add_action(busy.id, f"Action {n}", confidential=n == 0)
    empty = store.meetings.create(history["schools"], library.agendas["operational"])
    rows = {row.id: row for row in store.review.history()}
    assert (rows[busy.id].attendance, rows[busy.id].jargon, rows[busy.id].elephants, rows[busy.id].turning_points,
            rows[busy.id].agreements, rows[busy.id].actions) == (1, 2, 3, 4, 5, 6)
    assert (rows[empty.id].attendance, rows[empty.id].jargon, rows[empty.id].actions) == (0, 0, 0)
    before = {row[0]: tuple(row[1:]) for row in store.db.rows(GROUPED_COUNTS)}
    assert {
        row.id: (row.attendance, row.jargon, row.elephants, row.turning_points, row.agreements, row.actions)
        for row in rows.values()
    } == before
    filtered = store.review.history(partnership_id=history["literacy"])
    assert [(row.id, row.jargon, row.actions) for row in filtered] == [
        (row.id, row.jargon, row.actions) for row in store.review.history() if row.partnership_id == history["literacy"]
    ]


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
