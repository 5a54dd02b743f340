"""What a row from another site's file must hold before a merge brings it in.

The other file is untrusted: a damaged stick, an older tool, or someone who edited it to
hurt. Each value is checked against the rules this file's own writes follow, so nothing
comes in that the app, the exports or the reports could not read. A row that breaks one
is not brought in, and the merge says which rule it broke.
"""

from __future__ import annotations

import json
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
