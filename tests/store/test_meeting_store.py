"""Running a meeting in the store: section clocks, rounds, agreements, actions, carry-over, the end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, ElephantStatus, MeetingStatus, RoundOutcome
from meetingkit.core.records import SummaryAttendance
from meetingkit.core.summary import build_summary
from meetingkit.store import Store


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & Schools")
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)


def test_starting_runs_the_first_section(store: Store, meeting, clock: FrozenClock) -> None:
    assert meeting.status is MeetingStatus.RUNNING
    assert meeting.started_at == clock.now()
    runs = store.meetings.section_runs(meeting.id)
    assert runs[0].is_running and runs[0].started_at == clock.now()
    assert all(run.started_at is None for run in runs[1:])
    assert [m.id for m in store.meetings.running()] == [meeting.id]


def test_each_section_keeps_its_own_clock(store: Store, meeting, clock: FrozenClock) -> None:
    clock.advance(300)
    assert store.meetings.go_to_section(meeting.id, 1) == 1
    clock.advance(120)
    store.meetings.go_to_section(meeting.id, 0)  # back to the welcome for a moment
    clock.advance(30)
    store.meetings.go_to_section(meeting.id, 1)
    clock.advance(60)
    runs = store.meetings.section_runs(meeting.id)
    now = clock.now()
    assert runs[0].elapsed_seconds(now) == 330
    assert runs[1].elapsed_seconds(now) == 180
    assert runs[0].ended_at == now - timedelta(seconds=60)
    assert store.meetings.get(meeting.id).current_position == 1


def test_moving_outside_the_agenda_changes_nothing(store: Store, meeting) -> None:
    assert store.meetings.go_to_section(meeting.id, -1) == 0
    assert store.meetings.go_to_section(meeting.id, 99) == 0


def test_pausing_stops_the_section_clock(store: Store, meeting, clock: FrozenClock) -> None:
    clock.advance(60)
    assert store.meetings.toggle_pause(meeting.id) is True
    clock.advance(600)
    assert store.meetings.section_runs(meeting.id)[0].elapsed_seconds(clock.now()) == 60
    assert store.meetings.toggle_pause(meeting.id) is False
    clock.advance(15)
    assert store.meetings.section_runs(meeting.id)[0].elapsed_seconds(clock.now()) == 75


def test_a_crash_does_not_stop_the_room_clock(store: Store, meeting, clock: FrozenClock, db_path) -> None:
    """After the laptop dies, the section's time is derived from what was stored: the room kept going."""
    clock.advance(100)
    store.meetings.go_to_section(meeting.id, 1)
    clock.advance(200)
    store.close()
    reopened = Store.open(db_path, clock=clock)
    clock.advance(50)
    run = reopened.meetings.section_runs(meeting.id)[1]
    assert run.is_running and run.elapsed_seconds(clock.now()) == 250
    reopened.close()


def test_rounds_record_spoke_or_passed_and_can_be_corrected(store: Store, meeting) -> None:
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    worker = store.meetings.add_attendee(meeting.id, "settlement worker", "OCISO")
    run = store.meetings.section_runs(meeting.id)[2]
    store.meetings.set_round_turn(run.id, dana.id, RoundOutcome.SPOKE)
    store.meetings.set_round_turn(run.id, worker.id, RoundOutcome.PASSED)
    assert store.meetings.round_turns(run.id) == {dana.id: RoundOutcome.SPOKE, worker.id: RoundOutcome.PASSED}
    store.meetings.set_round_turn(run.id, worker.id, None)
    assert store.meetings.round_turns(run.id) == {dana.id: RoundOutcome.SPOKE}
    assert [p.label for p in store.meetings.attendees(meeting.id)] == ["Dana, school board", "settlement worker, OCISO"]


