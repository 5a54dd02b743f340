"""Name the Jargon: terms as they are raised, their meanings per organisation, the glossary.

A term belongs to the partnership, not to one meeting, so what was explained last
month is there when the word comes up again today. Spellings that differ only in
case, accents, dots or spacing are one term (`core.text.jargon_key`).

A term has a language (English or French, or none said): the working language of the meeting
that first named it, none for a bilingual meeting's, and editable. "Same thing as" may join
terms of both languages; the glossary shows those as equivalents (IEP ≡ PEI) and can be kept to
one language.
"""

from __future__ import annotations

from typing import Any

from meetingkit.core.clock import from_iso, to_the_minute
from meetingkit.core.models import (
    Attribution,
    BoardTerm,
    ChangedTable,
    ChangeKind,
    Meaning,
    TermLanguage,
    WorkingLanguage,
)
from meetingkit.core.near_duplicates import near_duplicates
from meetingkit.core.text import jargon_key, sanitise
from meetingkit.store.business import _find
from meetingkit.store.changes import Changes, changed_fields
from meetingkit.store.credit import credit_columns
from meetingkit.store.database import Database
from meetingkit.store.meetings import Meetings
from meetingkit.store.retention import deletion_id


def _find_one(db: Database, table: str, noun: str, reference: str) -> str:
    """`business._find`, its messages saying "a term" (it says "an" before every noun)."""
    try:
        return _find(db, table, noun, reference)
    except LookupError as error:
        raise LookupError(str(error).replace(f"an {noun}", f"a {noun}")) from None


def _named(term: dict[str, Any]) -> str:
    """A term as a message names it: its spelling, or, for a confidential term, not its spelling
    (messages are printed and may be projected)."""
    return "a confidential term" if term["confidential"] else repr(term["display"])


def _mention_order(mentioned_at: str, rowid: int) -> int:
    """Where a mention stands in the order things were raised, as one number: by its time, then,
    for mentions stamped the same, by rowid (an anonymous mention's, numbered apart below zero,
    puts it first in its minute: see `database.NEXT_ANONYMOUS_ROWID`)."""
    instant = from_iso(mentioned_at)
    millis = round(instant.timestamp() * 1000) if instant else 0
    return (millis << 64) + rowid + (1 << 63)


