"""What each screen looks like, at the smallest supported terminal (80×24) and a common one (120×36).

Every app is built by the factory the CLI uses, on a real temporary file written through the store
with the frozen clock, and driven with real keys. A snapshot that changes shows up as an SVG diff
(`pytest --snapshot-report`); accept a deliberate change with `--snapshot-update`, after looking.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import WallFace
from meetingkit.participant.app import ParticipantApp
from meetingkit.participant.session import RoomSession
from meetingkit.serving import leave_note
from meetingkit.store import Store
from meetingkit.store.location import Place
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.wall.app import create_wall_app
from meetingkit.usecases.meetings import end_meeting
from tests.helpers import type_text
from tests.ui.snapshot_app import SIZE_IDS, SIZES, Year

at_both_sizes = pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
"""Every screen at 80×24 and 120×36 (the wall's smallest size, 60×18, is a case of its own)."""

Keys = Callable[[Pilot], Awaitable[None]]
SnapCompare = Callable[..., bool]

tzset = getattr(time, "tzset", lambda: None)
"""Re-reads TZ (Unix only: on Windows the zone stays the machine's, and times may differ)."""


@pytest.fixture(autouse=True)
def same_machine_everywhere(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC, and the database's folder as an ordinary local disk, on any machine.

    Times on screen are local times: pinning the zone keeps the frozen clock's 14:00 at 14:00.
    The home screen's banners describe the disk the temporary file happens to be on (a network
    mount, a synced folder, a USB stick), which is the machine's business, not the screen's.
    """
    monkeypatch.setenv("TZ", "UTC")
    tzset()
    monkeypatch.setattr("meetingkit.ui.screens.home.examine_place", lambda path: Place())
    yield
    monkeypatch.undo()
    tzset()


@pytest.fixture
def facilitator(store: Store, library: AgendaLibrary, year: Year) -> MeetingkitApp:
    """The app as `meetingkit` starts it, with today's meeting still running."""
    return create_app(store, library)


@pytest.fixture
def runner(store: Store, library: AgendaLibrary, year: Year) -> MeetingkitApp:
    """The app as `meetingkit resume` starts it: straight into today's meeting."""
    return create_app(store, library, open_meeting=year.today)


def keys(*pressed: str, then: Keys | None = None) -> Keys:
    """Press keys, let the app settle, then do whatever else a test needs."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        if then is not None:
            await then(pilot)
            await pilot.pause()

    return run_before


NAMED_KEYS = {"tab", "enter", "down"}


def typing(*parts: str) -> Keys:
    """Type each part like a person; a part that names a key (tab, enter, down) presses it."""

    async def run(pilot: Pilot) -> None:
        for part in parts:
            if part in NAMED_KEYS:
                await pilot.press(part)
                await pilot.pause()
            else:
                await type_text(pilot, part)

    return run


def snap(snap_compare: SnapCompare, app: App[Any], size: tuple[int, int], run_before: Keys | None = None) -> bool:
    return snap_compare(app, terminal_size=size, run_before=run_before or keys())


NOT_NOW = "escape"
"""Declines the offer to resume today's meeting that greets the app."""

TO_OCTOBER = ("down", "down")
"""In review's history (newest first: today, the network's, October's): to October's meeting."""


@at_both_sizes
class TestHome:
    def test_offers_to_resume_the_running_meeting(self, snap_compare, facilitator, size) -> None:
        """The app opens on a question: today's meeting is still running, resume it?"""
        assert snap(snap_compare, facilitator, size)

    def test_partnerships_recent_meetings_and_agendas(self, snap_compare, facilitator, size) -> None:
        """Two partnerships, three meetings (one running), and the four agendas with a preview."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW))

    def test_new_meeting_form(self, snap_compare, facilitator, size) -> None:
        """`n`: partnership, agenda, title and who is here, with a partnership and a person typed in."""

        async def fill(pilot: Pilot) -> None:
            await type_text(pilot, "Newcomer Families")
            pilot.app.screen.query_one("#attendee").focus()
            await type_text(pilot, "Ana, OCISO")
            await pilot.press("enter")

        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "n", then=fill))


@at_both_sizes
class TestRunner:
    def test_the_facilitators_console(self, snap_compare, runner, size) -> None:
        """The check-in round: agenda, timer, prompts, the round, business, and all three boards."""
        assert snap(snap_compare, runner, size)

    def test_projected_for_the_room(self, snap_compare, runner, size) -> None:
        """`p`: the wall's theme, no sidebar, no notes, the confidential action left out."""
        assert snap(snap_compare, runner, size, keys("p"))

    def test_notes_open(self, snap_compare, runner, size) -> None:
        """`o`: the facilitator's notes for this section, with the line already written."""
        assert snap(snap_compare, runner, size, keys("o"))


@at_both_sizes
class TestCaptureDialogs:
    def test_jargon(self, snap_compare, runner, size) -> None:
        """`j`: Name the Jargon, the term typed, who said it still to choose."""
        assert snap(snap_compare, runner, size, keys("j", then=typing("EAL")))

    def test_jargon_projected(self, snap_compare, runner, size) -> None:
        """`j` while projecting: the same line, with nothing the room should not see."""
        assert snap(snap_compare, runner, size, keys("p", "j", then=typing("EAL")))

    def test_elephant(self, snap_compare, runner, size) -> None:
        """`e`: naming the elephant in a sentence."""
        assert snap(snap_compare, runner, size, keys("e", then=typing("Nobody owns the waitlist")))

    def test_elephant_projected(self, snap_compare, runner, size) -> None:
        """`e` while projecting: the elephant's words are dots on the wall until it is saved."""
        assert snap(snap_compare, runner, size, keys("p", "e", then=typing("Nobody owns the waitlist")))

    def test_holding_the_space_after_an_elephant(self, snap_compare, runner, size) -> None:
        """Once named: discuss it now or park it."""
        assert snap(snap_compare, runner, size, keys("e", then=typing("Waitlists", "enter")))

    def test_turning_point_stamped(self, snap_compare, runner, size) -> None:
        """`t`: no dialog, a quiet confirmation with the time, and the moment on the boards."""
        assert snap(snap_compare, runner, size, keys("t"))

    def test_turning_point_described(self, snap_compare, runner, size) -> None:
        """`T` then enter: the timeline's moment opened to say what happened and what it led to."""
        assert snap(snap_compare, runner, size, keys("T", "enter"))

    def test_term_explained(self, snap_compare, runner, size) -> None:
        """`J`, filter to a term, enter: the term explained, with its meanings by organisation."""
        assert snap(snap_compare, runner, size, keys("J", then=typing("ISP", "down", "enter")))

    def test_parked_elephant(self, snap_compare, runner, size) -> None:
        """`E` then enter: an elephant from the parking lot, to discuss, address or let go."""
        assert snap(snap_compare, runner, size, keys("E", "enter"))

    def test_agreement(self, snap_compare, runner, size) -> None:
        """`g`: a shared understanding, the organisations party to it, when to review it."""
        assert snap(snap_compare, runner, size, keys("g", then=typing("One intake form")))

    def test_action(self, snap_compare, runner, size) -> None:
        """`a`: an action with an owner and a due date read back as a day."""
        assert snap(snap_compare, runner, size,
                    keys("a", then=typing("Book interpreter", "tab", "Dana", "tab", "tab", "friday")))

    def test_confidential_action_projected(self, snap_compare, runner, size) -> None:
        """`a` then ctrl+o while projecting: masked from the first key, the owner too; the due date is not."""
        assert snap(snap_compare, runner, size,
                    keys("p", "a", "ctrl+o", then=typing("Call the family", "tab", "Dana", "tab", "friday")))

    def test_agreement_projected(self, snap_compare, runner, size) -> None:
        """`g` while projecting: typed in sight of the room, which will read it on the wall anyway."""
        assert snap(snap_compare, runner, size, keys("p", "g", then=typing("One intake form")))

    def test_arrival(self, snap_compare, runner, size) -> None:
        """`+`: a late arrival joins the meeting and its round."""
        assert snap(snap_compare, runner, size, keys("plus", then=typing("Ana, OCISO")))

    def test_ending_the_meeting_asks_first(self, snap_compare, runner, size) -> None:
        """ctrl+e: the meeting is not ended without a yes."""
        assert snap(snap_compare, runner, size, keys("ctrl+e"))


@at_both_sizes
class TestSummary:
    def test_at_the_end_of_the_meeting(self, snap_compare, runner, size) -> None:
        """ctrl+e, y: the minutes from the top: who came, what was agreed, the actions, since last time."""
        assert snap(snap_compare, runner, size, keys("ctrl+e", "y"))

    def test_the_minutes_end_with_the_time_table(self, snap_compare, runner, size) -> None:
        """ctrl+e, y, End: the minutes scrolled to their end: turning points, then planned, adjusted, actual
        and the verdict on each section's time (issue 17)."""
        assert snap(snap_compare, runner, size, keys("ctrl+e", "y", "end"))


@at_both_sizes
class TestReview:
    def test_history_of_every_meeting(self, snap_compare, facilitator, size) -> None:
        """`v` from home: every meeting with its counts, newest first."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v"))

    def test_a_meetings_record(self, snap_compare, facilitator, size) -> None:
        """enter on October's meeting: the whole record, read-only, confidential left out."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "enter"))

    def test_search(self, snap_compare, facilitator, size) -> None:
        """`/`: hits across meetings as the words are typed."""

        async def search(pilot: Pilot) -> None:
            await type_text(pilot, "refer")
            await pilot.app.workers.wait_for_complete()

        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", "slash", then=search))

    def test_glossary(self, snap_compare, facilitator, size) -> None:
        """`g`: the partnership's jargon across meetings, unexplained terms marked."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "g"))

    def test_parking_lot(self, snap_compare, facilitator, size) -> None:
        """`e`: the partnership's elephants and how long each has waited."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "e"))

    def test_turning_points(self, snap_compare, facilitator, size) -> None:
        """`t`: the partnership's timeline of turning points and what they led to."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "t"))

    def test_register_of_agreements_and_actions(self, snap_compare, facilitator, size) -> None:
        """`a`: open actions (overdue first) and agreements with their review dates."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "a"))


@at_both_sizes
class TestTrends:
    def test_jargon_over_time(self, snap_compare, facilitator, size) -> None:
        """`T` in review: the partnership's trends, jargon first."""
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "T"))


