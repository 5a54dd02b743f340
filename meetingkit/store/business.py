"""A meeting's business: agreements, actions, and the actions carried over from last time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from meetingkit.core.clock import from_iso, to_the_minute
from meetingkit.core.i18n import _
from meetingkit.core.models import (
    Action,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Attribution,
    Change,
    ChangedTable,
    ChangeKind,
)
from meetingkit.core.text import sanitise, split_attendee
from meetingkit.store.changes import Changes, changed_fields
from meetingkit.store.credit import credit_columns
from meetingkit.store.database import Database, json_names
from meetingkit.store.meetings import ID_CHARACTERS, Meetings
from meetingkit.store.partnerships import PARTY_NAMES, Partnerships
from meetingkit.store.retention import deletion_id

AGREEMENT_EDITS = frozenset({"text", "review_on"})
"""The columns an agreement's edit may correct (a typo, a review day); a change of substance is a revision."""

ACTION_EDITS = frozenset({"text", "owner_person_id", "owner_organisation_id", "due_on"})
"""The columns an action's edit may correct."""

SUCCESSOR = "successor_id"
"""The pseudo-field of a revision's change: the agreement holding the new wording (not a column)."""

PARTIES = "party_organisation_ids"
"""The pseudo-field of an agreement's deletion: the ids of the organisations that were party to it,
joined by commas (a change's values are scalars), as rows of `agreement_parties` go with it: so that
what was deleted can be told and put back."""


class ActionNotOpen(ValueError):
    """Only an open action is closed: one done, dropped or carried is not closed again."""


