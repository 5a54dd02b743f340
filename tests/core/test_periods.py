"""Periods typed as people say them, read against a fixed today (Tue 24 Nov 2026)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.periods import (
    Period,
    PeriodIsARange,
    PeriodNotUnderstood,
    parse_bounds,
    parse_one,
    parse_period,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("", None, None),
        ("  All time ", None, None),
        ("today", TODAY, TODAY),
        ("yesterday", date(2026, 11, 23), date(2026, 11, 23)),
        ("this week", date(2026, 11, 23), TODAY),
        ("last week", date(2026, 11, 16), date(2026, 11, 22)),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("this year", date(2026, 1, 1), TODAY),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("last 3 months", date(2026, 8, 25), TODAY),
        ("last 90 days", date(2026, 8, 27), TODAY),
        ("the past 2 weeks", date(2026, 11, 11), TODAY),
        ("last six months", date(2026, 5, 25), TODAY),
        ("past fortnight", date(2026, 11, 11), TODAY),
        ("this quarter", date(2026, 10, 1), TODAY),
        ("last quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("last September", date(2026, 9, 1), date(2026, 9, 30)),
        ("last November", date(2025, 11, 1), date(2025, 11, 30)),  # this November has not ended
        ("this March", date(2026, 3, 1), date(2026, 3, 31)),
        ("since last September", date(2026, 9, 1), None),
        ("Nov to Feb", date(2025, 11, 1), date(2026, 2, 28)),  # months wrap round the new year
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("March", date(2026, 3, 1), date(2026, 3, 31)),
        ("Dec", date(2025, 12, 1), date(2025, 12, 31)),  # December 2026 has not begun
        ("feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("q4 2025", date(2025, 10, 1), date(2025, 12, 31)),
        ("1 March", date(2026, 3, 1), date(2026, 3, 1)),
        ("25 Dec", date(2025, 12, 25), date(2025, 12, 25)),  # the latest one on or before today
        ("1/3/2026", date(2026, 3, 1), date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1), date(2026, 3, 1)),
        ("3 weeks ago", date(2026, 11, 3), date(2026, 11, 3)),
        ("since 1 March", date(2026, 3, 1), None),
        ("Since March.", date(2026, 3, 1), None),
        ("from last year", date(2025, 1, 1), None),
        ("after 5 May", date(2026, 5, 6), None),
        ("until June", None, date(2026, 6, 30)),
        ("up to 1 march", None, date(2026, 3, 1)),
        ("before 2026", None, date(2025, 12, 31)),
        ("from March to June", date(2026, 3, 1), date(2026, 6, 30)),
        ("March to June", date(2026, 3, 1), date(2026, 6, 30)),
        ("2025 - 2026", date(2025, 1, 1), date(2026, 12, 31)),
        ("between 1/2/2026 and 3 months ago", date(2026, 2, 1), date(2026, 8, 24)),
    ],
)
def test_phrases_read_as_people_mean_them(phrase: str, start: date | None, end: date | None) -> None:
    assert parse_period(phrase, TODAY) == Period(start, end)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("12", "four digits"),
        ("31 Feb", "no such day"),
        ("2026 to 2025", "ends before it starts"),
        ("the week the printer broke", ""),
        ("x" * 500, "far too long"),
    ],
)
def test_unclear_phrases_are_refused_with_a_reason(phrase: str, reason: str) -> None:
    with pytest.raises(PeriodNotUnderstood) as caught:
        parse_period(phrase, TODAY)
    message = str(caught.value)
    assert reason in message
    assert "Try 'last 3 months'" in message
    assert len(message) < 200


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        (Period(), "all time"),
        (Period(date(2026, 3, 1), None), "since 1 Mar 2026"),
        (Period(None, date(2026, 6, 30)), "up to 30 Jun 2026"),
        (Period(date(2026, 8, 25), TODAY), "25 Aug 2026 to today (92 days)"),
        (Period(TODAY, TODAY), "today"),
    ],
)
def test_the_reading_is_shown_back(period: Period, shown: str) -> None:
    assert period.describe(TODAY) == shown


def test_bounds_cover_whole_local_days() -> None:
    start, end = Period(date(2026, 3, 1), date(2026, 3, 31)).utc_bounds()
    assert start is not None and end is not None
    assert start < end
    assert start.endswith("Z") and len(start) == len("2026-03-01T00:00:00.000Z")
    assert Period().utc_bounds() == (None, None)


@given(st.text(max_size=60))
def test_any_text_gives_a_period_or_one_clear_error(text: str) -> None:
    try:
        period = parse_period(text, TODAY)
    except PeriodNotUnderstood as error:
        assert str(error).startswith("Couldn't read")
    else:
        if period.start and period.end:
            assert period.start <= period.end


@pytest.mark.parametrize("phrase", ["9999-12-31", "0001-01-01", "since 0001-01-01", "until 9999-12-31"])
def test_a_period_at_the_edge_of_the_calendar_is_refused_not_overflowed(phrase: str) -> None:
    """Its bounds (the midnight before it starts, the one after it ends) would be outside datetime's years."""
    with pytest.raises(PeriodNotUnderstood, match="outside the calendar"):
        parse_period(phrase, date(2026, 11, 24))


