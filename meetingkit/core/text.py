"""Everything meetingkit does to text a person typed, in one place.

Text is cleaned once, on the way in, so the store only ever holds text that is
safe to put on a projected terminal: no escape sequences (which a terminal would
obey), no bidi overrides (which can make a line read differently from what it
holds), no control characters. Nothing else is changed: emoji, combining marks,
right-to-left scripts and `[square brackets]` are kept exactly as typed. Display
code still renders stored text as plain text, never as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from meetingkit.core.i18n import _, ngettext
from meetingkit.core.localise import number_text

LINE_LIMIT = 2_000
"""The longest one-line entry (a term, an elephant, an agreement) in characters."""

NOTES_LIMIT = 200_000
"""The longest multi-line entry (section notes) in characters."""

TAB_WIDTH = 4

_BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
"""Characters that reorder the text around them. Plain marks (LRM, RLM, ALM) stay:
right-to-left writers use them and they cannot disguise what a line says."""


_UNSAFE_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What `sanitise` would have removed and a terminal would obey: controls (ESC among them,
but not line breaks and tabs) and bidi overrides."""


find_terminal_controls = _UNSAFE_STORED.search
"""The first character `terminal_safe` would take out of a text, or None: for a caller checking many
texts before copying any (the store's rows)."""


def terminal_safe(text: str) -> str:
    """Stored text as it may reach a screen, a terminal or a file: without control sequences.

    Text meetingkit stored was cleaned on the way in and comes back unchanged. Text that
    reached the file some other way (another tool, a copy from another site) could hold
    escape sequences a terminal would obey: writing to the clipboard, retitling the
    window, clearing the screen. Reading through this makes them inert. Fast for clean
    text: one regular-expression search.
    """
    return _UNSAFE_STORED.sub("", text) if _UNSAFE_STORED.search(text) else text


class TextTooLong(ValueError):
    """Raised instead of silently cutting what somebody typed."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            _("That is {length} characters; the limit here is {limit}. "
              "Shorten it, or put the detail in the section notes.").format(
                length=number_text(length), limit=number_text(limit))
        )


def too_long_for_field(limit: int) -> str:
    """What a field that refused a key or a paste says: nothing of the text, only the limit."""
    return ngettext(
        "Too long for this field: it takes at most {limit} character. Nothing was added to it.",
        "Too long for this field: it takes at most {limit} characters. Nothing was added to it.",
        limit,
    ).format(limit=number_text(limit))


def _keep(char: str, multiline: bool) -> str:
    """What one character becomes after cleaning (possibly nothing)."""
    if char == "\n":
        return "\n" if multiline else " "
    if char == "\t":
        return " " * TAB_WIDTH
    if char in ("\u2028", "\u2029"):
        return "\n" if multiline else " "
    if char in _BIDI_CONTROLS:
        return ""
    category = unicodedata.category(char)
    if category == "Cc":  # C0, DEL and C1 controls, ESC among them
        return ""
    if category == "Cs":  # a lone surrogate cannot be stored as UTF-8
        return "\ufffd"
    return char


_CLEANED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
"""Every character `_keep` changes (line breaks, tabs, controls: category Cc, lone surrogates: Cs, bidi
controls); it keeps every other one as it is, so `sanitise` looks only at these (a test checks each
code point)."""


def sanitise(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """Clean typed or pasted text for storage and display.

    Args:
        text: What the person entered.
        multiline: Keep line breaks (notes) or fold them into spaces (one-line entries).
        limit: Maximum length after cleaning; defaults to `NOTES_LIMIT` or `LINE_LIMIT`.

    Returns:
        The cleaned text. Cleaning twice gives the same text as cleaning once.

    Raises:
        TextTooLong: The cleaned text is longer than the limit. Nothing is cut:
            the caller keeps the person's text so they can shorten it themselves.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _CLEANED.sub(lambda found: _keep(found.group(), multiline), text)
    if multiline:
        cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n")).strip("\n")
    else:
        cleaned = cleaned.strip()
    if limit is None:
        limit = NOTES_LIMIT if multiline else LINE_LIMIT
    if len(cleaned) > limit:
        raise TextTooLong(len(cleaned), limit)
    return cleaned


