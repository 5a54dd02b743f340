"""`meetingkit demo`: a realistic, reproducible history to explore (and to benchmark at scale).

Two partnerships of the kind the field writing describes, meeting every few weeks
for a year or more: terms named and explained (one word meaning different things
in different organisations), elephants that wait and get addressed, turning points,
agreements and actions carried from meeting to meeting. Everything goes through the
store's own methods under a clock that walks through the past, so the history is
what the app itself would have recorded. The same seed gives the same history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import (
    ActionStatus,
    Attribution,
    ElephantStatus,
    RoundOutcome,
    SectionKind,
    TurningPointKind,
)
from meetingkit.store import Store

DEMO_SUFFIX = " (demo)"


@dataclass(frozen=True)
class DemoPartnership:
    """One invented partnership: who is in it and what they talk about."""

    name: str
    people: tuple[tuple[str | None, str], ...]
    terms: dict[str, dict[str, str]]
    """Term → {organisation: what it means there}; an empty dict leaves it unexplained."""
    elephants: tuple[str, ...]
    agreements: tuple[str, ...]
    actions: tuple[str, ...]


PARTNERSHIPS = (
    DemoPartnership(
        name="Newcomer Families Partnership" + DEMO_SUFFIX,
        people=(
            ("Dana", "Public school board"), ("Sam", "Public school board"), ("principal", "Catholic school board"),
            ("settlement worker", "Settlement agency"), ("Priya", "Settlement agency"), (None, "Settlement agency"),
        ),
        terms={
            "ISP": {"Settlement agency": "the family's settlement plan, agreed at intake"},
            "IEP": {"Public school board": "Individual Education Plan for a student with extra needs"},
            "ITP": {},
            "MLO": {"Settlement agency": "a worker placed in schools to help newcomer families"},
            "counselling": {
                "Settlement agency": "practical help with forms, housing and services",
                "Public school board": "guidance about courses and credits",
                "Catholic school board": "support from the school's social worker",
            },
            "LSPC": {},
            "wraparound": {"Public school board": "every service around one student, planned together"},
            "intake": {"Settlement agency": "the first meeting where a family's needs are assessed"},
        },
        elephants=(
            "We are funded by client numbers, not by time spent in the schools",
            "Agency workers feel like guests in the schools",
            "Referrals only ever go one way",
            "Interpreters are booked too late to be useful",
        ),
        agreements=(
            "Workers are school-based but not school-bound",
            "One referral form for both school boards",
            "Interpreters are booked two weeks ahead for parent nights",
            "We describe families without names in this meeting",
        ),
        actions=(
            "Share the term timetable with the agency",
            "Draft the joint referral form",
            "Book interpreters for the spring parent night",
            "Find a room at the school for drop-in hours",
            "Send the orientation dates to both boards",
        ),
    ),
    DemoPartnership(
        name="Literacy to Employment Network" + DEMO_SUFFIX,
        people=(
            ("Lee", "Community literacy programme"), (None, "Community literacy programme"),
            ("Ana", "Employment services"), ("job developer", "Employment services"), ("Chris", "College LBS"),
        ),
        terms={
            "LBS": {"College LBS": "Literacy and Basic Skills, the provincial programme"},
            "assessment": {
                "Community literacy programme": "a conversation about what the learner wants to read",
                "Employment services": "a standard test of job readiness",
            },
            "milestone": {"College LBS": "a task a learner completes to show progress"},
            "case conference": {},
            "quality": {
                "Employment services": "placements that last six months",
                "College LBS": "learners reaching their goal on time",
            },
        },
        elephants=(
            "We compete for the same learners and the same funding",
            "Our outcome measures pull learners in different directions",
            "Nobody owns the hand-off between literacy and job search",
        ),
        agreements=(
            "A learner's goal is written in their own words first",
            "Hand-offs happen in a joint meeting, not by email",
            "We count a learner once, in the programme they started in",
        ),
        actions=(
            "Map who else works with adult learners in the area",
            "Share intake forms between the programmes",
            "Invite the library to the next strategic meeting",
            "Write up the hand-off steps",
        ),
    ),
)

TURNING_POINTS = (
    (TurningPointKind.NEW_UNDERSTANDING, "A principal said: I never thought about it like that",
     "Talking about time in schools instead of blame"),
    (TurningPointKind.APOLOGY, "An apology for the missed referrals last term", "The referral backlog got sorted out"),
    (TurningPointKind.CONCESSION, "The board agreed to share the timetable early", "Planning the year together"),
    (TurningPointKind.KIND_WORD, "Thanks for the worker who stayed late for a family", "Warmer tone all meeting"),
)

TYPE_ROTATION = ("operational", "operational", "reflective-practice", "operational", "strategic", "shared-training")


def _meeting_type(number: int, library: AgendaLibrary) -> str:
    wanted = TYPE_ROTATION[number % len(TYPE_ROTATION)]
    return wanted if library.for_type(wanted) else library.meeting_types[0]


def fill(
    store: Store, clock: FrozenClock, library: AgendaLibrary, *, meetings: int, seed: int, until: datetime
) -> dict[str, int]:
    """Add `meetings` meetings of invented history, spread over the partnerships, ending a few days before `until`.

    `clock` is the store's clock; it must start before the first meeting (`demo_start`).

    Returns:
        Counts of what was added, for the command to report.
    """
    rng = random.Random(seed)
    counts = dict.fromkeys(("meetings", "jargon", "elephants", "turning_points", "agreements", "actions"), 0)
    ids = {}
    for demo in PARTNERSHIPS:
        partnership = store.ensure_partnership(demo.name)
        ids[demo.name] = partnership.id
    for number, start in enumerate(schedule(meetings, seed, until)):
        if start > clock.now():
            clock.advance((start - clock.now()).total_seconds())
        demo = PARTNERSHIPS[number % len(PARTNERSHIPS)]
        _one_meeting(store, clock, library, rng, demo, ids[demo.name], number, counts)
    return counts


def schedule(meetings: int, seed: int, now: datetime) -> list[datetime]:
    """When the invented meetings start: a week or two apart, on weekdays, the last one a few days ago."""
    rng = random.Random(f"schedule-{seed}")
    starts = [now.replace(hour=10, minute=0, second=0, microsecond=0)]
    while len(starts) < meetings:
        starts.append(_next_start(starts[-1], rng))
    weeks = (starts[-1] - (now - timedelta(days=3))).days // 7 + 1
    return [start - timedelta(weeks=weeks) for start in starts]


def _next_start(now: datetime, rng: random.Random) -> datetime:
    """The next meeting: a week or two on, a weekday, at a usual meeting hour (UTC, for simplicity)."""
    start = (now + timedelta(days=rng.randint(5, 12))).replace(
        hour=rng.choice((9, 10, 13, 14)), minute=rng.choice((0, 30)), second=0, microsecond=0
    )
    while start.weekday() >= 5:
        start += timedelta(days=1)
    return start


def _one_meeting(store, clock, library, rng, demo, partnership_id, number, counts) -> None:
    agenda = library.for_type(_meeting_type(number, library))[0]
    meeting = store.create_meeting(partnership_id, agenda, site=rng.choice(["Central Library", "School library", "Agency office"]))
    people = rng.sample(demo.people, k=rng.randint(3, len(demo.people)))
    attendees = [store.add_attendee(meeting.id, name, organisation) for name, organisation in people]
    store.start_meeting(meeting.id)
    counts["meetings"] += 1
    for run in store.section_runs(meeting.id):
        if run.position:
            store.go_to_section(meeting.id, run.position)
        if run.kind is SectionKind.ROUND:
            for person in attendees:
                store.set_round_turn(run.id, person.id, RoundOutcome.PASSED if rng.random() < 0.2 else RoundOutcome.SPOKE)
        if run.kind is SectionKind.REVIEW:
            _review(store, rng, meeting.id)
        if run.kind in (SectionKind.DISCUSSION, SectionKind.TRAINING, SectionKind.ROUND):
            _captures(store, rng, demo, meeting.id, attendees, counts)
        clock.advance(run.planned_minutes * 60 * rng.uniform(0.7, 1.4))
    store.end_and_summarise(meeting.id)


def _credit(rng: random.Random, attendees) -> dict:
    roll = rng.random()
    person = rng.choice(attendees)
    if roll < 0.5:
        return {"attribution": Attribution.ANONYMOUS}
    if roll < 0.8 and person.organisation_id:
        return {"attribution": Attribution.ORGANISATION, "organisation_id": person.organisation_id}
    return {"attribution": Attribution.NAMED, "person_id": person.id, "organisation_id": person.organisation_id}


def _captures(store, rng, demo, meeting_id, attendees, counts) -> None:
    organisations = {o.name: o.id for o in store.organisations(store.meeting(meeting_id).partnership_id)}
    for term in rng.sample(list(demo.terms), k=rng.randint(1, 3)):
        term_id, _ = store.mention_jargon(meeting_id, term, **_credit(rng, attendees))
        counts["jargon"] += 1
        meanings = demo.terms[term]
        known = {m.organisation for m in store.board_term(term_id).meanings}
        missing = [org for org in meanings if org not in known]
        if missing and rng.random() < 0.6:
            organisation = rng.choice(missing)
            store.add_meaning(term_id, meanings[organisation], organisation_id=organisations.get(organisation),
                              meeting_id=meeting_id)
    if rng.random() < 0.3:
        store.raise_elephant(meeting_id, rng.choice(demo.elephants), confidential=rng.random() < 0.1,
                             **_credit(rng, attendees))
        counts["elephants"] += 1
    if rng.random() < 0.25:
        kind, note, opened_up = rng.choice(TURNING_POINTS)
        point = store.mark_turning_point(meeting_id)
        store.describe_turning_point(point, kind=kind, note=note, opened_up=opened_up)
        counts["turning_points"] += 1
        if rng.random() < 0.5:
            agreement = store.add_agreement(meeting_id, rng.choice(demo.agreements),
                                            party_organisation_ids=rng.sample(list(organisations.values()), k=2),
                                            review_on=(store.clock.now() + timedelta(days=90)).date())
            store.link_turning_point(point, agreement.id)
            counts["agreements"] += 1
    if rng.random() < 0.5:
        owner = rng.choice(attendees)
        store.add_action(meeting_id, rng.choice(demo.actions), owner_person_id=owner.id,
                         due_on=(store.clock.now() + timedelta(days=rng.randint(7, 30))).date(),
                         confidential=rng.random() < 0.05)
        counts["actions"] += 1


def _review(store, rng, meeting_id) -> None:
    for action in store.open_actions_from_before(meeting_id):
        roll = rng.random()
        if roll < 0.6:
            store.close_action(action.id, ActionStatus.DONE, meeting_id)
        elif roll < 0.7:
            store.close_action(action.id, ActionStatus.DROPPED, meeting_id)
        elif roll < 0.85:
            store.carry_action(action.id, meeting_id)
    for elephant in store.open_elephants(meeting_id):
        roll = rng.random()
        if roll < 0.25:
            store.set_elephant_status(elephant.id, ElephantStatus.ADDRESSED, meeting_id=meeting_id,
                                      note="Talked it through and agreed a shared way forward")
        elif roll < 0.35:
            store.set_elephant_status(elephant.id, ElephantStatus.LET_GO, meeting_id=meeting_id,
                                      note="Outside what this partnership can change")


def demo_start(meetings: int, until: datetime) -> datetime:
    """A clock start early enough for any schedule of `meetings` meetings (at most 14 days apart)."""
    return (until - timedelta(days=meetings * 14 + 14)).replace(microsecond=0)
