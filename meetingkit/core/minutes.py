"""A meeting's minutes: what a facilitator sends everyone afterwards, on the summary screen and as
Markdown or printable HTML (`meetingkit minutes`).

In this order: who came, by organisation; what was agreed; the actions, with owners and due dates;
what happened to last time's actions, elephants and agreements due for review; the elephants named;
the terms explained; the turning points with what they opened up; the time table. The parts are
made once (`minutes_parts`), of lines rendered for an audience by `core/lines.py`, so the screen
and both documents show the same items in the same order, each as the policy lets its audience
see it. Every value a document shows goes through its format's one escaping function (`md`,
`htm` in `core/export.py`); the time's verdict is `core/timing.py`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from meetingkit.core import lines
from meetingkit.core.audience import Audience
from meetingkit.core.clock import format_minutes, from_iso, local
from meetingkit.core.export import (
    HTML_STYLE,
    format_when,
    htm,
    html_lang,
    md,
    md_inline,
    planned,
    record_audience,
    working_language_words,
)
from meetingkit.core.i18n import N_, _, ngettext, pgettext
from meetingkit.core.lines import Rendered
from meetingkit.core.models import type_label
from meetingkit.core.records import (
    Minutes,
    RecordedAction,
    RecordedAgreement,
    SummaryAction,
    SummaryAgreement,
    SummaryAttendance,
)
from meetingkit.core.summary import NO_ORGANISATION

MINUTES_FORMATS = ("md", "html")



@dataclass(frozen=True)
class Part:
    """One part of the minutes: its heading, its lines, and what it says when it has none."""

    heading: str
    lines: tuple[Rendered, ...]
    empty: str


TIME_COLUMNS = (N_("Section"), N_("Planned"), N_("Adjusted"), N_("Actual"), N_("Verdict"))
"""The time table's columns, in English (`time_columns()` in the language in use)."""


def time_columns() -> tuple[str, str, str, str, str]:
    """`TIME_COLUMNS` in the language in use."""
    return (pgettext("time column", "Section"), pgettext("time column", "Planned"),
            pgettext("time column", "Adjusted"), pgettext("time column", "Actual"),
            pgettext("time column", "Verdict"))


def attendance_rows(people: Iterable[tuple[str | None, str | None]]) -> tuple[SummaryAttendance, ...]:
    """Who came, by organisation (name, organisation pairs): organisations in alphabetical order,
    those who gave none last; the names of those who gave one, sorted."""
    by_organisation: dict[str, list[str]] = defaultdict(list)
    for name, organisation in people:
        by_organisation[organisation or NO_ORGANISATION].append(name or "")
    return tuple(
        SummaryAttendance(organisation=organisation, count=len(names),
                          named=tuple(sorted((name for name in names if name), key=str.casefold)))
        for organisation, names in sorted(
            by_organisation.items(), key=lambda item: (item[0] == NO_ORGANISATION, item[0].casefold()))
    )


def _agreed(agreement: RecordedAgreement) -> SummaryAgreement:
    """An agreement of the record as the summary lists it (its words, parties and review day)."""
    return SummaryAgreement(text=agreement.text, parties=agreement.parties, review_on=agreement.review_on,
                            confidential=agreement.confidential)


def _to_do(action: RecordedAction) -> SummaryAction:
    """An action of the record as the summary lists it (its words, owner, due day, whether carried)."""
    return SummaryAction(text=action.text, owner=action.owner or "", due_on=action.due_on, carried=action.carried,
                         confidential=action.confidential)


BULLET = "• "
"""How the summary's lines start on a screen; a document's list has bullets of its own."""


def _shown(rendered: Iterable[Rendered | None]) -> tuple[Rendered, ...]:
    return tuple(line for line in rendered if line is not None)


def unbulleted(line: Rendered) -> Rendered:
    """A line without the bullet it starts with on a screen, for a document's list."""
    runs = line.runs
    return Rendered(runs[1:]) if runs and runs[0][0] == BULLET else line


