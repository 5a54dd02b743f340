"""The first start's one question: English or French, asked in both.

Shown once, when no language was ever chosen (no `--lang`, no `MEETINGKIT_LANG`, nothing in
the settings). The system's language is the one highlighted; the choice is saved in the
user's settings file, so the question is never asked again.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meetingkit.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, Language
from meetingkit.localised import Localised


class LanguageScreen(Localised, ModalScreen[Language]):
    """English | Français; Escape keeps the highlighted one."""

    BINDINGS = [
        Binding("escape", "keep", N_("Keep"), show=False),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, offered: Language) -> None:
        super().__init__()
        self._offered = offered

    def compose(self) -> ComposeResult:
        with Vertical(id="language-box"):
            yield Static("meetingkit", id="language-title")
            yield Static("Which language should meetingkit speak?\n"
                         "Dans quelle langue meetingkit doit-il s’afficher?", id="language-question")
            with Horizontal(id="language-choices"):
                for code in LANGUAGES:
                    yield Button(LANGUAGE_NAMES[code], id=f"language-{code}", variant="primary")
            yield Static("Change it later with --lang or in settings.toml · "
                         "Modifiable ensuite avec --lang ou dans settings.toml", id="language-hint")

    def on_mount(self) -> None:
        self.query_one(f"#language-{self._offered}", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        code = (event.button.id or "").removeprefix("language-")
        self.dismiss("fr" if code == "fr" else "en")

    def action_keep(self) -> None:
        self.dismiss(self._offered)
