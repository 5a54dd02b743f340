"""One meeting's record (`Records.meeting_record`) as Markdown, printable HTML, JSON or CSV.

Every piece of user text is escaped for the format it goes into: HTML through
`html.escape`, Markdown by backslash-escaping the characters that would start
markup, CSV by the `csv` module (and a leading quote for cells a spreadsheet
would run as a formula). Nothing here decides what is confidential: the record
already leaves it out unless it was asked for.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from meetingkit.core.audience import Audience
from meetingkit.core.clock import format_minutes, from_iso, local
from meetingkit.core.lines import AS_AT_THE_END, record_credit, since_then_lines
from meetingkit.core.records import (
    GlossaryEntry,
    MeetingRecord,
    RecordedAction,
    RecordedElephant,
    RecordedTerm,
    TermMeaning,
)
from meetingkit.core.text import terminal_safe

FORMATS = ("md", "html", "json", "csv")

T = TypeVar("T")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-=.!|~&])")
"""Every character that can start Markdown, `&` included: an entity typed as text (`&#x202e;`) stays text,
and `=`, which under a line would make it a heading."""

_LINE_BREAK = "  \n  "
"""A hard line break that stays inside the list item it is in (the next line is indented)."""


def md(value: object) -> str:
    """Any value (text, a number, a date) made inert in Markdown: every character that could start
    markup is escaped, and a line break stays a break inside its list item, never a blank line that
    would end the item or a line that starts a block of its own. None is empty.

    Every value a Markdown document shows goes through this, numbers too: a file merged from
    another site can hold text where a number belongs.
    """
    text = terminal_safe("" if value is None else str(value))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if "\n" not in escaped and "\r" not in escaped:
        return escaped
    return _LINE_BREAK.join(line.strip() for line in escaped.splitlines() if line.strip())


def htm(value: object) -> str:
    """Any value (text, a number, a date) made inert in HTML, in text and in attributes: quotes too.

    Every value an HTML page shows goes through this, numbers too. None is empty.
    """
    return html.escape(terminal_safe("" if value is None else str(value)), quote=True)


def planned(minutes: int | None) -> str:
    """A section's planned time as the exports say it ("unknown" when the file holds no number of minutes)."""
    return "unknown" if minutes is None else f"{minutes} min"


def format_when(stamp: str | None) -> str:
    """A stored UTC stamp as local date and time, "Tue 24 Nov 2026, 14:00" ("—" when there is none)."""
    instant = from_iso(stamp)
    return local(instant).strftime("%a %d %b %Y, %H:%M") if instant else "—"


def _duration(record: MeetingRecord) -> str:
    meeting = record.meeting
    start, end = from_iso(meeting.started_at), from_iso(meeting.ended_at)
    return format_minutes((end - start).total_seconds()) if start and end else "not ended"


