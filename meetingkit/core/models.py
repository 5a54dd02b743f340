"""Plain dataclasses shared by the store, the screens and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from meetingkit.core.i18n import pgettext

if TYPE_CHECKING:
    from meetingkit.core.records import Summary


class MeetingType(StrEnum):
    """The four kinds of partnership meeting the practice names."""

    OPERATIONAL = "operational"
    REFLECTIVE_PRACTICE = "reflective-practice"
    STRATEGIC = "strategic"
    SHARED_TRAINING = "shared-training"


class SectionKind(StrEnum):
    """What an agenda section is for; the runner treats some kinds specially."""

    WELCOME = "welcome"
    ROUND = "round"
    DISCUSSION = "discussion"
    REVIEW = "review"
    REFLECTION = "reflection"
    TRAINING = "training"
    BREAK = "break"
    CLOSE = "close"


class WallFace(StrEnum):
    """What the wall shows of a meeting in progress, as the facilitator chooses from the console."""

    MEETING = "meeting"
    """The meeting: section, timer, prompts, boards, what was agreed."""
    BLANK = "blank"
    """Nothing (`b`): the room looks at each other, not the wall."""
    JOIN_CODE = "join_code"
    """The meeting, with how to join from a browser (`i`)."""


class MeetingStatus(StrEnum):
    """Where a meeting is in its life."""

    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"


class WorkingLanguage(StrEnum):
    """The language a meeting works in: one of the two official languages, or both."""

    EN = "en"
    FR = "fr"
    BOTH = "en+fr"


class TermLanguage(StrEnum):
    """The language a glossary term belongs to (a term of a bilingual meeting may have none)."""

    EN = "en"
    FR = "fr"


class Attribution(StrEnum):
    """Who a captured item is credited to. Anonymous stores nobody at all."""

    NAMED = "named"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Speaker:
    """Who said something, as it is to be kept: the one value every capture takes.

    Anonymous (the default) keeps nobody at all. An organisation keeps only the
    organisation; a person keeps the person and their organisation. Either is given
    by id when it was chosen from a list, or as it was typed (`--by "Dana, school
    board"`, `--org OCISO`), and the capture finds or adds it inside its own
    transaction, so a refused capture adds nobody either.
    """

    attribution: Attribution = Attribution.ANONYMOUS
    """Anonymous, an organisation alone, or a named person."""
    person_id: str | None = None
    """The person, when chosen from the meeting's attendees."""
    organisation_id: str | None = None
    """The organisation, when chosen from the partnership's (or the chosen person's)."""
    typed: str = ""
    """A person ("Dana, school board") or organisation ("OCISO") as typed, when no id was chosen."""

    @classmethod
    def person(cls, person_id: str, organisation_id: str | None = None) -> Speaker:
        """A person chosen from the list of who is here."""
        return cls(Attribution.NAMED, person_id=person_id, organisation_id=organisation_id)

    @classmethod
    def organisation(cls, organisation_id: str) -> Speaker:
        """An organisation chosen from the partnership's, naming nobody."""
        return cls(Attribution.ORGANISATION, organisation_id=organisation_id)

    @classmethod
    def person_typed(cls, typed: str) -> Speaker:
        """A person as typed: an attendee with that label or name, or someone new."""
        return cls(Attribution.NAMED, typed=typed)

    @classmethod
    def organisation_typed(cls, typed: str) -> Speaker:
        """An organisation as typed: the partnership's of that name (any case), or a new one."""
        return cls(Attribution.ORGANISATION, typed=typed)


ANONYMOUS = Speaker()
"""Nobody on record: the default for every capture."""


class ElephantStatus(StrEnum):
    """The life of an elephant in the parking lot."""

    PARKED = "parked"
    DISCUSSING = "discussing"
    ADDRESSED = "addressed"
    LET_GO = "let_go"


class TurningPointKind(StrEnum):
    """The moments a facilitator watches for."""

    APOLOGY = "apology"
    CONCESSION = "concession"
    KIND_WORD = "kind_word"
    NEW_UNDERSTANDING = "new_understanding"
    OTHER = "other"


class AgreementStatus(StrEnum):
    """Whether an agreement still stands."""

    ACTIVE = "active"
    REVISED = "revised"
    RETIRED = "retired"


class ActionStatus(StrEnum):
    """Whether an action is still someone's job.

    A carried action is closed in the meeting that carried it and continues as a
    new open action there (linked by `carried_from_id`, keeping `opened_at`).
    """

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried"


