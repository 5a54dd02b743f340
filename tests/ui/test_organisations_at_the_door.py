"""Organisations recognised at the door (issue 16): a known organisation or alias typed alone, in any
capitals, is the organisation, on the new-meeting form and in the arrival dialog."""

from __future__ import annotations

from textual.widgets import OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.new_meeting import NewMeetingScreen
from meetingkit.ui.screens.runner import RunnerScreen
from tests.helpers import rendered_text, type_text

BOARD = "Ottawa Catholic School Board"


def known_partnership(store: Store) -> str:
    partnership = store.partnerships.ensure("Newcomer Families")
    store.partnerships.ensure_organisation(partnership.id, "Ottawa-Carleton DSB")
    store.partnerships.ensure_organisation(partnership.id, BOARD)
    store.partnerships.add_alias(partnership.id, BOARD, "OCSB")
    return partnership.id


async def test_a_known_organisation_or_alias_typed_alone_in_any_capitals_is_the_organisation(
    store: Store, library: AgendaLibrary
) -> None:
    known_partnership(store)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewMeetingScreen)
        await type_text(pilot, "Newcomer Families")
        form.query_one("#attendee").focus()
        for entry in ("ottawa-carleton dsb", "ocsb", "Dana, ocsb", "Sam"):
            await type_text(pilot, entry)
            await pilot.press("enter")
        shown = rendered_text(form.query_one("#attendees", OptionList))
        assert "no name  ·  Ottawa-Carleton DSB" in shown
        assert f"no name  ·  {BOARD}" in shown
        assert f"Dana  ·  {BOARD}" in shown
        assert "Sam  ·  no organisation" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        meeting_id = app.screen.meeting_id
    people = {(p.name, p.organisation_name) for p in store.meetings.attendees(meeting_id)}
    assert people == {(None, "Ottawa-Carleton DSB"), (None, BOARD), ("Dana", BOARD), ("Sam", None)}
    assert {o.name for o in store.partnerships.organisations(store.meetings.get(meeting_id).partnership_id)} == {
        "Ottawa-Carleton DSB", BOARD}


async def test_an_alias_typed_alone_in_the_arrival_dialog_is_the_organisation(
    store: Store, library: AgendaLibrary
) -> None:
    partnership = known_partnership(store)
    meeting = store.meetings.start(store.meetings.create(partnership, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await type_text(pilot, "ocsb")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        await type_text(pilot, "ottawa-carleton dsb")
        await pilot.press("enter")
        await pilot.pause()
    people = [(p.name, p.organisation_name) for p in store.meetings.attendees(meeting.id)]
    assert people == [(None, BOARD), (None, "Ottawa-Carleton DSB")]
