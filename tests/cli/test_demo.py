"""`meetingkit demo`: a believable history, the same for the same seed, never mixed into real data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.demo import COUNTED, PARTNERSHIPS, demo_start, schedule
from meetingkit.store import Store
from tests.helpers import RunCli, fill_demo, new_database

UNTIL = datetime(2026, 11, 24, 12, tzinfo=UTC)


def _history(path: Path, library: AgendaLibrary, seed: int) -> tuple[dict, list]:
    clock = FrozenClock(demo_start(16, UNTIL))
    with Store.open(new_database(path), clock=clock) as store:
        counts = fill_demo(store, clock, library, meetings=16, seed=seed, until=UNTIL)
        partnership = store.partnerships.all()[0]
        glossary = store.records.glossary_records(partnership.id, include_confidential=True)
        meetings = [(m.title, m.meeting_type, m.started_at, m.attendee_count) for m in store.meetings.recent(None)]
    return counts, [glossary, meetings]


def test_the_same_seed_gives_the_same_history(tmp_path: Path, library: AgendaLibrary) -> None:
    first = _history(tmp_path / "a.db", library, seed=7)
    again = _history(tmp_path / "b.db", library, seed=7)
    other = _history(tmp_path / "c.db", library, seed=8)
    assert first == again
    assert first != other


def test_the_history_has_what_a_practice_lead_looks_for(tmp_path: Path, library: AgendaLibrary) -> None:
    clock = FrozenClock(demo_start(30, UNTIL))
    with Store.open(new_database(tmp_path / "demo.db"), clock=clock) as store:
        fill_demo(store, clock, library, meetings=30, seed=1, until=UNTIL)
        meetings = store.meetings.recent(None)
        assert len(meetings) == 30 and all(m.status.value == "ended" for m in meetings)
        assert {m.meeting_type for m in meetings} >= {"operational", "reflective-practice", "strategic"}
        assert all(m.started_at < UNTIL for m in meetings)
        newcomers = next(p for p in store.partnerships.all() if p.name == PARTNERSHIPS[0].name)
        counselling = next(t for t in store.jargon.glossary(newcomers.id) if t.display == "counselling")
        assert len({m.organisation for m in counselling.meanings}) >= 2, "one word, different meanings"
        assert any(t.unexplained for t in store.jargon.glossary(newcomers.id))
        lot = store.boards.parking_lot(newcomers.id)
        assert any(e.status is ElephantStatus.ADDRESSED for e in lot) and any(e.is_open for e in lot)
        assert store.db.value("SELECT count(*) FROM actions WHERE carried_from_id IS NOT NULL") > 0
        assert store.db.value("SELECT count(*) FROM turning_points WHERE agreement_id IS NOT NULL") > 0


def test_a_benchmark_history_is_dense_and_varied(tmp_path: Path, library: AgendaLibrary) -> None:
    """About fifty captured items a meeting, counted as rows, with texts that differ and can be searched."""
    clock = FrozenClock(demo_start(24, UNTIL))
    with Store.open(new_database(tmp_path / "dense.db"), clock=clock) as store:
        counts = fill_demo(store, clock, library, meetings=24, seed=3, until=UNTIL)
        rows = {
            "jargon_mentions": "SELECT count(*) FROM jargon_mentions",
            "jargon_meanings": "SELECT count(*) FROM jargon_meanings",
            "section_notes": "SELECT count(DISTINCT section_run_id) FROM notes",  # sections with notes
            "elephants": "SELECT count(*) FROM elephants",
            "turning_points": "SELECT count(*) FROM turning_points",
            "agreements": "SELECT count(*) FROM agreements",
            "actions": "SELECT count(*) FROM actions",
        }
        stored = {kind: store.db.value(sql) for kind, sql in rows.items()}
        assert stored == {kind: counts[kind] for kind in COUNTED}
        assert counts["items"] == sum(counts[kind] for kind in COUNTED)
        assert 40 <= counts["items"] / counts["meetings"] <= 65
        assert counts["jargon_mentions"] >= 25 * 24, "the same acronyms come up again and again"
        assert all(counts[kind] for kind in COUNTED)
        assert store.db.value("SELECT max(n) FROM (SELECT count(*) AS n FROM jargon_mentions "
                            "GROUP BY meeting_id, term_id)") >= 5
        notes = [row[0] for row in store.db.rows("SELECT group_concat(text, char(10)) FROM notes GROUP BY section_run_id")]
        assert len(set(notes)) >= 0.9 * len(notes), "notes are built from pieces, not copied"
        assert store.db.value("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") == 0
        assert store.records.search("ISP", include_confidential=True)
        partnerships = store.partnerships.all()
        assert {p.name for p in partnerships} == {demo.name for demo in PARTNERSHIPS}
        for partnership in partnerships:
            assert partnership.meeting_count == 24 // len(PARTNERSHIPS)
            glossary = store.jargon.glossary(partnership.id)
            two_meanings = [t for t in glossary if len({m.organisation for m in t.meanings}) >= 2]
            assert two_meanings, f"{partnership.name}: one word, different meanings"
            assert any(term.expansion for term in glossary) and any(term.unexplained for term in glossary)
            assert max(term.total for term in glossary) >= 30


def test_partnerships_meet_side_by_side_on_weekdays() -> None:
    plan = schedule(60, 1, UNTIL)
    assert len(plan) == 60 and plan == sorted(plan)
    for index in range(len(PARTNERSHIPS)):
        starts = [start for start, whose in plan if whose == index]
        assert len(starts) == 60 // len(PARTNERSHIPS)
        gaps = [(later - earlier).days for earlier, later in zip(starts, starts[1:], strict=False)]
        assert all(4 <= gap <= 14 for gap in gaps)
        assert UNTIL - starts[-1] >= timedelta(days=2)
    assert all(start.weekday() < 5 and start.hour in (9, 10, 13, 14) for start, _ in plan)
    assert plan[0][0] > demo_start(60, UNTIL)


def test_the_demo_command_will_not_mix_into_real_data(db_path: Path, cli: RunCli) -> None:
    env = {"MEETINGKIT_DB": str(db_path)}
    result = cli("demo", "--meetings", "4", env=env)
    assert result.returncode == 0, result.stderr
    assert "Added 4 demo meetings" in result.stdout and "captured items" in result.stdout
    listed = json.loads(cli("meetings", "--json", env=env).stdout)
    assert len(listed) == 4 and all(m["partnership"].endswith("(demo)") for m in listed)
    cli("start", "--partnership", "Our real partnership", "--type", "operational", env=env)
    refused = cli("demo", "--meetings", "2", env=env)
    assert refused.returncode == 1 and "already holds real partnerships" in refused.stderr
    forced = cli("demo", "--meetings", "2", "--force", env=env)
    assert forced.returncode == 0, forced.stderr


def test_agreements_have_a_life_in_a_long_history(tmp_path: Path, library: AgendaLibrary) -> None:
    """Issue 16: over a long history, agreements due for review are confirmed, reworded or retired in the
    next meeting's review section, so the register is not every agreement active and most of them due."""
    clock = FrozenClock(demo_start(120, UNTIL))
    with Store.open(new_database(tmp_path / "long.db"), clock=clock) as store:
        counts = fill_demo(store, clock, library, meetings=120, seed=1, until=UNTIL)
        statuses = dict(store.db.rows("SELECT status, count(*) FROM agreements GROUP BY status"))
        assert statuses.get("revised", 0) > 0 and statuses.get("retired", 0) > 0
        assert counts["agreements"] == store.db.value("SELECT count(*) FROM agreements")
        today = clock.now().date()
        for partnership in store.partnerships.all():
            register = store.business.agreement_register(partnership.id, include_confidential=True)
            due = [a for a in register if a.due_for_review(today)]
            assert len(due) <= len(register) // 2, partnership.name
