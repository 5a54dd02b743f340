"""The history of corrections and decisions: one `changes` row for each edit, deletion,
review, rename, merge of two names or steering of a section's time.

Every repository that corrects a row writes its change here inside the same transaction, so
the row and its history never disagree. The rows merge between sites as rows of their own
(an edit travels as the row's new version; its history travels beside it), and a meeting's
changes go with the meeting when it is purged (`ON DELETE CASCADE`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from meetingkit.core.clock import from_iso, to_the_minute
from meetingkit.core.i18n import _
from meetingkit.core.models import Attribution, Change, ChangedTable, ChangeKind
from meetingkit.store.database import ATTRIBUTED_TABLES, Database
from meetingkit.store.retention import DELETABLE, deletion_id, meeting_of

UNDOES = "undone_change_id"
"""The pseudo-field of an UNDONE change naming the change it undid (`[UNDOES, None, change id]`)."""
RESTORED_AS = "restored_as_id"
"""The pseudo-field of an UNDONE deletion naming the row that came back (`[RESTORED_AS, None, new id]`)."""
RESTORED_FROM = "restored_from_id"
"""The pseudo-field of a RESTORED change naming the deleted row it brings back (`[RESTORED_FROM, None, old id]`)."""
SUCCESSOR = "successor_id"
"""The pseudo-field of a REVISED change naming the row the revise made (`[SUCCESSOR, None, new id]`)."""
ELEPHANT_EVENT = "elephant_event_id"
"""The pseudo-field of an elephant's move or note correction naming the history entry it added."""

NOT_UNDONE_HERE = frozenset({ChangeKind.MERGED, ChangeKind.ALIASED, ChangeKind.UNDONE, ChangeKind.RESTORED})
"""Kinds `revert` refuses: joining two names is undone by renaming or splitting by hand, and an
undo (or the restoring half of one) is not undone again (make the change again instead)."""

_BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})

_WORDS = {
    "organisations": "name", "people": "name", "jargon_terms": "display", "jargon_meanings": "meaning",
    "turning_points": "note", "section_runs": "title",
}
"""The column that holds an item's words, where it is not `text`."""


class UndoRefused(ValueError):
    """A change that cannot be undone (changed again since, gone, or a merge of two names).

    The message never quotes the item, which may be confidential and the console projected."""


def _same(stored: Any, recorded: Any) -> bool:
    """Whether a stored value is the one a change recorded (JSON keeps booleans as true/false)."""
    if isinstance(recorded, bool):
        recorded = int(recorded)
    return bool(stored == recorded)


def _instant(stamp: str) -> datetime:
    instant = from_iso(stamp)
    if instant is None:
        raise ValueError("a change without its time")
    return instant


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(column, was, became) for each column of `after` whose value differs from `before`'s."""
    return [(column, before.get(column), value) for column, value in after.items() if before.get(column) != value]


