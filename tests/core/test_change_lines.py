"""An agreement's or action's history through the audience policy (`lines.change_line`): a
confidential item's history says what was done and when, never its words, values or note."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.audience import Audience
from meetingkit.core.lines import change_line
from meetingkit.core.models import Change, ChangedTable, ChangeKind

SECRET = "Dana's custody hearing"


def _change(kind: ChangeKind, confidential: bool, table: ChangedTable = ChangedTable.ACTIONS) -> Change:
    return Change(id="c1", table=table, row_id="r1", kind=kind, at=datetime(2026, 12, 4, 14, tzinfo=UTC),
                  meeting_id=None, fields=(("text", SECRET, SECRET + " moved"), ("due_on", "2026-12-02", None)),
                  note=SECRET, confidential=confidential)


@given(kind=st.sampled_from([ChangeKind.EDITED, ChangeKind.DELETED, ChangeKind.DONE, ChangeKind.REVIEWED]),
       table=st.sampled_from([ChangedTable.ACTIONS, ChangedTable.AGREEMENTS]),
       audience=st.sampled_from(list(Audience)))
def test_a_confidential_history_never_quotes_the_item_below_whom_it_may_be_shown(kind, table, audience) -> None:
    line = change_line(_change(kind, True, table), audience, today=date(2026, 12, 4))
    if audience in (Audience.FACILITATOR, Audience.EXPORT_CONFIDENTIAL):
        assert line is not None and SECRET in line.text
    else:
        assert line is None or (SECRET not in line.text and "2 Dec" not in line.text)


def test_an_open_history_says_before_and_after_and_the_note() -> None:
    line = change_line(_change(ChangeKind.EDITED, False), Audience.EXPORT, today=date(2026, 12, 4))
    assert line is not None
    assert f'words: "{SECRET}" → "{SECRET} moved"' in line.text
    assert "due date: Wed 2 Dec 2026" in line.text and "→ nothing" in line.text
    assert "between meetings" in line.text and f"note: {SECRET}" in line.text
