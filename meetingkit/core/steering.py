"""Steering a meeting's time, with no Textual and no SQL: where the meeting will finish at this
pace, how far it is behind or ahead of its plan, and how to re-plan what is left.

The rules, in one place for the console, its tests and anything that reports on them:

- A section's time is what it has now (`SectionRun.allowed_minutes`: as adjusted with `>`, `<`
  or a re-plan, else as planned). A skipped section has none left.
- The projected finish is now, plus what is left of the current section (nothing once it is
  over time: it is running over now, and "now" already counts that), plus the time of every
  section not yet begun and not skipped. Sections begun and left count as run.
- The planned finish is when the meeting started, plus every section's planned minutes: the
  plan the meeting was called with. Pauses, overrun and added minutes put the projection
  behind it; skipped, dropped and shortened sections bring it back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from meetingkit.core.clock import describe_time, format_minutes
from meetingkit.core.i18n import _, pgettext
from meetingkit.core.models import SectionRun

WARNING_SECONDS = 120
"""A section's clock shows "2 minutes left" from this many seconds before its time is up."""

SHORT_OF_TIME_SECONDS = 5 * 60
"""When the projected finish is this far past the planned one, the console offers to re-plan."""

SMALLEST_SECTION_MINUTES = 1
"""No steering leaves a section with less than this."""


class Replan(Enum):
    """How the facilitator re-plans the sections still to run when time is short."""

    SHORTEN = "shorten"
    """Take the minutes the meeting is behind from them, evenly."""
    DROP = "drop"
    """Skip one of them (the facilitator chooses which)."""
    RUN_OVER = "run over"
    """Keep them as they are: the meeting finishes late, on purpose."""


@dataclass(frozen=True)
class Projection:
    """Where a meeting in progress stands against its plan, at one instant."""

    left: float
    """Seconds left of the current section's time (negative once over; 0 without a section)."""
    finish: datetime
    """When the meeting will end if every section from now takes the time it has."""
    planned_finish: datetime
    """When the meeting would end by its plan: its start plus every section's planned minutes."""

    @property
    def behind_seconds(self) -> float:
        """How far the projected finish is past the planned one (negative: ahead of plan)."""
        return (self.finish - self.planned_finish).total_seconds()

    @property
    def short_of_time(self) -> bool:
        """Far enough behind that the remaining sections want re-planning."""
        return self.behind_seconds > SHORT_OF_TIME_SECONDS


@dataclass(frozen=True)
class SteeredKind:
    """How often sections of one kind were steered, across a partnership's ended meetings (for Trends)."""

    kind: str
    """welcome, round, discussion, … (`SectionKind`'s value)."""
    sections: int
    """How many sections of this kind the meetings held."""
    shortened: int
    """Given fewer minutes than planned (`<`, or shortened by a re-plan), and not skipped."""
    lengthened: int
    """Given more minutes than planned (`>`), and not skipped."""
    skipped: int
    """Skipped (`s`) or dropped by a re-plan."""


def still_to_run(runs: Sequence[SectionRun], current: int) -> list[SectionRun]:
    """The sections not yet begun, not skipped and not the current one, in agenda order."""
    return [run for run in runs if run.position != current and run.started_at is None and not run.skipped]


def section_left(run: SectionRun | None, now: datetime) -> float:
    """Seconds left of a section's time (negative once over); a skipped section has none."""
    if run is None or run.skipped:
        return 0.0
    return run.allowed_seconds - run.elapsed_seconds(now)


def project(runs: Sequence[SectionRun], current: int, now: datetime, started_at: datetime | None) -> Projection:
    """The meeting's projection at `now` (`started_at`: when it began; None counts from now)."""
    run = next((r for r in runs if r.position == current), None)
    left = section_left(run, now)
    ahead = max(0.0, left) + sum(r.allowed_seconds for r in still_to_run(runs, current))
    start = started_at or now
    planned = sum(r.planned_seconds for r in runs)
    return Projection(left, now + timedelta(seconds=ahead), start + timedelta(seconds=planned))


def minutes_words(seconds: float) -> str:
    """A whole number of minutes, rounded to the nearest: "1 min", "6 min"."""
    return _("{minutes} min").format(minutes=round(abs(seconds) / 60))


def plan_words(projection: Projection) -> str:
    """How the meeting stands against its plan: "6 min behind plan", "3 min ahead of plan", "on plan"."""
    behind = projection.behind_seconds
    if round(abs(behind) / 60) == 0:
        # Translators: a meeting's projected finish is its planned finish (the plan: the agenda's times).
        return _("on plan")
    if behind > 0:
        return _("{minutes} behind plan").format(minutes=minutes_words(behind))
    return _("{minutes} ahead of plan").format(minutes=minutes_words(behind))


def steering_words(projection: Projection) -> str:
    """The console's steering line: "finish ≈ 15:42 · 6 min behind plan"."""
    # Translators: the console's steering line, "finish ≈ 15:42 · 6 min behind plan".
    return _("finish ≈ {time} · {plan}").format(time=describe_time(projection.finish), plan=plan_words(projection))


def smallest_minutes(run: SectionRun, now: datetime) -> int:
    """The fewest minutes `<` may leave the section: at least one, and never less than it has run
    (a section cannot be given less time than it has already had)."""
    run_minutes = math.ceil(run.elapsed_seconds(now) / 60)  # whole minutes, rounded up
    return max(SMALLEST_SECTION_MINUTES, run_minutes)


def shorten_evenly(minutes: Sequence[int], cut: int, *, floor: int = SMALLEST_SECTION_MINUTES) -> list[int]:
    """Take `cut` minutes from sections of `minutes` as evenly as their floor allows.

    A minute at a time from each in turn, from the first, skipping one at its floor; when every
    section is at its floor, what is left of the cut is not taken (the meeting runs over by it).
    """
    shortened = list(minutes)
    left = max(0, cut)
    while left > 0 and any(m > floor for m in shortened):
        for index, value in enumerate(shortened):
            if left == 0:
                break
            if value > floor:
                shortened[index] = value - 1
                left -= 1
    return shortened


def cut_needed(projection: Projection) -> int:
    """The whole minutes to take from the remaining sections to finish by the plan (0 when on or ahead)."""
    behind = projection.behind_seconds
    return 0 if behind <= 0 else math.ceil(behind / 60)


def section_choice(run: SectionRun, current: int, now: datetime) -> str:
    """A section as the chooser lists it: "3. Round · 10 min planned · 12 min run", with "now 8 min"
    when its time was changed, and whether it is the current one or skipped."""
    words = [f"{run.position + 1}. {run.title}",
             _("{minutes} min planned").format(minutes=run.planned_minutes)]
    if run.adjusted_minutes is not None and run.adjusted_minutes != run.planned_minutes:
        # Translators: a section's time as changed during the meeting, "now 8 min".
        words.append(_("now {minutes} min").format(minutes=run.adjusted_minutes))
    if run.started_at is not None:
        # Translators: how long a section has run so far, "12 min run".
        words.append(_("{duration} run").format(duration=format_minutes(run.elapsed_seconds(now))))
    if run.skipped:
        words.append(pgettext("section", "skipped"))
    if run.position == current:
        # Translators: the section the meeting is in now.
        words.append(_("here now"))
    return " · ".join(words)
