"""The first room: partnerships, recent meetings and the meeting types with their agendas."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingkit.core.agendas import AgendaLibrary, agenda_in
from meetingkit.core.clock import describe_day, describe_time
from meetingkit.core.i18n import N_, _, ngettext, pgettext
from meetingkit.core.models import TYPE_LABELS, Meeting, Partnership, type_label
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.store.location import examine_place, location_warning, read_only_notice, removable_notice
from meetingkit.ui.messages import DatabaseChanged, NewMeetingRequested, OpenMeeting, ReviewRequested
from meetingkit.ui.widgets.agenda_preview import AgendaPreview
from meetingkit.ui.widgets.quiet_footer import QuietFooter


def _no_partnerships() -> str:
    return _(
        "No partnerships yet.\n\n"
        "A partnership is the group of organisations that meets. Press n to start its "
        "first meeting; its glossary and parking lot will grow from there."
    )


def _no_meetings() -> str:
    return _("No meetings yet. Press n to start one, or browse the meeting types below.")


class HomeScreen(Localised, Screen[None]):
    """Where every session starts."""

    AUTO_FOCUS = "#agendas"

    DEFAULT_CSS = """
    HomeScreen .banner.calm {
        background: $primary 20%;
    }
    """

    BINDINGS = [
        Binding("n", "new_meeting", N_("New meeting"), id="home.new"),
        Binding("r", "resume", N_("Resume"), id="home.resume"),
        Binding("v", "review", N_("Review"), id="home.review"),
    ]

    def __init__(self, store: Store, library: AgendaLibrary) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self._read_on_mount = False
        """True from the first reading (on mount) to the first showing, which need not read again."""

    def compose(self) -> ComposeResult:
        yield Static(self._title_bar(), id="title-bar")
        # Only the file's name in these banners: the screen may be projected.
        name = self.store.path.name
        place = examine_place(self.store.path)
        if self.store.read_only:
            yield Static(Content(read_only_notice(name, place)), id="read-only-banner", classes="banner")
        elif place.removable:
            yield Static(Content(removable_notice(name)), id="removable-banner", classes="banner calm")
        warning = location_warning(self.store.path, shown=name, brief=True, place=place)
        if warning:
            yield Static(Content(warning), id="location-warning", classes="banner")
        if self.library.errors:
            yield Static(self._agenda_problems(), id="agenda-problems", classes="banner")
        with Horizontal(id="home-top"):
            with Vertical(id="partnerships-panel", classes="panel"):
                yield OptionList(id="partnerships", markup=False)
                yield Static(Content(_no_partnerships()), id="partnerships-empty", classes="empty")
            with Vertical(id="meetings-panel", classes="panel"):
                yield OptionList(id="recent-meetings", markup=False)
                yield Static(Content(_no_meetings()), id="meetings-empty", classes="empty")
        with Horizontal(id="home-bottom", classes="panel"):
            yield OptionList(id="agendas", markup=False)
            yield AgendaPreview(id="agenda-preview")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#partnerships-panel").border_title = _("Partnerships")
        self.query_one("#meetings-panel").border_title = _("Recent meetings")
        self.query_one("#home-bottom").border_title = _("Meeting types and their agendas")
        self._fill_agendas()
        self.reload()
        self._read_on_mount = True

    def _title_bar(self) -> Content:
        # Only the file's name: the full path names the user's home folder, and this
        # screen may be on the projector. `meetingkit where` shows the whole path.
        # "encrypted" reassures whoever sits at a shared PC that the file is locked at rest.
        encrypted = (("  ·  ", "dim"), (_("encrypted"), "dim")) if self.store.encrypted else ()
        return Content.assemble(("meetingkit", "bold"), ("  ·  ", "dim"), (self.store.path.name, "dim"), *encrypted)

    def _agenda_problems(self) -> Content:
        count = len(self.library.errors)
        first = self.library.errors[0]
        return Content(ngettext(
            "{count} agenda template could not be read and is left out. First: {first}. "
            "Run `meetingkit agendas` for all of them.",
            "{count} agenda templates could not be read and are left out. First: {first}. "
            "Run `meetingkit agendas` for all of them.",
            count,
        ).format(count=count, first=first))

    # -- loading --------------------------------------------------------------

    def reload(self) -> None:
        """Read partnerships and meetings from the store again."""
        self._fill_partnerships(self.store.partnerships.all())
        self._fill_meetings(self.store.meetings.recent(limit=20, summaries=False))  # shown without them

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._read_on_mount:  # the screen's first showing: on_mount has just read everything
            self._read_on_mount = False
            return
        self.reload()

    # -- actions ------------------------------------------------------------------

    def _highlighted_partnership(self) -> str:
        """The partnership the facilitator is looking at, else the most recently active one."""
        partnerships = self.store.partnerships.all()
        options = self.query_one("#partnerships", OptionList)
        option = options.highlighted_option
        found = [p for p in partnerships if option is not None and p.id == option.id]
        if found:
            return found[0].name
        return partnerships[0].name if partnerships else ""

    def action_new_meeting(self) -> None:
        if self.store.read_only:
            self.notify(_("This database is read-only, so no meeting can be started here."), markup=False)
            return
        self.post_message(NewMeetingRequested(self._highlighted_partnership()))

    def action_resume(self) -> None:
        running = self.store.meetings.running()
        if not running:
            self.notify(_("No meeting is in progress. Press n to start one."), markup=False)
            return
        self.post_message(OpenMeeting(running[0].id))

    def action_review(self) -> None:
        """Look back over every meeting: history, search, registers, trends and exports."""
        self.post_message(ReviewRequested())

    @on(OptionList.OptionSelected, "#recent-meetings")
    def _meeting_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenMeeting(event.option.id))

    @on(OptionList.OptionSelected, "#partnerships")
    def _partnership_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_new_meeting()

    def _fill_partnerships(self, partnerships: list[Partnership]) -> None:
        options = self.query_one("#partnerships", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        now = self.store.clock.now()
        for index, partnership in enumerate(partnerships):
            if index:
                options.add_option(None)
            count = partnership.meeting_count
            details = [ngettext("{count} meeting", "{count} meetings", count).format(count=count)]
            if partnership.last_met:
                # Translators: when a partnership last met, e.g. "last Tue 10 Nov" or "last yesterday".
                details.append(_("last {day}").format(day=describe_day(partnership.last_met, today=now)))
            if partnership.open_elephants:  # parked or under discussion
                count = partnership.open_elephants
                details.append(ngettext("{count} open elephant", "{count} open elephants", count).format(count=count))
            if partnership.open_actions:
                count = partnership.open_actions
                details.append(ngettext("{count} open action", "{count} open actions", count).format(count=count))
            prompt = Content.assemble((partnership.name, "bold"), "\n", (" · ".join(details), "dim"))
            options.add_option(Option(prompt, id=partnership.id))
        self._restore_highlight(options, highlighted)
        self._show_empty("#partnerships", "#partnerships-empty", bool(partnerships))

    def _fill_meetings(self, meetings: list[Meeting]) -> None:
        options = self.query_one("#recent-meetings", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        now = self.store.clock.now()
        for index, meeting in enumerate(meetings):
            if index:
                options.add_option(None)
            when = meeting.started_at or meeting.planned_start or meeting.created_at
            day = describe_day(when, today=now)
            time = describe_time(meeting.started_at)
            status = {"planned": pgettext("meeting status", "planned"),
                      "running": pgettext("meeting status", "in progress"),
                      "ended": pgettext("meeting status", "ended")}[meeting.status.value]
            people = meeting.attendee_count
            attended = ngettext("{count} person", "{count} people", people).format(count=people)
            prompt = Content.assemble(
                (meeting.title, "bold"),
                ("  ·  ", "dim"),
                meeting.partnership_name,
                "\n",
                (f"{day}{' ' + time if time else ''} · {type_label(meeting.meeting_type)} · "
                 f"{attended} · {status}", "dim"),
            )
            options.add_option(Option(prompt, id=meeting.id))
        self._restore_highlight(options, highlighted)
        self._show_empty("#recent-meetings", "#meetings-empty", bool(meetings))

    def _fill_agendas(self) -> None:
        options = self.query_one("#agendas", OptionList)
        for meeting_type in self._ordered_types():
            for agenda in self.library.for_type(meeting_type):
                prompt = Content.assemble(
                    (type_label(meeting_type), "bold"),
                    ("\n", ""),
                    (agenda_in(agenda).name, "dim"),
                )
                options.add_option(Option(prompt, id=agenda.id))
        if options.option_count:
            options.highlighted = 0

    def _ordered_types(self) -> list[str]:
        known = [t for t in TYPE_LABELS if t in self.library.meeting_types]
        return known + [t for t in self.library.meeting_types if t not in TYPE_LABELS]

    @staticmethod
    def _restore_highlight(options: OptionList, option_id: str | None) -> None:
        if option_id is None:
            return
        try:
            options.highlighted = options.get_option_index(option_id)
        except Exception:  # the option went away; leave the default highlight
            pass

    def _show_empty(self, list_id: str, empty_id: str, has_rows: bool) -> None:
        self.query_one(list_id).display = has_rows
        self.query_one(empty_id).display = not has_rows

    @on(OptionList.OptionHighlighted, "#agendas")
    def _preview_agenda(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(AgendaPreview).agenda = self.library.agendas.get(event.option.id or "")
