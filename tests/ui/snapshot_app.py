"""What the snapshot tests share: the sizes, and a partnership's year of meetings written through
the store on a real file.

Everything shown on screen comes from here and from the frozen clock, so a snapshot is the same
run after run: fixed names and texts, times set by moving the clock, and nothing random (ids,
join codes, the temporary folder's path) ever typed into or read off the screen. Typing like a
person is `tests.helpers.type_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import TurningPointKind
from meetingkit.store import Store
from tests.helpers import DAY

SIZES = [(80, 24), (120, 36)]
"""The smallest terminal the app supports, and a common one."""

SIZE_IDS = ["80x24", "120x36"]

MINUTE = 60


@dataclass(frozen=True)
class Year:
    """The meetings a snapshot test can open (ids are random: never shown, only used to open)."""

    october: str
    """Newcomer Families, ended six weeks ago: a bit of everything, one elephant left parked."""
    literacy: str
    """Literacy and Employment Network, ended a fortnight ago."""
    today: str
    """Newcomer Families, running now at the check-in round, with every board in use."""


def a_year_of_meetings(store: Store, clock: FrozenClock, library: AgendaLibrary) -> Year:
    """Two partnerships, two past meetings and one running today (the clock ends at 24 Nov 2026, 14:00 UTC
    plus the time today's meeting has run)."""
    families = store.partnerships.ensure("Newcomer Families Partnership")
    literacy = store.partnerships.ensure("Literacy and Employment Network")

    clock.advance(-42 * DAY)
    october = store.meetings.start(
        store.meetings.create(families.id, library.agendas["operational"], title="October coordination").id
    )
    store.meetings.add_attendee(october.id, "Dana", "school board")
    store.meetings.add_attendee(october.id, "Sam", "school board")
    store.meetings.add_attendee(october.id, "settlement worker", "OCISO")
    isp, _ = store.jargon.mention(october.id, "ISP")
    store.jargon.mention(october.id, "ISP")
    store.jargon.mention(october.id, "MLO")
    store.jargon.add_meaning(isp, "the family's settlement plan", meeting_id=october.id)
    store.boards.raise_elephant(october.id, "Funding follows client numbers, not need")
    clock.advance(35 * MINUTE)
    point = store.boards.mark_turning_point(october.id, note="An apology for the missed referrals",
                                     kind=TurningPointKind.APOLOGY)
    form = store.business.add_agreement(october.id, "One shared referral form", review_on=date(2027, 1, 15))
    store.boards.link_turning_point(point, form.id)
    store.business.add_action(october.id, "Draft the referral form", due_on=date(2026, 11, 1))
    store.business.add_action(october.id, "Call about the family we discussed", confidential=True)
    clock.advance(55 * MINUTE)
    store.records.end_and_summarise(october.id)

    clock.advance(28 * DAY - 90 * MINUTE)
    network = store.meetings.start(
        store.meetings.create(literacy.id, library.agendas["strategic"], title="Funding and next year").id
    )
    store.meetings.add_attendee(network.id, "Priya", "Literacy Ottawa")
    store.meetings.add_attendee(network.id, None, "Employment Ontario")
    store.jargon.mention(network.id, "LBS")
    store.boards.raise_elephant(network.id, "Two agencies bid for the same grant")
    clock.advance(60 * MINUTE)
    store.records.end_and_summarise(network.id)

    clock.advance(14 * DAY - 60 * MINUTE)
    today = store.meetings.create(families.id, library.agendas["operational"], title="Monthly coordination")
    for name, organisation in [("Dana", "school board"), ("settlement worker", "OCISO"), ("Sam", "school board")]:
        store.meetings.add_attendee(today.id, name, organisation)
    store.meetings.start(today.id)
    clock.advance(7 * MINUTE)
    store.meetings.go_to_section(today.id, 1)
    clock.advance(12 * MINUTE)
    store.meetings.go_to_section(today.id, 2)
    store.jargon.mention(today.id, "ISP")
    store.jargon.mention(today.id, "SWIS")
    store.jargon.mention(today.id, "Individual Education Plan")
    store.boards.raise_elephant(today.id, "Who decides when a family is ready for school")
    clock.advance(4 * MINUTE)
    store.boards.mark_turning_point(today.id, note="I never thought about it like that")
    store.business.add_agreement(today.id, "Workers are school-based but not school-bound")
    store.business.add_action(today.id, "Share the term timetable", due_on=date(2026, 11, 27))
    store.business.add_action(today.id, "Phone the family's caseworker", confidential=True)
    store.notes.add(today.id, "Waitlist at OCISO is six weeks")
    clock.advance(2 * MINUTE)
    return Year(october=october.id, literacy=network.id, today=today.id)
