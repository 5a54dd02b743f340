"""A meeting's record reads its terms set-based (issue 19): one read of the meeting's mentions, and
`Jargon.record_terms` for the terms, instead of the board's totals over the partnership's whole
history and a query per term. Over random histories on a real file (hypothesis), the record's terms
are those the old reading gave: the same terms in the same order, with the same tallies, "new here",
same-as names and mentions, and the same count of what was left out.

The old reading is kept here as the oracle (`old_terms`): `Jargon.board_terms`, then each term's
mentions in the meeting, one query a term, as `Records.meeting_record` read them until then.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingkit.context import Context
from meetingkit.core.audience import Audience, Kind, shows
from meetingkit.core.clock import FrozenClock
from meetingkit.core.models import Attribution
from meetingkit.store import Store
from meetingkit.store.credit import SAID_BY, SAID_BY_JOINS

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
AGENDAS = Context(db_path=Path("unused.db"), include_user_agendas=False).load_agendas()
TERMS = ["ISP", "isp", "EHCP", "MLO", "TAC", "PEI", "CÉSOC", "cesoc"]
ORGS = ["School board", "Settlement agency"]

OPERATIONS = st.one_of(
    st.tuples(st.just("meeting"), st.integers(0, 1)),
    st.tuples(st.just("end")),
    # Clocks that stand still (mentions stamped alike), move on, or go back (another site's clock).
    st.tuples(st.just("tick"), st.sampled_from([0, 0.001, 1, 61, 3600, 86400 * 30, -90, -86400])),
    st.tuples(st.just("mention"), st.sampled_from(TERMS), st.sampled_from(["anonymous", "organisation"]),
              st.booleans()),
    st.tuples(st.just("same_as"), st.integers(0, 9), st.sampled_from(TERMS)),
    st.tuples(st.just("merge"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("meaning"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("explain"), st.integers(0, 9)),
)


def play(store: Store, clock: FrozenClock, operations: list[tuple[Any, ...]]) -> list[str]:
    """Do the operations with the store's own methods; the meetings made, in order."""
    partnerships = [store.partnerships.ensure(name).id for name in ("Northside", "Riverside")]
    orgs = {p: store.partnerships.ensure_organisation(p, ORGS[0]).id for p in partnerships}
    meetings: list[str] = []
    terms: list[str] = []
    current: str | None = None
    for operation in operations:
        kind = operation[0]
        try:
            if kind == "meeting":
                partnership = partnerships[operation[1]]
                created = store.meetings.create(partnership, AGENDAS.agendas["operational"], title="Meeting")
                current = store.meetings.start(created.id).id
                meetings.append(current)
            elif kind == "end" and current:
                store.records.end_and_summarise(current)
                current = None
            elif kind == "tick":
                clock.advance(operation[1])
            elif kind == "mention" and current:
                _, term, attribution, confidential = operation
                partnership = store.meetings.get(current).partnership_id
                credit = {"attribution": Attribution.ORGANISATION, "organisation_id": orgs[partnership]} \
                    if attribution == "organisation" else {}
                term_id, _tally = store.jargon.mention(current, term, confidential=confidential, **credit)
                terms.append(term_id)
            elif kind == "same_as" and terms:
                store.jargon.same_as(terms[operation[1] % len(terms)], operation[2])
            elif kind == "merge" and terms:
                store.jargon.merge_terms(terms[operation[1] % len(terms)], terms[operation[2] % len(terms)])
            elif kind == "meaning" and terms:
                store.jargon.add_meaning(terms[operation[1] % len(terms)], "a plan", meeting_id=current,
                                         confidential=operation[2])
            elif kind == "explain" and terms:
                store.jargon.explain_term(terms[operation[1] % len(terms)], expansion="individual support plan")
        except (ValueError, LookupError):
            pass  # refused as the app refuses it (a term merged into itself, two partnerships' terms)
    return meetings