class Business:
    """A meeting's business: agreements and actions, and their registers across a partnership."""

    def __init__(self, db: Database, partnerships: Partnerships, meetings: Meetings, changes: Changes) -> None:
        self.db = db
        self.partnerships = partnerships
        self.meetings = meetings
        self.changes = changes

    # -- history -------------------------------------------------------------------

    def _row(self, table: str, row_id: str, noun: str) -> dict[str, Any]:
        rows = self.db.rows(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        if not rows:
            raise KeyError(f"no {noun} {row_id}")
        return dict(rows[0])

    def _keep(
        self, table: ChangedTable, row: Mapping[str, Any], kind: ChangeKind, fields: Iterable[tuple[str, Any, Any]],
        meeting_id: str | None, note: str,
    ) -> Change:
        """Keep a change of `row` in its history, inside the write that made it: shown as the item is
        (its confidential flag), timed as an anonymous capture is when it is one."""
        return self.changes.record(
            table, str(row["id"]), kind, partnership_id=str(row["partnership_id"]), fields=fields,
            meeting_id=meeting_id, note=sanitise(note), confidential=bool(row["confidential"]),
            anonymous=row["attribution"] == Attribution.ANONYMOUS.value,
        )

    def history(self, table: ChangedTable, row_id: str) -> list[Change]:
        """An agreement's or action's decisions and corrections, oldest first."""
        return self.changes.history(table, row_id)

    def find_deleted(self, table: ChangedTable, reference: str) -> str:
        """The id of a deleted agreement or action whose history is still kept, by any 6+ characters of it.

        Raises:
            LookupError: none, or several, match.
        """
        said = _not_found("agreement" if table is ChangedTable.AGREEMENTS else "action")
        found = self.db.rows(
            "SELECT DISTINCT row_id FROM changes WHERE table_name = ? AND kind = 'deleted' AND instr(row_id, ?) > 0 "
            "ORDER BY row_id LIMIT 2", [str(table), reference.strip().lower()])
        if len(found) != 1:
            raise LookupError(said["none"].format(typed=reference.strip().lower()) if not found
                              else said["several"].format(typed=reference))
        return str(found[0][0])

    def history_names(self, changes: Iterable[Change]) -> dict[str, str]:
        """How the people and organisations a history names (its owners) are shown, by id."""
        ids = {str(value) for change in changes for column, was, became in change.fields
               if column in ("owner_person_id", "owner_organisation_id") for value in (was, became) if value}
        if not ids:
            return {}
        wanted = json.dumps(sorted(ids))
        rows = self.db.rows(
            """SELECT p.id, CASE WHEN p.name IS NOT NULL AND o.name IS NOT NULL THEN p.name || ', ' || o.name
                                 ELSE coalesce(p.name, o.name, '') END
               FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
               WHERE p.id IN (SELECT value FROM json_each(?))
               UNION ALL SELECT id, name FROM organisations WHERE id IN (SELECT value FROM json_each(?))""",
            [wanted, wanted],
        )
        return {str(row[0]): str(row[1]) for row in rows}

    def _delete(self, table: ChangedTable, row_id: str, noun: str, meeting_id: str | None, note: str,
                extra: Iterable[tuple[str, Any, Any]] = ()) -> None:
        """Inside a write: keep the whole row in its history, delete it, and leave its tombstone (its id
        the proof that this file held it, `retention.deletion_id`), so the deletion travels through merge."""
        row = self._row(str(table), row_id, noun)
        fields = [(column, value, None) for column, value in row.items()]
        self._keep(table, row, ChangeKind.DELETED, [*fields, *extra], meeting_id, note)
        sections = [r[0] for r in self.db.rows("SELECT id FROM section_runs WHERE meeting_id = ?", [row["meeting_id"]])]
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        anonymous = row["attribution"] == Attribution.ANONYMOUS.value
        now = self.db.now()
        self.db.insert(
            "tombstones",
            {"id": deletion_id(str(table), row_id, row["created_at"], sections), "table_name": str(table),
             "row_id": row_id, "deleted_at": to_the_minute(now) if anonymous else now},
            anonymous=anonymous,
        )

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
        for organisation in organisations:  # by its name or an alias (`OCSB`), any case
            if wanted in {n.casefold() for n in (organisation.name, *organisation.aliases)}:
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
                parties=self._parties(row["id"], json_names(row["party_names"])),
                review_on=date.fromisoformat(row["review_on"]) if row["review_on"] else None,
                status=AgreementStatus(row["status"]),
                confidential=bool(row["confidential"]),
                created_at=from_iso(row["created_at"]),
                meeting_title=row["meeting_title"] or "",
                meeting_started_at=from_iso(row["meeting_started_at"]),
            )
            for row in rows
        ]

    def _parties(self, agreement_id: str, names: tuple[str, ...]) -> tuple[str, ...]:
        """Each party once, by its organisation's own name: two parties may be one organisation,
        one of them named by its alias (`partnerships.PARTY_NAMES`, issue 16)."""
        if len(names) < 2:
            return names
        return json_names(self.db.value(f"SELECT {PARTY_NAMES.format(agreement='a')} FROM agreements a "
                                        "WHERE a.id = ?", [agreement_id]))

    def agreement(self, agreement_id: str) -> Agreement:
        """One agreement with its parties and the meeting that made it."""
        found = self._agreement_rows("a.id = ?", [agreement_id])
        if not found:
            raise KeyError(f"no agreement {agreement_id}")
        return found[0]

    def find_agreement(self, reference: str) -> Agreement:
        """An agreement by its id or any part of it of 6 or more characters (as `find_elephant`).

        Raises:
            LookupError: no agreement matches, or the part given matches several.
        """
        return self.agreement(_find(self.db, "agreements", "agreement", reference))

    def agreements_due(self, partnership_id: str, today: date) -> list[Agreement]:
        """The partnership's active agreements whose review day has come, the longest due first."""
        found = self._agreement_rows(
            "a.partnership_id = ? AND a.status = 'active' AND a.review_on IS NOT NULL AND a.review_on <= ?",
            [partnership_id, today.isoformat()],
        )
        return sorted(found, key=lambda a: a.review_on or today)

    def review_agreement(
        self, agreement_id: str, review_on: date | None, *, meeting_id: str | None = None, note: str = ""
    ) -> None:
        """An agreement confirmed as it stands, to be looked at again on `review_on` (or not again),
        kept in its history with the meeting it was confirmed in (None: between meetings) and a note."""

        def work() -> None:
            row = self._standing(agreement_id)
            after = review_on.isoformat() if review_on else None
            self.db.update("agreements", agreement_id, {"review_on": after})
            self._keep(ChangedTable.AGREEMENTS, row, ChangeKind.REVIEWED, [("review_on", row["review_on"], after)],
                       meeting_id, note)

        self.db.write(work)

    def revise_agreement(self, agreement_id: str, text: str, meeting_id: str | None, *, note: str = "") -> Agreement:
        """New wording for an agreement: the old one stays, marked revised, with its old wording, and
        the new wording stands from now as an agreement of its own, between the same parties, with the
        same review day, credit and confidentiality (made in `meeting_id` when revised in a meeting)."""
        text = sanitise(text)
        if not text:
            raise ValueError("Type the agreement's new wording to revise it.")

        def work() -> str:
            old = self._standing(agreement_id)
            if old["text"] == text:
                raise ValueError("That is the agreement's wording already.")
            section_run_id = None
            if meeting_id is not None:
                _, section_run_id = self.meetings.capture_context(meeting_id)
            self.db.update("agreements", agreement_id, {"status": AgreementStatus.REVISED.value})
            revised = {key: old[key] for key in (
                "partnership_id", "review_on", "confidential", "attribution", "person_id", "organisation_id")}
            revised.update(meeting_id=meeting_id, section_run_id=section_run_id, text=text,
                           status=AgreementStatus.ACTIVE.value)
            new = self.db.insert("agreements", revised)
            anonymous = old["attribution"] == Attribution.ANONYMOUS.value
            for party in self.db.rows(
                "SELECT party_organisation_id FROM agreement_parties WHERE agreement_id = ? ORDER BY rowid",
                [agreement_id],
            ):
                self.db.insert(
                    "agreement_parties",
                    {"agreement_id": new["id"], "party_organisation_id": party["party_organisation_id"]},
                    anonymous=anonymous,
                )
            self._keep(ChangedTable.AGREEMENTS, old, ChangeKind.REVISED, [
                ("status", old["status"], AgreementStatus.REVISED.value), (SUCCESSOR, None, new["id"])],
                meeting_id, note)
            return str(new["id"])

        return self.agreement(self.db.write(work))

    def retire_agreement(self, agreement_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
        """An agreement that no longer stands: kept in the register as retired, never due for review;
        its history says why (`note`) and in which meeting (None: between meetings)."""

        def work() -> None:
            row = self._standing(agreement_id)
            self.db.update("agreements", agreement_id, {"status": AgreementStatus.RETIRED.value})
            self._keep(ChangedTable.AGREEMENTS, row, ChangeKind.RETIRED,
                       [("status", row["status"], AgreementStatus.RETIRED.value)], meeting_id, note)

        self.db.write(work)

    def edit_agreement(
        self, agreement_id: str, values: Mapping[str, Any], *, meeting_id: str | None = None, note: str = ""
    ) -> bool:
        """Correct a standing agreement's words (a typo) or review day (`values`: `text`, `review_on` as a
        date or None), kept in its history with only the fields that changed; a change of substance is a
        revision instead. Returns whether anything changed.

        Raises:
            KeyError: there is no such agreement.
            ValueError: it was revised or retired, or the words are empty.
        """
        wanted = _cleaned(values, AGREEMENT_EDITS, date_column="review_on", noun="agreement")

        def work() -> bool:
            row = self._standing(agreement_id)
            fields = changed_fields(row, wanted)
            if not fields:
                return False
            self.db.update("agreements", agreement_id, {column: after for column, _, after in fields})
            self._keep(ChangedTable.AGREEMENTS, row, ChangeKind.EDITED, fields, meeting_id, note)
            return True

        return self.db.write(work)

    def delete_agreement(self, agreement_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
        """Delete an agreement for good, with its parties: its history keeps the whole row as it was (and
        who was party to it), and a tombstone takes the deletion to other sites through merge."""

        def work() -> None:
            parties = [r[0] for r in self.db.rows(
                "SELECT party_organisation_id FROM agreement_parties WHERE agreement_id = ? ORDER BY rowid",
                [agreement_id])]
            self._delete(ChangedTable.AGREEMENTS, agreement_id, "agreement", meeting_id, note,
                         [(PARTIES, ",".join(parties), None)])

        self.db.write(work)

    def _standing(self, agreement_id: str) -> dict[str, Any]:
        """The agreement's row, if it still stands (neither revised nor retired)."""
        rows = self.db.rows("SELECT * FROM agreements WHERE id = ?", [agreement_id])
        if not rows:
            raise KeyError(f"no agreement {agreement_id}")
        row = dict(rows[0])
        if row["status"] == AgreementStatus.RETIRED.value:
            raise ValueError("That agreement was retired: it no longer stands, so it cannot be reviewed, revised or retired.")
        if row["status"] == AgreementStatus.REVISED.value:
            raise ValueError("That agreement was revised; its new wording is the one that stands: act on that one.")
        return row

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

    def find_action(self, reference: str) -> Action:
        """An action by its id or any part of it of 6 or more characters (as `find_elephant`).

        Raises:
            LookupError: no action matches, or the part given matches several.
        """
        return self.action(_find(self.db, "actions", "action", reference))

    def close_action(self, action_id: str, status: ActionStatus, meeting_id: str | None, *, note: str = "") -> None:
        """Mark an open action done or dropped, noting the meeting where that was decided (None: between
        meetings), and keep it in its history with a note.

        Raises:
            KeyError: there is no such action.
            ActionNotOpen: it is done, dropped or carried already (only an open action is closed).
        """
        status = ActionStatus(status)
        if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
            raise ValueError("An action is closed as done or dropped.")

        def work() -> None:
            row = self._row("actions", action_id, "action")
            if row["status"] != ActionStatus.OPEN.value:
                carried = " into a later meeting, where it goes on as an action of its own" if (
                    row["status"] == ActionStatus.CARRIED.value) else ""
                raise ActionNotOpen(f"That action is {row['status']} already{carried}; only an open action is closed.")
            after = {"status": status.value, "closed_at": self.db.now(), "closed_meeting_id": meeting_id}
            self.db.update("actions", action_id, after)
            kind = ChangeKind.DONE if status is ActionStatus.DONE else ChangeKind.DROPPED
            self._keep(ChangedTable.ACTIONS, row, kind, changed_fields(row, after), meeting_id, note)

        self.db.write(work)

    def edit_action(
        self, action_id: str, values: Mapping[str, Any], *, meeting_id: str | None = None, note: str = ""
    ) -> bool:
        """Correct an action (`values`: `text`, `owner_person_id`, `owner_organisation_id`, `due_on` as a
        date or None), kept in its history with only the fields that changed. A carried action goes on as
        the action it was carried into: that one is corrected. Returns whether anything changed.

        Raises:
            KeyError: there is no such action.
            ValueError: it was carried, the words are empty, or it would have two owners.
        """
        wanted = _cleaned(values, ACTION_EDITS, date_column="due_on", noun="action")

        def work() -> bool:
            row = self._row("actions", action_id, "action")
            if row["status"] == ActionStatus.CARRIED.value:
                raise ValueError("That action was carried into a later meeting: correct it there, where it goes on.")
            merged = {**row, **wanted}
            if merged["owner_person_id"] and merged["owner_organisation_id"]:
                raise ValueError("An action has one owner: a person or an organisation.")
            fields = changed_fields(row, wanted)
            if not fields:
                return False
            self.db.update("actions", action_id, {column: after for column, _, after in fields})
            self._keep(ChangedTable.ACTIONS, row, ChangeKind.EDITED, fields, meeting_id, note)
            return True

        return self.db.write(work)

    def delete_action(self, action_id: str, *, meeting_id: str | None = None, note: str = "") -> None:
        """Delete an action for good: its history keeps the whole row as it was, and a tombstone takes
        the deletion to other sites through merge."""
        self.db.write(lambda: self._delete(ChangedTable.ACTIONS, action_id, "action", meeting_id, note))

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


def _cleaned(values: Mapping[str, Any], allowed: frozenset[str], *, date_column: str, noun: str) -> dict[str, Any]:
    """An edit's columns as stored: only `allowed` ones, words cleaned and not empty, the date as ISO."""
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"An {noun}'s edit does not change {', '.join(sorted(unknown))}.")
    wanted = dict(values)
    if "text" in wanted:
        wanted["text"] = sanitise(str(wanted["text"] or ""))
        if not wanted["text"]:
            raise ValueError(f"The {noun} cannot be left empty: type its words, or delete it.")
    if date_column in wanted:
        when = wanted[date_column]
        wanted[date_column] = when.isoformat() if isinstance(when, date) else None
    return wanted


def _not_found(noun: str) -> dict[str, str]:
    """Why an agreement's, an action's or a term's id typed finds no one row, as whole sentences in
    the interface's language ("too short", "not an id", "none", "several"; `{typed}` to fill)."""
    if noun == "agreement":
        return {
            "too short": _("Give at least 6 characters of the agreement's id."),
            "not an id": _("{typed!r} is not part of an agreement's id: ids hold only 0-9, a-f and hyphens."),
            "none": _("No agreement has an id containing {typed!r}."),
            "several": _("{typed!r} is part of several agreements' ids; give more of it."),
        }
    if noun == "action":
        return {
            "too short": _("Give at least 6 characters of the action's id."),
            "not an id": _("{typed!r} is not part of an action's id: ids hold only 0-9, a-f and hyphens."),
            "none": _("No action has an id containing {typed!r}."),
            "several": _("{typed!r} is part of several actions' ids; give more of it."),
        }
    if noun == "term":  # store.jargon's terms (it turned "an term" into "a term"; here it is written so)
        return {
            "too short": _("Give at least 6 characters of the term's id."),
            "not an id": _("{typed!r} is not part of a term's id: ids hold only 0-9, a-f and hyphens."),
            "none": _("No term has an id containing {typed!r}."),
            "several": _("{typed!r} is part of several terms' ids; give more of it."),
        }
    return {
        "too short": f"Give at least 6 characters of the {noun}'s id.",
        "not an id": f"{{typed!r}} is not part of an {noun}'s id: ids hold only 0-9, a-f and hyphens.",
        "none": f"No {noun} has an id containing {{typed!r}}.",
        "several": f"{{typed!r}} is part of several {noun}s' ids; give more of it.",
    }


def _find(db: Database, table: str, noun: str, reference: str) -> str:
    """The id of the one row of `table` whose id holds `reference` (6 or more of its characters)."""
    reference = reference.strip().lower()
    said = _not_found(noun)
    if len(reference) < 6:
        raise LookupError(said["too short"])
    if any(char not in ID_CHARACTERS for char in reference):
        raise LookupError(said["not an id"].format(typed=reference[:40]))
    rows = db.rows(f"SELECT id FROM {table} WHERE instr(id, ?) > 0 ORDER BY id LIMIT 2", [reference])
    if not rows:
        raise LookupError(said["none"].format(typed=reference))
    if len(rows) > 1:
        raise LookupError(said["several"].format(typed=reference))
    return str(rows[0]["id"])
