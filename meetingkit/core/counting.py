"""The one set of numbers: how elephants are counted for a period, wherever they are counted.

The report, Trends, the review's parking lot and the home screen count elephants through
`store.counting`, which reads the rows and applies these rules (no SQL here):

- **When something happened.** A status change made in a meeting belongs to that meeting's
  start (as everything captured in a meeting does: the meetings listed for a period are
  exactly those whose items are counted); one made outside a meeting, to when it was made.
  An elephant is *raised* when its meeting started (or when it was recorded, outside one).
- **An elephant's history** is its status events (`elephant_events`), in the order they
  happened: by that time, then by when they were written, then as they were written.
- **Raised in the period**: raised inside it.
- **Its outcome in the period**: its *final* status event inside the period, when that
  event addresses it or lets it go. One outcome per elephant, whatever its history: an
  elephant addressed at one site and let go at another (two files merged) counts once,
  with the later decision, and the earlier one is kept as a *conflict* to show beside it.
  An elephant reopened after being resolved, and still open at the end, has no outcome.
- **Still open at the end of the period**: raised before the period ended, and its last
  status event before the end leaves it parked or under discussion.
- **Open now** (the home screen, the parking lot) is still open at the end of a period
  with no end.
- **Confidential elephants are counted in every total**; a total says how many of it are
  confidential, and only lists leave their words out (unless asked for).

So, for any period, every elephant is counted at most once as addressed or let go, and
addressed, let go and still open never overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from meetingkit.core.i18n import ngettext
from meetingkit.core.localise import number_text
from meetingkit.core.models import ElephantStatus

OPEN_STATUSES = frozenset({ElephantStatus.PARKED, ElephantStatus.DISCUSSING})
RESOLVED_STATUSES = frozenset({ElephantStatus.ADDRESSED, ElephantStatus.LET_GO})


@dataclass(frozen=True)
class Tally:
    """A total, and how many of it are confidential (counted, never described)."""

    total: int = 0
    confidential: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.total + other.total, self.confidential + other.confidential)

    @classmethod
    def of(cls, flags: Iterable[bool]) -> Tally:
        """The tally of items, each given by whether it is confidential."""
        seen = list(flags)
        return cls(len(seen), sum(1 for flag in seen if flag))


@dataclass(frozen=True)
class StatusEvent:
    """One change of an elephant's status, as counting reads it."""

    to_status: ElephantStatus
    at: str
    """When it happened, as a stored stamp: its meeting's start, or when it was made outside one."""
    note: str = ""
    changed_at: str = ""
    """When it was written (a stored stamp): orders events with the same `at`."""
    order: int = 0
    """Where it was written among the elephant's events (its rowid): the last tie-break."""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.at, self.changed_at, self.order)


@dataclass(frozen=True)
class Bounds:
    """A period as stored stamps: from `since` (included) to `until` (excluded); None is unlimited."""

    since: str | None = None
    until: str | None = None

    def contains(self, stamp: str) -> bool:
        return (self.since is None or stamp >= self.since) and self.before_end(stamp)

    def before_end(self, stamp: str) -> bool:
        return self.until is None or stamp < self.until


@dataclass(frozen=True)
class ElephantCount:
    """One elephant as a period counts it."""

    id: str
    confidential: bool
    raised: str
    """When it was raised (a stored stamp: its meeting's start, or when it was recorded)."""
    raised_in_period: bool
    outcome: StatusEvent | None
    """The event that resolved it in the period (its final event there); None if none did."""
    conflicts: tuple[StatusEvent, ...]
    """Earlier resolutions in the period that the outcome replaced without the elephant being
    reopened between them (two sites decided, and the files were merged), oldest first."""
    status_at_end: ElephantStatus | None
    """Its status when the period ended; None when it had not been raised by then."""

    @property
    def open_at_end(self) -> bool:
        return self.status_at_end in OPEN_STATUSES

    @property
    def addressed(self) -> bool:
        return self.outcome is not None and self.outcome.to_status is ElephantStatus.ADDRESSED

    @property
    def let_go(self) -> bool:
        return self.outcome is not None and self.outcome.to_status is ElephantStatus.LET_GO


