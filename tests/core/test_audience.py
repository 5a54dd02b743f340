"""The audience policy holds for every kind of item: nothing confidential, hidden, private to the
facilitator or naming a person who was not to be named reaches an audience below the
facilitator, and the facilitator sees everything.

Generated text is distinctive: confidential words start with SECRET, people's names with
PERSON, organisations with ORG, open words with OPEN; none of these occurs in a stand-in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core import lines
from meetingkit.core.audience import Audience, Facts, Kind, Naming, Shown, said_by, visibility
from meetingkit.core.models import (
    Action,
    Agreement,
    Attribution,
    BoardTerm,
    Elephant,
    ElephantStatus,
    Meaning,
    OpenElephant,
    TurningPoint,
    TurningPointKind,
)
from meetingkit.core.records import (
    RecordedAction,
    RecordedAgreement,
    RecordedElephant,
    SearchHit,
    SummaryAction,
    SummaryAgreement,
    SummaryAttendance,
)
from meetingkit.core.text import HIT_END, HIT_START

NOW = datetime(2026, 11, 24, 14, tzinfo=UTC)
TODAY = date(2026, 11, 24)
BELOW = [audience for audience in Audience if audience is not Audience.FACILITATOR]
IN_THE_ROOM = [Audience.ROOM, Audience.PARTICIPANT]

_words = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


def word(prefix: str) -> st.SearchStrategy[str]:
    """A distinctive word: the prefix, a number, and letters drawn by Hypothesis."""
    return st.builds(lambda n, w: f"{prefix}{n}{w}", st.integers(0, 999), _words)


def secret_or_open(draw: st.DrawFn, confidential: bool) -> str:
    return draw(word("SECRET" if confidential else "OPEN"))


def text_of(rendered: lines.Rendered | None) -> str:
    return rendered.text if rendered is not None else ""


# -- the items ---------------------------------------------------------------------------


@st.composite
def terms(draw: st.DrawFn) -> BoardTerm:
    """A term, confidential or not, with meanings and aliases each confidential or not (a
    confidential term's are all confidential: they inherit it)."""
    confidential = draw(st.booleans())
    meanings = []
    for index, own in enumerate(draw(st.lists(st.booleans(), max_size=3))):
        secret = confidential or own
        meanings.append(Meaning(
            id=f"m{index}", meaning=secret_or_open(draw, secret), confidential=own,
            organisation=draw(st.one_of(st.just(""), word("SECRETORG" if secret else "ORG"))),
        ))
    aliases = [(secret_or_open(draw, confidential or own), own) for own in draw(st.lists(st.booleans(), max_size=3))]
    return BoardTerm(
        id="t", display=secret_or_open(draw, confidential), tally=draw(st.integers(0, 99)),
        total=draw(st.integers(0, 99)), unexplained=draw(st.booleans()), new_here=draw(st.booleans()),
        expansion=draw(st.one_of(st.just(""), st.just(secret_or_open(draw, confidential)))),
        plain_words=draw(st.one_of(st.just(""), st.just(secret_or_open(draw, confidential)))),
        meanings=tuple(meanings), same_as=tuple(name for name, _ in aliases),
        same_as_confidential=tuple(name for name, own in aliases if own),
        confidential=confidential, meetings=draw(st.integers(0, 9)), last_raised=NOW,
    )


@st.composite
def elephants(draw: st.DrawFn) -> Elephant:
    """An elephant credited as the store credits it: anonymous, to an organisation, or to a named person."""
    confidential = draw(st.booleans())
    attribution = draw(st.sampled_from(Attribution))
    person, organisation = draw(word("PERSON")), draw(word("ORG"))
    said = {Attribution.ANONYMOUS: "anonymous", Attribution.ORGANISATION: organisation,
            Attribution.NAMED: f"{person}, {organisation}"}[attribution]
    return Elephant(
        id="e", text=secret_or_open(draw, confidential), status=draw(st.sampled_from(ElephantStatus)),
        raised_at=NOW - timedelta(days=draw(st.integers(0, 400))), raised_in=draw(word("OPEN")),
        said_by=said, attribution=attribution,
        credited_organisation="" if attribution is Attribution.ANONYMOUS else organisation,
        resolution_note=secret_or_open(draw, confidential), meetings_waited=draw(st.integers(0, 9)),
        confidential=confidential,
    )


@st.composite
def open_elephants(draw: st.DrawFn) -> OpenElephant:
    """An elephant left open by an earlier meeting, as the review section's list has it."""
    confidential = draw(st.booleans())
    return OpenElephant(
        id="o", text=secret_or_open(draw, confidential),
        status=draw(st.sampled_from([ElephantStatus.PARKED, ElephantStatus.DISCUSSING])),
        raised_at=NOW - timedelta(days=draw(st.integers(0, 400))), meetings_waited=draw(st.integers(0, 9)),
        confidential=confidential,
    )


@st.composite
def turning_points(draw: st.DrawFn) -> TurningPoint:
    confidential, agreement_confidential = draw(st.booleans()), draw(st.booleans())
    return TurningPoint(
        id="p", meeting_id="m", marked_at=NOW, section=draw(word("OPEN")),
        kind=draw(st.one_of(st.none(), st.sampled_from(TurningPointKind))),
        note=secret_or_open(draw, confidential), opened_up=secret_or_open(draw, confidential),
        agreement_id="a", agreement=secret_or_open(draw, confidential or agreement_confidential),
        agreement_confidential=agreement_confidential, said_by=draw(word("PERSON")),
        confidential=confidential, meeting_title=draw(word("OPEN")), meeting_started_at=NOW,
    )


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    confidential = draw(st.booleans())
    return Agreement(
        id="a", meeting_id="m", text=secret_or_open(draw, confidential),
        parties=tuple(draw(st.lists(word("SECRETORG" if confidential else "ORG"), max_size=3))),
        review_on=draw(st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2028, 1, 1)))),
        confidential=confidential, created_at=NOW,
    )


