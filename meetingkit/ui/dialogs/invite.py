"""The facilitator's side of participants: how to join, big enough to read from the back of the room.

Opened from the meeting runner (`i`); a dialog of the console app, though it is about participants.
The address people open is shown large, with its QR code beside it for phones' cameras, and the
code is drawn in a 3×3 line font like the timer's, with the plain characters underneath so that
nobody has to guess a glyph. While the console is projected the room sees only that: what to set
up first (`meetingkit serve`) and the keys are the facilitator's, shown only on a private console.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

from meetingkit.core.i18n import _
from meetingkit.core.join_codes import format_code
from meetingkit.serving import MAX_SESSIONS, MAX_SESSIONS_FROM_ONE_ADDRESS
from meetingkit.ui.theme import PROJECTOR_THEME
from meetingkit.ui.widgets.join import QrCode, big_code


def heading() -> str:
    """The invitation's first line, the same words as the wall's."""
    return _("Add to the boards from your phone or laptop")

WORDS_MIN_WIDTH = 30
"""The narrowest the column of words beside the QR code may be (the big code is 27 wide)."""

QR_SPARE = (2 + 2 + 2 + WORDS_MIN_WIDTH, 2)
"""What the box needs beside its QR code: its border and padding, the gap, the words; a border above and below."""


class InviteScreen(ModalScreen[str | None]):
    """How to join: `r` asks for a new code (dismissing with "new"), any other key closes."""

    DEFAULT_CSS = """
    InviteScreen { align: center middle; }
    #invite-box { width: 84; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
                  border: thick $accent; background: $surface; }
    #invite-body { height: auto; }
    #invite-qr { margin-right: 2; }
    #invite-words { width: 1fr; min-width: 30; height: auto; }
    #invite-words Static { width: 100%; }
    #invite-heading { text-style: bold; margin-bottom: 1; }
    #invite-address { text-style: bold; background: $primary; color: $text; padding: 0 1; height: 3;
                      content-align: left middle; }
    #invite-others { color: $text-muted; }
    #invite-code { text-style: bold; color: $text; margin: 1 0 0 0; }
    #invite-plain { margin-bottom: 1; }
    #invite-hint { margin-top: 1; }
    """

    def __init__(self, code: str, addresses: list[str] | None = None, *, projecting: bool | None = None) -> None:
        """`addresses`: where participants go, from a running `meetingkit serve` (None: not
        serving; empty: serving to the facilitator's computer only), best first.

        `projecting`: whether the room sees the console; None asks the app, which wears the
        projector's theme exactly while it is projected.
        """
        super().__init__()
        self.code = code
        self.addresses = addresses
        self._projecting = projecting

    @property
    def projecting(self) -> bool:
        """Whether the room sees this screen: then no setup instructions and no keys on it."""
        if self._projecting is not None:
            return self._projecting
        return self.app.theme == PROJECTOR_THEME.name

    def compose(self) -> ComposeResult:
        address = self.addresses[0] if self.addresses else None
        with Vertical(id="invite-box"), Horizontal(id="invite-body"):
            if address:
                yield QrCode(address, spare=QR_SPARE, id="invite-qr")
            with Vertical(id="invite-words"):
                yield Static(Content(heading()), id="invite-heading")
                yield Static(self._how(), id="invite-how")
                if address:
                    yield Static(Content(address), id="invite-address")
                    if len(self.addresses or ()) > 1:
                        others = " ".join(_("or {address}").format(address=other) for other in (self.addresses or [])[1:])
                        yield Static(Content(others), id="invite-others")
                    yield Static(Content(_("and type this code:")), id="invite-then")
                yield Static(Content(big_code(self.code)), id="invite-code")
                yield Static(Content.assemble((format_code(self.code), "bold")), id="invite-plain")
                yield Static(
                    Content(_("You can add jargon terms and elephants, anonymously or for your organisation, "
                              "and see this meeting's boards.")),
                    id="invite-what",
                )
                if not self.projecting:  # the facilitator's keys, never the room's
                    yield Static(
                        Content.assemble(
                            (_("Up to {most} people can have the page open at once, {from_one} from one device "
                               "or address.").format(most=MAX_SESSIONS, from_one=MAX_SESSIONS_FROM_ONE_ADDRESS)
                             + "\n", "dim"),
                            (_("r: a new code (the old one stops working) · any other key closes"), "dim"),
                        ),
                        id="invite-hint",
                    )

    def _how(self) -> Content:
        """The first step: where to go; with no address yet, what the facilitator must start first,
        or, on the wall, only that joining is not open yet."""
        if self.addresses:
            return Content(_("Point your phone's camera at the square, or open this address in a browser:"))
        if self.projecting:
            return Content(_("The address to open will be shown here once joining from a browser is open; "
                             "the code to type there is:"))
        if self.addresses is None:
            return Content(_("Start meetingkit serve --host 0.0.0.0 beside the meeting; then open the address "
                             "it prints in a browser and type this code:"))
        return Content(_("meetingkit serve is running for this computer only (add --host 0.0.0.0 to let the "
                         "room in); then open the address it prints and type this code:"))

    def on_key(self, event: Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss("new" if event.key == "r" else None)

    def on_click(self) -> None:
        self.dismiss(None)