class Jargon:
    """The Name the Jargon board and the partnership's glossary."""

    def __init__(self, db: Database, meetings: Meetings, changes: Changes) -> None:
        self.db = db
        self.meetings = meetings
        self.changes = changes
        self._mergeable: bool | None = None
        self._has_languages: bool | None = None

    @property
    def _merges(self) -> bool:
        """Whether the file can hold merged terms (`merged_into_id`, migration 11). It always can
        once opened by this version; a test writing a file as an older version wrote it cannot."""
        if self._mergeable is None:
            self._mergeable = any(row[1] == "merged_into_id" for row in self.db.rows("PRAGMA table_info(jargon_terms)"))
        return self._mergeable

    @property
    def _languages(self) -> bool:
        """Whether the file knows languages (migration 12); as `_merges`, only a test's older file does not."""
        if self._has_languages is None:
            self._has_languages = any(row[1] == "language" for row in self.db.rows("PRAGMA table_info(jargon_terms)"))
        return self._has_languages

    def _first_named_in(self, meeting_id: str) -> dict[str, Any]:
        """A new term's language, from the working language of the meeting naming it: none for a
        bilingual meeting (a term of both languages is neither until someone says)."""
        if not self._languages:
            return {}
        working = self.db.value("SELECT language FROM meetings WHERE id = ?", [meeting_id])
        return {"language": None if working in (None, WorkingLanguage.BOTH.value) else working}

    @property
    def _standing(self) -> str:
        """A condition on `t` keeping the terms not merged away."""
        return " AND t.merged_into_id IS NULL" if self._merges else ""

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
            if term_id is not None:
                term_id = self._follow(term_id)  # a term merged away counts under the one it joined
            else:
                term_id = self.db.insert(
                    "jargon_terms",
                    # A new term is unexplained until someone says what it means: naming it is
                    # usually "I don't know that one", and the board should say so.
                    {"partnership_id": partnership_id, "key": key, "display": display, "unexplained": 1,
                     "confidential": int(confidential), **self._first_named_in(meeting_id)},
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
            return self._follow(str(found))
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
        language = ", t.language" if self._languages else ""
        return self.db.rows(
            self._TERM_SELECT + language + extra + " FROM jargon_terms t" + self._TERM_STATS.format(where=where)
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
        groups = self._same_as_groups(rows)
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
            own = row["language"] if self._languages else None
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
                    same_as=tuple(name for other, name, _, _ in groups.get(row["group_id"], ()) if other != row["id"]),
                    same_as_confidential=tuple(
                        name for other, name, private, _ in groups.get(row["group_id"], ())
                        if private and other != row["id"]
                    ),
                    language=TermLanguage(own) if own else None,
                    # The same thing in the other language: both languages known, and not the same.
                    equivalents=tuple(
                        name for other, name, _, theirs in groups.get(row["group_id"], ())
                        if other != row["id"] and own and theirs and theirs != own
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

    def record_terms(self, meeting_id: str) -> list[BoardTerm]:
        """The terms raised in a meeting as its record needs them, in `board_terms`' order: each one's
        tally there, whether it was first raised there, and its same-as names, but no totals over the
        partnership's history nor meanings (`total`, `meetings`, `first_raised`, `last_raised` and
        `meanings` are left empty: the record reads its meanings as of the meeting's end itself).

        Set-based: one read of the meeting's mentions by term, whose first mention anywhere is one
        step in an index (migration 13); `board_terms` aggregates every mention of each term in the
        partnership's history, a few milliseconds a term on a file with years of meetings.
        """
        language = ", t.language" if self._languages else ""
        rows = self.db.rows(
            f"""SELECT t.id, t.display, t.expansion, t.plain_words, t.unexplained, t.confidential, t.group_id,
                    here.tally, here.first_at,
                    (SELECT x.rowid FROM jargon_mentions x WHERE x.meeting_id = :m AND x.term_id = here.term_id
                     ORDER BY x.mentioned_at, x.rowid LIMIT 1) AS first_rowid,
                    here.first_at <= (SELECT min(x.mentioned_at) FROM jargon_mentions x
                                      WHERE x.term_id = here.term_id) AS first_here{language}
                FROM (SELECT term_id, count(*) AS tally, min(mentioned_at) AS first_at FROM jargon_mentions
                      WHERE meeting_id = :m GROUP BY term_id) AS here
                JOIN jargon_terms t ON t.id = here.term_id""",
            {"m": meeting_id},
        )
        groups = self._same_as_groups(rows)
        terms = []
        for row in rows:
            group = groups.get(row["group_id"], ())
            own = row["language"] if self._languages else None
            terms.append(BoardTerm(
                id=row["id"],
                display=row["display"],
                tally=row["tally"],
                unexplained=bool(row["unexplained"]),
                new_here=bool(row["first_here"]),
                expansion=row["expansion"],
                plain_words=row["plain_words"],
                same_as=tuple(name for other, name, _, _ in group if other != row["id"]),
                same_as_confidential=tuple(name for other, name, private, _ in group if private and other != row["id"]),
                language=TermLanguage(own) if own else None,
                equivalents=tuple(
                    name for other, name, _, theirs in group if other != row["id"] and own and theirs and theirs != own
                ),
                confidential=bool(row["confidential"]),
                first_mention=_mention_order(row["first_at"], row["first_rowid"]),
            ))
        return sorted(terms, key=lambda term: (-term.tally, term.first_mention))

    def _same_as_groups(self, rows: list[Any]) -> dict[str, list[tuple[str, str, bool, str | None]]]:
        """The standing members of the same-as groups of these terms' rows, by group: (id, display,
        confidential, language), alphabetically."""
        groups: dict[str, list[tuple[str, str, bool, str | None]]] = {}
        group_ids = sorted({row["group_id"] for row in rows if row["group_id"]})
        if not group_ids:
            return groups
        language = ", language" if self._languages else ", NULL AS language"
        for row in self.db.rows(
            f"SELECT id, display, group_id, confidential{language} FROM jargon_terms t"
            f" WHERE group_id IN ({','.join('?' * len(group_ids))}){self._standing}"
            " ORDER BY display COLLATE NOCASE",
            group_ids,
        ):
            groups.setdefault(row["group_id"], []).append(
                (row["id"], row["display"], bool(row["confidential"]), row["language"])
            )
        return groups

    def meeting_board(self, meeting_id: str) -> list[BoardTerm]:
        """The runner's board: `board_terms` without what its lines never show, the totals across
        the partnership's meetings (`total`, `meetings`: 0; `first_raised`, `last_raised`: None).

        Those totals read every mention of every term on the board, in all the partnership's
        meetings, and two timestamps per term were kept for nothing: at 10,000 terms, time at the
        runner's opening and memory for as long as it is open. A term's own view (`board_term`)
        still has them all.
        """
        language = ", t.language" if self._languages else ""
        rows = self.db.rows(
            "SELECT t.id, t.display, t.expansion, t.plain_words, t.unexplained, t.confidential, t.group_id,"
            " 0 AS total, 0 AS meetings, NULL AS first_raised, NULL AS last_raised" + language +
            " FROM jargon_terms t WHERE t.id IN (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)",
            {"m": meeting_id},
        )
        return sorted(self._board_terms(rows, meeting_id), key=lambda term: (-term.tally, term.first_mention))

    def board_term(self, term_id: str, meeting_id: str | None = None) -> BoardTerm:
        """One term, as the board for `meeting_id` (or the glossary) shows it."""
        rows = self._term_rows("WHERE t.id = :term", {"term": term_id})
        if not rows:
            raise KeyError(f"no term {term_id}")
        return self._board_terms(rows, meeting_id)[0]

    def glossary(
        self, partnership_id: str, *, search: str = "", language: TermLanguage | None = None
    ) -> list[BoardTerm]:
        """Every term of the partnership: still unexplained ones first, then alphabetically.

        Args:
            search: Keep terms whose spelling, expansion, plain words or meanings contain it.
            language: Keep the terms of that language only (not those whose language nobody said).
        """
        where = "WHERE t.partnership_id = :partnership" + self._standing
        params: dict[str, Any] = {"partnership": partnership_id}
        if language is not None:
            if not self._languages:
                return []
            where += " AND t.language = :language"
            params["language"] = TermLanguage(language).value
        rows = self._term_rows(where, params, order="ORDER BY t.unexplained DESC, t.display COLLATE NOCASE")
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

    def set_language(self, term_id: str, language: TermLanguage | None, *, meeting_id: str | None = None) -> None:
        """Say which language a term belongs to (None: neither said), kept in its history."""
        chosen = TermLanguage(language).value if language is not None else None

        def work() -> None:
            term = self._standing_term(term_id)
            if term["language"] == chosen:
                return
            self.db.update("jargon_terms", term_id, {"language": chosen}, anonymous=False)
            self.changes.record(
                ChangedTable.JARGON_TERMS, term_id, ChangeKind.EDITED, partnership_id=term["partnership_id"],
                fields=[("language", term["language"], chosen)], meeting_id=meeting_id,
                confidential=bool(term["confidential"]),
            )

        self.db.write(work)

    # -- corrections: renaming and merging terms, editing, moving and deleting meanings --------

    def find_term(self, reference: str) -> str:
        """The id of the one term whose id holds `reference` (6 or more of its characters)."""
        return _find_one(self.db, "jargon_terms", "term", reference)

    def find_meaning(self, reference: str) -> str:
        """The id of the one meaning whose id holds `reference` (6 or more of its characters)."""
        return _find_one(self.db, "jargon_meanings", "meaning", reference)

    def merged_into(self, term_id: str) -> str | None:
        """The term this one was merged into, at the end of the chain; None if it stands on its own."""
        followed = self._follow(term_id)
        return None if followed == term_id else followed

    def _follow(self, term_id: str) -> str:
        """The term that stands for `term_id`: itself, or the end of its chain of merges.

        Cycle-safe: two sites that merged two terms into each other leave a cycle until a merge
        of their files settles it (`merge._Merger._settle_merged_terms`); until then the smallest
        id in the cycle stands for it, as that settling chooses.
        """
        if not self._merges:
            return term_id
        seen: list[str] = []
        current = term_id
        while current not in seen:
            seen.append(current)
            following = self.db.value("SELECT merged_into_id FROM jargon_terms WHERE id = ?", [current])
            if not following:
                return current
            current = str(following)
        return min(seen[seen.index(current):])

    def _term(self, term_id: str) -> dict[str, Any]:
        rows = self.db.rows("SELECT * FROM jargon_terms WHERE id = ?", [term_id])
        if not rows:
            raise LookupError("That term is no longer in the glossary.")
        return dict(rows[0])

    def _standing_term(self, term_id: str) -> dict[str, Any]:
        """A term that has not been merged away, or a message naming the one it joined."""
        term = self._term(term_id)
        if term["merged_into_id"]:
            into = self._term(self._follow(term_id))
            raise ValueError(f"{_named(term)} was merged into {_named(into)}; change that term instead.")
        return term

    def rename_term(self, term_id: str, new: str, *, meeting_id: str | None = None) -> None:
        """Spell a term another way; its key follows. Refused if the new spelling is another term's
        (merge the two instead), so that no two terms of a partnership share a key."""
        display = sanitise(new)
        key = jargon_key(display)
        if not key:
            raise ValueError("Type the term's new spelling.")

        def work() -> None:
            term = self._standing_term(term_id)
            if display == term["display"]:
                raise ValueError(f"The term is spelled {display!r} already.")
            other = self.db.rows(
                "SELECT id, display FROM jargon_terms WHERE partnership_id = ? AND key = ? AND id != ?",
                [term["partnership_id"], key, term_id],
            )
            if other and self._follow(other[0]["id"]) == term_id:
                raise ValueError(
                    f"That spelling was merged into this term ({_named(self._term(other[0]['id']))}), so it "
                    "counts here already; a merged spelling is not given back as a name."
                )
            if other:
                shown = _named(self._term(self._follow(other[0]["id"])))
                raise ValueError(
                    f"That spelling is already the term {shown} in the glossary: merge the two instead "
                    "(m in the glossary, or `meetingkit term merge`)."
                )
            after = {"display": display, "key": key}
            self.db.update("jargon_terms", term_id, after, anonymous=False)
            self.changes.record(
                ChangedTable.JARGON_TERMS, term_id, ChangeKind.RENAMED, partnership_id=term["partnership_id"],
                fields=[("display", term["display"], display), ("key", term["key"], key)],
                meeting_id=meeting_id, confidential=bool(term["confidential"]),
            )

        self.db.write(work)

    def merge_terms(self, term_id: str, into_id: str, *, meeting_id: str | None = None) -> str:
        """Merge one term into another: its mentions and meanings move to the other, their same-as
        groups join, and the other's expansion and plain words stay unless it had none. The merged
        term stays as a row pointing at the other (`merged_into_id`), so its spelling, captured
        again here or at another site, counts under the other; it is shown nowhere else.

        Returns:
            The id of the term merged into.
        """

        def work() -> str:
            term = self._term(term_id)
            into = self._term(into_id)
            if term_id == into_id or self._follow(into_id) == term_id:
                raise ValueError("A term cannot be merged into itself.")
            if term["merged_into_id"]:
                standing = self._term(self._follow(term_id))
                raise ValueError(f"{_named(term)} was merged into {_named(standing)} already.")
            if into["merged_into_id"]:
                standing = self._term(self._follow(into_id))
                raise ValueError(
                    f"{_named(into)} was merged into {_named(standing)}; merge into that term instead."
                )
            if term["partnership_id"] != into["partnership_id"]:
                raise ValueError("Those terms belong to different partnerships.")
            return self._merge_terms(term, into, meeting_id)

        return self.db.write(work)

    def _merge_terms(self, term: dict[str, Any], into: dict[str, Any], meeting_id: str | None) -> str:
        mentions = [row["id"] for row in self.db.rows("SELECT id FROM jargon_mentions WHERE term_id = ?", [term["id"]])]
        meanings = [row["id"] for row in self.db.rows("SELECT id FROM jargon_meanings WHERE term_id = ?", [term["id"]])]
        for table, ids in (("jargon_mentions", mentions), ("jargon_meanings", meanings)):
            for row_id in ids:
                # What a confidential term means, or where it was raised, is as confidential as the term.
                secret = {"confidential": 1} if into["confidential"] else {}
                self.db.update(table, row_id, {"term_id": into["id"], **secret})
        group = into["group_id"] or term["group_id"]
        if term["group_id"] and into["group_id"] and term["group_id"] != into["group_id"]:
            for (member,) in self.db.rows("SELECT id FROM jargon_terms WHERE group_id = ? AND id != ?",
                                          [term["group_id"], term["id"]]):
                self.db.update("jargon_terms", member, {"group_id": group}, anonymous=False)
        after: dict[str, Any] = {
            "expansion": into["expansion"] or term["expansion"],
            "plain_words": into["plain_words"] or term["plain_words"],
            "group_id": group,
        }
        if self._languages:  # the term joined keeps its language, or takes the merged one's
            after["language"] = into["language"] or term["language"]
        explained = bool(after["expansion"] or after["plain_words"] or self.db.value(
            "SELECT 1 FROM jargon_meanings WHERE term_id = ? LIMIT 1", [into["id"]]))
        after["unexplained"] = 0 if explained else into["unexplained"]
        target_fields = changed_fields(into, after)
        if target_fields:
            self.db.update("jargon_terms", into["id"], dict((c, b) for c, _, b in target_fields), anonymous=False)
        self.db.update("jargon_terms", term["id"], {"merged_into_id": into["id"]}, anonymous=False)
        changes = self.changes
        moved = [("merged_into_id", None, into["id"])]
        moved += [(name, None, len(ids)) for name, ids in (("mentions_moved", mentions), ("meanings_moved", meanings))
                  if ids]
        changes.record(ChangedTable.JARGON_TERMS, term["id"], ChangeKind.MERGED, partnership_id=term["partnership_id"],
                       fields=moved, meeting_id=meeting_id, note=f"merged into {into['display']}",
                       confidential=bool(term["confidential"]))
        changes.record(ChangedTable.JARGON_TERMS, into["id"], ChangeKind.MERGED, partnership_id=into["partnership_id"],
                       fields=target_fields, meeting_id=meeting_id,
                       note=f"{term['display']} merged into it ({len(mentions)} mentions, {len(meanings)} meanings)",
                       confidential=bool(into["confidential"] or term["confidential"]))
        return str(into["id"])

    def near_duplicate_pairs(self, partnership_id: str) -> dict[str, tuple[str, ...]]:
        """The partnership's standing terms that look like others (`core.near_duplicates`), by id."""
        rows = self.db.rows(
            "SELECT id, display FROM jargon_terms t WHERE partnership_id = ?" + self._standing +
            " ORDER BY display COLLATE NOCASE, id",
            [partnership_id],
        )
        return near_duplicates((row["id"], row["display"]) for row in rows)

    def _meaning(self, meaning_id: str) -> dict[str, Any]:
        rows = self.db.rows(
            """SELECT m.*, t.partnership_id, t.confidential AS term_confidential FROM jargon_meanings m
               JOIN jargon_terms t ON t.id = m.term_id WHERE m.id = ?""",
            [meaning_id],
        )
        if not rows:
            raise LookupError("That meaning is no longer in the glossary.")
        return dict(rows[0])

    def _record_meaning(self, row: dict[str, Any], kind: ChangeKind, fields: list[tuple[str, Any, Any]],
                        meeting_id: str | None, note: str = "") -> None:
        self.changes.record(
            ChangedTable.JARGON_MEANINGS, row["id"], kind, partnership_id=row["partnership_id"], fields=fields,
            meeting_id=meeting_id, note=note, confidential=bool(row["confidential"] or row["term_confidential"]),
            anonymous=row["attribution"] == Attribution.ANONYMOUS.value,
        )

    def edit_meaning(self, meaning_id: str, text: str, *, meeting_id: str | None = None) -> None:
        """Change a meaning's words, keeping what they were in its history."""
        cleaned = sanitise(text)
        if not cleaned:
            raise ValueError("The meaning is empty; delete it instead.")

        def work() -> None:
            row = self._meaning(meaning_id)
            if row["meaning"] == cleaned:
                return
            self.db.update("jargon_meanings", meaning_id, {"meaning": cleaned})
            self._record_meaning(row, ChangeKind.EDITED, [("meaning", row["meaning"], cleaned)], meeting_id)

        self.db.write(work)

    def move_meaning(self, meaning_id: str, to_term_id: str, *, meeting_id: str | None = None) -> None:
        """A meaning saved on the wrong term, moved to the right one (of the same partnership)."""

        def work() -> None:
            row = self._meaning(meaning_id)
            target = self._standing_term(to_term_id)
            if target["id"] == row["term_id"]:
                raise ValueError("The meaning is on that term already.")
            if target["partnership_id"] != row["partnership_id"]:
                raise ValueError("That term belongs to another partnership.")
            values: dict[str, Any] = {"term_id": target["id"]}
            if target["confidential"] and not row["confidential"]:
                values["confidential"] = 1  # a confidential term's meanings are confidential too
            self.db.update("jargon_meanings", meaning_id, values)
            self.db.update("jargon_terms", target["id"], {"unexplained": 0}, anonymous=False)
            self._record_meaning(row, ChangeKind.EDITED, changed_fields(row, values), meeting_id,
                                 note=f"moved to {target['display']}")

        self.db.write(work)

    _MEANING_COLUMNS = ("term_id", "meaning_organisation_id", "meaning", "meeting_id", "attribution", "person_id",
                        "organisation_id", "confidential", "created_at", "updated_at")

    def delete_meaning(self, meaning_id: str, *, meeting_id: str | None = None) -> None:
        """Delete a meaning for good, its whole row kept in its history, leaving a tombstone (its id the
        proof that this file held the meaning, `retention.deletion_id`) so a merge does not bring it back."""

        def work() -> None:
            row = self._meaning(meaning_id)
            sections = [r[0] for r in self.db.execute(
                "SELECT id FROM section_runs WHERE meeting_id = ?", [row["meeting_id"]])] if row["meeting_id"] else []
            self.db.execute("DELETE FROM jargon_meanings WHERE id = ?", [meaning_id])
            anonymous = row["attribution"] == Attribution.ANONYMOUS.value
            now = self.db.now()
            self.db.insert(
                "tombstones",
                {"id": deletion_id("jargon_meanings", meaning_id, row["created_at"], sections),
                 "table_name": "jargon_meanings", "row_id": meaning_id,
                 "deleted_at": to_the_minute(now) if anonymous else now},
                anonymous=anonymous,
            )
            fields = [(column, row[column], None) for column in self._MEANING_COLUMNS if column in row]
            self._record_meaning(row, ChangeKind.DELETED, fields, meeting_id)

        self.db.write(work)
