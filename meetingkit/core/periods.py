"""Periods typed the way people say them when looking back: "last 3 months", "since 1 March", "2026".

A practice lead filters the history or asks for a report "for the spring", so the
reader leans to the past where `core.dates` (due dates) leans to the future, and it
always answers with a closed or open range of whole local days that the screen shows
back ("1 Mar 2026 to today"), so a surprising reading is seen before it is trusted.

The forms, and the choices where English is ambiguous:

- Blank, "all", "all time", "ever", "any time": no limit.
- "today", "yesterday"; "this week" (Monday to today), "last week" (the Monday to
  Sunday before); "this month", "last month", "this year", "last year" are the
  calendar month or year, so "last month" said on 24 Nov is 1–31 Oct.
- "last 3 months", "past 6 weeks", "the last 10 days", "last fortnight": a rolling
  span ending today, as long as it says ("last 90 days" is 90 days, today included).
- "this quarter", "last quarter": calendar quarters. "last March" is the latest March
  that has ended; "this March" is March of this year.
- A year ("2026"), a month ("March", "Mar 2026"), a quarter ("Q1", "q3 2025"). A
  month or quarter without a year is the latest one that has begun: "March" said
  in February 2026 is March 2025.
- A day, written as in `core.dates` ("1 March", "1/3/2026", "2026-03-01"); without a
  year it is the latest such day on or before today. "3 months ago" is a day too.
- "since X", "from X", "after X": from the start of X (the day after, for "after")
  with no end. "until X", "up to X", "to X": up to the end of X. "before X": up to
  the day before X starts.
- "X to Y", "X - Y", "X until Y", "between X and Y", "from X to Y": the start of X to
  the end of Y, each of them any single form above ("March to June 2026"). Months
  without a year that would run backwards wrap round the new year: "Nov to Feb" said in
  2026 is November 2025 to February 2026.

French is read too, rewritten into the English phrase meaning the same (`core.french`):
"les 3 derniers mois", "depuis mars", "de mars à juin", "T3", "le trimestre dernier",
"ce mois-ci", "le mois dernier", "cette année", "il y a 2 semaines", accents and case
optional. "le dernier mois" and "la dernière semaine" are refused (the calendar month, or the
last 30 days?), and so is "le dernier trimestre" (last quarter, or the year's fourth?).

Only `PeriodNotUnderstood` escapes. Refused rather than guessed: a bare number that is
not a year, a range that ends before it starts, and anything `dateutil` would need
`fuzzy=True` for.

The command line reads the same phrases the same way (`parse_bounds`, `parse_one`):
`--period X` is X here, `--since X` is "since X", `--until Y` is "until Y", both together
are "X to Y", and `--before X` is the start of X. Where one time belongs, a range or a
phrase with its own "since" or "to" is refused (`PeriodIsARange`), never cut to its start.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta

from meetingkit.core import french
from meetingkit.core.clock import to_iso
from meetingkit.core.dates import day_month_year
from meetingkit.core.i18n import _, ngettext
from meetingkit.core.localise import number_text

PERIOD_EXAMPLES = "Try 'last 3 months', 'since 1 March', '2026', 'March to June' or 'Q1'."
"""Examples of periods the reader takes, in English; `period_examples()` says them in the language in use."""


def period_examples() -> str:
    """`PERIOD_EXAMPLES` in the language in use."""
    return _("Try 'last 3 months', 'since 1 March', '2026', 'March to June' or 'Q1'.")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNT = r"(?P<count>\d{1,4}|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"

_ROLLING = re.compile(rf"(?:the )?(?:last|past|previous)(?: {_COUNT})? {_UNIT}", re.ASCII)
_AGO = re.compile(rf"{_COUNT} {_UNIT} ago", re.ASCII)
_YEAR = re.compile(r"(?P<year>\d{4})", re.ASCII)
_MONTH = re.compile(rf"(?:(?P<which>last|this) )?(?P<month>{_MONTH_WORDS})(?: (?P<year>\d{{4}}))?")
_QUARTER = re.compile(r"q(?P<quarter>[1-4])(?: (?P<year>\d{4}))?", re.ASCII)
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", re.ASCII)
_BETWEEN = re.compile(r"(?:between|from) (?P<first>.+?) (?:and|to|until|till) (?P<second>.+)")
_RANGE = re.compile(r"(?P<first>.+?)(?: to | until | till | - | – | — )(?P<second>.+)")
_OPEN = re.compile(r"(?P<word>since|from|after|until|till|up to|up until|to|before|by) (?P<rest>.+)")

_PHRASE_LIMIT = 100
_SHOWN_LIMIT = 40
_ALL = {"", "all", "all time", "ever", "any time", "anytime", "everything", "always"}
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 3, 2)

_FRENCH_ALL = {"tout", "toujours", "depuis toujours", "tout le temps", "n'importe quand"}
_FRENCH_NAMED = {
    "aujourd'hui": "today", "hier": "yesterday",
    "cette semaine": "this week", "la semaine derniere": "last week", "semaine derniere": "last week",
    "ce mois-ci": "this month", "ce mois ci": "this month", "ce mois": "this month",
    "le mois dernier": "last month", "mois dernier": "last month",
    "cette annee": "this year", "cette annee-ci": "this year",
    "l'annee derniere": "last year", "l'an dernier": "last year", "l'annee passee": "last year",
    "l'an passe": "last year",
    "ce trimestre": "this quarter", "ce trimestre-ci": "this quarter",
    "le trimestre dernier": "last quarter", "trimestre dernier": "last quarter",
}  # fmt: skip
_FRENCH_OPEN = (
    ("depuis le ", "since"), ("depuis ", "since"), ("a partir du ", "from"), ("a partir de ", "from"),
    ("a partir d'", "from"), ("apres le ", "after"), ("apres ", "after"), ("avant le ", "before"),
    ("avant ", "before"), ("jusqu'au ", "until"), ("jusqu'a ", "until"), ("jusqu'en ", "until"),
)  # fmt: skip
_FRENCH_BETWEEN = re.compile(
    r"(?:de |du |d')(?P<first>.+?) (?:a|au|jusqu'a|jusqu'au|jusqu'en) (?P<second>.+)"
)
_FRENCH_BETWEEN_AND = re.compile(r"entre (?:le )?(?P<first>.+?) et (?:le )?(?P<second>.+)")
_FRENCH_ROLLING = re.compile(rf"(?:les |ces )?{french.COUNT} (?:derniers|dernieres) {french.UNIT}")
_FRENCH_AGO = re.compile(rf"il y a {french.COUNT} {french.UNIT}")
_FRENCH_QUARTER = re.compile(r"t(?P<quarter>[1-4])(?: (?P<year>\d{4}))?", re.ASCII)


@cache
def _french_last_month() -> re.Pattern[str]:
    """ "mars dernier", "sept. passé" (made when first needed: the month names are Babel's)."""
    words = "|".join(sorted(french.months(), key=len, reverse=True))
    return re.compile(rf"(?P<month>{words})\.? (?:dernier|passe)")


class PeriodNotUnderstood(ValueError):
    """Raised with a one-line message the person can act on."""

    def __init__(self, phrase: str, reason: str = "") -> None:
        self.phrase = phrase
        self.reason = reason
        shown = "".join(char for char in str(phrase) if char.isprintable()).strip()
        if len(shown) > _SHOWN_LIMIT:
            shown = shown[: _SHOWN_LIMIT - 1] + "…"
        self.shown = shown
        """The phrase as a message may quote it: printable, and cut short if long."""
        if reason:
            # Translators: {reason} is one of the reasons below, as a clause ("it ends before it starts").
            message = _("Couldn't read '{phrase}' as a period: {reason}. {examples}").format(
                phrase=shown, reason=reason, examples=period_examples())
        else:
            message = _("Couldn't read '{phrase}' as a period. {examples}").format(
                phrase=shown, examples=period_examples())
        super().__init__(message)


class PeriodIsARange(PeriodNotUnderstood):
    """A range ("Sept to Nov") or one side of one ("since March") where one time belongs."""


@dataclass(frozen=True)
class Period:
    """Whole local days from `start` to `end`, both included; None is open on that side."""

    start: date | None = None
    end: date | None = None

    @property
    def unlimited(self) -> bool:
        return self.start is None and self.end is None

    def describe(self, today: date) -> str:
        """How the reading is shown back: "1 Mar 2026 to today (269 days)", "all time", in the
        language in use ("1 mars 2026 à aujourd’hui (269 jours)", "toute la période")."""
        if self.unlimited:
            return _("all time")
        # Each with "today" said apart, as French says "jusqu’à aujourd’hui" but "jusqu’au 4 déc.".
        if self.start is None:
            assert self.end is not None
            if self.end == today:
                return _("up to today")
            return _("up to {day}").format(day=day_month_year(self.end))
        if self.end is None:
            if self.start == today:
                return _("since today")
            return _("since {day}").format(day=day_month_year(self.start))
        if self.start == self.end:
            return day_words(self.start, today)
        days = (self.end - self.start).days + 1
        count = number_text(days)
        if self.end == today:
            # Translators: a period, "1 Mar 2026 to today (269 days)".
            return ngettext("{start} to today ({count} day)", "{start} to today ({count} days)", days).format(
                start=day_month_year(self.start), count=count)
        if self.start == today:
            return ngettext("today to {end} ({count} day)", "today to {end} ({count} days)", days).format(
                end=day_month_year(self.end), count=count)
        # Translators: a period, "1 Mar 2026 to 30 Jun 2026 (122 days)".
        return ngettext("{start} to {end} ({count} day)", "{start} to {end} ({count} days)", days).format(
            start=day_month_year(self.start), end=day_month_year(self.end), count=count)

    def start_words(self, today: date) -> str:
        """The first day of the period as `describe` says it ("1 Mar 2026", "today"); "" when open."""
        return "" if self.start is None else day_words(self.start, today)

    def utc_bounds(self) -> tuple[str | None, str | None]:
        """The period as stored timestamps: from the start's local midnight (included) to the
        midnight after the end (excluded), in the form `core.clock.to_iso` writes."""

        def midnight(day: date) -> str:
            return to_iso(datetime.combine(day, time()).astimezone().astimezone(UTC))

        return (
            midnight(self.start) if self.start else None,
            midnight(self.end + timedelta(days=1)) if self.end else None,
        )

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def day_words(day: date, today: date) -> str:
    """A day as a period says it: "1 Mar 2026" ("1 mars 2026"), or "today"."""
    return _("today") if day == today else day_month_year(day)


def parse_period(phrase: str, today: date) -> Period:
    """A period typed by a person, relative to `today` (the local date).

    Raises:
        PeriodNotUnderstood: for anything unclear; nothing else escapes.
    """
    if isinstance(today, datetime):
        today = today.date()
    return _checked(phrase, lambda text: _read(text, today))


def parse_one(phrase: str, today: date) -> Period:
    """One time on its own, as `parse_period` reads it: a day, a month, a quarter, a year, "last 3
    months", "today"; blank or "all" is no limit. What `--since`, `--until` and `--before` take.

    Raises:
        PeriodIsARange: the phrase is a range ("Sept to Nov") or says its own side ("since March").
        PeriodNotUnderstood: for anything else unclear; nothing else escapes.
    """
    if isinstance(today, datetime):
        today = today.date()

    def read(text: str) -> Period:
        if text in _ALL:
            return Period()
        if _BETWEEN.fullmatch(text) or _OPEN.fullmatch(text) or _RANGE.fullmatch(text):
            raise PeriodIsARange(phrase, _("it is a range, not one time"))
        return _single(text, today)

    return _checked(phrase, read)


def parse_bounds(since: str | None, until: str | None, today: date) -> Period:
    """From the start of one time to the end of another, either side open when not given: exactly
    what the review filter reads in "since X", "until Y" and "X to Y" (`parse_period`), months
    that would run backwards wrapping round the new year as there.

    Raises:
        PeriodIsARange: either phrase is itself a range, or says its own side (`parse_one`).
        PeriodNotUnderstood: either is unclear, or the period ends before it starts.
    """
    if isinstance(today, datetime):
        today = today.date()
    first = parse_one(since, today) if since is not None else Period()
    second = parse_one(until, today) if until is not None else Period()
    if since is None or until is None:
        return Period(first.start, second.end)
    period = _joined(first, second, _normalise(since))
    if period.start and period.end and period.end < period.start:
        raise PeriodNotUnderstood(f"{since} until {until}", _("it ends before it starts"))
    return period


def _checked(phrase: str, read: Callable[[str], Period]) -> Period:
    """`read` of the phrase cleaned, its every failure one `PeriodNotUnderstood` naming the phrase,
    and the period refused if it runs backwards or off the calendar."""
    text = _normalise(phrase)
    if len(text) > _PHRASE_LIMIT:
        raise PeriodNotUnderstood(phrase, _("it is far too long"))
    try:
        period = read(text)
    except PeriodNotUnderstood as error:
        raise type(error)(phrase, error.reason) from None
    except (OverflowError, ValueError):
        raise PeriodNotUnderstood(phrase) from None
    if period.start and period.end and period.end < period.start:
        raise PeriodNotUnderstood(phrase, _("it ends before it starts"))
    try:
        period.utc_bounds()
    except (OverflowError, ValueError):  # 0001-01-01 or 9999-12-31: no midnight before or after it
        raise PeriodNotUnderstood(phrase, _("that is outside the calendar meetingkit keeps")) from None
    return period


def _normalise(phrase: str) -> str:
    text = unicodedata.normalize("NFKC", str(phrase)).casefold().replace("’", "'")
    return _from_french(" ".join(text.split()).strip(" .,;:!?\"'"))


def _from_french(text: str) -> str:
    """A French period as the English phrase meaning the same; an English phrase unchanged."""
    folded = french.fold(text)
    if folded in _FRENCH_ALL:
        return "all"
    match = _FRENCH_BETWEEN_AND.fullmatch(folded)
    if match:
        return f"between {_french_single(match['first'])} and {_french_single(match['second'])}"
    for words, english in _FRENCH_OPEN:
        if folded.startswith(words):
            return f"{english} {_french_single(folded[len(words) :])}"
    match = _FRENCH_BETWEEN.fullmatch(folded)
    if match:
        return f"from {_french_single(match['first'])} to {_french_single(match['second'])}"
    return _french_single(folded)


def _french_single(text: str) -> str:
    """One French time (no "depuis", no "à") in English: "le mois dernier" is "last month"."""
    text = text.strip()
    for candidate in (text, text.removeprefix("le ").removeprefix("en ")):
        if candidate in _FRENCH_NAMED:
            return _FRENCH_NAMED[candidate]
    match = _FRENCH_ROLLING.fullmatch(text)
    if match:
        return f"last {french.count(match['count'])} {french.unit(match['unit'])}"
    match = _FRENCH_AGO.fullmatch(text)
    if match:
        return f"{french.count(match['count'])} {french.unit(match['unit'])} ago"
    match = _FRENCH_QUARTER.fullmatch(text)
    if match:
        return f"q{match['quarter']}" + (f" {match['year']}" if match["year"] else "")
    match = _french_last_month().fullmatch(text)
    if match:
        return f"last {french.months()[match['month']]}"
    return french.names_to_english(text.removeprefix("le ").removeprefix("en "))


def _read(text: str, today: date) -> Period:
    if text in _ALL:
        return Period()
    match = _BETWEEN.fullmatch(text) or (None if _OPEN.fullmatch(text) else _RANGE.fullmatch(text))
    if match:
        return _joined(_single(match["first"], today), _single(match["second"], today), match["first"])
    match = _OPEN.fullmatch(text)
    if match:
        inner = _single(match["rest"], today)
        word = match["word"]
        if word in ("since", "from"):
            return Period(inner.start, None)
        if word == "after":
            return Period(inner.end + timedelta(days=1) if inner.end else None, None)
        if word == "before":
            return Period(None, inner.start - timedelta(days=1) if inner.start else None)
        return Period(None, inner.end)
    return _single(text, today)


def _joined(first: Period, second: Period, first_text: str) -> Period:
    """ "X to Y": from the start of X to the end of Y, read apart as `first` and `second`."""
    first_text = first_text.strip()
    if (first.start and second.end and second.end < first.start and _MONTH.fullmatch(first_text)
            and not re.search(r"\d{4}", first_text)):
        # "Nov to Feb": the first month is the one before the new year.
        first = Period(first.start - relativedelta(years=1), first.end)
    return Period(first.start, second.end)


def _single(text: str, today: date) -> Period:
    """One day, span or named period (no "since", no "to")."""
    text = text.strip()
    for reader in (_named, _rolling, _ago, _year, _month, _quarter):
        period = reader(text, today)
        if period is not None:
            return period
    day = _written_day(text, today)
    return Period(day, day)


def _named(text: str, today: date) -> Period | None:
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    last_month_end = first_of_month - timedelta(days=1)
    named = {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1),) * 2,
        "this week": (monday, today),
        "last week": (monday - timedelta(weeks=1), monday - timedelta(days=1)),
        "this month": (first_of_month, today),
        "last month": (last_month_end.replace(day=1), last_month_end),
        "this year": (date(today.year, 1, 1), today),
        "last year": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        "this quarter": (quarter_start, today),
        "last quarter": (quarter_start - relativedelta(months=3), quarter_start - timedelta(days=1)),
    }
    found = named.get(text.removeprefix("the ").strip())
    return Period(*found) if found else None


