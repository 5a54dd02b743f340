"""What the snapshot tests share: the sizes, a partnership's year of meetings written through the
store on a real file, and typing like a person.

Everything shown on screen comes from here and from the frozen clock, so a snapshot is the same
run after run: fixed names and texts, times set by moving the clock, and nothing random (ids,
join codes, the temporary folder's path) ever typed into or read off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.pilot import Pilot

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import TurningPointKind
from meetingkit.store import Store

SIZES = [(80, 24), (120, 36)]
"""The smallest terminal the app supports, and a common one."""

SIZE_IDS = ["80x24", "120x36"]

MINUTE = 60
DAY = 24 * 60 * MINUTE

KEY_NAMES = {" ": "space", ",": "comma", "-": "minus", "'": "apostrophe", ".": "full_stop"}


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*[KEY_NAMES.get(char, char) for char in text])


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
    families = store.ensure_partnership("Newcomer Families Partnership")
    literacy = store.ensure_partnership("Literacy and Employment Network")

    clock.advance(-42 * DAY)
    october = store.start_meeting(
        store.create_meeting(families.id, library.agendas["operational"], title="October coordination").id
    )
    store.add_attendee(october.id, "Dana", "school board")
    store.add_attendee(october.id, "Sam", "school board")
    store.add_attendee(october.id, "settlement worker", "OCISO")
    isp, _ = store.mention_jargon(october.id, "ISP")
    store.mention_jargon(october.id, "ISP")
    store.mention_jargon(october.id, "MLO")
    store.add_meaning(isp, "the family's settlement plan", meeting_id=october.id)
    store.raise_elephant(october.id, "Funding follows client numbers, not need")
    clock.advance(35 * MINUTE)
    point = store.mark_turning_point(october.id, note="An apology for the missed referrals",
                                     kind=TurningPointKind.APOLOGY)
    form = store.add_agreement(october.id, "One shared referral form", review_on=date(2027, 1, 15))
    store.link_turning_point(point, form.id)
    store.add_action(october.id, "Draft the referral form", due_on=date(2026, 11, 1))
    store.add_action(october.id, "Call about the family we discussed", confidential=True)
    clock.advance(55 * MINUTE)
    store.end_and_summarise(october.id)

    clock.advance(28 * DAY - 90 * MINUTE)
    network = store.start_meeting(
        store.create_meeting(literacy.id, library.agendas["strategic"], title="Funding and next year").id
    )
    store.add_attendee(network.id, "Priya", "Literacy Ottawa")
    store.add_attendee(network.id, None, "Employment Ontario")
    store.mention_jargon(network.id, "LBS")
    store.raise_elephant(network.id, "Two agencies bid for the same grant")
    clock.advance(60 * MINUTE)
    store.end_and_summarise(network.id)

    clock.advance(14 * DAY - 60 * MINUTE)
    today = store.create_meeting(families.id, library.agendas["operational"], title="Monthly coordination")
    for name, organisation in [("Dana", "school board"), ("settlement worker", "OCISO"), ("Sam", "school board")]:
        store.add_attendee(today.id, name, organisation)
    store.start_meeting(today.id)
    clock.advance(7 * MINUTE)
    store.go_to_section(today.id, 1)
    clock.advance(12 * MINUTE)
    store.go_to_section(today.id, 2)
    store.mention_jargon(today.id, "ISP")
    store.mention_jargon(today.id, "SWIS")
    store.mention_jargon(today.id, "Individual Education Plan")
    store.raise_elephant(today.id, "Who decides when a family is ready for school")
    clock.advance(4 * MINUTE)
    store.mark_turning_point(today.id, note="I never thought about it like that")
    store.add_agreement(today.id, "Workers are school-based but not school-bound")
    store.add_action(today.id, "Share the term timetable", due_on=date(2026, 11, 27))
    store.add_action(today.id, "Phone the family's caseworker", confidential=True)
    store.append_note(today.id, "Waitlist at OCISO is six weeks")
    clock.advance(2 * MINUTE)
    return Year(october=october.id, literacy=network.id, today=today.id)
