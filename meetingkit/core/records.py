"""Typed read models: a meeting's whole record, its end-of-meeting summary, a partnership's
glossary and search hits, as the store makes them and the exports, screens and CLI read them.

Each shape mirrors a documented JSON format, field for field and in the same order, and
`as_dict()` gives that JSON back exactly: the export (`meetingkit.meeting/1`, see the README's
"Exporting a meeting"), the summary kept with an ended meeting, the glossary export and
`meetingkit search --json`. So values keep their JSON types: times and dates are the stored
UTC ISO-8601 strings, statuses and kinds their stored words. Sequences are tuples, so a
record cannot be changed on its way to a renderer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from meetingkit.core.numbers import amount, whole_number
from meetingkit.core.timing import Timing, section_timing

RECORD_FORMAT = "meetingkit.meeting/1"
"""The version of a meeting's JSON export, written as its `format`."""


_LEAVES = frozenset({str, int, float, bool, type(None)})
"""The types `_plain` gives back as they are, checked first: most of a record's values are these."""


def _plain(value: Any) -> Any:
    """A value as JSON data: shapes as dicts, tuples as lists, everything else as it is."""
    if type(value) in _LEAVES:
        return value
    if isinstance(value, _Shape):
        return value.as_dict()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Each shape's field names in order, read once: `dataclasses.fields` builds them again on every call,
which for a record of a meeting with years of history after it was thousands of times an export."""


class _Shape:
    """A frozen dataclass whose JSON is its fields, in order, under their own names."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON data this shape stands for: same keys, order and value types as the format."""
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            # Every subclass is a dataclass; mypy cannot know that of the base.
            names = _FIELD_NAMES[type(self)] = tuple(field.name for field in fields(self))  # type: ignore[arg-type]
        return {name: _plain(getattr(self, name)) for name in names}


# -- a meeting's record, for exports and the record screen ------------------------------------


@dataclass(frozen=True)
class RecordedMeeting(_Shape):
    """The meeting a record is of."""

    id: str
    """The meeting's id."""
    title: str
    """Its title."""
    partnership: str
    """The partnership's name."""
    meeting_type: str
    """operational, reflective-practice, strategic or shared-training."""
    agenda: str
    """The name of the agenda it ran from."""
    site: str
    """Where it was held ("" when not given)."""
    status: str
    """planned, running or ended."""
    started_at: str | None
    """When it started (UTC ISO-8601), None if it never did."""
    ended_at: str | None
    """When it ended, None if it has not."""
    language: str = "en"
    """The language it worked in: en, fr, or en+fr for both (a record made before it was kept: en)."""


@dataclass(frozen=True)
class RecordedSection(_Shape):
    """One agenda section as it ran."""

    position: int
    """Its place in the agenda, 1 for the first."""
    title: str
    """Its title."""
    kind: str
    """welcome, round, discussion, reflection, …"""
    planned_minutes: int | None
    """The time the agenda gave it; None when the file holds something that is not a number of minutes."""
    started_at: str | None
    """When it was first reached, None if never."""
    ended_at: str | None
    """When it was left for the last time, None if never."""
    actual_seconds: float | None
    """Time spent in it, to a tenth of a second; None if never reached."""
    notes: str
    """The section's notes, one a line, in order ("" when none); a confidential note is left out
    (and counted in `left_out`) unless confidential items were asked for."""
    adjusted_minutes: int | None = None
    """The time it had after the facilitator gave it more or less, None if they did not (or the file
    holds no number of minutes there)."""
    skipped: bool = False
    """Whether it was skipped on purpose."""

    @property
    def timing(self) -> Timing:
        """The one verdict on its time (`core.timing`): over, under, on time, skipped or not reached."""
        return section_timing(
            None if self.planned_minutes is None else self.planned_minutes * 60, self.actual_seconds,
            adjusted_seconds=None if self.adjusted_minutes is None else self.adjusted_minutes * 60,
            skipped=self.skipped,
        )


@dataclass(frozen=True)
class RecordedAttendee(_Shape):
    """Someone who came."""

    name: str | None
    """Their name, None when only the organisation was recorded."""
    organisation: str | None
    """Their organisation, None when not given."""


