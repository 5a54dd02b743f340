"""Steering the time on a real file with a frozen clock: a minute more or less, skipping, jumping,
re-planning, each kept in the section's history; and the projection right across all of them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ChangedTable, ChangeKind
from meetingkit.core.steering import Replan, section_left
from meetingkit.store import Store
from meetingkit.usecases.meetings import start_meeting
from meetingkit.usecases.session import MeetingSession
from tests.helpers import FROZEN_START, new_database

OPERATIONAL = [5, 10, 15, 20, 10, 10, 5]
"""The shipped operational agenda's minutes, section by section (75 in all)."""


@pytest.fixture
def session(store: Store, library: AgendaLibrary) -> MeetingSession:
    meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"],
                            attendees=[("Dana", "School board")])
    opened = MeetingSession(store, meeting.id)
    opened.reload()
    return opened


def test_the_agenda_is_the_one_these_tests_count_on(session: MeetingSession) -> None:
    assert [run.planned_minutes for run in session.runs] == OPERATIONAL


def test_a_minute_more_is_kept_with_its_time_and_the_clock_counts_it(
    session: MeetingSession, store: Store, clock: FrozenClock
) -> None:
    clock.advance(60)
    assert session.adjust_current(1) == 6
    run = session.current
    assert run is not None and run.adjusted_minutes == 6 and run.planned_minutes == 5
    section_clock = session.section_clock()
    assert section_clock is not None and section_clock.remaining == 5 * 60
    [change] = store.changes.history(ChangedTable.SECTION_RUNS, run.id)
    assert change.kind is ChangeKind.ADJUSTED and change.fields == (("adjusted_minutes", None, 6),)
    assert change.at == FROZEN_START + timedelta(seconds=60) and change.meeting_id == session.meeting_id
    assert change.note == "+1 min, now 6 min"


def test_a_minute_less_stops_at_the_time_already_run(session: MeetingSession, store: Store, clock: FrozenClock) -> None:
    clock.advance(3 * 60 + 20)  # into the fourth minute of five
    assert session.adjust_current(-1) == 4
    with pytest.raises(ValueError, match="cannot be given less"):
        session.adjust_current(-1)
    run = session.current
    assert run is not None and run.allowed_minutes == 4
    assert [c.fields for c in store.changes.history(ChangedTable.SECTION_RUNS, run.id)] == [
        (("adjusted_minutes", None, 4),)
    ]


def test_skipping_keeps_the_time_it_had_and_moves_on(session: MeetingSession, store: Store, clock: FrozenClock) -> None:
    clock.advance(5 * 60)
    session.go_to(1)
    clock.advance(60)
    skipped = session.skip_current()
    assert skipped.position == 1 and session.meeting.current_position == 2
    run = session.runs[1]
    assert run.skipped and run.allowed_minutes == 10  # skipped with its ten minutes, not "9 min under"
    [change] = store.changes.history(ChangedTable.SECTION_RUNS, run.id)
    assert change.kind is ChangeKind.SKIPPED and change.fields == (("skipped", 0, 1),)
    assert change.note == "skipped with 10 min, 9 min of it left"
    # Next passes by a skipped section; going back to it with G takes it up again.
    session.go_to(1)
    assert not session.runs[1].skipped
    assert store.changes.history(ChangedTable.SECTION_RUNS, run.id)[-1].fields == (("skipped", 1, 0),)


def test_next_passes_by_the_skipped_sections(session: MeetingSession) -> None:
    session.replan(Replan.DROP, drop=1)
    assert session.next_position == 2
    session.go_to(6)
    session.skip_current()  # the last section: only marked, its clock stopped
    assert session.meeting.current_position == 6 and session.runs[6].skipped
    assert session.next_position is None


def test_shortening_evenly_takes_what_the_meeting_is_behind(
    session: MeetingSession, store: Store, clock: FrozenClock
) -> None:
    clock.advance(11 * 60)  # the five-minute welcome ran eleven: six behind
    projection = session.projection()
    assert projection is not None and projection.behind_seconds == 6 * 60
    assert session.replan(Replan.SHORTEN) == "Shortened 6 sections by 6 min in all."
    assert [run.allowed_minutes for run in session.runs] == [5, 9, 14, 19, 9, 9, 4]
    after = session.projection()
    assert after is not None and after.behind_seconds == 0
    change = store.changes.history(ChangedTable.SECTION_RUNS, session.runs[3].id)[0]
    assert change.kind is ChangeKind.REPLANNED and change.fields == (("adjusted_minutes", None, 19),)
    assert change.note == "shortened evenly (6 min behind plan): 6 min taken from 6 sections"


def test_dropping_one_and_running_over_are_recorded(session: MeetingSession, store: Store, clock: FrozenClock) -> None:
    clock.advance(25 * 60)
    session.replan(Replan.DROP, drop=3)
    assert session.runs[3].skipped
    dropped = store.changes.history(ChangedTable.SECTION_RUNS, session.runs[3].id)[0]
    assert dropped.kind is ChangeKind.REPLANNED and dropped.note == "dropped (20 min behind plan), with 20 min"
    assert session.replan(Replan.RUN_OVER) == "Running over: on plan."
    over = store.changes.history(ChangedTable.SECTION_RUNS, session.runs[0].id)[0]
    assert over.kind is ChangeKind.REPLANNED and over.note == "running over (on plan)" and over.fields == ()
    with pytest.raises(ValueError):
        session.replan(Replan.DROP, drop=0)  # the current section is not one still to run
    with pytest.raises(ValueError, match="nothing to shorten"):
        session.replan(Replan.SHORTEN)  # on plan since the drop


