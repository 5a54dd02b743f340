"""Full-screen views of the boards: the partnership's glossary (`J`), its parking lot (`E`),
and this meeting's turning points as a timeline (`T`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Facts, Kind, Shown, visibility
from meetingkit.core.i18n import N_, _, ngettext, pgettext
from meetingkit.core.models import BoardTerm, Elephant, Meaning, TermLanguage, TurningPoint
from meetingkit.core.text import LINE_LIMIT, TextTooLong, sanitise, too_long_for_field
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.store.participants import Moderated
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.ui.dialogs.terms import ChoiceDialog
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.ui.widgets.quiet_footer import QuietFooter


class _Listed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def confidential(self) -> bool: ...


_Item = TypeVar("_Item", bound=_Listed)


class BoardScreen(Localised, Screen[None]):
    """A heading, a list, and Enter to work on the highlighted item; Escape goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", N_("Back"))]
    AUTO_FOCUS = "#board-list"

    def __init__(
        self,
        store: Store,
        partnership_id: str,
        meeting_id: str | None,
        on_choose: Callable[[str], None],
        audience: Audience = Audience.FACILITATOR,
    ):
        super().__init__()
        self.store = store
        self.partnership_id = partnership_id
        self.meeting_id = meeting_id
        self.on_choose = on_choose
        self.audience = audience
        """Who the board is drawn for: the room when projected (or in review before `c`), else the
        facilitator. For the room, confidential items show as stand-ins and cannot be opened."""
        self.confidential: set[str] = set()
        """The items shown to this audience only as stand-ins, which it cannot open."""

    def rendered(
        self, kind: Kind, items: Iterable[_Item], line: Callable[[_Item], lines.Rendered | None],
        *, hidden: frozenset[str] = frozenset(),
    ) -> list[tuple[_Item, Content]]:
        """The items this audience may see, each with its line; notes which show only as stand-ins."""
        shown: list[tuple[_Item, Content]] = []
        self.confidential = set()
        for item in items:
            rendered = line(item)
            if rendered is None:
                continue
            facts = Facts(item.confidential, item.id in hidden)
            if visibility(kind, facts, self.audience) is not Shown.IN_FULL:
                self.confidential.add(item.id)
            shown.append((item, content(rendered)))
        return shown

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble((self.current_heading(), "bold")), id="board-heading")
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

    def current_heading(self) -> str:
        """The heading as it should read now, in the language in use (a count in it changes with the data)."""
        return ""

    def hidden_reason(self) -> str:
        """Why a confidential item will not open here."""
        return _("That item is confidential: leave projection (p in the meeting) to open it.")

    def say_hidden(self) -> None:
        """Say why the highlighted item will not open: it is confidential, for this audience."""
        self.notify(self.hidden_reason(), markup=False)

    def reload(self) -> None:
        self.query_one("#board-heading", Static).update(Content.assemble((self.current_heading(), "bold")))
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
        if item_id in self.confidential:
            self.say_hidden()
            return
        self.on_choose(item_id)


def glossary_line(term: BoardTerm, *, projecting: bool = False, today=None, hidden: bool = False) -> Content:
    """A glossary entry for the console's audience (the room when projecting), as
    `core.lines.glossary_line` renders it."""
    return content(lines.glossary_line(term, Audience.console(projecting=projecting), today=today, hidden=hidden))


FILTER_LIMIT = LINE_LIMIT
"""The longest glossary filter: as long as a term or a meaning may be."""


