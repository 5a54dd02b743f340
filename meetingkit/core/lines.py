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
from functools import lru_cache

from meetingkit.core.audience import Audience, Facts, Kind, Naming, Shown, said_by, shows, visibility
from meetingkit.core.clock import describe_day, describe_moment, from_iso, is_overdue, local, screen_day
from meetingkit.core.dates import describe_date
from meetingkit.core.i18n import N_, Language, _, language, ngettext, pgettext
from meetingkit.core.localise import colon, day_text, number_text, quoted, time_text
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
from meetingkit.core.summary import organisation_words
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


CONFIDENTIAL_ITEM = N_("a confidential item")
"""The neutral stand-in for a confidential item the audience may not read (in English: a screen
shows `confidential_item()`, in the language in use)."""
CONFIDENTIAL_TERM = N_("a confidential term")
CONFIDENTIAL_AGREEMENT = N_("a confidential agreement")
STAND_IN_STYLE = "italic dim"


def confidential_item() -> str:
    """`CONFIDENTIAL_ITEM` in the language in use."""
    return _("a confidential item")


def confidential_term() -> str:
    """`CONFIDENTIAL_TERM` in the language in use."""
    return _("a confidential term")


def confidential_agreement() -> str:
    """`CONFIDENTIAL_AGREEMENT` in the language in use."""
    return _("a confidential agreement")


HIDDEN_MARK = "  · hidden"
"""After an item the facilitator hid from the room (never drawn on the wall): short, as lines wrap.
In English; `hidden_mark()` in the language in use."""
HIDDEN_STYLE = "italic $error"
CONFIDENTIAL_MARK = ("  · confidential", "italic $warning")
"""In English; `confidential_mark()` in the language in use."""


def hidden_mark() -> str:
    """`HIDDEN_MARK` in the language in use."""
    # Translators: a short mark after an item the facilitator hid from the room.
    return "  · " + pgettext("mark after an item", "hidden")


def confidential_mark() -> Run:
    """`CONFIDENTIAL_MARK` in the language in use."""
    # Translators: a short mark after a confidential item.
    return ("  · " + pgettext("mark after an item", "confidential"), CONFIDENTIAL_MARK[1])


STATUS_WORDS = {
    ElephantStatus.PARKED: "parked",
    ElephantStatus.DISCUSSING: "discussing",
    ElephantStatus.ADDRESSED: "addressed",
    ElephantStatus.LET_GO: "let go",
}
"""An elephant's status as people say it, in English: `status_words` says it in the language in use."""

RECORD_STATUS_WORDS = {status.value: words for status, words in STATUS_WORDS.items()}
"""An elephant's status as a record holds it (the stored word), as people say it (in English)."""


def _status_words() -> dict[str, str]:
    return {
        "parked": pgettext("elephant status", "parked"),
        "discussing": pgettext("elephant status", "discussing"),
        "addressed": pgettext("elephant status", "addressed"),
        "let_go": pgettext("elephant status", "let go"),
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
        "carried": pgettext("action status", "carried"),
        "active": pgettext("agreement status", "active"),
        "revised": pgettext("agreement status", "revised"),
        "retired": pgettext("agreement status", "retired"),
    }


def status_words(status: str) -> str:
    """Any item's stored status as people say it, in the language in use: an elephant's `let_go` is
    "let go"; an action's (open, done, dropped, carried) and an agreement's (active, revised, retired)
    are words already in English. A word meetingkit does not know (a file another tool changed) is
    given as it is."""
    return _status_words().get(status, status)


def _status_cell(status: str, *, capital: bool = False) -> str:
    """An elephant's status words in their column: 11 wide in English, as wide as the longest
    status needs in another language, so the elephants' words line up."""
    width = max(11, *(len(status_words(each)) + 1 for each in ElephantStatus))
    words = status_words(status)
    return f"{(words[:1].upper() + words[1:]) if capital else words:<{width}}"


KIND_WORDS = {
    "new_understanding": "new understanding",
    "apology": "apology",
    "concession": "concession",
    "kind_word": "kind word",
    "other": "other",
}
"""A turning point's kind, as people say it (in English: `kind_words` in the language in use)."""


def kind_words(kind: str) -> str | None:
    """A turning point's stored kind as people say it in the language in use (None for a kind
    meetingkit does not know)."""
    return {
        "new_understanding": pgettext("turning point kind", "new understanding"),
        "apology": pgettext("turning point kind", "apology"),
        "concession": pgettext("turning point kind", "concession"),
        "kind_word": pgettext("turning point kind", "kind word"),
        "other": pgettext("turning point kind", "other"),
    }.get(kind)


def _days_waited(since: datetime | None, now: datetime) -> int | None:
    """Whole local days from `since` to `now` (None without a `since`)."""
    if since is None:
        return None
    return (local(now).date() - local(since).date()).days


def waited(since: datetime | None, now: datetime) -> str:
    """ "open 28 days" style age."""
    days = _days_waited(since, now)
    if days is None:
        return ""
    if days <= 0:
        # Translators: how long an item has waited, after "waiting" or "open" ("waiting since today").
        return _("since today")
    # Translators: how long an item has waited, after "waiting" or "open" ("waiting 3 days").
    return ngettext("{count} day", "{count} days", days).format(count=days)


def _marks(audience: Audience, *, hidden: bool, confidential: bool) -> list[Run]:
    """The facilitator's marks after an item's words: hidden from the room, confidential."""
    runs: list[Run] = []
    if hidden and audience is Audience.FACILITATOR:
        runs.append((hidden_mark(), HIDDEN_STYLE))
    if confidential:
        runs.append(confidential_mark())
    return runs


def _meaning_words(organisation: str | None, meaning: str) -> str:
    """ "Org: what it means there", "everyone" for a meaning given for everyone."""
    whose = organisation or _("everyone")
    return f"{whose}{colon()} {meaning}"


