"""The database schema, as an ordered list of migrations.

The version a file is at lives in `PRAGMA user_version` (readable before any
table exists, and by any SQLite tool); `schema_migrations` keeps the history.
A file whose `application_id` is ours is a meetingkit file.

Conventions, so later migrations stay consistent:

* every table has `id TEXT PRIMARY KEY` (a UUIDv7 string, see `core.ids`) and
  `created_at` / `updated_at` in UTC ISO-8601 (`core.clock.to_iso`);
* every row a meeting captures carries `confidential` and the attribution triple
  `attribution` / `person_id` / `organisation_id`, with a CHECK that makes an
  anonymous row unable to hold a person or an organisation;
* every column holds only values the app can read, enforced by the file with CHECK
  constraints (migration 9, built from `merge_checks`' rules by `value_checks`): kinds and
  statuses from their sets, instants exactly as `to_iso` writes them, days as `2026-12-01`,
  numbers that are numbers (non-negative where counted), text that is text and at most
  `merge_checks.TEXT_BYTES` long. A new column needs its constraint in the migration adding it;
  a changed rule needs a migration that makes the table again (`_rebuild_with_checks`);
* no STRICT tables and no generated columns, so the `sqlite3` shell of an older
  PC at a hot-desk site can still read the file. The constraints use only functions SQLite has
  had since 3.9 (2015): `typeof`, `length`, `GLOB`, `strftime`, `date`, `json_valid`, `json_type`.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from meetingkit.core.clock import from_iso, to_iso, to_the_minute
from meetingkit.core.models import Attribution
from meetingkit.core.text import jargon_key
from meetingkit.store import merge_checks
from meetingkit.store.merge_checks import (
    DATES,
    DAY_SHAPE,
    ENUMS,
    FLAGS,
    INSTANT_SHAPE,
    JSON_ARRAYS,
    JSON_OBJECTS,
    LARGER_TEXTS,
    NON_NEGATIVE,
    SLUG_LIMIT,
    SLUGS,
    TEXT_BYTES,
)

APPLICATION_ID = 0x4D4B4954
"""'MKIT': marks a SQLite file as a meetingkit database."""

_STAMPS = "created_at TEXT NOT NULL,\n    updated_at TEXT NOT NULL"

_CAPTURED = """confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    attribution TEXT NOT NULL DEFAULT 'anonymous'
        CHECK (attribution IN ('named', 'organisation', 'anonymous')),
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    CHECK (attribution != 'anonymous' OR (person_id IS NULL AND organisation_id IS NULL)),
    CHECK (attribution != 'organisation' OR person_id IS NULL)"""

_HIDDEN = "hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))"

SCHEMA_1 = f"""
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE partnerships (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    {_STAMPS}
);
CREATE UNIQUE INDEX partnerships_name ON partnerships (name COLLATE NOCASE);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    {_STAMPS}
);
CREATE UNIQUE INDEX organisations_name ON organisations (partnership_id, name COLLATE NOCASE);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    name TEXT,
    {_STAMPS},
    CHECK (name IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX people_partnership ON people (partnership_id);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    meeting_type TEXT NOT NULL,
    agenda_id TEXT NOT NULL DEFAULT '',
    agenda_name TEXT NOT NULL DEFAULT '',
    agenda_snapshot TEXT NOT NULL DEFAULT '{{}}',
    title TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    planned_start TEXT,
    started_at TEXT,
    ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'ended')),
    current_position INTEGER NOT NULL DEFAULT 0,
    projecting INTEGER NOT NULL DEFAULT 0 CHECK (projecting IN (0, 1)),
    summary TEXT,
    join_code TEXT,
    {_STAMPS}
);
CREATE INDEX meetings_partnership ON meetings (partnership_id, started_at);
CREATE INDEX meetings_status ON meetings (status);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    arrived_at TEXT,
    {_STAMPS},
    UNIQUE (meeting_id, person_id)
);

CREATE TABLE section_runs (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    paused_at TEXT,
    paused_seconds REAL NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    notes_confidential INTEGER NOT NULL DEFAULT 0 CHECK (notes_confidential IN (0, 1)),
    {_STAMPS},
    UNIQUE (meeting_id, position)
);

CREATE TABLE round_turns (
    id TEXT PRIMARY KEY,
    section_run_id TEXT NOT NULL REFERENCES section_runs(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('spoke', 'passed')),
    {_STAMPS},
    UNIQUE (section_run_id, person_id)
);

CREATE TABLE jargon_groups (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    {_STAMPS}
);

CREATE TABLE jargon_terms (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    display TEXT NOT NULL,
    expansion TEXT NOT NULL DEFAULT '',
    plain_words TEXT NOT NULL DEFAULT '',
    unexplained INTEGER NOT NULL DEFAULT 0 CHECK (unexplained IN (0, 1)),
    group_id TEXT REFERENCES jargon_groups(id) ON DELETE SET NULL,
    confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    {_STAMPS},
    UNIQUE (partnership_id, key)
);
CREATE INDEX jargon_terms_group ON jargon_terms (group_id);

