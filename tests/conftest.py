"""Fixtures shared by the whole suite: real temporary database files, a frozen clock,
the shipped agendas, the app built by the same factory the CLI uses. Plain helpers live in `helpers.py`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from meetingkit.cli import main
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.i18n import LANG_ENV, Language, as_language, set_language
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from tests.helpers import DAY, FROZEN_START, RunCli, migrated_file, new_database
from tests.ui.snapshot_app import Year, a_year_of_meetings

TEST_LANGUAGE: Language = as_language(os.environ.get("MEETINGKIT_TEST_LANG")) or "en"
"""The interface's language for the whole run: English, unless MEETINGKIT_TEST_LANG says French."""


READ_IN_ENGLISH = frozenset(
    line.strip() for line in (Path(__file__).parent / "read_in_english.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
"""The test files that check meetingkit's English words; they skip themselves in a French run."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers a core. Most of a worker's time is waiting (a pilot's pauses, a real
    process, a file's sync), not computing: on two cores, four workers took the suite's wall time
    down with its CPU (issue 19; figures in benchmarks/RESULTS.md)."""
    return 2 * (os.cpu_count() or 1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a French run (MEETINGKIT_TEST_LANG=fr), the files that read English words skip themselves."""
    if TEST_LANGUAGE == "en":
        return
    skip = pytest.mark.skip(reason="checks meetingkit's English words (tests/read_in_english.txt)")
    for item in items:
        if item.nodeid.split("::")[0] in READ_IN_ENGLISH:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _new_database_made_first() -> None:
    """Make `new_database`'s file before any test runs, so nothing a test patches can shape it."""
    migrated_file()


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder at a temporary home, so no test reads or writes the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_STATE_HOME": home / ".local" / "state",  # crash logs
    }.items():
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("MEETINGKIT_DB", raising=False)
    # The suite reads English words unless a test chooses French (tests/i18n), or the whole run
    # does (MEETINGKIT_TEST_LANG=fr, see below); an explicit language also keeps the first-start
    # question (English | Français) out of every app.
    monkeypatch.setenv(LANG_ENV, TEST_LANGUAGE)
    set_language(TEST_LANGUAGE)
    return home


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The interface in French for this test (and the commands it runs), English again after."""
    monkeypatch.setenv(LANG_ENV, "fr")
    set_language("fr")
    yield
    set_language(TEST_LANGUAGE)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run the `meetingkit` command in this process, through `main(argv)`, as `run_meetingkit` would in a new one.

    `cli("--db", path, "meetings", env={...}, cwd=folder, stdin="delete\\n")` gives a
    `CompletedProcess` with the exit status and what was printed. The environment and the
    folder are changed for that one call only; stdin is never a terminal (as with
    `stdin=DEVNULL`); argparse's own exit (usage errors, `--help`) becomes the status.
    """

    def run(
        *args: str | os.PathLike[str],
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = [os.fspath(arg) for arg in args]
        capsys.readouterr()  # what the test printed before is not this command's
        with monkeypatch.context() as patch:
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            if cwd is not None:
                patch.chdir(cwd)
            patch.setattr(sys, "stdin", io.StringIO(stdin or ""))
            try:
                status = main(argv)
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["meetingkit", *argv], int(status), out, err)

    return run


@pytest.fixture
def clock() -> FrozenClock:
    """A clock that stands still at 24 Nov 2026, 14:00 UTC until a test moves it."""
    return FrozenClock(FROZEN_START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file goes (not yet created)."""
    return tmp_path / "meetingkit.db"


@pytest.fixture
def context(db_path: Path) -> Context:
    """The files a test run uses: its own database, the shipped agendas only."""
    return Context(db_path=db_path, include_user_agendas=False)


@pytest.fixture
def store(context: Context, clock: FrozenClock) -> Iterator[Store]:
    """A real store on a new temporary file (`new_database`: a copy, not every migration run again)."""
    new_database(context.db_path)
    opened = context.open_store(clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def library(context: Context) -> AgendaLibrary:
    """The four shipped agendas."""
    return context.load_agendas()


@pytest.fixture
def history(store: Store, clock: FrozenClock, library: AgendaLibrary) -> dict[str, str]:
    """Three meetings of two partnerships: 60 and 30 days ago (operational, strategic) and one running today.

    The first holds one of everything, and a confidential action; the second a confidential turning point.
    """
    schools = store.partnerships.ensure("Schools and settlement")
    literacy = store.partnerships.ensure("Literacy network")
    clock.advance(-60 * DAY)
    first = store.meetings.start(store.meetings.create(schools.id, library.agendas["operational"]).id)
    store.meetings.add_attendee(first.id, "Dana", "School board")
    store.meetings.add_attendee(first.id, None, "Settlement agency")
    term, _ = store.jargon.mention(first.id, "ISP")
    store.jargon.mention(first.id, "ISP")
    store.jargon.mention(first.id, "MLO")
    elephant = store.boards.raise_elephant(first.id, "Funding by client numbers")
    point = store.boards.mark_turning_point(first.id, note="An apology for the missed referrals")
    agreement = store.business.add_agreement(first.id, "One referral form", review_on=date(2026, 12, 1))
    store.boards.link_turning_point(point, agreement.id)
    store.business.add_action(first.id, "Draft the form", due_on=date(2026, 11, 1))
    store.business.add_action(first.id, "Private thing", confidential=True)
    clock.advance(90 * 60)
    store.records.end_and_summarise(first.id)

    clock.advance(30 * DAY - 90 * 60)
    second = store.meetings.start(store.meetings.create(schools.id, library.agendas["strategic"]).id)
    store.jargon.add_meaning(term, "the family's settlement plan", meeting_id=second.id)
    store.jargon.mention(second.id, "ISP")
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=second.id, note="Talked it through")
    store.boards.mark_turning_point(second.id, note="Confidential moment", confidential=True)
    clock.advance(60 * 60)
    store.records.end_and_summarise(second.id)

    clock.advance(30 * DAY - 60 * 60)
    third = store.meetings.start(store.meetings.create(literacy.id, library.agendas["operational"]).id)
    return {"first": first.id, "second": second.id, "third": third.id, "schools": schools.id,
            "literacy": literacy.id}


EASTERN = "EST5EDT,M3.2.0,M11.1.0"
"""Ottawa's zone as a POSIX rule, so the expected files hold the same local days and hours on any machine."""


@pytest.fixture
def ottawa_time() -> Iterator[None]:
    """Local time is Ottawa's for the test (requested before the data is made, so its days are Ottawa's)."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset to pin the local zone")
    before = os.environ.get("TZ")
    os.environ["TZ"] = EASTERN
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def year(store: Store, clock: FrozenClock, library: AgendaLibrary) -> Year:
    """A partnership's year of meetings, with today's in progress (`tests/ui/snapshot_app.py`)."""
    return a_year_of_meetings(store, clock, library)


@pytest.fixture
def looking(db_path: Path, clock: FrozenClock, store: Store) -> Iterator[Store]:
    """The wall's own connection to the facilitator's file, opened for reading only."""
    opened = Store.open(db_path, clock=clock, read_only=True)
    yield opened
    opened.close()