def _term_details(term: BoardTerm, audience: Audience, *, everyone: bool) -> list[str]:
    """What a term means, with its meanings and aliases as this audience may see them."""
    meanings = [
        _meaning_words(m.organisation, m.meaning) if everyone else
        (_meaning_words(m.organisation, m.meaning) if m.organisation else m.meaning)
        for m in term.meanings if shows(Kind.MEANING, audience, confidential=m.confidential or term.confidential)
    ]
    aliases = [name for name in term.same_as
               if shows(Kind.ALIAS, audience, confidential=name in term.same_as_confidential or term.confidential)]
    details = [term.expansion] if term.expansion else []
    details += meanings
    if term.plain_words:
        details.append(_("plainly: {words}").format(words=term.plain_words))
    if others := [name for name in aliases if name not in term.equivalents]:
        details.append(_("same as {names}").format(names=", ".join(others)))
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
        return _rendered([tally, (confidential_term(), STAND_IN_STYLE)])
    runs: list[Run] = [tally, (term.display, "bold")]
    runs += _marks(audience, hidden=hidden, confidential=False)  # first after the term: long lines are cut
    if term.unexplained:
        # Translators: after a term nobody has explained yet; short, as the board's lines are cut.
        runs.append(("  " + _("? unexplained"), "bold $warning"))
    if term.new_here and audience is Audience.FACILITATOR:
        # Translators: after a term raised for the first time in this meeting.
        runs.append(("  " + pgettext("term", "new"), "italic $accent"))
    details = _term_details(term, audience, everyone=False)
    if details:
        runs.append(("  — " + " · ".join(details), "dim"))
    if term.confidential:
        runs.append(confidential_mark())
    return _rendered(runs)


def term_notice(term: BoardTerm, audience: Audience, *, hidden: bool = False) -> str:
    """The quiet notice that a term was counted: the term and its tally, or what stands in for it."""
    shown = visibility(Kind.TERM, Facts(term.confidential, hidden), audience)
    said = {Shown.IN_FULL: term.display, Shown.NOT_AT_ALL: _("a term hidden from the room")}.get(
        shown, confidential_term())
    return f"{said} ×{term.tally}"


def glossary_line(
    term: BoardTerm, audience: Audience, *, today: datetime | None = None, hidden: bool = False
) -> Rendered | None:
    """A glossary entry: the term, how often and where it came up, and everything it means."""
    shown = visibility(Kind.TERM, Facts(term.confidential, hidden), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(confidential_item(), STAND_IN_STYLE)])
    details = _term_details(term, audience, everyone=True)
    if not term.total:
        raised = "  " + _("not raised in a meeting yet")
    elif term.last_raised:
        raised = "  " + ngettext("raised {times}× in {count} meeting, last {day}",
                                 "raised {times}× in {count} meetings, last {day}", term.meetings).format(
            times=term.total, count=term.meetings, day=describe_day(term.last_raised, today=today))
    else:
        raised = "  " + ngettext("raised {times}× in {count} meeting", "raised {times}× in {count} meetings",
                                 term.meetings).format(times=term.total, count=term.meetings)
    return _rendered([
        (term.display, "bold"),
        *_marks(audience, hidden=hidden, confidential=False),
        ("  " + _("? still unexplained") if term.unexplained else "", "bold $warning"),
        (raised, "dim"),
        *_marks(audience, hidden=False, confidential=term.confidential),
        ("\n", ""),
        ("    " + (" · ".join(details) if details else _("no meaning recorded yet")), "" if details else "dim"),
    ])


def credit(elephant: Elephant, audience: Audience) -> str:
    """Who named an elephant, as this audience may read it."""
    return said_by(elephant.attribution, elephant.said_by, elephant.credited_organisation, audience) or pgettext(
        "credited to", "anonymous")


def elephant_line(elephant: Elephant, now: datetime, audience: Audience, *, hidden: bool = False) -> Rendered | None:
    """One elephant in a meeting's parking lot: its status, its words, how long it has waited."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = _status_cell(elephant.status)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(status, "bold"), (confidential_item(), STAND_IN_STYLE)])
    age = _("waiting {age}").format(age=waited(elephant.raised_at, now)) if elephant.is_open \
        else elephant.resolution_note
    return _rendered([
        (status, "bold" if elephant.is_open else "dim"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=False),
        (f"  — {age}" if age else "", "dim"),
        *_marks(audience, hidden=False, confidential=elephant.confidential),
    ])


def parking_line(elephant: Elephant, now: datetime, audience: Audience, *, hidden: bool = False) -> Rendered | None:
    """An elephant in the partnership's parking lot, with its age (open) or its resolution (closed)."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = status_words(elephant.status)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(_status_cell(elephant.status), "bold"), (confidential_item(), STAND_IN_STYLE)])
    meetings = elephant.meetings_waited
    if elephant.is_open:
        age = waited(elephant.raised_at, now)
        detail = ngettext("waiting {age}, {count} meeting", "waiting {age}, {count} meetings", meetings).format(
            age=age, count=meetings) if meetings else _("waiting {age}").format(age=age)
    else:
        days = _days_waited(elephant.raised_at, elephant.resolved_at or now)
        after = ngettext("after {count} day", "after {count} days", days).format(count=days) \
            if days is not None and days > 0 else _("the day it was raised")
        if meetings:
            # Translators: {after} is "after 3 days" or "the day it was raised".
            after = ngettext("{after} and {count} meeting", "{after} and {count} meetings", meetings).format(
                after=after, count=meetings)
        note = elephant.resolution_note or _("no note")
        # Translators: {status} is "addressed" or "let go"; {after} is "after 3 days (and 2 meetings)".
        detail = _("{status} in {meeting} {after}: {note}").format(
            status=status, meeting=elephant.resolved_in, after=after, note=note) if elephant.resolved_in \
            else _("{status} {after}: {note}").format(status=status, after=after, note=note)
    raised = _("raised {day} in {meeting} by {who}") if elephant.raised_in else _("raised {day} by {who}")
    return _rendered([
        (_status_cell(elephant.status), "bold" if elephant.is_open else "dim"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=elephant.confidential),
        ("\n", ""),
        (" " * len(_status_cell(elephant.status)) + raised.format(day=describe_day(elephant.raised_at), meeting=elephant.raised_in,
                                  who=credit(elephant, audience)) + f" · {detail}",
         "dim"),
    ])


