"""The home screen's recent meetings are read without their summaries (issue 19): the same meetings,
in the same order, with every other field as `recent()` gives it."""

from __future__ import annotations

import dataclasses

from meetingkit.store import Store


def test_recent_without_summaries_is_recent_with_each_summary_left_out(store: Store, history: dict[str, str]) -> None:
    full = store.meetings.recent(limit=20)
    lean = store.meetings.recent(limit=20, summaries=False)
    assert [m.id for m in full] == [history["third"], history["second"], history["first"]]
    assert sum(1 for m in full if m.summary is not None) == 2  # the two ended meetings have one
    assert lean == [dataclasses.replace(m, summary=None) for m in full]
    assert store.meetings.recent(limit=1, summaries=False) == lean[:1]
