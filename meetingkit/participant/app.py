"""The participant's app: the join code, then one meeting's live boards and two ways to add to them.

One of these runs per browser connection (started by `meetingkit serve`). It has two
screens and nothing else: no command palette, no history, no other meetings. Everything
it reads or writes goes through a `RoomSession`. User text is shown as `Content`, never
parsed as markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.crash import participant_crash_notice, write_crash_log
from meetingkit.core.i18n import N_, _, ngettext
from meetingkit.core.text import TextTooLong
from meetingkit.localised import Localised
from meetingkit.participant.session import Joined, RoomSession
from meetingkit.store import StoreError
from meetingkit.store.errors import MeetingEnded
from meetingkit.store.participants import RoomElephant, RoomTerm

WATCH_INTERVAL_SECONDS = 0.5
"""How often to look for what others added: well inside the one-second promise."""

ANONYMOUS = "anonymous"
"""The credit choice that stores nobody (the default)."""

def _ended() -> str:
    return _("This meeting has ended: thank you for taking part. What you added is kept with the meeting.")


def _gone() -> str:
    return _("This meeting is no longer available. Thank you for taking part.")

_THANKS = {
    ("term", True): lambda: _("Added to the board, anonymously. Thank you."),
    ("term", False): lambda: _("Added to the board, for your organisation. Thank you."),
    ("elephant", True): lambda: _("Parked, anonymously. Thank you."),
    ("elephant", False): lambda: _("Parked, for your organisation. Thank you."),
}
"""What a participant reads once their entry is on a board: whole sentences, as French orders them."""


CSS = """
Screen { background: $surface; }
JoinScreen { align: center top; }
#join-box { width: 64; max-width: 100%; height: auto; margin: 2 2; padding: 1 2; border: round $accent; }
#join-box Static { margin-bottom: 1; }
#join-message { color: $warning; }
#room-title { padding: 0 1; text-style: bold; background: $primary 30%; }
#room-form { height: auto; padding: 1 1 0 1; }
#room-form > * { margin-bottom: 1; }
#credit { width: 100%; }
#room-message { padding: 0 1; height: auto; min-height: 1; }
#room-message.-problem { color: $warning; text-style: bold; }
#room-boards { height: 1fr; }
#room-boards OptionList { width: 1fr; height: 1fr; border: round $primary; }
.-narrow #room-boards { layout: vertical; }
#room-hint { color: $text-muted; padding: 0 1; }
"""


def _seconds(wait: float) -> str:
    whole = max(1, round(wait + 0.49))
    return ngettext("{count} second", "{count} seconds", whole).format(count=whole)


def _content(rendered: lines.Rendered | None) -> Content:
    return Content.assemble(*rendered.runs) if rendered is not None else Content("")


def room_term_line(term: RoomTerm) -> Content:
    """A term as a participant's board shows it (`core.lines.room_term_line`, participant audience)."""
    return _content(lines.room_term_line(term.display, term.tally, term.unexplained, term.explained,
                                         Audience.PARTICIPANT))


def room_elephant_line(elephant: RoomElephant) -> Content:
    """An open elephant as a participant's board shows it (`core.lines.room_elephant_line`)."""
    return _content(lines.room_elephant_line(elephant.text, elephant.status, Audience.PARTICIPANT))


