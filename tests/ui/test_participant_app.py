"""The participant's app and the facilitator's side of it, driven by real keys under Pilot:
joining with the code, adding to the boards, what a participant can never reach, the join
code on the wall, and moderation."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select, Static

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.core.join_codes import format_code
from meetingkit.participant.app import JoinScreen, ParticipantApp, RoomScreen
from meetingkit.participant.session import RoomSession
from meetingkit.store import Store
from meetingkit.store.participants import FREE_TRIES_HERE
from meetingkit.ui.app import create_app
from meetingkit.ui.dialogs.invite import InviteScreen
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.screens.runner import RunnerScreen
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.parking_lot import ParkingLotBoard
from meetingkit.usecases import room
from tests.helpers import board_lines, rendered_text

HOSTILE = [
    "[bold]markup[/bold] [@click=app.quit]x[/]",
    "esc\x1b[2Jape",
    "emoji 🐘 and 👩🏽‍⚕️",
    "RTL \u202eevil\u202c عربى",
]


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Settlement & Schools")
    store.partnerships.ensure_organisation(partnership.id, "OCISO")
    store.partnerships.ensure_organisation(partnership.id, "Zed [red]board")
    earlier = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.jargon.mention(earlier.id, "HISTORIC-TERM")
    store.meetings.end(earlier.id)
    meeting = store.meetings.create(partnership.id, library.agendas["operational"], title="November")
    store.meetings.add_attendee(meeting.id, "Dana", "OCISO")
    meeting = store.meetings.start(meeting.id)
    store.jargon.mention(meeting.id, "SECRET-TERM", confidential=True)
    store.boards.raise_elephant(meeting.id, "SECRET-ELEPHANT", confidential=True)
    store.notes.add(meeting.id, "NOTE-TEXT")
    return meeting


async def type_into(pilot, text: str) -> None:
    """Type like a person, one key per character (printable ones)."""
    for char in text:
        await pilot.press(char if len(char) == 1 and char.isalnum() else "space" if char == " " else char)


async def enter_code(pilot, code: str) -> None:
    field = pilot.app.screen.query_one("#code", Input)
    field.value = ""
    await type_into(pilot, code)
    await pilot.press("enter")
    await pilot.pause()


def screen_text(app) -> str:
    """Everything the screen's text widgets draw, whitespace folded (so wrapped lines read on)."""
    text = " ".join(rendered_text(widget) for widget in app.screen.query("Static, OptionList, Select"))
    return " ".join(text.replace("│", " ").split())


async def test_a_wrong_code_is_refused_and_the_right_one_opens_the_meetings_boards(
    store: Store, meeting
) -> None:
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        await enter_code(pilot, "ACEFHJ" if code != "ACEFHJ" else "ACEFHL")
        assert isinstance(app.screen, JoinScreen)
        assert "does not open a meeting" in screen_text(app)
        await enter_code(pilot, format_code(code).lower())
        assert isinstance(app.screen, RoomScreen)
        assert "November" in screen_text(app)
        assert app.focused is app.screen.query_one("#term", Input)

        await type_into(pilot, "ISP")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")  # to the elephant line
        await type_into(pilot, "Who decides")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "1× ISP" in text and "Who decides" in text and "Parked, anonymously" in text
        for private in ("SECRET", "HISTORIC", "NOTE-TEXT", "Dana"):
            assert private not in text
    mention = store.db.rows("SELECT attribution, person_id FROM jargon_mentions WHERE meeting_id = ?"
                          " AND confidential = 0", [meeting.id])
    assert [(m["attribution"], m["person_id"]) for m in mention] == [("anonymous", None)]


async def test_repeated_wrong_codes_are_slowed_down(store: Store, meeting, clock: FrozenClock) -> None:
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(FREE_TRIES_HERE):
            await enter_code(pilot, "XXXXXX")
        assert "Try again in 2 seconds" in screen_text(app)
        await enter_code(pilot, code)  # even the right code is not looked at while waiting
        assert isinstance(app.screen, JoinScreen)
        assert "Several wrong codes" in screen_text(app)
        clock.advance(2)
        await enter_code(pilot, code)
        assert isinstance(app.screen, RoomScreen)
    assert store.db.value("SELECT count(*) FROM join_attempts WHERE succeeded = 0") == FREE_TRIES_HERE


async def test_a_participant_cannot_reach_anything_else(store: Store, meeting) -> None:
    """No palette, no screens behind the keys a Textual app or meetingkit's own app has."""
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    with pytest.raises(PermissionError):
        app.session.terms()  # nothing at all before the code
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await enter_code(pilot, code)
        for key in ("ctrl+p", "question_mark", "escape", "f1", "ctrl+backslash", "v", "J", "E", "T", "ctrl+e"):
            app.set_focus(None)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, RoomScreen) and len(app.screen_stack) == 2, key
        assert list(app.get_system_commands(app.screen)) == []
        text = screen_text(app)
        for private in ("SECRET", "HISTORIC", "NOTE-TEXT", "Dana"):
            assert private not in text


