"""A meeting's record as of its end (issue 15): each item as it stood when the meeting ended, and
what happened later apart and dated, in the record, the summary and every export format, on real
files; merging another site's later work never changes what a past meeting's record says of its time."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.export import render, to_csv, to_html, to_json, to_markdown
from meetingkit.core.models import ActionStatus, ElephantStatus
from meetingkit.core.records import MeetingRecord
from meetingkit.store import Store
from tests.helpers import DAY, FROZEN_START

JUNE = datetime(2024, 6, 14, 13, 0, tzinfo=UTC)


def as_it_was(record: MeetingRecord) -> dict[str, Any]:
    """What a record says of its meeting's own time: everything but what came later (`since_then`),
    when it was made, and what the file keeps undated (a term's expansion, plain words, same-as names)."""
    data = record.as_dict()
    del data["exported_at"]
    for item in (*data["actions"], *data["jargon"], *data["elephants"]):
        del item["since_then"]
    for term in data["jargon"]:
        for undated in ("expansion", "plain_words", "same_as"):
            del term[undated]
    return data


@pytest.fixture
def june_and_july(store: Store, clock: FrozenClock, library: AgendaLibrary) -> dict[str, str]:
    """June: an elephant moves to discussing, a term is raised unexplained, an action is agreed.
    July: the elephant is addressed, the term explained, the action done."""
    clock.advance((JUNE - FROZEN_START).total_seconds())
    partnership = store.partnerships.ensure("Schools and settlement")
    board = store.partnerships.ensure_organisation(partnership.id, "School board")
    june = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="June meeting").id)
    elephant = store.boards.raise_elephant(june.id, "Who holds the case")
    clock.advance(10 * 60)
    store.boards.set_elephant_status(elephant, ElephantStatus.DISCUSSING, meeting_id=june.id, note="Both sides heard")
    term, _ = store.jargon.mention(june.id, "LSPC")
    known, _ = store.jargon.mention(june.id, "ISP")
    store.jargon.add_meaning(known, "individual support plan", organisation_id=board.id, meeting_id=june.id)
    action = store.business.add_action(june.id, "Draft the referral form")
    clock.advance(50 * 60)
    store.records.end_and_summarise(june.id)

    clock.advance(28 * DAY)
    july = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="July meeting").id)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=july.id,
                                     note="Managers met and settled it")
    store.jargon.add_meaning(term, "local service planning committee", organisation_id=board.id, meeting_id=july.id)
    store.jargon.add_meaning(known, "the family's plan, for the agency", meeting_id=july.id)
    store.business.close_action(action.id, ActionStatus.DONE, july.id)
    clock.advance(60 * 60)
    store.records.end_and_summarise(july.id)
    return {"june": june.id, "july": july.id, "elephant": elephant, "term": term}


def test_an_elephant_addressed_later_is_discussing_in_the_record_and_addressed_since_then(
    store: Store, june_and_july: dict[str, str]
) -> None:
    record = store.records.meeting_record(june_and_july["june"])
    [elephant] = record.elephants
    assert (elephant.status, elephant.resolution_note, elephant.resolved_at) == ("discussing", "", None)
    assert [(c.from_status, c.to_status) for c in elephant.history] == [(None, "parked"), ("parked", "discussing")]
    [later] = elephant.since_then
    assert (later.change, later.note, later.meeting, later.meeting_id) == (
        "addressed", "Managers met and settled it", "July meeting", june_and_july["july"])
    assert later.at.startswith("2024-07-12")
    # July's own record says it was addressed there, and nothing came after.
    [in_july] = store.records.meeting_record(june_and_july["july"]).elephants
    assert (in_july.status, in_july.resolution_note, in_july.since_then) == (
        "addressed", "Managers met and settled it", ())


def test_every_format_says_how_it_stood_at_the_end_and_dates_what_came_later(
    store: Store, june_and_july: dict[str, str]
) -> None:
    record = store.records.meeting_record(june_and_july["june"])
    since = "since then: addressed on Fri 12 Jul 2024 in July meeting: Managers met and settled it"

    markdown = to_markdown(record).replace("\\", "")
    assert "Who holds the case — discussing (anonymous)" in markdown
    assert f"_{since}_" in markdown and "addressed: Managers" not in markdown
    assert "LSPC** ×1 — still unexplained at the end" in markdown
    assert "since then: explained on Fri 12 Jul 2024 in July meeting: School board: local service planning committee" \
        in markdown

    page = to_html(record)
    assert "Who holds the case — discussing" in page and since in page

    data = json.loads(to_json(record))
    assert data["elephants"][0]["status"] == "discussing"
    assert data["elephants"][0]["since_then"][0]["change"] == "addressed"

    rows = list(csv.DictReader(io.StringIO(to_csv(record))))
    [elephant] = [row for row in rows if row["kind"] == "elephant"]
    assert (elephant["status"], elephant["resolved_at"], elephant["since_then"]) == ("discussing", "", since)
    lspc = {row["status"] for row in rows if row["text"] == "LSPC"}
    assert lspc == {"unexplained"}
    [action] = [row for row in rows if row["kind"] == "action"]
    assert action["status"] == "open" and action["since_then"] == "since then: done on Fri 12 Jul 2024 in July meeting"


