"""`meetingkit serve` end to end: the real command on 127.0.0.1, a participant session driven
over its websocket as a browser would (textual-serve's JSON messages), and the facilitator's
app on the same file."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetingkit.cli import CommandError, main
from meetingkit.cli.app import command_serve
from meetingkit.context import Context
from meetingkit.core.agendas import AgendaLibrary
from meetingkit.participant.serve import allowed_hosts, network_warning, participant_command
from meetingkit.serving import addresses_to_open, is_loopback, serving_note
from meetingkit.store import Store
from meetingkit.store.participants import FREE_TRIES_FROM_ONE_PLACE, FREE_TRIES_HERE
from meetingkit.ui.app import create_app
from meetingkit.ui.widgets.jargon_board import JargonBoard
from tests.helpers import board_lines, needs_other_addresses

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

DEADLINE_SECONDS = 60.0
"""The longest any step may take before the test gives up (a slow CI machine starting Python)."""

ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[=>78DEHMNOZc]")

PRIVATE = ("SECRET-TERM", "SECRET-ELEPHANT", "HISTORIC-TERM", "NOTE-TEXT", "Dana")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def screen_words(raw: bytes) -> str:
    """What the terminal output says, escape sequences and layout removed."""
    text = ESCAPES.sub(" ", raw.decode("utf-8", "replace"))
    return " ".join(text.replace("│", " ").split())


@pytest.fixture
def room(store: Store, library: AgendaLibrary) -> dict[str, str]:
    """A running meeting with private things around it that no participant may see."""
    partnership = store.partnerships.ensure("Settlement & Schools")
    store.partnerships.ensure_organisation(partnership.id, "OCISO")
    earlier = store.meetings.start(store.meetings.create(partnership.id, library.agendas["operational"]).id)
    store.jargon.mention(earlier.id, "HISTORIC-TERM")
    store.meetings.end(earlier.id)
    meeting = store.meetings.start(
        store.meetings.create(partnership.id, library.agendas["operational"], title="November").id
    )
    store.meetings.add_attendee(meeting.id, "Dana", "OCISO")
    store.jargon.mention(meeting.id, "SECRET-TERM", confidential=True)
    store.boards.raise_elephant(meeting.id, "SECRET-ELEPHANT", confidential=True)
    store.notes.add(meeting.id, "NOTE-TEXT")
    return {"meeting": meeting.id, "code": store.room.join_code(meeting.id)}


class Browser:
    """A participant's browser: the websocket, and everything the app has drawn so far."""

    def __init__(self, websocket) -> None:  # noqa: ANN001 - aiohttp's websocket
        self.websocket = websocket
        self.output = bytearray()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output += message.data

    async def type(self, text: str) -> None:
        await self.websocket.send_json(["stdin", text])

    async def shows(self, words: str) -> str:
        """Wait until the output says `words`; returns the whole output so far."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        while words not in (seen := screen_words(bytes(self.output))):
            assert time.monotonic() < deadline, f"never showed {words!r}; last: {seen[-600:]!r}"
            await asyncio.sleep(0.05)
        return seen


async def until(check, what: str):  # noqa: ANN001
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not (result := check()):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.05)
    return result


def start_serving(db_path: Path, port: int) -> subprocess.Popen[bytes]:
    """`meetingkit serve` on the file, as a facilitator starts it, its output kept to read."""
    return subprocess.Popen(
        [sys.executable, "-m", "meetingkit", "--db", str(db_path), "serve", "--port", str(port)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "CI": "true"},
    )


async def test_a_participant_joins_over_the_websocket_and_the_facilitator_sees_the_term(
    store: Store, library: AgendaLibrary, room: dict[str, str], db_path: Path
) -> None:
    port = free_port()
    server = start_serving(db_path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            async def page() -> str | None:
                try:
                    async with http.get(base + "/") as response:
                        return await response.text() if response.status == 200 else None
                except aiohttp.ClientError:
                    assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                    return None

            deadline = time.monotonic() + DEADLINE_SECONDS
            while (html := await page()) is None:
                assert time.monotonic() < deadline, "the server never answered"
                await asyncio.sleep(0.1)
            assert f"ws://127.0.0.1:{port}/ws" in html  # the page's websocket is where the page came from
            assert not re.search(r"(src|href)=\"https?://(?!127\.0\.0\.1)", html)  # nothing fetched from outside the room
            assert serving_note(db_path).exists()  # for the invite screen: where the room goes

            # Only this computer's own names, and websockets only from its own page: a page from
            # elsewhere (or one that rebinds its name to this address) starts nothing.
            async with http.get(base + "/", headers={"Host": f"rebound.example:{port}"}) as response:
                assert response.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError):
                async with http.ws_connect(f"{base}/ws", headers={"Origin": "http://elsewhere.example"}):
                    pass

            async with http.ws_connect(f"{base}/ws?width=100&height=30") as websocket:
                browser = Browser(websocket)
                await browser.shows("Join the meeting")

                await browser.type("XXXXXX\r")
                await browser.shows("does not open a meeting")
                assert store.db.value("SELECT count(*) FROM join_attempts WHERE succeeded = 0") == 1

                await browser.type(room["code"].lower() + "\r")  # the wrong code is selected: typing replaces it
                await browser.shows("Name the Jargon")
                await browser.type("WSTERM\r")
                await browser.shows("WSTERM")
                await until(lambda: any(t.display == "WSTERM" for t in store.room.terms(room["meeting"])),
                            "the term in the database")

                # Keys that open things in meetingkit's own app, or Textual's palette, open nothing here.
                await browser.type("\x10")  # ctrl+p
                await browser.type("\x1b")
                seen = await browser.shows("Parking lot")
                assert "Search for commands" not in seen
                for private in PRIVATE:
                    assert private not in seen
                await websocket.close()
                await browser.reader
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output = server.communicate(timeout=DEADLINE_SECONDS)[0].decode()
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0].decode()
    assert not serving_note(db_path).exists()  # gone when serving stops
    assert f"http://127.0.0.1:{port}" in output and "Warning: serving" not in output
    assert "Traceback" not in output
    assert room["code"] not in output  # the code is shown in the room, never printed

    # The facilitator's board, on the same file, shows the participant's term.
    app = create_app(store, library, open_meeting=room["meeting"])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert any("WSTERM" in line for line in board_lines(app.screen.query_one(JargonBoard)))


def test_serve_refuses_an_encrypted_database_and_says_so(db_path: Path, capsys) -> None:
    Store.open(db_path).close()
    context = Context(db_path=db_path, ask_passphrase=lambda path, new: "never asked")
    with pytest.raises(CommandError, match="encrypted"):
        command_serve(context, argparse.Namespace(host="127.0.0.1", port=free_port()))


def test_serve_says_what_to_install_without_the_extra(db_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    assert main(["--db", str(db_path), "serve"]) == 1
    assert "pip install 'meetingkit[serve]'" in capsys.readouterr().err


def test_only_this_computers_own_names_are_served() -> None:
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert "192.168.1.20:8000" in allowed_hosts("192.168.1.20", 8000)
    assert "evil.example:8000" not in allowed_hosts("0.0.0.0", 8000)


def test_addresses_and_the_network_warning() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert addresses_to_open("127.0.0.1", 8000) == ["http://127.0.0.1:8000"]
    assert any("this computer only" in a for a in addresses_to_open("0.0.0.0", 8000))
    warning = network_warning("0.0.0.0")
    assert "anyone on this network" in warning and "join code is the only lock" in warning
    command = participant_command()
    assert command.endswith("-m meetingkit participate") and "--db" not in command  # the file goes in MEETINGKIT_DB


def test_serve_prints_the_warning_for_another_host(db_path: Path, monkeypatch, capsys) -> None:
    import meetingkit.participant.serve as serving

    started = {}
    monkeypatch.setattr(serving, "serve", lambda path, host, port: started.update(host=host, port=port))
    assert main(["--db", str(db_path), "serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert started == {"host": "0.0.0.0", "port": 8123}
    out = " ".join(capsys.readouterr().out.split())
    assert "http://127.0.0.1:8123 (this computer only)" in out
    assert "anyone on this network" in out and "only lock" in out
    assert main(["--db", str(db_path), "serve", "--port", "8124"]) == 0
    assert "Warning: serving" not in capsys.readouterr().out  # this computer only: nothing to warn about
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "serve", "--port", "99999"])


@needs_other_addresses
async def test_a_hostile_browser_and_a_guesser_neither_trouble_the_facilitator_nor_keep_anyone_out(
    store: Store, room: dict[str, str], db_path: Path
) -> None:
    """Issue 14, end to end on the real command: a request that is not a websocket is answered in a
    sentence, a huge terminal and a huge message bound nothing, the terminal gets no traceback;
    wrong codes from one place (in new browsers each time) count together, and someone else gets in.
    Browsers at other addresses connect from 127.0.0.2 and 127.0.0.3 (all of 127/8 is this computer)."""
    port = free_port()
    server = start_serving(db_path, port)
    base = f"http://127.0.0.1:{port}"

    def browser_at(address: str) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))

    try:
        async with aiohttp.ClientSession() as http:
            deadline = time.monotonic() + DEADLINE_SECONDS
            while True:
                try:
                    async with http.get(base + "/ws") as response:  # a plain request, no upgrade
                        assert response.status == 400
                        assert "open the address meetingkit serve printed" in await response.text()
                        break
                except aiohttp.ClientConnectionError:
                    assert server.poll() is None and time.monotonic() < deadline, "the server never answered"
                    await asyncio.sleep(0.1)

            async with http.ws_connect(f"{base}/ws?width=20000&height=20000") as websocket:
                hostile = Browser(websocket)
                await websocket.send_json(["resize", {"width": 20000, "height": 20000}])
                await websocket.send_str("not json")
                await websocket.send_json(["stdin", 5])
                await hostile.shows("Join the meeting")  # drawn, at a size it can draw
                await websocket.send_json(["stdin", "a" * 3_000_000])
                await hostile.reader  # the connection closes: too big a message
                # 1009, or 1006 when this browser was still writing as the server hung up (the
                # code itself: test_serve_bounds); either way the server goes on, as below.
                assert websocket.close_code in (1009, 1006)
                assert server.poll() is None

            def wrong_codes() -> int:
                return store.db.value("SELECT count(*) FROM join_attempts WHERE succeeded = 0")

            async def guess(browser: Browser, times: int) -> None:
                for _ in range(times):
                    before = wrong_codes()
                    await browser.type("XXXXXX\r")
                    await until(lambda before=before: wrong_codes() > before, "the wrong code refused")

            async with browser_at("127.0.0.2") as guesser:
                for tries in (FREE_TRIES_HERE, FREE_TRIES_FROM_ONE_PLACE - FREE_TRIES_HERE):
                    async with guesser.ws_connect(f"{base}/ws") as websocket:  # a new browser each time
                        page = Browser(websocket)
                        await page.shows("Join the meeting")
                        await guess(page, tries)

            async with browser_at("127.0.0.3") as someone, someone.ws_connect(f"{base}/ws") as websocket:
                page = Browser(websocket)
                await page.shows("Join the meeting")
                await guess(page, 1)  # a typo of their own
                await page.type(room["code"] + "\r")
                await page.shows("Name the Jargon")  # in at once, after a place's every free try

            # Each process was told where its browser connects from, as a key that is not the address:
            # both of the guesser's browsers count as one place (the store's tests time its waits).
            sources = [row[0] for row in store.db.rows(
                "SELECT source FROM join_attempts WHERE succeeded = 0 ORDER BY attempted_at")]
            assert len(sources) == FREE_TRIES_FROM_ONE_PLACE + 1
            assert len(set(sources[:-1])) == 1 and sources[-1] != sources[0]
            # An opaque key, never the address (a key's hex may hold "127" by chance: 1 in 50 runs).
            assert all(re.fullmatch(r"[0-9a-f]{16}", source) for source in sources), sources
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output = server.communicate(timeout=DEADLINE_SECONDS)[0].decode()
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0].decode()
    said = output.split("Ctrl+C stops serving.", 1)[1].strip().splitlines()
    assert len(said) <= 1 and "Traceback" not in output, output  # at most one line beyond the announcement


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
async def test_serving_stops_with_pages_open_ends_their_processes_and_prints_no_traceback(
    room: dict[str, str], db_path: Path
) -> None:
    port = free_port()
    server = start_serving(db_path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            deadline = time.monotonic() + DEADLINE_SECONDS
            while True:
                try:
                    async with http.get(base + "/"):
                        break
                except aiohttp.ClientConnectionError:
                    assert server.poll() is None and time.monotonic() < deadline, "the server never answered"
                    await asyncio.sleep(0.1)
            pages = [await http.ws_connect(f"{base}/ws") for _ in range(2)]
            browsers = [Browser(websocket) for websocket in pages]
            for browser in browsers:
                await browser.shows("Join the meeting")
            processes = children_of(server.pid)
            assert len(processes) == 2  # one per page (the shell execs it)
            server.send_signal(signal.SIGINT)  # serving stops with both pages open
            for browser in browsers:
                await browser.reader  # each page is closed
        output = server.communicate(timeout=DEADLINE_SECONDS)[0].decode()
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    await until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in processes), "every participant to end")
    assert "Traceback" not in output and "Exception" not in output, output