class GlossaryScreen(BoardScreen):
    """Every term the partnership has named, still unexplained ones first; type to filter.

    On the list, the highlighted term can be corrected: `r` renames it, `m` merges it into another
    (near-duplicates offered first), and `e`, `w` and `x` edit, move (to the right term) and delete
    one of its meanings. Each change keeps its history (`store.jargon`), and every screen on the
    stack is told at once, so the meeting's jargon board shows it too.
    """

    def current_heading(self) -> str:
        return _("Glossary: every term this partnership has named (Enter explains one)")

    BINDINGS = [
        Binding("r", "rename_term", N_("Rename")),
        Binding("m", "merge_term", N_("Merge")),
        Binding("e", "edit_meaning", N_("Edit")),
        Binding("w", "move_meaning", N_("Move")),
        Binding("x", "delete_meaning", N_("Delete")),
        # Not in the footer (it is full at 80 columns): said in `?`, and each press says what it shows.
        Binding("l", "term_language", N_("Terms of one language"), show=False),
    ]

    AUTO_FOCUS = "#glossary-filter"
    term_language: TermLanguage | None = None
    """The language whose terms are listed (`l`), or None for every term."""
    filter_text = ""
    """The filter as the store reads it (cleaned); a filter refused as too long leaves the last good one."""

    def extra_widgets(self) -> ComposeResult:
        yield LineInput(placeholder=_("Filter: type part of a term or a meaning (↓ to the list)"), id="glossary-filter",
                        limit=FILTER_LIMIT)

    def key_down(self, event: events.Key) -> None:
        """↓ from the filter goes to the first match, highlighted: the key is spent on the move, or
        the list would take it too and skip that first match."""
        if self.focused is self.query_one("#glossary-filter"):
            event.stop()
            event.prevent_default()
            listed = self.query_one("#board-list", OptionList)
            listed.focus()
            if listed.option_count:
                listed.highlighted = 0

    @on(LineInput.Changed, "#glossary-filter")
    def _filter(self, event: LineInput.Changed) -> None:
        try:
            self.filter_text = sanitise(event.value)
        except TextTooLong:  # pasted tabs, each four spaces once cleaned, grew past the limit
            self.notify(too_long_for_field(LINE_LIMIT), severity="warning", markup=False)
            return
        self.reload()

    def rows(self) -> list[tuple[str, Content]]:
        terms = self.store.jargon.glossary(self.partnership_id, search=self.filter_text, language=self.term_language)
        hidden = self.moderated().terms
        today = self.store.clock.now()
        self.near = self.store.jargon.near_duplicate_pairs(self.partnership_id)
        every = {term.id: term for term in self.store.jargon.glossary(self.partnership_id)} if self.near else {}
        rows = []
        for term, line in self.rendered(
            Kind.TERM, terms, lambda term: lines.glossary_line(term, self.audience, today=today, hidden=term.id in hidden),
            hidden=hidden,
        ):
            alike = lines.looks_like_line([every[o] for o in self.near.get(term.id, ()) if o in every], self.audience)
            if alike is not None and term.id not in self.confidential:
                line = Content.assemble(line, "\n", content(alike))
            rows.append((term.id, line))
        return rows

    def action_term_language(self) -> None:
        """`l`: every term, then English terms only, then French terms only, and round again."""
        order = (None, TermLanguage.EN, TermLanguage.FR)
        self.term_language = order[(order.index(self.term_language) + 1) % len(order)]
        said = {
            None: _("Showing every term."),
            TermLanguage.EN: _("Showing English terms only (l for French terms)."),
            TermLanguage.FR: _("Showing French terms only (l for every term)."),
        }
        self.reload()
        self.notify(said[self.term_language], markup=False)

    # -- corrections ------------------------------------------------------------------------

    near: dict[str, tuple[str, ...]] = {}
    """The terms each looks like, as last listed (`Jargon.near_duplicate_pairs`)."""

    def _highlighted_term(self) -> BoardTerm | None:
        """The term to correct: the highlighted one, if this audience may open it and the file may change."""
        options = self.query_one("#board-list", OptionList)
        option = options.highlighted_option if options.has_focus else None
        if option is None or not option.id:
            self.notify(_("Highlight a term in the list first (↓ from the filter)."), markup=False)
            return None
        if option.id in self.confidential:
            self.say_hidden()
            return None
        if self.store.read_only:
            self.notify(_("This database is read-only, so the glossary cannot be changed here."), markup=False)
            return None
        return self.store.jargon.board_term(option.id)

    def _changed(self, said: str) -> None:
        """Tell every screen on the stack (the meeting's jargon board under this one), and say what was done."""
        for screen in self.app.screen_stack:
            screen.post_message(DatabaseChanged())
        self.notify(said, markup=False)

    def _try_change(self, work: Callable[[], object], said: str) -> bool:
        try:
            work()
        except (LookupError, ValueError) as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return False
        self._changed(said)
        return True

    def _term_name(self, term: BoardTerm) -> str:
        """A term as a notice names it: its spelling, or a stand-in where this audience may not read it."""
        return term.display if visibility(Kind.TERM, Facts(term.confidential), self.audience) is Shown.IN_FULL \
            else lines.confidential_term()

    def action_rename_term(self) -> None:
        term = self._highlighted_term()
        if term is None:
            return

        def check(text: str) -> str | None:
            try:
                self.store.jargon.rename_term(term.id, text, meeting_id=self.meeting_id)
            except (LookupError, ValueError) as problem:
                return str(problem)
            return None

        def done(text: str | None) -> None:
            if text is not None:
                self._changed(_("Renamed: {term}.").format(term=self._term_name(self.store.jargon.board_term(term.id))))

        self.app.push_screen(LineDialog(
            _("Rename {term}").format(term=self._term_name(term)),
            value=term.display if self._term_name(term) == term.display else "",
            hint=_("Enter renames it (Escape cancels). Its tally, meanings and history stay."), check=check,
        ), done)

    def _term_choices(self, term: BoardTerm, title: str, then: Callable[[BoardTerm], None]) -> None:
        """Ask which other term: the near-duplicates of `term` first, then the rest alphabetically."""
        others = [t for t in self.store.jargon.glossary(self.partnership_id) if t.id != term.id]
        alike = self.store.jargon.near_duplicate_pairs(self.partnership_id).get(term.id, ())
        others.sort(key=lambda t: (t.id not in alike, t.display.casefold()))
        choices = [(t.id, content(line)) for t in others
                   if (line := lines.term_choice_line(t, self.audience, looks_alike=t.id in alike)) is not None]
        if not choices:
            self.notify(_("There is no other term to choose."), markup=False)
            return
        by_id = {t.id: t for t in others}

        def chosen(choice: str | None) -> None:
            if choice is not None:
                then(by_id[choice])

        self.app.push_screen(ChoiceDialog(title, choices), chosen)

    def action_merge_term(self) -> None:
        term = self._highlighted_term()
        if term is None:
            return

        def into_chosen(into: BoardTerm) -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._try_change(lambda: self.store.jargon.merge_terms(term.id, into.id, meeting_id=self.meeting_id),
                                  _("{term} merged into {into}.").format(term=self._term_name(term),
                                                                         into=self._term_name(into)))

            mentions = ngettext("{count} mention", "{count} mentions", term.total).format(count=term.total)
            meanings = ngettext("{count} meaning", "{count} meanings", len(term.meanings)).format(
                count=len(term.meanings))
            self.app.push_screen(ConfirmDialog(
                _("Merge {term} into {into}?").format(term=self._term_name(term), into=self._term_name(into)),
                # Translators: {mentions} is "3 mentions", {meanings} is "2 meanings".
                _("Its {mentions} and {meanings} join {into}, and its spelling counts there from now on. "
                  "The change is kept in the history.").format(
                    mentions=mentions, meanings=meanings, into=self._term_name(into)),
                yes=_("Merge"), no=_("Cancel"),
            ), answered)

        self._term_choices(term, _("Merge {term} into which term? (look-alikes first)").format(
            term=self._term_name(term)), into_chosen)

    def _meaning(self, question: str, then: Callable[[BoardTerm, Meaning], None]) -> None:
        """The highlighted term's meaning to work on: asked which when it has more than one
        (`question`, with `{term}`: "Edit which meaning of {term}?")."""
        term = self._highlighted_term()
        if term is None:
            return
        meanings = {m.id: m for m in term.meanings}
        if not meanings:
            self.notify(_("That term has no meaning recorded yet (Enter adds one)."), markup=False)
            return
        if len(meanings) == 1:
            then(term, term.meanings[0])
            return
        choices = [(m.id, content(lines.meaning_choice_line(term, m, self.audience))) for m in term.meanings]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                then(term, meanings[choice])

        self.app.push_screen(ChoiceDialog(question.format(term=self._term_name(term)), choices), chosen)

    def _meaning_readable(self, term: BoardTerm, meaning: Meaning) -> bool:
        if visibility(Kind.MEANING, Facts(meaning.confidential or term.confidential), self.audience) is Shown.IN_FULL:
            return True
        self.say_hidden()
        return False

    def action_edit_meaning(self) -> None:
        def edit(term: BoardTerm, meaning: Meaning) -> None:
            if not self._meaning_readable(term, meaning):
                return

            def check(text: str) -> str | None:
                try:
                    self.store.jargon.edit_meaning(meaning.id, text, meeting_id=self.meeting_id)
                except (LookupError, ValueError) as problem:
                    return str(problem)
                return None

            def done(text: str | None) -> None:
                if text is not None:
                    self._changed(_("Meaning of {term} changed; what it said is kept in its history.").format(
                        term=self._term_name(term)))

            title = (_("What {term} means in {organisation}").format(term=self._term_name(term),
                                                                     organisation=meaning.organisation)
                     if meaning.organisation else _("What {term} means").format(term=self._term_name(term)))
            self.app.push_screen(LineDialog(
                title, value=meaning.meaning, hint=_("Enter saves it (Escape cancels)."), check=check,
            ), done)

        self._meaning(_("Edit which meaning of {term}?"), edit)

    def action_move_meaning(self) -> None:
        def move(term: BoardTerm, meaning: Meaning) -> None:
            def to(target: BoardTerm) -> None:
                self._try_change(lambda: self.store.jargon.move_meaning(meaning.id, target.id, meeting_id=self.meeting_id),
                              _("Meaning moved from {term} to {target}.").format(term=self._term_name(term),
                                                                                 target=self._term_name(target)))

            self._term_choices(term, _("Move the meaning to which term? (look-alikes first)"), to)

        self._meaning(_("Move which meaning of {term}?"), move)

    def action_delete_meaning(self) -> None:
        def delete(term: BoardTerm, meaning: Meaning) -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    self._try_change(lambda: self.store.jargon.delete_meaning(meaning.id, meeting_id=self.meeting_id),
                                  _("Meaning of {term} deleted; it is kept in its history.").format(
                                      term=self._term_name(term)))

            shown = lines.meaning_choice_line(term, meaning, self.audience).text
            self.app.push_screen(ConfirmDialog(
                _("Delete this meaning of {term}?").format(term=self._term_name(term)), shown,
                yes=_("Delete"), no=pgettext("button", "Keep"), default_no=True), answered)

        self._meaning(_("Delete which meaning of {term}?"), delete)


