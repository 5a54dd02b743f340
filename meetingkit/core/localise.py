"""Days, times and numbers as people write them in the language in use.

English keeps meetingkit's own short forms ("Fri 04 Dec 2026", "14:30", "1,234"). French
follows Canadian French as Babel's CLDR locale data writes it ("ven. 04 déc. 2026",
"vendredi 4 décembre 2026", "14 h 30", "1 234" with a non-breaking space), so the names,
abbreviations and separators are the locale data's, not tables of ours. Babel is imported
only the first time something is shown in French: English and the commands that show no
dates never load it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal, TypeAlias

from meetingkit.core.i18n import language

FRENCH_LOCALE = "fr_CA"

DayStyle: TypeAlias = Literal["short", "short-year", "long", "weekday-month", "month-year"]
"""How much of a day is said:

- "short": weekday, day and month ("Fri 04 Dec", "ven. 04 déc.");
- "short-year": the same with the year ("Fri 04 Dec 2026", "ven. 04 déc. 2026");
- "long": every word in full ("Friday 4 December 2026", "vendredi 4 décembre 2026");
- "weekday-month": weekday, day without a leading zero, month and year ("Fri 4 Dec 2026",
  "ven. 4 déc. 2026"), as a date typed is read back;
- "month-year": "December 2026", "décembre 2026".
"""

_ENGLISH: dict[DayStyle, str] = {
    "short": "%a %d %b",
    "short-year": "%a %d %b %Y",
    "long": "%A {day} %B %Y",
    "weekday-month": "%a {day} %b %Y",
    "month-year": "%B %Y",
}
_FRENCH: dict[DayStyle, str] = {
    "short": "EEE dd MMM",
    "short-year": "EEE dd MMM y",
    "long": "EEEE d MMMM y",
    "weekday-month": "EEE d MMM y",
    "month-year": "MMMM y",
}


def day_text(day: date, style: DayStyle = "short-year") -> str:
    """`day` in the language in use, as `style` says (the year always in four digits)."""
    if language() == "fr":
        from babel.dates import format_date  # the locale data loads only for French

        return format_date(day, _FRENCH[style], locale=FRENCH_LOCALE)
    pattern = _ENGLISH[style].replace("%Y", f"{day.year:04d}").replace("{day}", str(day.day))
    return day.strftime(pattern)


def time_text(moment: datetime | time) -> str:
    """A clock time: "14:30" in English, "14 h 30" in French."""
    if language() == "fr":
        from babel.dates import format_time

        return format_time(moment, "short", locale=FRENCH_LOCALE)
    return moment.strftime("%H:%M")


def number_text(value: int | float) -> str:
    """A number grouped by thousands: "12,345" in English, "12 345" (non-breaking) in French."""
    if language() == "fr":
        from babel.numbers import format_decimal

        return format_decimal(value, locale=FRENCH_LOCALE)
    return f"{value:,}"


def colon() -> str:
    """The colon after a label: ":" in English, a non-breaking space and ":" in French."""
    return "\u00a0:" if language() == "fr" else ":"


def quoted(text: str) -> str:
    """Quotation marks around `text`: “text” in English, « text » in French (non-breaking spaces)."""
    return f"«\u00a0{text}\u00a0»" if language() == "fr" else f"“{text}”"