def old_terms(store: Store, meeting_id: str, include_confidential: bool) -> tuple[list[tuple[Any, ...]], int]:
    """The record's terms as `meeting_record` read them before: the board's terms, then a query a
    term for its mentions here. Returns each shown term's fields and how many items were left out."""
    audience = Audience.EXPORT_CONFIDENTIAL if include_confidential else Audience.EXPORT
    left_out = 0
    terms = []
    for term in store.jargon.board_terms(meeting_id):
        if not shows(Kind.TERM, audience, confidential=term.confidential):
            left_out += 1
            continue
        rows = store.db.rows(
            f"""SELECT m.mentioned_at, m.section_run_id, m.attribution, m.confidential,
                    {SAID_BY.format(row="m")} AS said_by
                FROM jargon_mentions m {SAID_BY_JOINS.format(row="m")}
                WHERE m.term_id = ? AND m.meeting_id = ? ORDER BY m.mentioned_at, m.rowid""",
            [term.id, meeting_id],
        )
        mentions = [row for row in rows if shows(Kind.TERM, audience, confidential=bool(row["confidential"]))]
        left_out += len(rows) - len(mentions)
        terms.append((
            term.id, term.display, term.tally, term.new_here, term.expansion, term.plain_words,
            term.shown_same_as(include_confidential=shows(Kind.ALIAS, audience, confidential=True)),
            term.confidential,
            tuple((row["mentioned_at"], row["section_run_id"], row["attribution"],
                   None if row["attribution"] == "anonymous" else row["said_by"]) for row in mentions),
        ))
    return terms, left_out


fast = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=40), include_confidential=st.booleans())
def test_a_records_terms_are_those_the_board_and_a_query_a_term_gave(
    operations: list[tuple[Any, ...]], include_confidential: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FrozenClock(START)
        with Store.open(Path(folder) / "record.db", clock=clock) as store:
            for meeting_id in play(store, clock, operations):
                record = store.records.meeting_record(meeting_id, include_confidential=include_confidential)
                section_of = {run.id: run.position + 1 for run in store.meetings.section_runs(meeting_id)}
                expected, left_out = old_terms(store, meeting_id, include_confidential)
                assert [
                    (t.id, t.term, t.mentions_here, t.new_here, t.expansion, t.plain_words, t.same_as,
                     t.confidential, tuple((m.at, m.section, m.attribution, m.said_by) for m in t.mentions))
                    for t in record.jargon
                ] == [
                    (*fields[:8], tuple((at, section_of.get(run), attribution, said_by)
                                        for at, run, attribution, said_by in fields[8]))
                    for fields in expected
                ]
                assert record.left_out.confidential == left_out  # the operations make no other items


@fast
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=40))
def test_record_terms_are_the_boards_terms_but_for_their_totals(operations: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FrozenClock(START)
        with Store.open(Path(folder) / "record.db", clock=clock) as store:
            for meeting_id in play(store, clock, operations):
                assert [
                    (t.id, t.display, t.tally, t.unexplained, t.new_here, t.expansion, t.plain_words, t.same_as,
                     t.same_as_confidential, t.confidential, t.first_mention, t.language, t.equivalents)
                    for t in store.jargon.record_terms(meeting_id)
                ] == [
                    (t.id, t.display, t.tally, t.unexplained, t.new_here, t.expansion, t.plain_words, t.same_as,
                     t.same_as_confidential, t.confidential, t.first_mention, t.language, t.equivalents)
                    for t in store.jargon.board_terms(meeting_id)
                ]


def test_a_terms_first_mention_anywhere_is_read_through_the_index_of_migration_13(store: Store) -> None:
    plan = store.db.rows(
        "EXPLAIN QUERY PLAN SELECT min(x.mentioned_at) FROM jargon_mentions x WHERE x.term_id = ?", ["t"])
    assert any("jargon_mentions_first" in row["detail"] for row in plan)


def test_the_meetings_of_a_terms_meanings_are_read_from_the_index_alone(store: Store) -> None:
    plan = store.db.rows(
        """EXPLAIN QUERY PLAN SELECT mm.title, mm.started_at FROM jargon_meanings jm
           LEFT JOIN meetings mm INDEXED BY meetings_titled ON mm.id = jm.meeting_id WHERE jm.term_id = ?""", ["t"])
    assert any("COVERING INDEX meetings_titled" in row["detail"] for row in plan)