def parking_line(elephant: Elephant, now, *, projecting: bool = False, hidden: bool = False) -> Content:
    """An elephant with its age (open) or its resolution (closed), as `core.lines.parking_line`
    renders it for the console's audience."""
    return content(lines.parking_line(elephant, now, Audience.console(projecting=projecting), hidden=hidden))


class ParkingLotScreen(BoardScreen):
    """Open elephants by age, then the closed ones with how they were resolved."""

    def current_heading(self) -> str:
        return _("Parking lot: open elephants, oldest first, then resolved ones (Enter moves one on)")

    def rows(self) -> list[tuple[str, Content]]:
        now = self.store.clock.now()
        lot = self.store.boards.parking_lot(self.partnership_id)
        hidden = self.moderated().elephants
        rows = [(e, (e.id, line)) for e, line in self.rendered(
            Kind.ELEPHANT, lot, lambda e: lines.parking_line(e, now, self.audience, hidden=e.id in hidden),
            hidden=hidden,
        )]
        open_rows = [row for e, row in rows if e.is_open]
        closed_rows = [row for e, row in rows if not e.is_open]
        separator = [("", Content(""))] if open_rows and closed_rows else []
        return open_rows + separator + closed_rows


def moment_line(point: TurningPoint, *, hidden: bool, when: str, where: str) -> Content:
    """A turning point: when, what kind, where, what happened, what it opened up and led to.

    `hidden`: for the room's audience (on the wall, or in review before `c`), where confidential
    items show as a stand-in.
    """
    return content(lines.moment_line(point, Audience.console(projecting=hidden), when=when, where=where))


def timeline_line(point: TurningPoint, *, projecting: bool = False) -> Content:
    """A turning point on this meeting's timeline, by its time of day and section."""
    return content(lines.timeline_line(point, Audience.console(projecting=projecting)))


class TimelineScreen(BoardScreen):
    """This meeting's turning points in order; Enter adds the details."""

    def current_heading(self) -> str:
        return _("Turning points in this meeting (Enter adds what happened and what it led to)")

    def rows(self) -> list[tuple[str, Content]]:
        points = self.store.boards.turning_points(self.meeting_id or "")
        return [(p.id, line) for p, line in self.rendered(
            Kind.TURNING_POINT, points, lambda p: lines.timeline_line(p, self.audience))]
