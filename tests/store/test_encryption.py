"""Encryption at rest for shared PCs (`--encrypted`, the optional `encrypted` extra): nothing a note says
can be read from the file, its write-ahead log or its backups without the passphrase; the passphrase is
asked on the terminal and kept nowhere; every wrong turn is one clear line and an untouched file."""

from __future__ import annotations

import getpass
import hashlib
import os
import pty
import select
import sqlite3
import stat
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="the encryption extra (sqlcipher3) is not installed")

import meetingkit.cli as cli  # noqa: E402
import meetingkit.store.connection as connection  # noqa: E402
import meetingkit.store.database as base  # noqa: E402
from meetingkit.core.agendas import AgendaLibrary  # noqa: E402
from meetingkit.core.clock import FrozenClock  # noqa: E402
from meetingkit.store import DatabaseUnusable, ReadOnlyDatabase, Store, StoreBusy  # noqa: E402
from meetingkit.store.errors import (  # noqa: E402
    EncryptionUnavailable,
    NotADatabase,
    WrongPassphrase,
)
from meetingkit.store.schema import LATEST_VERSION, MIGRATIONS  # noqa: E402
from meetingkit.ui.app import create_app  # noqa: E402
from tests.helpers import RunCli, rendered_text  # noqa: E402

PASSPHRASE = "Tea at four, 'not' \"before\"; -- ok"
"""Quotes, a semicolon and a comment marker: the key statement must take all of it as text."""

NOTE = "Amira's family moves to the Riverside shelter on Tuesday"
"""A note about a real person: the text that must never be readable from the disk."""

NEEDLE = b"Riverside shelter"

