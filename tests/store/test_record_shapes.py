"""The typed records keep the documented formats: a meeting's JSON export and `search --json` byte
for byte as before the records were typed, and the summary as every release has kept it in the file."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.export import glossary_to, to_csv, to_json
from meetingkit.core.models import Attribution, ElephantStatus, TurningPointKind
from meetingkit.core.records import Summary
from meetingkit.store import Store
from tests.helpers import DAY

EXPECTED = Path(__file__).parent / "expected"
"""JSON exports written by the dict-based record (before the records were typed), ids replaced."""

_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def with_stable_ids(text: str) -> str:
    """The text with every id replaced by `id-N`, numbered in order of first appearance.

    Ids carry random bits (and some the real time), so they differ on every run; everything else
    in a record made under the frozen clock is fixed.
    """
    seen: dict[str, str] = {}
    return _ID.sub(lambda found: seen.setdefault(found.group(), f"id-{len(seen) + 1}"), text)


@pytest.fixture
def two_meetings(store: Store, clock: FrozenClock, library: AgendaLibrary) -> dict[str, str]:
    """A partnership's two meetings a month apart, holding one of everything a record can show."""
    partnership = store.partnerships.ensure("Settlement & schools")
    board = store.partnerships.ensure_organisation(partnership.id, "School board")
    agency = store.partnerships.ensure_organisation(partnership.id, "Settlement agency")
    clock.advance(-30 * DAY)
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(first.id, "Dana", "School board")
    store.meetings.add_attendee(first.id, None, "Settlement agency")
    elephant = store.boards.raise_elephant(first.id, "Funding by client numbers", attribution=Attribution.NAMED,
                                           person_id=dana.id)
    carried = store.business.add_action(first.id, "Draft the referral form", owner_organisation_id=agency.id)
    clock.advance(60 * 60)
    store.records.end_and_summarise(first.id)

    clock.advance(30 * DAY - 60 * 60)
    second = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    lee = store.meetings.add_attendee(second.id, "Lee", "Settlement agency")
    store.meetings.add_attendee(second.id, "Sam", None)
    runs = store.meetings.section_runs(second.id)
    store.notes.save_editor(runs[0].id, "Everyone arrived on time\nand stayed")
    clock.advance(7 * 60)
    store.meetings.go_to_section(second.id, 1)
    store.notes.save_editor(runs[1].id, "The family's address came up")
    [address] = store.notes.section_notes(runs[1].id)
    store.notes.set_confidential(address.id, True)
    store.business.carry_action(carried.id, second.id)
    isp, _ = store.jargon.mention(second.id, "ISP", attribution=Attribution.ORGANISATION, organisation_id=board.id)
    store.jargon.mention(second.id, "ISP", attribution=Attribution.NAMED, person_id=lee.id)
    store.jargon.mention(second.id, "ISP")
    store.jargon.add_meaning(isp, "individual support plan", organisation_id=board.id, meeting_id=second.id)
    store.jargon.add_meaning(isp, "the family's settlement plan", meeting_id=second.id)
    store.jargon.add_meaning(isp, "the Ahmed plan", organisation_id=agency.id, meeting_id=second.id,
                             confidential=True)
    store.jargon.explain_term(isp, expansion="Individual Support Plan", plain_words="the plan for a family")
    store.jargon.same_as(isp, "ITP")
    mlo, _ = store.jargon.mention(second.id, "MLO")
    store.jargon.mention(second.id, "AHMEDPLAN", confidential=True)
    store.jargon.same_as(mlo, "AHMEDPLAN")
    clock.advance(12 * 60)
    store.boards.set_elephant_status(elephant, ElephantStatus.DISCUSSING, meeting_id=second.id)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=second.id,
                                     note="Talked it through")
    store.boards.raise_elephant(second.id, "Waiting lists", attribution=Attribution.ORGANISATION,
                                organisation_id=agency.id)
    store.boards.raise_elephant(second.id, "The Ahmed family", confidential=True)
    agreement = store.business.add_agreement(second.id, "One referral form", party_organisation_ids=[board.id, agency.id],
                                             review_on=date(2027, 2, 24), attribution=Attribution.NAMED,
                                             person_id=lee.id)
    secret = store.business.add_agreement(second.id, "Fund the Ahmed family's rent", confidential=True)
    store.business.add_action(second.id, "Send the form round", owner_person_id=lee.id, due_on=date(2026, 12, 1),
                              attribution=Attribution.ORGANISATION, organisation_id=board.id)
    store.business.add_action(second.id, "Private thing", confidential=True)
    point = store.boards.mark_turning_point(second.id, kind=TurningPointKind.APOLOGY,
                                            note="An apology for the missed referrals",
                                            attribution=Attribution.NAMED, person_id=lee.id)
    store.boards.describe_turning_point(point, opened_up="How referrals really go")
    store.boards.link_turning_point(point, agreement.id)
    hidden = store.boards.mark_turning_point(second.id, note="A quiet concession")
    store.boards.link_turning_point(hidden, secret.id)
    store.boards.mark_turning_point(second.id, note="Confidential moment", confidential=True)
    clock.advance(20 * 60)
    store.meetings.go_to_section(second.id, 3)
    clock.advance(5 * 60)
    store.records.end_and_summarise(second.id)
    clock.advance(DAY)
    third = store.meetings.create(partnership.id, library.agendas["strategic"])
    return {"first": first.id, "second": second.id, "planned": third.id}