def to_json(record: MeetingRecord) -> str:
    """The record as the documented JSON (`meetingkit.meeting/1`), pretty-printed; text round-trips exactly."""
    return json.dumps(record.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_markdown(record: MeetingRecord) -> str:
    """A readable Markdown document of the meeting."""
    meeting = record.meeting
    out = [
        f"# {md(meeting.title)}",
        "",
        f"**{md(meeting.partnership)}** · {md(meeting.meeting_type)} · {md(format_when(meeting.started_at))} · "
        f"{md(_duration(record))}" + (f" · {md(meeting.site)}" if meeting.site else ""),
        "",
        f"_{md(AS_AT_THE_END)}_",
        "",
    ]

    def since(item: RecordedAction | RecordedElephant | RecordedTerm) -> str:
        return "".join(f"  \n  _{md(line)}_" for line in since_then_lines(item))

    def section(title: str, lines: list[str], empty: str) -> None:
        out.extend([f"## {title}", ""])
        out.extend(lines or [f"_{empty}_"])
        out.append("")

    section("Who came", [f"- {md(', '.join(p for p in (a.name, a.organisation) if p))}"
                         for a in record.attendance], "Nobody was recorded.")
    section(
        "Agenda",
        [f"{md(s.position)}. {md(s.title)} — planned {md(planned(s.planned_minutes))}, "
         f"{md(format_minutes(s.actual_seconds) if s.actual_seconds is not None else 'not reached')}"
         + (f"  \n   Notes: {md(s.notes)}" if s.notes else "")
         for s in record.sections],
        "No sections.",
    )
    section(
        "Agreements",
        [f"- {md(a.text)}" + (f" ({md(', '.join(a.parties))})" if a.parties else "")
         + (f", review {md(a.review_on)}" if a.review_on else "") + _flag(a.confidential)
         for a in record.agreements],
        "No agreements.",
    )
    section(
        "Actions",
        [f"- {md(a.text)}" + (f" — {md(a.owner)}" if a.owner else "")
         + (f", due {md(a.due_on)}" if a.due_on else "") + f" ({md(a.status)})" + _flag(a.confidential) + since(a)
         for a in record.actions],
        "No actions.",
    )
    section(
        "Name the Jargon",
        [f"- **{md(t.term)}** ×{md(t.mentions_here)}" + (" — still unexplained at the end" if t.unexplained else "")
         + (f"  \n  stands for: {md(t.expansion)}" if t.expansion else "")
         + "".join(f"  \n  {md(m.organisation or 'everyone')}: {md(m.meaning)}" for m in t.meanings)
         + (f"  \n  plainly: {md(t.plain_words)}" if t.plain_words else "")
         + (f"  \n  same as: {md(', '.join(t.same_as))}" if t.same_as else "") + _flag(t.confidential) + since(t)
         for t in record.jargon],
        "No jargon named.",
    )
    section(
        "Elephants",
        [f"- {md(e.text)} — {md(e.status.replace('_', ' '))}"
         + (f": {md(e.resolution_note)}" if e.resolution_note else "")
         + _said_by(record, e, md) + _flag(e.confidential) + since(e)
         for e in record.elephants],
        "No elephants.",
    )
    section(
        "Turning points",
        [f"- {md(format_when(p.at))}, {md(p.section)}: {md((p.kind or 'moment').replace('_', ' '))}"
         + (f" — {md(p.note)}" if p.note else "") + (f"; opened up: {md(p.opened_up)}" if p.opened_up else "")
         + (f"; led to: {md(p.agreement)}" if p.agreement else "") + _flag(p.confidential)
         for p in record.turning_points],
        "No turning points.",
    )
    out.append(_left_out_note(record))
    return "\n".join(out).rstrip() + "\n"


def record_audience(record: MeetingRecord) -> Audience:
    """Who a meeting's export is for: an export, with confidential items only when asked for."""
    return Audience.EXPORT_CONFIDENTIAL if record.include_confidential else Audience.EXPORT


def _credit(record: MeetingRecord, attribution: str, credited: str | None) -> str | None:
    """Who an item is credited to, as the policy lets this export say it (`core/audience.py`)."""
    return record_credit(attribution, credited, record_audience(record))


def _said_by(record: MeetingRecord, item: RecordedElephant, escape: Callable[[str], str]) -> str:
    credit = _credit(record, item.attribution, item.said_by)
    return f" (said by {escape(credit)})" if credit else " (anonymous)"


def _flag(confidential: bool) -> str:
    return " **[confidential]**" if confidential else ""


def _left_out_note(record: MeetingRecord) -> str:
    hidden = record.left_out.confidential
    if record.include_confidential:
        return "_Confidential items are included in this export._"
    if hidden:
        return f"_{md(hidden)} confidential item{'s' if hidden != 1 else ''} left out of this export._"
    return ""


# Shared with the partnership report (`core.report`), so both print alike.
HTML_STYLE = """
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #999; }
.meta, .note { color: #444; } .confidential { color: #8a3b00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .15rem .5rem .15rem 0; }
li { margin-bottom: .3rem; } .sub { display: block; color: #333; margin-left: 1rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li, tr { break-inside: avoid; } }
"""


def to_html(record: MeetingRecord) -> str:
    """A self-contained, printable HTML page; every piece of user text is escaped."""
    e = htm
    meeting = record.meeting
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(meeting.title)} — {e(meeting.partnership)}</title>",
        f"<style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(meeting.title)}</h1>",
        f'<p class="meta">{e(meeting.partnership)} · {e(meeting.meeting_type)} · '
        f"{e(format_when(meeting.started_at))} · {e(_duration(record))}"
        + (f" · {e(meeting.site)}" if meeting.site else "") + "</p>",
        f'<p class="note">{e(AS_AT_THE_END)}</p>',
    ]

    def listing(title: str, items: Sequence[T], render: Callable[[T], str], empty: str) -> None:
        parts.append(f"<h2>{e(title)}</h2>")
        if not items:
            parts.append(f'<p class="note">{e(empty)}</p>')
            return
        parts.append("<ul>" + "".join(f"<li>{render(item)}</li>" for item in items) + "</ul>")

    def flag(confidential: bool) -> str:
        return ' <span class="confidential">[confidential]</span>' if confidential else ""

    def sub(text: str) -> str:
        return f'<span class="sub">{text}</span>'

    def since(item: RecordedAction | RecordedElephant | RecordedTerm) -> str:
        return "".join(f'<span class="sub"><em>{e(line)}</em></span>' for line in since_then_lines(item))

    listing("Who came", record.attendance,
            lambda a: e(", ".join(p for p in (a.name, a.organisation) if p)), "Nobody was recorded.")
    parts.append("<h2>Agenda</h2><table><tr><th>Section</th><th>Planned</th><th>Actual</th></tr>")
    for s in record.sections:
        actual = format_minutes(s.actual_seconds) if s.actual_seconds is not None else "not reached"
        notes = sub("Notes: " + e(s.notes).replace("\n", "<br>")) if s.notes else ""
        parts.append(f"<tr><td>{e(s.title)}{notes}</td><td>{e(planned(s.planned_minutes))}</td><td>{e(actual)}</td></tr>")
    parts.append("</table>")
    listing("Agreements", record.agreements, lambda a: e(a.text)
            + (f" ({e(', '.join(a.parties))})" if a.parties else "")
            + (f", review {e(a.review_on)}" if a.review_on else "") + flag(a.confidential), "No agreements.")
    listing("Actions", record.actions, lambda a: e(a.text)
            + (f" — {e(a.owner)}" if a.owner else "") + (f", due {e(a.due_on)}" if a.due_on else "")
            + f" ({e(a.status)})" + flag(a.confidential) + since(a), "No actions.")
    listing("Name the Jargon", record.jargon, lambda t: f"<strong>{e(t.term)}</strong> ×{e(t.mentions_here)}"
            + (" — still unexplained at the end" if t.unexplained else "")
            + (sub(f"stands for: {e(t.expansion)}") if t.expansion else "")
            + "".join(sub(f"{e(m.organisation or 'everyone')}: {e(m.meaning)}") for m in t.meanings)
            + (sub(f"plainly: {e(t.plain_words)}") if t.plain_words else "")
            + (sub(f"same as: {e(', '.join(t.same_as))}") if t.same_as else "") + flag(t.confidential) + since(t),
            "No jargon named.")
    listing("Elephants", record.elephants, lambda x: e(x.text) + f" — {e(x.status.replace('_', ' '))}"
            + (f": {e(x.resolution_note)}" if x.resolution_note else "")
            + _said_by(record, x, e) + flag(x.confidential) + since(x),
            "No elephants.")
    listing("Turning points", record.turning_points, lambda p: e(format_when(p.at)) + f", {e(p.section)}: "
            + e((p.kind or "moment").replace("_", " ")) + (f" — {e(p.note)}" if p.note else "")
            + (sub(f"opened up: {e(p.opened_up)}") if p.opened_up else "")
            + (sub(f"led to: {e(p.agreement)}") if p.agreement else "") + flag(p.confidential), "No turning points.")
    note = _left_out_note(record).strip("_")
    if note:
        parts.append(f'<p class="note">{e(note)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


CSV_COLUMNS = ["kind", "text", "status", "owner_or_parties", "date", "said_by", "attribution", "confidential", "at",
               "since_then"]
"""`status` (and an elephant's `date`, when it was resolved) is as the item stood when the meeting ended;
`since_then` says what happened later, dated, one change a line."""


def _cell(value: object) -> str:
    """Any value (text, a number, a date) as a CSV cell a spreadsheet will not run as a formula: one
    that would start with `= + - @`, a tab or a carriage return gets a leading `'`. The `csv` module
    then quotes it. Every cell of the meeting's and the glossary's CSV goes through this."""
    text = terminal_safe("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(record: MeetingRecord) -> str:
    """Every captured item of the meeting as one row (agreements, actions, jargon, elephants, turning points)."""
    rows: list[list[str | bool | None]] = []

    def since(item: RecordedAction | RecordedElephant | RecordedTerm) -> str:
        return "\n".join(since_then_lines(item))

    for a in record.agreements:
        rows.append(["agreement", a.text, a.status, "; ".join(a.parties), a.review_on,
                     _credit(record, a.attribution, a.said_by),
                     a.attribution, a.confidential, a.created_at, ""])
    for c in record.actions:
        rows.append(["action", c.text, c.status, c.owner, c.due_on, _credit(record, c.attribution, c.said_by),
                     c.attribution, c.confidential, c.opened_at, since(c)])
    for t in record.jargon:
        for mention in t.mentions:
            rows.append(["jargon", t.term, "unexplained" if t.unexplained else "explained", "", "",
                         _credit(record, mention.attribution, mention.said_by), mention.attribution,
                         t.confidential, mention.at, since(t)])
    for x in record.elephants:
        rows.append(["elephant", x.text, x.status, "", x.resolved_at, _credit(record, x.attribution, x.said_by),
                     x.attribution,
                     x.confidential, x.raised_at, since(x)])
    for p in record.turning_points:
        rows.append(["turning point", p.note, p.kind, p.agreement, "", p.said_by,
                     "anonymous" if p.said_by is None else "credited", p.confidential, p.at, ""])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue()


GLOSSARY_FORMATS = ("md", "csv", "json")


_NO_MEANING = TermMeaning(organisation=None, meaning="")
"""Stands in for the meanings of a term that has none, so it still gets its CSV row (with both cells empty)."""


def glossary_to(terms: Sequence[GlossaryEntry], fmt: str, partnership: str) -> str:
    """A partnership's glossary (from `glossary_records`) as Markdown, CSV or JSON."""
    if fmt == "json":
        return json.dumps({"format": "meetingkit.glossary/1", "partnership": partnership,
                           "terms": [term.as_dict() for term in terms]},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["term", "unexplained", "expansion", "plain_words", "organisation", "meaning", "same_as",
                         "times_raised", "meetings", "first_raised", "last_raised"])
        for term in terms:
            for meaning in term.meanings or (_NO_MEANING,):
                writer.writerow([_cell(value) for value in (
                    term.term, term.unexplained, term.expansion, term.plain_words,
                    meaning.organisation, meaning.meaning, "; ".join(term.same_as),
                    term.times_raised, term.meetings, term.first_raised, term.last_raised,
                )])
        return buffer.getvalue()
    out = [f"# Glossary: {md(partnership)}", ""]
    for term in terms:
        out.append(f"## {md(term.term)}" + (" (still unexplained)" if term.unexplained else ""))
        out.append("")
        if term.expansion:
            out.append(f"Stands for: {md(term.expansion)}  ")
        for meaning in term.meanings:
            out.append(f"- {md(meaning.organisation or 'everyone')}: {md(meaning.meaning)}")
        if term.plain_words:
            out.append(f"- plainly: {md(term.plain_words)}")
        if term.same_as:
            out.append(f"- same as: {md(', '.join(term.same_as))}")
        out.append(f"\nRaised {md(term.times_raised)}× in {md(term.meetings)} meeting(s).\n")
    return "\n".join(out).rstrip() + "\n"


RENDERERS: dict[str, Callable[[MeetingRecord], str]] = {
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
    "csv": to_csv,
}


def render(record: MeetingRecord, fmt: str) -> str:
    """The record in one of `FORMATS`."""
    return RENDERERS[fmt](record)
