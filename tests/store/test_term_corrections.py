"""Correcting the glossary (issue 16): renaming a term, merging one term into another, and
editing, moving and deleting a meaning, each with its history, and each carried by a merge of files."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ChangedTable, ChangeKind
from meetingkit.store import Store

START = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)


def a_meeting(store: Store, library: AgendaLibrary, partnership: str = "Northside") -> str:
    partnership_id = store.partnerships.ensure(partnership).id
    return store.meetings.start(store.meetings.create(partnership_id, library.agendas["operational"]).id).id


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    return a_meeting(store, library)


def partnership_of(store: Store, meeting: str) -> str:
    return store.meetings.get(meeting).partnership_id


def glossary_names(store: Store, meeting: str) -> list[str]:
    return [t.display for t in store.jargon.glossary(partnership_of(store, meeting))]


# -- rename -------------------------------------------------------------------------------


def test_a_renamed_term_is_found_by_its_new_spelling_and_keeps_its_history(store: Store, meeting: str) -> None:
    term, _ = store.jargon.mention(meeting, "I S P")

    store.jargon.rename_term(term, "ISP", meeting_id=meeting)

    assert store.jargon.mention(meeting, "isp") == (term, 2)
    assert glossary_names(store, meeting) == ["ISP"]
    [change] = store.changes.history(ChangedTable.JARGON_TERMS, term)
    assert change.kind is ChangeKind.RENAMED and change.meeting_id == meeting
    assert change.before() == {"display": "I S P", "key": "i s p"}
    assert change.after() == {"display": "ISP", "key": "isp"}


def test_a_rename_onto_another_terms_spelling_is_refused_suggesting_a_merge(store: Store, meeting: str) -> None:
    store.jargon.mention(meeting, "ISP")
    other, _ = store.jargon.mention(meeting, "ISPs")

    with pytest.raises(ValueError, match="merge the two instead"):
        store.jargon.rename_term(other, "i.s.p.")

    assert glossary_names(store, meeting) == ["ISP", "ISPs"]
    assert store.changes.history(ChangedTable.JARGON_TERMS, other) == []


def test_a_rename_to_the_same_key_in_other_capitals_is_allowed(store: Store, meeting: str) -> None:
    term, _ = store.jargon.mention(meeting, "isp")
    store.jargon.rename_term(term, "ISP")
    assert glossary_names(store, meeting) == ["ISP"]
    with pytest.raises(ValueError, match="already"):
        store.jargon.rename_term(term, "ISP")


# -- merge --------------------------------------------------------------------------------


def test_merging_moves_mentions_meanings_and_same_as_and_keeps_the_targets_words(
    store: Store, meeting: str
) -> None:
    target, _ = store.jargon.mention(meeting, "ISP")
    store.jargon.mention(meeting, "ISP")
    store.jargon.explain_term(target, expansion="Individual Service Plan")
    merged, _ = store.jargon.mention(meeting, "ISPs")
    store.jargon.explain_term(merged, expansion="Individual support plans", plain_words="the family's plan")
    store.jargon.add_meaning(merged, "the plan a worker writes with the family")
    store.jargon.same_as(merged, "ITP")

    assert store.jargon.merge_terms(merged, target, meeting_id=meeting) == target

    [term] = [t for t in store.jargon.glossary(partnership_of(store, meeting)) if t.display == "ISP"]
    assert (term.total, term.expansion, term.plain_words) == (3, "Individual Service Plan", "the family's plan")
    assert [m.meaning for m in term.meanings] == ["the plan a worker writes with the family"]
    assert term.same_as == ("ITP",)
    assert glossary_names(store, meeting) == ["ISP", "ITP"]
    assert [(t.display, t.tally) for t in store.jargon.board_terms(meeting)] == [("ISP", 3)]
    assert store.jargon.tallies(meeting) == [("ISP", 3)]
    [change] = store.changes.history(ChangedTable.JARGON_TERMS, merged)
    assert change.kind is ChangeKind.MERGED
    assert change.fields == (("merged_into_id", None, target), ("mentions_moved", None, 1), ("meanings_moved", None, 1))
    [noted] = store.changes.history(ChangedTable.JARGON_TERMS, target)
    assert "ISPs merged into it" in noted.note
    assert noted.before() == {"plain_words": "", "group_id": None}


def test_a_merged_terms_spelling_captured_later_counts_under_the_target(store: Store, meeting: str) -> None:
    target, _ = store.jargon.mention(meeting, "ISP")
    merged, _ = store.jargon.mention(meeting, "ISPs")
    store.jargon.merge_terms(merged, target)

    assert store.jargon.mention(meeting, "ISPs") == (target, 3)
    with pytest.raises(ValueError, match="same term"):
        store.jargon.same_as(target, "isps")  # its old spelling is the term itself now
    assert store.jargon.merged_into(merged) == target


def test_merging_into_itself_into_a_merged_term_or_twice_is_refused_and_chains_are_followed(
    store: Store, meeting: str
) -> None:
    first, _ = store.jargon.mention(meeting, "ISP")
    second, _ = store.jargon.mention(meeting, "ISPs")
    third, _ = store.jargon.mention(meeting, "I S P")
    with pytest.raises(ValueError, match="into itself"):
        store.jargon.merge_terms(first, first)
    store.jargon.merge_terms(second, first)
    with pytest.raises(ValueError, match="was merged into 'ISP'; merge into that term"):
        store.jargon.merge_terms(third, second)
    with pytest.raises(ValueError, match="already"):
        store.jargon.merge_terms(second, third)
    store.jargon.merge_terms(first, third)  # ISPs → ISP → I S P
    assert store.jargon.mention(meeting, "ISPs")[0] == third
    with pytest.raises(ValueError, match="into itself"):
        store.jargon.merge_terms(third, second)
    assert glossary_names(store, meeting) == ["I S P"]


def test_a_merged_term_is_left_out_of_the_report(store: Store, meeting: str) -> None:
    target, _ = store.jargon.mention(meeting, "ISP")
    merged, _ = store.jargon.mention(meeting, "ISPs")
    store.jargon.merge_terms(merged, target)
    rows = store.db.rows("SELECT display FROM jargon_terms WHERE merged_into_id IS NULL")
    assert [r[0] for r in rows] == ["ISP"]
    assert store.jargon.near_duplicate_pairs(partnership_of(store, meeting)) == {}


def test_near_duplicates_are_suggested_among_standing_terms(store: Store, meeting: str) -> None:
    isp, _ = store.jargon.mention(meeting, "ISP")
    plural, _ = store.jargon.mention(meeting, "ISPs")
    spaced, _ = store.jargon.mention(meeting, "I S P")
    store.jargon.mention(meeting, "EHCP")
    found = store.jargon.near_duplicate_pairs(partnership_of(store, meeting))
    assert set(found) == {isp, plural, spaced}
    assert set(found[isp]) == {plural, spaced}


# -- meanings -----------------------------------------------------------------------------


def test_a_meaning_is_edited_moved_and_deleted_each_with_its_history(store: Store, meeting: str) -> None:
    wrong, _ = store.jargon.mention(meeting, "ISP")
    right, _ = store.jargon.mention(meeting, "EHCP")
    meaning = store.jargon.add_meaning(wrong, "Education, health and care plan", meeting_id=meeting)

    store.jargon.edit_meaning(meaning, "Education, Health and Care Plan")
    store.jargon.move_meaning(meaning, right)

    [ehcp] = [t for t in store.jargon.glossary(partnership_of(store, meeting)) if t.id == right]
    assert [m.meaning for m in ehcp.meanings] == ["Education, Health and Care Plan"]
    edited, moved = store.changes.history(ChangedTable.JARGON_MEANINGS, meaning)
    assert edited.before() == {"meaning": "Education, health and care plan"}
    assert moved.before() == {"term_id": wrong} and moved.after() == {"term_id": right}

    store.jargon.delete_meaning(meaning)

    assert store.db.value("SELECT count(*) FROM jargon_meanings") == 0
    deleted = store.changes.history(ChangedTable.JARGON_MEANINGS, meaning)[-1]
    assert deleted.kind is ChangeKind.DELETED
    assert deleted.before()["meaning"] == "Education, Health and Care Plan"
    assert deleted.before()["term_id"] == right and deleted.before()["meeting_id"] == meeting
    assert store.db.value("SELECT count(*) FROM tombstones WHERE table_name = 'jargon_meanings'") == 1


def test_an_empty_meaning_is_refused_and_changes_nothing(store: Store, meeting: str) -> None:
    term, _ = store.jargon.mention(meeting, "ISP")
    meaning = store.jargon.add_meaning(term, "a plan")
    with pytest.raises(ValueError, match="delete it instead"):
        store.jargon.edit_meaning(meaning, "   ")
    assert store.changes.history(ChangedTable.JARGON_MEANINGS, meaning) == []


# -- through a merge of files ----------------------------------------------------------------


def two_sites(tmp_path: Path, library: AgendaLibrary) -> tuple[Path, Path, str, dict[str, str]]:
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, library)
        terms = {name: store.jargon.mention(meeting, name)[0] for name in ("ISP", "ISPs")}
        terms["meaning"] = store.jargon.add_meaning(terms["ISP"], "a plan", meeting_id=meeting)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    return here, there, meeting, terms


def test_what_a_site_captured_under_a_term_merged_elsewhere_moves_to_its_target(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    here, there, meeting, terms = two_sites(tmp_path, library)
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.jargon.merge_terms(terms["ISPs"], terms["ISP"])
    with Store.open(there, clock=FrozenClock(START)) as store:
        store.jargon.mention(meeting, "ISPs")
        store.jargon.add_meaning(terms["ISPs"], "plans, more than one")

    with Store.open(here, clock=FrozenClock(START)) as store:
        store.merge.merge_file(there)
        store.merge.merge_file(there)  # twice: nothing more
        [term] = store.jargon.glossary(store.meetings.get(meeting).partnership_id)
        assert (term.display, term.total, len(term.meanings)) == ("ISP", 3, 2)
        assert store.jargon.mention(meeting, "isps")[0] == terms["ISP"]


def test_two_terms_merged_into_each_other_at_two_sites_settle_the_same_both_ways(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    here, there, meeting, terms = two_sites(tmp_path, library)
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.jargon.merge_terms(terms["ISPs"], terms["ISP"])
    with Store.open(there, clock=FrozenClock(START)) as store:
        store.jargon.merge_terms(terms["ISP"], terms["ISPs"])
    copy = tmp_path / "here-copy.db"
    shutil.copyfile(here, copy)

    results = []
    for into, source in ((here, there), (there, copy)):
        with Store.open(into, clock=FrozenClock(START)) as store:
            store.merge.merge_file(source)
            [term] = store.jargon.glossary(store.meetings.get(meeting).partnership_id)
            results.append((term.id, term.total, len(term.meanings)))
    assert results[0] == results[1] == (min(terms["ISP"], terms["ISPs"]), 2, 1)


def test_a_deleted_meaning_stays_deleted_through_a_merge_and_a_forged_deletion_deletes_nothing(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    import sqlite3

    here, there, meeting, terms = two_sites(tmp_path, library)
    with Store.open(there, clock=FrozenClock(START)) as store:
        store.jargon.delete_meaning(terms["meaning"])
    stranger = tmp_path / "stranger.db"
    shutil.copyfile(here, stranger)
    connection = sqlite3.connect(stranger)
    with connection:
        connection.execute("DELETE FROM tombstones")
        connection.execute(
            "INSERT INTO tombstones VALUES ('0199a000-0000-5000-8000-000000000001', 'jargon_meanings', ?, "
            "'2026-12-04T14:00:00.000Z', '2026-12-04T14:00:00.000Z', '2026-12-04T14:00:00.000Z')",
            [terms["meaning"]],
        )
    connection.close()

    with Store.open(here, clock=FrozenClock(START)) as store:
        report = store.merge.merge_file(stranger)
        assert store.db.value("SELECT count(*) FROM jargon_meanings") == 1
        assert report.refused
        store.merge.merge_file(there)
        assert store.db.value("SELECT count(*) FROM jargon_meanings") == 0


def test_renaming_to_a_spelling_merged_into_the_term_says_it_counts_there_already(store: Store, meeting: str) -> None:
    target, _ = store.jargon.mention(meeting, "EHCPs")
    merged, _ = store.jargon.mention(meeting, "EHCP")
    store.jargon.merge_terms(merged, target)
    with pytest.raises(ValueError, match="counts here already"):
        store.jargon.rename_term(target, "ehcp")


def test_search_finds_a_merged_terms_spelling_no_more(store: Store, meeting: str) -> None:
    target, _ = store.jargon.mention(meeting, "ISP")
    merged, _ = store.jargon.mention(meeting, "Waitlistplans")
    assert any(hit.id == merged for hit in store.records.search("Waitlistplans"))
    store.jargon.merge_terms(merged, target)
    assert not any(hit.id == merged for hit in store.records.search("Waitlistplans"))


def test_a_term_merged_into_one_both_sites_named_apart_points_at_the_joined_term(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    """Both sites named ISP and ISPs after they parted (two ids for each, joined by their key in a
    merge); one site merged ISPs into its ISP, whose id is the larger, so the joined ISP keeps the
    other site's id: the merged term must point at that one."""
    from datetime import timedelta

    base = tmp_path / "base.db"
    with Store.open(base, clock=FrozenClock(START)) as store:
        meeting = a_meeting(store, library)
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    shutil.copyfile(base, here)
    shutil.copyfile(base, there)
    with Store.open(there, clock=FrozenClock(START + timedelta(minutes=1))) as store:
        store.jargon.mention(meeting, "ISP")
        store.jargon.mention(meeting, "ISPs")
    with Store.open(here, clock=FrozenClock(START + timedelta(hours=1))) as store:
        plural, _ = store.jargon.mention(meeting, "ISPs")  # first: its row comes before ISP's
        isp, _ = store.jargon.mention(meeting, "ISP")
        store.jargon.merge_terms(plural, isp)
    copy = tmp_path / "there-copy.db"
    shutil.copyfile(there, copy)

    totals = []
    for into, source in ((there, here), (here, copy)):
        with Store.open(into, clock=FrozenClock(START + timedelta(hours=2))) as store:
            store.merge.merge_file(source)
            [term] = store.jargon.glossary(store.meetings.get(meeting).partnership_id)
            totals.append((term.id, term.display, term.total))
            assert store.jargon.mention(meeting, "ISPs")[0] == term.id
    assert totals[0] == totals[1]
    assert totals[0][1:] == ("ISP", 4)


