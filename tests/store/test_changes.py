"""The history of corrections and decisions (`store.changes`), in a real file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ChangedTable, ChangeKind
from meetingkit.store.store import Store

START = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)


def test_a_change_keeps_what_each_field_was_and_became_with_its_meeting(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.db", clock=FrozenClock(START)) as store:
        partnership = store.partnerships.ensure("Northside")
        store.db.execute(
            "INSERT INTO meetings (id, partnership_id, meeting_type, title, created_at, updated_at)"
            " VALUES ('m1', ?, 'operational', 'Monthly', ?, ?)", [partnership.id, store.db.now(), store.db.now()])
        kept = store.changes.record(ChangedTable.ACTIONS, "a1", ChangeKind.EDITED, partnership_id=partnership.id,
                                    meeting_id="m1", fields=[("due_on", "2026-12-02", "2027-01-08"), ("text", "Old", "New")],
                                    note="typed in a hurry")
        later = store.changes.record("actions", "a1", ChangeKind.DONE, partnership_id=partnership.id)
        history = store.changes.history(ChangedTable.ACTIONS, "a1")
    assert [change.id for change in history] == [kept.id, later.id]
    first = history[0]
    assert first.before() == {"due_on": "2026-12-02", "text": "Old"}
    assert first.after() == {"due_on": "2027-01-08", "text": "New"}
    assert (first.meeting_id, first.meeting, first.note, first.at) == ("m1", "Monthly", "typed in a hurry", START)
    assert history[1].meeting_id is None and history[1].kind is ChangeKind.DONE


def test_the_file_refuses_a_change_naming_an_unknown_table_or_kind(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.db", clock=FrozenClock(START)) as store:
        partnership = store.partnerships.ensure("Northside").id
    connection = sqlite3.connect(tmp_path / "m.db")
    insert = ("INSERT INTO changes (id, partnership_id, table_name, row_id, kind, fields, changed_at, created_at,"
              " updated_at) VALUES (?, ?, ?, 'r', ?, ?, '2026-12-04T14:00:00.000Z', '2026-12-04T14:00:00.000Z',"
              " '2026-12-04T14:00:00.000Z')")
    for number, (table, kind, fields) in enumerate([("partnerships", "edited", "[]"), ("actions", "smashed", "[]"),
                                                    ("actions", "edited", '{"text": 1}')]):
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(insert, [f"c{number}", partnership, table, kind, fields])
    connection.close()
