"""Readable from the back of the room: every character the projected console draws, text and
borders alike, has a contrast of at least 4.5:1 against the cell behind it (WCAG 2's AA for
normal text), computed from what the screen actually renders in the projector theme."""

from __future__ import annotations

from datetime import date

import pytest
from rich.color import Color
from textual.app import App
from textual.screen import ModalScreen

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import Speaker
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.usecases import capture
from meetingkit.usecases.meetings import start_meeting

MINIMUM = 4.5
"""WCAG 2 level AA for normal text."""


def luminance(color: Color) -> float:
    """Relative luminance (WCAG 2) of a colour as the terminal shows it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(foreground: Color, background: Color) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def weak_cells(app: App[object]) -> list[tuple[float, str]]:
    """Every run of visible characters whose colour is too close to its background, worst first."""
    weak = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if not segment.text.strip() or style is None or style.color is None or style.bgcolor is None:
                continue
            if style.color.get_truecolor() == style.bgcolor.get_truecolor():
                continue  # drawn in its own background's colour, it shows nothing (an unticked box's X)
            ratio = contrast(style.color, style.bgcolor)
            if ratio < MINIMUM:
                weak.append((round(ratio, 2), segment.text.strip()))
    return sorted(weak)


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> str:
    """A running meeting with something on every board and in the business."""
    meeting = start_meeting(
        store, "Schools and settlement", library.agendas["operational"], attendees=[("Dana", "School board")]
    )
    store.meetings.go_to_section(meeting.id, 3)
    capture.name_jargon(store, meeting.id, "ISP")
    capture.name_jargon(store, meeting.id, "Family plan", confidential=True)
    capture.raise_elephant(store, meeting.id, "We are measured on client numbers")
    capture.raise_elephant(store, meeting.id, "About one family", confidential=True)
    capture.mark_turning_point(store, meeting.id)
    capture.add_agreement(store, meeting.id, "One referral form", speaker=Speaker.organisation_typed("OCISO"))
    capture.add_action(store, meeting.id, "Send the form", owner="OCISO", due_on=date(2026, 12, 1))
    return meeting.id


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_the_projected_runner_reads_from_the_back_of_the_room(
    store: Store, library: AgendaLibrary, meeting: str, size: tuple[int, int]
) -> None:
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert weak_cells(app) == []


DIALOGS = {
    "jargon": ("j",),
    "elephant": ("e",),
    "holding the space": ("e", "W", "enter"),
    "agreement": ("g",),
    "action": ("a",),
    "turning point": ("T", "enter"),
    "term": ("J", "I", "S", "P", "down", "enter"),
    "parked elephant": ("E", "enter"),
    "arrival": ("plus",),
    "ending": ("ctrl+e",),
}
"""Every dialog the room may watch, and the keys that open it in the projected runner."""


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
@pytest.mark.parametrize("opened_by", DIALOGS.values(), ids=DIALOGS.keys())
async def test_every_projected_dialog_reads_from_the_back_of_the_room(
    store: Store, library: AgendaLibrary, meeting: str, size: tuple[int, int], opened_by: tuple[str, ...]
) -> None:
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("p")
        for key in opened_by:
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ModalScreen)
        assert weak_cells(app) == []


async def test_a_ticked_box_and_a_problem_read_from_the_back_of_the_room(
    store: Store, library: AgendaLibrary, meeting: str
) -> None:
    """The confidential box ticked, and a problem said under the form, are as readable as the rest."""
    app = create_app(store, library, open_meeting=meeting)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("p", "a", "ctrl+o", "enter"):
            await pilot.pause()
            await pilot.press(key)
        await pilot.pause()
        assert app.screen.query_one("#form-message").display
        assert weak_cells(app) == []


def test_the_check_can_fail() -> None:
    """Grey on black, the old board titles' kind of colour, is caught; white on black passes."""
    assert contrast(Color.parse("#5a5a5a"), Color.parse("#000000")) < MINIMUM
    assert contrast(Color.parse("#ffffff"), Color.parse("#000000")) == pytest.approx(21.0)
