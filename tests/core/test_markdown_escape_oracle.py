"""Markdown escaping looks for a markup character before running the whole pattern, and escapes
by template rather than by a function a match (issue 19: a long record escapes thousands of
lines). Whatever the text, `md` and `md_inline` write what the escaping did before, kept here as
the oracle (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.export import (
    _LINE_BREAK,
    _MARKDOWN_ANYWHERE,
    _MARKDOWN_CLOSING_HASHES,
    _MARKDOWN_LINE_START,
    md,
    md_inline,
)
from meetingkit.core.text import terminal_safe


def old_md_inline(value: object) -> str:
    text = terminal_safe("" if value is None else str(value))
    escaped = _MARKDOWN_ANYWHERE.sub(lambda found: "\\" + found.group(0), " ".join(text.split()) if "\n" in text
                                     or "\r" in text else text)
    return _MARKDOWN_CLOSING_HASHES.sub(lambda found: found.group(1) + "\\" + found.group(2), escaped)


def old_md_line(line: str) -> str:
    escaped = _MARKDOWN_ANYWHERE.sub(lambda found: "\\" + found.group(0), line)
    start = _MARKDOWN_LINE_START.match(escaped)
    if start:
        lead, mark = start.groups()
        if mark.isdigit():
            cut = start.end()
            escaped = escaped[:cut] + "\\" + escaped[cut:]
        else:
            escaped = f"{lead}\\{escaped[len(lead):]}"
    return _MARKDOWN_CLOSING_HASHES.sub(lambda found: found.group(1) + "\\" + found.group(2), escaped)


def old_md(value: object) -> str:
    text = terminal_safe("" if value is None else str(value))
    if "\n" not in text and "\r" not in text:
        return old_md_line(text)
    return _LINE_BREAK.join(old_md_line(line.strip()) for line in text.splitlines() if line.strip())


MARKDOWNISH = st.text(alphabet=st.sampled_from(list("\\`*[]<|~_&#;x1 .)>+=-\t\n\r\u2028\x0b\u00a0aé")), max_size=30)


@given(st.one_of(MARKDOWNISH, st.text(), st.integers(), st.none()))
def test_md_and_md_inline_escape_as_before(value: object) -> None:
    assert md(value) == old_md(value)
    assert md_inline(value) == old_md_inline(value)
