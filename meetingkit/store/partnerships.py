"""Partnerships, their organisations and their people."""

from __future__ import annotations

import json
from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.i18n import _
from meetingkit.core.models import ChangedTable, ChangeKind, Organisation, Partnership, Person
from meetingkit.core.text import sanitise
from meetingkit.store.changes import Changes
from meetingkit.store.counting import Counting
from meetingkit.store.database import ATTRIBUTED_TABLES, Database
from meetingkit.store.retention import deletion_id

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


PARTY_NAMES = """(SELECT json_group_array(name) FROM (
    SELECT DISTINCT coalesce(live.name, party.name) AS name FROM agreement_parties ap
    JOIN organisations party ON party.id = ap.party_organisation_id
    LEFT JOIN organisations live ON live.id = party.merged_into_id
    WHERE ap.agreement_id = {agreement}.id ORDER BY name COLLATE NOCASE))"""
"""An agreement's parties' names, as a JSON array: each organisation once, by its own name, though
a party may name an alias of it (kept when the agreement already had the organisation as a party)."""


class NameRefused(ValueError):
    """A merge or an alias of organisations that the partnership's names do not allow (said in words)."""


def _names_join(db: Database) -> bool:
    """Whether the file has `organisations.merged_into_id` (migration 11). A file of an older
    schema is only ever written by this code in tests that play an older meetingkit."""
    return bool(db.value("SELECT 1 FROM pragma_table_info('organisations') WHERE name = 'merged_into_id'"))


def live_organisation(db: Database, organisation_id: str) -> str:
    """The organisation that `organisation_id` now is: followed along `merged_into_id` to one
    not merged into another. Cycle-safe: two sites that merged A into B and B into A (before a
    merge of files settles it, `merge._settle_merged_organisations`) read the smaller id."""
    if not _names_join(db):
        return organisation_id
    chain = [organisation_id]
    while True:
        following = db.value("SELECT merged_into_id FROM organisations WHERE id = ?", [chain[-1]])
        if following is None:
            return chain[-1]
        if following in chain:
            return min(chain[chain.index(following):])
        chain.append(following)


