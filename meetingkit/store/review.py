"""Reading across meetings, for practice leads: the history, registers and trends of a partnership."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from meetingkit.core.clock import from_iso, local, to_iso
from meetingkit.core.counting import ElephantCount, ElephantTotals
from meetingkit.core.models import HistoryRow, MeetingStatus, SectionKind
from meetingkit.core.numbers import amount, whole_number
from meetingkit.core.periods import Period
from meetingkit.core.steering import SteeredKind
from meetingkit.core.timing import Verdict, section_timing
from meetingkit.core.trends import ElephantMonth, MeetingTrend, OverrunByKind, Trends
from meetingkit.store.counting import Counting
from meetingkit.store.database import Database

WHEN = "coalesce(m.started_at, m.planned_start, m.created_at)"
"""When a meeting happened, for filtering and ordering: its start, else when it was planned or made."""

_COUNTED = {
    "attendance": "SELECT count(*) FROM attendance c WHERE c.meeting_id = m.id",
    "jargon": "SELECT count(*) FROM jargon_mentions c WHERE c.meeting_id = m.id",
    "elephants": "SELECT count(*) FROM elephants c WHERE c.raised_meeting_id = m.id",
    "turning_points": "SELECT count(*) FROM turning_points c WHERE c.meeting_id = m.id",
    "agreements": "SELECT count(*) FROM agreements c WHERE c.meeting_id = m.id",
    "actions": "SELECT count(*) FROM actions c WHERE c.meeting_id = m.id",
}
"""Per-meeting counts for the history, each a look-up in its table's meeting index (a covering one).

Counted per meeting rather than grouped over each whole table and joined: at 10,000 meetings
the grouped counts (materialised, then joined through automatic indexes) took a third longer,
and a filtered history counts only the meetings it shows."""


_FIRST_COUNT = 9
"""Where the counts start in a history row: after id, partnership_id, partnership, meeting_type, title, status,
happened, started_at and ended_at."""


def period_where(period: Period | None, column: str, params: dict[str, str]) -> list[str]:
    """SQL conditions keeping `column` (a stored UTC stamp) inside the period's local days."""
    if period is None:
        return []
    start, end = period.utc_bounds()
    where = []
    if start:
        params["since"] = start
        where.append(f"{column} >= :since")
    if end:
        params["until"] = end
        where.append(f"{column} < :until")
    return where


def _started(stamp: str) -> datetime:
    """A started meeting's `started_at` (never empty: the query asks for started meetings only)."""
    instant = from_iso(stamp)
    if instant is None:
        raise ValueError("a started meeting has no start")
    return instant