@st.composite
def actions(draw: st.DrawFn) -> Action:
    confidential = draw(st.booleans())
    return Action(
        id="x", meeting_id="m", text=secret_or_open(draw, confidential),
        owner=draw(word("SECRETOWNER" if confidential else "OWNER")),
        due_on=draw(st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2028, 1, 1)))),
        confidential=confidential, opened_at=NOW,
    )


@st.composite
def summary_agreements(draw: st.DrawFn) -> SummaryAgreement:
    confidential = draw(st.booleans())
    return SummaryAgreement(
        text=secret_or_open(draw, confidential),
        parties=tuple(draw(st.lists(word("SECRETORG" if confidential else "ORG"), max_size=3))),
        review_on=draw(st.one_of(st.none(), st.just("2027-02-24"))), confidential=confidential,
    )


@st.composite
def summary_actions(draw: st.DrawFn) -> SummaryAction:
    confidential = draw(st.booleans())
    return SummaryAction(
        text=secret_or_open(draw, confidential), owner=draw(word("SECRETOWNER" if confidential else "OWNER")),
        due_on=draw(st.one_of(st.none(), st.just("2027-02-24"))), carried=draw(st.booleans()),
        confidential=confidential,
    )


@st.composite
def attendance(draw: st.DrawFn) -> SummaryAttendance:
    named = tuple(draw(st.lists(word("PERSON"), max_size=3)))
    return SummaryAttendance(organisation=draw(word("ORG")), count=len(named) + draw(st.integers(0, 3)), named=named)


@st.composite
def search_hits(draw: st.DrawFn) -> SearchHit:
    confidential = draw(st.booleans())
    return SearchHit(
        kind=draw(st.sampled_from(["note", "term", "meaning", "elephant", "turning point", "agreement", "action"])),
        id="h", snippet=f"{secret_or_open(draw, confidential)} {HIT_START}{secret_or_open(draw, confidential)}{HIT_END}",
        meeting_id="m", meeting=draw(word("OPEN")), meeting_started_at="2026-11-24T14:00:00+00:00",
        partnership=draw(word("OPEN")), confidential=confidential,
    )


def recorded_credit(draw: st.DrawFn) -> tuple[str, str | None]:
    """An attribution and how a meeting's record credits it."""
    attribution = draw(st.sampled_from(Attribution))
    organisation = draw(word("ORG"))
    credited = {Attribution.ANONYMOUS: None, Attribution.ORGANISATION: organisation,
                Attribution.NAMED: f"{draw(word('PERSON'))}, {organisation}"}[attribution]
    return attribution.value, credited