def moment_line(point: TurningPoint, audience: Audience, *, when: str, where: str) -> Rendered | None:
    """A turning point: when, what kind, where, what happened, what it opened up and led to."""
    shown = visibility(Kind.TURNING_POINT, Facts(point.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(when, "bold"), (confidential_item(), STAND_IN_STYLE)])
    indent = "\n" + " " * len(when)
    kind = (kind_words(point.kind.value) or "") if point.kind else _("details still to add")
    led_to = point.agreement if shows(Kind.LED_TO, audience, confidential=point.agreement_confidential) \
        else confidential_agreement()
    return _rendered([
        (when, "bold"),
        (kind, "bold" if point.kind else "italic $warning"),
        # Translators: where a turning point happened: a section, or a meeting and its section.
        ("  " + _("in {place}").format(place=where) if where else "", "dim"),
        *_marks(audience, hidden=False, confidential=point.confidential),
        (indent, ""),
        (point.note or "—", ""),
        (indent + _("opened up: {what}").format(what=point.opened_up) if point.opened_up else "", "dim"),
        (indent + _("led to: {agreement}").format(agreement=led_to) if point.agreement else "", "$success"),
    ])


def timeline_line(point: TurningPoint, audience: Audience) -> Rendered | None:
    """A turning point on this meeting's timeline, by its time of day and section."""
    return moment_line(point, audience, when=time_text(local(point.marked_at)) + "  ", where=point.section)


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
        return (lead + ngettext("overdue since {day} ({count} day)", "overdue since {day} ({count} days)",
                                late).format(day=day, count=number_text(late)), OVERDUE_STYLE)
    # Translators: an action's due date ("due Wed 02 Dec").
    return (lead + _("due {day}").format(day=day), style)


def _review_on(day: str) -> str:
    """ "review Wed 02 Dec": when an agreement is to be reviewed."""
    # Translators: when an agreement is to be reviewed ("review Wed 02 Dec").
    return _("review {day}").format(day=day)


def _in_meeting(title: str) -> str:
    """ "in Operational meeting": the meeting an item was made in (its title as typed)."""
    # Translators: {meeting} is a meeting's title as typed.
    return _("in {meeting}").format(meeting=title)


def _meetings(count: int) -> str:
    return ngettext("{count} meeting", "{count} meetings", count).format(count=count)


def _action_label() -> str:
    """ "Action  ", the start of an action's line (its gap after)."""
    # Translators: the start of an action's line (short: lines are cut).
    return pgettext("line label", "Action") + "  "


def _review_label() -> str:
    """ "Review  ", the start of the line of an agreement whose review is due (its gap after)."""
    # Translators: the start of the line of an agreement due for review (short: lines are cut).
    return pgettext("line label", "Review") + "  "


