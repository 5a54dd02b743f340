"""`Store`: typed methods over one meetingkit database file.

Every write runs inside `BEGIN IMMEDIATE`, so a read-then-write (is this term
already on the board?) takes the write lock before it reads and no other process
can slip in between; sqlite-utils' own `atomic()` starts a plain `BEGIN`, which
under several writers fails with "database is locked" instead of waiting. A
write method returns only after its COMMIT, so when a screen says "saved", it is.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from meetingkit.core.clock import Clock, from_iso, to_iso
from meetingkit.core.ids import new_id
from meetingkit.core.models import (
    Agenda,
    AgendaSection,
    Attribution,
    Meeting,
    MeetingStatus,
    Organisation,
    Partnership,
    Person,
    SectionKind,
)
from meetingkit.core.text import jargon_key, sanitise
from meetingkit.store.connection import examine, open_connection
from meetingkit.store.errors import DatabaseDamaged, DatabaseTooNew, ReadOnlyDatabase, StoreBusy
from meetingkit.store.schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS

T = TypeVar("T")

WRITE_PATIENCE_SECONDS = 10.0
"""How long a write keeps retrying a locked database before it gives up and says so."""


def _is_busy(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message


class Store:
    """One open database, and everything meetingkit reads from it or writes to it."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        """The database file."""
        self.read_only = read_only
        """True when the file or its folder cannot be written: review only."""
        self.clock = clock or Clock()
        self._connection = connection
        self._db = sqlite_utils.Database(connection, execute_plugins=False)
        self._lock = threading.RLock()
        self._seen_data_version = self.data_version()

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None, create_folder: bool = False) -> Store:
        """Open (creating if needed) and migrate a database file.

        Raises:
            DatabaseUnusable: the file is not a meetingkit database, is damaged, is from
                a newer version, or cannot be created. Its bytes are left as they were.
        """
        facts = examine(path, create_folder=create_folder)
        if not facts.writable and (facts.is_new or facts.version < LATEST_VERSION):
            raise ReadOnlyDatabase(path)
        connection = open_connection(path, read_only=not facts.writable)
        store = cls(connection, path, clock=clock, read_only=not facts.writable)
        if facts.writable:
            try:
                store.migrate(check_first=not facts.is_new and facts.version < LATEST_VERSION)
            except BaseException:
                store.close()
                raise
        return store

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        with self._lock:
            self._connection.close()

    # -- transactions ---------------------------------------------------------

    def _write(self, work: Callable[[], T]) -> T:
        """Run `work` in one `BEGIN IMMEDIATE` transaction, retrying while others hold the lock.

        Raises:
            ReadOnlyDatabase: the store was opened for reading only.
            StoreBusy: the lock stayed taken for `WRITE_PATIENCE_SECONDS`.
        """
        if self.read_only:
            raise ReadOnlyDatabase(self.path)
        started = time.monotonic()
        delay = 0.01
        with self._lock:
            while True:
                try:
                    self._connection.execute("BEGIN IMMEDIATE")
                    try:
                        result = work()
                        self._connection.execute("COMMIT")
                    except BaseException:
                        if self._connection.in_transaction:
                            self._connection.execute("ROLLBACK")
                        raise
                    return result
                except sqlite3.OperationalError as error:
                    waited = time.monotonic() - started
                    if not _is_busy(error):
                        raise
                    if waited >= WRITE_PATIENCE_SECONDS:
                        raise StoreBusy(self.path, waited) from None
                    # SQLite's busy handler already waited; back off a little more,
                    # with jitter so that waiting writers do not retry in lockstep.
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 0.5)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._connection.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, tuple(params)).fetchall()

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else None

    def _now(self) -> str:
        return to_iso(self.clock.now())

    def _insert(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """Insert a row with a fresh id and timestamps; call inside `_write`."""
        now = self._now()
        full = {"id": new_id(), **row, "created_at": now, "updated_at": now}
        self._db.table(table).insert(full)
        return full

    # -- schema ---------------------------------------------------------------

    def schema_version(self) -> int:
        """The migration the file is at."""
        return self._value("PRAGMA user_version")

    def migrate(self, *, check_first: bool = False) -> list[int]:
        """Bring the file to the latest schema; safe to run twice or from many processes.

        Args:
            check_first: Run `PRAGMA quick_check` before changing an existing file.

        Returns:
            The versions applied by this call (empty when another process, or an
            earlier run, had already done it).
        """
        if check_first:
            problem = self._value("PRAGMA quick_check")
            if problem != "ok":
                raise DatabaseDamaged(
                    self.path, f"is damaged (SQLite says: {problem})", "Restore it from a backup; meetingkit has not changed it"
                )

        def work() -> list[int]:
            version = self.schema_version()
            if version > LATEST_VERSION:
                raise DatabaseTooNew(
                    self.path,
                    f"was upgraded by a newer meetingkit (schema version {version})",
                    "Upgrade meetingkit to open it",
                )
            applied = []
            for migration in MIGRATIONS[version:]:
                for statement in migration.statements():
                    self._connection.execute(statement)
                self._connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, self._now()),
                )
                applied.append(migration.version)
            if applied:
                self._connection.execute(f"PRAGMA user_version = {LATEST_VERSION}")
                self._connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            return applied

        return self._write(work)

    # -- noticing other processes ---------------------------------------------

    def data_version(self) -> int:
        """SQLite's counter that moves when *another* connection commits to the file."""
        return self._value("PRAGMA data_version")

    def changed_elsewhere(self) -> bool:
        """True once after another process has committed since the last call; cheap to poll."""
        current = self.data_version()
        changed = current != self._seen_data_version
        self._seen_data_version = current
        return changed

    # -- partnerships, organisations, people ----------------------------------

    def ensure_partnership(self, name: str, description: str = "") -> Partnership:
        """The partnership with this name (any case), created if it is new."""
        name = sanitise(name)
        if not name:
            raise ValueError("A partnership needs a name.")
        description = sanitise(description, multiline=True)

        def work() -> str:
            found = self._value("SELECT id FROM partnerships WHERE name = ? COLLATE NOCASE", [name])
            if found:
                return found
            return self._insert("partnerships", {"name": name, "description": description})["id"]

        return self.partnership(self._write(work))

    def partnership(self, partnership_id: str) -> Partnership:
        """One partnership with its meeting count and what is still open."""
        rows = self._partnership_rows("WHERE p.id = ?", [partnership_id])
        if not rows:
            raise KeyError(f"no partnership {partnership_id}")
        return rows[0]

    def partnerships(self) -> list[Partnership]:
        """Every partnership, the most recently active first."""
        return self._partnership_rows("", [])

    def _partnership_rows(self, where: str, params: list[Any]) -> list[Partnership]:
        rows = self._rows(
            f"""
            SELECT p.id, p.name, p.description, p.created_at,
                (SELECT count(*) FROM meetings m WHERE m.partnership_id = p.id) AS meeting_count,
                (SELECT max(coalesce(m.started_at, m.created_at)) FROM meetings m
                    WHERE m.partnership_id = p.id) AS last_met,
                (SELECT count(*) FROM elephants e WHERE e.partnership_id = p.id
                    AND e.status IN ('parked', 'discussing')) AS open_elephants,
                (SELECT count(*) FROM actions a WHERE a.partnership_id = p.id
                    AND a.status = 'open') AS open_actions
            FROM partnerships p {where}
            ORDER BY coalesce(last_met, p.created_at) DESC, p.name COLLATE NOCASE
            """,
            params,
        )
        return [
            Partnership(
                id=row["id"],
                name=row["name"],
                description=row["description"],
                created_at=from_iso(row["created_at"]),
                meeting_count=row["meeting_count"],
                last_met=from_iso(row["last_met"]),
                open_elephants=row["open_elephants"],
                open_actions=row["open_actions"],
            )
            for row in rows
        ]

    def _ensure_organisation_id(self, partnership_id: str, name: str) -> str:
        """Inside a write: the organisation's id, adding it to the partnership if new."""
        found = self._value(
            "SELECT id FROM organisations WHERE partnership_id = ? AND name = ? COLLATE NOCASE",
            [partnership_id, name],
        )
        if found:
            return found
        return self._insert("organisations", {"partnership_id": partnership_id, "name": name})["id"]

    def ensure_organisation(self, partnership_id: str, name: str) -> Organisation:
        """The partnership's organisation of this name (any case), remembered if new."""
        name = sanitise(name)
        if not name:
            raise ValueError("An organisation needs a name.")
        organisation_id = self._write(lambda: self._ensure_organisation_id(partnership_id, name))
        row = self._rows("SELECT name FROM organisations WHERE id = ?", [organisation_id])[0]
        return Organisation(id=organisation_id, partnership_id=partnership_id, name=row["name"])

    def organisations(self, partnership_id: str) -> list[Organisation]:
        """The partnership's organisations, alphabetically."""
        rows = self._rows(
            "SELECT id, name FROM organisations WHERE partnership_id = ? ORDER BY name COLLATE NOCASE",
            [partnership_id],
        )
        return [Organisation(id=r["id"], partnership_id=partnership_id, name=r["name"]) for r in rows]

    def add_person(self, partnership_id: str, name: str | None, organisation: str | None) -> Person:
        """A person of the partnership; a named person already known is reused, not duplicated.

        Either part may be missing ("settlement worker, OCISO" or just "OCISO"), not both.
        """
        name = sanitise(name or "") or None
        organisation = sanitise(organisation or "") or None
        if not name and not organisation:
            raise ValueError("Give a name, an organisation, or both.")

        def work() -> str:
            organisation_id = (
                self._ensure_organisation_id(partnership_id, organisation) if organisation else None
            )
            if name:
                found = self._value(
                    "SELECT id FROM people WHERE partnership_id = ? AND name = ? COLLATE NOCASE "
                    "AND organisation_id IS ?",
                    [partnership_id, name, organisation_id],
                )
                if found:
                    return found
            row = {"partnership_id": partnership_id, "organisation_id": organisation_id, "name": name}
            return self._insert("people", row)["id"]

        return self.person(self._write(work))

    def person(self, person_id: str) -> Person:
        """One person, with their organisation's name."""
        row = self._rows(
            """SELECT p.id, p.partnership_id, p.name, p.organisation_id, o.name AS organisation_name
               FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?""",
            [person_id],
        )[0]
        return Person(**dict(row))

    # -- meetings ---------------------------------------------------------------

    def create_meeting(
        self,
        partnership_id: str,
        agenda: Agenda,
        *,
        title: str = "",
        site: str = "",
        planned_start: str | None = None,
    ) -> Meeting:
        """Plan a meeting from an agenda, keeping a copy of the agenda as it is today.

        The copy (and one section run per section) means later edits to the
        template never change what a past meeting ran from.
        """
        title = sanitise(title) or agenda.name
        site = sanitise(site)
        snapshot = json.dumps(
            {
                "id": agenda.id,
                "name": agenda.name,
                "meeting_type": agenda.meeting_type,
                "description": agenda.description,
                "sections": [asdict(section) for section in agenda.sections],
            },
            ensure_ascii=False,
        )

        def work() -> str:
            meeting = self._insert(
                "meetings",
                {
                    "partnership_id": partnership_id,
                    "meeting_type": agenda.meeting_type,
                    "agenda_id": agenda.id,
                    "agenda_name": agenda.name,
                    "agenda_snapshot": snapshot,
                    "title": title,
                    "site": site,
                    "planned_start": planned_start,
                    "status": MeetingStatus.PLANNED.value,
                },
            )
            for position, section in enumerate(agenda.sections):
                self._insert(
                    "section_runs",
                    {
                        "meeting_id": meeting["id"],
                        "position": position,
                        "title": section.title,
                        "kind": section.kind.value,
                        "planned_minutes": section.minutes,
                    },
                )
            return meeting["id"]

        return self.meeting(self._write(work))

    _MEETING_SELECT = """
        SELECT m.*, p.name AS partnership_name,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS attendee_count
        FROM meetings m JOIN partnerships p ON p.id = m.partnership_id
    """

    def _meeting(self, row: sqlite3.Row) -> Meeting:
        snapshot = json.loads(row["agenda_snapshot"] or "{}")
        sections = tuple(
            AgendaSection(
                title=s["title"], minutes=s["minutes"], kind=SectionKind(s["kind"]), prompts=tuple(s["prompts"])
            )
            for s in snapshot.get("sections", [])
        )
        return Meeting(
            id=row["id"],
            partnership_id=row["partnership_id"],
            meeting_type=row["meeting_type"],
            title=row["title"],
            status=MeetingStatus(row["status"]),
            agenda_id=row["agenda_id"],
            agenda_name=row["agenda_name"],
            site=row["site"],
            planned_start=from_iso(row["planned_start"]),
            started_at=from_iso(row["started_at"]),
            ended_at=from_iso(row["ended_at"]),
            created_at=from_iso(row["created_at"]),
            partnership_name=row["partnership_name"],
            attendee_count=row["attendee_count"],
            sections=sections,
        )

    def meeting(self, meeting_id: str) -> Meeting:
        """One meeting with its agenda snapshot."""
        rows = self._rows(self._MEETING_SELECT + " WHERE m.id = ?", [meeting_id])
        if not rows:
            raise KeyError(f"no meeting {meeting_id}")
        return self._meeting(rows[0])

    def recent_meetings(self, limit: int = 10) -> list[Meeting]:
        """The latest meetings across all partnerships, newest first."""
        rows = self._rows(
            self._MEETING_SELECT + " ORDER BY coalesce(m.started_at, m.planned_start, m.created_at) DESC LIMIT ?",
            [limit],
        )
        return [self._meeting(row) for row in rows]

    def attend(self, meeting_id: str, person_id: str) -> None:
        """Record that a person is at a meeting (again is harmless)."""

        def work() -> None:
            if not self._value(
                "SELECT 1 FROM attendance WHERE meeting_id = ? AND person_id = ?", [meeting_id, person_id]
            ):
                self._insert(
                    "attendance", {"meeting_id": meeting_id, "person_id": person_id, "arrived_at": self._now()}
                )

        self._write(work)

    # -- captures ---------------------------------------------------------------

    def mention_jargon(
        self,
        meeting_id: str,
        term: str,
        *,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
        confidential: bool = False,
        section_run_id: str | None = None,
    ) -> tuple[str, int]:
        """Put a term on the Name the Jargon board, or add one to its tally if it is there.

        Returns:
            The term's id and how many times it has been raised in this meeting.
        """
        display = sanitise(term)
        key = jargon_key(display)
        if not key:
            raise ValueError("Type the term to add it to the board.")
        credit = _credit(attribution, person_id, organisation_id)

        def work() -> tuple[str, int]:
            partnership_id = self._value("SELECT partnership_id FROM meetings WHERE id = ?", [meeting_id])
            if partnership_id is None:
                raise KeyError(f"no meeting {meeting_id}")
            term_id = self._value(
                "SELECT id FROM jargon_terms WHERE partnership_id = ? AND key = ?", [partnership_id, key]
            )
            if term_id is None:
                term_id = self._insert(
                    "jargon_terms",
                    {"partnership_id": partnership_id, "key": key, "display": display, "confidential": int(confidential)},
                )["id"]
            self._insert(
                "jargon_mentions",
                {
                    "term_id": term_id,
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id,
                    "mentioned_at": self._now(),
                    "confidential": int(confidential),
                    **credit,
                },
            )
            tally = self._value(
                "SELECT count(*) FROM jargon_mentions WHERE term_id = ? AND meeting_id = ?", [term_id, meeting_id]
            )
            return term_id, tally

        return self._write(work)

    def jargon_tallies(self, meeting_id: str) -> list[tuple[str, int]]:
        """This meeting's terms with how often each was raised, most-raised first."""
        rows = self._rows(
            """SELECT t.display, count(*) AS tally FROM jargon_mentions m
               JOIN jargon_terms t ON t.id = m.term_id WHERE m.meeting_id = ?
               GROUP BY t.id ORDER BY tally DESC, t.display COLLATE NOCASE""",
            [meeting_id],
        )
        return [(row["display"], row["tally"]) for row in rows]


def _credit(attribution: Attribution, person_id: str | None, organisation_id: str | None) -> dict[str, Any]:
    """The attribution columns for a capture. Anonymous keeps nobody, not even a hidden id."""
    attribution = Attribution(attribution)
    if attribution is Attribution.ANONYMOUS:
        return {"attribution": attribution.value, "person_id": None, "organisation_id": None}
    if attribution is Attribution.ORGANISATION:
        if not organisation_id:
            raise ValueError("Say which organisation, or make it anonymous.")
        return {"attribution": attribution.value, "person_id": None, "organisation_id": organisation_id}
    if not person_id:
        raise ValueError("Say who, or make it anonymous.")
    return {"attribution": attribution.value, "person_id": person_id, "organisation_id": organisation_id}
