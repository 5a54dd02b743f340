"""The projected boards, through the real widgets: the room sees nothing confidential, nothing
hidden and nobody's name, for every combination of an item's flags; the facilitator sees all.
(The policy itself is proved in `tests/core/test_audience.py`.)"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from textual.app import App, ComposeResult

from meetingkit.core.audience import Audience
from meetingkit.core.models import Attribution, BoardTerm, Elephant, ElephantStatus, Meaning
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard

NOW = datetime(2026, 11, 24, 14, tzinfo=UTC)


def every_term() -> list[tuple[BoardTerm, bool]]:
    """Every combination of a term's flags, each with hidden or not."""
    found = []
    for n, (confidential, meaning_own, alias_own, hidden) in enumerate(itertools.product([False, True], repeat=4)):
        secret = "SECRET" if confidential else "OPEN"
        found.append((BoardTerm(
            id=f"t{n}", display=f"{secret}term{n}", tally=n,
            meanings=(Meaning(id=f"m{n}", meaning=f"{'SECRET' if confidential or meaning_own else 'OPEN'}meaning{n}",
                              organisation="ORG", confidential=meaning_own),),
            same_as=(f"{'SECRET' if confidential or alias_own else 'OPEN'}alias{n}",),
            same_as_confidential=(f"SECRETalias{n}",) if alias_own else (),
            confidential=confidential,
        ), hidden))
    return found


def every_elephant() -> list[tuple[Elephant, bool]]:
    found = []
    for n, (confidential, attribution, hidden) in enumerate(
        itertools.product([False, True], Attribution, [False, True])
    ):
        found.append((Elephant(
            id=f"e{n}", text=f"{'SECRET' if confidential else 'OPEN'}elephant{n}", status=ElephantStatus.PARKED,
            raised_at=NOW, said_by="anonymous" if attribution is Attribution.ANONYMOUS else f"PERSON{n}, ORG",
            attribution=attribution, credited_organisation="ORG", confidential=confidential,
        ), hidden))
    return found


class Boards(App[None]):
    def compose(self) -> ComposeResult:
        yield JargonBoard(id="jargon")
        yield ParkingLotBoard(id="lot")


async def test_the_projected_boards_show_the_room_nothing_confidential_hidden_or_named() -> None:
    terms_shown = every_term()
    elephants_shown = every_elephant()
    app = Boards()
    async with app.run_test(size=(200, 60)) as pilot:
        jargon, lot = app.query_one(JargonBoard), app.query_one(ParkingLotBoard)
        jargon.load([t for t, _ in terms_shown], Audience.ROOM,
                    hidden=frozenset(t.id for t, hidden in terms_shown if hidden))
        lot.show([e for e, _ in elephants_shown], NOW, Audience.ROOM,
                 hidden=frozenset(e.id for e, hidden in elephants_shown if hidden))
        await pilot.pause()
        drawn = [str(jargon.get_option_at_index(i).prompt) for i in range(jargon.option_count)]
        drawn += [str(lot.get_option_at_index(i).prompt) for i in range(lot.option_count)]
        assert len(drawn) == len(terms_shown) // 2 + len(elephants_shown) // 2  # the hidden half left out
        for text in drawn:
            assert "SECRET" not in text and "PERSON" not in text and "hidden" not in text, text
        assert sum("a confidential" in text for text in drawn) == len(drawn) // 2
        # The facilitator's own board shows every one, hidden ones marked.
        jargon.load([t for t, _ in terms_shown], Audience.FACILITATOR,
                    hidden=frozenset(t.id for t, hidden in terms_shown if hidden))
        await pilot.pause()
        assert jargon.option_count == len(terms_shown)
