"""The elephant parking lot and turning points (Name the Jargon is in `jargon`)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.i18n import _
from meetingkit.core.models import (
    Attribution,
    ChangedTable,
    ChangeKind,
    Elephant,
    ElephantStatus,
    OpenElephant,
    TurningPoint,
    TurningPointKind,
)
from meetingkit.core.periods import Period
from meetingkit.core.text import sanitise
from meetingkit.store.as_of import by_end
from meetingkit.store.changes import ELEPHANT_EVENT, Changes
from meetingkit.store.counting import Counting
from meetingkit.store.credit import SAID_BY, SAID_BY_JOINS, credit_columns
from meetingkit.store.database import Database, required_time
from meetingkit.store.meetings import ID_CHARACTERS, Meetings
from meetingkit.store.review import period_where

OPEN_ELEPHANT_STATUSES = (ElephantStatus.PARKED.value, ElephantStatus.DISCUSSING.value)
CLOSED_ELEPHANT_STATUSES = (ElephantStatus.ADDRESSED.value, ElephantStatus.LET_GO.value)



class Boards:
    """The elephant parking lot and turning points, and what the boards add up to."""

    def __init__(self, db: Database, meetings: Meetings, counting: Counting, changes: Changes) -> None:
        self.db = db
        self.meetings = meetings
        self.counting = counting
        self.changes = changes

    def open_elephants(self, meeting_id: str) -> list[OpenElephant]:
        """Elephants from earlier meetings of this partnership still parked or under discussion, oldest first.

        `meetings_waited` counts the partnership's meetings that started after the
        elephant was raised, not counting the meeting asking, nor the one it was raised in
        (whatever its time says: one from an older file, cut to the minute, can be earlier).
        """
        rows = self.db.rows(
            """SELECT e.id, e.text, e.status, e.raised_at, e.confidential,
                   (SELECT count(*) FROM meetings m2 WHERE m2.partnership_id = e.partnership_id
                       AND m2.started_at > e.raised_at AND m2.id != m.id
                       AND m2.id IS NOT e.raised_meeting_id) AS waited
               FROM elephants e JOIN meetings m ON m.id = ? AND m.partnership_id = e.partnership_id
               WHERE e.status IN (?, ?) AND e.raised_meeting_id IS NOT m.id
               ORDER BY e.raised_at, e.rowid""",
            [meeting_id, *OPEN_ELEPHANT_STATUSES],
        )
        return [
            OpenElephant(
                id=row["id"],
                text=row["text"],
                status=ElephantStatus(row["status"]),
                raised_at=required_time(row["raised_at"]),
                meetings_waited=row["waited"],
                confidential=bool(row["confidential"]),
            )
            for row in rows
        ]

    # -- elephants ----------------------------------------------------------------------

    def raise_elephant(
        self,
        meeting_id: str,
        text: str,
        *,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
        confidential: bool = False,
    ) -> str:
        """Name an elephant: it goes to the partnership's parking lot and stays until resolved."""
        text = sanitise(text)
        if not text:
            raise ValueError("Type the elephant to park it.")
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> str:
            partnership_id, section_run_id = self.meetings.capture_context(meeting_id)
            now = self.db.now()
            elephant = self.db.insert(
                "elephants",
                {
                    "partnership_id": partnership_id,
                    "text": text,
                    "raised_meeting_id": meeting_id,
                    "raised_section_run_id": section_run_id,
                    "raised_at": now,
                    "status": ElephantStatus.PARKED.value,
                    "confidential": int(confidential),
                    **credit,
                },
            )
            self.db.insert(
                "elephant_events",
                {"elephant_id": elephant["id"], "meeting_id": meeting_id, "from_status": None,
                 "to_status": ElephantStatus.PARKED.value, "changed_at": now},
                anonymous=credit["attribution"] == Attribution.ANONYMOUS.value,
            )
            return elephant["id"]

        return self.db.write(work)

    def set_elephant_status(
        self, elephant_id: str, status: ElephantStatus, *, meeting_id: str | None, note: str = ""
    ) -> None:
        """Move an elephant on (discussing, addressed, let go, or parked again), keeping the history:
        an entry in `elephant_events`, and a change (`changes`: done for addressed, dropped for let
        go, reopened for one closed that opens again, edited otherwise) that an undo can revert."""
        status = ElephantStatus(status)
        note = sanitise(note)

        def work() -> None:
            before = self._elephant_row(elephant_id)
            previous = before["status"]
            anonymous = before["attribution"] == Attribution.ANONYMOUS.value
            now = self.db.now()
            closed = status in (ElephantStatus.ADDRESSED, ElephantStatus.LET_GO)
            values = {
                "status": status.value,
                "resolution_note": note if closed else "",
                "resolved_meeting_id": meeting_id if closed else None,
                "resolved_at": now if closed else None,
            }
            self.db.update("elephants", elephant_id, values)
            event = self.db.insert(
                "elephant_events",
                {"elephant_id": elephant_id, "meeting_id": meeting_id, "from_status": previous,
                 "to_status": status.value, "note": note, "changed_at": now},
                anonymous=anonymous,  # its history keeps no precise moment or time-ordered id either
            )
            stored = self._elephant_row(elephant_id)  # as written: an anonymous one's times are coarse
            kind = (
                ChangeKind.DONE if status is ElephantStatus.ADDRESSED
                else ChangeKind.DROPPED if status is ElephantStatus.LET_GO
                else ChangeKind.REOPENED if previous in CLOSED_ELEPHANT_STATUSES
                else ChangeKind.EDITED
            )
            self._record(before, kind, [
                *((column, before[column], stored[column]) for column in values),
                (ELEPHANT_EVENT, None, event["id"]),
            ], meeting_id=meeting_id, note=note)

        self.db.write(work)

    def _elephant_row(self, elephant_id: str) -> Any:
        found = self.db.rows("SELECT * FROM elephants WHERE id = ?", [elephant_id])
        if not found:
            raise KeyError(f"no elephant {elephant_id}")
        return found[0]

    def _record(
        self, before: Any, kind: ChangeKind, fields: list[tuple[str, Any, Any]], *, meeting_id: str | None,
        note: str = "",
    ) -> None:
        """Inside a write: keep a change to an elephant in its history."""
        self.changes.record(
            ChangedTable.ELEPHANTS, before["id"], kind, partnership_id=before["partnership_id"],
            meeting_id=meeting_id, fields=fields, note=note, confidential=bool(before["confidential"]),
            anonymous=before["attribution"] == Attribution.ANONYMOUS.value,
        )

    def correct_elephant_note(self, elephant_id: str, note: str, *, meeting_id: str | None) -> None:
        """Change the note of an elephant's present status (how it was addressed, why it was let go)
        without moving it: when and where it was resolved stay; the history keeps the correction
        as an entry of its own (from and to the same status, with the new note), and as a change."""
        note = sanitise(note)

        def work() -> None:
            before = self._elephant_row(elephant_id)
            status = before["status"]
            anonymous = before["attribution"] == Attribution.ANONYMOUS.value
            fields: list[tuple[str, Any, Any]] = []
            if status in CLOSED_ELEPHANT_STATUSES:
                self.db.update("elephants", elephant_id, {"resolution_note": note})
                fields.append(("resolution_note", before["resolution_note"], note))
            event = self.db.insert(
                "elephant_events",
                {"elephant_id": elephant_id, "meeting_id": meeting_id, "from_status": status,
                 "to_status": status, "note": note, "changed_at": self.db.now()},
                anonymous=anonymous,
            )
            self._record(before, ChangeKind.EDITED, [*fields, (ELEPHANT_EVENT, None, event["id"])],
                         meeting_id=meeting_id, note=note)

        self.db.write(work)

    def edit_elephant(self, elephant_id: str, text: str, *, meeting_id: str | None) -> None:
        """Correct an elephant's words (a typo typed while listening), keeping what they were in its history."""
        text = sanitise(text)
        if not text:
            raise ValueError("An elephant needs its words; let it go instead.")

        def work() -> None:
            before = self._elephant_row(elephant_id)
            if before["text"] == text:
                return
            self.db.update("elephants", elephant_id, {"text": text})
            self._record(before, ChangeKind.EDITED, [("text", before["text"], text)], meeting_id=meeting_id)

        self.db.write(work)

    _ELEPHANT_SELECT = f"""
        SELECT e.*, rm.title AS raised_in, sm.title AS resolved_in, {SAID_BY.format(row="e")} AS said_by,
               rm.started_at AS raised_meeting_started, sm.started_at AS resolved_meeting_started,
               coalesce(o.name, po.name) AS credited_organisation
        FROM elephants e
        LEFT JOIN meetings rm ON rm.id = e.raised_meeting_id
        LEFT JOIN meetings sm ON sm.id = e.resolved_meeting_id
        {SAID_BY_JOINS.format(row="e")}
    """

    def _elephants(self, rows: list[Any]) -> list[Elephant]:
        """Elephants with how many of their partnership's meetings each has waited through.

        Counted here from the partnership's meeting starts, read once and bisected: a count
        per elephant in SQL took half a second for a partnership with years of history. The
        meeting it was raised in never counts, and the one it was resolved in always does,
        whatever the elephant's own times say: an anonymous one's, cut to the minute in a file
        from before that was prevented, can be earlier than either meeting's start.
        """
        starts: dict[str, list[str]] = {}
        for partnership_id in {row["partnership_id"] for row in rows}:
            starts[partnership_id] = [
                start for (start,) in self.db.rows(
                    "SELECT started_at FROM meetings WHERE partnership_id = ? AND started_at IS NOT NULL"
                    " ORDER BY started_at",
                    [partnership_id],
                )
            ]
        elephants = []
        for row in rows:
            began = starts[row["partnership_id"]]
            raised = max(row["raised_at"], row["raised_meeting_started"] or "")
            resolved = row["resolved_at"] and max(row["resolved_at"], row["resolved_meeting_started"] or "")
            until = bisect_right(began, resolved) if resolved else len(began)
            elephants.append(self._elephant(row, max(0, until - bisect_right(began, raised))))
        return elephants

    def _elephant(self, row: Any, waited: int) -> Elephant:
        return Elephant(
            id=row["id"],
            text=row["text"],
            status=ElephantStatus(row["status"]),
            raised_at=required_time(row["raised_at"]),
            raised_in=row["raised_in"] or "",
            said_by=row["said_by"],
            attribution=Attribution(row["attribution"]),
            credited_organisation=row["credited_organisation"] or "",
            resolution_note=row["resolution_note"],
            resolved_at=from_iso(row["resolved_at"]),
            resolved_in=row["resolved_in"] or "",
            meetings_waited=waited,
            confidential=bool(row["confidential"]),
            partnership_id=row["partnership_id"],
        )

    def find_elephant(self, reference: str, partnership_id: str) -> Elephant:
        """One of the partnership's elephants by its id, or by any part of it of 6 or more characters
        (`meetingkit elephants` prints the last 8), as `Meetings.find` finds a meeting.

        Raises:
            LookupError: no elephant of the partnership matches, or the part given matches several.
        """
        reference = reference.strip().lower()
        if len(reference) < 6:
            raise LookupError(_("Give at least 6 characters of the elephant's id (`meetingkit elephants` lists them)."))
        if any(char not in ID_CHARACTERS for char in reference):
            raise LookupError(_(
                "{typed!r} is not part of an elephant's id: ids hold only 0-9, a-f and hyphens "
                "(`meetingkit elephants` lists them)."
            ).format(typed=reference[:40]))
        rows = self.db.rows(
            "SELECT id FROM elephants WHERE partnership_id = ? AND instr(id, ?) > 0 ORDER BY id LIMIT 2",
            [partnership_id, reference],
        )
        if not rows:
            raise LookupError(_("No elephant of this partnership has an id containing {typed!r} "
                                "(`meetingkit elephants` lists them).").format(typed=reference))
        if len(rows) > 1:
            raise LookupError(_("{typed!r} is part of several elephants' ids; give more of it.").format(typed=reference))
        return self.elephant(rows[0]["id"])

    def elephant(self, elephant_id: str) -> Elephant:
        """One elephant, with where it was raised and how it was resolved."""
        rows = self.db.rows(self._ELEPHANT_SELECT + " WHERE e.id = ?", [elephant_id])
        if not rows:
            raise KeyError(f"no elephant {elephant_id}")
        return self._elephants(rows)[0]

    def parking_lot(self, partnership_id: str) -> list[Elephant]:
        """The partnership's elephants: open ones oldest first, then addressed ones, then let-go ones,
        each latest resolved first.

        Where each stands is its final status event, as every count reads it (`store.counting`): after
        two sites' files were merged, the row and the history could otherwise tell two stories.
        """
        rows = self.db.rows(
            self._ELEPHANT_SELECT
            + """ WHERE e.partnership_id = ?
                  ORDER BY e.status IN ('addressed', 'let_go'), e.status = 'let_go',
                  CASE WHEN e.status IN ('addressed', 'let_go') THEN e.resolved_at END DESC, e.raised_at, e.rowid""",
            [partnership_id],
        )
        counted = self.counting.elephants(partnership_id)
        lot = []
        for elephant in self._elephants(rows):
            status = counted[elephant.id].status_at_end if elephant.id in counted else None
            lot.append(replace(elephant, status=status) if status and status != elephant.status else elephant)
        order = {ElephantStatus.ADDRESSED: 1, ElephantStatus.LET_GO: 2}
        return sorted(lot, key=lambda elephant: order.get(elephant.status, 0))  # stable: the query's order within

    def meeting_elephants(self, meeting_id: str) -> list[Elephant]:
        """What the parking lot shows during a meeting: every open elephant, and those closed in it."""
        rows = self.db.rows(
            self._ELEPHANT_SELECT
            + """ WHERE e.partnership_id = (SELECT partnership_id FROM meetings WHERE id = ?)
                  AND (e.status IN ('parked', 'discussing') OR e.resolved_meeting_id = ?
                       OR e.raised_meeting_id = ?)
                  ORDER BY e.raised_at, e.rowid""",
            [meeting_id, meeting_id, meeting_id],
        )
        return self._elephants(rows)

    def elephant_history(self, elephant_id: str) -> list[tuple[str | None, str, str]]:
        """Every status change: (from, to, note), oldest first."""
        rows = self.db.rows(
            "SELECT from_status, to_status, note FROM elephant_events WHERE elephant_id = ? ORDER BY changed_at, rowid",
            [elephant_id],
        )
        return [(row["from_status"], row["to_status"], row["note"]) for row in rows]

    # -- turning points ---------------------------------------------------------------------

    def mark_turning_point(
        self,
        meeting_id: str,
        *,
        note: str = "",
        kind: TurningPointKind | None = None,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
        confidential: bool = False,
    ) -> str:
        """Stamp the moment (time and current section) at once; the details can come later."""
        note = sanitise(note)
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> str:
            _, section_run_id = self.meetings.capture_context(meeting_id)
            return self.db.insert(
                "turning_points",
                {
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id,
                    "marked_at": self.db.now(),
                    "kind": TurningPointKind(kind).value if kind else None,
                    "note": note,
                    "confidential": int(confidential),
                    **credit,
                },
            )["id"]

        return self.db.write(work)

    def describe_turning_point(
        self,
        turning_point_id: str,
        *,
        kind: TurningPointKind | None = None,
        note: str | None = None,
        opened_up: str | None = None,
        confidential: bool | None = None,
    ) -> None:
        """Fill in what happened and what it opened up (None leaves a field as it is)."""
        values: dict[str, Any] = {}
        if kind is not None:
            values["kind"] = TurningPointKind(kind).value
        if note is not None:
            values["note"] = sanitise(note)
        if opened_up is not None:
            values["opened_up"] = sanitise(opened_up)
        if confidential is not None:
            values["confidential"] = int(confidential)
        if not values:
            return

        def work() -> None:
            found = self.db.rows(
                """SELECT tp.*, m.partnership_id FROM turning_points tp JOIN meetings m ON m.id = tp.meeting_id
                   WHERE tp.id = ?""", [turning_point_id])
            if not found:
                raise KeyError(f"no turning point {turning_point_id}")
            before = found[0]
            self.db.update("turning_points", turning_point_id, values)
            changed = [(column, before[column], value) for column, value in values.items() if before[column] != value]
            if changed and before["note"] + before["opened_up"] + (before["kind"] or ""):
                # Filling in a moment stamped a second ago is its capture, not a correction: only a
                # change to what was already said is kept in its history (and can be undone).
                self.changes.record(
                    ChangedTable.TURNING_POINTS, turning_point_id, ChangeKind.EDITED,
                    partnership_id=before["partnership_id"], meeting_id=before["meeting_id"], fields=changed,
                    confidential=bool(before["confidential"]) or bool(values.get("confidential")),
                    anonymous=before["attribution"] == Attribution.ANONYMOUS.value,
                )

        self.db.write(work)

    def link_turning_point(self, turning_point_id: str, agreement_id: str | None) -> None:
        """Say which agreement the moment led to (None unlinks it)."""
        self.db.write(lambda: self.db.update("turning_points", turning_point_id, {"agreement_id": agreement_id}))

    def turning_points(self, meeting_id: str) -> list[TurningPoint]:
        """A meeting's turning points in the order they happened."""
        return self._turning_point_rows("tp.meeting_id = ?", [meeting_id])

    def partnership_turning_points(
        self, partnership_id: str, *, period: Period | None = None, include_confidential: bool = False
    ) -> list[TurningPoint]:
        """The partnership's milestones: every turning point, oldest first, with the meeting it happened in."""
        params: dict[str, Any] = {"partnership": partnership_id}
        where = ["mt.partnership_id = :partnership", *period_where(period, "tp.marked_at", params)]
        if not include_confidential:
            where.append("tp.confidential = 0")
        return self._turning_point_rows(" AND ".join(where), params)

    def _turning_point_rows(self, where: str, params: list[Any] | dict[str, Any]) -> list[TurningPoint]:
        rows = self.db.rows(
            f"""SELECT tp.*, coalesce(s.title, '') AS section, coalesce(a.text, '') AS agreement,
                   coalesce(a.confidential, 0) AS agreement_confidential,
                   {SAID_BY.format(row="tp")} AS said_by, mt.title AS meeting_title,
                   mt.started_at AS meeting_started_at
               FROM turning_points tp
               JOIN meetings mt ON mt.id = tp.meeting_id
               LEFT JOIN section_runs s ON s.id = tp.section_run_id
               LEFT JOIN agreements a ON a.id = tp.agreement_id
               {SAID_BY_JOINS.format(row="tp")}
               WHERE {where} ORDER BY tp.marked_at, tp.rowid""",
            params,
        )
        return [
            TurningPoint(
                id=row["id"],
                meeting_id=row["meeting_id"],
                marked_at=required_time(row["marked_at"]),
                section=row["section"],
                section_run_id=row["section_run_id"],
                kind=TurningPointKind(row["kind"]) if row["kind"] else None,
                note=row["note"],
                opened_up=row["opened_up"],
                agreement_id=row["agreement_id"],
                agreement=row["agreement"],
                agreement_confidential=bool(row["agreement_confidential"]),
                said_by=row["said_by"],
                confidential=bool(row["confidential"]),
                meeting_title=row["meeting_title"],
                meeting_started_at=from_iso(row["meeting_started_at"]),
            )
            for row in rows
        ]

    # -- what the boards hold --------------------------------------------------------------

    def board_counts(self, meeting_id: str) -> dict[str, int]:
        """How much each board captured in a meeting, for the summary, as of its end (`store.as_of`).

        A term is still unexplained when no meaning was known by the end; an elephant was resolved
        here when its last change by the end was this meeting's, to addressed or let go.
        """
        ended = self.db.value("SELECT ended_at FROM meetings WHERE id = ?", [meeting_id])
        row = self.db.rows(
            f"""SELECT
                (SELECT count(DISTINCT term_id) FROM jargon_mentions WHERE meeting_id = :m) AS jargon_terms,
                (SELECT count(*) FROM jargon_mentions WHERE meeting_id = :m) AS jargon_mentions,
                (SELECT count(*) FROM jargon_terms t WHERE t.id IN
                    (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)
                    AND NOT EXISTS (SELECT 1 FROM jargon_meanings jm LEFT JOIN meetings mm ON mm.id = jm.meeting_id
                                    WHERE jm.term_id = t.id
                                      AND {by_end("jm.created_at", "jm.meeting_id", "mm.started_at")})
                ) AS jargon_unexplained,
                (SELECT count(*) FROM elephants WHERE raised_meeting_id = :m) AS elephants_raised,
                (SELECT count(*) FROM (
                    SELECT ev.meeting_id, ev.to_status,
                        row_number() OVER (PARTITION BY ev.elephant_id ORDER BY ev.changed_at DESC, ev.rowid DESC) AS k
                    FROM elephant_events ev LEFT JOIN meetings em ON em.id = ev.meeting_id
                    WHERE ev.elephant_id IN (SELECT elephant_id FROM elephant_events WHERE meeting_id = :m)
                      AND {by_end("ev.changed_at", "ev.meeting_id", "em.started_at")})
                 WHERE k = 1 AND meeting_id = :m AND to_status IN ('addressed', 'let_go')) AS elephants_resolved,
                (SELECT count(*) FROM turning_points WHERE meeting_id = :m) AS turning_points,
                (SELECT count(*) FROM agreements WHERE meeting_id = :m) AS agreements,
                (SELECT count(*) FROM actions WHERE meeting_id = :m) AS actions""",
            {"m": meeting_id, "end": ended or self.db.now()},
        )[0]
        return dict(row)