@dataclass(frozen=True)
class RecordedAgreement(_Shape):
    """An agreement or shared understanding reached in the meeting."""

    id: str
    """The agreement's id."""
    text: str
    """What was agreed."""
    parties: tuple[str, ...]
    """The organisations party to it."""
    review_on: str | None
    """When to review it (ISO date), None if not set."""
    status: str
    """active, revised or retired."""
    attribution: str
    """named, organisation or anonymous."""
    said_by: str | None
    """Who it is credited to; None when anonymous."""
    confidential: bool
    """Whether it is marked confidential."""
    created_at: str
    """When it was recorded."""
    section: int | None
    """The position of the section it was captured in, None if none."""
    merge_conflicts: tuple[MergeConflict, ...] = ()
    """What two sites decided differently about it, as merges found it, oldest first."""


@dataclass(frozen=True)
class RecordedAction(_Shape):
    """An action agreed, or carried into, the meeting."""

    id: str
    """The action's id."""
    text: str
    """What is to be done."""
    owner: str | None
    """Who does it ("Dana, school board", or an organisation), None if nobody yet."""
    due_on: str | None
    """When it is due (ISO date), None if not set."""
    status: str
    """open, done, dropped or carried, as it stood when the meeting ended."""
    carried: bool
    """Whether it was carried here from an earlier meeting."""
    attribution: str
    """named, organisation or anonymous."""
    said_by: str | None
    """Who it is credited to; None when anonymous."""
    confidential: bool
    """Whether it is marked confidential."""
    opened_at: str
    """When it was first agreed (kept when carried)."""
    section: int | None
    """The position of the section it was captured in, None if none."""
    since_then: tuple[LaterChange, ...] = ()
    """Its closing, when that came after the meeting ended (`status` is then `open`, as it stood)."""
    merge_conflicts: tuple[MergeConflict, ...] = ()
    """What two sites decided differently about it, as merges found it, oldest first."""


@dataclass(frozen=True)
class LaterChange(_Shape):
    """Something that happened to an item after the meeting ended: shown beside its record, dated,
    never in place of how the item stood at the end."""

    at: str
    """When (UTC ISO-8601; to the minute for an anonymous item's)."""
    change: str
    """What happened: an elephant's new status (parked, discussing, addressed, let_go), `meaning` for a
    term's meaning given, an action's closing (done, dropped, carried)."""
    note: str
    """What was said with it: the elephant's note, the meaning ("" if nothing)."""
    organisation: str | None
    """For a meaning, the organisation it means this in (None for everyone, and for other changes)."""
    meeting_id: str | None
    """The meeting it happened in, None when outside one (or that meeting is gone)."""
    meeting: str | None
    """That meeting's title."""
    meeting_started_at: str | None
    """When that meeting started."""


@dataclass(frozen=True)
class FieldDecision(_Shape):
    """One field two sites held differently, with what each decided."""

    field: str
    """The stored column (`status`, `resolution_note`, `text`, `expansion`, `due_on`…)."""
    here: Any
    """Its value in the file that merged (to 4,000 characters)."""
    there: Any
    """Its value in the other site's file."""


@dataclass(frozen=True)
class MergeConflict(_Shape):
    """A merge found the item changed at two sites: both decisions, so the one not kept stays readable."""

    merged_at: str
    """When the merge was made (UTC ISO-8601)."""
    other_file: str
    """The other site's file, by name only."""
    here_at: str
    """When the file that merged had changed it."""
    there_at: str
    """When the other site had."""
    kept: str
    """`here` or `there`: whose version the item took."""
    fields: tuple[FieldDecision, ...]
    """Each field they held differently."""


@dataclass(frozen=True)
class TermMeaning(_Shape):
    """What a jargon term means somewhere."""

    organisation: str | None
    """The organisation it means this in; None for everyone."""
    meaning: str
    """The meaning."""


@dataclass(frozen=True)
class TermMention(_Shape):
    """One time a jargon term was raised in the meeting."""

    at: str
    """When (to the minute for anonymous mentions)."""
    section: int | None
    """The position of the section it was raised in, None if none."""
    attribution: str
    """named, organisation or anonymous."""
    said_by: str | None
    """Who raised it; None when anonymous."""


