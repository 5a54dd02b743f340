"""French words the date, period and identifying-details readers understand, as English ones.

The readers in `core.dates` and `core.periods` are written in English; a phrase typed in
French is first rewritten word for word into the English phrase meaning the same thing
("vendredi prochain" is "next friday", "le 15 déc." is "15 dec"), then read by the same
rules, so both languages refuse and warn alike. Accents, case and the apostrophe's shape
do not matter ("Déc", "decembre", "aujourd’hui").

The month and weekday names and their abbreviations are Babel's CLDR locale data for French
(fr_CA's and fr's format and stand-alone names, wide and abbreviated, accents folded: "juill."
and "juil." both read), loaded the first time a phrase is read, not tables of ours. An
abbreviation English already reads as something else is left out: "mar." (mardi) is March in
English, and a phrase that could be either is refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from meetingkit.core.localise import FRENCH_LOCALE

_ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                   "september", "october", "november", "december")  # fmt: skip
_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ENGLISH_WORDS = {
    **{name[:3]: name for name in _ENGLISH_MONTHS}, "sept": "september",
    **{name[:3]: name for name in _ENGLISH_DAYS}, "tues": "tuesday", "weds": "wednesday",
    "thur": "thursday", "thurs": "thursday",
}  # fmt: skip
"""Abbreviations the English readers know, each with what it means to them."""

_ALSO = {"fev": "feb"}
"""A common short form of "février" that is not CLDR's ("févr.")."""


@cache
def months() -> dict[str, str]:
    """French month names and abbreviations (accents folded, no full stop) as the English the
    readers know: "decembre" is "december", "dec" is "dec", "juill" is "jul"."""
    from babel.dates import get_month_names  # the locale data loads only when a phrase is read

    found: dict[str, str] = {}
    for locale in (FRENCH_LOCALE, "fr"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    english = _ENGLISH_MONTHS[number - 1]
                    _add(found, fold(name).rstrip("."), english if width == "wide" else english[:3])
    return {**_ALSO, **found}


@cache
def weekdays() -> dict[str, str]:
    """French weekday names and abbreviations as English ones: "vendredi" is "friday", "ven" is
    "fri"; "mar" (mardi, or March?) is left out."""
    from babel.dates import get_day_names

    found: dict[str, str] = {}
    for locale in (FRENCH_LOCALE, "fr"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, locale).items():
                    english = _ENGLISH_DAYS[number]
                    _add(found, fold(name).rstrip("."), english if width == "wide" else english[:3])
    return found


def _add(found: dict[str, str], french: str, english: str) -> None:
    """Add a French word unless English reads it as something else ("mar", March, for mardi)."""
    known = _ENGLISH_WORDS.get(french)
    if known is None or known.startswith(english) or english.startswith(known):
        found.setdefault(french, english)


NUMBERS = {
    "un": "one", "une": "one", "deux": "two", "trois": "three", "quatre": "four", "cinq": "five",
    "six": "six", "sept": "seven", "huit": "eight", "neuf": "nine", "dix": "ten", "onze": "eleven",
    "douze": "twelve",
}  # fmt: skip

UNITS = {
    "jour": "day", "jours": "days", "semaine": "week", "semaines": "weeks", "mois": "months",
    "an": "year", "ans": "years", "annee": "year", "annees": "years",
}  # fmt: skip

COUNT = r"(?P<count>\d+|" + "|".join(NUMBERS) + ")"
UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"

_FIRST = re.compile(r"\b1(?:er|re)\b")
_WORD = re.compile(r"[a-z]+\.?")


def fold(text: str) -> str:
    """Accents off, case folded, curly apostrophes straight: "Déc." is "dec.", "aujourd’hui" is
    "aujourd'hui". Letters that are not accented Latin ones are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'").replace("‘", "'"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", folded)


def count(word: str) -> str:
    """A count as the English readers take it: digits kept, "deux" is "two"."""
    return NUMBERS.get(word, word)


def unit(word: str) -> str:
    """A unit of time in English, plural when the French one is ("mois" is both: "months")."""
    return UNITS[word]


def names_to_english(text: str) -> str:
    """Month and weekday names and "1er" written in English, word by word; the rest unchanged
    (an abbreviation's full stop goes with it: "déc." is "dec")."""
    text = _FIRST.sub("1", text)

    def word(match: re.Match[str]) -> str:
        bare = match.group().rstrip(".")
        english = months().get(bare) or weekdays().get(bare)
        return english if english else match.group()

    return _WORD.sub(word, text)
