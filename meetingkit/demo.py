"""`meetingkit demo`: a realistic, reproducible history to explore (and to benchmark at scale).

Three partnerships of the kind the field writing describes (a settlement agency and
school boards, a literacy network and employment services, child welfare and
children's mental health), each meeting every week or two. The meetings are dense,
as real ones are: the partnership's acronyms come up again and again (about fifty
captured items a meeting, most of them jargon mentions), one word means different
things in different organisations, new programmes bring new acronyms, most sections
get a few lines of notes, elephants wait and get addressed or let go, turning points
lead to agreements, and actions are carried from meeting to meeting. Everything goes
through the store's own methods under a clock that walks through the past, so the
history is what the app itself would have recorded. The same seed gives the same
history (only ids differ: they are random by design).

Texts are assembled from phrase pieces, so a 10,000-meeting benchmark database is
searchable and varied instead of the same four sentences a thousand times.

In French (`meetingkit --lang fr demo`), three French-speaking partnerships of the same
kinds, with their own acronyms (CÉSOC, PEI, TÉÉ, CLIC, AFB, SAE…) and phrase pieces
(`FRENCH`, `PARTNERSHIPS_FR`), meet on the templates' French words. The English history
draws the same numbers as before, so a seed's English history has not changed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.i18n import Language, language
from meetingkit.core.models import (
    ActionStatus,
    Attribution,
    ElephantStatus,
    Person,
    RoundOutcome,
    SectionKind,
    SectionRun,
    TurningPointKind,
    WorkingLanguage,
)
from meetingkit.store import Store

DEMO_SUFFIX = " (demo)"
DEMO_SUFFIX_FR = " (démo)"
"""What ends every invented partnership's name, in English and in French (`is_demo`)."""

COUNTED = (
    "jargon_mentions", "jargon_meanings", "section_notes", "elephants", "turning_points", "agreements",
    "actions",
)
"""What `fill` counts as captured items: one row each (a section's notes count once, however many lines)."""


@dataclass(frozen=True)
class DemoPartnership:
    """One invented partnership: who is in it and what they talk about."""

    name: str
    people: tuple[tuple[str | None, str], ...]
    terms: dict[str, dict[str, str]]
    """Term → {organisation: what it means there}; an empty dict leaves it unexplained."""
    key_terms: tuple[str, ...]
    """The acronyms everyone in this partnership says all the time: raised several times a meeting."""
    expansions: dict[str, str]
    """What some acronyms stand for, filled in the first time the term is explained."""
    same_as: tuple[tuple[str, str], ...]
    """Pairs someone eventually points out are the same thing."""
    elephants: tuple[str, ...]
    agreements: tuple[str, ...]
    actions: tuple[str, ...]
    topics: tuple[str, ...]
    """What the partnership's meetings are about, for notes, actions and turning points."""
    programme_words: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    """Pieces of the names of programmes that come and go (and bring their acronyms with them)."""
    programme_purposes: tuple[str, ...]


PARTNERSHIPS = (
    DemoPartnership(
        name="Newcomer Families Partnership" + DEMO_SUFFIX,
        people=(
            ("Dana", "Public school board"), ("Sam", "Public school board"),
            ("principal", "Catholic school board"), ("Marc", "Catholic school board"),
            ("settlement worker", "Settlement agency"), ("Priya", "Settlement agency"),
            (None, "Settlement agency"),
        ),
        terms={
            "ISP": {"Settlement agency": "the family's settlement plan, agreed at intake"},
            "IEP": {"Public school board": "Individual Education Plan for a student with extra needs",
                    "Catholic school board": "the plan for a student with an identified exceptionality"},
            "ITP": {},
            "MLO": {"Settlement agency": "a worker placed in schools to help newcomer families"},
            "counselling": {
                "Settlement agency": "practical help with forms, housing and services",
                "Public school board": "guidance about courses and credits",
                "Catholic school board": "support from the school's social worker",
            },
            "LSPC": {},
            "wraparound": {"Public school board": "every service around one student, planned together"},
            "intake": {"Settlement agency": "the first meeting where a family's needs are assessed",
                       "Public school board": "registering a student at the welcome centre"},
            "SWIS": {"Settlement agency": "the programme that places settlement workers in schools"},
            "ELD": {"Public school board": "English literacy development, for students with gaps in school"},
            "LINC": {"Settlement agency": "free English classes for adult newcomers"},
            "IRCC": {"Settlement agency": "the federal department that funds our settlement work"},
            "reception centre": {
                "Public school board": "where newcomer students are assessed before they start school",
                "Catholic school board": "the board office that registers newcomer families",
            },
            "credits": {"Public school board": "what a secondary student earns towards the diploma"},
        },
        key_terms=("ISP", "MLO", "SWIS", "IEP", "ITP"),
        expansions={"ISP": "Individual Settlement Plan", "IEP": "Individual Education Plan",
                    "SWIS": "Settlement Workers in Schools", "ELD": "English Literacy Development",
                    "LINC": "Language Instruction for Newcomers to Canada",
                    "IRCC": "Immigration, Refugees and Citizenship Canada"},
        same_as=(("MLO", "SWIS"),),
        elephants=(
            "We are funded by client numbers, not by time spent in the schools",
            "Agency workers feel like guests in the schools",
            "Referrals only ever go one way",
            "Interpreters are booked too late to be useful",
            "Families tell the school one story and the agency another",
            "Nobody wants to be the one who calls the family about attendance",
        ),
        agreements=(
            "Workers are school-based but not school-bound",
            "One referral form for both school boards",
            "Interpreters are booked two weeks ahead for parent nights",
            "We describe families without names in this meeting",
            "The school calls the settlement worker before it calls home about attendance",
            "New families get one welcome meeting, not three",
        ),
        actions=(
            "Share the term timetable with the agency",
            "Draft the joint referral form",
            "Book interpreters for the parent night",
            "Find a room at the school for drop-in hours",
            "Send the orientation dates to both boards",
            "Ask the principals which days suit drop-in hours",
            "Collect the welcome packs in other languages",
        ),
        topics=(
            "the spring parent night", "Grade 9 registration", "the referral backlog", "interpreter bookings",
            "drop-in hours at the school", "attendance worries", "the welcome centre wait",
            "summer school places", "report cards in home languages", "the new families from the hotel",
            "bus passes", "school supplies",
        ),
        programme_words=(
            ("Newcomer", "Family", "Welcome", "Parent", "School", "Youth"),
            ("Orientation", "Engagement", "Literacy", "Transition", "Outreach", "Homework"),
            ("Programme", "Pilot", "Hub", "Fund", "Circle", "Club"),
        ),
        programme_purposes=(
            "funded for two years", "run out of the Central Library", "for families in their first year",
            "a pilot in three schools", "run in the evenings", "paid for by the board's equity fund",
        ),
    ),
    DemoPartnership(
        name="Literacy to Employment Network" + DEMO_SUFFIX,
        people=(
            ("Lee", "Community literacy programme"), (None, "Community literacy programme"),
            ("Ana", "Employment services"), ("job developer", "Employment services"),
            ("Chris", "College LBS"), ("instructor", "College LBS"),
        ),
        terms={
            "LBS": {"College LBS": "Literacy and Basic Skills, the provincial programme"},
            "assessment": {
                "Community literacy programme": "a conversation about what the learner wants to read",
                "Employment services": "a standard test of job readiness",
                "College LBS": "the intake tasks that place a learner on a level",
            },
            "milestone": {"College LBS": "a task a learner completes to show progress"},
            "case conference": {},
            "quality": {
                "Employment services": "placements that last six months",
                "College LBS": "learners reaching their goal on time",
            },
            "EO": {"Employment services": "Employment Ontario, the network that funds us"},
            "OALCF": {"College LBS": "the curriculum framework our milestones come from"},
            "learner plan": {
                "Community literacy programme": "the learner's own plan, in their words",
                "College LBS": "the plan with the goal path and milestones we report on",
            },
            "goal path": {
                "College LBS": "where a learner is heading: work, apprenticeship, school or independence",
            },
            "placement": {
                "Employment services": "a paid job trial with an employer",
                "Community literacy programme": "which class a learner joins",
            },
            "CaMS": {},
            "job readiness": {},
        },
        key_terms=("LBS", "EO", "OALCF", "milestone"),
        expansions={"LBS": "Literacy and Basic Skills", "EO": "Employment Ontario",
                    "OALCF": "Ontario Adult Literacy Curriculum Framework"},
        same_as=(("learner plan", "goal path"),),
        elephants=(
            "We compete for the same learners and the same funding",
            "Our outcome measures pull learners in different directions",
            "Nobody owns the hand-off between literacy and job search",
            "Employers only call the programme with the biggest name",
            "Learners drop out when the paperwork starts",
        ),
        agreements=(
            "A learner's goal is written in their own words first",
            "Hand-offs happen in a joint meeting, not by email",
            "We count a learner once, in the programme they started in",
            "One consent form travels with the learner",
            "Employers hear about learners from one contact, not three",
        ),
        actions=(
            "Map who else works with adult learners in the area",
            "Share intake forms between the programmes",
            "Invite the library to the next strategic meeting",
            "Write up the hand-off steps",
            "Ask the funder how shared learners are counted",
            "List the employers each programme already works with",
        ),
        topics=(
            "the hand-off to job search", "learners waiting for a placement", "the funder's new targets",
            "digital skills classes", "evening classes", "shared intake", "the employer breakfast",
            "learners with no ID", "the spring intake", "childcare during classes", "bus fare for learners",
        ),
        programme_words=(
            ("Skills", "Work", "Digital", "Community", "Bridge", "Adult"),
            ("Ready", "Access", "Learning", "Pathways", "Connect", "Start"),
            ("Programme", "Pilot", "Project", "Fund", "Lab", "Series"),
        ),
        programme_purposes=(
            "for learners close to a job", "run with the library", "a one-year pilot",
            "paid for by a foundation grant", "in the evenings for shift workers", "for learners over fifty",
        ),
    ),
    DemoPartnership(
        name="Child and Family Wellbeing Table" + DEMO_SUFFIX,
        people=(
            ("Morgan", "Children's Aid Society"), ("child protection worker", "Children's Aid Society"),
            ("Jess", "Children's mental health centre"), (None, "Children's mental health centre"),
            ("nurse practitioner", "Family health team"), ("Ravi", "Family health team"),
        ),
        terms={
            "CAS": {"Children's Aid Society": "the local child protection agency, us"},
            "safety plan": {
                "Children's Aid Society": "the steps agreed with a family to keep a child safe at home",
                "Children's mental health centre": "a young person's plan for getting through a crisis",
                "Family health team": "the plan made with a patient after an emergency visit",
            },
            "assessment": {
                "Children's Aid Society": "the safety and risk assessment after a report",
                "Children's mental health centre": "a clinical assessment of a child's mental health",
            },
            "SDM": {"Children's Aid Society": "the decision tools we use to rate risk"},
            "case conference": {"Children's Aid Society": "a meeting of everyone working with the family"},
            "consent": {
                "Children's mental health centre": "the young person's own agreement, once they can give it",
                "Children's Aid Society": "a parent's signature to share information",
            },
            "duty to report": {
                "Children's Aid Society": "the legal duty to tell us when a child may need protection",
            },
            "CYMH": {"Children's mental health centre": "our funded core services for children and youth"},
            "wait list": {},
            "trauma-informed": {
                "Children's mental health centre": "care that assumes any child may carry trauma",
            },
            "closing the file": {
                "Children's Aid Society": "ending our involvement once the risk is reduced",
                "Children's mental health centre": "a discharge after the last session",
            },
            "SNAP": {},
        },
        key_terms=("CAS", "safety plan", "CYMH", "SDM"),
        expansions={"CAS": "Children's Aid Society", "SDM": "Structured Decision Making",
                    "CYMH": "Child and Youth Mental Health", "SNAP": "Stop Now And Plan"},
        same_as=(("closing the file", "discharge"),),
        elephants=(
            "Families are afraid that asking for help brings in child protection",
            "Each of us thinks the other agency holds the risk",
            "Wait lists mean the plan we agree cannot start for months",
            "Information sharing stops at the consent form",
            "Doctors refer and then hear nothing back",
        ),
        agreements=(
            "We tell families plainly who shares what with whom",
            "A joint case conference within ten days of a shared referral",
            "Safety plans name which agency does each step",
            "We use the young person's words for their goals",
            "The referring clinician hears back within a week",
        ),
        actions=(
            "Draft a one-page consent explainer for families",
            "Compare our two safety plan templates",
            "Ask the wait-list coordinator to the next meeting",
            "Map the referral pathway from the family health team",
            "Share the duty-to-report training dates",
            "Write the joint case conference steps",
        ),
        topics=(
            "the wait list", "shared referrals", "a family we both work with", "consent to share",
            "after-hours crises", "the school-age referrals", "closing files together",
            "youth aging out of care",
            "the summer gap in services", "emergency department visits", "the new intake line",
        ),
        programme_words=(
            ("Family", "Youth", "Early", "Community", "Caregiver", "Crisis"),
            ("Support", "Wellness", "Response", "Connect", "Resilience", "Outreach"),
            ("Team", "Pilot", "Service", "Fund", "Network", "Line"),
        ),
        programme_purposes=(
            "for families waiting for service", "a walk-in clinic on Tuesdays", "staffed jointly for a year",
            "funded by the ministry's one-time money", "for youth leaving care",
            "answered evenings and weekends",
        ),
    ),
)