_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,;:!?¿¡"


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def _without_accents(text: str) -> str:
    """`text` with the accents taken off Latin letters (é is e, ç is c, œ is oe), other scripts'
    marks kept (they can make another word)."""
    kept: list[str] = []
    base_is_latin = False
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not base_is_latin:
                kept.append(char)
            continue
        base_is_latin = unicodedata.name(char, "").startswith("LATIN ")
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LIGATURES)


def jargon_key(term: str) -> str:
    """The form under which a jargon term is counted, so "I.T.P.", "itp" and "ITP " are one.

    Case, accents (CÉSOC, CESOC and césoc: French is written both ways, and capitals often
    without them), dots, surrounding quotes and question marks, and runs of spaces do not
    make a different term; letters, digits and hyphens do. Migration 12 keyed the terms of
    older files again this way.
    """
    folded = _without_accents(unicodedata.normalize("NFKC", sanitise(term)).casefold())
    folded = folded.replace(".", "")
    folded = " ".join(folded.split())
    return folded.strip(_EDGE_PUNCTUATION + " ")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# An address written out to get past filters, after the word that announces it:
# "courriel : dana (at) ecole point ca", "email dana at school dot org".
_EMAIL_SPELT_OUT = re.compile(
    r"\b(?:courriel|e-?mail|m[ée]l|adresse [ée]lectronique)\s*:?\s*[\w.+-]+\s*"
    r"(?:\(at\)|\[at\]|\(arobase\)| at | arobase )\s*[\w-]+\s*"
    r"(?:\(dot\)|\[dot\]|\(point\)| dot | point |\.)\s*[a-z]{2,}\b",
    re.I,
)
_PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d ().-]{7,}\d(?!\w)")
# A shorter number still counts when a word says it is one: "tél. 555-0199", "phone 555 0199".
_PHONE_NAMED = re.compile(
    r"\b(?:t[ée]l[ée]phone|t[ée]l|cellulaire|cell|phone|tel)\b\.?\s*:?\s*\+?\(?\d[\d ().-]{5,}\d(?!\w)", re.I
)
_DATE_OF_BIRTH_WORDS = re.compile(
    r"\b(d\.?o\.?b\.?|date of birth|born( on| in)?|birthday|date de naissance|ddn)\b"
    # "né le", "née le", "né(e) le", "né.e en"; "ne le" without its accent is French's "not", so
    # only "nee" goes without one.
    r"|(?<!\w)(né(?:e|\(e\)|\.e)?|nee) (le|en)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|"
    # French month names (CLDR "fr", with and without accents): "3 mars 2015", "1er févr. 2012".
    r"\d{1,2}(?:er)? (janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)[a-zéû]*\.? \d{4})\b",
    re.I,
)
# Canada Post's form, "K1A 0B1" (never D, F, I, O, Q or U; W and Z do not begin one).
_POSTAL_CODE = re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b", re.I)


def identifying_details(text: str) -> list[str]:
    """Name the kinds of detail in `text` that could identify someone.

    Used to warn the facilitator gently before a note is saved; it never blocks
    anything. Returns phrases such as "an email address", in a stable order, in the
    language in use ("une adresse courriel"). Knows English and French ("date de
    naissance", "né le", "courriel", "tél."), whatever the language in use.
    """
    text = unicodedata.normalize("NFC", text)
    found = []
    if _EMAIL.search(text) or _EMAIL_SPELT_OUT.search(text):
        # Translators: the kinds of identifying detail are joined into "This looks like it holds … and …".
        found.append(_("an email address"))
    if _PHONE_NAMED.search(text) or any(
        sum(ch.isdigit() for ch in match.group()) >= 9 for match in _PHONE.finditer(text)
    ):
        found.append(_("a phone number"))
    if _DATE_OF_BIRTH_WORDS.search(text) or _DATE.search(text):
        found.append(_("what may be a date of birth"))
    if _POSTAL_CODE.search(text):
        found.append(_("a postal code"))
    return found


