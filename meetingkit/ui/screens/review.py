"""Review, for practice leads: every meeting in a sortable table, filtered by partnership, type
and a period typed as people say it; from here, a meeting's record, search, the partnership's
registers and trends, and exports."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Select, Static
from textual.widgets.data_table import ColumnKey

from meetingkit.core.clock import local
from meetingkit.core.i18n import N_, _, language, ngettext, pgettext
from meetingkit.core.localise import number_text, quoted
from meetingkit.core.models import HistoryRow, MeetingStatus, type_label
from meetingkit.core.periods import Period, PeriodNotUnderstood, parse_period
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.messages import DatabaseChanged, OpenRecord, OpenRegister, OpenSearch, RegisterName
from meetingkit.ui.widgets.line_input import LineInput
from meetingkit.ui.widgets.quiet_footer import QuietFooter


@dataclass(frozen=True)
class HistoryColumn:
    """A column of the history: its label, how a row shows in it, and what it sorts by."""

    key: str
    label: Callable[[], str]
    """Its heading, said in the language in use (a line break keeps the column narrow)."""
    cell: Callable[[HistoryRow], Any]
    sort: Callable[[HistoryRow], Any]
    width: int | None = None
    """Fixed, for columns whose text can be long; None fits the content."""
    same: Callable[[HistoryRow], Hashable] | None = None
    """What the cell shows, as a key: rows with equal keys get the same cell (one `Text`, made once and
    shared: the table only reads its cells). None makes a cell for every row."""


def _when(row: HistoryRow) -> Text:
    if row.started_at is None:
        return Text("—")
    day = local(row.started_at)
    # French writes the day as Canada's numeric standard does (2026-12-04): "04 déc. 2026" is wider
    # than the column.
    return Text(day.date().isoformat() if language() == "fr" else day.strftime("%d %b %Y"))


def _length(row: HistoryRow) -> Text:
    if row.status is MeetingStatus.RUNNING:
        return Text(pgettext("meeting", "running"), style="italic")
    if row.duration_seconds is None:
        return Text("—")
    hours, minutes = divmod(round(row.duration_seconds / 60), 60)
    return Text(f"{hours}:{minutes:02d}")


def _length_shown(row: HistoryRow) -> Hashable:
    """What `_length` shows, as a key: running, unknown, or the minutes."""
    if row.status is MeetingStatus.RUNNING:
        return "running"
    return None if row.duration_seconds is None else round(row.duration_seconds / 60)


def short_type(meeting_type: str) -> str:
    """A meeting type in a word, for a narrow column ("reflective-practice" → "Reflective")."""
    if meeting_type == "reflective-practice":
        # Translators: a meeting type in a word, for a narrow column ("Reflective practice").
        return _("Reflective")
    if meeting_type == "shared-training":
        # Translators: a meeting type in a word, for a narrow column ("Shared training").
        return _("Training")
    return type_label(meeting_type)


def _count(name: str) -> Callable[[HistoryRow], Text]:
    def cell(row: HistoryRow) -> Text:
        value = getattr(row, name)
        return Text(str(value) if value else "·", style="" if value else "dim")

    return cell


def _value(name: str) -> Callable[[HistoryRow], Any]:
    def value(row: HistoryRow) -> Any:
        return getattr(row, name)

    return value


COLUMNS = (
    HistoryColumn("date", lambda: _("Date"), _when, lambda r: (r.started_at is not None, r.started_at), width=11),
    HistoryColumn("partnership", lambda: _("Partnership"), lambda r: Text(r.partnership, overflow="ellipsis", no_wrap=True),
                  lambda r: r.partnership.casefold(), width=24, same=lambda r: r.partnership),
    HistoryColumn("type", lambda: _("Type"), lambda r: Text(short_type(r.meeting_type)), lambda r: type_label(r.meeting_type),
                  same=lambda r: r.meeting_type),
    HistoryColumn("length", lambda: _("Length"), _length, lambda r: r.duration_seconds or 0,
                  same=_length_shown),
    *(
        HistoryColumn(name, label, _count(name), _value(name), same=_value(name))
        for name, label in (
            ("attendance", lambda: _("People")), ("jargon", lambda: _("Jargon")), ("elephants", lambda: _("Elephants")),
            # Translators: a column heading on two lines (keep the line break, or none: a short word).
            ("turning_points", lambda: _("Turning\npoints")),
            # Translators: a column heading on two lines, "agreements" hyphenated (or one short word).
            ("agreements", lambda: _("Agree-\nments")),
            ("actions", lambda: _("Actions")),
        )
    ),
    HistoryColumn("title", lambda: _("Title"), lambda r: Text(r.title), lambda r: r.title.casefold(),
                  same=lambda r: r.title),
)
COLUMN_KEYS = [column.key for column in COLUMNS]


def history_cells(rows: Iterable[HistoryRow]) -> list[list[Any]]:
    """The table's cells for `rows`, as `COLUMNS` make them, a repeated cell made once: 10,000 meetings
    show a few hundred different counts, names, types, lengths and titles, and making each of their
    110,000 cells took longer than reading the history."""
    made: list[dict[Hashable, Any]] = [{} for _column in COLUMNS]
    cells = []
    for row in rows:
        line = []
        for column, shown in zip(COLUMNS, made, strict=True):
            if column.same is None:
                line.append(column.cell(row))
                continue
            key = column.same(row)
            cell = shown.get(key)
            if cell is None:
                cell = shown[key] = column.cell(row)
            line.append(cell)
        cells.append(line)
    return cells


ALL = "all"


class ReviewScreen(Localised, Screen[None]):
    """The history of meetings, and the way into everything a practice lead reviews."""

    AUTO_FOCUS = "#history"

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="review.back"),
        Binding("slash", "search", N_("Search"), id="review.search"),
        Binding("f", "focus_filters", N_("Filter"), show=False, id="review.filter"),
        Binding("s", "sort_next", N_("Sort by the next column"), show=False, id="review.sort"),
        Binding("S", "sort_reverse", N_("Reverse the order"), show=False, id="review.reverse"),
        Binding("g", "glossary", N_("Glossary"), id="review.glossary"),
        Binding("e", "parking_lot", N_("Elephants"), id="review.elephants"),
        Binding("t", "timeline", N_("Turning pts"), id="review.timeline"),
        Binding("a", "register", N_("Register"), id="review.register"),
        Binding("T", "trends", N_("Trends"), id="review.trends"),
        Binding("x", "export", N_("Export"), id="review.export"),
        Binding("R", "report", N_("Report"), id="review.report"),
        Binding("c", "toggle_confidential", N_("Confidential"), id="review.confidential"),
        Binding("d", "delete", N_("Delete"), show=False, id="review.delete"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.every_meeting: list[HistoryRow] = []
        self.rows: list[HistoryRow] = []
        """The meetings the filters keep, in the table's order."""
        self.period = Period()
        self.sort_key = "date"
        self.sort_reverse = True
        self._keys: list[str] = []
        self._loaded_filters: tuple[str | None, str | None, Period] | None = None
        self.include_confidential = False
        """Shown only after the lead turns it on, for this screen and what it opens."""

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble((pgettext("screen", "Review"), "bold"), ("  ·  ", "dim"), (self.store.path.name, "dim")),
                     id="title-bar")
        yield Static("", id="confidential-banner", classes="banner")
        with Horizontal(id="review-filters"):
            yield Select[str]([(_("All partnerships"), ALL)], allow_blank=False, id="filter-partnership")
            yield Select[str]([(_("All types"), ALL)], allow_blank=False, id="filter-type")
            yield LineInput(placeholder=_("When: last 3 months, since 1 March, 2026…"), id="filter-period")
        yield Static("", id="review-status")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True, header_height=2)
        yield Static(
            Content(_("No meetings match. Widen the filters, or run `meetingkit demo` to explore an invented "
                      "history.")),
            id="history-empty",
            classes="empty",
        )
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        for column in COLUMNS:
            table.add_column(self._label(column), key=column.key, width=column.width)
        self._fill_filters()
        self._show_confidential_state()
        self.reload()

    def _label(self, column: HistoryColumn) -> Text:
        """A column heading, with an arrow under the sorted one's (a second line, so widths stay put)."""
        sorted_here = column.key == self.sort_key
        arrow = ("▼" if self.sort_reverse else "▲") if sorted_here else ""
        words = column.label()
        label = words if "\n" in words else words + "\n"
        return Text(label + arrow, style="bold" if sorted_here else "")

    def _fill_filters(self) -> None:
        partnerships = self.query_one("#filter-partnership", Select)
        chosen = partnerships.value
        options = [(_("All partnerships"), ALL)] + [(name, key) for key, name in self.store.review.partnership_names()]
        partnerships.set_options(options)
        partnerships.value = chosen if any(value == chosen for _, value in options) else ALL
        types = self.query_one("#filter-type", Select)
        chosen = types.value
        held = self.store.review.meeting_types_held()
        type_options = [(_("All types"), ALL)] + [(type_label(t), t) for t in held]
        types.set_options(type_options)
        types.value = chosen if chosen in held else ALL

    # -- reading -----------------------------------------------------------------------------

    def _filter_value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value in (ALL, Select.BLANK) else str(value)

    def reload(self) -> None:
        """Read every meeting again (on opening, and when another process changed the file)."""
        self.every_meeting = self.store.review.history()
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the meetings the filters keep, keeping the highlighted one: no query, the history is in hand."""
        self._loaded_filters = partnership, meeting_type, period = self._filters()
        self.rows = [
            row for row in self.every_meeting
            if (partnership is None or row.partnership_id == partnership)
            and (meeting_type is None or row.meeting_type == meeting_type)
            and (period.unlimited or (row.started_at is not None and period.contains(local(row.started_at).date())))
        ]
        self._show_rows()

    def _filters(self) -> tuple[str | None, str | None, Period]:
        return self._filter_value("#filter-partnership"), self._filter_value("#filter-type"), self.period

    def _show_rows(self) -> None:
        table = self.query_one("#history", DataTable)
        highlighted = self.highlighted_row()
        column = COLUMNS[COLUMN_KEYS.index(self.sort_key)]
        self.rows.sort(key=column.sort, reverse=self.sort_reverse)
        table.clear()
        for each in COLUMNS:
            table.columns[ColumnKey(each.key)].label = self._label(each)
        table.add_rows(history_cells(self.rows))
        # The cursor is a row number: these ids let the highlight follow a meeting through a re-sort.
        self._keys = [row.id for row in self.rows]
        if highlighted is not None and highlighted.id in self._keys:
            table.move_cursor(row=self._keys.index(highlighted.id), animate=False)
        has_rows = bool(self.rows)
        table.display = has_rows
        self.query_one("#history-empty").display = not has_rows
        self._show_status()

    def _show_status(self, problem: str = "") -> None:
        """Count, period in force and order; with `problem`, why the typed period is not (yet) in force."""
        today = local(self.store.clock.now()).date()
        count = len(self.rows)
        column = COLUMNS[COLUMN_KEYS.index(self.sort_key)]
        described = self.period.describe(today)
        heading = column.label().lower().replace("\n", " ").replace("- ", "")
        self.query_one("#review-status", Static).update(
            Content.assemble(
                (ngettext("{count} meeting", "{count} meetings", count).format(count=number_text(count)), "bold"),
                ("  ·  ", "dim"),
                _("when: {period}").format(period=described),
                ("  ·  ", "dim"),
                (_("sorted by {column}, {order}").format(column=heading, order=self._order_words(column))
                 + "  ·  " + _("f filters, s/S sort, Enter opens"), "dim"),
                ("\n" + problem + " " + _("Still showing: {period}.").format(period=described) if problem else "",
                 "bold $warning"),
            )
        )

    def _order_words(self, column: HistoryColumn) -> str:
        if column.key == "date":
            ascending, descending = _("oldest first"), _("newest first")
        elif column.key == "length":
            ascending, descending = _("shortest first"), _("longest first")
        elif column.key in ("partnership", "type", "title"):
            ascending, descending = _("A to Z"), _("Z to A")
        else:
            ascending, descending = _("fewest first"), _("most first")
        return descending if self.sort_reverse else ascending

    def highlighted_row(self) -> HistoryRow | None:
        """The meeting under the cursor, if any."""
        table = self.query_one("#history", DataTable)
        keys = self._keys
        if not keys or not 0 <= table.cursor_row < len(keys):
            return None
        meeting_id = keys[table.cursor_row]
        return next((row for row in self.rows if row.id == meeting_id), None)

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self._fill_filters()
        self.reload()

    # -- filters ----------------------------------------------------------------------------

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        # Filling the lists posts Changed too; read again only when a filter really changed.
        if self._filters() != self._loaded_filters:
            self.apply_filters()

    @on(LineInput.Changed, "#filter-period")
    def _period_typed(self, event: LineInput.Changed) -> None:
        """Read the period as it is typed; a phrase not (yet) understood keeps the last good one."""
        today = local(self.store.clock.now()).date()
        try:
            period = parse_period(event.value, today)
        except PeriodNotUnderstood as error:
            event.input.set_class(True, "-invalid")
            self._show_status(problem=str(error))
            return
        event.input.set_class(False, "-invalid")
        if period != self.period:
            self.period = period
            self.apply_filters()
        else:
            self._show_status()

    @on(LineInput.Submitted, "#filter-period")
    def _period_done(self) -> None:
        self.query_one("#history").focus()

    def action_back(self) -> None:
        """Escape leaves a filter for the table first, and the review from the table."""
        if self.focused is not None and self.focused.id != "history":
            self.query_one("#history").focus()
        else:
            self.app.pop_screen()

    def action_focus_filters(self) -> None:
        self.query_one("#filter-period").focus()

    # -- sorting ----------------------------------------------------------------------------

    @on(DataTable.HeaderSelected, "#history")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    def sort_by(self, key: str) -> None:
        """Sort by a column; choosing the same column again turns the order round."""
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key = key
            self.sort_reverse = key in ("date", "length") or key not in ("partnership", "type", "title")
        self._show_rows()

    def action_sort_reverse(self) -> None:
        """Turn the order round on the same column (what a second click on its heading does)."""
        self.sort_by(self.sort_key)

    def action_sort_next(self) -> None:
        """Sort by the next column (the keyboard's way to what a header click does)."""
        self.sort_by(COLUMN_KEYS[(COLUMN_KEYS.index(self.sort_key) + 1) % len(COLUMN_KEYS)])

    # -- going places -------------------------------------------------------------------------

    def _chosen_meeting(self) -> HistoryRow | None:
        row = self.highlighted_row()
        if row is None:
            self.notify(_("No meeting is highlighted."), markup=False)
        return row

    @on(DataTable.RowSelected, "#history")
    def action_open_record(self) -> None:
        row = self._chosen_meeting()
        if row is not None:
            self.post_message(OpenRecord(row.id, include_confidential=self.include_confidential))

    def action_search(self) -> None:
        self.post_message(
            OpenSearch(include_confidential=self.include_confidential,
                       partnership_id=self._filter_value("#filter-partnership"))
        )

    def _partnership(self) -> tuple[str, str] | None:
        """The partnership the cross-meeting views are about: the filter's, else the highlighted meeting's."""
        chosen = self._filter_value("#filter-partnership")
        if chosen:
            return chosen, self.store.partnerships.get(chosen).name
        row = self.highlighted_row()
        if row is not None:
            return row.partnership_id, row.partnership
        partnerships = self.store.partnerships.all()
        if not partnerships:
            self.notify(_("There are no partnerships yet."), markup=False)
            return None
        return partnerships[0].id, partnerships[0].name

    def _open_register(self, register: RegisterName) -> None:
        if chosen := self._partnership():
            self.post_message(
                OpenRegister(register, *chosen, include_confidential=self.include_confidential, period=self.period)
            )

    def action_glossary(self) -> None:
        self._open_register("glossary")

    def action_parking_lot(self) -> None:
        self._open_register("parking_lot")

    def action_timeline(self) -> None:
        self._open_register("timeline")

    def action_register(self) -> None:
        self._open_register("register")

    def action_trends(self) -> None:
        self._open_register("trends")

    def action_export(self) -> None:
        from meetingkit.ui.exports import meeting_export

        row = self._chosen_meeting()
        if row is not None:
            self.app.push_screen(
                meeting_export(self.store, row.id, row.title, row.started_at, self.include_confidential)
            )

    def action_report(self) -> None:
        from meetingkit.ui.exports import report_export

        if chosen := self._partnership():
            self.app.push_screen(report_export(self.store, *chosen, self.period, self.include_confidential))

    def action_delete(self) -> None:
        """Delete the highlighted meeting for good, after a question whose default is no."""
        from meetingkit.ui.dialogs.confirm import ConfirmDialog

        row = self._chosen_meeting()
        if row is None:
            return
        if self.store.read_only:
            self.notify(_("This database is read-only, so nothing can be deleted here."), markup=False)
            return
        if row.status is MeetingStatus.RUNNING:
            self.notify(_("That meeting is in progress: end it before deleting it."), markup=False)
            return

        def answered(delete: bool | None) -> None:
            if delete:
                self.store.retention.delete_meetings([row.id])
                self.notify(_("Deleted {title} and everything captured in it.").format(title=quoted(row.title)),
                            markup=False)
                self.reload()

        self.app.push_screen(
            ConfirmDialog(
                _("Delete {title} ({day}) for good?").format(title=quoted(row.title), day=_when(row).plain),
                _("Its notes, attendance, jargon mentions, elephants, turning points, agreements and actions go "
                  "with it, overwritten in the file; glossary terms stay. This cannot be undone: "
                  "`meetingkit backup` makes a copy first."),
                yes=_("Delete"), no=_("Keep it"), default_no=True,
            ),
            answered,
        )

    def action_toggle_confidential(self) -> None:
        """Show or hide confidential text in what this screen opens; the banner says which."""
        self.include_confidential = not self.include_confidential
        self._show_confidential_state()
        self.notify(
            _("Confidential items are now shown in records, search and exports. Press c to hide them again.")
            if self.include_confidential else _("Confidential items are hidden again."),
            markup=False,
        )

    def _show_confidential_state(self) -> None:
        banner = self.query_one("#confidential-banner", Static)
        banner.update(Content(_("Confidential items are shown in what you open from here (c hides them).")))
        banner.display = self.include_confidential
