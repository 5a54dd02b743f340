"""Globally unique, time-ordered ids, so files from different sites can be merged.

The layout follows UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then
random bits. An id made in a later millisecond sorts after one made earlier, which
keeps SQLite's indexes compact and lets `ORDER BY id` roughly follow creation order.
"""

from __future__ import annotations

import os
import time
import uuid


def new_id() -> str:
    """A fresh id as a 36-character UUID string."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value &= ~(0xF << 76)
    value |= 0x7 << 76  # version 7
    value &= ~(0x3 << 62)
    value |= 0x2 << 62  # RFC 4122 variant
    return str(uuid.UUID(int=value))
