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


async def test_the_summary_marks_a_carried_action_overdue_and_says_another_years_date(
    store: Store, library: AgendaLibrary
) -> None:
    """Issue 16: a carried action keeps its past due date, so the summary marks it overdue; a date
    in another year says its year, one in this year does not."""
    from datetime import date

    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    late = store.business.add_action(first.id, "CARRIED renew the agreement", due_on=date(2025, 12, 2))
    store.meetings.end(first.id)
    follow_up = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.carry_action(late.id, follow_up.id)
    store.business.add_action(follow_up.id, "AHEAD send the list", due_on=date(2027, 1, 5))
    store.business.add_action(follow_up.id, "SOON phone the school", due_on=date(2026, 12, 20))
    store.meetings.end(follow_up.id)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(SummaryScreen(store, follow_up.id))
        await pilot.pause()
        shown = rendered_text(app.screen.query_one("#summary-actions"))
    assert "CARRIED renew the agreement — overdue since Tue 02 Dec 2025 (357 days) (carried)" in shown, shown
    assert "AHEAD send the list — due Tue 05 Jan 2027" in shown
    assert "SOON phone the school — due Sun 20 Dec" in shown and "20 Dec 2026" not in shown
