"""Choosing the interface's language: --lang, MEETINGKIT_LANG, the settings, the system, and the first start's question."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.core.i18n import as_language, choose_language, language, system_language
from meetingkit.core.settings import Settings, load_settings, save_language, settings_path
from meetingkit.store import Store
from meetingkit.ui.app import create_app
from meetingkit.ui.screens.home import HomeScreen
from meetingkit.ui.screens.language import LanguageScreen
from tests.helpers import RunCli, rendered_text


@pytest.mark.parametrize(("value", "expected"), [
    ("fr", "fr"), ("FR", "fr"), ("fr_CA.UTF-8", "fr"), ("fr-CA", "fr"), ("français", "fr"), ("en_GB", "en"),
    ("English", "en"), ("de_DE.UTF-8", None), ("C", None), ("", None), (None, None), ("frr", None),
])
def test_a_language_is_read_from_how_people_and_systems_write_it(value: str | None, expected: str | None) -> None:
    assert as_language(value) == expected


def test_the_option_beats_the_variable_which_beats_the_settings_which_beat_the_system() -> None:
    system = {"LANG": "fr_CA.UTF-8"}
    assert choose_language("en", {"MEETINGKIT_LANG": "fr", **system}, "fr") == ("en", True)
    assert choose_language(None, {"MEETINGKIT_LANG": "fr"}, "en") == ("fr", True)
    assert choose_language(None, {"MEETINGKIT_LANG": "klingon"}, "fr") == ("fr", True)
    assert choose_language(None, system, None) == ("fr", False)  # the system's, but nobody chose
    assert choose_language(None, {"LANG": "C"}, None) == ("en", False)


def test_the_system_language_is_read_as_gettext_reads_it() -> None:
    assert system_language({"LANGUAGE": "de:fr_CA", "LANG": "en_CA.UTF-8"}) == "fr"
    assert system_language({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}) == "fr"
    assert system_language({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_CA.UTF-8"}) is None  # LC_ALL decides
    assert system_language({"LC_MESSAGES": "en_CA.UTF-8", "LANG": "fr_CA.UTF-8"}) == "en"
    assert system_language({}) is None


def test_the_language_is_saved_without_losing_the_rest_of_the_file() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("# mine\n[timer]\nbell = true  # loud\n", encoding="utf-8")
    save_language("fr")
    assert load_settings() == Settings(bell=True, language="fr")
    save_language("en")
    text = path.read_text(encoding="utf-8")
    assert load_settings() == Settings(bell=True, language="en")
    assert "# mine" in text and "bell = true  # loud" in text and text.count("language") == 1
    assert path.stat().st_mode & 0o077 == 0


def test_a_language_line_in_an_existing_interface_table_is_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[interface]\nlanguage = "en"\n\n[timer]\nbell = false\n', encoding="utf-8")
    save_language("fr", path)
    assert path.read_text(encoding="utf-8") == '[interface]\nlanguage = "fr"\n\n[timer]\nbell = false\n'


def test_a_saved_language_that_is_not_one_we_speak_is_as_if_none_was(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[interface]\nlanguage = "tlh"\n', encoding="utf-8")
    assert load_settings(path).language is None


def test_help_and_usage_errors_read_in_the_language_chosen(cli: RunCli) -> None:
    french = cli("--lang", "fr", "--help")
    assert french.returncode == 0 and "utilisation\u00a0: meetingkit" in french.stdout
    assert "afficher ce message d’aide et quitter" in french.stdout
    wrong = cli("frobnicate", env={"MEETINGKIT_LANG": "fr"})
    assert wrong.returncode == 2 and "erreur\u00a0: argument COMMAND\u00a0: choix non valide" in wrong.stderr
    english = cli("--lang", "en", "--help", env={"MEETINGKIT_LANG": "fr"})  # the option wins
    assert "usage: meetingkit" in english.stdout


def test_the_saved_language_is_used_when_nothing_else_chooses(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEETINGKIT_LANG")
    save_language("fr")
    assert "utilisation\u00a0:" in cli("--help").stdout


async def test_the_first_start_asks_once_and_remembers(store: Store, library: AgendaLibrary) -> None:
    """Nothing chose a language: the question comes first, in both languages, and the answer is kept."""
    app = create_app(store, library, ask_language=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)
        question = rendered_text(app.screen.query_one("#language-question"))
        assert "Which language" in question and "Dans quelle langue" in question
        assert isinstance(app.focused, Button) and app.focused.id == "language-en"  # the system's (English here)
        await pilot.press("right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert language() == "fr"
        keys = {active.binding.description for active in app.screen.active_bindings.values()}
        assert {"Aide", "Quitter"} <= keys  # the app's own keys, made before the choice, in French too
    assert load_settings().language == "fr"


async def test_escape_keeps_the_language_offered(store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library, ask_language=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert language() == "en" and load_settings().language == "en"


async def test_no_question_when_a_language_was_chosen(store: Store, library: AgendaLibrary) -> None:
    app = create_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not settings_path().exists()
