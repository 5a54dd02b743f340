"""The only part of meetingkit that speaks SQL: a `Database` (opening files safely, migrations,
transactions that nest) and one repository per aggregate, wired together by `Store`.

`Database` and `Store` load on first use (PEP 562), so a command that only needs one light
module of the store (`where` reads `store.location`) does not import SQLite and every repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from meetingkit.store.errors import (
    DatabaseUnusable,
    ReadOnlyDatabase,
    StoreBusy,
    StoreError,
)

if TYPE_CHECKING:
    from meetingkit.store.database import Database
    from meetingkit.store.store import Store

__all__ = ["Database", "DatabaseUnusable", "ReadOnlyDatabase", "Store", "StoreBusy", "StoreError"]


def __getattr__(name: str) -> Any:
    """`Database` and `Store`, imported when first asked for."""
    if name == "Database":
        from meetingkit.store.database import Database

        return Database
    if name == "Store":
        from meetingkit.store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
