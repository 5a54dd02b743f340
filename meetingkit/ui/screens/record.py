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

from meetingkit.core.clock import format_minutes, from_iso, local
from meetingkit.core.dates import describe_date
from meetingkit.core.models import type_label
from meetingkit.core.records import MeetingRecord, RecordedTerm
from meetingkit.store import Store
from meetingkit.ui.labels import KIND_WORDS
from meetingkit.ui.messages import DatabaseChanged
from meetingkit.ui.widgets.quiet_footer import QuietFooter

STATUS_WORDS = {"parked": "parked", "discussing": "discussing", "addressed": "addressed", "let_go": "let go"}


def _day(stamp: str | None) -> str:
    instant = from_iso(stamp)
    return local(instant).strftime("%a %d %b %Y %H:%M") if instant else "not started"


def _credit(said_by: str | None) -> str:
    return f" ({said_by})" if said_by else ""


def _private(confidential: bool) -> tuple[str, str]:
    return ("  · confidential", "italic $warning") if confidential else ("", "")


def item_lines(record: MeetingRecord, section: int | None, today: date) -> list[Content]:
    """Everything captured in one section (None: not tied to a section), in a fixed order."""
    lines: list[Content] = []
    terms = [
        (term, sum(1 for mention in term.mentions if mention.section == section))
        for term in record.jargon
    ]
    named = [f"{term.term}{' ×' + str(count) if count > 1 else ''}" for term, count in terms if count]
    if named:
        lines.append(Content.assemble(("Jargon named  ", "bold"), ", ".join(named)))
    for agreement in record.agreements:
        if agreement.section == section:
            parties = ", ".join(agreement.parties)
            review = agreement.review_on
            lines.append(Content.assemble(
                ("Agreement  ", "bold $success"), agreement.text,
                (f"  · between {parties}" if parties else "", "dim"),
                (f"  · review {describe_date(date.fromisoformat(review), today)}" if review else "", "dim"),
                (_credit(agreement.said_by), "dim"), _private(agreement.confidential),
            ))
    for action in record.actions:
        if action.section == section:
            lines.append(Content.assemble(
                ("Action  ", "bold"), action.text,
                (f"  · {action.owner}" if action.owner else "  · nobody yet", "dim"),
                (f"  · due {action.due_on}" if action.due_on else "", "dim"),
                (f"  · {action.status}" if action.status != "open" else "", "dim"),
                ("  · carried from before" if action.carried else "", "dim"), _private(action.confidential),
            ))
    for elephant in record.elephants:
        if elephant.raised_here and elephant.section == section:
            lines.append(Content.assemble(
                ("Elephant raised  ", "bold $warning"), elephant.text,
                (f"  · now {STATUS_WORDS.get(elephant.status, elephant.status)}", "dim"),
                (_credit(elephant.said_by), "dim"), _private(elephant.confidential),
            ))
    for point in record.turning_points:
        if point.section_number == section:
            kind = KIND_WORDS.get(point.kind or "", "turning point")
            lines.append(Content.assemble(
                (f"Turning point, {kind}  ", "bold $accent"), point.note or "(no details yet)",
                (f"\n    opened up: {point.opened_up}" if point.opened_up else "", "dim"),
                (f"\n    led to: {point.agreement}" if point.agreement else "", "$success"),
                _private(point.confidential),
            ))
    return lines


class RecordScreen(Screen[None]):
    """Read-only: nothing here changes the meeting."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="record.back"),
        Binding("x", "export", "Export", id="record.export"),
        Binding("home", "scroll_to('home')", "Top", show=False),
    ]
    AUTO_FOCUS = "#record"

    def __init__(self, store: Store, meeting_id: str, *, include_confidential: bool = False) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.include_confidential = include_confidential

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
            (meeting.title, "bold"), ("  ·  ", "dim"), meeting.partnership, ("  ·  read-only", "dim"),
        ))
        scroll = self.query_one("#record", VerticalScroll)
        scroll.remove_children()
        scroll.mount_all(Static(part, classes="record-part") for part in self._parts(record))

    def _parts(self, record: MeetingRecord) -> list[Content]:
        today = local(self.store.clock.now()).date()
        meeting = record.meeting
        started, ended = from_iso(meeting.started_at), from_iso(meeting.ended_at)
        length = format_minutes((ended - started).total_seconds()) if started and ended else meeting.status
        people = ", ".join(
            " of ".join(part for part in (person.name, person.organisation) if part) for person in record.attendance
        ) or "nobody recorded"
        left_out = record.left_out.confidential
        parts = [Content.assemble(
            (f"{type_label(meeting.meeting_type)} meeting", "bold"), ("  ·  ", "dim"), _day(meeting.started_at),
            ("  ·  ", "dim"), length, (f"  ·  {meeting.site}" if meeting.site else "", "dim"),
            "\n", ("Present  ", "bold"), people,
            (f"\n{left_out} confidential item{'s' if left_out != 1 else ''} left out "
             "(c on the review screen shows them)." if left_out else "", "italic $warning"),
        )]
        for section in record.sections:
            actual = section.actual_seconds
            ran = f"ran {format_minutes(actual)}" if actual is not None else "not reached"
            heading = Content.assemble(
                (f"{section.position}. {section.title}", "bold underline"),
                (f"   {section.kind} · {section.planned_minutes} min planned · {ran}", "dim"),
            )
            body = [Content(section.notes)] if section.notes else [Content.assemble(("No notes.", "dim italic"))]
            parts.append(Content("\n").join([heading, *body, *item_lines(record, section.position, today)]))
        loose = item_lines(record, None, today)
        if loose:
            parts.append(Content("\n").join([Content.assemble(("Not tied to a section", "bold underline")), *loose]))
        moved = [e for e in record.elephants if not e.raised_here]
        if moved:
            parts.append(Content("\n").join([
                Content.assemble(("Elephants from earlier meetings, moved on here", "bold underline")),
                *(Content.assemble(
                    (f"{STATUS_WORDS.get(e.status, e.status)}  ", "bold"), e.text,
                    (f"  · {e.resolution_note}" if e.resolution_note else "", "dim"), _private(e.confidential),
                ) for e in moved),
            ]))
        if record.jargon:
            parts.append(Content("\n").join([
                Content.assemble(("Jargon board at the end", "bold underline")),
                *(self._term(term) for term in record.jargon),
            ]))
        return parts

    @staticmethod
    def _term(term: RecordedTerm) -> Content:
        meanings = [f"{m.organisation or 'everyone'}: {m.meaning}" for m in term.meanings]
        details = [part for part in (term.expansion, *meanings,
                                     f"plainly: {term.plain_words}" if term.plain_words else "") if part]
        return Content.assemble(
            (term.term, "bold"), (f"  ×{term.mentions_here}", "dim"),
            ("  new here" if term.new_here else "", "dim"),
            ("  ? still unexplained" if term.unexplained else "", "bold $warning"),
            ("\n    " + " · ".join(details) if details else "\n    no meaning recorded", "" if details else "dim"),
        )

    def action_export(self) -> None:
        from meetingkit.ui.exports import meeting_export

        meeting = self.record.meeting
        self.app.push_screen(
            meeting_export(self.store, self.meeting_id, meeting.title, from_iso(meeting.started_at),
                           self.include_confidential)
        )
