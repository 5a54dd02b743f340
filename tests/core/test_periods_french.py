"""Periods typed in French, read by the English reader's rules (issue 18)."""

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

TODAY = date(2026, 12, 4)  # a Friday

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("tout", None, None),
        ("aujourd'hui", TODAY, TODAY),
        ("hier", date(2026, 12, 3), date(2026, 12, 3)),
        ("cette semaine", date(2026, 11, 30), TODAY),
        ("la semaine dernière", date(2026, 11, 23), date(2026, 11, 29)),
        ("ce mois-ci", date(2026, 12, 1), TODAY),
        ("Ce mois ci", date(2026, 12, 1), TODAY),
        ("le mois dernier", date(2026, 11, 1), date(2026, 11, 30)),
        ("cette année", date(2026, 1, 1), TODAY),
        ("cette annee", date(2026, 1, 1), TODAY),
        ("l’année dernière", date(2025, 1, 1), date(2025, 12, 31)),
        ("ce trimestre", date(2026, 10, 1), TODAY),
        ("le trimestre dernier", date(2026, 7, 1), date(2026, 9, 30)),
        ("les 3 derniers mois", date(2026, 9, 5), TODAY),
        ("les trois derniers mois", date(2026, 9, 5), TODAY),
        ("les 30 derniers jours", date(2026, 11, 5), TODAY),
        ("les 2 dernières semaines", date(2026, 11, 21), TODAY),
        ("il y a 2 semaines", date(2026, 11, 20), date(2026, 11, 20)),
        ("T3", date(2026, 7, 1), date(2026, 9, 30)),
        ("t1 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("en 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("mars", date(2026, 3, 1), date(2026, 3, 31)),
        ("décembre 2025", date(2025, 12, 1), date(2025, 12, 31)),
        ("mars dernier", date(2026, 3, 1), date(2026, 3, 31)),
        ("depuis mars", date(2026, 3, 1), None),
        ("depuis le 1er mars", date(2026, 3, 1), None),
        ("à partir d'avril", date(2026, 4, 1), None),
        ("après le 1er mars", date(2026, 3, 2), None),
        ("avant mars", None, date(2026, 2, 28)),
        ("jusqu'au 15 déc.", None, date(2025, 12, 15)),  # the latest 15 December on or before today
        ("de mars à juin", date(2026, 3, 1), date(2026, 6, 30)),
        ("de mars a juin", date(2026, 3, 1), date(2026, 6, 30)),
        ("d'avril à juin 2026", date(2026, 4, 1), date(2026, 6, 30)),
        ("de novembre à février", date(2025, 11, 1), date(2026, 2, 28)),  # wraps round the new year
        ("du 1er mars au 15 avril", date(2026, 3, 1), date(2026, 4, 15)),
        ("entre mars et juin", date(2026, 3, 1), date(2026, 6, 30)),
        ("mars - juin", date(2026, 3, 1), date(2026, 6, 30)),
        # English still reads as before
        ("last 3 months", date(2026, 9, 5), TODAY),
        ("March to June", date(2026, 3, 1), date(2026, 6, 30)),
    ],
)
def test_french_periods(phrase: str, start: date | None, end: date | None) -> None:
    assert parse_period(phrase, TODAY) == Period(start, end)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("le dernier mois", ""),  # the calendar month, or the last 30 days?
        ("la dernière semaine", ""),
        ("le dernier trimestre", ""),  # last quarter, or the year's fourth?
        ("T5", ""),
        ("12", "a number alone"),
        ("31 février 2026", "no such day"),
        ("de juin 2026 à mars 2026", "ends before it starts"),
    ],
)
def test_french_periods_refused(phrase: str, reason: str) -> None:
    with pytest.raises(PeriodNotUnderstood) as raised:
        parse_period(phrase, TODAY)
    assert reason in str(raised.value)
    assert raised.value.phrase == phrase


@pytest.mark.parametrize("phrase", ["depuis mars", "de mars à juin", "entre mars et juin", "avant mars"])
def test_a_french_range_is_refused_where_one_time_belongs(phrase: str) -> None:
    with pytest.raises(PeriodIsARange):
        parse_one(phrase, TODAY)


def test_the_command_line_bounds_read_french_too() -> None:
    assert parse_bounds("mars", "juin", TODAY) == Period(date(2026, 3, 1), date(2026, 6, 30))
    assert parse_bounds("T3", None, TODAY) == Period(date(2026, 7, 1), None)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 31)))
def test_every_day_written_in_french_is_that_day(day: date) -> None:
    number = "1er" if day.day == 1 else str(day.day)
    assert parse_period(f"{number} {MOIS[day.month - 1]} {day.year}", TODAY) == Period(day, day)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1900, max_value=9998))
def test_every_month_written_in_french_is_that_month(month: int, year: int) -> None:
    period = parse_period(f"{MOIS[month - 1]} {year}", TODAY)
    assert period.start == date(year, month, 1)
    assert (
        period.end is not None
        and (period.end.year, period.end.month) == (year, month)
        and period.end.day >= 28
    )