def count_elephant(
    elephant_id: str, *, confidential: bool, raised: str, events: Iterable[StatusEvent], bounds: Bounds
) -> ElephantCount:
    """Apply the rules above to one elephant's history (events in any order)."""
    history = sorted(events, key=lambda event: event.key)
    before_end = [event for event in history if bounds.before_end(event.at)]
    inside = [event for event in before_end if bounds.contains(event.at)]
    outcome = inside[-1] if inside and inside[-1].to_status in RESOLVED_STATUSES else None
    conflicts: list[StatusEvent] = []
    if outcome is not None:
        for event in reversed(inside[:-1]):
            if event.to_status not in RESOLVED_STATUSES:
                break
            conflicts.insert(0, event)
    raised_by_end = bounds.before_end(raised)
    status_at_end: ElephantStatus | None = None
    if raised_by_end:
        status_at_end = before_end[-1].to_status if before_end else ElephantStatus.PARKED
    return ElephantCount(
        id=elephant_id, confidential=confidential, raised=raised, raised_in_period=bounds.contains(raised),
        outcome=outcome, conflicts=tuple(conflicts), status_at_end=status_at_end,
    )


@dataclass(frozen=True)
class ElephantTotals:
    """A period's elephant totals, each with how many of it are confidential."""

    raised: Tally = Tally()
    addressed: Tally = Tally()
    let_go: Tally = Tally()
    open_at_end: Tally = Tally()
    conflicts: int = 0
    """Elephants whose outcome replaced another decision (see `ElephantCount.conflicts`)."""

    @classmethod
    def of(cls, counts: Iterable[ElephantCount]) -> ElephantTotals:
        every = list(counts)
        return cls(
            raised=Tally.of(c.confidential for c in every if c.raised_in_period),
            addressed=Tally.of(c.confidential for c in every if c.addressed),
            let_go=Tally.of(c.confidential for c in every if c.let_go),
            open_at_end=Tally.of(c.confidential for c in every if c.open_at_end),
            conflicts=sum(1 for c in every if c.conflicts),
        )


def tally_words(tally: Tally, what: str) -> str:
    """A total in words, with its confidential part when it has one: "10 raised (2 confidential)"
    (`what` in the language in use already; `totals_words` says each total in words of its own)."""
    return _with_confidential(tally, f"{number_text(tally.total)} {what}")


def _with_confidential(tally: Tally, said: str) -> str:
    """`said` (a total in words), then how many of it are confidential when any are."""
    if not tally.confidential:
        return said
    # Translators: a total of elephants, then how many of them are confidential: "10 raised (2 confidential)".
    return ngettext("{total} ({count} confidential)", "{total} ({count} confidential)", tally.confidential).format(
        total=said, count=number_text(tally.confidential))


def totals_words(totals: ElephantTotals) -> str:
    """A period's elephant totals in one line, as the report and Trends both say them."""

    def count(tally: Tally) -> dict[str, str]:
        return {"count": number_text(tally.total)}

    # Translators: counts of elephants (in the room): raised, addressed, let go, still open at the end.
    raised = ngettext("{count} raised", "{count} raised", totals.raised.total).format(**count(totals.raised))
    addressed = ngettext("{count} addressed", "{count} addressed", totals.addressed.total).format(
        **count(totals.addressed))
    let_go = ngettext("{count} let go", "{count} let go", totals.let_go.total).format(**count(totals.let_go))
    still_open = ngettext("{count} still open at the end", "{count} still open at the end",
                          totals.open_at_end.total).format(**count(totals.open_at_end))
    return ", ".join([
        _with_confidential(totals.raised, raised), _with_confidential(totals.addressed, addressed),
        _with_confidential(totals.let_go, let_go), _with_confidential(totals.open_at_end, still_open),
    ])
