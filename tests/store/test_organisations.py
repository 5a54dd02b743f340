"""Organisations joined and known by other names (issue 16): `OCSB` is the Ottawa Catholic School Board."""

from __future__ import annotations

from datetime import date

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ChangedTable, ChangeKind
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.store.partnerships import NameRefused

BOARD = "Ottawa Catholic School Board"


@pytest.fixture
def two_names(store: Store, library: AgendaLibrary) -> dict[str, str]:
    """One meeting where the board came under both names, with something said by each."""
    partnership = store.partnerships.ensure("Newcomer families")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana_short = store.meetings.add_attendee(meeting.id, "Dana", "OCSB")
    store.meetings.add_attendee(meeting.id, "Sam", BOARD)
    dana_long = store.partnerships.add_person(partnership.id, "dana", BOARD)
    short = store.partnerships.ensure_organisation(partnership.id, "OCSB")
    long = store.partnerships.ensure_organisation(partnership.id, BOARD)
    store.boards.raise_elephant(meeting.id, "Funding", attribution=Attribution.ORGANISATION, organisation_id=short.id)
    store.business.add_action(meeting.id, "Send the form", owner_organisation_id=short.id)
    store.business.add_action(meeting.id, "Call Dana", owner_person_id=dana_short.id)
    agreement = store.business.add_agreement(meeting.id, "One form", party_organisation_ids=[short.id, long.id])
    return {"partnership": partnership.id, "meeting": meeting.id, "short": short.id, "long": long.id,
            "dana_short": dana_short.id, "dana_long": dana_long.id, "agreement": agreement.id}


def test_merging_moves_everything_to_the_target_and_keeps_the_name_as_an_alias(store: Store, two_names) -> None:
    merged = store.partnerships.merge_organisations(two_names["partnership"], "ocsb", BOARD.upper())
    assert merged.id == two_names["long"] and merged.aliases == ("OCSB",)
    assert [o.name for o in store.partnerships.organisations(two_names["partnership"])] == [BOARD]
    for table, column in [("elephants", "organisation_id"), ("actions", "owner_organisation_id"),
                          ("people", "organisation_id")]:
        assert not store.db.value(f"SELECT count(*) FROM {table} WHERE {column} = ?", [two_names["short"]])
    # Both parties were the same organisation: the agreement names it once (its party row naming the
    # alias stays, as a row deleted here would come back from another site's file).
    [agreement] = store.business.agreements(two_names["meeting"])
    assert agreement.parties == (BOARD,)
    record = store.records.meeting_record(two_names["meeting"], include_confidential=True)
    assert [a.parties for a in record.agreements] == [(BOARD,)]
    # Dana of OCSB and dana of the board are one person now, with Dana's attendance and action.
    attendees = store.meetings.attendees(two_names["meeting"])
    assert sorted(p.label for p in attendees) == [f"Sam, {BOARD}", f"dana, {BOARD}"]
    assert store.db.value("SELECT owner_person_id FROM actions WHERE text = 'Call Dana'") == two_names["dana_long"]
    assert not store.db.value("SELECT count(*) FROM people WHERE id = ?", [two_names["dana_short"]])
    history = store.changes.history(ChangedTable.ORGANISATIONS, two_names["short"])
    assert [(c.kind, c.fields) for c in history] == [(ChangeKind.MERGED, (("merged_into_id", None, two_names["long"]),))]


def test_an_alias_finds_the_organisation_it_names_whatever_its_capitals(store: Store, two_names) -> None:
    store.partnerships.merge_organisations(two_names["partnership"], "OCSB", BOARD)
    assert store.partnerships.ensure_organisation(two_names["partnership"], "ocsb").id == two_names["long"]
    person = store.partnerships.add_person(two_names["partnership"], "Ali", "Ocsb")
    assert person.organisation_name == BOARD
    found = store.partnerships.find_organisation(two_names["partnership"], "oCsB")
    assert found is not None and found.name == BOARD
    owner = store.business.resolve_owner(two_names["meeting"], "ocsb")
    assert owner == (None, two_names["long"])


def test_add_alias_and_its_refusals(store: Store, two_names) -> None:
    partnership = two_names["partnership"]
    made = store.partnerships.add_alias(partnership, BOARD.lower(), "The Catholic board")
    assert made.aliases == ("The Catholic board",)
    alias_id = store.db.value("SELECT id FROM organisations WHERE name = 'The Catholic board'")
    assert [c.kind for c in store.changes.history(ChangedTable.ORGANISATIONS, alias_id)] == [ChangeKind.ALIASED]
    with pytest.raises(NameRefused, match="already an organisation's name"):
        store.partnerships.add_alias(partnership, BOARD, "ocsb")
    with pytest.raises(NameRefused, match="already an alias"):
        store.partnerships.add_alias(partnership, "OCSB", "the catholic BOARD")
    with pytest.raises(NameRefused, match="no organisation called"):
        store.partnerships.add_alias(partnership, "Nobody", "N")
    with pytest.raises(NameRefused, match="cannot hold a comma"):
        store.partnerships.add_alias(partnership, BOARD, "Board, Catholic")
    hostile = store.partnerships.add_alias(partnership, BOARD, "[bold]مجلس 🏫\x1b[31m")
    assert "[bold]مجلس 🏫" in hostile.aliases[0] and "\x1b" not in hostile.aliases[0]
    with pytest.raises(NameRefused, match="into itself"):
        store.partnerships.merge_organisations(partnership, "OCSB", "ocsb")
    with pytest.raises(NameRefused, match="is an alias of"):
        store.partnerships.merge_organisations(partnership, "OCSB", "The Catholic board")
    with pytest.raises(NameRefused, match="no organisation called"):
        store.partnerships.merge_organisations(partnership, "OCSB", "Nobody")


def test_aliases_of_a_merged_organisation_follow_it(store: Store, two_names) -> None:
    partnership = two_names["partnership"]
    store.partnerships.add_alias(partnership, "OCSB", "Catholic board")
    merged = store.partnerships.merge_organisations(partnership, "OCSB", BOARD)
    assert merged.aliases == ("Catholic board", "OCSB")
    assert store.partnerships.ensure_organisation(partnership, "catholic board").id == two_names["long"]


def test_the_reports_attendance_counts_the_merged_organisation_once(store: Store, two_names, clock: FrozenClock) -> None:
    store.partnerships.merge_organisations(two_names["partnership"], "OCSB", BOARD)
    report = store.reports.partnership_report(
        two_names["partnership"], period=Period(date(2020, 1, 1), None), include_confidential=True)
    assert [(row.organisation, row.attendances) for row in report.attendance] == [(BOARD, 2)]
