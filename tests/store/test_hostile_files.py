"""Files and paths as a hostile or careless world gives them: characters URIs give a meaning
to, dangling links, empty files, read-only files, a writer holding the lock (issue 14).
Whatever the path, the file opens, the backup works, nothing is left beside either that
was not asked for, and everything made is private (0600)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import DatabaseUnusable, Store
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS
from tests.helpers import RunCli

AWKWARD_NAMES = ["we#ird", "what?now", "100%", "a%20b", "mixed #?% here"]
"""Characters a `file:` URI gives a meaning to: a fragment, a query, an escape."""


def _everything_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_a_backup_to_and_from_an_awkward_path_works_and_leaves_nothing_else(
    tmp_path: Path, library: AgendaLibrary, name: str
) -> None:
    folder = tmp_path / name
    folder.mkdir()
    with Store.open(folder / f"{name}.db") as store:
        partnership = store.partnerships.ensure("Schools")
        store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
        copy = folder / f"copy {name}.db"
        assert store.retention.backup_to(copy) == 1
    assert _mode(copy) == 0o600
    assert _everything_under(tmp_path) == {name, f"{name}/{name}.db", f"{name}/copy {name}.db"}
    with sqlite3.connect(copy) as reader:
        assert reader.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_the_first_upgrade_of_an_older_file_at_an_awkward_path_works(
    tmp_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    import meetingkit.store.connection as connection
    import meetingkit.store.database as base

    folder = tmp_path / name
    folder.mkdir()
    path = folder / f"{name}.db"
    with monkeypatch.context() as old_code:
        for module in (base, connection):
            old_code.setattr(module, "LATEST_VERSION", LATEST_VERSION - 1)
        old_code.setattr(base, "MIGRATIONS", MIGRATIONS[:-1])
        with Store.open(path) as old:
            old.partnerships.ensure("Schools")
    with Store.open(path) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
        assert [p.name for p in upgraded.partnerships.all()] == ["Schools"]
    before = path.with_name(f"{name}.before-v{LATEST_VERSION}.db")
    assert _mode(before) == 0o600
    assert _everything_under(tmp_path) == {name, f"{name}/{name}.db", f"{name}/{before.name}"}


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask for one test: a usual one, and one that takes nothing away."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def _private_files_beside(path: Path) -> dict[str, int]:
    return {p.name: _mode(p) for p in path.parent.iterdir() if p.name.startswith(path.name) and not p.is_symlink()}


def test_a_dangling_symlink_given_as_the_database_makes_a_private_file_where_it_points(
    tmp_path: Path, umask: int
) -> None:
    target = tmp_path / "real" / "meetingkit.db"
    target.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(target)
    with Store.open(link) as store:
        store.partnerships.ensure("Schools")
        assert _private_files_beside(target) == {"meetingkit.db": 0o600, "meetingkit.db-wal": 0o600, "meetingkit.db-shm": 0o600}
    assert _mode(target) == 0o600


def test_a_dangling_symlink_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "unplugged" / "meetingkit.db")
    with pytest.raises(DatabaseUnusable, match="is a link to .* in a folder that does not exist"):
        Store.open(link)
    assert list(tmp_path.iterdir()) == [link]


def test_an_empty_file_made_by_someone_else_becomes_a_private_database(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "meetingkit.db"
    path.touch()
    path.chmod(0o644)
    with Store.open(path) as store:
        store.partnerships.ensure("Schools")
        assert _private_files_beside(path) == {"meetingkit.db": 0o600, "meetingkit.db-wal": 0o600, "meetingkit.db-shm": 0o600}


@pytest.fixture
def unwritable(db_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A file with a meeting in it, read-only (0400), that the OS says we cannot write.

    Root ignores file modes, so the OS's answer is given by `os.access`, as in test_store_files;
    the file's mode is what SQLite would copy to anything it made beside it.
    """
    with Store.open(db_path) as store:
        partnership = store.partnerships.ensure("Schools")
        meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
        store.business.add_action(meeting.id, "Book the interpreter")
    db_path.chmod(0o400)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if mode == os.W_OK and Path(path) in (db_path, db_path.parent) else real_access(path, mode)
    )
    yield db_path
    db_path.chmod(0o600)


def test_reviewing_a_read_only_file_creates_nothing_beside_it(unwritable: Path, cli: RunCli) -> None:
    before = _everything_under(unwritable.parent)
    with Store.open(unwritable) as store:
        assert store.read_only
        assert [p.name for p in store.partnerships.all()] == ["Schools"]
        assert store.records.search("interpreter")
    for command in (("meetings",), ("search", "interpreter"), ("report", "--partnership", "Schools")):
        result = cli("--db", str(unwritable), *command)
        assert result.returncode == 0, result.stderr
    assert _everything_under(unwritable.parent) == before, "no -wal or -shm left with the file's read-only mode"


def test_a_read_only_file_can_be_backed_up(unwritable: Path, tmp_path: Path, cli: RunCli) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    result = cli("--db", str(unwritable), "backup", str(folder))
    assert result.returncode == 0, result.stderr
    [copy] = folder.iterdir()
    assert _mode(copy) == 0o600
    with sqlite3.connect(copy) as reader:
        assert reader.execute("SELECT text FROM actions").fetchall() == [("Book the interpreter",)]
