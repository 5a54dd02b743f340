"""The three boards in the runner, driven by real keys: capture, attribution, confidentiality,
the identifying-details warning, the elephant's life across meetings, and turning points."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import ElephantStatus, TurningPointKind
from meetingkit.store import Store, database
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.boards import HoldTheSpaceDialog
from meetingkit.ui.dialogs.capture_line import CaptureLineDialog
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.widgets.jargon_board import JargonBoard
from tests.helpers import board_lines, rendered_text, type_text


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & Schools")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"], title="October")
    store.meetings.add_attendee(meeting.id, "Dana", "school board")
    store.meetings.add_attendee(meeting.id, "settlement worker", "OCISO")
    meeting = store.meetings.start(meeting.id)
    store.meetings.go_to_section(meeting.id, 3)
    return meeting


async def capture(pilot, key: str, text: str, *, said_by_steps: int = 0, confidential: bool = False) -> None:
    """Press the capture key, type the line, choose who said it, save."""
    await pilot.press(key)
    await pilot.pause()
    await type_text(pilot, text)
    if confidential:
        await pilot.press("ctrl+o")
    if said_by_steps:
        await pilot.press("tab", *["down"] * said_by_steps)
    await pilot.press("enter")
    await pilot.pause()


async def test_jargon_capture_tallies_spellings_and_credits_as_asked(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await capture(pilot, "j", "ISP")  # anonymous (the default)
        await capture(pilot, "j", "I.S.P.", said_by_steps=1)  # an organisation (OCISO, alphabetically first)
        await capture(pilot, "j", "isp", said_by_steps=3)  # a person (Dana)
        await capture(pilot, "j", "IEP")
        assert isinstance(app.screen, RunnerScreen)
        lines = board_lines(app.screen.query_one(JargonBoard))
        assert lines[0].startswith("3× ISP") and lines[1].startswith("1× IEP")
    rows = store.db.rows("SELECT attribution, person_id IS NOT NULL AS named FROM jargon_mentions")
    # Anonymous mentions are numbered apart from the others (no rowid says when they came): compared as a set.
    assert sorted((r["attribution"], r["named"]) for r in rows) == [
        ("anonymous", 0), ("anonymous", 0), ("named", 1), ("organisation", 0)
    ]


async def test_identifying_details_get_a_gentle_second_look(store: Store, library: AgendaLibrary, meeting) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "Call her mum on 613 555 0199 about it")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureLineDialog), "not saved on the first Enter"
        message = dialog.query_one("#form-message")
        assert "a phone number" in rendered_text(message) and message.has_class("-warning")
        await pilot.press("ctrl+o", "enter")  # mark it confidential, then save
        await pilot.pause()
        assert isinstance(app.screen, HoldTheSpaceDialog)
        await pilot.press("p")
        await pilot.pause()
    [elephant] = store.boards.meeting_elephants(meeting.id)
    assert elephant.confidential and elephant.text == "Call her mum on 613 555 0199 about it"


async def test_saving_identifying_details_as_they_are_takes_a_second_enter(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await type_text(pilot, "dana.k@school.example")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    [term] = store.jargon.board_terms(meeting.id)
    assert not term.confidential


async def test_a_capture_while_the_file_is_busy_keeps_the_form_and_everything_typed(
    store: Store, library: AgendaLibrary, meeting, db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the write lock: the form says so and stays open with the words and
    who said it; once the lock is free, Enter saves it as typed."""
    monkeypatch.setattr(database, "WRITE_PATIENCE_SECONDS", 0.0)  # give up at once instead of after 10 s
    monkeypatch.setattr(database.time, "sleep", lambda seconds: None)
    store.db.execute("PRAGMA busy_timeout = 0")
    holder = sqlite3.connect(db_path, isolation_level=None)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await type_text(pilot, "ISP")
        await pilot.press("tab", "down")  # said by the first person in the room (people come first, issue 16)
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureLineDialog), "the form stayed open"
        message = dialog.query_one("#form-message")
        assert "stayed busy" in " ".join(rendered_text(message).split()) and message.has_class("-error")
        assert dialog.query_one("#capture-text", Input).value == "ISP"
        holder.execute("ROLLBACK")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    holder.close()
    [term] = store.jargon.board_terms(meeting.id)
    assert term.display == "ISP" and term.tally == 1
    [row] = store.db.rows("SELECT attribution FROM jargon_mentions")
    assert row["attribution"] == "named"