def _span(count: int, unit: str) -> relativedelta:
    return {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "fortnight": relativedelta(weeks=2 * count),
        "month": relativedelta(months=count),
        "year": relativedelta(years=count),
    }[unit]


def _count(word: str | None) -> int:
    if word is None:
        return 1
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _rolling(text: str, today: date) -> Period | None:
    match = _ROLLING.fullmatch(text)
    if not match:
        return None
    return Period(today - _span(_count(match["count"]), match["unit"]) + timedelta(days=1), today)


def _ago(text: str, today: date) -> Period | None:
    match = _AGO.fullmatch(text)
    if not match:
        return None
    day = today - _span(_count(match["count"]), match["unit"])
    return Period(day, day)


def _year(text: str, today: date) -> Period | None:
    match = _YEAR.fullmatch(text)
    if not match:
        return None
    year = int(match["year"])
    if not 1900 <= year <= 9998:
        raise PeriodNotUnderstood(text, _("that year is out of range"))
    return Period(date(year, 1, 1), date(year, 12, 31))


def _latest_begun(today: date, year: str | None, month: int) -> int:
    """The year of the latest such month that has begun, unless a year was given."""
    if year:
        return int(year)
    return today.year if month <= today.month else today.year - 1


def _month(text: str, today: date) -> Period | None:
    match = _MONTH.fullmatch(text)
    if not match:
        return None
    month = _MONTHS[match["month"]]
    if match["which"] == "this":
        start = date(today.year, month, 1)
    else:
        start = date(_latest_begun(today, match["year"], month), month, 1)
        if match["which"] == "last" and start + relativedelta(day=31) >= today:
            start -= relativedelta(years=1)  # "last November", said in November: the one before
    return Period(start, start + relativedelta(day=31))