@at_both_sizes
class TestParticipantPage:
    @pytest.fixture
    def page(self, store: Store, year: Year) -> ParticipantApp:
        """The page `meetingkit serve` gives each browser."""
        return ParticipantApp(RoomSession(store))

    def test_join_screen(self, snap_compare, page, size) -> None:
        """Asks for the code on the wall, and nothing else."""
        assert snap(snap_compare, page, size)

    def test_a_wrong_code(self, snap_compare, page, size) -> None:
        """A code that opens no meeting is refused, plainly."""
        assert snap(snap_compare, page, size, keys(then=typing("XXXXXX", "enter")))

    def test_the_boards(self, snap_compare, page, store, year, size) -> None:
        """With the right code: today's boards as the room sees them, and a term just added."""
        code = store.room.join_code(year.today)  # random, typed but never on screen once joined
        assert snap(snap_compare, page, size, keys(then=typing(code, "enter", "EAL", "enter")))


class TestJoining:
    """How the room joins from a browser (`i`), on the projected console and on the wall: a fixed code
    and a `meetingkit serve` for the room at a fixed address, so nothing random or of this machine shows."""

    @pytest.fixture(autouse=True)
    def serving_the_room(self, monkeypatch: pytest.MonkeyPatch, db_path, store: Store, year: Year) -> None:
        monkeypatch.setattr("meetingkit.serving.local_addresses", lambda: ["192.168.1.20"])
        leave_note(db_path, "0.0.0.0", 8000)  # as a running serve leaves it (this process: alive)
        store.db.write(lambda: store.db.update("meetings", year.today, {"join_code": "ACF234"}))

    @at_both_sizes
    def test_the_invite_projected(self, snap_compare, runner, size) -> None:
        """`p` then `i`: the address big with its QR code, the code big; nothing meant for the facilitator."""
        assert snap(snap_compare, runner, size, keys("p", "i"))

    @at_both_sizes
    def test_the_walls_join_face(self, snap_compare, db_path, clock: FrozenClock, store: Store, year: Year,
                                 size) -> None:
        """While the invite is up: the same address and QR code on the wall, grown where there is room."""
        store.meetings.set_wall(year.today, WallFace.JOIN_CODE)
        looking = Store.open(db_path, clock=clock, read_only=True)
        try:
            assert snap(snap_compare, create_wall_app(looking), size)
        finally:
            looking.close()