def minutes_parts(minutes: Minutes, audience: Audience, *, today: date) -> list[Part]:
    """The minutes' parts in their order (the time table apart: `time_rows`), each line as `audience` may see it."""
    record = minutes.record
    earlier = [
        *(lines.earlier_action_line(action, audience, today=today) for action in minutes.earlier_actions),
        *(lines.record_elephant_line(elephant, audience) for elephant in record.elephants if not elephant.raised_here),
        *(lines.reviewed_agreement_line(item, audience, today=today) for item in minutes.reviewed),
    ]
    return [
        Part(_("Who came"), tuple(lines.attendance_line(row, audience) for row in attendance_rows(
            (person.name, person.organisation) for person in record.attendance)),
             _("Nobody was recorded as attending.")),
        Part(_("What was agreed"), _shown(lines.summary_agreement_line(_agreed(a), audience, today=today)
                                          for a in record.agreements), _("No agreements.")),
        Part(_("Actions"), _shown(lines.summary_action_line(_to_do(a), audience, today=today)
                                  for a in record.actions), _("No actions.")),
        Part(_("Since last time"), _shown(earlier),
             _("Nothing from earlier meetings was closed, moved on or reviewed.")),
        Part(_("Elephants named"), _shown(lines.record_elephant_line(e, audience) for e in record.elephants
                                          if e.raised_here), _("No elephants named.")),
        Part(_("Terms explained"), _shown(lines.record_term_line(t, audience) for t in record.jargon),
             _("No jargon named.")),
        Part(_("Turning points"), _shown(lines.record_point_line(p, audience) for p in record.turning_points),
             _("No turning points.")),
    ]


def time_rows(minutes: Minutes) -> list[tuple[str, str, str, str, str]]:
    """The time table's rows (`TIME_COLUMNS`): planned, adjusted, actual and the verdict of each section."""
    return [
        (
            f"{section.position}. {section.title}",
            planned(section.planned_minutes),
            "—" if section.adjusted_minutes is None else planned(section.adjusted_minutes),
            "—" if section.actual_seconds is None else format_minutes(section.actual_seconds),
            section.timing.words,
        )
        for section in minutes.record.sections
    ]


def meeting_kind_words(meeting_type: str) -> str:
    """ "Operational meeting": a meeting's type as a sentence names it, in the language in use."""
    known = {
        "operational": _("Operational meeting"),
        "reflective-practice": _("Reflective practice meeting"),
        "strategic": _("Strategic meeting"),
        "shared-training": _("Shared training meeting"),
    }
    # Translators: a meeting type meetingkit does not ship, as typed in an agenda ("Board meeting").
    return known.get(meeting_type) or _("{kind} meeting").format(kind=type_label(meeting_type))


def heading_line(minutes: Minutes) -> str:
    """The line under the title: partnership, kind of meeting, when, how long, where, and the working
    language when it is not English only."""
    meeting = minutes.record.meeting
    start, end = from_iso(meeting.started_at), from_iso(meeting.ended_at)
    length = format_minutes((end - start).total_seconds()) if start and end else _("not ended")
    return " · ".join(part for part in (
        meeting.partnership, meeting_kind_words(meeting.meeting_type), format_when(meeting.started_at), length,
        meeting.site, working_language_words(meeting.language),
    ) if part)


def left_out_line(minutes: Minutes) -> str:
    """What the minutes say of the confidential items they hold or leave out ("" when there were none)."""
    if minutes.record.include_confidential:
        return _("Confidential items are included in these minutes.")
    hidden = minutes.left_out
    return ngettext("{count} confidential item left out of these minutes.",
                    "{count} confidential items left out of these minutes.", hidden).format(
        count=hidden) if hidden else ""


def _minutes_title(title: str) -> str:
    """ "Minutes: <title>", the document's title (the meeting's title as given, escaped by the caller)."""
    # Translators: the title of a meeting's minutes; {title} is the meeting's title.
    return _("Minutes: {title}").format(title=title)


def _today(minutes: Minutes) -> date:
    exported = from_iso(minutes.record.exported_at)
    return local(exported).date() if exported else date.today()


