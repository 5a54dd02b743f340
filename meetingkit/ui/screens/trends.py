"""Trends of a partnership as terminal plots, one to a tab so each fills the projected screen.

Each plot becomes a table when its space is too small to read (a plot squeezed into a
few rows shows shapes, not numbers). Many meetings are grouped by month, so bars stay
wide enough to see from the back of a room.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from meetingkit.core.clock import local
from meetingkit.core.counting import totals_words
from meetingkit.core.i18n import N_, _, language, pgettext
from meetingkit.core.localise import number_text
from meetingkit.core.periods import Period
from meetingkit.core.trends import MeetingTrend, Trends
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.widgets.quiet_footer import QuietFooter

SMALLEST_PLOT = (60, 14)
"""Below this many columns or rows a plot gives way to its table."""

MOST_BARS = 36
"""More meetings than this are shown a month to a bar."""


@dataclass(frozen=True)
class Trend:
    """One plot's worth: labels along the bottom and one or more named series."""

    key: str
    tab: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]
    unit: str
    horizontal: bool = False


def _bar_day(meeting: MeetingTrend) -> str:
    """A meeting's day under its bar: "04 Dec 26"; in French, Canada's numeric standard ("2026-12-04"),
    as short as a bar needs."""
    day = local(meeting.started_at)
    return day.date().isoformat() if language() == "fr" else day.strftime("%d %b %y")


def _per_meeting(
    meetings: Sequence[MeetingTrend], value: Callable[[MeetingTrend], float]
) -> tuple[list[str], list[float], bool]:
    """Values per meeting, or their monthly mean when there are too many meetings for one bar each
    (the last value says which: True for months)."""
    if len(meetings) <= MOST_BARS:
        return [_bar_day(m) for m in meetings], [value(m) for m in meetings], False
    months: dict[str, list[float]] = defaultdict(list)
    for meeting in meetings:
        months[local(meeting.started_at).strftime("%Y-%m")].append(value(meeting))
    return list(months), [round(sum(v) / len(v), 1) for v in months.values()], True


def section_kind_words(kind: str) -> str:
    """A kind of agenda section in words, for the bars of the overrun and steering trends."""
    words = {
        # Translators: a kind of agenda section (a bar's label in Trends).
        "welcome": pgettext("section kind", "welcome"),
        "round": pgettext("section kind", "round"),
        "discussion": pgettext("section kind", "discussion"),
        "review": pgettext("section kind", "review"),
        "reflection": pgettext("section kind", "reflection"),
        "training": pgettext("section kind", "training"),
        "break": pgettext("section kind", "break"),
        "close": pgettext("section kind", "close"),
    }
    return words.get(kind, kind)


def _figure(value: float) -> str:
    """A number in a trend's table: "12.5", "3"; in French "12,5"."""
    return number_text(value) if language() == "fr" else f"{value:g}"


def _share(meeting: MeetingTrend) -> float:
    return round(100 * meeting.unexplained / meeting.terms, 1) if meeting.terms else 0.0


def build_trends(data: Trends) -> list[Trend]:
    """The six trends the review shows, from `store.review.trends`."""
    meetings = data.meetings
    labels, mentions, monthly = _per_meeting(meetings, lambda m: m.jargon_mentions)
    shares = _per_meeting(meetings, _share)[1]
    points = _per_meeting(meetings, lambda m: m.turning_points)[1]
    months = data.elephants
    overrun = data.overrun
    return [
        Trend("jargon", _("Jargon"),
              _("Jargon mentions per month (mean per meeting)") if monthly else _("Jargon mentions per meeting"),
              labels, [(_("mentions"), mentions)], _("mentions")),
        Trend("unexplained", _("Unexplained"),
              _("Share of terms raised still unexplained at the end, per month (mean per meeting)") if monthly
              else _("Share of terms raised still unexplained at the end, per meeting"), labels,
              [(_("% unexplained"), shares)], "%"),
        Trend("elephants", _("Elephants"),
              _("Elephants per month: {totals}").format(totals=totals_words(data.elephant_totals)),
              [m.month for m in months],
              [(pgettext("elephants", "raised"), [m.raised for m in months]),
               (pgettext("elephants", "addressed"), [m.addressed for m in months]),
               (pgettext("elephants", "let go"), [m.let_go for m in months])], _("elephants")),
        Trend("turning", _("Turning points"),
              _("Turning points per month (mean per meeting)") if monthly else _("Turning points per meeting"),
              labels, [(_("turning points"), points)], _("turning points")),
        Trend("overrun", _("Overrun"), _("Average minutes over the timebox, by section kind"),
              [section_kind_words(row.kind.value) for row in overrun],
              [(_("minutes over"), [row.average_overrun_minutes for row in overrun])], _("minutes"), horizontal=True),
        Trend("steered", _("Steered"), _("Sections shortened, given more time or skipped, by section kind"),
              [section_kind_words(row.kind) for row in data.steered],
              [(pgettext("sections", "shortened"), [row.shortened for row in data.steered]),
               (pgettext("sections", "given more time"), [row.lengthened for row in data.steered]),
               (pgettext("sections", "skipped"), [row.skipped for row in data.steered])], _("sections"),
              horizontal=True),
    ]


