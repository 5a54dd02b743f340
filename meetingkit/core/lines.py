"""One renderer per kind of item, for an audience: plain text pieces the screens style.

Each renderer asks the policy (`core/audience.py`) whether and how its item is shown to
the audience it is given, and returns a `Rendered` (runs of text, each with a style
name the console understands: "bold", "dim", "italic $warning"), or None when the
item is not shown at all. No screen or widget decides visibility: they choose the
audience (`Audience.console(projecting=...)`) and turn the runs into `Content`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from meetingkit.core.audience import Audience, Facts, Kind, Naming, Shown, said_by, shows, visibility
from meetingkit.core.clock import describe_day, describe_moment, from_iso, is_overdue, local, screen_day
from meetingkit.core.dates import describe_date
from meetingkit.core.models import (
    Action,
    Agreement,
    BoardTerm,
    Change,
    ChangedTable,
    ChangeKind,
    Elephant,
    ElephantStatus,
    Meaning,
    OpenElephant,
    TurningPoint,
)
from meetingkit.core.records import (
    LaterChange,
    RecordedAction,
    RecordedAgreement,
    RecordedElephant,
    RecordedTerm,
    RecordedTurningPoint,
    ReviewedAgreement,
    SearchHit,
    SummaryAction,
    SummaryAgreement,
    SummaryAttendance,
)
from meetingkit.core.text import HIT_END, HIT_START

Run = tuple[str, str]
"""A piece of text and its style ("" for plain)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One item as an audience may see it: runs of styled text."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The plain text, as a test or a file reads it."""
        return "".join(text for text, _ in self.runs)


def _rendered(runs: Iterable[Run]) -> Rendered:
    return Rendered(tuple(runs))


CONFIDENTIAL_ITEM = "a confidential item"
"""The neutral stand-in for a confidential item the audience may not read."""
CONFIDENTIAL_TERM = "a confidential term"
CONFIDENTIAL_AGREEMENT = "a confidential agreement"
STAND_IN_STYLE = "italic dim"

HIDDEN_MARK = "  · hidden"
"""After an item the facilitator hid from the room (never drawn on the wall): short, as lines wrap."""
HIDDEN_STYLE = "italic $error"
CONFIDENTIAL_MARK = ("  · confidential", "italic $warning")

STATUS_WORDS = {
    ElephantStatus.PARKED: "parked",
    ElephantStatus.DISCUSSING: "discussing",
    ElephantStatus.ADDRESSED: "addressed",
    ElephantStatus.LET_GO: "let go",
}

RECORD_STATUS_WORDS = {status.value: words for status, words in STATUS_WORDS.items()}
"""An elephant's status as a record holds it (the stored word), as people say it."""


def status_words(status: str) -> str:
    """Any item's stored status as people say it: an elephant's `let_go` is "let go"; an action's
    (open, done, dropped, carried) and an agreement's (active, revised, retired) are words already.
    A word meetingkit does not know (a file another tool changed) is given as it is."""
    return RECORD_STATUS_WORDS.get(status, status)


KIND_WORDS = {
    "new_understanding": "new understanding",
    "apology": "apology",
    "concession": "concession",
    "kind_word": "kind word",
    "other": "other",
}
"""A turning point's kind, as people say it."""


def waited(since: datetime | None, now: datetime) -> str:
    """ "open 28 days" style age."""
    if since is None:
        return ""
    days = (local(now).date() - local(since).date()).days
    if days <= 0:
        return "since today"
    return f"{days} day{'s' if days != 1 else ''}"


def _marks(audience: Audience, *, hidden: bool, confidential: bool) -> list[Run]:
    """The facilitator's marks after an item's words: hidden from the room, confidential."""
    runs: list[Run] = []
    if hidden and audience is Audience.FACILITATOR:
        runs.append((HIDDEN_MARK, HIDDEN_STYLE))
    if confidential:
        runs.append(CONFIDENTIAL_MARK)
    return runs


def _term_details(term: BoardTerm, audience: Audience, *, everyone: bool) -> list[str]:
    """What a term means, with its meanings and aliases as this audience may see them."""
    meanings = [
        f"{m.organisation or 'everyone'}: {m.meaning}" if everyone else
        (f"{m.organisation}: {m.meaning}" if m.organisation else m.meaning)
        for m in term.meanings if shows(Kind.MEANING, audience, confidential=m.confidential or term.confidential)
    ]
    aliases = [name for name in term.same_as
               if shows(Kind.ALIAS, audience, confidential=name in term.same_as_confidential or term.confidential)]
    details = [term.expansion] if term.expansion else []
    details += meanings
    if term.plain_words:
        details.append(f"plainly: {term.plain_words}")
    if others := [name for name in aliases if name not in term.equivalents]:
        details.append("same as " + ", ".join(others))
    if equivalents := [name for name in aliases if name in term.equivalents]:
        details.append("≡ " + ", ".join(equivalents))  # the same thing in the other language: IEP ≡ PEI
    return details


