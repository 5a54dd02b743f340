"""`meetingkit serve`: the participant view over the room's network, with textual-serve.

textual-serve runs a small web server; each browser that opens the page gets its own
participant process (`meetingkit participate`), on the same database file as the
facilitator's app. textual-serve is an optional extra and is imported only here, only
when serving.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from meetingkit.core.files import write_private
from meetingkit.core.paths import DB_ENV

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

_OUTSIDE = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>", re.IGNORECASE)
"""Anything the page would fetch from outside the room (textual-serve's page asks Google for a
font): left out, so a participant's browser talks only to this laptop, and an offline room
does not wait for it. The terminal falls back to the browser's own monospace font."""


MAX_SESSIONS = 100
"""Participant processes at once: more than any meeting room, few enough for a laptop."""


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers a participant's browser may send: the names this computer is reached by."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host in ("0.0.0.0", "::", ""):
        names |= set(local_addresses())
        names |= {socket.gethostname(), socket.gethostname() + ".local"}
    else:
        names.add(f"[{host}]" if ":" in host else host)
    return {f"{name}:{port}".lower() for name in names}


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach `host`."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def participant_command() -> str:
    """The shell command textual-serve runs for each browser: this Python, `meetingkit participate`.

    `sys.executable -m meetingkit`, so it works from a virtual environment whether or not
    the `meetingkit` script is on the PATH. The database is not on the command line: it
    reaches each process in `MEETINGKIT_DB` (see `serve`), because textual-serve runs the
    command through the shell, and no quoting survives every shell (`&` and `%` in a
    Windows path, say).
    """
    parts = [sys.executable, "-m", "meetingkit", "participate"]
    if os.name == "nt":
        return subprocess.list2cmdline(parts)
    return shlex.join(parts)


def local_addresses() -> list[str]:
    """This computer's addresses on the room's network, best guess first (no packet is sent)."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # a documentation address: connecting a UDP socket sends nothing
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not ipaddress.ip_address(a).is_loopback]


def addresses_to_open(host: str, port: int) -> list[str]:
    """The addresses people can type into a browser to reach the server."""
    def url(name: str) -> str:
        return f"http://{f'[{name}]' if ':' in name else name}:{port}"

    if host in ("0.0.0.0", "::", ""):
        return [url(address) for address in local_addresses()] + [url("127.0.0.1") + "  (this computer only)"]
    return [url(host)]


def serving_note(db_path: Path) -> Path:
    """Where a running `meetingkit serve` leaves the room's addresses for the meeting's invite
    screen, beside the database (owner-only, removed when serving stops)."""
    return db_path.with_name(db_path.name + ".serving")


def leave_note(db_path: Path, host: str, port: int) -> Path:
    """Tell the facilitator's app where participants go: the addresses the room can open
    (none when serving to this computer only), and this process, to tell a stale note."""
    room = [] if is_loopback(host) else [a for a in addresses_to_open(host, port) if "this computer only" not in a]
    note = serving_note(db_path)
    write_private(note, json.dumps({"addresses": room, "pid": os.getpid()}), overwrite=True, atomic=True)
    return note


def room_addresses(db_path: Path) -> list[str] | None:
    """The addresses a running `meetingkit serve` on this file left for the room: None when it is
    not serving, [] when it serves this computer only."""
    try:
        note = json.loads(serving_note(db_path).read_text(encoding="utf-8"))
        pid = int(note["pid"])
        if os.name != "nt":  # on Windows os.kill would end the process, not ask after it
            os.kill(pid, 0)  # still running? (signal 0 only asks)
        return [str(address) for address in note["addresses"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def network_warning(host: str) -> str:
    """What a facilitator must know before serving beyond this computer."""
    return (
        f"Warning: serving on {host}, so anyone on this network who can reach this computer "
        "(the same Wi-Fi, guests included) can open the page. The join code is the only lock: "
        "show it only in the room (i in the meeting), and press r on it for a new one if it gets out. "
        "The connection is not encrypted, so people on the network could read what is typed: "
        "do not serve on a public network. Stop with Ctrl+C when the meeting ends."
    )


def announce(host: str, port: int, *, out: Any = None) -> None:
    """Tell the facilitator where participants go, and, beyond this computer, who else can reach it."""
    out = out or sys.stdout
    print("Participants can open:", file=out)
    for address in addresses_to_open(host, port):
        print(f"  {address}", file=out)
    if not is_loopback(host):
        print(network_warning(host), file=out)
    print("In the meeting, press i to show the join code. Ctrl+C stops serving.", file=out, flush=True)


def serve(db_path: Path, host: str, port: int) -> None:
    """Run the participant server until Ctrl+C.

    Raises:
        ImportError: textual-serve is not installed (the `serve` extra).
        OSError: the address could not be listened on (the port is taken, say).
    """
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class ParticipantServer(Server):
        """textual-serve, with the page's own address taken from the request (so a phone that
        reached the server by its LAN address gets a websocket on that address too), and
        meetingkit's words on the terminal instead of textual-serve's banner and command line."""

        async def handle_index(self, request):  # noqa: ANN001, ANN201 - aiohttp's handler signature
            origin = f"{request.scheme}://{request.host}"  # one of ours: `guard` refused any other Host
            websocket = ("wss:" if origin.startswith("https:") else "ws:") + origin.split(":", 1)[1]
            page = aiohttp_jinja2.render_string("app_index.html", request, {
                "font_size": 16,
                "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
                "config": {"static": {"url": origin + "/static/"}},
                "application": {"name": self.title},
            })
            return web.Response(text=_OUTSIDE.sub("", page), content_type="text/html")

        async def on_startup(self, app) -> None:  # noqa: ANN001 - aiohttp's signature
            """Nothing: `announce` has said it all, and the command line holds the database's path."""

        async def _make_app(self):  # noqa: ANN202 - textual-serve's own method
            app = await super()._make_app()
            app.middlewares.append(guard)
            return app

    hosts = allowed_hosts(host, port)
    sessions = 0

    @web.middleware
    async def guard(request, handler):  # noqa: ANN001, ANN202 - aiohttp's middleware signature
        """Only pages asked for by this computer's own names, websockets only from those pages,
        and no more participant processes than a room needs.

        A web page from anywhere else, open in a browser on this laptop or on the network,
        could otherwise start participant processes and use up the room's wrong-code
        allowance; checking the Host header also stops a DNS-rebinding page.
        """
        nonlocal sessions
        if request.host.lower() not in hosts:
            raise web.HTTPForbidden(text="Open the address meetingkit serve printed.")
        if request.path != "/ws":
            return await handler(request)
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            raise web.HTTPForbidden(text="Join from the meeting's own page.")
        if sessions >= MAX_SESSIONS:
            raise web.HTTPServiceUnavailable(text="The room is full: too many people have the page open.")
        sessions += 1
        try:
            return await handler(request)
        finally:
            sessions -= 1

    os.environ[DB_ENV] = str(db_path.resolve())  # every participant process inherits it (textual-serve copies it)
    server = ParticipantServer(participant_command(), host=host, port=port, title="meetingkit: join the meeting")
    server.serve()
