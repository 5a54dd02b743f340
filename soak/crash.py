"""Crash soak: real `meetingkit capture` processes and a real TUI, SIGKILLed at random moments.

    python -m soak.crash [--trials 200] [--seed S] [--keep]

Every trial starts a meeting in one database file (ending the previous trial's), then runs several
`meetingkit capture` processes at once (actions, agreements, notes, jargon, elephants, turning
points; some confidential; markup, emoji, right-to-left and control characters in the text) and,
in some trials, `meetingkit resume` in a pseudo-terminal typing captures with its keys. At seeded
random moments it SIGKILLs them: one at a time, or all at once as when a laptop dies.

A capture counts as *acknowledged* when its process printed the new id (meetingkit prints it only
after the COMMIT). After every trial, with nothing else holding the file:

- plain `sqlite3` opens it and `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and each full-text
  index's own `integrity-check` pass, and no capture is half-written (an elephant without its history,
  a term without its mention);
- every capture acknowledged so far, in this trial or any earlier one, is there with its exact text
  (as meetingkit cleans it on the way in), its meeting and its confidential flag;
- the store opens again: `meetingkit meetings --json` lists the meeting.

What the TUI typed is not counted as acknowledged (its "Saved." cannot be tied to one item from the
outside); it is counted as found or not, for information. The summary ends with the figures; the
exit status is 1 on any missing acknowledged capture, failed check, or capture that failed without
being killed (an error such as "database is locked" reaching the user).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from meetingkit.core.text import jargon_key, sanitise

REPOSITORY = Path(__file__).resolve().parents[1]
"""Children run from here, so `python -m meetingkit` is this checkout's meetingkit."""

TRIAL_PATIENCE_SECONDS = 120.0
"""A trial whose processes are still running after this long has hung: that is a failure too."""

TUI_SHARE = 0.4
"""The share of trials that also run the TUI in a pseudo-terminal."""

WAL_WRITE_LOCK_BYTE = 120
"""The byte of the `-shm` file a connection locks while it holds SQLite's write lock (BEGIN IMMEDIATE
to COMMIT); seen in /proc/locks, it tells a kill in the middle of a transaction."""

_TERMINAL_CODES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-_])")

HOSTILE_TEXTS = (
    "[bold]Share the timetable[/bold] with [red]everyone[/]",
    "[$accent]Funding[/] is tied to [Upper] client numbers",
    "Elephant 🐘 in the room 👍🏽 👩‍👩‍👧 ✨",
    "שלום: the referral form ממתין לחתימה",
    "مرحبا: نراجع خطة الاستقرار معا",
    "Mixed עברית and English (ISP) and العربية in one line",
    "Hidden \u202eesrever\u202c override and \u2066isolate\u2069 marks",
    "Escape \x1b[31mred\x1b[0m and a bell \x07 in the text",
    "Tabs\tbetween\twords",
    "Quotes \"ISP\" 'MLO' and a back\\slash",
    "'; DROP TABLE actions; --",
    "Café, naïve, e\u0301 (combining) and Straße",
    "Zero\u200bwidth\u200dspace",
    "Send the draft terms of reference",
    "Long: " + "the counselling model differs by agency; " * 30,
)
"""Text a partnership might type or paste, and text that breaks careless code (markup, bidi, ESC)."""

TUI_TEXTS = (
    "[bold]Share the timetable[/bold]",
    "Elephant 🐘 in the room 👍🏽",
    "שלום: the referral form",
    "مرحبا: نراجع الخطة",
    "[$accent]Funding[/] [Upper]",
    "Plain words for ISP",
)
"""What the TUI types: printable only (a control character would be a key), and short."""

NOTE_LINES = ("What? The referral came late", "So what? [i]Families wait[/i] 🕐", "Now what? לשתף את הטופס")
SHARED_TERMS = ("I.S.P.", "isp", "ISP", "«ISP»")
"""One term spelt four ways: processes race to create it, and the rest add to its tally."""