CREATE TABLE jargon_meanings (
    id TEXT PRIMARY KEY,
    term_id TEXT NOT NULL REFERENCES jargon_terms(id) ON DELETE CASCADE,
    meaning_organisation_id TEXT REFERENCES organisations(id) ON DELETE CASCADE,
    meaning TEXT NOT NULL,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX jargon_meanings_term ON jargon_meanings (term_id);

CREATE TABLE jargon_mentions (
    id TEXT PRIMARY KEY,
    term_id TEXT NOT NULL REFERENCES jargon_terms(id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    section_run_id TEXT REFERENCES section_runs(id) ON DELETE SET NULL,
    mentioned_at TEXT NOT NULL,
    {_HIDDEN},
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX jargon_mentions_meeting ON jargon_mentions (meeting_id);
CREATE INDEX jargon_mentions_term ON jargon_mentions (term_id);

CREATE TABLE elephants (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    raised_meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    raised_section_run_id TEXT REFERENCES section_runs(id) ON DELETE SET NULL,
    raised_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'parked'
        CHECK (status IN ('parked', 'discussing', 'addressed', 'let_go')),
    resolution_note TEXT NOT NULL DEFAULT '',
    resolved_meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    resolved_at TEXT,
    {_HIDDEN},
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX elephants_partnership ON elephants (partnership_id, status);

CREATE TABLE elephant_events (
    id TEXT PRIMARY KEY,
    elephant_id TEXT NOT NULL REFERENCES elephants(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    {_STAMPS}
);
CREATE INDEX elephant_events_elephant ON elephant_events (elephant_id);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    section_run_id TEXT REFERENCES section_runs(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    review_on TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revised', 'retired')),
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX agreements_partnership ON agreements (partnership_id);
CREATE INDEX agreements_meeting ON agreements (meeting_id);

CREATE TABLE agreement_parties (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    party_organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    {_STAMPS},
    UNIQUE (agreement_id, party_organisation_id)
);

CREATE TABLE turning_points (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    section_run_id TEXT REFERENCES section_runs(id) ON DELETE SET NULL,
    marked_at TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('apology', 'concession', 'kind_word', 'new_understanding', 'other')),
    note TEXT NOT NULL DEFAULT '',
    opened_up TEXT NOT NULL DEFAULT '',
    agreement_id TEXT REFERENCES agreements(id) ON DELETE SET NULL,
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX turning_points_meeting ON turning_points (meeting_id);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    section_run_id TEXT REFERENCES section_runs(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    owner_person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
    owner_organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped', 'carried')),
    opened_at TEXT NOT NULL,
    carried_from_id TEXT REFERENCES actions(id) ON DELETE SET NULL,
    closed_at TEXT,
    closed_meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX actions_partnership ON actions (partnership_id, status);
CREATE INDEX actions_meeting ON actions (meeting_id);

CREATE TABLE tombstones (
    id TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    {_STAMPS},
    UNIQUE (table_name, row_id)
);
"""


Query = Callable[[str], list[tuple[Any, ...]]]
"""Rows of a query on the file being migrated."""


@dataclass(frozen=True)
class Migration:
    """One step from `version - 1` to `version`."""

    version: int
    name: str
    sql: str = ""
    build: Callable[[Query], str] | None = None
    """For a step made from the file's own definitions: its script, from what the file holds."""
    unreadable: Callable[[Query], list[tuple[str, str, int]]] | None = None
    """Rows the step cannot keep, as (table, column, rows): the upgrade is refused when there are any."""
    rebuilds_tables: bool = False
    """The step makes tables again, so it runs with foreign keys off (no cascade fires as an old
    table goes) and is checked with `PRAGMA foreign_key_check` before it commits."""

    def statements(self, query: Query | None = None) -> list[str]:
        """The script cut into single statements (`query` reads the file, for a `build` step).

        `executescript()` would commit on its own, outside our `BEGIN IMMEDIATE`.
        """
        if self.build is not None:
            if query is None:
                raise ValueError(f"migration {self.version} is made from the file, and needs to read it")
            script = self.build(query)
        else:
            script = self.sql
        statements, current = [], ""
        for line in script.splitlines(keepends=True):
            current += line
            if sqlite3.complete_statement(current):
                statements.append(current.strip())
                current = ""
        if current.strip():
            raise ValueError(f"migration {self.version} ends in an unfinished statement")
        return statements


# What migration 2 indexed: (kind, table, the columns whose change re-indexes, the text searched).
# Frozen with the migration; `SEARCHED` below is what the file indexes now.
_SEARCHED_2 = [
    ("note", "section_runs", "notes", "new.notes"),
    ("term", "jargon_terms", "display, expansion, plain_words",
     "new.display || ' ' || new.expansion || ' ' || new.plain_words"),
    ("meaning", "jargon_meanings", "meaning", "new.meaning"),
    ("elephant", "elephants", "text, resolution_note", "new.text || ' ' || new.resolution_note"),
    ("turning point", "turning_points", "note, opened_up", "new.note || ' ' || new.opened_up"),
    ("agreement", "agreements", "text", "new.text"),
    ("action", "actions", "text", "new.text"),
]


def _search_schema(searched: list[tuple[str, str, str, str]]) -> str:
    """One FTS5 index per searchable table, keyed by the row's rowid, kept in step by triggers.

    Keyed by rowid so that re-indexing one row is a lookup, not a scan; the update
    triggers fire only when the searched columns change (not on every timer tick of
    a section run).
    """
    parts = []
    for _, table, columns, body in searched:
        index = f"search_{table}"
        insert = f"INSERT INTO {index} (rowid, body) VALUES (new.rowid, {body});"
        parts += [
            f"CREATE VIRTUAL TABLE {index} USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');",
            f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {insert} END;",
            f"CREATE TRIGGER {index}_update AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"DELETE FROM {index} WHERE rowid = old.rowid; {insert} END;",
            f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN DELETE FROM {index} WHERE rowid = old.rowid; END;",
            f"INSERT INTO {index} (rowid, body) SELECT new.rowid, {body} FROM {table} AS new;",
        ]
    return "\n".join(parts) + "\n"


SCHEMA_2 = _search_schema(_SEARCHED_2)

SCHEMA_3 = """
DROP INDEX jargon_mentions_meeting;
DROP INDEX jargon_mentions_term;
CREATE INDEX jargon_mentions_meeting ON jargon_mentions (meeting_id, term_id);
CREATE INDEX jargon_mentions_term ON jargon_mentions (term_id, meeting_id, mentioned_at);
CREATE INDEX elephants_raised_meeting ON elephants (raised_meeting_id);
CREATE INDEX elephants_resolved_meeting ON elephants (resolved_meeting_id);
CREATE INDEX elephant_events_meeting ON elephant_events (meeting_id);
CREATE INDEX meetings_when ON meetings (coalesce(started_at, planned_start, created_at));
"""
"""Indexes for files with years of history, found by the 10,000-meeting benchmark: a term's
tally in a meeting went through every earlier mention of the term, a term's totals read the
table, and a meeting's elephants scanned them all."""

_MERGED_TABLES_4 = (
    "partnerships", "organisations", "people", "meetings", "attendance", "section_runs", "round_turns",
    "jargon_groups", "jargon_terms", "jargon_meanings", "jargon_mentions", "elephants", "elephant_events",
    "agreements", "agreement_parties", "turning_points", "actions",
)
"""The tables migration 4 keeps versions of (frozen with it; `MERGED_TABLES` is today's list)."""

_MERGED_TABLES_10 = (*_MERGED_TABLES_4, "notes")
"""The tables merged up to migration 10 (frozen with it)."""

MERGED_TABLES = (*_MERGED_TABLES_10, "changes")
"""The tables a merge between sites brings across, parents before the rows that point at them."""


def _version_triggers(tables: tuple[str, ...]) -> list[str]:
    """Triggers that remember a row's earlier `updated_at` in `row_versions`, and forget a deleted row's."""
    parts = []
    for table in tables:
        parts += [
            f"CREATE TRIGGER {table}_versions AFTER UPDATE OF updated_at ON {table} "
            f"WHEN old.updated_at IS NOT new.updated_at BEGIN "
            f"INSERT OR IGNORE INTO row_versions VALUES ('{table}', old.id, old.updated_at); END;",
            f"CREATE TRIGGER {table}_versions_gone AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM row_versions WHERE table_name = '{table}' AND row_id = old.id; END;",
        ]
    return parts


def _versions_schema() -> str:
    """Remember every earlier version of every row (its `updated_at`), for merging between sites.

    A merge asks of the same row at two sites: has this site already seen the other's
    version? It has if that version's time is among the row's earlier times here. Only
    times are kept, never content; a copy of the file carries them with it, so a copy
    taken to another site and edited there still knows what it started from.
    """
    parts = [
        """CREATE TABLE row_versions (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id, updated_at)
) WITHOUT ROWID;"""
    ]
    parts += _version_triggers(_MERGED_TABLES_4)
    return "\n".join(parts) + "\n"


SCHEMA_4 = _versions_schema() + """
CREATE TABLE join_attempts (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE CASCADE,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    attempted_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX join_attempts_when ON join_attempts (attempted_at);
"""
"""Merging between sites (`row_versions`), and participants joining a meeting with its code
(`join_attempts`, so that wrong codes from every browser count together; never merged)."""

SEARCHED = [("note", "notes", "text", "new.text"), *_SEARCHED_2[1:]]
"""What full-text search indexes now: (kind, table, the columns whose change re-indexes, the text searched)."""

_RANDOM_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'"
    " || substr('89AB', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
"""A random (version 4) UUID, in SQL: what `Database.insert` gives an anonymous row."""

SCHEMA_5 = f"""
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    section_run_id TEXT REFERENCES section_runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (text != ''),
    {_STAMPS},
    {_CAPTURED}
);
CREATE INDEX notes_section ON notes (section_run_id, position);
CREATE INDEX notes_meeting ON notes (meeting_id);

INSERT INTO notes (id, meeting_id, section_run_id, position, text, confidential, attribution, created_at, updated_at)
WITH RECURSIVE lines (section_run_id, meeting_id, confidential, stamp, position, line, rest) AS (
    SELECT id, meeting_id, notes_confidential, substr(updated_at, 1, 16) || ':00.000Z', 0, '', notes || char(10)
    FROM section_runs WHERE notes != ''
    UNION ALL
    SELECT section_run_id, meeting_id, confidential, stamp, position + 1,
        substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)
    FROM lines WHERE rest != ''
)
SELECT {_RANDOM_UUID}, meeting_id, section_run_id, position - 1, line, confidential, 'anonymous', stamp, stamp
FROM lines WHERE position > 0 AND trim(line) != '';

DROP TRIGGER search_section_runs_insert;
DROP TRIGGER search_section_runs_update;
DROP TRIGGER search_section_runs_delete;
DROP TABLE search_section_runs;
ALTER TABLE section_runs DROP COLUMN notes;
ALTER TABLE section_runs DROP COLUMN notes_confidential;
""" + _search_schema(SEARCHED[:1]) + "\n".join(_version_triggers(("notes",))) + "\n"
"""Notes become items of their own, each with its section, position, attribution and confidential flag.

A section's notes text becomes one note per non-blank line, in order, keeping the
section's flag; they are anonymous (the facilitator's, or a scribe's from the command
line), so their ids are random and their times the minute the section was last changed.
Search now indexes the notes, and the old columns go with their index."""

SCHEMA_6 = """
ALTER TABLE meetings ADD COLUMN wall TEXT NOT NULL DEFAULT 'meeting' CHECK (wall IN ('meeting', 'blank', 'join_code'));
"""
"""What `meetingkit wall` shows of a meeting in progress: the meeting, nothing, or how to join.
Kept in the file, the one source of truth both screens read, so a console and any number of
walls on other terminals (or a console restarted after a crash) agree."""

_ANONYMOUS_ROWS_7 = {
    **{table: "attribution = 'anonymous'" for table in (
        "elephants", "turning_points", "agreements", "actions", "jargon_meanings", "jargon_mentions", "notes",
    )},
    "elephant_events": "elephant_id IN (SELECT id FROM elephants WHERE attribution = 'anonymous')",
    "agreement_parties": "agreement_id IN (SELECT id FROM agreements WHERE attribution = 'anonymous')",
    # Made for an anonymous capture (a term first named anonymously, a deleted anonymous note's
    # tombstone), which is what gave them a random (version 4) id.
    "jargon_terms": "substr(id, 15, 1) = '4'",
    "tombstones": "substr(id, 15, 1) = '4'",
}
"""Per table, the rows migration 7 numbers apart, below zero (frozen with it)."""


def _anonymous_rowids_schema() -> str:
    """Renumber the rows of every table that holds rows made for anonymous captures.

    Those are numbered apart, from -2^62 + 1 up (as `Database.insert` numbers new ones),
    keeping their order among themselves; every other row is numbered 1, 2, 3... in the order
    it had, so no gap is left where an anonymous row stood. Rows first move out of the way
    (below -2^62, where no rowid goes), so that no two share a rowid on the way. Rowids change
    without any trigger noticing, so the search indexes are made again after, each from its
    table in one go.
    """
    parts = []
    for table, anonymous in _ANONYMOUS_ROWS_7.items():
        parts += [
            "CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);",
            f"INSERT INTO temp.renumbered SELECT rowid, -4611686018427387904 + row_number() OVER (ORDER BY rowid)"
            f" FROM {table} WHERE {anonymous};",
            f"INSERT INTO temp.renumbered SELECT rowid, row_number() OVER (ORDER BY rowid) FROM {table}"
            " WHERE rowid NOT IN (SELECT old FROM temp.renumbered);",
            f"UPDATE {table} SET rowid = -4611686018427387904 - rowid;",
            f"UPDATE {table} SET rowid = (SELECT new FROM temp.renumbered WHERE old = -4611686018427387904 - {table}.rowid);",
            "DROP TABLE temp.renumbered;",
        ]
    for _, table, _, _ in SEARCHED:
        index = f"search_{table}"
        parts += [f"DROP TRIGGER {index}_{event};" for event in ("insert", "update", "delete")]
        parts.append(f"DROP TABLE {index};")
    return "\n".join(parts) + "\n" + _search_schema(SEARCHED)


SCHEMA_7 = _anonymous_rowids_schema()
"""Rows made for anonymous captures stop standing in the order they were written: until now an
anonymous elephant's rowid (and its search index's, and its history's) sat between those of
named ones stamped to the millisecond, and so said to the second when it was raised."""

SCHEMA_8 = """
ALTER TABLE join_attempts ADD COLUMN source TEXT CHECK (source IS NULL OR length(source) <= 64);
CREATE INDEX join_attempts_source ON join_attempts (source, attempted_at);
"""
"""Where a wrong join code came from, so that one place guessing slows down only itself: an
opaque key `meetingkit serve` makes from the browser's address with a secret it forgets when it
stops (never the address itself); kept on wrong tries only, pruned after a day like them."""

_TABLES_8 = (
    "schema_migrations", "partnerships", "organisations", "people", "meetings", "attendance", "section_runs",
    "round_turns", "jargon_groups", "jargon_terms", "jargon_meanings", "jargon_mentions", "elephants",
    "elephant_events", "agreements", "agreement_parties", "turning_points", "actions", "tombstones",
    "row_versions", "join_attempts", "notes",
)
"""Every table of a version 8 file but the search indexes: the tables migration 9 makes again."""

_ANY_INSTANT = (
    "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*"
)
"""An ISO-8601 date and time, in any of its spellings (a repairable time starts like this)."""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def value_checks(table: str, column: str, declared: str) -> str | None:
    """The CHECK that holds `column` of `table` (of SQLite type `declared`) to `merge_checks`' rules.

    The same rules `merge_checks.problem` applies, in SQL, in the same order; each part gives 0 or 1
    for any value (`IS`, never `=`, where a function may give NULL), since a CHECK that gives NULL
    passes. NULL itself passes: NOT NULL is the column's own constraint.
    """
    declared = declared.upper()
    key = (table, column)
    parts: list[str] = []
    if declared == "TEXT":
        parts += [f"typeof({column}) = 'text'",
                  f"length(CAST({column} AS BLOB)) <= {LARGER_TEXTS.get(key, TEXT_BYTES)}"]
    elif declared == "INTEGER":
        parts.append(f"typeof({column}) = 'integer'")
    elif declared == "REAL":
        parts += [f"typeof({column}) IN ('real', 'integer')", f"abs({column}) <= 1.7976931348623157e308"]
    else:
        return None
    if key in NON_NEGATIVE:
        parts.append(f"{column} >= 0")
    if column in FLAGS:
        parts.append(f"{column} IN (0, 1)")
    enum = ENUMS.get(key) or (Attribution if column == "attribution" else None)
    if enum is not None:
        parts.append(f"{column} IN ({', '.join(_quote(member.value) for member in enum)})")
    if key in DATES:
        parts.append(f"{column} GLOB '{DAY_SHAPE}' AND {column} NOT GLOB '0000*' AND date({column}, '+0 days') IS {column}")
    if merge_checks.is_instant_column(column):
        # '+0 days' makes SQLite work the day out, so 30 February is not read back as itself; the
        # year 0, which SQLite reads and Python does not, is no year.
        parts.append(f"{column} GLOB '{INSTANT_SHAPE}' AND {column} NOT GLOB '0000*'"
                     f" AND strftime('%Y-%m-%dT%H:%M:%fZ', {column}, '+0 days') IS {column}"
                     # a day inside either end of the calendar (`merge_checks.FIRST_INSTANT`, `LAST_INSTANT`)
                     f" AND {column} >= '0001-01-02' AND {column} < '9999-12-31'")
    if key in JSON_OBJECTS:
        parts.append(f"CASE WHEN json_valid({column}) THEN json_type({column}) = 'object' ELSE 0 END")
    if key in JSON_ARRAYS:
        parts.append(f"CASE WHEN json_valid({column}) THEN json_type({column}) = 'array' ELSE 0 END")
    if key in SLUGS:
        parts.append(
            f"length({column}) BETWEEN 1 AND {SLUG_LIMIT} AND {column} NOT GLOB '*[^a-z0-9-]*'"
            f" AND {column} NOT GLOB '-*' AND {column} NOT GLOB '*-' AND {column} NOT GLOB '*--*'"
        )
    return f"{column} IS NULL OR ({' AND '.join(parts)})"


def _repaired(column: str) -> str:
    """A column's value as migration 9 copies it: an instant written another way, with its time
    zone (`2026-09-01T11:00:00+02:00`, microseconds), becomes the same instant as `to_iso` writes
    it; anything else is kept as it is (and must meet the rules)."""
    if not merge_checks.is_instant_column(column):
        return column
    return (
        f"CASE WHEN typeof({column}) = 'text' AND {column} NOT GLOB '{INSTANT_SHAPE}'"
        f" AND {column} GLOB '{_ANY_INSTANT}' AND ({column} GLOB '*Z' OR {column} GLOB '*[+-][0-9][0-9]:[0-9][0-9]')"
        f" AND strftime('%Y-%m-%dT%H:%M:%S', substr({column}, 1, 19), '+0 days')"
        f" IS replace(substr({column}, 1, 19), ' ', 'T')"
        f" THEN coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', {column}), {column}) ELSE {column} END"
    )


def _columns(query: Query, table: str) -> list[tuple[str, str]]:
    """A table's columns with their declared types, in order."""
    return [(str(row[1]), str(row[2])) for row in query(f"PRAGMA table_info({table})")]


def _unreadable_rows(query: Query) -> list[tuple[str, str, int]]:
    """Per table and first broken column, the rows that would break migration 9's constraints even
    after its repairs: (table, column, rows)."""
    found = []
    for table in _TABLES_8:
        columns = _columns(query, table)
        if not columns:
            continue  # a table missing: `_rebuild_with_checks` says so
        checks = [(name, check) for name, declared in columns if (check := value_checks(table, name, declared))]
        first_broken = " ".join(f"WHEN NOT ({check}) THEN {_quote(name)}" for name, check in checks)
        repaired = ", ".join(f"{_repaired(name)} AS {name}" for name, _ in columns)
        found += [
            (table, str(column), int(rows))
            for column, rows in query(
                f"SELECT CASE {first_broken} END AS broken, count(*) FROM (SELECT {repaired} FROM {table})"
                f" WHERE broken IS NOT NULL GROUP BY broken ORDER BY broken"
            )
        ]
    return found


def _rebuild_with_checks(query: Query) -> str:
    """Make every table again with its columns' CHECK constraints (SQLite cannot add one to a table).

    The documented way, for each table: move the old one aside, make the new one from the old
    one's own definition with the constraints added, copy every row with its rowid (the search
    indexes are keyed by rowid, so they stay right without being made again) and each time
    repaired (`_repaired`), drop the old one, and make its indexes and triggers (search, version
    history) again from their own definitions. It runs with foreign keys off (`rebuilds_tables`),
    and `legacy_alter_table` keeps the renaming from rewriting what points at the table.
    """
    parts = ["PRAGMA legacy_alter_table = ON;"]
    for table in _TABLES_8:
        found = query(f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {_quote(table)}")
        if not found:
            raise ValueError(f"has no {table} table, which every meetingkit file of schema 8 has")
        created = str(found[0][0])
        if re.match(rf'CREATE TABLE\s+"?{table}"?\s*\(', created, re.IGNORECASE) is None:
            raise ValueError(f"has a {table} table meetingkit did not make")
        definitions = [str(row[0]) for row in query(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = "
            f"{_quote(table)} AND sql IS NOT NULL ORDER BY type, name"
        )]
        columns = _columns(query, table)
        checks = [
            f"CONSTRAINT {name}_readable CHECK ({check})"
            for name, declared in columns if (check := value_checks(table, name, declared))
        ]
        end = created.rindex(")")
        rebuilt = created[:end].rstrip() + ",\n    " + ",\n    ".join(checks) + "\n" + created[end:]
        without_rowid = re.search(r"WITHOUT\s+ROWID\s*$", created, re.IGNORECASE) is not None
        rowid = "" if without_rowid else "rowid, "
        names = ", ".join(name for name, _ in columns)
        parts += [
            f"ALTER TABLE {table} RENAME TO {table}_unchecked;",
            rebuilt + ";",
            f"INSERT INTO {table} ({rowid}{names}) SELECT {rowid}{', '.join(_repaired(name) for name, _ in columns)}"
            f" FROM {table}_unchecked;",
            f"DROP TABLE {table}_unchecked;",
            *(definition + ";" for definition in definitions),
        ]
    parts.append("PRAGMA legacy_alter_table = OFF;")
    return "\n".join(parts) + "\n"


def _conflicts_table(tables: tuple[str, ...]) -> str:
    """The table of what merges found two sites had decided differently, about rows of `tables`."""
    columns = ("id", "table_name", "row_id", "other_file", "here_at", "there_at", "kept", "fields",
               "created_at", "updated_at")
    checked = ",\n    ".join(f"{column} TEXT NOT NULL CHECK ({value_checks('merge_conflicts', column, 'TEXT')})"
                              for column in columns)
    names = ", ".join(_quote(table) for table in tables)
    return f"""
CREATE TABLE merge_conflicts (
    {checked},
    PRIMARY KEY (id),
    CHECK (table_name IN ({names})),
    CHECK (kept IN ('here', 'there')),
    CHECK (CASE WHEN json_valid(fields) THEN json_type(fields) = 'array' ELSE 0 END)
);
CREATE INDEX merge_conflicts_row ON merge_conflicts (table_name, row_id, created_at);
"""


def _conflicts_gone(tables: tuple[str, ...]) -> str:
    """Triggers that forget a row's conflicts when the row is deleted (as `row_versions` forgets its versions)."""
    return "\n".join(
        f"CREATE TRIGGER {table}_conflicts_gone AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM merge_conflicts WHERE table_name = '{table}' AND row_id = old.id; END;"
        for table in tables
    ) + "\n"


SCHEMA_10 = _conflicts_table(_MERGED_TABLES_10) + _conflicts_gone(_MERGED_TABLES_10)
"""What each site had decided, kept when a merge finds a row changed at both (the later change is
the row's; the other was visible nowhere afterwards): the row, the other file's name (never its
folder), when each site changed it, whose version was kept, and each differing field as
[column, here, there]. Kept at the site that merged; shown through the audience policy, so a
confidential item's words are quoted only to whom it may be shown."""


def _checked(table: str, column: str, declared: str) -> str:
    """A column's definition's CHECK, from `value_checks`."""
    check = value_checks(table, column, declared)
    return f" CHECK ({check})" if check else ""


def _corrections_schema() -> str:
    """Migration 11: what corrections, decisions and merged names need."""
    columns = {
        "id": "TEXT PRIMARY KEY",
        "partnership_id": "TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE",
        "table_name": "TEXT NOT NULL",
        "row_id": "TEXT NOT NULL",
        "meeting_id": "TEXT REFERENCES meetings(id) ON DELETE CASCADE",
        "kind": "TEXT NOT NULL",
        "fields": "TEXT NOT NULL DEFAULT '[]'",
        "note": "TEXT NOT NULL DEFAULT ''",
        "changed_at": "TEXT NOT NULL",
        "confidential": "INTEGER NOT NULL DEFAULT 0",
        "created_at": "TEXT NOT NULL",
        "updated_at": "TEXT NOT NULL",
    }
    definitions = ",\n    ".join(
        f"{name} {definition}{_checked('changes', name, definition.split()[0])}" for name, definition in columns.items()
    )
    return f"""
ALTER TABLE organisations ADD COLUMN merged_into_id TEXT REFERENCES organisations(id) ON DELETE SET NULL
    {_checked('organisations', 'merged_into_id', 'TEXT')};
ALTER TABLE jargon_terms ADD COLUMN merged_into_id TEXT REFERENCES jargon_terms(id) ON DELETE SET NULL
    {_checked('jargon_terms', 'merged_into_id', 'TEXT')};
ALTER TABLE section_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0{_checked('section_runs', 'skipped', 'INTEGER')};
ALTER TABLE section_runs ADD COLUMN adjusted_minutes INTEGER{_checked('section_runs', 'adjusted_minutes', 'INTEGER')};

CREATE TABLE changes (
    {definitions}
);
CREATE INDEX changes_row ON changes (table_name, row_id, changed_at);
CREATE INDEX changes_meeting ON changes (meeting_id);
CREATE INDEX changes_partnership ON changes (partnership_id, changed_at);
""" + "\n".join(_version_triggers(("changes",))) + """

PRAGMA legacy_alter_table = ON;
DROP INDEX merge_conflicts_row;
ALTER TABLE merge_conflicts RENAME TO merge_conflicts_10;
""" + _conflicts_table(MERGED_TABLES) + """
INSERT INTO merge_conflicts SELECT * FROM merge_conflicts_10;
DROP TABLE merge_conflicts_10;
PRAGMA legacy_alter_table = OFF;
""" + _conflicts_gone(("changes",))


SCHEMA_11 = _corrections_schema()
"""Corrections and decisions keep their history, and names can be joined:

- `changes`: one row per correction or decision (an edit, a deletion, a review, a rename, a
  merge of two names, a section's minutes steered), with the meeting it was made in (none
  between meetings), what each changed field was and became (`fields`, `[column, before,
  after]`), a note, and the item's confidential flag, so its history is shown only to whom the
  item may be. Merged between sites as rows of their own; a row's history goes with its meeting.
- `organisations.merged_into_id`, `jargon_terms.merged_into_id`: a name joined into another
  (an alias, `OCSB` for the Ottawa Catholic School Board; a term merged into another) stays as a
  row pointing at the one it joined, so another site's rows that still name it find their way.
- `section_runs.skipped`, `adjusted_minutes`: a section skipped on purpose, and the minutes it
  has after the facilitator gave it more or less (`planned_minutes` stays the plan).
- `merge_conflicts` is made again so that its table list includes `changes`."""


def _literal(value: Any) -> str:
    """A value as SQL writes it (a migration made from the file writes the file's own values back)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return "NULL" if math.isnan(value) else repr(value) if math.isfinite(value) else f"{value:+}".replace("inf", "9e999")
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    # As its UTF-8 bytes: a text another tool wrote may hold what an SQL string cannot (a NUL).
    return f"CAST(X'{str(value).encode('utf-8', 'surrogatepass').hex()}' AS TEXT)"


def _step(stamp: Any) -> Any:
    """A row's time as a migration's change makes it a new version: a millisecond later, or a
    minute for a row kept to the minute (an anonymous capture's), as a merge's settling does.
    The same at every site, so two sites upgrading the same rows make the same versions of them."""
    if not isinstance(stamp, str) or not merge_checks.is_instant(stamp):
        return stamp  # a time another tool left unreadable stays as it is, for the merge to refuse
    instant = from_iso(stamp)
    assert instant is not None
    step = timedelta(minutes=1) if stamp == to_the_minute(stamp) else timedelta(milliseconds=1)
    return to_iso(instant + step)


def _new_key(term: dict[str, Any]) -> str:
    """A term's key as `core.text.jargon_key` now makes it (from its spelling), or its old key
    when its spelling gives none (a value another tool wrote)."""
    try:
        return jargon_key(term["display"]) or jargon_key(term["key"]) or str(term["key"])
    except (TypeError, ValueError, AttributeError):
        return str(term["key"])


_TERM_COLUMNS = ("id", "partnership_id", "key", "display", "expansion", "plain_words", "unexplained",
                 "group_id", "confidential", "merged_into_id", "created_at", "updated_at")


def _fold_jargon_keys(query: Query) -> str:
    """Migration 12's re-keying: every term keyed again by `jargon_key`, which now folds accents.

    Terms whose keys now meet (CÉSOC and CESOC, two terms until now) become one, as `meetingkit
    term merge` joins them: the one written first stands, with its spelling; each other one moves
    its mentions and meanings to it, joins its same-as group, gives it an expansion or plain words
    it lacked, and stays as a row pointing at it (`merged_into_id`), its key made unique by its id
    (`"cesoc (0190…)"`, which no spelling can give: a key never ends in a bracket). Everything
    here is decided from the rows alone, and each changed row's time moves one step (`_step`), so
    two sites upgrading copies of the same file make the same rows, which a merge then matches.
    """
    rows = [dict(zip(_TERM_COLUMNS, row, strict=True)) for row in query(
        f"SELECT {', '.join(_TERM_COLUMNS)} FROM jargon_terms ORDER BY rowid"
    )]
    terms = {row["id"]: row for row in rows}
    before = {row["id"]: dict(row) for row in rows}
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_key[(str(row["partnership_id"]), _new_key(row))].append(row)

    def first_written(row: dict[str, Any]) -> tuple[str, str]:
        return str(row["created_at"]), str(row["id"])

    moved: list[str] = []
    for (_, key), group in sorted(by_key.items()):  # in an order every site's copy has
        standing = sorted((row for row in group if row["merged_into_id"] is None), key=first_written)
        kept = standing[0] if standing else min(group, key=first_written)
        kept["key"] = key
        for other in sorted(group, key=first_written):
            if other is kept:
                continue
            other["key"] = f"{key} ({other['id']})"
            if other["merged_into_id"] is not None:
                continue  # merged away already: it keeps pointing where it did
            other["merged_into_id"] = kept["id"]
            moved += _moved_to(query, other, kept)
            if other["group_id"] and kept["group_id"] and other["group_id"] != kept["group_id"]:
                for member in terms.values():
                    if member["group_id"] == other["group_id"] and member is not other:
                        member["group_id"] = kept["group_id"]
            kept["group_id"] = kept["group_id"] or other["group_id"]
            kept["expansion"] = kept["expansion"] or other["expansion"]
            kept["plain_words"] = kept["plain_words"] or other["plain_words"]
            if kept["expansion"] or kept["plain_words"] or query(
                "SELECT 1 FROM jargon_meanings WHERE term_id IN "
                f"({_literal(kept['id'])}, {_literal(other['id'])}) LIMIT 1"
            ):
                kept["unexplained"] = 0
    changed = [row for row in rows if row != before[row["id"]]]
    parts = []
    # Every changed key made unique first, so that no two rows share one between two statements.
    parts += [f"UPDATE jargon_terms SET key = {_literal(str(row['id']) + ' (rekeying)')} WHERE id = {_literal(row['id'])};"
              for row in changed if row["key"] != before[row["id"]]["key"]]
    for row in changed:
        values = ", ".join(f"{column} = {_literal(row[column])}" for column in _TERM_COLUMNS[2:-2])
        parts.append(f"UPDATE jargon_terms SET {values}, updated_at = {_literal(_step(row['updated_at']))}"
                     f" WHERE id = {_literal(row['id'])};")
    return "\n".join(parts + moved) + "\n"


def _moved_to(query: Query, term: dict[str, Any], into: dict[str, Any]) -> list[str]:
    """The statements moving `term`'s mentions and meanings to `into`, as `Jargon._merge_terms` moves
    them: what a confidential term means, or where it was raised, is as confidential as the term."""
    secret = ", confidential = 1" if into["confidential"] else ""
    return [
        f"UPDATE {table} SET term_id = {_literal(into['id'])}{secret}, updated_at = {_literal(_step(updated_at))}"
        f" WHERE id = {_literal(row_id)};"
        for table in ("jargon_mentions", "jargon_meanings")
        for row_id, updated_at in query(f"SELECT id, updated_at FROM {table} WHERE term_id = {_literal(term['id'])}")
    ]


def _languages_schema(query: Query) -> str:
    """Migration 12: meetings and terms in English and French (issue 18).

    - `meetings.language`: the language the meeting works in, `en`, `fr` or `en+fr` (both), chosen
      when it starts; every meeting before it worked in English.
    - `jargon_terms.language`: the language a term belongs to, `en` or `fr`, from the working
      language of the meeting that first named it (none for a bilingual one's, nor for a term
      named before: nobody said), and editable; "same thing as" may join terms of both (IEP ≡ PEI).
    - Every term keyed again, accents folded (`_fold_jargon_keys`).
    """
    return f"""
ALTER TABLE meetings ADD COLUMN language TEXT NOT NULL DEFAULT 'en'{_checked('meetings', 'language', 'TEXT')};
ALTER TABLE jargon_terms ADD COLUMN language TEXT{_checked('jargon_terms', 'language', 'TEXT')};
""" + _fold_jargon_keys(query)


SCHEMA_13 = """
CREATE INDEX jargon_mentions_first ON jargon_mentions (term_id, mentioned_at);
CREATE INDEX meetings_titled ON meetings (id, started_at, title);
"""
"""Indexes for a meeting's record on a file with years of history:

- `jargon_mentions_first`: whether a term was first raised in the meeting is its first mention
  anywhere, which the index on term, meeting and time could find only by reading every mention
  of the term (thousands, for a common one).
- `meetings_titled`: the title and start of the meeting each of its terms' meanings was given in
  (hundreds a record), read from the index alone: a meeting's row holds its agenda (a few
  kilobytes) before them, so reading them from the row reads a second page of the file."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "the whole mission's tables", SCHEMA_1),
    Migration(2, "full-text search over everything captured", SCHEMA_2),
    Migration(3, "indexes for years of history", SCHEMA_3),
    Migration(4, "merging between sites, and participants joining", SCHEMA_4),
    Migration(5, "notes as items of their own", SCHEMA_5),
    Migration(6, "what the wall shows", SCHEMA_6),
    Migration(7, "anonymous captures numbered apart", SCHEMA_7),
    Migration(8, "where wrong join codes come from", SCHEMA_8),
    Migration(
        9, "values the app can read, enforced by the file",
        build=_rebuild_with_checks, unreadable=_unreadable_rows, rebuilds_tables=True,
    ),
    Migration(10, "what each site decided when both changed a row", SCHEMA_10),
    Migration(11, "corrections with their history, merged names, steered time", SCHEMA_11),
    Migration(12, "working languages, and terms keyed without accents", build=_languages_schema),
    Migration(13, "a meeting's record read through indexes", SCHEMA_13),
)
"""Migration 9 is made from the file (`_rebuild_with_checks`): the tables' definitions by then are
spread over migrations 1 to 8, and copying each one's own keeps every detail of it."""

LATEST_VERSION = MIGRATIONS[-1].version
