"""Where the room reaches a running `meetingkit serve`: this computer's addresses, and the
`.serving` note that `serve` leaves beside the database for the facilitator's invite screen.

Free of Textual and of textual-serve, so the console app can read the note without importing
the participant server, and `serve` writes it with the same helpers.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import socket
from pathlib import Path

from meetingkit.core.files import write_private
from meetingkit.core.i18n import _

MAX_SESSIONS = 40
"""Browsers with the participant page open at once: a large meeting room, each with a phone or a
laptop. Each one is a meetingkit process on the facilitator's laptop (about 40 MB), so the room
can never take more than this many. The invite screen can say so: "Up to 40 people can have
the page open at once." """

MAX_SESSIONS_FROM_ONE_ADDRESS = 4
"""Pages open at once from one address (one phone or laptop, a few tabs): one person cannot
take the room's places."""


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach `host`."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
        return [url(address) for address in local_addresses()] + [url("127.0.0.1") + "  " + _("(this computer only)")]
    return [url(host)]


def room_urls(host: str, port: int) -> list[str]:
    """The addresses the room's browsers can open: `addresses_to_open` without this computer's own."""
    if is_loopback(host):
        return []
    if host in ("0.0.0.0", "::", ""):
        return addresses_to_open(host, port)[:-1]
    return [addresses_to_open(host, port)[0]]


def source_key(address: str, secret: bytes) -> str:
    """An opaque key for where a browser connects from: the same for every connection from one
    address while `serve` runs, meaningless without `secret` (which `serve` makes when it starts and
    never writes down), and never the address itself. The participant process records it with a
    wrong join code, so that wrong codes from one place count together."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
            parsed = parsed.ipv4_mapped  # the same IPv4 browser, on a dual-stack socket
        address = str(parsed)
    except ValueError:
        pass  # not an address (a Unix socket, say): keyed as it is
    return hmac.new(secret, address.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def serving_note(db_path: Path) -> Path:
    """Where a running `meetingkit serve` leaves the room's addresses for the meeting's invite
    screen, beside the database (owner-only, removed when serving stops)."""
    return db_path.with_name(db_path.name + ".serving")


def leave_note(db_path: Path, host: str, port: int) -> Path:
    """Tell the facilitator's app where participants go: the addresses the room can open
    (none when serving to this computer only), and this process, to tell a stale note."""
    room = room_urls(host, port)
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
