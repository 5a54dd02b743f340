"""Full-screen views of the boards: the partnership's glossary (`J`), its parking lot (`E`),
and this meeting's turning points as a timeline (`T`)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core.clock import describe_day, local
from meetingkit.core.models import BoardTerm, Elephant, TurningPoint
from meetingkit.core.text import LINE_LIMIT, TextTooLong, sanitise, too_long_for_field
from meetingkit.store import Store
from meetingkit.store.participants import Moderated
from meetingkit.ui.labels import KIND_WORDS
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.widgets.carry_over import waited
from meetingkit.ui.widgets.jargon_board import HIDDEN_MARK
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.ui.widgets.parking_lot import STATUS_WORDS
from meetingkit.ui.widgets.quiet_footer import QuietFooter


class BoardScreen(Screen[None]):
    """A heading, a list, and Enter to work on the highlighted item; Escape goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]
    AUTO_FOCUS = "#board-list"
    heading = ""
    hidden_reason = "That item is confidential: leave projection (p in the meeting) to open it."

    def __init__(
        self,
        store: Store,
        partnership_id: str,
        meeting_id: str | None,
        on_choose: Callable[[str], None],
        *,
        projecting: bool = False,
    ):
        super().__init__()
        self.store = store
        self.partnership_id = partnership_id
        self.meeting_id = meeting_id
        self.on_choose = on_choose
        self.projecting = projecting
        """On the wall: confidential items show as stand-ins and cannot be opened."""
        self.confidential: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble((self.heading, "bold")), id="board-heading")
        yield from self.extra_widgets()
        yield OptionList(id="board-list", markup=False)
        yield QuietFooter()

    def extra_widgets(self) -> ComposeResult:
        yield from ()

    def moderated(self) -> Moderated:
        """What the facilitator hid from the room in the meeting these boards are opened from
        (nothing outside a meeting: hiding is about a meeting's projection)."""
        return self.store.room.moderated(self.meeting_id) if self.meeting_id else Moderated()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def reload(self) -> None:
        rows = self.rows()
        options = self.query_one("#board-list", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        # Separators are not options in Textual's count, so items are found by their id, never by index.
        options.set_options(Option(line, id=row_id) if row_id else None for row_id, line in rows)
        if highlighted and any(row_id == highlighted for row_id, _ in rows):
            options.highlighted = options.get_option_index(highlighted)
        elif options.option_count:
            options.highlighted = 0

    def rows(self) -> list[tuple[str, Content]]:
        """(id, line) pairs; an empty id is a separator."""
        raise NotImplementedError

    @on(OptionList.OptionSelected, "#board-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        item_id = event.option.id
        if not item_id:
            return
        if self.projecting and item_id in self.confidential:
            self.notify(self.hidden_reason, markup=False)
            return
        self.on_choose(item_id)


CONFIDENTIAL = ("a confidential item", "italic dim")


def glossary_line(term: BoardTerm, *, projecting: bool = False, today=None, hidden: bool = False) -> Content:
    """A glossary entry: the term, how often and where it came up, and everything it means."""
    if term.confidential and projecting:
        return Content.assemble(CONFIDENTIAL)
    meanings = [f"{m.organisation or 'everyone'}: {m.meaning}" for m in term.meanings
                if not (m.confidential and projecting)]
    same_as = term.shown_same_as(include_confidential=not projecting)
    details = [part for part in (term.expansion, *meanings, f"plainly: {term.plain_words}" if term.plain_words else "",
                                 "same as " + ", ".join(same_as) if same_as else "") if part]
    return Content.assemble(
        (term.display, "bold"),
        (HIDDEN_MARK if hidden else "", "italic $error"),
        ("  ? still unexplained" if term.unexplained else "", "bold $warning"),
        (f"  raised {term.total}× in {term.meetings} meeting{'s' if term.meetings != 1 else ''}"
         f"{', last ' + describe_day(term.last_raised, today=today) if term.last_raised else ''}"
         if term.total else "  not raised in a meeting yet", "dim"),
        ("  · confidential" if term.confidential else "", "italic $warning"),
        "\n",
        ("    " + (" · ".join(details) if details else "no meaning recorded yet"), "dim" if not details else ""),
    )


FILTER_LIMIT = LINE_LIMIT
"""The longest glossary filter: as long as a term or a meaning may be."""


class GlossaryScreen(BoardScreen):
    """Every term the partnership has named, still unexplained ones first; type to filter."""

    heading = "Glossary: every term this partnership has named (Enter explains one)"

    AUTO_FOCUS = "#glossary-filter"
    filter_text = ""
    """The filter as the store reads it (cleaned); a filter refused as too long leaves the last good one."""

    def extra_widgets(self) -> ComposeResult:
        yield LineInput(placeholder="Filter: type part of a term or a meaning (↓ to the list)", id="glossary-filter",
                        limit=FILTER_LIMIT)

    def key_down(self) -> None:
        if self.focused is self.query_one("#glossary-filter"):
            self.query_one("#board-list").focus()

    @on(LineInput.Changed, "#glossary-filter")
    def _filter(self, event: LineInput.Changed) -> None:
        try:
            self.filter_text = sanitise(event.value)
        except TextTooLong:  # pasted tabs, each four spaces once cleaned, grew past the limit
            self.notify(too_long_for_field(LINE_LIMIT), severity="warning", markup=False)
            return
        self.reload()

    def rows(self) -> list[tuple[str, Content]]:
        terms = self.store.jargon.glossary(self.partnership_id, search=self.filter_text)
        hidden = self.moderated().terms
        if self.projecting:
            terms = [term for term in terms if term.id not in hidden]
        self.confidential = {term.id for term in terms if term.confidential}
        today = self.store.clock.now()
        return [
            (term.id, glossary_line(term, projecting=self.projecting, today=today, hidden=term.id in hidden))
            for term in terms
        ]


def parking_line(elephant: Elephant, now, *, projecting: bool = False, hidden: bool = False) -> Content:
    """An elephant with its age (open) or its resolution (closed)."""
    if elephant.confidential and projecting:
        return Content.assemble((f"{STATUS_WORDS[elephant.status]:<11}", "bold"), CONFIDENTIAL)
    if elephant.is_open:
        meetings = elephant.meetings_waited
        detail = f"waiting {waited(elephant.raised_at, now)}" + (
            f", {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
        )
    else:
        when = f" in {elephant.resolved_in}" if elephant.resolved_in else ""
        meetings = elephant.meetings_waited
        after = waited(elephant.raised_at, elephant.resolved_at or now)
        after = f" after {after}" if after and after != "since today" else " the day it was raised"
        across = f" and {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
        detail = f"{STATUS_WORDS[elephant.status]}{when}{after}{across}: {elephant.resolution_note or 'no note'}"
    return Content.assemble(
        (f"{STATUS_WORDS[elephant.status]:<11}", "bold" if elephant.is_open else "dim"),
        elephant.text,
        (HIDDEN_MARK if hidden else "", "italic $error"),
        ("  · confidential" if elephant.confidential else "", "italic $warning"),
        "\n",
        (f"           raised {describe_day(elephant.raised_at)}"
         f"{' in ' + elephant.raised_in if elephant.raised_in else ''} by {elephant.said_by} · {detail}", "dim"),
    )


class ParkingLotScreen(BoardScreen):
    """Open elephants by age, then the closed ones with how they were resolved."""

    heading = "Parking lot: open elephants, oldest first, then resolved ones (Enter moves one on)"

    def rows(self) -> list[tuple[str, Content]]:
        now = self.store.clock.now()
        lot = self.store.boards.parking_lot(self.partnership_id)
        hidden = self.moderated().elephants
        if self.projecting:
            lot = [e for e in lot if e.id not in hidden]
        self.confidential = {e.id for e in lot if e.confidential}
        rows = [(e, (e.id, parking_line(e, now, projecting=self.projecting, hidden=e.id in hidden))) for e in lot]
        open_rows = [row for e, row in rows if e.is_open]
        closed_rows = [row for e, row in rows if not e.is_open]
        separator = [("", Content(""))] if open_rows and closed_rows else []
        return open_rows + separator + closed_rows


def led_to(point: TurningPoint, hidden: bool) -> str:
    """The agreement a moment led to, or a stand-in when that agreement is confidential and must not show."""
    return "a confidential agreement" if hidden and point.agreement_confidential else point.agreement


def moment_line(point: TurningPoint, *, hidden: bool, when: str, where: str) -> Content:
    """A turning point: when, what kind, where, what happened, what it opened up and led to.

    `hidden`: confidential items show as a stand-in (on the wall, or in review before `c`).
    """
    if point.confidential and hidden:
        return Content.assemble((when, "bold"), CONFIDENTIAL)
    indent = "\n" + " " * len(when)
    kind = KIND_WORDS.get(point.kind.value, "") if point.kind else "details still to add"
    return Content.assemble(
        (when, "bold"),
        (kind, "bold" if point.kind else "italic $warning"),
        (f"  in {where}" if where else "", "dim"),
        ("  · confidential" if point.confidential else "", "italic $warning"),
        indent,
        (point.note or "—", ""),
        (f"{indent}opened up: {point.opened_up}" if point.opened_up else "", "dim"),
        (f"{indent}led to: {led_to(point, hidden)}" if point.agreement else "", "$success"),
    )


def timeline_line(point: TurningPoint, *, projecting: bool = False) -> Content:
    """A turning point on this meeting's timeline, by its time of day and section."""
    return moment_line(point, hidden=projecting, when=local(point.marked_at).strftime("%H:%M  "), where=point.section)


class TimelineScreen(BoardScreen):
    """This meeting's turning points in order; Enter adds the details."""

    heading = "Turning points in this meeting (Enter adds what happened and what it led to)"

    def rows(self) -> list[tuple[str, Content]]:
        points = self.store.boards.turning_points(self.meeting_id or "")
        self.confidential = {p.id for p in points if p.confidential}
        return [(p.id, timeline_line(p, projecting=self.projecting)) for p in points]
