"""One escaping function per output format, for every value, numbers and None included (issue 14).

`md`, `htm` and the CSV cell are what every renderer of a record, a glossary and a report writes
values through; `whole_number` and `amount` are how a stored number is read before it is added up."""

from __future__ import annotations

import math

import pytest

from meetingkit.core.export import _cell, htm, md
from meetingkit.core.numbers import amount, whole_number


@pytest.mark.parametrize(("value", "written"), [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
    ("it's", "it&#x27;s"),
    (15, "15"),
    (None, ""),
    ("\x1b[2Jclear", "[2Jclear"),
])
def test_htm_escapes_any_value_for_text_and_attributes(value: object, written: str) -> None:
    assert htm(value) == written


@pytest.mark.parametrize(("value", "written"), [
    ("](javascript:alert(1))", "\\](javascript:alert(1))"),
    ("| --- |", "\\| --- \\|"),
    ("1. first", "1\\. first"),
    ("# heading", "\\# heading"),
    ("<img>", "\\<img>"),
    ("a\n\n\nb", "a  \n  b"),  # a break inside the item, never a blank line that ends it
    ("title\n===", "title  \n  \\==="),  # never a heading underline
    ("\x1b[2J", "\\[2J"),
    (15, "15"),
    (None, ""),
])
def test_md_escapes_any_value_and_keeps_it_inside_its_line_or_item(value: object, written: str) -> None:
    assert md(value) == written


@pytest.mark.parametrize(("value", "written"), [
    ('=HYPERLINK("http://x")', "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("plain", "plain"), (3, "3"), (None, ""), (True, "True"),
])
def test_a_csv_cell_never_starts_a_formula(value: object, written: str) -> None:
    assert _cell(value) == written


@pytest.mark.parametrize(("value", "read"), [
    (15, 15), (15.0, 15), (0, 0), ("15", None), ("<img src=x>", None), (b"15", None), (None, None),
    (True, None), (15.5, None), (math.inf, None), (math.nan, None), (-1, None), (601, None), (2**70, None),
])
def test_a_stored_number_of_minutes_is_read_or_is_unknown(value: object, read: int | None) -> None:
    assert whole_number(value, high=600) == read


@pytest.mark.parametrize(("value", "read"), [
    (12.5, 12.5), (3, 3.0), ("12.5", None), (math.inf, None), (math.nan, None), (-1.0, None), (10**400, None),
    (None, None), (False, None),
])
def test_a_stored_amount_is_read_or_is_unknown(value: object, read: float | None) -> None:
    assert amount(value) == read
