"""A partnership's report for a period as typed data: what `store.reports` gathers and `core.report` writes.

The store decides what is in it (the period's edges, what is confidential, who is
named); these shapes only carry it. Every total is a `core.counting.Tally`: it counts
confidential items too and says how many of it they are, while the lists beside it hold
only what the report may describe. Confidential items left out are also counted in `left_out`; an anonymous item's `said_by` is None, and a report names whom
`core.audience.said_by` lets it name (`core/report.py`). Instants are aware UTC
datetimes (shown in local time by the renderers); calendar days are dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from meetingkit.core.audience import Naming
from meetingkit.core.counting import ElephantTotals, Tally
from meetingkit.core.models import (
    ActionStatus,
    AgreementStatus,
    Attribution,
    ElephantStatus,
    MeetingStatus,
    TurningPointKind,
)
from meetingkit.core.records import LeftOut, TermMeaning


@dataclass(frozen=True)
class ReportPeriod:
    """The period the report covers, as asked for."""

    described: str
    """The period in words, as the report's heading says it ("since 25 Sep 2026")."""
    start: date | None
    """Its first day; None for a period with no start."""
    end: date | None
    """Its last day; None for a period with no end."""
    as_of: datetime
    """When "at the end of the period" is: its end, or when the report was made if it has not ended yet."""


# -- meetings and who came ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingHeld:
    """One meeting started in the period, with who was present."""

    id: str
    """The meeting's id."""
    title: str
    """Its title."""
    meeting_type: str
    """Its meeting type ("operational", …)."""
    status: MeetingStatus
    """Running or ended (a meeting never started was not held, and is not in the report)."""
    started_at: datetime
    """When it started."""
    ended_at: datetime | None
    """When it ended; None while it is still running."""
    seconds: int | None
    """How long it lasted, in whole seconds; None while it is still running."""
    present: tuple[str, ...]
    """Who was present, in the order they arrived ("Dana, School board", "Settlement agency")."""
    present_organisations: tuple[str | None, ...] = ()
    """Each one's organisation, in the same order; None for someone without one."""


@dataclass(frozen=True)
class MeetingTypeTime:
    """How many meetings of one type were held in the period, and the time spent in them."""

    meeting_type: str
    """The meeting type."""
    meetings: int
    """Meetings of that type held."""
    seconds: int
    """Their time together, in seconds (meetings still running count nothing)."""


@dataclass(frozen=True)
class MeetingsHeld:
    """The meetings held in the period, by type and one by one."""

    by_type: tuple[MeetingTypeTime, ...]
    """Per meeting type, the most held first (ties by name)."""
    listed: tuple[MeetingHeld, ...]
    """Every meeting held, oldest first."""

    @property
    def held(self) -> int:
        """How many meetings were held."""
        return len(self.listed)

    @property
    def seconds(self) -> int:
        """The time spent together, in seconds, not counting meetings still running."""
        return sum(meeting.seconds or 0 for meeting in self.listed)


@dataclass(frozen=True)
class OrganisationAttendance:
    """How often one organisation was at the period's meetings (attendances, not heads: see the store)."""

    organisation: str | None
    """The organisation's name; None for people who came without one."""
    meetings: int
    """Meetings at which someone from it was present."""
    of_meetings: int
    """Meetings held in the period, for "2 of 3"."""
    attendances: int
    """Person-attendances: one per person per meeting."""


# -- the glossary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryTerm:
    """One term of the partnership's glossary, as the report lists it."""

    id: str
    """The term's id."""
    term: str
    """The term as people write it ("ISP")."""
    expansion: str
    """What it stands for; empty when unknown."""
    plain_words: str
    """A plain-language alternative; empty when none was given."""
    meanings: tuple[TermMeaning, ...]
    """Each organisation's meaning, oldest first."""
    same_as: tuple[str, ...]
    """Other terms the group decided mean the same thing (confidential ones only when asked for)."""
    unexplained: bool
    """Marked unexplained now."""
    first_raised: datetime
    """When it arrived: the start of the meeting where it was first raised, or when it was added."""
    raised_in_period: int
    """Times it was raised in the period's meetings."""
    explained_at: datetime | None
    """When it counts as explained from; None while it is unexplained."""
    confidential: bool
    """A confidential term (in the report only when asked for)."""


