"""A meeting's business: agreements, actions, and the actions carried over from last time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.models import Action, ActionStatus, Agreement, AgreementStatus, Attribution
from meetingkit.core.text import sanitise, split_attendee
from meetingkit.store.credit import credit_columns
from meetingkit.store.database import Database, json_names
from meetingkit.store.meetings import Meetings
from meetingkit.store.partnerships import Partnerships


class Business:
    """A meeting's business: agreements and actions, and their registers across a partnership."""

    def __init__(self, db: Database, partnerships: Partnerships, meetings: Meetings) -> None:
        self.db = db
        self.partnerships = partnerships
        self.meetings = meetings

    def resolve_owner(self, meeting_id: str, owner: str) -> tuple[str | None, str | None]:
        """Who an action's typed owner is: (person id, organisation id), at most one set.

        An attendee's label or name, then one of the partnership's organisations (any
        case); otherwise "name, organisation" is read as at the door and remembered.
        """
        owner = sanitise(owner)
        if not owner:
            return None, None
        wanted = owner.casefold()
        for person in self.meetings.attendees(meeting_id):
            if wanted in (person.label.casefold(), (person.name or "").casefold()):
                return person.id, None
        partnership_id = self.meetings.get(meeting_id).partnership_id
        organisations = self.partnerships.organisations(partnership_id)
        for organisation in organisations:
            if organisation.name.casefold() == wanted:
                return None, organisation.id
        name, organisation_name = split_attendee(owner, [o.name for o in organisations])
        if name is None and organisation_name:
            return None, self.partnerships.ensure_organisation(partnership_id, organisation_name).id
        return self.partnerships.add_person(partnership_id, name, organisation_name).id, None

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
        credit = credit_columns(attribution, person_id, organisation_id)
        parties = list(dict.fromkeys(party_organisation_ids))

        def work() -> str:
            partnership_id, section_run_id = self.meetings.capture_context(meeting_id)
            agreement = self.db.insert(
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
                self.db.insert(
                    "agreement_parties", {"agreement_id": agreement["id"], "party_organisation_id": organisation},
                    # An anonymous agreement's parties keep no more precise a moment than it does.
                    anonymous=credit["attribution"] == Attribution.ANONYMOUS.value,
                )
            return agreement["id"]

        agreement_id = self.db.write(work)
        return next(a for a in self._agreement_rows("a.id = ?", [agreement_id]))

    def agreements(self, meeting_id: str, *, include_confidential: bool = True) -> list[Agreement]:
        """The agreements reached in one meeting, in the order they were made."""
        where = "a.meeting_id = ?" + ("" if include_confidential else " AND a.confidential = 0")
        return self._agreement_rows(where, [meeting_id])

    def _agreement_rows(self, where: str, params: list[Any]) -> list[Agreement]:
        rows = self.db.rows(
            f"""SELECT a.*, (SELECT json_group_array(name) FROM (
                    SELECT o.name FROM agreement_parties ap JOIN organisations o ON o.id = ap.party_organisation_id
                    WHERE ap.agreement_id = a.id ORDER BY o.name COLLATE NOCASE)) AS party_names,
                    m.title AS meeting_title, m.started_at AS meeting_started_at
                FROM agreements a LEFT JOIN meetings m ON m.id = a.meeting_id
                WHERE {where} ORDER BY a.created_at, a.rowid""",
            params,
        )
        return [
            Agreement(
                id=row["id"],
                meeting_id=row["meeting_id"],
                text=row["text"],
                parties=json_names(row["party_names"]),
                review_on=date.fromisoformat(row["review_on"]) if row["review_on"] else None,
                status=AgreementStatus(row["status"]),
                confidential=bool(row["confidential"]),
                created_at=from_iso(row["created_at"]),
                meeting_title=row["meeting_title"] or "",
                meeting_started_at=from_iso(row["meeting_started_at"]),
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
        credit = credit_columns(attribution, person_id, organisation_id)

        def work() -> str:
            partnership_id, section_run_id = self.meetings.capture_context(meeting_id)
            return self.db.insert(
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
                    "opened_at": self.db.now(),
                    "confidential": int(confidential),
                    **credit,
                },
            )["id"]

        return self.action(self.db.write(work))

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
        rows = self.db.rows(self._ACTION_SELECT + " WHERE a.id = ?", [action_id])
        if not rows:
            raise KeyError(f"no action {action_id}")
        return self._action(rows[0])

    def actions(self, meeting_id: str, *, include_confidential: bool = True) -> list[Action]:
        """The actions agreed in one meeting (carried ones included), in the order they were made."""
        where = " WHERE a.meeting_id = ?" + ("" if include_confidential else " AND a.confidential = 0")
        rows = self.db.rows(self._ACTION_SELECT + where + " ORDER BY a.created_at, a.rowid", [meeting_id])
        return [self._action(row) for row in rows]

    def close_action(self, action_id: str, status: ActionStatus, meeting_id: str | None) -> None:
        """Mark an action done or dropped, noting the meeting where that was decided."""
        status = ActionStatus(status)
        if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
            raise ValueError("An action is closed as done or dropped.")

        def work() -> None:
            self.db.update(
                "actions",
                action_id,
                {"status": status.value, "closed_at": self.db.now(), "closed_meeting_id": meeting_id},
            )

        self.db.write(work)

    def carry_action(self, action_id: str, meeting_id: str) -> Action:
        """Carry an open action into this meeting: it continues here, keeping when it was first agreed."""

        def work() -> str:
            rows = self.db.rows("SELECT * FROM actions WHERE id = ?", [action_id])
            if not rows:
                raise KeyError(f"no action {action_id}")
            old = dict(rows[0])
            if old["meeting_id"] == meeting_id or old["status"] != ActionStatus.OPEN.value:
                return action_id
            _, section_run_id = self.meetings.capture_context(meeting_id)
            self.db.update(
                "actions",
                action_id,
                {"status": ActionStatus.CARRIED.value, "closed_at": self.db.now(), "closed_meeting_id": meeting_id},
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
            return self.db.insert("actions", carried)["id"]

        return self.action(self.db.write(work))

    # -- carry-over review ------------------------------------------------------------

    def open_actions_from_before(self, meeting_id: str) -> list[Action]:
        """Open actions of this partnership agreed in earlier meetings, oldest first."""
        rows = self.db.rows(
            self._ACTION_SELECT
            + """ WHERE a.partnership_id = (SELECT partnership_id FROM meetings WHERE id = ?)
                  AND a.status = 'open' AND a.meeting_id IS NOT ?
                  ORDER BY a.opened_at, a.rowid""",
            [meeting_id, meeting_id],
        )
        return [self._action(row) for row in rows]

    # -- registers across a partnership's meetings ------------------------------------------

    def agreement_register(self, partnership_id: str, *, include_confidential: bool = False) -> list[Agreement]:
        """Every agreement the partnership has made, oldest first, with the meeting that made it."""
        where = "a.partnership_id = ?" + ("" if include_confidential else " AND a.confidential = 0")
        return self._agreement_rows(where, [partnership_id])

    def open_actions(self, partnership_id: str, *, include_confidential: bool = False) -> list[Action]:
        """The partnership's open actions: the earliest due first, those with no due date last."""
        where = " WHERE a.partnership_id = ? AND a.status = 'open'" + (
            "" if include_confidential else " AND a.confidential = 0"
        )
        rows = self.db.rows(
            self._ACTION_SELECT + where + " ORDER BY a.due_on IS NULL, a.due_on, a.opened_at, a.rowid",
            [partnership_id],
        )
        return [self._action(row) for row in rows]
