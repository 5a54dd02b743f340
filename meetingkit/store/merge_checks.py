"""What every stored value must be, so the app, the exports and the reports can read it.

The rules hold twice over. The file itself enforces them with CHECK constraints, which
migration 9 builds from the sets below (`schema.value_checks`), so even a raw SQL write
cannot store what the app cannot read. And a merge checks each row of another site's file
against them before bringing it in (`problem`): that file is untrusted (a damaged stick, an
older tool, or someone who edited it to hurt, perhaps with its CHECK constraints switched
off), so a row that breaks a rule is not brought in, and the merge says which rule it broke.

A rule changed here changes only files made or upgraded afterwards: the files already at
version 9 keep the constraints they were given, so a change needs a migration of its own.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from meetingkit.core.models import (
    ActionStatus,
    AgreementStatus,
    Attribution,
    ChangedTable,
    ChangeKind,
    ElephantStatus,
    MeetingStatus,
    RoundOutcome,
    SectionKind,
    TermLanguage,
    TurningPointKind,
    WallFace,
    WorkingLanguage,
)

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("meetings", "status"): MeetingStatus,
    ("meetings", "wall"): WallFace,
    ("section_runs", "kind"): SectionKind,
    ("round_turns", "outcome"): RoundOutcome,
    ("elephants", "status"): ElephantStatus,
    ("elephant_events", "from_status"): ElephantStatus,
    ("elephant_events", "to_status"): ElephantStatus,
    ("agreements", "status"): AgreementStatus,
    ("turning_points", "kind"): TurningPointKind,
    ("actions", "status"): ActionStatus,
    ("changes", "kind"): ChangeKind,
    ("changes", "table_name"): ChangedTable,
    ("meetings", "language"): WorkingLanguage,
    ("jargon_terms", "language"): TermLanguage,
}
"""Columns that hold one of a known set of values (besides every `attribution`)."""

DATES = frozenset({("agreements", "review_on"), ("actions", "due_on")})
"""Columns that hold a day, `2026-12-01`; every `..._at` column and `planned_start` hold an instant."""

JSON_OBJECTS = frozenset({("meetings", "agenda_snapshot")})

JSON_ARRAYS = frozenset({("changes", "fields")})
"""Columns that hold a JSON array: a change's fields, each `[column, before, after]`."""

NON_NEGATIVE = frozenset({
    ("meetings", "current_position"), ("section_runs", "position"), ("section_runs", "planned_minutes"),
    ("section_runs", "paused_seconds"), ("notes", "position"), ("section_runs", "adjusted_minutes"),
})

FLAGS = frozenset({"projecting", "unexplained", "hidden", "confidential", "skipped"})
"""Integer columns that are 0 or 1."""

SLUGS = frozenset({("meetings", "meeting_type")})
"""Columns that hold an agenda's type: lower-case letters and digits in words joined by single
hyphens, as `core.agendas` accepts it, like `reflective-practice`."""

SLUG_LIMIT = 120
"""The longest type, in characters: the longest `core.agendas` reads from a template (`TITLE_LIMIT`)."""

TEXT_BYTES = 800_000
"""The most a text value takes, in bytes of UTF-8: 200,000 characters (the longest entry the app
takes anywhere, `core.text.NOTES_LIMIT`, for notes and descriptions) at four bytes each. Counted
in bytes, not characters, because SQLite's `length()` stops at the first NUL character, and a
NUL followed by 20 MB was how one merged row made a meeting take a minute to open."""

SNAPSHOT_BYTES = 4_000_000
"""The most an agenda's JSON copy kept with its meeting takes, in bytes of UTF-8: four times the
largest template file the app loads (`core.agendas.MAX_FILE_BYTES`), which its JSON never reaches
(it at most doubles a template's text, escaping quotes)."""

LARGER_TEXTS = {("meetings", "agenda_snapshot"): SNAPSHOT_BYTES}
"""Text columns allowed more than `TEXT_BYTES`."""

INSTANT_SHAPE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z"
"""A stored instant as a GLOB pattern: what `core.clock.to_iso` writes, `2026-09-01T09:00:00.000Z`."""

DAY_SHAPE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
"""A stored day as a GLOB pattern, `2026-12-01`."""

_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_instant_column(column: str) -> bool:
    """Every `..._at` column and `planned_start` holds an instant."""
    return column.endswith("_at") or column == "planned_start"


def problem(table: str, row: dict[str, Any], types: dict[str, str]) -> str | None:
    """Why `row` of `table` (columns with their declared types, from the schema) cannot be
    brought in, or None when every value is one this file's own writes could have made.

    The rules of each column, in the order `_rules` lists them, are worked out once per column
    and kept (`_RULES`): a merge checks every value of tens of thousands of rows."""
    for column, value in row.items():
        if value is None:
            continue  # NOT NULL is the schema's to refuse
        declared = types.get(column, "")
        rules = _RULES.get((table, column, declared))
        if rules is None:
            rules = _RULES[(table, column, declared)] = _rules(table, column, declared)
        for breaks, reason in rules:
            if breaks(value):
                return reason
    return None


