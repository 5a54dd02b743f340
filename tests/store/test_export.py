"""Exporting one meeting: every format escapes user text for itself, leaves confidential items out by
default, and keeps anonymous items anonymous."""

from __future__ import annotations

import csv
import io
import json
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.export import glossary_to, md, render, to_csv, to_html, to_json, to_markdown
from meetingkit.core.models import Attribution
from meetingkit.core.text import sanitise
from meetingkit.store import Store
from tests.helpers import HOSTILE_TEXT, RunCli

HOSTILE = "<script>alert('x')</script> [bold]**not bold**[/] # not a heading | `code` & 🐘 שלום"


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & <Schools>")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "school board")
    store.business.add_agreement(meeting.id, HOSTILE, party_organisation_ids=[board.id])
    store.business.add_agreement(meeting.id, "About the Ahmed family", confidential=True)
    store.business.add_action(meeting.id, "=HYPERLINK(\"http://x\")", owner_person_id=dana.id)
    term, _ = store.jargon.mention(meeting.id, "ISP", attribution=Attribution.ORGANISATION, organisation_id=board.id)
    store.jargon.add_meaning(term, HOSTILE, organisation_id=board.id)
    store.boards.raise_elephant(meeting.id, "Said by nobody on record")
    store.boards.raise_elephant(meeting.id, "Secret elephant", confidential=True)
    store.boards.mark_turning_point(meeting.id, note="I never thought about it like that")
    return meeting


