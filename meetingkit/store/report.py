"""A partnership's report for a period: what a practice lead files, or hands to a board or a funder.

Funders rarely have an indicator for collaboration; this gathers the evidence of it
for one partnership over one period: who met and who came, the shared vocabulary
the partnership built, the uncomfortable issues it named and dealt with, the
moments that changed the conversation, what it agreed and what it got done.

The rule for "in the period": an item captured in a meeting belongs to that
meeting's start (so a meeting that runs past midnight on the last day keeps all it
captured, and the meetings listed are exactly the ones whose items are counted);
something done outside any meeting, such as a meaning added to the glossary
between meetings, belongs to when it was done. Meetings never started were not
held and are left out.

Confidential items are left out unless asked for, and counted; anonymous items
never carry a name. Dates are those of the meetings, never an anonymous item's
own time, which could be set beside the record of who spoke when.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from meetingkit.core.audience import Audience, Kind, Naming, shows
from meetingkit.core.clock import from_iso, is_overdue, local
from meetingkit.core.counting import ElephantTotals, Tally
from meetingkit.core.models import (
    ActionStatus,
    AgreementStatus,
    Attribution,
    ElephantStatus,
    MeetingStatus,
    TurningPointKind,
)
from meetingkit.core.periods import Period
from meetingkit.core.report_data import (
    Actions,
    DoneAction,
    EarlierDecision,
    Elephants,
    Glossary,
    GlossaryTerm,
    LeftOut,
    MadeAction,
    MeetingHeld,
    MeetingsHeld,
    MeetingTypeTime,
    OpenAction,
    OrganisationAttendance,
    PartnershipReport,
    ReportAgreement,
    ReportElephant,
    ReportPeriod,
    ReportTurningPoint,
    ResolvedElephant,
    TermMeaning,
    WaitingElephant,
)
from meetingkit.store.counting import Counting
from meetingkit.store.credit import SAID_BY, SAID_BY_JOINS
from meetingkit.store.database import Database, json_names
from meetingkit.store.partnerships import PARTY_NAMES, Partnerships

_NO_ORGANISATION = None
"""Grouping key for people who came without an organisation (SQL groups their NULLs together)."""

_OWNER = """coalesce(
        CASE WHEN op.name IS NOT NULL AND opo.name IS NOT NULL THEN op.name || ', ' || opo.name END,
        op.name, opo.name, oo.name, '') AS owner,
        coalesce(opo.name, oo.name) AS owner_organisation, op.name IS NOT NULL AS owner_named"""
_OWNER_JOINS = """LEFT JOIN people op ON op.id = a.owner_person_id
    LEFT JOIN organisations opo ON opo.id = op.organisation_id
    LEFT JOIN organisations oo ON oo.id = a.owner_organisation_id"""
"""An action's owner as people read it ("Dana, school board", or the organisation), as in `business`."""


Keep = Callable[[str, sqlite3.Row], bool]
"""Whether a row of a kind ("elephant", "term", …) goes in the report; one left out is counted."""


def _owner(row: sqlite3.Row) -> dict[str, Any]:
    """An action owner's organisation, and whether the owner is a person (the report's writer asks
    `core.audience.said_by` which of them it may print)."""
    return {"owner_organisation": row["owner_organisation"], "owner_named": bool(row["owner_named"])}


def _credited(row: sqlite3.Row) -> str | None:
    """Who an item is credited to, or None: an anonymous item names nobody."""
    return None if row["attribution"] == "anonymous" else row["said_by"]


REPORT_KINDS = {
    "term": Kind.TERM, "meaning": Kind.MEANING, "elephant": Kind.ELEPHANT, "turning point": Kind.TURNING_POINT,
    "agreement": Kind.AGREEMENT, "action": Kind.ACTION,
}
"""The policy's kind of each kind of row the report keeps or leaves out."""

CREDITED_ORGANISATION = "coalesce(o.name, po.name) AS credited_organisation"
"""The organisation an item is credited to, or its named person's own (with `SAID_BY_JOINS`)."""


def _credit(row: sqlite3.Row) -> dict[str, Any]:
    """An item's credit as the report carries it: who, how, and which organisation; the report's
    writer asks `core.audience.said_by` which of them it may print."""
    anonymous = row["attribution"] == "anonymous"
    return {"said_by": _credited(row), "attribution": Attribution(row["attribution"]),
            "organisation": None if anonymous else row["credited_organisation"]}


