"""A conflict says what each site decided, field by field, not only when: the practice lead
checking a merge sees both decisions, and nothing confidential."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from tests.helpers import RunCli
from tests.store.test_merge import HOUR, START, a_meeting, two_sites


@pytest.fixture
def agendas() -> AgendaLibrary:
    return Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


def at(hours: int) -> FrozenClock:
    clock = FrozenClock(START)
    clock.advance(hours * HOUR)
    return clock


def decided_two_ways(tmp_path: Path, agendas: AgendaLibrary) -> tuple[Path, Path, dict[str, str]]:
    """Two sites with the same elephant: addressed here a day later, let go there two days later."""
    here, there, made = two_sites(tmp_path, agendas)
    for path, status, note, hours in (
        (here, ElephantStatus.ADDRESSED, "Agreed a shared count", 24),
        (there, ElephantStatus.LET_GO, "Out of our hands", 48),
    ):
        with Store.open(path, clock=at(hours)) as store:
            store.boards.set_elephant_status(made["elephant"], status, meeting_id=None, note=note)
    return here, there, made


def test_an_elephant_decided_two_ways_lists_each_sites_status_and_note(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, made = decided_two_ways(tmp_path, agendas)

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert 'status: here "addressed", there "let go"' in out
    assert 'note: here "Agreed a shared count", there "Out of our hands"' in out
    with Store.open(here) as store:
        report = store.merge.merge_file(there, dry_run=True)
    assert report.conflicts == []  # seen now: a repeat merge has nothing to list


def test_every_field_that_differs_is_listed_for_any_item(tmp_path: Path, agendas: AgendaLibrary, cli: RunCli) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=at(0)) as store:
        meeting = a_meeting(store, agendas)
        agreement = store.business.add_agreement(meeting, "Share the intake form").id
        store.meetings.end(meeting)
    there = tmp_path / "there.db"
    there.write_bytes(here.read_bytes())
    for path, hours, text, review in ((here, 1, "Share the intake form by March", "2027-03-01"),
                                      (there, 2, "Share the intake form monthly", "2027-01-15")):
        with Store.open(path, clock=at(hours)) as store:
            store.db.write(lambda s=store, t=text, r=review: s.db.update(
                "agreements", agreement, {"text": t, "review_on": r}))

    result = cli("--db", here, "merge", there)

    out = result.stdout
    assert 'words: here "Share the intake form by March", there "Share the intake form monthly"' in out
    assert 'review date: here "2027-03-01", there "2027-01-15"' in out


def test_a_confidential_conflict_names_the_fields_but_not_what_either_site_wrote(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here = tmp_path / "here.db"
    with Store.open(here, clock=at(0)) as store:
        meeting = a_meeting(store, agendas)
        agreement = store.business.add_agreement(meeting, "Private arrangement about one family", confidential=True).id
        store.meetings.end(meeting)
    there = tmp_path / "there.db"
    there.write_bytes(here.read_bytes())
    for path, hours, text in ((here, 1, "Arrangement for the Haddad family"), (there, 2, "Arrangement for the family")):
        with Store.open(path, clock=at(hours)) as store:
            store.db.write(lambda s=store, t=text: s.db.update("agreements", agreement, {"text": t}))

    result = cli("--db", here, "merge", there)

    assert "a confidential agreement" in result.stdout
    assert "words: differs" in result.stdout
    assert "Haddad" not in result.stdout and "family" not in result.stdout


def test_a_term_made_at_both_sites_with_two_expansions_lists_the_one_not_kept(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """The expansion written first is kept; the other was dropped without a word."""
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    for path, expansion, hours in ((here, "Individual Service Plan", 1), (there, "Internet Service Provider", 2)):
        with Store.open(path, clock=at(hours)) as store:
            meeting = a_meeting(store, agendas)
            term, _ = store.jargon.mention(meeting, "ISP")
            store.jargon.explain_term(term, expansion=expansion)

    result = cli("--db", here, "merge", there)

    assert result.returncode == 0, result.stderr
    assert 'glossary term "ISP"' in result.stdout
    assert 'expansion: here "Individual Service Plan", there "Internet Service Provider"' in result.stdout
    assert "kept this file's" in result.stdout


def test_the_decision_not_kept_stays_in_the_rows_history_after_the_merge(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there, made = decided_two_ways(tmp_path, agendas)

    assert cli("--db", here, "merge", there).returncode == 0
    assert cli("--db", here, "merge", there).returncode == 0  # again: nothing new, nothing recorded twice

    with Store.open(here) as store:
        [decision] = store.merge.history("elephants", made["elephant"])
        assert decision.other_file == "there.db" and decision.kept == "there"
        fields = {column: (mine, theirs) for column, mine, theirs in decision.fields}
        assert fields["status"] == ("addressed", "let_go")
        assert fields["resolution_note"] == ("Agreed a shared count", "Out of our hands")
        assert decision.here_at < decision.there_at
        store.retention.delete_meetings([made["meeting"]])  # the elephant goes with its meeting...
        assert store.db.value("SELECT count(*) FROM merge_conflicts") == 0  # ...and what was decided of it


def test_a_term_joined_from_two_sites_keeps_its_conflict_under_the_id_it_ends_with(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    for path, expansion, hours in ((here, "Individual Service Plan", 1), (there, "Internet Service Provider", 2)):
        with Store.open(path, clock=at(hours)) as store:
            term, _ = store.jargon.mention(a_meeting(store, agendas), "ISP")
            store.jargon.explain_term(term, expansion=expansion)

    assert cli("--db", here, "merge", there).returncode == 0

    with Store.open(here) as store:
        [term_id] = [row[0] for row in store.db.execute("SELECT id FROM jargon_terms")]
        [decision] = store.merge.history("jargon_terms", term_id)
        assert decision.fields == (("expansion", "Individual Service Plan", "Internet Service Provider"),)


def test_a_meetings_record_shows_what_each_site_decided_and_its_history_says_when_and_where(
    tmp_path: Path, agendas: AgendaLibrary, cli: RunCli
) -> None:
    """After the merge, the losing decision is in the item's record, in every format, and each entry
    of an elephant's history says when and in which meeting it was made."""
    import json

    here, there, made = decided_two_ways(tmp_path, agendas)
    assert cli("--db", here, "merge", there).returncode == 0

    exported = json.loads(cli("--db", here, "export", made["meeting"], "--format", "json").stdout)
    [elephant] = exported["elephants"]
    [conflict] = elephant["merge_conflicts"]
    assert conflict["other_file"] == "there.db" and conflict["kept"] == "there"
    assert {"field": "status", "here": "addressed", "there": "let_go"} in conflict["fields"]
    assert all({"at", "meeting_id", "meeting"} <= set(entry) for entry in elephant["history"])
    assert elephant["history"][0]["meeting"] == "Operational meeting" and elephant["history"][0]["at"]
    markdown = cli("--db", here, "export", made["meeting"], "--format", "md").stdout
    assert 'decided at two sites, merged from there.db on' in markdown
    assert 'status: "addressed" here, "let go" at there.db' in markdown
    assert "the other site's kept" in markdown
