"""One verdict on a section's time (issue 17): over, under or on time to the second, shown rounded but
never contradicting, and the same from the wall's clock, the console's timers, the summary, the record,
the exports and the minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.clock import format_countdown
from meetingkit.core.export import to_markdown as record_markdown
from meetingkit.core.minutes import time_rows
from meetingkit.core.models import SectionKind, SectionRun
from meetingkit.core.records import (
    RECORD_FORMAT,
    LeftOut,
    MeetingRecord,
    Minutes,
    RecordedMeeting,
    RecordedSection,
    SummarySection,
)
from meetingkit.core.summary import build_summary
from meetingkit.core.timing import Verdict, live_timing, section_timing, tenths, verdict_of
from meetingkit.ui.widgets.big_timer import face
from meetingkit.usecases.session import SectionClock

START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def test_23_seconds_over_is_over_by_under_a_minute_not_on_time() -> None:
    timing = section_timing(600, 623)
    assert timing.verdict is Verdict.OVER and timing.words == "over by under a minute"
    assert live_timing(-23).words == "over by under a minute"


def test_the_words_round_to_the_minute() -> None:
    assert section_timing(600, 600).words == "on time"
    assert section_timing(600, 600.9).words == "on time", "less than a whole second beyond"
    assert section_timing(600, 601).words == "over by under a minute"
    assert section_timing(600, 690).words == "over by 2 min"
    assert section_timing(600, 599.5).words == "under by under a minute"
    assert section_timing(600, 480).words == "under by 2 min"
    assert section_timing(600, 600 + 3900).words == "over by 1 h 05 min"


def test_adjusted_time_skipped_and_not_reached() -> None:
    assert section_timing(600, 700, adjusted_seconds=720).words == "under by under a minute"
    assert section_timing(600, 130, skipped=True).verdict is Verdict.SKIPPED
    assert section_timing(600, None).words == "not reached"
    assert section_timing(None, 12).words == "no plan to compare"


def test_the_timer_faces_agree_at_the_boundaries() -> None:
    assert format_countdown(0) == "00:00" and format_countdown(-0.5) == "00:00"
    assert format_countdown(-1) == "+00:01" and format_countdown(0.2) == "00:01"
    assert not SectionClock(-0.99, False).over_time and SectionClock(-1, False).over_time


def _record(sections: tuple[RecordedSection, ...]) -> MeetingRecord:
    return MeetingRecord(
        format=RECORD_FORMAT, exported_at="2026-11-24T16:00:00.000Z", include_confidential=False,
        meeting=RecordedMeeting(id="m", title="T", partnership="P", meeting_type="operational", agenda="A", site="",
                                status="ended", started_at="2026-11-24T14:00:00.000Z",
                                ended_at="2026-11-24T16:00:00.000Z"),
        sections=sections, attendance=(), agreements=(), actions=(), jargon=(), elephants=(), turning_points=(),
        left_out=LeftOut(0),
    )


@given(
    planned=st.integers(min_value=0, max_value=240),
    adjusted=st.one_of(st.none(), st.integers(min_value=0, max_value=240)),
    microseconds=st.integers(min_value=0, max_value=6 * 3600 * 10**6),
    near=st.integers(min_value=-3, max_value=3),
)
def test_every_place_says_the_same_of_a_section(
    planned: int, adjusted: int | None, microseconds: int, near: int
) -> None:
    """The wall's and the console's timers while it runs, the summary and the record kept at its end,
    the export and the minutes afterwards: one verdict, and words that never contradict it. Half the
    examples fall within seconds of the time the section had, where rounding used to disagree."""
    had = (adjusted if adjusted is not None else planned) * 60
    if microseconds % 2:
        microseconds = max(0, (had + near) * 10**6 + microseconds % 10**6)
    run = SectionRun(id="s", meeting_id="m", position=0, title="Welcome", kind=SectionKind.WELCOME,
                     planned_minutes=adjusted if adjusted is not None else planned, started_at=START,
                     ended_at=START + timedelta(microseconds=microseconds))
    actual = run.elapsed_seconds(START)
    expected = verdict_of(actual - had)

    remaining = had - actual  # what the wall and the console's timer are given
    assert live_timing(remaining).verdict is expected
    assert SectionClock(remaining, False).over_time is (expected is Verdict.OVER)
    assert format_countdown(remaining).startswith("+") is (expected is Verdict.OVER)
    assert face(remaining).startswith("+") is (expected is Verdict.OVER)

    summary = _summary_section(run)  # kept with the meeting, to the tenth
    assert summary.difference_seconds is not None and verdict_of(summary.difference_seconds) is expected

    section = RecordedSection(position=1, title="Welcome", kind="welcome", planned_minutes=planned,
                              started_at=None, ended_at=None, actual_seconds=tenths(actual), notes="",
                              adjusted_minutes=adjusted)
    assert section.timing.verdict is expected
    words = section.timing.words
    assert ("over" in words) is (expected is Verdict.OVER)
    assert ("under by" in words) is (expected is Verdict.UNDER)
    assert (words == "on time") is (expected is Verdict.ON_TIME)
    record = _record((section,))
    assert f", {words}" in record_markdown(record)
    minutes = Minutes(record=record, earlier_actions=(), reviewed=(), left_out=0)
    assert time_rows(minutes)[0][-1] == words


def _summary_section(run: SectionRun) -> SummarySection:
    """The summary's section for one run, as `build_summary` makes it."""
    meeting = SimpleNamespace(id="m", title="T", partnership_name="P", meeting_type="operational",
                              agenda_name="A", site="", started_at=START, ended_at=run.ended_at)
    return build_summary(meeting, [run], [], [], [], {}, START).sections[0]  # type: ignore[arg-type]
