"""How the room joins from a browser (`i`): the address big with its QR code, the code big, and on a
projected console nothing meant for the facilitator (how to start `meetingkit serve`, the keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

import meetingkit.serving as serving
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.qr import draw_qr
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.invite import InviteScreen
from meetingkit.ui.wall.app import create_wall_app
from meetingkit.ui.widgets.join import QrCode
from tests.helpers import rendered_text
from tests.ui.snapshot_app import Year

ADDRESS = "http://192.168.1.20:8000"

SETUP = "meetingkit serve"
"""Words only the facilitator's instructions hold: what to start before anyone can join."""


@pytest.fixture
def serving_the_room(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """`meetingkit serve --host 0.0.0.0` running on the file (its note, left by this live process)."""
    monkeypatch.setattr(serving, "local_addresses", lambda: ["192.168.1.20"])
    serving.leave_note(db_path, "0.0.0.0", 8000)
    return ADDRESS


def screen_words(app: App[object]) -> str:
    """Every Static's text on the top screen, spaces folded."""
    return " ".join(" ".join(rendered_text(static) for static in app.screen.query(Static) if static.display).split())


def assert_is_the_qr_code_of(qr: QrCode, address: str) -> None:
    """Every cell the widget draws is the QR code's, dark ink on a light ground (black on white)."""
    drawing = draw_qr(address)
    assert (qr.size.width, qr.size.height) == (drawing.width, drawing.height)
    strips = qr.render_lines(Region(0, 0, drawing.width, drawing.height))
    assert tuple(strip.text for strip in strips) == drawing.rows
    for strip in strips:
        for segment in strip:
            style = segment.style
            assert style is not None and style.color is not None and style.bgcolor is not None
            assert style.color.get_truecolor().hex == "#000000" and style.bgcolor.get_truecolor().hex.lower() == "#ffffff"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_projected_the_room_sees_the_address_the_qr_code_and_the_code_only(
    store: Store, library: AgendaLibrary, year: Year, serving_the_room: str, size: tuple[int, int]
) -> None:
    """`p` then `i`: the address, its QR code whole (it fits at 80×24), the code; no setup, no keys."""
    app = create_app(store, library, open_meeting=year.today)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "i")
        await pilot.pause()
        assert isinstance(app.screen, InviteScreen)
        assert_is_the_qr_code_of(app.screen.query_one(QrCode), ADDRESS)
        words = screen_words(app)
        code = store.room.join_code(year.today)
        assert ADDRESS in words and f"{code[:3]} {code[3:]}" in words
        assert SETUP not in words and "any other key" not in words


async def test_the_facilitator_alone_also_sees_what_to_set_up_and_the_keys(
    store: Store, library: AgendaLibrary, year: Year
) -> None:
    """Not projected and not serving yet: how to start `meetingkit serve`, and `r`; projected, neither."""
    app = create_app(store, library, open_meeting=year.today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert SETUP in screen_words(app) and "any other key closes" in screen_words(app)
        assert "Up to 40 people can have the page open at once" in " ".join(screen_words(app).split())
        assert not app.screen.query(QrCode)  # no address, no code to scan
        await pilot.press("x", "p", "i")
        await pilot.pause()
        assert isinstance(app.screen, InviteScreen)
        assert SETUP not in screen_words(app) and "any other key" not in screen_words(app)
        assert "will be shown here once joining from a browser is open" in screen_words(app)


class OneCode(App[None]):
    def compose(self) -> ComposeResult:
        yield QrCode(ADDRESS, spare=(10, 2))


@pytest.mark.parametrize(
    ("size", "says"),
    [((42, 18), "Widen the window for the QR code."), ((80, 18), "Make the window taller for the QR code.")],
)
async def test_a_qr_code_that_does_not_fit_is_never_cut(size: tuple[int, int], says: str) -> None:
    """Too narrow or too short for the whole code: a line saying what to do instead of half a code."""
    app = OneCode()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        qr = app.query_one(QrCode)
        drawn = rendered_text(qr)
        assert " ".join(drawn.split()) == says
        assert not set(drawn) & set("▀▄█")
    async with OneCode().run_test(size=(43, 19)) as pilot:  # the spare room and the code: just enough
        await pilot.pause()
        assert_is_the_qr_code_of(pilot.app.query_one(QrCode), ADDRESS)


@pytest.mark.parametrize("size", [(60, 18), (80, 24), (120, 36)])
async def test_the_walls_join_face_shows_the_same_address_and_qr_code(
    db_path: Path, clock: FrozenClock, store: Store, library: AgendaLibrary, year: Year, serving_the_room: str,
    size: tuple[int, int],
) -> None:
    """The console's `i` puts the address, its QR code (larger where the wall has room) and the code on the wall."""
    looking = Store.open(db_path, clock=clock, read_only=True)
    console, wall = create_app(store, library, open_meeting=year.today), create_wall_app(looking)
    try:
        async with wall.run_test(size=size) as wall_pilot, console.run_test(size=(120, 36)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            wall.watch_database()
            await wall_pilot.pause()
            await wall_pilot.pause()
            qr = wall.screen.query_one(QrCode)
            assert qr.display and qr.address == ADDRESS
            strips = qr.render_lines(Region(0, 0, *qr.size))
            drawn = [strip.text for strip in strips if strip.text.strip()]
            scale = 2 if size == (120, 36) else 1
            rows = [row for row in draw_qr(ADDRESS, scale=scale).rows if row.strip()]
            assert [row.strip() for row in drawn] == [row.strip() for row in rows]
            words = screen_words(wall)
            code = store.room.join_code(year.today)
            assert ADDRESS in words and f"{code[:3]} {code[3:]}" in words and SETUP not in words
    finally:
        looking.close()
