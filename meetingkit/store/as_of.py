"""How a meeting's record reads the file as of the end of that meeting.

A meeting's record shows each item as it stood when the meeting ended (`meetings.ended_at`;
for one still running, now): what happened later is read as well, but kept apart and dated,
never shown in its place. The one rule for "by the end", in SQL, for any dated row that
names the meeting it happened in (an elephant's status change, a term's meaning, an
action's closing):

* a row of this meeting belongs to it, whatever its time says (two sites' clocks disagree);
* any other row counts when it is stamped at or before the end, unless the meeting it
  names started as this one ended or later: an anonymous row keeps its time only to the minute,
  so a change a moment after the end could otherwise read as before it, and a row from
  another site's later meeting is "since then" even when that site's clock ran slow.

So a later change, made here or merged from another site, never changes how a past meeting's
record says things stood at its end (`tests/store/test_merge_properties.py` holds it as a property).
"""

from __future__ import annotations


def by_end(time: str, meeting: str, in_meeting: str) -> str:
    """SQL that is true when a row counts as done by the end of the meeting `:m` (ended at `:end`).

    Args:
        time: The row's time column (`ev.changed_at`).
        meeting: The row's meeting id column (`ev.meeting_id`).
        in_meeting: The `started_at` column of that meeting, joined (NULL when there is none).
    """
    return f"({meeting} IS :m OR ({time} <= :end AND coalesce({in_meeting}, '') < :end))"
