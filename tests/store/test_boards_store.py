"""The boards in the store: jargon that grows into a glossary, elephants that wait, turning points."""

from __future__ import annotations

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution, ElephantStatus, TurningPointKind
from meetingkit.store import Store

DAY = 24 * 3600


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & Schools")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"], title="October").id)


def next_meeting(store: Store, library: AgendaLibrary, previous, clock: FrozenClock, title: str):
    store.meetings.end(previous.id)
    clock.advance(30 * DAY)
    return store.meetings.start(
        store.meetings.create(previous.partnership_id, library.agendas["operational"], title=title).id
    )


def test_the_board_counts_spellings_of_one_term_together_most_raised_first(store: Store, meeting) -> None:
    for said in ("ISP", "I.S.P.", "isp ", "IEP", "settlement worker in schools"):
        store.jargon.mention(meeting.id, said)
    terms = store.jargon.board_terms(meeting.id)
    assert [(t.display, t.tally, t.new_here) for t in terms] == [
        ("ISP", 3, True),
        ("IEP", 1, True),
        ("settlement worker in schools", 1, True),
    ]


def test_a_term_explained_last_month_brings_its_meaning_today(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    term_id, _ = store.jargon.mention(meeting.id, "ISP")
    assert store.jargon.board_term(term_id, meeting.id).unexplained, "a new term needs explaining until it has a meaning"
    agency = store.partnerships.ensure_organisation(meeting.partnership_id, "Settlement agency")
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "School board")
    store.jargon.add_meaning(term_id, "Individual Settlement Plan for a family", organisation_id=agency.id, meeting_id=meeting.id)
    store.jargon.add_meaning(term_id, "Not used: we say IEP", organisation_id=board.id, meeting_id=meeting.id)
    store.jargon.explain_term(term_id, expansion="Individual Settlement Plan", plain_words="the family's plan")
    store.jargon.same_as(term_id, "Individual Development Plan")

    november = next_meeting(store, library, meeting, clock, "November")
    store.jargon.mention(november.id, "isp")
    [term] = store.jargon.board_terms(november.id)
    assert (term.display, term.tally, term.total, term.new_here, term.unexplained) == ("ISP", 1, 2, False, False)
    assert [(m.organisation, m.meaning) for m in term.meanings] == [
        ("Settlement agency", "Individual Settlement Plan for a family"),
        ("School board", "Not used: we say IEP"),
    ]
    assert term.expansion == "Individual Settlement Plan" and term.plain_words == "the family's plan"
    assert term.same_as == ("Individual Development Plan",)
    assert term.meetings == 2


def test_same_as_is_transitive(store: Store, meeting) -> None:
    itp, _ = store.jargon.mention(meeting.id, "ITP")
    isp, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.same_as(itp, "Client Assessment and Action Plan")
    store.jargon.same_as(isp, "Individual Development Plan")
    store.jargon.same_as(itp, "ISP")  # joins the two groups
    assert store.jargon.board_term(itp).same_as == ("Client Assessment and Action Plan", "Individual Development Plan", "ISP")
    with pytest.raises(ValueError, match="same term"):
        store.jargon.same_as(itp, "i.t.p.")


def test_the_glossary_lists_unexplained_first_and_filters(store: Store, meeting) -> None:
    for term in ("Wraparound", "IEP", "CAS", "ISP"):
        store.jargon.mention(meeting.id, term)
    store.jargon.add_meaning(store.jargon.mention(meeting.id, "IEP")[0], "Individual Education Plan (school)")
    store.jargon.explain_term(store.jargon.mention(meeting.id, "ISP")[0], plain_words="the family's plan")
    assert [t.display for t in store.jargon.glossary(meeting.partnership_id)] == ["CAS", "Wraparound", "IEP", "ISP"]
    assert [t.unexplained for t in store.jargon.glossary(meeting.partnership_id)] == [True, True, False, False]
    assert [t.display for t in store.jargon.glossary(meeting.partnership_id, search="education")] == ["IEP"]
    assert [t.display for t in store.jargon.glossary(meeting.partnership_id, search="100%_\\")] == []


