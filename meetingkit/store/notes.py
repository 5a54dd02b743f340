"""Notes: each one an item of its own, in a section, with its place, attribution and confidential flag.

The facilitator's notes editor shows a section's notes one per line and saves the whole
text; `save_editor` turns that text back into rows, keeping the notes a scribe added from
a second terminal (`meetingkit capture note`) while the editor was open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.i18n import _
from meetingkit.core.models import Attribution, ChangedTable, ChangeKind, Note
from meetingkit.core.text import sanitise
from meetingkit.store.changes import Changes
from meetingkit.store.credit import SAID_BY, SAID_BY_JOINS, credit_columns
from meetingkit.store.database import Database
from meetingkit.store.meetings import Meetings


def _lines(text: str) -> list[str]:
    """The lines of a note or of the editor's text that hold something (blank lines only space them)."""
    return [line for line in text.split("\n") if line.strip()]


def _units(lines: list[str], multiline: set[str]) -> list[str]:
    """The editor's lines grouped into notes: a note of several lines (from the command line)
    stays one note while its lines are unchanged and together; every other line is a note."""
    units, i = [], 0
    spans = sorted(((text, text.split("\n")) for text in multiline), key=lambda pair: -len(pair[1]))
    while i < len(lines):
        for text, parts in spans:
            if lines[i:i + len(parts)] == parts:
                units.append(text)
                i += len(parts)
                break
        else:
            units.append(lines[i])
            i += 1
    return units


