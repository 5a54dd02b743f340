"""The Name the Jargon board: this meeting's terms, most raised first, unexplained ones marked.

A term the facilitator hid from the room (`h`) is left out in projection mode and marked on
the facilitator's own screen: the policy (`core/audience.py`) decides, for the board's audience.
"""

from __future__ import annotations

from typing import cast

from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets.option_list import Option

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Facts, Kind, Shown, visibility
from meetingkit.core.i18n import N_
from meetingkit.core.lines import CONFIDENTIAL_TERM, HIDDEN_MARK
from meetingkit.core.models import BoardTerm
from meetingkit.localised import Localised
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.room_pages import RoomPagedOptions

CONFIDENTIAL_STANDIN = CONFIDENTIAL_TERM

__all__ = ["CONFIDENTIAL_STANDIN", "HIDDEN_MARK", "JargonBoard", "term_line"]


def term_line(term: BoardTerm, *, projecting: bool, hidden: bool = False) -> Content:
    """One term as a line of the board, for the console's audience (the room when projecting).

    `hidden`: the facilitator hid it from the room; drawn only for the facilitator, marked so.
    What is shown is decided by `core.lines.term_line` and the policy, not here.
    """
    return content(lines.term_line(term, Audience.console(projecting=projecting), hidden=hidden))


def _before(term: BoardTerm, other: BoardTerm) -> bool:
    """Board order, the same as the store's: most raised first, ties in the order first raised."""
    return (term.tally, -term.first_mention) > (other.tally, -other.first_mention)


class TermLine(Visual):
    """A term's line on the board, styled only while it is measured or drawn, then let go.

    An `OptionList` keeps every option's prompt: 10,000 styled `Content` lines (their text, their
    spans, their measured heights) were most of what the board held beyond the terms themselves.
    This keeps the term and how it is shown, and makes the very same `Content` when asked for it.
    """

    __slots__ = ("term", "audience", "hidden")

    def __init__(self, term: BoardTerm, audience: Audience, hidden: bool) -> None:
        self.term = term
        self.audience = audience
        self.hidden = hidden

    @property
    def styled(self) -> Content:
        """The line as styled text."""
        return content(lines.term_line(self.term, self.audience, hidden=self.hidden))

    def __str__(self) -> str:
        return str(self.styled)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.styled.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.styled.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.styled.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.styled.get_height(rules, width)


class JargonBoard(Localised, RoomPagedOptions):
    """Kept in order incrementally: a capture changes one line, and moves it up past smaller tallies.

    Projected, what does not fit is counted on the border and paged (`RoomPagedOptions`).
    """

    BINDINGS = [
        Binding("enter", "open_term", N_("Explain"), show=False),
        Binding("h", "toggle_hidden", N_("Hide from / show to the room"), show=False),
    ]

    class TermChosen(Message):
        """The facilitator wants to explain or edit a term."""

        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    class HideToggled(Message):
        """The facilitator wants the term hidden from the room (or shown again)."""

        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.terms: list[BoardTerm] = []
        self.audience = Audience.FACILITATOR
        self.hidden: frozenset[str] = frozenset()
        """Ids of the terms hidden from the room on this board."""
        self._positions: dict[str, int] = {}
        """Each term's place in `terms`, by id: a capture finds its term without reading the board."""

    def _shown(self, term: BoardTerm) -> bool:
        facts = Facts(term.confidential, term.id in self.hidden)
        return visibility(Kind.TERM, facts, self.audience) is not Shown.NOT_AT_ALL

    def _line(self, term: BoardTerm) -> TermLine:
        return TermLine(term, self.audience, term.id in self.hidden)

    def load(self, terms: list[BoardTerm], audience: Audience, *, hidden: frozenset[str] = frozenset()) -> None:
        """Show a whole board for `audience` (on opening, or when another process changed it)."""
        self.audience = audience
        self.paging = audience is Audience.ROOM
        self.hidden = hidden
        self.terms = [term for term in terms if self._shown(term)]
        self._positions = {term.id: index for index, term in enumerate(self.terms)}
        highlighted = self.highlighted
        self.set_options(Option(self._line(term)) for term in self.terms)
        if self.terms:
            self.highlighted = min(highlighted or 0, len(self.terms) - 1)
        self.call_after_refresh(self.show_what_is_out_of_view)

    def upsert(self, term: BoardTerm) -> None:
        """Add or update one term and move it to its place: O(distance moved), not a rebuild."""
        index = self._positions.get(term.id)
        if not self._shown(term):  # hidden from the room: never onto the wall
            if index is not None:
                del self.terms[index]
                self.remove_option_at_index(index)
                self._positions = {known.id: at for at, known in enumerate(self.terms)}
            return
        line: TermLine | None = None
        if index is None:
            self.terms.append(term)
            self.add_option(Option(self._line(term)))
            index = len(self.terms) - 1
            self._positions[term.id] = index
        else:
            self.terms[index] = term
            line = self._line(term)
        place = index
        while place > 0 and _before(term, self.terms[place - 1]):
            place -= 1
        if line is not None or place != index:
            self._move(index, place, line)
        self.highlighted = place
        self.scroll_to_highlight()
        self.call_after_refresh(self.show_what_is_out_of_view)

    def _move(self, index: int, place: int, line: TermLine | None) -> None:
        """Move the term at `index` up to `place` (those between go one down), its line redrawn as `line`.

        What swapping neighbours one by one did, in one move: the options between keep their
        lines and measured heights, so the list is not measured again from the top (at 10,000
        terms that cost more than the rest of a capture). It reads and keeps `OptionList`'s line
        layout (`_line_cache`, `_option_to_index`), as `RoomPagedOptions` does: Textual is pinned
        to 8.2.x in pyproject.
        """
        terms = self.terms
        if place != index:
            terms.insert(place, terms.pop(index))
            for at in range(place, index + 1):
                self._positions[terms[at].id] = at
        options = self._options
        option = options.pop(index)
        options.insert(place, option)
        for at in range(place, index + 1):
            self._option_to_index[options[at]] = at
        if line is not None:
            option._set_prompt(line)
        self._option_render_cache.clear()  # a rendered option carries its index, for the mouse
        self.refresh()
        cache = self._line_cache
        if not self.scrollable_content_region or index not in cache.heights or option._divider:
            cache.clear()  # not measured yet: measured from the top when next drawn, as before
            return
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        padding = self.get_component_styles("option-list--option").padding
        height = self._get_visual(option).get_height(cast(RulesMap, self.styles), width - padding.width)
        if height != cache.heights[index]:
            cache.clear()  # a line longer or shorter moves every line after it: measured again
            return
        measured = cache.heights
        heights = [height, *(measured[at] for at in range(place, index))]
        first = row = cache.index_to_line[place]
        rows: list[tuple[int, int]] = []
        for at, tall in enumerate(heights, place):
            cache.index_to_line[at] = row
            measured[at] = tall
            rows += [(at, offset) for offset in range(tall)] if tall != 1 else [(at, 0)]
            row += tall
        cache.lines[first:row] = rows

    def action_open_term(self) -> None:
        if self.highlighted is not None and self.terms:
            self.post_message(self.TermChosen(self.terms[self.highlighted].id))

    def action_toggle_hidden(self) -> None:
        if self.highlighted is not None and self.terms:
            self.post_message(self.HideToggled(self.terms[self.highlighted].id))
