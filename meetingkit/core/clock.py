"""The one source of time: wall-clock instants in UTC, and a monotonic clock for timers.

Every timestamp meetingkit stores comes from here, so a test can freeze time by
handing the app a `FrozenClock`.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from meetingkit.core.i18n import _
from meetingkit.core.localise import day_text, time_text


class Clock:
    """Real time."""

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never jumps; for measuring spans."""
        return time.monotonic()


class FrozenClock(Clock):
    """Time that moves only when told to; for tests and demos."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)
        self._monotonic = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        self._now += timedelta(seconds=seconds)
        self._monotonic += seconds


def to_iso(instant: datetime) -> str:
    """Format an instant the way the database stores it: UTC, ISO-8601, milliseconds, `Z`.

    The fixed width keeps the strings sortable as text.
    """
    if instant.tzinfo is None:
        raise ValueError("refusing to store a naive datetime: its timezone is unknown")
    utc = instant.astimezone(UTC)
    # The year by hand: strftime's %Y does not pad a year before 1000 on every system.
    return f"{utc.year:04d}" + utc.strftime("-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def to_the_minute(stamp: str) -> str:
    """A stored timestamp with its seconds dropped: "2026-11-24T14:05:00.000Z"."""
    return stamp[:16] + ":00.000Z" if len(stamp) >= 16 else stamp


def from_iso(text: str | None) -> datetime | None:
    """Read a stored timestamp back as an aware UTC datetime (None stays None)."""
    if not text:
        return None
    return datetime.fromisoformat(text).astimezone(UTC)


def local(instant: datetime) -> datetime:
    """The same instant in this machine's local timezone, for display."""
    return instant.astimezone()


def describe_day(instant: datetime | None, *, today: datetime | None = None) -> str:
    """A local date as people read it: "Tue 24 Nov 2026" ("today", "yesterday" when close), in the
    language in use ("mar. 24 nov. 2026", "aujourd’hui", "hier")."""
    if instant is None:
        # Translators: a meeting's date when it has not begun yet.
        return _("not started")
    day = local(instant).date()
    if today is not None:
        current = local(today).date()
        if day == current:
            return _("today")
        if (current - day).days == 1:
            return _("yesterday")
    return day_text(day, "short-year")


def screen_day(day: date, *, today: date | None) -> str:
    """A day on a screen: "Wed 02 Dec" when it falls in this year (today's, the local date the
    caller read from its clock), "Wed 02 Dec 2027" in any other, so a date a year out never
    reads like this week. Without a today the year is always said."""
    return day_text(day, "short" if today is not None and day.year == today.year else "short-year")


def is_overdue(due_on: date | None, *, today: date | None, status: str = "open") -> bool:
    """Whether an action is overdue: still to be done (open, or carried on to a later meeting)
    and due before today. A carried action counts by its due date like any other."""
    return (due_on is not None and today is not None and due_on < today
            and status in ("open", "carried"))


def describe_moment(instant: datetime) -> str:
    """A local date and time as people read it: "Tue 24 Nov 2026, 14:00" ("mar. 24 nov. 2026 à 14 h 00")."""
    moment = local(instant)
    # Translators: a day ("Tue 24 Nov 2026") and a clock time ("14:00").
    return _("{day}, {time}").format(day=day_text(moment.date(), "short-year"), time=time_text(moment))


def describe_time(instant: datetime | None) -> str:
    """A local clock time, "14:05" ("14 h 05" in French)."""
    return "" if instant is None else time_text(local(instant))


def format_countdown(remaining_seconds: float) -> str:
    """A timer face: "12:30" while time is left, "+01:05" once the timebox is used up.

    Whole seconds are shown rounded up while counting down (so "00:01" is the last
    second, never "00:00" with time left), and rounded down when over.
    """
    if remaining_seconds > 0:
        total = int(-(-remaining_seconds // 1))
        sign = ""
    else:
        total = int(-remaining_seconds // 1)
        sign = "+" if total else ""  # within the last whole second of its time: on time (`core.timing`)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    face = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
    return sign + face


def format_minutes(seconds: float) -> str:
    """A duration for summaries: "12 min", "1 h 05 min", "<1 min"."""
    minutes = int(round(seconds / 60))
    if seconds and minutes == 0:
        # Translators: a duration shorter than a minute, where space is short.
        return _("<1 min")
    hours, minutes = divmod(minutes, 60)
    if hours:
        # Translators: a duration, "1 h 05 min" (the minutes always in two digits).
        return _("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    # Translators: a duration in minutes, "12 min".
    return _("{minutes} min").format(minutes=minutes)