@dataclass(frozen=True)
class RecordedTerm(_Shape):
    """A jargon term raised in the meeting, with all the glossary knows of it."""

    id: str
    """The term's id."""
    term: str
    """The term as shown."""
    mentions_here: int
    """How many times it was raised in this meeting."""
    new_here: bool
    """Whether this meeting was the first to raise it."""
    unexplained: bool
    """Whether it was still unexplained when the meeting ended: no meaning recorded by then. (The file
    keeps no date for an expansion or plain words, nor for the board's "unexplained" mark, so they
    cannot say how the term stood then.)"""
    expansion: str
    """What it stands for ("" if unknown), as the glossary has it now: the file keeps no date for it."""
    plain_words: str
    """A plain-language alternative ("" if none), as the glossary has it now (undated, like `expansion`)."""
    meanings: tuple[TermMeaning, ...]
    """What it meant in each organisation, as known when the meeting ended."""
    same_as: tuple[str, ...]
    """Other terms for the same thing, as the glossary has them now (undated, like `expansion`)."""
    confidential: bool
    """Whether the term is marked confidential."""
    mentions: tuple[TermMention, ...]
    """Each time it was raised here, in order."""
    since_then: tuple[LaterChange, ...] = ()
    """Meanings given after the meeting ended, oldest first (`change` is `meaning`)."""
    merge_conflicts: tuple[MergeConflict, ...] = ()
    """What two sites decided differently about it, as merges found it, oldest first."""


@dataclass(frozen=True)
class ElephantChange(_Shape):
    """One change of an elephant's status; `from` and `to` in the JSON."""

    from_status: str | None
    """The status before, None when it was first named."""
    to_status: str
    """The status after."""
    note: str
    """What was said about the change ("" if nothing)."""
    at: str | None = None
    """When (UTC ISO-8601; to the minute for an anonymous elephant's)."""
    meeting_id: str | None = None
    """The meeting it was made in; None outside a meeting (or when that meeting is gone)."""
    meeting: str | None = None
    """That meeting's title."""

    def as_dict(self) -> dict[str, Any]:
        """The change as the export writes it: `from`, `to`, `note`, `at`, `meeting_id`, `meeting`."""
        return {"from": self.from_status, "to": self.to_status, "note": self.note, "at": self.at,
                "meeting_id": self.meeting_id, "meeting": self.meeting}


@dataclass(frozen=True)
class RecordedElephant(_Shape):
    """An elephant raised, moved on or resolved in the meeting."""

    id: str
    """The elephant's id."""
    text: str
    """What was named."""
    status: str
    """parked, discussing, addressed or let_go, as it stood when the meeting ended."""
    raised_at: str
    """When it was first named."""
    raised_here: bool
    """Whether it was named in this meeting."""
    section: int | None
    """The position of the section it was raised in, when raised here; else None."""
    resolution_note: str
    """How it was addressed or why it was let go, when it was by the end of the meeting ("" if neither)."""
    resolved_at: str | None
    """When it was addressed or let go, None if still open when the meeting ended."""
    attribution: str
    """named, organisation or anonymous."""
    said_by: str | None
    """Who named it; None when anonymous."""
    confidential: bool
    """Whether it is marked confidential."""
    history: tuple[ElephantChange, ...]
    """Every status change up to the end of the meeting, oldest first."""
    since_then: tuple[LaterChange, ...] = ()
    """Every status change after the meeting ended, oldest first, dated and with its meeting."""
    merge_conflicts: tuple[MergeConflict, ...] = ()
    """What two sites decided differently about it, as merges found it, oldest first."""


@dataclass(frozen=True)
class RecordedTurningPoint(_Shape):
    """A turning point marked in the meeting."""

    id: str
    """The turning point's id."""
    at: str
    """When it was marked."""
    section: str
    """The title of the section it was marked in ("" if none)."""
    section_number: int | None
    """That section's position, None if none."""
    kind: str | None
    """apology, concession, kind_word, new_understanding or other; None if not said."""
    note: str
    """What happened."""
    opened_up: str
    """What it opened up."""
    agreement: str | None
    """The agreement it led to, None if none (or that agreement is confidential and left out)."""
    said_by: str | None
    """Who it is credited to; None when anonymous."""
    confidential: bool
    """Whether it is marked confidential."""


@dataclass(frozen=True)
class LeftOut(_Shape):
    """What an export held back."""

    confidential: int
    """How many confidential items (and notes) were left out."""


