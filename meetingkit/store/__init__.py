"""The only part of meetingkit that speaks SQL: opening files safely, migrations, typed methods."""

from meetingkit.store.errors import (
    DatabaseUnusable,
    ReadOnlyDatabase,
    StoreBusy,
    StoreError,
)
from meetingkit.store.store import Store

__all__ = ["DatabaseUnusable", "ReadOnlyDatabase", "Store", "StoreBusy", "StoreError"]
