"""Participants in the room: the meeting's join code, moderation, and what a participant may see.

A participant joins from a browser (`meetingkit serve`) with the code the facilitator
shows on the projection, and may then add jargon terms and elephants to that one
meeting and see its boards as the room sees them. Everything here is shaped so that a
participant's process can only ever read what is already on the wall: no confidential
item, nothing hidden by the facilitator, no names of people, no other meeting.

Moderation (`hidden`) is about the room's view only: a hidden item vanishes from the
projection and from participants' screens, stays on the facilitator's own screen marked
hidden, and is kept in the record like everything else. It is never deleted.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from meetingkit.core.clock import from_iso, to_iso
from meetingkit.core.i18n import _
from meetingkit.core.join_codes import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalise_code
from meetingkit.core.models import ElephantStatus, MeetingStatus, Organisation
from meetingkit.store.boards import OPEN_ELEPHANT_STATUSES, Boards
from meetingkit.store.database import Database
from meetingkit.store.jargon import Jargon
from meetingkit.store.meetings import Meetings
from meetingkit.store.partnerships import Partnerships

JOIN_ATTEMPTS_KEPT = timedelta(days=1)
"""Older attempts are pruned: they only ever served to slow down guessing."""

FREE_TRIES_HERE = 3
"""Wrong codes one browser may type without waiting (typos happen)."""

MAX_WAIT_HERE = 60.0
"""The longest one browser waits between tries, in seconds."""

FREE_TRIES_FROM_ONE_PLACE = 5
"""Wrong codes from one place (one address, whatever number of browsers it opens), within
`ONE_PLACE_WINDOW`, before each try from there waits."""

MAX_WAIT_FROM_ONE_PLACE = 300.0
"""The longest one place waits between tries: at most about a dozen guesses an hour from there."""

ONE_PLACE_WINDOW = timedelta(hours=1)
"""Wrong codes from one place within this window count together (longer than its longest wait,
so a patient guesser never gets back to the free tries)."""

ROOM_CEILING = 20
"""Wrong codes from everywhere together within `ROOM_WINDOW` before anyone's next try waits.

Far above what one place can reach under its own wait, so one person guessing never slows
anyone else down; it bounds guessing from many places at once (about 29,000 codes a day
out of 11 million)."""

ROOM_WINDOW = timedelta(minutes=1)


class TooSoon(Exception):
    """A join code was tried while a wait after wrong codes was still running."""

    def __init__(self, seconds: float) -> None:
        super().__init__(_("try again in {seconds} s").format(seconds=f"{seconds:.0f}"))
        self.seconds = seconds


def wait_for(failures: int, free: int, longest: float) -> float:
    """Seconds to wait after the last of `failures` wrong codes: none for the first `free`,
    then doubling from 2 s up to `longest`."""
    if failures < free:
        return 0.0
    return min(longest, 2.0 ** (failures - free + 1))


@dataclass(frozen=True)
class RoomMeeting:
    """The meeting as a participant sees it: what the projection's title line already shows."""

    id: str
    partnership_id: str
    partnership_name: str
    title: str
    running: bool


@dataclass(frozen=True)
class RoomTerm:
    """A term on the room's board: nothing confidential, nobody named."""

    id: str
    display: str
    tally: int
    unexplained: bool
    explained: tuple[str, ...] = ()
    """Its expansion, meanings (with the organisation whose meaning it is), plain words, same-as."""


@dataclass(frozen=True)
class RoomElephant:
    """An open elephant as the room sees it: its words and whether it is being discussed."""

    id: str
    text: str
    status: ElephantStatus


@dataclass(frozen=True)
class Moderated:
    """What the facilitator has hidden from the room, for marking on their own screen."""

    terms: frozenset[str] = frozenset()
    """Terms hidden on this meeting's board."""
    elephants: frozenset[str] = frozenset()
    """Elephants hidden from the room (an elephant belongs to the partnership, so in every meeting)."""