def test_a_change_made_in_a_meeting_purged_at_one_site_goes_with_it_both_ways(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    """Found by the merge properties: the history of a rename made in a meeting went with the
    meeting at the site that purged it, and came back, unlinked, from the site that had not."""
    here, there, meeting, terms = two_sites(tmp_path, library)
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.jargon.rename_term(terms["ISPs"], "ISPs (plural)", meeting_id=meeting)
    shutil.copyfile(here, there)
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.meetings.end(meeting)
        store.retention.delete_meetings([meeting])
    copy = tmp_path / "here-copy.db"
    shutil.copyfile(here, copy)
    for into, source in ((here, there), (there, copy)):
        with Store.open(into, clock=FrozenClock(START)) as store:
            store.merge.merge_file(source)
            assert store.db.value("SELECT count(*) FROM changes") == 0


def test_a_merge_link_across_partnerships_from_another_file_is_not_followed(
    tmp_path: Path, library: AgendaLibrary
) -> None:
    import sqlite3

    here, there, meeting, terms = two_sites(tmp_path, library)
    with Store.open(there, clock=FrozenClock(START)) as store:
        other_meeting = a_meeting(store, library, partnership="Riverside")
        elsewhere, _ = store.jargon.mention(other_meeting, "RSP")
    connection = sqlite3.connect(there)
    with connection:
        connection.execute("UPDATE jargon_terms SET merged_into_id = ? WHERE id = ?", [elsewhere, terms["ISP"]])
    connection.close()
    with Store.open(here, clock=FrozenClock(START)) as store:
        store.merge.merge_file(there)
        assert store.jargon.board_term(terms["ISP"]).total == 1
        assert store.jargon.board_term(elsewhere).total == 1
        assert store.jargon.mention(meeting, "ISP")[0] == terms["ISP"]


def test_what_joins_a_confidential_term_is_confidential_too(store: Store, meeting: str) -> None:
    secret, _ = store.jargon.mention(meeting, "Project Kestrel", confidential=True)
    plain, _ = store.jargon.mention(meeting, "Kestrel")
    store.jargon.add_meaning(plain, "the new referral pilot")
    store.jargon.merge_terms(plain, secret)
    assert store.db.value("SELECT min(confidential) FROM jargon_meanings") == 1
    assert store.db.value("SELECT min(confidential) FROM jargon_mentions") == 1
