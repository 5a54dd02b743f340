"""Capturing into a running meeting: jargon, elephants, turning points, agreements, actions, notes.

Every capture takes who said it as one `Speaker` and runs in one transaction, so a
person typed in `--by` is added only if the capture itself is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from meetingkit.core.i18n import _, pgettext
from meetingkit.core.models import (
    ANONYMOUS,
    Action,
    Agreement,
    Attribution,
    Elephant,
    ElephantStatus,
    Meeting,
    Person,
    Speaker,
    TurningPointKind,
)
from meetingkit.core.text import split_attendee
from meetingkit.store import Store
from meetingkit.usecases.meetings import running_meeting


def _credit(store: Store, meeting: Meeting, speaker: Speaker) -> dict[str, Any]:
    """The store's attribution columns for `speaker`, finding or adding a typed person or organisation."""
    if speaker.attribution is Attribution.ANONYMOUS:
        return {"attribution": Attribution.ANONYMOUS}
    if speaker.attribution is Attribution.ORGANISATION:
        organisation_id = speaker.organisation_id
        if organisation_id is None and speaker.typed.strip():
            organisation_id = store.partnerships.ensure_organisation(meeting.partnership_id, speaker.typed).id
        elif organisation_id not in {o.id for o in store.partnerships.organisations(meeting.partnership_id)}:
            # A browser can send any id; an entry is never credited to another partnership's organisation.
            raise ValueError(_("That organisation is not part of this partnership."))
        return {"attribution": Attribution.ORGANISATION, "organisation_id": organisation_id}
    person_id, organisation_id = speaker.person_id, speaker.organisation_id
    if person_id is None and speaker.typed.strip():
        wanted = speaker.typed.strip().casefold()
        known = [p for p in store.meetings.attendees(meeting.id) if wanted in (p.label.casefold(), (p.name or "").casefold())]
        if known:
            person = known[0]
        else:
            name, organisation = split_attendee(speaker.typed)
            person = store.partnerships.add_person(meeting.partnership_id, name, organisation)
        person_id, organisation_id = person.id, person.organisation_id
    return {"attribution": Attribution.NAMED, "person_id": person_id, "organisation_id": organisation_id}


def name_jargon(
    store: Store, meeting_id: str, text: str, *, speaker: Speaker = ANONYMOUS, confidential: bool = False
) -> tuple[str, int]:
    """Put a term on the board, or count it once more; returns its id and its tally in this meeting."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        return store.jargon.mention(meeting.id, text, confidential=confidential, **_credit(store, meeting, speaker))


def raise_elephant(
    store: Store, meeting_id: str, text: str, *, speaker: Speaker = ANONYMOUS, confidential: bool = False
) -> str:
    """Name an elephant; it goes to the partnership's parking lot. Returns its id."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        return store.boards.raise_elephant(meeting.id, text, confidential=confidential, **_credit(store, meeting, speaker))


ELEPHANT_MOVES_FROM: dict[ElephantStatus, frozenset[ElephantStatus]] = {
    ElephantStatus.PARKED: frozenset(ElephantStatus),
    ElephantStatus.DISCUSSING: frozenset(ElephantStatus) - {ElephantStatus.DISCUSSING},
    ElephantStatus.ADDRESSED: frozenset({ElephantStatus.PARKED, ElephantStatus.DISCUSSING}),
    ElephantStatus.LET_GO: frozenset({ElephantStatus.PARKED, ElephantStatus.DISCUSSING}),
}
"""Where an elephant may come from, for each place it can go. Parked again from anywhere (kept
parked, or reopened); discussed unless it already is (one addressed or let go is reopened so);
addressed or let go only while it is open: one already closed is reopened first."""



def _being(status: ElephantStatus) -> str:
    """Where an elephant stands, as a refusal says it ("already addressed")."""
    return {
        ElephantStatus.PARKED: pgettext("elephant", "parked"),
        ElephantStatus.DISCUSSING: pgettext("elephant", "being discussed"),
        ElephantStatus.ADDRESSED: pgettext("elephant", "addressed"),
        ElephantStatus.LET_GO: pgettext("elephant", "let go"),
    }[status]


class ElephantMoveRefused(ValueError):
    """A move that makes no sense from where the elephant is (addressing one already let go).

    The message never quotes the elephant, which may be confidential and the console projected."""


def move_elephant(store: Store, meeting_id: str, elephant_id: str, status: ElephantStatus, note: str = "") -> None:
    """Move an elephant on in a meeting in progress: discussed, addressed, let go, or parked again.

    The one way the console and `meetingkit elephant` both do it, in one transaction: the move is
    recorded in the elephant's history as made in this meeting, with `note` (how it was addressed,
    why it was let go, or a word for the record), and one that makes no sense from where the
    elephant is now (`ELEPHANT_MOVES_FROM`) is refused.

    Raises:
        MeetingNotRunning: the meeting is planned or has ended.
        ElephantMoveRefused: the elephant is another partnership's, or cannot go there from where it is.
        KeyError: there is no such elephant.
        TextTooLong: the note is longer than a line takes.
    """
    status = ElephantStatus(status)
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        elephant = store.boards.elephant(elephant_id)
        if elephant.partnership_id != meeting.partnership_id:
            raise ElephantMoveRefused(_("That elephant is another partnership's; it is moved on in their meetings."))
        if elephant.status not in ELEPHANT_MOVES_FROM[status]:
            raise ElephantMoveRefused(_refusal(elephant, status))
        store.boards.set_elephant_status(elephant.id, status, meeting_id=meeting.id, note=note)


