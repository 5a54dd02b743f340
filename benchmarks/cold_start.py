"""Cold start: how long the real `meetingkit` takes, in a pseudo-terminal of 120×36, to draw its
first frame and, after `q`, to exit — against a bare Textual app run the same way in the same run.

The first frame is the moment the alternate-screen switch has been written and, after it, the
home screen's "Partnerships" panel title (the bare app's own text for the baseline): what a
person sees as "it has opened". Exit is timed from sending `q` to the process having ended,
and whole runs from the launch to the exit. Each launch is a new Python process with the
bytecode cache and the disk cache warm (one unmeasured launch of each first), so this measures
imports, the database opening and the first render, not a cold disk; bytecode is cached as in
a pip-installed copy (see `installed_like_env`). Runs alternate between the variants so a busy
moment on the machine does not land on one of them only.

Variants: a new database (created by the launch, as on first use) and a `meetingkit demo`
database of 200 meetings (a file with history, as people open it day to day). For context,
`meetingkit where` (a CLI command; Textual is not imported) against `python -c pass`.
Goal: first frame and whole run within 1.3× of the bare app.

    python -m benchmarks.cold_start [--repeats 15] [--demo-meetings 200]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import Row, add_json_option, installed_like_env, report

NAME = "cold_start"
COLUMNS, LINES = 120, 36
GOAL = 1.3
PATIENCE_SECONDS = 60
ALTERNATE_SCREEN = b"\x1b[?1049h"

BARE_APP = textwrap.dedent(
    '''
    """The baseline: a Textual app with one Static, quit on q."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static


    class Bare(App[None]):
        BINDINGS = [("q", "quit")]

        def compose(self) -> ComposeResult:
            yield Static("Bare app ready")


    Bare().run()
    '''
)


@dataclass
class Launch:
    """One launch's times, in seconds from the moment the process was started."""

    first_frame: float
    pressed_q: float
    exited: float


@dataclass
class Variant:
    label: str
    argv: list[str]
    marker: bytes
    fresh_db: Path | None = None
    """A database path to delete before each launch, so each one creates it anew."""
    launches: list[Launch] = field(default_factory=list)


def private_env(home: Path) -> dict[str, str]:
    """The environment of each launch: a private home (no user agendas), a 120×36 xterm, bytecode
    cached under the home, and a settings file that has English chosen, as after the first start
    (with none, the console first asks English or French, and the home screen would wait for it)."""
    settings = home / "config" / "meetingkit" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[interface]\nlanguage = "en"\n', encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEXTUAL", "MEETINGKIT"))}
    env = installed_like_env(home / "pycache", env)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
    )
    return env


def launch(argv: list[str], env: dict[str, str], marker: bytes) -> Launch:
    """Run `argv` in a pseudo-terminal, wait for its first frame, press q and time its exit."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    exited: list[float] = []

    def reap() -> None:
        process.wait()
        exited.append(time.perf_counter())

    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()
    output = b""
    first_frame = pressed = None
    deadline = started + PATIENCE_SECONDS
    try:
        while not exited:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{argv} did not finish; it printed {output[-2000:]!r}")
            ready, _, _ = select.select([master], [], [], 0.002)
            if ready:
                try:
                    output += os.read(master, 1 << 16)
                except OSError:  # every copy of the terminal's other end is closed: it has exited
                    reaper.join(PATIENCE_SECONDS)
                    break
            if first_frame is None:
                switched = output.find(ALTERNATE_SCREEN)
                if switched >= 0 and marker in output[switched:]:
                    first_frame = time.perf_counter()
                    os.write(master, b"q")
                    pressed = time.perf_counter()
        reaper.join(PATIENCE_SECONDS)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait()
        os.close(master)
    if first_frame is None or pressed is None or not exited:
        raise RuntimeError(f"{argv} exited before its first frame; it printed {output[-2000:]!r}")
    if process.returncode != 0:
        raise RuntimeError(f"{argv} exited with {process.returncode}; it printed {output[-2000:]!r}")
    return Launch(first_frame - started, pressed - started, exited[0] - started)


def run_plain(argv: list[str], env: dict[str, str]) -> float:
    """Seconds for a command without a terminal to run to its end."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def build_demo(path: Path, meetings: int, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "meetingkit", "--db", str(path), "demo", "--meetings", str(meetings)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def collect(repeats: int, demo_meetings: int) -> list[Row]:
    """Launch each variant `repeats` times, alternating, after one unmeasured launch of each."""
    with tempfile.TemporaryDirectory(prefix="mk-cold-") as folder:
        root = Path(folder)
        (root / "home").mkdir()
        env = private_env(root / "home")
        bare_script = root / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        demo_db = root / "demo.db"
        build_demo(demo_db, demo_meetings, env)
        meetingkit = [sys.executable, "-m", "meetingkit", "--db"]
        variants = [
            Variant("bare Textual app", [sys.executable, str(bare_script)], b"Bare app ready"),
            Variant("meetingkit, new database", [*meetingkit, str(root / "new.db")], b"Partnerships",
                    fresh_db=root / "new.db"),
            Variant(f"meetingkit, demo database of {demo_meetings} meetings", [*meetingkit, str(demo_db)],
                    b"Partnerships"),
        ]
        where = [*meetingkit, str(demo_db), "where"]
        python = [sys.executable, "-c", "pass"]
        cli: dict[str, list[float]] = {"python": [], "where": []}
        for n in range(repeats + 1):
            for variant in variants:
                if variant.fresh_db is not None:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{variant.fresh_db}{suffix}").unlink(missing_ok=True)
                timing = launch(variant.argv, env, variant.marker)
                if n:  # the first round warms the bytecode and disk caches
                    variant.launches.append(timing)
            python_time, where_time = run_plain(python, env), run_plain(where, env)
            if n:
                cli["python"].append(python_time)
                cli["where"].append(where_time)

    bare = variants[0].launches
    rows = [
        Row.of(NAME, "bare Textual app: first frame (baseline A)", [t.first_frame for t in bare],
               [t.first_frame for t in bare]),
        Row.of(NAME, "bare Textual app: q to exit (baseline B)", [t.exited - t.pressed_q for t in bare],
               [t.exited - t.pressed_q for t in bare]),
        Row.of(NAME, "bare Textual app: launch to exit (baseline C)", [t.exited for t in bare],
               [t.exited for t in bare]),
    ]
    for variant in variants[1:]:
        times = variant.launches
        rows += [
            Row.of(NAME, f"{variant.label}: first frame vs A", [t.first_frame for t in times],
                   [t.first_frame for t in bare], goal_ratio=GOAL),
            Row.of(NAME, f"{variant.label}: q to exit vs B", [t.exited - t.pressed_q for t in times],
                   [t.exited - t.pressed_q for t in bare]),
            Row.of(NAME, f"{variant.label}: launch to exit vs C", [t.exited for t in times],
                   [t.exited for t in bare], goal_ratio=GOAL),
        ]
    rows += [
        Row.of(NAME, "python -c pass (baseline D)", cli["python"], cli["python"]),
        Row.of(NAME, "meetingkit where (CLI, no Textual) vs D", cli["where"], cli["python"]),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--demo-meetings", type=int, default=200)
    add_json_option(parser)
    args = parser.parse_args()
    report(collect(args.repeats, args.demo_meetings), args.json)


if __name__ == "__main__":
    main()