@dataclass(frozen=True)
class MeetingRecord(_Shape):
    """Everything about one meeting, for exports and the record screen (the JSON export, typed)."""

    format: str
    """The format's version, `RECORD_FORMAT`."""
    exported_at: str
    """When the record was made."""
    include_confidential: bool
    """Whether confidential items are in it."""
    meeting: RecordedMeeting
    """The meeting itself."""
    sections: tuple[RecordedSection, ...]
    """Its sections in agenda order."""
    attendance: tuple[RecordedAttendee, ...]
    """Who came."""
    agreements: tuple[RecordedAgreement, ...]
    """Agreements reached, in order."""
    actions: tuple[RecordedAction, ...]
    """Actions agreed or carried here, in order."""
    jargon: tuple[RecordedTerm, ...]
    """Terms raised, most raised first."""
    elephants: tuple[RecordedElephant, ...]
    """Elephants raised, moved on or resolved here, oldest first."""
    turning_points: tuple[RecordedTurningPoint, ...]
    """Turning points in the order they happened."""
    left_out: LeftOut
    """What was held back."""


# -- a partnership's glossary -----------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry(_Shape):
    """One term of a partnership's glossary, for the glossary export."""

    term: str
    """The term as shown."""
    unexplained: bool
    """Whether it is still unexplained."""
    expansion: str
    """What it stands for ("" if unknown)."""
    plain_words: str
    """A plain-language alternative ("" if none)."""
    meanings: tuple[TermMeaning, ...]
    """What it means in each organisation."""
    same_as: tuple[str, ...]
    """Other terms for the same thing."""
    times_raised: int
    """How many times it was raised, in every meeting."""
    meetings: int
    """In how many meetings."""
    first_raised: str | None
    """When it was first raised, None if never."""
    last_raised: str | None
    """When it was last raised, None if never."""


# -- the end-of-meeting summary ---------------------------------------------------------------


def _count(value: object) -> int:
    """A count or a number of seconds from a kept summary; one another tool made unreadable counts as 0."""
    return whole_number(value) or 0


def _seconds(value: object) -> float:
    """A time spent from a kept summary; one another tool made unreadable counts as none."""
    return amount(value) or 0.0



@dataclass(frozen=True)
class SummarySection(_Shape):
    """One section: plan against reality."""

    title: str
    """Its title."""
    kind: str
    """welcome, round, discussion, reflection, …"""
    planned_seconds: int
    """The time the agenda gave it."""
    actual_seconds: float
    """Time spent in it, to a tenth of a second (0 if never reached)."""
    difference_seconds: float | None
    """Actual minus planned (positive: over); None if never reached."""
    visited: bool
    """Whether the meeting reached it."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SummarySection:
        """The section from its stored JSON."""
        return cls(
            title=data["title"], kind=data["kind"], planned_seconds=_count(data["planned_seconds"]),
            actual_seconds=_seconds(data["actual_seconds"]),
            difference_seconds=amount(data["difference_seconds"], low=-math.inf),
            visited=data["visited"],
        )


@dataclass(frozen=True)
class SummaryAttendance(_Shape):
    """Who came from one organisation."""

    organisation: str
    """The organisation (`core.summary.NO_ORGANISATION` for people who gave none)."""
    count: int
    """How many came from it."""
    named: tuple[str, ...]
    """The names of those who gave one, sorted."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SummaryAttendance:
        """The row from its stored JSON."""
        return cls(organisation=data["organisation"], count=_count(data["count"]), named=tuple(data["named"]))


@dataclass(frozen=True)
class SummaryAgreement(_Shape):
    """An agreement, as the summary lists it."""

    text: str
    """What was agreed."""
    parties: tuple[str, ...]
    """The organisations party to it."""
    review_on: str | None
    """When to review it (ISO date), None if not set."""
    confidential: bool
    """Whether it is marked confidential."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SummaryAgreement:
        """The agreement from its stored JSON."""
        return cls(text=data["text"], parties=tuple(data["parties"]), review_on=data["review_on"],
                   confidential=data["confidential"])


@dataclass(frozen=True)
class SummaryAction(_Shape):
    """An action, as the summary lists it."""

    text: str
    """What is to be done."""
    owner: str
    """Who does it ("" if nobody yet)."""
    due_on: str | None
    """When it is due (ISO date), None if not set."""
    carried: bool
    """Whether it was carried here from an earlier meeting."""
    confidential: bool
    """Whether it is marked confidential."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SummaryAction:
        """The action from its stored JSON."""
        return cls(text=data["text"], owner=data["owner"], due_on=data["due_on"], carried=data["carried"],
                   confidential=data["confidential"])