def agreement_line(agreement: Agreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """One agreement of the meeting with its parties and review date (the runner's list)."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is not Shown.IN_FULL:  # the meeting's list leaves out what it may not show
        return None
    details = []
    if agreement.parties:
        details.append(", ".join(agreement.parties))
    if agreement.review_on:
        details.append(_review_on(screen_day(agreement.review_on, today=today)))
    return _rendered([
        # Translators: the start of an agreement's line in the meeting's list (short: lines are cut).
        (pgettext("line label", "Agreed") + "  ", "bold $success"),
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
        (_action_label(), "bold $accent"),
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
        return _rendered([(f"{made}  ", "bold"), (confidential_item(), STAND_IN_STYLE)])
    review: Run = ("", "")
    if agreement.review_on and agreement.is_standing:
        due = agreement.due_for_review(today)
        day = describe_date(agreement.review_on, today)
        if due:
            said = _("review was due {day}") if agreement.review_on < today else _("review due {day}")
            review = ("  · " + said.format(day=day), "bold $warning")
        else:
            review = ("  · " + _review_on(day), "dim")
    where = " · " + _in_meeting(agreement.meeting_title) if agreement.meeting_title else ""
    no_parties = _("no parties named")
    return _rendered([
        (f"{made}  ", "bold"), (agreement.text, ""),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
        ("\n", ""),
        (f"    {', '.join(agreement.parties) or no_parties}"
         f" · {status_words(agreement.status.value)}{where}", "dim"),
        review,
    ])


def register_action_line(action: Action, audience: Audience, *, today: date) -> Rendered | None:
    """An open action in the partnership's register: who, by when, how overdue, how old."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(status_words("open") + "  ", "bold"), (confidential_item(), STAND_IN_STYLE)])
    due = due_run(action.due_on, today, status=action.status, style="") if action.due_on else (
        _("no due date"), "dim")
    opened = describe_day(action.opened_at) if action.opened_at else ""
    carried = " · " + status_words("carried") if action.carried else ""
    return _rendered([
        due, ("  ", ""), (action.text, ""),
        *_marks(audience, hidden=False, confidential=action.confidential),
        ("\n", ""),
        ("    " + (action.owner or _("nobody yet")) + " · " + _("agreed {day}").format(day=opened) + carried, "dim"),
    ])


def carry_action_line(action: Action, now: datetime, audience: Audience) -> Rendered | None:
    """An action left open by an earlier meeting, in the review section's list: its words, its
    owner, how long it has been open and when it is due. A confidential one is a stand-in
    (nothing of what it says, nor who owns it) for an audience that may not read it."""
    shown = visibility(Kind.ACTION, Facts(action.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(_action_label(), "bold"), (confidential_item(), STAND_IN_STYLE)])
    return _rendered([
        (_action_label(), "bold"),
        (action.text, ""),
        (f" — {action.owner}" if action.owner else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
        ("\n", ""),
        # Translators: how long an action has been open; {age} is "3 days" or "since today".
        ("        " + _("open {age}").format(age=waited(action.opened_at, now)), "dim"),
        due_run(action.due_on, local(now).date(), status=action.status, lead=" · "),
    ])


def carry_agreement_line(agreement: Agreement, today: date, audience: Audience) -> Rendered | None:
    """An agreement whose review day has come, in the review section's list: its words, who is
    party to it, and since when its review is due. A confidential one is a stand-in."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(_review_label(), "bold"), (confidential_item(), STAND_IN_STYLE)])
    due = describe_date(agreement.review_on, today) if agreement.review_on else ""
    return _rendered([
        (_review_label(), "bold"),
        (agreement.text, ""),
        *_marks(audience, hidden=False, confidential=agreement.confidential),
        ("\n", ""),
        ("        " + _("agreement of {parties}").format(parties=", ".join(agreement.parties)
                                                        or _("no parties named")), "dim"),
        (" · " + _("review due {day}").format(day=due), "bold $warning"),
    ])


def carry_elephant_line(
    elephant: OpenElephant, now: datetime, audience: Audience, *, hidden: bool = False
) -> Rendered | None:
    """An elephant still open from an earlier meeting, in the review section's list: its status,
    its words, how long and across how many meetings it has waited."""
    shown = visibility(Kind.ELEPHANT, Facts(elephant.confidential, hidden), audience)
    status = _status_cell(elephant.status.value, capital=True)  # "Discussing " and its gap
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(status, "bold"), (confidential_item(), STAND_IN_STYLE)])
    meetings = elephant.meetings_waited
    across = " · " + _meetings(meetings) if meetings else ""
    return _rendered([
        (status, "bold"),
        (elephant.text, ""),
        *_marks(audience, hidden=hidden, confidential=elephant.confidential),
        ("\n", ""),
        (" " * len(status) + _("waiting {age}").format(age=waited(elephant.raised_at, now)) + across, "dim"),
    ])


def summary_agreement_line(agreement: SummaryAgreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """An agreement in the end-of-meeting summary: its words, parties and review date."""
    shown = visibility(Kind.AGREEMENT, Facts(agreement.confidential), audience)
    if shown is Shown.NOT_AT_ALL or shown is Shown.COUNTED:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([("• ", ""), (confidential_agreement(), STAND_IN_STYLE)])
    details = [", ".join(agreement.parties)] if agreement.parties else []
    if agreement.review_on:
        details.append(_review_on(screen_day(date.fromisoformat(agreement.review_on), today=today)))
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
        return _rendered([("• ", ""), (confidential_item(), STAND_IN_STYLE)])
    due = due_run(date.fromisoformat(action.due_on) if action.due_on else None, today, style="")
    return _rendered([
        ("• ", ""), (action.text, ""),
        (f" — {action.owner}{'; ' if action.owner and due[0] else ''}" if action.owner or due[0] else "", ""), due,
        # Translators: after an action carried on from an earlier meeting.
        (" " + _("(carried)") if action.carried else "", ""),
        *_marks(audience, hidden=False, confidential=action.confidential),
    ])


def attendance_line(row: SummaryAttendance, audience: Audience) -> Rendered:
    """Who came from one organisation: how many, and the names of those who gave one only to an
    audience that may see the attendee list (never the room or a participant)."""
    names = row.named if shows(Kind.ATTENDEE, audience) else ()
    unnamed = row.count - len(names)
    return _rendered([
        (f"{organisation_words(row.organisation)} ({row.count})", ""),
        (f"{colon()} {', '.join(names)}" if names else "", ""),
        # Translators: after the names of those who gave one: "Dana, Sam and 2 unnamed".
        (" " + _("and {count} unnamed").format(count=unnamed) if names and unnamed else "", ""),
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


AS_AT_THE_END = N_("Each item as it stood when the meeting ended; what happened later is marked "
                   "\u201csince then\u201d, with its date. Expansions, plain words and same-as names are as "
                   "the glossary has them now: the file keeps no date for them.")
"""What a meeting's record says, once, of the time it speaks for (in English: `as_at_the_end()`)."""
AS_AT_THE_END_SHORT = N_("As it stood when the meeting ended; what came later is marked \u201csince then\u201d.")
"""The same, in one line, for the record screen (in English: `as_at_the_end_short()`)."""


def as_at_the_end() -> str:
    """`AS_AT_THE_END` in the language in use."""
    return _("Each item as it stood when the meeting ended; what happened later is marked "
             "\u201csince then\u201d, with its date. Expansions, plain words and same-as names are as "
             "the glossary has them now: the file keeps no date for them.")


def as_at_the_end_short() -> str:
    """`AS_AT_THE_END_SHORT` in the language in use."""
    return _("As it stood when the meeting ended; what came later is marked \u201csince then\u201d.")


def _later_words(change: str) -> str:
    """What happened to an item after its meeting, as "since then" says it."""
    match change:  # one message translated per call: a record says this hundreds of times
        case "parked":
            return pgettext("since then, an elephant", "parked again")
        case "discussing":
            return pgettext("since then, an elephant", "taken up for discussion")
        case "addressed":
            return pgettext("since then, an elephant", "addressed")
        case "let_go":
            return pgettext("since then, an elephant", "let go")
        case "meaning":
            return pgettext("since then, a term", "meaning given")
        case "done":
            return pgettext("since then, an action", "done")
        case "dropped":
            return pgettext("since then, an action", "dropped")
        case "carried":
            return pgettext("since then, an action", "carried forward")
        case _:
            return change.replace("_", " ")


def _record_day(stamp: str | None) -> str:
    """A stored UTC stamp as a local day, written as every document writes days, "Fri 12 Jul 2024"
    ("" when there is none)."""
    instant = from_iso(stamp)
    if instant is None:
        return ""
    return _day_words(local(instant).date(), language())


@lru_cache(maxsize=1024)
def _day_words(day: date, spoken: Language) -> str:
    """`day_text` in the short-year style, kept: a record of years of meanings names the same days
    over and over. `spoken` is the language in use, part of the key and nothing else."""
    return day_text(day, "short-year")


def since_then(change: LaterChange, *, explains: bool = False) -> str:
    """One thing that happened to an item after its meeting ended, dated and placed:
    "since then: addressed on 12 Jul 2024 in Operational meeting: Managers met and settled it".

    `explains`: the meaning that first explained a term still unexplained at the end.
    """
    words = pgettext("since then, a term", "explained") if explains and change.change == "meaning" \
        else _later_words(change.change)
    when = _record_day(change.at)
    # Translators: the start of what happened to an item after its meeting ended ("since then: addressed").
    text = _("since then: {what}").format(what=words)
    if when:
        text = _("{text} on {day}").format(text=text, day=when)
    if change.meeting:
        held = _record_day(change.meeting_started_at)
        if held and held != when:
            text = (_("{text} into {meeting} of {day}") if change.change == "carried"
                    else _("{text} in {meeting} of {day}")).format(text=text, meeting=change.meeting, day=held)
        else:
            text = (_("{text} into {meeting}") if change.change == "carried"
                    else _("{text} in {meeting}")).format(text=text, meeting=change.meeting)
    elif change.change != "carried":
        text = _("{text}, outside a meeting").format(text=text)
    said = f"{change.organisation}{colon()} {change.note}" if change.organisation and change.note else change.note
    return text + (f"{colon()} {said}" if said else "")


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
        other = conflict.other_file or _("the other site")
        changes = "; ".join(
            field_change(decision.field, decision.here, decision.there, Audience.FACILITATOR,
                         here_word=pgettext("this site", "here"), there_word=_("at {site}").format(site=other))
            for decision in conflict.fields
        )
        kept = _("this file's kept") if conflict.kept == "here" else _("the other site's kept")
        # Translators: {site} is the other site's file; {changes} lists each field at both sites; {kept}
        # says whose decision was kept.
        found.append(_("decided at two sites, merged from {site} on {day}: {changes}; {kept}").format(
            site=other, day=_record_day(conflict.merged_at), changes=changes, kept=kept))
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
        # Translators: the start of an agreement's line in a meeting's record.
        (pgettext("line label", "Agreement") + "  ", "bold $success"), (agreement.text, ""),
        ("  · " + _("between {parties}").format(parties=parties) if parties else "", "dim"),
        ("  · " + _review_on(describe_date(date.fromisoformat(review), today)) if review else "", "dim"),
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
        (_action_label(), "bold"), (action.text, ""),
        ("  · " + (action.owner or _("nobody yet")), "dim"),
        due_run(date.fromisoformat(action.due_on) if action.due_on else None, today,
                status="open" if record_action_overdue(action, today) else "done", lead="  · "),
        ("  · " + status_words(action.status) if action.status != "open" else "", "dim"),
        ("  · " + _("carried from before") if action.carried else "", "dim"),
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
        # Translators: the start of the line of an elephant named in this meeting.
        (_("Elephant raised") + "  ", "bold $warning"), (elephant.text, ""),
        ("  · " + _("{status} at the end").format(status=status), "dim"),
        (f"{colon()} {elephant.resolution_note}" if elephant.resolution_note else "", "dim"),
        _credit_run(elephant.attribution, elephant.said_by, audience), *marks, *_since_runs(elephant),
    ])


