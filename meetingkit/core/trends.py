"""A partnership's trends as typed data: what `store.review.trends` counts and the trends screen plots.

Counts only (and each meeting's title and start): no item's text, so nothing confidential.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from meetingkit.core.counting import ElephantTotals
from meetingkit.core.models import SectionKind
from meetingkit.core.steering import SteeredKind


@dataclass(frozen=True)
class MeetingTrend:
    """What one started meeting counted, for the per-meeting plots."""

    id: str
    """The meeting's id."""
    started_at: datetime
    """When it started."""
    title: str
    """Its title."""
    jargon_mentions: int
    """Times jargon was named in it."""
    terms: int
    """Distinct terms raised in it."""
    unexplained: int
    """Of those, how many were still unexplained when it ended (or now, while it runs)."""
    turning_points: int
    """Turning points marked in it."""


@dataclass(frozen=True)
class ElephantMonth:
    """Elephants raised, and resolved for good in the period, in one local calendar month (`core.counting`)."""

    month: str
    """The month, "2026-09"."""
    raised: int
    """Elephants raised in it."""
    addressed: int
    """Elephants addressed in it."""
    let_go: int
    """Elephants let go in it."""


@dataclass(frozen=True)
class OverrunByKind:
    """How sections of one kind kept to their timebox."""

    kind: SectionKind
    """The kind of section."""
    sections: int
    """Sections of this kind that ran (started and ended)."""
    over: int
    """How many of them ran over their timebox."""
    average_overrun_minutes: float
    """Average minutes over the timebox, to one decimal (negative: under)."""


@dataclass(frozen=True)
class Trends:
    """What changes from meeting to meeting in a partnership, over a period."""

    meetings: tuple[MeetingTrend, ...]
    """Each started meeting, oldest first."""
    elephants: tuple[ElephantMonth, ...]
    """Each month with an elephant raised or resolved, oldest first."""
    overrun: tuple[OverrunByKind, ...]
    """Each kind of section run, the most over its timebox first."""
    elephant_totals: ElephantTotals = ElephantTotals()
    """The period's elephants as the report counts them (`core.counting`): the months add up to these."""
    steered: tuple[SteeredKind, ...] = ()
    """Per kind of section, in the period's ended meetings: how many were shortened, given more time
    or skipped (`>`, `<`, `s`, a re-plan), the kinds in alphabetical order."""
