"""Steering the time from the keyboard (Pilot, frozen clock: time moves only when a test moves it):
`>` and `<`, `G`, `s`, `R`, space; the steering line, the last two minutes and the bell; the wall."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock, describe_time
from meetingkit.core.models import ChangedTable, ChangeKind
from meetingkit.core.settings import settings_path
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.steering import ChoiceDialog
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.wall.app import create_wall_app
from meetingkit.ui.wall.screen import WallScreen
from meetingkit.ui.widgets.agenda_sidebar import AgendaSidebar
from meetingkit.ui.widgets.big_timer import BigTimer, face
from meetingkit.ui.widgets.section_timer import SectionTimer
from meetingkit.usecases.meetings import start_meeting
from meetingkit.usecases.session import MeetingSession
from tests.helpers import FROZEN_START, rendered_text
from tests.ui.snapshot_app import Year


@pytest.fixture
def meeting_id(store: Store, library: AgendaLibrary) -> str:
    """The operational agenda (5, 10, 15, 20, 10, 10, 5 minutes) started at 14:00."""
    return start_meeting(store, "Schools and settlement", library.agendas["operational"],
                         attendees=[("Dana", "School board")]).id


@pytest.fixture
def app(store: Store, library: AgendaLibrary, meeting_id: str) -> MeetingkitApp:
    return create_app(store, library, open_meeting=meeting_id)


def choices(dialog: ChoiceDialog) -> str:
    """Every option of the dialog, a line each, whole (however the list wraps them)."""
    options = dialog.query_one(OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


def at(minutes: int) -> str:
    """The local clock time this many minutes after the meeting started (the screen shows local times)."""
    return describe_time(FROZEN_START + timedelta(minutes=minutes))


def runner_of(app: MeetingkitApp) -> RunnerScreen:
    assert isinstance(app.screen, RunnerScreen)
    return app.screen


async def test_a_minute_more_and_a_minute_less(app: MeetingkitApp, store: Store, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(60)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        runner._tick()
        assert runner.query_one(SectionTimer).value == "05:00"  # 4 left of 5, and a minute more
        run = runner.session.current
        assert run is not None and run.allowed_minutes == 6 and run.planned_minutes == 5
        assert "5 min planned · now 6" in rendered_text(runner.query_one(AgendaSidebar))
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        runner._tick()
        assert runner.query_one(SectionTimer).value == "03:00"
        kinds = [(c.kind, c.fields) for c in store.changes.history(ChangedTable.SECTION_RUNS, run.id)]
        assert kinds == [(ChangeKind.ADJUSTED, (("adjusted_minutes", None, 6),)),
                         (ChangeKind.ADJUSTED, (("adjusted_minutes", 6, 5),)),
                         (ChangeKind.ADJUSTED, (("adjusted_minutes", 5, 4),))]


async def test_less_never_goes_below_the_time_already_run(app: MeetingkitApp, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(4 * 60 + 30)
        await pilot.press("less_than_sign")
        await pilot.pause()
        run = runner.session.current
        assert run is not None and run.allowed_minutes == 5 and run.adjusted_minutes is None
        assert any("cannot be given less" in n.message for n in app._notifications)


async def test_g_jumps_to_the_chosen_section_as_n_would(app: MeetingkitApp, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(3 * 60)
        await pilot.press("G")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        listed = choices(app.screen)
        assert "1. Welcome and our safe-space agreements · 5 min planned · 3 min run · here now" in listed
        assert "4. Situations needing joint action · 20 min planned" in listed
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert app.screen is runner and runner.meeting.current_position == 3
        first, fourth = runner.session.runs[0], runner.session.runs[3]
        assert first.ended_at == FROZEN_START + timedelta(minutes=3)  # ended as n ends it
        assert fourth.started_at == FROZEN_START + timedelta(minutes=3)
        await pilot.press("G", "escape")  # Escape changes nothing
        await pilot.pause()
        assert app.screen is runner and runner.meeting.current_position == 3


async def test_s_skips_with_the_time_it_had_and_n_passes_it_by(
    app: MeetingkitApp, store: Store, clock: FrozenClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(5 * 60)
        await pilot.press("n")  # to the review of last time
        await pilot.pause()
        clock.advance(60)
        await pilot.press("s")
        await pilot.pause()
        assert runner.meeting.current_position == 2
        skipped = runner.session.runs[1]
        assert skipped.skipped and skipped.allowed_minutes == 10
        [change] = store.changes.history(ChangedTable.SECTION_RUNS, skipped.id)
        assert change.kind is ChangeKind.SKIPPED and change.at == FROZEN_START + timedelta(minutes=6)
        sidebar = rendered_text(runner.query_one(AgendaSidebar))
        assert "⤼ Parked elephants" in sidebar and "skipped" in sidebar
        await pilot.press("N", "n")  # back lands on it, as on any section; forward goes on
        await pilot.pause()
        assert runner.meeting.current_position == 2


async def test_the_steering_line_and_space(app: MeetingkitApp, clock: FrozenClock) -> None:
    """Always on the console: the finish at this pace and how far behind; a pause moves both."""
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        assert rendered_text(runner.query_one("#steering")).strip() == f"finish ≈ {at(75)} · on plan"
        await pilot.press("space")
        await pilot.pause()
        clock.advance(6 * 60)
        runner._tick()
        await pilot.pause()
        assert rendered_text(runner.query_one("#steering")).strip() == f"finish ≈ {at(81)} · 6 min behind plan"
        assert any("R re-plans" in n.message for n in app._notifications)  # time is short: offered once


async def test_r_shortens_the_rest_evenly(app: MeetingkitApp, store: Store, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(11 * 60)  # six minutes behind
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Shorten the 6 sections still to run evenly, taking 6 min" in choices(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        assert [r.allowed_minutes for r in runner.session.runs] == [5, 9, 14, 19, 9, 9, 4]
        runner._tick()
        await pilot.pause()
        assert rendered_text(runner.query_one("#steering")).strip() == f"finish ≈ {at(75)} · on plan"
        change = store.changes.history(ChangedTable.SECTION_RUNS, runner.session.runs[6].id)[0]
        assert change.kind is ChangeKind.REPLANNED and "shortened evenly" in change.note


async def test_r_drops_the_section_chosen(app: MeetingkitApp, store: Store, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(25 * 60)
        await pilot.press("R", "down", "enter")  # drop one…
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "enter")  # …the fourth section (the third still to run)
        await pilot.pause()
        assert app.screen is runner
        assert [r.skipped for r in runner.session.runs] == [False, False, False, True, False, False, False]
        dropped = store.changes.history(ChangedTable.SECTION_RUNS, runner.session.runs[3].id)[0]
        assert dropped.kind is ChangeKind.REPLANNED and dropped.note.startswith("dropped")


async def test_r_runs_over_on_purpose(app: MeetingkitApp, store: Store, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(15 * 60)
        await pilot.press("R", "down", "down", "enter")
        await pilot.pause()
        assert [r.allowed_minutes for r in runner.session.runs] == [5, 10, 15, 20, 10, 10, 5]
        [change] = store.changes.history(ChangedTable.SECTION_RUNS, runner.session.runs[0].id)
        assert change.kind is ChangeKind.REPLANNED and change.note == "running over (10 min behind plan)"


async def test_the_last_two_minutes_are_shown_calmly_then_overrun(app: MeetingkitApp, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        timer, state = runner.query_one(SectionTimer), runner.query_one("#timer-state")
        clock.advance(2 * 60 + 59)
        runner._tick()
        await pilot.pause()
        assert not timer.has_class("-nearly-up") and not state.display
        clock.advance(1)
        runner._tick()
        await pilot.pause()
        assert timer.has_class("-nearly-up") and rendered_text(state).strip() == "2 minutes left"
        clock.advance(120)  # its time used up to the second: still on time (`core.timing`)
        runner._tick()
        await pilot.pause()
        assert timer.has_class("-nearly-up") and not timer.has_class("-overrun")
        clock.advance(1)  # a whole second over
        runner._tick()
        await pilot.pause()
        assert timer.has_class("-overrun") and not timer.has_class("-nearly-up")
        assert rendered_text(state).strip() == "over time"
        await pilot.press("p")  # projected, the room's big timer says the same
        await pilot.pause()
        assert runner.query_one(BigTimer).has_class("-over-time")


@pytest.mark.parametrize("wanted", [False, True], ids=["off-by-default", "asked-for"])
async def test_the_bell_rings_once_at_two_minutes_left_only_when_asked_for(
    store: Store, library: AgendaLibrary, meeting_id: str, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch,
    wanted: bool,
) -> None:
    if wanted:
        settings_path().parent.mkdir(parents=True, exist_ok=True)
        settings_path().write_text("[timer]\nbell = true\n", encoding="utf-8")
    app = create_app(store, library, open_meeting=meeting_id)
    rung: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(True))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        clock.advance(5 * 60 - 121)  # a second before the last two minutes
        for _ in range(3):
            runner._tick()
            clock.advance(1)
        await pilot.pause()
        assert rung == ([True] if wanted else [])
        await pilot.press("greater_than_sign")  # out of the last two minutes, and back into them
        await pilot.pause()
        clock.advance(60)
        runner._tick()
        assert rung == ([True] if wanted else [])  # once a section


async def test_the_wall_shows_the_last_two_minutes_and_the_minutes_given(
    looking: Store, store: Store, year: Year, clock: FrozenClock
) -> None:
    """Today's meeting is six minutes into a fifteen-minute section: a minute more from the console
    is on the wall's timer, then its last two minutes, then overrun, in words and colour."""
    wall = create_wall_app(looking)
    session = MeetingSession(store, year.today)
    session.reload()
    async with wall.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        session.adjust_current(1)  # the console's `>`, from another connection
        wall.watch_database()
        await pilot.pause()
        screen = wall.screen
        assert isinstance(screen, WallScreen)
        timer, state = screen.query_one(BigTimer), screen.query_one("#wall-state")
        assert screen_face(timer) == "10:00"
        clock.advance(8 * 60 + 30)
        wall.tick()
        await pilot.pause()
        assert timer.has_class("-nearly-up") and rendered_text(state).strip() == "2 minutes left"
        assert state.has_class("-nearly-up")
        clock.advance(2 * 60)
        wall.tick()
        await pilot.pause()
        assert timer.has_class("-over-time") and not timer.has_class("-nearly-up")
        assert rendered_text(state).strip() == "Over time" and not state.has_class("-nearly-up")


def screen_face(timer: BigTimer) -> str:
    """What the block digits read (the face they were drawn from)."""
    assert timer.remaining is not None
    return face(timer.remaining)


async def test_a_section_title_with_markup_is_listed_as_typed(
    store: Store, library: AgendaLibrary, meeting_id: str, clock: FrozenClock
) -> None:
    """Agenda text is never read as markup: the chooser, the skip notice and the sidebar show it as it is."""
    hostile = "[bold red]Updates[/] 🙂 עדכונים"
    store.db.execute("UPDATE section_runs SET title = ? WHERE meeting_id = ? AND position = 1", [hostile, meeting_id])
    app = create_app(store, library, open_meeting=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert f"2. {hostile} · 10 min planned" in choices(app.screen)
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        runner = runner_of(app)
        assert runner.session.runs[1].skipped and runner.session.runs[1].title == hostile
        assert any(hostile in str(n.message) for n in app._notifications)
