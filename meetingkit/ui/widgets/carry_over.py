"""Last time's unfinished business: open actions and parked elephants, with how long they have waited."""

from __future__ import annotations

from datetime import date, datetime

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingkit.core.clock import local
from meetingkit.core.lines import waited
from meetingkit.core.models import Action, OpenElephant

__all__ = ["CarryOverPanel", "waited"]

ACTION_PREFIX = "action:"
ELEPHANT_PREFIX = "elephant:"


def _due(due_on: date | None, today: date) -> tuple[str, str]:
    if due_on is None:
        return "", ""
    if due_on < today:
        return f" · overdue since {due_on:%d %b}", "bold $warning"
    return f" · due {due_on:%d %b}", "dim"


class CarryOverPanel(OptionList):
    """Open actions and elephants from earlier meetings; posts `Decided` when one is dealt with."""

    BINDINGS = [
        Binding("d", "decide('done')", "Done / addressed", show=False),
        Binding("x", "decide('dropped')", "Dropped / let go", show=False),
        Binding("c", "decide('carried')", "Carry / keep parked", show=False),
    ]

    class Decided(Message):
        """The group decided what happens to one carried-over item."""

        def __init__(self, kind: str, item_id: str, decision: str) -> None:
            super().__init__()
            self.kind = kind
            """"action" or "elephant"."""
            self.item_id = item_id
            self.decision = decision
            """"done", "dropped" or "carried"."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(
        self, actions: list[Action], elephants: list[OpenElephant], now: datetime, *, projecting: bool = False
    ) -> None:
        """Redraw the list: actions first (oldest first), then the parking lot.

        In projection a confidential item keeps its place (so the keys still reach it)
        but shows only a stand-in.
        """
        today = local(now).date()
        options: list[Option | None] = []
        for action in actions:
            due, due_style = _due(action.due_on, today)
            owner = f" — {action.owner}" if action.owner else ""
            hidden = action.confidential and projecting
            options.append(
                Option(
                    Content.assemble(
                        ("Action  ", "bold"),
                        ("a confidential action", "italic dim") if hidden else action.text,
                        ("" if hidden else owner, "dim"),
                        ("  (confidential)" if action.confidential and not projecting else "", "italic dim"),
                        "\n",
                        (f"        open {waited(action.opened_at, now)}", "dim"),
                        (due, due_style),
                    ),
                    id=ACTION_PREFIX + action.id,
                )
            )
        for elephant in elephants:
            meetings = elephant.meetings_waited
            across = f" · {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
            options.append(
                Option(
                    Content.assemble(
                        (f"{elephant.status.value.replace('_', ' ').capitalize():<8}", "bold"),
                        ("a confidential item", "italic dim") if elephant.confidential and projecting else elephant.text,
                        ("  (confidential)" if elephant.confidential and not projecting else "", "italic dim"),
                        "\n",
                        (f"        waiting {waited(elephant.raised_at, now)}{across}", "dim"),
                    ),
                    id=ELEPHANT_PREFIX + elephant.id,
                )
            )
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def action_decide(self, decision: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        kind, _, item_id = option.id.partition(":")
        self.post_message(self.Decided(kind, item_id, decision))