class Changes:
    """What was corrected or decided, row by row."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._recorded: list[str] = []
        """The ids of the changes this open Store recorded, in order (what `last_undoable` looks through)."""
        self._undone: set[str] = set()

    def record(
        self,
        table: ChangedTable | str,
        row_id: str,
        kind: ChangeKind,
        *,
        partnership_id: str,
        fields: Iterable[tuple[str, Any, Any]] = (),
        meeting_id: str | None = None,
        note: str = "",
        confidential: bool = False,
        anonymous: bool = False,
    ) -> Change:
        """Keep one change; call inside the transaction that made it.

        A change to an anonymous capture is numbered and timed as the capture was
        (`Database.insert`'s `anonymous`), so its history does not say who just spoke.
        """
        kept = [[column, was, became] for column, was, became in fields]
        with self.db.transaction():
            row = self.db.insert("changes", {
                "partnership_id": partnership_id,
                "table_name": str(ChangedTable(table)),
                "row_id": row_id,
                "meeting_id": meeting_id,
                "kind": str(kind),
                "fields": json.dumps(kept, ensure_ascii=False),
                "note": note,
                "changed_at": self.db.now(),
                "confidential": int(confidential),
            }, anonymous=anonymous)
        if kind not in (ChangeKind.UNDONE, ChangeKind.RESTORED):
            self._recorded.append(row["id"])
        return Change(
            id=row["id"], table=ChangedTable(table), row_id=row_id, kind=kind, at=_instant(row["changed_at"]),
            meeting_id=meeting_id, fields=tuple((c, w, b) for c, w, b in kept), note=note,
            confidential=confidential,
        )

    _SELECT = """SELECT c.*, m.title AS meeting_title FROM changes c
        LEFT JOIN meetings m ON m.id = c.meeting_id"""

    def history(self, table: ChangedTable | str, row_id: str) -> list[Change]:
        """A row's changes, oldest first."""
        return [self._change(row) for row in self.db.rows(
            f"{self._SELECT} WHERE c.table_name = ? AND c.row_id = ? ORDER BY c.changed_at, c.rowid",
            [str(ChangedTable(table)), row_id],
        )]

    def change(self, change_id: str) -> Change:
        """One change by its id."""
        rows = self.db.rows(f"{self._SELECT} WHERE c.id = ?", [change_id])
        if not rows:
            raise KeyError(change_id)
        return self._change(rows[0])

    @staticmethod
    def _change(row: Any) -> Change:
        return Change(
            id=row["id"], table=ChangedTable(row["table_name"]), row_id=row["row_id"], kind=ChangeKind(row["kind"]),
            at=_instant(row["changed_at"]), meeting_id=row["meeting_id"],
            fields=tuple((str(c), w, b) for c, w, b in json.loads(row["fields"])),
            note=row["note"], confidential=bool(row["confidential"]), meeting=row["meeting_title"],
        )

    # -- undoing ------------------------------------------------------------------------------

    def last_undoable(self) -> str | None:
        """The id of the last change this open Store recorded that is not undone yet (one rolled
        back with its transaction, or undone from elsewhere, is passed over); None when none is left."""
        while self._recorded:
            change_id = self._recorded[-1]
            if change_id not in self._undone and self._exists(change_id) and not self.undone_by(change_id):
                return change_id
            self._recorded.pop()
        return None

    def amend_last_edit(self, table: ChangedTable | str, row_id: str, column: str, after: Any, *,
                        anonymous: bool = False) -> bool:
        """Inside a write: when the last change this Store recorded is an edit of `column` alone of
        the same row, not undone, make it end at `after` instead of keeping another change; True if
        it did. The notes editor saves as one types: a sentence typed with a pause is one correction,
        undone at once, not a change per pause."""
        if not self._recorded or self._recorded[-1] in self._undone:
            return False
        last = self._recorded[-1]
        found = self.db.rows("SELECT table_name, row_id, kind, fields FROM changes WHERE id = ?", [last])
        if not found or (found[0]["table_name"], found[0]["row_id"], found[0]["kind"]) != (
            str(ChangedTable(table)), row_id, str(ChangeKind.EDITED)
        ):
            return False
        fields = json.loads(found[0]["fields"])
        if len(fields) != 1 or fields[0][0] != column or self.undone_by(last):
            return False
        self.db.update("changes", last, {"fields": json.dumps([[column, fields[0][1], after]], ensure_ascii=False)},
                       anonymous=anonymous)
        return True

    def forget(self, change_id: str) -> None:
        """Take a change off this Store's undo list (one `revert` refused: the next undo goes further back)."""
        self._undone.add(change_id)

    def _exists(self, change_id: str) -> bool:
        return bool(self.db.rows("SELECT 1 FROM changes WHERE id = ?", [change_id]))

    def undone_by(self, change_id: str) -> str | None:
        """The id of the UNDONE change that undid `change_id`, if one did."""
        found = self.db.value(
            """SELECT c.id FROM changes c, json_each(c.fields) f
               WHERE c.kind = ? AND json_extract(f.value, '$[0]') = ? AND json_extract(f.value, '$[2]') = ?
               LIMIT 1""",
            [str(ChangeKind.UNDONE), UNDOES, change_id],
        )
        return str(found) if found else None

    def words(self, change: Change) -> tuple[str, bool]:
        """The words of the item a change is about (its row's, or as the change kept them when the row
        is gone) and whether it is confidential, for a message naming it through the audience policy."""
        table = str(change.table)
        column = _WORDS.get(table, "text")
        kept = change.before()
        if table in ("attendance", "people"):
            person = change.row_id if table == "people" else kept.get("person_id")
            if person is None:
                person = self.db.value("SELECT person_id FROM attendance WHERE id = ?", [change.row_id])
            found = self.db.rows(
                """SELECT coalesce(p.name, '') AS name, coalesce(o.name, '') AS organisation FROM people p
                   LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?""", [person])
            if not found:
                return "", False
            name, organisation = found[0]["name"], found[0]["organisation"]
            return ", ".join(part for part in (name, organisation) if part), False
        columns = self._columns(table)
        if column not in columns:
            return "", change.confidential
        rows = self.db.rows(f"SELECT * FROM {table} WHERE id = ?", [change.row_id])
        if rows:
            words = rows[0][column]
            confidential = bool(rows[0]["confidential"]) if "confidential" in columns else change.confidential
        else:
            words, confidential = kept.get(column), change.confidential or bool(kept.get("confidential"))
        if (not words) and change.kind is ChangeKind.EDITED:
            words = kept.get(column) or ""
        return str(words or ""), confidential

    def _columns(self, table: str) -> set[str]:
        return {row["name"] for row in self.db.rows("SELECT name FROM pragma_table_info(?)", [table])}

    def revert(self, change_id: str, *, meeting_id: str | None = None) -> Change:
        """Undo one change, in one transaction; returns the UNDONE change that keeps what it reverted.

        - a change to columns (edited, reviewed, retired, done, dropped, renamed, reopened, a
          section's time...): the row's columns are set back to what they were, only while the row
          still holds what the change made them (else `UndoRefused`: it was changed again since);
        - a deletion: the row comes back under a new id (its tombstone may have travelled already,
          and would delete it again), with a RESTORED change naming the old id;
        - a revision: the old row is set back, and the row the revise made is deleted (with its
          tombstone) while nothing changed it since;
        - an elephant's move or note: its row is set back, and its history gets an entry moving it
          back ("undone"): the history only ever grows, so it says what happened, and where an
          elephant stands is still its last entry (`store.counting`);
        - a merge of two names (or an undo): refused (`NOT_UNDONE_HERE`).

        Args:
            meeting_id: the meeting the undo is made in (None: the one the change was made in).
        """
        with self.db.transaction():
            change = self.change(change_id)
            if change.kind in (ChangeKind.MERGED, ChangeKind.ALIASED):
                raise UndoRefused(_("Joining two names cannot be undone here; rename or split them by hand."))
            if change.kind in NOT_UNDONE_HERE:
                raise UndoRefused(_("An undo is not undone; make the change again instead."))
            if self.undone_by(change.id):
                raise UndoRefused(_("That was undone already."))
            table = str(change.table)
            columns = self._columns(table)
            partnership_id = str(self.db.value("SELECT partnership_id FROM changes WHERE id = ?", [change.id]))
            meeting_id = meeting_id if meeting_id is not None else change.meeting_id
            if meeting_id is not None and not self.db.rows("SELECT 1 FROM meetings WHERE id = ?", [meeting_id]):
                meeting_id = None
            if change.kind is ChangeKind.DELETED:
                fields = self._restore(change, columns, partnership_id, meeting_id)
            else:
                fields = self._set_back(change, columns, meeting_id)
            if table in ATTRIBUTED_TABLES:  # the row's own attribution, or as its deletion kept it
                stored = self.db.value(f"SELECT attribution FROM {table} WHERE id = ?", [change.row_id])
                anonymous = self._anonymous(table, {"attribution": stored} if stored else change.before())
            else:
                anonymous = False
            undone = self.record(
                table, change.row_id, ChangeKind.UNDONE, partnership_id=partnership_id, meeting_id=meeting_id,
                fields=[*fields, (UNDOES, None, change.id)], note=f"undid the {change.kind} change",
                confidential=change.confidential, anonymous=anonymous,
            )
        self._undone.add(change.id)
        return undone

    def _anonymous(self, table: str, values: Mapping[str, Any]) -> bool:
        return table in ATTRIBUTED_TABLES and values.get("attribution", Attribution.ANONYMOUS.value) == (
            Attribution.ANONYMOUS.value
        )

    def _set_back(self, change: Change, columns: set[str], meeting_id: str | None) -> list[tuple[str, Any, Any]]:
        table = str(change.table)
        found = self.db.rows(f"SELECT * FROM {table} WHERE id = ?", [change.row_id])
        if not found:
            raise UndoRefused(_("It was deleted since; there is nothing to undo."))
        row = found[0]
        real = [(column, was, became) for column, was, became in change.fields
                if column in columns and column not in _BOOKKEEPING]
        if any(not _same(row[column], became) for column, _was, became in real):
            raise UndoRefused(_("It was changed again since; undo that first (nothing was changed)."))
        pseudo = {column: became for column, _was, became in change.fields if column not in columns}
        fields: list[tuple[str, Any, Any]] = []
        successor = pseudo.get(SUCCESSOR)
        if successor:
            fields.append((SUCCESSOR, successor, None))
            self._delete_successor(table, str(successor))
        if real:
            self.db.update(table, change.row_id, {column: was for column, was, _became in real})
            fields += [(column, became, was) for column, was, became in real]
        if table == "elephants" and pseudo.get(ELEPHANT_EVENT):
            fields.append((ELEPHANT_EVENT, None, self._elephant_back(change, row, meeting_id)))
        return fields

    def _elephant_back(self, change: Change, row: Any, meeting_id: str | None) -> str:
        """An entry in the elephant's history moving it back to where the change found it."""
        was = change.before()
        status = str(was.get("status", row["status"]))
        note = was.get("resolution_note", row["resolution_note"]) or ""
        event = self.db.insert(
            "elephant_events",
            {"elephant_id": change.row_id, "meeting_id": meeting_id, "from_status": row["status"],
             "to_status": status, "note": f"undone{': ' + note if note else ''}", "changed_at": self.db.now()},
            anonymous=row["attribution"] == Attribution.ANONYMOUS.value,
        )
        return str(event["id"])

    def _delete_successor(self, table: str, row_id: str) -> None:
        if not self.db.rows(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]):
            return  # gone already
        if self.db.rows("SELECT 1 FROM changes WHERE table_name = ? AND row_id = ?", [table, row_id]):
            raise UndoRefused(_("What the revision made was changed since; undo that first (nothing was changed)."))
        self.delete_row(table, row_id)

    def delete_row(self, table: str, row_id: str) -> dict[str, Any]:
        """Inside a write: delete one row for good, with its tombstone when it is a row a tombstone may
        name (`retention.DELETABLE`); returns the row as it was."""
        found = self.db.rows(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        if not found:
            raise KeyError(f"no {table} row {row_id}")
        row = dict(found[0])
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        if table in DELETABLE:
            meeting = meeting_of(table, row)
            sections = [r[0] for r in self.db.execute("SELECT id FROM section_runs WHERE meeting_id = ?", [meeting])]
            anonymous = self._anonymous(table, row)
            now = self.db.now()
            self.db.insert(
                "tombstones",
                {"id": deletion_id(table, row_id, row["created_at"], sections), "table_name": table,
                 "row_id": row_id, "deleted_at": to_the_minute(now) if anonymous else now},
                anonymous=anonymous,
            )
        return row

    def _restore(
        self, change: Change, columns: set[str], partnership_id: str, meeting_id: str | None
    ) -> list[tuple[str, Any, Any]]:
        table = str(change.table)
        values = {column: was for column, was, _became in change.fields if column in columns and column not in _BOOKKEEPING}
        if not values:
            raise UndoRefused(_("That deletion kept nothing to bring back."))
        anonymous = self._anonymous(table, values)
        try:
            with self.db.transaction():
                new = self.db.insert(table, values, anonymous=anonymous)
        except self.db.driver.IntegrityError:
            raise UndoRefused(
                _("It cannot come back: what it belonged to is gone, or it is here again (nothing was changed).")
            ) from None
        self.record(
            table, new["id"], ChangeKind.RESTORED, partnership_id=partnership_id, meeting_id=meeting_id,
            fields=[(RESTORED_FROM, None, change.row_id), *((column, None, value) for column, value in values.items())],
            confidential=change.confidential, anonymous=anonymous,
        )
        return [(RESTORED_AS, None, new["id"])]
