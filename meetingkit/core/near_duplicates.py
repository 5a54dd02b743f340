"""Glossary terms that look like the same word written another way: suggested, never merged.

`core.text.jargon_key` already makes "ISP", "isp" and "I.S.P." one term. What it keeps apart on
purpose, because it may be a different word, is what a person is asked about instead: a plural
("ISPs" and "ISP"), other spacing or punctuation ("I S P", "I-S-P", "ISP's"). The glossary shows
such pairs as suggestions ("ISPs looks like ISP — m to merge"); only a person merges them.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from meetingkit.core.text import jargon_key

_PLURAL_ENDINGS = ("'s", "’s", "s'", "s")


def loose_key(term: str) -> str:
    """What two spellings of one word share: the jargon key without spaces, punctuation or a plural ending."""
    key = jargon_key(term)
    for ending in _PLURAL_ENDINGS:
        # Only an ending that leaves a word of two or more letters: "bus" is not "bu"'s plural, but
        # one-letter stems are rare in jargon and "as" would otherwise pair with "a".
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            key = key[: -len(ending)]
            break
    return "".join(char for char in key if unicodedata.category(char)[0] in "LN")


def looks_like(first: str, second: str) -> bool:
    """Whether two spellings look like one word (and are not already one term)."""
    loose = loose_key(first)
    return bool(loose) and loose == loose_key(second) and jargon_key(first) != jargon_key(second)


def near_duplicates(terms: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """For each term (id, display) that looks like others, their ids, in the order given.

    Symmetric (if a looks like b, b looks like a) and never a term with itself; terms with no
    near-duplicate are left out.
    """
    listed = list(dict(terms).items())
    by_loose: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for term_id, display in listed:
        loose = loose_key(display)
        if loose:
            by_loose[loose].append((term_id, display))
    found: dict[str, tuple[str, ...]] = {}
    for term_id, display in listed:
        others = tuple(
            other_id for other_id, other in by_loose.get(loose_key(display), ())
            if other_id != term_id and jargon_key(other) != jargon_key(display)
        )
        if others:
            found[term_id] = others
    return found
