"""The wall's one screen: the meeting in progress as the room sees it, the wait before one, the thanks after.

It only shows: the `WallApp` reads the file and hands each new `WallView` down (`show`), and
the timer is recomputed from the view's section as time passes (`tick`). Every item is
drawn by the console's own projection renderers, so the wall reads as projection mode does.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import local
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.join_codes import format_code
from meetingkit.core.models import WallFace
from meetingkit.serving import room_addresses
from meetingkit.ui.rendering import content
from meetingkit.ui.wall.paged_list import PagedList
from meetingkit.ui.widgets.big_timer import BigTimer
from meetingkit.ui.widgets.join import QrCode, big_code
from meetingkit.usecases.wall import WallState, WallView

QR_SMALLEST_WIDTH = 33
"""Columns of a join address's QR code at its smallest (version 2, quiet zone included)."""

ROOMY_ROWS = 30
"""From this many rows the section title gets a band of its own, three rows tall."""

ROOM = Audience.ROOM
"""Everything on the wall is rendered for the room, by `core/lines.py` and the policy."""


def _for_the_room(rendered: list[lines.Rendered | None]) -> list[Content]:
    """The lines the policy lets the room see (a renderer gives None for what it may not)."""
    return [content(line) for line in rendered if line is not None]


JOIN_WORDS_WIDTH = (27, 44)
"""The narrowest and widest the join face's words may be beside its QR code (the big code is 27 wide)."""


