"""An organisation known only from confidential items is itself confidential: the room, a
participant and a report without confidential items never see its name, until something
open names it."""

from __future__ import annotations

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import Organisation, Speaker
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.usecases import capture, room
from meetingkit.usecases.meetings import start_meeting
from meetingkit.usecases.session import MeetingSession


def names(organisations: list[Organisation]) -> list[str]:
    return [organisation.name for organisation in organisations]


def a_meeting(store: Store, library: AgendaLibrary) -> str:
    """A running meeting where the school board came openly."""
    meeting = start_meeting(store, "Schools", library.agendas["operational"], attendees=[("Dana", "School board")])
    return meeting.id


def test_an_organisation_named_only_in_confidence_stays_out_of_sight(store: Store, library: AgendaLibrary) -> None:
    meeting_id = a_meeting(store, library)
    partnership_id = store.meetings.get(meeting_id).partnership_id
    capture.raise_elephant(
        store, meeting_id, "A family known to both of us", speaker=Speaker.organisation_typed("Children's Aid"),
        confidential=True,
    )
    capture.add_action(
        store, meeting_id, "Call about the child", owner="Sam, Mental Health Clinic", confidential=True
    )
    capture.mark_turning_point(store, meeting_id, speaker=Speaker.person_typed("Lee, Legal Clinic"), confidential=True)

    everyone = names(store.partnerships.organisations(partnership_id))
    assert everyone == ["Children's Aid", "Legal Clinic", "Mental Health Clinic", "School board"]
    assert names(store.partnerships.organisations(partnership_id, include_confidential=False)) == ["School board"]
    assert names(store.room.organisations(meeting_id)) == ["School board"]

    session = MeetingSession(store, meeting_id)
    assert "Children's Aid" in names(session.organisations())  # the facilitator's own screen
    session.set_projecting(True)
    assert names(session.organisations()) == ["School board"]  # the room is watching
    assert not {"Children's Aid", "Sam, Mental Health Clinic", "Mental Health Clinic"} & set(session.owners())


def test_an_open_mention_makes_it_known(store: Store, library: AgendaLibrary) -> None:
    meeting_id = a_meeting(store, library)
    partnership_id = store.meetings.get(meeting_id).partnership_id
    capture.raise_elephant(store, meeting_id, "In confidence", speaker=Speaker.organisation_typed("OCISO"), confidential=True)
    assert names(store.partnerships.organisations(partnership_id, include_confidential=False)) == ["School board"]
    capture.name_jargon(store, meeting_id, "ISP", speaker=Speaker.organisation_typed("OCISO"))
    assert names(store.partnerships.organisations(partnership_id, include_confidential=False)) == ["OCISO", "School board"]


def test_the_report_lists_it_only_with_confidential_items(store: Store, library: AgendaLibrary) -> None:
    meeting_id = a_meeting(store, library)
    partnership_id = store.meetings.get(meeting_id).partnership_id
    capture.add_agreement(
        store, meeting_id, "About one family", speaker=Speaker.organisation_typed("Children's Aid"), confidential=True
    )
    everything = Period(None, None)
    shown = store.reports.partnership_report(partnership_id, period=everything, include_confidential=False)
    asked = store.reports.partnership_report(partnership_id, period=everything, include_confidential=True)
    assert [row.organisation for row in shown.attendance] == ["School board"]
    assert "Children's Aid" in [row.organisation for row in asked.attendance]


def test_a_participant_cannot_credit_an_organisation_the_page_does_not_offer(store: Store, library: AgendaLibrary) -> None:
    meeting_id = a_meeting(store, library)
    capture.raise_elephant(
        store, meeting_id, "In confidence", speaker=Speaker.organisation_typed("Children's Aid"), confidential=True
    )
    hidden_id = next(o.id for o in store.partnerships.organisations(store.meetings.get(meeting_id).partnership_id)
                     if o.name == "Children's Aid")
    with pytest.raises(ValueError, match="not part of this partnership"):
        room.add_term(store, meeting_id, "ISP", hidden_id)


def test_projected_owner_suggestions_name_nobody_here(store: Store, library: AgendaLibrary) -> None:
    """A suggestion is on the wall as soon as a letter is typed: while the room watches, organisations only."""
    session = MeetingSession(store, a_meeting(store, library))
    session.reload()
    assert session.owners() == ["Dana, School board", "Dana", "School board"]
    session.set_projecting(True)
    assert session.owners() == ["School board"]
