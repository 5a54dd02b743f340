"""The new-meeting form's traps, pressed as a facilitator typing fast would press them.

`q` on a form with typed text, Tab from the last field onto the start button, Enter there
with nobody recorded: none of them loses what was typed or starts a meeting unasked, and no
key typed for the form lands in a meeting.
"""

from __future__ import annotations

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.screens.new_meeting import NewMeetingScreen
from meetingkit.ui.screens.runner import RunnerScreen
from tests.helpers import rendered_text, type_text


@pytest.fixture
def app(store: Store, library: AgendaLibrary) -> MeetingkitApp:
    return create_app(store, library)


async def open_form(pilot) -> NewMeetingScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NewMeetingScreen)
    return screen


async def test_q_on_a_form_holding_typed_text_asks_and_no_keeps_everything(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        await type_text(pilot, "Newcomer Families")
        form.query_one("#agenda").focus()  # a field that does not take letters
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#partnership").value == "Newcomer Families"
    assert store.partnerships.all() == []


async def test_escape_on_a_form_holding_typed_text_asks_before_going_back(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        form.query_one("#attendee").focus()
        await type_text(pilot, "Dana, school board")
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_q_on_an_untouched_form_goes_back_without_a_question(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        form.query_one("#agenda").focus()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)


async def test_enter_on_start_with_nobody_recorded_asks_first_and_the_typing_goes_on_in_the_form(
    app: MeetingkitApp, store: Store
) -> None:
    """The finding: Tab from Site, Enter, and the rest of the typing parked an elephant."""
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        await type_text(pilot, "Newcomer Families")
        form.query_one("#site").focus()
        await type_text(pilot, "Central Library")
        await pilot.press("enter")  # Enter on Site moves on, as Tab does
        await pilot.pause()
        await pilot.press("enter")  # the reflex Enter
        await pilot.pause()
        assert app.screen is form
        assert "Nobody is recorded as here yet" in rendered_text(form.query_one("#form-message"))
        await type_text(pilot, "e")  # would park an elephant in the meeting
        assert app.screen is form and store.partnerships.all() == []
        assert form.query_one("#attendee").value == "e"  # the typing lands where people are added
        await pilot.press("ctrl+u", "ctrl+s")  # asked, and answered: start with nobody
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert store.boards.parking_lot(store.partnerships.all()[0].id) == []


async def test_a_form_with_people_starts_at_once(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        await type_text(pilot, "Newcomer Families")
        form.query_one("#attendee").focus()
        await type_text(pilot, "Dana, school board")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)


# -- the glossary -----------------------------------------------------------------------------


@pytest.fixture
def glossary_meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & Schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    for said in ("ISP", "IEP", "MLO"):
        store.jargon.mention(meeting.id, said)
    return meeting


async def test_down_from_the_glossary_filter_lands_on_the_first_match_and_enter_explains_it(
    store: Store, library: AgendaLibrary, glossary_meeting
) -> None:
    """The finding: ↓ skipped the first term, so a meaning was saved on the wrong one."""
    from textual.widgets import OptionList

    app = create_app(store, library, open_meeting=glossary_meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("J")
        await pilot.pause()
        listed = app.screen.query_one("#board-list", OptionList)
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is listed and listed.highlighted == 0
        app.screen.query_one("#glossary-filter").focus()
        await type_text(pilot, "I")
        await pilot.pause()
        first = listed.get_option_at_index(0).id
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is listed and listed.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "a meaning for the first match")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [m.meaning for m in store.jargon.board_term(first).meanings] == ["a meaning for the first match"]


# -- Enter saves a dialog, whatever has focus ------------------------------------------------


async def test_enter_on_a_list_in_the_turning_point_dialog_saves_it_and_the_hint_says_so(
    store: Store, library: AgendaLibrary, glossary_meeting
) -> None:
    """The finding: Enter on a dropdown reopened it, and nothing said which key saves."""
    from textual.widgets import Select

    from meetingkit.ui.dialogs.boards import TurningPointDialog

    app = create_app(store, library, open_meeting=glossary_meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t", "T")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TurningPointDialog)
        assert "Enter saves" in rendered_text(dialog.query_one(".dialog-keys"))
        assert "↓ opens a list" in rendered_text(dialog.query_one(".dialog-keys"))
        await type_text(pilot, "An apology for the missed referral")
        dialog.query_one("#tp-kind", Select).focus()
        await pilot.press("down", "down", "down", "enter")  # ↓ opens the list; an apology
        await pilot.pause()
        assert dialog.query_one("#tp-kind", Select).value == "apology"
        await pilot.press("enter")  # on the list, closed: saves
        await pilot.pause()
        assert not isinstance(app.screen, TurningPointDialog)
    [point] = store.boards.turning_points(glossary_meeting.id)
    assert point.note == "An apology for the missed referral" and point.kind.value == "apology"


# -- every board refreshes as soon as the data changes ---------------------------------------


async def test_an_elephant_decided_in_the_review_section_leaves_the_parking_lot_board_at_once(
    store: Store, library: AgendaLibrary, clock
) -> None:
    """The finding: the board went on saying "parked" until something else changed."""
    from textual.widgets import OptionList

    from meetingkit.ui.widgets.parking_lot import ParkingLotBoard

    partnership = store.partnerships.ensure("Child welfare & mental health")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.boards.raise_elephant(first.id, "Caseload numbers drive everything")
    store.meetings.end(first.id)
    clock.advance(14 * 24 * 3600)
    second = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=second.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # to the review section
        await pilot.pause()
        board = app.screen.query_one(ParkingLotBoard)
        assert "parked" in rendered_text(board) and "Caseload numbers" in rendered_text(board)
        app.screen.query_one("#carry-over", OptionList).focus()
        await pilot.press("d")  # addressed
        await pilot.pause()
        await type_text(pilot, "Managers met and settled it")
        await pilot.press("enter")
        await pilot.pause()
        shown = rendered_text(board)
        assert "parked" not in shown and "addressed" in shown and "Managers met" in shown


# -- dates that are probably slips get a second look -----------------------------------------


async def test_a_due_date_in_the_past_gets_a_second_look_and_enter_again_keeps_it(
    store: Store, library: AgendaLibrary, glossary_meeting
) -> None:
    from meetingkit.ui.dialogs.action import ActionDialog

    app = create_app(store, library, open_meeting=glossary_meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Book the hall")
        await pilot.press("tab", "tab")
        await type_text(pilot, "yesterday")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert dialog.query_one("#due-feedback").has_class("-warning")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "is in the past (yesterday)" in rendered_text(dialog.query_one("#form-message"))
        assert store.business.actions(glossary_meeting.id) == []
        await pilot.press("enter")  # looked again: meant
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
    [action] = store.business.actions(glossary_meeting.id)
    assert action.due_on is not None and action.due_on < store.clock.now().date()


async def test_the_note_of_an_addressed_elephant_is_corrected_from_its_form(
    store: Store, library: AgendaLibrary, glossary_meeting
) -> None:
    """Saving the form where the elephant already stands corrects its note; it is not a refused move."""
    from textual.widgets import OptionList

    from meetingkit.core.models import ElephantStatus

    elephant = store.boards.raise_elephant(glossary_meeting.id, "Caseload numbers drive everything")
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=glossary_meeting.id,
                                     note="Managers met and setled it")
    app = create_app(store, library, open_meeting=glossary_meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        listed = app.screen.query_one("#board-list", OptionList)
        listed.highlighted = listed.get_option_index(elephant)
        await pilot.press("enter")
        await pilot.pause()
        note = app.screen.query_one("#elephant-note")
        note.value = "Managers met and settled it"
        await pilot.press("enter")
        await pilot.pause()
        assert "board-list" in [w.id for w in app.screen.query("OptionList")]
    moved = store.boards.elephant(elephant)
    assert moved.status is ElephantStatus.ADDRESSED and moved.resolution_note == "Managers met and settled it"


# -- people and organisations at the door ----------------------------------------------------


async def test_tab_accepts_the_owner_suggestion_shown_then_moves_on(
    store: Store, library: AgendaLibrary, glossary_meeting
) -> None:
    """The finding: "Amira" showed "Amira Haddad, OCISO" but Tab saved a new person called "Amira"."""
    from meetingkit.ui.dialogs.action import ActionDialog

    store.meetings.add_attendee(glossary_meeting.id, "Amira Haddad", "OCISO")
    app = create_app(store, library, open_meeting=glossary_meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Book the interpreter")
        await pilot.press("tab")
        await type_text(pilot, "Amira")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        owner = dialog.query_one("#owner")
        assert owner.has_focus
        await pilot.press("tab")  # takes the suggestion
        await pilot.pause()
        assert owner.value == "Amira Haddad, OCISO" and owner.has_focus
        await pilot.press("tab")  # nothing more to take: on to the due date
        await pilot.pause()
        assert dialog.query_one("#due").has_focus
        await pilot.press("enter")
        await pilot.pause()
    [action] = store.business.actions(glossary_meeting.id)
    assert action.owner == "Amira Haddad, OCISO" and action.text == "Book the interpreter"


async def test_the_attendee_list_shows_name_and_organisation_apart_and_o_and_delete_correct_them(
    app: MeetingkitApp, store: Store
) -> None:
    """An organisation typed alone lands as a name unless it is known or an acronym: the list shows
    which part each text landed in, `o` moves it to the other part, and delete takes it out."""
    from textual.widgets import OptionList

    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot)
        await type_text(pilot, "Newcomer Families")
        form.query_one("#attendee").focus()
        for entry in ("Ottawa-Carleton DSB", "Dana, school board", "Sam"):
            await type_text(pilot, entry)
            await pilot.press("enter")
        listed = form.query_one("#attendees", OptionList)
        shown = rendered_text(listed)
        assert "Ottawa-Carleton DSB  ·  no organisation" in shown
        assert "Dana  ·  school board" in shown
        listed.focus()
        listed.highlighted = 0
        await pilot.press("o")  # it is an organisation
        await pilot.pause()
        assert "no name  ·  Ottawa-Carleton DSB" in rendered_text(listed)
        listed.highlighted = 2
        await pilot.press("delete")  # Sam was not there after all
        await pilot.pause()
        assert "Sam" not in rendered_text(listed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        meeting_id = app.screen.meeting_id
    people = {(p.name, p.organisation_name) for p in store.meetings.attendees(meeting_id)}
    assert people == {(None, "Ottawa-Carleton DSB"), ("Dana", "school board")}