class ChangeKind(StrEnum):
    """What a correction or decision did to a row, as its history (`changes`) keeps it."""

    EDITED = "edited"
    DELETED = "deleted"
    RESTORED = "restored"
    REVIEWED = "reviewed"
    REVISED = "revised"
    RETIRED = "retired"
    DONE = "done"
    DROPPED = "dropped"
    REOPENED = "reopened"
    RENAMED = "renamed"
    MERGED = "merged"
    ALIASED = "aliased"
    ADJUSTED = "adjusted"
    SKIPPED = "skipped"
    REPLANNED = "replanned"
    UNDONE = "undone"


class ChangedTable(StrEnum):
    """The tables whose rows a change may name."""

    ORGANISATIONS = "organisations"
    PEOPLE = "people"
    ATTENDANCE = "attendance"
    SECTION_RUNS = "section_runs"
    JARGON_TERMS = "jargon_terms"
    JARGON_MEANINGS = "jargon_meanings"
    ELEPHANTS = "elephants"
    AGREEMENTS = "agreements"
    TURNING_POINTS = "turning_points"
    ACTIONS = "actions"
    NOTES = "notes"


class RoundOutcome(StrEnum):
    """What someone did when the round came to them. Passing is as good as speaking."""

    SPOKE = "spoke"
    PASSED = "passed"


@dataclass(frozen=True)
class AgendaSection:
    """One timeboxed part of an agenda."""

    title: str
    minutes: int
    kind: SectionKind
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agenda:
    """A meeting template: read from TOML, snapshotted into every meeting that uses it."""

    id: str
    """The file's stem, e.g. `reflective-practice`; a user file with the same stem overrides."""
    name: str
    meeting_type: str
    description: str
    sections: tuple[AgendaSection, ...]
    source: str = ""
    """Where it was read from, for messages and `meetingkit agendas`."""

    @property
    def total_minutes(self) -> int:
        """The planned length of the whole meeting."""
        return sum(section.minutes for section in self.sections)


@dataclass(frozen=True)
class Partnership:
    """Organisations that meet to work as one."""

    id: str
    name: str
    description: str = ""
    created_at: datetime | None = None
    meeting_count: int = 0
    last_met: datetime | None = None
    open_elephants: int = 0
    open_actions: int = 0


@dataclass(frozen=True)
class Organisation:
    """An agency, school board or programme taking part in a partnership."""

    id: str
    partnership_id: str
    name: str
    aliases: tuple[str, ...] = ()
    """Other names it goes by (`OCSB`), each an organisation merged into it or made an alias;
    typing one finds this organisation."""


@dataclass(frozen=True)
class Person:
    """Someone who attends. The name is optional: "settlement worker" is enough."""

    id: str
    partnership_id: str
    name: str | None
    organisation_id: str | None = None
    organisation_name: str | None = None

    @property
    def label(self) -> str:
        """How the person is shown: "Dana, school board", or just the organisation."""
        parts = [part for part in (self.name, self.organisation_name) if part]
        return ", ".join(parts) if parts else "someone"


@dataclass(frozen=True)
class Meeting:
    """One meeting of a partnership, with the agenda it ran from."""

    id: str
    partnership_id: str
    meeting_type: str
    title: str
    status: MeetingStatus
    agenda_id: str = ""
    agenda_name: str = ""
    site: str = ""
    planned_start: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    created_at: datetime | None = None
    partnership_name: str = ""
    attendee_count: int = 0
    sections: tuple[AgendaSection, ...] = field(default=())
    current_position: int = 0
    """The section the meeting is in (or was in when it stopped)."""
    projecting: bool = False
    """Whether the room was seeing projection mode: a resumed meeting comes back the same way."""
    wall: WallFace = WallFace.MEETING
    """What `meetingkit wall` shows of it."""
    summary: Summary | None = None
    """What the summary screen showed when the meeting ended."""
    language: WorkingLanguage = WorkingLanguage.EN
    """The language the meeting works in, chosen when it starts (migration 12)."""


