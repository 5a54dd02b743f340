"""Last time's unfinished business: open actions, parked elephants and agreements due for review."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import local
from meetingkit.core.i18n import N_
from meetingkit.core.lines import waited
from meetingkit.core.models import Action, Agreement, OpenElephant
from meetingkit.localised import Localised
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.room_pages import RoomPagedOptions

__all__ = ["CarryOverPanel", "waited"]

ACTION_PREFIX = "action:"
ELEPHANT_PREFIX = "elephant:"
AGREEMENT_PREFIX = "agreement:"


class CarryOverPanel(Localised, RoomPagedOptions):
    """Open actions and elephants from earlier meetings; posts `Decided` when one is dealt with.

    Projected, it pages like the boards: what is out of view is counted on its border.
    """

    BINDINGS = [
        Binding("d", "decide('done')", N_("Done / addressed"), show=False),
        Binding("x", "decide('dropped')", N_("Dropped / let go"), show=False),
        Binding("c", "decide('carried')", N_("Carry / keep parked"), show=False),
        Binding("v", "decide('done')", N_("Review an agreement"), show=False),
        Binding("w", "decide('revised')", N_("Revise an agreement"), show=False),
    ]

    class Decided(Message):
        """The group decided what happens to one carried-over item."""

        def __init__(self, kind: str, item_id: str, decision: str) -> None:
            super().__init__()
            self.kind = kind
            """"action", "elephant" or "agreement"."""
            self.item_id = item_id
            self.decision = decision
            """"done", "dropped", "carried" or "revised" (for an agreement, "done" confirms it and
            "dropped" retires it)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(
        self,
        actions: list[Action],
        elephants: list[OpenElephant],
        now: datetime,
        audience: Audience,
        *,
        hidden: frozenset[str] = frozenset(),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        """Redraw the list for `audience`: actions first (oldest first), then the parking lot, then
        the agreements due for review.

        What each line shows is `core.lines`' to decide: for the room, an elephant hidden from
        it is left out and a confidential item is a stand-in (it keeps its place, so the keys
        still reach it). `hidden`: the ids of elephants the facilitator hid from the room.
        """
        self.paging = audience is Audience.ROOM
        options: list[Option | None] = []
        for action in actions:
            line = lines.carry_action_line(action, now, audience)
            if line is not None:
                options.append(Option(content(line), id=ACTION_PREFIX + action.id))
        for elephant in elephants:
            line = lines.carry_elephant_line(elephant, now, audience, hidden=elephant.id in hidden)
            if line is not None:
                options.append(Option(content(line), id=ELEPHANT_PREFIX + elephant.id))
        for agreement in agreements:
            line = lines.carry_agreement_line(agreement, local(now).date(), audience)
            if line is not None:
                options.append(Option(content(line), id=AGREEMENT_PREFIX + agreement.id))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)
        self.call_after_refresh(self.show_what_is_out_of_view)

    def action_decide(self, decision: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        kind, _, item_id = option.id.partition(":")
        self.post_message(self.Decided(kind, item_id, decision))
