"""Several processes on one file (a scribe's terminal, the CLI, later participants): nothing lost, no errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.store import Store
from meetingkit.store.schema import LATEST_VERSION

CAPTURER = """
import sys
from pathlib import Path
from meetingkit.store import Store
path, meeting_id, worker, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store.open(path)
for number in range(count):
    # Ten shared terms: every worker races the others to create each one first.
    store.jargon.mention(meeting_id, f"TERM-{number % 10}")
store.close()
print("done", worker)
"""

OPENER = """
import sys
from pathlib import Path
from meetingkit.store import Store
store = Store.open(Path(sys.argv[1]))
print(store.schema_version())
store.close()
"""


def _run_together(script: str, argument_lists: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every process before waiting for any, so their work overlaps."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for arguments in argument_lists
    ]
    results = []
    for process, arguments in zip(processes, argument_lists, strict=True):
        stdout, stderr = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(arguments, process.returncode, stdout, stderr))
    return results


def test_four_processes_capturing_at_once_lose_nothing(db_path: Path) -> None:
    """4 processes × 100 read-then-write captures: 400 mentions, 10 terms, no error raised anywhere."""
    store = Store.open(db_path)
    partnership = store.partnerships.ensure("Literacy and employment")
    agenda = load_library([shipped_agenda_folder()]).agendas["operational"]
    meeting = store.meetings.create(partnership.id, agenda)

    results = _run_together(CAPTURER, [[str(db_path), meeting.id, str(worker), "100"] for worker in range(4)])

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert store.db.value("SELECT count(*) FROM jargon_mentions") == 400
    assert store.db.value("SELECT count(*) FROM jargon_terms") == 10
    assert dict(store.jargon.tallies(meeting.id)) == {f"TERM-{n}": 40 for n in range(10)}
    assert store.db.value("PRAGMA integrity_check") == "ok"
    store.close()


def test_three_processes_migrating_a_new_file_at_once_apply_each_migration_once(db_path: Path) -> None:
    results = _run_together(OPENER, [[str(db_path)] for _ in range(3)])

    for result in results:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(LATEST_VERSION)
    store = Store.open(db_path)
    try:
        versions = [row[0] for row in store.db.rows("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, LATEST_VERSION + 1))
        assert store.db.value("PRAGMA integrity_check") == "ok"
    finally:
        store.close()