def record_point_line(point: RecordedTurningPoint, audience: Audience) -> Rendered | None:
    """A turning point in a meeting's record: its kind, what happened, what it opened up and the
    agreement it led to."""
    shown = visibility(Kind.TURNING_POINT, Facts(point.confidential), audience)
    if shown is not Shown.IN_FULL:
        return None
    kind = kind_words(point.kind or "") or pgettext("turning point kind", "turning point")
    return _rendered([
        # Translators: the start of a turning point's line; {kind} is "apology", "kind word"...
        (_("Turning point, {kind}").format(kind=kind) + "  ", "bold $accent"),
        (point.note or _("(no details yet)"), ""),
        ("\n    " + _("opened up: {what}").format(what=point.opened_up) if point.opened_up else "", "dim"),
        ("\n    " + _("led to: {agreement}").format(agreement=point.agreement) if point.agreement else "", "$success"),
        *_marks(audience, hidden=False, confidential=point.confidential),
    ])


def record_term_line(term: RecordedTerm, audience: Audience) -> Rendered | None:
    """A term on a meeting's jargon board at its end, with the meanings known then (its expansion and
    plain words as the glossary has them: they are undated), and the meanings given since, dated."""
    if visibility(Kind.TERM, Facts(term.confidential), audience) is not Shown.IN_FULL:
        return None
    meanings = [_meaning_words(m.organisation, m.meaning) for m in term.meanings]
    details = [part for part in (term.expansion, *meanings,
                                 _("plainly: {words}").format(words=term.plain_words) if term.plain_words else "")
               if part]
    return _rendered([
        (term.term, "bold"), (f"  ×{term.mentions_here}", "dim"),
        ("  " + _("new here") if term.new_here else "", "dim"),
        ("  " + _("? still unexplained") if term.unexplained else "", "bold $warning"),
        *_marks(audience, hidden=False, confidential=term.confidential),
        ("\n    " + " · ".join(details) if details else "\n    " + _("no meaning recorded by the end"),
         "" if details else "dim"),
        *_since_runs(term),
    ])


EARLIER_ACTION_WORDS = {"done": "Done", "dropped": "Dropped", "carried": "Carried on"}
"""What the meeting did with an earlier meeting's action, as the minutes say it (in English)."""


def _earlier_action_words(status: str) -> str:
    """`EARLIER_ACTION_WORDS` in the language in use; any other status as `status_words` says it."""
    return {
        "done": pgettext("an earlier action", "Done"),
        "dropped": pgettext("an earlier action", "Dropped"),
        "carried": pgettext("an earlier action", "Carried on"),
    }.get(status) or status_words(status)