async def test_an_elephant_named_discussed_then_addressed_in_the_next_meeting(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await capture(pilot, "e", "We are measured on client numbers, not time at the school")
        hold = app.screen
        assert isinstance(hold, HoldTheSpaceDialog)
        assert "took courage" in rendered_text(hold.query_one("#hold-the-space"))
        await pilot.press("p")  # park it
        await pilot.pause()
    [elephant] = store.boards.meeting_elephants(meeting.id)
    assert elephant.status is ElephantStatus.PARKED and elephant.said_by == "anonymous"

    store.meetings.end(meeting.id)
    clock.advance(28 * 24 * 3600)
    november = store.meetings.start(store.meetings.create(meeting.partnership_id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=november.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # the review: the elephant waits there with its age
        await pilot.pause()
        assert "waiting 28 days" in rendered_text(app.screen.query_one("#carry-over"))
        await pilot.press("d")  # addressed…
        await pilot.pause()
        await type_text(pilot, "Joint workload measure from January")
        await pilot.press("enter")
        await pilot.pause()
    resolved = store.boards.elephant(elephant.id)
    assert resolved.status is ElephantStatus.ADDRESSED
    assert resolved.resolution_note == "Joint workload measure from January"
    assert [step[1] for step in store.boards.elephant_history(elephant.id)] == ["parked", "addressed"]


async def test_an_elephant_can_be_discussed_at_once(store: Store, library: AgendaLibrary, meeting) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await capture(pilot, "e", "Funding competition between agencies")
        await pilot.press("d")
        await pilot.pause()
    [elephant] = store.boards.meeting_elephants(meeting.id)
    assert elephant.status is ElephantStatus.DISCUSSING


async def test_a_turning_point_is_stamped_then_described_then_linked_to_a_new_agreement(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")  # one key, no dialog
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert "14:00" in rendered_text(app.screen.query_one("#moments"))
        await pilot.press("T")  # the timeline
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "I never thought about it like that")
        await pilot.press("tab")
        await type_text(pilot, "Talking about time in schools")
        await pilot.press("tab", "down", "down", "enter")  # ↓ opens the kind list: the first kind (new understanding)
        await pilot.press("tab", "down", "up", "enter")  # the agreement list: a new agreement
        await pilot.press("ctrl+s")
        await pilot.pause()
        await type_text(pilot, "Workers are school-based but not school-bound")
        await pilot.press("enter")
        await pilot.pause()
    [point] = store.boards.turning_points(meeting.id)
    assert point.kind is TurningPointKind.NEW_UNDERSTANDING
    assert point.note == "I never thought about it like that"
    assert point.opened_up == "Talking about time in schools"
    assert point.agreement == "Workers are school-based but not school-bound"


async def test_explaining_a_term_on_the_board(store: Store, library: AgendaLibrary, meeting) -> None:
    term_id, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.mark_unexplained(term_id)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "unexplained" in rendered_text(app.screen.query_one(JargonBoard))
        app.screen.query_one(JargonBoard).focus()
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "the family's settlement plan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        board = " ".join(board_lines(app.screen.query_one(JargonBoard)))
        assert "unexplained" not in board and "the family's settlement plan" in board


async def test_projection_hides_confidential_items_on_every_board(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    store.jargon.mention(meeting.id, "Open term")
    store.jargon.mention(meeting.id, "Secret programme name", confidential=True)
    store.boards.raise_elephant(meeting.id, "Open elephant")
    store.boards.raise_elephant(meeting.id, "About the Ahmed family", confidential=True)
    store.business.add_action(meeting.id, "Visit the Ahmed family", confidential=True)
    store.boards.mark_turning_point(meeting.id, note="Private apology", confidential=True)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen_text = "\n".join(rendered_text(widget) for widget in app.screen.query("*") if widget.display)
        assert "Open term" in screen_text and "Open elephant" in screen_text
        for secret in ("Secret programme", "Ahmed", "Private apology"):
            assert secret not in screen_text


async def test_a_term_captured_by_another_process_appears_within_a_second(
    store: Store, library: AgendaLibrary, meeting, db_path: Path
) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        scribe = subprocess.run(
            [sys.executable, "-m", "meetingkit", "--db", str(db_path), "capture", "jargon", "Wraparound"],
            capture_output=True, text=True, check=True,
        )
        assert scribe.stdout.strip()
        await pilot.pause(1.0)
        assert "Wraparound" in rendered_text(app.screen.query_one(JargonBoard))


async def test_the_board_screens_keep_confidential_items_off_the_wall(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    """J, E and T opened while projecting show stand-ins, and refuse to open a confidential item."""
    store.jargon.mention(meeting.id, "Secret programme", confidential=True)
    store.boards.raise_elephant(meeting.id, "About the Ahmed family", confidential=True)
    store.boards.mark_turning_point(meeting.id, note="Private apology", confidential=True)
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for key in ("J", "E", "T"):
            await pilot.press(key)
            await pilot.pause()
            shown = rendered_text(app.screen.query_one("#board-list"))
            assert "a confidential item" in shown
            for secret in ("Secret programme", "Ahmed", "Private apology"):
                assert secret not in shown
            app.screen.query_one("#board-list").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__.endswith("Screen"), "no dialog opened for a confidential item"
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)


async def test_the_parking_lot_screen_opens_the_elephant_chosen(store: Store, library: AgendaLibrary, meeting) -> None:
    """The separator between open and resolved elephants must not shift which one Enter opens."""
    store.boards.raise_elephant(meeting.id, "Still open")
    for text in ("Closed first", "Closed second"):
        elephant = store.boards.raise_elephant(meeting.id, text)
        store.boards.set_elephant_status(elephant, ElephantStatus.LET_GO, meeting_id=meeting.id, note="out of our hands")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        options = app.screen.query_one("#board-list")
        options.highlighted = options.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        assert "Closed" in rendered_text(app.screen.query_one(".dialog-title"))
        title = rendered_text(app.screen.query_one(".dialog-title"))
        expected = store.boards.elephant(options.get_option_at_index(options.option_count - 1).id).text
        assert expected in title


async def test_a_paste_goes_in_once(store: Store, library: AgendaLibrary, meeting) -> None:
    from textual import events

    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        field = app.screen.query_one("#capture-text")
        field.post_message(events.Paste("Individual\nSettlement Plan"))
        await pilot.pause()
        assert field.value == "Individual Settlement Plan"


async def test_ctrl_o_in_a_form_without_a_confidential_box_does_nothing(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    store.boards.raise_elephant(meeting.id, "Open one")
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.query_one("#parking-lot").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.is_running


async def test_explaining_a_term_from_the_glossary_does_not_put_it_on_todays_board(
    store: Store, library: AgendaLibrary, meeting, clock: FrozenClock
) -> None:
    term_id, _ = store.jargon.mention(meeting.id, "ISP")
    store.meetings.end(meeting.id)
    clock.advance(30 * 24 * 3600)
    november = store.meetings.start(store.meetings.create(meeting.partnership_id, library.agendas["operational"]).id)
    app = create_app(store, library, open_meeting=november.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("J")
        await pilot.pause()
        app.screen.query_one("#board-list").focus()
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "the family plan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(JargonBoard).terms == []
    assert [m.meaning for m in store.jargon.board_term(term_id).meanings] == ["the family plan"]


async def test_the_board_updated_one_capture_at_a_time_matches_a_full_reload(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    """Ties keep the order first raised, whether the board was built at once or capture by capture."""
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        board = app.screen.query_one(JargonBoard)
        for said in ("A", "B", "B", "B", "A", "A", "C", "C", "C", "D"):
            term_id, _ = store.jargon.mention(meeting.id, said)
            board.upsert(store.jargon.board_term(term_id, meeting.id))
            await pilot.pause()
        incremental = [term.display for term in board.terms]
    assert incremental == [term.display for term in store.jargon.board_terms(meeting.id)] == ["A", "B", "C", "D"]


def test_on_the_wall_a_confidential_term_or_agreement_is_not_named_by_what_links_to_it(
    store: Store, library: AgendaLibrary
) -> None:
    from meetingkit.ui.screens.boards import glossary_line, timeline_line
    from meetingkit.ui.widgets.jargon_board import term_line

    partnership = store.partnerships.ensure("Schools")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    isp, _ = store.jargon.mention(meeting.id, "ISP")
    store.jargon.mention(meeting.id, "AHMEDPLAN", confidential=True)
    store.jargon.same_as(isp, "AHMEDPLAN")
    secret = store.business.add_agreement(meeting.id, "Fund the Ahmed family's rent", confidential=True)
    point = store.boards.mark_turning_point(meeting.id, note="An open moment")
    store.boards.link_turning_point(point, secret.id)
    term = store.jargon.board_term(isp, meeting.id)
    [moment] = store.boards.turning_points(meeting.id)
    for projecting, shown in ((True, False), (False, True)):
        lines = [term_line(term, projecting=projecting), glossary_line(term, projecting=projecting),
                 timeline_line(moment, projecting=projecting)]
        text = " ".join(line.plain for line in lines)
        assert ("AHMEDPLAN" in text) is shown and ("Ahmed family" in text) is shown, projecting


async def test_while_projecting_the_said_by_list_names_nobody(store: Store, library: AgendaLibrary, meeting) -> None:
    """The room must not watch "Said by Dana, school board" being lit up for an elephant: while the
    console is projected, the list offers anonymous and the organisations only."""
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        for projected in (False, True):
            if projected:
                await pilot.press("p")
                await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            offered = [str(option.prompt) for option in app.screen.query_one("#said-by", OptionList).options]
            assert any("Dana" in choice for choice in offered) is not projected
            assert any("OCISO" in choice for choice in offered)
            await pilot.press("escape")
            await pilot.pause()


def _board_layout(board: JargonBoard) -> tuple[list[str], list[tuple[int, int]], dict[int, int], dict[int, int], list[int]]:
    """What the board draws: each option's text, and the line layout `OptionList` keeps for it."""
    texts = [str(option.prompt) for option in board.options]
    return (texts, list(board._lines), dict(board._heights), dict(board._index_to_line),
            [board._option_to_index[option] for option in board.options])


async def test_a_capture_moves_its_line_as_a_fresh_board_would_lay_it_out(
    store: Store, library: AgendaLibrary, meeting
) -> None:
    """Capture by capture, the board's lines, their order and their measured layout are what a board
    measured from the top holds: the moved line keeps the lines between as they were measured."""
    import random

    chance = random.Random(19)
    said = [f"T{n}" for n in range(8)] + ["A TERM LONG ENOUGH THAT ITS LINE WRAPS ONTO A SECOND ONE " * 2, "ZZ"]
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(JargonBoard)
        for step in range(60):
            # Each term once, then at random; at step 30 a term on the board is given a meaning that
            # makes its line wrap: the lines after it move.
            term_id, _ = store.jargon.mention(meeting.id, said[step] if step < len(said) else chance.choice(said))
            if step == 30:
                store.jargon.add_meaning(term_id, "what it means here, said at some length " * 3)
            board.upsert(store.jargon.board_term(term_id, meeting.id))
            await pilot.pause()
            incremental = _board_layout(board)
            board._line_cache.clear()
            board._update_lines()
            assert incremental == _board_layout(board), step
        assert max(board._heights.values()) > 1  # the wrapping lines were exercised
        highlighted = board.highlighted
        assert highlighted is not None and board.terms[highlighted].id == term_id
        shown = _board_layout(board)
        board.load(store.jargon.board_terms(meeting.id), board.audience, hidden=board.hidden)
        await pilot.pause()
        assert _board_layout(board) == shown
        assert [term.id for term in board.terms] == [term.id for term in store.jargon.board_terms(meeting.id)]
