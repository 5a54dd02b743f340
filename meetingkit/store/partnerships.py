"""Partnerships, their organisations and their people."""

from __future__ import annotations

from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.models import Organisation, Partnership, Person
from meetingkit.core.text import sanitise
from meetingkit.store.counting import Counting
from meetingkit.store.database import Database

_ORGANISATION_MENTIONS = """
    SELECT organisation_id AS o, confidential AS secret FROM elephants
    UNION ALL SELECT organisation_id, confidential FROM turning_points
    UNION ALL SELECT organisation_id, confidential FROM agreements
    UNION ALL SELECT organisation_id, confidential FROM actions
    UNION ALL SELECT owner_organisation_id, confidential FROM actions
    UNION ALL SELECT ap.party_organisation_id, a.confidential
        FROM agreement_parties ap JOIN agreements a ON a.id = ap.agreement_id
    UNION ALL SELECT m.organisation_id, max(m.confidential, t.confidential)
        FROM jargon_mentions m JOIN jargon_terms t ON t.id = m.term_id
    UNION ALL SELECT jm.meaning_organisation_id, max(jm.confidential, t.confidential)
        FROM jargon_meanings jm JOIN jargon_terms t ON t.id = jm.term_id
    UNION ALL SELECT jm.organisation_id, max(jm.confidential, t.confidential)
        FROM jargon_meanings jm JOIN jargon_terms t ON t.id = jm.term_id
    UNION ALL SELECT pe.organisation_id, 0 FROM attendance a JOIN people pe ON pe.id = a.person_id
    UNION ALL SELECT pe.organisation_id, c.secret FROM people pe JOIN (
        SELECT person_id AS p, confidential AS secret FROM elephants
        UNION ALL SELECT person_id, confidential FROM turning_points
        UNION ALL SELECT person_id, confidential FROM agreements
        UNION ALL SELECT person_id, confidential FROM actions
        UNION ALL SELECT owner_person_id, confidential FROM actions
        UNION ALL SELECT person_id, confidential FROM jargon_mentions
    ) c ON c.p = pe.id
"""
"""Every place an organisation is named (directly, or as a person's organisation), and whether
that place is confidential (a mention or meaning of a confidential term counts as confidential)."""

_KNOWN_ONLY_IN_CONFIDENCE = f"""
    SELECT o FROM ({_ORGANISATION_MENTIONS}) WHERE o IS NOT NULL GROUP BY o HAVING min(secret) = 1
"""
"""Organisations named somewhere, and only ever in confidence."""


