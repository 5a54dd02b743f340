"""`meetingkit demo`: a believable history, the same for the same seed, never mixed into real data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.demo import PARTNERSHIPS, demo_start, fill
from meetingkit.store import Store
from tests.conftest import run_meetingkit

UNTIL = datetime(2026, 11, 24, 12, tzinfo=UTC)


def _history(path: Path, library: AgendaLibrary, seed: int) -> tuple[dict, list]:
    clock = FrozenClock(demo_start(16, UNTIL))
    with Store.open(path, clock=clock) as store:
        counts = fill(store, clock, library, meetings=16, seed=seed, until=UNTIL)
        partnership = store.partnerships()[0]
        glossary = store.glossary_records(partnership.id, include_confidential=True)
        meetings = [(m.title, m.meeting_type, m.started_at, m.attendee_count) for m in store.recent_meetings(None)]
    return counts, [glossary, meetings]


def test_the_same_seed_gives_the_same_history(tmp_path: Path, library: AgendaLibrary) -> None:
    first = _history(tmp_path / "a.db", library, seed=7)
    again = _history(tmp_path / "b.db", library, seed=7)
    other = _history(tmp_path / "c.db", library, seed=8)
    assert first == again
    assert first != other


def test_the_history_has_what_a_practice_lead_looks_for(tmp_path: Path, library: AgendaLibrary) -> None:
    clock = FrozenClock(demo_start(30, UNTIL))
    with Store.open(tmp_path / "demo.db", clock=clock) as store:
        fill(store, clock, library, meetings=30, seed=1, until=UNTIL)
        meetings = store.recent_meetings(None)
        assert len(meetings) == 30 and all(m.status.value == "ended" for m in meetings)
        assert {m.meeting_type for m in meetings} >= {"operational", "reflective-practice", "strategic"}
        assert all(m.started_at < UNTIL for m in meetings)
        newcomers = next(p for p in store.partnerships() if p.name == PARTNERSHIPS[0].name)
        counselling = next(t for t in store.glossary(newcomers.id) if t.display == "counselling")
        assert len({m.organisation for m in counselling.meanings}) >= 2, "one word, different meanings"
        assert any(t.unexplained for t in store.glossary(newcomers.id))
        lot = store.parking_lot(newcomers.id)
        assert any(e.status is ElephantStatus.ADDRESSED for e in lot) and any(e.is_open for e in lot)
        assert store._value("SELECT count(*) FROM actions WHERE carried_from_id IS NOT NULL") > 0
        assert store._value("SELECT count(*) FROM turning_points WHERE agreement_id IS NOT NULL") > 0


def test_the_demo_command_will_not_mix_into_real_data(db_path: Path) -> None:
    env = {"MEETINGKIT_DB": str(db_path)}
    result = run_meetingkit("demo", "--meetings", "4", env=env)
    assert result.returncode == 0, result.stderr
    assert "Added 4 demo meetings" in result.stdout
    listed = json.loads(run_meetingkit("meetings", "--json", env=env).stdout)
    assert len(listed) == 4 and all(m["partnership"].endswith("(demo)") for m in listed)
    run_meetingkit("start", "--partnership", "Our real partnership", "--type", "operational", env=env)
    refused = run_meetingkit("demo", "--meetings", "2", env=env)
    assert refused.returncode == 1 and "already holds real partnerships" in refused.stderr
    forced = run_meetingkit("demo", "--meetings", "2", "--force", env=env)
    assert forced.returncode == 0, forced.stderr