def to_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, for an export's audience (confidential items only when asked for)."""
    record = minutes.record
    audience = record_audience(record)
    note = left_out_line(minutes)
    out = ["# " + _minutes_title(md_inline(record.meeting.title)), "", md(heading_line(minutes)), "",
           f"_{md_inline(lines.as_at_the_end_short())}_" + (f" _{md_inline(note)}_" if note else ""), ""]
    for part in minutes_parts(minutes, audience, today=_today(minutes)):
        out += [f"## {part.heading}", ""]
        out += [f"- {md(unbulleted(line).text.strip())}" for line in part.lines] or [f"_{part.empty}_"]
        out.append("")
    out += ["## " + _time_heading(), ""]
    rows = time_rows(minutes)
    if rows:
        columns = time_columns()
        out += ["| " + " | ".join(md_inline(column) for column in columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(md_inline(cell) for cell in row) + " |" for row in rows]
    else:
        out.append("_" + _("No sections.") + "_")
    return "\n".join(out).rstrip() + "\n"


def _time_heading() -> str:
    """The heading of the minutes' time table."""
    # Translators: the heading of the minutes' last part: each section's planned and actual time.
    return pgettext("minutes heading", "Time")


MINUTES_STYLE = HTML_STYLE + """
.warn { color: #8a3b00; font-weight: bold; } .later { color: #444; font-style: italic; }
td.verdict-over { font-weight: bold; } th { border-bottom: 1px solid #999; }
td + td, th + th { white-space: nowrap; }
@page { size: auto; margin: 18mm 16mm; }
@media print { a { color: inherit; text-decoration: none; } table { break-inside: auto; } }
"""
"""The report's print style (A4 and Letter alike: `size: auto` takes the printer's paper), and the marks
the minutes add: overdue, what came later, an overrun."""


def _html_line(line: Rendered) -> str:
    """One rendered line as HTML: every run escaped, styled by what its style says (bold, italic, a warning)."""
    out = []
    for text, style in line.runs:
        if not text:
            continue
        piece = htm(text).replace("\n", "<br>")
        if lines.OVERDUE_STYLE == style or "$warning" in style:
            piece = f'<span class="warn">{piece}</span>'
        elif "italic" in style:
            piece = f'<span class="later">{piece}</span>'
        elif "bold" in style:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return "".join(out)


def to_html(minutes: Minutes) -> str:
    """The minutes as a self-contained page that prints well (A4 or Letter); every value escaped."""
    record = minutes.record
    audience = record_audience(record)
    title = record.meeting.title
    parts = [
        "<!DOCTYPE html>", f'<html lang="{html_lang()}"><head><meta charset="utf-8">',
        f"<title>{_minutes_title(htm(title))} — {htm(record.meeting.partnership)}</title>",
        f"<style>{MINUTES_STYLE}</style></head><body>",
        f"<h1>{_minutes_title(htm(title))}</h1>", f'<p class="meta">{htm(heading_line(minutes))}</p>',
        f'<p class="note">{htm(lines.as_at_the_end_short())}'
        + (f" {htm(left_out_line(minutes))}" if left_out_line(minutes) else "") + "</p>",
    ]
    for part in minutes_parts(minutes, audience, today=_today(minutes)):
        parts.append(f"<h2>{htm(part.heading)}</h2>")
        if part.lines:
            parts.append("<ul>" + "".join(f"<li>{_html_line(unbulleted(line))}</li>" for line in part.lines) + "</ul>")
        else:
            parts.append(f'<p class="note">{htm(part.empty)}</p>')
    parts.append(f"<h2>{htm(_time_heading())}</h2>")
    rows = time_rows(minutes)
    if rows:
        parts.append("<table><thead><tr>" + "".join(f"<th>{htm(c)}</th>" for c in time_columns())
                     + "</tr></thead><tbody>")
        for section, row in zip(minutes.record.sections, rows, strict=True):
            over = ' class="verdict-over"' if section.timing.verdict.value == "over" else ""
            parts.append("<tr>" + "".join(f"<td>{htm(cell)}</td>" for cell in row[:-1])
                         + f"<td{over}>{htm(row[-1])}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append(f'<p class="note">{htm(_("No sections."))}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


MINUTES_RENDERERS = {"md": to_markdown, "html": to_html}