CAPTURE_KINDS = ("action", "agreement", "note", "jargon", "elephant", "turning-point")
MEETING_TYPES = ("operational", "reflective-practice", "strategic", "shared-training")
PARTNERSHIPS = ("Settlement & Schools 🏫", "Literacy ↔ Employment")

TABLES = {
    "action": ("actions", "text", "meeting_id"),
    "agreement": ("agreements", "text", "meeting_id"),
    "elephant": ("elephants", "text", "raised_meeting_id"),
    "turning-point": ("turning_points", "note", "meeting_id"),
}
"""Where each kind of capture lands: table, text column, meeting column (notes and jargon differ)."""


@dataclass
class Capture:
    """One `meetingkit capture` process: what it was asked to save, and what came of it."""

    kind: str
    text: str
    """As given on the command line."""
    token: str
    """Unique to this capture and part of its text, so the file can be searched for it."""
    confidential: bool
    meeting_id: str
    arguments: list[str]
    launch_at: float
    """Seconds after the trial began."""
    kill_after: float | None
    """Seconds after launch at which it is killed if still running; None lets it finish."""
    kill_in_write: bool = False
    """Kill it the first time it is caught holding the write lock, in the middle of a transaction."""
    process: subprocess.Popen[str] | None = None
    launched: float = 0.0
    finished: float | None = None
    killed: bool = False
    killed_writing: bool = False
    """Killed while holding the database's write lock: in the middle of a transaction."""
    item_id: str | None = None
    returncode: int | None = None
    stderr: str = ""

    @property
    def stored_text(self) -> str:
        """The text as meetingkit keeps it: cleaned once on the way in, as every capture is."""
        return sanitise(self.text, multiline=self.kind == "note")


@dataclass
class TuiStep:
    """Keys to type, then what must appear on screen before the next keys (None: go straight on)."""

    keys: bytes
    marker: bytes | None = None
    item: tuple[str, str] | None = None
    """(kind, token) of the capture these keys complete."""


