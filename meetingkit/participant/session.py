"""What a participant's browser may do, and nothing more: no Textual here, so it is testable alone.

The participant app never touches the store directly. It holds a `RoomSession`, which
knows one meeting (once the right code was typed) and offers only the participant-safe
reads of `store.room` and the captures of `usecases.room`: no history, no other meetings, no review, no
confidential or hidden items, no names of people, no notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from meetingkit.core.models import Organisation
from meetingkit.core.text import sanitise
from meetingkit.store import Store
from meetingkit.store.participants import RoomElephant, RoomMeeting, RoomTerm, TooSoon
from meetingkit.usecases import room


class Joined(Enum):
    """How a try at the join code went."""

    JOINED = "joined"
    WRONG = "wrong"
    WAIT = "wait"
    """Too soon after wrong codes: the code was not even looked at."""
    EMPTY = "empty"


@dataclass(frozen=True)
class JoinOutcome:
    result: Joined
    wait: float = 0.0
    """Seconds before the next try is looked at (after a wrong code, or when told to wait)."""


class RoomSession:
    """One browser's connection to one meeting."""

    def __init__(self, store: Store, source: str | None = None) -> None:
        self._store = store
        self.source = source
        """Where this browser connects from, as `meetingkit serve`'s opaque key (None outside it):
        wrong codes from one place count together, whatever number of browsers it opens."""
        self.meeting_id: str | None = None
        """The meeting joined; None until the right code was typed."""
        self.failures = 0
        """Wrong codes typed in this browser."""
        self.last_failure: datetime | None = None
        self._own: dict[str, RoomTerm] = {}
        """Terms this participant added that the room does not see (confidential or hidden), by id."""

    # -- joining ----------------------------------------------------------------------------

    def wait(self) -> float:
        """Seconds before a code may be tried (0: now)."""
        return self._store.room.join_wait(self.failures, self.last_failure, self.source)

    def join(self, code: str) -> JoinOutcome:
        """Try a code. While a wait is running, the code is not checked at all."""
        if not code.strip():
            return JoinOutcome(Joined.EMPTY)
        wait = self.wait()
        if wait > 0:
            return JoinOutcome(Joined.WAIT, wait)
        try:
            meeting_id = self._store.room.attempt_join(code, self.failures, self.last_failure, self.source)
        except TooSoon as too_soon:  # another browser's wrong code landed a moment ago
            return JoinOutcome(Joined.WAIT, too_soon.seconds)
        if meeting_id is None:
            self.failures += 1
            self.last_failure = self._store.clock.now()
            return JoinOutcome(Joined.WRONG, self.wait())
        self.meeting_id = meeting_id
        return JoinOutcome(Joined.JOINED)

    # -- the one meeting ------------------------------------------------------------------

    def _joined(self) -> str:
        if self.meeting_id is None:
            raise PermissionError("Type the meeting's code first.")
        return self.meeting_id

    def meeting(self) -> RoomMeeting:
        return self._store.room.meeting(self._joined())

    def terms(self) -> list[RoomTerm]:
        """The room's board, plus this participant's own entries the room does not see."""
        shown = self._store.room.terms(self._joined())
        ids = {term.id for term in shown}
        return shown + [term for term_id, term in self._own.items() if term_id not in ids]

    def elephants(self) -> list[RoomElephant]:
        return self._store.room.elephants(self._joined())

    def organisations(self) -> list[Organisation]:
        return self._store.room.organisations(self._joined())

    def add_term(self, text: str, organisation_id: str | None = None) -> RoomTerm:
        """Add a term; returns it as this participant now sees it.

        A phrase that is a confidential or moderated term is counted on that term, but the
        room still sees nothing of it; this participant sees their own entry exactly as a new
        term would look (their words, unexplained, counted once per time they added it), so
        the answer never tells them that such a term exists.
        """
        term_id = room.add_term(self._store, self._joined(), text, organisation_id)
        shown = next((term for term in self._store.room.terms(self._joined()) if term.id == term_id), None)
        if shown is not None:
            return shown
        earlier = self._own.get(term_id)
        own = RoomTerm(term_id, earlier.display if earlier else sanitise(text), (earlier.tally if earlier else 0) + 1, True)
        self._own[term_id] = own
        return own

    def add_elephant(self, text: str, organisation_id: str | None = None) -> str:
        return room.add_elephant(self._store, self._joined(), text, organisation_id)

    def changed(self) -> bool:
        """True once after someone else (the facilitator, another browser) saved something."""
        return self._store.changed_elsewhere()
