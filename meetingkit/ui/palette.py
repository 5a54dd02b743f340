"""The command palette (ctrl+p) in both languages: it shows each command in the interface's
language, and finds it by its English name too.

A facilitator who learned the console in English, or reads the English guide, types
"glossary" and still finds « Glossaire ». The app lists each command with the English it
was written in (`MeetingkitApp.palette_commands`); this provider, which takes the place of
Textual's `SystemCommandsProvider`, matches the query against both and always shows the
command's title in the language in use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen


class Bilingual(Protocol):
    """An app that lists its palette commands with their English titles."""

    def palette_commands(self, screen: Screen[object]) -> Iterable[tuple[str, SystemCommand]]:
        """Each command, with its title as written in English."""
        ...


class BilingualCommands(Provider):
    """The app's commands, shown in the interface's language, found by either language's title."""

    def _commands(self) -> list[tuple[str, SystemCommand]]:
        app = self.app
        if hasattr(app, "palette_commands"):
            return list(app.palette_commands(self.screen))
        return [(command.title, command) for command in app.get_system_commands(self.screen)]

    async def discover(self) -> Hits:
        """Every command, in alphabetical order of what is shown, before anything is typed."""
        for _english, command in sorted(self._commands(), key=lambda pair: pair[1].title.casefold()):
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        """The commands whose shown title, or English title, matches what was typed."""
        matcher = self.matcher(query)
        for english, command in self._commands():
            shown_score = matcher.match(command.title)
            english_score = matcher.match(english) if english != command.title else 0.0
            score = max(shown_score, english_score)
            if score <= 0:
                continue
            # The shown title is highlighted where the query matched it; found by its English
            # name instead, it is shown plainly (the English is not on screen to highlight).
            shown = matcher.highlight(command.title) if shown_score >= english_score else Content(command.title)
            yield Hit(score, shown, command.callback, text=command.title, help=command.help)
