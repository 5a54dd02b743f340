"""Starting a meeting with the people at the door, and ending it with its summary."""

from __future__ import annotations

from collections.abc import Iterable

from meetingkit.core.agendas import Agenda
from meetingkit.core.models import Meeting, MeetingStatus, Person, WorkingLanguage
from meetingkit.core.records import Summary
from meetingkit.core.text import split_attendee
from meetingkit.store import Store
from meetingkit.store.errors import MeetingEnded


class MeetingNotRunning(ValueError):
    """Something that only a meeting in progress can take was sent to a planned or ended one."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__(
            f"{meeting.title} ({meeting.id}) is {meeting.status.value}; capture into a meeting in progress."
        )
        self.meeting = meeting


def start_meeting(
    store: Store,
    partnership: str,
    agenda: Agenda,
    *,
    title: str = "",
    site: str = "",
    attendees: Iterable[tuple[str | None, str | None]] = (),
    language: WorkingLanguage = WorkingLanguage.EN,
) -> Meeting:
    """Plan a meeting of `partnership` (made if new) from `agenda`, record who came, and start it.

    Args:
        attendees: (name, organisation) as read at the door; either may be None.

    Returns:
        The meeting, running, in its first section.
    """
    with store.db.transaction():
        found = store.partnerships.ensure(partnership)
        meeting = store.meetings.create(found.id, agenda, title=title, site=site, language=language)
        for name, organisation in attendees:
            store.meetings.add_attendee(meeting.id, name, organisation)
        return store.meetings.start(meeting.id)


def add_arrival(store: Store, meeting_id: str, entry: str) -> Person:
    """Someone arrived: "name, organisation" as typed at the door (either part may be left out).

    The entry is read as the new-meeting form reads it, knowing the partnership's
    organisations; the organisation (if new), the person (if new) and their attendance
    are added in one transaction.

    Raises:
        MeetingEnded: the meeting has ended (nothing is added).
        ValueError: the entry is blank.
        TextTooLong: the entry is longer than a line may be.
    """
    with store.db.transaction():
        meeting = store.meetings.get(meeting_id)
        if meeting.status is MeetingStatus.ENDED:
            raise MeetingEnded(meeting.title)
        known = store.partnerships.known_names(meeting.partnership_id)  # names and aliases, any case
        name, organisation = split_attendee(entry, known.values())
        alone = (name or "").casefold() if organisation is None else ""
        if alone in known:
            name, organisation = None, known[alone]  # an alias typed alone
        if name is None and organisation is None:
            raise ValueError("Give a name, an organisation, or both.")
        return store.meetings.add_attendee(meeting_id, name, organisation)


def start_planned_meeting(store: Store, meeting_id: str) -> Meeting:
    """Start a meeting that was planned earlier (opened from the home screen); returns it running.

    A meeting already in progress (or ended) is returned as it is, so opening it twice is harmless.
    """
    with store.db.transaction():
        return store.meetings.start(meeting_id)


def end_meeting(store: Store, meeting_id: str) -> Summary:
    """Close the meeting and keep its summary with it; returns the summary (again is harmless)."""
    with store.db.transaction():
        return store.records.end_and_summarise(meeting_id)


def running_meeting(store: Store, meeting_id: str) -> Meeting:
    """The meeting, if it is in progress.

    Raises:
        MeetingNotRunning: it is planned or has ended.
    """
    meeting = store.meetings.get(meeting_id)
    if meeting.status is not MeetingStatus.RUNNING:
        raise MeetingNotRunning(meeting)
    return meeting
