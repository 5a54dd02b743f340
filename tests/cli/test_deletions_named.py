"""Nothing is deleted unnamed: `purge` and `merge` list every meeting they would delete, and ask.

Real files, the real commands (in this process, stdin never a terminal unless a test says so).
"""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.store.merge import TABLES
from tests.helpers import RunCli, table_contents

JUNE = datetime(2026, 6, 9, 13, 0, tzinfo=UTC)
SEPTEMBER = datetime(2026, 9, 1, 13, 0, tzinfo=UTC)


class _Terminal(io.StringIO):
    """A terminal that types `answer`."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def agendas() -> AgendaLibrary:
    return Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


def a_meeting(path: Path, agendas: AgendaLibrary, when: datetime, partnership: str, title: str) -> str:
    with Store.open(path, clock=FrozenClock(when)) as store:
        partnership_id = store.partnerships.ensure(partnership).id
        meeting = store.meetings.create(partnership_id, agendas.agendas["operational"], title=title).id
        store.meetings.start(meeting)
        store.boards.raise_elephant(meeting, "Funding follows client numbers")
        store.meetings.end(meeting)
    return meeting


@pytest.fixture
def purged_there(tmp_path: Path, agendas: AgendaLibrary) -> tuple[Path, Path, str, str]:
    """Two sites with the same two meetings; the other site purged the June one."""
    here = tmp_path / "here.db"
    june = a_meeting(here, agendas, JUNE, "Northside Newcomers", "June planning")
    september = a_meeting(here, agendas, SEPTEMBER, "Northside Newcomers", "September review")
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    with Store.open(there) as store:
        store.retention.delete_meetings([june])
    return here, there, june, september


def meeting_ids(path: Path) -> list[str]:
    with Store.open(path) as store:
        return [row[0] for row in store.db.execute("SELECT id FROM meetings ORDER BY id")]


def test_purge_names_every_meeting_it_would_delete(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here = tmp_path / "here.db"
    a_meeting(here, agendas, JUNE, "Northside Newcomers", "June planning")
    a_meeting(here, agendas, SEPTEMBER, "Northside Newcomers", "September review")

    dry = cli("--db", here, "purge", "--before", "1 August 2026", "--dry-run")
    refused = cli("--db", here, "purge", "--before", "1 August 2026")

    assert dry.returncode == 0, dry.stderr
    assert "Tue 09 Jun 2026  Northside Newcomers  June planning" in dry.stdout
    assert "September review" not in dry.stdout
    assert refused.returncode == 1 and "June planning" in refused.stdout
    assert len(meeting_ids(here)) == 2


def test_a_merge_that_would_delete_meetings_names_them_and_without_yes_or_a_terminal_changes_nothing(
    purged_there: tuple[Path, Path, str, str], cli: RunCli
) -> None:
    here, there, _, _ = purged_there
    before = table_contents(here, TABLES)

    result = cli("--db", here, "merge", there)

    assert result.returncode == 1
    assert "The other site deleted 1 meeting this file holds" in result.stdout
    assert "Tue 09 Jun 2026  Northside Newcomers  June planning" in result.stdout
    assert "September review" not in result.stdout
    assert "Nothing was changed: add --yes" in result.stderr
    assert table_contents(here, TABLES) == before


def test_a_dry_run_names_the_meetings_a_merge_would_delete(purged_there: tuple[Path, Path, str, str], cli: RunCli) -> None:
    here, there, _, _ = purged_there
    before = table_contents(here, TABLES)

    result = cli("--db", here, "merge", there, "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "Would be deleted, as they were deleted at the other site: 1 elephant, 1 meeting." in result.stdout
    assert "Tue 09 Jun 2026  Northside Newcomers  June planning" in result.stdout
    assert table_contents(here, TABLES) == before


def test_with_yes_the_merge_deletes_them_and_says_which(purged_there: tuple[Path, Path, str, str], cli: RunCli) -> None:
    here, there, june, september = purged_there

    result = cli("--db", here, "merge", there, "--yes")

    assert result.returncode == 0, result.stderr
    assert result.stdout.count("June planning") == 1  # named once, before it went
    assert "Deleted, as they were deleted at the other site: 1 elephant, 1 meeting." in result.stdout
    assert "New here" not in result.stdout  # the record of the deletion is no news of its own
    assert meeting_ids(here) == [september]
    again = cli("--db", here, "merge", there)
    assert again.returncode == 0 and "Nothing new" in again.stdout


@pytest.mark.parametrize(("answer", "deleted"), [("delete\n", True), ("no\n", False), ("\n", False)])
def test_at_a_terminal_the_merge_asks_and_only_the_word_deletes(
    purged_there: tuple[Path, Path, str, str], cli: RunCli, monkeypatch: pytest.MonkeyPatch, answer: str, deleted: bool
) -> None:
    here, there, june, september = purged_there
    before = table_contents(here, TABLES)
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    monkeypatch.setattr("builtins.input", lambda prompt: (print(prompt, end=""), __import__("sys").stdin.readline())[1])

    from meetingkit.cli import main

    status = main(["--db", str(here), "merge", str(there)])

    if deleted:
        assert status == 0 and meeting_ids(here) == [september]
    else:
        assert status == 1 and table_contents(here, TABLES) == before


def test_a_merge_refuses_to_delete_a_meeting_it_did_not_ask_about(
    purged_there: tuple[Path, Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changes between the question and the merge (here, the question is made to miss
    the meeting): a deletion nobody agreed to stops the merge whole."""
    from meetingkit.store import merge

    here, there, june, _ = purged_there
    before = table_contents(here, TABLES)
    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(merge._Merger, "meetings_to_delete", lambda self: ())

    with Store.open(here) as store, pytest.raises(merge.DeletionsNotConfirmed, match="1 meeting here"):
        store.merge.merge_file(there, confirm=lambda doomed: asked.append(tuple(m.id for m in doomed)) or True)
    assert asked == []  # nothing to ask about, as far as the question knew
    assert table_contents(here, TABLES) == before