@dataclass(frozen=True)
class Summary(_Shape):
    """The end-of-meeting summary: plan against reality, who came, what was agreed.

    Kept as JSON with the meeting when it ends (`as_dict()`), read back with `from_json()`.
    """

    meeting_id: str
    """The meeting's id."""
    title: str
    """Its title."""
    partnership: str
    """The partnership's name."""
    meeting_type: str
    """operational, reflective-practice, strategic or shared-training."""
    agenda: str
    """The name of the agenda it ran from."""
    site: str
    """Where it was held ("" when not given)."""
    started_at: str | None
    """When it started, None if it never did."""
    ended_at: str
    """When it ended (or the summary was made, for one still running)."""
    planned_seconds: int
    """The time the agenda planned in all."""
    actual_seconds: float
    """How long it ran, to a tenth of a second."""
    sections: tuple[SummarySection, ...]
    """Each section, in agenda order."""
    attendance: tuple[SummaryAttendance, ...]
    """Who came, by organisation."""
    attendee_count: int
    """How many people came."""
    agreements: tuple[SummaryAgreement, ...]
    """Agreements made in it."""
    actions: tuple[SummaryAction, ...]
    """Actions agreed or carried in it."""
    boards: Mapping[str, int]
    """What the boards captured: jargon_terms, jargon_mentions, elephants_raised, … (see `Boards.board_counts`)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        """The summary from the JSON kept with the meeting (the format has not changed since the first release)."""
        return cls(
            meeting_id=data["meeting_id"], title=data["title"], partnership=data["partnership"],
            meeting_type=data["meeting_type"], agenda=data["agenda"], site=data["site"],
            started_at=data["started_at"], ended_at=data["ended_at"], planned_seconds=_count(data["planned_seconds"]),
            actual_seconds=_seconds(data["actual_seconds"]),
            sections=tuple(SummarySection.from_json(item) for item in data["sections"]),
            attendance=tuple(SummaryAttendance.from_json(item) for item in data["attendance"]),
            attendee_count=_count(data["attendee_count"]),
            agreements=tuple(SummaryAgreement.from_json(item) for item in data["agreements"]),
            actions=tuple(SummaryAction.from_json(item) for item in data["actions"]),
            boards={name: _count(tally) for name, tally in dict(data["boards"]).items()},
        )


# -- the minutes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewedAgreement:
    """An agreement whose review came up in the meeting, and what the meeting decided."""

    id: str
    text: str
    """Its wording when it came up."""
    decision: str
    """reviewed (confirmed as it stands), revised or retired."""
    review_on: str | None
    """Its next review day after a confirmation (ISO date), None for none."""
    new_wording: str | None
    """The wording it was revised to."""
    note: str
    """What was said with the decision ("" if nothing)."""
    confidential: bool


@dataclass(frozen=True)
class Minutes:
    """Everything the minutes say, read as of the end of the meeting (`store.records.minutes`)."""

    record: MeetingRecord
    """The meeting's record: who came, what was agreed and captured (confidential items as asked)."""
    earlier_actions: tuple[RecordedAction, ...]
    """Earlier meetings' actions closed or carried on in this one (status: done, dropped or carried)."""
    reviewed: tuple[ReviewedAgreement, ...]
    """Agreements reviewed, revised or retired in this meeting, in the order it decided."""
    left_out: int
    """How many confidential items the minutes leave out."""



# -- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit(_Shape):
    """One thing a search found (`meetingkit search --json` prints these)."""

    kind: str
    """What it is: note, term, meaning, elephant, turning point, agreement or action."""
    id: str
    """The item's id."""
    snippet: str
    """Its text around the match, matches between `core.text.HIT_START` and `HIT_END`."""
    meeting_id: str | None
    """The meeting it belongs to, None for a glossary term (not tied to one meeting)."""
    meeting: str | None
    """That meeting's title."""
    meeting_started_at: str | None
    """When that meeting started."""
    partnership: str | None
    """The partnership's name."""
    confidential: bool
    """Whether the item is marked confidential."""
