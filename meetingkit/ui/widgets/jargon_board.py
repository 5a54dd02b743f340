"""The Name the Jargon board: this meeting's terms, most raised first, unexplained ones marked."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingkit.core.models import BoardTerm

CONFIDENTIAL_STANDIN = "a confidential term"


def term_line(term: BoardTerm, *, projecting: bool) -> Content:
    """One term as a line of the board: tally, the term, what it means so far."""
    parts: list[str | tuple[str, str]] = [(f"{term.tally:>3}× ", "bold")]
    if term.confidential and projecting:
        return Content.assemble(*parts, (CONFIDENTIAL_STANDIN, "italic dim"))
    parts.append((term.display, "bold"))
    if term.unexplained:
        parts.append(("  ? unexplained", "bold $warning"))
    if term.new_here and not projecting:
        parts.append(("  new", "italic $accent"))
    explained = [term.expansion] if term.expansion else []
    explained += [f"{m.organisation}: {m.meaning}" if m.organisation else m.meaning
                  for m in term.meanings if not (m.confidential and projecting)]
    if term.plain_words:
        explained.append(f"plainly: {term.plain_words}")
    same_as = term.shown_same_as(include_confidential=not projecting)
    if same_as:
        explained.append("same as " + ", ".join(same_as))
    if explained:
        parts.append(("  — " + " · ".join(explained), "dim"))
    if term.confidential:
        parts.append(("  · confidential", "italic $warning"))
    return Content.assemble(*parts)


def _before(term: BoardTerm, other: BoardTerm) -> bool:
    """Board order, the same as the store's: most raised first, ties in the order first raised."""
    return (term.tally, -term.first_mention) > (other.tally, -other.first_mention)


class JargonBoard(OptionList):
    """Kept in order incrementally: a capture changes one line, and moves it up past smaller tallies."""

    BINDINGS = [Binding("enter", "open_term", "Explain", show=False)]

    class TermChosen(Message):
        """The facilitator wants to explain or edit a term."""

        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.terms: list[BoardTerm] = []
        self.projecting = False

    def load(self, terms: list[BoardTerm], *, projecting: bool) -> None:
        """Show a whole board (on opening, or when another process changed it)."""
        self.projecting = projecting
        self.terms = list(terms)
        highlighted = self.highlighted
        self.set_options(Option(term_line(term, projecting=projecting)) for term in self.terms)
        if self.terms:
            self.highlighted = min(highlighted or 0, len(self.terms) - 1)

    def upsert(self, term: BoardTerm) -> None:
        """Add or update one term and move it to its place: O(distance moved), not a rebuild."""
        index = next((i for i, known in enumerate(self.terms) if known.id == term.id), None)
        if index is None:
            self.terms.append(term)
            self.add_option(Option(term_line(term, projecting=self.projecting)))
            index = len(self.terms) - 1
        else:
            self.terms[index] = term
            self.replace_option_prompt_at_index(index, term_line(term, projecting=self.projecting))
        while index > 0 and _before(self.terms[index], self.terms[index - 1]):
            self._swap(index - 1, index)
            index -= 1
        self.highlighted = index
        self.scroll_to_highlight()

    def _swap(self, upper: int, lower: int) -> None:
        self.terms[upper], self.terms[lower] = self.terms[lower], self.terms[upper]
        for position in (upper, lower):
            self.replace_option_prompt_at_index(position, term_line(self.terms[position], projecting=self.projecting))

    def action_open_term(self) -> None:
        if self.highlighted is not None and self.terms:
            self.post_message(self.TermChosen(self.terms[self.highlighted].id))
