"""One set of numbers (issue 15): the report, Trends, the review table, the parking lot and the home screen
count elephants the same way for the same period, on generated histories that hold confidential elephants,
elephants resolved, reopened and resolved again, and elephants two sites resolved differently before their
files were merged.

The figures are computed three ways and must agree: the report (`store.reports`), Trends (`store.review`),
and a direct query written here in SQL, independently of `core.counting`'s Python.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingkit.context import Context
from meetingkit.core.clock import FrozenClock
from meetingkit.core.counting import ElephantTotals, Tally
from meetingkit.core.models import ElephantStatus
from meetingkit.core.periods import Period
from meetingkit.store import Store
from meetingkit.store.database import Database
from tests.helpers import new_database

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AGENDAS = Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()
PARTNERSHIP = "Northside"

step = st.one_of(
    st.tuples(st.just("meeting"), st.integers(1, 20)),  # a new meeting, so many days later
    st.tuples(st.just("raise"), st.booleans()),  # an elephant, confidential or not
    st.tuples(st.just("status"), st.integers(0, 20), st.sampled_from(list(ElephantStatus))),
    st.tuples(st.just("outside"), st.integers(0, 20), st.sampled_from(list(ElephantStatus))),  # between meetings
)
steps = st.lists(step, max_size=25)
# Two sites each decide about the same elephant (by index) in a meeting of their own, then merge.
divergence = st.lists(
    st.tuples(st.integers(0, 20), st.sampled_from([ElephantStatus.ADDRESSED, ElephantStatus.LET_GO]),
              st.sampled_from([ElephantStatus.ADDRESSED, ElephantStatus.LET_GO])),
    max_size=3,
)
period_days = st.tuples(st.integers(0, 90), st.integers(0, 90))


def _meeting(store: Store, clock: FrozenClock, days: int = 0) -> str:
    for running in store.meetings.running():
        store.meetings.end(running.id)
    clock.advance(days * 86400)
    partnership = store.partnerships.ensure(PARTNERSHIP)
    return store.meetings.start(store.meetings.create(partnership.id, AGENDAS.agendas["operational"]).id).id


def _elephant(store: Store, index: int) -> str | None:
    ids = [row[0] for row in store.db.rows("SELECT id FROM elephants ORDER BY raised_at, rowid")]
    return ids[index % len(ids)] if ids else None


def _play(store: Store, clock: FrozenClock, plan: list[tuple[Any, ...]]) -> None:
    meeting = _meeting(store, clock)
    for kind, *args in plan:
        clock.advance(60_000)
        if kind == "meeting":
            meeting = _meeting(store, clock, args[0])
        elif kind == "raise":
            store.boards.raise_elephant(meeting, "An elephant", confidential=args[0])
        elif (found := _elephant(store, args[0])) is not None:
            store.boards.set_elephant_status(found, args[1], meeting_id=meeting if kind == "status" else None,
                                             note=str(args[1]))


def _diverge(path: Path, folder: Path, plan: list[tuple[int, ElephantStatus, ElephantStatus]]) -> None:
    """Copy the file to a second site; each site decides about the same elephants in its own meeting
    (the other site a day later), then the second site's file is merged into the first."""
    if not plan:
        return
    other = folder / "other.db"
    shutil.copyfile(path, other)
    for site, when, pick in ((path, 1, 1), (other, 2, 2)):
        clock = FrozenClock(START + timedelta(days=200 + when))
        with Store.open(site, clock=clock) as store:
            meeting = _meeting(store, clock)
            for chosen in plan:
                if (found := _elephant(store, chosen[0])) is not None:
                    clock.advance(60_000)
                    store.boards.set_elephant_status(found, chosen[pick], meeting_id=meeting, note="decided")
            store.meetings.end(meeting)
    with Store.open(path, clock=FrozenClock(START + timedelta(days=210))) as store:
        store.merge.merge_file(other)


# -- the third way: a direct query, written without core.counting ----------------------------------

DIRECT = """
WITH events AS (
    SELECT ev.elephant_id, ev.to_status, e.confidential,
           coalesce(m.started_at, ev.changed_at) AS at, ev.changed_at, ev.rowid AS seq
    FROM elephant_events ev JOIN elephants e ON e.id = ev.elephant_id
    LEFT JOIN meetings m ON m.id = ev.meeting_id
    WHERE e.partnership_id = :p AND coalesce(m.started_at, ev.changed_at) < :until
),
inside AS (SELECT * FROM events WHERE at >= :since),
final_inside AS (
    SELECT * FROM inside i WHERE NOT EXISTS (
        SELECT 1 FROM inside j WHERE j.elephant_id = i.elephant_id AND (j.at, j.changed_at, j.seq) > (i.at, i.changed_at, i.seq))
),
final_by_end AS (
    SELECT * FROM events i WHERE NOT EXISTS (
        SELECT 1 FROM events j WHERE j.elephant_id = i.elephant_id AND (j.at, j.changed_at, j.seq) > (i.at, i.changed_at, i.seq))
),
raised AS (
    SELECT e.confidential FROM elephants e LEFT JOIN meetings rm ON rm.id = e.raised_meeting_id
    WHERE e.partnership_id = :p AND coalesce(rm.started_at, e.raised_at) >= :since
      AND coalesce(rm.started_at, e.raised_at) < :until
)
SELECT (SELECT count(*) FROM raised), (SELECT coalesce(sum(confidential), 0) FROM raised),
       (SELECT count(*) FROM final_inside WHERE to_status = 'addressed'),
       (SELECT coalesce(sum(confidential), 0) FROM final_inside WHERE to_status = 'addressed'),
       (SELECT count(*) FROM final_inside WHERE to_status = 'let_go'),
       (SELECT coalesce(sum(confidential), 0) FROM final_inside WHERE to_status = 'let_go'),
       (SELECT count(*) FROM final_by_end WHERE to_status IN ('parked', 'discussing')),
       (SELECT coalesce(sum(confidential), 0) FROM final_by_end WHERE to_status IN ('parked', 'discussing'))
"""