Rule = tuple[Callable[[Any], bool], str]
"""A test a value fails (True: it breaks the rule), and what the merge says of a value that does."""

_RULES: dict[tuple[str, str, str], tuple[Rule, ...]] = {}
"""Per (table, column, declared type): the rules a value of that column must meet, in order."""


def _rules(table: str, column: str, declared_type: str) -> tuple[Rule, ...]:
    """The rules a (non-NULL) value of `column` of `table`, of SQLite type `declared_type`, must meet,
    in the order they are checked: the first broken one is the reason given."""
    declared = declared_type.upper()
    key = (table, column)
    rules: list[Rule] = []
    if declared == "TEXT":
        rules.append((lambda value: not isinstance(value, str), f"its {column} is not text"))
    if declared == "INTEGER":
        rules.append((lambda value: not isinstance(value, int) or isinstance(value, bool),
                      f"its {column} is not a whole number"))
    if declared == "REAL":
        rules.append((lambda value: not isinstance(value, int | float) or isinstance(value, bool),
                      f"its {column} is not a number"))
        rules.append((lambda value: not math.isfinite(value), f"its {column} is not a finite number"))
    limit = LARGER_TEXTS.get(key, TEXT_BYTES)
    characters = limit // 4  # UTF-8 takes at most four bytes a character: up to this many, never too long

    def too_long(value: Any) -> bool:
        return isinstance(value, str) and len(value) > characters and len(value.encode("utf-8", "surrogatepass")) > limit

    rules.append((too_long, f"its {column} is too long"))
    if key in NON_NEGATIVE:
        rules.append((lambda value: value < 0, f"its {column} is below zero"))
    if column in FLAGS:
        rules.append((lambda value: value not in (0, 1), f"its {column} is neither 0 nor 1"))
    enum = ENUMS.get(key) or (Attribution if column == "attribution" else None)
    if enum is not None:
        values = frozenset(member.value for member in enum)
        rules.append((lambda value: value not in values,
                      f"its {column} is not one of {', '.join(member.value for member in enum)}"))
    if key in DATES:
        rules.append((lambda value: not is_day(value), f"its {column} is not a date"))
    if is_instant_column(column):
        rules.append((lambda value: not is_instant(value), f"its {column} is not a time"))
    if key in JSON_OBJECTS:
        rules.append((lambda value: not _is_json_object(value), f"its {column} is not a JSON object"))
    if key in JSON_ARRAYS:
        rules.append((lambda value: not _is_field_list(value), f"its {column} is not a list of changed fields"))
    if key in SLUGS:
        rules.append((lambda value: not is_slug(value), f"its {column} is not a meeting type"))
    if key in READABLE:
        reads = READABLE[key]
        rules.append((lambda value: not _readable(reads, value), f"its {column} is not one meetingkit can read"))
    return tuple(rules)


def passes_in_sql(table: str, column: str, declared_type: str, value: str) -> str | None:
    """An SQL condition on `value` (an expression: the other file's `column` of `table`, of SQLite
    type `declared_type`) that holds only when `problem` accepts the value there; None where SQL
    cannot say as much, and the value is for `problem` to check.

    A merge reads the condition of every column with each row, so that `problem` checks in Python
    only the columns without one (a meeting's agenda and summary, a change's fields, a meeting
    type). The condition may refuse what `problem` would accept (a time SQLite writes back
    otherwise, say): such a row is checked in Python, column by column, as any row was. Every
    comparison of text names its collation, and a condition gives 0 or 1 for any value (`IS`,
    never `=`, where a function may give NULL), as the file's CHECK constraints do
    (`schema.value_checks`); NULL passes, as it does in `problem`.
    """
    declared = declared_type.upper()
    key = (table, column)
    if key in JSON_OBJECTS or key in JSON_ARRAYS or key in SLUGS or key in READABLE:
        return None  # what `problem` reads of these (JSON the app reads; a type, which a NUL ends for SQL) SQL does not
    if declared == "TEXT":
        parts = [f"typeof({value}) = 'text'", f"length(CAST({value} AS BLOB)) <= {LARGER_TEXTS.get(key, TEXT_BYTES)}"]
    elif declared == "INTEGER":
        parts = [f"typeof({value}) = 'integer'"]
    elif declared == "REAL":  # abs() of the smallest integer is an error, not a number: only a real's is taken
        parts = [f"CASE typeof({value}) WHEN 'integer' THEN 1 WHEN 'real' THEN abs({value}) <= 1.7976931348623157e308 "
                 "ELSE 0 END"]
    else:
        return None
    if (key in NON_NEGATIVE or column in FLAGS) and declared == "TEXT":
        return None  # `problem` compares text with numbers there (and fails)
    if key in NON_NEGATIVE:
        parts.append(f"{value} >= 0")
    if column in FLAGS:
        parts.append(f"{value} IN (0, 1)")
    enum = ENUMS.get(key) or (Attribution if column == "attribution" else None)
    if enum is not None:
        parts.append(f"{value} COLLATE BINARY IN ({', '.join(_sql_text(member.value) for member in enum)})")
    if key in DATES:
        parts.append(f"{value} GLOB '{DAY_SHAPE}' AND {value} NOT GLOB '0000*' "
                     f"AND date({value}, '+0 days') IS {value} COLLATE BINARY")
    if is_instant_column(column):
        # Written back by SQLite exactly as it is: a real day and time (not 30 February, nor 24:00),
        # of `to_iso`'s shape (GLOB stops at a NUL; IS compares every byte), a day inside the calendar.
        parts.append(f"{value} GLOB '{INSTANT_SHAPE}' AND {value} NOT GLOB '0000*'"
                     f" AND strftime('%Y-%m-%dT%H:%M:%fZ', {value}, '+0 days') IS {value} COLLATE BINARY"
                     f" AND {value} >= '0001-01-02' COLLATE BINARY AND {value} < '9999-12-31' COLLATE BINARY")
    return f"({value} IS NULL OR ({' AND '.join(parts)}))"


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