def earlier_action_line(action: RecordedAction, audience: Audience, *, today: date | None) -> Rendered | None:
    """An earlier meeting's action closed or carried on in this one (the minutes' "since last time"):
    what became of it, its words, its owner and the due date it had."""
    if visibility(Kind.ACTION, Facts(action.confidential), audience) is not Shown.IN_FULL:
        return None
    return _rendered([
        (f"{_earlier_action_words(action.status)}  ", "bold"), (action.text, ""),
        (f"  · {action.owner}" if action.owner else "", "dim"),
        due_run(date.fromisoformat(action.due_on) if action.due_on else None, today, status="done", lead="  · "),
        ("  · " + _("goes on as one of this meeting's actions") if action.status == "carried" else "", "dim"),
        *_marks(audience, hidden=False, confidential=action.confidential),
    ])


def reviewed_agreement_line(item: ReviewedAgreement, audience: Audience, *, today: date | None) -> Rendered | None:
    """An agreement due for review, and what the meeting decided: confirmed (with its next review),
    revised (with its new wording) or retired."""
    if visibility(Kind.AGREEMENT, Facts(item.confidential), audience) is not Shown.IN_FULL:
        return None
    if item.decision == "revised":
        decided = [(_("Agreement revised") + "  ", "bold"), (item.text, ""),
                   ("\n    " + _("now:") + " ", "dim"), (item.new_wording or "", "")]
    elif item.decision == "retired":
        decided = [(_("Agreement retired") + "  ", "bold"), (item.text, "")]
    else:
        review = date.fromisoformat(item.review_on) if item.review_on else None
        decided = [(_("Agreement confirmed") + "  ", "bold"), (item.text, ""),
                   ("  · " + (_("next review {day}").format(day=screen_day(review, today=today)) if review
                              else _("no further review")), "dim")]
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


def _quote(text: str) -> str:
    """Words quoted in a message: "words" in English (straight quotes, as always), « words » in French."""
    return f'"{text}"' if language() == "en" else quoted(text)


def row_label(
    kind_words: str, text: str, audience: Audience, *, kind: Kind | None = None, confidential: bool = False,
    confidential_words: str | None = None,
) -> str:
    """How a message names one stored item (a merge's conflicts and refusals): its kind and its
    first words, or, when the audience may not read them, "a confidential …" (or its kind alone).
    `kind`: the item's kind for the policy; None for a row that is no item of its own (a meeting,
    an organisation), whose words are shown unless it is marked confidential. `confidential_words`:
    how the language in use says "a confidential …" of this kind (else made of `kind_words`)."""
    if not _row_shown(audience, kind, confidential):
        if not confidential:
            return kind_words
        return confidential_words or _("a confidential {kind}").format(kind=kind_words)
    text = _label_text(text)
    # Translators: an item named in a message: its kind, then its first words ('action "Send the form"').
    return _("{kind} {words}").format(kind=kind_words, words=_quote(text)) if text else kind_words


FIELD_WORDS = {
    "text": "words", "resolution_note": "note", "note": "what happened", "opened_up": "what it opened up",
    "plain_words": "plain words", "display": "spelling", "due_on": "due date", "review_on": "review date",
    "hidden": "hidden from the room", "resolved_meeting_id": "meeting it was settled in",
    "person_id": "who it is credited to", "organisation_id": "organisation it is credited to",
    "owner_person_id": "owner", "led_to_agreement_id": "agreement it led to", "group_id": "same-as group",
}
"""How a merge's conflict names a stored column (`field_change`); others by their name (in English:
`field_words` in the language in use)."""


def field_words(column: str) -> str:
    """A stored column as a merge's conflict or a history names it, in the language in use."""
    known = {
        "text": pgettext("field", "words"), "resolution_note": pgettext("field", "note"),
        "note": pgettext("field", "what happened"), "opened_up": pgettext("field", "what it opened up"),
        "plain_words": pgettext("field", "plain words"), "display": pgettext("field", "spelling"),
        "due_on": pgettext("field", "due date"), "review_on": pgettext("field", "review date"),
        "hidden": pgettext("field", "hidden from the room"),
        "resolved_meeting_id": pgettext("field", "meeting it was settled in"),
        "person_id": pgettext("field", "who it is credited to"),
        "organisation_id": pgettext("field", "organisation it is credited to"),
        "owner_person_id": pgettext("field", "owner"), "led_to_agreement_id": pgettext("field", "agreement it led to"),
        "group_id": pgettext("field", "same-as group"), "status": pgettext("field", "status"),
        "confidential": pgettext("field", "confidential"), "unexplained": pgettext("field", "unexplained"),
        "expansion": pgettext("field", "expansion"), "kind": pgettext("field", "kind"),
        "parties": pgettext("field", "parties"),
    }
    return known.get(column) or column.replace("_", " ")


def _field_value(column: str, value: object) -> str:
    if value is None or value == "":
        return pgettext("a field's value", "nothing")
    if column in ("confidential", "hidden", "unexplained"):
        return pgettext("a field's value", "yes") if value else pgettext("a field's value", "no")
    if column == "status" or column.endswith("status"):
        known = _status_words()
        value = known.get(str(value)) or str(value).replace("_", " ")
    elif column.endswith("_at") and isinstance(value, str):
        try:
            value = describe_moment(from_iso(value) or datetime.min)
        except (ValueError, OverflowError):
            pass  # not a time after all: quoted as it is
    return _quote(_label_text(str(value)))


def field_change(
    column: str, here: object, there: object, audience: Audience, *, kind: Kind | None = None,
    confidential: bool = False, here_word: str = "", there_word: str = "",
) -> str:
    """One field a row holds differently at two sites, as a merge lists it: 'status: here
    "addressed", there "let go"' (or, with `here_word` and `there_word`, 'status: "addressed" here,
    "let go" at there.db'). What the audience may not read, and ids, are named, not quoted:
    'words: differs'."""
    words = field_words(column)
    if column.endswith("_id") or not _row_shown(audience, kind, confidential):
        return _("{field}: differs").format(field=words)
    if here_word or there_word:
        return _("{field}: {here} {here_word}, {there} {there_word}").format(
            field=words, here=_field_value(column, here), here_word=here_word,
            there=_field_value(column, there), there_word=there_word)
    return _("{field}: here {here}, there {there}").format(
        field=words, here=_field_value(column, here), there=_field_value(column, there))