def test_agreements_keep_their_parties_and_review_date(store: Store, meeting) -> None:
    board = store.partnerships.ensure_organisation(meeting.partnership_id, "School board")
    agency = store.partnerships.ensure_organisation(meeting.partnership_id, "Settlement agency")
    agreement = store.business.add_agreement(
        meeting.id,
        "Workers are school-based but not school-bound",
        party_organisation_ids=[board.id, agency.id, board.id],
        review_on=date(2027, 3, 1),
    )
    assert agreement.parties == ("School board", "Settlement agency")
    assert agreement.review_on == date(2027, 3, 1)
    assert store.business.agreements(meeting.id) == [agreement]
    secret = store.business.add_agreement(meeting.id, "About one family", confidential=True)
    assert store.business.agreements(meeting.id, include_confidential=False) == [agreement]
    assert secret.confidential


def test_actions_have_one_owner_person_or_organisation(store: Store, meeting) -> None:
    dana = store.meetings.add_attendee(meeting.id, "Dana", "school board")
    agency = store.partnerships.ensure_organisation(meeting.partnership_id, "Settlement agency")
    by_dana = store.business.add_action(meeting.id, "Share the timetable", owner_person_id=dana.id, due_on=date(2026, 11, 27))
    by_agency = store.business.add_action(meeting.id, "Send the referral form", owner_organisation_id=agency.id)
    nobody = store.business.add_action(meeting.id, "Find a room for March")
    assert (by_dana.owner, by_agency.owner, nobody.owner) == ("Dana, school board", "Settlement agency", "")
    assert by_dana.due_on == date(2026, 11, 27)
    with pytest.raises(ValueError, match="one owner"):
        store.business.add_action(meeting.id, "x", owner_person_id=dana.id, owner_organisation_id=agency.id)


def test_carry_over_lists_earlier_open_business_with_its_age(
    store: Store, meeting, library: AgendaLibrary, clock: FrozenClock
) -> None:
    old_action = store.business.add_action(meeting.id, "Share the timetable")
    done_later = store.business.add_action(meeting.id, "Book the interpreter")
    elephant = store.boards.raise_elephant(meeting.id, "We're measured on client numbers, not time at the school")
    store.meetings.end(meeting.id)

    clock.advance(28 * 24 * 3600)
    second = store.meetings.start(store.meetings.create(meeting.partnership_id, library.agendas["operational"]).id)
    assert [a.id for a in store.business.open_actions_from_before(second.id)] == [old_action.id, done_later.id]
    [waiting] = store.boards.open_elephants(second.id)
    assert waiting.id == elephant and waiting.meetings_waited == 0

    store.business.close_action(done_later.id, ActionStatus.DONE, second.id)
    carried = store.business.carry_action(old_action.id, second.id)
    assert carried.carried and carried.opened_at == old_action.opened_at and carried.meeting_id == second.id
    assert store.business.action(old_action.id).status is ActionStatus.CARRIED
    assert store.business.open_actions_from_before(second.id) == []
    assert [a.id for a in store.business.actions(second.id)] == [carried.id]
    store.meetings.end(second.id)

    clock.advance(28 * 24 * 3600)
    third = store.meetings.start(store.meetings.create(meeting.partnership_id, library.agendas["operational"]).id)
    assert [a.text for a in store.business.open_actions_from_before(third.id)] == ["Share the timetable"]
    [still_waiting] = store.boards.open_elephants(third.id)
    assert still_waiting.meetings_waited == 1
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=third.id, note="New workload measure agreed")
    assert store.boards.open_elephants(third.id) == []
    history = store.db.rows("SELECT from_status, to_status, note FROM elephant_events WHERE elephant_id = ?", [elephant])
    assert [tuple(row) for row in history] == [
        (None, "parked", ""),
        ("parked", "addressed", "New workload measure agreed"),
    ]


def test_append_note_goes_to_the_current_section(store: Store, meeting) -> None:
    store.meetings.go_to_section(meeting.id, 2)
    store.notes.add(meeting.id, "First line")
    store.notes.add(meeting.id, "Second line")
    assert store.meetings.section_runs(meeting.id)[2].notes == "First line\nSecond line"


