"""The register from the command line (issue 16): `meetingkit agreements` / `actions` list with
short ids, `agreement review|revise|retire ID` and `action done|drop ID` change one between
meetings, through the register screen's own use case, with one clear line for every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.models import ActionStatus, AgreementStatus
from meetingkit.store import Store
from tests.cli.test_cli_elephants import ok, refused, start
from tests.helpers import RunCli


@pytest.fixture
def env(db_path: Path) -> dict[str, str]:
    return {"MEETINGKIT_DB": str(db_path)}


def capture(cli: RunCli, env: dict[str, str], kind: str, text: str, *extra: str) -> str:
    return ok(cli("capture", kind, text, *extra, env=env)).strip()


def test_agreement_review_revise_retire_between_meetings(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    start(cli, env)
    kept = capture(cli, env, "agreement", "Workers are school-based", "--due", "yesterday")
    worded = capture(cli, env, "agreement", "Interpreters booked two weeks ahead", "--due", "yesterday")
    ok(cli("end", env=env))
    listed = ok(cli("agreements", env=env))
    assert f"{kept[-8:]}  active" in listed and "due " in listed

    assert ok(cli("agreement", "review", kept[-8:], "--due", "in 3 months", env=env)).startswith(
        f"{kept[-8:]} confirmed; next review ")
    said = ok(cli("agreement", "revise", worded[-8:].upper(), "--text", "Interpreters booked three weeks ahead",
                  env=env))
    assert said.startswith(f"{worded[-8:]} revised; its new wording is ")
    new_short = said.split()[-1].rstrip(".")
    with Store.open(db_path) as store:
        old, new = store.business.agreement(worded), store.business.find_agreement(new_short)
        assert (old.status, old.text) == (AgreementStatus.REVISED, "Interpreters booked two weeks ahead")
        assert (new.status, new.text, new.review_on) == (
            AgreementStatus.ACTIVE, "Interpreters booked three weeks ahead", old.review_on)
        today = store.clock.now().date()
        assert not store.business.agreement(kept).due_for_review(today)

    assert ok(cli("agreement", "retire", new_short, env=env)) == f"{new_short} retired.\n"
    assert "no longer stands" in refused(cli("agreement", "review", new_short, env=env))
    assert "new wording" in refused(cli("agreement", "retire", worded[-8:], env=env))
    assert "Interpreters" not in ok(cli("agreements", env=env)), "revised and retired ones only with --all"
    assert f"{new_short}  retired" in ok(cli("agreements", "--all", env=env))


def test_unknown_ambiguous_and_misused_agreement_ids_are_refused(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    capture(cli, env, "agreement", "One")
    assert "at least 6" in refused(cli("agreement", "review", "abc", env=env))
    assert "No agreement" in refused(cli("agreement", "retire", "0000000000", env=env))
    assert "--text" in refused(cli("agreement", "revise", "0000000000", env=env))


def test_action_done_and_drop_from_the_command_line(env: dict[str, str], db_path: Path, cli: RunCli) -> None:
    start(cli, env)
    done = capture(cli, env, "action", "Send the dates", "--owner", "Board")
    dropped = capture(cli, env, "action", "Map the area", "--confidential")
    ok(cli("end", env=env))
    listed = ok(cli("actions", env=env))
    assert done[-8:] in listed and "(a confidential item)" in listed and "Map the area" not in listed
    assert ok(cli("action", "done", done[-8:], env=env)) == f"{done[-8:]} done.\n"
    assert ok(cli("action", "drop", dropped[-12:], env=env)) == f"{dropped[-8:]} dropped.\n"
    assert "done already" in refused(cli("action", "drop", done[-8:], env=env))
    assert "No action" in refused(cli("action", "done", "ffffffffff", env=env))
    with Store.open(db_path) as store:
        assert store.business.action(done).status is ActionStatus.DONE
        assert store.business.action(dropped).status is ActionStatus.DROPPED
        closed = store.db.rows("SELECT closed_at, closed_meeting_id FROM actions WHERE id = ?", [done])[0]
        assert closed[0] is not None and closed[1] is None, "closed between meetings"
    assert ok(cli("actions", env=env)).strip() == "No open actions."