class Room:
    """Join codes, the throttle on wrong ones, moderation, and the participant-safe reads and captures."""

    def __init__(
        self, db: Database, partnerships: Partnerships, meetings: Meetings, jargon: Jargon, boards: Boards
    ) -> None:
        self.db = db
        self.partnerships = partnerships
        self.meetings = meetings
        self.jargon = jargon
        self.boards = boards

    # -- the join code ----------------------------------------------------------------------

    def shown_join_code(self, meeting_id: str) -> str | None:
        """The meeting's join code if the facilitator has made one (`i`), without making one: for the wall."""
        code = self.db.value("SELECT join_code FROM meetings WHERE id = ? AND status = 'running'", [meeting_id])
        return str(code) if code else None

    def join_code(self, meeting_id: str, *, new: bool = False) -> str:
        """The meeting's join code, made the first time it is asked for; `new` replaces it.

        A replaced code stops working at once for anyone not yet in; those already in stay in.

        Raises:
            MeetingEnded: the meeting is over; nobody can join it.
        """

        def work() -> str:
            self.meetings.refuse_if_ended(meeting_id)
            code = self.db.value("SELECT join_code FROM meetings WHERE id = ?", [meeting_id])
            if code and not new:
                return code
            while True:  # a clash with another running meeting is unlikely, but would let the wrong room in
                code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _place in range(JOIN_CODE_LENGTH))
                if not self.db.value(
                    "SELECT 1 FROM meetings WHERE join_code = ? AND status = 'running'", [code]
                ):
                    break
            self.db.update("meetings", meeting_id, {"join_code": code})
            return code

        return self.db.write(work)

    def join_wait(
        self, failures_here: int = 0, last_failure_here: datetime | None = None, source: str | None = None
    ) -> float:
        """Seconds before the next code may be tried from this browser (0: now).

        The largest of three waits: this browser's own, growing with its wrong codes; its
        place's (`source`, the server's opaque key for the address it connects from), growing
        with the wrong codes from there in the last `ONE_PLACE_WINDOW`, so opening a new
        connection does not start afresh; and the room's ceiling, only once `ROOM_CEILING`
        wrong codes came from everywhere within `ROOM_WINDOW`. So one person guessing waits
        longer and longer, and everyone else gets in at once.
        """
        now = self.db.clock.now()
        waits = [0.0]
        if last_failure_here is not None:
            wait = wait_for(failures_here, FREE_TRIES_HERE, MAX_WAIT_HERE)
            waits.append(wait - (now - last_failure_here).total_seconds())
        if source is not None:
            row = self.db.rows(
                "SELECT count(*) AS wrong, max(attempted_at) AS latest FROM join_attempts"
                " WHERE succeeded = 0 AND source = ? AND attempted_at > ?",
                [source, to_iso(now - ONE_PLACE_WINDOW)],
            )[0]
            if row["wrong"]:
                wait = wait_for(row["wrong"], FREE_TRIES_FROM_ONE_PLACE, MAX_WAIT_FROM_ONE_PLACE)
                latest = from_iso(row["latest"])
                assert latest is not None
                waits.append(wait - (now - latest).total_seconds())
        oldest_counted = self.db.value(  # the ceiling-th most recent wrong code within the window
            "SELECT attempted_at FROM join_attempts WHERE succeeded = 0 AND attempted_at > ?"
            " ORDER BY attempted_at DESC LIMIT 1 OFFSET ?",
            [to_iso(now - ROOM_WINDOW), ROOM_CEILING - 1],
        )
        if oldest_counted is not None:
            oldest = from_iso(oldest_counted)
            assert oldest is not None
            waits.append((oldest + ROOM_WINDOW - now).total_seconds())
        return max(waits)

    def attempt_join(
        self,
        typed: str,
        failures_here: int = 0,
        last_failure_here: datetime | None = None,
        source: str | None = None,
    ) -> str | None:
        """Try a code: the running meeting it opens, or None. Every try is recorded, so that
        wrong ones from one place, and from all of them, slow guessing down (`join_wait`); old
        tries are pruned. A wrong one keeps its `source`, a right one does not: nothing in the
        file links a participant who got in to where they came from.

        Raises:
            TooSoon: a wait is running (this browser's, or everyone's); the code was not
                looked at. Checked inside the write lock, so browsers trying at the same
                moment cannot all slip through one gap.
        """
        code = normalise_code(typed)

        def work() -> str | None:
            wait = self.join_wait(failures_here, last_failure_here, source)
            if wait > 0:
                raise TooSoon(wait)
            meeting_id = None
            if len(code) == JOIN_CODE_LENGTH:
                meeting_id = self.db.value(
                    "SELECT id FROM meetings WHERE join_code = ? AND status = 'running'", [code]
                )
            now = self.db.clock.now()
            self.db.execute(
                "DELETE FROM join_attempts WHERE attempted_at < ?", [to_iso(now - JOIN_ATTEMPTS_KEPT)]
            )
            self.db.insert(
                "join_attempts",
                {
                    "meeting_id": meeting_id,
                    "succeeded": int(meeting_id is not None),
                    "attempted_at": to_iso(now),
                    "source": source if meeting_id is None else None,
                },
            )
            return meeting_id

        return self.db.write(work)

    # -- moderation -------------------------------------------------------------------------

    def set_term_hidden(self, meeting_id: str, term_id: str, hidden: bool) -> None:
        """Hide a term from the room on this meeting's board (or show it again); nothing is deleted.

        A term is hidden on a board while any of its mentions there is hidden, so raising it
        again (from a browser, or with `j`) does not bring it back; showing it clears them all.
        """

        def work() -> None:
            for (mention_id,) in self.db.rows(
                "SELECT id FROM jargon_mentions WHERE meeting_id = ? AND term_id = ? AND hidden != ?",
                [meeting_id, term_id, int(hidden)],
            ):
                self.db.update("jargon_mentions", mention_id, {"hidden": int(hidden)})

        self.db.write(work)

    def set_elephant_hidden(self, elephant_id: str, hidden: bool) -> None:
        """Hide an elephant from the room (or show it again); it stays in the parking lot's record."""

        def work() -> None:
            if self.db.value("SELECT hidden FROM elephants WHERE id = ?", [elephant_id]) is None:
                raise KeyError(f"no elephant {elephant_id}")
            self.db.update("elephants", elephant_id, {"hidden": int(hidden)})

        self.db.write(work)

    def moderated(self, meeting_id: str) -> Moderated:
        """The terms hidden on this meeting's board, and the partnership's hidden elephants."""
        terms = self.db.rows(
            "SELECT DISTINCT term_id FROM jargon_mentions WHERE meeting_id = ? AND hidden = 1", [meeting_id]
        )
        elephants = self.db.rows(
            """SELECT e.id FROM elephants e JOIN meetings m ON m.partnership_id = e.partnership_id
               WHERE m.id = ? AND e.hidden = 1""",
            [meeting_id],
        )
        return Moderated(frozenset(row[0] for row in terms), frozenset(row[0] for row in elephants))

    # -- what a participant sees ----------------------------------------------------------------

    def meeting(self, meeting_id: str) -> RoomMeeting:
        """The meeting's title line, and whether it is still running."""
        meeting = self.meetings.get(meeting_id)
        return RoomMeeting(
            id=meeting.id,
            partnership_id=meeting.partnership_id,
            partnership_name=meeting.partnership_name,
            title=meeting.title,
            running=meeting.status is MeetingStatus.RUNNING,
        )

    def terms(self, meeting_id: str) -> list[RoomTerm]:
        """This meeting's Name the Jargon board as the room sees it, most raised first:
        no confidential term, meaning or same-as name, nothing hidden, nobody named."""
        hidden = self.moderated(meeting_id).terms
        terms = []
        for term in self.jargon.board_terms(meeting_id):
            if term.confidential or term.id in hidden:
                continue
            explained = [term.expansion] if term.expansion else []
            explained += [
                f"{meaning.organisation}: {meaning.meaning}" if meaning.organisation else meaning.meaning
                for meaning in term.meanings
                if not meaning.confidential
            ]
            if term.plain_words:
                explained.append(f"plainly: {term.plain_words}")
            same_as = term.shown_same_as(include_confidential=False)
            if same_as:
                explained.append("same as " + ", ".join(same_as))
            terms.append(RoomTerm(term.id, term.display, term.tally, term.unexplained, tuple(explained)))
        return terms

    def elephants(self, meeting_id: str) -> list[RoomElephant]:
        """The parking lot as the room sees it: open elephants, oldest first, none confidential or hidden.

        Only their words and status: not who raised them, when, or in which meeting.
        """
        rows = self.db.rows(
            """SELECT e.id, e.text, e.status FROM elephants e
               JOIN meetings m ON m.id = ? AND m.partnership_id = e.partnership_id
               WHERE e.status IN (?, ?) AND e.confidential = 0 AND e.hidden = 0
               ORDER BY e.raised_at, e.rowid""",
            [meeting_id, *OPEN_ELEPHANT_STATUSES],
        )
        return [RoomElephant(row["id"], row["text"], ElephantStatus(row["status"])) for row in rows]

    def organisations(self, meeting_id: str) -> list[Organisation]:
        """The organisations a participant may see and credit an entry to: the meeting's partnership's,
        less any known only from confidential items."""
        partnership_id = self.meetings.get(meeting_id).partnership_id
        return self.partnerships.organisations(partnership_id, include_confidential=False)
