"""One meeting's whole record, read-only, section by section: what was said in each part of the
agenda, and what the boards held at the end."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import format_minutes, from_iso, local
from meetingkit.core.i18n import N_, _, ngettext, pgettext
from meetingkit.core.lines import Rendered
from meetingkit.core.localise import day_text, time_text
from meetingkit.core.models import type_label
from meetingkit.core.records import MeetingRecord
from meetingkit.localised import Localised
from meetingkit.store import Store
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.rendering import content
from meetingkit.ui.widgets.quiet_footer import QuietFooter


def _day(stamp: str | None) -> str:
    instant = from_iso(stamp)
    if not instant:
        return _("not started")
    moment = local(instant)
    return f"{day_text(moment.date(), 'short-year')} {time_text(moment)}"


def _status(status: str) -> str:
    """A meeting's stored status in words ("planned", "running", "ended")."""
    words = {
        "planned": pgettext("meeting status", "planned"),
        "running": pgettext("meeting status", "running"),
        "ended": pgettext("meeting status", "ended"),
    }
    return words.get(status, status)


def item_lines(record: MeetingRecord, section: int | None, today: date, audience: Audience) -> list[Content]:
    """Everything captured in one section (None: not tied to a section), in a fixed order, as
    `core.lines` renders each item for `audience`."""
    named = [
        f"{term.term}{' ×' + str(count) if count > 1 else ''}"
        for term in record.jargon
        if (count := sum(1 for mention in term.mentions if mention.section == section))
        and shows(Kind.TERM, audience, confidential=term.confidential)
    ]
    rendered: list[Rendered | None] = []
    rendered += [lines.record_agreement_line(a, audience, today=today) for a in record.agreements
                 if a.section == section]
    rendered += [lines.record_action_line(a, audience, today=today) for a in record.actions if a.section == section]
    rendered += [lines.record_elephant_line(e, audience) for e in record.elephants
                 if e.raised_here and e.section == section]
    rendered += [lines.record_point_line(p, audience) for p in record.turning_points if p.section_number == section]
    jargon = [Content.assemble((_("Jargon named") + "  ", "bold"), ", ".join(named))] if named else []
    return jargon + [content(line) for line in rendered if line is not None]


class RecordScreen(Localised, Screen[None]):
    """Read-only: nothing here changes the meeting."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", N_("Back"), id="record.back"),
        Binding("x", "export", N_("Export"), id="record.export"),
        Binding("home", "scroll_to('home')", N_("Top"), show=False),
    ]
    AUTO_FOCUS = "#record"

    def __init__(self, store: Store, meeting_id: str, *, include_confidential: bool = False) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.include_confidential = include_confidential
        self.audience = Audience.review(include_confidential=include_confidential)
        """Who the record is shown as to: what its export would hold."""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield VerticalScroll(id="record")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def action_scroll_to(self, where: str) -> None:
        self.query_one("#record", VerticalScroll).scroll_home(animate=False)

    def reload(self) -> None:
        record = self.store.records.meeting_record(self.meeting_id, include_confidential=self.include_confidential)
        self.record = record
        meeting = record.meeting
        self.query_one("#title-bar", Static).update(Content.assemble(
            (meeting.title, "bold"), ("  ·  ", "dim"), meeting.partnership, ("  ·  " + _("read-only"), "dim"),
        ))
        scroll = self.query_one("#record", VerticalScroll)
        scroll.remove_children()
        scroll.mount_all(Static(part, classes="record-part") for part in self._parts(record))

    def _parts(self, record: MeetingRecord) -> list[Content]:
        today = local(self.store.clock.now()).date()
        meeting = record.meeting
        started, ended = from_iso(meeting.started_at), from_iso(meeting.ended_at)
        length = format_minutes((ended - started).total_seconds()) if started and ended else _status(meeting.status)
        people = ", ".join(_person(person.name, person.organisation) for person in record.attendance) \
            or _("nobody recorded")
        left_out = record.left_out.confidential
        parts = [Content.assemble(
            (_("{type} meeting").format(type=type_label(meeting.meeting_type)), "bold"), ("  ·  ", "dim"), _day(meeting.started_at),
            ("  ·  ", "dim"), length, (f"  ·  {meeting.site}" if meeting.site else "", "dim"),
            "\n", (_("Present") + "  ", "bold"), people,
            ("\n" + lines.as_at_the_end_short() if meeting.status == "ended" else "", "dim italic"),
            ("\n" + ngettext("{count} confidential item left out (c on the review screen shows them).",
                             "{count} confidential items left out (c on the review screen shows them).",
                             left_out).format(count=left_out) if left_out else "", "italic $warning"),
        )]
        for section in record.sections:
            actual = section.actual_seconds
            ran = _("ran {duration}, {verdict}").format(duration=format_minutes(actual), verdict=section.timing.words) \
                if actual is not None else section.timing.words
            heading = Content.assemble(
                (f"{section.position}. {section.title}", "bold underline"),
                (f"   {section.kind} · {_planned(section.planned_minutes)} · {ran}", "dim"),
            )
            body = [Content(section.notes)] if section.notes else [Content.assemble((_("No notes."), "dim italic"))]
            parts.append(Content("\n").join([heading, *body, *item_lines(record, section.position, today, self.audience)]))
        loose = item_lines(record, None, today, self.audience)
        if loose:
            parts.append(Content("\n").join([Content.assemble((_("Not tied to a section"), "bold underline")), *loose]))
        moved = [content(line) for e in record.elephants
                 if not e.raised_here and (line := lines.record_elephant_line(e, self.audience))]
        if moved:
            parts.append(Content("\n").join([
                Content.assemble((_("Elephants from earlier meetings, moved on here"), "bold underline")), *moved,
            ]))
        board = [content(line) for term in record.jargon if (line := lines.record_term_line(term, self.audience))]
        if board:
            parts.append(Content("\n").join([Content.assemble((_("Jargon board at the end"), "bold underline")), *board]))
        return parts

    def action_export(self) -> None:
        from meetingkit.ui.exports import meeting_export

        meeting = self.record.meeting
        self.app.push_screen(
            meeting_export(self.store, self.meeting_id, meeting.title, from_iso(meeting.started_at),
                           self.include_confidential)
        )


def _planned(minutes: int | None) -> str:
    """A section's planned time; a file from another tool may hold no number of minutes there."""
    return _("planned time unknown") if minutes is None else _("{minutes} min planned").format(minutes=minutes)


def _person(name: str | None, organisation: str | None) -> str:
    """Who was present: "Dana of School board", or whichever of the two is known."""
    if name and organisation:
        # Translators: a person present at a meeting, and the organisation they came for.
        return _("{name} of {organisation}").format(name=name, organisation=organisation)
    return name or organisation or ""