FIRST_INSTANT = datetime(1, 1, 2, tzinfo=UTC)
LAST_INSTANT = datetime(9999, 12, 31, tzinfo=UTC)
"""A time must fall a day inside the calendar: one within a day of either end has no day in
UTC, or no local day in some time zone, and every screen and output shows times as local."""


def is_instant(value: str) -> bool:
    """True for an instant exactly as `core.clock.to_iso` writes it, a real one (no 30 February),
    a day inside either end of the calendar (`FIRST_INSTANT`, `LAST_INSTANT`)."""
    if not _INSTANT.fullmatch(value):
        return False
    try:
        instant = datetime.fromisoformat(value)
        return FIRST_INSTANT <= instant.astimezone(UTC) < LAST_INSTANT
    except (ValueError, OverflowError):
        return False


def _any_instant(value: object) -> bool:
    """A time with its zone, however written (as a summary's JSON keeps it), inside the calendar."""
    try:
        instant = datetime.fromisoformat(value)  # type: ignore[arg-type]
        return instant.tzinfo is not None and FIRST_INSTANT <= instant.astimezone(UTC) < LAST_INSTANT
    except (ValueError, OverflowError, TypeError):
        return False


def is_day(value: str) -> bool:
    """True for a real day written `2026-12-01`."""
    if not _DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_slug(value: str) -> bool:
    """True for a meeting type as a template names it."""
    return len(value) <= SLUG_LIMIT and _SLUG.fullmatch(value) is not None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _is_json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value, parse_constant=_no_constant), dict)
    except (ValueError, RecursionError):
        return False


def _is_field_list(value: str) -> bool:
    """A change's fields as the app writes them: a JSON list of `[column, before, after]`, the
    column named in text, the values JSON's own scalars."""
    try:
        data = json.loads(value, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, list) and all(
        isinstance(field, list) and len(field) == 3 and isinstance(field[0], str)
        and all(part is None or isinstance(part, str | int | float) for part in field[1:])
        for field in data
    )


# -- JSON the app reads into its own shapes ----------------------------------------------------


def _summary(data: dict[str, Any]) -> bool:
    """What `Summary.from_json` reads, with text where its shapes hold text and times where a time."""
    # Imported here, not with the module: the schema, and so every start of the console, loads this module.
    from meetingkit.core.records import Summary

    summary = Summary.from_json(data)
    return _texts(summary) and _any_instant(summary.ended_at) and (
        summary.started_at is None or _any_instant(summary.started_at))


def _texts(shape: Any) -> bool:
    """Every field of a shape (and of the shapes in it) declared as text holds text."""
    for field in fields(shape):
        value = getattr(shape, field.name)
        declared = str(field.type)
        if declared == "str" and not isinstance(value, str):
            return False
        if declared == "str | None" and value is not None and not isinstance(value, str):
            return False
        if declared.startswith("tuple[") and not all(
            _texts(item) if is_dataclass(item) else isinstance(item, str) for item in value
        ):
            return False
    return True


def _agenda(data: dict[str, Any]) -> bool:
    """What `store.meetings` reads of the agenda a meeting ran from: its sections."""
    sections = data.get("sections", [])
    return isinstance(sections, list) and all(
        isinstance(s, dict) and isinstance(s.get("title"), str) and s.get("kind") in set(SectionKind)
        and isinstance(s.get("minutes"), int) and not isinstance(s.get("minutes"), bool) and s["minutes"] >= 0
        and isinstance(s.get("prompts"), list) and all(isinstance(p, str) for p in s["prompts"])
        for s in sections
    )


READABLE: dict[tuple[str, str], Callable[[dict[str, Any]], bool]] = {
    ("meetings", "summary"): _summary,
    ("meetings", "agenda_snapshot"): _agenda,
}
"""Columns holding JSON that the app reads into its own shapes: a summary kept when a meeting
ended (read by its screen), and the agenda it ran from (read with every meeting)."""


def _readable(reads: Callable[[dict[str, Any]], bool], value: str) -> bool:
    try:
        data = json.loads(value)
        return isinstance(data, dict) and reads(data)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
        return False
