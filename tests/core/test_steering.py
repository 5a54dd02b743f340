"""Steering's arithmetic, with no store and no screen: the projection, the words, shortening evenly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.models import SectionKind, SectionRun
from meetingkit.core.steering import (
    Projection,
    cut_needed,
    plan_words,
    project,
    section_choice,
    shorten_evenly,
    smallest_minutes,
)

START = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


def run(position: int, minutes: int, **kwargs: object) -> SectionRun:
    return SectionRun(id=f"s{position}", meeting_id="m", position=position, title=f"Section {position + 1}",
                      kind=SectionKind.DISCUSSION, planned_minutes=minutes, **kwargs)  # type: ignore[arg-type]


def test_the_projection_counts_what_is_left_of_this_section_and_every_section_not_yet_run() -> None:
    """10 + 20 + 15 planned from 14:00; the first ran 12 minutes (2 over), the third is skipped."""
    now = START + timedelta(minutes=12)
    runs = [run(0, 10, started_at=START), run(1, 20, adjusted_minutes=25), run(2, 15, skipped=True)]
    projection = project(runs, 0, now, START)
    assert projection.left == -120
    assert projection.finish == now + timedelta(minutes=25)  # over time: the overrun is in "now"
    assert projection.planned_finish == START + timedelta(minutes=45)
    assert projection.behind_seconds == -8 * 60
    assert plan_words(projection) == "8 min ahead of plan"


def test_the_words_round_to_the_nearest_minute() -> None:
    def words(behind: float) -> str:
        return plan_words(Projection(0, START + timedelta(seconds=behind), START))

    assert words(29) == "on plan"
    assert words(-29) == "on plan"
    assert words(6 * 60 + 10) == "6 min behind plan"
    assert words(-90) == "2 min ahead of plan"


def test_less_time_never_goes_below_a_minute_nor_the_time_already_run() -> None:
    assert smallest_minutes(run(0, 10), START) == 1
    assert smallest_minutes(run(0, 10, started_at=START), START + timedelta(seconds=250)) == 5


def test_the_chooser_says_planned_changed_run_skipped_and_here() -> None:
    shown = section_choice(run(1, 10, started_at=START, adjusted_minutes=12, skipped=True), 1,
                           START + timedelta(minutes=4))
    assert shown == "2. Section 2 · 10 min planned · now 12 min · 4 min run · skipped · here now"


def test_the_cut_is_whole_minutes_rounded_up() -> None:
    assert cut_needed(Projection(0, START + timedelta(seconds=61), START)) == 2
    assert cut_needed(Projection(0, START - timedelta(seconds=61), START)) == 0


@given(st.lists(st.integers(1, 90), max_size=8), st.integers(0, 400))
def test_shortening_evenly_takes_the_cut_as_evenly_as_the_floor_allows(minutes: list[int], cut: int) -> None:
    shortened = shorten_evenly(minutes, cut)
    taken = [before - after for before, after in zip(minutes, shortened, strict=True)]
    assert all(after >= 1 for after in shortened)
    assert all(t >= 0 for t in taken)
    assert sum(taken) == min(cut, sum(m - 1 for m in minutes))  # all of it, or everything above the floor
    # Even: a section gave less than another only because it reached its floor.
    for index, t in enumerate(taken):
        assert all(t >= other - 1 or shortened[index] == 1 for other in taken)
