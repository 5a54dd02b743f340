"""Full-text search: anything typed is safe, blank finds nothing, a word being typed matches as a
prefix, accents fold, confidential items are not searched unless asked, and the index follows edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.text import HIT_END, HIT_START, fts_query
from meetingkit.store import Store
from tests.helpers import HOSTILE_QUERIES, RunCli


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Literacy & Employment")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.add_action(meeting.id, "Send the referral form to the school")
    store.business.add_agreement(meeting.id, "About the Ahmed family at the school", confidential=True)
    term, _ = store.jargon.mention(meeting.id, "LBS")
    store.jargon.add_meaning(term, "Literacy and Basic Skills programme")
    store.notes.add(meeting.id, "Waitlist for counselling is six weeks")
    store.boards.raise_elephant(meeting.id, "Café funding feels unfair")
    store.boards.mark_turning_point(meeting.id, note="I never thought about it like that")
    return meeting


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(store: Store, meeting, query: str) -> None:
    assert isinstance(store.records.search(query), list)


@given(st.text(max_size=60))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_a_safe_query(store: Store, meeting, query: str) -> None:
    store.records.search(query)


@pytest.mark.parametrize("blank", ["", "   ", "\t\n", "\x1b", "()*"])
def test_blank_queries_find_nothing(store: Store, meeting, blank: str) -> None:
    assert fts_query(blank) is None
    assert store.records.search(blank) == []


def test_a_word_being_typed_matches_as_a_prefix_and_hits_are_marked(store: Store, meeting) -> None:
    [hit] = store.records.search("referral scho")
    assert hit.kind == "action" and hit.partnership == "Literacy & Employment"
    assert f"{HIT_START}referral{HIT_END}" in hit.snippet and f"{HIT_START}school{HIT_END}" in hit.snippet


@pytest.mark.parametrize(
    ("words", "kind"),
    [("counselling", "note"), ("basic skills", "meaning"), ("LBS", "term"), ("cafe", "elephant"),
     ("never thought", "turning point")],
)
def test_everything_captured_is_searchable(store: Store, meeting, words: str, kind: str) -> None:
    assert [hit.kind for hit in store.records.search(words)] == [kind]


def test_confidential_items_are_searched_only_when_asked(store: Store, meeting) -> None:
    assert [hit.kind for hit in store.records.search("school")] == ["action"]
    both = store.records.search("school", include_confidential=True)
    assert sorted(hit.kind for hit in both) == ["action", "agreement"]
    assert [hit.confidential for hit in both if hit.kind == "agreement"] == [True]


def test_the_index_follows_edits(store: Store, meeting) -> None:
    run = store.meetings.section_runs(meeting.id)[0]
    store.notes.save_editor(run.id, "Transport to the library is the barrier")
    assert [hit.kind for hit in store.records.search("counselling")] == []
    assert [hit.kind for hit in store.records.search("transport")] == ["note"]


def test_search_command_prints_and_speaks_json(store: Store, meeting, db_path: Path, cli: RunCli) -> None:
    text = cli("--db", str(db_path), "search", "referral")
    assert text.returncode == 0 and "*referral*" in text.stdout
    hits = json.loads(cli("--db", str(db_path), "search", "school", "--json").stdout)
    assert [hit["snippet"] for hit in hits] == ["Send the referral form to the school"]
    hostile = cli("--db", str(db_path), "search", 'NEAR("x')
    assert hostile.returncode == 0 and hostile.stdout.strip() == "Nothing found."


def test_upgrading_a_version_1_file_indexes_what_it_already_holds(
    db_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 2 backfills the index from rows written before it existed."""
    import meetingkit.store.connection as connection
    import meetingkit.store.database as base
    from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS

    with monkeypatch.context() as old_code:
        for module in (base, connection):
            old_code.setattr(module, "LATEST_VERSION", 1)
        old_code.setattr(base, "MIGRATIONS", MIGRATIONS[:1])
        with Store.open(db_path) as store:
            partnership = store.partnerships.ensure("P")
            meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
            store.business.add_action(meeting.id, "Book the interpreter for March")
            assert store.schema_version() == 1
    with Store.open(db_path) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
        assert [hit.kind for hit in upgraded.records.search("interpreter")] == ["action"]


def test_unranked_hits_come_newest_first_with_the_same_filters(store: Store, meeting, clock) -> None:
    clock.advance(60)
    store.business.add_action(meeting.id, "Send the referral form again")
    clock.advance(60)
    store.business.add_agreement(meeting.id, "Referral forms go to both boards")
    store.business.add_agreement(meeting.id, "Referral of the Ahmed family", confidential=True)
    quick = store.records.search("referral", ranked=False)
    assert [hit.kind for hit in quick][:2] == ["agreement", "action"]
    assert {hit.id for hit in quick} == {hit.id for hit in store.records.search("referral")}
    assert all("Ahmed" not in hit.snippet for hit in quick)
    assert any("Ahmed" in hit.snippet for hit in store.records.search("referral", ranked=False, include_confidential=True))


@pytest.mark.parametrize(
    ("text", "words", "snippet"),
    [
        ("Café funding feels unfair", "cafe fun", f"{HIT_START}Café{HIT_END} {HIT_START}funding{HIT_END} feels unfair"),
        ("The referral backlog.", "REFER", f"The {HIT_START}referral{HIT_END} backlog."),
        ("no match here", "zebra", "no match here"),
    ],
)
def test_snippets_mark_what_the_index_matched(text: str, words: str, snippet: str) -> None:
    from meetingkit.core.text import highlight

    assert highlight(text, words) == snippet