class TrendView(Vertical):
    """A plot, with the same numbers as a table for when the plot would be too small to read."""

    def __init__(self, trend: Trend, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.trend = trend

    def compose(self) -> ComposeResult:
        yield PlotextPlot(classes="trend-plot")
        yield DataTable(classes="trend-table", cursor_type="row", zebra_stripes=True)
        yield Static(Content(_("Nothing to show for this period yet.")), classes="empty trend-empty")

    def on_mount(self) -> None:
        self.show(self.trend)

    def show(self, trend: Trend) -> None:
        self.trend = trend
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("", *(name for name, _ in trend.series))
        for index, label in enumerate(trend.labels):
            table.add_row(Text(label), *(Text(_figure(values[index]), justify="right") for _, values in trend.series))
        plt = self.query_one(PlotextPlot).plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(trend.title)
        if trend.labels:
            if trend.horizontal:
                plt.bar(trend.labels, trend.series[0][1], orientation="horizontal", width=0.6)
            elif len(trend.series) > 1:
                # plotext takes `labels` here; textual-plotext's stub names it `label`, which plotext refuses.
                plt.multiple_bar(trend.labels, [values for _, values in trend.series],  # type: ignore[call-arg]
                                 labels=[name for name, _ in trend.series])
            else:
                plt.bar(trend.labels, trend.series[0][1], width=0.6)
            if not trend.horizontal and len(trend.series) == 1 and len(trend.labels) > 8:
                # Plotext labels every bar; past a handful the labels run into each other.
                step = len(trend.labels) // 8 + 1
                ticks = list(range(0, len(trend.labels), step))
                positions: list[float] = [index + 1 for index in ticks]
                plt.xticks(positions, [trend.labels[index] for index in ticks])
            values = [value for _, series in trend.series for value in series]
            if all(float(value).is_integer() for value in values):
                # Counts: whole-number ticks, not "8.3 mentions".
                step = max(1, math.ceil(max(values, default=0) / 6))
                counts: list[float] = list(range(0, int(max(values, default=0)) + step + 1, step))
                (plt.xticks if trend.horizontal else plt.yticks)(counts)
            plt.ylabel(trend.unit) if not trend.horizontal else plt.xlabel(trend.unit)
        self.query_one(PlotextPlot).refresh()
        self.fit_view()

    def on_resize(self) -> None:
        self.fit_view()

    @property
    def plotted(self) -> bool:
        """Whether the plot (not the table) is showing."""
        return self.query_one(PlotextPlot).display

    def fit_view(self) -> None:
        width, height = self.size
        has_data = bool(self.trend.labels)
        wants_table = getattr(self.screen, "force_table", False)
        roomy = width >= SMALLEST_PLOT[0] and height >= SMALLEST_PLOT[1] and not wants_table
        self.query_one(PlotextPlot).display = has_data and roomy
        self.query_one(DataTable).display = has_data and not roomy
        self.query_one(".trend-empty").display = not has_data


class TrendsScreen(Localised, Screen[None]):
    """One tab per trend; 1 to 5 or ←/→ switch, and every number is in the table view too."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="trends.back"),
        Binding("v", "toggle_view", N_("Plot/table"), id="trends.view"),
        Binding("1", "show_tab(1)", N_("Trend 1"), show=False),
        Binding("2", "show_tab(2)", N_("Trend 2"), show=False),
        Binding("3", "show_tab(3)", N_("Trend 3"), show=False),
        Binding("4", "show_tab(4)", N_("Trend 4"), show=False),
        Binding("5", "show_tab(5)", N_("Trend 5"), show=False),
        Binding("6", "show_tab(6)", N_("Trend 6"), show=False),
    ]

    def __init__(self, store: Store, partnership_id: str, partnership: str, *, period: Period | None = None) -> None:
        super().__init__()
        self.store = store
        self.partnership_id = partnership_id
        self.partnership = partnership
        self.period = period or Period()
        self.force_table = False

    def compose(self) -> ComposeResult:
        today = local(self.store.clock.now()).date()
        yield Static(Content.assemble(
            (_("Trends"), "bold"), ("  ·  ", "dim"), self.partnership, ("  ·  ", "dim"), self.period.describe(today),
        ), id="title-bar")
        trends = build_trends(self.store.review.trends(self.partnership_id, period=self.period))
        with TabbedContent(id="trend-tabs"):
            for number, trend in enumerate(trends, start=1):
                with TabPane(f"{number} {trend.tab}", id=f"tab-{trend.key}"):
                    yield TrendView(trend, id=f"trend-{trend.key}")
        yield QuietFooter()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        # A pane hidden at mount measured nothing; fit each view once it has its real size.
        def fit_views() -> None:
            for view in self.query(TrendView):
                view.fit_view()

        self.call_after_refresh(fit_views)

    def on_database_changed(self, message: DatabaseChanged) -> None:
        trends = build_trends(self.store.review.trends(self.partnership_id, period=self.period))
        for trend in trends:
            self.query_one(f"#trend-{trend.key}", TrendView).show(trend)

    def action_show_tab(self, number: int) -> None:
        panes = list(self.query(TabPane))
        if 1 <= number <= len(panes):
            self.query_one(TabbedContent).active = panes[number - 1].id or ""

    def action_toggle_view(self) -> None:
        """Show the numbers as a table (or the plot again), whatever the size."""
        self.force_table = not self.force_table
        for view in self.query(TrendView):
            view.fit_view()
