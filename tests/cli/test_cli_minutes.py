"""`meetingkit minutes MEETING_ID` (issue 17): the minutes as Markdown or printable HTML, to stdout or a
private file, with the meeting's id shortened as elsewhere and confidential items only when asked for."""

from __future__ import annotations

import stat
from pathlib import Path

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from tests.helpers import RunCli
from tests.store.test_minutes import HEADINGS, two_meetings


def test_minutes_print_as_markdown_from_a_short_id(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    meeting_id = two_meetings(store, clock, library)
    result = cli("--db", db_path, "minutes", meeting_id[-8:])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Minutes: Operational meeting")
    assert all(f"## {heading}" in result.stdout for heading in HEADINGS)
    assert "SECRET" not in result.stdout and "1 confidential item left out" in result.stdout
    assert "NOW-SECRET" in cli("--db", db_path, "minutes", meeting_id[-8:], "--include-confidential").stdout


def test_minutes_as_html_to_a_private_file(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli, tmp_path: Path
) -> None:
    meeting_id = two_meetings(store, clock, library)
    target = tmp_path / "minutes.html"
    result = cli("--db", db_path, "minutes", meeting_id, "--format", "html", "-o", target)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == f"Wrote {target}; 1 confidential item(s) left out.\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_wrong_id_or_format_is_one_line(
    store: Store, clock: FrozenClock, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    two_meetings(store, clock, library)
    unknown = cli("--db", db_path, "minutes", "abcdef99")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.startswith("meetingkit: No meeting") and unknown.stderr.count("\n") == 1
    short = cli("--db", db_path, "minutes", "abc")
    assert short.returncode == 1 and short.stderr.count("\n") == 1
    wrong = cli("--db", db_path, "minutes", "abcdef99", "--format", "json")
    assert wrong.returncode == 2 and "invalid choice: 'json'" in wrong.stderr
