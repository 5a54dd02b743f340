"""Migration 12 (issue 18): a meeting's working language, a term's language, and terms keyed
without accents, on real files.

A file of schema 11 is made through the store's own methods with the key as it was then (accents
kept), so CÉSOC, CESOC and cèsoc are three terms in it; the upgrade makes them one, as `term
merge` would, keeping every mention and meaning; two sites upgrading copies of one file make the
same rows; and a merge of a file from a site still on the old keys counts under one term.
"""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

import meetingkit.store.connection as store_connection
import meetingkit.store.database as store_base
import meetingkit.store.jargon as store_jargon
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import TermLanguage, WorkingLanguage
from meetingkit.core.text import sanitise
from meetingkit.store import Store
from meetingkit.store.merge_checks import problem
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tests.store.test_merge_properties import shared_contents

START = datetime(2026, 9, 1, 9, 0, 27, tzinfo=UTC)


def old_key(term: str) -> str:
    """`core.text.jargon_key` before migration 12: accents made another term."""
    folded = unicodedata.normalize("NFKC", sanitise(term)).casefold().replace(".", "")
    return " ".join(folded.split()).strip("\"'“”‘’«»()[]{}<>,;:!?¿¡ ")


@contextmanager
def version_11(path: Path, monkeypatch: pytest.MonkeyPatch, clock: FrozenClock | None = None) -> Iterator[Store]:
    """A store on a file as meetingkit of schema 11 made it: migration 12 unknown, the old key."""
    with monkeypatch.context() as patch:
        patch.setattr(store_base, "MIGRATIONS", MIGRATIONS[:11])
        patch.setattr(store_base, "LATEST_VERSION", 11)
        patch.setattr(store_connection, "LATEST_VERSION", 11)
        patch.setattr(store_jargon, "jargon_key", old_key)
        with Store.open(path, clock=clock or FrozenClock(START)) as store:
            assert store.schema_version() == 11
            yield store


def a_meeting(store: Store, library: AgendaLibrary, partnership: str = "Northside") -> str:
    partnership_id = store.partnerships.ensure(partnership).id
    return store.meetings.start(store.meetings.create(partnership_id, library.agendas["operational"]).id).id


def three_spellings(path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A schema 11 file where CESOC, CÉSOC and cèsoc are three terms, each with something of its own."""
    clock = FrozenClock(START)
    with version_11(path, monkeypatch, clock) as store:
        meeting = a_meeting(store, library)
        org = store.partnerships.ensure_organisation(store.meetings.get(meeting).partnership_id, "OCISO").id
        first, _ = store.jargon.mention(meeting, "CESOC")
        clock.advance(60)
        store.jargon.add_meaning(first, "the settlement office's intake", organisation_id=org)
        second, _ = store.jargon.mention(meeting, "CÉSOC")
        store.jargon.mention(meeting, "CÉSOC")
        store.jargon.explain_term(second, expansion="Centre des services communautaires")
        store.jargon.add_meaning(second, "le centre de la rue Rideau")
        store.jargon.same_as(second, "CSC")
        third, _ = store.jargon.mention(meeting, "cèsoc", confidential=True)  # a slip of the accent
        other, _ = store.jargon.mention(meeting, "ITP")
        assert len(store.jargon.glossary(store.meetings.get(meeting).partnership_id)) == 5  # with CSC
        return {"meeting": meeting, "first": first, "second": second, "third": third, "other": other}


def test_the_upgrade_makes_spellings_differing_in_accents_one_term_keeping_everything(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "site.db"
    made = three_spellings(path, library, monkeypatch)
    with Store.open(path) as store:
        assert store.schema_version() == LATEST_VERSION  # 12, and any later
        partnership = store.meetings.get(made["meeting"]).partnership_id
        glossary = store.jargon.glossary(partnership)
        assert sorted(term.display for term in glossary) == ["CESOC", "CSC", "ITP"]
        cesoc = store.jargon.board_term(made["first"])
        assert cesoc.display == "CESOC"  # shown as first written
        assert cesoc.total == 4
        assert sorted(m.meaning for m in cesoc.meanings) == ["le centre de la rue Rideau", "the settlement office's intake"]
        assert cesoc.expansion == "Centre des services communautaires"
        assert cesoc.same_as == ("CSC",)
        assert not cesoc.unexplained
        # The others stay as rows pointing at it, as `term merge` leaves them.
        for merged in (made["second"], made["third"]):
            assert store.jargon.merged_into(merged) == made["first"]
        # Where the confidential spelling was raised stays confidential under the term it joined.
        assert store.db.value("SELECT count(*) FROM jargon_mentions WHERE confidential = 1") == 1
        # Every key is unique and the standing one is the folded spelling.
        assert store.db.value("SELECT key FROM jargon_terms WHERE id = ?", [made["first"]]) == "cesoc"
        # And any spelling captured later counts under it.
        term_id, tally = store.jargon.mention(made["meeting"], "Césoc")
        assert (term_id, tally) == (made["first"], 5)
        # Meetings made before worked in English; terms named before have no language said.
        assert store.meetings.get(made["meeting"]).language is WorkingLanguage.EN
        assert cesoc.language is None
        assert store.db.value("PRAGMA foreign_key_check") is None


def test_two_sites_upgrading_copies_of_one_file_make_the_same_rows(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    three_spellings(here, library, monkeypatch)
    shutil.copyfile(here, there)
    Store.open(here).close()
    with Store.open(there, clock=FrozenClock(datetime(2026, 10, 1, tzinfo=UTC))):
        pass
    assert shared_contents(here) == shared_contents(there)
    with Store.open(here) as store:
        report = store.merge.merge_file(there)
        assert not report.conflicts
        assert store.db.value("SELECT count(*) FROM jargon_terms WHERE merged_into_id IS NULL") == 3


def test_a_merge_of_a_file_from_a_site_on_the_old_key_counts_under_one_term(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sites named the term separately, one with accents, one without, before migration 12."""
    there = tmp_path / "there.db"
    clock = FrozenClock(START)
    with version_11(there, monkeypatch, clock) as store:
        meeting_there = a_meeting(store, library)
        store.jargon.mention(meeting_there, "CÉSOC")
        clock.advance(60)
        store.jargon.mention(meeting_there, "Cesoc")
        assert store.db.value("SELECT count(*) FROM jargon_terms") == 2
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(datetime(2026, 10, 1, tzinfo=UTC))) as store:
        meeting_here = a_meeting(store, library)
        store.jargon.mention(meeting_here, "CESOC")
        store.merge.merge_file(there)
        partnership = store.meetings.get(meeting_here).partnership_id
        [term] = store.jargon.glossary(partnership)
        assert term.total == 3 and term.meetings == 2
        assert term.display == "CÉSOC"  # written first, at the other site
        assert store.jargon.mention(meeting_here, "cesoc")[0] == term.id


