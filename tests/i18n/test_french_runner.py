"""The meeting runner and the wall in French: what the facilitator and the room read, and the
same keys doing the same things (Pilot, frozen clock: time moves only when a test moves it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.clock import FrozenClock, local
from meetingkit.core.localise import time_text
from meetingkit.core.models import ElephantStatus, RoundOutcome, SectionKind, WallFace
from meetingkit.store import Store
from meetingkit.ui.app import MeetingkitApp, create_app
from meetingkit.ui.dialogs.confirm import ConfirmDialog
from meetingkit.ui.dialogs.steering import ChoiceDialog
from meetingkit.ui.screens.runner import RunnerScreen, wall_words
from meetingkit.ui.wall.app import WallApp, create_wall_app
from meetingkit.ui.widgets.agenda_sidebar import AgendaSidebar, kind_words
from meetingkit.ui.widgets.jargon_board import JargonBoard
from meetingkit.ui.widgets.round_panel import turn_words
from meetingkit.ui.widgets.section_timer import SectionTimer
from meetingkit.usecases.capture import ElephantMoveRefused, move_elephant, raise_elephant
from meetingkit.usecases.meetings import end_meeting, start_meeting
from meetingkit.usecases.session import MeetingSession
from tests.helpers import FROZEN_START, rendered_text, type_text
from tests.ui.snapshot_app import Year

NBSP = "\u00a0"

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def meeting_id(store: Store, library: AgendaLibrary) -> str:
    """The operational agenda (5, 10, 15, 20, 10, 10, 5 minutes) started at 14:00, with one person here."""
    return start_meeting(store, "Schools and settlement", library.agendas["operational"],
                         attendees=[("Dana", "School board")]).id


@pytest.fixture
def app(store: Store, library: AgendaLibrary, meeting_id: str) -> MeetingkitApp:
    return create_app(store, library, open_meeting=meeting_id)


def dialog_text(app: MeetingkitApp | WallApp) -> str:
    """The words of the dialog on top (its title, question and keys), spaces folded."""
    return folded(" ".join(rendered_text(widget) for widget in app.screen.query(".dialog *") if widget.display))


def runner_of(app: MeetingkitApp) -> RunnerScreen:
    assert isinstance(app.screen, RunnerScreen)
    return app.screen


def said(app: MeetingkitApp) -> str:
    """Every notification shown so far, one a line."""
    return "\n".join(str(n.message) for n in app._notifications)


def folded(text: str) -> str:
    """Spaces folded (non-breaking ones too), as a board or the wall wraps them."""
    return " ".join(text.split())


def wall_text(app: WallApp) -> str:
    """Everything the wall draws, spaces folded."""
    shown = [
        widget for widget in app.screen.query("Static, BigTimer")
        if all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))
    ]
    drawn = (strip.text for widget in shown for strip in widget.render_lines(Region(0, 0, *widget.region.size)))
    return folded(" ".join(drawn))


async def settle(app: WallApp, pilot) -> None:  # type: ignore[no-untyped-def]
    app.watch_database()
    await pilot.pause()
    await pilot.pause()


async def test_the_runner_reads_in_french(app: MeetingkitApp, clock: FrozenClock) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        assert runner.query_one("#sidebar-panel").border_title == "Ordre du jour"
        assert "point 1 sur 7" in rendered_text(runner.query_one("#runner-title"))
        assert "accueil" in rendered_text(runner.query_one("#section-title"))
        assert "5 min prévues" in rendered_text(runner.query_one(AgendaSidebar))
        assert str(runner.query_one("#jargon").border_title) == "Nommer le jargon (j)"
        assert str(runner.query_one("#parking-lot").border_title) == "Stationnement (e)"
        assert f"Moments charnières{NBSP}: aucun pour l’instant (t en marque un)" in rendered_text(
            runner.query_one("#moments"))
        clock.advance(3 * 60 + 30)
        runner._tick()
        await pilot.pause()
        assert rendered_text(runner.query_one("#timer-state")).strip() == "2 minutes restantes"
        clock.advance(2 * 60)
        runner._tick()
        await pilot.pause()
        assert rendered_text(runner.query_one("#timer-state")).strip() == "en retard sur l’horaire"
        assert runner.query_one("#timer-state").has_class("-overrun")
        await pilot.press("space")
        await pilot.pause()
        assert rendered_text(runner.query_one("#timer-state")).strip() == "En pause · espace pour reprendre"
        await pilot.press("space", "t")
        await pilot.pause()
        marked = time_text(local(FROZEN_START + timedelta(minutes=5, seconds=30)))
        assert f"Moment charnière marqué à {marked}." in said(app)
        assert f"Moments charnières{NBSP}:" in rendered_text(runner.query_one("#moments"))
        assert f"(1 à décrire{NBSP}: T)" in rendered_text(runner.query_one("#moments"))


async def test_the_steering_keys_work_the_same_and_speak_french(app: MeetingkitApp, clock: FrozenClock) -> None:
    """`>`, `<`, `G`, `s`, `R`: the same moves as in English, and French words for each."""
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        run = runner.session.current
        assert run is not None and run.allowed_minutes == 6
        assert runner.query_one(SectionTimer).value == "06:00"
        assert f"Une minute de plus{NBSP}: ce point a maintenant 6 min." in said(app)
        sidebar = runner.query_one(AgendaSidebar)
        assert "5 min prévues · maintenant 6" in str(sidebar.get_option_at_index(0).prompt)
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert f"Une minute de moins{NBSP}: ce point a maintenant 5 min." in said(app)

        clock.advance(11 * 60)  # six minutes behind plan
        runner._tick()
        await pilot.pause()
        assert "R replanifie les points à venir." in said(app)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        options = folded(rendered_text(app.screen.query_one("#choices")))
        assert "Raccourcir également les 6 points à venir, en retirant 6 min" in options
        assert "Abandonner un point à venir (au choix)" in options
        await pilot.press("down", "down", "enter")  # run over, on purpose
        await pilot.pause()
        assert app.screen is runner
        assert f"Dépassement accepté{NBSP}:" in said(app)
        assert [r.allowed_minutes for r in runner.session.runs] == [5, 10, 15, 20, 10, 10, 5]

        await pilot.press("G")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Aller à quel point?" in dialog_text(app) and "↑↓ choisir · Entrée · Échap annule" in dialog_text(app)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is runner and runner.meeting.current_position == 2

        await pilot.press("s")
        await pilot.pause()
        assert runner.meeting.current_position == 3 and runner.session.runs[2].skipped
        assert f"Point sauté{NBSP}: Updates from each agency (15 min)." in said(app)
        assert "· sauté" in str(sidebar.get_option_at_index(2).prompt)


async def test_captures_and_ending_ask_in_french(app: MeetingkitApp, store: Store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        runner = runner_of(app)
        await pilot.press("j")
        await pilot.pause()
        words = dialog_text(app)
        assert "Nommer le jargon" in words and "Qui l’a dit (Tab, puis ↑ ↓)" in words
        assert "Anonyme" in words and "Dit par Dana" in words
        await type_text(pilot, "SWIS")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is runner and [t.display for t in runner.query_one(JargonBoard).terms] == ["SWIS"]
        await pilot.press("a")
        await pilot.pause()
        assert "Nouvelle action" in dialog_text(app) and "Aucune échéance (facultatif)" in dialog_text(app)
        await pilot.press("escape", "o")
        await pilot.pause()
        assert "Échap ferme" in str(runner.query_one("#notes").border_title)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert runner.projecting
        await pilot.press("o")
        await pilot.pause()
        assert "Les notes ne s’affichent pas en mode projection; appuyez d’abord sur p." in said(app)
        await pilot.press("p", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Terminer la réunion?" in dialog_text(app)
        labels = sorted(str(button.label) for button in app.screen.query(Button))
        assert labels[0].startswith("Continuer") and labels[1].startswith("Terminer la réunion")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is runner and not runner.session.ended


async def test_the_wall_reads_in_french(looking: Store, store: Store, year: Year) -> None:
    app = create_wall_app(looking)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = wall_text(app)
        assert "Monthly coordination · point 3 sur 7" in text
        assert "Updates from each agency" in text  # the agenda's words are the template's
        assert app.screen.query_one("#wall-jargon").border_title == "Nommer le jargon"
        assert app.screen.query_one("#wall-parking").border_title == "Stationnement"
        assert app.screen.query_one("#wall-agreed").border_title == "Convenu"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Arrêter l’écran de salle?" in dialog_text(app)
        await pilot.press("escape")
        await pilot.pause()
        end_meeting(store, year.today)
        await settle(app, pilot)
        text = wall_text(app)
        assert "Merci à toutes et à tous." in text and "terminée" in text


async def test_the_wall_waits_in_french(looking: Store) -> None:
    app = create_wall_app(looking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "En attente du début d’une réunion…" in wall_text(app)


async def test_the_console_blanks_the_wall_in_french(
    looking: Store, store: Store, year: Year, library: AgendaLibrary
) -> None:
    console = create_app(store, library, open_meeting=year.today)
    wall = create_wall_app(looking)
    async with wall.run_test(size=(120, 36)) as wall_pilot, console.run_test(size=(120, 36)) as pilot:
        await settle(wall, wall_pilot)
        await pilot.press("b")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert wall_text(wall) == ""
        assert f"L’écran de salle est masqué{NBSP}: b y ramène la réunion." in said(console)
        await pilot.press("i")
        await pilot.pause()
        await settle(wall, wall_pilot)
        assert "Contribuez aux tableaux depuis votre téléphone ou votre portable" in wall_text(wall)


def test_words_of_the_runner_in_french() -> None:
    assert wall_words(1, WallFace.MEETING) == "écran de salle actif"
    assert wall_words(2, WallFace.BLANK) == "2 écrans de salle masqués"
    assert kind_words(SectionKind.ROUND) == "tour de table"
    assert turn_words(RoundOutcome.PASSED, facilitator=True) == "a passé"
    assert turn_words(None, facilitator=False) == "attend"


def test_the_session_and_captures_refuse_in_french(
    store: Store, library: AgendaLibrary, meeting_id: str, clock: FrozenClock
) -> None:
    session = MeetingSession(store, meeting_id)
    clock.advance(4 * 60 + 30)
    with pytest.raises(ValueError, match="impossible de lui en donner moins"):
        session.adjust_current(-1)
    elephant_id = raise_elephant(store, meeting_id, "Who decides")
    move_elephant(store, meeting_id, elephant_id, ElephantStatus.ADDRESSED)
    with pytest.raises(ElephantMoveRefused) as refused:
        move_elephant(store, meeting_id, elephant_id, ElephantStatus.LET_GO)
    assert str(refused.value).startswith("Cet éléphant a été traité")
    assert "il ne peut donc pas être laissé de côté maintenant" in str(refused.value)

