"""One verdict on a section's time: over, under or on time, to the second, and how it is said.

The wall, the console's timer, the summary, the record screen, every export and Trends ask
this module, so none of them can say "on time" of a section another calls "over". A section's
time is counted in whole seconds, as its timer shows them (`core.clock.format_countdown`): it
is on time while fewer than one whole second has passed beyond the time it had, over from
then on, and under when it was left before its time was used up. The time it had is its
adjusted minutes when the facilitator gave it more or less (`section_runs.adjusted_minutes`),
else its planned minutes. The difference is shown rounded to the minute, and a difference that
rounds to no minutes is "by under a minute", never "on time".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from meetingkit.core.i18n import _, pgettext


class Verdict(StrEnum):
    """How a section's time went."""

    OVER = "over"
    UNDER = "under"
    ON_TIME = "on time"
    SKIPPED = "skipped"
    """Skipped on purpose, whatever time it had."""
    NOT_REACHED = "not reached"
    UNKNOWN = "unknown"
    """No plan to compare with (a file another tool changed)."""


OVER_FROM_SECONDS = 1
"""A section is over once this many whole seconds have passed beyond the time it had (SQL that
counts overruns, as Trends does, compares with it too)."""


def whole_seconds(difference: float) -> int:
    """A difference between the time spent and the time had, in the whole seconds a timer shows
    (rounded down: 0.9 s beyond is still none)."""
    return math.floor(difference)


def verdict_of(difference: float) -> Verdict:
    """Over, under or on time, for time spent minus time had (seconds; negative: time left)."""
    seconds = whole_seconds(difference)
    if seconds >= OVER_FROM_SECONDS:
        return Verdict.OVER
    return Verdict.UNDER if seconds < 0 else Verdict.ON_TIME


def tenths(seconds: float) -> float:
    """A time spent to a tenth of a second, cut (never rounded up), so that the whole seconds of
    the kept value are those of the time it stands for: 600.96 s is kept as 600.9, still on time
    for a 10-minute section, as the timer showed it."""
    whole = math.floor(seconds)
    return whole + min(9, math.floor((seconds - whole) * 10)) / 10


def amount(seconds: float) -> str:
    """A difference as people say it, rounded to the minute: "3 min", "1 h 05 min", "under a minute"."""
    minutes = int(abs(seconds) / 60 + 0.5)
    if minutes == 0:
        # Translators: a difference in a section's time, "over by under a minute".
        return _("under a minute")
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return _("{minutes} min").format(minutes=minutes)


@dataclass(frozen=True)
class Timing:
    """A section's time against the time it had, with the one verdict on it."""

    verdict: Verdict
    had_seconds: int | None
    """The time it had: adjusted when it was adjusted, else planned; None when unknown."""
    actual_seconds: float | None
    """The time spent in it; None if never reached."""

    @property
    def difference_seconds(self) -> int | None:
        """Whole seconds over (positive) or under (negative); 0 on time; None when there is nothing to compare."""
        if self.verdict in (Verdict.OVER, Verdict.UNDER, Verdict.ON_TIME):
            assert self.had_seconds is not None and self.actual_seconds is not None
            return whole_seconds(self.actual_seconds - self.had_seconds)
        return None

    @property
    def words(self) -> str:
        """The verdict as every screen and document says it: "over by 3 min", "under by under a minute",
        "on time", "skipped", "not reached", "no plan to compare"."""
        difference = self.difference_seconds
        if self.verdict is Verdict.OVER and difference is not None:
            # Translators: a section took longer than its time, "over by 3 min".
            return _("over by {amount}").format(amount=amount(difference))
        if self.verdict is Verdict.UNDER and difference is not None:
            # Under by 0.4 s is under by 1 whole second: the timer still showed 00:01.
            # Translators: a section ended before its time was up, "under by 3 min".
            return _("under by {amount}").format(amount=amount(difference))
        if self.verdict is Verdict.UNKNOWN:
            return _("no plan to compare")
        return verdict_words(self.verdict)


def verdict_words(verdict: Verdict) -> str:
    """A verdict in a word or two, in the language in use: "over", "on time", "skipped"."""
    words = {
        Verdict.OVER: pgettext("section time", "over"),
        Verdict.UNDER: pgettext("section time", "under"),
        Verdict.ON_TIME: pgettext("section time", "on time"),
        Verdict.SKIPPED: pgettext("section time", "skipped"),
        Verdict.NOT_REACHED: pgettext("section time", "not reached"),
        Verdict.UNKNOWN: pgettext("section time", "unknown"),
    }
    return words[verdict]


def section_timing(
    planned_seconds: int | None,
    actual_seconds: float | None,
    *,
    adjusted_seconds: int | None = None,
    skipped: bool = False,
) -> Timing:
    """The verdict on one section.

    Args:
        planned_seconds: The time the agenda gave it; None when the file holds no number there.
        actual_seconds: The time spent in it; None if it was never reached.
        adjusted_seconds: The time it had after the facilitator gave it more or less, if they did.
        skipped: Whether it was skipped on purpose (the verdict is then "skipped", whatever time it had).
    """
    had = adjusted_seconds if adjusted_seconds is not None else planned_seconds
    if skipped:
        return Timing(Verdict.SKIPPED, had, actual_seconds)
    if actual_seconds is None:
        return Timing(Verdict.NOT_REACHED, had, None)
    if had is None:
        return Timing(Verdict.UNKNOWN, None, actual_seconds)
    return Timing(verdict_of(actual_seconds - had), had, actual_seconds)


def live_timing(remaining_seconds: float) -> Timing:
    """The verdict on the section running now, from the seconds left of the time it has (negative
    once used up), as the wall and the console's timer show it."""
    return Timing(verdict_of(-remaining_seconds), 0, -remaining_seconds)


def live_over(remaining_seconds: float) -> bool:
    """Whether the running section is over its time (the timer's overrun style, the wall's "Over time")."""
    return verdict_of(-remaining_seconds) is Verdict.OVER
