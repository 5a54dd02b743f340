"""Moving an elephant on (issue 15): one use case for the console and `meetingkit elephant`, with the
same rules (which moves make sense from where it is) and the same history (each move recorded
in the meeting it was made in, with its note)."""

from __future__ import annotations

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from meetingkit.usecases.capture import ELEPHANT_MOVES_FROM, ElephantMoveRefused, move_elephant
from meetingkit.usecases.meetings import MeetingNotRunning, end_meeting, start_meeting
from meetingkit.usecases.session import MeetingSession
from tests.helpers import DAY

PARKED, DISCUSSING, ADDRESSED, LET_GO = (
    ElephantStatus.PARKED, ElephantStatus.DISCUSSING, ElephantStatus.ADDRESSED, ElephantStatus.LET_GO
)
SENSIBLE = {
    (PARKED, PARKED), (PARKED, DISCUSSING), (PARKED, ADDRESSED), (PARKED, LET_GO),
    (DISCUSSING, PARKED), (DISCUSSING, ADDRESSED), (DISCUSSING, LET_GO),
    (ADDRESSED, PARKED), (ADDRESSED, DISCUSSING),
    (LET_GO, PARKED), (LET_GO, DISCUSSING),
}
"""(from, to): kept parked or reopened from anywhere; discussed unless it already is; closed only while open."""


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    return start_meeting(store, "Schools and settlement", library.agendas["operational"], title="October")


def elephant_at(store: Store, meeting_id: str, status: ElephantStatus) -> str:
    elephant = store.boards.raise_elephant(meeting_id, "Numbers, not time at the school")
    if status is not PARKED:
        store.boards.set_elephant_status(elephant, status, meeting_id=meeting_id, note="before")
    return elephant


def test_the_rules_are_the_table() -> None:
    assert {(source, target) for target, sources in ELEPHANT_MOVES_FROM.items() for source in sources} == SENSIBLE


@pytest.mark.parametrize("source", list(ElephantStatus))
@pytest.mark.parametrize("target", list(ElephantStatus))
def test_a_move_is_made_and_recorded_only_where_it_makes_sense(
    store: Store, meeting, source: ElephantStatus, target: ElephantStatus
) -> None:
    elephant = elephant_at(store, meeting.id, source)
    history = store.boards.elephant_history(elephant)
    if (source, target) in SENSIBLE:
        move_elephant(store, meeting.id, elephant, target, "how or why")
        assert store.boards.elephant(elephant).status is target
        assert store.boards.elephant_history(elephant) == [*history, (source.value, target.value, "how or why")]
    else:
        with pytest.raises(ElephantMoveRefused) as refused:
            move_elephant(store, meeting.id, elephant, target, "how or why")
        assert "Numbers" not in str(refused.value), "a refusal never quotes the elephant (it may be confidential)"
        assert store.boards.elephant(elephant).status is source
        assert store.boards.elephant_history(elephant) == history


def test_addressing_one_already_let_go_says_where_and_how_to_reopen_it(store: Store, meeting) -> None:
    elephant = elephant_at(store, meeting.id, LET_GO)
    with pytest.raises(ElephantMoveRefused, match=r"^That elephant was let go in October, so it cannot be addressed "
                                                  r"now: reopen it first by discussing it \(or parking it again\)\.$"):
        move_elephant(store, meeting.id, elephant, ADDRESSED, "we did after all")
    move_elephant(store, meeting.id, elephant, DISCUSSING)
    move_elephant(store, meeting.id, elephant, ADDRESSED, "we did after all")
    resolved = store.boards.elephant(elephant)
    assert (resolved.status, resolved.resolution_note, resolved.resolved_in) == (ADDRESSED, "we did after all", "October")


def test_the_move_is_recorded_in_the_meeting_it_was_made_in(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    elephant = elephant_at(store, meeting.id, PARKED)
    end_meeting(store, meeting.id)
    clock.advance(30 * DAY)
    november = start_meeting(store, "Schools and settlement", library.agendas["operational"], title="November")
    move_elephant(store, november.id, elephant, LET_GO, "Out of our hands")
    resolved = store.boards.elephant(elephant)
    assert (resolved.resolved_in, resolved.resolution_note, resolved.meetings_waited) == (
        "November", "Out of our hands", 1
    )
    events = store.db.rows("SELECT meeting_id, to_status FROM elephant_events WHERE elephant_id = ? ORDER BY rowid",
                           [elephant])
    assert [(row["meeting_id"], row["to_status"]) for row in events] == [(meeting.id, "parked"), (november.id, "let_go")]


def test_only_a_meeting_in_progress_of_the_same_partnership_moves_an_elephant(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    elephant = elephant_at(store, meeting.id, PARKED)
    other = start_meeting(store, "Health and housing", library.agendas["operational"])
    with pytest.raises(ElephantMoveRefused, match="another partnership's"):
        move_elephant(store, other.id, elephant, DISCUSSING)
    end_meeting(store, meeting.id)
    with pytest.raises(MeetingNotRunning):
        move_elephant(store, meeting.id, elephant, DISCUSSING)
    assert store.boards.elephant_history(elephant) == [(None, "parked", "")]


def test_the_console_session_moves_through_the_same_rules(store: Store, meeting) -> None:
    session = MeetingSession(store, meeting.id)
    elephant = session.raise_elephant("Numbers, not time at the school")
    session.move_elephant(elephant, LET_GO, "Out of our hands")
    with pytest.raises(ElephantMoveRefused, match="was let go in October"):
        session.move_elephant(elephant, ADDRESSED, "Talked")
    assert store.boards.elephant(elephant).status is LET_GO


@pytest.mark.parametrize("status", [ADDRESSED, LET_GO, DISCUSSING])
def test_the_console_saving_an_elephant_where_it_is_corrects_its_note_and_keeps_when_it_was_resolved(
    store: Store, meeting, status: ElephantStatus
) -> None:
    """The console's form saved again to fix a typo in how it was addressed: not a move (which the
    rules refuse, as `meetingkit elephant` does), and not refused."""
    elephant = elephant_at(store, meeting.id, status)
    before = store.boards.elephant(elephant)
    session = MeetingSession(store, meeting.id)

    session.correct_elephant_note(elephant, "Managers met and settled it")

    after = store.boards.elephant(elephant)
    assert after.status is status and after.resolved_at == before.resolved_at
    if status is not DISCUSSING:
        assert after.resolution_note == "Managers met and settled it"
    assert store.boards.elephant_history(elephant)[-1] == (status.value, status.value, "Managers met and settled it")