@pytest.mark.parametrize("which", ["first", "second", "planned"])
@pytest.mark.parametrize("include_confidential", [False, True], ids=["default", "confidential"])
def test_the_json_export_is_byte_for_byte_the_documented_format(
    store: Store, two_meetings: dict[str, str], which: str, include_confidential: bool
) -> None:
    """Every key, its order, every value and its type, the indentation: what `meetingkit export --format json`
    wrote before the record was typed, for ended, running-then-ended and never-started meetings."""
    record = store.records.meeting_record(two_meetings[which], include_confidential=include_confidential)
    expected = EXPECTED / f"record-{which}-{'confidential' if include_confidential else 'default'}.json"
    assert with_stable_ids(to_json(record)) == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("words", ["referral", "ISP"])
def test_search_as_json_prints_what_it_printed_before(
    store: Store, two_meetings: dict[str, str], db_path: Path, capsys: pytest.CaptureFixture[str], words: str
) -> None:
    """`meetingkit search --json`: each hit's keys in their order, its marks taken out of the snippet."""
    from meetingkit.cli import main

    assert main(["--db", str(db_path), "search", words, "--json", "--include-confidential"]) == 0
    printed = with_stable_ids(capsys.readouterr().out)
    assert printed == (EXPECTED / f"search-{words}.json").read_text(encoding="utf-8")


def test_the_summary_is_stored_as_before(store: Store, two_meetings: dict[str, str]) -> None:
    """The JSON kept in `meetings.summary` when a meeting ends: same keys, order and values."""
    stored = store.db.value("SELECT summary FROM meetings WHERE id = ?", [two_meetings["second"]])
    assert with_stable_ids(stored) + "\n" == (EXPECTED / "summary-second.json").read_text(encoding="utf-8")


STORED_SUMMARY = {
    "meeting_id": "0192f3a1-7c00-7000-8000-000000000001", "title": "Operational meeting",
    "partnership": "Settlement & schools", "meeting_type": "operational", "agenda": "Operational meeting", "site": "",
    "started_at": "2026-11-24T14:00:00.000Z", "ended_at": "2026-11-24T14:44:00.000Z", "planned_seconds": 4500,
    "actual_seconds": 2640.0,
    "sections": [
        {"title": "Welcome and our safe-space agreements", "kind": "welcome", "planned_seconds": 300,
         "actual_seconds": 420.0, "difference_seconds": 120.0, "visited": True},
        {"title": "Updates from each agency", "kind": "round", "planned_seconds": 900, "actual_seconds": 0.0,
         "difference_seconds": None, "visited": False},
    ],
    "attendance": [
        {"organisation": "Settlement agency", "count": 2, "named": ["Lee"]},
        {"organisation": "No organisation given", "count": 1, "named": ["Sam"]},
    ],
    "attendee_count": 3,
    "agreements": [
        {"text": "One referral form", "parties": ["School board", "Settlement agency"], "review_on": "2027-02-24",
         "confidential": False},
        {"text": "Fund the Ahmed family's rent", "parties": [], "review_on": None, "confidential": True},
    ],
    "actions": [
        {"text": "Draft the referral form", "owner": "Settlement agency", "due_on": None, "carried": True,
         "confidential": False},
        {"text": "Private thing", "owner": "", "due_on": "2026-12-01", "carried": False, "confidential": True},
    ],
    "boards": {"jargon_terms": 3, "jargon_mentions": 5, "jargon_unexplained": 2, "elephants_raised": 2,
               "elephants_resolved": 1, "turning_points": 3, "agreements": 2, "actions": 3},
}
"""A summary as every release so far has kept it in `meetings.summary` (copied from a file, id made up)."""


def test_a_stored_summary_reads_back_and_writes_the_same_json() -> None:
    summary = Summary.from_json(STORED_SUMMARY)
    assert summary.sections[1].difference_seconds is None and summary.actions[1].owner == ""
    assert summary.attendance[0].named == ("Lee",) and summary.boards["turning_points"] == 3
    assert summary.as_dict() == STORED_SUMMARY
    assert json.dumps(summary.as_dict(), ensure_ascii=False) == json.dumps(STORED_SUMMARY, ensure_ascii=False)


def test_an_old_files_summary_loads_with_its_meeting(store: Store, two_meetings: dict[str, str]) -> None:
    """The summary column as an earlier release wrote it comes back typed, and the summary screen's data with it."""
    meeting_id = two_meetings["first"]
    written = json.dumps(STORED_SUMMARY, ensure_ascii=False)
    store.db.write(lambda: store.db.update("meetings", meeting_id, {"summary": written}))
    assert store.meetings.get(meeting_id).summary == Summary.from_json(STORED_SUMMARY)


def test_a_summary_made_now_round_trips_through_the_file(store: Store, two_meetings: dict[str, str]) -> None:
    made = store.records.summarise(two_meetings["second"])
    assert Summary.from_json(json.loads(json.dumps(made.as_dict()))) == made
    assert store.meetings.get(two_meetings["second"]).summary == made


@pytest.mark.parametrize("include_confidential", [False, True], ids=["default", "confidential"])
def test_the_csv_exports_read_as_the_expected_files(
    ottawa_time: None, store: Store, two_meetings: dict[str, str], include_confidential: bool
) -> None:
    """The meeting's CSV and the glossary's, column for column, as the README documents them (issue 15):
    written once from this data in Ottawa time and read through by eye, ids replaced."""
    which = "confidential" if include_confidential else "default"
    record = store.records.meeting_record(two_meetings["second"], include_confidential=include_confidential)
    assert with_stable_ids(to_csv(record)) == (EXPECTED / f"record-second-{which}.csv").read_text(encoding="utf-8")
    partnership = store.meetings.get(two_meetings["second"]).partnership_id
    terms = store.records.glossary_records(partnership, include_confidential=include_confidential)
    written = glossary_to(terms, "csv", "Settlement & schools")
    assert written == (EXPECTED / f"glossary-{which}.csv").read_text(encoding="utf-8")
