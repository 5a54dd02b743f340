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


async def test_the_owner_suggested_is_someone_in_the_room_first_and_enter_takes_it(
    store: Store, library: AgendaLibrary
) -> None:
    """Typing "Amira" suggests the Amira in the room, not the one from another meeting; Enter on the
    half-typed owner takes the suggestion (it saved a new person "Amira"), and the next Enter saves."""
    from meetingkit.ui.dialogs.action import ActionDialog

    partnership = known_partnership(store)
    store.partnerships.add_person(partnership, "Amira Haddad", "OCISO")  # met before, not here today
    store.partnerships.add_person(partnership, "Lee Wong", "OCISO")
    meeting = store.meetings.start(store.meetings.create(partnership, library.agendas["operational"]).id)
    store.meetings.add_attendee(meeting.id, "Amira Khan", "ocsb")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Book the interpreter")
        await pilot.press("tab")
        await type_text(pilot, "Amira")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert "Enter saves (on a suggested owner, takes it first)" in rendered_text(dialog.query_one(".dialog-keys"))
        owner = dialog.query_one("#owner")
        await pilot.press("enter")  # takes the suggestion, saves nothing yet
        await pilot.pause()
        assert app.screen is dialog and owner.value == f"Amira Khan, {BOARD}"
        assert store.business.actions(meeting.id) == []
        owner.value = ""
        await type_text(pilot, "lee")  # not in the room: the partnership's other people come next
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert owner.value == "Lee Wong, OCISO"
        await pilot.press("enter")  # nothing more to take: saves
        await pilot.pause()
        assert app.screen is not dialog
    [action] = store.business.actions(meeting.id)
    assert action.owner == "Lee Wong, OCISO"
    assert store.db.value("SELECT count(*) FROM people WHERE name = 'lee' COLLATE NOCASE") == 0


async def test_said_by_lists_the_people_in_the_room_before_organisations(
    store: Store, library: AgendaLibrary
) -> None:
    partnership = known_partnership(store)
    meeting = store.meetings.start(store.meetings.create(partnership, library.agendas["operational"]).id)
    dana = store.meetings.add_attendee(meeting.id, "Dana", "Ottawa-Carleton DSB")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "Funding")
        await pilot.press("tab")  # to who said it
        await pilot.press("down")  # the first after "Anonymous": the person in the room
        await pilot.press("enter")
        await pilot.pause()
    [elephant] = store.boards.parking_lot(partnership)
    assert (elephant.text, store.db.value("SELECT person_id FROM elephants")) == ("Funding", dana.id)
