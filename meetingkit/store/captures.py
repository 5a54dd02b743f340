"""What a meeting captures: jargon, agreements, actions, and what carries over."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Attribution,
    ElephantStatus,
    OpenElephant,
)
from meetingkit.core.summary import build_summary
from meetingkit.core.text import jargon_key, sanitise, split_attendee
from meetingkit.store.meetings import MeetingStore

OPEN_ELEPHANT_STATUSES = (ElephantStatus.PARKED.value, ElephantStatus.DISCUSSING.value)


class CaptureStore(MeetingStore):
    """The boards and the business of a meeting."""

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
        credit = _credit(attribution, person_id, organisation_id)

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


    def _meeting_context(self, meeting_id: str) -> tuple[str, str | None]:
        """Inside a write: the meeting's partnership and its current section run."""
        rows = self._rows(
            """SELECT m.partnership_id, s.id AS section_run_id FROM meetings m
               LEFT JOIN section_runs s ON s.meeting_id = m.id AND s.position = m.current_position
               WHERE m.id = ?""",
            [meeting_id],
        )
        if not rows:
            raise KeyError(f"no meeting {meeting_id}")
        return rows[0]["partnership_id"], rows[0]["section_run_id"]

    def resolve_owner(self, meeting_id: str, owner: str) -> tuple[str | None, str | None]:
        """Who an action's typed owner is: (person id, organisation id), at most one set.

        An attendee's label or name, then one of the partnership's organisations (any
        case); otherwise "name, organisation" is read as at the door and remembered.
        """
        owner = sanitise(owner)
        if not owner:
            return None, None
        wanted = owner.casefold()
        for person in self.attendees(meeting_id):
            if wanted in (person.label.casefold(), (person.name or "").casefold()):
                return person.id, None
        partnership_id = self.meeting(meeting_id).partnership_id
        organisations = self.organisations(partnership_id)
        for organisation in organisations:
            if organisation.name.casefold() == wanted:
                return None, organisation.id
        name, organisation_name = split_attendee(owner, [o.name for o in organisations])
        if name is None and organisation_name:
            return None, self.ensure_organisation(partnership_id, organisation_name).id
        return self.add_person(partnership_id, name, organisation_name).id, None

    # -- agreements ---------------------------------------------------------------

    def add_agreement(
        self,
        meeting_id: str,
        text: str,
        *,
        party_organisation_ids: Iterable[str] = (),
        review_on: date | None = None,
        confidential: bool = False,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
    ) -> Agreement:
        """Record a shared understanding, the organisations party to it, and when to review it."""
        text = sanitise(text)
        if not text:
            raise ValueError("Type the agreement to save it.")
        credit = _credit(attribution, person_id, organisation_id)
        parties = list(dict.fromkeys(party_organisation_ids))

        def work() -> str:
            partnership_id, section_run_id = self._meeting_context(meeting_id)
            agreement = self._insert(
                "agreements",
                {
                    "partnership_id": partnership_id,
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id,
                    "text": text,
                    "review_on": review_on.isoformat() if review_on else None,
                    "status": AgreementStatus.ACTIVE.value,
                    "confidential": int(confidential),
                    **credit,
                },
            )
            for organisation in parties:
                self._insert(
                    "agreement_parties", {"agreement_id": agreement["id"], "party_organisation_id": organisation}
                )
            return agreement["id"]

        agreement_id = self._write(work)
        return next(a for a in self._agreement_rows("a.id = ?", [agreement_id]))

    def agreements(self, meeting_id: str, *, include_confidential: bool = True) -> list[Agreement]:
        """The agreements reached in one meeting, in the order they were made."""
        where = "a.meeting_id = ?" + ("" if include_confidential else " AND a.confidential = 0")
        return self._agreement_rows(where, [meeting_id])

    def _agreement_rows(self, where: str, params: list[Any]) -> list[Agreement]:
        rows = self._rows(
            f"""SELECT a.*, (SELECT group_concat(name, char(31)) FROM (
                    SELECT o.name FROM agreement_parties ap JOIN organisations o ON o.id = ap.party_organisation_id
                    WHERE ap.agreement_id = a.id ORDER BY o.name COLLATE NOCASE)) AS party_names
                FROM agreements a WHERE {where} ORDER BY a.created_at, a.id""",
            params,
        )
        return [
            Agreement(
                id=row["id"],
                meeting_id=row["meeting_id"],
                text=row["text"],
                parties=tuple(row["party_names"].split("\x1f")) if row["party_names"] else (),
                review_on=date.fromisoformat(row["review_on"]) if row["review_on"] else None,
                status=AgreementStatus(row["status"]),
                confidential=bool(row["confidential"]),
                created_at=from_iso(row["created_at"]),
            )
            for row in rows
        ]

    # -- actions --------------------------------------------------------------------

    def add_action(
        self,
        meeting_id: str,
        text: str,
        *,
        owner_person_id: str | None = None,
        owner_organisation_id: str | None = None,
        due_on: date | None = None,
        confidential: bool = False,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        organisation_id: str | None = None,
    ) -> Action:
        """Record something someone will do; the owner is a person or an organisation (or not yet known)."""
        text = sanitise(text)
        if not text:
            raise ValueError("Type the action to save it.")
        if owner_person_id and owner_organisation_id:
            raise ValueError("An action has one owner: a person or an organisation.")
        credit = _credit(attribution, person_id, organisation_id)

        def work() -> str:
            partnership_id, section_run_id = self._meeting_context(meeting_id)
            return self._insert(
                "actions",
                {
                    "partnership_id": partnership_id,
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id,
                    "text": text,
                    "owner_person_id": owner_person_id,
                    "owner_organisation_id": owner_organisation_id,
                    "due_on": due_on.isoformat() if due_on else None,
                    "status": ActionStatus.OPEN.value,
                    "opened_at": self._now(),
                    "confidential": int(confidential),
                    **credit,
                },
            )["id"]

        return self.action(self._write(work))

    _ACTION_SELECT = """
        SELECT a.*, coalesce(
                CASE WHEN p.name IS NOT NULL AND po.name IS NOT NULL THEN p.name || ', ' || po.name END,
                p.name, po.name, o.name, '') AS owner_label,
            m.title AS meeting_title, m.started_at AS meeting_started_at
        FROM actions a
        LEFT JOIN people p ON p.id = a.owner_person_id
        LEFT JOIN organisations po ON po.id = p.organisation_id
        LEFT JOIN organisations o ON o.id = a.owner_organisation_id
        LEFT JOIN meetings m ON m.id = a.meeting_id
    """

    def _action(self, row: Any) -> Action:
        return Action(
            id=row["id"],
            meeting_id=row["meeting_id"],
            text=row["text"],
            owner=row["owner_label"],
            due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
            status=ActionStatus(row["status"]),
            confidential=bool(row["confidential"]),
            opened_at=from_iso(row["opened_at"]),
            carried=row["carried_from_id"] is not None,
            meeting_title=row["meeting_title"] or "",
            meeting_started_at=from_iso(row["meeting_started_at"]),
        )

    def action(self, action_id: str) -> Action:
        """One action with its owner's name."""
        rows = self._rows(self._ACTION_SELECT + " WHERE a.id = ?", [action_id])
        if not rows:
            raise KeyError(f"no action {action_id}")
        return self._action(rows[0])

    def actions(self, meeting_id: str, *, include_confidential: bool = True) -> list[Action]:
        """The actions agreed in one meeting (carried ones included), in the order they were made."""
        where = " WHERE a.meeting_id = ?" + ("" if include_confidential else " AND a.confidential = 0")
        rows = self._rows(self._ACTION_SELECT + where + " ORDER BY a.created_at, a.id", [meeting_id])
        return [self._action(row) for row in rows]

    def close_action(self, action_id: str, status: ActionStatus, meeting_id: str | None) -> None:
        """Mark an action done or dropped, noting the meeting where that was decided."""
        status = ActionStatus(status)
        if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
            raise ValueError("An action is closed as done or dropped.")

        def work() -> None:
            self._update(
                "actions",
                action_id,
                {"status": status.value, "closed_at": self._now(), "closed_meeting_id": meeting_id},
            )

        self._write(work)

    def carry_action(self, action_id: str, meeting_id: str) -> Action:
        """Carry an open action into this meeting: it continues here, keeping when it was first agreed."""

        def work() -> str:
            rows = self._rows("SELECT * FROM actions WHERE id = ?", [action_id])
            if not rows:
                raise KeyError(f"no action {action_id}")
            old = dict(rows[0])
            if old["meeting_id"] == meeting_id or old["status"] != ActionStatus.OPEN.value:
                return action_id
            _, section_run_id = self._meeting_context(meeting_id)
            self._update(
                "actions",
                action_id,
                {"status": ActionStatus.CARRIED.value, "closed_at": self._now(), "closed_meeting_id": meeting_id},
            )
            carried = {
                key: old[key]
                for key in (
                    "partnership_id", "text", "owner_person_id", "owner_organisation_id", "due_on",
                    "opened_at", "confidential", "attribution", "person_id", "organisation_id",
                )
            }
            carried.update(
                meeting_id=meeting_id,
                section_run_id=section_run_id,
                status=ActionStatus.OPEN.value,
                carried_from_id=action_id,
            )
            return self._insert("actions", carried)["id"]

        return self.action(self._write(work))

    # -- carry-over review ------------------------------------------------------------

    def open_actions_from_before(self, meeting_id: str) -> list[Action]:
        """Open actions of this partnership agreed in earlier meetings, oldest first."""
        rows = self._rows(
            self._ACTION_SELECT
            + """ WHERE a.partnership_id = (SELECT partnership_id FROM meetings WHERE id = ?)
                  AND a.status = 'open' AND a.meeting_id IS NOT ?
                  ORDER BY a.opened_at, a.id""",
            [meeting_id, meeting_id],
        )
        return [self._action(row) for row in rows]

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
        credit = _credit(attribution, person_id, organisation_id)

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


    # -- the end of a meeting ----------------------------------------------------------------

    def summarise(self, meeting_id: str) -> dict[str, Any]:
        """The meeting's summary as it stands now (see `core.summary`)."""
        return build_summary(
            self.meeting(meeting_id),
            self.section_runs(meeting_id),
            self.attendees(meeting_id),
            self.agreements(meeting_id),
            self.actions(meeting_id),
            self.board_counts(meeting_id),
            self.clock.now(),
        )

    def end_and_summarise(self, meeting_id: str) -> dict[str, Any]:
        """End the meeting, then save its summary with it; returns the summary."""
        self.end_meeting(meeting_id)
        summary = self.summarise(meeting_id)
        self.save_summary(meeting_id, summary)
        return summary

def _credit(attribution: Attribution, person_id: str | None, organisation_id: str | None) -> dict[str, Any]:
    """The attribution columns for a capture. Anonymous keeps nobody, not even a hidden id."""
    attribution = Attribution(attribution)
    if attribution is Attribution.ANONYMOUS:
        return {"attribution": attribution.value, "person_id": None, "organisation_id": None}
    if attribution is Attribution.ORGANISATION:
        if not organisation_id:
            raise ValueError("Say which organisation, or make it anonymous.")
        return {"attribution": attribution.value, "person_id": None, "organisation_id": organisation_id}
    if not person_id:
        raise ValueError("Say who, or make it anonymous.")
    return {"attribution": attribution.value, "person_id": person_id, "organisation_id": organisation_id}