@dataclass(frozen=True)
class Glossary:
    """How the partnership's shared vocabulary grew over the period."""

    terms_at_start: Tally
    """Terms in the glossary before the period began."""
    terms_at_end: Tally
    """Terms in the glossary at its end."""
    mentions: Tally
    """Times jargon was named in the period's meetings (of confidential terms: `confidential`)."""
    new: tuple[GlossaryTerm, ...]
    """Terms first raised (or added) in the period."""
    explained: tuple[GlossaryTerm, ...]
    """Terms that came to be explained in the period."""
    unexplained: tuple[GlossaryTerm, ...]
    """Terms still unexplained at its end."""
    new_total: Tally = Tally()
    """How many terms were first raised in the period, confidential ones too."""
    explained_total: Tally = Tally()
    """How many came to be explained in it."""
    unexplained_total: Tally = Tally()
    """How many were still unexplained at its end."""


# -- elephants ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportElephant:
    """An elephant in the room, as the report names it."""

    id: str
    """The elephant's id."""
    text: str
    """What was named."""
    raised_at: datetime
    """When it was raised (the start of the meeting it was raised in)."""
    status: ElephantStatus
    """Where it stands now."""
    said_by: str | None
    """Who raised it; None when it was raised anonymously."""
    attribution: Attribution
    """How it was credited: named, to an organisation, or anonymous (`core.audience.said_by` reads it)."""
    organisation: str | None
    """The organisation credited, or the named person's own; None when anonymous or not known."""
    confidential: bool
    """A confidential elephant (in the report only when asked for)."""


@dataclass(frozen=True)
class EarlierDecision:
    """A resolution the elephant's outcome replaced without it being reopened (two sites decided)."""

    status: ElephantStatus
    """Addressed or let go."""
    at: datetime
    """When (the start of that meeting)."""


@dataclass(frozen=True)
class ResolvedElephant(ReportElephant):
    """An elephant addressed or let go in the period: its one outcome there (`core.counting`)."""

    at: datetime
    """When it was addressed or let go (the start of that meeting; its final decision in the period)."""
    note: str
    """How it was addressed, or why it was let go; empty when not recorded."""
    conflicts: tuple[EarlierDecision, ...] = ()
    """Earlier decisions in the period that this one replaced (a conflict between merged files)."""


@dataclass(frozen=True)
class WaitingElephant(ReportElephant):
    """An elephant still open at the end of the period."""

    status_at_end: ElephantStatus
    """Parked or being discussed, as it was at the end of the period."""
    age_days: int
    """Calendar days it had waited by the period's last day (today, for a period not over)."""


@dataclass(frozen=True)
class Elephants:
    """The elephants the period saw raised, dealt with, and still waiting."""

    raised: tuple[ReportElephant, ...]
    """Raised in the period."""
    addressed: tuple[ResolvedElephant, ...]
    """Addressed in the period, in the order they were."""
    let_go: tuple[ResolvedElephant, ...]
    """Let go in the period, in the order they were."""
    open_at_end: tuple[WaitingElephant, ...]
    """Still open at the end of the period."""
    totals: ElephantTotals = ElephantTotals()
    """The four totals, confidential elephants counted (`core.counting`, as Trends counts them)."""


# -- turning points and agreements ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportTurningPoint:
    """A moment the conversation opened up, in one of the period's meetings."""

    id: str
    """The turning point's id."""
    at: datetime
    """The start of the meeting it happened in (never its own stamp, which could single someone out)."""
    meeting: str
    """The meeting's title."""
    section: str
    """The agenda section it happened in; empty when none was running."""
    kind: TurningPointKind | None
    """An apology, a concession, …; None when not recorded."""
    note: str
    """What happened; empty when not described."""
    opened_up: str
    """What it opened up; empty when not described."""
    agreement: str | None
    """The agreement it led to; None when none, or when that agreement is confidential and left out."""
    said_by: str | None
    """Who it is credited to; None when anonymous."""
    attribution: Attribution
    """How it was credited: named, to an organisation, or anonymous (`core.audience.said_by` reads it)."""
    organisation: str | None
    """The organisation credited, or the named person's own; None when anonymous or not known."""
    confidential: bool
    """A confidential moment (in the report only when asked for)."""


