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
    misused = cli("agreement", "revise", "0000000000", env=env)
    assert misused.returncode == 2 and "--text" in misused.stderr


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


def usage(result) -> str:
    """One line for a misused command, with exit 2 and nothing on stdout."""
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("meetingkit: ")
    return str(line)


def test_action_edit_reads_owner_and_due_as_capture_does_and_keeps_a_history(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    start(cli, env)
    ok(cli("attend", "Dana, School board", env=env))
    action = capture(cli, env, "action", "Send the datse", "--due", "next friday")
    result = cli("action", "edit", action[-8:], "--text", "Send the dates", "--owner", "dana", "--due", "2 Dec",
                 "--note", "typed in a hurry", env=env)
    assert ok(result) == f"{action[-8:]} corrected. Owner: Dana, School board.\n"
    assert "due Thu 2 Dec 2027" in result.stderr and "warning: Thu 2 Dec 2027 is almost a year away" in result.stderr
    assert ok(cli("action", "done", action[-8:], "--note", "sent on Monday", env=env)) == f"{action[-8:]} done.\n"
    history = ok(cli("action", "history", action[-8:], env=env))
    assert '"Send the datse" → "Send the dates"' in history and "owner: nothing → Dana, School board" in history
    assert "Thu 2 Dec 2027" in history and "note: typed in a hurry" in history
    assert "marked done (between meetings)" in history and "note: sent on Monday" in history
    with Store.open(db_path) as store:
        saved = store.business.action(action)
        assert (saved.text, saved.due_on.isoformat(), saved.status) == ("Send the dates", "2027-12-02",
                                                                       ActionStatus.DONE)


def test_misused_options_are_usage_errors_and_refusals_are_one_line(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    action = capture(cli, env, "action", "Send the dates")
    agreement = capture(cli, env, "agreement", "Workers are school-based")
    assert "--text" in usage(cli("action", "done", action[-8:], "--text", "x", env=env))
    assert "Say what to correct" in usage(cli("action", "edit", action[-8:], env=env))
    unknown = cli("agreement", "edit", agreement[-8:], "--owner", "Dana", env=env)
    assert unknown.returncode == 2 and "--owner" in unknown.stderr
    assert "--yes" in usage(cli("agreement", "retire", agreement[-8:], "--yes", env=env))
    assert "empty" in refused(cli("action", "edit", action[-8:], "--text", "   ", env=env))
    assert "empty" in refused(cli("agreement", "edit", agreement[-8:], "--text", "", env=env))
    assert "No action" in refused(cli("action", "edit", "abcdef0123", "--text", "x", env=env))
    ok(cli("agreement", "retire", agreement[-8:], "--note", "the programme ended", env=env))
    assert "retired" in refused(cli("agreement", "edit", agreement[-8:], "--text", "Typo fixed", env=env))
    assert "note: the programme ended" in ok(cli("agreement", "history", agreement[-8:], env=env))
    # Markup and escape sequences in a note are kept as words and never obeyed.
    ok(cli("action", "edit", action[-8:], "--text", "Send [bold]the[/bold] dates", "--note", "\x1b[31mred", env=env))
    history = ok(cli("action", "history", action[-8:], env=env))
    assert "[bold]the[/bold]" in history and "\x1b" not in history


def test_delete_asks_unless_yes_and_the_history_outlives_the_item(env: dict[str, str], db_path: Path,
                                                                   cli: RunCli) -> None:
    start(cli, env)
    agreement = capture(cli, env, "agreement", "Share one referral form")
    action = capture(cli, env, "action", "Draft the form", "--confidential")
    assert "--yes" in refused(cli("agreement", "delete", agreement[-8:], env=env))
    said = ok(cli("agreement", "delete", agreement[-8:], "--yes", "--note", "saved twice", env=env))
    assert "Share one referral form" in said and said.endswith(f"{agreement[-8:]} deleted.\n")
    assert "No agreement" in refused(cli("agreement", "review", agreement[-8:], env=env))
    history = ok(cli("agreement", "history", agreement[-8:], env=env))
    assert "(deleted)" in history and 'it said "Share one referral form"' in history and "saved twice" in history
    said = ok(cli("action", "delete", action[-8:], "--yes", env=env))
    assert "Draft the form" not in said and "a confidential item" in said
    masked = ok(cli("action", "history", action[-8:], env=env))
    assert "deleted" in masked and "Draft the form" not in masked
    assert "Draft the form" in ok(cli("action", "history", action[-8:], "--include-confidential", env=env))
    with Store.open(db_path) as store:
        assert store.db.value("SELECT count(*) FROM agreements") == 0
        assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name IN ('agreements', 'actions')") == 2
