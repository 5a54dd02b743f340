"""`sanitise` looks only at the characters it may change (issue 19): the same text as cleaning
every character one by one, which it did before (about 20,000 characters of agendas at each start)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core import text
from meetingkit.core.text import TextTooLong, _keep, sanitise


def one_by_one(typed: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """`sanitise` as it was: every character through `_keep`."""
    typed = typed.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(_keep(char, multiline) for char in typed)
    if multiline:
        cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n")).strip("\n")
    else:
        cleaned = cleaned.strip()
    if limit is None:
        limit = text.NOTES_LIMIT if multiline else text.LINE_LIMIT
    if len(cleaned) > limit:
        raise TextTooLong(len(cleaned), limit)
    return cleaned


def test_every_character_it_skips_is_one_that_cleaning_keeps() -> None:
    """All of Unicode: a character outside `_CLEANED` comes out of `_keep` as it went in."""
    changed = [
        code for code in range(0x110000)
        if not text._CLEANED.match(chr(code)) and (_keep(chr(code), False) != chr(code) or _keep(chr(code), True) != chr(code))
    ]
    assert changed == []


ODD = st.sampled_from("\n\r\t\x1b\x00\x7f\x85\x9f\u2028\u2029\u202a\u202e\u2066\u2069\u200f\ud800\udfff é中🙂")


@given(st.lists(st.one_of(st.characters(), ODD)).map("".join), st.booleans())
def test_the_same_text_as_cleaning_each_character(typed: str, multiline: bool) -> None:
    assert sanitise(typed, multiline=multiline) == one_by_one(typed, multiline=multiline)


@pytest.mark.parametrize("multiline", [False, True])
def test_the_same_refusal_when_too_long(multiline: bool) -> None:
    typed = "\x1b[31m" + "a\tb\n" * 30
    with pytest.raises(TextTooLong) as fast:
        sanitise(typed, multiline=multiline, limit=50)
    with pytest.raises(TextTooLong) as slow:
        one_by_one(typed, multiline=multiline, limit=50)
    assert str(fast.value) == str(slow.value)
