"""A round: each attendee in turn, marked as having spoken or passed. Both are fine."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingkit.core.models import Person, RoundOutcome


class RoundPanel(OptionList):
    """The attendee list for a round; posts `TurnMarked` when the facilitator marks someone."""

    BINDINGS = [
        Binding("enter", "mark('spoke')", "Spoke", show=False),
        Binding("x", "mark('passed')", "Passed", show=False),
        Binding("backspace,delete", "mark('')", "Clear", show=False),
    ]

    class TurnMarked(Message):
        """The facilitator marked someone's turn in the round."""

        def __init__(self, person_id: str, outcome: RoundOutcome | None) -> None:
            super().__init__()
            self.person_id = person_id
            self.outcome = outcome

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, people: list[Person], turns: dict[str, RoundOutcome]) -> None:
        """Redraw the list, keeping the highlight on the same person."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        options = []
        for person in people:
            outcome = turns.get(person.id)
            # Spoke and passed look alike on purpose: passing is a normal choice.
            state = {RoundOutcome.SPOKE: "spoke", RoundOutcome.PASSED: "passed", None: "—"}[outcome]
            options.append(
                Option(Content.assemble((f"{state:<7} ", "dim" if outcome is None else "bold"), person.label), id=person.id)
            )
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted in {p.id for p in people}:
            self.highlighted = self.get_option_index(highlighted)
        elif options:
            waiting = [i for i, p in enumerate(people) if p.id not in turns]
            self.highlighted = waiting[0] if waiting else 0

    def action_mark(self, outcome: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self.post_message(self.TurnMarked(option.id, RoundOutcome(outcome) if outcome else None))
        if self.highlighted is not None and outcome and self.highlighted < self.option_count - 1:
            self.highlighted += 1
