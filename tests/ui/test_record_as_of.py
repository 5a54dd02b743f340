"""The record screen shows a past meeting as it stood when it ended (issue 15): an elephant's status
then, the jargon board at the end without meanings given later, and what came later apart and dated."""

from __future__ import annotations

from datetime import UTC, datetime

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.record import RecordScreen
from tests.helpers import DAY, FROZEN_START, rendered_text


async def test_the_record_screen_shows_the_meeting_as_it_ended_and_dates_what_came_later(
    store: Store, clock: FrozenClock, library: AgendaLibrary
) -> None:
    clock.advance((datetime(2024, 6, 14, 13, 0, tzinfo=UTC) - FROZEN_START).total_seconds())
    partnership = store.partnerships.ensure("Schools and settlement")
    board = store.partnerships.ensure_organisation(partnership.id, "School board")
    june = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="June meeting").id)
    elephant = store.boards.raise_elephant(june.id, "Who holds the case")
    store.boards.set_elephant_status(elephant, ElephantStatus.DISCUSSING, meeting_id=june.id)
    term, _ = store.jargon.mention(june.id, "LSPC")
    clock.advance(60 * 60)
    store.records.end_and_summarise(june.id)
    clock.advance(28 * DAY)
    july = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="July meeting").id)
    store.boards.set_elephant_status(elephant, ElephantStatus.ADDRESSED, meeting_id=july.id,
                                     note="Managers met and settled it")
    store.jargon.add_meaning(term, "local service planning committee", organisation_id=board.id, meeting_id=july.id)
    store.records.end_and_summarise(july.id)

    app = create_app(store, library)
    async with app.run_test(size=(120, 48)) as pilot:
        await pilot.pause()
        app.push_screen(RecordScreen(store, june.id))
        await pilot.pause()
        text = "\n".join(rendered_text(part) for part in app.screen.query(".record-part"))
    assert "As it stood when the meeting ended" in text
    assert "Who holds the case  · discussing at the end" in text
    assert "since then: addressed on Fri 12 Jul 2024 in July meeting: Managers met and settled it" in text
    board_at_the_end = text[text.index("Jargon board at the end"):]
    assert "LSPC  ×1  new here  ? still unexplained" in board_at_the_end
    assert "no meaning recorded" in board_at_the_end
    assert "since then: explained on Fri 12 Jul 2024 in July meeting: School board: local service planning committee" \
        in board_at_the_end
    assert "addressed  " not in text and "Managers met" not in text.split("since then")[0]