class JoinScreen(Screen[None]):
    """Type the code shown at the front of the room."""

    AUTO_FOCUS = "#code"

    def __init__(self, session: RoomSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Static(Content.assemble((_("Join the meeting"), "bold")))
            yield Static(
                Content(
                    _(
                        "Type the code shown on the screen at the front of the room, then press Enter. "
                        "Capitals and spaces do not matter."
                    )
                )
            )
            yield Input(placeholder=_("the code, e.g. ACF 234"), id="code")
            yield Static(id="join-message")

    def _say(self, text: str) -> None:
        self.query_one("#join-message", Static).update(Content(text))

    @on(Input.Submitted, "#code")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            outcome = self.session.join(event.value)
        except StoreError as problem:
            self._say(_("The meeting could not be reached just now ({problem}). Try again in a moment.").format(problem=problem))
            return
        if outcome.result is Joined.JOINED:
            self.app.switch_screen(RoomScreen(self.session))
        elif outcome.result is Joined.EMPTY:
            self._say(_("Type the code first."))
        elif outcome.result is Joined.WAIT:
            self._say(_("Several wrong codes have been tried. Try again in {seconds}.").format(seconds=_seconds(outcome.wait)))
        else:
            wrong = _("That code does not open a meeting in progress. Check it on the screen at the front of the room.")
            if outcome.wait > 0:
                wrong += " " + _("Try again in {seconds}.").format(seconds=_seconds(outcome.wait))
            self._say(wrong)
            event.input.select_all()


class RoomScreen(Screen[None]):
    """The meeting's two boards, live, and a line each to add a term or an elephant."""

    AUTO_FOCUS = "#term"

    def __init__(self, session: RoomSession) -> None:
        super().__init__()
        self.session = session
        self.running = True

    def compose(self) -> ComposeResult:
        yield Static(id="room-title")
        with Vertical(id="room-form"):
            yield Select[str](
                [(Content(_("Anonymous: nobody is named")), ANONYMOUS)],
                value=ANONYMOUS,
                allow_blank=False,
                id="credit",
                compact=True,  # compact fields: a phone's screen has few rows to spare
            )
            yield Input(placeholder=_("Jargon you heard (Enter adds it)"), id="term", compact=True)
            yield Input(placeholder=_("An elephant in the room (Enter parks it)"), id="elephant",
                        compact=True)
        yield Static(id="room-message")
        with Horizontal(id="room-boards"):
            yield OptionList(id="room-jargon", markup=False)
            yield OptionList(id="room-lot", markup=False)
        yield Static(Content(_("Tab moves between the fields and the boards · ctrl+q leaves")), id="room-hint")

    def on_mount(self) -> None:
        self.query_one("#room-jargon").border_title = _("Name the Jargon")
        self.query_one("#room-lot").border_title = _("Parking lot")
        credit = self.query_one("#credit", Select)
        choices = [(Content(_("Anonymous: nobody is named")), ANONYMOUS)]
        choices += [(Content(_("Said by {organisation}").format(organisation=organisation.name)), organisation.id)
                    for organisation in self.session.organisations()]
        credit.set_options(choices)
        credit.value = ANONYMOUS
        self.reload()

    def _say(self, text: str, *, problem: bool = False) -> None:
        message = self.query_one("#room-message", Static)
        message.set_class(problem, "-problem")
        message.update(Content(text))

    def reload(self) -> None:
        """Read the meeting and its boards again (after a change anywhere)."""
        try:
            meeting = self.session.meeting()
            terms, elephants = self.session.terms(), self.session.elephants()
        except KeyError:  # deleted (purged, say) while this page was open
            self._fill(self.query_one("#room-jargon", OptionList), [], "")
            self._fill(self.query_one("#room-lot", OptionList), [], "")
            self._end(_gone())
            return
        except StoreError:  # busy or unreadable for a moment: the next change tries again
            return
        self.query_one("#room-title", Static).update(
            Content.assemble(meeting.partnership_name, ("  ·  ", "dim"), meeting.title)
        )
        self._fill(self.query_one("#room-jargon", OptionList), [room_term_line(t) for t in terms],
                   _("No terms yet. Heard one you did not know? Add it above."))
        self._fill(self.query_one("#room-lot", OptionList), [room_elephant_line(e) for e in elephants],
                   _("Nothing parked."))
        if not meeting.running and self.running:
            self._end()

    @staticmethod
    def _fill(board: OptionList, lines: list[Content], empty: str) -> None:
        highlighted = board.highlighted
        if lines:
            board.set_options(Option(line) for line in lines)
            if highlighted is not None:
                board.highlighted = min(highlighted, len(lines) - 1)
        else:
            board.set_options([Option(Content.assemble((empty, "dim italic")), disabled=True)])

    def _end(self, why: str | None = None) -> None:
        """No more entries, and no more reading: the boards stay as they were when it ended."""
        why = why or _ended()
        self.running = False
        for widget in self.query("#room-form Input, #credit"):
            widget.disabled = True
        self._say(why, problem=True)

    def _credit(self) -> str | None:
        value = self.query_one("#credit", Select).value
        return None if value in (ANONYMOUS, Select.BLANK) else str(value)

    @on(Input.Submitted, "#term")
    def _add_term(self, event: Input.Submitted) -> None:
        self._add(event.input, lambda text, credit: self.session.add_term(text, credit), "term")

    @on(Input.Submitted, "#elephant")
    def _add_elephant(self, event: Input.Submitted) -> None:
        self._add(event.input, lambda text, credit: self.session.add_elephant(text, credit), "elephant")

    def _add(self, field: Input, save, done: str) -> None:
        if not self.running:
            self._say(_ended(), problem=True)
            return
        text = field.value
        if not text.strip():
            self._say(_("Type something first."), problem=True)
            return
        credit = self._credit()
        try:
            save(text, credit)
        except MeetingEnded:
            self.reload()
            self._end()
            return
        except TextTooLong as problem:
            self._say(_("Not added: {problem} What you typed is still there.").format(problem=problem), problem=True)
            return
        except ValueError as problem:
            self._say(_("Not added: {problem}").format(problem=problem), problem=True)
            return
        except StoreError as problem:
            self._say(_("Not added just now ({problem}). Press Enter to try again.").format(problem=problem), problem=True)
            return
        field.value = ""
        self._say(_THANKS[done, credit is None]())
        self.reload()


class ParticipantApp(Localised, App[None]):
    """A participant's view of one meeting, in a browser (or a terminal)."""

    TITLE = N_("meetingkit: join the meeting")
    CSS = CSS
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS = [Binding("ctrl+q", "quit", N_("Leave"), show=False, priority=True)]

    def __init__(self, session: RoomSession) -> None:
        super().__init__()
        self.session = session
        self.title = _("meetingkit: join the meeting")

    def on_mount(self) -> None:
        self.push_screen(JoinScreen(self.session))
        self.set_interval(WATCH_INTERVAL_SECONDS, self._watch)

    def _watch(self) -> None:
        if self.session.meeting_id is None:
            return
        try:
            changed = self.session.changed()
        except StoreError:
            return
        if changed and isinstance(self.screen, RoomScreen) and self.screen.running:
            self.screen.reload()

    def get_system_commands(self, screen):  # noqa: ANN001 - Textual's signature
        """Nothing: no palette, no screenshot to a file, no theme or keys panel."""
        yield from ()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: the traceback to a private log, a calm line to the terminal.

        The same as the console's `ui.crash.CalmApp` (which this app may not import): Textual's
        own report prints the locals of every frame, and the error's message may quote what
        somebody typed; `serve` passes a session's output on to the facilitator's terminal.
        """
        try:
            log: Path | None = write_crash_log(error, program="participant")
        except Exception:  # a full disk must not turn into a second crash
            log = None
        self._return_code = 1
        if self._exception is None:  # Pilot raises the first one again in tests
            self._exception = error
            self._exception_event.set()
        self.panic(Text(participant_crash_notice(log)))