# -- phrase pieces shared by every partnership -------------------------------------------------------


@dataclass(frozen=True)
class DemoWords:
    """The phrase pieces every partnership's texts are built from, in one language.

    The demo's texts are what people typed (content, never translated by the catalogue), so
    each language has its own pieces, written for it, not translated word for word.
    """

    sites: tuple[str, ...]
    when: tuple[str, ...]
    by: tuple[str, ...]
    outcomes: tuple[str, ...]
    updates: tuple[str, ...]
    reflections: tuple[str, ...]
    meaning_leads: tuple[str, ...]
    meaning_tails: tuple[str, ...]
    addressed: tuple[str, ...]
    let_go: tuple[str, ...]
    turning_points: dict[TurningPointKind, tuple[str, ...]]
    opened_up: tuple[str, ...]
    elephant_tails: tuple[str, ...]
    agreement_tails: tuple[str, ...]
    action_tails: tuple[str, ...]
    review_topics: tuple[str, ...]
    reworded: tuple[str, ...]
    discussion_notes: tuple[str, ...]
    training_notes: tuple[str, ...]
    welcome_notes: tuple[str, ...]
    close_notes: tuple[str, ...]
    moods: tuple[str, ...]
    review_actions: str
    review_elephants: str
    review_more: tuple[str, ...]
    round_line: str
    worry: str
    no_worry: str
    jargon_helped: str
    back_late: str
    someone: str
    the_partnership: str
    programme: str
    """A new programme as its owner explains it: "{name}" and "{purpose}"."""
    article: str
    """What a programme's explanation starts with, left out of the acronym's expansion."""


