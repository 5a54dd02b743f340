"""A whole meeting, run from the keyboard through Textual's Pilot, checked on screen and in the store."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ActionStatus, MeetingStatus, RoundOutcome
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.action import ActionDialog
from meetingkit.ui.dialogs.agreement import AgreementDialog
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.screens.blank import BlankScreen
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.screens.new_meeting import NewMeetingScreen
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.screens.summary import SummaryScreen
from meetingkit.ui.theme import PROJECTOR_THEME
from meetingkit.ui.widgets.section_timer import SectionTimer
from tests.helpers import rendered_text, type_text


@pytest.fixture
def app(store: Store, library: AgendaLibrary) -> MeetingkitApp:
    return create_app(store, library)


async def test_a_whole_operational_meeting_from_the_keyboard(
    app: MeetingkitApp, store: Store, clock: FrozenClock
) -> None:
    """Start, attendees, every section, a round with a pass, an agreement, an action due "next friday", end."""
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingScreen)
        await type_text(pilot, "Newcomer Families")
        app.screen.query_one("#attendee").focus()
        for person in ("Dana, school board", "settlement worker, OCISO", "Sam, school board"):
            await type_text(pilot, person)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()

        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        meeting_id = runner.meeting_id
        assert "Welcome and our safe-space agreements" in rendered_text(runner.query_one("#section-title"))
        assert runner.query_one(SectionTimer).value == "05:00"

        clock.advance(6 * 60)  # the welcome runs a minute over
        await pilot.pause(0)
        runner._tick()
        assert runner.query_one(SectionTimer).value == "+01:00"
        assert runner.query_one(SectionTimer).has_class("-overrun")

        await pilot.press("n")  # review of last time: nothing open for a new partnership
        await pilot.pause()
        assert "Nothing open from earlier meetings" in str(runner.query_one("#carry-over").border_title)
        clock.advance(10 * 60)

        await pilot.press("n")  # the round
        await pilot.pause()
        round_list = runner.query_one("#round", OptionList)
        assert app.focused is round_list
        await pilot.press("enter", "x", "enter")  # Dana spoke, the worker passed, Sam spoke
        await pilot.pause()
        shown = rendered_text(round_list)
        assert "passed  settlement worker, OCISO" in shown and "spoke   Dana, school board" in shown

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        await type_text(pilot, "Share the term timetable")
        await pilot.press("tab")
        await type_text(pilot, "Dana")
        await pilot.press("tab", "tab")  # the first takes the suggested "Dana, school board", the second moves on
        await type_text(pilot, "next friday")
        await pilot.pause()
        assert "Fri 27 Nov 2026 (in 3 days)" in rendered_text(app.screen.query_one("#due-feedback"))
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementDialog)
        await type_text(pilot, "Workers are school-based but not school-bound")
        await pilot.press("tab", "space", "down", "space", "tab")
        await type_text(pilot, "in 3 months")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is runner
        business = rendered_text(runner.query_one("#business"))
        assert "Workers are school-based but not school-bound" in business
        assert "Share the term timetable" in business

        await pilot.press("space")  # pause while someone takes a call
        await pilot.pause()
        clock.advance(120)
        await pilot.press("space")
        await pilot.pause()

        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "Waitlist at OCISO is six weeks")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is not runner.query_one("#notes")

        for _ in range(4):  # through every remaining section to the close
            clock.advance(5 * 60)
            await pilot.press("n")
            await pilot.pause()
        assert "Close" in rendered_text(runner.query_one("#section-title"))
        await pilot.press("n")  # past the last section: the meeting asks to end
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        summary_screen = app.screen
        assert isinstance(summary_screen, SummaryScreen)
        summary_text = rendered_text(summary_screen.query_one("#summary-attendance"))
        assert "school board (2): Dana, Sam" in summary_text
        assert "Share the term timetable" in rendered_text(summary_screen.query_one("#summary-actions"))

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    meeting = store.meetings.get(meeting_id)
    assert meeting.status is MeetingStatus.ENDED and meeting.partnership_name == "Newcomer Families"
    runs = store.meetings.section_runs(meeting_id)
    assert all(run.started_at and run.ended_at for run in runs)
    assert runs[0].elapsed_seconds(clock.now()) == 6 * 60
    assert runs[2].elapsed_seconds(clock.now()) == 5 * 60, "the two paused minutes do not count"
    assert runs[2].notes == "Waitlist at OCISO is six weeks"
    turns = store.meetings.round_turns(runs[2].id)
    assert sorted(turns.values()) == [RoundOutcome.PASSED, RoundOutcome.SPOKE, RoundOutcome.SPOKE]
    [action] = store.business.actions(meeting_id)
    assert (action.owner, action.due_on, action.status) == ("Dana, school board", date(2026, 11, 27), ActionStatus.OPEN)
    [agreement] = store.business.agreements(meeting_id)
    assert agreement.parties == ("OCISO", "school board") and agreement.review_on == date(2027, 2, 24)
    summary = meeting.summary
    assert summary is not None
    assert summary.sections[0].difference_seconds == 60
    assert [row.organisation for row in summary.attendance] == ["OCISO", "school board"]


@pytest.fixture
def running(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Child welfare & mental health")
    meeting = store.meetings.create(partnership.id, library.agendas["reflective-practice"])
    store.meetings.add_attendee(meeting.id, "Lee", "CAS")
    return store.meetings.start(meeting.id)


async def test_projection_shows_the_room_only_what_it_should(store: Store, library: AgendaLibrary, running) -> None:
    store.business.add_agreement(running.id, "Shared: we call it a safety plan")
    store.business.add_agreement(running.id, "About the Ahmed family", confidential=True)
    store.notes.add(running.id, "Facilitator-only note")
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert "About the Ahmed family" in rendered_text(runner.query_one("#business"))
        await pilot.press("p")
        await pilot.pause()
        assert app.theme == "meetingkit-projector"
        business = str(runner.query_one("#agreed-pages").render())  # the room's list, paged
        assert "we call it a safety plan" in business and "Ahmed" not in business
        assert not runner.query_one("#sidebar-panel").display or runner.query_one("#sidebar-panel").region.width == 0
        await pilot.press("o")  # notes never open on the wall
        await pilot.pause()
        assert not runner.query_one("#notes").display
        await pilot.press("p")
        await pilot.pause()
        assert app.theme != "meetingkit-projector"


async def test_ctrl_o_in_the_notes_marks_the_note_on_that_line_confidential(
    store: Store, library: AgendaLibrary, running
) -> None:
    scribe = store.notes.add(running.id, "Scribe: waitlist is six weeks")
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("end", "enter", *"The family's address", "ctrl+o")
        await pilot.pause()
        [open_note, marked] = store.notes.meeting_notes(running.id)
        assert (open_note.id, open_note.confidential) == (scribe, False)
        assert (marked.text, marked.confidential) == ("The family's address", True)
        store.notes.add(running.id, "Scribe: a second terminal, meanwhile")
        await pilot.press("up", "ctrl+o", "escape")  # the first line: the scribe's note
        await pilot.pause()
    notes = store.notes.meeting_notes(running.id)
    assert [(n.text, n.confidential) for n in notes] == [
        ("Scribe: waitlist is six weeks", True), ("The family's address", True),
        ("Scribe: a second terminal, meanwhile", False),
    ]


async def test_blank_hides_everything_until_any_key(store: Store, library: AgendaLibrary, running) -> None:
    """Projected (one mirrored screen), `b` blacks out the console itself. (With the console
    private, `b` blanks the wall instead: see tests/ui/test_wall.py.)"""
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("q")  # any key, even one that would otherwise quit, just brings the meeting back
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.is_running


async def test_quitting_mid_meeting_asks_and_leaves_it_resumable(store: Store, library: AgendaLibrary, running) -> None:
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running
    assert store.meetings.get(running.id).status is MeetingStatus.RUNNING


async def test_starting_the_app_offers_to_resume(store: Store, library: AgendaLibrary, running, clock) -> None:
    store.meetings.go_to_section(running.id, 2)
    clock.advance(90)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "section 3 of 8" in rendered_text(app.screen.query_one(".dialog-detail"))
        await pilot.press("y")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.meeting.current_position == 2
        assert runner.query_one(SectionTimer).value == "08:30"


@pytest.mark.parametrize("resume", [True, False])
async def test_after_a_crash_while_projecting_the_wall_shows_nothing_until_the_facilitator_chooses(
    store: Store, library: AgendaLibrary, running, resume: bool
) -> None:
    """The laptop died with the room watching: the offer to resume sits on a blank projected
    screen, not on the home screen's list of every partnership."""
    store.meetings.set_projecting(running.id, True)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert isinstance(app.screen_stack[-2], BlankScreen)
        assert app.theme == PROJECTOR_THEME.name
        await pilot.press("y" if resume else "n")
        await pilot.pause()
        assert not any(isinstance(screen, BlankScreen) for screen in app.screen_stack)
        assert isinstance(app.screen, RunnerScreen if resume else HomeScreen)
        assert (app.theme == PROJECTOR_THEME.name) is resume


