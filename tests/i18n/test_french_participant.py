"""The participant page in French: joining, the boards, adding to them and the meeting's end,
with real keys; and `meetingkit serve` speaking French to the facilitator and to each browser."""

from __future__ import annotations

import io
import os

import pytest
from textual.widgets import Input

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.i18n import LANG_ENV
from meetingkit.core.join_codes import format_code
from meetingkit.participant.app import JoinScreen, ParticipantApp, RoomScreen
from meetingkit.participant.serve import announce
from meetingkit.participant.session import RoomSession
from meetingkit.store import Store
from meetingkit.store.participants import FREE_TRIES_HERE
from tests.helpers import rendered_text

NBSP = "\u00a0"


@pytest.fixture
def meeting(store: Store, library: AgendaLibrary):
    partnership = store.partnerships.ensure("Partenariat Est")
    store.partnerships.ensure_organisation(partnership.id, "CÉSOC")
    meeting = store.meetings.create(partnership.id, library.agendas["operational"], title="Novembre")
    return store.meetings.start(meeting.id)


async def type_into(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char.isalnum() else "space" if char == " " else char)


async def enter_code(pilot, code: str) -> None:
    field = pilot.app.screen.query_one("#code", Input)
    field.value = ""
    await type_into(pilot, code)
    await pilot.press("enter")
    await pilot.pause()


def screen_text(app) -> str:
    text = " ".join(rendered_text(widget) for widget in app.screen.query("Static, OptionList, Select"))
    return " ".join(text.replace("│", " ").split())


async def test_joining_and_adding_read_in_french(store: Store, meeting, french: None) -> None:
    code = store.room.join_code(meeting.id)
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        assert app.title == f"meetingkit{NBSP}: se joindre à la réunion"
        text = screen_text(app)
        assert "Se joindre à la réunion" in text and "Tapez le code affiché" in text
        assert app.screen.query_one("#code", Input).placeholder == "le code, p. ex. ACF 234"
        await enter_code(pilot, "")
        assert "Tapez d’abord le code." in screen_text(app)
        await enter_code(pilot, "ACEFHJ" if code != "ACEFHJ" else "ACEFHL")
        assert "Ce code n’ouvre aucune réunion en cours." in screen_text(app)

        await enter_code(pilot, format_code(code).lower())
        assert isinstance(app.screen, RoomScreen)
        text = screen_text(app)
        assert "Aucun terme pour l’instant." in text and "Rien en attente." in text
        assert "Anonyme : personne n’est nommé" in text  # screen_text folds the non-breaking space
        assert "Tab passe d’un champ" in text
        assert app.screen.query_one("#room-jargon").border_title == "Nommer le jargon"
        assert app.screen.query_one("#room-lot").border_title == "Stationnement"
        assert app.screen.query_one("#term", Input).placeholder == "Du jargon entendu (Entrée l’ajoute)"

        await pilot.press("enter")
        await pilot.pause()
        assert "Tapez d’abord quelque chose." in screen_text(app)
        await type_into(pilot, "PEI")
        await pilot.press("enter")
        await pilot.pause()
        assert "Ajouté au tableau, de façon anonyme. Merci." in screen_text(app)
        await pilot.press("tab")
        await type_into(pilot, "Qui décide")
        await pilot.press("enter")
        await pilot.pause()
        assert "Mis en attente, de façon anonyme. Merci." in screen_text(app)

        store.meetings.end(meeting.id)
        app.screen.reload()
        await pilot.pause()
        assert "Cette réunion est terminée : merci d’y avoir participé." in screen_text(app)


async def test_the_wait_after_wrong_codes_is_counted_in_french(store: Store, meeting, french: None) -> None:
    app = ParticipantApp(RoomSession(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(FREE_TRIES_HERE):
            await enter_code(pilot, "XXXXXX")
        assert "Réessayez dans 2 secondes." in screen_text(app)


def test_serve_tells_the_facilitator_in_french(french: None) -> None:
    out = io.StringIO()
    announce("0.0.0.0", 8123, out=out)
    said = out.getvalue()
    assert f"Les participants peuvent ouvrir{NBSP}:" in said
    assert "http://127.0.0.1:8123  (cet ordinateur seulement)" in said
    assert f"Attention{NBSP}: service sur 0.0.0.0" in said
    assert "appuyez sur i pour afficher le code d’accès" in said


def test_serving_hands_its_language_to_every_participant_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path, french: None
) -> None:
    """`serve` sets MEETINGKIT_LANG before textual-serve starts a process per browser."""
    import meetingkit.participant.server as server

    started = []

    class Stand(server.ParticipantServer):
        def serve(self, debug: bool = False) -> None:  # type: ignore[override]
            started.append(os.environ.get(LANG_ENV))

    monkeypatch.setattr(server, "ParticipantServer", Stand)
    monkeypatch.setenv(LANG_ENV, "en")
    from meetingkit.participant.serve import serve

    serve(tmp_path / "room.db", "127.0.0.1", 8123)
    assert started == ["fr"]


def test_refusals_reach_the_browser_in_french(french: None) -> None:
    from meetingkit.participant.server import ROOM_FULL, _refusal

    assert _refusal(ROOM_FULL).startswith(f"La salle est pleine{NBSP}:")