async def test_hostile_text_is_shown_as_typed_and_a_huge_paste_is_kept(store: Store, meeting) -> None:
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await enter_code(pilot, code)
        field = app.screen.query_one("#term", Input)
        for text in HOSTILE:
            field.value = text
            await pilot.press("enter")
            await pilot.pause()
            assert field.value == "", text
        huge = "x" * 50_000
        field.value = huge
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == huge  # nothing lost
        assert "Not added" in screen_text(app) and "limit" in screen_text(app)
        assert isinstance(app.screen, RoomScreen)
        board = "\n".join(rendered_text(w) for w in app.screen.query(OptionList))
        assert "[bold]markup[/bold]" in board and "\x1b" not in board and "\u202e" not in board
        assert "🐘" in board


async def test_credit_goes_to_an_organisation_when_chosen(store: Store, meeting) -> None:
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await enter_code(pilot, code)
        credit = app.screen.query_one("#credit", Select)
        credit.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = credit.query_one(OptionList)
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert prompts[-1] == "Said by Zed [red]board"  # a markup-like name shows as typed
        await pilot.press("down", "enter")  # the first organisation, alphabetically: OCISO
        await pilot.pause()
        await pilot.press("tab")
        await type_into(pilot, "MLO")
        await pilot.press("enter")
        await pilot.pause()
        assert "for your organisation" in screen_text(app)
    row = store.db.rows("SELECT m.attribution, o.name FROM jargon_mentions m JOIN organisations o"
                      " ON o.id = m.organisation_id")
    assert [(r["attribution"], r["name"]) for r in row] == [("organisation", "OCISO")]


async def test_when_the_meeting_ends_the_participant_is_told_and_entries_stop(
    store: Store, meeting, db_path, clock
) -> None:
    code = store.room.join_code(meeting.id)
    facilitator = Store.open(db_path, clock=clock)  # another process, as in the room
    app = ParticipantApp(RoomSession(store))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await enter_code(pilot, code)
            facilitator.jargon.mention(meeting.id, "From the front")
            await pilot.wait_for_scheduled_animations()
            app._watch()  # what the half-second watch does
            await pilot.pause()
            assert "From the front" in screen_text(app)
            facilitator.records.end_and_summarise(meeting.id)
            app._watch()
            await pilot.pause()
            assert "has ended" in screen_text(app)
            assert app.screen.query_one("#term", Input).disabled
    finally:
        facilitator.close()


async def test_a_meeting_deleted_while_the_page_is_open_says_so_and_stops(
    store: Store, meeting, db_path, clock
) -> None:
    """A purge (or a merge bringing one) while people are joined: no traceback, a plain message."""
    code = store.room.join_code(meeting.id)
    facilitator = Store.open(db_path, clock=clock)
    app = ParticipantApp(RoomSession(store))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await enter_code(pilot, code)
            facilitator.retention.delete_meetings([meeting.id])
            app._watch()
            await pilot.pause()
            assert "no longer available" in screen_text(app)
            assert app.screen.query_one("#term", Input).disabled
            facilitator.partnerships.ensure("Another partnership")
            app._watch()  # stopped: nothing more is read
            await pilot.pause()
            assert app.is_running and "no longer available" in screen_text(app)
    finally:
        facilitator.close()


# -- the facilitator's side --------------------------------------------------------------------


async def test_i_shows_the_join_code_big_and_r_makes_a_new_one(store: Store, library, meeting) -> None:
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")  # on the wall
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InviteScreen)
        code = store.room.join_code(meeting.id)
        assert app.screen.code == code
        assert format_code(code) in rendered_text(app.screen.query_one("#invite-plain", Static))
        assert "╭" in rendered_text(app.screen.query_one("#invite-code", Static)) or "╷" in rendered_text(
            app.screen.query_one("#invite-code", Static))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, InviteScreen) and app.screen.code != code
        assert app.screen.code == store.room.join_code(meeting.id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)


