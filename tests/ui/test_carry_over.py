"""The review section's list of last time's open business, projected: the room sees only what the
audience policy lets it see, and none of the facilitator's keys; the facilitator's own console
sees everything, hidden items marked."""

from __future__ import annotations

from datetime import date

from textual.widgets import OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from tests.helpers import rendered_text

DAY = 24 * 3600


def earlier_business(store: Store, library: AgendaLibrary, clock: FrozenClock) -> str:
    """A meeting that leaves open business of every kind, and the next meeting's id, started."""
    partnership = store.partnerships.ensure("Child welfare & mental health")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    dana = store.partnerships.add_person(partnership.id, "PERSON Dana", "school board")
    store.business.add_action(first.id, "OPEN send the referral form", due_on=date(2026, 11, 30))
    store.business.add_action(first.id, "SECRET phone the Ahmed family", confidential=True)
    store.boards.raise_elephant(first.id, "OPEN caseload numbers drive everything")
    store.boards.raise_elephant(first.id, "SECRET the Ahmed family's housing", confidential=True)
    store.boards.raise_elephant(first.id, "OPEN waiting lists", attribution=Attribution.NAMED, person_id=dana.id)
    hidden = store.boards.raise_elephant(first.id, "HIDDEN staff turnover")
    store.room.set_elephant_hidden(hidden, True)
    store.meetings.end(first.id)
    clock.advance(14 * DAY)
    return store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id).id


async def test_the_projected_review_list_shows_the_room_only_what_it_may_see(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    app = create_app(store, library, open_meeting=earlier_business(store, library, clock))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")  # projection on, then on to the review section
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        carry = app.screen.query_one("#carry-over", OptionList)
        assert carry.display
        shown = rendered_text(carry)
        prompts = [str(carry.get_option_at_index(i).prompt) for i in range(carry.option_count)]
        assert carry.option_count == 5  # the hidden elephant is left out
        for text in (shown, *prompts):
            assert "SECRET" not in text and "HIDDEN" not in text and "PERSON" not in text, text
            assert "hidden" not in text and "confidential ·" not in text, text
        assert sum("a confidential item" in prompt for prompt in prompts) == 2
        assert "OPEN send the referral form" in shown
        assert any("OPEN waiting lists" in prompt for prompt in prompts)
        assert "OPEN waiting lists" in shown or "more" in str(carry.border_subtitle)  # paged, never cut silently
        title = str(carry.border_title)
        assert title == "From earlier meetings"  # no keys for the room

        await pilot.press("p")  # the facilitator's own console again
        await pilot.pause()
        prompts = [str(carry.get_option_at_index(i).prompt) for i in range(carry.option_count)]
        assert carry.option_count == 6
        assert any("SECRET phone the Ahmed family" in p and "confidential" in p for p in prompts)
        assert any("HIDDEN staff turnover" in p and "hidden" in p for p in prompts)
        assert "d done · x dropped · c carry" in str(carry.border_title)


async def test_a_due_date_in_another_year_shows_its_year(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.add_action(first.id, "Renew the agreement", due_on=date(2027, 12, 1))
    store.business.add_action(first.id, "Send the list", due_on=date(2026, 12, 20))
    store.meetings.end(first.id)
    follow_up = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=follow_up.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        shown = rendered_text(app.screen.query_one("#carry-over", OptionList))
        assert "due Wed 01 Dec 2027" in shown and "due Sun 20 Dec" in shown and "20 Dec 2026" not in shown


async def test_a_carried_action_past_its_due_date_is_marked_overdue_with_its_year(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    late = store.business.add_action(first.id, "Renew the agreement", due_on=date(2025, 12, 2))
    store.meetings.end(first.id)
    second = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    assert store.business.carry_action(late.id, second.id).carried  # carried, and still late
    store.meetings.end(second.id)
    follow_up = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=follow_up.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        shown = rendered_text(app.screen.query_one("#carry-over", OptionList))
        assert "overdue since Tue 02 Dec 2025 (357 days)" in shown


async def test_the_projected_review_list_reads_from_the_back_of_the_room(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    from tests.ui.test_projected_contrast import weak_cells

    app = create_app(store, library, open_meeting=earlier_business(store, library, clock))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "n")
        await pilot.pause()
        assert app.screen.query_one("#carry-over", OptionList).display
        assert weak_cells(app) == []


async def test_agreements_due_for_review_come_up_next_to_last_times_business(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    """Issue 16: an agreement whose review day has come is listed in the review section, after the
    actions and elephants; v confirms it with a new day, w revises it, x retires it."""
    partnership = store.partnerships.ensure("Schools and settlement")
    first = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    today = clock.now().date()
    confirmed = store.business.add_agreement(first.id, "DUE one referral form", review_on=today)
    reworded = store.business.add_agreement(first.id, "DUE two weeks ahead", review_on=today)
    retired = store.business.add_agreement(first.id, "DUE workers are school-bound", review_on=today)
    store.business.add_agreement(first.id, "LATER not due yet", review_on=date(today.year + 1, 1, 1))
    store.business.add_action(first.id, "OPEN send the list")
    store.meetings.end(first.id)
    clock.advance(14 * DAY)
    follow_up = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=follow_up.id)

    async def choose(pilot, carry: OptionList, text: str) -> None:
        index = next(i for i in range(carry.option_count) if text in str(carry.get_option_at_index(i).prompt))
        carry.focus()
        carry.highlighted = index
        await pilot.pause()

    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        carry = app.screen.query_one("#carry-over", OptionList)
        prompts = [str(carry.get_option_at_index(i).prompt) for i in range(carry.option_count)]
        assert "OPEN send the list" in prompts[0]
        assert [p.split("\n")[0].split("  ", 1)[1] for p in prompts[1:]] == [
            "DUE one referral form", "DUE two weeks ahead", "DUE workers are school-bound"]
        assert all("review due" in p for p in prompts[1:])
        assert "v review · w revise · x retire" in str(carry.border_title)

        await choose(pilot, carry, "DUE one referral form")
        await pilot.press("v")
        await pilot.pause()
        for key in "in 6 months":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # no note for its history
        await pilot.pause()
        assert store.business.agreement(confirmed.id).review_on is not None
        assert not store.business.agreement(confirmed.id).due_for_review(clock.now().date())

        await choose(pilot, carry, "DUE two weeks ahead")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("end", "space", "n", "o", "w")
        await pilot.press("enter")
        await pilot.pause()
        assert store.business.agreement(reworded.id).status.value == "revised"
        new = [a for a in store.business.agreements(follow_up.id)]
        assert [a.text for a in new] == ["DUE two weeks ahead now"], "made in the meeting that revised it"

        await choose(pilot, carry, "DUE workers")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n", "o", "enter")  # why it no longer stands
        await pilot.pause()
        assert store.business.agreement(retired.id).status.value == "retired"
        assert store.changes.history("agreements", retired.id)[-1].note == "no"
        prompts = [str(carry.get_option_at_index(i).prompt) for i in range(carry.option_count)]
        assert [p for p in prompts if "DUE" in p] == [p for p in prompts if "two weeks ahead now" in p]
