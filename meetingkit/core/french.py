"""French words the date, period and identifying-details readers understand, as English ones.

The readers in `core.dates` and `core.periods` are written in English; a phrase typed in
French is first rewritten word for word into the English phrase meaning the same thing
("vendredi prochain" is "next friday", "le 15 déc." is "15 dec"), then read by the same
rules, so both languages refuse and warn alike. Accents, case and the apostrophe's shape
do not matter ("Déc", "decembre", "aujourd’hui").

The month and weekday names and their abbreviations follow CLDR's French ("fr") locale
data (the format-wide and format-abbreviated names, accents folded). They are written out
here because Babel, which carries that data, is not a dependency of meetingkit. "mar."
(CLDR's abbreviation for mardi) is left out: in English "mar" is March, and a phrase that
could be either is refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata

MONTHS = {
    "janvier": "january", "janv": "jan", "fevrier": "february", "fevr": "feb", "fev": "feb",
    "mars": "march", "avril": "april", "avr": "apr", "mai": "may", "juin": "june",
    "juillet": "july", "juil": "jul", "aout": "august", "septembre": "september",
    "octobre": "october", "novembre": "november", "decembre": "december",
}  # fmt: skip
"""French month names and abbreviations (accents folded) as the English the readers know;
"sept", "oct", "nov", "dec" are the same in both languages."""

WEEKDAYS = {
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
    "lun": "mon", "mer": "wed", "jeu": "thu", "ven": "fri", "sam": "sat", "dim": "sun",
}  # fmt: skip

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
        english = MONTHS.get(bare) or WEEKDAYS.get(bare)
        return english if english else match.group()

    return _WORD.sub(word, text)