def _quarter(text: str, today: date) -> Period | None:
    match = _QUARTER.fullmatch(text)
    if not match:
        return None
    first_month = (int(match["quarter"]) - 1) * 3 + 1
    start = date(_latest_begun(today, match["year"], first_month), first_month, 1)
    return Period(start, start + relativedelta(months=2, day=31))


def _written_day(text: str, today: date) -> date:
    """ "1 March", "March 1st", "1/3/2026", "2026-03-01": day first; without a year, the latest on or before today."""
    from dateutil import parser  # only when a date is written out: importing it costs 12 ms at start-up

    if re.fullmatch(r"\d+", text, re.ASCII):
        raise PeriodNotUnderstood(text, _("a number alone is a year only when it has four digits"))
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            raise PeriodNotUnderstood(text, _("there is no such day")) from None
    try:
        first = parser.parse(text, dayfirst=True, default=_DEFAULT_A)
        second = parser.parse(text, dayfirst=True, default=_DEFAULT_B)
    except (ValueError, OverflowError) as error:
        if "out of range" in str(error) or "must be in" in str(error):
            raise PeriodNotUnderstood(text, _("there is no such day")) from None
        raise PeriodNotUnderstood(text) from None
    if first.day != second.day or first.month != second.month:
        raise PeriodNotUnderstood(text)
    if first.year == second.year:
        return first.date()
    for year in range(today.year, today.year - 9, -1):
        try:
            candidate = date(year, first.month, first.day)
        except ValueError:  # 29 Feb in a common year
            continue
        if candidate <= today:
            return candidate
    raise PeriodNotUnderstood(text, _("there is no such day"))
