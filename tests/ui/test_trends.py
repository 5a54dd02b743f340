"""The numbers behind the trend plots: `build_trends` on the store's trends of a real file."""

from __future__ import annotations

from meetingkit.store import Store
from meetingkit.ui.screens.trends import build_trends


def test_the_five_trends_plot_the_stores_numbers(store: Store, history) -> None:
    """Two meetings of the schools' partnership, a month apart: a bar each, and the elephants by month."""
    trends = {trend.key: trend for trend in build_trends(store.review.trends(history["schools"]))}
    assert list(trends) == ["jargon", "unexplained", "elephants", "turning", "overrun"]
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
