"""The participant server: textual-serve's, bounded before anyone types a code.

Imported only when serving (textual-serve is the optional `serve` extra). Everything a browser
sends before the code is typed is bounded here, so nobody on the network can spend the
laptop's memory or fill the facilitator's terminal:

- no more than `MAX_SESSIONS` pages open at once, `MAX_SESSIONS_FROM_ONE_ADDRESS` from one address;
- a terminal's size clamped (`serve.clamp_size`), as asked for when the page connects and on
  every resize, before it reaches the participant process;
- a websocket message at most `MAX_MESSAGE_BYTES`, keyboard input at most `MAX_STDIN_CHARS`;
  anything not shaped as the page sends it is ignored (`serve.browser_message`);
- a request that is not a websocket answered 400 in a sentence; no traceback, and no request's
  headers, ever reach the terminal: at most one line per kind of problem (`initialize_logging`).

The join code's throttle lives with the participant (`store.room.join_wait`); this server gives
each browser's process the opaque key for its address (`serving.source_key`) to count by.

textual-serve 1.1: `Server.handle_websocket` and `initialize_logging` are replaced whole (the first
is a route handler, the second a documented hook); `_make_app` (private) is extended to add
the Host and Origin guard, and `ParticipantService.stop` reads `AppService._process` (private)
to make sure each process has ended. `pyproject.toml` pins textual-serve below 2.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from meetingkit.core.i18n import N_, _
from meetingkit.participant.serve import MAX_MESSAGE_BYTES, OUTSIDE_LINKS, browser_message, requested_size
from meetingkit.serving import MAX_SESSIONS, MAX_SESSIONS_FROM_ONE_ADDRESS, source_key

log = logging.getLogger("meetingkit.serve")

HEARTBEAT_SECONDS = 15.0
"""A websocket whose browser stops answering pings this long is closed (textual-serve's own figure)."""

NOT_A_WEBSOCKET = N_("This address is for the meeting's page: open the address meetingkit serve printed.")
ROOM_FULL = N_("The room is full: too many people have the page open. Close it somewhere, then reload.")
TOO_MANY_HERE = N_("This device already has the page open in several tabs: use one of those.")
"""The refusals above, in English; a browser reads them in the language serving speaks (`_refusal`)."""


def _refusal(english: str) -> str:
    """One of the refusals above in the interface's language (the literals again, for extraction)."""
    translated = {
        NOT_A_WEBSOCKET: _("This address is for the meeting's page: open the address meetingkit serve printed."),
        ROOM_FULL: _("The room is full: too many people have the page open. Close it somewhere, then reload."),
        TOO_MANY_HERE: _("This device already has the page open in several tabs: use one of those."),
    }
    return translated[english]

MAX_DISTINCT_LINES = 50
"""Kinds of problem the terminal is told about, each once: then it says nothing more."""


class OneLine(logging.Formatter):
    """A log record as one short line of plain text: no traceback, no locals, no escape sequences."""

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().splitlines() or [""]
        text = "".join(char if char.isprintable() else "?" for char in lines[0])
        return f"meetingkit serve: {text[:160]}"


class Once(logging.Filter):
    """Each kind of problem once, however often a stranger repeats it; at most `MAX_DISTINCT_LINES`."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.name}:{record.msg}"
        if key in self.seen or len(self.seen) >= MAX_DISTINCT_LINES:
            return False
        self.seen.add(key)
        return True


STOP_SECONDS = 5.0
"""How long a participant process has to end when its page closes or serving stops, before it is killed."""


class ParticipantService(AppService):
    """textual-serve's `AppService`, whose `stop` returns only once the process has ended: asked to
    quit, then killed after `STOP_SECONDS`. So serving never stops with a process still running
    (textual-serve's own stop waits for as long as a busy process takes, and the event loop could
    close with the process's pipes open, printing a traceback on the facilitator's terminal)."""

    async def stop(self) -> None:
        process = self._process  # textual-serve 1.1's handle on the process (private)
        try:
            await asyncio.wait_for(super().stop(), STOP_SECONDS)
        except TimeoutError:
            pass
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()


ServiceFactory = Callable[..., AppService]


class ParticipantServer(Server):
    """textual-serve, with the page's own address taken from the request (so a phone that
    reached the server by its LAN address gets a websocket on that address too), meetingkit's
    words on the terminal instead of textual-serve's banner and command line, and every bound
    above."""

    def __init__(
        self,
        command: Callable[[str | None], str],
        *,
        host: str,
        port: int,
        hosts: set[str],
        title: str,
        service: ServiceFactory = ParticipantService,
    ) -> None:
        super().__init__(command(None), host=host, port=port, title=title)
        self.command_for = command
        """The participant command for a browser, given its source key."""
        self.hosts = hosts
        """The Host headers accepted (`serve.allowed_hosts`)."""
        self.service = service
        """What runs a browser's participant process (`ParticipantService`; tests pass a stand-in)."""
        self.running: set[AppService] = set()
        """The participant processes running now, to end when serving stops."""
        self.secret = secrets.token_bytes(32)
        """For `source_key`: made now, never written down, forgotten when serving stops."""
        self.sessions: Counter[str] = Counter()
        """Pages open now, by the address they connect from."""

    def initialize_logging(self) -> None:
        """Warnings and errors only, each as one line, each kind once (`OneLine`, `Once`)."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLine())
        handler.addFilter(Once())
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    async def make_app(self) -> web.Application:
        """The aiohttp application, routes and guard included (for `serve`, and for tests)."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: `announce` has said it all, and the command line holds the database's path."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Serving stops: every participant process ends (each page then closes) before the loop does."""
        await asyncio.gather(*(service.stop() for service in list(self.running)), return_exceptions=True)

    async def handle_index(self, request: web.Request) -> web.Response:
        origin = f"{request.scheme}://{request.host}"  # one of ours: `guard` refused any other Host
        websocket = ("wss:" if origin.startswith("https:") else "ws:") + origin.split(":", 1)[1]
        page = aiohttp_jinja2.render_string("app_index.html", request, {
            "font_size": 16,
            "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": origin + "/static/"}},
            "application": {"name": self.title},
        })
        return web.Response(text=OUTSIDE_LINKS.sub("", page), content_type="text/html")

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Only pages asked for by this computer's own names, and websockets only from those pages.

        A web page from anywhere else, open in a browser on this laptop or on the network,
        could otherwise start participant processes and use up its address's wrong-code
        allowance; checking the Host header also stops a DNS-rebinding page.
        """
        if request.host.lower() not in self.hosts:
            raise web.HTTPForbidden(text=_("Open the address meetingkit serve printed."))
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                raise web.HTTPForbidden(text=_("Join from the meeting's own page."))
        return await handler(request)

    async def handle_websocket(  # type: ignore[override] # a refusal is a plain response
        self, request: web.Request
    ) -> web.StreamResponse:
        """A browser's page: its own participant process, for as long as the page is open.

        Refused in a sentence, before any process starts: a request that is not a websocket
        (400), a full room or an address with enough pages open (503).
        """
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS, max_msg_size=MAX_MESSAGE_BYTES)
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text=_refusal(NOT_A_WEBSOCKET))
        address = request.remote or ""
        if sum(self.sessions.values()) >= MAX_SESSIONS:
            return web.Response(status=503, text=_refusal(ROOM_FULL))
        if self.sessions[address] >= MAX_SESSIONS_FROM_ONE_ADDRESS:
            return web.Response(status=503, text=_refusal(TOO_MANY_HERE))
        width, height = requested_size(request.query)
        self.sessions[address] += 1
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = self.service(
                self.command_for(source_key(address, self.secret)),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=False,
            )
            self.running.add(service)
            await service.start(width, height)
            await self.relay(websocket, service)
        except asyncio.CancelledError:  # serving stops, or the connection dropped
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one line on the terminal, never a traceback
            log.warning("a participant's connection ended on an error (%s)", type(error).__name__)
        finally:
            try:
                if service is not None:
                    await service.stop()
                    self.running.discard(service)
            finally:
                self.sessions[address] -= 1
                if self.sessions[address] <= 0:
                    del self.sessions[address]
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """Pass the page's messages to its participant process, checked and clamped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            checked = browser_message(message.data)
            if checked is None:
                continue
            kind, data = checked
            if kind == "stdin":
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize":
                await service.set_terminal_size(*data)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()
