"""The numbers behind the trend plots: `build_trends` on the store's trends of a real file, and on many meetings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from meetingkit.core.models import SectionKind
from meetingkit.core.steering import SteeredKind
from meetingkit.core.trends import MeetingTrend, OverrunByKind, Trends
from meetingkit.store import Store
from meetingkit.ui.screens.trends import MOST_BARS, build_trends


def test_the_six_trends_plot_the_stores_numbers(store: Store, history) -> None:
    """Two meetings of the schools' partnership, a month apart: a bar each, and the elephants by month."""
    trends = {trend.key: trend for trend in build_trends(store.review.trends(history["schools"]))}
    assert list(trends) == ["jargon", "unexplained", "elephants", "turning", "overrun", "steered"]
    days = ["25 Sep 26", "25 Oct 26"]
    assert (trends["jargon"].labels, trends["jargon"].series) == (days, [("mentions", [3, 1])])
    assert trends["jargon"].title == "Jargon mentions per meeting"
    # Both terms of the first meeting were unexplained when it ended; ISP had a meaning by the second's end.
    assert (trends["unexplained"].labels, trends["unexplained"].series) == (days, [("% unexplained", [100.0, 0.0])])
    assert trends["elephants"].labels == ["2026-09", "2026-10"]
    assert trends["elephants"].series == [("raised", [1, 0]), ("addressed", [0, 1]), ("let go", [0, 0])]
    assert trends["turning"].series == [("turning points", [1, 1])]
    # Both meetings stayed in their welcome until they ended: on average 67.5 minutes over its timebox.
    assert (trends["overrun"].labels, trends["overrun"].series) == (["welcome"], [("minutes over", [67.5])])
    assert trends["overrun"].horizontal


def test_many_meetings_are_plotted_a_month_to_a_bar() -> None:
    """Forty weekly meetings are more than the bars a room can read: the per-meeting plots show monthly means."""
    start = datetime(2026, 1, 5, 12, tzinfo=UTC)
    meetings = tuple(
        MeetingTrend(id=f"m{n}", started_at=start + timedelta(weeks=n), title=f"Week {n}",
                     jargon_mentions=n % 3, terms=2, unexplained=n % 2, turning_points=1)
        for n in range(MOST_BARS + 4)
    )
    overrun = (OverrunByKind(SectionKind.ROUND, sections=3, over=2, average_overrun_minutes=-1.5),)
    trends = {trend.key: trend for trend in build_trends(Trends(meetings, elephants=(), overrun=overrun))}
    jargon = trends["jargon"]
    assert jargon.title == "Jargon mentions per month (mean per meeting)"
    assert jargon.labels[:2] == ["2026-01", "2026-02"] and len(jargon.labels) == 10
    january = [m for m in meetings if m.started_at.month == 1]
    assert jargon.series[0][1][0] == round(sum(m.jargon_mentions for m in january) / len(january), 1)
    assert trends["turning"].series == [("turning points", [1.0] * 10)]
    assert trends["elephants"].labels == [] and trends["elephants"].series[0] == ("raised", [])
    assert trends["overrun"].labels == ["round"] and type(trends["overrun"].labels[0]) is str
    assert trends["overrun"].series == [("minutes over", [-1.5])]


def test_how_often_each_kind_of_section_was_steered_is_a_trend_of_its_own() -> None:
    steered = (SteeredKind("discussion", sections=6, shortened=2, lengthened=1, skipped=3),
               SteeredKind("round", sections=4, shortened=0, lengthened=2, skipped=0))
    [trend] = [t for t in build_trends(Trends((), elephants=(), overrun=(), steered=steered)) if t.key == "steered"]
    assert trend.labels == ["discussion", "round"]
    assert trend.series == [("shortened", [2, 0]), ("given more time", [1, 2]), ("skipped", [3, 0])]
