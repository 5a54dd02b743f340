"""The capture dialogs while the room watches the console (`p`), and on a small terminal.

Typed words the room may not read are masked on screen from the first key (ctrl+o first, an
elephant, an item already confidential), and stay masked; nothing in a projected dialog names a
person; and every capture dialog fits at 80×24, its heading, fields, box and keys all shown.
What is on screen is read from what the app actually draws.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.app import App
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.boards import ElephantDialog, TermDialog, TurningPointDialog
from meetingkit.ui.dialogs.capture_form import CaptureForm
from meetingkit.usecases import capture
from meetingkit.usecases.meetings import start_meeting
from tests.helpers import type_text

SECRET = "Zora family"
"""Words that must not be readable on the wall."""


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    meeting = start_meeting(
        store, "Schools and settlement", library.agendas["operational"],
        attendees=[("Dana Whitfield", "School board"), ("Amira Haddad", "OCISO")],
    )
    return meeting.id


def on_screen(app: App[Any]) -> str:
    """Everything the terminal shows, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def type_watched(pilot: Pilot[Any], text: str) -> None:
    """Type one key at a time, checking after every key that none of the words are on the screen."""
    for end in range(1, len(text) + 1):
        await type_text(pilot, text[end - 1])
        await pilot.pause()
        shown = on_screen(pilot.app)
        for word in text[:end].split():
            assert word not in shown or len(word) < 2, f"{text[:end]!r} readable on the wall"


CAPTURES = {"jargon": "j", "elephant": "e", "agreement": "g", "action": "a"}


@pytest.mark.parametrize("key", CAPTURES.values(), ids=CAPTURES.keys())
async def test_ctrl_o_first_masks_from_the_first_key(
    store: Store, library: AgendaLibrary, meeting: str, key: str
) -> None:
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "p", key, "ctrl+o")
        await type_watched(pilot, SECRET)
        assert "Masked on the wall: marked confidential. 2 words typed." in on_screen(app)
        form = app.screen
        assert isinstance(form, CaptureForm)
        assert form.draft().confidential  # type: ignore[attr-defined]
        assert SECRET in form.draft().text  # type: ignore[attr-defined]  # the words are kept, only hidden


async def test_marked_then_unmarked_stays_masked(store: Store, library: AgendaLibrary, meeting: str) -> None:
    """A second ctrl+o may be a slip: the words, once meant to be kept, stay off the wall."""
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "p", "j")
        await type_text(pilot, "ZQX")
        await pilot.pause()
        assert "ZQX" in on_screen(app)  # a term is typed in sight of the room
        await press(pilot, "ctrl+o")
        assert "ZQX" not in on_screen(app)
        await press(pilot, "ctrl+o")
        await type_text(pilot, "W")
        await pilot.pause()
        assert "ZQX" not in on_screen(app)
        assert "Masked on the wall" in on_screen(app)


async def test_an_elephant_is_masked_while_typed_and_saved_as_typed(
    store: Store, library: AgendaLibrary, meeting: str
) -> None:
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "p", "e")
        await type_watched(pilot, SECRET)
        assert "Masked on the wall until it is saved. 2 words typed." in on_screen(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, CaptureForm)
        [elephant] = store.boards.meeting_elephants(meeting)
        assert (elephant.text, elephant.confidential) == (SECRET, False)


@pytest.mark.parametrize("key", ["j", "g", "a"], ids=["jargon", "agreement", "action"])
async def test_open_items_are_typed_in_sight_of_the_room(
    store: Store, library: AgendaLibrary, meeting: str, key: str
) -> None:
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "p", key)
        await type_text(pilot, "One intake form")
        await pilot.pause()
        assert "One intake form" in on_screen(app)
        assert "Masked" not in on_screen(app)


async def test_the_facilitator_sees_every_word(store: Store, library: AgendaLibrary, meeting: str) -> None:
    """Not projected, nothing is masked: an elephant, confidential from the first key, reads in full."""
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "e", "ctrl+o")
        await type_text(pilot, SECRET)
        await pilot.pause()
        assert SECRET in on_screen(app)
        assert "Masked" not in on_screen(app)


async def test_a_projected_action_suggests_no_ones_name(store: Store, library: AgendaLibrary, meeting: str) -> None:
    """Owner completion on the wall: organisations, never the people here; and none at all once masked."""
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "a", "tab")
        await type_text(pilot, "Da")
        await pilot.pause()
        assert "Dana Whitfield" in on_screen(app)  # the facilitator's own screen completes names
        await press(pilot, "escape", "y")

        await press(pilot, "p", "a", "tab")
        await type_text(pilot, "Da")
        await pilot.pause()
        assert "Whitfield" not in on_screen(app)
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "OC")
        await pilot.pause()
        assert "OCISO" in on_screen(app)
        await press(pilot, "ctrl+o")
        assert "OCISO" not in on_screen(app)  # the completion would spell out what the dots hide


