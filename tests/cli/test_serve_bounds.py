"""`meetingkit serve` is bounded before anyone types a code (issue 14): the real server and its
routes, in this process on 127.0.0.1, driven over real websockets as a browser's page would,
with a stand-in where each browser's participant process would start, recording what it is
given. (`tests/cli/test_serve.py` runs the real command and real participant processes.)

Browsers from other addresses connect from 127.0.0.2, 127.0.0.3, …: on Linux the whole of
127.0.0.0/8 is this computer."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import pytest

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

from aiohttp.test_utils import TestServer  # noqa: E402

from meetingkit.participant.serve import (  # noqa: E402
    MAX_HEIGHT,
    MAX_MESSAGE_BYTES,
    MAX_STDIN_CHARS,
    MAX_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    PASTE_END,
    PASTE_START,
    allowed_hosts,
    participant_command,
)
from meetingkit.participant.server import NOT_A_WEBSOCKET, ROOM_FULL, TOO_MANY_HERE, ParticipantServer  # noqa: E402
from meetingkit.serving import MAX_SESSIONS, MAX_SESSIONS_FROM_ONE_ADDRESS, source_key  # noqa: E402
from tests.helpers import needs_other_addresses  # noqa: E402

DEADLINE_SECONDS = 30.0


@dataclass(eq=False)
class StandIn:
    """Where a browser's participant process would run: what it was started with and sent."""

    command: str
    sizes: list[tuple[int, int]] = field(default_factory=list)
    typed: list[bytes] = field(default_factory=list)
    stopped: bool = False

    async def start(self, width: int, height: int) -> None:
        self.sizes.append((width, height))

    async def stop(self) -> None:
        self.stopped = True

    async def send_bytes(self, data: bytes) -> bool:
        self.typed.append(data)
        return True

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.sizes.append((width, height))

    async def blur(self) -> None:
        pass

    async def focus(self) -> None:
        pass


class Served:
    """The server in this process, and every stand-in it started."""

    def __init__(self, server: TestServer, started: list[StandIn]) -> None:
        self.server = server
        self.started = started
        self.base = f"http://127.0.0.1:{server.port}"

    def session(self, address: str = "127.0.0.1") -> aiohttp.ClientSession:
        """A browser on the machine at `address`."""
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0), force_close=True))


async def until(check: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    started: list[StandIn] = []

    def service(command: str, **_: object) -> StandIn:
        started.append(StandIn(command))
        return started[-1]

    port = free_port()
    server = ParticipantServer(participant_command, host="127.0.0.1", port=port,
                               hosts=allowed_hosts("127.0.0.1", port), title="test", service=service)
    test_server = TestServer(await server.make_app(), host="127.0.0.1", port=port)
    await test_server.start_server()
    try:
        yield Served(test_server, started)
    finally:
        await test_server.close()


async def test_a_huge_terminal_is_clamped_when_the_page_connects_and_on_every_resize(served: Served) -> None:
    async with served.session() as http, http.ws_connect(f"{served.base}/ws?width=20000&height=20000") as websocket:
        await until(lambda: served.started, "the participant process")
        participant = served.started[0]
        await websocket.send_json(["resize", {"width": 20000, "height": 20000}])
        await websocket.send_json(["resize", {"width": -5, "height": 0}])
        await websocket.send_json(["resize", {"width": 120, "height": 36}])
        await until(lambda: len(participant.sizes) == 4, "every resize")
    assert participant.sizes == [(MAX_WIDTH, MAX_HEIGHT), (MAX_WIDTH, MAX_HEIGHT), (MIN_WIDTH, MIN_HEIGHT), (120, 36)]


async def test_a_huge_message_closes_the_connection_and_a_long_paste_is_cut(served: Served) -> None:
    async with served.session() as http:
        async with http.ws_connect(f"{served.base}/ws") as websocket:
            await websocket.send_json(["stdin", "a" * 3_000_000])
            await websocket.send_json(["ping", "after"])
            message = await websocket.receive(timeout=DEADLINE_SECONDS)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), message  # not the pong
            # The server says 1009 (message too big) and hangs up while this browser may still be
            # writing the rest; its TCP stack can then report the reset before the close frame
            # (1006). The code itself is proven where nothing is left to write, just below.
            assert websocket.close_code in (1009, 1006)
        assert served.started[0].typed == []

        async with http.ws_connect(f"{served.base}/ws") as websocket:
            await websocket.send_json(["stdin", "b" * 10_000])  # not a person typing: dropped
            await websocket.send_json(["stdin", PASTE_START + "c" * 10_000 + PASTE_END])  # a paste: cut
            await websocket.send_json(["stdin", "d"])
            participant = served.started[1]
            await until(lambda: len(participant.typed) == 2, "the keys")
    paste, key = (data.decode() for data in participant.typed)
    assert len(paste) == MAX_STDIN_CHARS and paste.startswith(PASTE_START + "ccc") and paste.endswith("c" + PASTE_END)
    assert key == "d"