class TestWall:
    """`meetingkit wall`: the room's screen, on its own read-only connection to the same file."""

    @pytest.fixture
    def wall(self, db_path, clock: FrozenClock, store: Store, year: Year) -> Iterator[App[Any]]:
        looking = Store.open(db_path, clock=clock, read_only=True)
        yield create_wall_app(looking)
        looking.close()

    @at_both_sizes
    def test_the_meeting_for_the_room(self, snap_compare, wall, size) -> None:
        """Section, big timer, prompts (paged), the boards and what was agreed; no notes, no confidential action."""
        assert snap(snap_compare, wall, size)

    def test_at_the_smallest_size(self, snap_compare, wall) -> None:
        """60×18, the smallest the wall supports: everything that does not fit says "+N more"."""
        assert snap(snap_compare, wall, (60, 18))

    @at_both_sizes
    def test_closing_view(self, snap_compare, wall, store: Store, year: Year, size) -> None:
        """The meeting ended in the console: what was agreed, the actions, thanks."""
        end_meeting(store, year.today)
        assert snap(snap_compare, wall, size)


TIME_RUNNING_OUT = pytest.mark.parametrize("minutes", [7.5, 10.0], ids=["two-minutes-left", "overrun"])
"""Today's section has nine minutes left: then 1:30 left (the last two minutes), then a minute over."""


