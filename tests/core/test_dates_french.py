"""Due and review dates typed in French, read by the English parser's rules (issue 18)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.dates import DateNotUnderstood, parse_due_date, second_look

TODAY = date(2026, 12, 4)  # a Friday

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")  # fmt: skip


def test_the_fixed_day_is_a_friday() -> None:
    assert TODAY.weekday() == 4


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("aujourd'hui", date(2026, 12, 4)),
        ("Aujourd’hui", date(2026, 12, 4)),  # curly apostrophe
        ("demain", date(2026, 12, 5)),
        ("hier", date(2026, 12, 3)),
        ("vendredi", date(2026, 12, 11)),  # said on a Friday: a week away, as "friday" is
        ("Vendredi prochain", date(2026, 12, 11)),
        ("ce vendredi", date(2026, 12, 11)),
        ("lundi", date(2026, 12, 7)),
        ("mercredi prochain", date(2026, 12, 9)),
        ("sam.", date(2026, 12, 5)),
        ("vendredi en huit", date(2026, 12, 18)),
        ("d'ici jeudi", date(2026, 12, 10)),
        ("la semaine prochaine", date(2026, 12, 11)),
        ("le mois prochain", date(2027, 1, 4)),
        ("dans 2 semaines", date(2026, 12, 18)),
        ("dans 3 jours", date(2026, 12, 7)),
        ("dans deux semaines", date(2026, 12, 18)),
        ("dans sept jours", date(2026, 12, 11)),  # "sept" is seven here, not September
        ("dans un mois", date(2027, 1, 4)),
        ("dans 1 an", date(2027, 12, 4)),
        ("fin du mois", date(2026, 12, 31)),
        ("d'ici la fin du mois", date(2026, 12, 31)),
        ("fin du mois prochain", date(2027, 1, 31)),
        ("fin de la semaine", date(2026, 12, 4)),  # today, it being Friday
        ("fin de l'année", date(2026, 12, 31)),
        ("le 15 déc.", date(2026, 12, 15)),
        ("15 décembre", date(2026, 12, 15)),
        ("15 decembre", date(2026, 12, 15)),
        ("15 DÉC", date(2026, 12, 15)),
        ("15 décembre 2027", date(2027, 12, 15)),
        ("le 1er mars", date(2027, 3, 1)),
        ("1er janv. 2027", date(2027, 1, 1)),
        ("3 févr.", date(2027, 2, 3)),
        ("20 août", date(2027, 8, 20)),
        ("20 aout", date(2027, 8, 20)),
        ("samedi 5 décembre", date(2026, 12, 5)),
        ("pour le 10 mai", date(2027, 5, 10)),
        # English still reads as before, side by side with French
        ("next friday", date(2026, 12, 11)),
        ("15 Dec", date(2026, 12, 15)),
    ],
)
def test_french_phrases(phrase: str, expected: date) -> None:
    assert parse_due_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("31 février", "there is no such day"),
        ("30 fevrier 2027", "there is no such day"),
        ("vendredi 5 décembre", "5 Dec 2026 is a Saturday"),
        ("lundi 15 décembre 2026", "15 Dec 2026 is a Tuesday"),
        ("décembre", "it needs a day and a month"),
        ("fin de semaine", "the weekend"),  # Canadian French: the weekend, not the end of the week
        ("12", "a number alone"),
        ("mar 15 déc", ""),  # mardi or March? refused, not guessed
        ("dans quelques jours", ""),
        ("dans 9999 ans", "years away"),
    ],
)
def test_french_refusals(phrase: str, reason: str) -> None:
    with pytest.raises(DateNotUnderstood) as raised:
        parse_due_date(phrase, TODAY)
    assert reason in str(raised.value)
    assert raised.value.phrase == phrase


def test_the_second_look_knows_a_french_date_without_its_year() -> None:
    day = parse_due_date("2 déc", TODAY)
    assert day == date(2027, 12, 2)
    warning = second_look("2 déc", day, TODAY)
    assert warning is not None and "almost a year away" in warning
    # written with its year, or as a span, it is what was meant
    assert second_look("2 décembre 2027", day, TODAY) is None
    assert second_look("dans 363 jours", TODAY + timedelta(days=363), TODAY) is None


def test_the_second_look_knows_a_french_date_in_the_past() -> None:
    day = parse_due_date("1er décembre 2026", TODAY)
    warning = second_look("1er décembre 2026", day, TODAY)
    assert warning is not None and "in the past" in warning


@given(st.dates(min_value=date(2007, 1, 1), max_value=date(2046, 12, 4)), st.booleans(), st.booleans())
def test_every_day_written_in_french_reads_back_as_itself(day: date, folded: bool, upper: bool) -> None:
    month = MOIS[day.month - 1]
    if folded:
        month = month.replace("é", "e").replace("û", "u")
    if upper:
        month = month.upper()
    number = "1er" if day.day == 1 else str(day.day)
    assert parse_due_date(f"{number} {month} {day.year}", TODAY) == day
