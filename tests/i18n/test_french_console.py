"""The console's shell reads French when the interface is in French (issue 18): home, help, the
summary, a meeting's record, search, the dialogs and their buttons, notifications, and the
command palette, which still finds a command by its English name."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.agreement import AgreementDialog
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.screens.help import HelpScreen
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.screens.new_meeting import NewMeetingScreen
from meetingkit.ui.screens.record import RecordScreen
from meetingkit.ui.screens.search import SearchScreen
from meetingkit.ui.screens.summary import SummaryScreen
from tests.helpers import rendered_text, type_text

NBSP = "\u00a0"
"""French keeps ":" with the word before it; drawn on screen, it is an ordinary space."""


def _text(app: MeetingkitApp, selector: str) -> str:
    return " ".join(rendered_text(app.screen.query_one(selector)).split())


def _toasts(pilot: Pilot[Any]) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


async def _palette_shows(pilot: Pilot[Any], wanted: str) -> str:
    """What the palette lists once `wanted` is among it (the palette searches in a worker)."""
    shown = ""
    for _attempt in range(100):
        await pilot.pause()
        results = pilot.app.screen.query(CommandList)
        shown = "\n".join(str(option.prompt) for option in results.first().options) if results else ""
        if wanted in shown:
            break
    return shown


async def test_the_home_screen_reads_french(french: None, store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#partnerships-panel").border_title == "Partenariats"
        assert app.screen.query_one("#meetings-panel").border_title == "Réunions récentes"
        assert str(app.screen.query_one("#partnerships-empty", Static).render()).startswith(
            "Aucun partenariat pour l’instant.")
        await pilot.press("r")  # nothing running: the notification says so in French
        await pilot.pause()
        assert "Aucune réunion en cours. Appuyez sur n pour en commencer une." in _toasts(pilot)


async def test_the_home_screen_counts_in_french(
    french: None, store: Store, library: AgendaLibrary, history: dict[str, str]
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = next(screen for screen in app.screen_stack if isinstance(screen, HomeScreen))
        partnerships = rendered_text(home.query_one("#partnerships"))
        assert "2 réunions" in partnerships
        assert "1 réunion ·" in partnerships  # French counts one as singular, like zero


async def test_help_reads_french(french: None, store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        intro = _text(app, "#help-intro")
        assert intro.startswith("meetingkit sert à mener les réunions de partenariat")
        keys = [" ".join(line.split()) for line in rendered_text(app.screen.query_one("#help-keys")).splitlines()]
        assert keys[0] == "Touches"
        for expected in ("n Nouvelle réunion", "? Aide", "tab / shift+tab passer d’un panneau ou d’un champ à l’autre",
                         "ctrl+p toutes les commandes, avec recherche"):
            assert expected in keys, keys
        assert str(app.screen.query_one("#help-close", Static).render()) == f"Appuyez sur Échap ou sur{NBSP}? pour fermer."


async def test_the_summary_reads_french(
    french: None, store: Store, library: AgendaLibrary, history: dict[str, str]
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        app.push_screen(SummaryScreen(store, history["first"]))
        await pilot.pause()
        headings = [" ".join(rendered_text(heading).split()) for heading in app.screen.query(".summary-heading")]
        assert "Temps : prévu et réel" in headings  # drawn, the non-breaking space is a space
        assert "Ce que les tableaux ont recueilli" in headings
        boards = _text(app, "#summary-boards")
        assert "2 termes de jargon nommés" in boards
        assert "1 éléphant nommé" in boards
        assert "1 moment charnière" in boards
        heading = _text(app, "#summary-heading")
        assert "2 personnes" in heading and "Le compte rendu" in heading


async def test_a_meetings_record_and_search_read_french(
    french: None, store: Store, library: AgendaLibrary, history: dict[str, str]
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        app.push_screen(RecordScreen(store, history["first"]))
        await pilot.pause()
        record = " ".join(rendered_text(part) for part in app.screen.query(".record-part"))
        assert "Réunion de type" in record
        assert "Présences" in record and "Dana (School board)" in record
        assert "lecture seule" in _text(app, "#title-bar")
        await pilot.press("escape")
        app.push_screen(SearchScreen(store))
        await pilot.pause()
        assert "Recherche · tous les partenariats" in _text(app, "#title-bar")
        assert _text(app, "#search-status").startswith("Tapez pour chercher.")
        await type_text(pilot, "ISP")
        await pilot.pause()
        assert "résultat" in _text(app, "#search-status")


async def test_the_resume_offer_and_its_buttons_read_french(
    french: None, store: Store, library: AgendaLibrary, history: dict[str, str]
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Une réunion est en cours. La reprendre?"
        assert "a commencé à" in dialog.detail and "et en est au point 1 sur" in dialog.detail
        assert [str(button.label) for button in dialog.query(Button)] == ["Reprendre (y)", "Pas maintenant (n)"]
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)


async def test_a_dialogs_default_buttons_and_ctrl_z_read_french(
    french: None, store: Store, library: AgendaLibrary
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(toast.startswith(f"Rien à annuler{NBSP}:") for toast in _toasts(pilot)), _toasts(pilot)
        app.push_screen(ConfirmDialog("Question"))
        await pilot.pause()
        assert [str(button.label) for button in app.screen.query(Button)] == ["Oui (y)", "Non (n)"]


async def test_a_capture_forms_labels_and_validation_read_french(
    french: None, store: Store, library: AgendaLibrary
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(AgreementDialog([], date(2026, 11, 24)))
        await pilot.pause()
        form = app.screen
        assert " ".join(rendered_text(form.query_one(".dialog-title")).split()) == \
            "Nouvelle entente ou compréhension commune"
        assert form.query_one("#agreement-text", Input).placeholder == \
            "Qu’est-ce que nous comprenons maintenant de la même façon?"
        assert str(form.query_one("#confidential").label).startswith(f"Confidentiel (ctrl+o){NBSP}:")
        await pilot.press("enter")  # nothing typed: refused, in French, the form stays open
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#form-message", Static).render()) == "Tapez d’abord l’entente."
        await type_text(pilot, "Une seule fiche")
        await pilot.press("escape")  # words typed: asked first, with French buttons
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert [str(button.label) for button in app.screen.query(Button)] == ["Abandonner (y)", "Continuer (n)"]


async def test_the_palette_shows_french_and_finds_commands_by_their_english_names(
    french: None, store: Store, library: AgendaLibrary
) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Nouvelle réunion", "Bilan", "Thème", "Quitter", "Touches"} <= titles
        assert not {"New meeting", "Theme", "Keys"} & titles

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Rechercher une commande…"
        await type_text(pilot, "theme")  # Textual's own command, by its English name
        assert "Thème" in await _palette_shows(pilot, "Thème")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await type_text(pilot, "new meeting")  # ours, by its English name: shown in French
        shown = await _palette_shows(pilot, "Nouvelle réunion")
        assert "Nouvelle réunion" in shown and "New meeting" not in shown
        await pilot.press("enter")
        for _attempt in range(20):
            await pilot.pause()
            if isinstance(app.screen, NewMeetingScreen):
                break
        assert isinstance(app.screen, NewMeetingScreen)


async def test_the_palette_still_finds_a_french_name(french: None, store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "bilan")
        assert "Bilan" in await _palette_shows(pilot, "Bilan")


async def test_the_invitation_and_an_items_history_read_french(
    french: None, store: Store, library: AgendaLibrary
) -> None:
    from textual.content import Content

    from meetingkit.ui.dialogs.history import HistoryDialog
    from meetingkit.ui.dialogs.invite import InviteScreen

    app = create_app(store, library)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        app.push_screen(InviteScreen("ABCDEFGHJ", ["http://192.0.2.1:8000", "http://198.51.100.2:8000"],
                                     projecting=False))
        await pilot.pause()
        assert str(app.screen.query_one("#invite-heading", Static).render()) == \
            "Contribuez aux tableaux depuis votre téléphone ou votre portable"
        assert str(app.screen.query_one("#invite-others", Static).render()) == "ou http://198.51.100.2:8000"
        assert str(app.screen.query_one("#invite-then", Static).render()) == f"et tapez ce code{NBSP}:"
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(HistoryDialog(Content("Une seule fiche"), []))
        await pilot.pause()
        assert str(app.screen.query_one(".dialog-title", Static).render()) == f"Historique{NBSP}: Une seule fiche"
        assert "Aucune décision ni correction pour l’instant." in str(
            app.screen.query_one(".history-entry", Static).render())
