"""What the wall shows, read from the file, with no Textual: the read model of `meetingkit wall`.

The wall follows whichever meeting is in progress on the file: it never writes, so it cannot
start, move or end one. `WallFollower` remembers the meeting it follows, so that when that
meeting ends the room sees its closing view until another one starts; `WallView` is one
reading of it, taken in one snapshot so its parts agree while another process captures.

What the room may see is the policy's (`core/audience.py`), asked here for the room: an item
it would not show at all (a hidden term or elephant, a confidential agreement or action) is
left out of the view; how each item that stays reads is `core/lines.py`'s, for the same
audience, so the wall shows exactly what projection mode shows. Closed elephants are left
out because the parking lot is of open ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum

from meetingkit.core.audience import Audience, Facts, Kind, Shown, visibility
from meetingkit.core.i18n import N_, _
from meetingkit.core.models import (
    Action,
    Agreement,
    BoardTerm,
    Elephant,
    Meeting,
    MeetingStatus,
    SectionRun,
    WallFace,
)
from meetingkit.core.steering import section_left
from meetingkit.store import Store, StoreError
from meetingkit.usecases.session import SectionClock

WAITING_WORDS = N_("Waiting for a meeting to start…")
"""What the wall says with no meeting in progress: nothing about any partnership."""


class WallState(Enum):
    """Which of its faces the wall shows."""

    WAITING = "waiting"
    """No meeting in progress."""
    RUNNING = "running"
    """A meeting in progress: section, timer, prompts, boards, what was agreed."""
    ENDED = "ended"
    """The meeting it followed has ended: the room's closing view."""
    UNREADABLE = "unreadable"
    """The file could not be read just now (busy, being merged, gone): tried again soon."""


@dataclass(frozen=True)
class WallView:
    """One reading of what the room may see."""

    state: WallState
    message: str = ""
    """Why the wall waits or cannot read, in calm words."""
    partnership: str = ""
    title: str = ""
    """The meeting's title."""
    run: SectionRun | None = None
    """The section the meeting is in (its clock is computed from it as time passes)."""
    section_count: int = 0
    terms: Sequence[BoardTerm] = field(default_factory=tuple)
    """This meeting's jargon board, without the terms hidden from the room."""
    elephants: Sequence[Elephant] = field(default_factory=tuple)
    """The open elephants of the parking lot, without those hidden from the room."""
    agreements: Sequence[Agreement] = field(default_factory=tuple)
    """Agreements the room may see (confidential ones are left out, as in projection)."""
    actions: Sequence[Action] = field(default_factory=tuple)
    """Actions the room may see (confidential ones are left out, as in projection)."""
    join_code: str | None = None
    """The meeting's join code, while the facilitator shows it (`i`)."""
    face: WallFace = WallFace.MEETING
    """What the facilitator has the wall show: the meeting, nothing (`b`), or how to join (`i`)."""

    @property
    def position(self) -> str:
        """"section 3 of 6", or nothing outside a section."""
        if self.run is None:
            return ""
        return _("section {number} of {count}").format(number=self.run.position + 1, count=self.section_count)

    def clock(self, now: datetime) -> SectionClock | None:
        """The section's timer at `now`, computed from the stored timestamps as the console does."""
        if self.run is None:
            return None
        return SectionClock(section_left(self.run, now), self.run.paused_at is not None)


class WallFollower:
    """Follows the meeting in progress on one file, for the wall; reads only."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.meeting_id: str | None = None
        """The meeting followed: the one in progress, or the last one to end while followed."""

    def read(self) -> WallView:
        """What the room may see now; never raises for a problem with the file, never writes."""
        try:
            with self._store.db.snapshot():
                return self._read()
        except StoreError as problem:
            return WallView(WallState.UNREADABLE, message=_calm(problem))
        except Exception:  # noqa: BLE001 - a damaged or vanished file must not put a traceback on the wall
            return WallView(WallState.UNREADABLE, message=_("The meeting file cannot be read just now; trying again."))

    def _read(self) -> WallView:
        followed = self._followed()
        if followed is None or followed.status is not MeetingStatus.RUNNING:
            running = self._store.meetings.running()
            if running:
                followed = running[0]  # the one started last, as the console offers to resume
            if followed is None:
                self.meeting_id = None
                return WallView(WallState.WAITING, message=_("Waiting for a meeting to start…"))
        self.meeting_id = followed.id
        return self._view(followed)

    def _followed(self) -> Meeting | None:
        if self.meeting_id is None:
            return None
        try:
            return self._store.meetings.get(self.meeting_id)
        except KeyError:  # deleted (purged) while on the wall: wait for the next one
            return None

    def _view(self, meeting: Meeting) -> WallView:
        store, meeting_id = self._store, meeting.id
        agreements = tuple(a for a in store.business.agreements(meeting_id) if _for_the_room(Kind.AGREEMENT, a.confidential))
        actions = tuple(a for a in store.business.actions(meeting_id) if _for_the_room(Kind.ACTION, a.confidential))
        closing = WallView(
            WallState.ENDED, partnership=meeting.partnership_name, title=meeting.title,
            agreements=agreements, actions=actions,
        )
        if meeting.status is MeetingStatus.ENDED:
            return closing
        hidden = store.room.moderated(meeting_id)
        runs = store.meetings.section_runs(meeting_id)
        position = meeting.current_position
        return replace(
            closing,
            state=WallState.RUNNING,
            run=runs[position] if 0 <= position < len(runs) else None,
            section_count=len(runs),
            terms=tuple(
                t for t in store.jargon.board_terms(meeting_id)
                if _for_the_room(Kind.TERM, t.confidential, hidden=t.id in hidden.terms)
            ),
            elephants=tuple(
                e for e in store.boards.meeting_elephants(meeting_id)
                if e.is_open and _for_the_room(Kind.ELEPHANT, e.confidential, hidden=e.id in hidden.elephants)
            ),
            join_code=store.room.shown_join_code(meeting_id) if meeting.wall is WallFace.JOIN_CODE else None,
            face=meeting.wall,
        )


def _for_the_room(kind: Kind, confidential: bool, *, hidden: bool = False) -> bool:
    """Whether the room sees the item at all (in full, or as a stand-in keeping its place)."""
    return visibility(kind, Facts(confidential, hidden), Audience.ROOM) is not Shown.NOT_AT_ALL


def _calm(problem: StoreError) -> str:
    """A store's refusal as the wall says it: no stored text is ever in these messages."""
    return _("The meeting file cannot be read just now; trying again. ({problem})").format(problem=problem)


def pages(heights: Sequence[int], rows: int) -> list[range]:
    """Cut items of the given heights (in rows) into pages that each fit in `rows`.

    When there is more than one page, one row of each is kept for the line that says so
    ("+2 more", "page 1 of 2"), so nothing is ever cut off without the room being told.
    An item taller than a page gets a page of its own (it is then cut, and the line says so).
    """
    if rows <= 0 or not heights:
        return [range(0, len(heights))] if heights else []
    if sum(heights) <= rows:
        return [range(0, len(heights))]
    room = max(1, rows - 1)
    result: list[range] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        if used and used + height > room:
            result.append(range(start, index))
            start, used = index, 0
        used += height
    result.append(range(start, len(heights)))
    return result
