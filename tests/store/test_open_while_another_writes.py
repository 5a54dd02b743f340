"""Opening a healthy file while another process writes and closes it never calls the file damaged.

With no `-wal` beside it, the opening check reads the file as immutable, without locks. If a second
process (a scribe's `meetingkit capture`) opens the file, writes, and on closing checkpoints into it
during that read, the read sees half-old, half-new pages. The crash soak hit this as "is damaged
(... Page 445 is never used). Restore it from a backup" on a file whose integrity_check was ok.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import meetingkit.store.connection as connection_module
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.store import Store

ANOTHER_PROCESS = """
import sys
from pathlib import Path
from meetingkit.store import Store
with Store.open(Path(sys.argv[1])) as store:  # the only connection: closing checkpoints into the file
    meeting_id = store.meetings.running()[0].id
    for n in range(300):
        store.business.add_action(meeting_id, f"the scribe's action {n} " + "x" * 200)
"""


class _OtherProcessBeforeQuickCheck:
    """The opening check's connection; the other process's whole life falls just before its first check."""

    ran = False

    def __init__(self, connection, path: Path) -> None:
        self._connection = connection
        self._path = path

    def execute(self, sql: str, *args):
        if sql.startswith("PRAGMA quick_check") and not _OtherProcessBeforeQuickCheck.ran:
            _OtherProcessBeforeQuickCheck.ran = True
            done = subprocess.run([sys.executable, "-c", ANOTHER_PROCESS, str(self._path)], capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
        return self._connection.execute(sql, *args)

    def close(self) -> None:
        self._connection.close()


def test_a_file_checkpointed_by_another_process_during_the_opening_check_is_not_called_damaged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        partnership = store.partnerships.ensure("Settlement & Schools")
        meeting = store.meetings.create(partnership.id, load_library([shipped_agenda_folder()]).agendas["operational"])
        store.meetings.start(meeting.id)
        for n in range(300):
            store.business.add_action(meeting.id, f"action {n} " + "y" * 200)
    assert not db_path.with_name(db_path.name + "-wal").exists()  # closed: the check will read it immutable

    real_connect = connection_module._connect
    monkeypatch.setattr(_OtherProcessBeforeQuickCheck, "ran", False)
    monkeypatch.setattr(
        connection_module, "_connect",
        lambda target, **options: _OtherProcessBeforeQuickCheck(real_connect(target, **options), db_path),
    )

    facts = connection_module.examine(db_path, create_folder=False)

    assert _OtherProcessBeforeQuickCheck.ran
    assert not facts.is_new
    monkeypatch.undo()
    with Store.open(db_path) as store:
        assert store.db.value("PRAGMA integrity_check") == "ok"
        assert store.db.value("SELECT count(*) FROM actions") == 600
