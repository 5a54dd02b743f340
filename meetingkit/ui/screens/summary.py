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

from meetingkit.core.audience import Audience
from meetingkit.core.clock import describe_day, describe_time, format_minutes, from_iso, local
from meetingkit.core.i18n import N_, _, ngettext
from meetingkit.core.lines import Rendered
from meetingkit.core.minutes import TIME_COLUMNS, minutes_parts, time_rows
from meetingkit.core.records import Minutes, Summary
from meetingkit.core.timing import Verdict
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.quiet_footer import QuietFooter

BOARD_KEYS = ("jargon_terms", "jargon_unexplained", "elephants_raised", "elephants_resolved", "turning_points")
"""What the boards captured, in the order the summary says it (`Summary.boards`' keys)."""


def board_words(key: str, count: int) -> str:
    """One count of what the boards captured, "3 jargon terms named"."""
    match key:
        case "jargon_terms":
            words = ngettext("{count} jargon term named", "{count} jargon terms named", count)
        case "jargon_unexplained":
            # Translators: a count of jargon terms still unexplained at the end of the meeting.
            words = ngettext("{count} still unexplained", "{count} still unexplained", count)
        case "elephants_raised":
            words = ngettext("{count} elephant named", "{count} elephants named", count)
        case "elephants_resolved":
            words = ngettext("{count} elephant addressed or let go", "{count} elephants addressed or let go", count)
        case _:
            words = ngettext("{count} turning point", "{count} turning points", count)
    return words.format(count=count)


PART_IDS = ("attendance", "agreements", "actions", "earlier", "elephants", "terms", "turning-points")
"""The ids of the minutes' parts on the screen (`core.minutes.minutes_parts`), in their order."""


class SummaryScreen(Localised, Screen[None]):
    """Read-only; the same data is saved with the meeting."""

    BINDINGS = [
        Binding("escape,enter", "home", N_("Home")),
        Binding("m", "save_minutes", N_("Save the minutes")),
        Binding("q", "app.quit", N_("Quit")),
    ]
    AUTO_FOCUS = "#summary"
    """The minutes themselves, so the arrow keys, Page Down, Home and End scroll them."""

    def __init__(self, store: Store, meeting_id: str, audience: Audience = Audience.FACILITATOR) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.audience = audience
        """Who is looking: the room (projection stays on) sees confidential items as stand-ins and nobody's name."""
        meeting = store.meetings.get(meeting_id)
        self.summary: Summary = meeting.summary or store.records.summarise(meeting_id)
        self.minutes: Minutes = store.records.minutes(meeting_id, include_confidential=True)
        """The minutes, with every item: the audience's renderers decide what is shown."""

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
                        ngettext(
                            "{day} {time} · {actual} against {planned} planned · {count} person",
                            "{day} {time} · {actual} against {planned} planned · {count} people",
                            summary.attendee_count,
                        ).format(
                            day=describe_day(started, today=now), time=describe_time(started),
                            actual=format_minutes(summary.actual_seconds),
                            planned=format_minutes(summary.planned_seconds), count=summary.attendee_count,
                        ),
                        "dim",
                    ),
                    ("\n" + _("The minutes: m saves them as HTML to print or as Markdown (confidential items only "
                               "if you tick the box). The arrow keys, Page Down and End scroll."), "dim italic"),
                ),
                id="summary-heading",
            )
            today = local(now).date()
            for part, name in zip(minutes_parts(self.minutes, self.audience, today=today), PART_IDS, strict=True):
                yield Static(Content.assemble((part.heading, "bold")), classes="summary-heading")
                yield Static(self._listed(part.lines, part.empty), id=f"summary-{name}")
            yield Static(Content.assemble((_("Time: plan and reality"), "bold")), classes="summary-heading")
            yield DataTable(id="summary-sections", cursor_type="none", zebra_stripes=True)
            yield Static(Content.assemble((_("What the boards captured"), "bold")), classes="summary-heading")
            yield Static(self._boards(), id="summary-boards")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one("#summary-sections", DataTable)
        table.add_columns(*TIME_COLUMNS)
        for section, row in zip(self.minutes.record.sections, time_rows(self.minutes), strict=True):
            over = section.timing.verdict is Verdict.OVER
            table.add_row(*(Text(cell) for cell in row[:-1]), Text(row[-1], style="bold" if over else ""))

    @staticmethod
    def _listed(shown: Sequence[Rendered | None], empty: str) -> Content:
        drawn = [content(line) for line in shown if line is not None]
        return Content("\n").join(drawn) if drawn else Content.assemble((empty, "dim italic"))

    def _boards(self) -> Content:
        boards = self.summary.boards
        parts = [board_words(key, boards.get(key, 0)) for key in BOARD_KEYS]
        return Content(" · ".join(parts))

    def action_save_minutes(self) -> None:
        """The export dialog, for the minutes: Markdown or HTML to print, confidential items only when ticked."""
        from meetingkit.ui.exports import minutes_export

        self.app.push_screen(minutes_export(self.store, self.meeting_id, self.summary.title,
                                            from_iso(self.summary.started_at)))

    def action_home(self) -> None:
        self.app.pop_screen()
