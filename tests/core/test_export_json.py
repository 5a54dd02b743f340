"""A record's JSON export is written by `core.export._pretty_json` (issue 19: the `json` module
encodes in Python when asked to indent, most of an export's time on a file with years of history).
Whatever the data, its text is `json.dumps(data, ensure_ascii=False, indent=2)`, character for
character (hypothesis), and what it does not know is left to the module."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingkit.core.export import _pretty_json

LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.sampled_from(["", "é", "\u2028", "\x1b[31m", '"quoted"\\', "\ud800", "IEP ≡ PEI"]),
)
DATA = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=30,
)


@given(DATA)
def test_the_text_is_the_json_modules(data: Any) -> None:
    assert _pretty_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("data", [
    {1: "a number as a key"}, {"nested": {None: True, 2.5: [1]}}, [object()], {"a": {1, 2}},
])
def test_what_it_does_not_know_is_left_to_the_json_module(data: Any) -> None:
    try:
        expected = json.dumps(data, ensure_ascii=False, indent=2)
    except TypeError as error:
        with pytest.raises(TypeError, match=str(error)):
            _pretty_json(data)
    else:
        assert _pretty_json(data) == expected


def test_a_cycle_is_refused_as_the_json_module_refuses_it() -> None:
    looped: list[Any] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference"):
        _pretty_json(looped)


def test_special_floats_are_written_as_the_json_module_writes_them() -> None:
    assert _pretty_json([math.nan, math.inf, -math.inf, -0.0, 1e300]) == json.dumps(
        [math.nan, math.inf, -math.inf, -0.0, 1e300], indent=2)
