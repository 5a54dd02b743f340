"""One meeting's record (`Records.meeting_record`) as Markdown, printable HTML, JSON or CSV.

Every piece of user text is escaped for the format it goes into: HTML through
`html.escape`, Markdown by backslash-escaping the characters that would start
markup, CSV by the `csv` module (and a leading quote for cells a spreadsheet
would run as a formula). Nothing here decides what is confidential: the record
already leaves it out unless it was asked for.

Each CSV has one fixed schema (`MEETING_CSV_COLUMNS`, `GLOSSARY_CSV_COLUMNS`, as the
README documents them): one meaning per column, statuses as words, yes/no, ISO dates.

A document is written in the language in use (`core.i18n`; `with speaking("fr")` for a French
one whatever the interface's). Markdown and HTML are read by people: every word meetingkit adds
is translated, and a French page says `<html lang="fr-CA">`. The JSON's keys and values are data
(stored statuses, ISO times) and stay as they are in every language; the CSVs' headers and their
documented values (kinds, statuses, yes/no) are a schema a spreadsheet or a script reads, so they
stay in English too; only the sentences of `since_then` follow the document's language.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from json.encoder import encode_basestring
from typing import TypeVar

from meetingkit.core.audience import Audience
from meetingkit.core.clock import describe_moment, format_minutes, from_iso, local, screen_day
from meetingkit.core.i18n import N_, _, language, ngettext, pgettext
from meetingkit.core.lines import (
    KIND_WORDS,
    RECORD_STATUS_WORDS,
    as_at_the_end,
    kind_words,
    later_lines,
    record_action_overdue,
    record_credit,
    status_words,
)
from meetingkit.core.localise import colon
from meetingkit.core.records import (
    GlossaryEntry,
    MeetingRecord,
    RecordedAction,
    RecordedAgreement,
    RecordedElephant,
    RecordedSection,
    RecordedTerm,
)
from meetingkit.core.text import terminal_safe

FORMATS = ("md", "html", "json", "csv")

T = TypeVar("T")

_MARKDOWN_ANYWHERE = re.compile(r"[\\`*\[\]<|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?[0-9A-Za-z]+;)")
"""What starts markup wherever it stands: a backslash, code, emphasis, a link, HTML or an autolink, a
table cell, strikethrough, an entity (`&#x202e;` stays text). An underscore inside a word
("hand_off") starts nothing, nor does an `&` that is not an entity, nor `( ) { } . ! -` mid-line."""

_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
"""What starts a block when it begins a line: a heading, a quote, a list item or rule, a setext
underline, a numbered list item (its dot or parenthesis is escaped)."""

_MARKDOWN_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
"""Hashes ending a line would be read as a heading's closing sequence and dropped."""

_MARKUP_CHARACTERS = re.compile(r"[\\`*\[\]<|~_&]")
"""A character without which `_MARKDOWN_ANYWHERE` finds nothing: most text has none, and looking
for one is quicker than the whole pattern (a long record escapes thousands of lines)."""

_LINE_BREAK = "  \n  "
"""A hard line break that stays inside the list item it is in (the next line is indented)."""


def _escape_anywhere(text: str) -> str:
    """What starts markup anywhere in the text (`_MARKDOWN_ANYWHERE`), backslash-escaped."""
    return _MARKDOWN_ANYWHERE.sub(r"\\\g<0>", text) if _MARKUP_CHARACTERS.search(text) else text


def _escape_closing_hashes(text: str) -> str:
    """Hashes ending the text after a space (`_MARKDOWN_CLOSING_HASHES`), backslash-escaped."""
    return _MARKDOWN_CLOSING_HASHES.sub(r"\1\\\2", text) if "#" in text else text


def md_inline(value: object) -> str:
    """A value that never begins a line of the document (it follows other words on its line) made inert:
    only what starts markup anywhere (`_MARKDOWN_ANYWHERE`) and hashes ending it are escaped."""
    text = terminal_safe("" if value is None else str(value))
    return _escape_closing_hashes(_escape_anywhere(" ".join(text.split()) if "\n" in text or "\r" in text else text))


