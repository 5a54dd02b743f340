"""Fixtures shared by the whole suite: real temporary database files, a frozen clock,
the shipped agendas, the app built by the same factory the CLI uses, and a way to
run the real `meetingkit` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store

FROZEN_START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder at a temporary home, so no test reads or writes the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
    }.items():
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("MEETINGKIT_DB", raising=False)
    return home


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
    """A real store on a temporary file."""
    opened = context.open_store(clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def library(context: Context) -> AgendaLibrary:
    """The four shipped agendas."""
    return context.load_agendas()


def run_meetingkit(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m meetingkit`) and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "meetingkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