class Host(App[None]):
    """A bare app to show one dialog, as the runner would."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog

    def on_mount(self) -> None:
        self.push_screen(self.dialog)


async def test_a_confidential_elephant_opened_on_the_wall(store: Store, meeting: str) -> None:
    elephant_id = capture.raise_elephant(store, meeting, SECRET, confidential=True)
    store.boards.set_elephant_status(
        elephant_id, ElephantStatus.ADDRESSED, meeting_id=meeting, note="Spoke to the Zora caseworker"
    )
    elephant = store.boards.elephant(elephant_id)
    async with Host(ElephantDialog(elephant, date(2026, 11, 24), projecting=True)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = on_screen(pilot.app)
        assert "Elephant: a confidential item" in shown
        assert "Zora" not in shown
        await type_text(pilot, " today")
        await pilot.pause()
        assert "Zora" not in on_screen(pilot.app)


async def test_a_confidential_term_opened_on_the_wall(store: Store, meeting: str) -> None:
    term_id, _ = capture.name_jargon(store, meeting, "ZFP", confidential=True)
    store.jargon.explain_term(term_id, expansion="Zora Family Plan", plain_words="the Zora plan")
    term = store.jargon.board_term(term_id, meeting)
    dialog = TermDialog(term, [], date(2026, 11, 24), hide_confidential=True)
    async with Host(dialog).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = on_screen(pilot.app)
        assert "Name the Jargon: a confidential term" in shown
        assert "ZFP" not in shown and "Zora" not in shown


async def test_a_turning_point_on_the_wall_names_no_confidential_agreement(store: Store, meeting: str) -> None:
    capture.add_agreement(store, meeting, "Zora family gets a caseworker", confidential=True)
    capture.add_agreement(store, meeting, "One intake form")
    point_id = capture.mark_turning_point(store, meeting)
    [point] = [p for p in store.boards.turning_points(meeting) if p.id == point_id]
    agreements = store.business.agreements(meeting)
    dialog = TurningPointDialog(point, agreements, date(2026, 11, 24), projecting=True)
    async with Host(dialog).run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await press(pilot, "tab", "tab", "tab", "down")  # ↓ opens the list of agreements it led to
        shown = on_screen(pilot.app)
        assert "Led to: One intake form" in shown
        assert "Led to: a confidential agreement" in shown
        assert "Zora" not in shown


# -- 80×24 --------------------------------------------------------------------------------


DIALOGS = {
    "jargon": ("j",),
    "elephant": ("e",),
    "agreement": ("g",),
    "action": ("a",),
    "turning point": ("t", "T", "enter"),
    "term": ("J", "I", "S", "P", "down", "enter"),
    "parked elephant": ("E", "enter"),
}


def whole(widget: Widget, within: Widget) -> bool:
    """Drawn in full, inside `within` (the dialog's frame) and on the screen."""
    region, frame = widget.region, within.region
    return region.height > 0 and frame.contains_region(region) and widget.screen.region.contains_region(region)


@pytest.mark.parametrize("projected", [False, True], ids=["console", "projected"])
@pytest.mark.parametrize("opened_by", DIALOGS.values(), ids=DIALOGS.keys())
async def test_every_capture_dialog_fits_at_80x24(
    store: Store, library: AgendaLibrary, meeting: str, opened_by: tuple[str, ...], projected: bool
) -> None:
    """Heading, every field, the confidential box (its key too) and the keys, without scrolling."""
    capture.name_jargon(store, meeting, "ISP")
    store.jargon.explain_term(store.jargon.board_terms(meeting)[0].id, expansion="Individual settlement plan")
    capture.raise_elephant(store, meeting, "Nobody owns the waitlist")
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, *(("p",) if projected else ()), *opened_by)
        form = app.screen
        assert isinstance(form, CaptureForm), type(form)
        frame = form.query_one(".dialog")
        if isinstance(frame, ScrollableContainer):
            assert frame.max_scroll_y == 0, "the form scrolls"
        for part in (".dialog-title", ".dialog-keys", "Input", "Select", "Checkbox", "#said-by", "SelectionList"):
            for widget in form.query(part):
                assert whole(widget, frame), part
        for box in form.query("#confidential"):
            assert "(ctrl+o): never projected, left out of exports" in on_screen(app), box


@pytest.mark.parametrize("projecting", [False, True], ids=["private", "projected"])
async def test_after_an_elephant_the_room_is_thanked_and_only_the_facilitator_coached(
    store: Store, library: AgendaLibrary, meeting: str, projecting: bool
) -> None:
    """The quiet reminder is coaching, for the facilitator's screen only; projected, the dialog
    still gives the facilitator words to say, addressed to the room."""
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        if projecting:
            await press(pilot, "p")
        await press(pilot, "e")
        await type_text(pilot, "We are measured on numbers")
        await press(pilot, "enter")
        shown = on_screen(app)
        assert ("took courage" in shown) is not projecting
        assert ("Thank you for naming it" in shown) is projecting
        assert "discuss it now" in shown