class Terminal:
    """`meetingkit resume` in a pseudo-terminal, typing a script of keys until it is killed."""

    def __init__(self, arguments: list[str], env: dict[str, str], steps: list[TuiStep], kill_at: float) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "meetingkit", *arguments],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPOSITORY,
            env={**env, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"},
            start_new_session=True,
        )
        os.close(slave)
        self.steps = steps
        self.kill_at = kill_at
        self.kill_in_write = False
        """Kill it the first time it is caught holding the write lock once it has typed a capture."""
        self.output = b""
        self.ready = False
        self.killed = False
        self.typed: list[tuple[str, str]] = []
        """(kind, token) of each capture whose keys were all typed, Enter included."""
        self._step = 0
        self._sent_at: int | None = None

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def pump(self) -> None:
        """Read what the app drew (it blocks if nobody reads), then type the next keys when it is time."""
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except (BlockingIOError, OSError):
            pass
        if not self.ready:
            self.ready = b"Agenda" in self.output
            return
        while self._step < len(self.steps):
            step = self.steps[self._step]
            if self._sent_at is None:
                os.write(self.master, step.keys)
                self._sent_at = len(self.output)
                if step.item:
                    self.typed.append(step.item)
            if step.marker is not None and step.marker not in self.output[self._sent_at :]:
                return
            self._step += 1
            self._sent_at = None

    def kill(self) -> None:
        """The battery dies: SIGKILL to the whole session, no chance to clean up."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.killed = True
        self.process.wait()

    def close(self) -> None:
        self.kill()
        os.close(self.master)


@dataclass
class Summary:
    """What a soak run did and found. `ok` only with no loss, no failed check and no error."""

    trials: int = 0
    all_at_once: int = 0
    """Trials in which one moment killed everything still running, as when a laptop dies."""
    started: int = 0
    acknowledged: int = 0
    killed: int = 0
    killed_writing: int = 0
    """Killed holding the write lock, between BEGIN IMMEDIATE and COMMIT (None: /proc/locks unreadable)."""
    committed_unacknowledged: int = 0
    """Killed after their COMMIT but before the id was seen."""
    tui_killed_writing: int = 0
    tui_sessions: int = 0
    tui_killed_starting: int = 0
    tui_typed: int = 0
    tui_found: int = 0
    missing: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Captures that failed without being killed, hung processes, a store that would not reopen."""
    capture_seconds: list[float] = field(default_factory=list)
    wall_seconds: float = 0.0
    seed: int = 0
    folder: Path | None = None

    @property
    def ok(self) -> bool:
        return not (self.missing or self.integrity_failures or self.errors)

    def lines(self) -> list[str]:
        """The closing summary, one figure a line."""
        typical = f"{statistics.median(self.capture_seconds):.2f} s" if self.capture_seconds else "n/a"
        result = [
            f"crash soak: seed {self.seed}, {self.trials} trials in {self.wall_seconds:.0f} s "
            f"({self.all_at_once} killed all at once, the rest one process at a time)",
            f"  capture processes started      {self.started}",
            f"  acknowledged (printed an id)   {self.acknowledged}",
            f"  SIGKILLed before their id      {self.killed}",
            f"    holding the write lock       {self.killed_writing}",
            f"    after their COMMIT           {self.committed_unacknowledged}",
            f"  TUI sessions                   {self.tui_sessions} (all SIGKILLed; "
            f"{self.tui_killed_starting} while starting, {self.tui_killed_writing} holding the write lock)",
            f"  TUI captures typed / found     {self.tui_typed} / {self.tui_found} (not counted as acknowledged)",
            f"  median capture, start to exit  {typical}",
            f"  missing acknowledged captures  {len(self.missing)}",
            f"  integrity failures             {len(self.integrity_failures)}",
            f"  errors surfaced                {len(self.errors)}",
        ]
        for problem in (self.missing + self.integrity_failures + self.errors)[:20]:
            result.append(f"    {problem}")
        result.append("OK: nothing acknowledged was lost" if self.ok else f"FAILED (files kept in {self.folder})")
        return result