class Review:
    """The history of meetings and a partnership's trends, read-only."""

    def __init__(self, db: Database, counting: Counting) -> None:
        self.db = db
        self.counting = counting

    def history(
        self,
        *,
        partnership_id: str | None = None,
        meeting_type: str | None = None,
        period: Period | None = None,
    ) -> list[HistoryRow]:
        """Every meeting matching the filters, newest first, with its counts.

        Counts include confidential items (a count shows no text); the screens that
        show the items themselves leave those out.
        """
        params: dict[str, str] = {}
        where = period_where(period, WHEN, params)
        if partnership_id:
            params["partnership"] = partnership_id
            where.append("m.partnership_id = :partnership")
        if meeting_type:
            params["type"] = meeting_type
            where.append("m.meeting_type = :type")
        columns = ", ".join(f"({sql}) AS {name}" for name, sql in _COUNTED.items())
        rows = self.db.rows(
            f"""SELECT m.id, m.partnership_id, p.name AS partnership, m.meeting_type, m.title, m.status,
                    {WHEN} AS happened, m.started_at, m.ended_at, {columns}
                FROM meetings m JOIN partnerships p ON p.id = m.partnership_id
                {'WHERE ' + ' AND '.join(where) if where else ''}
                ORDER BY happened DESC, m.id DESC""",
            params,
        )
        return [self._history_row(row) for row in rows]

    @staticmethod
    def _history_row(row: sqlite3.Row) -> HistoryRow:
        started, ended = from_iso(row["started_at"]), from_iso(row["ended_at"])
        # The counts by position (`_COUNTED`'s order, HistoryRow's): 10,000 rows of keywords took a fifth longer.
        return HistoryRow(
            row["id"], row["partnership_id"], row["partnership"], row["meeting_type"], row["title"],
            MeetingStatus(row["status"]), started or from_iso(row["happened"]),
            (ended - started).total_seconds() if started and ended else None,
            *row[_FIRST_COUNT:],
        )

    def partnership_names(self) -> list[tuple[str, str]]:
        """Every partnership's id and name, in `store.partnerships.all()`'s order (the most recently active
        first), for the history's filter: without the counts `all()` makes, which at 10,000 meetings
        took longer than reading the history itself."""
        rows = self.db.rows(
            """SELECT p.id, p.name FROM partnerships p
               ORDER BY coalesce((SELECT max(m.started_at) FROM meetings m WHERE m.partnership_id = p.id),
                                 p.created_at) DESC, p.name COLLATE NOCASE"""
        )
        return [(row["id"], row["name"]) for row in rows]

    def meeting_types_held(self) -> list[str]:
        """The meeting types that have at least one meeting, most used first."""
        rows = self.db.rows("SELECT meeting_type, count(*) AS n FROM meetings GROUP BY meeting_type ORDER BY n DESC")
        return [row["meeting_type"] for row in rows]

    # -- registers across a partnership's meetings -------------------------------------------

    # -- trends --------------------------------------------------------------------------

    def trends(self, partnership_id: str, *, period: Period | None = None) -> Trends:
        """What changes from meeting to meeting, for the trend plots (counts only, no text).

        Returns:
            `meetings`: per started meeting, oldest first: when, title, jargon mentions,
            terms raised, how many of those were still unexplained when it ended (no
            meaning recorded by then, and no expansion or plain words), turning points.
            `elephants`: per local month: elephants raised, addressed and let go.
            `overrun`: per section kind: sections run, how many ran over, and the
            average minutes over (negative: under) their timebox.
        """
        params = {"partnership": partnership_id, "now": to_iso(self.db.clock.now())}
        where = ["m.partnership_id = :partnership", "m.started_at IS NOT NULL",
                 *period_where(period, "m.started_at", params)]
        meetings = tuple(
            MeetingTrend(
                id=row["id"], started_at=_started(row["started_at"]), title=row["title"],
                jargon_mentions=row["mentions"], terms=row["terms"], unexplained=row["unexplained"],
                turning_points=row["turning_points"],
            )
            for row in self.db.rows(
                f"""SELECT m.id, m.started_at, m.title,
                        (SELECT count(*) FROM jargon_mentions jm WHERE jm.meeting_id = m.id) AS mentions,
                        (SELECT count(DISTINCT term_id) FROM jargon_mentions jm WHERE jm.meeting_id = m.id) AS terms,
                        (SELECT count(*) FROM jargon_terms t
                         WHERE t.id IN (SELECT term_id FROM jargon_mentions jm WHERE jm.meeting_id = m.id)
                           AND NOT EXISTS (SELECT 1 FROM jargon_meanings jme WHERE jme.term_id = t.id
                                           AND jme.created_at <= coalesce(m.ended_at, :now))
                           AND NOT ((t.expansion != '' OR t.plain_words != '')
                                    AND t.updated_at <= coalesce(m.ended_at, :now))) AS unexplained,
                        (SELECT count(*) FROM turning_points tp WHERE tp.meeting_id = m.id) AS turning_points
                    FROM meetings m WHERE {' AND '.join(where)} ORDER BY m.started_at, m.id""",
                params,
            )
        )
        counted = self.counting.elephants(partnership_id, period).values()
        return Trends(
            meetings=meetings,
            elephants=self._elephants_by_month(counted),
            overrun=self._overrun_by_kind(where, params),
            elephant_totals=ElephantTotals.of(counted),
            steered=self._steered_by_kind(where, params),
        )

    def _steered_by_kind(self, where: list[str], params: dict[str, str]) -> tuple[SteeredKind, ...]:
        """Per kind of section, in the period's ended meetings: how many ran, and how many were
        shortened, given more time or skipped, against their plan (`planned_minutes`)."""
        rows = self.db.rows(
            f"""SELECT s.kind, count(*) AS sections,
                    sum(s.skipped = 0 AND s.adjusted_minutes < s.planned_minutes) AS shortened,
                    sum(s.skipped = 0 AND s.adjusted_minutes > s.planned_minutes) AS lengthened,
                    sum(s.skipped = 1) AS skipped
                FROM section_runs s JOIN meetings m ON m.id = s.meeting_id
                WHERE {' AND '.join(where)} AND m.status = 'ended'
                GROUP BY s.kind ORDER BY s.kind""",
            params,
        )
        return tuple(
            SteeredKind(str(row["kind"]), whole_number(row["sections"]) or 0, whole_number(row["shortened"]) or 0,
                        whole_number(row["lengthened"]) or 0, whole_number(row["skipped"]) or 0)
            for row in rows
        )

    @staticmethod
    def _elephants_by_month(counted: Iterable[ElephantCount]) -> tuple[ElephantMonth, ...]:
        """The period's elephants as `store.counting` counts them, each in the month it was raised and the
        month of its outcome, so the months add up to the period's totals (the report's)."""
        raised: Counter[str] = Counter()
        addressed: Counter[str] = Counter()
        let_go: Counter[str] = Counter()

        def month(stamp: str) -> str:
            return local(from_iso(stamp) or datetime.min).strftime("%Y-%m")

        for elephant in counted:
            if elephant.raised_in_period:
                raised[month(elephant.raised)] += 1
            if elephant.outcome is not None:
                (addressed if elephant.addressed else let_go)[month(elephant.outcome.at)] += 1
        return tuple(
            ElephantMonth(month=key, raised=raised[key], addressed=addressed[key], let_go=let_go[key])
            for key in sorted(raised.keys() | addressed.keys() | let_go.keys())
        )

    def _overrun_by_kind(self, where: list[str], params: dict[str, str]) -> tuple[OverrunByKind, ...]:
        """Per kind of section: how many ran, how many ran over (`core.timing`'s verdict, against the time
        each had: adjusted when it was), and the average minutes over. Skipped sections are neither."""
        rows = self.db.rows(
            f"""SELECT s.kind, s.started_at, coalesce(s.paused_at, s.ended_at) AS until, s.paused_seconds,
                    s.planned_minutes, s.adjusted_minutes
                FROM section_runs s JOIN meetings m ON m.id = s.meeting_id
                WHERE {' AND '.join(where)} AND s.started_at IS NOT NULL AND s.ended_at IS NOT NULL
                    AND s.skipped = 0""",
            params,
        )
        spent: dict[str, list[float]] = {}
        over: dict[str, int] = {}
        for row in rows:
            try:
                start, until = from_iso(row["started_at"]), from_iso(row["until"])
            except (TypeError, ValueError):  # a time another tool left unreadable
                continue
            planned = whole_number(row["planned_minutes"])
            if start is None or until is None or planned is None:
                continue
            adjusted = whole_number(row["adjusted_minutes"])
            actual = max(0.0, (until - start).total_seconds() - (amount(row["paused_seconds"]) or 0.0))
            timing = section_timing(planned * 60, actual, adjusted_seconds=None if adjusted is None else adjusted * 60)
            assert timing.had_seconds is not None
            spent.setdefault(row["kind"], []).append(actual - timing.had_seconds)
            over[row["kind"]] = over.get(row["kind"], 0) + (timing.verdict is Verdict.OVER)
        found = [
            OverrunByKind(kind=SectionKind(kind), sections=len(differences), over=over[kind],
                          average_overrun_minutes=round(sum(differences) / len(differences) / 60, 1))
            for kind, differences in spent.items()
        ]
        return tuple(sorted(found, key=lambda row: -row.average_overrun_minutes))
