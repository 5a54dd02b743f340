"""The end-of-meeting summary: plan against reality, who came, what was agreed.

Built as a `core.records.Summary`, whose JSON is the copy saved with the meeting, so
that the summary screen, the saved copy in the database and later exports all tell
the same story.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from meetingkit.core.clock import to_iso
from meetingkit.core.i18n import N_, _
from meetingkit.core.models import Action, Agreement, Meeting, Person, SectionRun
from meetingkit.core.records import (
    Summary,
    SummaryAction,
    SummaryAgreement,
    SummaryAttendance,
    SummarySection,
)
from meetingkit.core.timing import tenths

NO_ORGANISATION = N_("No organisation given")
"""Where people who gave no organisation are counted: the summary saved with a meeting keeps these
English words (they sort last); `organisation_words` shows them in the language in use."""


def organisation_words(organisation: str) -> str:
    """An organisation in the attendance as people read it: `NO_ORGANISATION` in the language in use,
    any other name as typed."""
    return _("No organisation given") if organisation == NO_ORGANISATION else organisation


def build_summary(
    meeting: Meeting,
    runs: list[SectionRun],
    attendees: list[Person],
    agreements: list[Agreement],
    actions: list[Action],
    board_counts: dict[str, int],
    now: datetime,
) -> Summary:
    """Everything the summary shows.

    Args:
        meeting: The meeting being summarised.
        runs: Its sections with their stored timings.
        attendees: Who came.
        agreements: Agreements made in it.
        actions: Actions agreed (or carried) in it.
        board_counts: What the boards captured (see `Store.board_counts`).
        now: The time the summary is made; a section still open counts until now.
    """
    sections = []
    for run in runs:
        actual = run.elapsed_seconds(now)
        sections.append(
            SummarySection(
                title=run.title,
                kind=run.kind.value,
                planned_seconds=run.planned_seconds,
                actual_seconds=tenths(actual),
                difference_seconds=round(tenths(actual) - run.planned_seconds, 1) if run.started_at else None,
                visited=run.started_at is not None,
            )
        )
    by_organisation: dict[str, list[str]] = defaultdict(list)
    for person in attendees:
        by_organisation[person.organisation_name or NO_ORGANISATION].append(person.name or "")
    attendance = tuple(
        SummaryAttendance(
            organisation=organisation,
            count=len(names),
            named=tuple(sorted((name for name in names if name), key=str.casefold)),
        )
        for organisation, names in sorted(
            by_organisation.items(), key=lambda item: (item[0] == NO_ORGANISATION, item[0].casefold())
        )
    )
    started = meeting.started_at
    return Summary(
        meeting_id=meeting.id,
        title=meeting.title,
        partnership=meeting.partnership_name,
        meeting_type=meeting.meeting_type,
        agenda=meeting.agenda_name,
        site=meeting.site,
        started_at=to_iso(started) if started else None,
        ended_at=to_iso(meeting.ended_at or now),
        planned_seconds=sum(run.planned_seconds for run in runs),
        actual_seconds=round(((meeting.ended_at or now) - started).total_seconds(), 1) if started else 0.0,
        sections=tuple(sections),
        attendance=attendance,
        attendee_count=len(attendees),
        agreements=tuple(
            SummaryAgreement(
                text=agreement.text,
                parties=tuple(agreement.parties),
                review_on=agreement.review_on.isoformat() if agreement.review_on else None,
                confidential=agreement.confidential,
            )
            for agreement in agreements
        ),
        actions=tuple(
            SummaryAction(
                text=action.text,
                owner=action.owner,
                due_on=action.due_on.isoformat() if action.due_on else None,
                carried=action.carried,
                confidential=action.confidential,
            )
            for action in actions
        ),
        boards=dict(board_counts),
    )