class CrashSoak:
    """One database, many trials; every acknowledged capture is checked after every trial."""

    def __init__(self, folder: Path, seed: int, log: Callable[[str], None] | None = print) -> None:
        self.folder = folder
        self.db = folder / "soak.db"
        self.shm = folder / "soak.db-shm"
        self.locks_visible = Path("/proc/locks").exists()
        self.rng = random.Random(seed)
        self.log = log
        self.summary = Summary(seed=seed, folder=folder)
        self.acknowledged: list[Capture] = []
        self.meeting_id: str | None = None
        self.seen_missing: set[str] = set()
        home = folder / "home"
        self.env = {
            **{key: value for key, value in os.environ.items() if key != "MEETINGKIT_DB"},
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
        }

    # -- running meetingkit -------------------------------------------------------------

    def meetingkit(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run a meetingkit command to completion (never killed)."""
        return subprocess.run(
            [sys.executable, "-m", "meetingkit", "--db", str(self.db), *arguments],
            capture_output=True, text=True, env=self.env, cwd=REPOSITORY, stdin=subprocess.DEVNULL,
            timeout=TRIAL_PATIENCE_SECONDS,
        )

    def new_meeting(self, trial: int) -> str:
        """End the last trial's meeting (after its crash) and start this trial's."""
        if self.meeting_id is not None:
            ended = self.meetingkit("end", self.meeting_id)
            if ended.returncode != 0:
                self.summary.errors.append(f"trial {trial}: `meetingkit end` failed: {ended.stderr.strip()}")
        started = self.meetingkit(
            "start", "--partnership", self.rng.choice(PARTNERSHIPS), "--type", self.rng.choice(MEETING_TYPES),
            "--title", f"Soak trial {trial} [bold]🧪",
        )
        if started.returncode != 0:
            raise RuntimeError(f"trial {trial}: `meetingkit start` failed: {started.stderr.strip()}")
        self.meeting_id = started.stdout.strip()
        return self.meeting_id

    # -- planning a trial ---------------------------------------------------------------

    def plan_capture(self, trial: int, number: int, meeting_id: str, launch_at: float) -> Capture:
        """A capture of a random kind, with random options and hostile text carrying a unique token."""
        rng = self.rng
        kind = rng.choice(CAPTURE_KINDS)
        token = f"~t{trial}c{number}~"
        options: list[str] = []
        if kind == "note":
            lines = rng.sample(NOTE_LINES, rng.randint(1, 3))
            if rng.random() < 0.5:
                lines[0] = rng.choice(HOSTILE_TEXTS)
            text = "\n".join(f"{line} {token}" for line in lines)
        elif kind == "jargon" and rng.random() < 0.3:
            text, token = rng.choice(SHARED_TERMS), ""
        elif kind == "jargon":
            text = f"{rng.choice(HOSTILE_TEXTS)[:40]} {token}"
        else:
            text = f"{rng.choice(HOSTILE_TEXTS)} {token}"
        confidential = kind != "note" and rng.random() < 0.3
        if confidential:
            options.append("--confidential")
        if kind == "action":
            options += rng.choice([[], ["--owner", "Dana, school board"], ["--owner", "Settlement agency"]])
        if kind in ("action", "agreement"):
            options += rng.choice([[], ["--due", "next friday"], ["--due", "in 2 weeks"], ["--due", "2026-12-01"]])
        if kind in ("jargon", "elephant", "turning-point"):
            options += rng.choice([[], ["--anonymous"], ["--org", "School board"], ["--by", "Sam, OCISO"]])
        if kind == "turning-point":
            options += rng.choice([[], ["--kind", "apology"], ["--kind", "kind-word"], ["--kind", "new-understanding"]])
        meeting = rng.choice([[], ["--meeting", meeting_id], ["--meeting", meeting_id[-8:]]])
        return Capture(
            kind=kind, text=text, token=token, confidential=confidential, meeting_id=meeting_id,
            arguments=["capture", kind, text, *meeting, *options], launch_at=launch_at, kill_after=None,
        )

    def plan_tui(self, trial: int) -> list[TuiStep]:
        """The keys a facilitator might press: a few captures, maybe the next section, maybe notes last."""
        rng = self.rng
        steps: list[TuiStep] = []
        if rng.random() < 0.3:
            steps.append(TuiStep(b"n"))
        for number in range(rng.randint(1, 4)):
            token = f"~t{trial}u{number}~"
            text = f"{rng.choice(TUI_TEXTS)} {token}"
            kind = rng.choice(("action", "agreement", "jargon", "elephant", "turning-point"))
            if kind == "action":
                steps += [TuiStep(b"a", b"New action"), TuiStep(f"{text}\r".encode(), b"Saved.", (kind, token))]
            elif kind == "agreement":
                steps += [TuiStep(b"g", b"New agreement"), TuiStep(f"{text}\r".encode(), b"Saved.", (kind, token))]
            elif kind == "jargon":
                text = f"Term {token}"  # short, so the toast naming it is not wrapped
                steps += [TuiStep(b"j", b"Name the Jargon"),
                          TuiStep(f"{text}\r".encode(), f"{token} ×".encode(), (kind, token))]
            elif kind == "elephant":
                steps += [TuiStep(b"e", b"Name the elephant"),
                          TuiStep(f"{text}\r".encode(), b"parked for later", (kind, token)), TuiStep(b"p")]
            else:
                steps.append(TuiStep(b"t", b"Turning point marked"))  # no text to find it by: not counted
        if rng.random() < 0.5:
            token = f"~t{trial}u9~"
            # Half the time the facilitator starts a new line first; otherwise typing continues
            # the last line, a scribe's perhaps (see `missing_captures`).
            lines = "\r" * rng.randint(0, 1) + "\r".join(f"{line} {token}" for line in rng.sample(TUI_TEXTS, 2))
            steps += [TuiStep(b"o", b"Notes:"), TuiStep(lines.encode(), None, ("note", token))]
        return steps

    # -- one trial ----------------------------------------------------------------------

    def trial(self, trial: int, typical: float) -> None:
        """Start, kill, then check everything; `typical` is how long an unkilled capture takes here."""
        rng = self.rng
        meeting_id = self.new_meeting(trial)
        with_tui = rng.random() < TUI_SHARE
        all_at_once = rng.random() < 0.5
        spread_over = 3.0 if with_tui else 0.4
        captures = [
            self.plan_capture(trial, number, meeting_id, rng.uniform(0, spread_over))
            for number in range(rng.randint(3, 8))
        ]
        if all_at_once:  # one moment kills whatever is still running, as when the laptop dies
            self.summary.all_at_once += 1
            moment = rng.uniform(0.1, spread_over + 2 * typical)
            captures = [c for c in captures if c.launch_at < moment]
            for capture in captures:
                capture.kill_after = moment - capture.launch_at
            tui_kill_at = moment
        else:
            for capture in captures:
                chance = rng.random()
                if chance < 0.25 and self.locks_visible:
                    capture.kill_in_write = True
                elif chance < 0.65:
                    # Anywhere in its life, or near its end, where it writes and commits.
                    capture.kill_after = (
                        rng.uniform(0, 1.3 * typical) if rng.random() < 0.5 else rng.uniform(0.7, 1.05) * typical
                    )
            tui_kill_at = rng.uniform(0.3, 6.0)
        terminal = None
        if with_tui:
            steps = self.plan_tui(trial)
            terminal = Terminal(["--db", str(self.db), "resume", meeting_id], self.env, steps, tui_kill_at)
            if not all_at_once and self.locks_visible and rng.random() < 0.5:
                terminal.kill_in_write = True  # caught in a write, or killed a little later than planned
                terminal.kill_at += 4.0
            self.summary.tui_sessions += 1
        self.summary.started += len(captures)
        try:
            self.run_until_all_ended(trial, captures, terminal)
        finally:
            if terminal is not None:
                terminal.close()
        if terminal is not None and not terminal.killed:
            tail = _TERMINAL_CODES.sub("", terminal.output[-3000:].decode(errors="replace"))
            tail = " | ".join(line.strip() for line in tail.splitlines() if line.strip())[-600:]
            self.summary.errors.append(f"trial {trial}: the TUI exited by itself ({terminal.process.returncode}): {tail}")
        self.collect(trial, captures)
        self.check(trial)
        if terminal is not None:
            self.count_tui(terminal)

    def run_until_all_ended(self, trial: int, captures: list[Capture], terminal: Terminal | None) -> None:
        """Launch each capture at its moment and kill each process at its own; return once all have ended."""
        began = time.monotonic()
        waiting = sorted(captures, key=lambda c: c.launch_at)
        running: list[Capture] = []
        while waiting or running or (terminal is not None and terminal.running):
            now = time.monotonic() - began
            if now > TRIAL_PATIENCE_SECONDS:
                for capture in running:
                    capture.process.kill()  # type: ignore[union-attr]
                self.summary.errors.append(f"trial {trial}: processes still running after {now:.0f} s")
                break
            while waiting and waiting[0].launch_at <= now:
                capture = waiting.pop(0)
                capture.launched = time.monotonic()
                capture.process = subprocess.Popen(
                    [sys.executable, "-m", "meetingkit", "--db", str(self.db), *capture.arguments],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                    env=self.env, cwd=REPOSITORY,
                )
                running.append(capture)
            watching = any(c.kill_in_write for c in running) or bool(
                terminal and terminal.running and terminal.kill_in_write and terminal.typed
            )
            for capture in list(running):
                process = capture.process
                assert process is not None
                if process.poll() is None:
                    if capture.kill_in_write and self.kill_if_writing(process):
                        capture.killed = capture.killed_writing = True
                    elif capture.kill_after is not None and time.monotonic() - capture.launched >= capture.kill_after:
                        capture.killed_writing = process.pid in write_lock_holders(self.shm)
                        process.send_signal(signal.SIGKILL)
                        capture.killed = True
                        process.wait()
                if process.poll() is not None:
                    capture.finished = time.monotonic()
                    stdout, capture.stderr = process.communicate()
                    capture.returncode = process.returncode
                    printed = stdout.strip()
                    capture.item_id = printed if printed and "\n" not in printed else None
                    running.remove(capture)
            if terminal is not None and terminal.running:
                terminal.pump()
                if terminal.kill_in_write and terminal.typed and self.kill_if_writing(terminal.process):
                    terminal.killed = True
                    self.summary.tui_killed_writing += 1
                elif now >= terminal.kill_at:
                    if not terminal.ready:
                        self.summary.tui_killed_starting += 1
                    self.summary.tui_killed_writing += terminal.process.pid in write_lock_holders(self.shm)
                    terminal.kill()
            # Wake for the next launch or kill, and every few milliseconds to see who has exited.
            upcoming = [c.launch_at for c in waiting[:1]]
            if terminal is not None and terminal.running:
                upcoming.append(terminal.kill_at)
            # Watching for a write lock needs a fine grain: a capture's transaction lasts milliseconds.
            pause = min([0.0003 if watching else 0.005, *(moment - now for moment in upcoming)])
            if terminal is not None and terminal.running:
                select.select([terminal.master], [], [], max(pause, 0))
            elif pause > 0:
                time.sleep(pause)

    def kill_if_writing(self, process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> bool:
        """Freeze the process, look whether it holds the write lock, and SIGKILL it if so; else let it go on.

        The write lock is held for a millisecond or so, too briefly to catch by looking while the
        process runs; a stopped process cannot release it between the look and the kill.
        """
        try:
            process.send_signal(signal.SIGSTOP)
            if not _wait_until_stopped(process.pid):
                return False
            if process.pid in write_lock_holders(self.shm):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            process.send_signal(signal.SIGCONT)
        except ProcessLookupError:
            pass
        return False

    def collect(self, trial: int, captures: list[Capture]) -> None:
        """Sort each capture into acknowledged, killed first, or failed (an error the user would see)."""
        for capture in captures:
            if capture.item_id is not None and (capture.returncode == 0 or capture.killed):
                self.summary.acknowledged += 1
                self.acknowledged.append(capture)
                if not capture.killed and capture.finished is not None:
                    self.summary.capture_seconds.append(capture.finished - capture.launched)
            elif capture.killed:
                self.summary.killed += 1
                self.summary.killed_writing += capture.killed_writing
                if capture.token and self.find_token(capture.kind, capture.token):
                    self.summary.committed_unacknowledged += 1
            else:
                said = capture.stderr.strip().splitlines()[-1:] or ["(nothing)"]
                self.summary.errors.append(
                    f"trial {trial}: `capture {capture.kind}` exited {capture.returncode} unkilled: {said[0]}"
                )

    # -- checking -----------------------------------------------------------------------

    def connect(self) -> sqlite3.Connection:
        """Plain sqlite3, as `sqlite3 soak.db` would open it: no meetingkit code in the way."""
        return sqlite3.connect(self.db, timeout=30)

    def find_token(self, kind: str, token: str) -> bool:
        """Whether a capture of `kind` holding `token` in its text reached the file."""
        connection = self.connect()
        try:
            if kind == "note":
                sql = "SELECT count(*) FROM notes WHERE text LIKE ?"
            elif kind == "jargon":
                sql = "SELECT count(*) FROM jargon_terms WHERE display LIKE ?"
            else:
                table, column, _ = TABLES[kind]
                sql = f"SELECT count(*) FROM {table} WHERE {column} LIKE ?"
            return connection.execute(sql, [f"%{token}%"]).fetchone()[0] > 0
        finally:
            connection.close()

    def check(self, trial: int) -> None:
        """Integrity first (plain sqlite3 recovers the WAL as any next opener would), then every item."""
        connection = self.connect()
        try:
            self.summary.integrity_failures += [f"trial {trial}: {p}" for p in integrity_problems(connection)]
            # Every acknowledged capture is checked after every trial; each loss is reported once.
            for problem in missing_captures(connection, self.acknowledged):
                if problem not in self.seen_missing:
                    self.seen_missing.add(problem)
                    self.summary.missing.append(f"trial {trial}: {problem}")
        finally:
            connection.close()
        listed = self.meetingkit("meetings", "--json")
        if listed.returncode != 0:
            self.summary.errors.append(f"trial {trial}: `meetingkit meetings` failed: {listed.stderr.strip()}")
        elif self.meeting_id not in {m["id"] for m in json.loads(listed.stdout)}:
            self.summary.errors.append(f"trial {trial}: `meetingkit meetings` does not list the meeting")

    def count_tui(self, terminal: Terminal) -> None:
        """For information: how many of the TUI's fully typed captures reached the file."""
        for kind, token in terminal.typed:
            self.summary.tui_typed += 1
            self.summary.tui_found += self.find_token(kind, token)

    # -- the run ------------------------------------------------------------------------

    def run(self, trials: int) -> Summary:
        began = time.monotonic()
        for trial in range(1, trials + 1):
            recent = self.summary.capture_seconds[-50:]
            typical = statistics.median(recent) if recent else 0.4
            self.trial(trial, typical)
            self.summary.trials = trial
            if self.log is not None:
                s = self.summary
                self.log(
                    f"trial {trial}/{trials}: {s.started} started, {s.acknowledged} acknowledged, "
                    f"{s.killed} killed, {len(s.missing)} missing, {len(s.integrity_failures)} integrity, "
                    f"{len(s.errors)} errors"
                )
        self.summary.wall_seconds = time.monotonic() - began
        return self.summary


def _wait_until_stopped(pid: int) -> bool:
    """Spin until a process sent SIGSTOP has stopped (False if it ended first); it takes microseconds."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        if state in "TtZX":
            return state in "Tt"
    return False


def write_lock_holders(shm: Path) -> set[int]:
    """The processes holding SQLite's WAL write lock on the database whose `-shm` file is `shm`.

    Read from /proc/locks (Linux): the write lock is a POSIX lock on one byte of the `-shm` file,
    held from BEGIN IMMEDIATE to COMMIT. Elsewhere, or before the file exists, the set is empty.
    """
    holders: set[int] = set()
    try:
        inode = str(shm.stat().st_ino)
        with open("/proc/locks", encoding="ascii") as locks:
            for line in locks:
                fields = line.split()  # "1: POSIX  ADVISORY  WRITE 1234 fe:00:5678 120 120"
                if len(fields) < 8 or fields[3] != "WRITE" or fields[5].rsplit(":", 1)[-1] != inode:
                    continue
                end = WAL_WRITE_LOCK_BYTE if fields[7] == "EOF" else int(fields[7])
                if int(fields[6]) <= WAL_WRITE_LOCK_BYTE <= end:
                    holders.add(int(fields[4]))
    except (OSError, ValueError):
        pass
    return holders


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """Everything wrong with the file's structure, or with a capture written only in part."""
    problems = []
    verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if verdict != ["ok"]:
        problems.append(f"integrity_check: {verdict[:5]}")
    broken_keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken_keys:
        problems.append(f"foreign_key_check: {broken_keys[:5]}")
    indexes = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
    )]
    for index in indexes:
        try:
            connection.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"{index}: {error}")
    half_written = {
        "an elephant without its history": (
            "SELECT count(*) FROM elephants e WHERE NOT EXISTS "
            "(SELECT 1 FROM elephant_events v WHERE v.elephant_id = e.id)"
        ),
        "a jargon term never mentioned": (
            "SELECT count(*) FROM jargon_terms t WHERE NOT EXISTS "
            "(SELECT 1 FROM jargon_mentions m WHERE m.term_id = t.id)"
        ),
    }
    for what, sql in half_written.items():
        count = connection.execute(sql).fetchone()[0]
        if count:
            problems.append(f"{count} × {what}")
    return problems


