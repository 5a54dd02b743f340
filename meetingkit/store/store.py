"""`Store`: one open database file and its repositories, wired together once.

There is no inheritance here: each repository is a plain class that takes the
`Database` and the other repositories it needs, so what depends on what can be read
from the constructors below, and a newcomer finds a method by what it is about:

    store.partnerships  partnerships, organisations, people        (`partnerships`)
    store.meetings      meetings, sections, attendance, notes       (`meetings`)
    store.business      agreements and actions                      (`business`)
    store.jargon        Name the Jargon and the glossary            (`jargon`)
    store.boards        elephants and turning points                (`boards`)
    store.records       summaries, whole-meeting exports, search    (`records`)
    store.review        history and trends across meetings          (`review`)
    store.reports       a partnership's report for a period         (`report`)
    store.retention     backups and deleting for good               (`retention`)
    store.room          participants: join codes, moderation        (`participants`)
    store.merge         bringing another site's file in             (`merge`)
    store.changes       the history of corrections and decisions    (`changes`)

A use case that spans repositories is one transaction: `with store.db.transaction():`
around their calls (their own writes become savepoints inside it).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Self

from meetingkit.core.clock import Clock
from meetingkit.store.changes import Changes
from meetingkit.store.connection import Passphrase
from meetingkit.store.counting import Counting
from meetingkit.store.database import Database
from meetingkit.store.meetings import Meetings
from meetingkit.store.partnerships import Partnerships
from meetingkit.store.retention import Retention

if TYPE_CHECKING:
    from meetingkit.store.boards import Boards
    from meetingkit.store.business import Business
    from meetingkit.store.jargon import Jargon
    from meetingkit.store.merge import Merge
    from meetingkit.store.notes import Notes
    from meetingkit.store.participants import Room
    from meetingkit.store.records import Records
    from meetingkit.store.report import Reports
    from meetingkit.store.review import Review


class Store:
    """One open database, and the repositories everything meetingkit reads or writes goes through.

    Open one with `Store.open(path)`; use it as a context manager to close it.

    The repositories the home screen reads are built with the store; the others (and their
    modules) on first use, once each, so the console opens without importing what a meeting,
    a review, a report or a merge needs.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        """The connection, its clock and its transactions."""
        self.changes = Changes(db)
        """The history of corrections and decisions, row by row."""
        self.counting = Counting(db)
        """Elephants counted for a period, the one way every screen and document counts them."""
        self.partnerships = Partnerships(db, self.counting, self.changes)
        self.meetings = Meetings(db, self.partnerships, self.changes)
        self.retention = Retention(db)

    @cached_property
    def notes(self) -> Notes:
        from meetingkit.store.notes import Notes

        return Notes(self.db, self.meetings, self.changes)

    @cached_property
    def business(self) -> Business:
        from meetingkit.store.business import Business

        return Business(self.db, self.partnerships, self.meetings, self.changes)

    @cached_property
    def jargon(self) -> Jargon:
        from meetingkit.store.jargon import Jargon

        return Jargon(self.db, self.meetings, self.changes)

    @cached_property
    def boards(self) -> Boards:
        from meetingkit.store.boards import Boards

        return Boards(self.db, self.meetings, self.counting, self.changes)

    @cached_property
    def records(self) -> Records:
        from meetingkit.store.records import Records

        return Records(self.db, self.meetings, self.business, self.jargon, self.boards)

    @cached_property
    def review(self) -> Review:
        from meetingkit.store.review import Review

        return Review(self.db, self.counting)

    @cached_property
    def reports(self) -> Reports:
        from meetingkit.store.report import Reports

        return Reports(self.db, self.partnerships, self.counting)

    @cached_property
    def room(self) -> Room:
        from meetingkit.store.participants import Room

        return Room(self.db, self.partnerships, self.meetings, self.jargon, self.boards)

    @cached_property
    def merge(self) -> Merge:
        from meetingkit.store.merge import Merge

        return Merge(self.db, self.retention)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        create_folder: bool = False,
        passphrase: Passphrase = None,
        read_only: bool = False,
    ) -> Self:
        """Open (creating if needed) and migrate a database file; see `Database.open`."""
        return cls(
            Database.open(path, clock=clock, create_folder=create_folder, passphrase=passphrase, read_only=read_only)
        )

    @property
    def path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def clock(self) -> Clock:
        """The one time source every stored stamp comes from."""
        return self.db.clock

    @property
    def read_only(self) -> bool:
        """True when the file or its folder cannot be written: review only."""
        return self.db.read_only

    @property
    def encrypted(self) -> bool:
        """True when the file is encrypted at rest."""
        return self.db.encrypted

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        self.db.close()

    def changed_elsewhere(self) -> bool:
        """True once after another process has committed since the last call; cheap to poll."""
        return self.db.changed_elsewhere()

    def schema_version(self) -> int:
        """The migration the file is at."""
        return self.db.schema_version()
