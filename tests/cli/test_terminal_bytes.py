"""Text that reached the file without passing the sanitiser (a file from another tool, a merge)
never reaches the terminal as control sequences: the real app runs in a pseudo-terminal and every
byte it writes is checked while the lead walks home, review, a record and search."""

from __future__ import annotations

import os
import select
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from meetingkit.core.agendas import AgendaLibrary
from meetingkit.store import Store
from tests.helpers import RunCli, TerminalSession

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

INJECTIONS = {
    "clipboard write (OSC 52)": "\x1b]52;c;cHduZWQ=\x07",
    "window title (OSC 0)": "\x1b]0;PWNED-TITLE\x07",
    "clear screen": "\x1b[2J\x1b[HPWNED-CLEAR",
    "cursor report request": "\x1b[6n",
    "bell": "\x07",
    "hyperlink (OSC 8)": "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "right-to-left override": "\u202eevil.exe",
}
FORBIDDEN = [b"\x1b]52;", b"\x1b]0;PWNED", b"\x1b[2J\x1b[HPWNED", b"\x1b[6n", b"\x1b]8;;http://evil", "\u202e".encode()]
"""The sequences as a terminal would obey them; their printable remains may show, harmlessly."""


def test_raw_control_sequences_in_the_file_are_never_written_to_the_terminal(
    store: Store, library: AgendaLibrary, db_path: Path
) -> None:
    partnership = store.partnerships.ensure("Hostile partnership")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.add_action(meeting.id, "Referral placeholder action")
    store.notes.add(meeting.id, "Referral placeholder note")
    store.records.end_and_summarise(meeting.id)
    store.close()
    payload = " ".join(INJECTIONS.values())
    raw = sqlite3.connect(db_path)
    with raw:  # written behind the store's back, as another tool might
        raw.execute("UPDATE meetings SET title = ?", [f"Referral meeting {payload}"])
        raw.execute("UPDATE partnerships SET name = ?", [f"Hostile {payload}"])
        raw.execute("UPDATE actions SET text = ?", [f"Referral action {payload}"])
        raw.execute("UPDATE notes SET text = ?", [f"Referral note {payload}"])
    raw.close()

    session = TerminalSession("--db", str(db_path), env={})

    def press_then_see(keys: bytes, marker: bytes) -> None:
        """Press keys one at a time, then wait until `marker` is drawn after them."""
        start = len(session.output)
        for key in keys:
            session.press(bytes([key]))
        deadline = time.monotonic() + 60
        while marker not in session.output[start:]:
            assert time.monotonic() < deadline and session.process.poll() is None, (marker, session.output[-1500:])
            if select.select([session.master], [], [], 0.5)[0]:
                session.output += os.read(session.master, 65536)

    try:
        session.read_until(b"Partnerships")
        press_then_see(b"v", b"f filters")
        press_then_see(b"\r", b"Export")
        press_then_see(b"q", b"f filters")
        press_then_see(b"/", b"Type to search")
        press_then_see(b"referral", b"best first")
    finally:
        output = session.output
        session.kill()
    assert b"Hostile" in output and b"Referral action" in output  # the text around them was shown
    for forbidden in FORBIDDEN:
        assert forbidden not in output, forbidden


def test_the_command_line_prints_no_control_sequences_from_the_file(
    store: Store, library: AgendaLibrary, db_path: Path, cli: RunCli
) -> None:
    partnership = store.partnerships.ensure("P")
    meeting = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.business.add_action(meeting.id, "Referral placeholder")
    store.close()
    raw = sqlite3.connect(db_path)
    with raw:
        raw.execute("UPDATE meetings SET title = ?", ["Title " + " ".join(INJECTIONS.values())])
        raw.execute("UPDATE actions SET text = ?", ["Referral " + " ".join(INJECTIONS.values())])
    raw.close()
    for args in (["meetings"], ["search", "referral"], ["export", meeting.id, "--format", "md"]):
        result = cli("--db", str(db_path), *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout, args