def direct_totals(db: Database, partnership_id: str, period: Period) -> ElephantTotals:
    since, until = period.utc_bounds()
    row = db.rows(DIRECT, {"p": partnership_id, "since": since or "", "until": until or "9999"})[0]
    return ElephantTotals(raised=Tally(row[0], row[1]), addressed=Tally(row[2], row[3]),
                          let_go=Tally(row[4], row[5]), open_at_end=Tally(row[6], row[7]))


def without_conflicts(totals: ElephantTotals) -> ElephantTotals:
    return ElephantTotals(totals.raised, totals.addressed, totals.let_go, totals.open_at_end)


def check_one_set_of_numbers(store: Store, partnership_id: str, period: Period) -> None:
    direct = direct_totals(store.db, partnership_id, period)
    report = store.reports.partnership_report(partnership_id, period=period)
    trends = store.review.trends(partnership_id, period=period)
    # 1. The report's totals, the trends' totals and the direct query agree, confidential ones counted.
    assert without_conflicts(report.elephants.totals) == without_conflicts(trends.elephant_totals) == direct
    # 2. Trends' months add up to the period's totals.
    assert sum(m.raised for m in trends.elephants) == direct.raised.total
    assert sum(m.addressed for m in trends.elephants) == direct.addressed.total
    assert sum(m.let_go for m in trends.elephants) == direct.let_go.total
    # 3. The report describes what it counts, confidential ones apart: one outcome per elephant.
    everything = store.reports.partnership_report(partnership_id, period=period, include_confidential=True)
    elephants = everything.elephants
    assert len(elephants.raised) == direct.raised.total
    assert len(elephants.addressed) == direct.addressed.total and len(elephants.let_go) == direct.let_go.total
    assert len(elephants.open_at_end) == direct.open_at_end.total
    resolved = [e.id for e in elephants.addressed + elephants.let_go]
    assert len(resolved) == len(set(resolved))
    assert not set(resolved) & {e.id for e in elephants.open_at_end}
    shown = report.elephants
    assert len(shown.raised) == direct.raised.total - direct.raised.confidential
    assert len(shown.addressed) + len(shown.let_go) == (
        direct.addressed.total + direct.let_go.total - direct.addressed.confidential - direct.let_go.confidential)
    # 4. The review table counts the elephants raised in the period's meetings.
    rows = store.review.history(partnership_id=partnership_id, period=period)
    assert sum(row.elephants for row in rows) == direct.raised.total


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps, split=divergence, window=period_days)
def test_the_report_trends_and_a_direct_query_count_the_same_elephants(plan, split, window) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = new_database(folder / "site.db")
        clock = FrozenClock(START)
        with Store.open(path, clock=clock) as store:
            _play(store, clock, plan)
        _diverge(path, folder, split)
        with Store.open(path, clock=FrozenClock(START + timedelta(days=400))) as store:
            partnership_id = store.partnerships.ensure(PARTNERSHIP).id
            first = START.astimezone().date() + timedelta(days=window[0])
            periods = [Period(), Period(first, None), Period(None, first),
                       Period(first, first + timedelta(days=window[1]))]
            for period in periods:
                check_one_set_of_numbers(store, partnership_id, period)
            # The home screen's and the parking lot's "open now" are the same count.
            open_now = direct_totals(store.db, partnership_id, Period()).open_at_end.total
            assert store.partnerships.get(partnership_id).open_elephants == open_now
            assert {p.id: p.open_elephants for p in store.partnerships.all()}[partnership_id] == open_now
            lot = store.boards.parking_lot(partnership_id)
            assert sum(1 for e in lot if e.status in (ElephantStatus.PARKED, ElephantStatus.DISCUSSING)) == open_now


def test_an_elephant_two_sites_resolved_differently_counts_once_with_the_later_decision(tmp_path: Path) -> None:
    """The finding: addressed at one site, let go at the other; after the merge the report said
    "4 raised, 1 addressed, 1 let go, 3 still open" for 4 elephants, and listed it twice."""
    path = tmp_path / "site.db"
    clock = FrozenClock(START)
    with Store.open(path, clock=clock) as store:
        _play(store, clock, [("raise", False), ("raise", False), ("raise", True), ("raise", False)])
    _diverge(path, tmp_path, [(0, ElephantStatus.ADDRESSED, ElephantStatus.LET_GO)])
    with Store.open(path, clock=FrozenClock(START + timedelta(days=400))) as store:
        partnership_id = store.partnerships.ensure(PARTNERSHIP).id
        period = Period(date(2026, 3, 1), None)
        data = store.reports.partnership_report(partnership_id, period=period)
        totals = data.elephants.totals
        assert (totals.raised, totals.addressed, totals.let_go, totals.open_at_end) == (
            Tally(4, 1), Tally(0), Tally(1), Tally(3, 1))
        assert totals.conflicts == 1
        [let_go] = data.elephants.let_go
        assert data.elephants.addressed == ()
        assert [c.status for c in let_go.conflicts] == [ElephantStatus.ADDRESSED]
        trends = store.review.trends(partnership_id, period=period)
        assert without_conflicts(trends.elephant_totals) == without_conflicts(totals)
        check_one_set_of_numbers(store, partnership_id, period)