def term_line(term: BoardTerm, audience: Audience, *, hidden: bool = False) -> Rendered | None:
    """One term on a meeting's jargon board: tally, the term, what it means so far."""
    shown = visibility(Kind.TERM, Facts(term.confidential, hidden), audience)
    tally = (f"{term.tally:>3}× ", "bold")
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([tally, (CONFIDENTIAL_TERM, STAND_IN_STYLE)])
    runs: list[Run] = [tally, (term.display, "bold")]
    runs += _marks(audience, hidden=hidden, confidential=False)  # first after the term: long lines are cut
    if term.unexplained:
        runs.append(("  ? unexplained", "bold $warning"))
    if term.new_here and audience is Audience.FACILITATOR:
        runs.append(("  new", "italic $accent"))
    details = _term_details(term, audience, everyone=False)
    if details:
        runs.append(("  — " + " · ".join(details), "dim"))
    if term.confidential:
        runs.append(CONFIDENTIAL_MARK)
    return _rendered(runs)


def term_notice(term: BoardTerm, audience: Audience, *, hidden: bool = False) -> str:
    """The quiet notice that a term was counted: the term and its tally, or what stands in for it."""
    shown = visibility(Kind.TERM, Facts(term.confidential, hidden), audience)
    said = {Shown.IN_FULL: term.display, Shown.NOT_AT_ALL: "a term hidden from the room"}.get(shown, CONFIDENTIAL_TERM)
    return f"{said} ×{term.tally}"


