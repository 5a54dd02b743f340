"""The section's timer drawn in block digits that grow with the window, to be read from the back of the room.

Textual's `Digits` are three rows tall whatever the window; here each digit is a 3×5 grid
of blocks, each block drawn as a rectangle of characters scaled by whole numbers to fill the
space the wall (or the projected console) gives the timer (two characters wide for one tall keeps a block square on
most terminals). Below five rows it falls back to plain bold text, never to nothing.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from meetingkit.core.clock import format_countdown
from meetingkit.core.steering import WARNING_SECONDS
from meetingkit.core.timing import live_over

FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
}
"""Each character as five rows of blocks (`#`) and gaps."""

GLYPH_ROWS = 5


def face(remaining: float) -> str:
    """What the timer reads: minutes and seconds left, or "+" and the time over, exactly as the
    console's own timer reads it (`format_countdown`), so the wall and the console never differ."""
    return format_countdown(remaining)


def scale_for(text: str, width: int, height: int) -> tuple[int, int]:
    """The largest whole-number scale (across, down) at which `text` fits in `width` × `height`.

    (0, 0) when even one character per block does not fit.
    """
    pixels_across = sum(len(FONT[char][0]) for char in text) + len(text) - 1
    down = height // GLYPH_ROWS
    across = width // pixels_across
    if down < 1 or across < 1:
        return 0, 0
    across = min(across, 2 * down)  # no wider than square blocks need
    down = min(down, max(1, across // 2))  # no taller either
    return across, down


def draw(text: str, across: int, down: int) -> list[str]:
    """`text` in block digits, each block `across` characters wide and `down` rows tall."""
    rows = []
    for row in range(GLYPH_ROWS):
        line = (" " * across).join(
            "".join("█" * across if pixel == "#" else " " * across for pixel in FONT[char][row]) for char in text
        )
        rows.extend([line] * down)
    return rows


class BigTimer(Widget):
    """The time left in the section, as big as its space allows; its last two minutes in a calm colour,
    and over time it counts up in the warning colour."""

    DEFAULT_CSS = """
    BigTimer { width: 1fr; height: 1fr; content-align: center middle; color: $text; }
    BigTimer.-nearly-up { color: $accent; }
    BigTimer.-over-time { color: $warning; }
    BigTimer.-paused { color: $text-muted; }
    """

    remaining: reactive[float | None] = reactive(None)
    """Seconds left (negative once over); None when there is no section to time."""
    paused: reactive[bool] = reactive(False)

    def watch_remaining(self, remaining: float | None) -> None:
        # Over time (`core.timing`'s one verdict), and the last two minutes, as the console's timer shows them.
        over = remaining is not None and live_over(remaining)
        self.set_class(over, "-over-time")
        self.set_class(remaining is not None and not over and remaining <= WARNING_SECONDS, "-nearly-up")

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")

    def render(self) -> Content:
        if self.remaining is None:
            return Content("")
        text = face(self.remaining)
        across, down = scale_for(text, self.content_region.width, self.content_region.height)
        if not across:
            return Content.assemble((text, "bold"))
        return Content("\n".join(draw(text, across, down)))
