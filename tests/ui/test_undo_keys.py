"""ctrl+z in the console: the last correction or decision made here is undone, with a toast saying
what, and every list shows it at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, ChangedTable, ChangeKind, ElephantStatus
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.usecases.capture import move_elephant
from tests.helpers import rendered_text, type_text

DAY = 24 * 3600


def _toasts(pilot: Pilot[Any]) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


def _running(store: Store, library: AgendaLibrary) -> str:
    partnership = store.partnerships.ensure("Schools and settlement")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    store.meetings.add_attendee(meeting.id, "Dana", "school board")
    store.meetings.add_attendee(meeting.id, "Sam", "OCISO")
    return store.meetings.start(meeting.id).id


async def test_an_elephant_decided_in_the_review_section_is_undone_with_ctrl_z(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    elephant = store.boards.raise_elephant(first.id, "Caseload numbers drive everything")
    store.meetings.end(first.id)
    clock.advance(14 * DAY)
    follow_up = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=follow_up.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # to the review section
        await pilot.pause()
        carry = app.screen.query_one("#carry-over", OptionList)
        assert app.focused is carry
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Agreed a shared workload measure")
        await pilot.press("enter")
        await pilot.pause()
        assert store.boards.elephant(elephant).status is ElephantStatus.ADDRESSED
        assert "Nothing open from earlier meetings" in str(carry.border_title)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.boards.elephant(elephant).status is ElephantStatus.PARKED
        assert 'Undone: elephant "Caseload numbers drive everything" addressed' in _toasts(pilot)
        assert "Caseload numbers drive everything" in rendered_text(carry)  # back in the list at once

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo: no correction or decision made here is left." in _toasts(pilot)
    history = store.changes.history(ChangedTable.ELEPHANTS, elephant)
    assert [change.kind for change in history] == [ChangeKind.DONE, ChangeKind.UNDONE]


async def test_a_note_edited_in_the_notes_editor_is_undone_with_ctrl_z(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    note = store.notes.add(meeting, "Waitlist is six week")
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "s")
        await pilot.press("escape")  # closing saves
        await pilot.pause()
        assert store.notes.get(note).text == "Waitlist is six weeks"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.notes.get(note).text == "Waitlist is six week"
        assert 'Undone: note "Waitlist is six weeks" edited' in _toasts(pilot)
        await pilot.press("o")  # the editor opens on the text as it now is
        await pilot.pause()
        assert app.screen.query_one("#notes").text == "Waitlist is six week"


async def test_a_note_deleted_in_the_notes_editor_comes_back_with_ctrl_z(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    store.notes.add(meeting, "Keep")
    store.notes.add(meeting, "Gone")
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*["backspace"] * 5)  # "Gone" and the line it was on
        await pilot.press("escape")
        await pilot.pause()
        assert [n.text for n in store.notes.meeting_notes(meeting)] == ["Keep"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [n.text for n in store.notes.meeting_notes(meeting)] == ["Keep", "Gone"]
        assert 'Undone: note "Gone" deleted' in _toasts(pilot)


async def test_an_action_marked_done_is_reopened_with_ctrl_z(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    action = store.business.add_action(meeting, "Send the referral form", due_on=date(2026, 12, 10))
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        partnership = store.meetings.get(meeting).partnership_id
        with store.db.transaction():  # as the register's d does (the key lands with another branch)
            now = store.db.now()
            store.db.update("actions", action.id, {"status": "done", "closed_at": now, "closed_meeting_id": meeting})
            store.changes.record(ChangedTable.ACTIONS, action.id, ChangeKind.DONE, partnership_id=partnership,
                                 meeting_id=meeting, fields=[("status", "open", "done"), ("closed_at", None, now),
                                                             ("closed_meeting_id", None, meeting)])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.business.action(action.id).status is ActionStatus.OPEN
        assert 'Undone: action "Send the referral form" marked done' in _toasts(pilot)


async def test_an_attendee_removed_with_minus_comes_back_with_ctrl_z(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog)
        await type_text(pilot, "dana, SCHOOL bored")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LineDialog)  # still open, the typing kept, saying why
        assert "Nobody at this meeting goes by that" in rendered_text(dialog.query_one("#line-message"))
        assert dialog.query_one("#line", Input).value == "dana, SCHOOL bored"
        assert len(store.meetings.attendees(meeting)) == 2
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "ard")
        await pilot.press("enter")
        await pilot.pause()
        assert [p.label for p in store.meetings.attendees(meeting)] == ["Sam, OCISO"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sorted(p.label for p in store.meetings.attendees(meeting)) == ["Dana, school board", "Sam, OCISO"]
        assert 'Undone: attendee "Dana, school board" removed from the meeting' in _toasts(pilot)


async def test_an_attendee_corrected_with_equals_is_put_back_with_ctrl_z(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("equals_sign")
        await pilot.pause()
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LineDialog) and dialog.query_one("#line", Input).value == "Sam, OCISO"
        await pilot.press("ctrl+u")  # clear the line
        await type_text(pilot, "Samir, OCISO")
        await pilot.press("enter")
        await pilot.pause()
        assert sorted(p.label for p in store.meetings.attendees(meeting)) == ["Dana, school board", "Samir, OCISO"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sorted(p.label for p in store.meetings.attendees(meeting)) == ["Dana, school board", "Sam, OCISO"]
        assert 'Undone: attendee "Samir, OCISO" corrected' in _toasts(pilot)


async def test_projected_the_toast_does_not_quote_a_confidential_item(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    note = store.notes.add(meeting, "About the Ahmed family", confidential=True)
    store.notes.edit(note, "About the Ahmed family's housing")
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undone: a confidential note edited" in _toasts(pilot)
        assert not any("Ahmed" in toast for toast in _toasts(pilot))


async def test_the_help_and_the_palette_offer_undo(store: Store, library: AgendaLibrary) -> None:
    meeting = _running(store, library)
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Undo" in commands
        await pilot.press("question_mark")
        await pilot.pause()
        keys = rendered_text(app.screen.query_one("#help-keys"))
        assert "^z" in keys or "ctrl+z" in keys, keys
        assert "Undo" in keys


async def test_ctrl_z_works_on_the_parking_lot_and_the_glossary_and_they_redraw(
    store: Store, library: AgendaLibrary
) -> None:
    meeting = _running(store, library)
    elephant = store.boards.raise_elephant(meeting, "Caseload numbers")
    move_elephant(store, meeting, elephant, ElephantStatus.LET_GO, "Not ours to fix")
    note = store.notes.add(meeting, "Typo")
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        board = app.screen.query_one("#board-list", OptionList)
        assert "let go" in rendered_text(board)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "let go" not in rendered_text(board) and "parked" in rendered_text(board)
        await pilot.press("escape", "J")  # the glossary, its filter focused: ctrl+z still reaches the app
        await pilot.pause()
        store.notes.edit(note, "Typo fixed")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.notes.get(note).text == "Typo"
        assert 'Undone: note "Typo fixed" edited' in _toasts(pilot)
