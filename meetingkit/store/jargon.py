"""Name the Jargon: terms as they are raised, their meanings per organisation, the glossary.

A term belongs to the partnership, not to one meeting, so what was explained last
month is there when the word comes up again today. Spellings that differ only in
case, dots or spacing are one term (`core.text.jargon_key`).
"""

from __future__ import annotations

from typing import Any

from meetingkit.core.clock import from_iso
from meetingkit.core.models import Attribution, BoardTerm, Meaning
from meetingkit.core.text import jargon_key, sanitise
from meetingkit.store.credit import credit_columns
from meetingkit.store.database import Database
from meetingkit.store.meetings import Meetings


def _mention_order(mentioned_at: str, rowid: int) -> int:
    """Where a mention stands in the order things were raised, as one number: by its time, then,
    for mentions stamped the same, by rowid (an anonymous mention's, numbered apart below zero,
    puts it first in its minute: see `database.NEXT_ANONYMOUS_ROWID`)."""
    instant = from_iso(mentioned_at)
    millis = round(instant.timestamp() * 1000) if instant else 0
    return (millis << 64) + rowid + (1 << 63)


class Jargon:
    """The Name the Jargon board and the partnership's glossary."""

    def __init__(self, db: Database, meetings: Meetings) -> None:
        self.db = db
        self.meetings = meetings

    def mention(
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
            partnership_id, current_run = self.meetings.capture_context(meeting_id)
            term_id = self.db.value(
                "SELECT id FROM jargon_terms WHERE partnership_id = ? AND key = ?", [partnership_id, key]
            )
            if term_id is None:
                term_id = self.db.insert(
                    "jargon_terms",
                    # A new term is unexplained until someone says what it means: naming it is
                    # usually "I don't know that one", and the board should say so.
                    {"partnership_id": partnership_id, "key": key, "display": display, "unexplained": 1,
                     "confidential": int(confidential)},
                    # A term first named anonymously would otherwise keep the precise moment.
                    anonymous=credit["attribution"] == Attribution.ANONYMOUS.value,
                )["id"]
            self.db.insert(
                "jargon_mentions",
                {
                    "term_id": term_id,
                    "meeting_id": meeting_id,
                    "section_run_id": section_run_id or current_run,
                    "mentioned_at": self.db.now(),
                    "confidential": int(confidential),
                    **credit,
                },
            )
            tally = self.db.value(
                "SELECT count(*) FROM jargon_mentions WHERE term_id = ? AND meeting_id = ?", [term_id, meeting_id]
            )
            return term_id, tally

        return self.db.write(work)

    def tallies(self, meeting_id: str) -> list[tuple[str, int]]:
        """This meeting's terms with how often each was raised, most-raised first."""
        rows = self.db.rows(
            """SELECT t.display, count(*) AS tally FROM jargon_mentions m
               JOIN jargon_terms t ON t.id = m.term_id WHERE m.meeting_id = ?
               GROUP BY t.id ORDER BY tally DESC, t.display COLLATE NOCASE""",
            [meeting_id],
        )
        return [(row["display"], row["tally"]) for row in rows]

    def _ensure_term_id(self, partnership_id: str, text: str) -> str:
        """Inside a write: the id of the partnership's term spelled like `text`, added if new."""
        display = sanitise(text)
        key = jargon_key(display)
        if not key:
            raise ValueError("Type the term.")
        found = self.db.value("SELECT id FROM jargon_terms WHERE partnership_id = ? AND key = ?", [partnership_id, key])
        if found:
            return str(found)
        return self.db.insert("jargon_terms", {"partnership_id": partnership_id, "key": key, "display": display})["id"]

    def explain_term(self, term_id: str, *, expansion: str | None = None, plain_words: str | None = None) -> None:
        """Set what an acronym stands for and the plain-language alternative (None leaves one as it is)."""
        values: dict[str, Any] = {}
        if expansion is not None:
            values["expansion"] = sanitise(expansion)
        if plain_words is not None:
            values["plain_words"] = sanitise(plain_words)
        if values.get("expansion") or values.get("plain_words"):
            values["unexplained"] = 0
        if values:
            self.db.write(lambda: self.db.update("jargon_terms", term_id, values))

    def mark_unexplained(self, term_id: str, unexplained: bool = True) -> None:
        """Someone didn't know this one (or, with False, it no longer needs explaining)."""
        self.db.write(lambda: self.db.update("jargon_terms", term_id, {"unexplained": int(unexplained)}))

    def add_meaning(
        self,
        term_id: str,
        meaning: str,
        *,
        organisation_id: str | None = None,
        meeting_id: str | None = None,
        attribution: Attribution = Attribution.ANONYMOUS,
        person_id: str | None = None,
        said_by_organisation_id: str | None = None,
        confidential: bool = False,
    ) -> str:
        """Record what the term means in an organisation; a term with a meaning is no longer unexplained."""
        meaning = sanitise(meaning)
        if not meaning:
            raise ValueError("Type what it means.")
        credit = credit_columns(attribution, person_id, said_by_organisation_id)

        def work() -> str:
            # A confidential term's meaning is confidential too: it says what the term is.
            secret = confidential or bool(self.db.value("SELECT confidential FROM jargon_terms WHERE id = ?", [term_id]))
            row = self.db.insert(
                "jargon_meanings",
                {
                    "term_id": term_id,
                    "meaning_organisation_id": organisation_id,
                    "meaning": meaning,
                    "meeting_id": meeting_id,
                    "confidential": int(secret),
                    **credit,
                },
            )
            # Stamped as the meaning is: the term's time must not say to the second when an
            # anonymous meaning was given.
            unnamed = credit["attribution"] == Attribution.ANONYMOUS.value
            self.db.update("jargon_terms", term_id, {"unexplained": 0}, anonymous=unnamed)
            return row["id"]

        return self.db.write(work)

    def edit_term(
        self,
        term_id: str,
        *,
        meaning: str = "",
        meaning_organisation_id: str | None = None,
        meeting_id: str | None = None,
        expansion: str | None = None,
        plain_words: str | None = None,
        same_as: str = "",
        unexplained: bool | None = None,
    ) -> None:
        """Everything the term dialog says about a term, saved in one transaction or not at all."""
        meaning = sanitise(meaning)
        values: dict[str, Any] = {}
        if expansion is not None:
            values["expansion"] = sanitise(expansion)
        if plain_words is not None:
            values["plain_words"] = sanitise(plain_words)
        explained = bool(meaning or values.get("expansion") or values.get("plain_words"))
        if unexplained is not None:
            values["unexplained"] = int(unexplained and not explained)
        elif explained:
            values["unexplained"] = 0

        def work() -> None:
            if same_as:
                self._join_same_as(term_id, same_as)  # first: it is the part that can refuse
            if meaning:
                self.db.insert(
                    "jargon_meanings",
                    {"term_id": term_id, "meaning_organisation_id": meaning_organisation_id, "meaning": meaning,
                     "meeting_id": meeting_id, "attribution": "anonymous"},
                )
            if values:
                # With an (anonymous) meaning, the term's time is no more precise than the meaning's.
                self.db.update("jargon_terms", term_id, values, anonymous=bool(meaning))

        self.db.write(work)

    def same_as(self, term_id: str, other: str) -> str:
        """Say that `term_id` and the term spelled `other` are the same thing (ITP = ISP).

        The other term is added to the glossary if it is new; same-as is transitive,
        so joining two groups makes one. Returns the other term's id.
        """

        return self.db.write(lambda: self._join_same_as(term_id, other))

    def _join_same_as(self, term_id: str, other: str) -> str:
        """Inside a write: put `term_id` and the term spelled `other` in one same-as group."""
        partnership_id, group_id, secret = self.db.rows(
            "SELECT partnership_id, group_id, confidential FROM jargon_terms WHERE id = ?", [term_id]
        )[0]
        existed = self.db.value(
            "SELECT 1 FROM jargon_terms WHERE partnership_id = ? AND key = ?",
            [partnership_id, jargon_key(sanitise(other))],
        )
        other_id = self._ensure_term_id(partnership_id, other)
        if other_id == term_id:
            raise ValueError("That is the same term.")
        if secret and not existed:
            # A name first given as the same thing as a confidential term would name it in the
            # glossary and the report: it is as confidential as the term it stands for.
            self.db.update("jargon_terms", other_id, {"confidential": 1})
        other_group = self.db.value("SELECT group_id FROM jargon_terms WHERE id = ?", [other_id])
        group = group_id or other_group or self.db.insert("jargon_groups", {"partnership_id": partnership_id})["id"]
        for member in (term_id, other_id):
            self.db.update("jargon_terms", member, {"group_id": group})
        for old in {group_id, other_group} - {group, None}:
            for (member,) in self.db.rows("SELECT id FROM jargon_terms WHERE group_id = ?", [old]):
                self.db.update("jargon_terms", member, {"group_id": group})
        return other_id

    _TERM_SELECT = """
        SELECT t.id, t.display, t.expansion, t.plain_words, t.unexplained, t.confidential, t.group_id,
            coalesce(stats.total, 0) AS total, coalesce(stats.meetings, 0) AS meetings,
            stats.first_raised, stats.last_raised
    """
    _TERM_STATS = """
        LEFT JOIN (SELECT x.term_id, count(*) AS total, count(DISTINCT x.meeting_id) AS meetings,
                       min(x.mentioned_at) AS first_raised, max(x.mentioned_at) AS last_raised
                   FROM jargon_mentions x WHERE x.term_id IN (SELECT t.id FROM jargon_terms t {where})
                   GROUP BY x.term_id) AS stats ON stats.term_id = t.id
    """
    """A term's totals in one pass over the mentions of the terms asked for (the index on
    term, meeting and time covers it), instead of four subqueries per term."""

    def _term_rows(self, where: str, params: Any, *, extra: str = "", order: str = "") -> list[Any]:
        """Terms matching `where` (on `t`), with their totals; `extra` adds columns."""
        return self.db.rows(
            self._TERM_SELECT + extra + " FROM jargon_terms t" + self._TERM_STATS.format(where=where)
            + f" {where} {order}",
            params,
        )

    def _board_terms(self, rows: list[Any], meeting_id: str | None) -> list[BoardTerm]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        marks = ",".join("?" * len(ids))
        meanings: dict[str, list[Meaning]] = {}
        for row in self.db.rows(
            f"""SELECT m.id, m.term_id, m.meaning, m.confidential, coalesce(o.name, '') AS organisation
                FROM jargon_meanings m LEFT JOIN organisations o ON o.id = m.meaning_organisation_id
                WHERE m.term_id IN ({marks}) ORDER BY m.created_at, m.rowid""",
            ids,
        ):
            meanings.setdefault(row["term_id"], []).append(
                Meaning(row["id"], row["meaning"], row["organisation"], bool(row["confidential"]))
            )
        groups: dict[str, list[tuple[str, str, bool]]] = {}
        group_ids = sorted({row["group_id"] for row in rows if row["group_id"]})
        if group_ids:
            for row in self.db.rows(
                f"SELECT id, display, group_id, confidential FROM jargon_terms"
                f" WHERE group_id IN ({','.join('?' * len(group_ids))})"
                " ORDER BY display COLLATE NOCASE",
                group_ids,
            ):
                groups.setdefault(row["group_id"], []).append(
                    (row["id"], row["display"], bool(row["confidential"]))
                )
        tallies: dict[str, tuple[int, bool, int]] = {}
        if meeting_id is not None:
            for row in self.db.rows(
                f"""SELECT term_id, count(*) AS tally, min(mentioned_at) AS first_at,
                        (SELECT x.rowid FROM jargon_mentions x WHERE x.meeting_id = y.meeting_id
                         AND x.term_id = y.term_id ORDER BY x.mentioned_at, x.rowid LIMIT 1) AS first_rowid,
                        min(mentioned_at) <= (SELECT min(x.mentioned_at) FROM jargon_mentions x
                                              WHERE x.term_id = y.term_id) AS first_here
                    FROM jargon_mentions y WHERE meeting_id = ? AND term_id IN ({marks}) GROUP BY term_id""",
                [meeting_id, *ids],
            ):
                tallies[row["term_id"]] = (
                    row["tally"], bool(row["first_here"]), _mention_order(row["first_at"], row["first_rowid"])
                )
        terms = []
        for row in rows:
            # For a meeting's board, a term not raised in it has a tally of 0 there (not its total).
            tally, new_here, first = tallies.get(row["id"], (row["total"] if meeting_id is None else 0, False, 0))
            terms.append(
                BoardTerm(
                    id=row["id"],
                    display=row["display"],
                    tally=tally,
                    total=row["total"],
                    unexplained=bool(row["unexplained"]),
                    new_here=new_here,
                    expansion=row["expansion"],
                    plain_words=row["plain_words"],
                    meanings=tuple(meanings.get(row["id"], ())),
                    same_as=tuple(name for other, name, _ in groups.get(row["group_id"], ()) if other != row["id"]),
                    same_as_confidential=tuple(
                        name for other, name, private in groups.get(row["group_id"], ()) if private and other != row["id"]
                    ),
                    confidential=bool(row["confidential"]),
                    first_raised=from_iso(row["first_raised"]),
                    last_raised=from_iso(row["last_raised"]),
                    meetings=row["meetings"],
                    first_mention=first,
                )
            )
        return terms

    def board_terms(self, meeting_id: str) -> list[BoardTerm]:
        """The terms raised in a meeting, most raised first (ties: first raised first), with all the glossary knows."""
        rows = self._term_rows(
            "WHERE t.id IN (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)",
            {"m": meeting_id},
        )
        return sorted(self._board_terms(rows, meeting_id), key=lambda term: (-term.tally, term.first_mention))

    def board_term(self, term_id: str, meeting_id: str | None = None) -> BoardTerm:
        """One term, as the board for `meeting_id` (or the glossary) shows it."""
        rows = self._term_rows("WHERE t.id = :term", {"term": term_id})
        if not rows:
            raise KeyError(f"no term {term_id}")
        return self._board_terms(rows, meeting_id)[0]

    def glossary(self, partnership_id: str, *, search: str = "") -> list[BoardTerm]:
        """Every term of the partnership: still unexplained ones first, then alphabetically.

        Args:
            search: Keep terms whose spelling, expansion, plain words or meanings contain it.
        """
        rows = self._term_rows(
            "WHERE t.partnership_id = :partnership", {"partnership": partnership_id},
            order="ORDER BY t.unexplained DESC, t.display COLLATE NOCASE",
        )
        terms = self._board_terms(rows, None)
        needle = sanitise(search).casefold()
        if not needle:
            return terms
        # Filtered here rather than in SQL: SQLite's lower() folds ASCII only, so "café" would miss "CAFÉ".
        return [
            term for term in terms
            if any(needle in text.casefold() for text in (
                term.display, term.expansion, term.plain_words, *(m.meaning for m in term.meanings)
            ))
        ]
