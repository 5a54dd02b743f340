"""Use cases are all or nothing: a fault part-way through starting, capturing or ending a
meeting leaves the file exactly as it was, and who said it travels as one `Speaker`."""

from __future__ import annotations

from typing import Any

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import Attribution, MeetingStatus, Speaker
from meetingkit.store import Store
from meetingkit.store.errors import MeetingEnded
from meetingkit.usecases import capture
from meetingkit.usecases.meetings import (
    MeetingNotRunning,
    add_arrival,
    end_meeting,
    start_meeting,
    start_planned_meeting,
)
from tests.helpers import every_row


class Fault(Exception):
    """Raised by a test between two steps of a use case."""


def fail_on_call(count: int):
    """A stand-in that lets `count - 1` calls through to `real`, then raises `Fault`."""

    def wrap(real):
        calls = 0

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls >= count:
                raise Fault("the laptop's battery died here")
            return real(*args, **kwargs)

        return wrapper

    return wrap


def test_start_meeting_records_who_came_and_starts_it(store: Store, library: AgendaLibrary) -> None:
    """One call: the partnership (new), the meeting, its attendees, running in its first section."""
    meeting = start_meeting(
        store, "Schools and settlement", library.agendas["operational"],
        title="November", attendees=[("Dana", "School board"), (None, "OCISO")],
    )
    assert meeting.status is MeetingStatus.RUNNING and meeting.title == "November"
    assert [person.label for person in store.meetings.attendees(meeting.id)] == ["Dana, School board", "OCISO"]


def test_a_fault_while_starting_leaves_the_file_as_it_was(
    store: Store, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second attendee fails: no partnership, no planned meeting, no first attendee are left behind."""
    before = every_row(store.path)
    monkeypatch.setattr(store.meetings, "add_attendee", fail_on_call(2)(store.meetings.add_attendee))
    with pytest.raises(Fault):
        start_meeting(
            store, "Schools and settlement", library.agendas["operational"],
            attendees=[("Dana", "School board"), ("Sam", "OCISO")],
        )
    assert every_row(store.path) == before


def test_a_late_arrival_is_read_with_the_partnerships_organisations(store: Store, library: AgendaLibrary) -> None:
    meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"],
                            attendees=[("Dana", "School board")])
    assert add_arrival(store, meeting.id, "school board").label == "School board"  # known: an organisation
    assert add_arrival(store, meeting.id, "Amira, OCISO").label == "Amira, OCISO"
    with pytest.raises(ValueError):
        add_arrival(store, meeting.id, "  ")


def test_a_late_arrival_is_all_or_nothing_and_never_joins_an_ended_meeting(
    store: Store, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = start_meeting(store, "Schools and settlement", library.agendas["operational"])
    before = every_row(store.path)
    with monkeypatch.context() as patch:  # the organisation and the person are made, then the battery dies
        patch.setattr(store.meetings, "attend", fail_on_call(1)(store.meetings.attend))
        with pytest.raises(Fault):
            add_arrival(store, meeting.id, "Sam, New agency")
    assert every_row(store.path) == before
    end_meeting(store, meeting.id)
    before = every_row(store.path)
    with pytest.raises(MeetingEnded):
        add_arrival(store, meeting.id, "Late, Another agency")
    assert every_row(store.path) == before


def test_a_planned_meeting_is_started_once(store: Store, library: AgendaLibrary, clock) -> None:
    """Opened from the home screen it starts in its first section; opened again, nothing moves."""
    partnership = store.partnerships.ensure("Schools and settlement")
    planned = store.meetings.create(partnership.id, library.agendas["operational"])
    started = start_planned_meeting(store, planned.id)
    assert started.status is MeetingStatus.RUNNING and started.current_position == 0
    clock.advance(60)
    assert start_planned_meeting(store, planned.id).started_at == started.started_at


def test_a_fault_while_ending_leaves_the_meeting_running(
    store: Store, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary cannot be saved: the meeting is not ended without it."""
    meeting = start_meeting(store, "Literacy network", library.agendas["operational"])
    capture.name_jargon(store, meeting.id, "LBS")
    before = every_row(store.path)
    monkeypatch.setattr(store.meetings, "save_summary", fail_on_call(1)(store.meetings.save_summary))
    with pytest.raises(Fault):
        end_meeting(store, meeting.id)
    assert every_row(store.path) == before
    assert store.meetings.get(meeting.id).status is MeetingStatus.RUNNING


def test_ending_keeps_the_summary_with_the_meeting(store: Store, library: AgendaLibrary) -> None:
    meeting = start_meeting(store, "Literacy network", library.agendas["operational"])
    summary = end_meeting(store, meeting.id)
    ended = store.meetings.get(meeting.id)
    assert ended.status is MeetingStatus.ENDED
    assert summary and ended.summary == summary


def test_a_typed_speaker_is_found_among_attendees_or_added(store: Store, library: AgendaLibrary) -> None:
    """`--by dana` is the Dana who came; `--by "Lee, OCISO"` is someone new; `--org ociso` the organisation."""
    meeting = start_meeting(store, "Schools", library.agendas["operational"], attendees=[("Dana", "School board")])
    first = capture.raise_elephant(store, meeting.id, "Funding by numbers", speaker=Speaker.person_typed("dana"))
    second = capture.raise_elephant(store, meeting.id, "Who owns the form", speaker=Speaker.person_typed("Lee, OCISO"))
    third = capture.raise_elephant(store, meeting.id, "Time at the school", speaker=Speaker.organisation_typed("OCISO"))
    assert [store.boards.elephant(e).said_by for e in (first, second, third)] == ["Dana, School board", "Lee, OCISO", "OCISO"]
    assert len(store.meetings.attendees(meeting.id)) == 1  # Lee spoke up in the notes, not at the door


def test_a_refused_capture_adds_nobody(store: Store, library: AgendaLibrary) -> None:
    """An empty action credited to someone new: refused, and the someone is not kept either."""
    meeting = start_meeting(store, "Schools", library.agendas["operational"])
    before = every_row(store.path)
    with pytest.raises(ValueError):
        capture.add_action(store, meeting.id, "   ", speaker=Speaker.person_typed("Lee, OCISO"), owner="Sam, TDSB")
    assert every_row(store.path) == before


def test_anonymous_keeps_nobody(store: Store, library: AgendaLibrary) -> None:
    meeting = start_meeting(store, "Schools", library.agendas["operational"], attendees=[("Dana", "School board")])
    elephant = capture.raise_elephant(store, meeting.id, "We are measured on numbers")
    assert store.boards.elephant(elephant).said_by == "anonymous"
    row = store.db.rows("SELECT attribution, person_id, organisation_id FROM elephants WHERE id = ?", [elephant])[0]
    assert tuple(row) == (Attribution.ANONYMOUS.value, None, None)


def test_nothing_is_captured_into_an_ended_meeting(store: Store, library: AgendaLibrary) -> None:
    meeting = start_meeting(store, "Schools", library.agendas["operational"])
    end_meeting(store, meeting.id)
    with pytest.raises(MeetingNotRunning, match="capture into a meeting in progress"):
        capture.add_note(store, meeting.id, "too late")