async def test_the_invite_shows_where_to_go_when_serve_is_running(
    store: Store, library, meeting, db_path, monkeypatch
) -> None:
    import meetingkit.serving as serving

    monkeypatch.setattr(serving, "local_addresses", lambda: ["192.168.1.20"])
    app = create_app(store, library, open_meeting=meeting.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for note, says in (
            (None, "Start meetingkit serve --host 0.0.0.0"),
            (("0.0.0.0", 8000), "open this address in a browser: http://192.168.1.20:8000"),
            (("127.0.0.1", 8000), "for this computer only"),
        ):
            serving.serving_note(db_path).unlink(missing_ok=True)
            if note:
                serving.leave_note(db_path, *note)
            await pilot.press("i")
            await pilot.pause()
            shown = " ".join(rendered_text(static) for static in app.screen.query("#invite-how, #invite-address"))
            assert says in " ".join(shown.split())
            await pilot.press("x")
            await pilot.pause()
        # A note left by a serve that was killed (its process is gone) is not believed.
        serving.serving_note(db_path).write_text('{"addresses": ["http://10.0.0.9:8000"], "pid": 999999999}')
        await pilot.press("i")
        await pilot.pause()
        assert "Start meetingkit serve" in " ".join(rendered_text(app.screen.query_one("#invite-how", Static)).split())


async def test_participants_entries_reach_the_board_and_can_be_hidden_from_the_wall(
    store: Store, library, meeting, db_path, clock
) -> None:
    browser = Store.open(db_path, clock=clock)
    app = create_app(store, library, open_meeting=meeting.id)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            runner = app.screen
            assert isinstance(runner, RunnerScreen)
            room.add_term(browser, meeting.id, "rude word")
            room.add_elephant(browser, meeting.id, "rude elephant")
            assert store.changed_elsewhere()  # what the app's half-second watch asks
            runner.post_message(DatabaseChanged())
            await pilot.pause()
            assert any("rude word" in line for line in board_lines(runner.query_one(JargonBoard)))
            assert any("rude elephant" in line for line in board_lines(runner.query_one(ParkingLotBoard)))

            await pilot.press("p")  # projecting: the facilitator moves to the entry and hides it
            await pilot.pause()
            board = runner.query_one(JargonBoard)
            board.focus()
            board.highlighted = next(i for i, t in enumerate(board.terms) if t.display == "rude word")
            await pilot.press("h")
            await pilot.pause()
            lot = runner.query_one(ParkingLotBoard)
            lot.focus()
            lot.highlighted = next(i for i, e in enumerate(lot.elephants) if e.text == "rude elephant")
            await pilot.press("h")
            await pilot.pause()
            wall = "\n".join(board_lines(board) + board_lines(lot))
            assert "rude" not in wall and "confidential" not in wall.replace("a confidential", "")
            assert "rude" not in "".join(str(n.message) for n in app._notifications)
            assert browser.room.terms(meeting.id) == [] and browser.room.elephants(meeting.id) == []

            # A participant's new entry keeps the focus where the facilitator is.
            room.add_term(browser, meeting.id, "New one")
            runner.post_message(DatabaseChanged())
            await pilot.pause()
            assert app.focused is lot

            await pilot.press("p")  # off the wall: there, marked hidden, and h shows it again
            await pilot.pause()
            lines = board_lines(board)
            assert any("rude word · hidden" in line for line in lines)
            board.focus()
            board.highlighted = next(i for i, t in enumerate(board.terms) if t.display == "rude word")
            await pilot.press("h")
            await pilot.pause()
            assert any(t.display == "rude word" for t in browser.room.terms(meeting.id))
        assert store.db.value("SELECT count(*) FROM elephants WHERE text = 'rude elephant'") == 1
    finally:
        browser.close()


async def test_typing_a_confidential_term_gets_the_same_answer_as_any_new_term(store: Store, meeting) -> None:
    """Probing fails: "secret-term" (the facilitator's confidential term) and "brand new" both show
    as the participant's own unexplained entry; another browser and the room see neither the
    confidential one nor its tally, and the facilitator keeps the mention on the term."""
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await enter_code(pilot, code)
        field = app.screen.query_one("#term", Input)
        for text in ("secret-term", "Brand new"):
            field.value = text
            await pilot.press("enter")
            await pilot.pause()
        answers = {term.display: term for term in app.session.terms()}
        assert set(answers) >= {"secret-term", "Brand new"}
        mine, fresh = answers["secret-term"], answers["Brand new"]
        assert (mine.tally, mine.unexplained, mine.explained) == (fresh.tally, fresh.unexplained, fresh.explained)
        board = "\n".join(rendered_text(w) for w in app.screen.query(OptionList))
        assert "secret-term" in board and "Brand new" in board and "SECRET-TERM" not in board
    other = RoomSession(store)
    other.join(code)
    assert "secret-term" not in [term.display.casefold() for term in other.terms()]
    [secret] = [t for t in store.jargon.board_terms(meeting.id) if t.display == "SECRET-TERM"]
    assert secret.tally == 2  # counted where it belongs, on the facilitator's board


async def test_a_crash_shows_no_stored_text_and_is_logged_privately(
    store: Store, meeting, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failure while the boards are read: the confidential term is in a local and in the message."""
    import stat

    from meetingkit.core.paths import crash_log_folder

    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))

    def failing_terms(self: RoomSession) -> list:
        secret_term = store.jargon.board_terms(meeting.id)[0].display
        raise RuntimeError(f"could not read {secret_term}")

    capsys.readouterr()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            monkeypatch.setattr(RoomSession, "terms", failing_terms)
            await enter_code(pilot, code)
    shown = "".join(capsys.readouterr())
    assert "SECRET-TERM" not in shown and "secret_term" not in shown and "Traceback" not in shown
    assert "A participant's page stopped" in shown and "Nothing they added was lost" in shown
    [log] = sorted(crash_log_folder().glob("crash-*-participant-*.log"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and "failing_terms" in log.read_text(encoding="utf-8")
