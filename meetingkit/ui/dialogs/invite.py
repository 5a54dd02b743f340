"""The facilitator's side of participants: the join code, big enough to read from the back of the room.

Opened from the meeting runner (`i`); a dialog of the console app, though it is about participants. The code is drawn in a 3×3 line font like the
timer's, with the plain characters underneath so that nobody has to guess a glyph.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

from meetingkit.core.join_codes import JOIN_CODE_ALPHABET, format_code

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
    return "\n".join(" ".join(GLYPHS.get(char, ("   ", "   ", f" {char} "))[row] for char in shown) for row in range(3))


class InviteScreen(ModalScreen[str | None]):
    """The join code on the wall: `r` asks for a new one (dismissing with "new"), any other key closes."""

    DEFAULT_CSS = """
    InviteScreen { align: center middle; }
    #invite-box { width: 76; max-width: 100%; height: auto; padding: 1 3; border: thick $accent;
                  background: $surface; }
    #invite-box Static { width: 100%; }
    #invite-heading { text-style: bold; margin-bottom: 1; }
    #invite-code { text-style: bold; color: $text; margin: 1 0 0 0; content-align: center middle; }
    #invite-plain { content-align: center middle; margin-bottom: 1; }
    #invite-hint { margin-top: 1; }
    """

    def __init__(self, code: str, addresses: list[str] | None = None) -> None:
        """`addresses`: where participants go, from a running `meetingkit serve` (None: not
        serving; empty: serving to the facilitator's computer only)."""
        super().__init__()
        self.code = code
        self.addresses = addresses

    def compose(self) -> ComposeResult:
        with Vertical(id="invite-box"):
            yield Static(Content("Add to the boards from your phone or laptop"), id="invite-heading")
            yield Static(self._how(), id="invite-how")
            yield Static(Content(big_code(self.code)), id="invite-code")
            yield Static(Content.assemble((format_code(self.code), "bold")), id="invite-plain")
            yield Static(
                Content("You can add jargon terms and elephants, anonymously or for your organisation, "
                        "and see this meeting's boards."),
                id="invite-what",
            )
            yield Static(
                Content.assemble(("r: a new code (the old one stops working) · any other key closes", "dim")),
                id="invite-hint",
            )

    def _how(self) -> Content:
        if self.addresses:
            return Content.assemble(
                "Open ", (" or ".join(self.addresses), "bold"), " in a browser, then type this code:"
            )
        if self.addresses is None:
            return Content("Start meetingkit serve --host 0.0.0.0 beside the meeting; then open the address "
                           "it prints in a browser and type this code:")
        return Content("meetingkit serve is running for this computer only (add --host 0.0.0.0 to let the "
                       "room in); then open the address it prints and type this code:")

    def on_key(self, event: Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss("new" if event.key == "r" else None)

    def on_click(self) -> None:
        self.dismiss(None)