class TestTimeRunningOut:
    """The last two minutes and overrun, shown the same way on the console and the wall (issue 17):
    a calm colour and words, then the warning colour; and the console's steering line."""

    @TIME_RUNNING_OUT
    def test_the_console(self, snap_compare, runner, clock: FrozenClock, minutes: float) -> None:
        clock.advance(minutes * 60)
        assert snap(snap_compare, runner, (120, 36))

    @TIME_RUNNING_OUT
    def test_the_console_projected(self, snap_compare, runner, clock: FrozenClock, minutes: float) -> None:
        clock.advance(minutes * 60)
        assert snap(snap_compare, runner, (120, 36), keys("p"))

    @TIME_RUNNING_OUT
    def test_the_wall(self, snap_compare, db_path, clock: FrozenClock, store: Store, year: Year,
                      minutes: float) -> None:
        clock.advance(minutes * 60)
        looking = Store.open(db_path, clock=clock, read_only=True)
        try:
            assert snap(snap_compare, create_wall_app(looking), (120, 36))
        finally:
            looking.close()


@pytest.mark.usefixtures("french")
@at_both_sizes
class TestInFrench:
    """The main screens with the interface in French (issue 18). What people typed (names, titles,
    terms, agendas snapshotted into the year's meetings) stays as they wrote it: only meetingkit's
    own words change, and each must still fit at 80×24."""

    def test_home(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW))

    def test_the_resume_offer(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size)

    def test_help(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "question_mark"))

    def test_the_facilitators_console(self, snap_compare, runner, size) -> None:
        assert snap(snap_compare, runner, size)

    def test_projected_for_the_room(self, snap_compare, runner, size) -> None:
        assert snap(snap_compare, runner, size, keys("p"))

    def test_an_action(self, snap_compare, runner, size) -> None:
        assert snap(snap_compare, runner, size, keys("a", then=typing("Envoyer le formulaire", "tab", "Dana")))

    def test_the_minutes_at_the_end(self, snap_compare, runner, size) -> None:
        assert snap(snap_compare, runner, size, keys("ctrl+e", "y"))

    def test_history(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v"))

    def test_a_meetings_record(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "enter"))

    def test_the_register(self, snap_compare, facilitator, size) -> None:
        assert snap(snap_compare, facilitator, size, keys(NOT_NOW, "v", *TO_OCTOBER, "a"))

    def test_the_wall(self, snap_compare, db_path, clock: FrozenClock, store: Store, year: Year, size) -> None:
        looking = Store.open(db_path, clock=clock, read_only=True)
        try:
            assert snap(snap_compare, create_wall_app(looking), size)
        finally:
            looking.close()

    def test_the_participant_page(self, snap_compare, store: Store, year: Year, size) -> None:
        assert snap(snap_compare, ParticipantApp(RoomSession(store)), size)