def test_elephants_wait_across_meetings_until_addressed(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "school board")
    elephant = store.boards.raise_elephant(
        meeting.id, "We're measured on client numbers", attribution=Attribution.ORGANISATION, organisation_id=board.id
    )
    assert store.boards.elephant(elephant).said_by == "school board"
    november = next_meeting(store, library, meeting, clock, "November")
    december = next_meeting(store, library, november, clock, "December")
    [waiting] = store.boards.open_elephants(december.id)
    assert waiting.meetings_waited == 1  # November went by; December is asking
    store.boards.set_elephant_status(elephant, ElephantStatus.DISCUSSING, meeting_id=december.id)
    store.boards.set_elephant_status(
        elephant, ElephantStatus.ADDRESSED, meeting_id=december.id, note="Agreed a joint workload measure"
    )
    resolved = store.boards.elephant(elephant)
    assert (resolved.status, resolved.resolved_in, resolved.resolution_note) == (
        ElephantStatus.ADDRESSED, "December", "Agreed a joint workload measure"
    )
    assert resolved.raised_in == "October"
    assert store.boards.elephant_history(elephant) == [
        (None, "parked", ""),
        ("parked", "discussing", ""),
        ("discussing", "addressed", "Agreed a joint workload measure"),
    ]
    let_go = store.boards.raise_elephant(december.id, "Funding competition between agencies")
    store.boards.set_elephant_status(let_go, ElephantStatus.LET_GO, meeting_id=december.id, note="Out of our hands")
    lot = store.boards.parking_lot(meeting.partnership_id)
    assert [e.text for e in lot if e.is_open] == []
    assert {e.text for e in lot} == {"We're measured on client numbers", "Funding competition between agencies"}


def test_a_named_elephant_says_who_and_an_anonymous_one_stores_nobody(store: Store, meeting) -> None:
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    named = store.boards.raise_elephant(meeting.id, "Named one", attribution=Attribution.NAMED, person_id=dana.id)
    anonymous = store.boards.raise_elephant(meeting.id, "Anonymous one")
    assert store.boards.elephant(named).said_by == "Dana, school board"
    assert store.boards.elephant(anonymous).said_by == "anonymous"
    row = store.db.rows("SELECT person_id, organisation_id FROM elephants WHERE id = ?", [anonymous])[0]
    assert tuple(row) == (None, None)


def test_a_turning_point_is_stamped_then_described_then_linked(store: Store, meeting, clock: FrozenClock) -> None:
    store.meetings.go_to_section(meeting.id, 3)
    clock.advance(125)
    moment = store.boards.mark_turning_point(meeting.id)
    [stamped] = store.boards.turning_points(meeting.id)
    # Anonymous (the default) keeps the moment to the minute only: 14:02, not 14:02:05.
    assert stamped.marked_at == clock.now().replace(second=0) and stamped.section == "Situations needing joint action"
    assert stamped.kind is None and stamped.note == ""
    store.boards.describe_turning_point(
        moment,
        kind=TurningPointKind.NEW_UNDERSTANDING,
        note="The principal: 'I never thought about it like that'",
        opened_up="Talking about time at the school, not blame",
    )
    agreement = store.business.add_agreement(meeting.id, "Workers are school-based but not school-bound")
    store.boards.link_turning_point(moment, agreement.id)
    [described] = store.boards.turning_points(meeting.id)
    assert described.kind is TurningPointKind.NEW_UNDERSTANDING
    assert described.agreement == "Workers are school-based but not school-bound"
    assert store.boards.board_counts(meeting.id)["turning_points"] == 1


def test_a_refused_term_edit_saves_nothing(store: Store, meeting) -> None:
    term_id, _ = store.jargon.mention(meeting.id, "secret")
    with pytest.raises(ValueError, match="same term"):
        store.jargon.edit_term(term_id, meaning="a meaning", same_as="S.ecret")
    assert store.jargon.board_term(term_id).meanings == ()