ENGLISH = DemoWords(
    sites=("Central Library", "School library", "Agency office", "Community hub"),
    when=("at the next meeting", "in the spring", "after the funding news", "at the strategic meeting",
          "before the end of term", "in a month", "after the holidays", "once the managers have met"),
    by=("the next meeting", "the end of the month", "the spring", "the end of term", "the holidays",
        "the strategic meeting"),
    outcomes=("most of the room wants to try it", "no decision yet", "needs a word with the managers first",
              "worth a joint visit", "we will check the numbers first", "agreed to trial it for a month",
              "it depends on the funder", "everyone had a different picture of it", "parked for now",
              "clearer than last time"),
    updates=("busy month, two new staff", "caseloads up again", "a new manager starting soon",
             "waiting on funding news", "a quiet month", "training week coming up", "one worker off sick",
             "moving offices next month", "numbers are down since the summer", "a good month for referrals"),
    reflections=("Good energy today.", "Felt rushed in the second half.", "Everyone spoke at least once.",
                 "Some quiet voices today; check in with them.", "Less jargon than last time.",
                 "The round took longer than planned, and that was fine.",
                 "Hard conversation, handled with care.",
                 "We kept to time for once.", "Lots of laughter in the check-in."),
    meaning_leads=("", "", "For us it is", "In our world it means", "When we say it we mean", "Put simply,",
                   "Roughly:"),
    meaning_tails=("", "", "", ", at least in this region", ", most of the time", ", as our funder defines it",
                   ", though it is changing"),
    addressed=("Talked it through and agreed a shared way forward", "Managers met and settled it",
               "The new {topic} plan covers it", "Named it openly; it no longer gets in the way",
               "Agreed a trial, and the trial worked"),
    let_go=("Outside what this partnership can change", "Passed to the managers' table",
            "It belongs to the funder, not to us", "The situation changed and it no longer applies"),
    turning_points={
        TurningPointKind.NEW_UNDERSTANDING: ("{org} said: I never thought about {topic} like that",
                                             "Realised we meant different things by {term}",
                                             "{org} explained why {topic} is so hard on their side"),
        TurningPointKind.APOLOGY: ("An apology from {org} for the missed referrals",
                                   "{org} apologised for cancelling at short notice",
                                   "An apology for the email about {topic} that went out unchecked"),
        TurningPointKind.CONCESSION: ("{org} agreed to share their timetable early",
                                      "{org} offered to host the next meeting",
                                      "{org} agreed to change their form for {topic}"),
        TurningPointKind.KIND_WORD: ("Thanks to {org} for the worker who stayed late for a family",
                                     "{org} thanked everyone for covering {topic}",
                                     "A warm word for the new staff from {org}"),
        TurningPointKind.OTHER: ("A long silence, then {org} spoke about {topic}",
                                 "The room laughed together about {term}"),
    },
    opened_up=("Talking about {topic} without blame", "Planning {topic} together", "A warmer tone all meeting",
               "A first joint visit", "Sharing numbers openly", "Asking about {term} without embarrassment",
               ""),
    elephant_tails=(", again", ", especially around {topic}", ", since the funding change",
                    ", and it came up with {topic}", ", said quietly at the break",
                    "; {org} feels it most with {topic}", ", and {topic} made it plain"),
    agreement_tails=(", as a trial until {by}", ", starting {when}", ", for {topic} first",
                     ", to be reviewed {when}"),
    action_tails=(" by {by}", " for {topic}", " and report back {when}",
                  " for {topic}, by {by}", " with {org}, for {topic}"),
    review_topics=("referral", "timetable", "intake", "consent"),
    reworded=(", in writing", ", with a named contact at each organisation", ", for every school in the area",
              ", checked each term"),
    discussion_notes=(
        "{org} raised {topic}; {outcome}.",
        "Talked through {topic}: {outcome}.",
        "Question from {org} about {term}.",
        "A situation about {topic}, shared without names; {outcome}.",
        "Come back to {topic} {when}.",
        "{org} and {other} see {topic} differently.",
        "{org} asked what {term} means for {topic}.",
        "Agreed the next step on {topic} is a joint call {when}.",
    ),
    training_notes=(
        "{org} explained how {term} works for them.",
        "Walked through {topic} step by step.",
        "{org} showed their form for {topic}; {other} will compare it with theirs.",
        "Practised explaining {term} in plain words.",
    ),
    welcome_notes=(
        "Read the safe-space agreements aloud.",
        "{count} people in the room; {org} chairing.",
        "Welcomed someone new from {org}.",
        "Apologies from {other}; they sent a note about {topic}.",
        "Reminder: we describe people without names here.",
        "Check-in word from {org}: {mood}.",
    ),
    close_notes=(
        "Next meeting: {org} to host.",
        "Thanks to {org} for hosting.",
        "Short close; people had to leave on time.",
        "{org} will send the summary round, with the notes on {topic}.",
        "Next time: {topic}, and {term} if there is time.",
    ),
    moods=("tired", "hopeful", "stretched", "curious", "grateful", "busy", "calm", "worried about {topic}"),
    review_actions="Actions: {done} done, {carried} carried, {dropped} dropped, {open} still open.",
    review_elephants="Elephants: {addressed} addressed, {let_go} let go, {parked} still parked.",
    review_more=("Still waiting on {topic}.", "Nothing carried over on {topic}.",
                 "{org} asked to keep {topic} on the list."),
    round_line="{org}: {update}{worry}",
    worry="; {topic} on their mind.",
    no_worry=".",
    jargon_helped="The jargon board helped with {term}.",
    back_late="Back late; {org} caught up on {topic} over coffee.",
    someone="someone",
    the_partnership="the partnership",
    programme="the {name}, {purpose}",
    article="the ",
)

TYPE_ROTATION = (
    "operational", "operational", "reflective-practice", "operational", "strategic", "shared-training",
)

CAPTURE_KINDS = (SectionKind.DISCUSSION, SectionKind.TRAINING, SectionKind.ROUND)
"""Sections where the boards fill up; the others get notes and the review."""

MENTIONS_PER_MINUTE = 0.55
"""How fast jargon is raised in a capture section (about 35 mentions in a typical meeting)."""

NOTES_CHANCE = {
    SectionKind.WELCOME: 0.6, SectionKind.REVIEW: 0.85, SectionKind.ROUND: 0.95, SectionKind.DISCUSSION: 0.95,
    SectionKind.TRAINING: 0.9, SectionKind.BREAK: 0.05, SectionKind.REFLECTION: 0.85, SectionKind.CLOSE: 0.6,
}
"""How often the facilitator types notes in each kind of section."""

REEXPLAIN_AFTER = 50
"""Meetings before a term is explained again for newcomers (staff change; a year or so)."""

@dataclass
class _Table:
    """What the fill remembers about one partnership between meetings (never read back from the store)."""

    demo: DemoPartnership
    id: str
    held: int = 0
    organisations: dict[str, str] = field(default_factory=dict)
    term_ids: dict[str, str] = field(default_factory=dict)
    explained: dict[tuple[str, str], int] = field(default_factory=dict)
    """(term, organisation) → the meeting (`held`) where it was last explained."""
    programmes: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Acronym → (the organisation running it, what it is), for every programme ever started."""
    current: list[str] = field(default_factory=list)
    """The programmes being talked about now, newest last."""
    expanded: set[str] = field(default_factory=set)
    """Terms whose expansion has been filled in (or that have none)."""
    joined: set[tuple[str, str]] = field(default_factory=set)
    """The `same_as` pairs already joined."""
    words: DemoWords = ENGLISH
    """The phrase pieces of the demo's language."""


@dataclass
class _Meeting:
    """One meeting as it is being filled."""

    table: _Table
    id: str
    attendees: list[Person]
    counts: dict[str, int]

    @property
    def present(self) -> list[str]:
        """The organisations in the room, in the order people arrived (no duplicates)."""
        return list(dict.fromkeys(p.organisation_name for p in self.attendees if p.organisation_name))


def _meeting_type(number: int, library: AgendaLibrary) -> str:
    wanted = TYPE_ROTATION[number % len(TYPE_ROTATION)]
    return wanted if library.for_type(wanted) else library.meeting_types[0]


def is_demo(name: str) -> bool:
    """Whether a partnership's name is one the demo invented (in either language)."""
    return name.endswith((DEMO_SUFFIX, DEMO_SUFFIX_FR))


def fill(
    store: Store, clock: FrozenClock, library: AgendaLibrary, *, meetings: int, seed: int, until: datetime,
    lang: Language | None = None,
) -> dict[str, int]:
    """Add `meetings` meetings of invented history for the partnerships, ending a few days before `until`.

    In `lang` (the interface's language when None): French invents French-speaking partnerships
    (`PARTNERSHIPS_FR`), whose meetings run on the templates' French words.

    `clock` is the store's clock; it must start before the first meeting (`demo_start`).

    Returns:
        Counts of what was added: "meetings", each of `COUNTED`, and "items" (their sum).
    """
    rng = random.Random(seed)
    counts = dict.fromkeys(("meetings", *COUNTED), 0)
    chosen = lang or language()
    partnerships, words = (PARTNERSHIPS_FR, FRENCH) if chosen == "fr" else (PARTNERSHIPS, ENGLISH)
    tables = [_Table(demo, store.partnerships.ensure(demo.name).id, words=words) for demo in partnerships]
    for start, index in schedule(meetings, seed, until):
        if start > clock.now():
            clock.advance((start - clock.now()).total_seconds())
        _one_meeting(store, clock, library, rng, tables[index], counts)
    counts["items"] = sum(counts[kind] for kind in COUNTED)
    return counts


def schedule(meetings: int, seed: int, now: datetime) -> list[tuple[datetime, int]]:
    """When the invented meetings start, and whose they are (an index into `PARTNERSHIPS`), in order.

    Each partnership meets every week or two on weekdays, side by side with the others
    (as a region's partnership tables do), and each one's last meeting was a few days ago.
    The meetings are shared out evenly, the first partnerships getting any left over.
    """
    rng = random.Random(f"schedule-{seed}")
    plan = []
    for index in range(len(PARTNERSHIPS)):
        count = meetings // len(PARTNERSHIPS) + (index < meetings % len(PARTNERSHIPS))
        if not count:
            continue
        starts = [_weekday_before(now - timedelta(days=rng.randint(3, 8)), rng)]
        while len(starts) < count:
            starts.append(_weekday_before(starts[-1] - timedelta(days=rng.randint(5, 12)), rng))
        plan += [(start, index) for start in starts]
    return sorted(plan)


def _weekday_before(day: datetime, rng: random.Random) -> datetime:
    """A meeting on `day`, or the weekday before it, at a usual meeting hour (UTC, for simplicity)."""
    start = day.replace(hour=rng.choice((9, 10, 13, 14)), minute=rng.choice((0, 30)), second=0, microsecond=0)
    while start.weekday() >= 5:
        start -= timedelta(days=1)
    return start