@st.composite
def recorded_items(draw: st.DrawFn) -> tuple[RecordedAgreement, RecordedAction, RecordedElephant]:
    """An agreement, an action and an elephant as a meeting's record holds them."""
    flags = [draw(st.booleans()) for _ in range(3)]
    attribution, credited = recorded_credit(draw)
    agreement = RecordedAgreement(
        id="a", text=secret_or_open(draw, flags[0]), parties=(), review_on=None, status="active",
        attribution=attribution, said_by=credited, confidential=flags[0], created_at="2026-11-24T14:00:00+00:00",
        section=1,
    )
    attribution, credited = recorded_credit(draw)
    action = RecordedAction(
        id="x", text=secret_or_open(draw, flags[1]), owner=None, due_on=None, status="open", carried=False,
        attribution=attribution, said_by=credited, confidential=flags[1], opened_at="2026-11-24T14:00:00+00:00",
        section=1,
    )
    attribution, credited = recorded_credit(draw)
    elephant = RecordedElephant(
        id="e", text=secret_or_open(draw, flags[2]), status="parked", raised_at="2026-11-24T14:00:00+00:00",
        raised_here=draw(st.booleans()), section=1, resolution_note=secret_or_open(draw, flags[2]),
        resolved_at=None, attribution=attribution, said_by=credited, confidential=flags[2], history=(),
    )
    return agreement, action, elephant


# -- every rendering of an item, for an audience -------------------------------------------


def term_texts(term: BoardTerm, audience: Audience, hidden: bool) -> list[str]:
    return [text_of(lines.term_line(term, audience, hidden=hidden)),
            text_of(lines.glossary_line(term, audience, today=NOW, hidden=hidden))]


def elephant_texts(elephant: Elephant, audience: Audience, hidden: bool) -> list[str]:
    return [text_of(lines.elephant_line(elephant, NOW, audience, hidden=hidden)),
            text_of(lines.parking_line(elephant, NOW, audience, hidden=hidden))]


def point_texts(point: TurningPoint, audience: Audience) -> list[str]:
    return [text_of(lines.timeline_line(point, audience)), text_of(lines.milestone_line(point, audience))]


def summary_texts(agreement: SummaryAgreement, action: SummaryAction, audience: Audience) -> list[str]:
    return [text_of(lines.summary_agreement_line(agreement, audience, today=TODAY)),
            text_of(lines.summary_action_line(action, audience, today=TODAY))]


def agreement_texts(agreement: Agreement, audience: Audience) -> list[str]:
    return [text_of(lines.agreement_line(agreement, audience, today=TODAY)),
            text_of(lines.register_agreement_line(agreement, audience, today=TODAY))]


def action_texts(action: Action, audience: Audience) -> list[str]:
    return [text_of(lines.action_line(action, audience, today=TODAY)),
            text_of(lines.register_action_line(action, audience, today=TODAY)),
            text_of(lines.carry_action_line(action, NOW, audience))]


def assert_nothing_confidential(texts: list[str]) -> None:
    for text in texts:
        assert "SECRET" not in text, text


# -- the properties ----------------------------------------------------------------------


@given(terms(), st.booleans())
def test_a_term_shows_below_the_facilitator_nothing_confidential_and_nothing_hidden(term: BoardTerm, hidden: bool) -> None:
    for audience in BELOW:
        texts = term_texts(term, audience, hidden)
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert_nothing_confidential(texts)
        if audience.in_the_room and hidden:
            assert texts == ["", ""]
        assert all("hidden" not in text for text in texts)


@given(terms(), st.booleans())
def test_the_facilitator_and_a_confidential_export_see_all_of_a_term(term: BoardTerm, hidden: bool) -> None:
    words = [term.display, *(m.meaning for m in term.meanings), *term.same_as,
             *(word for word in (term.expansion, term.plain_words) if word)]
    for audience in (Audience.FACILITATOR, Audience.EXPORT_CONFIDENTIAL):
        for text in term_texts(term, audience, hidden):
            assert all(word in text for word in words), (words, text)
    assert all(("· hidden" in text) == hidden for text in term_texts(term, Audience.FACILITATOR, hidden))