def _references(db: Database, parent: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key in the file that points at `parent`'s rows."""
    tables = [row[0] for row in db.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    return [
        (table, fk["from"]) for table in tables
        for fk in db.rows(f"PRAGMA foreign_key_list({table})") if fk["table"] == parent and table != parent
    ]


_BELONGS_TO = {"agreement_parties": ("agreements", "agreement_id")}
"""Rows without an attribution of their own, and the attributed row they belong to (an anonymous
agreement's parties are changed as coarsely as the agreement, `Database.update`)."""


def _anonymous(db: Database, table: str, row_id: str) -> bool | None:
    if table in ATTRIBUTED_TABLES:
        return None  # `Database.update` reads the row's own attribution
    if table in _BELONGS_TO:
        parent, column = _BELONGS_TO[table]
        attribution = db.value(
            f"SELECT p.attribution FROM {parent} p JOIN {table} c ON c.{column} = p.id WHERE c.id = ?", [row_id])
        return attribution == "anonymous"
    return False


class Partnerships:
    """Who meets: partnerships, organisations, people."""

    def __init__(self, db: Database, counting: Counting, changes: Changes) -> None:
        self.db = db
        self.counting = counting
        self.changes = changes

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
            return live_organisation(self.db, found)  # an alias names the organisation it joined
        return self.db.insert("organisations", {"partnership_id": partnership_id, "name": name})["id"]

    def ensure_organisation(self, partnership_id: str, name: str) -> Organisation:
        """The partnership's organisation of this name (any case), remembered if new."""
        name = sanitise(name)
        if not name:
            raise ValueError("An organisation needs a name.")
        organisation_id = self.db.write(lambda: self._ensure_organisation_id(partnership_id, name))
        return self.organisation(organisation_id)

    def organisation(self, organisation_id: str) -> Organisation:
        """One organisation (the one it was merged into, if it was), with its aliases."""
        live = live_organisation(self.db, organisation_id)
        row = self.db.rows(f"SELECT o.id, o.partnership_id, o.name, {self._aliases()} FROM organisations o "
                           "WHERE o.id = ?", [live])[0]
        return self._organisation(row)

    def _aliases(self) -> str:
        """The column of an organisation `o`'s aliases, as a JSON array (none in an older file)."""
        if not _names_join(self.db):
            return "'[]' AS aliases"
        return """(SELECT json_group_array(name) FROM (SELECT a.name FROM organisations a
            WHERE a.merged_into_id = o.id AND a.id != o.id ORDER BY a.name COLLATE NOCASE)) AS aliases"""

    @staticmethod
    def _organisation(row: Any) -> Organisation:
        aliases = tuple(str(a) for a in json.loads(row["aliases"] or "[]") if isinstance(a, str))
        return Organisation(id=row["id"], partnership_id=row["partnership_id"], name=row["name"], aliases=aliases)

    def find_organisation(self, partnership_id: str, name: str) -> Organisation | None:
        """The organisation called `name` or known by it as an alias (any case), or None."""
        found = self.db.value(
            "SELECT id FROM organisations WHERE partnership_id = ? AND name = ? COLLATE NOCASE",
            [partnership_id, sanitise(name)],
        )
        return self.organisation(found) if found else None

    def known_names(self, partnership_id: str, *, include_confidential: bool = True) -> dict[str, str]:
        """Every name an organisation of the partnership is typed by (its own and its aliases'),
        in any case (`str.casefold`), with the name the organisation is shown by."""
        known: dict[str, str] = {}
        for organisation in self.organisations(partnership_id, include_confidential=include_confidential):
            for name in (*organisation.aliases, organisation.name):
                known[name.casefold()] = organisation.name
        return known

    def people_counts(self, partnership_id: str) -> dict[str, int]:
        """How many people each live organisation of the partnership has (by its id)."""
        rows = self.db.rows(
            "SELECT organisation_id, count(*) AS n FROM people WHERE partnership_id = ? "
            "AND organisation_id IS NOT NULL GROUP BY organisation_id", [partnership_id])
        counts: dict[str, int] = {}
        for row in rows:
            live = live_organisation(self.db, row["organisation_id"])
            counts[live] = counts.get(live, 0) + row["n"]
        return counts

    def _named(self, partnership_id: str, name: str) -> Any:
        """The organisation row called `name` (any case), or raise `NameRefused`."""
        rows = self.db.rows(
            "SELECT id, name, merged_into_id FROM organisations WHERE partnership_id = ? AND name = ? COLLATE NOCASE",
            [partnership_id, name],
        )
        if not rows:
            raise NameRefused(_("no organisation called {name!r} in this partnership").format(name=name[:80]))
        return rows[0]

    def merge_organisations(self, partnership_id: str, name: str, into_name: str, *,
                            meeting_id: str | None = None, note: str = "") -> Organisation:
        """Join the organisation `name` into `into_name`: everything that named it names the other,
        its people who share a name (any case) with one of the other's become that person, and
        `name` stays as the other's alias (`merged_into_id`), so typing it finds the other.

        Raises:
            NameRefused: either is unknown, they are the same, or one is already an alias.
        """
        name, into_name = sanitise(name), sanitise(into_name)

        def work() -> str:
            source, target = self._named(partnership_id, name), self._named(partnership_id, into_name)
            if source["merged_into_id"] is not None:
                already = self.organisation(source["id"]).name
                if live_organisation(self.db, source["id"]) == live_organisation(self.db, target["id"]):
                    raise NameRefused(_("{name!r} is already an alias of {other!r}").format(
                        name=source["name"], other=already))
                raise NameRefused(_("{name!r} is an alias of {other!r}; merge {other!r} instead").format(
                    name=source["name"], other=already))
            if target["merged_into_id"] is not None:
                live = self.organisation(target["id"]).name
                if live_organisation(self.db, target["id"]) == source["id"]:
                    raise NameRefused(_("{name!r} is already an alias of {other!r}").format(
                        name=target["name"], other=source["name"]))
                raise NameRefused(_("{name!r} is an alias of {other!r}; merge into {other!r}").format(
                    name=target["name"], other=live))
            if source["id"] == target["id"]:
                raise NameRefused(_("cannot merge {name!r} into itself").format(name=source["name"]))
            self._join_people(partnership_id, source["id"], target["id"])
            self.move_organisation(source["id"], target["id"])
            for alias in [row["id"] for row in self.db.rows(
                    "SELECT id FROM organisations WHERE merged_into_id = ?", [source["id"]])]:
                self._point(alias, source["id"], target["id"], ChangeKind.MERGED, partnership_id, meeting_id, note)
            self._point(source["id"], None, target["id"], ChangeKind.MERGED, partnership_id, meeting_id, note)
            return str(target["id"])

        return self.organisation(self.db.write(work))

    def add_alias(self, partnership_id: str, organisation: str, alias: str, *,
                  meeting_id: str | None = None, note: str = "") -> Organisation:
        """Let the organisation also be typed as `alias` (a name no organisation has yet).

        Raises:
            NameRefused: the organisation is unknown, or `alias` is already a name here.
        """
        organisation, alias = sanitise(organisation), sanitise(alias)
        if not alias:
            raise NameRefused(_("an alias needs a name"))
        if "," in alias:  # typed alone at the door, it would be read as "name, organisation"
            raise NameRefused(_("an alias cannot hold a comma ({alias!r}): at the door, a comma parts "
                                "a name from an organisation").format(alias=alias[:80]))

        def work() -> str:
            target = live_organisation(self.db, self._named(partnership_id, organisation)["id"])
            taken = self.db.rows(
                "SELECT id, name, merged_into_id FROM organisations WHERE partnership_id = ? AND name = ? COLLATE NOCASE",
                [partnership_id, alias])
            if taken:
                owner = self.organisation(taken[0]["id"]).name
                if taken[0]["merged_into_id"] is None:
                    raise NameRefused(_("{name!r} is already an organisation's name; "
                                        "merge it with `organisation merge` instead").format(name=taken[0]["name"]))
                raise NameRefused(_("{name!r} is already an alias of {other!r}").format(
                    name=taken[0]["name"], other=owner))
            made = self.db.insert("organisations", {"partnership_id": partnership_id, "name": alias})["id"]
            self._point(made, None, target, ChangeKind.ALIASED, partnership_id, meeting_id, note)
            return target

        return self.organisation(self.db.write(work))

    def _point(self, organisation_id: str, was: str | None, target: str, kind: ChangeKind,
               partnership_id: str, meeting_id: str | None, note: str) -> None:
        self.db.update("organisations", organisation_id, {"merged_into_id": target})
        self.changes.record(ChangedTable.ORGANISATIONS, organisation_id, kind, partnership_id=partnership_id,
                            fields=[("merged_into_id", was, target)], meeting_id=meeting_id, note=note)

    def move_organisation(self, source: str, target: str) -> None:
        """Inside a write: every row that names `source` names `target` instead (each a new
        version of that row). An agreement that had both as parties keeps its party naming
        `source` (the UNIQUE pair; deleted, it would come back from every site that holds it):
        the agreement's readers show each party once, by the name of the organisation it is
        (`PARTY_NAMES`), as a merge of files does (`merge._settle_merged_organisations`)."""
        for table, column in _references(self.db, "organisations"):
            if table == "organisations":
                continue
            for row in self.db.rows(f"SELECT id FROM {table} WHERE {column} = ?", [source]):
                if table == "agreement_parties" and self.db.value(
                    "SELECT 1 FROM agreement_parties WHERE party_organisation_id = ? AND agreement_id = "
                    "(SELECT agreement_id FROM agreement_parties WHERE id = ?)", [target, row["id"]],
                ):
                    continue
                self.db.update(table, row["id"], {column: target}, anonymous=_anonymous(self.db, table, row["id"]))

    def _join_people(self, partnership_id: str, source: str, target: str) -> None:
        """Inside a write: each named person of `source` who shares a name (any case) with a person
        of `target` becomes that person: what names them names the other, and they are deleted
        (a tombstone says so to other sites, as retention's do)."""
        for person in self.db.rows(
            "SELECT id, name, created_at FROM people WHERE organisation_id = ? AND name IS NOT NULL", [source]
        ):
            kept = self.db.value(
                "SELECT id FROM people WHERE partnership_id = ? AND organisation_id = ? AND name = ? COLLATE NOCASE "
                "ORDER BY rowid LIMIT 1", [partnership_id, target, person["name"]])
            if kept is None:
                continue
            for table, column in _references(self.db, "people"):
                for row in self.db.rows(f"SELECT id FROM {table} WHERE {column} = ?", [person["id"]]):
                    if table in ("attendance", "round_turns"):
                        scope = "meeting_id" if table == "attendance" else "section_run_id"
                        if self.db.value(f"SELECT 1 FROM {table} WHERE {column} = ? AND {scope} = "
                                         f"(SELECT {scope} FROM {table} WHERE id = ?)", [kept, row["id"]]):
                            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row["id"]])
                            continue
                    self.db.update(table, row["id"], {column: kept}, anonymous=_anonymous(self.db, table, row["id"]))
            now = self.db.now()
            self.db.execute("DELETE FROM people WHERE id = ?", [person["id"]])
            self.db.execute(
                "INSERT OR IGNORE INTO tombstones (id, table_name, row_id, deleted_at, created_at, updated_at) "
                "VALUES (?, 'people', ?, ?, ?, ?)",
                [deletion_id("people", person["id"], person["created_at"], ()), person["id"], now, now, now])

    def organisations(self, partnership_id: str, *, include_confidential: bool = True) -> list[Organisation]:
        """The partnership's organisations, alphabetically.

        Args:
            include_confidential: False for any audience below the facilitator (the room, a
                participant, a report without confidential items): an organisation known only
                from confidential items is itself confidential, since its name alone can say
                who raised what ("Children's Aid" appearing the day a confidential elephant
                was named). It is left out until something open names it.
        """
        hidden = "" if include_confidential else f"AND o.id NOT IN ({_KNOWN_ONLY_IN_CONFIDENCE})"
        live = "AND o.merged_into_id IS NULL" if _names_join(self.db) else ""
        # Only live organisations: one merged into another (or made an alias) is listed as its alias.
        rows = self.db.rows(
            f"SELECT o.id, o.partnership_id, o.name, {self._aliases()} FROM organisations o "
            f"WHERE o.partnership_id = :p {live} {hidden} ORDER BY o.name COLLATE NOCASE",
            {"p": partnership_id},
        )
        return [self._organisation(r) for r in rows]

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

    def people(self, partnership_id: str) -> list[Person]:
        """The partnership's people, those seen at a meeting most recently first, then by name."""
        rows = self.db.rows(
            """SELECT p.id, p.partnership_id, p.name, p.organisation_id, o.name AS organisation_name
               FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
               WHERE p.partnership_id = ?
               ORDER BY (SELECT max(m.started_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                         WHERE a.person_id = p.id) DESC NULLS LAST, p.name COLLATE NOCASE, p.rowid""",
            [partnership_id],
        )
        return [Person(**dict(row)) for row in rows]

    def person(self, person_id: str) -> Person:
        """One person, with their organisation's name."""
        row = self.db.rows(
            """SELECT p.id, p.partnership_id, p.name, p.organisation_id, o.name AS organisation_name
               FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?""",
            [person_id],
        )[0]
        return Person(**dict(row))