class Partnerships:
    """Who meets: partnerships, organisations, people."""

    def __init__(self, db: Database, counting: Counting) -> None:
        self.db = db
        self.counting = counting

    def ensure(self, name: str, description: str = "") -> Partnership:
        """The partnership with this name (any case), created if it is new."""
        name = sanitise(name)
        if not name:
            raise ValueError("A partnership needs a name.")
        description = sanitise(description, multiline=True)

        def work() -> str:
            found = self.db.value("SELECT id FROM partnerships WHERE name = ? COLLATE NOCASE", [name])
            if found:
                return found
            return self.db.insert("partnerships", {"name": name, "description": description})["id"]

        return self.get(self.db.write(work))

    def get(self, partnership_id: str) -> Partnership:
        """One partnership with its meeting count and what is still open."""
        rows = self._partnership_rows("WHERE p.id = ?", [partnership_id])
        if not rows:
            raise KeyError(f"no partnership {partnership_id}")
        return rows[0]

    def all(self) -> list[Partnership]:
        """Every partnership, the most recently active first."""
        return self._partnership_rows("", [])

    def _partnership_rows(self, where: str, params: list[Any]) -> list[Partnership]:
        rows = self.db.rows(
            f"""
            SELECT p.id, p.name, p.description, p.created_at,
                (SELECT count(*) FROM meetings m WHERE m.partnership_id = p.id) AS meeting_count,
                (SELECT max(m.started_at) FROM meetings m WHERE m.partnership_id = p.id) AS last_met,
                (SELECT count(*) FROM actions a WHERE a.partnership_id = p.id
                    AND a.status = 'open') AS open_actions
            FROM partnerships p {where}
            ORDER BY coalesce(last_met, p.created_at) DESC, p.name COLLATE NOCASE
            """,
            params,
        )
        # Open elephants as every other count reads them (`store.counting`): one partnership's, or all.
        if len(rows) == 1:
            counted = self.counting.elephants(rows[0]["id"])
            open_elephants = {rows[0]["id"]: sum(1 for c in counted.values() if c.open_at_end)}
        else:
            open_elephants = self.counting.open_elephants_now() if rows else {}
        return [
            Partnership(
                id=row["id"],
                name=row["name"],
                description=row["description"],
                created_at=from_iso(row["created_at"]),
                meeting_count=row["meeting_count"],
                last_met=from_iso(row["last_met"]),
                open_elephants=open_elephants.get(row["id"], 0),
                open_actions=row["open_actions"],
            )
            for row in rows
        ]

    def _ensure_organisation_id(self, partnership_id: str, name: str) -> str:
        """Inside a write: the organisation's id, adding it to the partnership if new."""
        found = self.db.value(
            "SELECT id FROM organisations WHERE partnership_id = ? AND name = ? COLLATE NOCASE",
            [partnership_id, name],
        )
        if found:
            return found
        return self.db.insert("organisations", {"partnership_id": partnership_id, "name": name})["id"]

    def ensure_organisation(self, partnership_id: str, name: str) -> Organisation:
        """The partnership's organisation of this name (any case), remembered if new."""
        name = sanitise(name)
        if not name:
            raise ValueError("An organisation needs a name.")
        organisation_id = self.db.write(lambda: self._ensure_organisation_id(partnership_id, name))
        row = self.db.rows("SELECT name FROM organisations WHERE id = ?", [organisation_id])[0]
        return Organisation(id=organisation_id, partnership_id=partnership_id, name=row["name"])

    def organisations(self, partnership_id: str, *, include_confidential: bool = True) -> list[Organisation]:
        """The partnership's organisations, alphabetically.

        Args:
            include_confidential: False for any audience below the facilitator (the room, a
                participant, a report without confidential items): an organisation known only
                from confidential items is itself confidential, since its name alone can say
                who raised what ("Children's Aid" appearing the day a confidential elephant
                was named). It is left out until something open names it.
        """
        hidden = "" if include_confidential else f"AND id NOT IN ({_KNOWN_ONLY_IN_CONFIDENCE})"
        rows = self.db.rows(
            f"SELECT id, name FROM organisations WHERE partnership_id = :p {hidden} ORDER BY name COLLATE NOCASE",
            {"p": partnership_id},
        )
        return [Organisation(id=r["id"], partnership_id=partnership_id, name=r["name"]) for r in rows]

    def add_person(
        self, partnership_id: str, name: str | None, organisation: str | None, *, not_in_meeting: str | None = None
    ) -> Person:
        """A person of the partnership; a named person already known is reused, not duplicated.

        Either part may be missing ("settlement worker, OCISO" or just "OCISO"), not both.
        With `not_in_meeting`, someone already at that meeting is never reused: two
        "settlement worker, agency" at one table are two people.
        """
        name = sanitise(name or "") or None
        organisation = sanitise(organisation or "") or None
        if not name and not organisation:
            raise ValueError("Give a name, an organisation, or both.")

        def work() -> str:
            organisation_id = (
                self._ensure_organisation_id(partnership_id, organisation) if organisation else None
            )
            if name:
                found = self.db.value(
                    "SELECT id FROM people WHERE partnership_id = ? AND name = ? COLLATE NOCASE "
                    "AND organisation_id IS ? AND id NOT IN "
                    "(SELECT person_id FROM attendance WHERE meeting_id = ?) ORDER BY rowid LIMIT 1",
                    [partnership_id, name, organisation_id, not_in_meeting],
                )
                if found:
                    return found
            row = {"partnership_id": partnership_id, "organisation_id": organisation_id, "name": name}
            return self.db.insert("people", row)["id"]

        return self.person(self.db.write(work))

    def person(self, person_id: str) -> Person:
        """One person, with their organisation's name."""
        row = self.db.rows(
            """SELECT p.id, p.partnership_id, p.name, p.organisation_id, o.name AS organisation_name
               FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?""",
            [person_id],
        )[0]
        return Person(**dict(row))