SINGLE_TIMES = [
    "today", "yesterday", "this week", "last week", "last month", "this year", "last year", "last 3 months",
    "past fortnight", "this quarter", "last quarter", "last September", "this March", "March", "Nov", "Feb",
    "Sept", "Q1", "q3", "Q3 2025", "2025", "2026", "1 March", "1/3/2026", "2026-03-01", "3 months ago", "all",
]  # fmt: skip
"""What `--since`, `--until` and `--before` take: one time each."""


@given(st.sampled_from(SINGLE_TIMES), st.sampled_from(SINGLE_TIMES))
def test_since_and_until_mean_exactly_what_the_review_filter_reads(since: str, until: str) -> None:
    """`--since X` is "since X", `--until Y` is "until Y", and both are "X to Y" (issue 15)."""
    open_since = Period() if since == "all" else parse_period(f"since {since}", TODAY)
    open_until = Period() if until == "all" else parse_period(f"until {until}", TODAY)
    assert parse_bounds(since, None, TODAY) == open_since
    assert parse_bounds(None, until, TODAY) == open_until
    try:
        expected = Period(open_since.start, open_until.end) if "all" in (since, until) \
            else parse_period(f"{since} to {until}", TODAY)
    except PeriodNotUnderstood:
        with pytest.raises(PeriodNotUnderstood, match="ends before it starts"):
            parse_bounds(since, until, TODAY)
        return
    assert parse_bounds(since, until, TODAY) == expected


def test_a_quarter_is_its_three_months_and_since_a_quarter_runs_to_today() -> None:
    assert parse_period("Q3", TODAY) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert parse_bounds("Q3", None, TODAY) == Period(date(2026, 7, 1), None) == parse_period("since Q3", TODAY)


def test_months_that_would_run_backwards_wrap_round_the_new_year_given_apart_too() -> None:
    said_in_december = date(2026, 12, 10)
    assert parse_bounds("Nov", "Feb", said_in_december) == parse_period("Nov to Feb", said_in_december) == Period(
        date(2025, 11, 1), date(2026, 2, 28)
    )


@pytest.mark.parametrize(
    "phrase", ["Sept to Nov", "between March and June", "from 1 March to 3 April", "March - June", "since March",
               "until June", "before 2026", "after Q1", "up to last month"],
)
def test_a_range_where_one_time_belongs_is_refused_never_cut_to_its_start(phrase: str) -> None:
    for read in (lambda: parse_one(phrase, TODAY), lambda: parse_bounds(phrase, None, TODAY),
                 lambda: parse_bounds(None, phrase, TODAY), lambda: parse_bounds("2025", phrase, TODAY)):
        with pytest.raises(PeriodIsARange, match="it is a range, not one time"):
            read()
    parse_period(phrase, TODAY)  # the review filter reads it whole


def test_one_time_past_the_calendar_or_unclear_is_refused_as_before() -> None:
    for phrase in ("9999-12-31", "0001-01-01", "whenever", "13"):
        with pytest.raises(PeriodNotUnderstood) as refused:
            parse_bounds(phrase, None, TODAY)
        assert not isinstance(refused.value, PeriodIsARange)
