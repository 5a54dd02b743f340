"""The home screen, driven with real key presses through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer, OptionList

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.screens.help import HelpScreen
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.widgets.agenda_preview import AgendaPreview
from tests.helpers import rendered_text

SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def app(store: Store, library: AgendaLibrary) -> MeetingkitApp:
    return create_app(store, library)


@pytest.mark.parametrize("size", SIZES)
async def test_a_newcomer_sees_what_to_do(app: MeetingkitApp, size: tuple[int, int]) -> None:
    """An empty database explains partnerships and meetings, and every panel fits the terminal."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert "No partnerships yet" in rendered_text(screen.query_one("#partnerships-empty"))
        assert "No meetings yet" in rendered_text(screen.query_one("#meetings-empty"))
        assert not screen.query_one("#partnerships").display
        for panel_id in ("#partnerships-panel", "#meetings-panel", "#home-bottom"):
            region = screen.query_one(panel_id).region
            assert region.height >= 3 and region.right <= size[0] and region.bottom <= size[1], panel_id
        footer = screen.query_one(Footer)
        assert footer.region.bottom == size[1]


async def test_agendas_are_listed_by_type_and_previewed(app: MeetingkitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        agendas = app.screen.query_one("#agendas", OptionList)
        assert app.focused is agendas
        assert [agendas.get_option_at_index(i).id for i in range(agendas.option_count)] == [
            "operational",
            "reflective-practice",
            "strategic",
            "shared-training",
        ]
        preview = app.screen.query_one(AgendaPreview)
        assert preview.agenda is not None and preview.agenda.id == "operational"
        await pilot.press("down")
        await pilot.pause()
        assert preview.agenda.id == "reflective-practice"
        shown = "\n".join(rendered_text(child) for child in preview.children)
        assert "Reflective practice group" in shown
        assert "So what? Making sense of it" in shown


async def test_partnerships_and_meetings_come_from_the_store(
    store: Store, library: AgendaLibrary, clock: FrozenClock
) -> None:
    """User text that looks like markup is shown exactly as typed."""
    partnership = store.partnerships.ensure("[bold]Settlement[/bold] & Schools [Upper]")
    meeting = store.meetings.create(partnership.id, library.agendas["strategic"], title="Planning day [$x]")
    store.meetings.attend(meeting.id, store.partnerships.add_person(partnership.id, "Dana", "school board").id)
    store.meetings.start(meeting.id)
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # "not now" to the offer to resume the meeting in progress
        await pilot.pause()
        partnerships = rendered_text(app.screen.query_one("#partnerships"))
        assert "[bold]Settlement[/bold] & Schools [Upper]" in partnerships
        assert "1 meeting · last today" in partnerships
        meetings = rendered_text(app.screen.query_one("#recent-meetings"))
        assert "Planning day [$x]" in meetings
        assert "today 14:00 · Strategic · 1 person · in progress" in meetings
        assert not app.screen.query_one("#partnerships-empty").display


async def test_another_process_adding_a_partnership_appears_within_a_second(
    app: MeetingkitApp, store: Store, db_path: Path, clock: FrozenClock
) -> None:
    """No key is pressed: the app's own half-second watch notices the other process's commit."""
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        with Store.open(db_path, clock=clock) as scribe:
            scribe.partnerships.ensure("Child Welfare & Mental Health")
        await pilot.pause(1.0)
        assert "Child Welfare & Mental Health" in rendered_text(app.screen.query_one("#partnerships"))


async def test_a_change_made_while_a_dialog_is_open_is_there_when_it_closes(
    app: MeetingkitApp, store: Store, db_path: Path, clock: FrozenClock
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        with Store.open(db_path, clock=clock) as scribe:
            scribe.partnerships.ensure("Literacy & Employment")
        await pilot.pause(1.0)
        await pilot.press("escape")
        await pilot.pause()
        assert "Literacy & Employment" in rendered_text(app.screen.query_one("#partnerships"))


async def test_help_lists_the_keys_and_closes_with_escape(app: MeetingkitApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = rendered_text(app.screen.query_one("#help-keys"))
        lines = [" ".join(line.split()) for line in keys.splitlines()]
        for expected in ("n New meeting", "? Help", "q Quit", "tab / shift+tab move between panels and fields", "ctrl+p every command, searchable"):
            assert expected in lines
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_q_quits_cleanly(app: MeetingkitApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_a_read_only_database_says_so(
    store: Store, library: AgendaLibrary, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    store.partnerships.ensure("Reviewed from a USB stick")
    store.close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    read_only = Store.open(db_path)
    app = create_app(read_only, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = " ".join(rendered_text(app.screen.query_one("#read-only-banner")).split())
        assert banner.startswith("Read-only: meetingkit.db or its folder cannot be written, so it is open for review only")
        assert "`meetingkit merge`" in banner and str(db_path.parent) not in banner
        assert "Reviewed from a USB stick" in rendered_text(app.screen.query_one("#partnerships"))
    read_only.close()


async def test_broken_user_templates_are_mentioned_not_fatal(store: Store, tmp_path: Path) -> None:
    from meetingkit.core.agendas import load_library, shipped_agenda_folder

    (tmp_path / "typo.toml").write_text('name = "T"\ntype = "operational"\nminuets = 3\n', "utf-8")
    app = create_app(store, load_library([shipped_agenda_folder(), tmp_path]))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        banner = rendered_text(app.screen.query_one("#agenda-problems"))
        assert "1 agenda template could not be read" in banner
        assert app.screen.query_one("#agendas", OptionList).option_count == 4