def _refusal(elephant: Elephant, status: ElephantStatus) -> str:
    """Why the elephant cannot go to `status` from where it is, and what would."""
    where = elephant.resolved_in if elephant.resolved_in and not elephant.is_open else ""
    if elephant.status is status:
        # Translators: {status} is "parked", "being discussed", "addressed" or "let go"; {meeting} a meeting's title.
        said = _("That elephant is already {status} in {meeting}.") if where else _("That elephant is already {status}.")
        return said.format(status=_being(status), meeting=where)
    said = (_("That elephant was {was} in {meeting}, so it cannot be {status} now: "
              "reopen it first by discussing it (or parking it again).") if where else
            _("That elephant was {was}, so it cannot be {status} now: "
              "reopen it first by discussing it (or parking it again)."))
    return said.format(was=_being(elephant.status), status=_being(status), meeting=where)


def mark_turning_point(
    store: Store,
    meeting_id: str,
    *,
    note: str = "",
    kind: TurningPointKind | None = None,
    speaker: Speaker = ANONYMOUS,
    confidential: bool = False,
) -> str:
    """Stamp a turning point now, in the current section; detail can come later. Returns its id."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        return store.boards.mark_turning_point(
            meeting.id, note=note, kind=kind, confidential=confidential, **_credit(store, meeting, speaker)
        )


def add_agreement(
    store: Store,
    meeting_id: str,
    text: str,
    *,
    parties: Sequence[str] = (),
    review_on: date | None = None,
    speaker: Speaker = ANONYMOUS,
    confidential: bool = False,
) -> Agreement:
    """Record a shared understanding, the organisations that agreed it, and when to look at it again."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        return store.business.add_agreement(
            meeting.id,
            text,
            party_organisation_ids=list(parties),
            review_on=review_on,
            confidential=confidential,
            **_credit(store, meeting, speaker),
        )


def add_action(
    store: Store,
    meeting_id: str,
    text: str,
    *,
    owner: str = "",
    due_on: date | None = None,
    speaker: Speaker = ANONYMOUS,
    confidential: bool = False,
) -> Action:
    """Record an action; `owner` is read as the runner reads it (an attendee, an organisation, or new)."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        credit = _credit(store, meeting, speaker)
        person_id, organisation_id = store.business.resolve_owner(meeting.id, owner)
        return store.business.add_action(
            meeting.id,
            text,
            owner_person_id=person_id,
            owner_organisation_id=organisation_id,
            due_on=due_on,
            confidential=confidential,
            **credit,
        )


def add_note(
    store: Store, meeting_id: str, text: str, *, speaker: Speaker = ANONYMOUS, confidential: bool = False
) -> str:
    """Add a note at the end of the current section's notes; returns the note's own id."""
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        return store.notes.add(meeting.id, text, confidential=confidential, **_credit(store, meeting, speaker))


def remove_attendee(store: Store, meeting_id: str, entry: str) -> Person:
    """Take someone recorded at the door by mistake off a meeting in progress, named as the runner
    lists them ("Dana, school board", any case); returns who. The attendance's history keeps it
    (`Meetings.remove_attendee`), so ctrl+z brings them back.

    Raises:
        MeetingNotRunning: the meeting is planned or has ended.
        ValueError: nobody at the meeting goes by that (or several do).
    """
    wanted = " ".join(entry.split()).casefold()
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        here = store.meetings.attendees(meeting.id)
        found = [p for p in here if wanted in (p.label.casefold(), (p.name or "").casefold())]
        if not found:
            raise ValueError(_("Nobody at this meeting goes by that; type them as the list shows them."))
        if len(found) > 1 and len({p.label.casefold() for p in found}) > 1:
            raise ValueError(_("Several people here go by that; type the organisation too."))
        return store.meetings.remove_attendee(meeting.id, found[-1].id)


def correct_attendee(store: Store, meeting_id: str, person_id: str, entry: str) -> Person:
    """Correct the name or organisation of someone at a meeting in progress, typed as at the door
    ("Amira, OCISO"; an organisation alone is recognised as the door recognises it). The person's
    history keeps what they were (an EDITED change), so ctrl+z puts it back.

    Raises:
        MeetingNotRunning: the meeting is planned or has ended.
        ValueError: the entry is blank, or that person is not at the meeting.
    """
    with store.db.transaction():
        meeting = running_meeting(store, meeting_id)
        known = [organisation.name for organisation in store.partnerships.organisations(meeting.partnership_id)]
        name, organisation = split_attendee(entry, known)
        try:
            return store.meetings.correct_attendee(meeting.id, person_id, name, organisation)
        except KeyError:
            raise ValueError(_("That person is not at this meeting.")) from None
