"""The live boards: Name the Jargon, the elephant parking lot, turning points."""

from __future__ import annotations

from meetingkit.core.clock import from_iso
from meetingkit.core.models import Attribution, ElephantStatus, OpenElephant
from meetingkit.core.text import jargon_key, sanitise
from meetingkit.store.base import credit_columns
from meetingkit.store.business import BusinessStore

OPEN_ELEPHANT_STATUSES = (ElephantStatus.PARKED.value, ElephantStatus.DISCUSSING.value)


class BoardStore(BusinessStore):
    """What the three boards capture, and what they show."""

    def mention_jargon(
        self,
        meeting_id: str,
        term: str,
        *,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
        confidential: bool = False,
        section_run_id: str | None = None,
    ) -> tuple[str, int]:
        """Put a term on the Name the Jargon board, or add one to its tally if it is there.

        Returns:
            The term's id and how many times it has been raised in this meeting.
        """
        display = sanitise(term)
        key = jargon_key(display)
        if not key:
            raise ValueError("Type the term to add it to the board.")
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> tuple[str, int]:
            partnership_id = self._value("SELECT partnership_id FROM meetings WHERE id = ?", [meeting_id])
            if partnership_id is None:
                raise KeyError(f"no meeting {meeting_id}")
            term_id = self._value(
                "SELECT id FROM jargon_terms WHERE partnership_id = ? AND key = ?", [partnership_id, key]
            )
            if term_id is None:
                term_id = self._insert(
                    "jargon_terms",
                    {"partnership_id": partnership_id, "key": key, "display": display, "confidential": int(confidential)},
                )["id"]
            self._insert(
                "jargon_mentions",
                {
                    "term_id": term_id,
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id,
                    "mentioned_at": self._now(),
                    "confidential": int(confidential),
                    **credit,
                },
            )
            tally = self._value(
                "SELECT count(*) FROM jargon_mentions WHERE term_id = ? AND meeting_id = ?", [term_id, meeting_id]
            )
            return term_id, tally

        return self._write(work)

    def jargon_tallies(self, meeting_id: str) -> list[tuple[str, int]]:
        """This meeting's terms with how often each was raised, most-raised first."""
        rows = self._rows(
            """SELECT t.display, count(*) AS tally FROM jargon_mentions m
               JOIN jargon_terms t ON t.id = m.term_id WHERE m.meeting_id = ?
               GROUP BY t.id ORDER BY tally DESC, t.display COLLATE NOCASE""",
            [meeting_id],
        )
        return [(row["display"], row["tally"]) for row in rows]

    def open_elephants(self, meeting_id: str) -> list[OpenElephant]:
        """Elephants of this partnership still parked or under discussion, oldest first.

        `meetings_waited` counts the partnership's meetings that started after the
        elephant was raised, not counting the meeting asking.
        """
        rows = self._rows(
            """SELECT e.id, e.text, e.status, e.raised_at, e.confidential,
                   (SELECT count(*) FROM meetings m2 WHERE m2.partnership_id = e.partnership_id
                       AND m2.started_at > e.raised_at AND m2.id != m.id) AS waited
               FROM elephants e JOIN meetings m ON m.id = ? AND m.partnership_id = e.partnership_id
               WHERE e.status IN (?, ?) ORDER BY e.raised_at, e.id""",
            [meeting_id, *OPEN_ELEPHANT_STATUSES],
        )
        return [
            OpenElephant(
                id=row["id"],
                text=row["text"],
                status=ElephantStatus(row["status"]),
                raised_at=from_iso(row["raised_at"]),
                meetings_waited=row["waited"],
                confidential=bool(row["confidential"]),
            )
            for row in rows
        ]

    # -- elephants ----------------------------------------------------------------------

    def raise_elephant(
        self,
        meeting_id: str,
        text: str,
        *,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
        confidential: bool = False,
    ) -> str:
        """Name an elephant: it goes to the partnership's parking lot and stays until resolved."""
        text = sanitise(text)
        if not text:
            raise ValueError("Type the elephant to park it.")
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> str:
            partnership_id, section_run_id = self._meeting_context(meeting_id)
            now = self._now()
            elephant = self._insert(
                "elephants",
                {
                    "partnership_id": partnership_id,
                    "text": text,
                    "raised_meeting_id": meeting_id,
                    "raised_section_run_id": section_run_id,
                    "raised_at": now,
                    "status": ElephantStatus.PARKED.value,
                    "confidential": int(confidential),
                    **credit,
                },
            )
            self._insert(
                "elephant_events",
                {"elephant_id": elephant["id"], "meeting_id": meeting_id, "from_status": None,
                 "to_status": ElephantStatus.PARKED.value, "changed_at": now},
            )
            return elephant["id"]

        return self._write(work)

    def set_elephant_status(
        self, elephant_id: str, status: ElephantStatus, *, meeting_id: str | None, note: str = ""
    ) -> None:
        """Move an elephant on (discussing, addressed, let go, or parked again), keeping the history."""
        status = ElephantStatus(status)
        note = sanitise(note)

        def work() -> None:
            previous = self._value("SELECT status FROM elephants WHERE id = ?", [elephant_id])
            if previous is None:
                raise KeyError(f"no elephant {elephant_id}")
            now = self._now()
            closed = status in (ElephantStatus.ADDRESSED, ElephantStatus.LET_GO)
            self._update(
                "elephants",
                elephant_id,
                {
                    "status": status.value,
                    "resolution_note": note if closed else "",
                    "resolved_meeting_id": meeting_id if closed else None,
                    "resolved_at": now if closed else None,
                },
            )
            self._insert(
                "elephant_events",
                {"elephant_id": elephant_id, "meeting_id": meeting_id, "from_status": previous,
                 "to_status": status.value, "note": note, "changed_at": now},
            )

        self._write(work)

    # -- what the boards hold --------------------------------------------------------------

    def board_counts(self, meeting_id: str) -> dict[str, int]:
        """How much each board captured in a meeting, for the summary."""
        row = self._rows(
            """SELECT
                (SELECT count(DISTINCT term_id) FROM jargon_mentions WHERE meeting_id = :m) AS jargon_terms,
                (SELECT count(*) FROM jargon_mentions WHERE meeting_id = :m) AS jargon_mentions,
                (SELECT count(*) FROM jargon_terms t WHERE t.unexplained = 1 AND t.id IN
                    (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)) AS jargon_unexplained,
                (SELECT count(*) FROM elephants WHERE raised_meeting_id = :m) AS elephants_raised,
                (SELECT count(*) FROM elephants WHERE resolved_meeting_id = :m) AS elephants_resolved,
                (SELECT count(*) FROM turning_points WHERE meeting_id = :m) AS turning_points,
                (SELECT count(*) FROM agreements WHERE meeting_id = :m) AS agreements,
                (SELECT count(*) FROM actions WHERE meeting_id = :m) AS actions""",
            {"m": meeting_id},
        )[0]
        return dict(row)
