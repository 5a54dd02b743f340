"""A whole meeting as a typed record, for exports: every captured item with its text, who said it,
times and status. Confidential items are left out unless asked for, and counted. Also the
summary made when a meeting ends, a partnership's glossary, and search."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from meetingkit.core.agendas import MAX_SECTION_MINUTES
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import to_iso
from meetingkit.core.models import BoardTerm, TermLanguage
from meetingkit.core.numbers import whole_number
from meetingkit.core.records import (
    RECORD_FORMAT,
    ElephantChange,
    FieldDecision,
    GlossaryEntry,
    LaterChange,
    LeftOut,
    MeetingRecord,
    MergeConflict,
    Minutes,
    RecordedAction,
    RecordedAgreement,
    RecordedAttendee,
    RecordedElephant,
    RecordedMeeting,
    RecordedSection,
    RecordedTerm,
    RecordedTurningPoint,
    ReviewedAgreement,
    SearchHit,
    Summary,
    TermMeaning,
    TermMention,
)
from meetingkit.core.summary import build_summary
from meetingkit.core.text import fts_query, highlight
from meetingkit.core.timing import tenths
from meetingkit.store.as_of import by_end
from meetingkit.store.boards import CLOSED_ELEPHANT_STATUSES, Boards
from meetingkit.store.business import Business
from meetingkit.store.credit import SAID_BY, SAID_BY_JOINS
from meetingkit.store.database import Database, json_names
from meetingkit.store.jargon import Jargon
from meetingkit.store.meetings import Meetings
from meetingkit.store.partnerships import PARTY_NAMES
from meetingkit.store.schema import SEARCHED

_IN_MEETING = "LEFT JOIN meetings m ON m.id = t.meeting_id"

DEFAULT_HIT_CONTEXT = ("t.meeting_id", "t.partnership_id", "t.confidential", "")
HIT_CONTEXT = {
    "notes": ("t.meeting_id", "m.partnership_id", "t.confidential", _IN_MEETING),
    "jargon_terms": ("NULL", "t.partnership_id", "t.confidential",
                     "JOIN jargon_terms standing ON standing.id = t.id AND standing.merged_into_id IS NULL"),
    "jargon_meanings": (
        "t.meeting_id", "jt.partnership_id", "max(t.confidential, jt.confidential)", "JOIN jargon_terms jt ON jt.id = t.term_id"
    ),
    "elephants": ("t.raised_meeting_id", "t.partnership_id", "t.confidential", ""),
    "turning_points": ("t.meeting_id", "m.partnership_id", "t.confidential", _IN_MEETING),
}
"""For a search hit in each table (aliased `t`): its meeting, its partnership, its confidential flag,
and the join needed to find them. Tables not listed have all three as their own columns."""


def _said_by(row: Any) -> str | None:
    return None if row["attribution"] == "anonymous" else row["said_by"]


def _audience(include_confidential: bool) -> Audience:
    """Who a record or a glossary is read for: an export, with confidential items only when asked for."""
    return Audience.EXPORT_CONFIDENTIAL if include_confidential else Audience.EXPORT


def _meanings(term: BoardTerm, audience: Audience) -> tuple[TermMeaning, ...]:
    """A term's meanings fit for the record: the policy leaves confidential ones out of an export."""
    return tuple(
        TermMeaning(organisation=m.organisation or None, meaning=m.meaning)
        for m in term.meanings if shows(Kind.MEANING, audience, confidential=m.confidential)
    )


def _later(row: Any, change: str, note: str = "", organisation: str | None = None) -> LaterChange:
    """A change made after the meeting ended, from a row with `at`, `meeting_id`, `meeting_title`
    and `meeting_started_at`."""
    return LaterChange(
        at=row["at"], change=change, note=note, organisation=organisation, meeting_id=row["meeting_id"],
        meeting=row["meeting_title"], meeting_started_at=row["meeting_started_at"],
    )


def _iso_day(value: Any) -> str | None:
    """A stored calendar day as an ISO date, None when it is none (or text another tool left that is not a day)."""
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and value else None
    except ValueError:
        return None