def missing_captures(connection: sqlite3.Connection, acknowledged: list[Capture]) -> list[str]:
    """Each acknowledged capture not in the file exactly as saved (text, meeting, confidential flag)."""
    problems = []
    notes: dict[str, Counter[str]] = {}
    mentions: Counter[tuple[str, str]] = Counter()
    for capture in acknowledged:
        label = f"{capture.kind} {capture.item_id} ({capture.token or capture.text})"
        if capture.kind == "note":
            notes.setdefault(capture.item_id or "", Counter()).update(
                line for line in capture.stored_text.split("\n") if line
            )
            continue
        if capture.kind == "jargon":
            row = connection.execute(
                "SELECT key, display FROM jargon_terms WHERE id = ?", [capture.item_id]
            ).fetchone()
            if row is None or row[0] != jargon_key(capture.text) or (capture.token and row[1] != capture.stored_text):
                problems.append(f"{label}: term {row!r}")
            mentions[(capture.item_id or "", capture.meeting_id)] += 1
            continue
        table, column, meeting_column = TABLES[capture.kind]
        row = connection.execute(
            f"SELECT {column}, {meeting_column}, confidential FROM {table} WHERE id = ?", [capture.item_id]
        ).fetchone()
        if row is None:
            problems.append(f"{label}: not in {table}")
        elif tuple(row) != (capture.stored_text, capture.meeting_id, int(capture.confidential)):
            problems.append(f"{label}: stored as {tuple(row)!r}")
    for note_id, wanted in notes.items():
        # Each line is looked for as text, not as a whole line, among all the notes of the note's
        # section: a facilitator typing in the notes editor right after a scribe's line continues
        # that line, which changes no saved word, and may part a note of several lines into one a line.
        row = connection.execute(
            """SELECT group_concat(text, char(10)) FROM notes
               WHERE section_run_id = (SELECT section_run_id FROM notes WHERE id = ?)""",
            [note_id],
        ).fetchone()
        stored = (row[0] or "") if row else ""
        short = [line for line, count in wanted.items() if stored.count(line) < count]
        if short:
            problems.append(f"note {note_id}: lines missing from its section's notes {short[:3]!r}")
    for (term_id, meeting_id), count in mentions.items():
        stored = connection.execute(
            "SELECT count(*) FROM jargon_mentions WHERE term_id = ? AND meeting_id = ?", [term_id, meeting_id]
        ).fetchone()[0]
        if stored < count:
            problems.append(f"jargon {term_id}: {count} mentions acknowledged in {meeting_id}, {stored} stored")
    return problems


def run_soak(
    trials: int, seed: int, *, folder: Path | None = None, log: Callable[[str], None] | None = print
) -> Summary:
    """Run `trials` trials on one new database in `folder` (default: a new temporary folder)."""
    folder = folder or Path(tempfile.mkdtemp(prefix="meetingkit-crash-soak-"))
    return CrashSoak(folder, seed, log).run(trials)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m soak.crash", description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=200, help="how many trials (default 200)")
    parser.add_argument("--seed", type=int, default=None, help="the random plan (default: a new one, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the database folder even when all is well")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    summary = run_soak(args.trials, seed, log=None if args.quiet else print)
    print("\n".join(summary.lines()))
    if summary.ok and not args.keep:
        shutil.rmtree(summary.folder, ignore_errors=True)
    elif summary.folder is not None:
        print(f"database and home folder: {summary.folder}")
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