class WallScreen(Screen[None]):
    """What the projector shows; it has no keys of its own."""

    DEFAULT_CSS = """
    WallScreen { background: $background; }
    #wall-meeting { height: auto; padding: 0 1; color: $text-muted; }
    #wall-top { height: 3fr; min-height: 6; }
    #wall-section { width: 1fr; }
    .wall-band { height: auto; padding: 0 1; background: $primary; color: $text; text-style: bold; }
    WallScreen.-roomy .wall-band { padding: 1 1; }
    #wall-state { height: 1; padding: 0 1; color: $warning; text-style: bold; }
    #wall-state.-nearly-up { color: $accent; }
    #wall-prompts { padding: 0 1; }
    #wall-boards { height: 3fr; }
    .wall-board { width: 1fr; height: 1fr; border: round $primary; border-title-style: bold;
                  border-title-color: $text; padding: 0 1; }
    #wall-agreed { height: 2fr; min-height: 4; }
    #wall-joining { height: 1fr; align: center middle; }
    #wall-joining-qr { width: 1fr; height: 1fr; content-align: center middle; }
    #wall-joining-words { height: 1fr; align: left middle; }
    #wall-joining-words Static { width: 100%; }
    #wall-joining-heading { text-style: bold; margin-bottom: 1; }
    #wall-joining-address { text-style: bold; background: $primary; color: $text; padding: 0 1; height: 3;
                            content-align: left middle; }
    #wall-joining-others { color: $text-muted; }
    #wall-joining-code { text-style: bold; margin-top: 1; }
    #wall-joining-plain { text-style: bold; }
    #wall-closing-agreed { height: 1fr; }
    #wall-thanks { height: auto; padding: 1 1; text-style: bold; content-align: center middle; }
    #wall-waiting { align: center middle; }
    #wall-waiting-words { width: auto; height: auto; padding: 1 2; text-style: bold; }
    #wall-notice { dock: bottom; height: auto; padding: 0 1; color: $warning; display: none; }
    """

    def __init__(self, db_path: Path | None = None) -> None:
        """`db_path`: the file followed, to find a running `meetingkit serve` for the join line."""
        super().__init__()
        self.db_path = db_path
        self._state: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="wall-waiting"):
            yield Static(id="wall-waiting-words")
        with Vertical(id="wall-running"):
            yield Static(id="wall-meeting")
            with Horizontal(id="wall-top"):
                with Vertical(id="wall-section"):
                    yield Static(id="wall-title", classes="wall-band")
                    yield Static(id="wall-state")
                    yield PagedList(id="wall-prompts")
                yield BigTimer(id="wall-timer")
            with Horizontal(id="wall-boards"):
                yield PagedList(_("No jargon named yet"), id="wall-jargon", classes="wall-board")
                yield PagedList(_("Nothing parked"), id="wall-parking", classes="wall-board")
            yield PagedList(id="wall-agreed", classes="wall-board")
        with Horizontal(id="wall-joining"):
            yield QrCode(grow=True, id="wall-joining-qr")
            with Vertical(id="wall-joining-words"):
                yield Static(Content(_("Add to the boards from your phone or laptop")), id="wall-joining-heading")
                yield Static(id="wall-joining-how")
                yield Static(id="wall-joining-address")
                yield Static(id="wall-joining-others")
                yield Static(Content(_("and type this code:")), id="wall-joining-then")
                yield Static(id="wall-joining-code")
                yield Static(id="wall-joining-plain")
        with Vertical(id="wall-closing"):
            yield Static(id="wall-closing-meeting", classes="wall-band")
            yield PagedList(_("Nothing was recorded as agreed."), id="wall-closing-agreed", classes="wall-board")
            yield Static(Content(_("Thank you, everyone.")), id="wall-thanks")
        yield Static(id="wall-notice")

    def on_mount(self) -> None:
        # Kept, not queried each tick: a tick can still come while the app is closing the screen.
        self._timer_widgets = (self.query_one(BigTimer), self.query_one("#wall-state", Static))
        self.query_one("#wall-jargon").border_title = _("Name the Jargon")
        self.query_one("#wall-parking").border_title = _("Parking lot")
        # Translators: the wall's heading over this meeting's agreements and actions.
        self.query_one("#wall-agreed").border_title = pgettext("wall heading", "Agreed")
        self.query_one("#wall-closing-agreed").border_title = _("What we agreed, and who does what")
        self.show(WallView(WallState.WAITING), None)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height >= ROOMY_ROWS, "-roomy")
        narrowest, widest = JOIN_WORDS_WIDTH
        # The words take what the smallest QR code leaves them, within reason; a larger code the rest.
        words = max(narrowest, min(widest, event.size.width - QR_SMALLEST_WIDTH))
        self.query_one("#wall-joining-words").styles.width = words

    def show(self, view: WallView, now: datetime | None) -> None:
        """Draw a new reading of the meeting; an unreadable file keeps the last one, with a calm notice."""
        notice = self.query_one("#wall-notice", Static)
        notice.display = view.state is WallState.UNREADABLE
        if view.state is WallState.UNREADABLE:
            notice.update(Content(view.message))
            if not self.query_one("#wall-waiting").display:
                return  # the room keeps the last good picture
        blank = view.state is WallState.RUNNING and view.face is WallFace.BLANK
        joining = view.state is WallState.RUNNING and view.join_code is not None and not blank
        self.query_one("#wall-waiting").display = view.state in (WallState.WAITING, WallState.UNREADABLE)
        self.query_one("#wall-running").display = view.state is WallState.RUNNING and not blank and not joining
        self.query_one("#wall-joining").display = joining
        self.query_one("#wall-closing").display = view.state is WallState.ENDED
        if view.state in (WallState.WAITING, WallState.UNREADABLE):
            words = view.message if view.state is WallState.WAITING else _("Waiting for the meeting file…")
            self.query_one("#wall-waiting-words", Static).update(Content(words))
            return
        today = local(now).date() if now is not None else None
        business = _for_the_room([lines.agreement_line(a, ROOM, today=today) for a in view.agreements])
        business += _for_the_room([lines.action_line(a, ROOM, today=today) for a in view.actions])
        if view.state is WallState.ENDED:
            self.query_one("#wall-closing-meeting", Static).update(
                Content.assemble(view.partnership, "  ·  ", view.title, "  ·  ", pgettext("meeting", "ended"))
            )
            self.query_one("#wall-closing-agreed", PagedList).show(business)
            return
        self._show_running(view, business, now)

    def _show_running(self, view: WallView, business: list[Content], now: datetime | None) -> None:
        parts: list[str | tuple[str, str]] = [(view.partnership, "bold"), "  ·  ", view.title]
        if view.position:
            parts += ["  ·  ", view.position]
        self.query_one("#wall-meeting", Static).update(Content.assemble(*parts))
        run = view.run
        self.query_one("#wall-title", Static).update(Content(run.title if run else _("This agenda has no sections.")))
        self.query_one("#wall-prompts", PagedList).show([Content(p) for p in run.prompts] if run else [])
        self.query_one("#wall-jargon", PagedList).show(_for_the_room([lines.term_line(t, ROOM) for t in view.terms]))
        if now is not None:
            self.query_one("#wall-parking", PagedList).show(
                _for_the_room([lines.elephant_line(e, now, ROOM) for e in view.elephants])
            )
        agreed = self.query_one("#wall-agreed", PagedList)
        agreed.display = bool(business)
        agreed.show(business)
        if view.join_code:
            self._show_joining(view.join_code)
        if now is not None:
            self.tick(view, now)

    def _show_joining(self, code: str) -> None:
        """Where and how to join, as the invite (`i`) shows it to the room: the address big with its
        QR code, the code big; never the facilitator's setup instructions."""
        addresses = (room_addresses(self.db_path) if self.db_path else None) or []
        address = addresses[0] if addresses else None
        self.query_one("#wall-joining-qr", QrCode).address = address
        self.query_one("#wall-joining-qr").display = address is not None
        how = (
            _("Point your phone's camera at the square, or open this address in a browser:")
            if address
            else _("The address to open will be shown here once joining from a browser is open; the code to type is:")
        )
        self.query_one("#wall-joining-how", Static).update(Content(how))
        shown = self.query_one("#wall-joining-address", Static)
        shown.display = address is not None
        shown.update(Content(address or ""))
        others = self.query_one("#wall-joining-others", Static)
        others.display = len(addresses) > 1
        # Translators: the join page's other addresses ("or http://… or http://…").
        others.update(Content(_("or {addresses}").format(addresses=pgettext("between addresses", " or ").join(addresses[1:]))))
        self.query_one("#wall-joining-then").display = address is not None
        self.query_one("#wall-joining-code", Static).update(Content(big_code(code)))
        self.query_one("#wall-joining-plain", Static).update(Content(format_code(code)))

    def tick(self, view: WallView, now: datetime) -> None:
        """Recompute the timer (four times a second) from the section's stored times."""
        timer, state_line = self._timer_widgets
        clock = view.clock(now)
        timer.remaining = None if clock is None else clock.remaining
        timer.paused = bool(clock and clock.paused)
        nearly_up = clock is not None and not clock.paused and not clock.over_time and clock.nearly_up
        state = ("" if clock is None else _("Paused") if clock.paused else _("Over time") if clock.over_time
                 else _("2 minutes left") if clock.nearly_up else "")
        if state != self._state:  # only when it changes: an update lays the screen out again
            self._state = state
            state_line.update(Content(state))
            state_line.set_class(nearly_up, "-nearly-up")

    def turn_pages(self) -> None:
        """Every list that does not fit moves on to its next page."""
        for paged in self.query(PagedList):
            paged.turn_page()