@dataclass(frozen=True)
class ReportAgreement:
    """An agreement or shared understanding reached in the period."""

    id: str
    """The agreement's id."""
    text: str
    """What was agreed."""
    at: datetime
    """The start of the meeting it was made in (or when it was recorded, outside a meeting)."""
    meeting: str | None
    """The meeting's title; None when it was recorded outside a meeting."""
    parties: tuple[str, ...]
    """The organisations party to it, by name."""
    review_on: date | None
    """When to review it; None when no date was set."""
    status: AgreementStatus
    """Whether it still stands (now)."""
    review_due: bool
    """Its review date has come by the day the report is made, and it still stands."""
    said_by: str | None
    """Who proposed it; None when anonymous."""
    attribution: Attribution
    """How it was credited: named, to an organisation, or anonymous (`core.audience.said_by` reads it)."""
    organisation: str | None
    """The organisation credited, or the named person's own; None when anonymous or not known."""
    confidential: bool
    """A confidential agreement (in the report only when asked for)."""


# -- actions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportAction:
    """An action, as the report lists it."""

    id: str
    """The action's id (of the row listed: a carried action has one per meeting it was carried to)."""
    text: str
    """What is to be done."""
    owner: str | None
    """Who took it ("Dana, school board", or an organisation); None when nobody has yet."""
    due_on: date | None
    """When it is due; None when no date was set."""
    at: datetime
    """The start of the meeting it was agreed or carried in (or when it was recorded)."""
    meeting: str | None
    """That meeting's title; None outside a meeting."""
    confidential: bool
    """A confidential action (in the report only when asked for)."""
    owner_organisation: str | None
    """The owner's organisation (a person's own, or the organisation owning it); None when not known."""
    owner_named: bool
    """The owner is a person (a report that names organisations only names their organisation)."""


@dataclass(frozen=True)
class MadeAction(ReportAction):
    """An action first agreed in the period (a carried action is made once)."""

    status: ActionStatus
    """Where the commitment stands now, followed through the meetings it was carried to."""


@dataclass(frozen=True)
class DoneAction(ReportAction):
    """An action done in the period."""

    done_at: datetime
    """When it was done (the start of the meeting it was closed in)."""


@dataclass(frozen=True)
class OpenAction(ReportAction):
    """An action still open at the end of the period."""

    overdue: bool
    """Its due date had passed by the end of the period."""


@dataclass(frozen=True)
class Actions:
    """The actions the period saw made, done, dropped, and still open."""

    made: tuple[MadeAction, ...]
    """First agreed in the period."""
    done: tuple[DoneAction, ...]
    """Done in the period, in the order they were."""
    dropped: Tally
    """How many were dropped in the period."""
    open_at_end: tuple[OpenAction, ...]
    """Still open at the end of the period, the soonest due first (undated last)."""
    made_total: Tally = Tally()
    """How many were made in the period, confidential ones too."""
    done_total: Tally = Tally()
    """How many were done in it."""
    open_total: Tally = Tally()
    """How many were still open at its end."""
    overdue_total: Tally = Tally()
    """Of those, how many were overdue."""


# -- the whole report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnershipReport:
    """Everything the report says about one partnership over one period."""

    made_at: datetime
    """When the report was made."""
    partnership_id: str
    """The partnership's id."""
    partnership: str
    """The partnership's name."""
    period: ReportPeriod
    """The period it covers."""
    include_confidential: bool
    """Whether confidential items were asked for (and are in it)."""
    naming: Naming
    """Who the report names: people, organisations only (the default), or nobody (`core.audience.said_by`)."""
    meetings: MeetingsHeld
    """The meetings held, by type and one by one."""
    attendance: tuple[OrganisationAttendance, ...]
    """Per organisation the partnership knows (those that never came too), the most present first."""
    glossary: Glossary
    """How the shared glossary grew."""
    elephants: Elephants
    """Elephants raised, addressed, let go, and open at the end."""
    turning_points: tuple[ReportTurningPoint, ...]
    """Turning points in the period's meetings, oldest first."""
    agreements: tuple[ReportAgreement, ...]
    """Agreements made in the period, oldest first."""
    actions: Actions
    """Actions made, done, dropped and open at the end."""
    left_out: LeftOut
    """What was left out."""
    turning_points_total: Tally = Tally()
    """Turning points marked in the period's meetings, confidential ones too."""
    agreements_total: Tally = Tally()
    """Agreements made in the period, confidential ones too."""
    review_due_total: Tally = Tally()
    """Of those, how many are due for review."""
