"""What a participant adds from their own browser: a term or an elephant, anonymous or credited
to one of the partnership's organisations, never to a person and never confidential.

The same captures as the facilitator's (`usecases.capture`), so a participant's term is
counted, keyed and merged exactly as one typed at the console.
"""

from __future__ import annotations

from meetingkit.core.models import ANONYMOUS, Speaker
from meetingkit.store import Store
from meetingkit.usecases import capture


def _speaker(store: Store, meeting_id: str, organisation_id: str | None) -> Speaker:
    """Anonymous unless the participant chose one of the organisations their page offers."""
    if organisation_id is None:
        return ANONYMOUS
    if organisation_id not in {o.id for o in store.room.organisations(meeting_id)}:
        raise ValueError("That organisation is not part of this partnership.")
    return Speaker.organisation(organisation_id)


def add_term(store: Store, meeting_id: str, text: str, organisation_id: str | None = None) -> str:
    """A participant names a term; returns its id (the room may not see it: see `RoomSession`).

    Raises:
        MeetingEnded: the meeting is over (the participant is told so, and nothing more about it).
        ValueError: nothing typed, too long (`TextTooLong`), or an organisation from elsewhere.
    """
    with store.db.transaction():
        store.meetings.refuse_if_ended(meeting_id)
        term_id, _ = capture.name_jargon(store, meeting_id, text, speaker=_speaker(store, meeting_id, organisation_id))
    return term_id


def add_elephant(store: Store, meeting_id: str, text: str, organisation_id: str | None = None) -> str:
    """A participant names an elephant: it goes to the parking lot like any other. Returns its id.

    Raises:
        MeetingEnded: the meeting is over.
        ValueError: nothing typed, too long (`TextTooLong`), or an organisation from elsewhere.
    """
    with store.db.transaction():
        store.meetings.refuse_if_ended(meeting_id)
        return capture.raise_elephant(store, meeting_id, text, speaker=_speaker(store, meeting_id, organisation_id))
