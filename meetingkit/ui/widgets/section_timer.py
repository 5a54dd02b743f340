"""The big countdown for the current section, readable from the back of the room."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Digits

from meetingkit.core.clock import format_countdown
from meetingkit.core.timing import live_over


class SectionTimer(Digits):
    """Counts the section's timebox down, then up as overrun ("+01:05") in another style.

    The screen sets `remaining` from the stored timestamps; this widget only draws.
    """

    DEFAULT_CSS = """
    SectionTimer {
        width: auto;
        color: $text;
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
        self.set_class(live_over(remaining), "-overrun")

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
