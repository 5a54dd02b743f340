"""Numbers read from the file, read defensively.

The schema says INTEGER or REAL, but SQLite keeps whatever it is given, so a file merged
from another site or edited by hand can hold text, a blob, infinity or a number no meeting
could have where a number belongs. Code that adds, subtracts or formats a stored number
reads it through these first: a value that is not a number in its range becomes None
("unknown"), never a `str - float` in the middle of a screen or an export.
"""

from __future__ import annotations

import math


def whole_number(value: object, *, low: int = 0, high: int | None = None) -> int | None:
    """A stored count or a number of minutes as an int, or None when it is not one in [low, high].

    A float that is a whole number (SQLite may hand back 15.0) counts; a bool does not.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    if value < low or (high is not None and value > high):
        return None
    return value


def amount(value: object, *, low: float = 0.0, high: float | None = None) -> float | None:
    """A stored quantity (seconds, say) as a float, or None when it is not a finite number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    if not math.isfinite(number) or number < low or (high is not None and number > high):
        return None
    return number