def split_attendee(entry: str, known_organisations: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """Read "name, organisation" as typed at the door.

    "Dana, school board" is a named person; "settlement worker, OCISO" is a role
    standing in for a name. Without a comma, the entry is an organisation when the
    partnership already knows it by that name (any case) or when it is written as
    an acronym ("OCISO", "TDSB"), otherwise a name. Only the first comma splits, so
    "Dana, Smith, Jones LLP" keeps the organisation's comma.

    Returns:
        (name, organisation); either may be None, never both for non-blank input.
    """
    cleaned = sanitise(entry)
    if not cleaned:
        return None, None
    if "," in cleaned:
        name, organisation = (part.strip() for part in cleaned.split(",", 1))
        return name or None, organisation or None
    known = {organisation.casefold(): organisation for organisation in known_organisations}
    if cleaned.casefold() in known:
        return None, known[cleaned.casefold()]
    if len(cleaned) >= 2 and " " not in cleaned and cleaned.isupper():
        return None, cleaned
    return cleaned, None


def read_attendees(
    entries: Iterable[str], known_organisations: Iterable[str] = ()
) -> list[tuple[str | None, str | None]]:
    """Read several "name, organisation" entries as the new-meeting form does, one after another.

    Each entry is read with `split_attendee`; an organisation named by an earlier entry
    is known to the later ones, as in the form's list. Blank entries are skipped.

    Raises:
        TextTooLong: an entry is longer than a line may be.
    """
    known = list(known_organisations)
    attendees: list[tuple[str | None, str | None]] = []
    for entry in entries:
        name, organisation = split_attendee(entry, known)
        if name is None and organisation is None:
            continue
        attendees.append((name, organisation))
        if organisation:
            known.append(organisation)
    return attendees


HIT_START = "\x02"
HIT_END = "\x03"
"""Markers around the matched words in a search snippet. Control characters never
survive `sanitise`, so they cannot be confused with anything a person typed."""


def search_words(words: str) -> list[str]:
    """The words of a search as FTS5 will see them: letters, digits and `-'_` only, blanks dropped."""
    tokens = [token for token in re.split(r"\s+", sanitise(words, limit=10_000)) if token]
    kept = ["".join(char for char in token if char.isalnum() or char in "-'_") for token in tokens]
    return [word for word in kept if word.strip("-'_")]


def fts_query(words: str) -> str | None:
    """Turn what someone typed into a safe SQLite FTS5 query, or None if there is nothing to search.

    Every word becomes a quoted phrase (FTS5's own operators, parentheses, column
    filters and stray quotes are then just text), words are joined with AND, and the
    last one matches as a prefix so hits appear while the word is still being typed.
    """
    phrases = ['"' + word.replace('"', '""') + '"' for word in search_words(words)]
    if not phrases:
        return None
    phrases[-1] += " *"
    return " AND ".join(phrases)


def _folded(text: str) -> str:
    """Case and accents folded, as the search index's `unicode61 remove_diacritics` tokenizer does."""
    if text.isascii():  # nothing to decompose, no accents: only the case (most words, and ten times faster)
        return text.lower()
    return "".join(char for char in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(char))


def highlight(text: str, words: str, *, width: int = 16) -> str:
    """A snippet of `text` around the first word that matches the search, matches between `HIT_START`
    and `HIT_END`, "…" where text was cut: made here, since asking FTS5 for it re-reads the index.

    A text word matches when it is a searched word, or starts with the last one (which
    is still being typed); words are compared with case and accents folded.
    """
    wanted = [_folded(part) for word in search_words(words) for part in re.findall(r"\w+", word)]
    if not wanted:
        return text[: width * 8]
    whole, prefix = set(wanted[:-1]), wanted[-1]
    pieces = re.split(r"(\w+)", text)
    words_at = [index for index in range(1, len(pieces), 2)]

    def matches(piece: str) -> bool:
        folded = _folded(piece)
        return folded in whole or folded.startswith(prefix)

    hits = [index for index in words_at if matches(pieces[index])]
    first = words_at.index(hits[0]) if hits else 0
    start = max(0, first - width // 4)
    end = min(len(words_at), start + width)
    start = max(0, end - width)
    low = words_at[start] if start > 0 else 0
    high = words_at[end - 1] if end < len(words_at) else len(pieces) - 1
    shown = "".join(
        HIT_START + piece + HIT_END if index % 2 and matches(piece) else piece
        for index, piece in enumerate(pieces[low : high + 1], start=low)
    )
    return ("…" if start > 0 else "") + shown.strip() + ("…" if end < len(words_at) else "")