class Notes:
    """A meeting's notes, section by section."""

    def __init__(self, db: Database, meetings: Meetings, changes: Changes) -> None:
        self.db = db
        self.meetings = meetings
        self.changes = changes

    _SELECT = f"""SELECT n.*, {SAID_BY.format(row="n")} AS said_by FROM notes n
        {SAID_BY_JOINS.format(row="n")}"""

    def _rows(self, where: str, params: Sequence[Any]) -> list[Any]:
        return self.db.rows(
            f"{self._SELECT} LEFT JOIN section_runs s ON s.id = n.section_run_id {where}"
            " ORDER BY s.position, n.position, n.created_at, n.id",
            list(params),
        )

    @staticmethod
    def _note(row: Any) -> Note:
        attribution = Attribution(row["attribution"])
        return Note(
            id=row["id"], meeting_id=row["meeting_id"], section_run_id=row["section_run_id"],
            position=row["position"], text=row["text"], confidential=bool(row["confidential"]),
            attribution=attribution, said_by=None if attribution is Attribution.ANONYMOUS else row["said_by"],
            created_at=from_iso(row["created_at"]), updated_at=from_iso(row["updated_at"]),
        )

    # -- reading -------------------------------------------------------------------------

    def section_notes(self, section_run_id: str) -> list[Note]:
        """A section's notes in order, confidential ones included (with their flag)."""
        return [self._note(row) for row in self._rows("WHERE n.section_run_id = ?", [section_run_id])]

    def meeting_notes(self, meeting_id: str) -> list[Note]:
        """A meeting's notes, section by section, each in order, confidential ones included."""
        return [self._note(row) for row in self._rows("WHERE n.meeting_id = ?", [meeting_id])]

    def get(self, note_id: str) -> Note:
        """One note."""
        rows = self._rows("WHERE n.id = ?", [note_id])
        if not rows:
            raise KeyError(f"no note {note_id}")
        return self._note(rows[0])

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        meeting_id: str,
        text: str,
        *,
        confidential: bool = False,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
    ) -> str:
        """Add a note at the end of the current section's notes (a scribe's `capture note`); returns its id."""
        cleaned = "\n".join(_lines(sanitise(text, multiline=True)))
        if not cleaned:
            raise ValueError(_("The note is empty."))
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> str:
            _meeting, section_run_id = self.meetings.capture_context(meeting_id)
            return self._insert(meeting_id, section_run_id, cleaned, self._next_position(section_run_id),
                                confidential=confidential, credit=credit)

        return self.db.write(work)

    def _next_position(self, section_run_id: str | None) -> int:
        return int(self.db.value(
            "SELECT coalesce(max(position) + 1, 0) FROM notes WHERE section_run_id IS ?", [section_run_id]
        ))

    def _insert(
        self, meeting_id: str, section_run_id: str | None, text: str, position: int, *,
        confidential: bool = False, credit: dict[str, Any] | None = None,
    ) -> str:
        row = {
            "meeting_id": meeting_id, "section_run_id": section_run_id, "position": position, "text": text,
            "confidential": int(confidential),
            **(credit or credit_columns(Attribution.ANONYMOUS, None, None)),
        }
        return str(self.db.insert("notes", row)["id"])

    def edit(self, note_id: str, text: str) -> None:
        """Change a note's words (its `updated_at` says when; a merge keeps the later change)."""
        cleaned = "\n".join(_lines(sanitise(text, multiline=True)))
        if not cleaned:
            raise ValueError(_("The note is empty; delete it instead."))
        self.db.write(lambda: self._edit(self.get(note_id), cleaned))

    def _edit(self, note: Note, text: str, position: int | None = None, *, typing: bool = False) -> None:
        """Inside a write: change a note's words (and place), keeping what they were in its history.
        `typing`: the editor's save as one types; edits of the same note one after another are one
        change (`Changes.amend_last_edit`)."""
        values: dict[str, Any] = {"text": text}
        if position is not None and position != note.position:
            values["position"] = position
        self.db.update("notes", note.id, values)
        if text == note.text:
            return
        anonymous = note.attribution is Attribution.ANONYMOUS
        if not (typing and self.changes.amend_last_edit(ChangedTable.NOTES, note.id, "text", text, anonymous=anonymous)):
            self._record(note, ChangeKind.EDITED, [("text", note.text, text)])

    def _record(self, note: Note, kind: ChangeKind, fields: list[tuple[str, Any, Any]]) -> None:
        self.changes.record(
            ChangedTable.NOTES, note.id, kind,
            partnership_id=self.db.value("SELECT partnership_id FROM meetings WHERE id = ?", [note.meeting_id]),
            meeting_id=note.meeting_id, fields=fields, confidential=note.confidential,
            anonymous=note.attribution is Attribution.ANONYMOUS,
        )

    def set_confidential(self, note_id: str, confidential: bool) -> None:
        """Mark one note confidential (left out of exports and search unless asked for), or open again."""
        self.db.write(lambda: self.db.update("notes", self.get(note_id).id, {"confidential": int(confidential)}))

    def delete(self, note_id: str) -> None:
        """Delete a note for good, leaving a tombstone so a merge does not bring it back."""
        self.db.write(lambda: self._delete(self.get(note_id)))

    def _delete(self, note: Note) -> None:
        """Inside a write: delete the note and leave its tombstone (no content, a time no finer than the
        note's; its id the proof that this file held the note, `retention.deletion_id`); its history
        keeps the whole row (a DELETED change), so an undo can bring it back."""
        row = self.changes.delete_row("notes", note.id)
        self._record(note, ChangeKind.DELETED, [(column, value, None) for column, value in row.items()])

    # -- the facilitator's notes editor ---------------------------------------------------

    def section_text(self, section_run_id: str) -> str:
        """A section's notes as the editor shows them: one note after another, a line each."""
        return "\n".join(note.text for note in self.section_notes(section_run_id))

    def save_editor(
        self, section_run_id: str, text: str, *, based_on: str | None = None, confidential: bool = False
    ) -> str:
        """Save the notes editor's text for a section as note rows, keeping notes another process added meanwhile.

        Each line that holds something is a note (a note of several lines from the command
        line stays one while its lines stay together). The editor's text is compared with the
        notes it started from: an unchanged line keeps its note, a changed line changes its
        note's words (keeping its id, its attribution and its confidential flag), a removed
        line deletes its note, a new line is a new note (`confidential` for every new one).

        Args:
            text: What is in the editor now.
            based_on: What the editor started from. Notes that are stored but were not there
                when the editor loaded (a scribe's `capture note`) are kept, after the editor's,
                instead of being overwritten. None: the editor's text replaces every note.

        Returns:
            The notes as the editor should now show them: its own text, then any added lines.
        """
        cleaned = sanitise(text, multiline=True)

        def work() -> str:
            meeting_id = self.db.value("SELECT meeting_id FROM section_runs WHERE id = ?", [section_run_id])
            if meeting_id is None:
                raise KeyError(f"no section run {section_run_id}")
            rows = self.section_notes(section_run_id)
            known, added = rows, []
            if based_on is not None:
                # Lines counted with their repeats: a scribe's second "Agreed." is a note of its
                # own, and treating it as already known dropped an acknowledged capture.
                before = Counter(based_on.split("\n"))
                known = []
                for note in rows:
                    need = Counter(note.text.split("\n"))
                    if all(before[line] >= count for line, count in need.items()):
                        before.subtract(need)
                        known.append(note)
                    else:
                        added.append(note)
            units = _units(_lines(cleaned), {note.text for note in known if "\n" in note.text})
            matcher = SequenceMatcher(None, [note.text for note in known], units, autojunk=False)
            order: list[Note | str] = []  # the section's notes in their new order; a str is a new one
            changed: dict[str, str] = {}
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                old, new = known[i1:i2], units[j1:j2]
                if tag == "equal":
                    order += old
                    continue
                for note, words in zip(old, new, strict=False):
                    changed[note.id] = words
                    order.append(note)
                for note in old[len(new):]:
                    self._delete(note)
                order += new[len(old):]
            order += added
            for position, item in enumerate(order):
                if isinstance(item, str):
                    self._insert(meeting_id, section_run_id, item, position, confidential=confidential)
                    continue
                if item.id in changed:
                    self._edit(item, changed[item.id], position, typing=True)
                elif item.position != position:
                    self.db.update("notes", item.id, {"position": position})
            added_lines = [line for note in added for line in note.text.split("\n")]
            return "\n".join([cleaned, *added_lines]) if cleaned else "\n".join(added_lines)

        return self.db.write(work)

    def toggle_confidential_at(self, section_run_id: str, line: int) -> Note | None:
        """Mark the note on a line of the editor confidential, or open again; the note as it now is.

        Args:
            line: Which line, counting only the lines that hold something, from 0 (the
                editor's text as `save_editor` last stored it).

        Returns:
            The note with its new flag; None when no note is on that line.
        """

        def work() -> Note | None:
            seen = 0
            for note in self.section_notes(section_run_id):
                seen += len(note.text.split("\n"))
                if line < seen:
                    self.db.update("notes", note.id, {"confidential": int(not note.confidential)})
                    return self.get(note.id)
            return None

        return self.db.write(work)