@dataclass(frozen=True)
class SectionRun:
    """One agenda section as it ran in a meeting.

    Time spent away from the section (paused, or in another section) is counted in
    `paused_seconds`, or since `paused_at` while it lasts, so elapsed time can always
    be derived from the stored timestamps, after a crash as much as in a live meeting.
    """

    id: str
    meeting_id: str
    position: int
    title: str
    kind: SectionKind
    planned_minutes: int
    prompts: tuple[str, ...] = ()
    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    notes: str = ""
    """Every note of the section, one per line, as the facilitator's notes editor shows them."""
    adjusted_minutes: int | None = None
    """The minutes the section has after steering (`>`, `<`, a re-plan); None while it has its plan."""
    skipped: bool = False
    """Skipped on purpose (`s`, or dropped by a re-plan), with the time it had."""

    @property
    def planned_seconds(self) -> int:
        """The timebox as planned, in seconds."""
        return self.planned_minutes * 60

    @property
    def allowed_minutes(self) -> int:
        """The minutes the section has now: as adjusted, or as planned."""
        return self.planned_minutes if self.adjusted_minutes is None else self.adjusted_minutes

    @property
    def allowed_seconds(self) -> int:
        """The timebox the section's clock counts down, in seconds (as adjusted, or as planned)."""
        return self.allowed_minutes * 60

    @property
    def is_running(self) -> bool:
        """Started, and neither paused nor left."""
        return self.started_at is not None and self.paused_at is None and self.ended_at is None

    def elapsed_seconds(self, now: datetime) -> float:
        """Seconds spent in this section so far."""
        if self.started_at is None:
            return 0.0
        until = self.paused_at or self.ended_at or now
        return max(0.0, (until - self.started_at).total_seconds() - self.paused_seconds)


@dataclass(frozen=True)
class Note:
    """One note in a section: a line the facilitator typed, or one a scribe added from another terminal."""

    id: str
    meeting_id: str
    section_run_id: str | None
    position: int
    """Its place among the section's notes (the order they are read in)."""
    text: str
    confidential: bool = False
    attribution: Attribution = Attribution.ANONYMOUS
    said_by: str | None = None
    """Who it is credited to, as people read it; None when anonymous."""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Agreement:
    """A shared understanding: something the organisations now see the same way."""

    id: str
    meeting_id: str | None
    text: str
    parties: tuple[str, ...] = ()
    """Names of the organisations party to it."""
    review_on: date | None = None
    status: AgreementStatus = AgreementStatus.ACTIVE
    confidential: bool = False
    created_at: datetime | None = None
    meeting_title: str = ""
    meeting_started_at: datetime | None = None

    @property
    def is_standing(self) -> bool:
        """Neither revised (its new wording stands instead) nor retired."""
        return self.status is AgreementStatus.ACTIVE

    def due_for_review(self, today: date) -> bool:
        """Standing, and its review day has come."""
        return self.is_standing and self.review_on is not None and self.review_on <= today


@dataclass(frozen=True)
class Action:
    """Something someone will do, by when."""

    id: str
    meeting_id: str | None
    text: str
    owner: str = ""
    """The person's label or the organisation's name; empty when nobody took it yet."""
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    confidential: bool = False
    opened_at: datetime | None = None
    """When the action was first agreed, kept when it is carried to a later meeting."""
    carried: bool = False
    """True when it continues an action from an earlier meeting."""
    meeting_title: str = ""
    meeting_started_at: datetime | None = None


@dataclass(frozen=True)
class OpenElephant:
    """An elephant still in the parking lot, with how long it has waited."""

    id: str
    text: str
    status: ElephantStatus
    raised_at: datetime
    meetings_waited: int = 0
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a term means in one organisation (or, with no organisation, to the group)."""

    id: str
    meaning: str
    organisation: str = ""
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class BoardTerm:
    """A jargon term as a board shows it: its tally, its meanings, and whether it still needs explaining."""

    id: str
    display: str
    tally: int = 0
    """Times raised in the meeting being shown (or across the partnership, in the glossary)."""
    total: int = 0
    """Times raised in all the partnership's meetings."""
    unexplained: bool = False
    new_here: bool = False
    """First raised in the meeting being shown."""
    expansion: str = ""
    plain_words: str = ""
    meanings: tuple[Meaning, ...] = ()
    same_as: tuple[str, ...] = ()
    """Other terms the group decided mean the same thing."""
    same_as_confidential: tuple[str, ...] = ()
    """Those of `same_as` that are confidential terms: a name can give away what a term is kept for."""
    confidential: bool = False
    first_raised: datetime | None = None
    last_raised: datetime | None = None
    meetings: int = 0
    """How many meetings it was raised in."""
    first_mention: int = 0
    """Where it was first raised in the meeting shown, for ordering ties as a full reload does."""
    language: TermLanguage | None = None
    """The language the term belongs to: the working language of the meeting that first named it
    (none for a bilingual meeting's), or as someone set it."""
    equivalents: tuple[str, ...] = ()
    """Those of `same_as` in the other language (IEP ≡ PEI): the same thing, said in French or English."""

    def shown_same_as(self, *, include_confidential: bool) -> tuple[str, ...]:
        """The same-as names to show: without the confidential terms' names unless they may be shown."""
        if include_confidential:
            return self.same_as
        return tuple(name for name in self.same_as if name not in self.same_as_confidential)