def _instant(stamp: str) -> datetime:
    """A stamp the query always has (a NOT NULL column, or a coalesce ending in one) as an instant."""
    instant = from_iso(stamp)
    if instant is None:
        raise ValueError("a stored time that is never empty was empty")
    return instant


def _day(value: str | None) -> date | None:
    """A stored calendar day ("2026-12-01"), or None."""
    return date.fromisoformat(value) if value else None


class _Bounds:
    """The period as stored UTC stamps, and SQL conditions keeping an expression inside it."""

    def __init__(self, period: Period) -> None:
        self.since, self.until = period.utc_bounds()

    @property
    def params(self) -> dict[str, str | None]:
        """The bounds as named query parameters."""
        return {"since": self.since, "until": self.until}

    def sql(self, expression: str) -> str:
        """`expression` (a stored stamp) inside the period; "1" when the period is unlimited."""
        parts = []
        if self.since:
            parts.append(f"{expression} >= :since")
        if self.until:
            parts.append(f"{expression} < :until")
        return " AND ".join(parts) or "1"

    def before_end(self, expression: str) -> str:
        """`expression` before the period ends; "1" when it has no end."""
        return f"{expression} < :until" if self.until else "1"

    def not_before_start(self, column: str) -> str:
        """`column` not before the period starts; "1" when it has no start.

        For a stamp a row keeps of its own (`opened_at`, `closed_at`), which is never
        earlier than the start of the meeting the row belongs to: a cheap first cut,
        made before the exact test on the meeting's start.
        """
        return f"{column} >= :since" if self.since else "1"

    def contains(self, stamp: str | None) -> bool:
        """`stamp` is inside the period (an empty stamp is nowhere)."""
        if not stamp:
            return False
        return (not self.since or stamp >= self.since) and self.before_end_stamp(stamp)

    def before_start(self, stamp: str | None) -> bool:
        """`stamp` is before the period starts (never, for a period with no start)."""
        return bool(stamp and self.since and stamp < self.since)

    def before_end_stamp(self, stamp: str | None) -> bool:
        """`stamp` is before the period ends (any stamp, for a period with no end)."""
        if not stamp:
            return False
        return not self.until or stamp < self.until


