"""Every output escapes every value, numbers included (issue 14): a file merged from another site or
edited by hand can hold anything in any column, text where a number belongs among it. Each hostile
value below is written straight into every field a meeting's outputs show, and every output is made:
the HTML holds no live tag, the Markdown no link or table the value made, no CSV cell starts a
formula, the terminal gets no escape sequence, the JSON parses and keeps the text, nothing raises."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from tests.helpers import HOSTILE_VALUES, RunCli, a_meeting_with_one_of_everything, poison


@pytest.fixture(params=list(HOSTILE_VALUES), ids=list(HOSTILE_VALUES))
def hostile(request: pytest.FixtureRequest, store: Store, library: AgendaLibrary, db_path: Path) -> tuple[str, str]:
    """(the meeting's id, the hostile value), the value written into every field of a whole meeting."""
    meeting_id = a_meeting_with_one_of_everything(store, library)
    poison(db_path, HOSTILE_VALUES[request.param])
    return meeting_id, HOSTILE_VALUES[request.param]


def partnership_name(db_path: Path) -> str:
    with sqlite3.connect(db_path) as raw:
        name: str = raw.execute("SELECT name FROM partnerships").fetchone()[0]
    raw.close()
    return name


UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def markdown_is_inert(text: str) -> None:
    """No link, image, raw tag or table the value could have made, no table row it broke, and no
    line the value began."""
    assert not re.search(r"(?<!\\)\]\((?!\s)", text), "a live link"
    assert not re.search(r"(?<!\\)<(?=[a-zA-Z/!?])", text), "a raw tag"
    columns = None
    for line in text.splitlines():
        if line.startswith("|"):  # a row of one of the document's own tables: as many cells as its header
            pipes = len(UNESCAPED_PIPE.findall(line))
            assert pipes == (columns or pipes), f"a table row the value broke: {line[:80]}"
            columns = pipes
        else:
            columns = None
            assert not UNESCAPED_PIPE.search(line), f"a table the value made: {line[:80]}"
        assert not line.lstrip().startswith(("# two", "1. three")), "a block the value started"


def html_is_inert(text: str) -> None:
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert "\x1b" not in text


def csv_is_inert(text: str) -> None:
    csv.field_size_limit(sys.maxsize)  # the megabyte is one cell
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:40]


def terminal_is_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def kept_text(value: str) -> str:
    """The part of the value every output keeps as text (escape sequences are dropped as the file is read)."""
    return value.replace("\x1b", "").replace("\x07", "").replace("\u202e", "")[:200].rstrip()


def test_every_export_of_the_meeting_is_inert(hostile: tuple[str, str], db_path: Path, cli: RunCli) -> None:
    meeting_id, value = hostile
    outputs = {}
    for fmt in ("html", "md", "json", "csv"):
        result = cli("--db", db_path, "export", meeting_id, "--format", fmt)
        assert result.returncode == 0, result.stderr
        terminal_is_inert(result.stdout)
        outputs[fmt] = result.stdout
    html_is_inert(outputs["html"])
    markdown_is_inert(outputs["md"])
    csv_is_inert(outputs["csv"])
    record = json.loads(outputs["json"])
    assert record["meeting"]["title"].startswith(kept_text(value))
    assert [section["planned_minutes"] for section in record["sections"]] == [None] * len(record["sections"])
    assert "planned unknown" in outputs["md"] and "<td>unknown</td>" in outputs["html"]


def test_the_report_and_the_glossary_are_inert(hostile: tuple[str, str], db_path: Path, cli: RunCli) -> None:
    _, value = hostile
    name = partnership_name(db_path)
    report = {fmt: cli("--db", db_path, "report", "--partnership", name, "--format", fmt) for fmt in ("md", "html")}
    glossary = {fmt: cli("--db", db_path, "glossary", "--partnership", name, "--format", fmt)
                for fmt in ("md", "csv", "json")}
    for result in (*report.values(), *glossary.values()):
        assert result.returncode == 0, result.stderr
        terminal_is_inert(result.stdout)
    markdown_is_inert(report["md"].stdout)
    html_is_inert(report["html"].stdout)
    markdown_is_inert(glossary["md"].stdout)
    csv_is_inert(glossary["csv"].stdout)
    terms = json.loads(glossary["json"].stdout)["terms"]
    assert kept_text(value) in terms[0]["term"]


def test_search_and_the_meetings_table_are_inert(hostile: tuple[str, str], db_path: Path, cli: RunCli) -> None:
    _, value = hostile
    listed = cli("--db", db_path, "meetings")
    assert listed.returncode == 0, listed.stderr
    terminal_is_inert(listed.stdout)
    assert len(listed.stdout.splitlines()) == 2, "one header and one row, whatever the title holds"
    found = cli("--db", db_path, "search", "zebra", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits and all(kept_text(value) in (hit["meeting"] or "") for hit in hits if hit["meeting_id"])
    shown = cli("--db", db_path, "search", "zebra")
    assert shown.returncode == 0, shown.stderr
    terminal_is_inert(shown.stdout)


def test_the_elephants_table_is_inert(hostile: tuple[str, str], db_path: Path, cli: RunCli) -> None:
    """`meetingkit elephants` (issue 15): one row an elephant, whatever its words or its partnership's name hold."""
    for extra in ((), ("--include-confidential",)):
        listed = cli("--db", db_path, "elephants", "--all", *extra)
        assert listed.returncode == 0, listed.stderr
        terminal_is_inert(listed.stdout)
        assert len(listed.stdout.splitlines()) == 2, "one header and one row, whatever the elephant holds"
    still_open = cli("--db", db_path, "elephants")
    assert (still_open.returncode, still_open.stdout) == (0, "No open elephants.\n")