def demo_start(meetings: int, until: datetime) -> datetime:
    """A clock start early enough for any `schedule` of `meetings` meetings (at most 14 days apart)."""
    per_partnership = -(-meetings // len(PARTNERSHIPS))
    return (until - timedelta(days=per_partnership * 14 + 14)).replace(microsecond=0)


# -- one meeting -----------------------------------------------------------------------------------


def _one_meeting(
    store: Store, clock: FrozenClock, library: AgendaLibrary, rng: random.Random, table: _Table,
    counts: dict[str, int],
) -> None:
    """Run one meeting the way a facilitator would: people arrive, each section in turn, then the summary."""
    demo = table.demo
    agenda = library.for_type(_meeting_type(table.held, library))[0]
    working = WorkingLanguage.FR if table.words is FRENCH else WorkingLanguage.EN
    table.held += 1
    site = rng.choice(table.words.sites)
    # The meeting keeps the agenda's words in its working language (`store.meetings.create`).
    meeting_id = store.meetings.create(table.id, agenda, site=site, language=working).id
    people = rng.sample(demo.people, k=rng.randint(3, len(demo.people)))
    attendees = [store.meetings.add_attendee(meeting_id, name, organisation) for name, organisation in people]
    for person in attendees:
        if person.organisation_name and person.organisation_id:
            table.organisations[person.organisation_name] = person.organisation_id
    meeting = _Meeting(table, meeting_id, attendees, counts)
    store.meetings.start(meeting_id)
    counts["meetings"] += 1
    for run in store.meetings.section_runs(meeting_id):
        if run.position:
            store.meetings.go_to_section(meeting_id, run.position)
        duration = run.planned_minutes * 60 * rng.uniform(0.7, 1.4)
        steps: list[Callable[[], Any]] = []
        if run.kind is SectionKind.ROUND:
            steps += [_round_turn(store, rng, run, person) for person in attendees]
        if run.kind in CAPTURE_KINDS:
            steps += _captures(store, rng, meeting, run)
        reviewed = _review(store, rng, meeting_id, counts, table.words) if run.kind is SectionKind.REVIEW else None
        _spread(clock, rng, duration, steps)
        if rng.random() < NOTES_CHANCE.get(run.kind, 0.5):
            notes = _notes(rng, meeting, run, reviewed)
            if notes:
                store.notes.save_editor(run.id, notes, based_on="")
                counts["section_notes"] += 1
        clock.advance(rng.uniform(20, 90))  # the last words, then on to the next section
    store.records.end_and_summarise(meeting_id)


def _spread(
    clock: FrozenClock, rng: random.Random, duration: float, steps: Sequence[Callable[[], Any]]
) -> None:
    """Do the section's captures one after another, spread over its time, so each has its own moment."""
    spent = 0.0
    gap = duration / (len(steps) + 1)
    for step in steps:
        pause = min(gap * rng.uniform(0.3, 1.7), max(0.0, duration - spent - 1))
        clock.advance(pause)
        spent += pause
        step()
    clock.advance(max(0.0, duration - spent))


def _round_turn(store: Store, rng: random.Random, run: SectionRun, person: Person) -> Callable[[], None]:
    outcome = RoundOutcome.PASSED if rng.random() < 0.2 else RoundOutcome.SPOKE
    return lambda: store.meetings.set_round_turn(run.id, person.id, outcome)


def _credit(rng: random.Random, attendees: Sequence[Person]) -> dict[str, Any]:
    """Who said it: anonymous half the time (the app's default), else an organisation or a named person."""
    roll = rng.random()
    person = rng.choice(attendees)
    if roll < 0.5:
        return {"attribution": Attribution.ANONYMOUS}
    if roll < 0.8 and person.organisation_id:
        return {"attribution": Attribution.ORGANISATION, "organisation_id": person.organisation_id}
    return {
        "attribution": Attribution.NAMED, "person_id": person.id, "organisation_id": person.organisation_id,
    }


def _weighted_terms(table: _Table) -> tuple[list[str], list[int]]:
    """Every term this partnership might say now, and how often.

    Its own acronyms most, then the programmes of the moment, then the everyday words that
    mean different things in different organisations (the ones the board is for).
    """
    terms = list(table.demo.terms) + [name for name in table.current if name not in table.demo.terms]
    weights = [
        6 if term in table.demo.key_terms else 4 if term in table.current
        else 3 if len(table.demo.terms.get(term, ())) >= 2 else 1
        for term in terms
    ]
    return terms, weights


def _captures(
    store: Store, rng: random.Random, meeting: _Meeting, run: SectionRun
) -> list[Callable[[], Any]]:
    """What the boards catch in one section, in the order it happens: jargon throughout, the rest at times.

    Each step is chosen here and written when `_spread` reaches its moment in the section.
    """
    table = meeting.table
    if run.kind is not SectionKind.ROUND and rng.random() < 0.12:
        _new_programme(rng, table, meeting)
    terms, weights = _weighted_terms(table)
    focus = list(dict.fromkeys(rng.choices(terms, weights, k=rng.randint(2, 4))))
    mentions = max(1, round(run.planned_minutes * MENTIONS_PER_MINUTE * rng.uniform(0.5, 1.5)))
    steps: list[Callable[[], Any]] = []
    for _ in range(mentions):
        term = rng.choice(focus) if rng.random() < 0.7 else rng.choices(terms, weights)[0]
        steps.append(_mention(store, rng, meeting, term))
    if run.kind is SectionKind.ROUND:
        rng.shuffle(steps)
        return steps
    if rng.random() < 0.3:
        steps.append(_elephant(store, rng, meeting))
    if rng.random() < 0.4:
        steps.append(_turning_point(store, rng, meeting))
    elif rng.random() < 0.35:
        steps.append(_agreement(store, rng, meeting))
    for _ in range(rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]):
        steps.append(_action(store, rng, meeting))
    rng.shuffle(steps)
    return steps


def _new_programme(rng: random.Random, table: _Table, meeting: _Meeting) -> None:
    """A new programme is announced: its acronym joins the talk for a while (an old one may be back)."""
    words = [rng.choice(part) for part in table.demo.programme_words]
    name = " ".join(words)
    acronym = "".join(word[0] for word in words).upper()
    if acronym not in table.programmes:
        owner = rng.choice(meeting.present or list(table.organisations) or [table.words.the_partnership])
        purpose = rng.choice(table.demo.programme_purposes)
        table.programmes[acronym] = (owner, table.words.programme.format(name=name, purpose=purpose))
    if acronym in table.current:
        table.current.remove(acronym)
    table.current = [*table.current[-2:], acronym]


def _spelling(rng: random.Random, table: _Table, term: str) -> str:
    """How the term was typed: as usual, or (once it is on the board) in lower case or with dots."""
    if term not in table.term_ids or rng.random() > 0.1 or not term.isupper():
        return term
    return term.lower() if rng.random() < 0.5 else ".".join(term) + "."


def _mention(store: Store, rng: random.Random, meeting: _Meeting, term: str) -> Callable[[], None]:
    """Someone says the term (and, sometimes, someone explains it)."""
    table = meeting.table
    spelling = _spelling(rng, table, term)
    credit = _credit(rng, meeting.attendees)
    explain_roll = rng.random()
    wording = (rng.choice(table.words.meaning_leads), rng.choice(table.words.meaning_tails), rng.random())

    def step() -> None:
        term_id, _ = store.jargon.mention(meeting.id, spelling, **credit)
        meeting.counts["jargon_mentions"] += 1
        first_time = term not in table.term_ids
        table.term_ids[term] = term_id
        _meaning(
            store, rng, meeting, term, term_id, first_time=first_time, roll=explain_roll, wording=wording
        )

    return step


