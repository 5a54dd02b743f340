"""The home screen's "open elephants" per partnership, read with only the columns it needs (issue 19),
is what counting every elephant in full says is open now (`Counting.elephants(None)`), on generated
histories (resolved, reopened, two sites deciding before a merge) and on rows another tool wrote."""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from tests.store.test_one_set_of_numbers import START, _diverge, _play, divergence, steps


def counted_in_full(store: Store) -> dict[str, int]:
    """Open now as every count reads it: each elephant counted with its whole history."""
    partnership = {row["id"]: row["partnership_id"] for row in store.db.rows("SELECT id, partnership_id FROM elephants")}
    found = Counter(partnership[i] for i, counted in store.counting.elephants(None).items() if counted.open_at_end)
    return dict(found)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps, split=divergence)
def test_open_now_is_what_the_full_count_says(plan, split) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "site.db"
        clock = FrozenClock(START)
        with Store.open(path, clock=clock) as store:
            _play(store, clock, plan)
        _diverge(path, folder, split)
        with Store.open(path, clock=FrozenClock(START + timedelta(days=400))) as store:
            assert store.counting.open_elephants_now() == counted_in_full(store)


def test_elephants_without_history_count_as_the_full_count_reads_them(tmp_path: Path) -> None:
    """Rows another tool wrote with no status events: parked when raised, then their status now at
    when they were resolved, even when that is (wrongly) before they were raised."""
    path = tmp_path / "site.db"
    clock = FrozenClock(START)
    with Store.open(path, clock=clock) as store:
        _play(store, clock, [("raise", False)] * 6 + [("status", 0, "addressed"), ("outside", 1, "discussing")])
    raised = "2026-03-02T09:00:00.000Z"
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM elephant_events WHERE elephant_id IN "
                           "(SELECT id FROM elephants ORDER BY raised_at, rowid LIMIT 5 OFFSET 1)")
        ids = [row[0] for row in connection.execute("SELECT id FROM elephants ORDER BY raised_at, rowid")]
        for elephant_id, status, resolved in [
            (ids[2], "addressed", "2026-03-03T09:00:00.000Z"),  # resolved after it was raised: resolved now
            (ids[3], "let_go", "2025-01-01T09:00:00.000Z"),  # "resolved" before it was raised: parked
            (ids[4], "discussing", None),  # no time: at when it was raised, after being parked then
            (ids[5], "parked", None),
        ]:
            connection.execute("UPDATE elephants SET status = ?, resolved_at = ?, raised_meeting_id = NULL, "
                               "raised_at = ? WHERE id = ?", (status, resolved, raised, elephant_id))
    with Store.open(path, clock=FrozenClock(START + timedelta(days=400))) as store:
        full = counted_in_full(store)
        assert store.counting.open_elephants_now() == full
        assert sum(full.values()) == 4  # ids[1], ids[3], ids[4], ids[5]