def test_an_anonymous_capture_keeps_no_precise_time_or_time_ordered_id(
    store: Store, meeting, clock: FrozenClock
) -> None:
    """A millisecond stamp or a UUIDv7 could be matched to the round's record of who spoke when."""
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    clock.advance(37.25)
    anonymous = store.boards.raise_elephant(meeting.id, "Said by nobody on record")
    named = store.boards.raise_elephant(meeting.id, "Said by Dana", attribution=Attribution.NAMED, person_id=dana.id)
    rows = {
        row["id"]: row
        for row in store.db.rows("SELECT id, raised_at, created_at, updated_at FROM elephants")
    }
    assert rows[anonymous]["raised_at"] == rows[anonymous]["created_at"] == "2026-11-24T14:00:00.000Z"
    assert rows[anonymous]["id"][14] == "4", "a random UUID, not a time-ordered one"
    assert rows[named]["raised_at"] == "2026-11-24T14:00:37.250Z" and rows[named]["id"][14] == "7"
    [event] = store.db.rows("SELECT id, changed_at FROM elephant_events WHERE elephant_id = ?", [anonymous])
    assert event["changed_at"] == "2026-11-24T14:00:00.000Z" and event["id"][14] == "4"
    # A term first named anonymously (by a participant's browser, say) keeps no precise moment either.
    term_id, _ = store.jargon.mention(meeting.id, "NEWTERM")
    [term] = store.db.rows("SELECT created_at, updated_at FROM jargon_terms WHERE id = ?", [term_id])
    assert term["created_at"] == term["updated_at"] == "2026-11-24T14:00:00.000Z" and term_id[14] == "4"


def test_what_an_anonymous_capture_writes_elsewhere_keeps_no_precise_time_either(
    store: Store, meeting, clock: FrozenClock
) -> None:
    """An anonymous agreement's parties, and the term an anonymous meaning explains, are stamped
    when the capture is: their times must not say to the second what the capture's do not."""
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "school board")
    term_id, _ = store.jargon.mention(meeting.id, "ISP")
    clock.advance(20.5)
    store.jargon.add_meaning(term_id, "a plan for a family")
    agreement = store.business.add_agreement(meeting.id, "One referral form", party_organisation_ids=[board.id])
    [term] = store.db.rows("SELECT updated_at FROM jargon_terms WHERE id = ?", [term_id])
    assert term["updated_at"] == "2026-11-24T14:00:00.000Z"
    [party] = store.db.rows("SELECT id, created_at, updated_at FROM agreement_parties WHERE agreement_id = ?",
                            [agreement.id])
    assert party["created_at"] == party["updated_at"] == "2026-11-24T14:00:00.000Z" and party["id"][14] == "4"
    clock.advance(10)
    store.jargon.edit_term(term_id, meaning="the settlement plan", expansion="Individual Settlement Plan")
    [term] = store.db.rows("SELECT updated_at FROM jargon_terms WHERE id = ?", [term_id])
    assert term["updated_at"] == "2026-11-24T14:00:00.000Z"


def test_a_confidential_terms_meanings_and_new_aliases_are_confidential_too(store: Store, meeting) -> None:
    """What a confidential term means, and a name first given as the same thing, say what the
    term is: search finds neither without confidential items, and the glossary does not list the alias."""
    term, _ = store.jargon.mention(meeting.id, "Haddad family plan", confidential=True)
    store.jargon.add_meaning(term, "the plan the two agencies keep for one family")
    alias = store.jargon.same_as(term, "HFP")
    assert store.jargon.board_term(alias).confidential
    assert not store.records.search("agencies keep")
    assert [hit.kind for hit in store.records.search("agencies keep", include_confidential=True)]
    listed = [entry.term for entry in store.records.glossary_records(meeting.partnership_id)]
    assert "HFP" not in listed and "Haddad family plan" not in listed


