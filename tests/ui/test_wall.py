"""The wall (`meetingkit wall`): what the room sees of the meeting in progress, driven through Pilot.

The wall opens its own read-only connection to the same file as the facilitator's store, as
the console and the wall do in two terminals; captures made through the other connection
reach it through `PRAGMA data_version`, driven here by calling its watch directly (no sleeps).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import DatabaseUnusable, Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.wall.app import WallApp, create_wall_app
from meetingkit.ui.widgets.big_timer import BigTimer, face, scale_for
from meetingkit.usecases.capture import raise_elephant
from meetingkit.usecases.meetings import end_meeting
from meetingkit.usecases.wall import WAITING_WORDS, pages
from tests.helpers import every_row, rendered_text
from tests.ui.snapshot_app import Year


def screen_text(app: WallApp) -> str:
    """Everything the wall draws, spaces folded (a board's lines wrap at its width)."""
    shown = [
        widget for widget in app.screen.query("Static, BigTimer")
        if all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))
    ]
    drawn = (
        strip.text for widget in shown for strip in widget.render_lines(Region(0, 0, *widget.region.size))
    )
    return " ".join(" ".join(drawn).split())


async def settle(app: WallApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """What the wall does every tenth of a second: notice another connection's commit and redraw."""
    app.watch_database()
    await pilot.pause()
    await pilot.pause()


async def test_shows_the_section_timer_and_boards_as_the_room_sees_them(looking: Store, year: Year) -> None:
    """The meeting line, the section, a timer several rows tall, the boards and what was agreed."""
    app = create_wall_app(looking)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Newcomer Families Partnership · Monthly coordination · section 3 of 7" in text
        assert "Updates from each agency" in text
        assert "SWIS" in text and "Who decides when a family is ready for school" in text
        assert "Workers are school-based but not school-bound" in text
        assert "Share the term timetable" in text
        timer = app.screen.query_one(BigTimer)
        assert "█" in rendered_text(timer) and rendered_text(timer).count("\n") >= 9  # ten rows at this size


async def test_nothing_the_room_may_not_see(looking: Store, store: Store, year: Year) -> None:
    """No notes, no confidential text (a stand-in instead), nothing hidden, nobody named who chose not to be."""
    store.jargon.mention(year.today, "Operation Nightingale", confidential=True)
    hidden, _ = store.jargon.mention(year.today, "GLOBEX")
    store.room.set_term_hidden(year.today, hidden, True)
    raise_elephant(store, year.today, "The Hartley family's eviction", confidential=True)
    app = create_wall_app(looking)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "Nightingale" not in text and "a confidential term" in text
    assert "Hartley" not in text and "a confidential item" in text
    assert "GLOBEX" not in text
    assert "Phone the family's caseworker" not in text  # a confidential action
    assert "Waitlist" not in text  # the section's notes
    for name in ("Dana", "Sam", "settlement worker"):
        assert name not in text


async def test_a_capture_from_another_connection_appears(looking: Store, store: Store, year: Year) -> None:
    """The console (another connection) names a term: the wall shows it at its next look at the file."""
    app = create_wall_app(looking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "LOCALHUB" not in screen_text(app)
        store.jargon.mention(year.today, "LOCALHUB")
        await settle(app, pilot)
        assert "LOCALHUB" in screen_text(app)
        store.meetings.go_to_section(year.today, 3)
        await settle(app, pilot)
        assert "section 4 of 7" in screen_text(app)


async def test_waits_calmly_then_follows_the_meeting_that_starts(
    looking: Store, store: Store, library: AgendaLibrary
) -> None:
    """No meeting in progress: a calm line with no partnership in it; a meeting started elsewhere appears."""
    partnership = store.partnerships.ensure("Harbour Partnership")
    app = create_wall_app(looking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert WAITING_WORDS in screen_text(app)
        assert "Harbour" not in screen_text(app)
        meeting = store.meetings.create(partnership.id, library.agendas["operational"], title="Spring check-in")
        store.meetings.start(meeting.id)
        await settle(app, pilot)
        assert "Harbour Partnership · Spring check-in" in screen_text(app)


async def test_closing_view_when_the_meeting_ends(looking: Store, store: Store, year: Year) -> None:
    """Ended in the console: what was agreed, the actions, thanks; and it waits for the next one after."""
    app = create_wall_app(looking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        end_meeting(store, year.today)
        await settle(app, pilot)
        text = screen_text(app)
        assert "Thank you, everyone." in text
        assert "Workers are school-based but not school-bound" in text and "Share the term timetable" in text
        assert "caseworker" not in text
        store.retention.delete_meetings([year.today])  # purged while on the wall
        await settle(app, pilot)
        assert WAITING_WORDS in screen_text(app)


async def test_keys_change_nothing_and_quitting_asks(looking: Store, db_path: Path, year: Year) -> None:
    """Every capture key of the console does nothing here; q asks before the wall goes."""
    before = every_row(db_path)
    app = create_wall_app(looking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("n", "space", "e", "j", "g", "a", "t", "b", "p", "ctrl+e", "enter", "x", "h", "d"):
            await pilot.press(key)
            await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert every_row(db_path) == before


async def test_the_console_and_two_walls_on_one_file(
    looking: Store, db_path: Path, clock: FrozenClock, store: Store, library: AgendaLibrary, year: Year
) -> None:
    """The console's elephant key, through its own connection, reaches two walls on the same file."""
    other = Store.open(db_path, clock=clock, read_only=True)
    console, walls = create_app(store, library, open_meeting=year.today), [create_wall_app(looking),
                                                                           create_wall_app(other)]
    try:
        async with walls[0].run_test(size=(80, 24)) as first, walls[1].run_test(size=(80, 24)) as second:
            async with console.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                await pilot.press("e")
                await pilot.pause()
                for char in "Quokka":
                    await pilot.press(char)
                await pilot.press("enter")
                await pilot.pause()
                await pilot.press("escape")  # park it
                await pilot.pause()
            for wall, its_pilot in zip(walls, (first, second), strict=True):
                await settle(wall, its_pilot)
                assert "Quokka" in screen_text(wall)
    finally:
        other.close()


def test_the_store_is_opened_for_reading_only(db_path: Path, tmp_path: Path) -> None:
    """The wall never makes a file, nor writes to one it found."""
    with pytest.raises(DatabaseUnusable, match="no meetingkit data yet"):
        Store.open(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


def test_the_timer_grows_with_its_space() -> None:
    """Block digits scaled by whole numbers; plain text when even the smallest does not fit."""
    assert face(9 * 60 + 5) == "09:05" and face(-75) == "+01:15"
    assert scale_for("09:05", 40, 5) == (2, 1)
    assert scale_for("09:05", 80, 10) == (4, 2)
    assert scale_for("09:05", 20, 12) == (1, 1)
    assert scale_for("09:05", 16, 12) == (0, 0)


def test_lists_are_paged_never_cut() -> None:
    """Everything fits on one page, or each page keeps a row to say there is more."""
    assert pages([1, 1, 1], 3) == [range(0, 3)]
    assert pages([1, 2, 1, 1], 3) == [range(0, 1), range(1, 2), range(2, 4)]
    assert pages([5], 3) == [range(0, 1)]


def test_the_command_refuses_calmly_without_writing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`meetingkit wall` on a file that is not there, or is encrypted without `--encrypted`: one line, no file."""
    missing = tmp_path / "nothing-here.db"
    result = cli("--db", missing, "wall")
    assert result.returncode == 1 and "no meetingkit data yet" in result.stderr
    assert "Traceback" not in result.stderr and not missing.exists()
    encrypted = cli("--db", tmp_path / "secret.db", "wall", "--encrypted")
    assert encrypted.returncode == 1 and "Traceback" not in encrypted.stderr


async def test_the_console_blanks_the_wall_and_shows_how_to_join_on_it(
    looking: Store, store: Store, year: Year, library: AgendaLibrary
) -> None:
    """The facilitator's `b` and `i`, stored with the meeting, reach every wall on the file: `b`
    makes it black, `b` again brings the meeting back; the join code shows only while the
    console's invite is up, never just because a code was once made."""
    console = create_app(store, library, open_meeting=year.today)
    wall = create_wall_app(looking)
    code = store.room.join_code(year.today)
    async with wall.run_test(size=(120, 36)) as wall_pilot, console.run_test(size=(120, 36)) as pilot:
        await settle(wall, wall_pilot)
        assert "Updates from each agency" in screen_text(wall) and code not in screen_text(wall).replace(" ", "")
        await pilot.press("b")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert screen_text(wall) == ""
        await pilot.press("b")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert "Updates from each agency" in screen_text(wall)
        await pilot.press("i")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert "Add to the boards from your phone or laptop" in screen_text(wall)
        await pilot.press("escape")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert "Add to the boards" not in screen_text(wall) and "Updates from each agency" in screen_text(wall)


async def test_blanking_a_projected_console_blanks_the_wall_until_any_key(
    store: Store, year: Year, library: AgendaLibrary
) -> None:
    """One mirrored screen and a wall too: `b` blacks out both; any key brings both back."""
    from meetingkit.core.models import WallFace
    from meetingkit.ui.screens.blank import BlankScreen

    console = create_app(store, library, open_meeting=year.today)
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(console.screen, BlankScreen)
        assert store.meetings.get(year.today).wall is WallFace.BLANK
        await pilot.press("space")
        await pilot.pause()
        assert store.meetings.get(year.today).wall is WallFace.MEETING


async def test_an_overdue_action_is_marked_and_another_years_date_says_its_year(
    looking: Store, store: Store, year: Year
) -> None:
    """Issue 16: the wall dates an action as every screen does and marks it when it is overdue."""
    from datetime import date

    store.business.add_action(year.today, "Send the family list", due_on=date(2026, 11, 20))
    store.business.add_action(year.today, "Renew the agreement", due_on=date(2027, 12, 1))
    app = create_wall_app(looking)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
    assert "Send the family list" in text and "overdue since Fri 20 Nov (4 days)" in text
    assert "due Wed 01 Dec 2027" in text
    assert "due Fri 27 Nov" in text and "27 Nov 2026" not in text
