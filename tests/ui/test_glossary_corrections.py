"""Correcting the glossary with real keys (issue 16): on the glossary's list, `r` renames the
highlighted term, `m` merges it into another (look-alikes offered first), and `e`, `w`, `x` edit,
move and delete one of its meanings; the glossary and the meeting's jargon board show it at once."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.models import ChangedTable, ChangeKind, Meeting
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.terms import ChoiceDialog
from meetingkit.ui.widgets.jargon_board import JargonBoard
from tests.helpers import board_lines, rendered_text, type_text


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary) -> Meeting:
    partnership = store.partnerships.ensure("Settlement & Schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    for said in ("ISP", "ISP", "ISPs", "EHCP"):
        store.jargon.mention(meeting.id, said)
    return meeting


def term_id(store: Store, meeting: Meeting, display: str) -> str:
    return next(t.id for t in store.jargon.glossary(meeting.partnership_id) if t.display == display)


async def open_glossary_on(pilot, display: str) -> OptionList:  # type: ignore[no-untyped-def]
    """Open the glossary (J), go to the list (↓) and down to the term spelled `display`."""
    await pilot.press("J")
    await pilot.pause()
    listed = pilot.app.screen.query_one("#board-list", OptionList)
    await pilot.press("down")
    await pilot.pause()
    while display not in str(listed.highlighted_option.prompt).split("\n")[0].split("  "):
        await pilot.press("down")
        await pilot.pause()
    return listed


async def test_m_merges_the_highlighted_term_into_a_look_alike_offered_first_and_the_board_follows(
    store: Store, library: AgendaLibrary, meeting: Meeting
) -> None:
    isp = term_id(store, meeting, "ISP")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(JargonBoard)
        await open_glossary_on(pilot, "ISPs")
        assert "looks like ISP — m to merge" in str(app.screen.query_one("#board-list", OptionList)
                                                     .highlighted_option.prompt)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        choices = app.screen.query_one("#choices", OptionList)
        assert choices.get_option_at_index(0).id == isp, "the look-alike comes first"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        glossary = rendered_text(app.screen.query_one("#board-list"))
        assert "ISPs" not in glossary and "raised 3×" in glossary
        await pilot.press("escape")
        await pilot.pause()
        assert board_lines(board)[0].startswith("3× ISP")
        assert not any("ISPs" in line for line in board_lines(board))
    assert store.jargon.mention(meeting.id, "ISPs")[0] == isp


async def test_r_renames_the_highlighted_term_and_a_clash_is_said_in_the_dialog(
    store: Store, library: AgendaLibrary, meeting: Meeting
) -> None:
    ehcp = term_id(store, meeting, "EHCP")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_glossary_on(pilot, "EHCP")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "isp")
        await pilot.press("enter")
        await pilot.pause()
        assert "merge the two instead" in rendered_text(app.screen.query_one("#line-message"))
        await pilot.press("ctrl+u")
        await type_text(pilot, "E.H.C. Plan")
        await pilot.press("enter")
        await pilot.pause()
        assert "E.H.C. Plan" in rendered_text(app.screen.query_one("#board-list"))
        await pilot.press("escape")
        await pilot.pause()
        assert any("E.H.C. Plan" in line for line in board_lines(app.screen.query_one(JargonBoard)))
    [change] = store.changes.history(ChangedTable.JARGON_TERMS, ehcp)
    assert change.kind is ChangeKind.RENAMED and change.meeting_id == meeting.id


async def test_a_meaning_on_the_wrong_term_is_edited_moved_and_deleted_with_keys(
    store: Store, library: AgendaLibrary, meeting: Meeting
) -> None:
    isp, ehcp = term_id(store, meeting, "ISP"), term_id(store, meeting, "EHCP")
    wrong = store.jargon.add_meaning(isp, "Education health and care plan")
    store.jargon.add_meaning(isp, "Individual service plan")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_glossary_on(pilot, "ISP")
        await pilot.press("e")  # two meanings: asked which
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Education, Health and Care Plan")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")  # the first meaning
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        while choices.highlighted_option.id != ehcp:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        glossary = rendered_text(app.screen.query_one("#board-list"))
        assert "EHCP" in glossary
        assert [m.meaning for m in store.jargon.board_term(ehcp).meanings] == ["Education, Health and Care Plan"]
        listed = app.screen.query_one("#board-list", OptionList)
        listed.highlighted = listed.get_option_index(ehcp)
        await pilot.press("x")  # one meaning: straight to the question, No by default
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert store.jargon.board_term(ehcp).meanings
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert store.jargon.board_term(ehcp).meanings == ()
    kinds = [c.kind for c in store.changes.history(ChangedTable.JARGON_MEANINGS, wrong)]
    assert kinds == [ChangeKind.EDITED, ChangeKind.EDITED, ChangeKind.DELETED]


async def test_in_review_r_renames_a_term_the_heading_recounts_and_a_hidden_confidential_one_stays_closed(
    store: Store, library: AgendaLibrary, history
) -> None:
    from textual.widgets import DataTable

    from tests.ui.test_review_ui import open_review

    isp = term_id_in(store, history["schools"], "ISP")
    mlo = term_id_in(store, history["schools"], "MLO")
    store.db.write(lambda: store.db.insert("jargon_terms", {
        "partnership_id": history["schools"], "key": "project kestrel", "display": "Project Kestrel", "confidential": 1}))
    secret = term_id_in(store, history["schools"], "Project Kestrel")
    app = create_app(store, library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        screen.query_one("#history", DataTable).move_cursor(row=2)
        await pilot.press("g")
        await pilot.pause()
        glossary = app.screen
        options = glossary.query_one("#board-list", OptionList)
        options.focus()
        options.highlighted = options.get_option_index(secret)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is glossary, "a confidential term hidden from this view is not opened"
        options.highlighted = options.get_option_index(mlo)
        await pilot.press("m")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList)
        assert "Kestrel" not in rendered_text(choices)
        while choices.highlighted_option.id != isp:
            await pilot.press("down")
        await pilot.press("enter", "y")
        await pilot.pause()
        assert app.screen is glossary
        assert "2 terms, 0 still unexplained" in rendered_text(glossary.query_one("#board-heading"))
    assert store.jargon.merged_into(mlo) == isp


def term_id_in(store: Store, partnership_id: str, display: str) -> str:
    return next(t.id for t in store.jargon.glossary(partnership_id) if t.display == display)