async def test_a_message_too_big_is_refused_at_its_header_with_code_1009(served: Served) -> None:
    """A frame that says it is longer than `MAX_MESSAGE_BYTES` is refused before any of it is
    read: the server answers with a close frame, code 1009, and starts nothing for it. Spoken
    over a bare socket, so nothing is left unsent on either side to race the close frame."""
    port = served.server.port
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: bWVldGluZ2tpdC1ib3VuZA==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), DEADLINE_SECONDS)
        assert head.startswith(b"HTTP/1.1 101"), head
        # A final text frame, masked as a browser's must be, that declares four times the limit.
        writer.write(bytes([0x81, 0x80 | 127]) + struct.pack(">Q", 4 * MAX_MESSAGE_BYTES) + b"mask")
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), DEADLINE_SECONDS)  # to the server's end of the stream
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
    frames = []
    while answer:  # the server's frames are not masked and short: two bytes of header
        opcode, length = answer[0] & 0x0F, answer[1] & 0x7F
        assert length < 126, answer
        frames.append((opcode, answer[2:2 + length]))
        answer = answer[2 + length:]
    assert frames and frames[-1][0] == 0x8, frames  # it ends on a close frame
    assert struct.unpack(">H", frames[-1][1][:2]) == (1009,)
    await until(lambda: served.started and served.started[0].stopped, "the participant stopped")
    assert served.started[0].typed == []


async def test_messages_not_shaped_as_the_page_sends_them_are_ignored(served: Served) -> None:
    async with served.session() as http, http.ws_connect(f"{served.base}/ws") as websocket:
        for hostile in ("not json", "[]", "{}", "[5]", '["stdin", 5]', '["stdin"]', '["resize", [1, 2]]',
                        '["resize", {"width": true, "height": 2}]', '["resize", {"width": "80", "height": 24}]',
                        '["resize", {"width": 1e9, "height": 24}]', '["ping", ' + json.dumps("x" * 1000) + "]",
                        '["nonsense", 1]', "[" * 10_000 + "]" * 10_000):
            await websocket.send_str(hostile)
        await websocket.send_bytes(b"\x00\xff")
        await websocket.send_json(["ping", "1733300000000"])
        answer = await websocket.receive_json()
    assert answer == ["pong", "1733300000000"]  # still connected, still answering
    participant = served.started[0]
    assert participant.typed == [] and participant.sizes == [(80, 24)]


async def test_a_plain_request_for_the_websocket_gets_a_sentence(served: Served) -> None:
    async with served.session() as http, http.get(f"{served.base}/ws") as response:
        assert response.status == 400
        assert await response.text() == NOT_A_WEBSOCKET
    assert served.started == []  # no participant process for it


UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


async def refusal(served: Served, address: str) -> tuple[int, str]:
    """A websocket asked for from `address`: the status and words of the answer (101 if it was let in)."""
    async with served.session(address) as http, http.get(f"{served.base}/ws", headers=UPGRADE) as answer:
        return answer.status, await answer.text() if answer.status != 101 else ""


@needs_other_addresses
async def test_pages_open_at_once_are_capped_for_the_room_and_for_each_address(served: Served) -> None:
    async with contextlib.AsyncExitStack() as pages:
        async def open_page(address: str) -> aiohttp.ClientWebSocketResponse:
            browser = await pages.enter_async_context(served.session(address))
            return await pages.enter_async_context(browser.ws_connect(f"{served.base}/ws"))

        first = [await open_page("127.0.0.1") for _ in range(MAX_SESSIONS_FROM_ONE_ADDRESS)]
        assert await refusal(served, "127.0.0.1") == (503, TOO_MANY_HERE)
        for number in range(MAX_SESSIONS - MAX_SESSIONS_FROM_ONE_ADDRESS):
            await open_page(f"127.0.0.{2 + number // MAX_SESSIONS_FROM_ONE_ADDRESS}")
        assert len(served.started) == MAX_SESSIONS
        assert await refusal(served, "127.0.0.250") == (503, ROOM_FULL)
        assert len(served.started) == MAX_SESSIONS  # nothing started for the refused

        await first[0].close()  # one leaves: a place for someone else
        await until(lambda: served.started[0].stopped, "the first page's process to stop")
        await open_page("127.0.0.250")
        assert len(served.started) == MAX_SESSIONS + 1


@needs_other_addresses
async def test_each_process_is_told_where_its_browser_connects_from_as_an_opaque_key(served: Served) -> None:
    for address in ("127.0.0.1", "127.0.0.1", "127.0.0.2"):
        async with served.session(address) as http, http.ws_connect(f"{served.base}/ws"):
            pass
    keys = [participant.command.split("--source ", 1)[1] for participant in served.started]
    assert keys[0] == keys[1] != keys[2]
    assert all(len(key) == 16 and "127" not in key for key in keys)


async def test_a_size_in_the_address_that_is_not_a_whole_number_gets_the_default(served: Served) -> None:
    for number, query in enumerate(("width=abc&height=-5", "width=99999999999&height=1e9", "width=%E2%91%A0&height=24")):
        async with served.session() as http, http.ws_connect(f"{served.base}/ws?{query}"):
            await until(lambda n=number: len(served.started) > n and served.started[n].sizes, "the process")
    assert [participant.sizes[0] for participant in served.started] == [(80, 24)] * 3


def test_the_same_browser_over_ipv4_or_a_dual_stack_socket_has_one_key() -> None:
    secret = b"s" * 32
    assert source_key("192.168.1.20", secret) == source_key("::ffff:192.168.1.20", secret)
    assert source_key("192.168.1.20", secret) != source_key("192.168.1.21", secret)
    assert source_key("192.168.1.20", secret) != source_key("192.168.1.20", b"t" * 32)  # a new run, a new key