def _md_line(line: str) -> str:
    escaped = _escape_anywhere(line)
    start = _MARKDOWN_LINE_START.match(escaped)
    if start:
        lead, mark = start.groups()
        if mark.isdigit():
            cut = start.end()
            escaped = escaped[:cut] + "\\" + escaped[cut:]
        else:
            escaped = f"{lead}\\{escaped[len(lead):]}"
    return _escape_closing_hashes(escaped)


def md(value: object) -> str:
    """Any value (text, a number, a date) made inert in Markdown, escaping only what would start markup
    where it stands: anywhere in a line (`_MARKDOWN_ANYWHERE`), or at its start, where the value may
    begin a line of the document (`_MARKDOWN_LINE_START`). A line break stays a break inside its list
    item, never a blank line that would end the item or a line that starts a block of its own. None is
    empty. So "hand-off (demo)" stays as typed, and "# not a heading" cannot become one.

    Every value a Markdown document shows goes through this, numbers too: a file merged from
    another site can hold text where a number belongs.
    """
    text = terminal_safe("" if value is None else str(value))
    if "\n" not in text and "\r" not in text:
        return _md_line(text)
    return _LINE_BREAK.join(_md_line(line.strip()) for line in text.splitlines() if line.strip())


def htm(value: object) -> str:
    """Any value (text, a number, a date) made inert in HTML, in text and in attributes: quotes too.

    Every value an HTML page shows goes through this, numbers too. None is empty.
    """
    return html.escape(terminal_safe("" if value is None else str(value)), quote=True)


def html_lang() -> str:
    """The `lang` of a page in the language in use: "en", or "fr-CA" (the French is Canadian)."""
    return "fr-CA" if language() == "fr" else "en"


def planned(minutes: int | None) -> str:
    """A section's planned time as the exports say it ("unknown" when the file holds no number of minutes)."""
    # Translators: a number of minutes planned for a section ("12 min").
    return pgettext("planned time", "unknown") if minutes is None else _("{minutes} min").format(minutes=minutes)


def _adjusted(section: RecordedSection) -> str:
    """", adjusted to 12 min" after a section's plan when the facilitator gave it more or less ("" when not)."""
    if section.adjusted_minutes is None:
        return ""
    return ", " + _("adjusted to {time}").format(time=planned(section.adjusted_minutes))


def format_when(stamp: str | None) -> str:
    """A stored UTC stamp as local date and time, "Tue 24 Nov 2026, 14:00" ("—" when there is none)."""
    instant = from_iso(stamp)
    return describe_moment(instant) if instant else "—"


def format_day(iso_day: str | None) -> str:
    """A stored calendar day ("2026-12-01") as every document writes days, "Tue 01 Dec 2026"; text that is
    not a day (a file edited by another tool) is written as it is."""
    try:
        return screen_day(date.fromisoformat(iso_day), today=None) if iso_day else "—"
    except ValueError:
        return iso_day or "—"


OVERDUE_WHEN_EXPORTED = N_("overdue when exported")
"""How a document marks an action overdue on the day it was written (`lines.record_action_overdue`);
`overdue_when_exported()` in the language in use."""


def overdue_when_exported() -> str:
    """`OVERDUE_WHEN_EXPORTED` in the language in use."""
    return _("overdue when exported")


def working_language_words(code: str) -> str:
    """A meeting's working language as a document says it under the title ("" for English, the
    language a meeting worked in before it was kept, so an English meeting's documents read as before)."""
    return {
        "fr": _("in French"),
        "en+fr": _("in English and French"),
    }.get(code, "")


def meeting_type_words(meeting_type: str) -> str:
    """A meeting's type as a document shows it under the title: the stored word in English
    ("reflective-practice"), the kind of meeting in words in another language."""
    return {
        "operational": pgettext("meeting type", "operational"),
        "reflective-practice": pgettext("meeting type", "reflective-practice"),
        "strategic": pgettext("meeting type", "strategic"),
        "shared-training": pgettext("meeting type", "shared-training"),
    }.get(meeting_type, meeting_type)


def _overdue(record: MeetingRecord, action: RecordedAction) -> bool:
    exported = from_iso(record.exported_at)
    return record_action_overdue(action, local(exported).date() if exported else None)


