"""The Name the Jargon board: this meeting's terms, most raised first, unexplained ones marked.

A term the facilitator hid from the room (`h`) is left out in projection mode and marked on
the facilitator's own screen: the policy (`core/audience.py`) decides, for the board's audience.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
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

    def _shown(self, term: BoardTerm) -> bool:
        facts = Facts(term.confidential, term.id in self.hidden)
        return visibility(Kind.TERM, facts, self.audience) is not Shown.NOT_AT_ALL

    def _line(self, term: BoardTerm) -> Content:
        return content(lines.term_line(term, self.audience, hidden=term.id in self.hidden))

    def load(self, terms: list[BoardTerm], audience: Audience, *, hidden: frozenset[str] = frozenset()) -> None:
        """Show a whole board for `audience` (on opening, or when another process changed it)."""
        self.audience = audience
        self.paging = audience is Audience.ROOM
        self.hidden = hidden
        self.terms = [term for term in terms if self._shown(term)]
        highlighted = self.highlighted
        self.set_options(Option(self._line(term)) for term in self.terms)
        if self.terms:
            self.highlighted = min(highlighted or 0, len(self.terms) - 1)
        self.call_after_refresh(self.show_what_is_out_of_view)

    def upsert(self, term: BoardTerm) -> None:
        """Add or update one term and move it to its place: O(distance moved), not a rebuild."""
        index = next((i for i, known in enumerate(self.terms) if known.id == term.id), None)
        if not self._shown(term):  # hidden from the room: never onto the wall
            if index is not None:
                del self.terms[index]
                self.remove_option_at_index(index)
            return
        if index is None:
            self.terms.append(term)
            self.add_option(Option(self._line(term)))
            index = len(self.terms) - 1
        else:
            self.terms[index] = term
            self.replace_option_prompt_at_index(index, self._line(term))
        while index > 0 and _before(self.terms[index], self.terms[index - 1]):
            self._swap(index - 1, index)
            index -= 1
        self.highlighted = index
        self.scroll_to_highlight()
        self.call_after_refresh(self.show_what_is_out_of_view)

    def _swap(self, upper: int, lower: int) -> None:
        self.terms[upper], self.terms[lower] = self.terms[lower], self.terms[upper]
        for position in (upper, lower):
            self.replace_option_prompt_at_index(position, self._line(self.terms[position]))

    def action_open_term(self) -> None:
        if self.highlighted is not None and self.terms:
            self.post_message(self.TermChosen(self.terms[self.highlighted].id))

    def action_toggle_hidden(self) -> None:
        if self.highlighted is not None and self.terms:
            self.post_message(self.HideToggled(self.terms[self.highlighted].id))
