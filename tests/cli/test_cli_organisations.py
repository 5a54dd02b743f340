"""A partnership's organisations from the command line (issue 16): listed with aliases and people
counts, merged, given aliases; an alias typed at the door (`start --attendee`) finds its organisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.store import Store
from tests.helpers import RunCli

BOARD = "Ottawa Catholic School Board"
P = ("--partnership", "newcomer families")


@pytest.fixture
def env(db_path: Path) -> dict[str, str]:
    return {"MEETINGKIT_DB": str(db_path)}


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return str(result.stdout)


def refused(result) -> str:
    """The one line a refusal prints, with exit 1 and nothing on stdout."""
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("meetingkit: ")
    return str(line)


@pytest.fixture
def two_names(cli: RunCli, env: dict[str, str]) -> None:
    ok(cli("start", "--partnership", "Newcomer Families", "--type", "operational",
           "--attendee", "Dana, OCSB", "--attendee", f"Sam, {BOARD}", "--attendee", "Ali, OCSB", env=env))


def test_list_merge_and_alias(cli: RunCli, env: dict[str, str], two_names: None, db_path: Path) -> None:
    lines = ok(cli("organisations", *P, env=env)).splitlines()
    assert [line.split() for line in lines] == [
        ["people", "aliases", "organisation"], ["2", "-", "OCSB"], ["1", "-", *BOARD.split()]]
    merged = ok(cli("organisation", "merge", "ocsb", BOARD.lower(), *P, env=env))
    assert f"merged into  {BOARD}" in merged and "aliases      OCSB" in merged and "people       3" in merged
    ok(cli("organisation", "alias", BOARD, "The Catholic board", *P, env=env))
    lines = ok(cli("organisations", *P, env=env)).splitlines()
    assert lines[1].split() == ["3", "OCSB,", "The", "Catholic", "board", *BOARD.split()]
    # At the door, the alias is the organisation it names, in any case.
    second = ok(cli("start", "--partnership", "Newcomer Families", "--type", "operational",
                    "--attendee", "the catholic BOARD", "--attendee", "Lee, ocsb", env=env)).strip()
    with Store.open(db_path) as store:
        assert [(p.name, p.organisation_name) for p in store.meetings.attendees(second)] == [
            (None, BOARD), ("Lee", BOARD)]
        assert [o.name for o in store.partnerships.organisations(store.meetings.get(second).partnership_id)] == [BOARD]


def test_clear_one_line_refusals(cli: RunCli, env: dict[str, str], two_names: None) -> None:
    assert "no organisation called 'Nobody'" in refused(cli("organisation", "merge", "Nobody", "OCSB", *P, env=env))
    assert "into itself" in refused(cli("organisation", "merge", "OCSB", "ocsb", *P, env=env))
    ok(cli("organisation", "alias", BOARD, "Catholic board", *P, env=env))
    assert "is an alias of" in refused(cli("organisation", "merge", "OCSB", "catholic board", *P, env=env))
    assert "already an organisation's name" in refused(cli("organisation", "alias", BOARD, "ocsb", *P, env=env))
    assert "No partnership called" in refused(cli("organisations", "--partnership", "Elsewhere", env=env))
    usage = cli("organisation", "merge", "OCSB", env=env)
    assert usage.returncode == 2 and "--partnership" in usage.stderr
    hostile = refused(cli("organisation", "merge", "[bold]\x1b[31mX", "OCSB", *P, env=env))
    assert "\x1b" not in hostile