def test_a_meetings_language_and_a_terms_are_held_to_their_values(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    path = tmp_path / "site.db"
    with Store.open(path) as store:
        partnership = store.partnerships.ensure("Réseau").id
        meeting = store.meetings.create(partnership, library.agendas["operational"], language=WorkingLanguage.FR)
        assert store.meetings.get(meeting.id).language is WorkingLanguage.FR
        term, _ = store.jargon.mention(store.meetings.start(meeting.id).id, "PEI")
        assert store.jargon.board_term(term).language is TermLanguage.FR
    connection = sqlite3.connect(path)
    try:
        for statement in ("UPDATE meetings SET language = 'de'", "UPDATE jargon_terms SET language = 'en+fr'"):
            with pytest.raises(sqlite3.IntegrityError), connection:
                connection.execute(statement)
    finally:
        connection.close()
    types = {"language": "TEXT"}
    assert problem("meetings", {"language": "de"}, types) == "its language is not one of en, fr, en+fr"
    assert problem("meetings", {"language": "en+fr"}, types) is None
    assert problem("jargon_terms", {"language": "en+fr"}, types) == "its language is not one of en, fr"
    assert problem("jargon_terms", {"language": None}, types) is None


def test_a_bilingual_meetings_new_terms_have_no_language_until_someone_says(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    with Store.open(tmp_path / "site.db") as store:
        partnership = store.partnerships.ensure("Réseau").id
        meeting = store.meetings.create(partnership, library.agendas["operational"], language=WorkingLanguage.BOTH)
        meeting_id = store.meetings.start(meeting.id).id
        pei, _ = store.jargon.mention(meeting_id, "PEI")
        iep, _ = store.jargon.mention(meeting_id, "IEP")
        assert store.jargon.board_term(pei).language is None
        store.jargon.set_language(pei, TermLanguage.FR)
        store.jargon.set_language(iep, TermLanguage.EN)
        store.jargon.same_as(iep, "PEI")
        assert store.jargon.board_term(iep).equivalents == ("PEI",)
        assert [t.display for t in store.jargon.glossary(partnership, language=TermLanguage.FR)] == ["PEI"]
        assert [t.display for t in store.jargon.glossary(partnership, language=TermLanguage.EN)] == ["IEP"]
        [change] = [c for c in store.changes.history("jargon_terms", pei) if c.fields]
        assert change.fields == (("language", None, "fr"),)


def test_terms_another_tool_wrote_oddly_are_rekeyed_without_losing_a_byte(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spellings with a NUL or a quote in them, written by another tool: the upgrade keeps them as they were."""
    path = tmp_path / "site.db"
    clock = FrozenClock(START)
    with version_11(path, monkeypatch, clock) as store:
        meeting = a_meeting(store, library)
        first, _ = store.jargon.mention(meeting, "L'ÉCOLE")
        clock.advance(60)
        second, _ = store.jargon.mention(meeting, "l'ecole")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE jargon_terms SET expansion = ? WHERE id = ?", ["école\x00'; DROP TABLE x; --", second])
    connection.close()
    with Store.open(path) as store:
        assert store.jargon.merged_into(second) == first
        assert store.db.value("SELECT key FROM jargon_terms WHERE id = ?", [second]) == f"l'ecole ({second})"
    connection = sqlite3.connect(path)  # as stored (the store's reads take a NUL out)
    try:
        assert connection.execute("SELECT expansion FROM jargon_terms WHERE id = ?", [first]).fetchone()[0] == (
            "école\x00'; DROP TABLE x; --"
        )
    finally:
        connection.close()