def test_steering_an_ended_meeting_changes_nothing(session: MeetingSession) -> None:
    session.end()
    with pytest.raises(Exception, match="ended"):
        session.adjust_current(1)


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.integers(1, 40 * 60)),
        st.tuples(st.just("pause"), st.just(0)),
        st.tuples(st.just("next"), st.just(0)),
        st.tuples(st.just("jump"), st.integers(0, len(OPERATIONAL) - 1)),
        st.tuples(st.just("skip"), st.just(0)),
        st.tuples(st.just("more"), st.just(0)),
        st.tuples(st.just("less"), st.just(0)),
        st.tuples(st.just("replan"), st.sampled_from(list(Replan))),
    ),
    max_size=14,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
@example(operations=[("jump", 6), ("skip", 0), ("more", 0)])  # a minute for the last section, skipped: refused
@example(operations=[("jump", 5), ("next", 0), ("skip", 0), ("jump", 6)])  # G on the skipped last section takes it up
def test_the_projection_is_right_across_pauses_jumps_skips_and_added_minutes(
    library: AgendaLibrary, operations: list[tuple[str, object]]
) -> None:
    """However the meeting was steered, the projected finish is when it ends if every section
    from now takes the time it has, and behind-by is that finish against the plan's; each step
    moves the finish by what it should (a pause by the time paused, a minute more by a minute)."""
    clock = FrozenClock(FROZEN_START)
    with TemporaryDirectory() as folder:
        store = Context(db_path=new_database(Path(folder) / "m.db"), include_user_agendas=False).open_store(clock=clock)
        try:
            meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"])
            session = MeetingSession(store, meeting.id)
            session.reload()
            planned_finish = FROZEN_START + timedelta(minutes=sum(OPERATIONAL))
            for operation, argument in operations:
                before = session.projection()
                assert before is not None
                current = session.current
                assert current is not None
                before_runs = list(session.runs)
                left = max(0.0, before.left)
                expected: float | None = None
                if operation == "advance":
                    assert isinstance(argument, int)
                    clock.advance(argument)
                    running = current.is_running and not current.skipped
                    expected = max(0.0, argument - left) if running else float(argument)
                elif operation == "pause":
                    session.toggle_pause()
                    expected = 0.0
                elif operation in ("next", "jump", "skip"):
                    target = argument if operation == "jump" else session.next_position
                    assert target is None or isinstance(target, int)
                    if operation == "skip":
                        session.skip_current()
                    elif target is not None:
                        session.go_to(target)
                    if operation == "jump" and target == current.position and current.skipped:
                        # Going to the skipped section it stands on takes it up again: back comes what it had left.
                        expected = max(0.0, current.allowed_seconds - current.elapsed_seconds(clock.now()))
                    elif target is None or target == current.position:
                        expected = -left if operation == "skip" else 0.0
                    else:
                        # Leaving gives up what this section had left; the one entered brings what it has:
                        # nothing new if it was still to run (its time was counted), else what it has left.
                        entered = before_runs[target]
                        still_to_run = entered.started_at is None and not entered.skipped
                        expected = -left + (0.0 if still_to_run else max(0.0, entered.allowed_seconds
                                                                          - entered.elapsed_seconds(clock.now())))
                elif operation in ("more", "less"):
                    minutes = 1 if operation == "more" else -1
                    try:
                        session.adjust_current(minutes)
                    except ValueError:
                        expected = 0.0
                    else:
                        expected = max(0.0, before.left + 60 * minutes) - left
                else:
                    assert isinstance(argument, Replan)
                    try:
                        session.replan(argument, drop=len(OPERATIONAL) - 1)
                    except ValueError:
                        pass
                after = session.projection()
                assert after is not None
                assert after.planned_finish == planned_finish
                assert after.behind_seconds == (after.finish - planned_finish).total_seconds()
                assert after.finish >= clock.now()
                if expected is not None:
                    assert (after.finish - before.finish).total_seconds() == pytest.approx(expected, abs=1e-3), operation
            _run_the_rest_as_planned(session, clock)
        finally:
            store.close()


def _run_the_rest_as_planned(session: MeetingSession, clock: FrozenClock) -> None:
    """Every section from now takes exactly the time it has: the meeting ends at the projected finish."""
    projection = session.projection()
    assert projection is not None
    current = session.current
    assert current is not None
    if current.paused_at is not None and not current.skipped:
        session.toggle_pause()
    clock.advance(max(0.0, section_left(session.current, clock.now())))
    for run in [r for r in session.runs if r.started_at is None and not r.skipped and r.position != current.position]:
        session.go_to(run.position)
        clock.advance(session.runs[run.position].allowed_seconds)
    assert clock.now() == projection.finish


def test_trends_count_how_often_each_kind_of_section_was_steered(
    session: MeetingSession, store: Store, clock: FrozenClock
) -> None:
    """Across the partnership's ended meetings: shortened, lengthened and skipped, by kind of section."""
    clock.advance(60)
    session.adjust_current(1)  # the welcome: a minute more
    session.replan(Replan.DROP, drop=3)  # a discussion dropped
    session.go_to(2)
    session.adjust_current(-1)  # the round: a minute less
    assert store.review.trends(session.partnership_id).steered == ()  # still running: not yet in Trends
    session.end()
    steered = {s.kind: s for s in store.review.trends(session.partnership_id).steered}
    assert (steered["welcome"].lengthened, steered["welcome"].shortened, steered["welcome"].skipped) == (1, 0, 0)
    assert (steered["round"].shortened, steered["round"].sections) == (1, 1)
    assert steered["discussion"].skipped == 1 and steered["discussion"].shortened == 0
