"""`meetingkit serve`: the participant view over the room's network, with textual-serve.

textual-serve runs a small web server; each browser that opens the page gets its own
participant process (`meetingkit participate`), on the same database file as the
facilitator's app. textual-serve is an optional extra: this module holds what needs no
web server (the bounds on what a browser may send, and the checks that apply them, the
addresses, the command each process runs), and imports `participant.server`, the web server
itself, only when serving.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meetingkit.core.i18n import LANG_ENV, _, language
from meetingkit.core.paths import DB_ENV
from meetingkit.serving import addresses_to_open, is_loopback, local_addresses

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

OUTSIDE_LINKS = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>", re.IGNORECASE)
"""Anything the page would fetch from outside the room (textual-serve's page asks Google for a
font): left out, so a participant's browser talks only to this laptop, and an offline room
does not wait for it. The terminal falls back to the browser's own monospace font."""


DEFAULT_SIZE = (80, 24)
"""A browser's terminal when it does not say (textual-serve's default)."""

MAX_WIDTH, MAX_HEIGHT = 500, 200
"""The largest terminal a browser may ask for: more than any screen holds at a readable size.
A participant process draws every cell, so a 20000×20000 terminal took 2 GB and all of a core."""

MIN_WIDTH, MIN_HEIGHT = 10, 3
"""The smallest: zero or negative sizes are lifted to these."""

MAX_MESSAGE_BYTES = 64 * 1024
"""The longest message a browser may send on its websocket: a key, a resize and a paste are a
few bytes to a few kilobytes. A longer one closes the connection (websocket code 1009)."""

MAX_STDIN_CHARS = 4096
"""The longest keyboard input forwarded to a participant process at once: twice the longest
entry (`core.text.LINE_LIMIT`). A longer paste is cut to this, still as one paste, so the page
refuses it as too long with its usual words; anything else that long is not a person typing,
and is dropped. (One 3 MB message held a process at full CPU for 50 s.)"""

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
"""How a terminal marks a paste (bracketed paste), so the app takes it as one event."""

MAX_PING_CHARS = 32
"""A ping's payload, echoed back: the page sends the time in milliseconds."""


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """A terminal size a participant process may be given."""
    return max(MIN_WIDTH, min(MAX_WIDTH, width)), max(MIN_HEIGHT, min(MAX_HEIGHT, height))


def requested_size(query: Mapping[str, str]) -> tuple[int, int]:
    """The size a websocket's address asks for (`?width=…&height=…`), clamped; the default for
    anything that is not a whole number."""
    size = []
    for name, default in zip(("width", "height"), DEFAULT_SIZE, strict=True):
        value = query.get(name, "")
        size.append(int(value) if value.isascii() and value.isdigit() and len(value) < 8 else default)
    return clamp_size(size[0], size[1])


def stdin_to_forward(data: str) -> str | None:
    """What of a browser's keyboard input reaches its participant process (None: nothing)."""
    if len(data) <= MAX_STDIN_CHARS:
        return data
    if data.startswith(PASTE_START) and data.endswith(PASTE_END):
        return data[: MAX_STDIN_CHARS - len(PASTE_END)] + PASTE_END
    return None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def browser_message(text: str) -> tuple[str, Any] | None:
    """One message from a browser's page, checked: `("stdin", str)`, `("resize", (width, height))`
    clamped, `("ping", str)`, `("blur", None)` or `("focus", None)`; None for anything else
    (not JSON, another shape, another type), which is ignored."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(data, str):
        forwarded = stdin_to_forward(data)
        return None if forwarded is None else (kind, forwarded)
    if kind == "resize" and isinstance(data, dict):
        width, height = _whole(data.get("width")), _whole(data.get("height"))
        return None if width is None or height is None else (kind, clamp_size(width, height))
    if kind == "ping" and isinstance(data, str) and len(data) <= MAX_PING_CHARS:
        return (kind, data)
    if kind in ("blur", "focus"):
        return (kind, None)
    return None


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers a participant's browser may send: the names this computer is reached by."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host in ("0.0.0.0", "::", ""):
        names |= set(local_addresses())
        names |= {socket.gethostname(), socket.gethostname() + ".local"}
    else:
        names.add(f"[{host}]" if ":" in host else host)
    return {f"{name}:{port}".lower() for name in names}


def participant_command(source: str | None = None) -> str:
    """The shell command textual-serve runs for each browser: this Python, `meetingkit participate`,
    with `--source`, the opaque key for where the browser connects from (`serving.source_key`).

    `sys.executable -m meetingkit`, so it works from a virtual environment whether or not
    the `meetingkit` script is on the PATH. The database is not on the command line: it
    reaches each process in `MEETINGKIT_DB` (see `serve`), because textual-serve runs the
    command through the shell, and no quoting survives every shell (`&` and `%` in a
    Windows path, say). On POSIX the shell `exec`s it, so each browser costs one process, not two.
    """
    parts = [sys.executable, "-m", "meetingkit", "participate"]
    if source is not None:
        parts += ["--source", source]
    if os.name == "nt":
        return subprocess.list2cmdline(parts)
    return "exec " + shlex.join(parts)


def network_warning(host: str) -> str:
    """What a facilitator must know before serving beyond this computer."""
    return _(
        "Warning: serving on {host}, so anyone on this network who can reach this computer "
        "(the same Wi-Fi, guests included) can open the page. The join code is the only lock: "
        "show it only in the room (i in the meeting), and press r on it for a new one if it gets out. "
        "The connection is not encrypted, so people on the network could read what is typed: "
        "do not serve on a public network. Stop with Ctrl+C when the meeting ends."
    ).format(host=host)


def announce(host: str, port: int, *, out: Any = None) -> None:
    """Tell the facilitator where participants go, and, beyond this computer, who else can reach it."""
    out = out or sys.stdout
    print(_("Participants can open:"), file=out)
    for address in addresses_to_open(host, port):
        print(f"  {address}", file=out)
    if not is_loopback(host):
        print(network_warning(host), file=out)
    print(_("In the meeting, press i to show the join code. Ctrl+C stops serving."), file=out, flush=True)


def serve(db_path: Path, host: str, port: int) -> None:
    """Run the participant server until Ctrl+C.

    Raises:
        ImportError: textual-serve is not installed (the `serve` extra).
        OSError: the address could not be listened on (the port is taken, say).
    """
    from meetingkit.participant.server import ParticipantServer

    os.environ[DB_ENV] = str(db_path.resolve())  # every participant process inherits it (textual-serve copies it)
    os.environ[LANG_ENV] = language()  # and speaks the language serving was started in (`--lang` included)
    server = ParticipantServer(
        participant_command, host=host, port=port, hosts=allowed_hosts(host, port),
        title=_("meetingkit: join the meeting"),
    )
    server.serve()