MATCH_STYLE = "bold reverse"
"""The words a search matched, inside a hit's snippet."""


def snippet_runs(snippet: str) -> list[Run]:
    """A snippet as runs, its matches (marked with `HIT_START` / `HIT_END`) in `MATCH_STYLE`."""
    pieces = snippet.replace(HIT_END, HIT_START).split(HIT_START)
    return [(piece, MATCH_STYLE if index % 2 else "") for index, piece in enumerate(pieces) if piece]


def item_kind_words(kind: str) -> str:
    """A kind of item as a message names it ("turning point"), in the language in use; a kind
    meetingkit does not know is given as it is."""
    return {
        "note": pgettext("item kind", "note"), "term": pgettext("item kind", "term"),
        "meaning": pgettext("item kind", "meaning"), "elephant": pgettext("item kind", "elephant"),
        "turning point": pgettext("item kind", "turning point"), "agreement": pgettext("item kind", "agreement"),
        "action": pgettext("item kind", "action"), "attendee": pgettext("item kind", "attendee"),
        "organisation": pgettext("item kind", "organisation"), "section": pgettext("item kind", "section"),
    }.get(kind, kind)


def _confidential_kind(kind: str) -> str | None:
    """ "a confidential note", whole, so a language can agree the words with the kind (None if unknown)."""
    return {
        "note": _("a confidential note"), "term": _("a confidential term"),
        "meaning": _("a confidential meaning"), "elephant": _("a confidential elephant"),
        "turning point": _("a confidential turning point"), "agreement": _("a confidential agreement"),
        "action": _("a confidential action"), "attendee": _("a confidential attendee"),
        "organisation": _("a confidential organisation"), "section": _("a confidential section"),
    }.get(kind)


def search_hit_line(hit: SearchHit, audience: Audience, *, today: datetime | None = None) -> Rendered | None:
    """A search hit: what kind of thing it is, where it came from, and the words around the match.
    A confidential hit is for the facilitator and an export with confidential items only: to any
    other audience its words are not shown, not even a stand-in (a stand-in would tell that
    confidential words match)."""
    if visibility(Kind.SEARCH_HIT, Facts(hit.confidential), audience) is not Shown.IN_FULL:
        return None
    when = describe_day(from_iso(hit.meeting_started_at), today=today) if hit.meeting_started_at else ""
    where = " · ".join(part for part in (hit.meeting or "", when, hit.partnership or "") if part)
    kind = item_kind_words(hit.kind)
    width = max(15, len(kind) + 1)
    return _rendered([
        (f"{kind:<{width}}", "bold"),
        (where, "dim"),
        *_marks(audience, hidden=False, confidential=hit.confidential),
        ("\n" + " " * width, ""),
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
        return _rendered([tally_run, (confidential_term(), STAND_IN_STYLE)])
    explained = tuple(explained)
    return _rendered([
        tally_run,
        (display, "bold"),
        ("  " + _("? unexplained") if unexplained else "", "bold $warning"),
        ("  — " + " · ".join(explained) if explained else "", "dim"),
    ])


def room_elephant_line(
    text: str, status: ElephantStatus, audience: Audience = Audience.PARTICIPANT,
    *, confidential: bool = False, hidden: bool = False,
) -> Rendered | None:
    """An open elephant on a participant's page: whether it is being discussed, and its words."""
    shown = visibility(Kind.ELEPHANT, Facts(confidential, hidden), audience)
    words = _status_cell("discussing" if status is ElephantStatus.DISCUSSING else "parked")
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(words, "bold"), (confidential_item(), STAND_IN_STYLE)])
    return _rendered([(words, "bold"), (text, "")])


UNDO_KINDS: dict[str, tuple[str, Kind | None]] = {
    "notes": ("note", Kind.NOTE), "elephants": ("elephant", Kind.ELEPHANT),
    "turning_points": ("turning point", Kind.TURNING_POINT), "agreements": ("agreement", Kind.AGREEMENT),
    "actions": ("action", Kind.ACTION), "jargon_terms": ("term", Kind.TERM),
    "jargon_meanings": ("meaning", Kind.MEANING), "attendance": ("attendee", Kind.ATTENDEE),
    "people": ("attendee", Kind.ATTENDEE), "organisations": ("organisation", None),
    "section_runs": ("section", None),
}
"""How an undo's message names each table's item, and its kind for the audience policy (the kind
words in English: `item_kind_words` says them in the language in use)."""

UNDONE_WORDS = {
    "edited": "edited", "deleted": "deleted", "reviewed": "reviewed", "revised": "revised",
    "retired": "retired", "done": "marked done", "dropped": "dropped", "reopened": "reopened",
    "renamed": "renamed", "adjusted": "given more or less time", "skipped": "skipped",
    "replanned": "replanned",
}
"""What a change did, as an undo's message says it ("action … marked done"), in English."""


def _undone_words(kind: str) -> str:
    """`UNDONE_WORDS` in the language in use."""
    return {
        "edited": pgettext("undone", "edited"), "deleted": pgettext("undone", "deleted"),
        "reviewed": pgettext("undone", "reviewed"), "revised": pgettext("undone", "revised"),
        "retired": pgettext("undone", "retired"), "done": pgettext("undone", "marked done"),
        "dropped": pgettext("undone", "dropped"), "reopened": pgettext("undone", "reopened"),
        "renamed": pgettext("undone", "renamed"), "adjusted": pgettext("undone", "given more or less time"),
        "skipped": pgettext("undone", "skipped"), "replanned": pgettext("undone", "replanned"),
        "parked again": pgettext("undone", "parked again"),
        "moved to discussing": pgettext("undone", "moved to discussing"),
        "addressed": pgettext("undone", "addressed"), "let go": pgettext("undone", "let go"),
        "note corrected": pgettext("undone", "note corrected"),
        "removed from the meeting": pgettext("undone", "removed from the meeting"),
        "corrected": pgettext("undone", "corrected"),
    }.get(kind) or kind


