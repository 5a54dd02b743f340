"""Fixtures the screen tests share: a year of meetings to look at, and the wall's own connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from tests.ui.snapshot_app import Year, a_year_of_meetings


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