def _meaning(
    store: Store, rng: random.Random, meeting: _Meeting, term: str, term_id: str, *,
    first_time: bool, roll: float, wording: tuple[str, str, float],
) -> None:
    """Maybe explain the term: a first meaning from an organisation in the room, or an old one, reworded."""
    table = meeting.table
    meanings = dict(table.demo.terms.get(term, {}))
    if term in table.programmes and term not in table.demo.terms:
        owner, what = table.programmes[term]
        meanings = {owner: what}
    present = [org for org in meanings if org in meeting.present]
    if not present:
        return
    missing = [org for org in present if (term, org) not in table.explained]
    stale = [
        org for org in present if table.held - table.explained.get((term, org), table.held) >= REEXPLAIN_AFTER
    ]
    if missing and roll < (0.6 if first_time or len(meanings) >= 2 else 0.35):
        organisation = missing[int(wording[2] * len(missing))]
        text = meanings[organisation]
    elif stale and roll < 0.05:
        # Someone new in the room asks, and it is explained again, in other words.
        organisation = stale[int(wording[2] * len(stale))]
        lead, tail, _ = wording
        text = f"{lead} {meanings[organisation]}{tail}".strip()
    else:
        return
    store.jargon.add_meaning(
        term_id, text, organisation_id=table.organisations.get(organisation), meeting_id=meeting.id,
        **_meaning_credit(rng, meeting, organisation), confidential=rng.random() < 0.02,
    )
    meeting.counts["jargon_meanings"] += 1
    table.explained[term, organisation] = table.held
    if term not in table.expanded:
        # The first explanation usually comes with what the letters stand for.
        table.expanded.add(term)
        expansion = table.demo.expansions.get(term) or (
            table.programmes[term][1].split(",")[0].removeprefix(table.words.article) if term in table.programmes else ""
        )
        if expansion:
            store.jargon.explain_term(term_id, expansion=expansion)
    for first, second in table.demo.same_as:
        if term in (first, second) and (first, second) not in table.joined and first in table.term_ids:
            table.joined.add((first, second))
            store.jargon.same_as(table.term_ids[first], second)


def _meaning_credit(rng: random.Random, meeting: _Meeting, organisation: str) -> dict[str, Any]:
    """A meaning is usually given by someone from the organisation it belongs to, or by nobody on record."""
    speakers = [p for p in meeting.attendees if p.organisation_name == organisation]
    roll = rng.random()
    if roll < 0.4 or not speakers:
        return {}
    speaker = rng.choice(speakers)
    if roll < 0.7 or not speaker.name:
        return {"attribution": Attribution.ORGANISATION, "said_by_organisation_id": speaker.organisation_id}
    return {
        "attribution": Attribution.NAMED, "person_id": speaker.id,
        "said_by_organisation_id": speaker.organisation_id,
    }


def _topic(rng: random.Random, meeting: _Meeting) -> str:
    return rng.choice(meeting.table.demo.topics)


def _fill_in(template: str, rng: random.Random, meeting: _Meeting) -> str:
    """A phrase template with its {org}, {topic}, {term}, {when} and {by} chosen for this meeting."""
    return template.format(
        org=rng.choice(meeting.present or [meeting.table.words.someone]),
        topic=_topic(rng, meeting),
        term=rng.choice(list(meeting.table.demo.terms)),
        when=rng.choice(meeting.table.words.when),
        by=rng.choice(meeting.table.words.by),
    )


def _elephant(store: Store, rng: random.Random, meeting: _Meeting) -> Callable[[], None]:
    text = rng.choice(meeting.table.demo.elephants)
    if rng.random() < 0.7:
        qualifier = rng.choice(meeting.table.words.elephant_tails)
        text += _fill_in(qualifier, rng, meeting)
    confidential = rng.random() < 0.1
    credit = _credit(rng, meeting.attendees)

    def step() -> None:
        store.boards.raise_elephant(meeting.id, text, confidential=confidential, **credit)
        meeting.counts["elephants"] += 1

    return step


def _turning_point(store: Store, rng: random.Random, meeting: _Meeting) -> Callable[[], None]:
    """One key stamps the moment; the details usually follow, sometimes with the agreement it led to."""
    words = meeting.table.words
    kind = rng.choice(list(words.turning_points))
    note = _fill_in(rng.choice(words.turning_points[kind]), rng, meeting)
    opened_up = _fill_in(rng.choice(words.opened_up), rng, meeting)
    described = rng.random() < 0.85
    confidential = rng.random() < 0.05
    agreement = _agreement(store, rng, meeting) if rng.random() < 0.45 else None

    def step() -> None:
        point = store.boards.mark_turning_point(meeting.id)
        meeting.counts["turning_points"] += 1
        if described:
            store.boards.describe_turning_point(point, kind=kind, note=note, opened_up=opened_up,
                                         confidential=confidential or None)
        if agreement is not None:
            store.boards.link_turning_point(point, agreement())

    return step


def _agreement(store: Store, rng: random.Random, meeting: _Meeting) -> Callable[[], str]:
    table = meeting.table
    text = rng.choice(table.demo.agreements)
    if rng.random() < 0.4:
        qualifier = rng.choice(table.words.agreement_tails)
        text += _fill_in(qualifier, rng, meeting)
    pool = sorted(table.organisations.values())
    parties = rng.sample(pool, k=rng.randint(min(2, len(pool)), len(pool))) if pool else []
    review_days = rng.choice((None, 60, 90, 180))
    credit = _credit(rng, meeting.attendees) if rng.random() < 0.5 else {}
    confidential = rng.random() < 0.03

    def step() -> str:
        review_on = (store.clock.now() + timedelta(days=review_days)).date() if review_days else None
        agreement = store.business.add_agreement(meeting.id, text, party_organisation_ids=parties, review_on=review_on,
                                        confidential=confidential, **credit)
        meeting.counts["agreements"] += 1
        return agreement.id

    return step


def _action(store: Store, rng: random.Random, meeting: _Meeting) -> Callable[[], None]:
    text = rng.choice(meeting.table.demo.actions)
    if rng.random() < 0.7:
        qualifier = rng.choice(meeting.table.words.action_tails)
        text += _fill_in(qualifier, rng, meeting)
    owner = rng.choice(meeting.attendees)
    by_organisation = rng.random() < 0.2 and owner.organisation_id
    due_days = rng.choice((None, 7, 14, 14, 21, 30))
    confidential = rng.random() < 0.05
    credit = _credit(rng, meeting.attendees) if rng.random() < 0.3 else {}

    def step() -> None:
        store.business.add_action(
            meeting.id, text,
            owner_person_id=None if by_organisation else owner.id,
            owner_organisation_id=owner.organisation_id if by_organisation else None,
            due_on=(store.clock.now() + timedelta(days=due_days)).date() if due_days else None,
            confidential=confidential, **credit,
        )
        meeting.counts["actions"] += 1

    return step


def _review(
    store: Store, rng: random.Random, meeting_id: str, counts: dict[str, int], words: DemoWords = ENGLISH
) -> dict[str, int]:
    """Last time's open actions and parked elephants: done, dropped, carried; addressed, let go, discussed.

    A carried action is a new row in this meeting (linked to the old one), so it counts as an action added.
    """
    tally = dict.fromkeys(("done", "dropped", "carried", "open", "addressed", "let_go", "parked"), 0)
    actions = store.business.open_actions_from_before(meeting_id)
    for action in actions:
        roll = rng.random()
        if roll < 0.6:
            store.business.close_action(action.id, ActionStatus.DONE, meeting_id)
            tally["done"] += 1
        elif roll < 0.7:
            store.business.close_action(action.id, ActionStatus.DROPPED, meeting_id)
            tally["dropped"] += 1
        elif roll < 0.85:
            store.business.carry_action(action.id, meeting_id)
            tally["carried"] += 1
            counts["actions"] += 1
        else:
            tally["open"] += 1
    for elephant in store.boards.open_elephants(meeting_id):
        # The longer an elephant has waited, the likelier the room is to take it on at last.
        roll = rng.random()
        address = min(0.45, 0.08 + 0.06 * elephant.meetings_waited)
        if roll < address:
            topic = rng.choice(words.review_topics)
            note = rng.choice(words.addressed).format(topic=topic)
            store.boards.set_elephant_status(elephant.id, ElephantStatus.ADDRESSED, meeting_id=meeting_id, note=note)
            tally["addressed"] += 1
        elif roll < address + 0.07:
            store.boards.set_elephant_status(elephant.id, ElephantStatus.LET_GO, meeting_id=meeting_id,
                                      note=rng.choice(words.let_go))
            tally["let_go"] += 1
        elif roll < address + 0.17 and elephant.status is ElephantStatus.PARKED:
            store.boards.set_elephant_status(elephant.id, ElephantStatus.DISCUSSING, meeting_id=meeting_id)
            tally["parked"] += 1
        else:
            tally["parked"] += 1
    _review_agreements(store, rng, meeting_id, counts, words)
    return tally


def _review_agreements(
    store: Store, rng: random.Random, meeting_id: str, counts: dict[str, int], words: DemoWords = ENGLISH
) -> None:
    """The agreements due for review: most confirmed until a later day, some reworded, a few retired
    (some left due). Drawn from a generator of their own, seeded from the history's, so the rest of
    a seed's history is what it was before agreements were reviewed."""
    own = random.Random(repr(rng.getstate()[1][:8]))
    meeting = store.meetings.get(meeting_id)
    today = store.clock.now().date()
    for agreement in store.business.agreements_due(meeting.partnership_id, today):
        roll, reworded, later = own.random(), own.choice(words.reworded), own.choice((90, 180, 365))
        if roll < 0.6 or (roll < 0.72 and reworded in agreement.text):
            store.business.review_agreement(agreement.id, today + timedelta(days=later))
        elif roll < 0.72:
            store.business.revise_agreement(agreement.id, agreement.text + reworded, meeting_id)
            counts["agreements"] += 1
        elif roll < 0.82:
            store.business.retire_agreement(agreement.id)


