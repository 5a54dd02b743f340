"""Near-duplicate glossary terms (`core.near_duplicates`): suggested to a person, never merged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.near_duplicates import looks_like, near_duplicates


def test_plurals_spacing_punctuation_and_case_variants_are_suggested() -> None:
    found = near_duplicates([("1", "ISPs"), ("2", "I S P"), ("3", "ISP"), ("4", "I-S-P"), ("5", "ISP's"),
                             ("6", "EHCP"), ("7", "ehcps")])
    assert found["3"] == ("1", "2", "4", "5")
    assert found["6"] == ("7",) and found["7"] == ("6",)


def test_unrelated_terms_and_one_term_spelled_the_same_way_are_not_suggested() -> None:
    assert near_duplicates([("1", "ISP"), ("2", "ITP"), ("3", "bus"), ("4", "b")]) == {}
    assert not looks_like("ISP", "i.s.p.")  # already one term (`jargon_key`)
    assert not looks_like("...", "!!")  # nothing to compare


SPELLINGS = st.sampled_from(["ISP", "ISPs", "I S P", "I.S.P", "isp's", "EHCP", "E H C P", "ehcps", "bus", "as", "a"])
TERMS = st.lists(st.tuples(st.uuids().map(str), st.one_of(SPELLINGS, st.text(max_size=8))), max_size=12)


@given(TERMS)
def test_the_finder_never_pairs_a_term_with_itself_and_is_symmetric(terms: list[tuple[str, str]]) -> None:
    found = near_duplicates(terms)
    for term_id, others in found.items():
        assert term_id not in others
        for other in others:
            assert term_id in found[other]


@given(st.one_of(SPELLINGS, st.text(max_size=8)), st.one_of(SPELLINGS, st.text(max_size=8)))
def test_looks_like_is_symmetric(first: str, second: str) -> None:
    assert looks_like(first, second) == looks_like(second, first)
    assert not looks_like(first, first)
