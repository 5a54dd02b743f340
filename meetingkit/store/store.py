"""`Store`: typed methods over one meetingkit database file, gathered from small rooms."""

from __future__ import annotations

from typing import Any

from meetingkit.core.summary import build_summary
from meetingkit.store.participants import ParticipantStore


class Store(ParticipantStore):
    """One open database, and everything meetingkit reads from it or writes to it.

    The methods live in small modules, each building on the one below:
    `base` (opening, transactions) ← `partnerships` ← `meetings` ← `business` ← `jargon` ←
    `boards` ← `records` (whole meetings, for exports) ← `review` (across meetings) ←
    `report` (a partnership's period, for a board or a funder) ← `retention` (backups, deleting for good) ←
    `participants` (join codes, moderation, and what people in the room may see and add from a browser).
    Open one with `Store.open(path)`.
    """

    # -- the end of a meeting ----------------------------------------------------------------

    def summarise(self, meeting_id: str) -> dict[str, Any]:
        """The meeting's summary as it stands now (see `core.summary`)."""
        return build_summary(
            self.meeting(meeting_id),
            self.section_runs(meeting_id),
            self.attendees(meeting_id),
            self.agreements(meeting_id),
            self.actions(meeting_id),
            self.board_counts(meeting_id),
            self.clock.now(),
        )

    def end_and_summarise(self, meeting_id: str) -> dict[str, Any]:
        """End the meeting, then save its summary with it; returns the summary."""
        self.end_meeting(meeting_id)
        summary = self.summarise(meeting_id)
        self.save_summary(meeting_id, summary)
        return summary