@given(terms(), st.booleans())
def test_the_notice_of_a_counted_term_quotes_it_only_when_the_audience_may_read_it(term: BoardTerm, hidden: bool) -> None:
    for audience in BELOW:
        notice = lines.term_notice(term, audience, hidden=hidden)
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert "SECRET" not in notice, notice
        if audience.in_the_room and hidden:
            assert term.display not in notice
    assert term.display in lines.term_notice(term, Audience.FACILITATOR, hidden=hidden)


@given(elephants(), st.booleans())
def test_an_elephant_names_nobody_who_was_not_to_be_named(elephant: Elephant, hidden: bool) -> None:
    for audience in Audience:
        texts = elephant_texts(elephant, audience, hidden)
        if audience not in (Audience.FACILITATOR, Audience.EXPORT_CONFIDENTIAL):
            assert_nothing_confidential(texts)
        if audience.in_the_room:
            assert all("PERSON" not in text for text in texts)
            if hidden:
                assert texts == ["", ""]
        if elephant.attribution is not Attribution.NAMED:
            assert all("PERSON" not in text for text in texts)
        if elephant.attribution is Attribution.ANONYMOUS:
            assert all("ORG" not in text for text in texts)
    facilitator = elephant_texts(elephant, Audience.FACILITATOR, hidden)
    assert all(elephant.text in text for text in facilitator)
    if elephant.attribution is not Attribution.ANONYMOUS:
        assert elephant.said_by in facilitator[1]


@given(open_elephants(), st.booleans())
def test_last_times_open_elephants_show_below_the_facilitator_nothing_confidential_or_hidden(
    elephant: OpenElephant, hidden: bool
) -> None:
    for audience in BELOW:
        text = text_of(lines.carry_elephant_line(elephant, NOW, audience, hidden=hidden))
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert "SECRET" not in text, text
        if audience.in_the_room and hidden:
            assert text == ""
        assert "hidden" not in text
    facilitator = text_of(lines.carry_elephant_line(elephant, NOW, Audience.FACILITATOR, hidden=hidden))
    assert elephant.text in facilitator and ("· hidden" in facilitator) == hidden
    status = elephant.status.value.replace("_", " ").capitalize()
    assert facilitator.startswith(f"{status} "), "its status never runs into its words (Discussing, Parked)"


@given(turning_points())
def test_a_turning_point_keeps_its_confidential_words_and_agreement_to_the_facilitator(point: TurningPoint) -> None:
    for audience in BELOW:
        texts = point_texts(point, audience)
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert_nothing_confidential(texts)
        assert all(point.said_by not in text for text in texts)
    for text in point_texts(point, Audience.FACILITATOR):
        assert point.note in text and point.opened_up in text and point.agreement in text


@given(agreements(), actions())
def test_agreements_and_actions_keep_confidential_ones_to_the_facilitator(agreement: Agreement, action: Action) -> None:
    for audience in BELOW:
        texts = agreement_texts(agreement, audience) + action_texts(action, audience)
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert_nothing_confidential(texts)
    for text in agreement_texts(agreement, Audience.FACILITATOR):
        assert agreement.text in text and all(party in text for party in agreement.parties)
    for text in action_texts(action, Audience.FACILITATOR):
        assert action.text in text and action.owner in text


@given(summary_agreements(), summary_actions(), attendance())
def test_the_summary_keeps_confidential_words_to_the_facilitator_and_names_out_of_the_room(
    agreement: SummaryAgreement, action: SummaryAction, came: SummaryAttendance
) -> None:
    for audience in BELOW:
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert_nothing_confidential(summary_texts(agreement, action, audience))
        who = text_of(lines.attendance_line(came, audience))
        assert came.organisation in who and f"({came.count})" in who
        if audience.in_the_room:
            assert "PERSON" not in who, who
    facilitator = summary_texts(agreement, action, Audience.FACILITATOR)
    assert agreement.text in facilitator[0] and action.text in facilitator[1] and action.owner in facilitator[1]
    assert all(name in text_of(lines.attendance_line(came, Audience.FACILITATOR)) for name in came.named)


