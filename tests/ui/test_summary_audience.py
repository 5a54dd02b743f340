"""The end-of-meeting summary, reached with projection still on, shows the room only what the
audience policy lets it see: confidential items as stand-ins and nobody's name."""

from __future__ import annotations

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.screens.summary import SummaryScreen
from tests.helpers import rendered_text


def a_meeting(store: Store, library: AgendaLibrary) -> str:
    partnership = store.partnerships.ensure("Child welfare & mental health")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"])
    store.meetings.add_attendee(meeting.id, "PERSON Dana", "school board")
    store.meetings.add_attendee(meeting.id, None, "school board")
    store.business.add_agreement(meeting.id, "OPEN we call it a safety plan")
    store.business.add_agreement(meeting.id, "SECRET about the Ahmed family", confidential=True)
    store.business.add_action(meeting.id, "OPEN send the referral form")
    store.business.add_action(meeting.id, "SECRET phone the Ahmed family", confidential=True)
    return store.meetings.start(meeting.id).id


async def end_meeting(store: Store, library: AgendaLibrary, *, projecting: bool) -> str:
    app = create_app(store, library, open_meeting=a_meeting(store, library))
    async with app.run_test(size=(120, 36)) as pilot:
        if projecting:
            await pilot.press("p")
            await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        return "\n".join(
            rendered_text(summary.query_one(part))
            for part in ("#summary-attendance", "#summary-agreements", "#summary-actions")
        )


async def test_a_projected_summary_shows_the_room_no_confidential_words_and_no_names(
    store: Store, library: AgendaLibrary
) -> None:
    shown = await end_meeting(store, library, projecting=True)
    assert "SECRET" not in shown and "PERSON" not in shown, shown
    assert "school board (2)" in shown
    assert "OPEN we call it a safety plan" in shown and "OPEN send the referral form" in shown
    assert "a confidential agreement" in shown and "a confidential item" in shown


async def test_the_facilitators_summary_shows_everything(store: Store, library: AgendaLibrary) -> None:
    shown = await end_meeting(store, library, projecting=False)
    assert "school board (2): PERSON Dana and 1 unnamed" in shown
    assert "SECRET about the Ahmed family" in shown and "SECRET phone the Ahmed family" in shown