async def test_a_late_arrival_joins_the_round(store: Store, library: AgendaLibrary, running) -> None:
    store.meetings.go_to_section(running.id, 2)  # the check-in round
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        await type_text(pilot, "Ana, Youth Mental Health")
        await pilot.press("enter")
        await pilot.pause()
        assert "Ana, Youth Mental Health" in rendered_text(app.screen.query_one("#round"))
    assert [p.label for p in store.meetings.attendees(running.id)] == ["Lee, CAS", "Ana, Youth Mental Health"]


async def test_a_date_that_cannot_be_read_keeps_the_form_open_with_everything_typed(
    store: Store, library: AgendaLibrary, running
) -> None:
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Call the principal")
        await pilot.press("tab", "tab")
        await type_text(pilot, "whenever")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert "Couldn't read 'whenever' as a date" in rendered_text(dialog.query_one("#form-message"))
        assert dialog.query_one("#action-text", Input).value == "Call the principal"
    assert store.business.actions(running.id) == []


async def test_carry_over_review_closes_and_carries_last_times_business(
    store: Store, library: AgendaLibrary, running, clock: FrozenClock
) -> None:
    first = store.business.add_action(running.id, "Send the referral form")
    second = store.business.add_action(running.id, "Book the interpreter")
    store.boards.raise_elephant(running.id, "Caseload numbers drive everything")
    store.meetings.end(running.id)
    clock.advance(14 * 24 * 3600)
    follow_up = store.meetings.start(store.meetings.create(running.partnership_id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=follow_up.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # to the review section
        await pilot.pause()
        carry = app.screen.query_one("#carry-over", OptionList)
        assert app.focused is carry
        shown = rendered_text(carry)
        assert "Send the referral form" in shown and "open 14 days" in shown
        assert "Caseload numbers drive everything" in shown and "waiting 14 days" in shown
        await pilot.press("d")  # first action done
        await pilot.pause()
        await pilot.press("c")  # second action carried
        await pilot.pause()
        await pilot.press("d")  # the elephant addressed, with a note
        await pilot.pause()
        await type_text(pilot, "Agreed a shared workload measure")
        await pilot.press("enter")
        await pilot.pause()
        assert "Nothing open from earlier meetings" in str(app.screen.query_one("#carry-over").border_title)
    assert store.business.action(first.id).status is ActionStatus.DONE
    assert store.business.action(second.id).status is ActionStatus.CARRIED
    assert [a.text for a in store.business.actions(follow_up.id)] == ["Book the interpreter"]
    assert store.boards.open_elephants(follow_up.id) == []


async def test_the_palette_offers_every_runner_action_but_no_screenshot(
    store: Store, library: AgendaLibrary, running
) -> None:
    """ctrl+p finds each action by name; Textual's screenshot (a file of a possibly confidential screen) is gone."""
    app = create_app(store, library, open_meeting=running.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Next", "Back", "Pause", "Notes", "Agreed", "Action", "Arrival", "Project", "Blank the wall", "End"} <= titles
        assert "Screenshot" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Project")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "meetingkit-projector"
