"""What ctrl+z's toast may say (`core.lines.undone_notice`): the item's words only to whom the policy shows them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.audience import Audience
from meetingkit.core.lines import UNDO_KINDS, UNDONE_WORDS, undone_notice

WORDS = "SECRETWORDS"


@given(
    table=st.sampled_from(sorted(UNDO_KINDS)),
    kind=st.sampled_from(sorted(UNDONE_WORDS)),
    audience=st.sampled_from([Audience.ROOM, Audience.PARTICIPANT, Audience.EXPORT]),
    status=st.sampled_from([None, "addressed", "let_go", "parked", "discussing"]),
)
def test_a_confidential_items_words_never_reach_an_audience_below_the_facilitator(
    table: str, kind: str, audience: Audience, status: str | None
) -> None:
    fields = [("status", "parked", status)] if status else [("text", WORDS, WORDS + " fixed")]
    said = undone_notice(table, kind, fields, WORDS, audience, confidential=True)
    assert WORDS not in said and said.startswith("Undone: ")


@given(table=st.sampled_from(["attendance", "people", "notes"]),
       audience=st.sampled_from([Audience.ROOM, Audience.PARTICIPANT]))
def test_attendees_and_notes_are_not_named_to_the_room_even_when_open(table: str, audience: Audience) -> None:
    assert WORDS not in undone_notice(table, "deleted", [], WORDS, audience)


def test_the_facilitator_reads_what_was_undone() -> None:
    assert undone_notice("actions", "done", [("status", "open", "done")], "Send the referral form",
                         Audience.FACILITATOR) == 'Undone: action "Send the referral form" marked done'
    assert undone_notice("elephants", "dropped", [("status", "parked", "let_go")], "Funding", Audience.FACILITATOR,
                         confidential=True) == 'Undone: elephant "Funding" let go'