def test_an_open_term_joined_to_a_confidential_one_stays_open(store: Store, meeting) -> None:
    """Joining an existing open term to a confidential one does not hide what the room already saw."""
    secret, _ = store.jargon.mention(meeting.id, "Haddad family plan", confidential=True)
    store.jargon.mention(meeting.id, "ISP")
    isp = store.jargon.same_as(secret, "ISP")
    shown = store.jargon.board_term(isp)
    assert not shown.confidential
    assert shown.shown_same_as(include_confidential=False) == ()


def test_a_later_change_to_an_anonymous_capture_keeps_no_precise_time_either(
    store: Store, meeting, clock: FrozenClock
) -> None:
    """Pressing d (discuss now) a few seconds after an anonymous elephant, then addressing it later,
    or describing an anonymous turning point: every stamp stays at the minute, every event id random."""
    clock.advance(12.5)
    elephant = store.boards.raise_elephant(meeting.id, "Said by nobody on record")
    clock.advance(3.75)
    store.boards.set_elephant_status(elephant, ElephantStatus.DISCUSSING, meeting_id=meeting.id)
    clock.advance(61.5)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=meeting.id, note="Talked")
    [row] = store.db.rows("SELECT updated_at, resolved_at FROM elephants WHERE id = ?", [elephant])
    assert row["updated_at"] == row["resolved_at"] == "2026-11-24T14:01:00.000Z"
    events = store.db.rows("SELECT id, changed_at FROM elephant_events WHERE elephant_id = ?", [elephant])
    assert len(events) == 3 and all(e["id"][14] == "4" and e["changed_at"].endswith(":00.000Z") for e in events)
    point = store.boards.mark_turning_point(meeting.id)
    clock.advance(7.25)
    store.boards.describe_turning_point(point, note="An apology")
    [turning] = store.db.rows("SELECT updated_at FROM turning_points WHERE id = ?", [point])
    assert turning["updated_at"].endswith(":00.000Z")
    # A named capture keeps its precise times: only anonymity costs precision.
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    named = store.boards.raise_elephant(meeting.id, "Said by Dana", attribution=Attribution.NAMED, person_id=dana.id)
    clock.advance(1.5)
    store.boards.set_elephant_status(named, ElephantStatus.DISCUSSING, meeting_id=meeting.id)
    [row] = store.db.rows("SELECT updated_at FROM elephants WHERE id = ?", [named])
    assert row["updated_at"] == "2026-11-24T14:01:26.500Z"


def test_the_runners_board_is_the_meetings_board_without_the_partnership_totals(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    """`meeting_board` leaves out only what the runner's lines never show: every term, in the same
    order, with the same tallies, meanings, same-as names, languages and marks as `board_terms`."""
    from dataclasses import replace

    agency = store.partnerships.ensure_organisation(meeting.partnership_id, "Settlement agency")
    isp, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.add_meaning(isp, "Individual Settlement Plan", organisation_id=agency.id, meeting_id=meeting.id)
    store.jargon.same_as(isp, "IDP")
    store.jargon.mention(meeting.id, "AHMEDPLAN", confidential=True)
    store.jargon.same_as(isp, "AHMEDPLAN")
    november = next_meeting(store, library, meeting, clock, "November")
    for said in ("isp", "IEP", "IEP", "ZED", "AHMEDPLAN", "isp", "new one"):
        store.jargon.mention(november.id, said)
        clock.advance(60)
    store.jargon.explain_term(store.jargon.board_terms(november.id)[-1].id, expansion="a new one", plain_words="new")
    for board in (meeting.id, november.id):
        full = store.jargon.board_terms(board)
        assert len(full) >= 2 and any(term.total > term.tally for term in full)  # totals were there to leave out
        lean = [replace(term, total=0, meetings=0, first_raised=None, last_raised=None) for term in full]
        assert store.jargon.meeting_board(board) == lean