@given(recorded_items())
def test_a_meetings_record_keeps_confidential_words_to_its_confidential_export_and_credits_by_said_by(
    items: tuple[RecordedAgreement, RecordedAction, RecordedElephant]
) -> None:
    agreement, action, elephant = items
    for audience in Audience:
        texts = [text_of(lines.record_agreement_line(agreement, audience, today=TODAY)),
                 text_of(lines.record_action_line(action, audience, today=TODAY)),
                 text_of(lines.record_elephant_line(elephant, audience))]
        if audience not in (Audience.FACILITATOR, Audience.EXPORT_CONFIDENTIAL):
            assert_nothing_confidential(texts)
        if audience.in_the_room:
            assert all("PERSON" not in text for text in texts), texts
        for item, text in zip((agreement, action, elephant), texts, strict=True):
            if item.attribution != "named":
                assert "PERSON" not in text
            if item.attribution == "anonymous":
                assert "ORG" not in text
    for item in (agreement, elephant):
        credit = lines.record_credit(item.attribution, item.said_by, Audience.EXPORT, naming=Naming.ORGANISATIONS)
        assert credit is None or "PERSON" not in credit


@given(st.sampled_from([*Kind, None]), st.booleans(), word("OPEN"), word("SECRET"))
def test_a_message_naming_an_item_quotes_no_confidential_words_below_the_facilitator(
    kind: Kind | None, confidential: bool, open_words: str, secret_words: str
) -> None:
    words = secret_words if confidential else open_words
    for audience in BELOW:
        label = lines.row_label("item", words, audience, kind=kind, confidential=confidential)
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert "SECRET" not in label, label
        if kind in (Kind.ROUND_TURN, Kind.COACHING):
            assert words not in label
    assert words in lines.row_label("item", words, Audience.FACILITATOR, kind=kind, confidential=confidential)


@given(search_hits())
def test_a_search_hit_shows_confidential_words_only_to_the_facilitator_and_a_confidential_export(
    hit: SearchHit
) -> None:
    for audience in BELOW:
        text = text_of(lines.search_hit_line(hit, audience, today=NOW))
        if audience is not Audience.EXPORT_CONFIDENTIAL:
            assert "SECRET" not in text, text
            assert (text == "") == hit.confidential
    facilitator = text_of(lines.search_hit_line(hit, Audience.FACILITATOR, today=NOW))
    assert hit.snippet.replace(HIT_START, "").replace(HIT_END, "") in facilitator


@given(st.sampled_from(Kind), st.booleans(), st.booleans())
def test_the_policy_keeps_notes_rounds_and_coaching_out_of_the_room(kind: Kind, confidential: bool, hidden: bool) -> None:
    facts = Facts(confidential, hidden)
    assert visibility(kind, facts, Audience.FACILITATOR) is Shown.IN_FULL
    for audience in IN_THE_ROOM:
        shown = visibility(kind, facts, audience)
        if hidden or kind in (Kind.NOTE, Kind.ATTENDEE, Kind.ROUND_TURN, Kind.COACHING):
            assert shown is Shown.NOT_AT_ALL
        elif confidential:
            assert shown in (Shown.STAND_IN, Shown.NOT_AT_ALL)
    for audience in (Audience.EXPORT, Audience.EXPORT_CONFIDENTIAL):
        if kind in (Kind.ROUND_TURN, Kind.COACHING):
            assert visibility(kind, facts, audience) is Shown.NOT_AT_ALL
    if confidential:
        assert visibility(kind, facts, Audience.EXPORT) in (Shown.COUNTED, Shown.NOT_AT_ALL)


@given(st.sampled_from(Attribution), word("PERSON"), st.one_of(st.none(), word("ORG")), st.sampled_from(Audience),
       st.sampled_from(Naming))
def test_said_by_names_a_person_only_to_the_facilitator_and_an_export_that_names_people(
    attribution: Attribution, person: str, organisation: str | None, audience: Audience, naming: Naming
) -> None:
    credit = said_by(attribution, f"{person}, {organisation}", organisation, audience, naming=naming)
    names_people = naming is Naming.PEOPLE
    if attribution is Attribution.ANONYMOUS or (audience.is_export and naming is Naming.NOBODY):
        assert credit is None
    elif attribution is Attribution.ORGANISATION:
        assert credit == organisation
    elif audience is Audience.FACILITATOR or (audience.is_export and names_people):
        assert credit is not None and person in credit
    else:
        assert credit is None or person not in credit
