"""The only part of meetingkit that speaks SQL: a `Database` (opening files safely, migrations,
transactions that nest) and one repository per aggregate, wired together by `Store`."""

from meetingkit.store.database import Database
from meetingkit.store.errors import (
    DatabaseUnusable,
    ReadOnlyDatabase,
    StoreBusy,
    StoreError,
)
from meetingkit.store.store import Store

__all__ = ["Database", "DatabaseUnusable", "ReadOnlyDatabase", "Store", "StoreBusy", "StoreError"]
