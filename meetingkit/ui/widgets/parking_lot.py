"""The elephant parking lot during a meeting: every open elephant, and what was resolved today.

An elephant the facilitator hid from the room (`h`) is left out in projection mode and marked
on the facilitator's own screen.
"""

from __future__ import annotations

from datetime import datetime

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingkit.core.models import Elephant, ElephantStatus
from meetingkit.ui.widgets.carry_over import waited
from meetingkit.ui.widgets.jargon_board import HIDDEN_MARK

STATUS_WORDS = {
    ElephantStatus.PARKED: "parked",
    ElephantStatus.DISCUSSING: "discussing",
    ElephantStatus.ADDRESSED: "addressed",
    ElephantStatus.LET_GO: "let go",
}


def elephant_line(elephant: Elephant, now: datetime, *, projecting: bool, hidden: bool = False) -> Content:
    """One elephant: its status, its words (or a stand-in if confidential on the wall), how long it has waited."""
    status = STATUS_WORDS[elephant.status]
    if elephant.confidential and projecting:
        return Content.assemble((f"{status:<11}", "bold"), ("a confidential item", "italic dim"))
    age = f"waiting {waited(elephant.raised_at, now)}" if elephant.is_open else elephant.resolution_note
    return Content.assemble(
        (f"{status:<11}", "bold" if elephant.is_open else "dim"),
        elephant.text,
        (HIDDEN_MARK if hidden else "", "italic $error"),
        (f"  — {age}" if age else "", "dim"),
        ("  · confidential" if elephant.confidential else "", "italic $warning"),
    )


class ParkingLotBoard(OptionList):
    """Enter on an elephant lets the facilitator move it on (discuss, address, let go)."""

    BINDINGS = [
        Binding("enter", "open_elephant", "Move on", show=False),
        Binding("h", "toggle_hidden", "Hide from / show to the room", show=False),
    ]

    class ElephantChosen(Message):
        """The facilitator wants to change an elephant's status."""

        def __init__(self, elephant_id: str) -> None:
            super().__init__()
            self.elephant_id = elephant_id

    class HideToggled(Message):
        """The facilitator wants the elephant hidden from the room (or shown again)."""

        def __init__(self, elephant_id: str) -> None:
            super().__init__()
            self.elephant_id = elephant_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.elephants: list[Elephant] = []
        self.hidden: frozenset[str] = frozenset()
        """Ids of the elephants hidden from the room."""

    def show(
        self, elephants: list[Elephant], now: datetime, *, projecting: bool, hidden: frozenset[str] = frozenset()
    ) -> None:
        """Redraw the lot (it is short: a handful of open elephants at most)."""
        self.hidden = hidden
        elephants = [e for e in elephants if not (projecting and e.id in hidden)]
        self.elephants = elephants
        highlighted = self.highlighted
        self.set_options(
            Option(elephant_line(e, now, projecting=projecting, hidden=e.id in hidden)) for e in elephants
        )
        if elephants:
            self.highlighted = min(highlighted or 0, len(elephants) - 1)

    def action_open_elephant(self) -> None:
        if self.highlighted is not None and self.elephants:
            self.post_message(self.ElephantChosen(self.elephants[self.highlighted].id))

    def action_toggle_hidden(self) -> None:
        if self.highlighted is not None and self.elephants:
            self.post_message(self.HideToggled(self.elephants[self.highlighted].id))