def _notes(rng: random.Random, meeting: _Meeting, run: SectionRun, reviewed: dict[str, int] | None) -> str:
    """A few lines of the kind a facilitator types during a section, built from phrase pieces."""
    words = meeting.table.words
    present = meeting.present or [words.someone]

    def fill_in(template: str) -> str:
        org = rng.choice(present)
        others = [name for name in present if name != org] or present
        return template.format(
            org=org, other=rng.choice(others), topic=_topic(rng, meeting),
            term=rng.choice(list(meeting.table.demo.terms)), outcome=rng.choice(words.outcomes),
            when=rng.choice(words.when), count=len(meeting.attendees),
            mood=rng.choice(words.moods).format(topic=_topic(rng, meeting)),
        )

    def some(templates: Sequence[str], low: int, high: int) -> list[str]:
        return [fill_in(t) for t in rng.sample(templates, k=min(len(templates), rng.randint(low, high)))]

    if run.kind is SectionKind.REVIEW and reviewed is not None:
        lines = []
        if reviewed["done"] + reviewed["dropped"] + reviewed["carried"] + reviewed["open"]:
            lines.append(words.review_actions.format(**reviewed))
        if reviewed["addressed"] + reviewed["let_go"] + reviewed["parked"]:
            lines.append(words.review_elephants.format(**reviewed))
        if not lines or rng.random() < 0.5:
            lines.append(fill_in(rng.choice(words.review_more)))
        return "\n".join(lines)
    if run.kind is SectionKind.ROUND:
        speakers = rng.sample(present, k=rng.randint(1, len(present)))
        lines = []
        for org in speakers:
            worry = words.worry.format(topic=_topic(rng, meeting)) if rng.random() < 0.4 else words.no_worry
            lines.append(words.round_line.format(org=org, update=rng.choice(words.updates), worry=worry))
        return "\n".join(lines)
    if run.kind is SectionKind.DISCUSSION:
        return "\n".join(some(words.discussion_notes, 1, 4))
    if run.kind is SectionKind.TRAINING:
        return "\n".join(some(words.training_notes, 1, 3) + some(words.discussion_notes, 0, 1))
    if run.kind is SectionKind.REFLECTION:
        lines = rng.sample(words.reflections, k=rng.randint(1, 2))
        if rng.random() < 0.3:
            lines.append(fill_in(words.jargon_helped))
        return "\n".join(lines)
    if run.kind is SectionKind.WELCOME:
        return "\n".join(some(words.welcome_notes, 1, 2))
    if run.kind is SectionKind.CLOSE:
        return "\n".join(some(words.close_notes, 1, 2))
    if run.kind is SectionKind.BREAK:
        return fill_in(words.back_late)
    return ""


# -- en français -----------------------------------------------------------------------------------
# A French-speaking region's partnerships (Ontario's francophone school boards and agencies), with
# their own acronyms and words: written for them, not translated from the English ones.

FRENCH = DemoWords(
    sites=("Bibliothèque centrale", "Bibliothèque de l’école", "Bureau de l’organisme", "Carrefour communautaire"),
    when=("à la prochaine rencontre", "au printemps", "après les nouvelles du financement",
          "à la réunion stratégique", "avant la fin de l’étape", "dans un mois", "après les Fêtes",
          "une fois que les gestionnaires se seront rencontrés"),
    by=("la prochaine rencontre", "la fin du mois", "la fin de mars", "la fin de l’étape", "la rentrée",
        "la réunion stratégique"),
    outcomes=("la plupart veulent l’essayer", "pas encore de décision", "il faut d’abord en parler aux gestionnaires",
              "une visite commune en vaudrait la peine", "nous vérifierons d’abord les chiffres",
              "entente pour un essai d’un mois", "cela dépend du bailleur de fonds",
              "chacun s’en faisait une idée différente", "mis en attente pour l’instant", "plus clair que la dernière fois"),
    updates=("mois chargé, deux nouvelles personnes", "les charges de cas augmentent encore",
             "une nouvelle gestionnaire arrive bientôt", "en attente de nouvelles du financement", "un mois tranquille",
             "semaine de formation à venir", "une intervenante en congé de maladie",
             "déménagement des bureaux le mois prochain", "les chiffres baissent depuis l’été",
             "un bon mois pour les références"),
    reflections=("Bonne énergie aujourd’hui.", "Un peu bousculé en deuxième moitié.",
                 "Tout le monde a parlé au moins une fois.",
                 "Quelques voix discrètes aujourd’hui; prendre de leurs nouvelles.", "Moins de jargon que la dernière fois.",
                 "Le tour de table a duré plus longtemps que prévu, et c’était correct.",
                 "Conversation difficile, menée avec soin.", "Nous avons respecté l’horaire, pour une fois.",
                 "Beaucoup de rires au tour d’arrivée."),
    meaning_leads=("", "", "Pour nous, c’est", "Dans notre milieu, cela veut dire", "Quand nous le disons, c’est",
                   "Simplement dit,", "En gros\u00a0:"),
    meaning_tails=("", "", "", ", du moins dans la région", ", la plupart du temps",
                   ", selon la définition de notre bailleur de fonds", ", même si cela change"),
    addressed=("Nous en avons parlé et convenu d’une façon de faire commune",
               "Les gestionnaires se sont rencontrés et ont réglé la question",
               "Le nouveau plan pour {topic} en tient compte", "Nommé ouvertement; cela ne nuit plus",
               "Nous avons convenu d’un essai, et l’essai a fonctionné"),
    let_go=("Hors de ce que ce partenariat peut changer", "Confié à la table des gestionnaires",
            "Cela relève du bailleur de fonds, pas de nous", "La situation a changé et cela ne s’applique plus"),
    turning_points={
        TurningPointKind.NEW_UNDERSTANDING: ("{org}\u00a0: je n’avais jamais vu {topic} sous cet angle",
                                             "Nous avons compris que {term} ne voulait pas dire la même chose pour tous",
                                             "{org} a expliqué pourquoi {topic} est si difficile de son côté"),
        TurningPointKind.APOLOGY: ("Des excuses de {org} pour les références manquées",
                                   "{org} a présenté des excuses pour l’annulation de dernière minute",
                                   "Des excuses pour le courriel sur {topic} envoyé sans vérification"),
        TurningPointKind.CONCESSION: ("{org} accepte de transmettre son horaire plus tôt",
                                      "{org} offre d’accueillir la prochaine rencontre",
                                      "{org} accepte de modifier son formulaire pour {topic}"),
        TurningPointKind.KIND_WORD: ("Merci à {org} pour l’intervenante restée tard auprès d’une famille",
                                     "{org} remercie tout le monde d’avoir couvert {topic}",
                                     "Un mot chaleureux de {org} pour le nouveau personnel"),
        TurningPointKind.OTHER: ("Un long silence, puis {org} a parlé de {topic}",
                                 "Toute la salle a ri ensemble à propos de {term}"),
    },
    opened_up=("Parler de {topic} sans blâmer", "Planifier {topic} ensemble", "Un ton plus chaleureux toute la rencontre",
               "Une première visite commune", "Partager les chiffres ouvertement",
               "Poser des questions sur {term} sans gêne", ""),
    elephant_tails=(", encore", ", surtout autour de {topic}", ", depuis le changement de financement",
                    ", et c’est revenu avec {topic}", ", dit à voix basse pendant la pause",
                    "; {org} le ressent surtout avec {topic}", ", et {topic} l’a montré clairement"),
    agreement_tails=(", à l’essai jusqu’à {by}", ", en commençant {when}", ", pour {topic} d’abord",
                     ", à revoir {when}"),
    action_tails=(" d’ici {by}", " pour {topic}", " et faire le point {when}", " pour {topic}, d’ici {by}",
                  " avec {org}, pour {topic}"),
    review_topics=("les références", "l’horaire", "l’accueil", "le consentement"),
    reworded=(", par écrit", ", avec une personne-ressource désignée dans chaque organisme",
              ", pour toutes les écoles de la région", ", vérifiée à chaque étape"),
    discussion_notes=(
        "{org} a soulevé {topic}; {outcome}.",
        "Discussion sur {topic}\u00a0: {outcome}.",
        "{org} pose une question sur {term}.",
        "Une situation liée à {topic}, présentée sans noms; {outcome}.",
        "Revenir sur {topic} {when}.",
        "{org} et {other} voient {topic} différemment.",
        "{org} demande ce que {term} veut dire pour {topic}.",
        "Prochaine étape sur {topic}\u00a0: un appel commun {when}.",
    ),
    training_notes=(
        "{org} a expliqué comment {term} fonctionne chez eux.",
        "Nous avons revu {topic} étape par étape.",
        "{org} a montré son formulaire pour {topic}; {other} le comparera au sien.",
        "Exercice\u00a0: expliquer {term} en mots simples.",
    ),
    welcome_notes=(
        "Lecture à voix haute des ententes pour un espace sécuritaire.",
        "{count} personnes dans la salle; {org} anime.",
        "Bienvenue à une nouvelle personne de {org}.",
        "{other} s’excuse et a envoyé une note sur {topic}.",
        "Rappel\u00a0: ici, nous parlons des personnes sans les nommer.",
        "Mot d’arrivée de {org}\u00a0: {mood}.",
    ),
    close_notes=(
        "Prochaine rencontre\u00a0: {org} accueille.",
        "Merci à {org} pour l’accueil.",
        "Clôture brève; des gens devaient partir à l’heure.",
        "{org} enverra le résumé, avec les notes sur {topic}.",
        "La prochaine fois\u00a0: {topic}, et {term} s’il reste du temps.",
    ),
    moods=("fatigue", "espoir", "à bout de souffle", "curiosité", "gratitude", "journée chargée", "calme",
           "inquiétude au sujet de {topic}"),
    review_actions="Actions\u00a0: {done} terminée(s), {carried} reportée(s), {dropped} abandonnée(s), "
                   "{open} encore ouverte(s).",
    review_elephants="Éléphants\u00a0: {addressed} traité(s), {let_go} laissé(s) de côté, {parked} encore en attente.",
    review_more=("Toujours en attente au sujet de {topic}.", "Rien de reporté sur {topic}.",
                 "{org} demande de garder {topic} sur la liste."),
    round_line="{org}\u00a0: {update}{worry}",
    worry="; souci\u00a0: {topic}.",
    no_worry=".",
    jargon_helped="Le tableau Nommer le jargon a aidé pour {term}.",
    back_late="Retour en retard; {org} a fait le point sur {topic} autour d’un café.",
    someone="quelqu’un",
    the_partnership="le partenariat",
    programme="{name}, {purpose}",
    article="",
)

