"""The one place elephants are counted: the rules are `core.counting`'s, the rows are read here.

The report, Trends, the parking lot and the home screen all ask this module, so they count
the same elephants the same way for the same period (issue 15).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from meetingkit.core.counting import (
    OPEN_STATUSES,
    Bounds,
    ElephantCount,
    ElephantTotals,
    StatusEvent,
    count_elephant,
)
from meetingkit.core.models import ElephantStatus
from meetingkit.core.text import terminal_safe
from meetingkit.store.database import Database

if TYPE_CHECKING:  # a period is only passed on to its own methods: its module loads with whoever makes one
    from meetingkit.core.periods import Period

RAISED = "coalesce(rm.started_at, e.raised_at)"
"""When an elephant was raised: the start of its meeting, or when it was recorded outside one."""

CHANGED = "coalesce(em.started_at, ev.changed_at)"
"""When a status event happened: the start of its meeting, or when it was made outside one."""


def bounds_of(period: Period | None) -> Bounds:
    """A period (None: all time) as stored stamps."""
    if period is None:
        return Bounds()
    since, until = period.utc_bounds()
    return Bounds(since, until)


class Counting:
    """Elephants counted for a period, one `ElephantCount` each."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def elephants(self, partnership_id: str | None, period: Period | None = None) -> dict[str, ElephantCount]:
        """Every elephant of the partnership (every partnership's, for None) as `period` counts it,
        by id, in the order they were raised. Confidential ones too: callers that list them decide."""
        bounds = bounds_of(period)
        where, params = ("e.partnership_id = ?", [partnership_id]) if partnership_id else ("1", [])
        rows = self.db.rows(
            f"""SELECT e.id, e.confidential, e.status, e.resolution_note,
                    {RAISED} AS raised, coalesce(sm.started_at, e.resolved_at) AS resolved
                FROM elephants e LEFT JOIN meetings rm ON rm.id = e.raised_meeting_id
                LEFT JOIN meetings sm ON sm.id = e.resolved_meeting_id
                WHERE {where} ORDER BY raised, e.rowid""",
            params,
        )
        history: dict[str, list[StatusEvent]] = defaultdict(list)
        for event in self.db.rows(
            f"""SELECT ev.elephant_id, ev.to_status, ev.note, ev.changed_at, ev.rowid AS seq, {CHANGED} AS at
                FROM elephants e JOIN elephant_events ev ON ev.elephant_id = e.id
                LEFT JOIN meetings em ON em.id = ev.meeting_id
                WHERE {where}""",
            params,
        ):
            history[event["elephant_id"]].append(StatusEvent(
                to_status=ElephantStatus(event["to_status"]), at=event["at"], note=event["note"],
                changed_at=event["changed_at"], order=event["seq"],
            ))
        counted = {}
        for row in rows:
            events = history.get(row["id"])
            if not events:
                # A row with no history at all (written by another tool): raised, then its status now.
                events = [StatusEvent(ElephantStatus.PARKED, row["raised"])]
                if row["status"] != ElephantStatus.PARKED:
                    events.append(StatusEvent(ElephantStatus(row["status"]), row["resolved"] or row["raised"],
                                              row["resolution_note"], order=1))
            counted[row["id"]] = count_elephant(
                row["id"], confidential=bool(row["confidential"]), raised=row["raised"], events=events,
                bounds=bounds,
            )
        return counted

    def elephant_totals(self, partnership_id: str, period: Period | None = None) -> ElephantTotals:
        """The period's totals: raised, addressed, let go, still open at its end (confidential ones counted)."""
        return ElephantTotals.of(self.elephants(partnership_id, period).values())

    def open_elephants_now(self) -> dict[str, int]:
        """Elephants open now, per partnership id (confidential ones counted).

        What `elephants(None)` counts as open at the end (`count_elephant` with no end: the status
        its last event leaves, in `StatusEvent.key`'s order; one with no history at all is read as
        `elephants` reads it), with only the columns that takes: the home screen asks at every
        start, and a 10,000-meeting file's 9,000 elephants took 0.3 s to count in full.
        """
        last: dict[str, tuple[tuple[str, str, int], str]] = {}
        for elephant_id, to_status, at, changed_at, order in self.db.execute(
            f"""SELECT ev.elephant_id, ev.to_status, {CHANGED} AS at, ev.changed_at, ev.rowid
                FROM elephant_events ev LEFT JOIN meetings em ON em.id = ev.meeting_id"""
        ):
            key = (at, changed_at, order)
            seen = last.get(elephant_id)
            if seen is None or key > seen[0]:
                last[elephant_id] = (key, to_status)
        found: dict[str, int] = defaultdict(int)
        for elephant_id, partnership_id, status, raised, resolved in self.db.execute(
            f"""SELECT e.id, e.partnership_id, e.status, {RAISED} AS raised,
                    coalesce(sm.started_at, e.resolved_at) AS resolved
                FROM elephants e LEFT JOIN meetings rm ON rm.id = e.raised_meeting_id
                LEFT JOIN meetings sm ON sm.id = e.resolved_meeting_id"""
        ):
            event = last.get(elephant_id)
            if event is not None:
                now = event[1]
            else:  # no history: parked when raised, then its status now when resolved (as `elephants` reads it)
                now = status if status == ElephantStatus.PARKED or (resolved or raised) >= raised else ElephantStatus.PARKED
            if now in OPEN_STATUSES:
                found[terminal_safe(partnership_id)] += 1
        return dict(found)
