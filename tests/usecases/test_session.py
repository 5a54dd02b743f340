"""The facilitator's meeting session, without a screen: the section clock, moving through the
agenda, pausing, projecting, last time's open items, captures and ending, on a real file
with a frozen clock."""

from __future__ import annotations

from datetime import date

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import (
    ActionStatus,
    Attribution,
    ElephantStatus,
    MeetingStatus,
    RoundOutcome,
    Speaker,
)
from meetingkit.store import Store
from meetingkit.usecases.meetings import MeetingNotRunning, start_meeting
from meetingkit.usecases.session import MeetingSession
from tests.helpers import DAY


@pytest.fixture
def session(store: Store, library: AgendaLibrary) -> MeetingSession:
    """The operational agenda running for two people; the first section is five minutes long."""
    meeting = start_meeting(
        store, "Schools and settlement", library.agendas["operational"],
        attendees=[("Dana", "School board"), ("Sam", "OCISO")],
    )
    opened = MeetingSession(store, meeting.id)
    opened.reload()
    return opened


def test_the_section_clock_counts_down_from_the_stored_start(session: MeetingSession, clock: FrozenClock) -> None:
    """Five minutes planned, two gone: three left; past the plan it is over time."""
    assert session.current is not None and session.current.position == 0
    clock.advance(120)
    section_clock = session.section_clock()
    assert section_clock is not None
    assert section_clock.remaining == 180 and not section_clock.paused and not section_clock.over_time
    clock.advance(240)
    over = session.section_clock()
    assert over is not None and over.remaining == -60 and over.over_time


def test_a_paused_section_stops_its_clock_until_resumed(session: MeetingSession, clock: FrozenClock) -> None:
    clock.advance(60)
    assert session.toggle_pause() is True
    clock.advance(600)  # a long break
    paused = session.section_clock()
    assert paused is not None and paused.paused and paused.remaining == 240
    assert session.toggle_pause() is False
    clock.advance(30)
    running = session.section_clock()
    assert running is not None and not running.paused and running.remaining == 210


def test_going_to_a_section_moves_the_meeting_and_back_again(session: MeetingSession, clock: FrozenClock) -> None:
    clock.advance(60)
    session.go_to(2)
    assert session.current is not None and session.current.title == "Updates from each agency"
    assert not session.in_last_section
    session.go_to(len(session.runs) - 1)
    assert session.in_last_section
    session.go_to(0)
    assert session.meeting.current_position == 0
    assert session.runs[2].started_at is not None  # the visit is kept


def test_leaving_pauses_a_running_section_only(session: MeetingSession) -> None:
    session.pause_for_leaving()
    assert session.current is not None and session.current.paused_at is not None
    session.pause_for_leaving()  # already paused: not restarted
    assert session.current is not None and session.current.paused_at is not None


def test_projecting_is_kept_in_the_file_for_a_resumed_console(session: MeetingSession, store: Store) -> None:
    session.set_projecting(True)
    assert session.projecting
    assert MeetingSession(store, session.meeting_id).projecting
    session.set_projecting(False)
    assert not MeetingSession(store, session.meeting_id).projecting


def test_captures_go_through_the_use_cases_with_who_said_it(session: MeetingSession, store: Store) -> None:
    """A term counted twice, an elephant from an organisation, a turning point in the current
    section, an agreement with its party and an action for an attendee with a due date."""
    dana = session.attendees[0]
    first = session.name_jargon("ISP")
    again = session.name_jargon("isp", speaker=Speaker.person(dana.id, dana.organisation_id))
    assert again.id == first.id and again.tally == 2
    ocisco = next(o for o in session.organisations() if o.name == "OCISO")
    elephant_id = session.raise_elephant("Funding by numbers", speaker=Speaker.organisation(ocisco.id))
    assert [e.id for e in session.elephants()] == [elephant_id]
    point = session.mark_turning_point()
    assert point.section == session.runs[0].title
    agreement = session.add_agreement("One referral form", parties=[ocisco.id], review_on=date(2027, 1, 15))
    action = session.add_action("Draft the form", owner="Dana", due_on=date(2026, 12, 4))
    assert [a.id for a in session.agreements()] == [agreement.id]
    assert [(a.id, a.due_on) for a in session.actions()] == [(action.id, date(2026, 12, 4))]
    rows = store.db.rows("SELECT attribution, person_id FROM jargon_mentions ORDER BY rowid")
    assert [(r["attribution"], r["person_id"]) for r in rows] == [("anonymous", None), ("named", dana.id)]
    assert store.db.rows("SELECT attribution FROM elephants")[0]["attribution"] == Attribution.ORGANISATION.value


def test_a_turning_point_described_later_is_linked_to_its_agreement(session: MeetingSession) -> None:
    point = session.mark_turning_point()
    agreement = session.add_agreement("We share one form")
    session.describe_turning_point(point.id, note="An apology", agreement_id=agreement.id)
    [described] = session.turning_points()
    assert described.note == "An apology" and described.agreement_id == agreement.id


def test_an_agreement_written_from_a_turning_point_is_linked_to_it(session: MeetingSession) -> None:
    point = session.mark_turning_point()
    agreement = session.add_agreement("Referrals go both ways", led_from=point.id)
    [linked] = session.turning_points()
    assert linked.agreement_id == agreement.id


def test_rounds_and_arrivals(session: MeetingSession) -> None:
    """Someone arrives late and is in the next round; who spoke is kept per section."""
    person = session.add_attendee("Lee, Settlement agency")
    assert person.id in [p.id for p in session.attendees]
    session.go_to(2)
    run = session.current
    assert run is not None
    session.mark_turn(run.id, person.id, RoundOutcome.PASSED)
    assert session.round_turns(run.id) == {person.id: RoundOutcome.PASSED}


def test_last_times_open_items_are_decided_in_this_meeting(
    store: Store, library: AgendaLibrary, clock: FrozenClock, session: MeetingSession
) -> None:
    """An action and an elephant left open come back; a hidden elephant comes back marked hidden from the room."""
    action = session.add_action("Send the list")
    kept = session.raise_elephant("Waiting lists")
    hidden = session.raise_elephant("Staff turnover")
    session.set_elephant_hidden(hidden, True)
    session.end()
    clock.advance(30 * DAY)
    later = MeetingSession(store, start_meeting(store, "Schools and settlement", library.agendas["operational"]).id)
    later.reload()
    carried = later.carry_over()
    assert [a.id for a in carried.actions] == [action.id]
    assert {e.id for e in carried.elephants} == {kept, hidden}
    assert carried.hidden == {hidden}
    later.close_action(action.id, ActionStatus.DONE)
    later.move_elephant(kept, ElephantStatus.ADDRESSED, "Talked it through")
    assert later.carry_over().actions == [] and [e.id for e in later.carry_over().elephants] == [hidden]


def test_ending_keeps_the_summary_and_refuses_more_captures(session: MeetingSession, store: Store) -> None:
    session.name_jargon("ISP")
    session.end()
    assert session.ended and session.meeting.status is MeetingStatus.ENDED
    assert store.meetings.get(session.meeting_id).status is MeetingStatus.ENDED
    with pytest.raises(MeetingNotRunning):
        session.name_jargon("MLO")
    assert [t.display for t in store.jargon.board_terms(session.meeting_id)] == ["ISP"]