def test_a_term_explained_later_was_unexplained_at_the_end(store: Store, june_and_july: dict[str, str]) -> None:
    terms = {term.term: term for term in store.records.meeting_record(june_and_july["june"]).jargon}
    lspc, isp = terms["LSPC"], terms["ISP"]
    assert lspc.unexplained and lspc.meanings == ()
    assert [(c.change, c.organisation, c.note) for c in lspc.since_then] == [
        ("meaning", "School board", "local service planning committee")]
    # A meaning known at the end stays; the one given in July is later, not on the board at the end.
    assert not isp.unexplained
    assert [m.meaning for m in isp.meanings] == ["individual support plan"]
    assert [c.note for c in isp.since_then] == ["the family's plan, for the agency"]
    # The glossary itself says how the term stands now.
    assert not store.jargon.board_term(june_and_july["term"]).unexplained


def test_an_action_done_later_was_open_at_the_end(store: Store, june_and_july: dict[str, str]) -> None:
    [action] = store.records.meeting_record(june_and_july["june"]).actions
    assert action.status == "open"
    assert [(c.change, c.meeting) for c in action.since_then] == [("done", "July meeting")]


def test_the_summary_counts_the_boards_as_they_stood_at_the_end(store: Store, june_and_july: dict[str, str]) -> None:
    kept = store.meetings.get(june_and_july["june"]).summary
    again = store.records.summarise(june_and_july["june"])
    assert kept is not None
    assert kept.boards == again.boards
    assert again.boards["jargon_unexplained"] == 1 and again.boards["elephants_resolved"] == 0
    assert store.records.summarise(june_and_july["july"]).boards["elephants_resolved"] == 1


def test_later_work_here_does_not_change_the_record_of_a_past_meeting(
    store: Store, june_and_july: dict[str, str], library: AgendaLibrary
) -> None:
    before = store.records.meeting_record(june_and_july["june"])
    clock = store.db.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(30 * DAY)
    august = store.meetings.start(store.meetings.create(
        store.meetings.get(june_and_july["june"]).partnership_id, library.agendas["strategic"], title="August meeting",
    ).id)
    store.boards.set_elephant_status(june_and_july["elephant"], ElephantStatus.DISCUSSING, meeting_id=august.id)
    store.jargon.mark_unexplained(june_and_july["term"])
    store.jargon.explain_term(june_and_july["term"], expansion="Local Service Planning Committee")
    after = store.records.meeting_record(june_and_july["june"])
    assert as_it_was(after) == as_it_was(before)
    assert [c.change for c in after.elephants[0].since_then] == ["addressed", "discussing"]


def test_a_merge_never_changes_what_another_sites_meeting_says_of_its_time(
    db_path: Path, tmp_path: Path, store: Store, june_and_july: dict[str, str], library: AgendaLibrary
) -> None:
    """Site A's June meeting said "discussing"; site B, with a copy of the file, lets the elephant go in
    September. After the merge, A's June record still says discussing, and dates the rest."""
    store.close()
    site_b = tmp_path / "site-b.db"
    shutil.copyfile(db_path, site_b)
    with Store.open(db_path) as mine:
        before = {mid: mine.records.meeting_record(mid) for mid in (june_and_july["june"], june_and_july["july"])}
    with Store.open(site_b, clock=FrozenClock(datetime(2024, 9, 3, 9, 0, tzinfo=UTC))) as theirs:
        partnership = theirs.meetings.get(june_and_july["june"]).partnership_id
        september = theirs.meetings.start(theirs.meetings.create(
            partnership, library.agendas["strategic"], title="September meeting at site B").id)
        theirs.boards.set_elephant_status(june_and_july["elephant"], ElephantStatus.LET_GO, meeting_id=september.id,
                                          note="Out of our hands")
        theirs.jargon.add_meaning(june_and_july["term"], "the planning table", meeting_id=september.id)
        theirs.records.end_and_summarise(september.id)
    with Store.open(db_path) as mine:
        mine.merge.merge_file(site_b)
        for mid, record in before.items():
            after = mine.records.meeting_record(mid)
            assert as_it_was(after) == as_it_was(record)
            assert mine.records.summarise(mid).as_dict() == mine.meetings.get(mid).summary.as_dict()  # type: ignore[union-attr]
        [elephant] = mine.records.meeting_record(june_and_july["june"]).elephants
        assert mine.boards.elephant(june_and_july["elephant"]).status is ElephantStatus.LET_GO
        assert (elephant.status, elephant.resolution_note) == ("discussing", "")
        assert [(c.change, c.note, c.meeting) for c in elephant.since_then] == [
            ("addressed", "Managers met and settled it", "July meeting"),
            ("let_go", "Out of our hands", "September meeting at site B"),
        ]
        document = render(mine.records.meeting_record(june_and_july["june"]), "md").replace("\\", "")
        assert "Who holds the case — discussing" in document and "let go (site B)" not in document
        assert "since then: let go on Tue 03 Sep 2024 in September meeting at site B: Out of our hands" in document
