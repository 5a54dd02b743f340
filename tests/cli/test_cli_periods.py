"""Periods on the command line mean what the review filter means (issue 15): `report --period X` is
X as the filter reads it ("Q3" is July to September), `--since X` and `--until Y` are "since X" and
"until Y", and a range where one time belongs is refused with one line, never cut short silently."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from meetingkit.core.clock import Clock, local
from meetingkit.core.periods import parse_period
from tests.helpers import RunCli

PARTNERSHIP = "Settlement & Schools"


@pytest.fixture
def db(db_path: Path, cli: RunCli) -> str:
    """A file with one meeting in progress, of `PARTNERSHIP`."""
    started = cli("--db", str(db_path), "start", "--partnership", PARTNERSHIP, "--type", "operational")
    assert started.returncode == 0, started.stderr
    return str(db_path)


def period_line(report: str) -> str:
    """The period a report says it covers: "Wed 01 Jul 2026 to Wed 30 Sep 2026"."""
    found = re.search(r"Period: \*\*(.+?)\*\*", report)
    assert found, report[:300]
    return found[1]


def one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1, stderr
    return stderr.strip()


@pytest.mark.parametrize(
    "phrase", ["Q3 2026", "Sept 2026 to Nov 2026", "between 1 March 2026 and 3 April 2026", "2025", "since Q3 2026",
               "until March 2026"],
)
def test_report_period_is_read_exactly_as_the_review_filter_reads_it(db: str, cli: RunCli, phrase: str) -> None:
    result = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--period", phrase)
    assert result.returncode == 0, result.stderr
    today = local(Clock().now()).date()
    period = parse_period(phrase, today)

    def day(value: date) -> str:  # as every date in the report is written
        return f"{value:%a %d %b %Y}"

    if period.start and period.end:
        expected = f"{day(period.start)} to {day(period.end)}"
    elif period.start:
        expected = f"from {day(period.start)} to {day(today)}"
    else:
        assert period.end is not None
        expected = f"up to {day(period.end)}"
    assert period_line(result.stdout) == expected


def test_a_quarter_is_its_three_months_with_period_and_from_its_start_on_with_since(db: str, cli: RunCli) -> None:
    quarter = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--period", "Q3 2026")
    assert period_line(quarter.stdout) == "Wed 01 Jul 2026 to Wed 30 Sep 2026"
    since = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--since", "Q3 2026")
    assert period_line(since.stdout).startswith("from Wed 01 Jul 2026 to ")
    both = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--since", "Q3 2026", "--until", "Q3 2026")
    assert period_line(both.stdout) == "Wed 01 Jul 2026 to Wed 30 Sep 2026"


@pytest.mark.parametrize(
    ("option", "phrase"),
    [("--since", "Sept to Nov"), ("--since", "between March and June"), ("--until", "March - June"),
     ("--since", "since March"), ("--until", "before 2026")],
)
def test_a_range_given_to_since_or_until_is_refused_and_points_to_period(
    db: str, cli: RunCli, option: str, phrase: str
) -> None:
    result = cli("--db", db, "report", "--partnership", PARTNERSHIP, option, phrase)
    assert (result.returncode, result.stdout) == (1, "")
    assert one_line(result.stderr) == (
        f"meetingkit: {option} takes one time, such as 'March', 'Q3' or '1 March 2026', and '{phrase}' "
        f"is a range: use --period '{phrase}' for it."
    )


@pytest.mark.parametrize("other", [("--since", "March"), ("--until", "June"), ("--since", "2025", "--until", "2026")])
def test_period_with_since_or_until_is_refused_in_one_line(db: str, cli: RunCli, other: tuple[str, ...]) -> None:
    result = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--period", "Q3", *other)
    assert (result.returncode, result.stdout) == (1, "")
    assert one_line(result.stderr).startswith("meetingkit: Give --period on its own, or --since and --until, not both")


def test_a_period_not_understood_is_refused_whole(db: str, cli: RunCli) -> None:
    result = cli("--db", db, "report", "--partnership", PARTNERSHIP, "--period", "Sept to whenever")
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("meetingkit: Couldn't read 'Sept to whenever' as a period")


def test_purge_before_a_range_is_refused_and_deletes_nothing(db: str, cli: RunCli) -> None:
    cli("--db", db, "end")
    before = json.loads(cli("--db", db, "meetings", "--json").stdout)
    result = cli("--db", db, "purge", "--before", "Sept to Nov", "--yes")
    assert result.returncode == 1
    assert "--before takes one time" in one_line(result.stderr) and "'Sept to Nov' is a range" in result.stderr
    assert json.loads(cli("--db", db, "meetings", "--json").stdout) == before