def glossary_line(
    term: BoardTerm, audience: Audience, *, today: datetime | None = None, hidden: bool = False
) -> Rendered | None:
    """A glossary entry: the term, how often and where it came up, and everything it means."""
    shown = visibility(Kind.TERM, Facts(term.confidential, hidden), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    details = _term_details(term, audience, everyone=True)
    raised = (
        f"  raised {term.total}× in {term.meetings} meeting{'s' if term.meetings != 1 else ''}"
        f"{', last ' + describe_day(term.last_raised, today=today) if term.last_raised else ''}"
        if term.total else "  not raised in a meeting yet"
    )
    return _rendered([
        (term.display, "bold"),
        *_marks(audience, hidden=hidden, confidential=False),
        ("  ? still unexplained" if term.unexplained else "", "bold $warning"),
        (raised, "dim"),
        *_marks(audience, hidden=False, confidential=term.confidential),
        ("\n", ""),
        ("    " + (" · ".join(details) if details else "no meaning recorded yet"), "" if details else "dim"),
    ])


def credit(elephant: Elephant, audience: Audience) -> str:
    """Who named an elephant, as this audience may read it."""
    return said_by(elephant.attribution, elephant.said_by, elephant.credited_organisation, audience) or "anonymous"


def elephant_line(elephant: Elephant, now: datetime, audience: Audience, *, hidden: bool = False) -> Rendered | None:
    """One elephant in a meeting's parking lot: its status, its words, how long it has waited."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = STATUS_WORDS[elephant.status]
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(f"{status:<11}", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    age = f"waiting {waited(elephant.raised_at, now)}" if elephant.is_open else elephant.resolution_note
    return _rendered([
        (f"{status:<11}", "bold" if elephant.is_open else "dim"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=False),
        (f"  — {age}" if age else "", "dim"),
        *_marks(audience, hidden=False, confidential=elephant.confidential),
    ])


def parking_line(elephant: Elephant, now: datetime, audience: Audience, *, hidden: bool = False) -> Rendered | None:
    """An elephant in the partnership's parking lot, with its age (open) or its resolution (closed)."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = STATUS_WORDS[elephant.status]
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(f"{status:<11}", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    meetings = elephant.meetings_waited
    if elephant.is_open:
        detail = f"waiting {waited(elephant.raised_at, now)}" + (
            f", {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
        )
    else:
        when = f" in {elephant.resolved_in}" if elephant.resolved_in else ""
        after = waited(elephant.raised_at, elephant.resolved_at or now)
        after = f" after {after}" if after and after != "since today" else " the day it was raised"
        across = f" and {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
        detail = f"{status}{when}{after}{across}: {elephant.resolution_note or 'no note'}"
    return _rendered([
        (f"{status:<11}", "bold" if elephant.is_open else "dim"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=elephant.confidential),
        ("\n", ""),
        (f"           raised {describe_day(elephant.raised_at)}"
         f"{' in ' + elephant.raised_in if elephant.raised_in else ''} by {credit(elephant, audience)} · {detail}",
         "dim"),
    ])


def moment_line(point: TurningPoint, audience: Audience, *, when: str, where: str) -> Rendered | None:
    """A turning point: when, what kind, where, what happened, what it opened up and led to."""
    shown = visibility(Kind.TURNING_POINT, Facts(point.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(when, "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    indent = "\n" + " " * len(when)
    kind = KIND_WORDS.get(point.kind.value, "") if point.kind else "details still to add"
    led_to = point.agreement if shows(Kind.LED_TO, audience, confidential=point.agreement_confidential) \
        else CONFIDENTIAL_AGREEMENT
    return _rendered([
        (when, "bold"),
        (kind, "bold" if point.kind else "italic $warning"),
        (f"  in {where}" if where else "", "dim"),
        *_marks(audience, hidden=False, confidential=point.confidential),
        (indent, ""),
        (point.note or "—", ""),
        (f"{indent}opened up: {point.opened_up}" if point.opened_up else "", "dim"),
        (f"{indent}led to: {led_to}" if point.agreement else "", "$success"),
    ])


def timeline_line(point: TurningPoint, audience: Audience) -> Rendered | None:
    """A turning point on this meeting's timeline, by its time of day and section."""
    return moment_line(point, audience, when=local(point.marked_at).strftime("%H:%M  "), where=point.section)


def milestone_line(point: TurningPoint, audience: Audience) -> Rendered | None:
    """A turning point on the partnership's timeline, by the day and meeting it happened in."""
    where = point.meeting_title + (f", {point.section}" if point.section else "")
    return moment_line(point, audience, when=f"{describe_day(point.meeting_started_at or point.marked_at)}  ",
                       where=where)


OVERDUE_STYLE = "bold $warning"
"""How an overdue action is marked, on every screen."""


def due_run(due_on: date | None, today: date | None, *, status: str = "open", lead: str = "",
            style: str = "dim") -> Run:
    """An action's due date on a screen, the one way every screen says it: "due Wed 02 Dec"
    (`screen_day`: the year only outside this one), or, when it is overdue (`is_overdue`: open
    or carried, and due before today), "overdue since Wed 02 Dec (3 days)" marked in
    `OVERDUE_STYLE`. `lead` goes before the words; "" when there is no due date."""
    if due_on is None:
        return ("", "")
    day = screen_day(due_on, today=today)
    if today is not None and is_overdue(due_on, today=today, status=status):
        late = (today - due_on).days
        return (f"{lead}overdue since {day} ({late:,} day{'s' if late != 1 else ''})", OVERDUE_STYLE)
    return (f"{lead}due {day}", style)


def agreement_line(agreement: Agreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """One agreement of the meeting with its parties and review date (the runner's list)."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is not Shown.IN_FULL:  # the meeting's list leaves out what it may not show
        return None
    details = []
    if agreement.parties:
        details.append(", ".join(agreement.parties))
    if agreement.review_on:
        details.append(f"review {screen_day(agreement.review_on, today=today)}")
    return _rendered([
        ("Agreed  ", "bold $success"),
        (agreement.text, ""),
        (f"  ({'; '.join(details)})" if details else "", "dim"),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
    ])


def action_line(action: Action, audience: Audience, *, today: date | None) -> Rendered | None:
    """One action of the meeting with its owner and due date, marked when overdue (the runner's
    list and the wall's)."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is not Shown.IN_FULL:
        return None
    due = due_run(action.due_on, today, status=action.status)
    opening = f"  ({action.owner}{'; ' if action.owner and due[0] else ''}" if action.owner or due[0] else ""
    return _rendered([
        ("Action  ", "bold $accent"),
        (action.text, ""),
        (opening, "dim"), due, (")" if opening else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
    ])


def register_agreement_line(agreement: Agreement, audience: Audience, *, today: date) -> Rendered | None:
    """An agreement in the partnership's register, with where it was made and whether its review is due."""
    made = describe_day(agreement.meeting_started_at or agreement.created_at)
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(f"{made}  ", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    review: Run = ("", "")
    if agreement.review_on and agreement.is_standing:
        due = agreement.due_for_review(today)
        review = (f"  · review {'was due' if due and agreement.review_on < today else 'due'} "
                  f"{describe_date(agreement.review_on, today)}" if due else
                  f"  · review {describe_date(agreement.review_on, today)}", "bold $warning" if due else "dim")
    return _rendered([
        (f"{made}  ", "bold"), (agreement.text, ""),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
        ("\n", ""),
        (f"    {', '.join(agreement.parties) or 'no parties named'}"
         f" · {agreement.status.value}{' · in ' + agreement.meeting_title if agreement.meeting_title else ''}", "dim"),
        review,
    ])


def register_action_line(action: Action, audience: Audience, *, today: date) -> Rendered | None:
    """An open action in the partnership's register: who, by when, how overdue, how old."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("open  ", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    due = due_run(action.due_on, today, status=action.status, style="") if action.due_on else ("no due date", "dim")
    opened = describe_day(action.opened_at) if action.opened_at else ""
    return _rendered([
        due, ("  ", ""), (action.text, ""),
        *_marks(audience, hidden=False, confidential=action.confidential),
        ("\n", ""),
        (f"    {action.owner or 'nobody yet'} · agreed {opened}{' · carried' if action.carried else ''}", "dim"),
    ])


def carry_action_line(action: Action, now: datetime, audience: Audience) -> Rendered | None:
    """An action left open by an earlier meeting, in the review section's list: its words, its
    owner, how long it has been open and when it is due. A confidential one is a stand-in
    (nothing of what it says, nor who owns it) for an audience that may not read it."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("Action  ", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    return _rendered([
        ("Action  ", "bold"),
        (action.text, ""),
        (f" — {action.owner}" if action.owner else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
        ("\n", ""),
        (f"        open {waited(action.opened_at, now)}", "dim"),
        due_run(action.due_on, local(now).date(), status=action.status, lead=" · "),
    ])


def carry_agreement_line(agreement: Agreement, today: date, audience: Audience) -> Rendered | None:
    """An agreement whose review day has come, in the review section's list: its words, who is
    party to it, and since when its review is due. A confidential one is a stand-in."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("Review  ", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    due = describe_date(agreement.review_on, today) if agreement.review_on else ""
    return _rendered([
        ("Review  ", "bold"),
        (agreement.text, ""),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
        ("\n", ""),
        (f"        agreement of {', '.join(agreement.parties) or 'no parties named'}", "dim"),
        (f" · review due {due}", "bold $warning"),
    ])


def carry_elephant_line(
    elephant: OpenElephant, now: datetime, audience: Audience, *, hidden: bool = False
) -> Rendered | None:
    """An elephant still open from an earlier meeting, in the review section's list: its status,
    its words, how long and across how many meetings it has waited."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = f"{elephant.status.value.replace('_', ' ').capitalize():<11}"  # "Discussing " and its gap
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(status, "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    meetings = elephant.meetings_waited
    across = f" · {meetings} meeting{'s' if meetings != 1 else ''}" if meetings else ""
    return _rendered([
        (status, "bold"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=elephant.confidential),
        ("\n", ""),
        (f"{'':<11}waiting {waited(elephant.raised_at, now)}{across}", "dim"),
    ])


def summary_agreement_line(agreement: SummaryAgreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """An agreement in the end-of-meeting summary: its words, parties and review date."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is Shown.NOT_AT_ALL or shown is Shown.COUNTED:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("• ", ""), (CONFIDENTIAL_AGREEMENT, STAND_IN_STYLE)])
    details = [", ".join(agreement.parties)] if agreement.parties else []
    if agreement.review_on:
        details.append(f"review {screen_day(date.fromisoformat(agreement.review_on), today=today)}")
    return _rendered([
        ("• ", ""), (agreement.text, ""), (f" ({'; '.join(details)})" if details else "", ""),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
    ])


def summary_action_line(action: SummaryAction, audience: Audience, *, today: date | None) -> Rendered | None:
    """An action in the end-of-meeting summary: its words, owner, due date (marked when overdue),
    and whether it was carried."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is Shown.NOT_AT_ALL or shown is Shown.COUNTED:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("• ", ""), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    due = due_run(date.fromisoformat(action.due_on) if action.due_on else None, today, style="")
    return _rendered([
        ("• ", ""), (action.text, ""),
        (f" — {action.owner}{'; ' if action.owner and due[0] else ''}" if action.owner or due[0] else "", ""), due,
        (" (carried)" if action.carried else "", ""),
        *_marks(audience, hidden=False, confidential=action.confidential),
    ])


def attendance_line(row: SummaryAttendance, audience: Audience) -> Rendered:
    """Who came from one organisation: how many, and the names of those who gave one only to an
    audience that may see the attendee list (never the room or a participant)."""
    names = row.named if shows(Kind.ATTENDEE, audience) else ()
    unnamed = row.count - len(names)
    return _rendered([
        (f"{row.organisation} ({row.count})", ""),
        (f": {', '.join(names)}" if names else "", ""),
        (f" and {unnamed} unnamed" if names and unnamed else "", ""),
    ])


def record_credit(
    attribution: str, credited: str | None, audience: Audience, *, naming: Naming = Naming.PEOPLE
) -> str | None:
    """Who an item of a meeting's record is credited to, for this audience (`audience.said_by`).

    `credited`: how the record names it ("Dana, school board" for a named person, the
    organisation for an organisation-credited item, None for an anonymous one)."""
    organisation = credited if attribution == "organisation" else None
    return said_by(attribution, credited, organisation, audience, naming=naming)


def _credit_run(attribution: str, credited: str | None, audience: Audience) -> Run:
    credit_to = record_credit(attribution, credited, audience)
    return (f" ({credit_to})" if credit_to else "", "dim")


AS_AT_THE_END = ("Each item as it stood when the meeting ended; what happened later is marked "
                 "\u201csince then\u201d, with its date. Expansions, plain words and same-as names are as "
                 "the glossary has them now: the file keeps no date for them.")
"""What a meeting's record says, once, of the time it speaks for."""
AS_AT_THE_END_SHORT = "As it stood when the meeting ended; what came later is marked \u201csince then\u201d."
"""The same, in one line, for the record screen."""

_LATER_WORDS = {
    "parked": "parked again",
    "discussing": "taken up for discussion",
    "addressed": "addressed",
    "let_go": "let go",
    "meaning": "meaning given",
    "done": "done",
    "dropped": "dropped",
    "carried": "carried forward",
}


def _record_day(stamp: str | None) -> str:
    """A stored UTC stamp as a local day, written as every document writes days, "Fri 12 Jul 2024"
    ("" when there is none)."""
    instant = from_iso(stamp)
    if instant is None:
        return ""
    return f"{local(instant).date():%a %d %b %Y}"


def since_then(change: LaterChange, *, explains: bool = False) -> str:
    """One thing that happened to an item after its meeting ended, dated and placed:
    "since then: addressed on 12 Jul 2024 in Operational meeting: Managers met and settled it".

    `explains`: the meaning that first explained a term still unexplained at the end.
    """
    words = "explained" if explains and change.change == "meaning" else _LATER_WORDS.get(
        change.change, change.change.replace("_", " "))
    when = _record_day(change.at)
    text = f"since then: {words}" + (f" on {when}" if when else "")
    if change.meeting:
        held = _record_day(change.meeting_started_at)
        into = "into" if change.change == "carried" else "in"
        text += f" {into} {change.meeting}" + (f" of {held}" if held and held != when else "")
    elif change.change != "carried":
        text += ", outside a meeting"
    said = f"{change.organisation}: {change.note}" if change.organisation and change.note else change.note
    return text + (f": {said}" if said else "")


def since_then_lines(item: RecordedElephant | RecordedTerm | RecordedAction) -> list[str]:
    """Every later change of an item in its record, oldest first (`since_then`), as words."""
    unexplained = isinstance(item, RecordedTerm) and item.unexplained
    return [since_then(change, explains=unexplained and index == 0) for index, change in enumerate(item.since_then)]


def merge_conflict_lines(item: RecordedElephant | RecordedTerm | RecordedAction | RecordedAgreement) -> list[str]:
    """What merges found two sites had decided differently about an item, a line a merge, with both
    decisions: 'decided at two sites, merged from there.db on Sat 05 Dec 2026: status "addressed"
    here, "let go" at there.db; the other site's kept'. The item is in the record, so its audience
    may read it in full."""
    found = []
    for conflict in item.merge_conflicts:
        other = conflict.other_file or "the other site"
        changes = "; ".join(
            field_change(decision.field, decision.here, decision.there, Audience.FACILITATOR,
                         here_word="here", there_word=f"at {other}")
            for decision in conflict.fields
        )
        kept = "this file's kept" if conflict.kept == "here" else "the other site's kept"
        found.append(f"decided at two sites, merged from {other} on {_record_day(conflict.merged_at)}: "
                     f"{changes}; {kept}")
    return found


def later_lines(item: RecordedElephant | RecordedTerm | RecordedAction | RecordedAgreement) -> list[str]:
    """Everything a record shows apart from how an item stood at the end: what happened since
    (`since_then_lines`), then what two sites decided differently (`merge_conflict_lines`)."""
    since = since_then_lines(item) if not isinstance(item, RecordedAgreement) else []
    return since + merge_conflict_lines(item)


def _since_runs(item: RecordedElephant | RecordedTerm | RecordedAction | RecordedAgreement) -> list[Run]:
    return [(f"\n    {line}", "italic dim") for line in later_lines(item)]

def record_agreement_line(agreement: RecordedAgreement, audience: Audience, *, today: date) -> Rendered | None:
    """An agreement in a meeting's record: its words, parties, review date and who proposed it."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is not Shown.IN_FULL:  # left out of the record, and counted there
        return None
    parties = ", ".join(agreement.parties)
    review = agreement.review_on
    return _rendered([
        ("Agreement  ", "bold $success"), (agreement.text, ""),
        (f"  · between {parties}" if parties else "", "dim"),
        (f"  · review {describe_date(date.fromisoformat(review), today)}" if review else "", "dim"),
        _credit_run(agreement.attribution, agreement.said_by, audience),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
        *_since_runs(agreement),
    ])


def record_action_overdue(action: RecordedAction, today: date | None) -> bool:
    """Whether an action of a meeting's record is overdue on `today` (`is_overdue`): still to be done
    at the meeting's end (open, or carried on) and not done or dropped since, and due before today."""
    if action.due_on is None or any(change.change in ("done", "dropped") for change in action.since_then):
        return False
    return is_overdue(date.fromisoformat(action.due_on), today=today, status=action.status)


def record_action_line(action: RecordedAction, audience: Audience, *, today: date | None) -> Rendered | None:
    """An action in a meeting's record: its words, owner, due date (marked when overdue today) and status."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is not Shown.IN_FULL:
        return None
    return _rendered([
        ("Action  ", "bold"), (action.text, ""),
        (f"  · {action.owner}" if action.owner else "  · nobody yet", "dim"),
        due_run(date.fromisoformat(action.due_on) if action.due_on else None, today,
                status="open" if record_action_overdue(action, today) else "done", lead="  · "),
        (f"  · {action.status}" if action.status != "open" else "", "dim"),
        ("  · carried from before" if action.carried else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
        *_since_runs(action),
    ])


def record_elephant_line(elephant: RecordedElephant, audience: Audience) -> Rendered | None:
    """An elephant in a meeting's record: raised here (its status at the end, who named it), or an
    earlier one moved on here (its status at the end and how it was resolved); then, apart and
    dated, what became of it since."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential), audience)
    if shown is not Shown.IN_FULL:
        return None
    status = status_words(elephant.status)
    marks = _marks(audience, hidden=False, confidential=elephant.confidential)
    if not elephant.raised_here:
        return _rendered([
            (f"{status}  ", "bold"), (elephant.text, ""),
            (f"  · {elephant.resolution_note}" if elephant.resolution_note else "", "dim"), *marks,
            *_since_runs(elephant),
        ])
    return _rendered([
        ("Elephant raised  ", "bold $warning"), (elephant.text, ""), (f"  · {status} at the end", "dim"),
        (f": {elephant.resolution_note}" if elephant.resolution_note else "", "dim"),
        _credit_run(elephant.attribution, elephant.said_by, audience), *marks, *_since_runs(elephant),
    ])


def record_point_line(point: RecordedTurningPoint, audience: Audience) -> Rendered | None:
    """A turning point in a meeting's record: its kind, what happened, what it opened up and the
    agreement it led to."""
    shown = visibility(Kind.TURNING_POINT, Facts(point.confidential), audience)
    if shown is not Shown.IN_FULL:
        return None
    kind = KIND_WORDS.get(point.kind or "", "turning point")
    return _rendered([
        (f"Turning point, {kind}  ", "bold $accent"), (point.note or "(no details yet)", ""),
        (f"\n    opened up: {point.opened_up}" if point.opened_up else "", "dim"),
        (f"\n    led to: {point.agreement}" if point.agreement else "", "$success"),
        *_marks(audience, hidden=False, confidential=point.confidential),
    ])


def record_term_line(term: RecordedTerm, audience: Audience) -> Rendered | None:
    """A term on a meeting's jargon board at its end, with the meanings known then (its expansion and
    plain words as the glossary has them: they are undated), and the meanings given since, dated."""
    if visibility(Kind.TERM, Facts(term.confidential), audience) is not Shown.IN_FULL:
        return None
    meanings = [f"{m.organisation or 'everyone'}: {m.meaning}" for m in term.meanings]
    details = [part for part in (term.expansion, *meanings,
                                 f"plainly: {term.plain_words}" if term.plain_words else "") if part]
    return _rendered([
        (term.term, "bold"), (f"  ×{term.mentions_here}", "dim"),
        ("  new here" if term.new_here else "", "dim"),
        ("  ? still unexplained" if term.unexplained else "", "bold $warning"),
        *_marks(audience, hidden=False, confidential=term.confidential),
        ("\n    " + " · ".join(details) if details else "\n    no meaning recorded by the end", "" if details else "dim"),
        *_since_runs(term),
    ])


EARLIER_ACTION_WORDS = {"done": "Done", "dropped": "Dropped", "carried": "Carried on"}
"""What the meeting did with an earlier meeting's action, as the minutes say it."""


def earlier_action_line(action: RecordedAction, audience: Audience, *, today: date | None) -> Rendered | None:
    """An earlier meeting's action closed or carried on in this one (the minutes' "since last time"):
    what became of it, its words, its owner and the due date it had."""
    if visibility(Kind.ACTION, Facts(action.confidential), audience) is not Shown.IN_FULL:
        return None
    return _rendered([
        (f"{EARLIER_ACTION_WORDS.get(action.status, status_words(action.status))}  ", "bold"), (action.text, ""),
        (f"  · {action.owner}" if action.owner else "", "dim"),
        due_run(date.fromisoformat(action.due_on) if action.due_on else None, today, status="done", lead="  · "),
        ("  · goes on as one of this meeting's actions" if action.status == "carried" else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
    ])


def reviewed_agreement_line(item: ReviewedAgreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """An agreement due for review, and what the meeting decided: confirmed (with its next review),
    revised (with its new wording) or retired."""
    if visibility(Kind.AGREEMENT, Facts(item.confidential), audience) is not Shown.IN_FULL:
        return None
    if item.decision == "revised":
        decided = [("Agreement revised  ", "bold"), (item.text, ""), ("\n    now: ", "dim"), (item.new_wording or "", "")]
    elif item.decision == "retired":
        decided = [("Agreement retired  ", "bold"), (item.text, "")]
    else:
        review = date.fromisoformat(item.review_on) if item.review_on else None
        decided = [("Agreement confirmed  ", "bold"), (item.text, ""),
                   (f"  · next review {screen_day(review, today=today)}" if review else "  · no further review", "dim")]
    return _rendered([
        *decided, (f"\n    {item.note}" if item.note else "", "dim"),
        *_marks(audience, hidden=False, confidential=item.confidential),
    ])


LABEL_LIMIT = 60
"""The longest a message quotes an item's words."""


def _row_shown(audience: Audience, kind: Kind | None, confidential: bool) -> bool:
    """Whether a message for `audience` may quote what a stored row says (`row_label`)."""
    if kind is not None:
        return visibility(kind, Facts(confidential), audience) is Shown.IN_FULL
    return not confidential or audience is Audience.FACILITATOR


def _label_text(text: str) -> str:
    text = " ".join(text.split())
    return text[: LABEL_LIMIT - 1] + "…" if len(text) > LABEL_LIMIT else text


def row_label(
    kind_words: str, text: str, audience: Audience, *, kind: Kind | None = None, confidential: bool = False
) -> str:
    """How a message names one stored item (a merge's conflicts and refusals): its kind and its
    first words, or, when the audience may not read them, "a confidential …" (or its kind alone).
    `kind`: the item's kind for the policy; None for a row that is no item of its own (a meeting,
    an organisation), whose words are shown unless it is marked confidential."""
    if not _row_shown(audience, kind, confidential):
        return f"a confidential {kind_words}" if confidential else kind_words
    text = _label_text(text)
    return f'{kind_words} "{text}"' if text else kind_words


FIELD_WORDS = {
    "text": "words", "resolution_note": "note", "note": "what happened", "opened_up": "what it opened up",
    "plain_words": "plain words", "display": "spelling", "due_on": "due date", "review_on": "review date",
    "hidden": "hidden from the room", "resolved_meeting_id": "meeting it was settled in",
    "person_id": "who it is credited to", "organisation_id": "organisation it is credited to",
    "owner_person_id": "owner", "led_to_agreement_id": "agreement it led to", "group_id": "same-as group",
}
"""How a merge's conflict names a stored column (`field_change`); others by their name."""


def _field_value(column: str, value: object) -> str:
    if value is None or value == "":
        return "nothing"
    if column in ("confidential", "hidden", "unexplained"):
        return "yes" if value else "no"
    if column == "status" or column.endswith("status"):
        value = RECORD_STATUS_WORDS.get(str(value), str(value).replace("_", " "))
    elif column.endswith("_at") and isinstance(value, str):
        try:
            value = describe_moment(from_iso(value) or datetime.min)
        except (ValueError, OverflowError):
            pass  # not a time after all: quoted as it is
    return f'"{_label_text(str(value))}"'


def field_change(
    column: str, here: object, there: object, audience: Audience, *, kind: Kind | None = None,
    confidential: bool = False, here_word: str = "", there_word: str = "",
) -> str:
    """One field a row holds differently at two sites, as a merge lists it: 'status: here
    "addressed", there "let go"' (or, with `here_word` and `there_word`, 'status: "addressed" here,
    "let go" at there.db'). What the audience may not read, and ids, are named, not quoted:
    'words: differs'."""
    words = FIELD_WORDS.get(column, column.replace("_", " "))
    if column.endswith("_id") or not _row_shown(audience, kind, confidential):
        return f"{words}: differs"
    if here_word or there_word:
        return f"{words}: {_field_value(column, here)} {here_word}, {_field_value(column, there)} {there_word}"
    return f"{words}: here {_field_value(column, here)}, there {_field_value(column, there)}"


MATCH_STYLE = "bold reverse"
"""The words a search matched, inside a hit's snippet."""


def snippet_runs(snippet: str) -> list[Run]:
    """A snippet as runs, its matches (marked with `HIT_START` / `HIT_END`) in `MATCH_STYLE`."""
    pieces = snippet.replace(HIT_END, HIT_START).split(HIT_START)
    return [(piece, MATCH_STYLE if index % 2 else "") for index, piece in enumerate(pieces) if piece]


def search_hit_line(hit: SearchHit, audience: Audience, *, today: datetime | None = None) -> Rendered | None:
    """A search hit: what kind of thing it is, where it came from, and the words around the match.
    A confidential hit is for the facilitator and an export with confidential items only: to any
    other audience its words are not shown, not even a stand-in (a stand-in would tell that
    confidential words match)."""
    if visibility(Kind.SEARCH_HIT, Facts(hit.confidential), audience) is not Shown.IN_FULL:
        return None
    when = describe_day(from_iso(hit.meeting_started_at), today=today) if hit.meeting_started_at else ""
    where = " · ".join(part for part in (hit.meeting or "", when, hit.partnership or "") if part)
    return _rendered([
        (f"{hit.kind:<15}", "bold"),
        (where, "dim"),
        *_marks(audience, hidden=False, confidential=hit.confidential),
        ("\n" + " " * 15, ""),
        *snippet_runs(hit.snippet),
    ])


def room_term_line(
    display: str, tally: int, unexplained: bool, explained: Iterable[str], audience: Audience = Audience.PARTICIPANT,
    *, confidential: bool = False, hidden: bool = False,
) -> Rendered | None:
    """A term on a participant's page, from what the store reads for the room (already without
    confidential meanings and aliases): tally, the term, unexplained, what it means so far."""
    shown = visibility(Kind.TERM, Facts(confidential, hidden), audience)
    tally_run = (f"{tally:>3}× ", "bold")
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([tally_run, (CONFIDENTIAL_TERM, STAND_IN_STYLE)])
    explained = tuple(explained)
    return _rendered([
        tally_run,
        (display, "bold"),
        ("  ? unexplained" if unexplained else "", "bold $warning"),
        ("  — " + " · ".join(explained) if explained else "", "dim"),
    ])


def room_elephant_line(
    text: str, status: ElephantStatus, audience: Audience = Audience.PARTICIPANT,
    *, confidential: bool = False, hidden: bool = False,
) -> Rendered | None:
    """An open elephant on a participant's page: whether it is being discussed, and its words."""
    shown = visibility(Kind.ELEPHANT, Facts(confidential, hidden), audience)
    words = "discussing" if status is ElephantStatus.DISCUSSING else "parked"
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(f"{words:<11}", "bold"), (CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    return _rendered([(f"{words:<11}", "bold"), (text, "")])


UNDO_KINDS: dict[str, tuple[str, Kind | None]] = {
    "notes": ("note", Kind.NOTE), "elephants": ("elephant", Kind.ELEPHANT),
    "turning_points": ("turning point", Kind.TURNING_POINT), "agreements": ("agreement", Kind.AGREEMENT),
    "actions": ("action", Kind.ACTION), "jargon_terms": ("term", Kind.TERM),
    "jargon_meanings": ("meaning", Kind.MEANING), "attendance": ("attendee", Kind.ATTENDEE),
    "people": ("attendee", Kind.ATTENDEE), "organisations": ("organisation", None),
    "section_runs": ("section", None),
}
"""How an undo's message names each table's item, and its kind for the audience policy."""

UNDONE_WORDS = {
    "edited": "edited", "deleted": "deleted", "reviewed": "reviewed", "revised": "revised",
    "retired": "retired", "done": "marked done", "dropped": "dropped", "reopened": "reopened",
    "renamed": "renamed", "adjusted": "given more or less time", "skipped": "skipped",
    "replanned": "replanned",
}
"""What a change did, as an undo's message says it ("action … marked done")."""


def undone_notice(
    table: str, kind: str, fields: Iterable[tuple[str, object, object]], words: str, audience: Audience, *,
    confidential: bool = False,
) -> str:
    """What ctrl+z undid, for a toast: 'Undone: action "Send the referral form" marked done'. The item
    is quoted only when the audience may read it (`row_label`); an elephant's move says where it went."""
    kind_words, item_kind = UNDO_KINDS.get(table, (table.replace("_", " "), None))
    if table == "attendance":
        kind_words = "attendee"
    label = row_label(kind_words, words, audience, kind=item_kind, confidential=confidential)
    status = next((after for column, _, after in fields if column == "status"), None)
    if table == "elephants" and isinstance(status, str):
        did = RECORD_STATUS_WORDS.get(status, status.replace("_", " "))
        did = {"parked": "parked again", "discussing": "moved to discussing"}.get(did, did)
    elif table == "elephants" and kind == "edited" and any(column == "elephant_event_id" for column, _, _ in fields) \
            and not any(column == "text" for column, _, _ in fields):
        did = "note corrected"
    elif table == "attendance" and kind == "deleted":
        did = "removed from the meeting"
    elif table == "people" and kind == "edited":
        did = "corrected"
    else:
        did = UNDONE_WORDS.get(kind, kind)
    return f"Undone: {label} {did}"


HISTORY_FIELDS = ("text", "status", "owner_person_id", "owner_organisation_id", "due_on", "review_on", "successor_id")
"""The fields an agreement's or action's history shows, in this order; the rest (times, credit, the
ids of its meeting and section) is kept for an undo, not said."""

_CHANGE_WORDS = {
    ChangeKind.EDITED: "corrected", ChangeKind.DELETED: "deleted", ChangeKind.REVIEWED: "confirmed on review",
    ChangeKind.REVISED: "revised", ChangeKind.RETIRED: "retired", ChangeKind.DONE: "marked done",
    ChangeKind.DROPPED: "dropped",
}
_HISTORY_WORDS = {"successor_id": "new wording", "owner_organisation_id": "owner (an organisation)"}
_CHANGE_KINDS = {ChangedTable.AGREEMENTS: Kind.AGREEMENT, ChangedTable.ACTIONS: Kind.ACTION}


def _history_value(column: str, value: object, names: dict[str, str], today: date) -> str:
    if value is None or value == "":
        return "nothing" if column != "successor_id" else "-"
    if column in ("due_on", "review_on") and isinstance(value, str):
        try:
            return describe_date(date.fromisoformat(value), today)
        except ValueError:
            return _label_text(value)
    if column.endswith("_id"):
        return names.get(str(value), f"…{str(value)[-8:]}")
    return _field_value(column, value)


def change_line(
    change: Change, audience: Audience, *, today: date, names: dict[str, str] | None = None
) -> Rendered | None:
    """One entry of an agreement's or action's history: when, what was decided or corrected, in which
    meeting (or between meetings), each shown field's before → after, and the note. An audience that
    may not read the item (a confidential one, to the room or an export without them) is told what
    was done and when, never the words, the values or the note. `names`: people's and organisations'
    labels by id, for an owner."""
    kind = _CHANGE_KINDS.get(change.table)
    if kind is None:
        return None
    shown = visibility(kind, Facts(change.confidential), audience)
    if shown in (Shown.NOT_AT_ALL, Shown.COUNTED):
        return None
    readable = shown is Shown.IN_FULL
    where = f"in {change.meeting}" if change.meeting else ("in a meeting" if change.meeting_id else "between meetings")
    runs: list[Run] = [
        (describe_moment(change.at), "dim"), ("  ", ""),
        (_CHANGE_WORDS.get(change.kind, str(change.kind)), "bold"), (f"  ({where})", "dim"),
    ]
    if not readable:
        runs.append((f"  ·  {CONFIDENTIAL_ITEM}", "italic"))
        return _rendered(runs)
    known = names or {}
    before, after = change.before(), change.after()
    if change.kind is ChangeKind.DELETED:
        runs.append((f"  ·  it said {_field_value('text', before.get('text'))}", ""))
    else:
        for column in HISTORY_FIELDS:
            if column not in before:
                continue
            words = _HISTORY_WORDS.get(column) or FIELD_WORDS.get(column, column.replace("_", " "))
            runs.append((f"  ·  {words}: {_history_value(column, before[column], known, today)} → "
                         f"{_history_value(column, after[column], known, today)}", ""))
    if change.note:
        runs.append((f"  ·  note: {_label_text(change.note)}", "italic"))
    return _rendered(runs)


# -- correcting the glossary: choosing a term or a meaning, near-duplicates (issue 16) --------


def looks_like_line(others: Iterable[BoardTerm], audience: Audience) -> Rendered | None:
    """Under a glossary entry: the terms it looks like (a plural, another spacing), as a suggestion to
    merge; a confidential one is left out where its name may not be read. None if none is shown."""
    names = [term.display for term in others
             if visibility(Kind.TERM, Facts(term.confidential), audience) is Shown.IN_FULL]
    if not names:
        return None
    return _rendered([(f"    looks like {', '.join(names)} — m to merge", "italic $accent")])


def term_choice_line(term: BoardTerm, audience: Audience, *, looks_alike: bool = False) -> Rendered | None:
    """A term offered to choose (to merge into, to move a meaning to): its name and tally."""
    shown = visibility(Kind.TERM, Facts(term.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(CONFIDENTIAL_TERM, STAND_IN_STYLE)])
    runs: list[Run] = [(term.display, "bold"), (f"  raised {term.total}×", "dim")]
    if looks_alike:
        runs.append(("  looks alike", "italic $accent"))
    return _rendered(runs)


def meaning_choice_line(term: BoardTerm, meaning: Meaning, audience: Audience) -> Rendered:
    """One of a term's meanings offered to choose (to edit, move or delete): whose, and what it says."""
    if not shows(Kind.MEANING, audience, confidential=meaning.confidential or term.confidential):
        return _rendered([(CONFIDENTIAL_ITEM, STAND_IN_STYLE)])
    return _rendered([(f"{meaning.organisation or 'everyone'}: ", "dim"), (meaning.meaning, "")])
