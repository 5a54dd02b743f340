"""Dates typed as people say them become exact days, by rules a facilitator can predict."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meetingkit.core.dates import (
    EXAMPLES,
    DateNotUnderstood,
    describe_date,
    parse_due_date,
    parse_optional_date,
)

TODAY = date(2026, 11, 24)  # a Tuesday
FRIDAY = date(2026, 11, 27)


def test_the_fixed_days_are_the_weekdays_the_tests_assume() -> None:
    assert TODAY.strftime("%A") == "Tuesday"
    assert FRIDAY.strftime("%A") == "Friday"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 11, 24)),
        ("tomorrow", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 23)),
        ("  TOMORROW. ", date(2026, 11, 25)),
        ("Today!", date(2026, 11, 24)),
        ("by tomorrow", date(2026, 11, 25)),
    ],
)
def test_named_days(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("friday", date(2026, 11, 27)),  # this week's Friday
        ("Fri", date(2026, 11, 27)),
        ("fri.", date(2026, 11, 27)),
        ("this friday", date(2026, 11, 27)),
        ("next friday", date(2026, 11, 27)),  # the coming one, same as bare
        ("on Friday", date(2026, 11, 27)),
        ("wednesday", date(2026, 11, 25)),
        ("wed", date(2026, 11, 25)),
        ("thurs", date(2026, 11, 26)),
        ("monday", date(2026, 11, 30)),
        ("mon", date(2026, 11, 30)),
        ("sunday", date(2026, 11, 29)),
        ("tuesday", date(2026, 12, 1)),  # today is Tuesday: a week away, never today
        ("next tue", date(2026, 12, 1)),
        ("friday week", date(2026, 12, 4)),
        ("a week on friday", date(2026, 12, 4)),
        ("a week from Friday", date(2026, 12, 4)),
        ("monday week", date(2026, 12, 7)),
    ],
)
def test_weekdays_on_a_tuesday(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("friday", date(2026, 12, 4)),  # said on a Friday: a week later, not today
        ("this friday", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        ("friday week", date(2026, 12, 11)),
        ("saturday", date(2026, 11, 28)),
        ("thursday", date(2026, 12, 3)),
        ("end of the week", date(2026, 11, 27)),  # today, it being Friday
    ],
)
def test_weekdays_on_a_friday(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, FRIDAY) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in 3 days", date(2026, 11, 27)),
        ("in 1 day", date(2026, 11, 25)),
        ("in 2 weeks", date(2026, 12, 8)),
        ("in a week", date(2026, 12, 1)),
        ("a week", date(2026, 12, 1)),
        ("in a month", date(2026, 12, 24)),
        ("in 6 months", date(2027, 5, 24)),
        ("in a year", date(2027, 11, 24)),
        ("3 weeks", date(2026, 12, 15)),
        ("2 weeks time", date(2026, 12, 8)),
        ("in 2 weeks' time", date(2026, 12, 8)),
        ("in 2 weeks’ time", date(2026, 12, 8)),
        ("in two weeks", date(2026, 12, 8)),
        ("in twelve days", date(2026, 12, 6)),
        ("one month", date(2026, 12, 24)),
        ("a fortnight", date(2026, 12, 8)),
        ("in a fortnight", date(2026, 12, 8)),
        ("In  3   Days", date(2026, 11, 27)),
        ("in 20 years", date(2046, 11, 24)),
    ],
)
def test_spans_from_today(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


def test_a_month_from_the_31st_is_the_end_of_the_shorter_month() -> None:
    assert parse_due_date("in a month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due_date("next month", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("next week", TODAY, date(2026, 12, 1)),
        ("next month", TODAY, date(2026, 12, 24)),
        ("next year", TODAY, date(2027, 11, 24)),
        ("end of month", TODAY, date(2026, 11, 30)),
        ("end of the month", TODAY, date(2026, 11, 30)),
        ("by the end of the month", TODAY, date(2026, 11, 30)),
        ("end of month", date(2026, 2, 10), date(2026, 2, 28)),
        ("end of month", date(2028, 2, 10), date(2028, 2, 29)),
        ("end of month", date(2026, 11, 30), date(2026, 11, 30)),
        ("end of next month", TODAY, date(2026, 12, 31)),
        ("end of next month", date(2026, 1, 31), date(2026, 2, 28)),
        ("end of next month", date(2026, 12, 31), date(2027, 1, 31)),
        ("end of week", TODAY, date(2026, 11, 27)),
        ("end of the week", TODAY, date(2026, 11, 27)),
        ("end of the week", date(2026, 11, 28), date(2026, 12, 4)),  # on a Saturday: the Friday after
        ("end of the year", TODAY, date(2026, 12, 31)),
    ],
)
def test_weeks_months_and_their_ends(phrase: str, today: date, expected: date) -> None:
    assert parse_due_date(phrase, today) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("15 Dec", date(2026, 12, 15)),
        ("Dec 15", date(2026, 12, 15)),
        ("15th December", date(2026, 12, 15)),
        ("the 15th of December", date(2026, 12, 15)),
        ("15 December 2026", date(2026, 12, 15)),
        ("15-Dec-2026", date(2026, 12, 15)),
        ("2026-12-01", date(2026, 12, 1)),  # ISO is year-month-day, never 12 Jan
        ("2026/12/01", date(2026, 12, 1)),
        ("1/12/2026", date(2026, 12, 1)),  # day first
        ("1.12.2026", date(2026, 12, 1)),
        ("15/12", date(2026, 12, 15)),
        ("1/12", date(2026, 12, 1)),
        ("24 Nov", date(2026, 11, 24)),  # today is not the past
        ("23 Nov", date(2027, 11, 23)),  # yesterday without a year: next year's
        ("15 Jan", date(2027, 1, 15)),
        ("15 Jan 2026", date(2026, 1, 15)),  # a year given is kept, even if past
        ("Tue 15 Dec 2026", date(2026, 12, 15)),  # a weekday that agrees is fine
        ("15 Dec 3pm", date(2026, 12, 15)),  # a time of day is dropped
        ("29 Feb", date(2028, 2, 29)),  # the next 29 Feb that exists
    ],
)
def test_written_dates(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("15 Jan", date(2026, 12, 31), date(2027, 1, 15)),
        ("31 Dec", date(2026, 12, 31), date(2026, 12, 31)),
        ("1 Jan", date(2026, 12, 31), date(2027, 1, 1)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        ("in 3 days", date(2026, 12, 31), date(2027, 1, 3)),
        ("friday", date(2026, 12, 31), date(2027, 1, 1)),
        ("next week", date(2026, 12, 28), date(2027, 1, 4)),
        ("end of the year", date(2026, 12, 31), date(2026, 12, 31)),
        ("end of month", date(2026, 12, 31), date(2026, 12, 31)),
    ],
)
def test_across_the_year_end(phrase: str, today: date, expected: date) -> None:
    assert parse_due_date(phrase, today) == expected


def test_a_datetime_for_today_is_taken_as_its_date() -> None:
    assert parse_due_date("tomorrow", datetime(2026, 11, 24, 23, 30)) == date(2026, 11, 25)


@pytest.mark.parametrize(
    "phrase",
    [
        "blurgh",
        "soon",
        "asap",
        "next weekend",
        "12",  # a day? a month? twelve days?
        "2026",
        "Dec",
        "15th",
        "31 Feb",
        "29 Feb 2027",
        "2026-02-30",
        "2026-13-01",
        "in 10000 years",
        "in 21 years",
        "in 99999999999999999999 days",
        "15 Dec 2099",
        "1 Jan 1990",
        "Fri 15 Dec 2026",  # 15 Dec 2026 is a Tuesday
        "meeting on the 15th about 3 things",  # fuzzy parsing would find a date here
        "3pm",
        "in thirteen weeks",
        "friday next",
    ],
)
def test_unclear_phrases_are_refused_with_examples(phrase: str) -> None:
    with pytest.raises(DateNotUnderstood) as raised:
        parse_due_date(phrase, TODAY)
    message = str(raised.value)
    assert f"'{phrase}'" in message
    assert EXAMPLES in message
    assert "'next friday'" in message and "'2026-12-01'" in message
    assert "\n" not in message
    assert raised.value.phrase == phrase


def test_refusals_say_why_when_the_reason_is_known() -> None:
    with pytest.raises(DateNotUnderstood, match="more than 20 years away"):
        parse_due_date("in 10000 years", TODAY)
    with pytest.raises(DateNotUnderstood, match="15 Dec 2026 is a Tuesday"):
        parse_due_date("Fri 15 Dec 2026", TODAY)
    with pytest.raises(DateNotUnderstood, match="no such day"):
        parse_due_date("31 Feb", TODAY)
    with pytest.raises(DateNotUnderstood, match="a number alone"):
        parse_due_date("12", TODAY)


def test_the_message_for_nonsense_is_the_plain_one() -> None:
    with pytest.raises(DateNotUnderstood) as raised:
        parse_due_date("blurgh", TODAY)
    assert str(raised.value) == (
        "Couldn't read 'blurgh' as a date. Try 'next friday', 'in 2 weeks', '15 Dec' or '2026-12-01'."
    )


@pytest.mark.parametrize("phrase", ["", "   ", " . "])
def test_blank_is_refused_when_a_date_is_required(phrase: str) -> None:
    with pytest.raises(DateNotUnderstood) as raised:
        parse_due_date(phrase, TODAY)
    assert EXAMPLES in str(raised.value)


def test_refused_phrases_are_quoted_safely_and_briefly() -> None:
    """What is quoted back goes on a projected terminal: no escape sequences, no wall of text."""
    with pytest.raises(DateNotUnderstood) as escaped:
        parse_due_date("\x1b[2Jfriday-ish", TODAY)
    assert "\x1b" not in str(escaped.value)
    with pytest.raises(DateNotUnderstood) as long:
        parse_due_date("x" * 100_000, TODAY)
    assert len(str(long.value)) < 200


def test_no_other_exception_escapes_for_odd_input_or_odd_today() -> None:
    phrases = [
        "friday",
        "in 20 years",
        "end of next month",
        "15 Dec",
        "1 Jan 0001",
        "31/12/9999",
        "\x00",
        "١٢ dec",
    ]
    for today in (date(1, 1, 1), date(9999, 12, 31), TODAY):
        for phrase in phrases:
            try:
                parse_due_date(phrase, today)
            except DateNotUnderstood:
                pass


@pytest.mark.parametrize("phrase", ["", "  ", "\t"])
def test_an_optional_date_left_blank_is_none(phrase: str) -> None:
    assert parse_optional_date(phrase, TODAY) is None


def test_an_optional_date_otherwise_parses_like_a_due_date() -> None:
    assert parse_optional_date(None, TODAY) is None
    assert parse_optional_date("friday week", TODAY) == date(2026, 12, 4)
    with pytest.raises(DateNotUnderstood):
        parse_optional_date("asap", TODAY)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), "Fri 4 Dec 2026 (in 10 days)"),
        (date(2026, 11, 24), "Tue 24 Nov 2026 (today)"),
        (date(2026, 11, 23), "Mon 23 Nov 2026 (yesterday)"),
        (date(2026, 11, 25), "Wed 25 Nov 2026 (tomorrow)"),
        (date(2026, 11, 21), "Sat 21 Nov 2026 (3 days ago)"),
        (date(2026, 11, 26), "Thu 26 Nov 2026 (in 2 days)"),
        (date(2027, 1, 15), "Fri 15 Jan 2027 (in 52 days)"),
        (date(2029, 11, 24), "Sat 24 Nov 2029 (in 1,096 days)"),
    ],
)
def test_describe_date(day: date, expected: str) -> None:
    assert describe_date(day, TODAY) == expected


def test_describe_what_was_parsed() -> None:
    """The round trip a facilitator sees: type a phrase, read back the day it became."""
    assert describe_date(parse_due_date("friday week", TODAY), TODAY) == "Fri 4 Dec 2026 (in 10 days)"
    assert describe_date(parse_due_date("15 Jan 2026", TODAY), TODAY) == "Thu 15 Jan 2026 (313 days ago)"


# -- a second look at dates that are probably slips ---------------------------------------


@pytest.mark.parametrize(("phrase", "day", "expected"), [
    ("yesterday", date(2026, 11, 23), "is in the past"),
    ("2026-11-01", date(2026, 11, 1), "is in the past"),
    ("23 Nov", date(2027, 11, 23), "almost a year away"),  # said on the 24th: last week, or next year?
    ("23/11", date(2027, 11, 23), "almost a year away"),
])
def test_a_date_that_is_probably_a_slip_gets_a_second_look(phrase: str, day: date, expected: str) -> None:
    from meetingkit.core.dates import second_look

    assert parse_due_date(phrase, TODAY) == day
    look = second_look(phrase, day, TODAY)
    assert look is not None and expected in look
    assert describe_date(day, TODAY).split(" (")[0] in look


@pytest.mark.parametrize("phrase", ["today", "next friday", "15 Dec", "23 Nov 2027", "next year", "in 11 months",
                                    "2027-11-23", "end of next month"])
def test_a_date_meant_as_typed_gets_no_second_look(phrase: str) -> None:
    from meetingkit.core.dates import second_look

    assert second_look(phrase, parse_due_date(phrase, TODAY), TODAY) is None
