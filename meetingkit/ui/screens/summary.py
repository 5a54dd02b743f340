"""The summary at the end of a meeting: plan against reality, who came, what was agreed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import describe_day, describe_time, format_minutes, from_iso, local
from meetingkit.core.lines import Rendered
from meetingkit.core.records import Summary
from meetingkit.store import Store
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.quiet_footer import QuietFooter

BOARD_LABELS = [
    ("jargon_terms", "jargon term named", "jargon terms named"),
    ("jargon_unexplained", "still unexplained", "still unexplained"),
    ("elephants_raised", "elephant named", "elephants named"),
    ("elephants_resolved", "elephant addressed or let go", "elephants addressed or let go"),
    ("turning_points", "turning point", "turning points"),
]


def _difference(seconds: float | None) -> Text:
    if seconds is None:
        return Text("not reached", style="dim")
    if abs(seconds) < 60:
        return Text("on time")
    word = "over" if seconds > 0 else "under"
    return Text(f"{format_minutes(abs(seconds))} {word}", style="bold" if seconds > 0 else "")


class SummaryScreen(Screen[None]):
    """Read-only; the same data is saved with the meeting."""

    BINDINGS = [
        Binding("escape,enter", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, store: Store, meeting_id: str, audience: Audience = Audience.FACILITATOR) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.audience = audience
        """Who is looking: the room (projection stays on) sees confidential items as stand-ins and nobody's name."""
        meeting = store.meetings.get(meeting_id)
        self.summary: Summary = meeting.summary or store.records.summarise(meeting_id)

    def compose(self) -> ComposeResult:
        summary = self.summary
        started = from_iso(summary.started_at)
        now = self.store.clock.now()
        with VerticalScroll(id="summary"):
            yield Static(
                Content.assemble(
                    (summary.title, "bold"),
                    ("  ·  ", "dim"),
                    summary.partnership,
                    "\n",
                    (
                        f"{describe_day(started, today=now)} {describe_time(started)} · "
                        f"{format_minutes(summary.actual_seconds)} against "
                        f"{format_minutes(summary.planned_seconds)} planned · "
                        f"{summary.attendee_count} "
                        f"{'person' if summary.attendee_count == 1 else 'people'}",
                        "dim",
                    ),
                ),
                id="summary-heading",
            )
            yield Static(Content.assemble(("Time: plan and reality", "bold")), classes="summary-heading")
            yield DataTable(id="summary-sections", cursor_type="none", zebra_stripes=True)
            yield Static(Content.assemble(("Who came", "bold")), classes="summary-heading")
            yield Static(self._attendance(), id="summary-attendance")
            yield Static(Content.assemble(("Agreed", "bold")), classes="summary-heading")
            yield Static(self._agreements(), id="summary-agreements")
            yield Static(Content.assemble(("Actions", "bold")), classes="summary-heading")
            yield Static(self._actions(), id="summary-actions")
            yield Static(Content.assemble(("What the boards captured", "bold")), classes="summary-heading")
            yield Static(self._boards(), id="summary-boards")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one("#summary-sections", DataTable)
        table.add_columns("Section", "Planned", "Actual", "Difference")
        for section in self.summary.sections:
            table.add_row(
                Text(section.title),
                Text(format_minutes(section.planned_seconds)),
                Text(format_minutes(section.actual_seconds) if section.visited else "—"),
                _difference(section.difference_seconds),
            )

    def _attendance(self) -> Content:
        rows = self.summary.attendance
        if not rows:
            return Content("Nobody was recorded as attending.")
        return Content("\n").join(content(lines.attendance_line(row, self.audience)) for row in rows)

    def _agreements(self) -> Content:
        shown = [lines.summary_agreement_line(item, self.audience, today=local(self.store.clock.now()).date()) for item in self.summary.agreements]
        return self._listed(shown, "No agreements recorded.")

    def _actions(self) -> Content:
        shown = [lines.summary_action_line(item, self.audience, today=local(self.store.clock.now()).date()) for item in self.summary.actions]
        return self._listed(shown, "No actions recorded.")

    @staticmethod
    def _listed(shown: Sequence[Rendered | None], empty: str) -> Content:
        drawn = [content(line) for line in shown if line is not None]
        return Content("\n").join(drawn) if drawn else Content(empty)

    def _boards(self) -> Content:
        boards = self.summary.boards
        parts = [f"{boards.get(key, 0)} {one if boards.get(key, 0) == 1 else many}" for key, one, many in BOARD_LABELS]
        return Content(" · ".join(parts))

    def action_home(self) -> None:
        self.app.pop_screen()
