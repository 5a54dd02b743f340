"""Every bad input on the command line gets one line on stderr and a non-zero exit, never a
traceback, and changes nothing (issue 14, "hostile files, hostile rooms")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from meetingkit.store import Store
from tests.helpers import RunCli

DEEPLY_NESTED = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def _one_line(result_stderr: str) -> str:
    [line] = result_stderr.strip().splitlines()
    assert line.startswith("meetingkit: ") and "Traceback" not in result_stderr
    return line


def test_a_deeply_nested_template_is_skipped_with_one_line_and_hides_no_other(
    tmp_path: Path, db_path: Path, cli: RunCli
) -> None:
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "deep.toml").write_text(DEEPLY_NESTED, "utf-8")
    listed = cli("--agendas", str(folder), "agendas")
    assert listed.returncode == 1
    assert _one_line(listed.stderr) == f"meetingkit: skipped broken template {folder / 'deep.toml'}: is nested too deeply to be a template"
    assert "strategic" in listed.stdout and "reflective-practice" in listed.stdout
    checked = cli("agendas", "check", str(folder / "deep.toml"))
    assert checked.returncode == 1
    assert "nested too deeply" in _one_line(checked.stderr)
    started = cli("--db", str(db_path), "--agendas", str(folder), "start", "--partnership", "P", "--type", "operational")
    assert started.returncode == 0, started.stderr


def _running(db_path: Path, cli: RunCli) -> str:
    started = cli("--db", str(db_path), "start", "--partnership", "Schools", "--type", "operational")
    assert started.returncode == 0, started.stderr
    return started.stdout.strip()


def test_a_note_of_two_dashes_after_the_end_of_the_options_is_that_note(db_path: Path, cli: RunCli) -> None:
    meeting = _running(db_path, cli)
    added = cli("--db", str(db_path), "capture", "note", "--", "--")
    assert added.returncode == 0, added.stderr
    exported = cli("--db", str(db_path), "export", meeting, "--format", "json")
    assert '"notes": "--"' in exported.stdout


def test_a_search_longer_than_it_takes_is_one_line(db_path: Path, cli: RunCli) -> None:
    _running(db_path, cli)
    result = cli("--db", str(db_path), "search", "a" * 10_001)
    assert result.returncode == 1
    assert _one_line(result.stderr) == "meetingkit: The search is 10,001 characters long; it takes at most 10,000."


@pytest.mark.parametrize("limit", ["99999999999999999999", "0", "-1"])
def test_a_search_limit_out_of_range_is_one_line(db_path: Path, cli: RunCli, limit: str) -> None:
    _running(db_path, cli)
    result = cli("--db", str(db_path), "search", "x", "--limit", limit)
    assert result.returncode == 1
    assert _one_line(result.stderr) == "meetingkit: --limit must be between 1 and 10,000."


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize(
    "command",
    [
        ("report", "--partnership", "Schools", "--since"),
        ("report", "--partnership", "Schools", "--until"),
        ("purge", "--dry-run", "--before"),
        ("capture", "action", "Draft the form", "--due"),
        ("capture", "agreement", "One form", "--due"),
    ],
)
def test_a_date_at_the_edge_of_the_calendar_is_one_line(
    db_path: Path, cli: RunCli, command: tuple[str, ...], day: str
) -> None:
    _running(db_path, cli)
    before = cli("--db", str(db_path), "meetings", "--json").stdout
    result = cli("--db", str(db_path), *command, day)
    assert result.returncode == 1
    assert f"Couldn't read '{day}'" in _one_line(result.stderr)
    assert cli("--db", str(db_path), "meetings", "--json").stdout == before


@pytest.mark.parametrize("reference", ["qqqqqq", "zzzzzzzz", "ab<>cd!!", "abcdef\x1b[2J"])
def test_a_meeting_id_with_characters_never_in_ids_is_refused_and_ends_nothing(
    db_path: Path, cli: RunCli, reference: str
) -> None:
    _running(db_path, cli)
    ended = cli("--db", str(db_path), "end", reference)
    assert ended.returncode == 1
    line = _one_line(ended.stderr)
    assert "is not part of a meeting id" in line and "\x1b" not in line
    assert '"status": "running"' in cli("--db", str(db_path), "meetings", "--json").stdout


def test_a_part_of_an_id_in_capitals_still_finds_the_meeting(db_path: Path, cli: RunCli) -> None:
    meeting = _running(db_path, cli)
    ended = cli("--db", str(db_path), "end", meeting[-12:].upper())
    assert ended.returncode == 0, ended.stderr


def test_dated_backups_into_one_folder_in_one_minute_never_collide(db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    _running(db_path, cli)
    folder = tmp_path / "copies"
    folder.mkdir()
    for _ in range(3):  # the clock is not frozen here: all three land in this minute or the next
        result = cli("--db", str(db_path), "backup", str(folder))
        assert result.returncode == 0, result.stderr
    assert len(list(folder.iterdir())) == 3


@pytest.mark.parametrize(
    "command",
    [
        ("meetings",),
        ("search", "Schools"),
        ("report", "--partnership", "Schools"),
        ("glossary", "--partnership", "Schools"),
        ("purge", "--before", "2000", "--dry-run"),
        ("export", "MEETING"),
        ("backup", "COPY"),
    ],
    ids=lambda command: command[0],
)
def test_reading_commands_do_not_wait_while_another_process_writes(
    db_path: Path, tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    meeting = _running(db_path, cli)
    monkeypatch.setattr("meetingkit.store.database.WRITE_PATIENCE_SECONDS", 0.0)  # a wait would fail at once
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a capture: it holds the write lock
    writer.execute("UPDATE meetings SET title = 'Being renamed'")
    try:
        argv = [{"MEETING": meeting, "COPY": str(tmp_path / "copy.db")}.get(arg, arg) for arg in command]
        result = cli("--db", str(db_path), *argv)
        assert result.returncode == 0, result.stderr
    finally:
        writer.execute("ROLLBACK")
        writer.close()


NAME_WITH_CONTROLS = "Schools\x07\tand\x1b[31m settlement"
"""Typed with a bell, a tab and an escape sequence; stored cleaned ("Schools    and[31m settlement")."""


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--partnership", NAME_WITH_CONTROLS),
        ("glossary", "--partnership", NAME_WITH_CONTROLS),
        ("purge", "--partnership", NAME_WITH_CONTROLS, "--before", "2000", "--dry-run"),
    ],
    ids=lambda command: command[0],
)
def test_a_partnership_named_with_control_characters_is_found_by_the_same_name(
    db_path: Path, cli: RunCli, command: tuple[str, ...]
) -> None:
    started = cli("--db", str(db_path), "start", "--partnership", NAME_WITH_CONTROLS, "--type", "operational")
    assert started.returncode == 0, started.stderr
    result = cli("--db", str(db_path), *command)
    assert result.returncode == 0, result.stderr


def test_a_second_meeting_of_such_a_partnership_knows_its_organisations(db_path: Path, cli: RunCli) -> None:
    """`--attendee 'school board'` is the organisation the first meeting met, not a person of that name."""
    for attendee in ("Dana, School board", "school board"):
        started = cli("--db", str(db_path), "start", "--partnership", NAME_WITH_CONTROLS, "--type", "operational",
                      "--attendee", attendee)
        assert started.returncode == 0, started.stderr
    with Store.open(db_path) as store:
        assert sorted(row["name"] or "" for row in store.db.rows("SELECT name FROM people")) == ["", "Dana"]


def test_a_backup_with_an_empty_destination_is_refused(db_path: Path, tmp_path: Path, cli: RunCli) -> None:
    """An unset "$DEST" in a script: not a dated copy dropped in whatever folder the script ran in."""
    _running(db_path, cli)
    result = cli("--db", str(db_path), "backup", "", cwd=tmp_path)
    assert result.returncode == 1
    assert _one_line(result.stderr) == (
        "meetingkit: backup was given an empty destination; name a new file, or a folder to put it in."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in db_path.parent.iterdir())


@pytest.mark.parametrize("command", ["backup", "merge"])
def test_a_file_the_system_refuses_is_the_one_named_not_the_database(
    db_path: Path, tmp_path: Path, cli: RunCli, command: str
) -> None:
    _running(db_path, cli)
    too_long = tmp_path / ("y" * 300 + ".db")
    result = cli("--db", str(db_path), command, str(too_long))
    assert result.returncode == 1
    assert _one_line(result.stderr) == f"meetingkit: {too_long}: File name too long"


def test_a_demo_too_large_for_the_calendar_is_one_line(db_path: Path, cli: RunCli) -> None:
    result = cli("--db", str(db_path), "demo", "--meetings", "99999999999999999999")
    assert result.returncode == 1
    assert _one_line(result.stderr) == "meetingkit: --meetings must be between 1 and 100,000."
    assert not db_path.exists()
