"""A round: each attendee in turn, marked as having spoken or passed. Both are fine.

Projected, the room sees the same list without what is the facilitator's alone: the policy
(`core/audience.py`) keeps turns (who passed) and attendees (names) from the room, so each row
is a number and the person's organisation, and spoke and passed both read "heard".
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from meetingkit.core.audience import Audience, Kind, said_by, shows
from meetingkit.core.i18n import N_, pgettext
from meetingkit.core.models import Attribution, Person, RoundOutcome
from meetingkit.localised import Localised
from meetingkit.ui.widgets.room_pages import RoomPagedOptions


def turn_words(outcome: RoundOutcome | None, *, facilitator: bool) -> str:
    """A place in the round as marked: spoke or passed for the facilitator, heard or waiting for the room."""
    if facilitator:
        if outcome is None:
            return "—"
        return pgettext("round", "spoke") if outcome is RoundOutcome.SPOKE else pgettext("round", "passed")
    return pgettext("round", "waiting") if outcome is None else pgettext("round", "heard")


def round_line(number: int, person: Person, outcome: RoundOutcome | None, audience: Audience) -> Content:
    """One place in the round, as this audience may see it.

    The facilitator sees the person and whether they spoke or passed (alike on purpose: passing is
    a normal choice). An audience that may not see turns sees "heard" for both; one that may not
    see attendees sees the row's number and whom the policy credits a person to for it (their
    organisation), never a name.
    """
    if shows(Kind.ROUND_TURN, audience):
        state, style = turn_words(outcome, facilitator=True), "dim" if outcome is None else "bold"
    else:
        state, style = turn_words(outcome, facilitator=False), "" if outcome is None else "bold"
    if shows(Kind.ATTENDEE, audience):
        who = person.label
    else:
        credited = said_by(Attribution.NAMED, person.label, person.organisation_name, audience)
        who = f"{number}" + (f"  {credited}" if credited else "")
    return Content.assemble((f"{state:<8}", style), who)


class RoundPanel(Localised, RoomPagedOptions):
    """The attendee list for a round; posts `TurnMarked` when the facilitator marks someone.

    Projected, the border counts the rows out of view (`RoomPagedOptions`).
    """

    BINDINGS = [
        Binding("enter", "mark('spoke')", N_("Spoke"), show=False),
        Binding("x", "mark('passed')", N_("Passed"), show=False),
        Binding("backspace,delete", "mark('')", N_("Clear"), show=False),
    ]

    class TurnMarked(Message):
        """The facilitator marked someone's turn in the round."""

        def __init__(self, person_id: str, outcome: RoundOutcome | None) -> None:
            super().__init__()
            self.person_id = person_id
            self.outcome = outcome

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, people: list[Person], turns: dict[str, RoundOutcome], *, projecting: bool = False) -> None:
        """Redraw the list for the console's audience (the room when projecting), keeping the highlight."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        audience = Audience.console(projecting=projecting)
        self.paging = projecting
        options = [
            Option(round_line(number, person, turns.get(person.id), audience), id=person.id)
            for number, person in enumerate(people, start=1)
        ]
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted in {p.id for p in people}:
            self.highlighted = self.get_option_index(highlighted)
        elif options:
            waiting = [i for i, p in enumerate(people) if p.id not in turns]
            self.highlighted = waiting[0] if waiting else 0
        self.call_after_refresh(self.show_what_is_out_of_view)

    def action_mark(self, outcome: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self.post_message(self.TurnMarked(option.id, RoundOutcome(outcome) if outcome else None))
        if self.highlighted is not None and outcome and self.highlighted < self.option_count - 1:
            self.highlighted += 1
