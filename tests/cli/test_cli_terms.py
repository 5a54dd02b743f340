"""Correcting the glossary from the command line (issue 16): `meetingkit terms --partnership NAME`
lists terms with short ids, tallies and near-duplicates; `term rename ID NEW` and `term merge ID
INTO_ID` correct one, with one clear line for every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.store import Store
from tests.cli.test_cli_elephants import ok, refused, start
from tests.helpers import RunCli

PARTNERSHIP = "Schools and settlement"


@pytest.fixture
def env(db_path: Path) -> dict[str, str]:
    return {"MEETINGKIT_DB": str(db_path)}


def term(cli: RunCli, env: dict[str, str], text: str, *extra: str) -> str:
    return ok(cli("capture", "jargon", text, *extra, env=env)).strip()


def test_terms_lists_tallies_and_suggests_near_duplicates_then_merge_joins_them(
    env: dict[str, str], db_path: Path, cli: RunCli
) -> None:
    start(cli, env)
    isp = term(cli, env, "ISP")
    term(cli, env, "isp")
    plural = term(cli, env, "ISPs")
    term(cli, env, "EHCP")

    listed = ok(cli("terms", "--partnership", PARTNERSHIP.upper(), env=env))
    assert f"{isp[-8:]}  2       0         ISP" in listed
    assert f"ISPs ({plural[-8:]}) looks like ISP ({isp[-8:]})" in listed or \
        f"ISP ({isp[-8:]}) looks like ISPs ({plural[-8:]})" in listed
    assert "EHCP (" not in listed.split("Maybe")[1]

    said = ok(cli("term", "merge", plural[-8:], isp[-8:].upper(), env=env))
    assert said == f"{plural[-8:]} merged into {isp[-8:]}, now raised 3 times.\n"
    listed = ok(cli("terms", "--partnership", PARTNERSHIP, env=env))
    assert "ISPs" not in listed and "Maybe" not in listed
    assert term(cli, env, "ISPs") == isp, "its spelling now counts under ISP"
    with Store.open(db_path) as store:
        assert store.jargon.board_term(isp).total == 4


def test_rename_changes_the_spelling_and_refuses_another_terms(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    spaced = term(cli, env, "I S P")
    isp = term(cli, env, "ISP")

    assert ok(cli("term", "rename", spaced[-8:], "Individual Service Plan", env=env)) == f"{spaced[-8:]} renamed.\n"
    assert "Individual Service Plan" in ok(cli("terms", "--partnership", PARTNERSHIP, env=env))
    line = refused(cli("term", "rename", spaced[-8:], "i.s.p.", env=env))
    assert "already the term 'ISP'" in line and "merge" in line
    assert term(cli, env, "isp") == isp


def test_unknown_ambiguous_self_and_merged_away_ids_are_refused_in_one_line(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    isp = term(cli, env, "ISP")
    plural = term(cli, env, "ISPs")
    spaced = term(cli, env, "I S P")
    assert "at least 6" in refused(cli("term", "merge", "abc", isp[-8:], env=env))
    assert "No term has an id containing '000000000000'" in refused(
        cli("term", "merge", isp[-8:], "000000000000", env=env))
    assert "not part of a term's id" in refused(cli("term", "rename", "zzzzzzzz", "X", env=env))
    assert "into itself" in refused(cli("term", "merge", isp[-8:], isp[-10:], env=env))
    ok(cli("term", "merge", plural[-8:], isp[-8:], env=env))
    assert "was merged into 'ISP'; merge into that term" in refused(
        cli("term", "merge", spaced[-8:], plural[-8:], env=env))
    assert "already" in refused(cli("term", "merge", plural[-8:], spaced[-8:], env=env))
    assert "Type the term's new spelling" in refused(cli("term", "rename", isp[-8:], "...", env=env))
    assert cli("term", "merge", isp[-8:], env=env).returncode == 2
    ok(cli("term", "rename", isp[-8:], "[bold]ISP\x1b[31m", env=env))
    assert "[bold]ISP" in ok(cli("terms", "--partnership", PARTNERSHIP, env=env)), "markup is kept as typed"


def test_a_confidential_term_is_masked_in_the_list_and_in_messages(env: dict[str, str], cli: RunCli) -> None:
    start(cli, env)
    secret = term(cli, env, "Project Falcon", "--confidential")
    other = term(cli, env, "Project Falcons")
    listed = ok(cli("terms", "--partnership", PARTNERSHIP, env=env))
    assert "Project Falcon " not in listed + " " and "(a confidential item)" in listed
    assert "Falcon" in ok(cli("terms", "--partnership", PARTNERSHIP, "--include-confidential", env=env))
    ok(cli("term", "merge", secret[-8:], other[-8:], env=env))
    line = refused(cli("term", "rename", secret[-8:], "Falcon", env=env))
    assert "a confidential term" in line and "'Project Falcon'" not in line
