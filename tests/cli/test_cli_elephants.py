"""Elephants moved on from the command line (issue 15): `meetingkit elephants` lists the open ones
with short ids, confidential ones masked, and `meetingkit elephant discuss|address|let-go ID` moves
one on in the meeting in progress (or the one named), through the console's own use case."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.text import sanitise
from meetingkit.store import Store
from tests.helpers import RunCli


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


def start(cli: RunCli, env: dict[str, str], partnership: str = "Schools and settlement", title: str = "October") -> str:
    return ok(cli("start", "--partnership", partnership, "--type", "operational", "--title", title, env=env)).strip()


def raise_one(cli: RunCli, env: dict[str, str], text: str, *extra: str) -> str:
    return ok(cli("capture", "elephant", text, *extra, env=env)).strip()


def test_elephants_lists_open_ones_with_short_ids_and_masks_confidential_ones(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    shared = raise_one(cli, env, "Numbers, not time at the school")
    secret = raise_one(cli, env, "The Ahmed family's case", "--confidential")
    closed = raise_one(cli, env, "Funding competition")
    ok(cli("elephant", "let-go", closed[-8:], "--note", "Out of our hands", env=env))
    listed = ok(cli("elephants", "--partnership", "schools AND settlement", env=env))
    lines = listed.splitlines()
    assert lines[0].split() == ["id", "status", "raised", "waited", "elephant"]
    assert lines[1].startswith(f"{shared[-8:]}  parked") and lines[1].endswith("Numbers, not time at the school")
    assert lines[2].startswith(f"{secret[-8:]}  parked") and lines[2].endswith("(a confidential item)")
    assert len(lines) == 3 and "Ahmed" not in listed and closed[-8:] not in listed
    everything = ok(cli("elephants", "--all", "--include-confidential", env=env))
    assert "The Ahmed family's case" in everything and f"{closed[-8:]}  let go" in everything
    assert "Schools and settlement" in everything, "every partnership's, named, when none is asked for"


def test_discuss_then_address_records_the_history_in_the_meeting_in_progress(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    meeting_id = start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school", "--confidential")
    assert ok(cli("elephant", "discuss", elephant[-8:], env=env)) == f"{elephant[-8:]} discussing in October.\n"
    assert ok(cli("elephant", "address", elephant[-10:].upper(), "--note", "Agreed a joint\tmeasure\x1b[2J",
                  env=env)) == f"{elephant[-8:]} addressed in October.\n"
    with Store.open(db_path) as store:
        resolved = store.boards.elephant(elephant)
        assert (resolved.status.value, resolved.resolved_in) == ("addressed", "October")
        assert resolved.resolution_note == sanitise("Agreed a joint\tmeasure\x1b[2J"), "cleaned as captured text is"
        assert "\x1b" not in resolved.resolution_note and "\t" not in resolved.resolution_note
        assert store.boards.elephant_history(elephant) == [
            (None, "parked", ""), ("parked", "discussing", ""), ("discussing", "addressed", resolved.resolution_note),
        ]
        events = store.db.rows("SELECT DISTINCT meeting_id FROM elephant_events WHERE elephant_id = ?", [elephant])
        assert [row[0] for row in events] == [meeting_id]


def test_meeting_names_the_meeting_when_several_are_in_progress(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    first = start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school")
    start(cli, env, "Health and housing", "Housing table")
    assert "2 meetings are in progress" in refused(cli("elephant", "discuss", elephant[-8:], env=env))
    ok(cli("elephant", "let-go", elephant[-8:], "--note", "Out of our hands", "--meeting", first[-8:], env=env))
    with Store.open(db_path) as store:
        assert store.boards.elephant(elephant).resolution_note == "Out of our hands"


def test_addressing_one_already_let_go_is_refused_in_one_line_and_changes_nothing(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school", "--confidential")
    ok(cli("elephant", "let-go", elephant[-8:], "--note", "Out of our hands", env=env))
    with Store.open(db_path) as store:
        before = store.boards.elephant_history(elephant)
    line = refused(cli("elephant", "address", elephant[-8:], "--note", "Talked", env=env))
    assert line == ("meetingkit: That elephant was let go in October, so it cannot be addressed now: "
                    "reopen it first by discussing it (or parking it again).")
    assert refused(cli("elephant", "let-go", elephant[-8:], env=env)) == (
        "meetingkit: That elephant is already let go in October."
    )
    with Store.open(db_path) as store:
        assert store.boards.elephant_history(elephant) == before
    ok(cli("elephant", "discuss", elephant[-8:], env=env))  # reopened, as the console can
    assert refused(cli("elephant", "discuss", elephant[-8:], env=env)) == (
        "meetingkit: That elephant is already being discussed."
    )


@pytest.mark.parametrize(
    ("reference", "says"),
    [
        ("ffffffff", "No elephant of this partnership has an id containing 'ffffffff'"),
        ("abc", "Give at least 6 characters of the elephant's id"),
        ("zzzzzz\x1b[2J", "is not part of an elephant's id"),
    ],
)
def test_an_unknown_id_is_one_line(env: dict[str, str], cli: RunCli, reference: str, says: str) -> None:
    start(cli, env)
    raise_one(cli, env, "Numbers, not time at the school")
    line = refused(cli("elephant", "discuss", reference, env=env))
    assert says in line and "\x1b" not in line


def test_another_partnerships_elephant_is_not_found_from_this_meeting(env: dict[str, str], cli: RunCli) -> None:
    first = start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school")
    ok(cli("end", first, env=env))
    start(cli, env, "Health and housing", "Housing table")
    assert "No elephant of this partnership" in refused(cli("elephant", "discuss", elephant[-8:], env=env))


def test_a_move_needs_a_meeting_in_progress(env: dict[str, str], cli: RunCli) -> None:
    first = start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school")
    ok(cli("end", env=env))
    assert "No meeting is in progress" in refused(cli("elephant", "discuss", elephant[-8:], env=env))
    line = refused(cli("elephant", "discuss", elephant[-8:], "--meeting", first, env=env))
    assert line == f"meetingkit: October ({first}) is ended: an elephant is moved on in a meeting in progress."


def test_a_note_longer_than_a_line_is_refused_and_nothing_moves(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    start(cli, env)
    elephant = raise_one(cli, env, "Numbers, not time at the school")
    line = refused(cli("elephant", "address", elephant[-8:], "--note", "x" * 5000, env=env))
    assert "5,000 characters" in line
    with Store.open(db_path) as store:
        assert store.boards.elephant(elephant).status.value == "parked"
