"""A meeting whose file another tool filled with anything, text where numbers belong among it
(issue 14), opens in the app: its record and its summary show it, inert, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.messages import OpenMeeting, OpenRecord
from meetingkit.ui.screens.record import RecordScreen
from meetingkit.ui.screens.summary import SummaryScreen
from tests.helpers import HOSTILE_VALUES, a_meeting_with_one_of_everything, poison, rendered_text


@pytest.mark.parametrize("value", ["tag", "escape", "newline", "right to left"])
async def test_the_record_and_the_summary_open_a_meeting_holding_anything(
    store: Store, library: AgendaLibrary, db_path: Path, value: str
) -> None:
    meeting_id = a_meeting_with_one_of_everything(store, library)
    poison(db_path, HOSTILE_VALUES[value])
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        app.post_message(OpenMeeting(meeting_id))
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        shown = "\n".join(rendered_text(widget) for widget in summary.query("Static"))
        assert "0 jargon terms named" in shown, "a tally that is not a number is read as none"
        app.post_message(OpenRecord(meeting_id, include_confidential=True))
        await pilot.pause()
        record = app.screen
        assert isinstance(record, RecordScreen)
        shown = "\n".join(rendered_text(part) for part in record.query(".record-part"))
        assert "zebra" in shown and "\x1b" not in shown
        assert "planned time unknown" in shown and "None" not in shown, "minutes that are not a number"
    assert app.return_code in (None, 0)
