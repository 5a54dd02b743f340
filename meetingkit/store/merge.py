"""Bringing another site's file into this one: `meetingkit merge OTHER.db`.

Workers at hot-desk sites keep a file each (a laptop, a USB stick, a shared PC); a practice
lead brings them together. The rules, each chosen so that merging A into B and B into A
leave the same content, and merging twice adds nothing the second time:

* Rows are the same row when they have the same id (every id is a UUID, made once, at the
  site that made the row). Some rows are also the same when their meaning says so, though
  two sites made them separately: a partnership or an organisation of the same name, the
  same glossary term in the same partnership, the same person's attendance at a meeting.
  Those are *joined*: they keep the smaller of the two ids, so both sites end up with the
  same one, and everything that pointed at the other id follows.
* A row changed at one site only takes that site's version. A row changed at both sites
  since they last met is a *conflict*: the later change is kept and the merge reports it.
  Which versions a site has already seen is known from `row_versions` (migration 4), so a
  version that came from the other site earlier is not mistaken for a change made here.
  In a conflict, an item marked confidential at either site stays confidential.
* A glossary term found at both sites keeps every organisation's meaning, the plain words
  and expansion either site wrote, and every "same thing as" from both.
* An elephant keeps the status history from both sites (`elephant_events`).
* Deleting wins: a row deleted at either site (purged for retention, say) is deleted in
  the merge, with what was captured in it, and is never brought back (`tombstones`). But a
  tombstone deletes only what the site that made it held: its id is a proof made from the
  row (`retention.deletion_id`), checked against the row here, or, for a row not here, when
  the row arrives from any site later; one that does not match deletes nothing and is
  dropped. Only what meetingkit itself deletes can be named (`retention.DELETABLE`), and a
  person stays while anything here still names them.
* The other file is untrusted: only the tables named here are read, every value is
  checked before a row comes in (`merge_checks`), and a meeting's join code and running
  state stay with the site running it (`LOCAL_STATE`).

The other file is never written. A snapshot of it is taken through a read-only
connection into a private temporary folder, upgraded there if it is from an older
meetingkit, and read from there.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import string
import tempfile
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from meetingkit.core.audience import Audience, Kind
from meetingkit.core.clock import from_iso, to_iso, to_the_minute
from meetingkit.core.files import create_private
from meetingkit.core.i18n import _, ngettext
from meetingkit.core.lines import field_change, row_label
from meetingkit.core.models import MergeDecision
from meetingkit.store import merge_checks
from meetingkit.store.connection import QUICK_CHECK_MAX_BYTES, examine, open_connection
from meetingkit.store.database import Database
from meetingkit.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnusable,
    NotADatabase,
    ReadOnlyDatabase,
    StoreError,
    WriteFailed,
)
from meetingkit.store.retention import (
    CAPTURED_IN,
    DELETABLE,
    DOOMED_MEETINGS,
    FORGET_GONE_HISTORY,
    GONE_HISTORY,
    DoomedMeeting,
    Retention,
    deletion_id,
    doomed_meetings,
    is_proof,
    meeting_of,
)
from meetingkit.store.schema import MERGED_TABLES

TABLES = ("tombstones", *MERGED_TABLES)

BOTH_HISTORIES = ("(SELECT table_name, row_id, kind, fields FROM main.changes"
                  " UNION ALL SELECT table_name, row_id, kind, fields FROM other.changes)")
"""Both files' `changes`, for `retention.GONE_HISTORY` while a merge brings the other's in."""
"""Every table a merge brings across, in the order it does so."""

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "tombstones": ("table_name", "row_id"),
    "partnerships": ("name",),
    "organisations": ("partnership_id", "name"),
    "attendance": ("meeting_id", "person_id"),
    "section_runs": ("meeting_id", "position"),
    "round_turns": ("section_run_id", "person_id"),
    "jargon_terms": ("partnership_id", "key"),
    "agreement_parties": ("agreement_id", "party_organisation_id"),
}
"""What makes two rows made separately at two sites the same row (the schema's UNIQUE rules).

People are not joined by name: two people called Sam in one partnership are two people,
and the store keeps them apart too."""

FIRST_WRITTEN: dict[str, tuple[str, ...]] = {
    "partnerships": ("description",),
    "organisations": ("merged_into_id",),
    "jargon_terms": ("expansion", "plain_words", "language"),
}
"""Names made at both sites keep the spelling written first (a partnership's name as the
office has always written it, not "northside" typed at a hot desk); the text columns listed
are filled from the other site where the first is empty."""

STICKY = frozenset({"confidential", "hidden"})
"""Flags that, in a conflict, stay set if either site set them: marked confidential, or
hidden from the room by a facilitator, at either site, it stays so."""

NOCASE_COLUMNS = frozenset({("partnerships", "name"), ("organisations", "name")})

KIND = {
    "tombstones": "deletion", "partnerships": "partnership", "organisations": "organisation",
    "people": "person", "meetings": "meeting", "attendance": "attendance",
    "section_runs": "section", "round_turns": "turn in a round", "jargon_groups": "same-as group",
    "jargon_terms": "glossary term", "jargon_meanings": "meaning", "jargon_mentions": "jargon mention",
    "elephants": "elephant", "elephant_events": "elephant status change", "agreements": "agreement",
    "agreement_parties": "party to an agreement", "turning_points": "turning point", "actions": "action",
    "notes": "note", "changes": "correction",
}
"""How the report names a row of each table."""

LABELS = {
    "partnerships": "name", "organisations": "name", "people": "name", "meetings": "title",
    "section_runs": "title", "jargon_terms": "display", "jargon_meanings": "meaning",
    "elephants": "text", "agreements": "text", "actions": "text", "turning_points": "note",
    "notes": "text",
}
"""The column that says which row it is, in the conflict report."""

TABLE_KINDS = {
    "jargon_terms": Kind.TERM, "jargon_meanings": Kind.MEANING, "jargon_mentions": Kind.TERM,
    "jargon_groups": Kind.ALIAS, "elephants": Kind.ELEPHANT, "elephant_events": Kind.ELEPHANT,
    "agreements": Kind.AGREEMENT, "agreement_parties": Kind.AGREEMENT, "turning_points": Kind.TURNING_POINT,
    "actions": Kind.ACTION, "notes": Kind.NOTE, "attendance": Kind.ATTENDEE, "round_turns": Kind.ROUND_TURN,
}
"""The policy's kind of item a row of each table is (or is part of), for the merge's messages."""

MESSAGE_AUDIENCE = Audience.EXPORT
"""Who a merge's messages are for: they are printed and may be kept, so, like an export, they
name nothing confidential (`core.lines.row_label`)."""

_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _nocase(value: Any) -> Any:
    """SQLite's NOCASE: ASCII letters only, so the merge joins exactly what the UNIQUE index would refuse."""
    return value.translate(_ASCII_FOLD) if isinstance(value, str) else value


@dataclass(frozen=True)
class Conflict:
    """One row changed at both sites since they last met; the later change was kept."""

    table: str
    row_id: str
    label: str
    """What the row is, for a person: 'elephant "Funding after March"', or 'a confidential agreement'."""
    here_at: str
    there_at: str
    kept: str
    """'here' or 'there': whose version the merged file has."""
    fields: tuple[str, ...] = ()
    """Each field the two sites hold differently, with what each site decided where the message
    may say it (`core.lines.field_change`)."""


@dataclass
class MergeReport:
    """What a merge brought in, changed, joined and deleted, and every conflict."""

    source: Path
    source_version: int = 0
    dry_run: bool = False
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """Per table: 'added', 'updated' (the other site's later version), 'joined' (the same row
    made at both sites, changed here to be one), 'matched' (the same, already one here),
    'deleted' (deleted at the other site), 'dropped' (belonged to something deleted here)."""
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Rows the file's own rules refused (a rename to a name already taken, say), as lines."""
    invalid: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Per (table, reason): rows not brought in because a value in them is not one this file's
    own writes could have made (`merge_checks`), or because they belong to such a row."""
    deleted_meetings: tuple[DoomedMeeting, ...] = ()
    """This file's meetings the merge deleted (or, in a dry run, would delete), as the other site
    deleted them: named, so that nothing is deleted unnamed."""
    declined: bool = False
    """The person said no to those deletions: nothing was merged."""

    @property
    def changed(self) -> bool:
        """True when the merge changed this file (matched and dropped rows change nothing)."""
        return any(n for counter in self.counts.values() for kind, n in counter.items()
                   if kind not in ("matched", "dropped"))


class MergeRefused(StoreError):
    """The other file cannot be merged (it is this file, missing, not meetingkit's, or newer)."""


class DeletionsNotConfirmed(StoreError):
    """The merge would delete meetings here that the person was not asked about; nothing was changed."""

    def __init__(self, meetings: tuple[DoomedMeeting, ...]) -> None:
        self.meetings = meetings
        n = len(meetings)
        super().__init__(ngettext(
            "the merge would delete {count} meeting here that you were not asked about (the files changed "
            "meanwhile?); nothing was changed. Run it again.",
            "the merge would delete {count} meetings here that you were not asked about (the files changed "
            "meanwhile?); nothing was changed. Run it again.",
            n,
        ).format(count=n))


Confirm = Callable[[tuple[DoomedMeeting, ...]], bool]
"""Asked, before anything is written, with the meetings a merge would delete here; False stops it."""


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class _NotOneEach(Exception):
    """Raised inside a savepoint when a copy of rows by id did not find exactly one row for each id."""


# -- the other file ------------------------------------------------------------------------


def _private_folder(near: Path | None) -> tempfile.TemporaryDirectory[str]:
    """A folder only this user can open, for copies of notes: beside this site's own file when
    that folder can be written (as private as the file itself, and on a disk with room for
    it), else the system's temporary folder. It is deleted afterwards."""
    where = str(near) if near is not None and os.access(near, os.W_OK) else None
    return tempfile.TemporaryDirectory(prefix=".meetingkit-merge-", dir=where)


@contextmanager
def snapshot(source: Path, near: Path | None = None) -> Iterator[tuple[Path, int]]:
    """A private, upgraded copy of `source` to read from, and the version `source` was at.

    `source` is read through a read-only connection (immutable when no one has it open),
    so its bytes stay as they were; the copy is made in `_private_folder(near)`.
    """
    if not source.exists():
        raise MergeRefused(_("{path}: there is no such file. Check the path.").format(path=source))
    if source.is_dir():
        raise MergeRefused(
            _("{path}: is a folder; give the path of the other site's database file.").format(path=source))
    if source.stat().st_size == 0:
        raise MergeRefused(_("{path}: is empty; there is nothing to merge.").format(path=source))
    with source.open("rb") as file:
        if file.read(16) != b"SQLite format 3\x00":
            raise NotADatabase(
                source, _("is not a meetingkit database, or is an encrypted one"),
                _("Check the path; meetingkit cannot merge from an encrypted file (it has not changed it)"),
            )
    with _private_folder(near) as folder:
        os.chmod(folder, 0o700)
        copy = Path(folder) / "other.db"
        try:
            _copy_out(source, copy)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseUnusable(
                source, _("could not be read ({reason})").format(reason=error), _("Check the file, or copy it here first"),
            ) from None
        try:  # the checks of any file meetingkit opens, on the copy: the original is only read once
            facts = examine(copy, create_folder=False)
        except DatabaseUnusable as problem:
            kind = type(problem) if type(problem) in (NotADatabase, DatabaseDamaged, DatabaseTooNew) else DatabaseUnusable
            raise kind(source, problem.problem, problem.advice) from None
        _only_tables(copy, source)
        # Upgrade the copy to this version's schema; it is a copy already, so no copy before it. Rows
        # its constraints would refuse come along, to be checked and left out one by one (`merge_checks`).
        # `examine` has just checked the copy page by page (`PRAGMA quick_check`, CHECK constraints
        # too) unless it is larger than it checks: then the upgrade checks it first.
        checked = not facts.is_new and copy.stat().st_size <= QUICK_CHECK_MAX_BYTES
        with Database(open_connection(copy, read_only=False), copy) as upgrading:
            try:
                upgrading.migrate(check_first=not checked, keep_unreadable=True)
            except WriteFailed as failed:
                if "full" in failed.reason:
                    raise
                # The disk took the copy; what failed is the file's own schema, which says it is
                # older than its tables are (changed by hand, or damaged).
                raise DatabaseDamaged(
                    source, _("says it is from an older meetingkit (schema version {version}), but its "
                              "tables do not match that version ({reason})").format(
                        version=facts.version, reason=failed.reason),
                    _("It may have been changed by hand or damaged; nothing was changed. Ask the other site for "
                      "a fresh copy of its file"),
                ) from None
        _strip_definitions(copy)
        yield copy, facts.version


KNOWN_TABLES = (*TABLES, "row_versions")
"""Every table of the other file a merge reads, by name; nothing else of that file is read."""


def _only_tables(copy: Path, source: Path) -> None:
    """Refuse a file where a name the merge reads is a view, a trigger or an index, not a table.

    Read with a plain connection (no function of ours registered), before anything of it runs.
    """
    plain = sqlite3.connect(copy)
    try:
        found = plain.execute(
            "SELECT name, type FROM sqlite_master WHERE lower(name) IN "
            f"({', '.join('?' * len(KNOWN_TABLES))}) AND type != 'table' ORDER BY name",
            KNOWN_TABLES,
        ).fetchall()
    except sqlite3.Error as error:
        raise DatabaseUnusable(source, _("could not be read ({reason})").format(reason=error), _("Check the file")) from None
    finally:
        plain.close()
    if found:
        name, kind = found[0]
        # Translators: {kind} is SQLite's word, in English: "view", "trigger" or "index".
        raise MergeRefused(_("{path}: its {name} is a {kind}, not a table; meetingkit merges only the tables "
                             "it knows, so nothing was changed.").format(path=source, name=name, kind=kind))


def _strip_definitions(copy: Path) -> None:
    """Drop every view and trigger of the (private) copy, so nothing the other file defines can
    run on this file's connection while it is attached; the merge reads its tables only."""
    plain = sqlite3.connect(copy)
    try:
        with plain:
            for kind, name in plain.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')"
            ).fetchall():
                quoted = name.replace('"', '""')
                plain.execute(f'DROP {kind.upper()} IF EXISTS "{quoted}"')
    finally:
        plain.close()


def _copy_out(source: Path, copy: Path) -> None:
    """Copy `source` to `copy` (owner-only) without writing a byte beside `source`.

    A closed file has no `-wal` beside it: it is read as immutable (so SQLite makes no
    `-shm` on the stick) through SQLite's backup. A file with a `-wal` (still open at its
    site, or left by a crash) has part of its content in the log: both files are copied
    as they are, and SQLite reads the log into the copy when the copy is opened.
    """
    log = source.with_name(source.name + "-wal")
    copies = [(source, copy)] + ([(log, copy.with_name(copy.name + "-wal"))] if log.exists() else [])
    for _original, target in copies:
        create_private(target)
    if len(copies) == 2:
        for original, target in copies:
            shutil.copyfile(original, target)
        return
    reader = sqlite3.connect(f"file:{quote(str(source.absolute()))}?mode=ro&immutable=1", uri=True)
    try:
        writer = sqlite3.connect(copy)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


# -- the merge itself ----------------------------------------------------------------------


class Merge:
    """Bringing another site's file into this one (see the module's docstring for the rules)."""

    def __init__(self, db: Database, retention: Retention) -> None:
        self.db = db
        self.retention = retention

    def merge_file(self, source: Path, *, dry_run: bool = False, confirm: Confirm | None = None) -> MergeReport:
        """Bring everything from the meetingkit file at `source` into this file.

        With `dry_run`, the merge runs in a transaction that is rolled back (on a temporary
        copy, when this file is read-only), so the report says exactly what a merge would do.

        Args:
            confirm: when the other site deleted meetings this file holds, called with them
                (read, without holding the write lock) before anything is written; if it says
                no, nothing is merged and the report's `deleted_meetings` says which they were.
                Without it, they are deleted (a caller that cannot ask passes its own policy).

        Raises:
            MergeRefused: `source` is this file, missing, or empty.
            DeletionsNotConfirmed: the merge would delete meetings `confirm` was not asked about.
            DatabaseUnusable: `source` is not a meetingkit file, is damaged, or is from a newer version.
            ReadOnlyDatabase: this file cannot be written (and this is not a dry run).
        """
        source = Path(source)
        if source.exists() and source.resolve() == Path(self.db.path).resolve():
            raise MergeRefused(_("{path}: that is this file; name the other site's file.").format(path=source))
        if self.db.read_only and not dry_run:
            raise ReadOnlyDatabase(self.db.path)
        report = MergeReport(source=source, dry_run=dry_run)
        with snapshot(source, Path(self.db.path).parent) as (copy, version):
            report.source_version = version
            if self.db.read_only:
                self._merge_into_copy(copy, report)
                return report
            allowed: set[str] | None = None
            if confirm is not None and not dry_run:
                with self.db.attached(copy, "other"):
                    doomed = _Merger(self.db, MergeReport(source=source)).meetings_to_delete()
                if doomed and not confirm(doomed):
                    report.deleted_meetings = doomed
                    report.declined = True
                    return report
                allowed = {meeting.id for meeting in doomed}
            self._merge(copy, report, allowed)
        return report

    def history(self, table: str, row_id: str) -> list[MergeDecision]:
        """What merges found two sites had decided differently about one row, oldest first: the
        decision not kept stays visible here after the merge."""
        rows = self.db.rows(
            "SELECT created_at, other_file, here_at, there_at, kept, fields FROM merge_conflicts "
            "WHERE table_name = ? AND row_id = ? ORDER BY created_at, rowid", [table, row_id])
        decisions = []
        for row in rows:
            merged_at, here_at, there_at = (from_iso(row[column]) for column in ("created_at", "here_at", "there_at"))
            if merged_at is None or here_at is None or there_at is None:
                continue  # the schema holds them to stored instants: never so
            decisions.append(MergeDecision(
                merged_at, row["other_file"], here_at, there_at, row["kept"],
                tuple((str(column), here, there) for column, here, there in json.loads(row["fields"])),
            ))
        return decisions

    def _merge_into_copy(self, copy: Path, report: MergeReport) -> None:
        """A dry run for a read-only file: merge into a private copy of it, then throw the copy away."""
        with _private_folder(None) as folder:
            os.chmod(folder, 0o700)
            here = Path(folder) / "here.db"
            self.retention.backup_to(here)
            with Database.open(here) as scratch:
                Merge(scratch, Retention(scratch))._merge(copy, report)

    def _merge(self, copy: Path, report: MergeReport, allowed: set[str] | None = None) -> None:
        # Rows deleted at the other site are overwritten in this file, as a purge here would.
        with self.db.attached(copy, "other"), self.db.secure_delete():
            try:
                with self.db.transaction():
                    _Merger(self.db, report, allowed).run(rollback=report.dry_run)
            except _DryRun:
                pass
        if not report.dry_run and report.counts and any(c["deleted"] for c in report.counts.values()):
            self.retention.forget_deleted_text()


class _Merger:
    """One merge, inside the transaction of the file merged into (`main`), reading `other`."""

    def __init__(self, db: Database, report: MergeReport, allowed: set[str] | None = None) -> None:
        self.db = db
        self.report = report
        self.allowed = allowed
        """The meetings here the person agreed may be deleted (`Merge.merge_file`'s `confirm`); None: any."""
        self.columns: dict[str, list[str]] = {}
        self.not_null: dict[str, set[str]] = {}
        self.types: dict[str, dict[str, str]] = {}
        self.invalid_ids: dict[str, set[str]] = defaultdict(set)
        """Per table: the other file's rows not brought in (`merge_checks`); what points at them stays out too."""
        self.statements: dict[str, tuple[str, str]] = {}
        """Per table: the INSERT and the UPDATE of a whole row, made once."""
        self.checked_in_sql: dict[str, tuple[str, tuple[str, ...]]] = {}
        """Per table: an SQL condition on the other file's row (`o`) that holds only when `merge_checks`
        accepts every column it checks, and the columns it leaves for `merge_checks` to check."""
        self.references: dict[str, list[tuple[str, str]]] = {}
        """Per table: (column, parent table) of its foreign keys."""
        self.children: dict[str, list[tuple[str, str]]] = defaultdict(list)
        """Per table: (child table, column) of the foreign keys that point at it."""
        self.id_map: dict[str, dict[str, str]] = defaultdict(dict)
        """Per table: the other file's id → the id it has here, for joined rows."""
        self.group_unions: list[tuple[str, str]] = []
        self.gone_meetings: set[str] = set()
        """Meetings deleted at either site."""

    def run(self, *, rollback: bool) -> None:
        self.report.counts.clear()
        self.report.conflicts.clear()
        self.report.refused.clear()
        self.report.invalid.clear()
        self.report.deleted_meetings = ()
        self.db.execute("PRAGMA defer_foreign_keys = ON")
        self._read_schema()
        self._merge_table("tombstones")
        for table in MERGED_TABLES:
            if table in DELETABLE:
                self._check_stored_tombstones(table)
        self._apply_tombstones()
        for table in MERGED_TABLES:
            self._merge_table(table)
        self._forget_gone_history()
        self._join_groups()
        self._settle_merged_organisations()
        self._settle_merged_terms()
        self._bring_versions()
        problems = self.db.execute("PRAGMA main.foreign_key_check").fetchall()
        if problems:
            raise StoreError(_("the merge would leave {count} broken links (first: {first}); nothing was changed").format(
                count=len(problems), first=tuple(problems[0])))
        if rollback:
            raise _DryRun

    def meetings_to_delete(self) -> tuple[DoomedMeeting, ...]:
        """The meetings here that the other file's tombstones would delete, read without writing."""
        self._read_schema()
        ids = [row["row_id"] for row in self._rows(
            "other", "tombstones", "WHERE o.table_name = 'meetings' AND o.row_id IN (SELECT id FROM main.meetings)",
            alias="o") if self._proven(row)]
        return doomed_meetings(self.db.execute(
            DOOMED_MEETINGS.format(schema="main.", ids="SELECT value FROM json_each(?)"), (json.dumps(ids),)))

    def _read_schema(self) -> None:
        for table in TABLES:
            info = self.db.execute(f"PRAGMA main.table_info({table})").fetchall()
            self.columns[table] = [row[1] for row in info]
            self.not_null[table] = {row[1] for row in info if row[3]}
            self.types[table] = {row[1]: row[2] for row in info}
            others = [c for c in self.columns[table] if c != "id"]
            self.statements[table] = (
                f"INSERT INTO main.{table} ({', '.join(self.columns[table])}) "
                f"VALUES ({', '.join('?' * len(self.columns[table]))})",
                f"UPDATE main.{table} SET {', '.join(f'{c} = ?' for c in others)} WHERE id = ?",
            )
            theirs = {row[1] for row in self.db.execute(f"PRAGMA other.table_info({table})")}
            if theirs != set(self.columns[table]):
                raise StoreError(
                    _("the other file's {table} table differs from this file's; nothing was changed").format(table=table))
            self.references[table] = [
                (row[3], row[2]) for row in self.db.execute(f"PRAGMA main.foreign_key_list({table})")
            ]
            self.checked_in_sql[table] = self._checks_in_sql(table)
            for column, parent in self.references[table]:
                self.children[parent].append((table, column))

    # -- rows ----------------------------------------------------------------------------

    def _rows(
        self, schema: str, table: str, where: str = "", params: tuple[Any, ...] = (), *, alias: str = "t"
    ) -> Iterator[dict[str, Any]]:
        columns = self.columns[table]
        selected = ", ".join(f"{alias}.{c}" for c in columns)
        for row in self.db.execute(f"SELECT {selected} FROM {schema}.{table} AS {alias} {where}", params):
            yield dict(zip(columns, row, strict=True))

    def _key(self, table: str, row: dict[str, Any]) -> tuple[Any, ...] | None:
        columns = NATURAL_KEYS.get(table)
        if not columns:
            return None
        return tuple(_nocase(row[c]) if (table, c) in NOCASE_COLUMNS else row[c] for c in columns)

    def _merge_table(self, table: str) -> None:
        counts = self.report.counts[table]
        # Only the other file's rows that this file lacks or has otherwise; rows deleted here stay out.
        same = " AND ".join(f"m.{c} IS o.{c}" for c in self.columns[table])
        where = f"WHERE NOT EXISTS (SELECT 1 FROM main.{table} m WHERE m.id = o.id AND {same})"
        if table != "tombstones":
            where += f" AND o.id NOT IN (SELECT row_id FROM main.tombstones WHERE table_name = '{table}')"
        if table == "changes":  # the history of what went for good at either site stays out, as it goes here
            where += f" AND (o.table_name, o.row_id) NOT IN ({GONE_HISTORY.format(schema='main.', changes=BOTH_HISTORIES)})"
        if self._copy_table(table, where):
            return
        by_key: dict[tuple[Any, ...] | None, str] | None = None
        parents_here: dict[str, set[str]] | None = None
        # New rows are written many at a time (`_add_rows`), in the order they come, as one at a time
        # would write them; a row that needs this file's rows as they are (to join or resolve it)
        # waits for the rows before it to be written first.
        batched = INSERT_BATCH > 1 and table != "tombstones" and self._ids_unique(table)
        pending: list[tuple[str, tuple[Any, ...] | None, dict[str, Any] | None]] = []
        """New rows waiting to be written: each one's id, its key (`_key`), and the row itself when
        it is not as the other file holds it (None: it is, and is copied from there)."""
        pending_ids: set[str] = set()

        def write_pending() -> None:
            if pending:
                self._add_rows(table, pending, by_key)
                pending.clear()
                pending_ids.clear()

        columns = self.columns[table]
        # Read with each row: whether this file holds a row of the same id (into a new file, never),
        # and whether SQL found its values sound, leaving only some columns to check in Python.
        held = f"EXISTS (SELECT 1 FROM main.{table} h WHERE h.id = o.id)" if batched else "1"
        sound, in_python = self.checked_in_sql[table]
        width = len(columns)
        for values in self.db.execute(f"SELECT {', '.join(f'o.{c}' for c in columns)}, {held}, {sound} "
                                      f"FROM other.{table} AS o {where}"):
            fetched = values[:width]
            row = dict(zip(columns, fetched, strict=True))
            if parents_here is None:
                parents_here = self._parents_here(table)
            if table == "tombstones" and not self._proven(row):
                continue
            if values[width + 1]:
                reason = merge_checks.problem(table, {c: row[c] for c in in_python}, self.types[table])
            else:
                reason = merge_checks.problem(table, row, self.types[table])
            if reason is None and any(row[column] in self.invalid_ids[parent] for column, parent in self.references[table]):
                reason = "it belongs to something not brought in"
            if reason is not None:
                self.invalid_ids[table].add(row["id"])
                self.report.invalid[(table, reason)] += 1
                continue
            if not self._point_here(table, row, parents_here):
                counts["dropped"] += 1
                continue
            # A row of this id was not here when the row was read: none can have come since (the
            # merge writes only the other file's rows, each under its own id, one a row there).
            mine = self._row_here(table, row["id"]) if values[width] else None
            if table == "meetings":
                _local_state(row, mine)
            if mine is None and table in NATURAL_KEYS:
                if by_key is None:
                    write_pending()
                    by_key = {self._key(table, here): here["id"] for here in self._rows("main", table)}
                match = by_key.get(self._key(table, row))
                if match is not None and match in pending_ids:
                    write_pending()  # the row to join is one of those waiting (and may have been refused)
                    match = by_key.get(self._key(table, row))
                if match is not None:
                    write_pending()
                    mine = self._row_here(table, match)
                    assert mine is not None
                    joined = self._join(table, mine, row)
                    by_key[self._key(table, joined)] = joined["id"]
                    counts["joined" if joined != mine else "matched"] += 1
                    continue
            if mine is None and batched:
                as_there = all(type(now) is type(was) and now == was
                               for now, was in zip(row.values(), fetched, strict=True))
                key = self._key(table, row)
                pending.append((row["id"], key, None if as_there else row))
                pending_ids.add(row["id"])
                if by_key is not None:
                    by_key[key] = row["id"]  # taken back by `_add_rows` if the row is refused
                if len(pending) >= INSERT_BATCH:
                    write_pending()
                continue
            if mine is None:
                if self._write_row(table, row, insert=True):
                    if by_key is not None:
                        by_key[self._key(table, row)] = row["id"]
                    counts["added"] += 1
                continue
            write_pending()
            result = self._resolve(table, mine, row)
            if result is not None and result != mine and self._write_row(table, result, insert=False):
                counts["updated"] += 1
        write_pending()

    def _copy_table(self, table: str, where: str) -> bool:
        """Copy the rows of `table` that `where` reads from the other file in SQL (`INSERT_BATCH` rows a
        statement), when SQL shows that `_merge_table` would simply add each of them, one at a time,
        in that order (True),
        as it does into a new file: every value sound (`merge_checks.passes_in_sql`, and `problem`
        for the columns SQL leaves to it), no row of its id here, every link to a row here (or on
        its way, as `_point_here` takes it), nothing captured in a meeting deleted, no key shared
        with a row here or with another of them (`NATURAL_KEYS`), no meeting running or holding
        local state (`_local_state`). Else nothing is written (False): the rows go one by one."""
        sound, in_python = self.checked_in_sql[table]
        keyed = NATURAL_KEYS.get(table, ())
        if (INSERT_BATCH <= 1 or table == "tombstones" or sound == "0"
                or any((table, column) in NOCASE_COLUMNS for column in keyed) or not self._ids_unique(table)):
            return False
        conditions = [sound, f"NOT EXISTS (SELECT 1 FROM main.{table} h WHERE h.id = o.id)"]
        for column, parent in self.references[table]:
            if self.invalid_ids[parent] or self.id_map[parent]:
                return False  # some links change on the way, or leave the row out
            conditions.append(f"(o.{column} IS NULL OR o.{column} COLLATE BINARY IN ({self._parent_ids(table, parent)}))")
        meeting = CAPTURED_IN.get(table) or ("meeting_id" if table == "changes" else None)
        if meeting is not None:
            conditions.append(f"(o.{meeting} IS NULL OR o.{meeting} COLLATE BINARY NOT IN "
                              "(SELECT row_id FROM main.tombstones WHERE table_name = 'meetings'))")
        if keyed:
            conditions.append(f"NOT EXISTS (SELECT 1 FROM main.{table} k WHERE "
                              f"{' AND '.join(f'k.{c} IS o.{c} COLLATE BINARY' for c in keyed)})")
        if table == "meetings":
            conditions.append("o.status IS NOT 'running' COLLATE BINARY AND "
                              + " AND ".join(f"o.{column} IS {'NULL' if absent is None else repr(absent)}"
                                             + (" COLLATE BINARY" if isinstance(absent, str) else "")
                                             for column, absent in LOCAL_STATE.items()))
        # One pass over the rows `where` reads (as `_merge_table` would make): each one's rowid there,
        # in the order they come (the order the rows are added in, one at a time: their rowids here).
        rowids = array("q")
        for rowid, simple in self.db.execute(
            f"SELECT o.rowid, coalesce({' AND '.join(conditions)}, 0) FROM other.{table} AS o {where}"
        ):
            if not simple or (rowids and rowid <= rowids[-1]):
                return False
            rowids.append(rowid)
        if not rowids:
            return True  # nothing new: one at a time, nothing would be written either
        if keyed and self.db.execute(f"SELECT EXISTS (SELECT 1 FROM other.{table} GROUP BY "
                                     f"{', '.join(f'{c} COLLATE BINARY' for c in keyed)} HAVING count(*) > 1)").fetchone()[0]:
            return False  # two of its rows share a key: the second would join the first
        # In runs of `INSERT_BATCH` rows, each a statement, so that no statement holds many rows at once.
        runs = [json.dumps(rowids[start:start + INSERT_BATCH].tolist()) for start in range(0, len(rowids), INSERT_BATCH)]
        chosen = f"FROM other.{table} AS o WHERE o.rowid IN (SELECT value FROM json_each(?)) ORDER BY o.rowid"
        if in_python:
            types = self.types[table]
            for run in runs:
                for values in self.db.execute(f"SELECT {', '.join(f'o.{c}' for c in in_python)} {chosen}", (run,)):
                    if merge_checks.problem(table, dict(zip(in_python, values, strict=True)), types) is not None:
                        return False
        columns = self.columns[table]
        insert = f"INSERT INTO main.{table} ({', '.join(columns)}) SELECT {', '.join(f'o.{c}' for c in columns)} {chosen}"
        try:
            with self.db.transaction():
                if sum(self.db.execute(insert, (run,)).rowcount for run in runs) != len(rowids):
                    raise _NotOneEach
        except (self.db.driver.IntegrityError, _NotOneEach):
            return False  # a row this file's rules refuse (undone with the rest): refused alone, one by one
        self.report.counts[table]["added"] += len(rowids)
        return True

    def _checks_in_sql(self, table: str) -> tuple[str, tuple[str, ...]]:
        """`merge_checks.passes_in_sql` of every column of `table`, for a table the other file defines
        as this one does (the same types, collations and rules); else none ("0"), and every column
        is checked in Python."""
        same = self.db.execute(
            "SELECT (SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?)"
            " IS (SELECT sql FROM other.sqlite_master WHERE type = 'table' AND name = ?)", (table, table),
        ).fetchone()[0]
        if not same:
            return "0", tuple(self.columns[table])
        conditions, in_python = [], []
        for column in self.columns[table]:
            condition = merge_checks.passes_in_sql(table, column, self.types[table][column], f"o.{column}")
            if condition is None:
                in_python.append(column)
            else:
                conditions.append(condition)
        return " AND ".join(conditions) or "1", tuple(in_python)

    def _ids_unique(self, table: str) -> bool:
        """Whether the other file's `table` holds each id once (a unique index on it alone, as
        meetingkit's primary keys make): a file that does not is merged one row at a time."""
        for index in self.db.execute(f"PRAGMA other.index_list({table})").fetchall():
            if index[2] and not index[4] and [r[2] for r in self.db.execute(
                    f"PRAGMA other.index_info({_quoted(index[1])})")] == ["id"]:
                return True
        return False

    def _add_rows(self, table: str, rows: list[tuple[str, tuple[Any, ...] | None, dict[str, Any] | None]],
                  by_key: dict[tuple[Any, ...] | None, str] | None) -> None:
        """Insert new rows of `table` (id, key, and the row unless it is as the other file holds
        it), in their order, as `_write_row` would one at a time.

        Each run of rows as the other file holds them is copied from there in one statement
        (`_copy_rows`): one statement, not one a row, also keeps the search index from writing
        itself out a row at a time. Rows changed on the way (a link that names this file's id, a
        meeting's local state), and a run in which the file's rules refuse any row, are written one
        at a time: a refused row is reported, and taken out of `by_key`, as it always was."""
        counts = self.report.counts[table]
        start = 0
        while start < len(rows):
            as_there = rows[start][2] is None
            end = start + 1
            while end < len(rows) and (rows[end][2] is None) == as_there:
                end += 1
            run = rows[start:end]
            start = end
            if as_there and self._copy_rows(table, [row_id for row_id, _key, _row in run]):
                counts["added"] += len(run)
                continue
            for row_id, key, changed in run:
                row = changed or next(self._rows("other", table, "WHERE o.id = ?", (row_id,), alias="o"))
                if self._write_row(table, row, insert=True):
                    counts["added"] += 1
                elif by_key is not None and by_key.get(key) == row_id:
                    del by_key[key]

    def _copy_rows(self, table: str, ids: list[str]) -> bool:
        """Copy the other file's rows of these ids into this file, in this order, in one statement;
        False, and nothing written, if the file's rules refuse any of them (or the other file's ids
        are not one a row)."""
        columns = self.columns[table]
        try:
            with self.db.transaction():
                cursor = self.db.execute(
                    f"INSERT INTO main.{table} ({', '.join(columns)}) SELECT {', '.join(f'o.{c}' for c in columns)} "
                    f"FROM json_each(?) AS j JOIN other.{table} AS o ON o.id = j.value ORDER BY j.key",
                    (json.dumps(ids),),
                )
                if cursor.rowcount != len(ids):
                    raise _NotOneEach
        except (self.db.driver.IntegrityError, _NotOneEach):
            return False
        return True

    def _proven(self, tombstone: dict[str, Any]) -> bool:
        """Whether a tombstone from the other file may come in: it names something meetingkit
        deletes, its id is a proof (`retention.deletion_id`), and, for a row held here, the proof
        is this row's. A row not held here is checked when it arrives (`_check_stored_tombstones`).
        A refused tombstone deletes nothing and is not kept."""
        table = tombstone["table_name"]
        if table not in DELETABLE:
            self.report.invalid[("tombstones", "it names something meetingkit never deletes")] += 1
            return False
        if not is_proof(tombstone["id"]):
            self.report.invalid[("tombstones", "it does not show that the other site had what it deletes")] += 1
            return False
        ours = self._row_here(table, tombstone["row_id"])
        if ours is None or tombstone["id"] == self._proof("main", table, ours):
            return True
        self.report.refused.append(
            f"the deletion of {self._label(table, ours)}: it does not show that the other site "
            f"had this {KIND[table]}, so it was kept"
        )
        return False

    def _proof(self, schema: str, table: str, row: dict[str, Any]) -> str:
        """The `deletion_id` the row has in `schema` ('main' or 'other')."""
        meeting = meeting_of(table, row)
        sections = [] if meeting is None else [
            r[0] for r in self.db.execute(f"SELECT id FROM {schema}.section_runs WHERE meeting_id = ?", (meeting,))
        ]
        return deletion_id(table, str(row["id"]), str(row["created_at"]), map(str, sections))

    def _named_in(self, schema: str, person_id: str) -> bool:
        """Whether anything in `schema` points at the person (attendance, a turn, an item said by them)."""
        for child, column in self.children["people"]:
            if self.db.execute(f"SELECT 1 FROM {schema}.{child} WHERE {column} = ? LIMIT 1", (person_id,)).fetchone():
                return True
        return False

    def _check_stored_tombstones(self, table: str) -> None:
        """Drop the tombstones here that do not match the row they name, now it arrives.

        A tombstone for a row this file did not hold was kept unchecked; the row itself, arriving
        from the other file, is what it is checked against. One that does not match it (forged,
        from a file that never held the row) is dropped, and the row comes in. A person the other
        file still names in a meeting comes back too: the site that deleted them had only its
        own meetings of theirs. Deletions recorded by older versions (no proof) were this file's
        own, or trusted when merged: they stand.
        """
        stored = {r[0]: r[1] for r in self.db.execute(
            "SELECT row_id, id FROM main.tombstones WHERE table_name = ?", (table,))}
        if not stored:
            return
        for row in self._rows("other", table, "WHERE o.id IN (SELECT row_id FROM main.tombstones "
                              "WHERE table_name = ?)", (table,), alias="o"):
            proof = stored[row["id"]]
            if not is_proof(proof):
                continue
            matches = proof == self._proof("other", table, row)
            if matches and not (table == "people" and self._named_in("other", row["id"])):
                continue
            self.db.execute("DELETE FROM main.tombstones WHERE table_name = ? AND row_id = ?", (table, row["id"]))
            self.report.refused.append(
                f"an earlier deletion of {self._label(table, row)}: "
                + ("the other site still has them in its meetings, so they were brought back" if matches else
                   f"it does not show that the site that made it had this {KIND[table]}, so it was brought in")
            )

    def _parents_here(self, table: str) -> dict[str, set[str]]:
        """The ids of every row this table's rows may point at, here (and, for a table that
        points at itself, in the other file too: those rows are on their way)."""
        found = {}
        for parent in {parent for _column, parent in self.references[table]}:
            found[parent] = {r[0] for r in self.db.execute(self._parent_ids(table, parent))}
        return found

    def _parent_ids(self, table: str, parent: str) -> str:
        """SQL for the ids of the rows of `parent` that `table`'s rows may point at (`_parents_here`)."""
        gone = "(SELECT row_id FROM main.tombstones WHERE table_name = '{}')"
        ids = f"SELECT id FROM main.{parent}"
        if parent == table:  # on their way, unless deleted, or captured in a deleted meeting
            ids += f" UNION SELECT id FROM other.{parent} WHERE id NOT IN {gone.format(parent)}"
            if table in CAPTURED_IN:
                ids += f" AND coalesce({CAPTURED_IN[table]}, '') NOT IN {gone.format('meetings')}"
        return ids

    def _row_here(self, table: str, row_id: str) -> dict[str, Any] | None:
        return next(self._rows("main", table, "WHERE id = ?", (row_id,)), None)

    def _point_here(self, table: str, row: dict[str, Any], parents_here: dict[str, set[str]]) -> bool:
        """Turn the row's links into this file's ids; False if it belongs to something gone here."""
        if table in CAPTURED_IN and row[CAPTURED_IN[table]] in self.gone_meetings:
            return False  # captured in a meeting deleted (purged) at one of the sites
        if table == "changes" and row["meeting_id"] in self.gone_meetings:
            return False  # a change made in a meeting goes with it (ON DELETE CASCADE), not kept unlinked
        for column, parent in self.references[table]:
            value = row[column]
            if value is None:
                continue
            value = self.id_map[parent].get(value, value)
            if value not in parents_here[parent]:
                if column in self.not_null[table]:
                    return False
                value = None  # as the schema's ON DELETE SET NULL would have done
            row[column] = value
        return True

    def _versions(self, schema: str, table: str, row_id: str) -> set[str]:
        return {r[0] for r in self.db.execute(
            f"SELECT updated_at FROM {schema}.row_versions WHERE table_name = ? AND row_id = ?", (table, row_id)
        )}

    def _resolve(self, table: str, mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any] | None:
        """The version of one row to keep, when both files have it; None when they agree."""
        if mine == theirs:
            return None
        if table == "tombstones":  # the same deletion, recorded at both sites: both keep the later record, as `_join` does
            return None if max(mine, theirs, key=_order) is mine else theirs
        they_saw_mine = mine["updated_at"] in self._versions("other", table, mine["id"])
        i_saw_theirs = theirs["updated_at"] in self._versions("main", table, mine["id"])
        if they_saw_mine and not i_saw_theirs:
            return theirs
        if i_saw_theirs and not they_saw_mine:
            return mine
        later = max(mine, theirs, key=_order)
        # Their version is now one this file has seen: a later merge must not call it new.
        self._seen(table, mine["id"], theirs["updated_at"])
        result = dict(later)
        for column in STICKY.intersection(result):
            result[column] = max(mine[column], theirs[column])
        if table == "jargon_terms":
            self._keep_groups(result, mine, theirs)
            _keep_merged_into(result, mine, theirs)
        self._stamp_blend(table, result, mine, theirs)
        if not (they_saw_mine or i_saw_theirs) and _content(mine) != _content(theirs):
            self._conflict(table, result, mine, theirs, "here" if later is mine else "there")
        return result

    def _conflict(self, table: str, result: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any],
                  kept: str, columns: tuple[str, ...] | None = None) -> None:
        """Report a row the two sites changed differently, each differing field with both decisions."""
        confidential = bool(mine.get("confidential") or theirs.get("confidential"))
        differing = columns if columns is not None else tuple(
            column for column in self.columns[table]
            if column not in ("id", "created_at", "updated_at") and mine[column] != theirs[column]
        )
        self.report.conflicts.append(Conflict(
            table, result["id"], self._label(table, result), mine["updated_at"], theirs["updated_at"], kept,
            tuple(field_change(column, mine[column], theirs[column], MESSAGE_AUDIENCE, kind=TABLE_KINDS.get(table),
                               confidential=confidential) for column in differing),
        ))
        # Kept, so that the decision not kept stays visible after the merge (`Merge.history`).
        self.db.insert("merge_conflicts", {
            "table_name": table, "row_id": result["id"], "other_file": self.report.source.name[:MAX_FILE_NAME],
            "here_at": mine["updated_at"], "there_at": theirs["updated_at"], "kept": kept,
            "fields": json.dumps([[column, _kept_value(mine[column]), _kept_value(theirs[column])]
                                  for column in differing]),
        }, anonymous=False)

    def _join(self, table: str, mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        """One row from two made separately at the two sites: the smaller id, and the content of
        the later change, or, for names (`FIRST_WRITTEN`), of the row written first.

        If that is not simply the version of the row that had the smaller id, it is a new
        version of that row (see `_stamp_blend`): the site whose row it was must not later
        mistake its own old version for the other site's change.
        """
        if table in FIRST_WRITTEN:
            kept, other = sorted((mine, theirs), key=lambda row: (row["created_at"], row["id"]))
        else:
            kept, other = sorted((mine, theirs), key=_order, reverse=True)
        result = dict(kept)
        result["id"] = min(mine["id"], theirs["id"])
        for column in STICKY.intersection(result):
            result[column] = max(mine[column], theirs[column])
        dropped = []
        for column in FIRST_WRITTEN.get(table, ()):
            result[column] = kept[column] or other[column]
            if kept[column] and other[column] and kept[column] != other[column]:
                dropped.append(column)  # both sites wrote one: the first written is kept, and the other listed
        if table == "jargon_terms":
            result["unexplained"] = min(mine["unexplained"], theirs["unexplained"])
            self._keep_groups(result, mine, theirs)
            _keep_merged_into(result, mine, theirs)
        owner = mine if result["id"] == mine["id"] else theirs
        blended = _content(result) != _content(owner)
        if blended:
            result["updated_at"] = _one_ms_after(max(mine["updated_at"], theirs["updated_at"]))
        if result["id"] != mine["id"]:
            self._rekey(table, mine["id"], result["id"])
        else:
            self.id_map[table][theirs["id"]] = mine["id"]
        if blended:
            self._seen(table, result["id"], mine["updated_at"])
            self._seen(table, result["id"], theirs["updated_at"])
        if result != mine:
            self._write_row(table, result, insert=False)
        if dropped:
            self._conflict(table, result, mine, theirs, "here" if kept is mine else "there", tuple(dropped))
        return result

    def _seen(self, table: str, row_id: str, updated_at: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO main.row_versions VALUES (?, ?, ?)", (table, row_id, updated_at))

    def _stamp_blend(self, table: str, result: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        """A result that is neither site's version (a term keeping both sites' words, say) is a
        new version: one millisecond after the later of the two, the same at both sites, having
        seen both. Otherwise the later site's time would name two different contents."""
        if _content(result, "id") in (_content(mine, "id"), _content(theirs, "id")):
            return
        result["updated_at"] = _one_ms_after(max(mine["updated_at"], theirs["updated_at"]))
        self._seen(table, result["id"], mine["updated_at"])
        self._seen(table, result["id"], theirs["updated_at"])

    def _keep_groups(self, result: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        """A term keeps every "same thing as" from both sites: two groups it is in become one."""
        groups = sorted({g for g in (mine["group_id"], theirs["group_id"]) if g})
        if groups:
            result["group_id"] = groups[0]
        if len(groups) == 2:
            self.group_unions.append((groups[0], groups[1]))

    def _rekey(self, table: str, old: str, new: str) -> None:
        """Give a row of this file the other file's id, and move everything that points at it."""
        for child, column in self.children[table]:
            self.db.execute(f"UPDATE main.{child} SET {column} = ? WHERE {column} = ?", (new, old))
        self.db.execute("UPDATE OR IGNORE main.row_versions SET row_id = ? WHERE table_name = ? AND row_id = ?",
                        (new, table, old))
        self.db.execute("DELETE FROM main.row_versions WHERE table_name = ? AND row_id = ?", (table, old))
        self.db.execute("UPDATE main.merge_conflicts SET row_id = ? WHERE table_name = ? AND row_id = ?", (new, table, old))
        self.db.execute(f"UPDATE main.{table} SET id = ? WHERE id = ?", (new, old))

    def _write_row(self, table: str, row: dict[str, Any], *, insert: bool) -> bool:
        columns = self.columns[table]
        insert_sql, update_sql = self.statements[table]
        try:
            if insert:
                self.db.execute(insert_sql, [row[c] for c in columns])
            else:
                self.db.execute(update_sql, [row[c] for c in columns if c != "id"] + [row["id"]])
        except self.db.driver.IntegrityError as error:
            self.report.refused.append(f"{self._label(table, row)}: {error}")
            return False
        return True

    def _label(self, table: str, row: dict[str, Any]) -> str:
        column = LABELS.get(table)
        return row_label(KIND[table], str(row.get(column) or "") if column else "", MESSAGE_AUDIENCE,
                         kind=TABLE_KINDS.get(table), confidential=bool(row.get("confidential")))

    # -- after the rows ------------------------------------------------------------------

    def _apply_tombstones(self) -> None:
        """Delete here what was deleted at either site (cascading as a delete here would).

        What was captured in a deleted meeting goes with it, as in a purge here
        (`CAPTURED_IN`): also what this site captured there that the other site never had.
        """
        self.gone_meetings = {r[0] for r in self.db.execute(
            "SELECT row_id FROM main.tombstones WHERE table_name = 'meetings'"
        )}
        doomed = doomed_meetings(self.db.execute(DOOMED_MEETINGS.format(
            schema="main.", ids="SELECT row_id FROM main.tombstones WHERE table_name = 'meetings'")))
        if self.allowed is not None and any(meeting.id not in self.allowed for meeting in doomed):
            raise DeletionsNotConfirmed(tuple(m for m in doomed if m.id not in self.allowed))
        self.report.deleted_meetings = doomed
        for table, column in CAPTURED_IN.items():
            cursor = self.db.execute(
                f"DELETE FROM main.{table} WHERE {column} IN "
                "(SELECT row_id FROM main.tombstones WHERE table_name = 'meetings')"
            )
            if cursor.rowcount > 0:
                self.report.counts[table]["deleted"] += cursor.rowcount
        self._delete_tombstoned("meetings")  # first: with them goes their attendance
        for row in self._rows("main", "people", "WHERE t.id IN (SELECT row_id FROM main.tombstones "
                              "WHERE table_name = 'people')"):
            if self._named_in("main", row["id"]):
                self.db.execute("DELETE FROM main.tombstones WHERE table_name = 'people' AND row_id = ?", (row["id"],))
                self.report.refused.append(f"the deletion of {self._label('people', row)}: they are still named "
                                           "in meetings here, so they were kept")
        for table in MERGED_TABLES:
            self._delete_tombstoned(table)

    def _forget_gone_history(self) -> None:
        """The history of what went for good is forgotten here, as a purge forgets it (`FORGET_GONE_HISTORY`),
        whichever file it came from: so both sites keep the same history."""
        cursor = self.db.execute(FORGET_GONE_HISTORY.format(schema="main.", changes="main.changes"))
        if cursor.rowcount > 0:
            self.report.counts["changes"]["deleted"] += cursor.rowcount

    def _delete_tombstoned(self, table: str) -> None:
        cursor = self.db.execute(
            f"DELETE FROM main.{table} WHERE id IN (SELECT row_id FROM main.tombstones WHERE table_name = ?)", (table,)
        )
        if cursor.rowcount > 0:
            self.report.counts[table]["deleted"] += cursor.rowcount

    def _join_groups(self) -> None:
        """Same-as groups that share a term become one group (the smallest id), as same-as is transitive."""
        parent: dict[str, str] = {}

        def find(group: str) -> str:
            while parent.get(group, group) != group:
                group = parent[group]
            return group

        for first, second in self.group_unions:
            a, b = sorted((find(first), find(second)))
            if a != b:
                parent[b] = a
        for group in parent:
            # Each moved term is a new version, the same at both sites (see `_stamp_blend`).
            moved = self.db.execute("SELECT id, updated_at FROM main.jargon_terms WHERE group_id = ?", (group,)).fetchall()
            self.db.executemany(
                "UPDATE main.jargon_terms SET group_id = ?, updated_at = ? WHERE id = ?",
                [(find(group), _one_ms_after(updated_at), term) for term, updated_at in moved],
            )

    def _settle_merged_organisations(self) -> None:
        """Organisations merged into others (`merged_into_id`, issue 16), settled the same way at both
        sites whatever order they merge in: two sites that merged A into B and B into A keep the
        smaller id as the organisation; an alias points straight at the organisation it names; and
        rows that still name an alias (from a site that had not seen the merge) name that
        organisation. Each moved row is a new version, one step after its own (see `_join_groups`).
        An agreement already made with that organisation keeps its party naming the alias (the
        UNIQUE pair): a row deleted here would come back from every site that still holds it, and
        the agreement's readers show each party once, by its organisation's name."""
        into = {r[0]: r[1] for r in self.db.execute("SELECT id, merged_into_id FROM main.organisations")}
        for start in sorted(into):
            chain: list[str] = []
            current: str | None = start
            while current is not None and current not in chain:
                chain.append(current)
                current = into.get(current)
            if current is not None:  # a cycle: its smallest id stays the organisation
                keep = min(chain[chain.index(current):])
                self._settle_row("organisations", keep, "merged_into_id", None)
                into[keep] = None
        live: dict[str, str] = {}
        for organisation in into:
            current = organisation
            while into.get(current) is not None:
                current = str(into[current])
            live[organisation] = current
        for organisation, target in sorted(into.items()):
            if target is not None and target != live[organisation]:
                self._settle_row("organisations", organisation, "merged_into_id", live[organisation])
        aliases = {organisation: live[organisation] for organisation, target in into.items() if target is not None}
        if not aliases:
            return
        for child, column in self.children["organisations"]:
            if child == "organisations":
                continue
            for row_id, alias in self.db.execute(
                f"SELECT id, {column} FROM main.{child} WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json.dumps(sorted(aliases)),),
            ).fetchall():
                if child == "agreement_parties" and self.db.execute(
                    "SELECT 1 FROM main.agreement_parties WHERE party_organisation_id = ? AND agreement_id = "
                    "(SELECT agreement_id FROM main.agreement_parties WHERE id = ?)", (aliases[alias], row_id),
                ).fetchone():
                    continue
                self._settle_row(child, row_id, column, aliases[alias])

    def _settle_row(self, table: str, row_id: str, column: str, value: str | None) -> None:
        """One column of a row here set by a merge's settling, as a new version one step after its own:
        a millisecond, or a minute for a row kept to the minute (an anonymous capture's)."""
        updated_at = self.db.execute(f"SELECT updated_at FROM main.{table} WHERE id = ?", (row_id,)).fetchone()[0]
        step = _one_minute_after if updated_at == to_the_minute(updated_at) else _one_ms_after
        self.db.execute(f"UPDATE main.{table} SET {column} = ?, updated_at = ? WHERE id = ?",
                        (value, step(updated_at), row_id))
        self.report.counts[table]["updated"] += 1

    def _settle_merged_terms(self) -> None:
        """Terms merged into others (`Jargon.merge_terms`) at either site: what still points at one
        (a mention or meaning from a site that had not seen the merge) moves to the term it was
        merged into, at the end of its chain. Two terms merged into each other at the two sites
        (a cycle) are settled the same way at both: the smallest id in the cycle stands again.
        Each moved row is a new version, the same at both sites (see `_stamp_blend`)."""
        # A term that arrived before the term it was merged into was joined with this file's
        # (by their key) still names the other file's id of it: it names this file's now.
        self.db.executemany("UPDATE main.jargon_terms SET merged_into_id = ? WHERE merged_into_id = ?",
                            [(mine, theirs) for theirs, mine in self.id_map["jargon_terms"].items()])
        # A term joins only a term of its own partnership (`Jargon.merge_terms`); a link another
        # file makes across partnerships would carry one partnership's mentions into another's.
        self.db.execute("""UPDATE main.jargon_terms SET merged_into_id = NULL WHERE merged_into_id IS NOT NULL
                           AND partnership_id IS NOT (SELECT u.partnership_id FROM main.jargon_terms u
                                                      WHERE u.id = main.jargon_terms.merged_into_id)""")
        into = {r[0]: r[1] for r in self.db.execute(
            "SELECT id, merged_into_id FROM main.jargon_terms WHERE merged_into_id IS NOT NULL")}
        if not into:
            return
        for start in sorted(into):
            chain: list[str] = []
            current = start
            while current in into and current not in chain:
                chain.append(current)
                current = into[current]
            if current in chain:  # a cycle: its smallest id stands
                standing = min(chain[chain.index(current):])
                del into[standing]
                updated_at = self.db.execute("SELECT updated_at FROM main.jargon_terms WHERE id = ?",
                                             (standing,)).fetchone()[0]
                self.db.execute("UPDATE main.jargon_terms SET merged_into_id = NULL, updated_at = ? WHERE id = ?",
                                (_one_ms_after(updated_at), standing))

        def end(term: str) -> str:
            while term in into:
                term = into[term]
            return term

        for term in sorted(into):
            for table in ("jargon_mentions", "jargon_meanings"):
                moved = self.db.execute(f"SELECT id FROM main.{table} WHERE term_id = ? ORDER BY id", (term,)).fetchall()
                for (row_id,) in moved:
                    self._settle_row(table, row_id, "term_id", end(term))

    def _bring_versions(self) -> None:
        """What the other site had seen, this file has now seen too (under this file's ids)."""
        for table in MERGED_TABLES:
            self.db.execute(
                f"""INSERT OR IGNORE INTO main.row_versions
                    SELECT table_name, row_id, updated_at FROM other.row_versions
                    WHERE table_name = ? AND row_id IN (SELECT id FROM main.{table})""",
                (table,),
            )
            for theirs, mine in self.id_map[table].items():
                self.db.execute(
                    """INSERT OR IGNORE INTO main.row_versions
                       SELECT table_name, ?, updated_at FROM other.row_versions WHERE table_name = ? AND row_id = ?""",
                    (mine, table, theirs),
                )


INSERT_BATCH = 2_000
"""How many new rows of a table a merge writes in one statement (`_Merger._copy_table`, `_add_rows`):
enough that the statements cost little, few enough that no statement holds much in memory. 1 writes
each row alone, with its own look-up here, as merges did before (the tests compare the two)."""


LOCAL_STATE = {"join_code": None, "projecting": 0, "wall": "meeting"}
"""A meeting's columns that belong to the site running it, with what a meeting that did not
run here has: the code that lets a browser into the room, and what the wall and the projector
show. They never travel: the other site's code would let a stranger into this site's room."""


def _local_state(theirs: dict[str, Any], mine: dict[str, Any] | None) -> None:
    """Give the other site's meeting this site's own running state (in place).

    A meeting running here stays running as it is here. A meeting running at the other site
    arrives ended, at the time of its last change there: the room is at the other site, and
    what was captured there is worth having; it is never opened to browsers here.
    """
    if mine is not None and mine["status"] == "running":
        for column in ("status", "ended_at", "current_position"):
            theirs[column] = mine[column]
    elif theirs["status"] == "running":
        theirs["status"] = "ended"
        theirs["ended_at"] = theirs["ended_at"] or theirs["updated_at"]
    for column, absent in LOCAL_STATE.items():
        theirs[column] = absent if mine is None else mine[column]


MAX_FILE_NAME = 255
KEPT_VALUE_LIMIT = 4000
"""The most of one side's value a conflict's record keeps, in characters: enough to read what was
decided, never so much that a record of two long notes outgrows what the file takes."""


def _keep_merged_into(result: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """A term merged into another at either site stays merged (in place): an explanation or a tally
    given to it at the other site meanwhile does not bring it back (`_settle_merged_terms` moves
    them to the term it joined)."""
    if not result["merged_into_id"]:
        result["merged_into_id"] = mine["merged_into_id"] or theirs["merged_into_id"]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _kept_value(value: Any) -> Any:
    return value[:KEPT_VALUE_LIMIT] if isinstance(value, str) else value


def _content(row: dict[str, Any], *also: str) -> dict[str, Any]:
    """The row without its time (and without the columns in `also`)."""
    return {k: v for k, v in row.items() if k != "updated_at" and k not in also}


def _one_ms_after(stamp: str) -> str:
    instant = from_iso(stamp)
    assert instant is not None
    return to_iso(instant + timedelta(milliseconds=1))


def _one_minute_after(stamp: str) -> str:
    instant = from_iso(stamp)
    assert instant is not None
    return to_iso(instant + timedelta(minutes=1))


def _order(row: dict[str, Any]) -> tuple[str, str]:
    """Later change first; two changes in the same millisecond are told apart by their content,
    so both sites pick the same one."""
    return row["updated_at"], json.dumps(row, sort_keys=True, default=str)
