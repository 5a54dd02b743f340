"""Keeping and letting go: consistent backups, and deleting meetings for good (retention).

Deleting here means gone from the file, not hidden: freed pages are overwritten
(`secure_delete`), the search indexes are rewritten without the deleted text, and the
write-ahead log is emptied, so a deleted note cannot be read back with a hex editor.
Each deleted row leaves a tombstone (table and id, no content), so a later merge from
another site's copy knows not to bring it back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingkit.store.database import Database
from meetingkit.store.errors import MeetingInProgress
from meetingkit.store.schema import SEARCHED

DELETIONS = uuid.UUID("5b0f3c1e-8d2a-4c57-9e61-0a7d4f2b9c13")
"""The namespace of the ids of tombstones (`deletion_id`)."""


def deletion_id(table: str, row_id: str, created_at: str, section_ids: Iterable[str]) -> str:
    """The id of a deleted row's tombstone, its proof that the site that deleted it held the row.

    Made from the row's table and id, the millisecond it was made, and the ids of the sections of
    the meeting it belongs to (a meeting's own, or the one an item was captured in), which only a
    file that held the meeting knows: ids of meetings and items are printed, and their times can
    be read from the ids (time-ordered UUIDs), but sections' ids are in no export or listing. A
    merge honours a tombstone only when its id is this (`merge`), so one forged from what is
    printed deletes nothing.
    """
    sections = ",".join(sorted(section_ids))
    return str(uuid.uuid5(DELETIONS, f"{table}/{row_id}/{created_at}/{sections}"))


def is_proof(tombstone_id: str) -> bool:
    """Whether a tombstone's id is a `deletion_id` (a name-based UUID); older versions gave tombstones
    random or time-ordered ids, which prove nothing."""
    try:
        return uuid.UUID(tombstone_id).version == 5
    except (ValueError, AttributeError, TypeError):
        return False


def meeting_of(table: str, row: dict[str, Any]) -> str | None:
    """The meeting whose sections go into a row's `deletion_id`: a meeting's own, an item's
    meeting, none for a person."""
    if table == "meetings":
        return str(row["id"])
    column = PROVEN_BY_MEETING.get(table)
    return row.get(column) if column else None


@dataclass(frozen=True)
class DoomedMeeting:
    """A meeting about to be deleted, as a person recognises it in the list they are asked about."""

    id: str
    when: str
    """The stored UTC stamp it started (or, never started, was planned or made)."""
    partnership: str
    title: str


DOOMED_MEETINGS = """
    SELECT m.id, coalesce(m.started_at, m.planned_start, m.created_at) AS at, p.name AS partnership, m.title
    FROM {schema}meetings m JOIN {schema}partnerships p ON p.id = m.partnership_id
    WHERE m.id IN ({ids}) ORDER BY at, m.id
"""
"""The meetings in `ids` (a subquery) as `DoomedMeeting`s, oldest first."""


def doomed_meetings(rows: Iterable[Any]) -> tuple[DoomedMeeting, ...]:
    return tuple(DoomedMeeting(row[0], row[1], row[2], row[3]) for row in rows)


@dataclass(frozen=True)
class PurgePlan:
    """What deleting some meetings takes with it, counted before anything is deleted."""

    meeting_ids: tuple[str, ...]
    counts: dict[str, int]
    """Rows per kind: meetings, attendance, jargon mentions, elephants, turning points, agreements,
    actions, notes, and people who would then have no meeting left."""
    still_open: dict[str, int]
    """Open elephants and actions among them: the ones a lead may want to keep."""
    in_progress: tuple[str, ...] = ()
    """The titles of meetings among them that are in progress, which cannot be deleted (end them first)."""
    meetings: tuple[DoomedMeeting, ...] = ()
    """Each of them, oldest first, so that the person asked to confirm sees which."""

    @property
    def empty(self) -> bool:
        return not self.meeting_ids


CAPTURED_IN = {
    "elephants": "raised_meeting_id",
    "turning_points": "meeting_id",
    "agreements": "meeting_id",
    "actions": "meeting_id",
    "notes": "meeting_id",
}
"""Items that belong to the meeting they were captured in and go when it goes (the schema
keeps them, unlinked, when a meeting row alone is deleted; retention must not)."""

PROVEN_BY_MEETING = {**CAPTURED_IN, "jargon_meanings": "meeting_id", "attendance": "meeting_id"}
"""Rows whose `deletion_id` holds the sections of a meeting: what was captured in it, and a meaning
given in it (a meaning stays when its meeting is purged; one given between meetings is proved by
its id and time alone, as a person is)."""

DELETABLE = frozenset({"meetings", "people", "jargon_meanings", "attendance", *CAPTURED_IN})
"""What meetingkit deletes, and so what a tombstone from another site may name: meetings (purge),
people whose only meetings went with them, someone taken off a meeting's list by mistake
(`Meetings.remove_attendee`), what was captured in a meeting (with it, or a
note on its own) and a meaning deleted from the glossary. A tombstone naming anything else (a
partnership, a glossary term) is refused."""


GONE_HISTORY = """
    SELECT t.table_name, t.row_id FROM {schema}tombstones t
    WHERE NOT EXISTS (SELECT 1 FROM {changes} d
                      WHERE d.table_name = t.table_name AND d.row_id = t.row_id AND d.kind = 'deleted')
    UNION
    SELECT d.table_name, d.row_id FROM {changes} d, json_each(d.fields) f
    WHERE d.kind = 'deleted' AND json_extract(f.value, '$[0]') IN ('meeting_id', 'raised_meeting_id')
      AND json_extract(f.value, '$[1]') IN (SELECT row_id FROM {schema}tombstones WHERE table_name = 'meetings')
"""
"""(table, row) of what is gone for good, whose history (`changes`) is forgotten: a row deleted with its
meeting (a purge, here or merged from another site), or deleted before that meeting was. A row deleted on
its own, whose deletion was kept in its history (a `deleted` change holding the row as it was, for an
undo), keeps its history while its meeting stays. `{changes}`: the history this is read from (a merge
reads both files'). One rule for the purge and the merge, so both sites forget the same."""

FORGET_GONE_HISTORY = "DELETE FROM {schema}changes WHERE (table_name, row_id) IN (" + GONE_HISTORY + ")"
"""Forget it (`GONE_HISTORY`), reading this file's history: `.format(schema=..., changes=schema + "changes")`."""


class Retention:
    """Backups, and deleting meetings with everything captured in them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def backup_to(self, destination: Path) -> int:
        """Copy the whole file to `destination` (a new file) and check the copy; returns its meeting count."""
        return self.db.backup_to(destination)

    def purge_plan(self, *, before: str, partnership_id: str | None = None) -> PurgePlan:
        """The meetings that started (or, never started, were planned or made) before the
        stored UTC stamp `before`, and what would go with them."""
        params: dict[str, Any] = {"before": before, "partnership": partnership_id}
        where = "coalesce(m.started_at, m.planned_start, m.created_at) < :before" + (
            " AND m.partnership_id = :partnership" if partnership_id else ""
        )
        ids = tuple(row["id"] for row in self.db.rows(f"SELECT m.id FROM meetings m WHERE {where}", params))
        return self._plan(ids)

    def _plan(self, meeting_ids: tuple[str, ...]) -> PurgePlan:
        if not meeting_ids:
            return PurgePlan((), {}, {})
        count = {
            "meetings": "SELECT count(*) FROM doomed",
            "attendance": "SELECT count(*) FROM attendance WHERE meeting_id IN doomed",
            "jargon mentions": "SELECT count(*) FROM jargon_mentions WHERE meeting_id IN doomed",
            **{
                table.replace("_", " "): f"SELECT count(*) FROM {table} WHERE {column} IN doomed"
                for table, column in CAPTURED_IN.items()
            },
            "people": f"SELECT count(*) FROM ({self._LEFT_WITHOUT_MEETINGS})",
        }
        counts = {kind: self._doomed_value(sql, meeting_ids) for kind, sql in count.items()}
        still_open = {
            "elephants": self._doomed_value(
                "SELECT count(*) FROM elephants WHERE raised_meeting_id IN doomed AND status IN ('parked', 'discussing')",
                meeting_ids,
            ),
            "actions": self._doomed_value(
                "SELECT count(*) FROM actions WHERE meeting_id IN doomed AND status = 'open'", meeting_ids
            ),
        }
        in_progress = tuple(
            row["title"]
            for row in self._doomed_rows(
                "SELECT title FROM meetings WHERE id IN doomed AND status = 'running' ORDER BY started_at, id",
                meeting_ids,
            )
        )
        meetings = doomed_meetings(self._doomed_rows(DOOMED_MEETINGS.format(schema="", ids="SELECT id FROM doomed"),
                                                     meeting_ids))
        return PurgePlan(meeting_ids, counts, still_open, in_progress, meetings)

    _LEFT_WITHOUT_MEETINGS = """
        SELECT p.id FROM people p
        WHERE p.id IN (SELECT person_id FROM attendance WHERE meeting_id IN doomed)
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.person_id = p.id AND a.meeting_id NOT IN doomed)
    """
    """People whose only meetings are being deleted: their names go too."""

    _DOOMED = "WITH doomed(id) AS (SELECT value FROM json_each(:doomed)) "
    """The meetings in question, as a table named `doomed`, from a JSON list: reading only,
    so a plan can be made for a read-only file too."""

    def _doomed_rows(self, sql: str, meeting_ids: tuple[str, ...]) -> list[Any]:
        return self.db.rows(self._DOOMED + sql, {"doomed": json.dumps(meeting_ids)})

    def _doomed_value(self, sql: str, meeting_ids: tuple[str, ...]) -> Any:
        return self._doomed_rows(sql, meeting_ids)[0][0]

    def delete_meetings(
        self, meeting_ids: list[str] | tuple[str, ...], *, refuse_in_progress: bool = False
    ) -> PurgePlan:
        """Delete meetings and everything captured in them, for good; returns what went.

        Glossary terms and their meanings stay (they are the partnership's, not a
        meeting's); mentions of them in these meetings go. People whose only meetings
        these were go too, with their names.

        Args:
            refuse_in_progress: refuse if one of them is in progress, checked under the write lock
                (so a meeting started while a person was asked to confirm counts). What people ask
                for (`purge`) passes it: a meeting deleted under its facilitator and participants
                crashed their apps.

        Raises:
            MeetingInProgress: with `refuse_in_progress`, one of them is in progress; nothing is deleted.
        """
        ids = tuple(meeting_ids)

        def work() -> PurgePlan:
            plan = self._plan(ids)
            if plan.empty:
                return plan
            if refuse_in_progress and plan.in_progress:
                raise MeetingInProgress(list(plan.in_progress))
            now = self.db.now()
            doomed = {"doomed": json.dumps(ids)}
            made = {row["id"]: row["created_at"] for row in self._doomed_rows(
                "SELECT id, created_at FROM meetings WHERE id IN doomed", ids)}
            sections: dict[str, list[str]] = {meeting_id: [] for meeting_id in ids}
            for row in self._doomed_rows("SELECT meeting_id, id FROM section_runs WHERE meeting_id IN doomed", ids):
                sections[row["meeting_id"]].append(row["id"])
            people = self._doomed_rows(
                f"SELECT id, created_at FROM people WHERE id IN ({self._LEFT_WITHOUT_MEETINGS})", ids)
            doomed_people = [row["id"] for row in people]
            proofs = [deletion_id("meetings", meeting_id, made[meeting_id], sections[meeting_id]) for meeting_id in ids]
            gone: list[tuple[str, str]] = [("meetings", meeting_id) for meeting_id in ids]
            for row in people:
                gone.append(("people", row["id"]))
                proofs.append(deletion_id("people", row["id"], row["created_at"], ()))
            for table, column in CAPTURED_IN.items():
                for row in self._doomed_rows(f"SELECT id, created_at, {column} AS meeting FROM {table} "
                                             f"WHERE {column} IN doomed", ids):
                    gone.append((table, row["id"]))
                    proofs.append(deletion_id(table, row["id"], row["created_at"], sections[row["meeting"]]))
                self.db.execute(self._DOOMED + f"DELETE FROM {table} WHERE {column} IN doomed", doomed)
            # Meetings cascade to attendance, sections (notes, round turns) and jargon mentions.
            self.db.execute(self._DOOMED + "DELETE FROM meetings WHERE id IN doomed", doomed)
            self.db.executemany(
                "DELETE FROM people WHERE id = ?", [(person_id,) for person_id in doomed_people]
            )
            self.db.executemany(
                """INSERT OR IGNORE INTO tombstones (id, table_name, row_id, deleted_at, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [(proof, table, row_id, now, now, now) for (table, row_id), proof in zip(gone, proofs, strict=True)],
            )
            # Their history goes with them: the changes made in these meetings went with them (the schema
            # cascades), and so do the changes about what went, made in any meeting or between meetings.
            self.db.execute(FORGET_GONE_HISTORY.format(schema="", changes="changes"))
            return plan

        with self.db.secure_delete():
            plan = self.db.write(work)
        if not plan.empty:
            self.forget_deleted_text()
        return plan

    def forget_deleted_text(self) -> None:
        """Rewrite the search indexes and empty the write-ahead log, so no copy of deleted text is left.

        An FTS5 index keeps deleted text in old segments until they are merged; the log
        keeps old pages until a checkpoint. Both are best efforts when another process
        is reading at the same moment; the deleted rows themselves are gone either way.
        """

        def work() -> None:
            for _, table, _, _ in SEARCHED:
                self.db.execute(f"INSERT INTO search_{table} (search_{table}) VALUES ('optimize')")

        with self.db.secure_delete():
            self.db.write(work)
            self.db.checkpoint()