@dataclass(frozen=True)
class Elephant:
    """Something hard to say, named, parked, and followed until it is addressed or let go."""

    id: str
    text: str
    status: ElephantStatus
    raised_at: datetime
    raised_in: str = ""
    """The title of the meeting it was named in."""
    said_by: str = "anonymous"
    """Who named it, as the facilitator reads it: "anonymous", "school board", "Dana, school board"."""
    attribution: Attribution = Attribution.ANONYMOUS
    credited_organisation: str = ""
    """The organisation credited, or the named person's own ("" if none): all the room may see of who named it."""
    resolution_note: str = ""
    resolved_at: datetime | None = None
    resolved_in: str = ""
    meetings_waited: int = 0
    confidential: bool = False
    partnership_id: str = ""
    """The partnership whose parking lot it is in."""

    @property
    def is_open(self) -> bool:
        """Still in the parking lot (parked or being discussed)."""
        return self.status in (ElephantStatus.PARKED, ElephantStatus.DISCUSSING)


@dataclass(frozen=True)
class TurningPoint:
    """A moment the conversation opened up, stamped live and described later."""

    id: str
    meeting_id: str
    marked_at: datetime
    section: str = ""
    section_run_id: str | None = None
    kind: TurningPointKind | None = None
    note: str = ""
    opened_up: str = ""
    agreement_id: str | None = None
    agreement: str = ""
    agreement_confidential: bool = False
    """The agreement it led to is confidential, even if the moment is not."""
    said_by: str = "anonymous"
    confidential: bool = False
    meeting_title: str = ""
    meeting_started_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One meeting in the review history, with how much each board captured in it."""

    id: str
    partnership_id: str
    partnership: str
    meeting_type: str
    title: str
    status: MeetingStatus
    started_at: datetime | None
    duration_seconds: float | None
    """From start to end; None until the meeting has ended."""
    attendance: int = 0
    jargon: int = 0
    """Jargon mentions."""
    elephants: int = 0
    """Elephants raised."""
    turning_points: int = 0
    agreements: int = 0
    actions: int = 0


TYPE_LABELS = {
    "operational": "Operational",
    "reflective-practice": "Reflective practice",
    "strategic": "Strategic",
    "shared-training": "Shared training",
}
"""The shipped meeting types as people say them in English (`type_label` says them in the language in use)."""


def type_label(meeting_type: str) -> str:
    """A meeting type as people say it, in the language in use ("reflective-practice" → "Reflective
    practice", « Pratique réflexive »); a type of the user's own is shown from its slug."""
    said = {
        "operational": pgettext("meeting type", "Operational"),
        "reflective-practice": pgettext("meeting type", "Reflective practice"),
        "strategic": pgettext("meeting type", "Strategic"),
        "shared-training": pgettext("meeting type", "Shared training"),
    }
    return said.get(meeting_type) or meeting_type.replace("-", " ").capitalize()


@dataclass(frozen=True)
class MergeDecision:
    """What two sites had each decided about one row, as a merge found it (`merge_conflicts`)."""

    merged_at: datetime
    other_file: str
    """The other site's file, by name only."""
    here_at: datetime
    there_at: datetime
    kept: str
    """'here' (this file's version stayed) or 'there' (the other site's was taken)."""
    fields: tuple[tuple[str, Any, Any], ...]
    """(column, this file's value, the other site's value) for each field they held differently."""


@dataclass(frozen=True)
class Change:
    """One correction or decision about a row, as its history keeps it (`changes`)."""

    id: str
    table: ChangedTable
    row_id: str
    kind: ChangeKind
    at: datetime
    meeting_id: str | None
    """The meeting it was made in; None between meetings (or when that meeting is gone)."""
    fields: tuple[tuple[str, Any, Any], ...]
    """(column, what it was, what it became) for each field it changed; a deletion keeps the
    whole row as it was, with None after."""
    note: str = ""
    confidential: bool = False
    """The item's flag when the change was made: its history is shown as the item is."""
    meeting: str | None = None
    """That meeting's title, when it is still here."""

    def before(self) -> dict[str, Any]:
        """The changed fields as they were."""
        return {column: was for column, was, _ in self.fields}

    def after(self) -> dict[str, Any]:
        """The changed fields as they became."""
        return {column: became for column, _, became in self.fields}