class Reports:
    """The partnership report: every register of a partnership, cut to one period, as typed data."""

    def __init__(self, db: Database, partnerships: Partnerships, counting: Counting) -> None:
        self.db = db
        self.partnerships = partnerships
        self.counting = counting

    def partnership_report(
        self, partnership_id: str, *, period: Period, include_confidential: bool = False,
        naming: Naming = Naming.ORGANISATIONS,
    ) -> PartnershipReport:
        """Everything the report says about the partnership in `period`.

        A few queries, each over the partnership's rows through its indexes, whatever
        the number of meetings: nothing is asked meeting by meeting.

        Returns:
            The meetings held (by type, hours, the list with who was present),
            attendance by organisation, the glossary's growth, elephants (raised,
            addressed, let go, open at the end), turning points, agreements, actions
            (made, done, open at the end), and how many confidential items were left out.

        Raises:
            KeyError: no such partnership.
        """
        partnership = self.partnerships.get(partnership_id)
        now = self.db.clock.now()
        today = local(now).date()
        bounds = _Bounds(period)
        # "At the end of the period" is now for a period that has not ended yet.
        until = from_iso(bounds.until)
        as_of = min(until, now) if until else now
        last_day = min(period.end or today, today)
        omitted: set[tuple[str, str]] = set()

        audience = Audience.EXPORT_CONFIDENTIAL if include_confidential else Audience.EXPORT

        def keep(kind: str, row: sqlite3.Row, flag: str = "confidential") -> bool:
            """Whether the policy lets the report hold this row; one it may not is counted."""
            if shows(REPORT_KINDS[kind], audience, confidential=bool(row[flag])):
                return True
            omitted.add((kind, row["id"]))
            return False

        meetings = self._report_meetings(partnership_id, bounds)
        attendance = self._report_attendance(partnership_id, bounds, meetings.held, include_confidential)
        glossary = self._report_glossary(partnership_id, bounds, keep, include_confidential)
        elephants = self._report_elephants(partnership_id, period, last_day, keep)
        turning_points, points_total = self._report_turning_points(partnership_id, bounds, keep, include_confidential)
        agreements, agreements_total, due_total = self._report_agreements(
            partnership_id, bounds, today.isoformat(), keep)
        actions = self._report_actions(partnership_id, bounds, local(as_of).date().isoformat(), keep)
        return PartnershipReport(
            made_at=now,
            partnership_id=partnership.id,
            partnership=partnership.name,
            period=ReportPeriod(described=period.describe(today), start=period.start, end=period.end, as_of=as_of),
            include_confidential=include_confidential,
            naming=naming,
            meetings=meetings,
            attendance=attendance,
            glossary=glossary,
            elephants=elephants,
            turning_points=turning_points,
            agreements=agreements,
            actions=actions,
            left_out=LeftOut(confidential=len(omitted)),
            turning_points_total=points_total,
            agreements_total=agreements_total,
            review_due_total=due_total,
        )

    # -- meetings and who came -------------------------------------------------------------

    def _report_meetings(self, partnership_id: str, bounds: _Bounds) -> MeetingsHeld:
        # Who was present: one step down the attendance index per meeting, inside the one query.
        rows = self.db.rows(
            f"""SELECT m.id, m.title, m.meeting_type, m.status, m.started_at, m.ended_at,
                    (julianday(m.ended_at) - julianday(m.started_at)) * 86400 AS seconds,
                    (SELECT json_group_array(label) FROM (
                        SELECT coalesce(pe.name || coalesce(', ' || o.name, ''), o.name, 'someone') AS label
                        FROM attendance a JOIN people pe ON pe.id = a.person_id
                        LEFT JOIN organisations o ON o.id = pe.organisation_id
                        WHERE a.meeting_id = m.id ORDER BY a.arrived_at, a.rowid)) AS labels,
                    (SELECT json_group_array(organisation) FROM (
                        SELECT coalesce(o.name, '') AS organisation
                        FROM attendance a JOIN people pe ON pe.id = a.person_id
                        LEFT JOIN organisations o ON o.id = pe.organisation_id
                        WHERE a.meeting_id = m.id ORDER BY a.arrived_at, a.rowid)) AS organisations
                FROM meetings m
                WHERE m.partnership_id = :p AND m.started_at IS NOT NULL AND {bounds.sql('m.started_at')}
                ORDER BY m.started_at, m.id""",
            {"p": partnership_id, **bounds.params},
        )
        listed = tuple(
            MeetingHeld(
                id=row["id"], title=row["title"], meeting_type=row["meeting_type"],
                status=MeetingStatus(row["status"]), started_at=_instant(row["started_at"]),
                ended_at=from_iso(row["ended_at"]),
                seconds=round(row["seconds"]) if row["seconds"] is not None else None,
                present=json_names(row["labels"]),
                present_organisations=tuple(name or None for name in json_names(row["organisations"])),
            )
            for row in rows
        )
        count: Counter[str] = Counter()
        seconds: Counter[str] = Counter()
        for meeting in listed:
            count[meeting.meeting_type] += 1
            seconds[meeting.meeting_type] += meeting.seconds or 0
        by_type = tuple(
            MeetingTypeTime(meeting_type=kind, meetings=n, seconds=seconds[kind])
            for kind, n in sorted(count.items(), key=lambda item: (-item[1], item[0]))
        )
        return MeetingsHeld(by_type=by_type, listed=listed)

    def _report_attendance(
        self, partnership_id: str, bounds: _Bounds, held: int, include_confidential: bool
    ) -> tuple[OrganisationAttendance, ...]:
        """Per organisation (every one the partnership knows, so those who never came show too,
        except one known only from confidential items, unless those are asked for).

        People are not counted: someone recorded only as "settlement agency" is a new
        person at every meeting, so a head count would be wrong; attendances are right.
        """
        rows = self.db.rows(
            f"""SELECT pe.organisation_id AS organisation_id,
                    count(DISTINCT a.meeting_id) AS meetings, count(*) AS attendances
                FROM meetings m JOIN attendance a ON a.meeting_id = m.id JOIN people pe ON pe.id = a.person_id
                WHERE m.partnership_id = :p AND m.started_at IS NOT NULL AND {bounds.sql('m.started_at')}
                GROUP BY 1""",
            {"p": partnership_id, **bounds.params},
        )
        counted = {row["organisation_id"]: row for row in rows}
        names: list[tuple[str | None, str | None]] = [
            (organisation.id, organisation.name)
            for organisation in self.partnerships.organisations(partnership_id, include_confidential=include_confidential)
        ]
        if _NO_ORGANISATION in counted:
            names.append((_NO_ORGANISATION, None))
        result = [
            OrganisationAttendance(
                organisation=name,
                meetings=counted[key]["meetings"] if key in counted else 0,
                of_meetings=held,
                attendances=counted[key]["attendances"] if key in counted else 0,
            )
            for key, name in names
        ]
        # Most present first; "no organisation" after the named ones it ties with.
        result.sort(key=lambda row: (-row.meetings, -row.attendances, row.organisation is None,
                                     (row.organisation or "").casefold()))
        return tuple(result)

    # -- the glossary ------------------------------------------------------------------------

    def _report_glossary(
        self, partnership_id: str, bounds: _Bounds, keep: Keep, include_confidential: bool
    ) -> Glossary:
        """How the partnership's shared vocabulary grew.

        A term arrives when it was first raised (the start of the meeting where it was
        first recorded), or when it was added without being raised (a "same as" name). It
        counts as explained from its first meaning (or, lacking one, from when it was
        last changed, the best the file knows about an expansion or plain words),
        unless it is marked unexplained now.
        """
        params = {"p": partnership_id, **bounds.params}
        # Mentions are counted for the period's meetings only; a term's first mention (the first
        # by time: an anonymous mention's rowid is numbered apart) is a few steps down its index.
        terms = self.db.rows(
            f"""WITH raised AS (
                    SELECT x.term_id, count(*) AS n
                    FROM meetings mt JOIN jargon_mentions x ON x.meeting_id = mt.id
                    WHERE mt.partnership_id = :p AND mt.started_at IS NOT NULL
                        AND {bounds.sql('mt.started_at')}
                    GROUP BY x.term_id
                )
                SELECT t.id, t.display, t.expansion, t.plain_words, t.unexplained, t.confidential, t.group_id,
                    t.updated_at, coalesce(raised.n, 0) AS raised,
                    coalesce((SELECT fm.started_at FROM jargon_mentions f
                              JOIN meetings fm ON fm.id = f.meeting_id
                              WHERE f.term_id = t.id ORDER BY f.mentioned_at, f.rowid LIMIT 1), t.created_at) AS arrived,
                    (SELECT min(coalesce(mm.started_at, jm.created_at)) FROM jargon_meanings jm
                     LEFT JOIN meetings mm ON mm.id = jm.meeting_id WHERE jm.term_id = t.id) AS first_meaning
                FROM jargon_terms t LEFT JOIN raised ON raised.term_id = t.id
                WHERE t.partnership_id = :p AND t.merged_into_id IS NULL
                ORDER BY arrived, t.display COLLATE NOCASE""",
            params,
        )
        meanings: dict[str, list[sqlite3.Row]] = {}
        for row in self.db.rows(
            """SELECT jm.id, jm.term_id, jm.meaning, jm.confidential, o.name AS organisation
               FROM jargon_meanings jm JOIN jargon_terms t ON t.id = jm.term_id
               LEFT JOIN organisations o ON o.id = jm.meaning_organisation_id
               WHERE t.partnership_id = :p ORDER BY jm.created_at, jm.rowid""",
            params,
        ):
            meanings.setdefault(row["term_id"], []).append(row)
        shown_ids = {row["id"] for row in terms if include_confidential or not row["confidential"]}
        groups: dict[str, list[str]] = {}  # same-as names, leaving out confidential terms unless asked for
        for row in sorted(terms, key=lambda r: r["display"].casefold()):
            if row["group_id"] and row["id"] in shown_ids:
                groups.setdefault(row["group_id"], []).append(row["display"])

        def explained_at(row: sqlite3.Row) -> str | None:
            return None if row["unexplained"] else (row["first_meaning"] or row["updated_at"])

        def term(row: sqlite3.Row) -> GlossaryTerm:
            return GlossaryTerm(
                id=row["id"], term=row["display"], expansion=row["expansion"], plain_words=row["plain_words"],
                meanings=tuple(
                    TermMeaning(organisation=m["organisation"], meaning=m["meaning"])
                    for m in meanings.get(row["id"], []) if keep("meaning", m)
                ),
                same_as=tuple(name for name in groups.get(row["group_id"], []) if name != row["display"]),
                unexplained=bool(row["unexplained"]), first_raised=_instant(row["arrived"]),
                raised_in_period=row["raised"], explained_at=from_iso(explained_at(row)),
                confidential=bool(row["confidential"]),
            )

        in_glossary = [row for row in terms if bounds.before_end_stamp(row["arrived"])]
        new = [row for row in in_glossary if bounds.contains(row["arrived"])]
        explained = [row for row in in_glossary if bounds.contains(explained_at(row))]
        unexplained = [row for row in in_glossary if not bounds.before_end_stamp(explained_at(row))]
        def tally(rows: list[sqlite3.Row]) -> Tally:
            return Tally.of(bool(row["confidential"]) for row in rows)

        return Glossary(
            terms_at_start=tally([row for row in in_glossary if bounds.before_start(row["arrived"])]),
            terms_at_end=tally(in_glossary),
            mentions=Tally(sum(row["raised"] for row in in_glossary),
                           sum(row["raised"] for row in in_glossary if row["confidential"])),
            new=tuple(term(row) for row in new if keep("term", row)),
            explained=tuple(term(row) for row in explained if keep("term", row)),
            unexplained=tuple(term(row) for row in unexplained if keep("term", row)),
            new_total=tally(new), explained_total=tally(explained), unexplained_total=tally(unexplained),
        )

    # -- elephants ---------------------------------------------------------------------------

    def _report_elephants(
        self, partnership_id: str, period: Period, last_day: date, keep: Keep
    ) -> Elephants:
        """Raised, addressed and let go in the period, and open at its end, as `store.counting` counts them
        (one outcome per elephant, confidential ones counted in the totals).

        An open elephant's age is in calendar days, from the day it was raised to the
        period's last day (today, for a period not over yet), as people count waiting.
        """
        counted = self.counting.elephants(partnership_id, period)
        wanted = {c.id for c in counted.values() if c.raised_in_period or c.outcome or c.open_at_end}
        rows = {
            row["id"]: row
            for row in self.db.rows(
                f"""SELECT e.id, e.text, e.status, e.confidential, e.attribution,
                        {SAID_BY.format(row="e")} AS said_by, {CREDITED_ORGANISATION}
                    FROM elephants e {SAID_BY_JOINS.format(row="e")}
                    WHERE e.partnership_id = :p""",
                {"p": partnership_id},
            )
            if row["id"] in wanted
        }
        shown = {key: row for key, row in rows.items() if keep("elephant", row)}

        def words(key: str) -> dict[str, Any]:
            row = shown[key]
            return {"id": key, "text": row["text"], "raised_at": _instant(counted[key].raised),
                    "status": ElephantStatus(counted[key].status_at_end or row["status"]), **_credit(row),
                    "confidential": bool(row["confidential"])}

        def closed(status: ElephantStatus) -> tuple[ResolvedElephant, ...]:
            found = [c for c in counted.values() if c.id in shown and c.outcome and c.outcome.to_status is status]
            found.sort(key=lambda c: c.outcome.key if c.outcome else ("", "", 0))
            return tuple(
                ResolvedElephant(
                    **words(c.id), at=_instant(c.outcome.at), note=c.outcome.note,
                    conflicts=tuple(EarlierDecision(e.to_status, _instant(e.at)) for e in c.conflicts),
                )
                for c in found if c.outcome
            )

        open_at_end = []
        for c in counted.values():
            if c.open_at_end and c.id in shown and c.status_at_end:
                raised_at = _instant(c.raised)
                open_at_end.append(WaitingElephant(
                    **words(c.id), status_at_end=c.status_at_end,
                    age_days=max(0, (last_day - local(raised_at).date()).days),
                ))
        return Elephants(
            raised=tuple(
                ReportElephant(**words(c.id)) for c in counted.values() if c.raised_in_period and c.id in shown
            ),
            addressed=closed(ElephantStatus.ADDRESSED),
            let_go=closed(ElephantStatus.LET_GO),
            open_at_end=tuple(open_at_end),
            totals=ElephantTotals.of(counted.values()),
        )

    # -- turning points and agreements -------------------------------------------------------

    def _report_turning_points(
        self, partnership_id: str, bounds: _Bounds, keep: Keep, include_confidential: bool
    ) -> tuple[tuple[ReportTurningPoint, ...], Tally]:
        rows = self.db.rows(
            f"""SELECT tp.id, tp.kind, tp.note, tp.opened_up, tp.confidential, tp.attribution,
                    {SAID_BY.format(row="tp")} AS said_by, {CREDITED_ORGANISATION},
                    mt.title AS meeting, mt.started_at AS at,
                    coalesce(s.title, '') AS section, ag.text AS agreement,
                    ag.confidential AS agreement_confidential
                FROM meetings mt JOIN turning_points tp ON tp.meeting_id = mt.id
                LEFT JOIN section_runs s ON s.id = tp.section_run_id
                LEFT JOIN agreements ag ON ag.id = tp.agreement_id
                {SAID_BY_JOINS.format(row="tp")}
                WHERE mt.partnership_id = :p AND mt.started_at IS NOT NULL AND {bounds.sql('mt.started_at')}
                ORDER BY mt.started_at, tp.marked_at, tp.rowid""",
            {"p": partnership_id, **bounds.params},
        )
        return tuple(
            ReportTurningPoint(
                id=row["id"], at=_instant(row["at"]), meeting=row["meeting"], section=row["section"],
                kind=TurningPointKind(row["kind"]) if row["kind"] else None, note=row["note"],
                opened_up=row["opened_up"],
                # A confidential agreement's words stay out even when the moment that led to it is shown.
                agreement=(
                    row["agreement"] if include_confidential or not row["agreement_confidential"] else None
                ),
                **_credit(row), confidential=bool(row["confidential"]),
            )
            for row in rows if keep("turning point", row)
        ), Tally.of(bool(row["confidential"]) for row in rows)

    def _report_agreements(
        self, partnership_id: str, bounds: _Bounds, today: str, keep: Keep
    ) -> tuple[tuple[ReportAgreement, ...], Tally, Tally]:
        """The period's agreements, and the tallies of those made and of those due for review."""
        made = "coalesce(mt.started_at, a.created_at)"
        rows = self.db.rows(
            f"""SELECT a.id, a.text, a.review_on, a.status, a.confidential, a.attribution,
                    {SAID_BY.format(row="a")} AS said_by, {CREDITED_ORGANISATION},
                    mt.title AS meeting, {made} AS at,
                    {PARTY_NAMES.format(agreement="a")} AS parties
                FROM agreements a LEFT JOIN meetings mt ON mt.id = a.meeting_id
                {SAID_BY_JOINS.format(row="a")}
                WHERE a.partnership_id = :p AND {bounds.not_before_start('a.created_at')}
                    AND {bounds.sql(made)}
                ORDER BY at, a.created_at, a.rowid""",
            {"p": partnership_id, **bounds.params},
        )
        def review_due(row: sqlite3.Row) -> bool:
            """Its review date has come by the day the report is made, and it still stands."""
            return bool(row["review_on"]) and row["review_on"] <= today and row["status"] == "active"

        return tuple(
            ReportAgreement(
                id=row["id"], text=row["text"], at=_instant(row["at"]), meeting=row["meeting"],
                parties=json_names(row["parties"]),
                review_on=_day(row["review_on"]), status=AgreementStatus(row["status"]),
                review_due=review_due(row), **_credit(row), confidential=bool(row["confidential"]),
            )
            for row in rows if keep("agreement", row)
        ), Tally.of(bool(row["confidential"]) for row in rows), Tally.of(
            bool(row["confidential"]) for row in rows if review_due(row))

    # -- actions -----------------------------------------------------------------------------

    def _report_actions(self, partnership_id: str, bounds: _Bounds, as_of_day: str, keep: Keep) -> Actions:
        """Made and done in the period, and open at its end.

        A carried action is one commitment: it is counted as made once (where it was
        first agreed), and at any moment only one row of its chain is open.
        """
        select = f"""SELECT a.id, a.text, a.due_on, a.status, a.confidential, a.carried_from_id, {_OWNER},
                mt.title AS meeting, coalesce(mt.started_at, a.opened_at) AS at,
                coalesce(mt.started_at, a.created_at) AS created,
                coalesce(cm.started_at, a.closed_at) AS closed, a.rowid AS seq
            FROM actions a LEFT JOIN meetings mt ON mt.id = a.meeting_id
            LEFT JOIN meetings cm ON cm.id = a.closed_meeting_id
            {_OWNER_JOINS}
            WHERE a.partnership_id = :p AND """
        # A first cut for each list on the rows' own stamps and the (partnership, status) index;
        # the exact tests, on the meetings' starts, follow in Python.
        candidates = [
            f"a.carried_from_id IS NULL AND {bounds.not_before_start('a.opened_at')}",
            f"a.status IN ('done', 'dropped') AND {bounds.not_before_start('a.closed_at')}",
            "a.status = 'open'",
        ]
        if bounds.until:
            candidates.append("a.status IN ('carried', 'done', 'dropped') AND a.closed_at >= :until")
        rows = self.db.rows(
            " UNION ".join(select + where for where in candidates) + " ORDER BY at, seq",
            {"p": partnership_id, **bounds.params},
        )
        carried_to: dict[str, str] = {}
        status_now: dict[str, str] = {}
        for row in self.db.rows(
            """SELECT id, carried_from_id, status FROM actions
               WHERE partnership_id = ? AND carried_from_id IS NOT NULL""",
            [partnership_id],
        ):
            status_now[row["id"]] = row["status"]
            carried_to[row["carried_from_id"]] = row["id"]

        def final_status(row: sqlite3.Row) -> ActionStatus:
            """Where the commitment stands now, following it through the meetings it was carried to."""
            current, seen = row["id"], {row["id"]}
            while current in carried_to and carried_to[current] not in seen:
                current = carried_to[current]
                seen.add(current)
            return ActionStatus(status_now.get(current, row["status"]))

        made: list[MadeAction] = []
        done_rows: list[sqlite3.Row] = []
        open_rows: list[sqlite3.Row] = []
        dropped: list[bool] = []
        counted: dict[str, list[bool]] = {"made": [], "done": [], "open": [], "overdue": []}
        as_of = date.fromisoformat(as_of_day)

        def overdue(row: sqlite3.Row) -> bool:
            """Open at the period's end (the caller knows), and due before that day: `is_overdue`."""
            return is_overdue(_day(row["due_on"]), today=as_of)

        for row in rows:
            secret = bool(row["confidential"])
            made_here = row["carried_from_id"] is None and bounds.contains(row["at"])
            done_here = row["status"] == "done" and bounds.contains(row["closed"])
            closed_after = bounds.until is not None and (row["closed"] or "") >= bounds.until
            open_here = bounds.before_end_stamp(row["created"]) and (row["status"] == "open" or closed_after)
            for name, counts in (("made", made_here), ("done", done_here), ("open", open_here),
                                 ("overdue", open_here and overdue(row))):
                if counts:
                    counted[name].append(secret)
            if row["status"] == "dropped" and bounds.contains(row["closed"]):
                dropped.append(secret)
            if not keep("action", row):
                continue
            if made_here:
                made.append(MadeAction(
                    id=row["id"], text=row["text"], owner=row["owner"] or None, **_owner(row), due_on=_day(row["due_on"]),
                    at=_instant(row["at"]), meeting=row["meeting"], confidential=bool(row["confidential"]),
                    status=final_status(row),
                ))
            if done_here:
                done_rows.append(row)
            if open_here:
                open_rows.append(row)
        # Sorted on the stored text, which sorts as the days and instants it holds.
        open_rows.sort(key=lambda r: (r["due_on"] is None, r["due_on"] or "", r["at"] or ""))
        done_rows.sort(key=lambda r: r["closed"] or "")
        return Actions(
            made=tuple(made),
            done=tuple(
                DoneAction(
                    id=row["id"], text=row["text"], owner=row["owner"] or None, **_owner(row), due_on=_day(row["due_on"]),
                    at=_instant(row["at"]), meeting=row["meeting"], confidential=bool(row["confidential"]),
                    done_at=_instant(row["closed"]),
                )
                for row in done_rows
            ),
            dropped=Tally.of(dropped),
            open_at_end=tuple(
                OpenAction(
                    id=row["id"], text=row["text"], owner=row["owner"] or None, **_owner(row), due_on=_day(row["due_on"]),
                    at=_instant(row["at"]), meeting=row["meeting"], confidential=bool(row["confidential"]),
                    overdue=overdue(row),
                )
                for row in open_rows
            ),
            made_total=Tally.of(counted["made"]), done_total=Tally.of(counted["done"]),
            open_total=Tally.of(counted["open"]), overdue_total=Tally.of(counted["overdue"]),
        )
