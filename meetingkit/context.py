"""What one run of meetingkit works with: which database, which agenda folders.

Built once from the command line (or by a test), then used to open the store and
load the agendas, so every command finds its files the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from meetingkit.core.paths import resolve_db_path, shipped_agenda_folder, user_agenda_folder

if TYPE_CHECKING:  # the store and the agenda parser load when a command opens or reads them
    from meetingkit.core.agendas import AgendaLibrary
    from meetingkit.core.clock import Clock
    from meetingkit.store import Store

AskPassphrase = Callable[[Path, bool], str]
"""Asks the person for the passphrase of a database file; the flag says the file is about to be created."""


class Context(NamedTuple):
    """The files one run of meetingkit uses.

    A NamedTuple rather than a frozen dataclass: as immutable, and `meetingkit where` starts
    without importing dataclasses (and inspect, which it imports).
    """

    db_path: Path
    """The database file."""
    db_source: str = "from --db"
    """Why that file: "from --db", "from MEETINGKIT_DB" or "the default location"."""
    extra_agenda_folders: tuple[Path, ...] = ()
    """Folders given with `--agendas`, last one winning."""
    include_user_agendas: bool = True
    """Read the per-user agenda folder (tests turn this off to stay hermetic)."""
    ask_passphrase: AskPassphrase | None = None
    """Set when the file is, or is to be made, encrypted (`--encrypted`): how to ask for its passphrase.

    Only the way of asking is kept here, never the passphrase: it is asked each time the
    store is opened, only once the file has passed the checks that need no key.
    """

    @classmethod
    def from_options(
        cls, db: str | None, agendas: list[str] | None = None, *, ask_passphrase: AskPassphrase | None = None
    ) -> Context:
        """Resolve `--db`, `MEETINGKIT_DB`, `--agendas` and `--encrypted` the one way every command does."""
        path, source = resolve_db_path(db)
        extra = tuple(Path(folder).expanduser() for folder in agendas or ())
        return cls(db_path=path, db_source=source, extra_agenda_folders=extra, ask_passphrase=ask_passphrase)

    @property
    def encrypted(self) -> bool:
        """Whether the database is opened as an encrypted file."""
        return self.ask_passphrase is not None

    @property
    def agenda_folders(self) -> list[tuple[Path, str]]:
        """Every folder templates are read from, in override order, each with a label."""
        folders = [(shipped_agenda_folder(), "shipped with meetingkit")]
        if self.include_user_agendas:
            folders.append((user_agenda_folder(), "yours"))
        folders.extend((folder, "from --agendas") for folder in self.extra_agenda_folders)
        return folders

    def missing_agenda_folders(self) -> list[Path]:
        """`--agendas` folders that do not exist (a typo worth stopping for)."""
        return [folder for folder in self.extra_agenda_folders if not folder.is_dir()]

    def load_agendas(self) -> AgendaLibrary:
        """Every usable template, plus the problems with the broken ones."""
        from meetingkit.core.agendas import load_library

        return load_library([folder for folder, _ in self.agenda_folders])

    def open_store(self, clock: Clock | None = None, *, read_only: bool = False) -> Store:
        """Open the database; only the default location may create its own folder.

        `read_only`: only look at an existing file (the wall), never create, upgrade or write it.
        """
        from meetingkit.store import Store

        ask = self.ask_passphrase
        return Store.open(
            self.db_path,
            clock=clock,
            create_folder=self.db_source == "the default location",
            passphrase=None if ask is None else (lambda new: ask(self.db_path, new)),
            read_only=read_only,
        )
