"""The register's keys (issue 16): on the partnership's register, v reviews, w revises and x retires
the highlighted agreement; d marks the highlighted action done and x drops it, between meetings,
through the same use case as `meetingkit agreement` and `meetingkit action`."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import ActionStatus, AgreementStatus, ChangedTable, ChangeKind
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.line import LineDialog
from meetingkit.ui.screens.registers import RegisterScreen
from tests.helpers import open_review, rendered_text, type_text


@pytest.fixture
def app(store: Store, library: AgendaLibrary, history) -> MeetingkitApp:
    return create_app(store, library)


async def open_register(app: MeetingkitApp, pilot) -> RegisterScreen:
    screen = await open_review(app, pilot)
    screen.query_one("#history", DataTable).move_cursor(row=2)  # a Schools and settlement meeting
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, RegisterScreen)
    return app.screen


async def highlight(pilot, screen: RegisterScreen, text: str) -> str:
    """Highlight the row whose line holds `text`; returns its id."""
    options = screen.query_one("#board-list", OptionList)
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        if text in str(option.prompt):
            options.highlighted = index
            await pilot.pause()
            return str(option.id)
    raise AssertionError(f"no row shows {text!r}")


def register_text(screen: RegisterScreen) -> str:
    return " ".join((rendered_text(screen.query_one("#board-heading"))
                     + rendered_text(screen.query_one("#board-list"))).split())


async def test_v_confirms_an_agreement_with_a_new_review_day(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_register(app, pilot)
        agreement_id = await highlight(pilot, screen, "One referral form")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog)
        await type_text(pilot, "in 3 months")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog), "then a note for its history, which may be left empty"
        await type_text(pilot, "still how we work")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        [change] = store.changes.history(ChangedTable.AGREEMENTS, agreement_id)
        assert (change.kind, change.note) == (ChangeKind.REVIEWED, "still how we work")
        reviewed = store.business.agreement(agreement_id)
        today = store.clock.now().date()
        assert reviewed.status is AgreementStatus.ACTIVE and reviewed.review_on is not None
        assert 89 <= (reviewed.review_on - today).days <= 92
        assert "(in 3 months)" in register_text(screen) or "review " in register_text(screen)


async def test_w_revises_and_x_retires_and_a_retired_one_is_refused(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_register(app, pilot)
        old_id = await highlight(pilot, screen, "One referral form")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog)
        await pilot.press("end")
        await type_text(pilot, " for every school")
        await pilot.press("enter")
        await pilot.pause()
        assert store.business.agreement(old_id).status is AgreementStatus.REVISED
        text = register_text(screen)
        assert "One referral form for every school" in text and "revised" in text and "Agreements: 2" in text
        new_id = await highlight(pilot, screen, "for every school")
        assert new_id != old_id
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog) and "Retire" in app.screen.title_text
        await type_text(pilot, "the pilot ended")
        await pilot.press("enter")
        await pilot.pause()
        assert store.business.agreement(new_id).status is AgreementStatus.RETIRED
        assert store.changes.history(ChangedTable.AGREEMENTS, new_id)[-1].note == "the pilot ended"
        await highlight(pilot, screen, "for every school")
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is screen, "a retired agreement is not reviewed"
        assert store.business.agreement(new_id).status is AgreementStatus.RETIRED


async def test_d_marks_an_action_done_and_x_drops_one_between_meetings(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_register(app, pilot)
        action_id = await highlight(pilot, screen, "Draft the form")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog) and "done" in app.screen.title_text
        await pilot.press("enter")  # no note: Enter alone marks it done
        await pilot.pause()
        assert store.business.action(action_id).status is ActionStatus.DONE
        assert "Draft the form" not in register_text(screen) and "Open actions: 1" in register_text(screen)
        hidden = await highlight(pilot, screen, "confidential")
        await pilot.press("x")
        await pilot.pause()
        assert app.screen is screen, "a stand-in is not worked on until confidential items are shown"
        assert store.business.action(hidden).status is ActionStatus.OPEN


async def test_e_corrects_an_action_in_a_form_filled_with_it_and_h_shows_its_history(
    app: MeetingkitApp, store: Store
) -> None:
    from textual.widgets import Input

    from meetingkit.ui.dialogs.action import ActionDialog
    from meetingkit.ui.dialogs.history import HistoryDialog

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_register(app, pilot)
        action_id = await highlight(pilot, screen, "Draft the form")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionDialog)
        assert form.query_one("#action-text", Input).value == "Draft the form"
        await pilot.press("end")
        await type_text(pilot, " [bold]in French[/bold]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert store.business.action(action_id).text == "Draft the form [bold]in French[/bold]"
        assert "Draft the form [bold]in French[/bold]" in register_text(screen), "the register shows it at once"
        await highlight(pilot, screen, "in French")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryDialog)
        shown = " ".join(rendered_text(entry) for entry in app.screen.query(".history-entry"))
        assert "corrected" in shown and '"Draft the form" → "Draft the form [bold]in French[/bold]"' in " ".join(
            shown.split())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_delete_asks_saying_what_goes_then_deletes_and_counts_at_once(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_register(app, pilot)
        before = register_text(screen)
        agreement_id = await highlight(pilot, screen, "One referral form")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "One referral form" in app.screen.detail and "for good" in app.screen.detail
        await pilot.press("enter")  # the safe choice has the focus
        await pilot.pause()
        assert store.business.agreement(agreement_id)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert store.db.value("SELECT count(*) FROM agreements WHERE id = ?", [agreement_id]) == 0
        after = register_text(screen)
        assert "One referral form" not in after
        count = int(before.split("Agreements: ")[1].split()[0])
        assert f"Agreements: {count - 1}" in after
