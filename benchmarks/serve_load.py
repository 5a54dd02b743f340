"""`meetingkit serve` with a room full of misbehaving browsers: the laptop's memory stays bounded.

The real `meetingkit serve` on 127.0.0.1 (a free port), on a file with a meeting in progress.
`--browsers` pages (the most the server lets in, `serving.MAX_SESSIONS`, by default) connect at
once, four from each of several addresses (127.0.0.2, 127.0.0.3, …: on Linux all of 127/8 is
this computer), and every one misbehaves before typing a right code: it asks for a
20000×20000 terminal when it connects and again in a resize, sends messages that are not
JSON or not shaped as the page's, types wrong codes, pastes 10,000 characters and sends
10,000 typed ones at once. Then one more page asks to connect (refused: the room is full),
a plain `GET /ws` is sent, and each page sends a 3 MB message (its connection is closed).

Throughout, the sum of the resident set sizes of the server and all its descendants is read
from `/proc` every 0.2 s. Reported: its peak, with every page connected and misbehaving, and
what it is once they have all gone; the processes at the peak; the lines the facilitator's
terminal got beyond serve's own announcement. Goal: the peak under `CEILING_MB`, the ceiling
the README states. Linux only (`/proc`, and addresses beyond 127.0.0.1). Bounded: every wait
gives up after `--deadline` seconds.

    python -m benchmarks.serve_load [--browsers 40] [--deadline 240]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from benchmarks.common import Row, add_json_option, report
from meetingkit.core.agendas import load_library, shipped_agenda_folder
from meetingkit.participant.serve import PASTE_END, PASTE_START
from meetingkit.serving import MAX_SESSIONS, MAX_SESSIONS_FROM_ONE_ADDRESS
from meetingkit.store import Store

NAME = "serve_load"
CEILING_MB = 2500.0
"""The stated ceiling (README, "Participants in the room"): 40 participant processes at about
45–55 MB each, and the server."""

SAMPLE_EVERY = 0.2


def tree_rss(root: int) -> tuple[float, int]:
    """The summed resident set size (MB) of `root` and all its descendants, and how many they are."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total_kb, count, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = (Path("/proc") / str(pid) / "status").read_text()
        except OSError:
            continue
        count += 1
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        stack += children.get(pid, [])
    return total_kb / 1024, count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_room(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        partnership = store.partnerships.ensure("Load test")
        agenda = load_library([shipped_agenda_folder()]).agendas["operational"]
        meeting = store.meetings.start(store.meetings.create(partnership.id, agenda).id)
        store.room.join_code(meeting.id)
    finally:
        store.close()


class Sampler:
    """The server's tree, read every `SAMPLE_EVERY` seconds: the peak and what it was made of."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak, self.peak_processes, self.last = 0.0, 0, 0.0

    async def run(self) -> None:
        while True:
            self.last, processes = tree_rss(self.pid)
            if self.last > self.peak:
                self.peak, self.peak_processes = self.last, processes
            await asyncio.sleep(SAMPLE_EVERY)


async def until(check, deadline: float, what: str) -> None:  # noqa: ANN001
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        await asyncio.sleep(0.05)


async def misbehave(base: str, address: str, deadline: float) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse, bytearray]:
    """One page from `address`, doing every bad thing but the last (the 3 MB message)."""
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))
    websocket = await http.ws_connect(f"{base}/ws?width=20000&height=20000", max_msg_size=0)
    drawn = bytearray()

    async def read() -> None:
        try:
            async for message in websocket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn.extend(message.data)
        except (aiohttp.ClientError, ConnectionError):
            pass  # the server closed it (the 3 MB message): as meant

    asyncio.get_running_loop().create_task(read())
    await until(lambda: b"Join" in drawn, deadline, "a page to be drawn")
    await websocket.send_json(["resize", {"width": 20000, "height": 20000}])
    for hostile in ("not json", '["stdin", 5]', '["resize", {"width": "x"}]', "[" * 5000 + "]" * 5000):
        await websocket.send_str(hostile)
    for _ in range(3):
        await websocket.send_json(["stdin", "WRONG1\r"])
    await websocket.send_json(["stdin", PASTE_START + "p" * 10_000 + PASTE_END])
    await websocket.send_json(["stdin", "t" * 10_000])
    return http, websocket, drawn


async def measure(browsers: int, deadline_seconds: float) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="mk-serve-load-") as folder:
        db_path = Path(folder) / "load.db"
        make_room(db_path)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "meetingkit", "--db", str(db_path), "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "CI": "true"},
        )
        sampler = Sampler(server.pid)
        sampling = asyncio.get_running_loop().create_task(sampler.run())
        deadline = time.monotonic() + deadline_seconds
        pages = []
        try:
            async with aiohttp.ClientSession() as http:
                while True:
                    try:
                        async with http.get(base + "/ws") as answer:
                            plain_get = answer.status
                            break
                    except aiohttp.ClientConnectionError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise TimeoutError("the server never answered") from None
                        await asyncio.sleep(0.1)
                idle, _ = tree_rss(server.pid)
                started = time.monotonic()
                addresses = [f"127.0.0.{2 + n // MAX_SESSIONS_FROM_ONE_ADDRESS}" for n in range(browsers)]
                pages = await asyncio.gather(*(misbehave(base, address, deadline) for address in addresses))
                all_in = time.monotonic() - started
                await asyncio.sleep(2.0)  # let the pastes and resizes land before reading the peak
                connected, processes = tree_rss(server.pid)
                refused = None
                late = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=("127.0.0.254", 0)))
                try:
                    await late.ws_connect(f"{base}/ws")
                except aiohttp.WSServerHandshakeError as error:
                    refused = error.status
                finally:
                    await late.close()
                for _, websocket, _ in pages:
                    try:
                        await websocket.send_json(["stdin", "a" * 3_000_000])
                    except (aiohttp.ClientError, ConnectionError):
                        pass  # closed by the server before the whole message was sent: as meant
                await until(lambda: all(websocket.closed for _, websocket, _ in pages), deadline, "every page to close")
                await until(lambda: tree_rss(server.pid)[1] == 1, deadline, "every participant process to end")
                after, _ = tree_rss(server.pid)
        finally:
            for session, _, _ in pages:
                await session.close()
            sampling.cancel()
            server.send_signal(signal.SIGINT)
            try:
                output = server.communicate(timeout=30)[0].decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                server.kill()
                output = server.communicate()[0].decode("utf-8", "replace")
    said = output.split("Ctrl+C stops serving.", 1)[-1].strip().splitlines()
    print(f"{browsers} pages from {len(set(addresses))} addresses, all drawn in {all_in:.1f} s; "
          f"a plain GET /ws: {plain_get}; one more page: {refused}; "
          f"processes with every page open: {processes} (peak: {sampler.peak_processes}); "
          f"lines on the terminal beyond the announcement: {len(said)}")
    for line in said[:5]:
        print(f"  | {line}")
    return [
        Row.of(NAME, "memory: the server alone, idle", [idle], unit="MB", scale=1.0),
        Row.of(NAME, f"memory: {browsers} misbehaving pages open", [connected], unit="MB", scale=1.0,
               goal_median=CEILING_MB),
        Row.of(NAME, "memory: peak over the whole run", [sampler.peak], unit="MB", scale=1.0, goal_median=CEILING_MB),
        Row.of(NAME, "memory: each page's share at the peak", [(sampler.peak - idle) / browsers], unit="MB",
               scale=1.0),
        Row.of(NAME, "memory: after every page sent 3 MB", [after], unit="MB", scale=1.0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browsers", type=int, default=MAX_SESSIONS,
                        help=f"pages to open at once (default and most: {MAX_SESSIONS})")
    parser.add_argument("--deadline", type=float, default=240.0, help="seconds before any wait gives up")
    add_json_option(parser)
    args = parser.parse_args()
    if not 1 <= args.browsers <= MAX_SESSIONS:
        parser.error(f"--browsers must be between 1 and {MAX_SESSIONS}")
    report(asyncio.run(measure(args.browsers, args.deadline)), args.json)


if __name__ == "__main__":
    main()
