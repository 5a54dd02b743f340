"""`meetingkit --lang fr demo`: French-speaking partnerships on the French agendas; the English demo
is the history it always was."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.demo import ENGLISH, FRENCH, PARTNERSHIPS, PARTNERSHIPS_FR, demo_start, is_demo
from meetingkit.store import Store
from tests.helpers import RunCli, fill_demo, new_database

UNTIL = datetime(2026, 11, 24, 12, tzinfo=UTC)


def _filled(path: Path, library: AgendaLibrary, meetings: int = 12) -> Store:
    clock = FrozenClock(demo_start(meetings, UNTIL))
    store = Store.open(new_database(path), clock=clock)
    fill_demo(store, clock, library, meetings=meetings, seed=2, until=UNTIL)
    return store


def test_a_french_demo_invents_french_speaking_partnerships(tmp_path: Path, library: AgendaLibrary, french: None) -> None:
    with _filled(tmp_path / "demo.db", library) as store:
        partnerships = store.partnerships.all()
        assert {p.name for p in partnerships} == {demo.name for demo in PARTNERSHIPS_FR}
        assert all(p.name.endswith(" (démo)") and is_demo(p.name) for p in partnerships)
        terms = {t.display for p in partnerships for t in store.jargon.glossary(p.id)}
        assert {"CÉSOC", "PEI", "SAE", "AFB"} <= terms
        meetings = store.meetings.recent(None)
        assert len(meetings) == 12
        titles = {m.title for m in meetings}
        assert titles <= {"Réunion opérationnelle", "Groupe de pratique réflexive", "Réunion stratégique",
                          "Séance de formation commune"}
        first = store.meetings.get(meetings[0].id)
        assert first.sections[0].title == "Accueil et nos ententes pour un espace sécuritaire"
        lot = [e.text for p in partnerships for e in store.boards.parking_lot(p.id)]
        assert lot and all(not text.startswith(("We ", "Our ", "Nobody")) for text in lot)
        notes = " ".join(row["text"] for row in store.db.rows("SELECT text FROM notes"))
        assert "Actions\u00a0:" in notes or "Éléphants\u00a0:" in notes
        assert "Actions:" not in notes and "someone" not in notes


def test_the_french_demo_has_as_many_partnerships_and_the_same_kinds_of_piece() -> None:
    assert len(PARTNERSHIPS_FR) == len(PARTNERSHIPS)
    assert list(FRENCH.turning_points) == list(ENGLISH.turning_points)
    for demo in PARTNERSHIPS_FR:
        assert set(demo.key_terms) <= set(demo.terms)
        for first, _second in demo.same_as:
            assert first in demo.terms
    for text in (*FRENCH.discussion_notes, *FRENCH.welcome_notes, *FRENCH.close_notes, FRENCH.round_line):
        assert " :" not in text and "'" not in text, text


def test_the_english_demo_is_unchanged(tmp_path: Path, library: AgendaLibrary) -> None:
    with _filled(tmp_path / "demo.db", library, meetings=6) as store:
        assert {p.name for p in store.partnerships.all()} == {demo.name for demo in PARTNERSHIPS}
        meeting = store.meetings.get(store.meetings.recent(None)[0].id)
        assert meeting.sections[0].title == "Welcome and our safe-space agreements"


def test_the_demo_command_in_french(db_path: Path, cli: RunCli, french: None) -> None:
    env = {"MEETINGKIT_DB": str(db_path)}
    result = cli("demo", "--meetings", "3", env=env)
    assert result.returncode == 0, result.stderr
    listed = json.loads(cli("meetings", "--json", env=env).stdout)
    assert len(listed) == 3 and all(m["partnership"].endswith("(démo)") for m in listed)