PATIENCE_SECONDS = 60


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _shm(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def _capture_note(store: Store, library: AgendaLibrary, text: str = NOTE) -> str:
    partnership = store.partnerships.ensure("Child welfare and mental health")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.notes.add(meeting.id, text)
    return meeting.id


def _plain_sqlite_cannot_read(path: Path) -> None:
    plain = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()


@pytest.fixture
def encrypted(db_path: Path, clock: FrozenClock, library: AgendaLibrary) -> Path:
    """An encrypted meetingkit file holding one meeting with `NOTE` in its notes, closed."""
    with Store.open(db_path, clock=clock, passphrase=PASSPHRASE) as store:
        _capture_note(store, library)
    return db_path


# -- the store ------------------------------------------------------------------------------------


def test_a_note_cannot_be_read_from_the_file_or_its_wal_while_the_app_has_it_open(
    tmp_path: Path, clock: FrozenClock, library: AgendaLibrary
) -> None:
    # The same capture in a plain file shows the grep would find the text if it were there.
    plain_path = tmp_path / "plain.db"
    with Store.open(plain_path, clock=clock) as plain:
        _capture_note(plain, library)
        assert NEEDLE in _wal(plain_path).read_bytes()

    path = tmp_path / "locked.db"
    with Store.open(path, clock=clock, passphrase=PASSPHRASE) as store:
        assert store.encrypted
        _capture_note(store, library)
        wal = _wal(path).read_bytes()
        assert len(wal) > 32 * 1024, "the capture should still be in the -wal while the store is open"
        assert NEEDLE not in wal and NEEDLE not in path.read_bytes()
        assert NEEDLE.lower() not in wal.lower()
        for file in (path, _wal(path), _shm(path)):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert NEEDLE not in path.read_bytes()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    _plain_sqlite_cannot_read(path)


def test_reopened_with_the_passphrase_everything_is_there_and_search_finds_it(
    encrypted: Path, clock: FrozenClock
) -> None:
    with Store.open(encrypted, clock=clock, passphrase=PASSPHRASE) as store:
        assert store.encrypted and not store.read_only
        assert store.schema_version() == LATEST_VERSION
        assert store.db.value("PRAGMA integrity_check") == "ok"
        hits = store.records.search("Riverside")
        assert [hit.kind for hit in hits] == ["note"]
        assert len(store.review.history()) == 1


def test_a_wrong_passphrase_is_one_clear_line_and_leaves_the_file_as_it_was(encrypted: Path) -> None:
    before = _digest(encrypted)
    for wrong in ("Tea at four", PASSPHRASE.upper(), PASSPHRASE.replace("'", "''")):
        with pytest.raises(WrongPassphrase) as raised:
            Store.open(encrypted, passphrase=wrong)
        message = str(raised.value)
        assert "\n" not in message and message.startswith(str(encrypted))
        assert "wrong passphrase, or not a meetingkit file" in message
        assert wrong not in message
    assert _digest(encrypted) == before
    assert not _wal(encrypted).exists() and not _shm(encrypted).exists()


def test_opened_without_a_passphrase_it_says_to_add_encrypted(encrypted: Path) -> None:
    before = _digest(encrypted)
    with pytest.raises(NotADatabase, match="if it is an encrypted meetingkit file, add --encrypted"):
        Store.open(encrypted)
    assert _digest(encrypted) == before


@pytest.mark.parametrize(
    "passphrase",
    ["x'00ff'", "back\\slash and ' quote", "ünïcödé pässphrase 🔑", "'; PRAGMA key = 'other"],
)
def test_any_passphrase_is_taken_as_text(db_path: Path, passphrase: str) -> None:
    Store.open(db_path, passphrase=passphrase).close()
    with Store.open(db_path, passphrase=passphrase) as store:
        assert store.schema_version() == LATEST_VERSION
    with pytest.raises(WrongPassphrase):
        Store.open(db_path, passphrase=passphrase + " ")
    _plain_sqlite_cannot_read(db_path)


def test_the_same_visible_passphrase_from_another_keyboard_opens_it(db_path: Path) -> None:
    """é typed as one character or as e plus a combining accent is the same passphrase."""
    composed = unicodedata.normalize("NFC", "café au lait")
    Store.open(db_path, passphrase=composed).close()
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    Store.open(db_path, passphrase=decomposed).close()


@pytest.mark.parametrize("passphrase", ["", "nul\x00inside"])
def test_a_passphrase_that_cannot_be_a_key_is_refused_before_any_file_is_made(db_path: Path, passphrase: str) -> None:
    """An empty key would mean no encryption at all to SQLCipher."""
    with pytest.raises(ValueError, match="passphrase"):
        Store.open(db_path, passphrase=passphrase)
    assert not db_path.exists()


def test_the_prompt_is_told_whether_the_file_is_new_and_asked_once(db_path: Path) -> None:
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return PASSPHRASE

    Store.open(db_path, passphrase=prompt).close()
    Store.open(db_path, passphrase=prompt).close()
    assert asked == [True, False]


def _never_asked(new: bool) -> str:
    raise AssertionError("the passphrase was asked for a file that is refused anyway")


def test_a_plain_file_opened_as_encrypted_is_refused_before_asking(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    Store.open(plain).close()
    before = _digest(plain)
    with pytest.raises(DatabaseUnusable, match="is not encrypted .* Open it without --encrypted"):
        Store.open(plain, passphrase=_never_asked)
    assert _digest(plain) == before


def test_a_file_that_cannot_be_encrypted_meetingkit_is_refused_before_asking(tmp_path: Path) -> None:
    notes = tmp_path / "minutes.txt"
    notes.write_text("Minutes of the March meeting\n" * 100)
    before = _digest(notes)
    with pytest.raises(NotADatabase, match="not a whole number of pages"):
        Store.open(notes, passphrase=_never_asked)
    assert _digest(notes) == before


def test_random_bytes_of_a_plausible_size_are_a_wrong_passphrase_not_a_crash(tmp_path: Path) -> None:
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(8192))
    before = _digest(noise)
    with pytest.raises(WrongPassphrase):
        Store.open(noise, passphrase=PASSPHRASE)
    assert _digest(noise) == before


def test_damage_inside_an_encrypted_file_is_found_on_opening(
    db_path: Path, clock: FrozenClock, library: AgendaLibrary
) -> None:
    with Store.open(db_path, clock=clock, passphrase=PASSPHRASE) as store:
        meeting = _capture_note(store, library)
        for number in range(300):
            store.notes.add(meeting, f"line {number} " + "x" * 200)
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    assert pages >= 8
    middle = pages // 2 * 4096
    data[middle + 100 : middle + 200] = os.urandom(100)
    db_path.write_bytes(bytes(data))
    before = _digest(db_path)
    with pytest.raises(DatabaseUnusable, match="damaged") as raised:
        Store.open(db_path, passphrase=PASSPHRASE)
    assert not isinstance(raised.value, WrongPassphrase)
    assert _digest(db_path) == before


def test_an_encrypted_file_opens_for_review_when_it_cannot_be_written(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    before = _digest(encrypted)
    with Store.open(encrypted, passphrase=PASSPHRASE) as store:
        assert store.read_only and store.encrypted
        assert store.records.search("Riverside")
        with pytest.raises(ReadOnlyDatabase):
            store.partnerships.ensure("Another")
    assert _digest(encrypted) == before


def test_a_second_writer_on_an_encrypted_file_waits_its_turn_and_says_so(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLCipher's errors are its own classes: busy must still be recognised as busy, not a crash."""
    holder = Store.open(encrypted, passphrase=PASSPHRASE)
    waiter = Store.open(encrypted, passphrase=PASSPHRASE)
    try:
        holder.db.execute("BEGIN IMMEDIATE")
        waiter.db.execute("PRAGMA busy_timeout = 0")
        monkeypatch.setattr(base, "WRITE_PATIENCE_SECONDS", 0)
        with pytest.raises(StoreBusy, match="stayed busy"):
            waiter.partnerships.ensure("Literacy network")
        holder.db.execute("COMMIT")
        waiter.partnerships.ensure("Literacy network")
        assert holder.changed_elsewhere()
        assert "Literacy network" in [p.name for p in holder.partnerships.all()]
    finally:
        holder.close()
        waiter.close()


def test_without_the_extra_it_says_how_to_install_it(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if it were not installed
    with pytest.raises(EncryptionUnavailable, match=r"pip install 'meetingkit\[encrypted\]'"):
        Store.open(db_path, passphrase=_never_asked)
    assert not db_path.exists()
    assert not connection.encryption_available()


# -- backups ---------------------------------------------------------------------------------------


def test_a_backup_of_an_encrypted_file_is_encrypted_with_the_same_passphrase(encrypted: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with Store.open(encrypted, passphrase=PASSPHRASE) as store:
        assert store.retention.backup_to(copy) == 1
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert NEEDLE not in copy.read_bytes()
    _plain_sqlite_cannot_read(copy)
    assert not _wal(copy).exists() and not copy.with_name("copy.db-journal").exists()
    with pytest.raises(WrongPassphrase):
        Store.open(copy, passphrase="Tea at four")
    with Store.open(copy, passphrase=PASSPHRASE) as restored:
        assert [hit.kind for hit in restored.records.search("Riverside")] == ["note"]


def test_an_encrypted_copy_is_checked_through_the_key_of_the_file_it_came_from(
    encrypted: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    with Store.open(encrypted, passphrase=PASSPHRASE) as store:
        # backup_to reads the copy back (`check_backup`) through this file's key: a plain read fails.
        assert store.retention.backup_to(copy) == len(store.meetings.recent(None))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT count(*) FROM meetings").fetchone()


def test_the_copy_before_an_upgrade_of_an_encrypted_file_is_encrypted(
    db_path: Path, library: AgendaLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old_code:
        for module in (base, connection):  # schema 4: notes were one text per section then
            old_code.setattr(module, "LATEST_VERSION", 4)
        old_code.setattr(base, "MIGRATIONS", MIGRATIONS[:4])
        with Store.open(db_path, passphrase=PASSPHRASE) as old:
            partnership = old.partnerships.ensure("Child welfare and mental health")
            meeting = old.meetings.start(old.meetings.create(partnership.id, library.agendas["operational"]).id)
            # Notes as schema 4 kept them: one text per section.
            first_section = old.db.value("SELECT id FROM section_runs WHERE meeting_id = ? AND position = 0", [meeting.id])
            old.db.write(lambda: old.db.update("section_runs", first_section, {"notes": NOTE}))
            old.business.add_action(meeting.id, "Book the interpreter for Riverside shelter")
    with Store.open(db_path, passphrase=PASSPHRASE) as upgraded:
        assert upgraded.schema_version() == LATEST_VERSION
        assert [note.text for note in upgraded.notes.meeting_notes(meeting.id)] == [NOTE]
    before = db_path.with_name(f"{db_path.stem}.before-v{LATEST_VERSION}.db")
    assert stat.S_IMODE(before.stat().st_mode) == 0o600
    assert NEEDLE not in before.read_bytes()
    _plain_sqlite_cannot_read(before)
    key = connection._connect(f"file:{before}?mode=ro", uri=True, passphrase=PASSPHRASE)
    try:
        assert key.execute("PRAGMA user_version").fetchone()[0] == 4
        assert key.execute("SELECT text FROM actions").fetchall() == [("Book the interpreter for Riverside shelter",)]
    finally:
        key.close()


# -- the command line ------------------------------------------------------------------------------


class _Terminal:
    """Stands in for a terminal in-process: `isatty()` is true."""

    def isatty(self) -> bool:
        return True


class Typist:
    """Answers getpass in-process: `answers` are typed in order, and each prompt shown is kept."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def getpass(self, prompt: str = "Password: ", stream: object = None) -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


@pytest.fixture
def typist(monkeypatch: pytest.MonkeyPatch) -> Typist:
    typist = Typist()
    monkeypatch.setattr(getpass, "getpass", typist.getpass)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    return typist


def test_cli_creates_after_asking_twice_and_refuses_two_different_entries(
    db_path: Path, typist: Typist, capsys: pytest.CaptureFixture[str]
) -> None:
    typist.answers = ["correct horse battery", "correct horse batterY"]
    assert cli.main(["--db", str(db_path), "--encrypted", "meetings"]) == 1
    assert "were not the same; nothing was created" in capsys.readouterr().err
    assert not db_path.exists()

    typist.answers = ["short"]
    assert cli.main(["--db", str(db_path), "--encrypted", "meetings"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert not db_path.exists()

    typist.answers = ["correct horse battery", "correct horse battery"]
    assert cli.main(["meetings", "--encrypted", "--db", str(db_path)]) == 0
    assert typist.prompts[-2:] == ["Choose a passphrase: ", "Type it again: "]
    assert not typist.answers
    with Store.open(db_path, passphrase="correct horse battery") as store:
        assert store.encrypted
    _plain_sqlite_cannot_read(db_path)


def test_cli_backup_of_an_encrypted_file(
    encrypted: Path, tmp_path: Path, typist: Typist, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "copies"
    destination.mkdir()
    typist.answers = [PASSPHRASE]
    assert cli.main(["--db", str(encrypted), "--encrypted", "backup", str(destination)]) == 0
    assert "Backed up 1 meeting " in capsys.readouterr().out
    assert typist.prompts == [f"Passphrase for {encrypted.name}: "]
    [copy] = destination.iterdir()
    _plain_sqlite_cannot_read(copy)
    with Store.open(copy, passphrase=PASSPHRASE) as restored:
        assert restored.records.search("Riverside")


def test_cli_an_end_of_input_at_the_prompt_is_one_line(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def end_of_input(prompt: str = "", stream: object = None) -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", end_of_input)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    assert cli.main(["--db", str(encrypted), "--encrypted", "meetings"]) == 1
    assert capsys.readouterr().err.strip() == "meetingkit: No passphrase was typed; nothing was opened."


def test_cli_without_the_extra_says_how_to_install_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    assert cli.main(["--db", str(db_path), "meetings", "--encrypted"]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "pip install 'meetingkit[encrypted]'" in error
    assert not db_path.exists()


def test_cli_without_a_terminal_refuses_in_one_line_and_makes_nothing(db_path: Path, encrypted: Path, cli: RunCli) -> None:
    new = db_path.with_name("new.db")
    for path in (new, encrypted):
        before = _digest(path) if path.exists() else None
        result = cli("--db", str(path), "--encrypted", "meetings")
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "can only be typed in a terminal" in lines[0], result.stderr
        assert (_digest(path) if path.exists() else None) == before
    assert not new.exists()


def test_cli_without_encrypted_on_an_encrypted_file_says_to_add_it(encrypted: Path, cli: RunCli) -> None:
    before = _digest(encrypted)
    result = cli("--db", str(encrypted), "meetings")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "add --encrypted" in lines[0]
    assert _digest(encrypted) == before


class PseudoTerminal:
    """The real `meetingkit` command in a pseudo-terminal, so getpass reads from a terminal as it would for a person."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "meetingkit", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"},
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""
        self.closed = False

    def _read(self, deadline: float) -> None:
        ready, _, _ = select.select([self.master], [], [], max(0.0, min(0.5, deadline - time.monotonic())))
        if ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the program has exited and everything it wrote has been read
                chunk = b""
            self.output += chunk
            self.closed = not chunk

    def expect(self, marker: bytes) -> None:
        """Read until `marker` has been printed."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while marker not in self.output:
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"{marker!r} never appeared; the terminal shows {self.output[-2000:]!r}")
            self._read(deadline)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self) -> int:
        """Read everything until the program exits; its exit status."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not self.closed:
            if time.monotonic() > deadline:
                raise AssertionError(f"the program did not exit; the terminal shows {self.output[-2000:]!r}")
            self._read(deadline)
        return self.process.wait(timeout=PATIENCE_SECONDS)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=PATIENCE_SECONDS)
        os.close(self.master)


@pytest.fixture
def terminals() -> Iterator[list[PseudoTerminal]]:
    opened: list[PseudoTerminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


pty_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pty_only
def test_in_a_real_terminal_create_then_open_then_a_wrong_passphrase(
    db_path: Path, terminals: list[PseudoTerminal]
) -> None:
    secret = "kettle on the 3rd floor"

    creating = PseudoTerminal("--db", str(db_path), "--encrypted", "start", "--partnership", "Schools",
                              "--type", "operational")
    terminals.append(creating)
    creating.expect(b"Choose a passphrase: ")
    creating.type(secret + "\n")
    creating.expect(b"Type it again: ")
    creating.type(secret + "\n")
    assert creating.finish() == 0, creating.output
    assert b"will be a new encrypted file" in creating.output
    assert secret.encode() not in creating.output, "the passphrase was echoed"
    _plain_sqlite_cannot_read(db_path)

    opening = PseudoTerminal("meetings", "--db", str(db_path), "--encrypted")
    terminals.append(opening)
    opening.expect(f"Passphrase for {db_path.name}: ".encode())
    opening.type(secret + "\n")
    assert opening.finish() == 0, opening.output
    assert b"Schools" in opening.output
    assert secret.encode() not in opening.output

    before = _digest(db_path)
    wrong = PseudoTerminal("--db", str(db_path), "--encrypted", "meetings")
    terminals.append(wrong)
    wrong.expect(b"Passphrase for ")
    wrong.type("kettle on the 4th floor\n")
    assert wrong.finish() == 1
    shown = wrong.output.decode(errors="replace")
    assert "wrong passphrase, or not a meetingkit file" in shown
    assert "Traceback" not in shown and "hmac" not in shown.lower()
    assert _digest(db_path) == before


@pty_only
def test_the_app_asks_before_it_starts_and_marks_the_file_encrypted(
    db_path: Path, terminals: list[PseudoTerminal]
) -> None:
    Store.open(db_path, passphrase=PASSPHRASE).close()
    app = PseudoTerminal("--db", str(db_path), "--encrypted")
    terminals.append(app)
    app.expect(b"Passphrase for ")
    assert b"\x1b[?1049h" not in app.output, "Textual took the screen before the passphrase was asked"
    app.type(PASSPHRASE + "\n")
    app.expect(b"\x1b[?1049h")
    app.expect(b"encrypted")
    app.type("q")
    assert app.finish() == 0


@pytest.mark.parametrize("passphrase", [PASSPHRASE, None])
async def test_the_home_screen_title_bar_says_encrypted(
    tmp_path: Path, library: AgendaLibrary, passphrase: str | None
) -> None:
    with Store.open(tmp_path / "site.db", passphrase=passphrase) as store:
        app = create_app(store, library)
        async with app.run_test(size=(100, 30)):
            title = rendered_text(app.screen.query_one("#title-bar"))
            assert "site.db" in title
            assert ("encrypted" in title) == (passphrase is not None)
