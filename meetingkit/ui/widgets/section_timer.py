"""The big countdown for the current section, readable from the back of the room."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Digits

from meetingkit.core.clock import format_countdown
from meetingkit.core.steering import WARNING_SECONDS
from meetingkit.core.timing import live_over


class SectionTimer(Digits):
    """Counts the section's timebox down, then up as overrun ("+01:05") in another style; its last
    two minutes in a calm colour of their own (the screen says "2 minutes left" beside it).

    The screen sets `remaining` from the stored timestamps; this widget only draws.
    """

    DEFAULT_CSS = """
    SectionTimer {
        width: auto;
        color: $text;
    }
    SectionTimer.-nearly-up {
        color: $accent;
    }
    SectionTimer.-overrun {
        color: $warning;
        text-style: bold;
    }
    SectionTimer.-paused {
        color: $text-muted;
    }
    """

    remaining: reactive[float] = reactive(0.0)
    """Seconds left in the timebox; negative once it is used up."""
    paused: reactive[bool] = reactive(False)
    """Whether the section's clock is stopped."""

    def watch_remaining(self, remaining: float) -> None:
        face = format_countdown(remaining)
        if face != self.value:
            self.update(face)
        over = live_over(remaining)
        self.set_class(over, "-overrun")
        self.set_class(not over and remaining <= WARNING_SECONDS, "-nearly-up")

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