class TextOnly(HTMLParser):
    """Collects the text of an HTML page and every tag it opens."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_every_piece_of_user_text(store: Store, meeting) -> None:
    page = to_html(store.records.meeting_record(meeting.id))
    parser = TextOnly()
    parser.feed(page)
    assert "script" not in parser.tags
    assert HOSTILE in "".join(parser.text)
    assert "Settlement & <Schools>" in "".join(parser.text)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page


def test_markdown_keeps_user_text_from_becoming_markup(store: Store, meeting) -> None:
    document = to_markdown(store.records.meeting_record(meeting.id))
    assert md(HOSTILE) in document
    headings = [line for line in document.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# ", "## ")) for line in headings)
    # A "#" mid-line starts nothing and stays as typed (issue 15: escaped only where Markdown needs it).
    assert "] # not a heading" in document and "\\*\\*not bold\\*\\*" in document
    assert md("# a heading") == "\\# a heading"


def test_json_round_trips_every_text_exactly(store: Store, meeting) -> None:
    record = json.loads(to_json(store.records.meeting_record(meeting.id, include_confidential=True)))
    assert record["format"] == "meetingkit.meeting/1"
    assert [a["text"] for a in record["agreements"]] == [HOSTILE, "About the Ahmed family"]
    assert record["jargon"][0]["meanings"][0]["meaning"] == HOSTILE
    assert record["jargon"][0]["mentions"][0] == {
        "at": record["jargon"][0]["mentions"][0]["at"], "section": 1, "attribution": "organisation",
        "said_by": "school board",
    }
    assert record["agreements"][0]["section"] == 1  # captured in the first section


def test_confidential_items_are_left_out_by_default_and_counted(store: Store, meeting) -> None:
    for fmt in ("md", "html", "json", "csv"):
        default = render(store.records.meeting_record(meeting.id), fmt)
        assert "Ahmed" not in default and "Secret elephant" not in default, fmt
        included = render(store.records.meeting_record(meeting.id, include_confidential=True), fmt)
        assert "Ahmed" in included and "Secret elephant" in included, fmt
    assert store.records.meeting_record(meeting.id).left_out.confidential == 2


def test_anonymous_stays_anonymous_in_every_format(store: Store, meeting) -> None:
    record = store.records.meeting_record(meeting.id)
    [elephant] = record.elephants
    assert elephant.attribution == "anonymous" and elephant.said_by is None
    document = to_markdown(record)
    assert "Said by nobody on record — parked (anonymous)" in document.replace("\\", "")
    assert "said by anonymous" not in document


def test_csv_is_one_row_per_item_and_defuses_formulas(store: Store, meeting) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(store.records.meeting_record(meeting.id)))))
    assert [row["kind"] for row in rows] == ["attendee", "agreement", "action", "term", "elephant", "turning point"]
    assert rows[2]["text"] == "'=HYPERLINK(\"http://x\")"
    assert rows[1]["text"] == HOSTILE
    assert rows[0]["partnership"] == "Settlement & <Schools>"


@given(text=HOSTILE_TEXT.filter(lambda t: bool(sanitise(t))))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_survives_every_format(store: Store, meeting, text: str) -> None:
    store.business.add_action(meeting.id, text)
    record = store.records.meeting_record(meeting.id)
    shown = sanitise(text)
    assert shown in [a["text"] for a in json.loads(to_json(record))["actions"]]
    parser = TextOnly()
    parser.feed(to_html(record))
    assert shown in "".join(parser.text)
    assert to_markdown(record) and to_csv(record)


def test_the_export_command_writes_a_private_file(store: Store, meeting, db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    out = tmp_path / "october.html"
    result = cli("--db", str(db_path), "export", meeting.id[-8:], "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 confidential item(s) left out" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Ahmed" not in out.read_text("utf-8")
    to_stdout = cli("--db", str(db_path), "export", meeting.id, "--format", "json", "--include-confidential")
    assert "Ahmed" in json.loads(to_stdout.stdout)["agreements"][1]["text"]


def test_the_glossary_command_in_each_format(store: Store, meeting, db_path: Path, cli: RunCli) -> None:
    secret, _ = store.jargon.mention(meeting.id, "Secret programme", confidential=True)
    for fmt in ("md", "csv", "json"):
        result = cli("--db", str(db_path), "glossary", "--partnership", "settlement & <schools>",
                                "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert "ISP" in result.stdout and "Secret programme" not in result.stdout
    terms = json.loads(cli("--db", str(db_path), "glossary", "--partnership", "Settlement & <Schools>",
                                      "--format", "json").stdout)["terms"]
    assert terms[0]["term"] == "ISP" and terms[0]["meanings"] == [{"organisation": "school board", "meaning": HOSTILE}]
    unknown = cli("--db", str(db_path), "glossary", "--partnership", "Nope")
    assert unknown.returncode == 1 and "No partnership called 'Nope'" in unknown.stderr


def test_notes_marked_confidential_stay_out_of_exports(store: Store, meeting) -> None:
    run = store.meetings.section_runs(meeting.id)[0]
    store.notes.save_editor(run.id, "The family's address came up")
    [address] = store.notes.section_notes(run.id)
    store.notes.set_confidential(address.id, True)
    assert "address" not in to_markdown(store.records.meeting_record(meeting.id))
    assert "address" in to_markdown(store.records.meeting_record(meeting.id, include_confidential=True))


def test_markdown_escapes_an_entity_so_it_stays_text() -> None:
    assert md("&#x202e; & &amp;") == "\\&#x202e; & \\&amp;"  # a lone & starts nothing


def test_a_confidential_agreement_does_not_leak_through_the_moment_that_led_to_it(store: Store, meeting) -> None:
    secret = store.business.add_agreement(meeting.id, "Fund the Ahmed family's rent", confidential=True)
    point = store.boards.mark_turning_point(meeting.id, note="An open moment")
    store.boards.link_turning_point(point, secret.id)
    for fmt in ("md", "html", "json", "csv"):
        assert "Ahmed" not in render(store.records.meeting_record(meeting.id), fmt), fmt
    shown = store.records.meeting_record(meeting.id, include_confidential=True)
    assert any(p.agreement == "Fund the Ahmed family's rent" for p in shown.turning_points)


def test_a_confidential_term_is_not_named_in_another_terms_same_as(store: Store, meeting) -> None:
    isp, _ = store.jargon.mention(meeting.id, "ISP")
    secret, _ = store.jargon.mention(meeting.id, "AHMEDPLAN", confidential=True)
    store.jargon.same_as(isp, "AHMEDPLAN")
    partnership = meeting.partnership_id
    for fmt in ("md", "html", "json", "csv"):
        assert "AHMEDPLAN" not in render(store.records.meeting_record(meeting.id), fmt), fmt
    assert "AHMEDPLAN" not in glossary_to(store.records.glossary_records(partnership), "json", "P")
    assert "AHMEDPLAN" in glossary_to(store.records.glossary_records(partnership, include_confidential=True), "json", "P")


def test_export_to_an_existing_file_narrows_it_to_its_owner(store: Store, meeting, db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    target = tmp_path / "open.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    store.close()
    result = cli("--db", str(db_path), "export", meeting.id, "--format", "md", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and "Settlement" in target.read_text(encoding="utf-8")


def test_the_documents_mark_an_action_overdue_on_the_day_they_were_written(store: Store, library: AgendaLibrary) -> None:
    """Issue 16: overdue is marked in the exports too; an action done since the meeting is not."""
    from datetime import date

    from meetingkit.core.models import ActionStatus

    partnership = store.partnerships.ensure("Schools and settlement")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.add_action(meeting.id, "Send the list", due_on=date(2026, 11, 2))
    store.business.add_action(meeting.id, "Renew the agreement", due_on=date(2027, 12, 1))
    finished = store.business.add_action(meeting.id, "Phone the school", due_on=date(2026, 11, 3))
    store.meetings.end(meeting.id)
    store.business.close_action(finished.id, ActionStatus.DONE, None)
    record = store.records.meeting_record(meeting.id)
    markdown = to_markdown(record)
    assert "Send the list, due Mon 02 Nov 2026 (open) **overdue when exported**" in markdown
    assert "Renew the agreement, due Wed 01 Dec 2027 (open)" in markdown
    assert "Phone the school, due Tue 03 Nov 2026 (done)" in markdown
    assert markdown.count("overdue when exported") == 1
    page = to_html(record)
    assert "Send the list, due Mon 02 Nov 2026 (open) <strong>overdue when exported</strong>" in page
    assert page.count("overdue when exported") == 1
