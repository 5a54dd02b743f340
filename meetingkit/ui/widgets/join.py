"""How the room joins from a browser, drawn to be read from the back: the join code in a large line
font, and the address as a QR code for phones' cameras. Shared by the console's invite (`i`) and
the wall's join face, so both show the same thing.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from meetingkit.core.i18n import _
from meetingkit.core.join_codes import JOIN_CODE_ALPHABET, format_code
from meetingkit.core.qr import QrDrawing, draw_qr

GLYPHS = {
    "A": ("╭─╮", "├─┤", "╵ ╵"),
    "C": ("╭─╮", "│  ", "╰─╯"),
    "E": ("╭─╴", "├─ ", "╰─╴"),
    "F": ("╭─╴", "├─ ", "╵  "),
    "H": ("╷ ╷", "├─┤", "╵ ╵"),
    "J": ("  ╷", "  │", "╰─╯"),
    "L": ("╷  ", "│  ", "╰─╴"),
    "P": ("╭─╮", "├─╯", "╵  "),
    "U": ("╷ ╷", "│ │", "╰─╯"),
    "X": ("╲ ╱", " ╳ ", "╱ ╲"),
    "2": ("╶─╮", "┌─┘", "╰─╴"),
    "3": ("╶─╮", " ─┤", "╶─╯"),
    "4": ("╷ ╷", "╰─┤", "  ╵"),
    "7": ("╶─┐", "  │", "  ╵"),
    "9": ("╭─╮", "╰─┤", "╶─╯"),
    " ": ("  ", "  ", "  "),
}
"""One 3×3 glyph per character a join code can hold (and a gap between its two halves)."""

assert set(JOIN_CODE_ALPHABET) <= GLYPHS.keys()


def big_code(code: str) -> str:
    """The code as three lines of line-drawing characters, a space between glyphs."""
    shown = format_code(code)
    return "\n".join(
        " ".join(GLYPHS.get(char, ("   ", "   ", f" {char} "))[row] for char in shown) for row in range(3)
    )


QR_STYLE = "#000000 on #ffffff"
"""Dark modules on a light background, whatever the theme: the way round cameras read a QR code."""

MAX_SCALE = 4
"""The largest a module grows to (four columns by two rows)."""

MESSAGE_WIDTH = 18
"""The column either line is folded to, in the QR code's place."""


class QrCode(Widget):
    """The QR code of an address, whole or not at all: where it does not fit, a line says how to make room.

    Sized by its container (like the wall's timer), or, with `width: auto; height: auto`, to the
    code itself when the screen leaves it room: `spare` is what the rest of the screen needs
    (columns, rows) beside and around it.
    """

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    address: reactive[str | None] = reactive(None, layout=True)
    """What the code says (a browser address); None draws nothing."""

    def __init__(
        self,
        address: str | None = None,
        *,
        spare: tuple[int, int] = (0, 0),
        grow: bool = False,
        id: str | None = None,
    ) -> None:
        """`grow`: draw each module as large as the widget's space allows (the wall), not at one cell."""
        super().__init__(id=id)
        self.spare = spare
        self.grow = grow
        self.set_reactive(QrCode.address, address)

    @property
    def drawing(self) -> QrDrawing | None:
        """The code as rows of half blocks (None without an address)."""
        return _drawing(self.address) if self.address else None

    def _room(self, viewport: Size) -> Size:
        """The space the code may take: the widget's own when it grows, else what the screen spares."""
        if self.grow:
            return self.content_region.size
        columns, rows = self.spare
        return Size(max(0, viewport.width - columns), max(0, viewport.height - rows))

    def _message(self, room: Size) -> str:
        """What to do to see the code, folded to lines of at most `MESSAGE_WIDTH` columns."""
        drawing = self.drawing
        too_narrow = drawing is not None and drawing.width > room.width
        words = _("Widen the window for the QR code.") if too_narrow else _("Make the window taller for the QR code.")
        return "\n".join(textwrap.wrap(words, MESSAGE_WIDTH))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        drawing = self.drawing
        if drawing is None:
            return 0
        room = self._room(viewport)
        if drawing.fits(room.width, room.height):
            return drawing.width
        return max(map(len, self._message(room).splitlines()))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        drawing = self.drawing
        if drawing is None:
            return 0
        room = self._room(viewport)
        if drawing.fits(room.width, room.height):
            return drawing.height
        return len(self._message(room).splitlines())

    def render(self) -> Content:
        drawing = self.drawing
        if drawing is None:
            return Content("")
        room = self._room(self.screen.size)
        if not drawing.fits(room.width, room.height):
            return Content.styled(self._message(room), "italic")
        if self.grow and self.address:
            scale = 1
            while scale < MAX_SCALE and _drawing(self.address, scale + 1).fits(room.width, room.height):
                scale += 1
            drawing = _drawing(self.address, scale)
        return Content.styled("\n".join(drawing.rows), QR_STYLE)


@lru_cache(maxsize=16)
def _drawing(address: str, scale: int = 1) -> QrDrawing:
    return draw_qr(address, scale=scale)