def undone_notice(
    table: str, kind: str, fields: Iterable[tuple[str, object, object]], words: str, audience: Audience, *,
    confidential: bool = False,
) -> str:
    """What ctrl+z undid, for a toast: 'Undone: action "Send the referral form" marked done'. The item
    is quoted only when the audience may read it (`row_label`); an elephant's move says where it went."""
    kind_words, item_kind = UNDO_KINDS.get(table, (table.replace("_", " "), None))
    if table == "attendance":
        kind_words = "attendee"
    label = row_label(item_kind_words(kind_words), words, audience, kind=item_kind, confidential=confidential,
                      confidential_words=_confidential_kind(kind_words))
    status = next((after for column, _unused, after in fields if column == "status"), None)
    if table == "elephants" and isinstance(status, str):
        did = RECORD_STATUS_WORDS.get(status, status.replace("_", " "))
        did = {"parked": "parked again", "discussing": "moved to discussing"}.get(did, did)
    elif table == "elephants" and kind == "edited" and any(column == "elephant_event_id" for column, _a, _b in fields) \
            and not any(column == "text" for column, _a, _b in fields):
        did = "note corrected"
    elif table == "attendance" and kind == "deleted":
        did = "removed from the meeting"
    elif table == "people" and kind == "edited":
        did = "corrected"
    else:
        did = kind
    # Translators: what ctrl+z undid: {item} names the item ('action "Send the form"'), {did} what was
    # undone ("marked done", "deleted").
    return _("Undone: {item} {did}").format(item=label, did=_undone_words(did))


HISTORY_FIELDS = ("text", "status", "owner_person_id", "owner_organisation_id", "due_on", "review_on", "successor_id")
"""The fields an agreement's or action's history shows, in this order; the rest (times, credit, the
ids of its meeting and section) is kept for an undo, not said."""


def _change_words(kind: ChangeKind) -> str:
    """What a change of an agreement or action did, as its history says it."""
    return {
        ChangeKind.EDITED: pgettext("history", "corrected"), ChangeKind.DELETED: pgettext("history", "deleted"),
        ChangeKind.REVIEWED: pgettext("history", "confirmed on review"),
        ChangeKind.REVISED: pgettext("history", "revised"), ChangeKind.RETIRED: pgettext("history", "retired"),
        ChangeKind.DONE: pgettext("history", "marked done"), ChangeKind.DROPPED: pgettext("history", "dropped"),
    }.get(kind) or str(kind)


def _history_words(column: str) -> str:
    if column == "successor_id":
        return pgettext("field", "new wording")
    if column == "owner_organisation_id":
        return pgettext("field", "owner (an organisation)")
    return field_words(column)


_CHANGE_KINDS = {ChangedTable.AGREEMENTS: Kind.AGREEMENT, ChangedTable.ACTIONS: Kind.ACTION}


def _history_value(column: str, value: object, names: dict[str, str], today: date) -> str:
    if value is None or value == "":
        return pgettext("a field's value", "nothing") if column != "successor_id" else "-"
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
    where = _in_meeting(change.meeting) if change.meeting else (
        _("in a meeting") if change.meeting_id else _("between meetings"))
    runs: list[Run] = [
        (describe_moment(change.at), "dim"), ("  ", ""),
        (_change_words(change.kind), "bold"), (f"  ({where})", "dim"),
    ]
    if not readable:
        runs.append((f"  ·  {confidential_item()}", "italic"))
        return _rendered(runs)
    known = names or {}
    before, after = change.before(), change.after()
    if change.kind is ChangeKind.DELETED:
        runs.append(("  ·  " + _("it said {words}").format(words=_field_value("text", before.get("text"))), ""))
    else:
        for column in HISTORY_FIELDS:
            if column not in before:
                continue
            runs.append((f"  ·  {_history_words(column)}{colon()} {_history_value(column, before[column], known, today)}"
                         f" → {_history_value(column, after[column], known, today)}", ""))
    if change.note:
        runs.append(("  ·  " + _("note: {note}").format(note=_label_text(change.note)), "italic"))
    return _rendered(runs)


# -- correcting the glossary: choosing a term or a meaning, near-duplicates (issue 16) --------


def looks_like_line(others: Iterable[BoardTerm], audience: Audience) -> Rendered | None:
    """Under a glossary entry: the terms it looks like (a plural, another spacing), as a suggestion to
    merge; a confidential one is left out where its name may not be read. None if none is shown."""
    names = [term.display for term in others
             if visibility(Kind.TERM, Facts(term.confidential), audience) is Shown.IN_FULL]
    if not names:
        return None
    # Translators: under a glossary entry; "m" is the key that merges.
    return _rendered([("    " + _("looks like {names} — m to merge").format(names=", ".join(names)),
                       "italic $accent")])


def term_choice_line(term: BoardTerm, audience: Audience, *, looks_alike: bool = False) -> Rendered | None:
    """A term offered to choose (to merge into, to move a meaning to): its name and tally."""
    shown = visibility(Kind.TERM, Facts(term.confidential), audience)
    if shown is Shown.NOT_AT_ALL:
        return None
    if shown is not Shown.IN_FULL:
        return _rendered([(confidential_term(), STAND_IN_STYLE)])
    runs: list[Run] = [(term.display, "bold"), ("  " + _("raised {times}×").format(times=term.total), "dim")]
    if looks_alike:
        runs.append(("  " + _("looks alike"), "italic $accent"))
    return _rendered(runs)


def meaning_choice_line(term: BoardTerm, meaning: Meaning, audience: Audience) -> Rendered:
    """One of a term's meanings offered to choose (to edit, move or delete): whose, and what it says."""
    if not shows(Kind.MEANING, audience, confidential=meaning.confidential or term.confidential):
        return _rendered([(confidential_item(), STAND_IN_STYLE)])
    return _rendered([((meaning.organisation or _("everyone")) + colon() + " ", "dim"), (meaning.meaning, "")])
