"""What a row from another site's file must hold before a merge brings it in.

The other file is untrusted: a damaged stick, an older tool, or someone who edited it to
hurt. Each value is checked against the rules this file's own writes follow, so nothing
comes in that the app, the exports or the reports could not read. A row that breaks one
is not brought in, and the merge says which rule it broke.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from meetingkit.core.models import (
    ActionStatus,
    AgreementStatus,
    Attribution,
    ElephantStatus,
    MeetingStatus,
    RoundOutcome,
    SectionKind,
    TurningPointKind,
    WallFace,
)
from meetingkit.core.records import Summary

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
}
"""Columns that hold one of a known set of values (besides every `attribution`)."""

DATES = frozenset({("agreements", "review_on"), ("actions", "due_on")})
"""Columns that hold a day, `2026-12-01`; every `..._at` column and `planned_start` hold an instant."""

JSON_OBJECTS = frozenset({("meetings", "agenda_snapshot")})

NON_NEGATIVE = frozenset({
    ("meetings", "current_position"), ("section_runs", "position"), ("section_runs", "planned_minutes"),
    ("section_runs", "paused_seconds"), ("notes", "position"),
})

FLAGS = frozenset({"projecting", "unexplained", "hidden", "confidential"})
"""Integer columns that are 0 or 1."""


def problem(table: str, row: dict[str, Any], types: dict[str, str]) -> str | None:
    """Why `row` of `table` (columns with their declared types, from the schema) cannot be
    brought in, or None when every value is one this file's own writes could have made."""
    for column, value in row.items():
        if value is None:
            continue  # NOT NULL is the schema's to refuse
        declared = types.get(column, "").upper()
        if declared == "TEXT" and not isinstance(value, str):
            return f"its {column} is not text"
        if declared == "INTEGER" and (not isinstance(value, int) or isinstance(value, bool)):
            return f"its {column} is not a whole number"
        if declared == "REAL" and not isinstance(value, int | float):
            return f"its {column} is not a number"
        if (table, column) in NON_NEGATIVE and value < 0:
            return f"its {column} is below zero"
        if column in FLAGS and value not in (0, 1):
            return f"its {column} is neither 0 nor 1"
        enum = ENUMS.get((table, column)) or (Attribution if column == "attribution" else None)
        if enum is not None and value not in {member.value for member in enum}:
            return f"its {column} is not one of {', '.join(member.value for member in enum)}"
        if (table, column) in DATES and not _is_day(value):
            return f"its {column} is not a date"
        if (column.endswith("_at") or column == "planned_start") and not _is_instant(value):
            return f"its {column} is not a time"
        if (table, column) in JSON_OBJECTS and not _is_json_object(value):
            return f"its {column} is not a JSON object"
        if (table, column) in READABLE and not _readable(READABLE[(table, column)], value):
            return f"its {column} is not one meetingkit can read"
    return None


FIRST_INSTANT = datetime(1, 1, 2, tzinfo=UTC)
LAST_INSTANT = datetime(9999, 12, 31, tzinfo=UTC)
"""A time must fall a day inside the calendar: one within a day of either end has no day in
UTC, or no local day in some time zone, and every screen and output shows times as local."""


def _is_instant(value: str) -> bool:
    try:
        instant = datetime.fromisoformat(value)
        return instant.tzinfo is not None and FIRST_INSTANT <= instant.astimezone(UTC) < LAST_INSTANT
    except (ValueError, OverflowError):
        return False


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


# -- JSON the app reads into its own shapes ----------------------------------------------------


def _summary(data: dict[str, Any]) -> bool:
    """What `Summary.from_json` reads, with text where its shapes hold text and times where a time."""
    summary = Summary.from_json(data)
    return _texts(summary) and _is_instant(summary.ended_at) and (
        summary.started_at is None or _is_instant(summary.started_at))


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