PARTNERSHIPS_FR = (
    DemoPartnership(
        name="Partenariat Familles nouvellement arrivées" + DEMO_SUFFIX_FR,
        people=(
            ("Dana", "Conseil scolaire public"), ("Samuel", "Conseil scolaire public"),
            ("direction d’école", "Conseil scolaire catholique"), ("Marc", "Conseil scolaire catholique"),
            ("intervenante en établissement", "CÉSOC"), ("Priya", "CÉSOC"), (None, "CÉSOC"),
        ),
        terms={
            "CÉSOC": {"CÉSOC": "le centre où les familles sont accueillies, évaluées et orientées à leur arrivée",
                      "Conseil scolaire public": "le centre d’accueil où l’on inscrit les nouveaux élèves"},
            "PEI": {"Conseil scolaire public": "le plan d’enseignement individualisé d’un élève qui a des besoins particuliers",
                    "Conseil scolaire catholique": "le plan d’un élève dont l’anomalie a été identifiée"},
            "TÉÉ": {"CÉSOC": "le programme qui place des intervenantes d’établissement dans les écoles"},
            "ALF": {"Conseil scolaire public": "l’actualisation linguistique en français, pour les élèves qui apprennent le français"},
            "PANA": {"Conseil scolaire catholique": "le programme d’appui aux élèves dont la scolarité a été interrompue"},
            "CLIC": {"CÉSOC": "des cours de langue gratuits pour les adultes nouvellement arrivés"},
            "IRCC": {"CÉSOC": "le ministère fédéral qui finance notre travail d’établissement"},
            "PIA": {},
            "accompagnement": {
                "CÉSOC": "l’aide pratique pour les formulaires, le logement et les services",
                "Conseil scolaire public": "l’orientation scolaire sur les cours et les crédits",
                "Conseil scolaire catholique": "le soutien de la travailleuse sociale de l’école",
            },
            "accueil": {"CÉSOC": "la première rencontre où l’on évalue les besoins de la famille",
                        "Conseil scolaire public": "l’inscription d’un élève au centre d’accueil"},
            "approche enveloppante": {"Conseil scolaire public": "tous les services autour d’un élève, planifiés ensemble"},
            "crédits": {"Conseil scolaire public": "ce qu’un élève du secondaire accumule pour obtenir son diplôme"},
        },
        key_terms=("CÉSOC", "PEI", "TÉÉ", "CLIC", "ALF"),
        expansions={"CÉSOC": "Centre d’évaluation et de services d’orientation communautaire",
                    "PEI": "Plan d’enseignement individualisé", "TÉÉ": "Travailleurs d’établissement dans les écoles",
                    "ALF": "Actualisation linguistique en français", "PANA": "Programme d’appui aux nouveaux arrivants",
                    "CLIC": "Cours de langue pour les immigrants au Canada",
                    "IRCC": "Immigration, Réfugiés et Citoyenneté Canada"},
        same_as=(("CÉSOC", "centre d’accueil"),),
        elephants=(
            "Nous sommes financés au nombre de clients, pas au temps passé dans les écoles",
            "Les intervenantes de l’organisme se sentent invitées plutôt que chez elles dans les écoles",
            "Les références vont toujours dans le même sens",
            "Les interprètes sont réservés trop tard pour être utiles",
            "Les familles racontent une histoire à l’école et une autre à l’organisme",
            "Personne ne veut appeler la famille au sujet des absences",
        ),
        agreements=(
            "Les intervenantes travaillent à partir de l’école, sans y être attachées",
            "Un seul formulaire de référence pour les deux conseils scolaires",
            "Les interprètes sont réservés deux semaines avant les soirées de parents",
            "Nous parlons des familles sans les nommer à cette table",
            "L’école appelle l’intervenante d’établissement avant d’appeler la famille au sujet des absences",
            "Les nouvelles familles ont une seule rencontre d’accueil, pas trois",
        ),
        actions=(
            "Transmettre l’horaire de l’étape au CÉSOC",
            "Rédiger le formulaire de référence commun",
            "Réserver les interprètes pour la soirée de parents",
            "Trouver un local à l’école pour les heures sans rendez-vous",
            "Envoyer les dates d’orientation aux deux conseils",
            "Demander aux directions quels jours conviennent aux heures sans rendez-vous",
            "Rassembler les trousses d’accueil dans d’autres langues",
        ),
        topics=(
            "la soirée de parents du printemps", "l’inscription en 9e année", "l’arriéré des références",
            "la réservation des interprètes", "les heures sans rendez-vous à l’école", "les absences",
            "l’attente au centre d’accueil", "les places en école d’été", "les bulletins dans les langues d’origine",
            "les nouvelles familles hébergées à l’hôtel", "les laissez-passer d’autobus", "les fournitures scolaires",
        ),
        programme_words=(
            ("Programme", "Projet", "Carrefour", "Cercle", "Réseau", "Fonds"),
            ("Familles", "Accueil", "Parents", "École", "Jeunes", "Voisinage"),
            ("Ensemble", "Horizon", "Passerelle", "Réussite", "Plus", "Avenir"),
        ),
        programme_purposes=(
            "financé pour deux ans", "offert à la bibliothèque centrale", "pour les familles dans leur première année",
            "un projet pilote dans trois écoles", "offert en soirée", "payé par le fonds d’équité du conseil",
        ),
    ),
    DemoPartnership(
        name="Réseau Alphabétisation et emploi" + DEMO_SUFFIX_FR,
        people=(
            ("Léa", "Centre d’alphabétisation communautaire"), (None, "Centre d’alphabétisation communautaire"),
            ("Ana", "Services d’emploi"), ("conseiller en emploi", "Services d’emploi"),
            ("Christian", "Collège – AFB"), ("formatrice", "Collège – AFB"),
        ),
        terms={
            "AFB": {"Collège – AFB": "Alphabétisation et formation de base, le programme provincial"},
            "évaluation": {
                "Centre d’alphabétisation communautaire": "une conversation sur ce que l’apprenant veut lire",
                "Services d’emploi": "un test normalisé de préparation à l’emploi",
                "Collège – AFB": "les tâches d’accueil qui placent un apprenant à un niveau",
            },
            "jalon": {"Collège – AFB": "une tâche qu’un apprenant réussit pour montrer ses progrès"},
            "conférence de cas": {},
            "qualité": {
                "Services d’emploi": "des placements qui durent six mois",
                "Collège – AFB": "des apprenants qui atteignent leur but à temps",
            },
            "EO": {"Services d’emploi": "Emploi Ontario, le réseau qui nous finance"},
            "CLAO": {"Collège – AFB": "le cadre du curriculum d’où viennent nos jalons"},
            "plan d’apprentissage": {
                "Centre d’alphabétisation communautaire": "le plan de l’apprenant, dans ses propres mots",
                "Collège – AFB": "le plan avec la voie et les jalons dont nous rendons compte",
            },
            "voie": {"Collège – AFB": "où va l’apprenant\u00a0: emploi, apprentissage, études ou autonomie"},
            "placement": {
                "Services d’emploi": "un essai d’emploi rémunéré chez un employeur",
                "Centre d’alphabétisation communautaire": "le groupe auquel un apprenant se joint",
            },
            "SGC": {},
            "employabilité": {},
        },
        key_terms=("AFB", "EO", "CLAO", "jalon"),
        expansions={"AFB": "Alphabétisation et formation de base", "EO": "Emploi Ontario",
                    "CLAO": "Cadre du curriculum en littératie des adultes de l’Ontario"},
        same_as=(("plan d’apprentissage", "voie"),),
        elephants=(
            "Nous nous disputons les mêmes apprenants et le même financement",
            "Nos mesures de résultats tirent les apprenants dans des directions différentes",
            "Personne n’est responsable du passage de l’alphabétisation à la recherche d’emploi",
            "Les employeurs n’appellent que le programme le plus connu",
            "Les apprenants décrochent quand la paperasse commence",
        ),
        agreements=(
            "Le but d’un apprenant est d’abord écrit dans ses propres mots",
            "Les transferts se font dans une rencontre commune, pas par courriel",
            "Nous comptons un apprenant une seule fois, dans le programme où il a commencé",
            "Un seul formulaire de consentement suit l’apprenant",
            "Les employeurs entendent parler des apprenants par une seule personne-ressource, pas trois",
        ),
        actions=(
            "Repérer qui d’autre travaille avec des apprenants adultes dans la région",
            "Échanger les formulaires d’accueil entre les programmes",
            "Inviter la bibliothèque à la prochaine réunion stratégique",
            "Mettre par écrit les étapes du transfert",
            "Demander au bailleur de fonds comment les apprenants communs sont comptés",
            "Dresser la liste des employeurs avec qui chaque programme travaille déjà",
        ),
        topics=(
            "le passage à la recherche d’emploi", "les apprenants qui attendent un placement",
            "les nouvelles cibles du bailleur de fonds", "les cours de compétences numériques", "les cours du soir",
            "l’accueil commun", "le déjeuner des employeurs", "les apprenants sans pièce d’identité",
            "l’accueil du printemps", "la garde d’enfants pendant les cours", "les billets d’autobus des apprenants",
        ),
        programme_words=(
            ("Atelier", "Projet", "Programme", "Parcours", "Laboratoire", "Série"),
            ("Compétences", "Emploi", "Numérique", "Communauté", "Adultes", "Savoirs"),
            ("Plus", "Action", "Relais", "Accès", "Départ", "Tremplin"),
        ),
        programme_purposes=(
            "pour les apprenants proches de l’emploi", "offert avec la bibliothèque", "un projet pilote d’un an",
            "payé par une subvention de fondation", "le soir, pour les travailleurs de quarts",
            "pour les apprenants de plus de cinquante ans",
        ),
    ),
    DemoPartnership(
        name="Table Bien-être des enfants et des familles" + DEMO_SUFFIX_FR,
        people=(
            ("Morgan", "Société de l’aide à l’enfance"), ("intervenante en protection", "Société de l’aide à l’enfance"),
            ("Jessica", "Centre de santé mentale pour enfants"), (None, "Centre de santé mentale pour enfants"),
            ("infirmière praticienne", "Équipe de santé familiale"), ("Ravi", "Équipe de santé familiale"),
        ),
        terms={
            "SAE": {"Société de l’aide à l’enfance": "l’organisme local de protection de l’enfance, nous"},
            "plan de sécurité": {
                "Société de l’aide à l’enfance": "les étapes convenues avec une famille pour qu’un enfant reste en sécurité à la maison",
                "Centre de santé mentale pour enfants": "le plan d’un jeune pour traverser une crise",
                "Équipe de santé familiale": "le plan fait avec un patient après une visite à l’urgence",
            },
            "évaluation": {
                "Société de l’aide à l’enfance": "l’évaluation de la sécurité et du risque après un signalement",
                "Centre de santé mentale pour enfants": "l’évaluation clinique de la santé mentale d’un enfant",
            },
            "PDS": {"Société de l’aide à l’enfance": "les outils de décision qui servent à coter le risque"},
            "conférence de cas": {
                "Société de l’aide à l’enfance": "une rencontre de toutes les personnes qui travaillent avec la famille",
            },
            "consentement": {
                "Centre de santé mentale pour enfants": "l’accord du jeune lui-même, dès qu’il peut le donner",
                "Société de l’aide à l’enfance": "la signature d’un parent pour échanger de l’information",
            },
            "obligation de signaler": {
                "Société de l’aide à l’enfance": "l’obligation légale de nous aviser quand un enfant pourrait avoir besoin de protection",
            },
            "SMEJ": {"Centre de santé mentale pour enfants": "nos services de base financés pour les enfants et les jeunes"},
            "liste d’attente": {},
            "approche tenant compte des traumatismes": {
                "Centre de santé mentale pour enfants": "des soins qui partent du principe que tout enfant peut porter un traumatisme",
            },
            "fermeture du dossier": {
                "Société de l’aide à l’enfance": "la fin de notre intervention une fois le risque réduit",
                "Centre de santé mentale pour enfants": "le congé donné après la dernière séance",
            },
            "SNAP": {},
        },
        key_terms=("SAE", "plan de sécurité", "SMEJ", "PDS"),
        expansions={"SAE": "Société de l’aide à l’enfance", "PDS": "Prise de décision structurée",
                    "SMEJ": "Santé mentale des enfants et des jeunes", "SNAP": "Stop Now And Plan (Arrête-toi et planifie)"},
        same_as=(("fermeture du dossier", "congé"),),
        elephants=(
            "Les familles ont peur que demander de l’aide fasse intervenir la protection de l’enfance",
            "Chacun de nous pense que l’autre organisme porte le risque",
            "Avec les listes d’attente, le plan convenu ne peut pas commencer avant des mois",
            "L’échange d’information s’arrête au formulaire de consentement",
            "Les médecins font une demande et n’ont plus jamais de nouvelles",
        ),
        agreements=(
            "Nous disons clairement aux familles qui échange quoi avec qui",
            "Une conférence de cas commune dans les dix jours suivant une demande commune",
            "Les plans de sécurité précisent quel organisme fait chaque étape",
            "Nous reprenons les mots du jeune pour ses objectifs",
            "Le clinicien qui a fait la demande a des nouvelles dans la semaine",
        ),
        actions=(
            "Rédiger une page qui explique le consentement aux familles",
            "Comparer nos deux modèles de plan de sécurité",
            "Inviter la coordonnatrice de la liste d’attente à la prochaine rencontre",
            "Tracer le parcours des demandes qui viennent de l’équipe de santé familiale",
            "Communiquer les dates de formation sur l’obligation de signaler",
            "Écrire les étapes de la conférence de cas commune",
        ),
        topics=(
            "la liste d’attente", "les demandes communes", "une famille que nous suivons tous les deux",
            "le consentement à l’échange d’information", "les crises en dehors des heures",
            "les demandes pour les enfants d’âge scolaire", "la fermeture commune des dossiers",
            "les jeunes qui quittent la prise en charge", "le creux de services de l’été", "les visites à l’urgence",
            "la nouvelle ligne d’accueil",
        ),
        programme_words=(
            ("Service", "Projet", "Équipe", "Ligne", "Réseau", "Fonds"),
            ("Familles", "Jeunesse", "Enfance", "Communauté", "Parents", "Crise"),
            ("Soutien", "Mieux-être", "Réponse", "Lien", "Résilience", "Proximité"),
        ),
        programme_purposes=(
            "pour les familles en attente de service", "une clinique sans rendez-vous le mardi",
            "doté conjointement pendant un an", "financé par des fonds ponctuels du ministère",
            "pour les jeunes qui quittent la prise en charge", "qui répond le soir et la fin de semaine",
        ),
    ),
)
"""The French demo's partnerships: as many as the English (`schedule` shares the meetings out by index)."""
