"""Organisations merged or given aliases at one site, settled by a merge of files (issue 16):
rows from a site that had not seen the merge move to the organisation, two opposite merges settle
the same way at both sites, and an alias made at one site travels to the other."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from meetingkit.context import Context
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution
from meetingkit.store import Store
from meetingkit.store.merge import TABLES
from tests.helpers import table_contents
from tests.store.test_merge_properties import organisation_counts, shared_contents

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOARD = "Ottawa Catholic School Board"
AGENDAS = Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()


def base(tmp_path: Path) -> tuple[Path, Path]:
    """A partnership that knows the board under both names, copied to a second site."""
    here = tmp_path / "here.db"
    with Store.open(here, clock=FrozenClock(START)) as store:
        partnership = store.partnerships.ensure("Northside")
        store.partnerships.ensure_organisation(partnership.id, "OCSB")
        store.partnerships.ensure_organisation(partnership.id, BOARD)
    there = tmp_path / "there.db"
    shutil.copyfile(here, there)
    return here, there


def capture_with_both_names(store: Store) -> None:
    partnership = store.partnerships.ensure("Northside").id
    meeting = store.meetings.start(store.meetings.create(partnership, AGENDAS.agendas["operational"]).id).id
    store.meetings.add_attendee(meeting, "Sam", "OCSB")
    for name in ("OCSB", BOARD):
        org = store.partnerships.ensure_organisation(partnership, name)
        store.business.add_action(meeting, f"Ask {name}", owner_organisation_id=org.id)
        store.boards.raise_elephant(meeting, f"{name} funding", attribution=Attribution.ORGANISATION,
                                    organisation_id=org.id)
    store.business.add_agreement(meeting, "One form", party_organisation_ids=[
        store.partnerships.ensure_organisation(partnership, n).id for n in ("OCSB", BOARD)])


def merged(into: Path, source: Path, result: Path) -> bool:
    shutil.copyfile(into, result)
    with Store.open(result) as store:
        return store.merge.merge_file(source).changed


def both_ways(tmp_path: Path, here: Path, there: Path) -> tuple[Path, Path]:
    ab, ba = tmp_path / "ab.db", tmp_path / "ba.db"
    merged(here, there, ab)
    merged(there, here, ba)
    assert shared_contents(ab) == shared_contents(ba)
    assert organisation_counts(ab) == organisation_counts(ba)
    assert not merged(ab, there, tmp_path / "again.db")  # merging twice changes nothing
    assert table_contents(tmp_path / "again.db", TABLES) == table_contents(ab, TABLES)
    assert not merged(ab, ba, tmp_path / "across.db")
    return ab, ba


def test_rows_from_a_site_that_had_not_seen_the_merge_move_to_the_organisation(tmp_path: Path) -> None:
    here, there = base(tmp_path)
    with Store.open(here, clock=FrozenClock(START.replace(day=3))) as store:
        store.partnerships.merge_organisations(store.partnerships.ensure("Northside").id, "OCSB", BOARD)
    with Store.open(there, clock=FrozenClock(START.replace(day=4))) as store:
        capture_with_both_names(store)
    ab, _ = both_ways(tmp_path, here, there)
    with Store.open(ab) as store:
        partnership = store.partnerships.ensure("Northside").id
        [board] = store.partnerships.organisations(partnership)
        assert (board.name, board.aliases) == (BOARD, ("OCSB",))
        assert store.db.value("SELECT count(*) FROM actions WHERE owner_organisation_id = ?", [board.id]) == 2
        assert store.db.value("SELECT count(*) FROM elephants WHERE organisation_id = ?", [board.id]) == 2
        assert store.partnerships.people_counts(partnership) == {board.id: 1}
        [agreement] = store.db.rows("SELECT id, meeting_id FROM agreements")
        assert [a.parties for a in store.business.agreements(agreement["meeting_id"])] == [(BOARD,)]


def test_opposite_merges_at_two_sites_settle_the_same_way(tmp_path: Path) -> None:
    here, there = base(tmp_path)
    with Store.open(here, clock=FrozenClock(START.replace(day=3))) as store:
        capture_with_both_names(store)
    shutil.copyfile(here, there)
    with Store.open(here, clock=FrozenClock(START.replace(day=5))) as store:
        store.partnerships.merge_organisations(store.partnerships.ensure("Northside").id, "OCSB", BOARD)
    with Store.open(there, clock=FrozenClock(START.replace(day=6))) as store:
        store.partnerships.merge_organisations(store.partnerships.ensure("Northside").id, BOARD, "OCSB")
    ab, _ = both_ways(tmp_path, here, there)
    with Store.open(ab) as store:
        partnership = store.partnerships.ensure("Northside").id
        [live] = store.partnerships.organisations(partnership)
        assert len(live.aliases) == 1 and {live.name, *live.aliases} == {"OCSB", BOARD}
        assert store.partnerships.ensure_organisation(partnership, "ocsb").id == live.id
        assert store.partnerships.ensure_organisation(partnership, BOARD.lower()).id == live.id


@pytest.mark.parametrize(("alias_day", "typed_day"), [(3, 4), (4, 3)])
def test_an_alias_made_at_one_site_travels_to_the_other(tmp_path: Path, alias_day: int, typed_day: int) -> None:
    here, there = base(tmp_path)
    with Store.open(here, clock=FrozenClock(START.replace(day=alias_day))) as store:
        store.partnerships.add_alias(store.partnerships.ensure("Northside").id, BOARD, "Catholic board")
    with Store.open(there, clock=FrozenClock(START.replace(day=typed_day))) as store:
        # The other site met the name too (before or after), as an organisation of its own.
        partnership = store.partnerships.ensure("Northside").id
        meeting = store.meetings.start(store.meetings.create(partnership, AGENDAS.agendas["operational"]).id).id
        store.meetings.add_attendee(meeting, "Lee", "catholic board")
    ab, ba = both_ways(tmp_path, here, there)
    for path in (ab, ba):
        with Store.open(path) as store:
            partnership = store.partnerships.ensure("Northside").id
            names = {o.name: o.aliases for o in store.partnerships.organisations(partnership)}
            assert names[BOARD] == ("Catholic board",) or names[BOARD] == ("catholic board",)
            assert "catholic board" not in {n.casefold() for n in names}
            assert store.partnerships.ensure_organisation(partnership, "CATHOLIC BOARD").name == BOARD
            [lee] = store.db.rows("SELECT organisation_id FROM people WHERE name = 'Lee'")
            assert store.partnerships.organisation(lee["organisation_id"]).name == BOARD
