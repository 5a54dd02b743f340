"""Text typed live in front of a room is cleaned once, on the way in, and otherwise kept exactly."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.text import LINE_LIMIT, TextTooLong, _folded, identifying_details, jargon_key, sanitise


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("clear\x1b[2Jscreen", "clear[2Jscreen"),  # ESC removed: the terminal never sees a sequence
        ("copy\x1b]52;c;ZXZpbA==\x07me", "copy]52;c;ZXZpbA==me"),  # OSC 52 clipboard write
        ("bell\x07 and nul\x00", "bell and nul"),
        ("c1\x9bcontrol", "c1control"),
        ("abc\u202eevil\u202c", "abcevil"),  # right-to-left override
        ("iso\u2067late\u2069", "isolate"),
        ("tab\there", "tab    here"),
        ("line\nbreak", "line break"),
        ("  padded  ", "padded"),
    ],
)
def test_sanitise_removes_what_a_terminal_would_obey(typed: str, stored: str) -> None:
    assert sanitise(typed) == stored


@pytest.mark.parametrize(
    "kept",
    [
        "[bold]not markup[/bold] [Upper] [$var] [@click=quit]",
        "🐘 in the room 👩🏽‍🏫",
        "שלום עולם and مرحبا",
        "e\u0301 combining and Z\u0351\u0315a\u0362lgo",
        "mark\u200frtl \u200dzwj",
    ],
)
def test_sanitise_keeps_ordinary_text_exactly(kept: str) -> None:
    """Markup-looking brackets, emoji, right-to-left scripts and combining marks are data, not threats."""
    assert sanitise(kept) == kept


def test_sanitise_is_idempotent_on_hostile_text() -> None:
    hostile = "\x1b[31m[red]\u202e🐘\t\r\nend\x9b"
    once = sanitise(hostile, multiline=True)
    assert sanitise(once, multiline=True) == once


def test_multiline_keeps_line_breaks_and_normalises_them() -> None:
    assert sanitise("first\r\nsecond\rthird\u2028fourth  \n\n", multiline=True) == "first\nsecond\nthird\nfourth"


def test_too_long_text_is_refused_not_cut() -> None:
    """A megabyte paste gets a clear message; nothing is silently thrown away."""
    with pytest.raises(TextTooLong) as raised:
        sanitise("x" * 1_000_000)
    assert raised.value.length == 1_000_000
    assert raised.value.limit == LINE_LIMIT
    assert "1,000,000 characters" in str(raised.value)


def test_lone_surrogates_become_replacement_characters() -> None:
    """Text SQLite could not store as UTF-8 is repaired instead of failing the save."""
    assert sanitise("bad\udc80byte") == "bad\ufffdbyte"


@pytest.mark.parametrize("spelling", ["ITP", "I.T.P.", "itp", "ITP ", " i.t.p", "ITP?", '"ITP"'])
def test_jargon_spellings_of_one_term_share_a_key(spelling: str) -> None:
    assert jargon_key(spelling) == "itp"


@pytest.mark.parametrize(("one", "other"), [("ISP", "ITP"), ("co-op", "coop"), ("cafe", "caf")])
def test_different_terms_keep_different_keys(one: str, other: str) -> None:
    assert jargon_key(one) != jargon_key(other)


@pytest.mark.parametrize("spelling", ["CÉSOC", "CESOC", "césoc", "Césoc", "C.É.S.O.C."])
def test_accents_do_not_make_another_term(spelling: str) -> None:
    """French is written with and without accents, capitals often without (issue 18, migration 12)."""
    assert jargon_key(spelling) == "cesoc"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("email dana.k@school.example.org about it", ["an email address"]),
        ("her number is (613) 555-0199", ["a phone number"]),
        ("call +44 20 7946 0958 tomorrow", ["a phone number"]),
        ("DOB 03/04/2011", ["what may be a date of birth"]),
        ("born in 2011, lives near the school", ["what may be a date of birth"]),
        ("the family on 12 March 2015", ["what may be a date of birth"]),
        ("meet in 2 weeks with 12 people about the ISP", []),
        ("budget line 2026", []),
    ],
)
def test_identifying_details_are_noticed(text: str, found: list[str]) -> None:
    assert identifying_details(text) == found


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        ("Dana, school board", [], ("Dana", "school board")),
        ("settlement worker, OCISO", [], ("settlement worker", "OCISO")),
        (", OCISO", [], (None, "OCISO")),
        ("Dana,", [], ("Dana", None)),
        ("ociso", ["OCISO"], (None, "OCISO")),
        ("Dana", ["OCISO"], ("Dana", None)),
        ("TDSB", [], (None, "TDSB")),
        ("I", [], ("I", None)),
        ("Dana, Smith, Jones LLP", [], ("Dana", "Smith, Jones LLP")),
        ("  ", [], (None, None)),
    ],
)
def test_attendees_are_read_as_name_and_organisation(typed: str, known: list[str], expected: tuple) -> None:
    from meetingkit.core.text import split_attendee

    assert split_attendee(typed, known) == expected


@given(st.text() | st.text(st.characters(max_codepoint=127)))
def test_folding_reads_ascii_words_quickly_and_every_word_as_the_index_folds_it(text: str) -> None:
    """Search snippets fold case and accents per word; plain ASCII takes a shortcut (issue 19) that
    must fold exactly as the full decomposition does."""
    slow = "".join(char for char in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(char))
    assert _folded(text) == slow
    assert _folded("Café ÉTÉ Straße") == "cafe ete strasse"
