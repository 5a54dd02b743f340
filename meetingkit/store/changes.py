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

from meetingkit.core.clock import from_iso
from meetingkit.core.models import Change, ChangedTable, ChangeKind
from meetingkit.store.database import Database


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
