"""The CLI loads only what the command asked for (issue 19): `where`, `--help` and `--version`
start without Textual, Rich, SQLite or the store's repositories, and each command's module is
imported only when that command runs."""

import argparse
import json
import subprocess
import sys

import pytest

from meetingkit.cli.parser import (
    ACTION_CHANGES,
    AGREEMENT_CHANGES,
    CAPTURE_KINDS,
    FORMATS,
    GLOSSARY_FORMATS,
    MINUTES_FORMATS,
    MOVES,
    NAMINGS,
    REPORT_FORMATS,
    REPORT_LANGUAGES,
    TERM_CHANGES,
    build_parser,
)

HEAVY = ("textual", "rich", "sqlite3", "_sqlite3", "sqlite_utils", "dateutil", "meetingkit.store.store",
         "meetingkit.core.models", "meetingkit.cli.maintenance", "meetingkit.cli.review")

PROBE = """
import json, sys
from meetingkit.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(argv: list[str], tmp_path) -> set[str]:
    """Every module a fresh interpreter has loaded after running `meetingkit ARGV`."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if any(name == h or name.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("argv", [["where"], ["--help"], ["--version"], ["where", "--help"], ["export", "--help"]])
def test_where_and_help_load_no_textual_rich_sqlite_or_store(argv: list[str], tmp_path) -> None:
    """`meetingkit where` (and the help) imports neither Textual nor Rich, SQLite nor the repositories."""
    modules = loaded_by(["--db", str(tmp_path / "m.db"), *argv], tmp_path)
    assert "meetingkit.cli" in modules
    assert heavy(modules) == []


def test_the_probe_would_notice_a_command_that_opens_the_store(tmp_path) -> None:
    """The check above can fail: `meetings` opens the database, and so loads SQLite and its command module."""
    modules = loaded_by(["--db", str(tmp_path / "m.db"), "meetings"], tmp_path)
    assert {"sqlite3", "meetingkit.store.store", "meetingkit.cli.meetings"} <= modules


def test_every_command_names_a_function_that_exists() -> None:
    """Each "module:function" a parser names resolves, so no command fails only when it is run."""
    from meetingkit.cli import command_named

    parser = build_parser()
    runs = {parser.get_default("run")}
    pending = [parser]
    while pending:
        for action in pending.pop()._actions:
            for sub in getattr(action, "choices", None) or {}:
                if isinstance(action.choices, dict):
                    subparser = action.choices[sub]
                    runs.add(subparser.get_default("run"))
                    pending.append(subparser)
    runs.discard(None)
    assert len(runs) >= 30
    for run in runs:
        assert callable(command_named(run)), run


def test_the_parsers_choices_are_the_commands_own() -> None:
    """The choices the parser spells out (so that it imports no command) are the ones the commands act on."""
    from meetingkit.cli.elephants import MOVES as ELEPHANT_MOVES
    from meetingkit.cli.meetings import CAPTURE_KINDS as KINDS
    from meetingkit.cli.register import ACTION_CHANGES as ACTIONS
    from meetingkit.cli.register import AGREEMENT_CHANGES as AGREEMENTS
    from meetingkit.cli.terms import TERM_CHANGES as TERMS
    from meetingkit.core import export, minutes, report
    from meetingkit.core.audience import Naming

    assert MOVES == tuple(ELEPHANT_MOVES)
    assert CAPTURE_KINDS == KINDS
    assert (ACTION_CHANGES, AGREEMENT_CHANGES, TERM_CHANGES) == (ACTIONS, AGREEMENTS, TERMS)
    assert NAMINGS == tuple(naming.value for naming in Naming)
    assert NAMINGS[1] == Naming.ORGANISATIONS.value
    assert (FORMATS, GLOSSARY_FORMATS) == (export.FORMATS, export.GLOSSARY_FORMATS)
    assert MINUTES_FORMATS == minutes.MINUTES_FORMATS
    assert REPORT_FORMATS == report.REPORT_FORMATS
    assert REPORT_LANGUAGES == report.REPORT_LANGUAGES


def _parsers(parser, words=()):
    """Every parser of the tree, with the words that reach it (`organisation merge`)."""
    yield words, parser
    for action in parser._actions:
        if isinstance(action.choices, dict):
            for name, subparser in action.choices.items():
                if isinstance(subparser, argparse.ArgumentParser):  # a command the line names, built
                    yield from _parsers(subparser, (*words, name))


def test_a_command_line_builds_the_same_help_as_the_whole_tree() -> None:
    """Built for one command line (only the commands it names in full), every help reads as before."""
    whole = dict(_parsers(build_parser()))
    assert len(whole) > 30
    for words, parser in whole.items():
        built = dict(_parsers(build_parser(["--db", "x.db", *words, "--help"])))
        assert built[words].format_help() == parser.format_help(), words
        assert built[()].format_help() == whole[()].format_help()


def test_an_unknown_command_is_still_refused_with_every_choice(capsys) -> None:
    """A mistyped command gets argparse's usage error, naming every command, exit status 2."""
    with pytest.raises(SystemExit) as stopped:
        build_parser(["wehre"]).parse_args(["wehre"])
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert "invalid choice: 'wehre'" in message
    assert "'where'" in message and "'organisation'" in message
