"""Dates typed the way people say them in a meeting: "friday", "in 2 weeks", "15 Dec".

A facilitator types a due or review date live, in front of the room, so the
reader is forgiving about form (case, spaces, a trailing full stop, a leading
"by" or "on") and strict about meaning: a phrase it is not sure of is refused
with a one-line message and examples, never guessed at. The date it settles on
is always shown back (`describe_date`) before anything is saved, so the rules
below only have to be predictable, not clairvoyant.

The choices, where English is ambiguous:

- A weekday, bare or with "this" or "next" ("friday", "this fri", "next friday"),
  is the first such day strictly after today. "Next Friday" means this week's
  Friday to some people and next week's to others; in a meeting it is almost
  always the coming one, and one rule for all three forms is easy to remember.
  Said on a Friday, "friday" is a week away: "today" says today.
- "friday week" and "a week on friday" are that day plus seven days.
- "next week" is seven days from today, "next month" and "next year" are the same
  day a month or a year on (31 Jan + 1 month is 28 or 29 Feb, by `relativedelta`).
- "end of the week" is the coming Friday, today if today is Friday (so on a
  weekend it is the Friday after). "end of the month", "end of next month" and
  "end of the year" are the last day of that month or year.
- Spans ("in 3 days", "2 weeks time", "in a fortnight", "in six months") count
  from today; numbers are digits or the words one to twelve.
- Written dates are read day first, British style: "1/12/2026" is 1 December.
  Four-digit-year-first dates ("2026-12-01", "2026/12/01") are always
  year-month-day; `dateutil` with `dayfirst` would read them as 12 January.
- A written date without a year is the next such day from today on (a due date
  lies ahead): "15 Jan" said on 31 Dec is next January. With a year it is kept
  even if already past; the description shows "(3 days ago)" to catch the slip.
- A time of day after a date ("15 Dec 3pm") is allowed and dropped.
- Refused rather than guessed: a bare number ("12": a day? a month? days from
  now?), a month or a year alone ("Dec"), days that do not exist ("31 Feb"),
  a weekday that contradicts the date ("Fri 15 Dec 2026", a Tuesday), anything
  more than `MAX_YEARS` from today (a typo, not a plan), and anything `dateutil`
  could only read with `fuzzy=True`, which is never used: fuzzy parsing pulls a
  date out of any sentence containing a number.

French is read too, by the same rules, whatever the interface language: a French
phrase is rewritten into the English one meaning the same (`core.french`), so
"vendredi prochain", "dans 2 semaines", "fin du mois", "le 15 déc.", "le 1er mars"
and "vendredi en huit" work, accents and case optional. "fin de semaine" is refused:
in Canadian French it is the weekend, not the end of the week.

Only `DateNotUnderstood` ever escapes, so the caller has one thing to catch and
show. Weekday and month names are spelled out here (English) or come from Babel's French
locale data (`core.french`), never from the machine's locale, so the same phrase means the
same day everywhere. The refusals, warnings and the date shown back are in the language in
use (`core.i18n`); the phrases are read in both whatever it is.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta

from meetingkit.core import french
from meetingkit.core.i18n import _, language, ngettext
from meetingkit.core.localise import FRENCH_LOCALE, day_text, number_text

MAX_YEARS = 20
"""How far from today, either way, a date may lie before it is taken for a typo."""

PHRASE_LIMIT = 100
"""The longest phrase read as a date, in characters; nobody types a date longer."""

EXAMPLES = "Try 'next friday', 'in 2 weeks', '15 Dec' or '2026-12-01'."
"""Examples of dates the reader takes, in English; `_examples()` says them in the language in use."""


def _examples() -> str:
    """`EXAMPLES` in the language in use."""
    return _("Try 'next friday', 'in 2 weeks', '15 Dec' or '2026-12-01'.")

_SHOWN_LIMIT = 40
"""How much of a refused phrase is quoted back in the message."""

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_FRIDAY = 4

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_DAY_WORDS = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_COUNT = r"(?P<count>\d+|" + "|".join(_NUMBER_WORDS) + ")"

_WEEKDAY_PHRASE = re.compile(rf"(?:this |next )?(?P<weekday>{_DAY_WORDS})")
_WEEKDAY_WEEK_LATER = re.compile(
    rf"(?P<weekday>{_DAY_WORDS}) week|a week (?:on|from) (?P<later>{_DAY_WORDS})"
)
_SPAN = re.compile(
    rf"(?:in )?{_COUNT} (?P<unit>day|week|fortnight|month|year)(?:s|'s|s')?(?: time)?", re.ASCII
)
_END_OF = re.compile(r"end of (?:the |this )?(?P<unit>week|month|year)|end of next (?P<next>month)")
_BARE_NUMBER = re.compile(r"\d+", re.ASCII)
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})", re.ASCII)
_ANY_WEEKDAY = re.compile(rf"\b(?P<weekday>{_DAY_WORDS})\b")

_LEADING_WORDS = ("by ", "on ", "the ")
_FRENCH_LEADING_WORDS = ("d'ici le ", "d'ici ", "pour le ", "pour ", "le ")
_FRENCH_NAMED = {
    "aujourd'hui": "today", "demain": "tomorrow", "hier": "yesterday",
    "semaine prochaine": "next week", "la semaine prochaine": "next week",
    "mois prochain": "next month", "an prochain": "next year", "l'an prochain": "next year",
    "annee prochaine": "next year", "l'annee prochaine": "next year",
    "fin du mois": "end of the month", "la fin du mois": "end of the month", "fin de mois": "end of the month",
    "fin de la semaine": "end of the week", "la fin de la semaine": "end of the week",
    "fin de l'annee": "end of the year", "la fin de l'annee": "end of the year", "fin d'annee": "end of the year",
    "fin du mois prochain": "end of next month", "la fin du mois prochain": "end of next month",
}  # fmt: skip
_FRENCH_WEEKEND = ("fin de semaine", "la fin de semaine")
"""Refused: in Canadian French, the weekend, not the end of the week."""


@cache
def _french_weekday() -> re.Pattern[str]:
    """ "vendredi", "ce vendredi", "ven.", "vendredi prochain", "vendredi en huit" (made when first
    needed: the weekday names are Babel's, loaded then)."""
    words = "|".join(sorted(french.weekdays(), key=len, reverse=True))
    return re.compile(rf"(?:ce |cette )?(?P<weekday>{words})\.?(?: (?P<later>prochain|en huit))?")


_FRENCH_SPAN = re.compile(rf"dans {french.COUNT} {french.UNIT}")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>.,;:!?¿¡ "

# Two defaults that differ in every field, so a field dateutil filled in from the
# default (the person did not type it) shows up as a difference between two
# readings. Both years are leap years, so "29 Feb" without a year still reads.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 3, 2)


class DateNotUnderstood(ValueError):
    """Raised with a one-line message the facilitator can act on."""

    def __init__(self, phrase: str, reason: str = "") -> None:
        self.phrase = phrase
        self.reason = reason
        shown = _shown(phrase)
        examples = _examples()
        if not shown:
            message = _("Type a date here. {examples}").format(examples=examples)
        elif reason:
            # Translators: {reason} is one of the reasons below, as a clause ("there is no such day").
            message = _("Couldn't read '{phrase}' as a date: {reason}. {examples}").format(
                phrase=shown, reason=reason, examples=examples)
        else:
            message = _("Couldn't read '{phrase}' as a date. {examples}").format(phrase=shown, examples=examples)
        super().__init__(message)


def parse_due_date(phrase: str, today: date) -> date:
    """A due/review date typed by a person, relative to `today` (the caller passes the local date).

    Args:
        phrase: What the person typed, e.g. "next friday", "in 2 weeks", "15 Dec".
        today: The local date the phrase is relative to.

    Returns:
        The date meant, by the rules in this module's docstring.

    Raises:
        DateNotUnderstood: The phrase is blank, unclear, impossible or too far
            away. Nothing else is raised, whatever was typed.
    """
    today = _as_date(today)
    text = _normalise(phrase)
    if not text:
        raise DateNotUnderstood(phrase)
    if len(text) > PHRASE_LIMIT:
        raise DateNotUnderstood(phrase, _("it is far too long"))
    try:
        day = _read(text, today)
    except DateNotUnderstood as error:  # raised on the cleaned text; quote what was typed
        raise DateNotUnderstood(phrase, error.reason) from None
    except (OverflowError, ValueError):  # arithmetic past year 9999
        raise DateNotUnderstood(phrase, _too_far_reason()) from None
    if _too_far(day, today):
        raise DateNotUnderstood(phrase, _too_far_reason())
    return day


def _too_far_reason() -> str:
    return _("that is more than {count} years away").format(count=MAX_YEARS)


def parse_optional_date(phrase: str | None, today: date) -> date | None:
    """Like `parse_due_date`, but blank input means "no date" (review dates are optional)."""
    if phrase is None or not _normalise(phrase):
        return None
    return parse_due_date(phrase, today)


def describe_date(day: date, today: date) -> str:
    """How a date is shown back before saving: "Fri 4 Dec 2026 (in 10 days)", in the language in
    use ("ven. 4 déc. 2026 (dans 10 jours)").

    Args:
        day: The date to show.
        today: The local date, for the part in brackets.

    Returns:
        The weekday, day, month and year, then "(today)", "(tomorrow)",
        "(yesterday)", "(in N days)" or "(N days ago)".
    """
    day, today = _as_date(day), _as_date(today)
    return f"{day_text(day, 'weekday-month')} ({_relative(day, today)})"


def _relative(day: date, today: date) -> str:
    """How far `day` is from today: "today", "tomorrow", "in 10 days", "3 days ago"."""
    offset = (day - today).days
    if offset == 0:
        return _("today")
    if offset == 1:
        return _("tomorrow")
    if offset == -1:
        return _("yesterday")
    if offset > 0:
        return ngettext("in {count} day", "in {count} days", offset).format(count=number_text(offset))
    return ngettext("{count} day ago", "{count} days ago", -offset).format(count=number_text(-offset))


YEAR_AWAY_DAYS = 300
"""A date without its year that lands this far ahead was probably meant in the past (a slip):
"2 Dec" typed on 4 December is 2 December next year."""


def second_look(phrase: str, day: date, today: date) -> str | None:
    """Why a date read from `phrase` may not be the one meant, or None: it is in the past, or it
    was written without a year and lands almost a year away. Not a refusal: the date is kept
    if the person says so (on screen, Enter again; on the command line, a warning)."""
    day, today = _as_date(day), _as_date(today)
    shown = day_text(day, "weekday-month")
    if day < today:
        # Translators: {day} is a date ("Fri 4 Dec 2026"), {ago} how long ago ("3 days ago", "yesterday").
        return _("{day} is in the past ({ago}). Is that the day meant?").format(
            day=shown, ago=_relative(day, today))
    if (day - today).days >= YEAR_AWAY_DAYS and _year_left_out(phrase, today):
        return _("{day} is almost a year away. Add the year if another was meant.").format(day=shown)
    return None


def _as_date(value: date) -> date:
    """A plain date, even if the caller handed over a datetime."""
    return value.date() if isinstance(value, datetime) else value


def _too_far(day: date, today: date) -> bool:
    """Whether `day` is more than `MAX_YEARS` from today, either way."""
    try:
        earliest = today - relativedelta(years=MAX_YEARS)
    except (OverflowError, ValueError):  # today is within MAX_YEARS of year 1
        earliest = date.min
    try:
        latest = today + relativedelta(years=MAX_YEARS)
    except (OverflowError, ValueError):
        latest = date.max
    return not earliest <= day <= latest


def _shown(phrase: str) -> str:
    """The phrase as quoted in a message: printable characters only, and not too long."""
    printable = "".join(char for char in str(phrase) if char.isprintable()).strip()
    if len(printable) > _SHOWN_LIMIT:
        return printable[: _SHOWN_LIMIT - 1] + "…"
    return printable


def _normalise(phrase: str) -> str:
    """Fold case, width, curly apostrophes, runs of spaces and the words that add nothing."""
    text = unicodedata.normalize("NFKC", phrase).casefold().replace("’", "'")
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    stripped = True
    while stripped:
        stripped = False
        for word in _LEADING_WORDS:
            if text.startswith(word):
                text = text[len(word) :].lstrip()
                stripped = True
    return _from_french(text)


def _from_french(text: str) -> str:
    """A French phrase as the English one meaning the same day; an English phrase unchanged."""
    folded = french.fold(text)
    stripped = True
    while stripped:
        stripped = False
        for word in _FRENCH_LEADING_WORDS:
            if folded.startswith(word):
                folded = folded[len(word) :].lstrip()
                stripped = True
    if folded in _FRENCH_NAMED:
        return _FRENCH_NAMED[folded]
    match = _french_weekday().fullmatch(folded)
    if match:
        weekday = french.weekdays()[match["weekday"]]
        return f"{weekday} week" if match["later"] == "en huit" else f"next {weekday}"
    match = _FRENCH_SPAN.fullmatch(folded)
    if match:
        return f"in {french.count(match['count'])} {french.unit(match['unit'])}"
    if folded in _FRENCH_WEEKEND:
        return folded
    return french.names_to_english(folded)


def _read(text: str, today: date) -> date:
    """Try each form of phrase in turn; a written date, which is tried last, answers or refuses."""
    if text in _FRENCH_WEEKEND:
        raise DateNotUnderstood(
            text, _("in Canadian French that is the weekend; type 'fin de la semaine' or a day"))
    for reader in (_read_named, _read_weekday, _read_span, _read_end_of):
        day = reader(text, today)
        if day is not None:
            return day
    return _read_written(text, today)


def _read_named(text: str, today: date) -> date | None:
    """ "today", "tomorrow", "yesterday", "next week", "next month", "next year"."""
    named = {
        "today": lambda: today,
        "tomorrow": lambda: today + timedelta(days=1),
        "yesterday": lambda: today - timedelta(days=1),
        "next week": lambda: today + timedelta(weeks=1),
        "next month": lambda: today + relativedelta(months=1),
        "next year": lambda: today + relativedelta(years=1),
    }
    make = named.get(text)
    return None if make is None else make()


def _next_weekday(today: date, weekday: int) -> date:
    """The first day with this weekday strictly after today."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _read_weekday(text: str, today: date) -> date | None:
    """ "friday", "this fri", "next friday"; "friday week", "a week on friday"."""
    match = _WEEKDAY_PHRASE.fullmatch(text)
    if match:
        return _next_weekday(today, _WEEKDAYS[match["weekday"]])
    match = _WEEKDAY_WEEK_LATER.fullmatch(text)
    if match:
        name = match["weekday"] or match["later"]
        return _next_weekday(today, _WEEKDAYS[name]) + timedelta(weeks=1)
    return None


def _read_span(text: str, today: date) -> date | None:
    """ "in 3 days", "2 weeks time", "in a fortnight", "in six months", "a year"."""
    match = _SPAN.fullmatch(text)
    if not match:
        return None
    word = match["count"]
    count = _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)
    if count > 366 * MAX_YEARS:  # no unit is shorter than a day; spare the arithmetic
        raise DateNotUnderstood(text, _too_far_reason())
    unit = match["unit"]
    if unit == "day":
        return today + timedelta(days=count)
    if unit == "week":
        return today + timedelta(weeks=count)
    if unit == "fortnight":
        return today + timedelta(weeks=2 * count)
    if unit == "month":
        return today + relativedelta(months=count)
    return today + relativedelta(years=count)


def _read_end_of(text: str, today: date) -> date | None:
    """ "end of the week" (Friday), "end of month", "end of next month", "end of the year"."""
    match = _END_OF.fullmatch(text)
    if not match:
        return None
    if match["next"]:
        return today + relativedelta(months=1, day=31)  # relativedelta clips day=31 to the month's end
    unit = match["unit"]
    if unit == "week":
        return today + timedelta(days=(_FRIDAY - today.weekday()) % 7)
    if unit == "month":
        return today + relativedelta(day=31)
    return date(today.year, 12, 31)


def _read_written(text: str, today: date) -> date:
    """A written date: "15 Dec", "Dec 15", "1/12/2026", "15 December 2026", "2026-12-01"."""
    if _BARE_NUMBER.fullmatch(text):
        raise DateNotUnderstood(text, _("a number alone could be a day, a month or a count of days"))
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            raise DateNotUnderstood(text, _("there is no such day")) from None
    try:
        first, second = _parsed_twice(text)
    except (ValueError, OverflowError) as error:  # ParserError is a ValueError
        if "out of range" in str(error) or "must be in" in str(error):
            raise DateNotUnderstood(text, _("there is no such day")) from None
        raise DateNotUnderstood(text) from None
    if first.day != second.day or first.month != second.month:
        raise DateNotUnderstood(text, _("it needs a day and a month"))
    if first.year == second.year:
        day = first.date()
    else:
        day = _next_on_or_after(today, first.month, first.day)
    _check_weekday(text, day)
    return day


def _parsed_twice(text: str) -> tuple[datetime, datetime]:
    """The written date read with two different defaults: what differs was not written (a year
    left out takes each default's year)."""
    from dateutil import parser  # only when a date is written out: importing it costs 12 ms at start-up

    return (parser.parse(text, dayfirst=True, default=_DEFAULT_A),
            parser.parse(text, dayfirst=True, default=_DEFAULT_B))


def _year_left_out(phrase: str, today: date) -> bool:
    """Whether `phrase` is a written date without its year (so the year was chosen for it)."""
    text = _normalise(phrase)
    if any(reader(text, today) is not None for reader in (_read_named, _read_weekday, _read_span, _read_end_of)):
        return False
    if _BARE_NUMBER.fullmatch(text) or _YEAR_FIRST.fullmatch(text):
        return False
    try:
        first, second = _parsed_twice(text)
    except (ValueError, OverflowError):
        return False
    return first.year != second.year


def _next_on_or_after(today: date, month: int, day: int) -> date:
    """The first `day` of `month` on or after today (29 Feb waits for a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateNotUnderstood(f"{day} {_MONTH_NAMES[month - 1]}", _("there is no such day"))


def _check_weekday(text: str, day: date) -> None:
    """Refuse "Fri 15 Dec 2026" when 15 Dec 2026 is a Tuesday: one of the two is a slip."""
    for match in _ANY_WEEKDAY.finditer(text):
        if _WEEKDAYS[match["weekday"]] != day.weekday():
            # Translators: a date ("15 Dec 2026") and the day of the week it falls on ("Tuesday").
            raise DateNotUnderstood(text, _("{day} is a {weekday}").format(
                day=day_month_year(day), weekday=weekday_name(day)))


def day_month_year(day: date) -> str:
    """A day without its weekday, as a message quotes it: "15 Dec 2026" ("15 déc. 2026", "1er mars 2026")."""
    if language() == "fr":
        from babel.dates import format_date  # the locale data loads only for French

        shown = format_date(day, "d MMM y", locale=FRENCH_LOCALE)
        return "1er" + shown[1:] if day.day == 1 else shown  # "1er mars 2026", as French writes the first
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def weekday_name(day: date) -> str:
    """The day of the week in full: "Tuesday" ("mardi")."""
    if language() == "fr":
        from babel.dates import format_date

        return format_date(day, "EEEE", locale=FRENCH_LOCALE)
    return _FULL_DAY_NAMES[day.weekday()]
