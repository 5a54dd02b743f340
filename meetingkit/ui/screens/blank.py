"""`b`: a black screen for when the room should look at each other, not the wall."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class BlankScreen(Screen[None]):
    """Shows nothing; any key brings the meeting back."""

    DEFAULT_CSS = """
    BlankScreen { background: black; }
    """

    async def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)
