"""`Store`: typed methods over one meetingkit database file, gathered from small rooms."""

from __future__ import annotations

from meetingkit.store.captures import CaptureStore


class Store(CaptureStore):
    """One open database, and everything meetingkit reads from it or writes to it.

    The methods live in small modules, each building on the one below:
    `base` (opening, transactions) ← `partnerships` ← `meetings` ← `captures`.
    Open one with `Store.open(path)`.
    """