def _duration(record: MeetingRecord) -> str:
    meeting = record.meeting
    start, end = from_iso(meeting.started_at), from_iso(meeting.ended_at)
    return format_minutes((end - start).total_seconds()) if start and end else _("not ended")


def _everyone(organisation: str | None) -> str:
    """Whose meaning it is: an organisation, or "everyone"."""
    return organisation or _("everyone")


class _NotPlainJson(Exception):
    """A value `_pretty_json` leaves to the `json` module (a key that is not text, a type of its own)."""


def _json_float(value: float) -> str:
    """A float as `json.dumps` writes it (NaN and the infinities as JavaScript spells them)."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _pretty_json(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, character for character, made faster.

    With `indent`, the `json` module encodes in Python, a generator for every list and object:
    most of a record's export time on a file with years of history. This writes the same text
    with the strings escaped by the module's own encoder (in C), in the same order of type checks;
    anything else (a key that is not text, a value that is not plain JSON data) goes back to
    `json.dumps`, so the text is always the module's.
    """
    out: list[str] = []
    add = out.append

    def encode(value: object, indent: str) -> None:
        if isinstance(value, str):
            add(encode_basestring(value))
        elif value is None:
            add("null")
        elif value is True:
            add("true")
        elif value is False:
            add("false")
        elif isinstance(value, int):
            add(int.__repr__(value))
        elif isinstance(value, float):
            add(_json_float(value))
        elif isinstance(value, list | tuple):
            if not value:
                add("[]")
                return
            inner = indent + "  "
            add("[")
            for number, item in enumerate(value):
                add(inner if number == 0 else "," + inner)
                encode(item, inner)
            add(indent + "]")
        elif isinstance(value, dict):
            if not value:
                add("{}")
                return
            inner = indent + "  "
            add("{")
            for number, (key, item) in enumerate(value.items()):
                if not isinstance(key, str):
                    raise _NotPlainJson
                add((inner if number == 0 else "," + inner) + encode_basestring(key) + ": ")
                encode(item, inner)
            add(indent + "}")
        else:
            raise _NotPlainJson

    try:
        encode(data, "\n")
    except (_NotPlainJson, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


def to_json(record: MeetingRecord) -> str:
    """The record as the documented JSON (`meetingkit.meeting/1`), pretty-printed; text round-trips exactly."""
    return _pretty_json(record.as_dict()) + "\n"


def to_markdown(record: MeetingRecord) -> str:
    """A readable Markdown document of the meeting."""
    meeting = record.meeting
    out = [
        f"# {md(meeting.title)}",
        "",
        f"**{md(meeting.partnership)}** · {md(meeting_type_words(meeting.meeting_type))} · "
        f"{md(format_when(meeting.started_at))} · "
        f"{md(_duration(record))}" + (f" · {md(meeting.site)}" if meeting.site else "")
        + (f" · {md(working)}" if (working := working_language_words(meeting.language)) else ""),
        "",
        f"_{md(as_at_the_end())}_",
        "",
    ]

    def since(item: RecordedAction | RecordedElephant | RecordedTerm | RecordedAgreement) -> str:
        return "".join(f"  \n  _{md(line)}_" for line in later_lines(item))

    def section(title: str, lines: list[str], empty: str) -> None:
        out.extend([f"## {title}", ""])
        out.extend(lines or [f"_{empty}_"])
        out.append("")

    section(_("Who came"), [f"- {md(', '.join(p for p in (a.name, a.organisation) if p))}"
                            for a in record.attendance], _("Nobody was recorded."))
    section(
        _("Agenda"),
        [f"{md(s.position)}. {md(s.title)} — "
         + _("planned {time}").format(time=md(planned(s.planned_minutes)) + md(_adjusted(s))) + ", "
         + md(format_minutes(s.actual_seconds) if s.actual_seconds is not None else _("not reached"))
         + (f", {md(s.timing.words)}" if s.actual_seconds is not None or s.skipped else "")
         + (f"  \n   {_notes_label()} {md(s.notes)}" if s.notes else "")
         for s in record.sections],
        _("No sections."),
    )
    section(
        _("Agreements"),
        [f"- {md(a.text)}" + (f" ({md(', '.join(a.parties))})" if a.parties else "")
         + (", " + _("review {day}").format(day=md(format_day(a.review_on))) if a.review_on else "")
         + _flag(a.confidential) + since(a)
         for a in record.agreements],
        _("No agreements."),
    )
    section(
        _("Actions"),
        [f"- {md(a.text)}" + (f" — {md(a.owner)}" if a.owner else "")
         + (", " + _("due {day}").format(day=md(format_day(a.due_on))) if a.due_on else "")
         + f" ({md(status_words(a.status))})"
         + (f" **{overdue_when_exported()}**" if _overdue(record, a) else "") + _flag(a.confidential) + since(a)
         for a in record.actions],
        _("No actions."),
    )
    section(
        _("Name the Jargon"),
        [f"- **{md(t.term)}** ×{md(t.mentions_here)}"
         + (" — " + _("still unexplained at the end") if t.unexplained else "")
         + (f"  \n  {_stands_for()} {md(t.expansion)}" if t.expansion else "")
         + "".join(f"  \n  {md(_everyone(m.organisation))}{colon()} {md(m.meaning)}" for m in t.meanings)
         + (f"  \n  {_plainly()} {md(t.plain_words)}" if t.plain_words else "")
         + (f"  \n  {_same_as()} {md(', '.join(t.same_as))}" if t.same_as else "") + _flag(t.confidential)
         + since(t)
         for t in record.jargon],
        _("No jargon named."),
    )
    section(
        _("Elephants"),
        [f"- {md(e.text)} — {md(status_words(e.status))}"
         + (f"{colon()} {md(e.resolution_note)}" if e.resolution_note else "")
         + _said_by(record, e, md) + _flag(e.confidential) + since(e)
         for e in record.elephants],
        _("No elephants."),
    )
    section(
        _("Turning points"),
        [f"- {md(format_when(p.at))}, {md(p.section)}{colon()} {md(_moment(p.kind))}"
         + (f" — {md(p.note)}" if p.note else "")
         + ("; " + _("opened up: {what}").format(what=md(p.opened_up)) if p.opened_up else "")
         + ("; " + _("led to: {agreement}").format(agreement=md(p.agreement)) if p.agreement else "")
         + _flag(p.confidential)
         for p in record.turning_points],
        _("No turning points."),
    )
    out.append(_left_out_note(record))
    return "\n".join(out).rstrip() + "\n"


def _stands_for() -> str:
    """ "stands for:", before a term's expansion."""
    return _("stands for:")


def _plainly() -> str:
    """ "plainly:", before a term's plain words."""
    return _("plainly:")


def _same_as() -> str:
    """ "same as:", before the other names of a term."""
    return _("same as:")


def _notes_label() -> str:
    """ "Notes:", before a section's notes."""
    return _("Notes:")


def record_audience(record: MeetingRecord) -> Audience:
    """Who a meeting's export is for: an export, with confidential items only when asked for."""
    return Audience.EXPORT_CONFIDENTIAL if record.include_confidential else Audience.EXPORT


def _credit(record: MeetingRecord, attribution: str, credited: str | None) -> str | None:
    """Who an item is credited to, as the policy lets this export say it (`core/audience.py`)."""
    return record_credit(attribution, credited, record_audience(record))


def _said_by(record: MeetingRecord, item: RecordedElephant, escape: Callable[[str], str]) -> str:
    credit = _credit(record, item.attribution, item.said_by)
    return " (" + (_("said by {who}").format(who=escape(credit)) if credit
                   else pgettext("credited to", "anonymous")) + ")"


def _moment(kind: str | None) -> str:
    """A turning point's kind as people say it ("kind word"), "moment" when none was given."""
    return (kind_words(kind) or kind) if kind else pgettext("turning point kind", "moment")


def _confidential_flag() -> str:
    """ "[confidential]", after a confidential item in a document."""
    return "[" + pgettext("mark after an item", "confidential") + "]"


def _flag(confidential: bool) -> str:
    return f" **{_confidential_flag()}**" if confidential else ""


def _left_out_note(record: MeetingRecord) -> str:
    hidden = record.left_out.confidential
    if record.include_confidential:
        return "_" + _("Confidential items are included in this export.") + "_"
    if hidden:
        return "_" + ngettext("{count} confidential item left out of this export.",
                              "{count} confidential items left out of this export.", hidden).format(
            count=md(hidden)) + "_"
    return ""


# Shared with the partnership report (`core.report`), so both print alike.
HTML_STYLE = """
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #999; }
.meta, .note { color: #444; } .confidential { color: #8a3b00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .15rem .5rem .15rem 0; }
li { margin-bottom: .3rem; } .sub { display: block; color: #333; margin-left: 1rem; }
thead { display: table-header-group; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } li, tr { break-inside: avoid; } }
"""


def to_html(record: MeetingRecord) -> str:
    """A self-contained, printable HTML page; every piece of user text is escaped."""
    e = htm
    meeting = record.meeting
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang()}"><head><meta charset="utf-8">',
        f"<title>{e(meeting.title)} — {e(meeting.partnership)}</title>",
        f"<style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(meeting.title)}</h1>",
        f'<p class="meta">{e(meeting.partnership)} · {e(meeting_type_words(meeting.meeting_type))} · '
        f"{e(format_when(meeting.started_at))} · {e(_duration(record))}"
        + (f" · {e(meeting.site)}" if meeting.site else "")
        + (f" · {e(working)}" if (working := working_language_words(meeting.language)) else "") + "</p>",
        f'<p class="note">{e(as_at_the_end())}</p>',
    ]

    def listing(title: str, items: Sequence[T], render: Callable[[T], str], empty: str) -> None:
        parts.append(f"<h2>{e(title)}</h2>")
        if not items:
            parts.append(f'<p class="note">{e(empty)}</p>')
            return
        parts.append("<ul>" + "".join(f"<li>{render(item)}</li>" for item in items) + "</ul>")

    def flag(confidential: bool) -> str:
        return f' <span class="confidential">{e(_confidential_flag())}</span>' if confidential else ""

    def sub(text: str) -> str:
        return f'<span class="sub">{text}</span>'

    def since(item: RecordedAction | RecordedElephant | RecordedTerm | RecordedAgreement) -> str:
        return "".join(f'<span class="sub"><em>{e(line)}</em></span>' for line in later_lines(item))

    listing(_("Who came"), record.attendance,
            lambda a: e(", ".join(p for p in (a.name, a.organisation) if p)), _("Nobody was recorded."))
    columns = (pgettext("agenda column", "Section"), pgettext("agenda column", "Planned"),
               pgettext("agenda column", "Actual"), pgettext("agenda column", "Time"))
    parts.append("<h2>" + e(_("Agenda")) + "</h2><table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in columns)
                 + "</tr></thead><tbody>")
    for s in record.sections:
        actual = format_minutes(s.actual_seconds) if s.actual_seconds is not None else _("not reached")
        notes = sub(e(_notes_label()) + " " + e(s.notes).replace("\n", "<br>")) if s.notes else ""
        verdict = s.timing.words if s.actual_seconds is not None or s.skipped else ""
        parts.append(f"<tr><td>{e(s.title)}{notes}</td><td>{e(planned(s.planned_minutes))}{e(_adjusted(s))}</td>"
                     f"<td>{e(actual)}</td><td>{e(verdict)}</td></tr>")
    parts.append("</tbody></table>")
    listing(_("Agreements"), record.agreements, lambda a: e(a.text)
            + (f" ({e(', '.join(a.parties))})" if a.parties else "")
            + (", " + e(_("review {day}").format(day=format_day(a.review_on))) if a.review_on else "")
            + flag(a.confidential) + since(a),
            _("No agreements."))
    listing(_("Actions"), record.actions, lambda a: e(a.text)
            + (f" — {e(a.owner)}" if a.owner else "")
            + (", " + e(_("due {day}").format(day=format_day(a.due_on))) if a.due_on else "")
            + f" ({e(status_words(a.status))})"
            + (f" <strong>{e(overdue_when_exported())}</strong>" if _overdue(record, a) else "")
            + flag(a.confidential) + since(a), _("No actions."))
    listing(_("Name the Jargon"), record.jargon, lambda t: f"<strong>{e(t.term)}</strong> ×{e(t.mentions_here)}"
            + (" — " + e(_("still unexplained at the end")) if t.unexplained else "")
            + (sub(f"{e(_stands_for())} {e(t.expansion)}") if t.expansion else "")
            + "".join(sub(f"{e(_everyone(m.organisation))}{colon()} {e(m.meaning)}") for m in t.meanings)
            + (sub(f"{e(_plainly())} {e(t.plain_words)}") if t.plain_words else "")
            + (sub(f"{e(_same_as())} {e(', '.join(t.same_as))}") if t.same_as else "")
            + flag(t.confidential) + since(t),
            _("No jargon named."))
    listing(_("Elephants"), record.elephants, lambda x: e(x.text) + f" — {e(status_words(x.status))}"
            + (f"{colon()} {e(x.resolution_note)}" if x.resolution_note else "")
            + _said_by(record, x, e) + flag(x.confidential) + since(x),
            _("No elephants."))
    listing(_("Turning points"), record.turning_points, lambda p: e(format_when(p.at))
            + f", {e(p.section)}{colon()} "
            + e(_moment(p.kind)) + (f" — {e(p.note)}" if p.note else "")
            + (sub(e(_("opened up: {what}").format(what=p.opened_up))) if p.opened_up else "")
            + (sub(e(_("led to: {agreement}").format(agreement=p.agreement))) if p.agreement else "")
            + flag(p.confidential), _("No turning points."))
    note = _left_out_note(record).strip("_")
    if note:
        parts.append(f'<p class="note">{e(note)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


UTF8_BOM = "\ufeff"
"""The byte-order mark `--bom` puts before a CSV: Excel on Windows reads a file as UTF-8 only when it
starts with one (without it, "Séverine" shows as "SÃ©verine"). Python reads it back with `utf-8-sig`."""


def with_bom(text: str) -> str:
    """The text with `UTF8_BOM` before it, for a spreadsheet that needs it to read UTF-8."""
    return UTF8_BOM + text


MEETING_CSV_COLUMNS: dict[str, str] = {
    "meeting_id": "the meeting's id (the same on every row)",
    "meeting_date": "the local date it started, YYYY-MM-DD (empty if it has not started)",
    "meeting_title": "its title",
    "partnership": "its partnership",
    "kind": "what the row is: attendee, agreement, action, term, elephant or turning point",
    "section": "the agenda section it was captured in (its title), if any",
    "text": "the attendee's name, what was agreed, what is to be done, the term, the elephant, or what happened "
            "at the turning point",
    "status": "an agreement's (active, revised, retired), an action's (open, done, dropped, carried), a term's "
              "(explained, unexplained), an elephant's (parked, discussing, addressed, let go)",
    "confidential": "yes or no",
    "said_by": "who it is credited to: a person (\"Dana, school board\") or an organisation; empty when anonymous",
    "recorded_at": "when it was first recorded, local time, YYYY-MM-DD HH:MM (an anonymous item's to the minute)",
    "from_earlier_meeting": "yes for an action carried here, or an elephant raised in an earlier meeting; else no",
    "owner": "an action's owner",
    "due_on": "an action's due date, YYYY-MM-DD",
    "parties": "an agreement's parties, separated by \"; \"",
    "review_on": "an agreement's review date, YYYY-MM-DD",
    "resolved_at": "when an elephant was addressed or let go, local time, YYYY-MM-DD HH:MM",
    "resolution": "how an elephant was addressed, or why it was let go",
    "turning_point_kind": "apology, concession, kind word, new understanding or other",
    "opened_up": "what a turning point opened up",
    "led_to": "the agreement a turning point led to",
    "organisation": "an attendee's organisation",
    "since_then": "what happened to it after the meeting ended, dated, a change a line (the row itself says how "
                  "it stood at the end)",
}
"""The meeting CSV's columns, in order, with what each holds (the README's table says the same). Each
column has one meaning; a row leaves empty what does not apply to its kind."""


def _cell(value: object) -> str:
    """Any value (text, a number, a date) as a CSV cell a spreadsheet will not run as a formula: one
    that would start with `= + - @`, a tab or a carriage return gets a leading `'`. The `csv` module
    then quotes it. Every cell of the meeting's and the glossary's CSV goes through this."""
    text = terminal_safe("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _local_stamp(stamp: str | None, *, with_time: bool) -> str | None:
    """A stored UTC stamp in local time, ISO-8601: the date, or the date and time to the minute. One
    that is not a time (a file another tool changed) is given as it is, for `_cell` to make safe."""
    try:
        instant = from_iso(stamp)
        if instant is None:
            return None
        moment = local(instant).replace(tzinfo=None)
        return moment.isoformat(sep=" ", timespec="minutes") if with_time else moment.date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return stamp


def local_date(stamp: str | None) -> str | None:
    """A stored UTC stamp as its local ISO date, "2026-11-24"."""
    return _local_stamp(stamp, with_time=False)


def local_time(stamp: str | None) -> str | None:
    """A stored UTC stamp as local time a spreadsheet reads as one, "2026-11-24 09:00"."""
    return _local_stamp(stamp, with_time=True)


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Rows as CSV under `columns` (a row leaves out what it does not hold), every cell through `_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(row.get(column)) for column in columns] for row in rows])
    return buffer.getvalue()


def _since(item: RecordedAction | RecordedElephant | RecordedTerm | RecordedAgreement) -> str:
    """What happened to an item after its meeting ended, a change a line (`core.lines.since_then`), and
    what two sites decided differently about it (`core.lines.merge_conflict_lines`)."""
    return "\n".join(later_lines(item))


def _schema_status(status: str) -> str:
    """A status as the CSV's schema writes it, in English in every language (an elephant's `let_go`
    is "let go"; the others are their stored word)."""
    return RECORD_STATUS_WORDS.get(status, status)


def _meeting_rows(record: MeetingRecord) -> Iterator[dict[str, object]]:
    """Every row of the meeting's CSV but its columns about the meeting: attendees, agreements,
    actions, each time a term was raised, elephants, turning points."""
    titles = {section.position: section.title for section in record.sections}
    for person in record.attendance:
        yield {"kind": "attendee", "text": person.name, "organisation": person.organisation, "confidential": "no"}
    for a in record.agreements:
        yield {"kind": "agreement", "section": titles.get(a.section or 0), "text": a.text,
               "status": _schema_status(a.status), "confidential": _yes_no(a.confidential),
               "said_by": _credit(record, a.attribution, a.said_by), "recorded_at": local_time(a.created_at),
               "from_earlier_meeting": "no", "parties": "; ".join(a.parties), "review_on": a.review_on,
               "since_then": _since(a)}
    for c in record.actions:
        yield {"kind": "action", "section": titles.get(c.section or 0), "text": c.text,
               "status": _schema_status(c.status), "confidential": _yes_no(c.confidential),
               "said_by": _credit(record, c.attribution, c.said_by), "recorded_at": local_time(c.opened_at),
               "from_earlier_meeting": _yes_no(c.carried), "owner": c.owner, "due_on": c.due_on,
               "since_then": _since(c)}
    for t in record.jargon:
        since = _since(t) if t.mentions else ""  # the same on each of its rows: made once a term
        for mention in t.mentions:
            yield {"kind": "term", "section": titles.get(mention.section or 0), "text": t.term,
                   "status": "unexplained" if t.unexplained else "explained", "confidential": _yes_no(t.confidential),
                   "said_by": _credit(record, mention.attribution, mention.said_by),
                   "recorded_at": local_time(mention.at), "from_earlier_meeting": "no", "since_then": since}
    for x in record.elephants:
        yield {"kind": "elephant", "section": titles.get(x.section or 0), "text": x.text,
               "status": _schema_status(x.status), "confidential": _yes_no(x.confidential),
               "said_by": _credit(record, x.attribution, x.said_by), "recorded_at": local_time(x.raised_at),
               "from_earlier_meeting": _yes_no(not x.raised_here), "resolved_at": local_time(x.resolved_at),
               "resolution": x.resolution_note, "since_then": _since(x)}
    for p in record.turning_points:
        yield {"kind": "turning point", "section": p.section, "text": p.note, "confidential": _yes_no(p.confidential),
               "said_by": _credit(record, "anonymous" if p.said_by is None else "named", p.said_by),
               "recorded_at": local_time(p.at), "from_earlier_meeting": "no",
               "turning_point_kind": KIND_WORDS.get(p.kind, p.kind) if p.kind else None,
               "opened_up": p.opened_up, "led_to": p.agreement}


def to_csv(record: MeetingRecord) -> str:
    """The meeting as one table (`MEETING_CSV_COLUMNS`): a row per attendee, agreement, action, time a
    term was raised, elephant and turning point, each with the meeting's id, date and title."""
    meeting = record.meeting
    about = {"meeting_id": meeting.id, "meeting_date": local_date(meeting.started_at),
             "meeting_title": meeting.title, "partnership": meeting.partnership}
    return _csv(list(MEETING_CSV_COLUMNS), ({**about, **row} for row in _meeting_rows(record)))


GLOSSARY_FORMATS = ("md", "csv", "json")


GLOSSARY_CSV_COLUMNS: dict[str, str] = {
    "partnership": "the partnership (the same on every row)",
    "kind": "term (one row per term, with its totals) or meaning (one row per meaning, after its term's row)",
    "term": "the term, on its meanings' rows too",
    "unexplained": "yes or no (term rows)",
    "expansion": "what it stands for (term rows)",
    "plain_words": "a plain-language alternative (term rows)",
    "same_as": "other terms for the same thing, separated by \"; \" (term rows)",
    "times_raised": "how many times it was raised, in every meeting (term rows only, so a column sum is right)",
    "meetings": "in how many meetings (term rows only)",
    "first_raised_on": "the local date it was first raised, YYYY-MM-DD (term rows)",
    "last_raised_on": "the local date it was last raised, YYYY-MM-DD (term rows)",
    "organisation": "whose meaning it is: an organisation, or everyone (meaning rows)",
    "meaning": "what the term means there (meaning rows)",
}
"""The glossary CSV's columns, in order, with what each holds (the README's table says the same).
A term's totals are on its own row only, never repeated on its meanings' rows: a spreadsheet's sum of
`times_raised` is the number of times terms were raised."""


def _glossary_rows(terms: Sequence[GlossaryEntry], partnership: str) -> Iterator[dict[str, object]]:
    for term in terms:
        yield {"partnership": partnership, "kind": "term", "term": term.term, "unexplained": _yes_no(term.unexplained),
               "expansion": term.expansion, "plain_words": term.plain_words, "same_as": "; ".join(term.same_as),
               "times_raised": term.times_raised, "meetings": term.meetings,
               "first_raised_on": local_date(term.first_raised), "last_raised_on": local_date(term.last_raised)}
        for meaning in term.meanings:
            yield {"partnership": partnership, "kind": "meaning", "term": term.term,
                   "organisation": meaning.organisation or "everyone", "meaning": meaning.meaning}


def glossary_to(terms: Sequence[GlossaryEntry], fmt: str, partnership: str) -> str:
    """A partnership's glossary (from `glossary_records`) as Markdown, CSV or JSON."""
    if fmt == "json":
        return json.dumps({"format": "meetingkit.glossary/1", "partnership": partnership,
                           "terms": [term.as_dict() for term in terms]},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(list(GLOSSARY_CSV_COLUMNS), _glossary_rows(terms, partnership))
    out = ["# " + _("Glossary: {partnership}").format(partnership=md(partnership)), ""]
    for term in terms:
        out.append(f"## {md(term.term)}" + (" " + _("(still unexplained)") if term.unexplained else ""))
        out.append("")
        if term.expansion:
            out.append(_("Stands for: {expansion}").format(expansion=md(term.expansion)) + "  ")
        for meaning in term.meanings:
            out.append(f"- {md(_everyone(meaning.organisation))}{colon()} {md(meaning.meaning)}")
        if term.plain_words:
            out.append(f"- {_plainly()} {md(term.plain_words)}")
        if term.same_as:
            out.append(f"- {_same_as()} {md(', '.join(term.same_as))}")
        # Translators: under a glossary entry; English says "meeting(s)" whatever the count.
        out.append("\n" + ngettext("Raised {times}× in {count} meeting(s).", "Raised {times}× in {count} meeting(s).",
                                    term.meetings if isinstance(term.meetings, int) else 2).format(
            times=md(term.times_raised), count=md(term.meetings)) + "\n")
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