def _became(fields: Any) -> dict[str, Any]:
    """What each field of a kept change became (`changes.fields`), {} when the file holds no readable list."""
    try:
        kept = json.loads(fields) if isinstance(fields, str) else []
    except ValueError:
        return {}
    if not isinstance(kept, list):
        return {}
    return {str(item[0]): item[2] for item in kept if isinstance(item, list) and len(item) == 3}


class Records:
    """A meeting's record: its summary when it ends, the whole of it for exports, and search."""

    def __init__(self, db: Database, meetings: Meetings, business: Business, jargon: Jargon, boards: Boards) -> None:
        self.db = db
        self.meetings = meetings
        self.business = business
        self.jargon = jargon
        self.boards = boards

    # -- the end of a meeting ----------------------------------------------------------------

    def summarise(self, meeting_id: str) -> Summary:
        """The meeting's summary as it stands now (see `core.summary`)."""
        return build_summary(
            self.meetings.get(meeting_id),
            self.meetings.section_runs(meeting_id),
            self.meetings.attendees(meeting_id),
            self.business.agreements(meeting_id),
            self.business.actions(meeting_id),
            self.boards.board_counts(meeting_id),
            self.db.clock.now(),
        )

    def end_and_summarise(self, meeting_id: str) -> Summary:
        """End the meeting and save its summary with it, in one transaction; returns the summary.

        One transaction, so a crash (or a full disk) between the two steps cannot leave an
        ended meeting without its summary: either both are in the file or neither is.
        """
        with self.db.transaction():
            self.meetings.end(meeting_id)
            summary = self.summarise(meeting_id)
            self.meetings.save_summary(meeting_id, summary)
        return summary

    # -- a whole meeting, for exports ---------------------------------------------------------

    def meeting_record(self, meeting_id: str, *, include_confidential: bool = False) -> MeetingRecord:
        """Everything about one meeting; its `as_dict()` is the JSON export documented in the README.

        Anonymous items carry no `said_by`; confidential ones are left out unless
        `include_confidential`, and `left_out` says how many were.
        """
        meeting = self.meetings.get(meeting_id)
        now = self.db.clock.now()
        audience = _audience(include_confidential)
        left_out = 0
        # As of the end of the meeting (now, for one not ended): see `store.as_of`.
        as_of = {"m": meeting_id, "end": to_iso(meeting.ended_at or now)}

        verdicts: dict[tuple[Kind, bool], bool] = {}

        def may_show(kind: Kind, confidential: bool) -> bool:
            """`shows` for this record's audience, asked once a kind and flag (hundreds of rows ask it)."""
            verdict = verdicts.get((kind, confidential))
            if verdict is None:
                verdict = verdicts[kind, confidential] = shows(kind, audience, confidential=confidential)
            return verdict

        def kept(kind: Kind, rows: list[Any]) -> list[Any]:
            """The rows of items of this kind the export may hold; the others are counted."""
            nonlocal left_out
            chosen = [row for row in rows if may_show(kind, bool(row["confidential"]))]
            left_out += len(rows) - len(chosen)
            return chosen

        notes: dict[str, list[str]] = {}
        for row in kept(Kind.NOTE, self.db.rows(
            "SELECT section_run_id, text, confidential FROM notes WHERE meeting_id = ? ORDER BY position, created_at, id",
            [meeting_id],
        )):
            notes.setdefault(row["section_run_id"], []).append(row["text"])
        runs = self.meetings.section_runs(meeting_id)
        section_of = {run.id: run.position + 1 for run in runs}
        # As stored, not as the clocks read it: minutes another tool made unreadable are None ("unknown").
        stored = {row["id"]: row for row in self.db.rows(
            "SELECT id, planned_minutes, adjusted_minutes, skipped FROM section_runs WHERE meeting_id = ?", [meeting_id])}
        planned = {run_id: whole_number(row["planned_minutes"], high=MAX_SECTION_MINUTES) for run_id, row in stored.items()}
        sections = tuple(
            RecordedSection(
                position=run.position + 1,
                title=run.title,
                kind=run.kind.value,
                planned_minutes=planned.get(run.id),
                started_at=to_iso(run.started_at) if run.started_at else None,
                ended_at=to_iso(run.ended_at) if run.ended_at else None,
                actual_seconds=tenths(run.elapsed_seconds(now)) if run.started_at else None,
                notes="\n".join(notes.get(run.id, ())),
                adjusted_minutes=whole_number(stored[run.id]["adjusted_minutes"], high=MAX_SECTION_MINUTES)
                if run.id in stored else None,
                skipped=run.id in stored and stored[run.id]["skipped"] == 1,
            )
            for run in runs
        )
        attendance = tuple(
            RecordedAttendee(name=p.name, organisation=p.organisation_name) for p in self.meetings.attendees(meeting_id)
        )
        agreements = tuple(
            RecordedAgreement(
                id=row["id"], text=row["text"], parties=json_names(row["parties"]), review_on=row["review_on"],
                status=row["status"], attribution=row["attribution"], said_by=_said_by(row),
                confidential=bool(row["confidential"]), created_at=row["created_at"],
                section=section_of.get(row["section_run_id"]),
            )
            for row in kept(Kind.AGREEMENT, self.db.rows(
                f"""SELECT a.*, {SAID_BY.format(row="a")} AS said_by,
                        {PARTY_NAMES.format(agreement="a")} AS parties
                    FROM agreements a {SAID_BY_JOINS.format(row="a")}
                    WHERE a.meeting_id = ? ORDER BY a.created_at, a.rowid""",
                [meeting_id],
            ))
        )
        # An action closed (done, dropped, carried on) after the meeting ended was open at its end.
        actions = tuple(
            RecordedAction(
                id=row["id"], text=row["text"], owner=row["owner"], due_on=row["due_on"],
                status=row["status"] if row["closed_by_end"] else "open", carried=row["carried_from_id"] is not None,
                attribution=row["attribution"], said_by=_said_by(row),
                confidential=bool(row["confidential"]), opened_at=row["opened_at"],
                section=section_of.get(row["section_run_id"]),
                since_then=() if row["closed_by_end"] else (_later(row, row["status"]),),
            )
            for row in kept(Kind.ACTION, self.db.rows(
                f"""SELECT a.*, {SAID_BY.format(row="a")} AS said_by,
                        coalesce(op.name || coalesce(', ' || opo.name, ''), opo.name, oo.name) AS owner,
                        a.closed_at IS NULL OR {by_end("a.closed_at", "a.closed_meeting_id", "cm.started_at")}
                            AS closed_by_end,
                        a.closed_at AS at, a.closed_meeting_id AS meeting_id, cm.title AS meeting_title,
                        cm.started_at AS meeting_started_at
                    FROM actions a {SAID_BY_JOINS.format(row="a")}
                    LEFT JOIN people op ON op.id = a.owner_person_id
                    LEFT JOIN organisations opo ON opo.id = op.organisation_id
                    LEFT JOIN organisations oo ON oo.id = a.owner_organisation_id
                    LEFT JOIN meetings cm ON cm.id = a.closed_meeting_id
                    WHERE a.meeting_id = :m ORDER BY a.created_at, a.rowid""",
                as_of,
            ))
        )
        # Every meaning of the terms raised here, each marked known by the end or given since. Each
        # one's meeting is read from `meetings_titled` (migration 13), named: without statistics
        # (the file keeps none) SQLite would look it up by the primary key and read its whole row.
        meanings: dict[str, list[Any]] = {}
        for row in self.db.rows(
            f"""SELECT jm.term_id, jm.meaning, jm.confidential, jm.created_at AS at, jm.meeting_id,
                    o.name AS organisation, mm.title AS meeting_title, mm.started_at AS meeting_started_at,
                    {by_end("jm.created_at", "jm.meeting_id", "mm.started_at")} AS known
                FROM jargon_meanings jm
                LEFT JOIN organisations o ON o.id = jm.meaning_organisation_id
                LEFT JOIN meetings mm INDEXED BY meetings_titled ON mm.id = jm.meeting_id
                WHERE jm.term_id IN (SELECT term_id FROM jargon_mentions WHERE meeting_id = :m)
                ORDER BY jm.created_at, jm.rowid""",
            as_of,
        ):
            meanings.setdefault(row["term_id"], []).append(row)
        # Every mention here in one indexed read, by term, in the order they were raised.
        raised: dict[str, list[Any]] = {}
        for row in self.db.rows(
            f"""SELECT m.term_id, m.mentioned_at, m.section_run_id, m.attribution, m.confidential,
                    {SAID_BY.format(row="m")} AS said_by
                FROM jargon_mentions m {SAID_BY_JOINS.format(row="m")}
                WHERE m.meeting_id = ? ORDER BY m.mentioned_at, m.rowid""",
            [meeting_id],
        ):
            raised.setdefault(row["term_id"], []).append(row)
        jargon: list[RecordedTerm] = []
        for term in self.jargon.record_terms(meeting_id):
            if not shows(Kind.TERM, audience, confidential=term.confidential):
                left_out += 1
                continue
            mentions = kept(Kind.TERM, raised.get(term.id, []))
            given = meanings.get(term.id, [])
            shown = [row for row in given if may_show(Kind.MEANING, bool(row["confidential"]))]
            jargon.append(RecordedTerm(
                id=term.id, term=term.display, mentions_here=term.tally, new_here=term.new_here,
                # Explained by the end when a meaning was known by then (a confidential one too: that
                # it was explained says nothing of what it means); expansion and plain words are undated.
                unexplained=not any(row["known"] for row in given),
                expansion=term.expansion, plain_words=term.plain_words,
                meanings=tuple(
                    TermMeaning(organisation=row["organisation"] or None, meaning=row["meaning"])
                    for row in shown if row["known"]
                ),
                same_as=term.shown_same_as(include_confidential=shows(Kind.ALIAS, audience, confidential=True)),
                confidential=term.confidential,
                mentions=tuple(
                    TermMention(at=row["mentioned_at"], section=section_of.get(row["section_run_id"]),
                                attribution=row["attribution"], said_by=_said_by(row))
                    for row in mentions
                ),
                since_then=tuple(
                    _later(row, "meaning", row["meaning"], row["organisation"] or None)
                    for row in shown if not row["known"]
                ),
            ))
        elephants: list[RecordedElephant] = []
        # The elephants named here or moved on here (an event of this meeting), and every status
        # change of theirs in one indexed read: those by the end make its state then, the rest
        # are "since then".
        chosen = """SELECT e.id FROM elephants e
                    WHERE e.raised_meeting_id = :m OR e.resolved_meeting_id = :m
                       OR e.id IN (SELECT elephant_id FROM elephant_events WHERE meeting_id = :m)"""
        changes: dict[str, list[Any]] = {}
        for change in self.db.rows(
            f"""SELECT ev.elephant_id, ev.from_status, ev.to_status, ev.note, ev.changed_at AS at, ev.meeting_id,
                    em.title AS meeting_title, em.started_at AS meeting_started_at,
                    {by_end("ev.changed_at", "ev.meeting_id", "em.started_at")} AS known
                FROM elephant_events ev LEFT JOIN meetings em ON em.id = ev.meeting_id
                WHERE ev.elephant_id IN ({chosen}) ORDER BY ev.changed_at, ev.rowid""",
            as_of,
        ):
            changes.setdefault(change["elephant_id"], []).append(change)
        for row in kept(Kind.ELEPHANT, self.db.rows(
            f"""SELECT e.*, {SAID_BY.format(row="e")} AS said_by FROM elephants e {SAID_BY_JOINS.format(row="e")}
                WHERE e.id IN ({chosen}) ORDER BY e.raised_at, e.rowid""",
            as_of,
        )):
            then = [change for change in changes.get(row["id"], []) if change["known"]]
            status, note, at = (then[-1]["to_status"], then[-1]["note"], then[-1]["at"]) if then else (
                "parked", "", None  # a file that kept no history for it: as it was named
            )
            closed = status in CLOSED_ELEPHANT_STATUSES
            elephants.append(RecordedElephant(
                id=row["id"], text=row["text"], status=status, raised_at=row["raised_at"],
                raised_here=row["raised_meeting_id"] == meeting_id,
                section=section_of.get(row["raised_section_run_id"]) if row["raised_meeting_id"] == meeting_id
                else None,
                resolution_note=note if closed else "",
                resolved_at=at if closed else None, attribution=row["attribution"], said_by=_said_by(row),
                confidential=bool(row["confidential"]),
                history=tuple(
                    ElephantChange(from_status=change["from_status"], to_status=change["to_status"], note=change["note"],
                                   at=change["at"], meeting_id=change["meeting_id"], meeting=change["meeting_title"])
                    for change in then
                ),
                since_then=tuple(
                    _later(change, change["to_status"], change["note"])
                    for change in changes.get(row["id"], []) if not change["known"]
                ),
            ))
        turning_points: list[RecordedTurningPoint] = []
        for point in self.boards.turning_points(meeting_id):
            if not shows(Kind.TURNING_POINT, audience, confidential=point.confidential):
                left_out += 1
                continue
            turning_points.append(RecordedTurningPoint(
                id=point.id, at=to_iso(point.marked_at), section=point.section,
                section_number=section_of.get(point.section_run_id or ""),
                kind=point.kind.value if point.kind else None, note=point.note, opened_up=point.opened_up,
                agreement=(point.agreement or None)
                if shows(Kind.LED_TO, audience, confidential=point.agreement_confidential) else None,
                said_by=None if point.said_by == "anonymous" else point.said_by,
                confidential=point.confidential,
            ))
        decided = self._merge_conflicts([
            *(("agreements", a.id) for a in agreements), *(("actions", a.id) for a in actions),
            *(("jargon_terms", t.id) for t in jargon), *(("elephants", e.id) for e in elephants),
        ])
        if decided:
            agreements = tuple(replace(a, merge_conflicts=decided.get(("agreements", a.id), ())) for a in agreements)
            actions = tuple(replace(a, merge_conflicts=decided.get(("actions", a.id), ())) for a in actions)
            jargon = [replace(t, merge_conflicts=decided.get(("jargon_terms", t.id), ())) for t in jargon]
            elephants = [replace(e, merge_conflicts=decided.get(("elephants", e.id), ())) for e in elephants]
        return MeetingRecord(
            format=RECORD_FORMAT,
            exported_at=to_iso(now),
            include_confidential=audience is Audience.EXPORT_CONFIDENTIAL,
            meeting=RecordedMeeting(
                id=meeting.id, title=meeting.title, partnership=meeting.partnership_name,
                meeting_type=meeting.meeting_type, agenda=meeting.agenda_name, site=meeting.site,
                status=meeting.status.value,
                started_at=to_iso(meeting.started_at) if meeting.started_at else None,
                ended_at=to_iso(meeting.ended_at) if meeting.ended_at else None,
                language=meeting.language.value,
            ),
            sections=sections,
            attendance=attendance,
            agreements=agreements,
            actions=actions,
            jargon=tuple(jargon),
            elephants=tuple(elephants),
            turning_points=tuple(turning_points),
            left_out=LeftOut(confidential=left_out),
        )

    # -- the minutes ---------------------------------------------------------------------------

    def minutes(self, meeting_id: str, *, include_confidential: bool = False) -> Minutes:
        """The meeting's minutes (`core.minutes`): its record, each section's time (planned, adjusted,
        actual, skipped), earlier meetings' actions closed or carried on here, and the agreements
        reviewed, revised or retired here (as `store.changes` keeps those decisions). Confidential
        items are left out unless asked for, and counted."""
        record = self.meeting_record(meeting_id, include_confidential=include_confidential)
        audience = _audience(include_confidential)
        left_out = record.left_out.confidential
        earlier_rows = self.db.rows(
            f"""SELECT a.*, {SAID_BY.format(row="a")} AS said_by,
                    coalesce(op.name || coalesce(', ' || opo.name, ''), opo.name, oo.name) AS owner
                FROM actions a {SAID_BY_JOINS.format(row="a")}
                LEFT JOIN people op ON op.id = a.owner_person_id
                LEFT JOIN organisations opo ON opo.id = op.organisation_id
                LEFT JOIN organisations oo ON oo.id = a.owner_organisation_id
                WHERE a.closed_meeting_id = :m AND a.meeting_id IS NOT :m
                ORDER BY a.closed_at, a.rowid""",
            {"m": meeting_id},
        )
        earlier = []
        for row in earlier_rows:
            if not shows(Kind.ACTION, audience, confidential=bool(row["confidential"])):
                left_out += 1
                continue
            earlier.append(RecordedAction(
                id=row["id"], text=row["text"], owner=row["owner"], due_on=_iso_day(row["due_on"]),
                status=row["status"], carried=row["carried_from_id"] is not None, attribution=row["attribution"],
                said_by=_said_by(row), confidential=bool(row["confidential"]), opened_at=row["opened_at"],
                section=None,
            ))
        reviewed = []
        for row in self.db.rows(
            """SELECT c.kind, c.fields, c.note, max(c.confidential, a.confidential) AS confidential, a.id, a.text
                FROM changes c JOIN agreements a ON a.id = c.row_id
                WHERE c.table_name = 'agreements' AND c.meeting_id = ? AND c.kind IN ('reviewed', 'revised', 'retired')
                ORDER BY c.changed_at, c.rowid""",
            [meeting_id],
        ):
            if not shows(Kind.AGREEMENT, audience, confidential=bool(row["confidential"])):
                left_out += 1
                continue
            became = _became(row["fields"])
            successor = became.get("successor_id")
            wording = self.db.rows("SELECT text FROM agreements WHERE id = ?", [successor]) if successor else []
            reviewed.append(ReviewedAgreement(
                id=row["id"], text=row["text"], decision=row["kind"], review_on=_iso_day(became.get("review_on")),
                new_wording=wording[0]["text"] if wording else None, note=row["note"] or "",
                confidential=bool(row["confidential"]),
            ))
        return Minutes(record=record, earlier_actions=tuple(earlier), reviewed=tuple(reviewed),
                       left_out=left_out)

    def _merge_conflicts(self, items: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[MergeConflict, ...]]:
        """What merges found two sites had decided differently about these items (table, id), in one
        indexed read: by item, oldest first."""
        found: dict[tuple[str, str], list[MergeConflict]] = {}
        if not items:
            return {}
        for row in self.db.rows(
            """SELECT c.table_name, c.row_id, c.created_at, c.other_file, c.here_at, c.there_at, c.kept, c.fields
               FROM json_each(?) AS item JOIN merge_conflicts c
                 ON c.table_name = json_extract(item.value, '$[0]') AND c.row_id = json_extract(item.value, '$[1]')
               ORDER BY c.created_at, c.rowid""",
            [json.dumps(items)],
        ):
            fields = tuple(FieldDecision(field=str(column), here=here, there=there)
                           for column, here, there in json.loads(row["fields"]))
            found.setdefault((row["table_name"], row["row_id"]), []).append(MergeConflict(
                merged_at=row["created_at"], other_file=row["other_file"], here_at=row["here_at"],
                there_at=row["there_at"], kept=row["kept"], fields=fields))
        return {key: tuple(value) for key, value in found.items()}

    def glossary_records(
        self, partnership_id: str, *, include_confidential: bool = False, language: TermLanguage | None = None
    ) -> list[GlossaryEntry]:
        """The partnership's glossary, unexplained terms first; each entry's `as_dict()` is its JSON.

        Args:
            language: Only the terms of that language (`meetingkit glossary --term-language`).
        """
        audience = _audience(include_confidential)
        return [
            GlossaryEntry(
                term=term.display, unexplained=term.unexplained, expansion=term.expansion,
                plain_words=term.plain_words,
                meanings=_meanings(term, audience),
                same_as=term.shown_same_as(include_confidential=shows(Kind.ALIAS, audience, confidential=True)),
                times_raised=term.total, meetings=term.meetings,
                first_raised=to_iso(term.first_raised) if term.first_raised else None,
                last_raised=to_iso(term.last_raised) if term.last_raised else None,
            )
            for term in self.jargon.glossary(partnership_id, language=language)
            if shows(Kind.TERM, audience, confidential=term.confidential)
        ]

    def search(
        self,
        words: str,
        *,
        include_confidential: bool = False,
        partnership_id: str | None = None,
        limit: int = 50,
        ranked: bool = True,
    ) -> list[SearchHit]:
        """Full-text search across notes, terms, meanings, elephants, turning points, agreements and actions.

        Any text is safe to pass: it is quoted (`core.text.fts_query`), and blank text
        finds nothing. Confidential items are neither searched nor shown unless asked for.

        Args:
            ranked: Best matches first (every match is scored, which on a file with years
                of history takes a while for a short word); False gives the newest matches,
                found at once, for showing while the ranked search runs.

        Returns:
            The hits (`core.records.SearchHit`): kind, id, snippet (matches between
            `HIT_START`/`HIT_END`), meeting title and date, partnership.
        """
        query = fts_query(words)
        if query is None:
            return []
        best = []
        for kind, table, _, _ in SEARCHED:
            best.extend(self._search_index(kind, table, query, include_confidential, partnership_id, limit, ranked))
        if ranked:
            best = sorted(best, key=lambda row: row["rank"])[:limit]
        else:
            best = sorted(best, key=lambda row: row["created_at"], reverse=True)[:limit]
        # The snippet is cut from the item's own text (`core.text.highlight`): asking FTS5 for
        # it re-reads every match of a common word, a few milliseconds a hit on a large file.
        bodies = {table: body.replace("new.", "t.") for _, table, _, body in SEARCHED}
        tables = {kind: table for kind, table, _, _ in SEARCHED}
        snippets = {
            (row["kind"], row["row_number"]): highlight(
                self.db.value(
                    f"SELECT {bodies[tables[row['kind']]]} FROM {tables[row['kind']]} t WHERE t.rowid = ?",
                    [row["row_number"]],
                ) or "",
                words,
            )
            for row in best
        }
        meetings = {
            row["id"]: row for row in self.db.rows(
                f"""SELECT id, title, started_at FROM meetings
                    WHERE id IN ({','.join('?' * len(best))})""",
                [row["meeting_id"] for row in best],
            )
        } if best else {}
        partnerships = {row["id"]: row["name"] for row in self.db.rows("SELECT id, name FROM partnerships")} if best else {}
        return [
            SearchHit(
                kind=row["kind"], id=row["item_id"],
                snippet=snippets.get((row["kind"], row["row_number"]), "").strip(),
                meeting_id=row["meeting_id"],
                meeting=meetings[row["meeting_id"]]["title"] if row["meeting_id"] in meetings else None,
                meeting_started_at=meetings[row["meeting_id"]]["started_at"] if row["meeting_id"] in meetings
                else None,
                partnership=partnerships.get(row["partnership_id"]),
                confidential=bool(row["confidential"]),
            )
            for row in best
        ]

    def _search_index(
        self, kind: str, table: str, query: str, include_confidential: bool, partnership_id: str | None,
        limit: int, ranked: bool,
    ) -> list[Any]:
        """One index's best (or newest) `limit` matches that pass the filters.

        The index orders its matches by itself; only the first few are joined to their rows
        for the filters (confidential, partnership), and only the final hits get snippets:
        joining or snippeting every match of a short word made a search on a file with
        years of history ten times slower than the match itself.
        """
        index = f"search_{table}"
        meeting, partnership, confidential, join = HIT_CONTEXT.get(table, DEFAULT_HIT_CONTEXT)
        where = ["1"]
        if not include_confidential:
            where.append(f"{confidential} = 0")
        if partnership_id:
            where.append(f"{partnership} = :partnership")
        order = "rank" if ranked else "rowid DESC"
        matches = f"SELECT rowid, {'rank' if ranked else '0 AS rank'} FROM {index} WHERE {index} MATCH :query ORDER BY {order}"
        select = f"""SELECT '{kind}' AS kind, t.rowid AS row_number, t.id AS item_id, {meeting} AS meeting_id,
                    {partnership} AS partnership_id, {confidential} AS confidential, top.rank, t.created_at
                FROM top JOIN {table} t ON t.rowid = top.rowid {join}
                WHERE {' AND '.join(where)} ORDER BY {'top.rank' if ranked else 't.created_at DESC, t.rowid DESC'} LIMIT :limit"""
        params = {"query": query, "partnership": partnership_id, "limit": limit}
        # The filters may leave too few of the first candidates (another partnership's, or
        # confidential): then look further, and in the end through every match.
        for candidates in (limit * 4, limit * 40, None):
            cap = "" if candidates is None else f" LIMIT {candidates}"
            rows = self.db.rows(f"WITH top AS MATERIALIZED ({matches}{cap}) {select}", params)
            if candidates is None or len(rows) >= limit or self.db.value(
                f"SELECT count(*) FROM (SELECT 1 FROM {index} WHERE {index} MATCH :query LIMIT {candidates + 1})",
                params,
            ) <= candidates:
                break
        return rows
