"""Correcting this meeting's agreements and actions in the meeting (issue 16): `G` lists them, `e`
corrects the highlighted one in a form filled with it, `delete` deletes it after asking, `h` shows
its history; each change is made in this meeting and the console's list refreshes at once."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import ChangedTable, ChangeKind
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.action import ActionDialog
from meetingkit.ui.dialogs.business import BusinessDialog
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.history import HistoryDialog
from meetingkit.ui.screens.runner import RunnerScreen
from tests.helpers import rendered_text, type_text


@pytest.fixture
def running(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Child welfare & mental health")
    meeting = store.meetings.create(partnership.id, library.agendas["reflective-practice"])
    store.meetings.add_attendee(meeting.id, "Lee", "CAS")
    return store.meetings.start(meeting.id)


async def _choose(pilot, app, text: str) -> None:
    dialog = app.screen
    assert isinstance(dialog, BusinessDialog)
    options = dialog.query_one("#business-items")
    for index in range(options.option_count):
        if text in str(options.get_option_at_index(index).prompt):
            options.highlighted = index
            await pilot.pause()
            return
    raise AssertionError(f"no item shows {text!r}")


async def test_g_then_e_corrects_an_action_made_in_this_meeting(store: Store, library: AgendaLibrary, running) -> None:
    action = store.business.add_action(running.id, "Send the datse")
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await pilot.press("C")
        await pilot.pause()
        await _choose(pilot, app, "Send the datse")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        field = app.screen.query_one("#action-text", Input)
        field.value = ""
        field.focus()
        await type_text(pilot, "Send the dates")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is runner
        assert store.business.action(action.id).text == "Send the dates"
        assert "Send the dates" in rendered_text(runner.query_one("#business")), "the list refreshes at once"
        (edit,) = store.changes.history(ChangedTable.ACTIONS, action.id)
        assert (edit.kind, edit.meeting_id) == (ChangeKind.EDITED, running.id)

        await pilot.press("C")
        await pilot.pause()
        await _choose(pilot, app, "Send the dates")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryDialog)
        shown = " ".join(" ".join(rendered_text(e) for e in app.screen.query(".history-entry")).split())
        assert "corrected" in shown and '"Send the datse" → "Send the dates"' in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is runner


async def test_g_then_delete_asks_and_deletes_an_agreement(store: Store, library: AgendaLibrary, running) -> None:
    agreement = store.business.add_agreement(running.id, "We call it a safety plan")
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        runner = app.screen
        await pilot.press("C")
        await pilot.pause()
        await _choose(pilot, app, "safety plan")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "safety plan" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is runner
        assert store.db.value("SELECT count(*) FROM agreements WHERE id = ?", [agreement.id]) == 0
        assert "safety plan" not in rendered_text(runner.query_one("#business"))
        (deleted,) = store.changes.history(ChangedTable.AGREEMENTS, agreement.id)
        assert (deleted.kind, deleted.meeting_id) == (ChangeKind.DELETED, running.id)