def test_ending_saves_timings_and_the_summary(store: Store, meeting, clock: FrozenClock) -> None:
    store.meetings.add_attendee(meeting.id, "Dana", "school board")
    store.meetings.add_attendee(meeting.id, None, "school board")
    store.meetings.add_attendee(meeting.id, "Sam", None)
    clock.advance(6 * 60)
    store.meetings.go_to_section(meeting.id, 1)
    clock.advance(22 * 60)
    store.jargon.mention(meeting.id, "ISP")
    store.business.add_agreement(meeting.id, "Meet at the school each term")
    runs = store.meetings.section_runs(meeting.id)
    current = store.meetings.get(meeting.id)
    summary = build_summary(
        current, runs, store.meetings.attendees(meeting.id), store.business.agreements(meeting.id), store.business.actions(meeting.id),
        store.boards.board_counts(meeting.id), clock.now(),
    )
    ended = store.meetings.end(meeting.id, summary)
    assert ended.status is MeetingStatus.ENDED and ended.ended_at == clock.now()
    assert ended.summary == summary
    assert summary.sections[0].difference_seconds == 60  # welcome: 6 min against 5
    assert summary.sections[1].difference_seconds == 12 * 60  # review: 22 against 10
    assert summary.sections[2].visited is False
    assert summary.attendance == (
        SummaryAttendance(organisation="school board", count=2, named=("Dana",)),
        SummaryAttendance(organisation="No organisation given", count=1, named=("Sam",)),
    )
    assert summary.boards["jargon_mentions"] == 1 and summary.boards["agreements"] == 1
    assert store.meetings.section_runs(meeting.id)[1].ended_at == clock.now()
    assert store.meetings.running() == []


def test_notes_keep_what_a_scribe_added_while_the_editor_was_open(store: Store, meeting) -> None:
    run = store.meetings.section_runs(meeting.id)[0]
    store.notes.save_editor(run.id, "First thought")
    opened_with = store.meetings.section_runs(meeting.id)[0].notes
    store.notes.add(meeting.id, "Scribe: waitlist is six weeks")
    saved = store.notes.save_editor(run.id, "First thought\nSecond thought", based_on=opened_with)
    assert saved == "First thought\nSecond thought\nScribe: waitlist is six weeks"
    assert store.meetings.section_runs(meeting.id)[0].notes == saved


def test_two_people_with_the_same_role_at_one_meeting_are_two_attendees(store: Store, meeting) -> None:
    first = store.meetings.add_attendee(meeting.id, "settlement worker", "agency")
    second = store.meetings.add_attendee(meeting.id, "settlement worker", "agency")
    assert first.id != second.id
    assert len(store.meetings.attendees(meeting.id)) == 2


def test_an_ended_meeting_takes_nothing_more(store: Store, meeting) -> None:
    from meetingkit.store.errors import MeetingEnded

    store.meetings.end(meeting.id)
    for attempt in (
        lambda: store.business.add_action(meeting.id, "Late action"),
        lambda: store.business.add_agreement(meeting.id, "Late agreement"),
        lambda: store.jargon.mention(meeting.id, "ISP"),
        lambda: store.boards.raise_elephant(meeting.id, "Late elephant"),
        lambda: store.boards.mark_turning_point(meeting.id),
        lambda: store.meetings.go_to_section(meeting.id, 2),
        lambda: store.meetings.toggle_pause(meeting.id),
        lambda: store.notes.add(meeting.id, "late"),
    ):
        with pytest.raises(MeetingEnded, match="has ended"):
            attempt()


def test_a_scribes_repeated_line_is_kept_not_taken_for_one_already_there(store: Store, meeting) -> None:
    run = store.meetings.section_runs(meeting.id)[0]
    store.notes.add(meeting.id, "Agreed.")
    opened_with = store.meetings.section_runs(meeting.id)[0].notes
    store.notes.add(meeting.id, "Agreed.")  # the scribe again, while the editor is open
    saved = store.notes.save_editor(run.id, opened_with + "\nmy typing", based_on=opened_with)
    assert saved.split("\n").count("Agreed.") == 2 and "my typing" in saved
