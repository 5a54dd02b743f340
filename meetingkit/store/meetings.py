"""Meetings: planning one from an agenda, running its sections, who attended."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from meetingkit.core.agendas import MAX_SECTION_MINUTES, agenda_in
from meetingkit.core.clock import from_iso, to_iso
from meetingkit.core.i18n import _
from meetingkit.core.models import (
    Agenda,
    AgendaSection,
    ChangedTable,
    ChangeKind,
    Meeting,
    MeetingStatus,
    Person,
    RoundOutcome,
    SectionKind,
    SectionRun,
    WallFace,
    WorkingLanguage,
)
from meetingkit.core.numbers import amount, whole_number
from meetingkit.core.text import sanitise
from meetingkit.store.changes import Changes
from meetingkit.store.database import Database
from meetingkit.store.errors import MeetingEnded
from meetingkit.store.partnerships import Partnerships

if TYPE_CHECKING:  # its module loads when a summary is read: the console opens without it
    from meetingkit.core.records import Summary

ID_CHARACTERS = frozenset("0123456789abcdef-")
"""Every character an id (a meeting's, an elephant's: a UUID, written lower-case) can hold."""


class Meetings:
    """Meetings and their sections."""

    def __init__(self, db: Database, partnerships: Partnerships, changes: Changes) -> None:
        self.db = db
        self.partnerships = partnerships
        self.changes = changes

    def create(
        self,
        partnership_id: str,
        agenda: Agenda,
        *,
        title: str = "",
        site: str = "",
        planned_start: str | None = None,
        language: WorkingLanguage = WorkingLanguage.EN,
    ) -> Meeting:
        """Plan a meeting from an agenda, keeping a copy of the agenda as it is today.

        The copy (and one section run per section) means later edits to the
        template never change what a past meeting ran from. `language` is the one the meeting
        works in (English, French or both): the terms it names first belong to it.
        """
        language = WorkingLanguage(language)
        agenda = agenda_in(agenda, language.value)  # the template's words in the meeting's language(s)
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
            meeting = self.db.insert(
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
                    # English is the column's default: a file of schema 11 or older, made by the
                    # tests through this store, has no column to name.
                    **({} if language is WorkingLanguage.EN else {"language": language.value}),
                },
            )
            for position, section in enumerate(agenda.sections):
                self.db.insert(
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

        return self.get(self.db.write(work))

    _MEETING_SELECT = """
        SELECT m.*, p.name AS partnership_name,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) AS attendee_count
        FROM meetings m JOIN partnerships p ON p.id = m.partnership_id
    """

    def _meeting(self, row: sqlite3.Row, *, summary: bool = True) -> Meeting:
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
            current_position=row["current_position"],
            projecting=bool(row["projecting"]),
            # Absent only from a file still at schema 5 or older, which is read here only while
            # it is being made (the tests make older files through this store).
            wall=WallFace(row["wall"]) if "wall" in row.keys() else WallFace.MEETING,
            summary=_summary(row["summary"]) if summary else None,
            language=WorkingLanguage(row["language"]) if "language" in row.keys() else WorkingLanguage.EN,
        )

    def get(self, meeting_id: str) -> Meeting:
        """One meeting with its agenda snapshot."""
        rows = self.db.rows(self._MEETING_SELECT + " WHERE m.id = ?", [meeting_id])
        if not rows:
            raise KeyError(f"no meeting {meeting_id}")
        return self._meeting(rows[0])

    def recent(self, limit: int | None = 10, *, summaries: bool = True) -> list[Meeting]:
        """The latest meetings across all partnerships, newest first (`None`: all of them).

        `summaries=False`: each one's `summary` is left unread (None), for a list that shows none
        (the home screen, which then opens without reading, or importing, any summary)."""
        rows = self.db.rows(
            self._MEETING_SELECT
            + " ORDER BY coalesce(m.started_at, m.planned_start, m.created_at) DESC, m.id DESC LIMIT ?",
            [-1 if limit is None else limit],
        )
        return [self._meeting(row, summary=summaries) for row in rows]

    def find(self, reference: str) -> Meeting:
        """A meeting by its id, or by any part of it of 6 or more characters, as people copy them.

        Ids made close together share their first characters (they start with the time),
        so the end of an id, which is random, is the handiest part to type.

        Raises:
            LookupError: no meeting matches, or the part given matches several.
        """
        reference = reference.strip().lower()
        if len(reference) < 6:
            raise LookupError(_("Give at least 6 characters of the meeting id (`meetingkit meetings` lists them)."))
        strange = next((char for char in reference if char not in ID_CHARACTERS), None)
        if strange is not None:
            # Dropping it would leave a shorter part, or none, that matches ids it was never part of.
            raise LookupError(_(
                "{typed!r} is not part of a meeting id: ids hold only 0-9, a-f and hyphens "
                "(`meetingkit meetings` lists them)."
            ).format(typed=reference[:40]))
        rows = self.db.rows("SELECT id FROM meetings WHERE instr(id, ?) > 0 ORDER BY id LIMIT 3", [reference])
        if not rows:
            raise LookupError(_("No meeting id contains {typed!r} (`meetingkit meetings` lists them).").format(
                typed=reference))
        if len(rows) > 1:
            raise LookupError(_("{typed!r} is part of several meeting ids; give more of it.").format(typed=reference))
        return self.get(rows[0]["id"])

    def attend(self, meeting_id: str, person_id: str) -> None:
        """Record that a person is at a meeting (again is harmless)."""

        def work() -> None:
            self.refuse_if_ended(meeting_id)
            if not self.db.value(
                "SELECT 1 FROM attendance WHERE meeting_id = ? AND person_id = ?", [meeting_id, person_id]
            ):
                self.db.insert(
                    "attendance", {"meeting_id": meeting_id, "person_id": person_id, "arrived_at": self.db.now()}
                )

        self.db.write(work)

    def add_attendee(self, meeting_id: str, name: str | None, organisation: str | None) -> Person:
        """Add someone to a meeting (and to its partnership's people, if new); late arrivals too."""
        partnership_id = self.get(meeting_id).partnership_id
        person = self.partnerships.add_person(partnership_id, name, organisation, not_in_meeting=meeting_id)
        self.attend(meeting_id, person.id)
        return person

    def remove_attendee(self, meeting_id: str, person_id: str) -> Person:
        """Take someone off a meeting in progress (recorded at the door by mistake); returns who.

        The attendance row goes; its history keeps the whole row (a DELETED change, which travels
        through merge and which an undo brings back). The person stays one of the partnership's
        people, with whatever they said in this meeting still credited to them.

        Raises:
            MeetingEnded: the meeting has ended: who came is part of its record.
            KeyError: that person is not at this meeting.
        """

        def work() -> Person:
            self.refuse_if_ended(meeting_id)
            found = self.db.rows("SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?",
                                 [meeting_id, person_id])
            if not found:
                raise KeyError("That person is not at this meeting.")
            person = self.partnerships.person(person_id)
            row = self.changes.delete_row("attendance", found[0]["id"])
            self.changes.record(
                ChangedTable.ATTENDANCE, row["id"], ChangeKind.DELETED, partnership_id=person.partnership_id,
                meeting_id=meeting_id, fields=[(column, value, None) for column, value in row.items()],
            )
            return person

        return self.db.write(work)

    def correct_attendee(self, meeting_id: str, person_id: str, name: str | None, organisation: str | None) -> Person:
        """Correct the name or organisation of someone at a meeting (a typo at the door), for every
        meeting of the partnership, keeping what they were in the person's history (an EDITED change)."""
        name = sanitise(name or "") or None
        organisation = sanitise(organisation or "") or None
        if not name and not organisation:
            raise ValueError("Give a name, an organisation, or both.")

        def work() -> Person:
            if not self.db.rows("SELECT 1 FROM attendance WHERE meeting_id = ? AND person_id = ?",
                                [meeting_id, person_id]):
                raise KeyError("That person is not at this meeting.")
            before = self.partnerships.person(person_id)
            organisation_id = (
                self.partnerships.ensure_organisation(before.partnership_id, organisation).id if organisation else None
            )
            values = {"name": name, "organisation_id": organisation_id}
            fields = [(column, getattr(before, column), value) for column, value in values.items()
                      if getattr(before, column) != value]
            if fields:
                self.db.update("people", person_id, dict((column, value) for column, _, value in fields))
                self.changes.record(ChangedTable.PEOPLE, person_id, ChangeKind.EDITED,
                                    partnership_id=before.partnership_id, meeting_id=meeting_id, fields=fields)
            return self.partnerships.person(person_id)

        return self.db.write(work)

    def attendees(self, meeting_id: str) -> list[Person]:
        """Who is at the meeting, in the order they arrived."""
        rows = self.db.rows(
            """SELECT p.id, p.partnership_id, p.name, p.organisation_id, o.name AS organisation_name
               FROM attendance a JOIN people p ON p.id = a.person_id
               LEFT JOIN organisations o ON o.id = p.organisation_id
               WHERE a.meeting_id = ? ORDER BY a.arrived_at, a.rowid""",
            [meeting_id],
        )
        return [Person(**dict(row)) for row in rows]

    def running(self) -> list[Meeting]:
        """Meetings started and not ended, most recent first: the ones to offer to resume."""
        rows = self.db.rows(
            self._MEETING_SELECT + " WHERE m.status = 'running' ORDER BY m.started_at DESC, m.id DESC"
        )
        return [self._meeting(row) for row in rows]

    # -- running the agenda -------------------------------------------------------

    def section_runs(self, meeting_id: str) -> list[SectionRun]:
        """The meeting's sections in agenda order, with their timings and their notes' text (see `store.notes`)."""
        prompts = [section.prompts for section in self.get(meeting_id).sections]
        rows = self.db.rows("SELECT * FROM section_runs WHERE meeting_id = ? ORDER BY position", [meeting_id])
        notes: dict[str, list[str]] = {}
        for note in self.db.rows(
            "SELECT section_run_id, text FROM notes WHERE meeting_id = ? ORDER BY position, created_at, id", [meeting_id]
        ):
            notes.setdefault(note["section_run_id"], []).append(note["text"])
        return [
            SectionRun(
                id=row["id"],
                meeting_id=meeting_id,
                position=row["position"],
                title=row["title"],
                kind=SectionKind(row["kind"]),
                # A number another tool wrote as text (or out of range) is read as no time planned,
                # so the clocks and the summary can still add it up; the record says "unknown".
                planned_minutes=whole_number(row["planned_minutes"], high=MAX_SECTION_MINUTES) or 0,
                prompts=prompts[row["position"]] if row["position"] < len(prompts) else (),
                started_at=from_iso(row["started_at"]),
                ended_at=from_iso(row["ended_at"]),
                paused_at=from_iso(row["paused_at"]),
                paused_seconds=amount(row["paused_seconds"]) or 0.0,
                notes="\n".join(notes.get(row["id"], ())),
                adjusted_minutes=whole_number(row["adjusted_minutes"], high=MAX_SECTION_MINUTES),
                skipped=bool(whole_number(row["skipped"], high=1)),
            )
            for row in rows
        ]

    def refuse_if_ended(self, meeting_id: str) -> None:
        """Inside a write: stop changes to a meeting another process (or another screen) ended."""
        rows = self.db.rows("SELECT status, title FROM meetings WHERE id = ?", [meeting_id])
        if not rows:
            raise KeyError(f"no meeting {meeting_id}")
        if rows[0]["status"] == MeetingStatus.ENDED.value:
            raise MeetingEnded(rows[0]["title"])

    def capture_context(self, meeting_id: str) -> tuple[str, str | None]:
        """Inside a write: where a capture goes (the partnership, the current section run); refuses an ended meeting."""
        self.refuse_if_ended(meeting_id)
        rows = self.db.rows(
            """SELECT m.partnership_id, s.id AS section_run_id FROM meetings m
               LEFT JOIN section_runs s ON s.meeting_id = m.id AND s.position = m.current_position
               WHERE m.id = ?""",
            [meeting_id],
        )
        if not rows:
            raise KeyError(f"no meeting {meeting_id}")
        return rows[0]["partnership_id"], rows[0]["section_run_id"]

    def _section_row(self, meeting_id: str, position: int) -> Any:
        rows = self.db.rows("SELECT * FROM section_runs WHERE meeting_id = ? AND position = ?", [meeting_id, position])
        return rows[0] if rows else None

    def _leave_section(self, row: Any, now: datetime) -> None:
        """Inside a write: stop the section's clock; time away counts as paused."""
        if row is None or row["started_at"] is None:
            return
        values: dict[str, Any] = {"ended_at": to_iso(now)}
        if row["paused_at"] is None:
            values["paused_at"] = to_iso(now)
        self.db.update("section_runs", row["id"], values)

    def _enter_section(self, row: Any, now: datetime) -> None:
        """Inside a write: start the section's clock, or carry on from where it stood."""
        if row["started_at"] is None:
            self.db.update("section_runs", row["id"], {"started_at": to_iso(now), "ended_at": None, "paused_at": None})
            return
        paused = from_iso(row["paused_at"])
        away = (now - paused).total_seconds() if paused else 0.0
        self.db.update(
            "section_runs",
            row["id"],
            {"paused_at": None, "ended_at": None, "paused_seconds": row["paused_seconds"] + max(0.0, away)},
        )

    def start(self, meeting_id: str) -> Meeting:
        """Start the clock on a planned meeting and on its first section (again is harmless)."""

        def work() -> None:
            meeting = self.db.rows("SELECT status, current_position FROM meetings WHERE id = ?", [meeting_id])
            if not meeting:
                raise KeyError(f"no meeting {meeting_id}")
            if meeting[0]["status"] != MeetingStatus.PLANNED.value:
                return
            now = self.db.clock.now()
            self.db.update(
                "meetings", meeting_id, {"status": MeetingStatus.RUNNING.value, "started_at": to_iso(now)}
            )
            first = self._section_row(meeting_id, 0)
            if first is not None:
                self._enter_section(first, now)

        self.db.write(work)
        return self.get(meeting_id)

    def go_to_section(self, meeting_id: str, position: int) -> int:
        """Move the meeting to another section, keeping each section's own clock.

        Returns:
            The section now current (unchanged when `position` is outside the agenda).
        """

        def work() -> int:
            self.refuse_if_ended(meeting_id)
            current = self.db.value("SELECT current_position FROM meetings WHERE id = ?", [meeting_id])
            target = self._section_row(meeting_id, position)
            if target is None or position == current:
                return current
            now = self.db.clock.now()
            self._leave_section(self._section_row(meeting_id, current), now)
            self._enter_section(target, now)
            self.db.update("meetings", meeting_id, {"current_position": position})
            return position

        return self.db.write(work)

    def toggle_pause(self, meeting_id: str) -> bool:
        """Pause the current section's timer, or resume it.

        Returns:
            True when the timer is now paused.
        """

        def work() -> bool:
            self.refuse_if_ended(meeting_id)
            current = self.db.value("SELECT current_position FROM meetings WHERE id = ?", [meeting_id])
            row = self._section_row(meeting_id, current)
            if row is None or row["started_at"] is None:
                return False
            now = self.db.clock.now()
            if row["paused_at"] is None:
                self.db.update("section_runs", row["id"], {"paused_at": to_iso(now)})
                return True
            self._enter_section(row, now)
            return False

        return self.db.write(work)

    def steer_section(
        self, meeting_id: str, position: int, *, adjusted_minutes: int | None = None, skipped: bool | None = None
    ) -> SectionRun:
        """Give a section of a meeting in progress other minutes, or mark it skipped (or not);
        returns it as it stood before. The caller records the change (`store.changes`) in the
        same transaction: see `usecases/session.py`.

        Raises:
            KeyError: no such section in the meeting.
            MeetingEnded: the meeting has ended.
        """

        def work() -> SectionRun:
            self.refuse_if_ended(meeting_id)
            runs = self.section_runs(meeting_id)
            if not 0 <= position < len(runs):
                raise KeyError(f"no section {position + 1} in meeting {meeting_id}")
            before = runs[position]
            values: dict[str, Any] = {}
            if adjusted_minutes is not None:
                if not 1 <= adjusted_minutes <= MAX_SECTION_MINUTES:
                    raise ValueError(f"a section has between 1 and {MAX_SECTION_MINUTES} minutes")
                values["adjusted_minutes"] = adjusted_minutes
            if skipped is not None:
                values["skipped"] = int(skipped)
            if values:
                self.db.update("section_runs", before.id, values)
            return before

        return self.db.write(work)

    def set_round_turn(self, section_run_id: str, person_id: str, outcome: RoundOutcome | None) -> None:
        """Record whether someone spoke or passed in a round; `None` clears it."""

        def work() -> None:
            found = self.db.value(
                "SELECT id FROM round_turns WHERE section_run_id = ? AND person_id = ?", [section_run_id, person_id]
            )
            if outcome is None:
                if found:
                    self.db.execute("DELETE FROM round_turns WHERE id = ?", [found])
            elif found:
                self.db.update("round_turns", found, {"outcome": RoundOutcome(outcome).value})
            else:
                self.db.insert(
                    "round_turns",
                    {"section_run_id": section_run_id, "person_id": person_id, "outcome": RoundOutcome(outcome).value},
                )

        self.db.write(work)

    def round_turns(self, section_run_id: str) -> dict[str, RoundOutcome]:
        """Who has spoken or passed so far in a round, by person id."""
        rows = self.db.rows("SELECT person_id, outcome FROM round_turns WHERE section_run_id = ?", [section_run_id])
        return {row["person_id"]: RoundOutcome(row["outcome"]) for row in rows}

    def end(self, meeting_id: str, summary: Summary | None = None) -> Meeting:
        """Close the current section and the meeting, saving the summary with it (again is harmless)."""
        encoded = _encoded(summary) if summary is not None else None

        def work() -> None:
            meeting = self.db.rows("SELECT status, current_position FROM meetings WHERE id = ?", [meeting_id])
            if not meeting:
                raise KeyError(f"no meeting {meeting_id}")
            if meeting[0]["status"] == MeetingStatus.ENDED.value:
                return
            now = self.db.clock.now()
            self._leave_section(self._section_row(meeting_id, meeting[0]["current_position"]), now)
            values: dict[str, Any] = {"status": MeetingStatus.ENDED.value, "ended_at": to_iso(now)}
            if meeting[0]["status"] == MeetingStatus.PLANNED.value:
                values["started_at"] = to_iso(now)
            if encoded is not None:
                values["summary"] = encoded
            self.db.update("meetings", meeting_id, values)

        self.db.write(work)
        return self.get(meeting_id)

    def set_wall(self, meeting_id: str, face: WallFace) -> None:
        """What the wall shows of the meeting: the meeting, nothing (`b`), or how to join (`i`)."""
        self.db.write(lambda: self.db.update("meetings", meeting_id, {"wall": WallFace(face).value}))

    def set_projecting(self, meeting_id: str, projecting: bool) -> None:
        """Remember whether the room sees projection mode, so a crash cannot bring back the facilitator view."""
        self.db.write(lambda: self.db.update("meetings", meeting_id, {"projecting": int(projecting)}))

    def save_summary(self, meeting_id: str, summary: Summary) -> None:
        """Keep the end-of-meeting summary with the meeting."""
        encoded = _encoded(summary)
        self.db.write(lambda: self.db.update("meetings", meeting_id, {"summary": encoded}))


def _encoded(summary: Summary) -> str:
    """The summary as it is kept in `meetings.summary` (the same JSON since the first release)."""
    return json.dumps(summary.as_dict(), ensure_ascii=False)


def _summary(stored: str | None) -> Summary | None:
    """A meeting's stored summary, read (`core.records` is imported with the first one)."""
    if not stored:
        return None
    from meetingkit.core.records import Summary

    return Summary.from_json(json.loads(stored))
