"""One simulated tablet: loads the page, opens its kernel's websocket and taps buttons, with timings.

    tablet = Tablet("http://127.0.0.1:8866", "/voila/render/ballot.ipynb?kiosk=1", timeout=60)
    await tablet.open_page()          # HTTP GET: time to first byte, to the full page, kernel id
    await tablet.connect()            # websocket, kernel_info, every widget's state
    reply = await tablet.tap(tablet.widgets.button("Deutsch"))
    await tablet.wait_until(lambda: tablet.widgets.shows("Gespeichert. Danke!"), "saved")
    await tablet.close()

Every wait has a timeout; a failure raises TabletError naming the step. Times are seconds from
`time.perf_counter()`; `tablet.started` is when the page was requested.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

from tablets import wire
from tablets.widgets import CONTROL_TARGET, CONTROL_VERSION, Model, WidgetMirror

CONFIG_DATA = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)


class TabletError(Exception):
    """A step of a simulated tablet failed; `step` says which (page, websocket, tap, wait...)."""

    def __init__(self, step: str, reason: str):
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


@dataclass
class Reply:
    """What the kernel did with one tap: when the first widget change came, and when it was idle again."""

    sent: float
    first: float | None = None  # first comm message caused by the tap (a widget changed)
    idle: float | None = None  # the kernel finished handling the tap
    done: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class Tablet:
    def __init__(self, base_url: str, page_path: str, timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.page_path = page_path
        self.timeout = timeout
        self.session = uuid.uuid4().hex
        self.widgets = WidgetMirror()
        self.kernel_id = ""
        self.started = 0.0  # perf_counter() when the page was requested
        self.first_byte: float | None = None
        self.page_done: float | None = None
        self.kernel_errors: list[str] = []  # what the kernel wrote to stderr (tracebacks of callbacks)
        self.received = 0  # kernel messages that reached this page
        self.received_bytes = 0
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._replies: dict[str, Reply] = {}
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future]] = []
        self._closed_reason = ""
        self._control = ""  # the jupyter.widget.control comm's id

    # -- the page ---------------------------------------------------------------------------

    async def open_page(self) -> None:
        """GET the page as a browser does; remember when its first byte and its end arrived."""
        chunks: list[bytes] = []

        def first_byte(_line: str) -> None:
            if self.first_byte is None:
                self.first_byte = time.perf_counter()

        client = AsyncHTTPClient(force_instance=True)
        request = HTTPRequest(
            self.base_url + self.page_path, connect_timeout=self.timeout, request_timeout=self.timeout,
            header_callback=first_byte, streaming_callback=chunks.append,
        )  # fmt: skip
        self.started = time.perf_counter()
        try:
            await client.fetch(request)
        except HTTPClientError as error:  # 599: tornado's own (timeout, connection closed)
            said = _text_of(b"".join(chunks)) if error.code != 599 else error.message
            raise TabletError("page", f"HTTP {error.code} {said}".strip()) from None
        except (OSError, asyncio.TimeoutError) as error:
            raise TabletError("page", type(error).__name__) from None
        finally:
            client.close()
        self.page_done = time.perf_counter()
        found = CONFIG_DATA.search(b"".join(chunks).decode("utf-8", "replace"))
        if not found:
            raise TabletError("page", "no jupyter-config-data in the page (Voilà's error page?)")
        self.kernel_id = json.loads(found.group(1)).get("kernelId") or ""
        if not self.kernel_id:
            raise TabletError("page", "the page names no kernel")

    # -- the kernel's websocket -------------------------------------------------------------

    async def connect(self) -> None:
        """Open the kernel websocket and load every widget's state (what the page's JavaScript does)."""
        url = self.base_url.replace("http", "ws", 1) + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        request = HTTPRequest(url, connect_timeout=self.timeout, request_timeout=self.timeout)
        try:
            self._ws = await asyncio.wait_for(
                websocket_connect(request, subprotocols=[wire.PROTOCOL], max_message_size=64 * 2**20), self.timeout
            )
        except (OSError, HTTPClientError, asyncio.TimeoutError) as error:
            raise TabletError("websocket", type(error).__name__) from None
        self._reader = asyncio.get_running_loop().create_task(self._read())
        await self._send("kernel_info_request", {})
        control = self._control = uuid.uuid4().hex
        await self._send("comm_open", {"comm_id": control, "target_name": CONTROL_TARGET, "data": {}}, {"version": CONTROL_VERSION})
        await self._send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        await self.wait_until(lambda: self.widgets.loaded, "widget states")
        await self._send("comm_close", {"comm_id": control, "data": {}})

    async def tap(self, model: Model | None, what: str = "button") -> Reply:
        """Click a button as the page does; returns once the kernel has handled the click."""
        if model is None:
            raise TabletError("tap", f"no {what} to tap")
        content = {"comm_id": model.model_id, "data": {"method": "custom", "content": {"event": "click"}}}
        msg_id = await self._send("comm_msg", content, track=True)
        reply = self._replies[msg_id]
        try:
            await asyncio.wait_for(asyncio.shield(reply.done), self.timeout)
        except asyncio.TimeoutError:
            raise TabletError("tap", f"{what}: no answer from the kernel in {self.timeout:.0f} s") from None
        finally:
            self._replies.pop(msg_id, None)
        return reply

    def expect(self, condition: Callable[[], bool]) -> asyncio.Future:
        """A future set to perf_counter() at the first kernel message after which `condition()` holds.

        Registered at once, so a tap sent next cannot be answered before anyone listens."""
        future = asyncio.get_running_loop().create_future()
        if self._closed_reason:
            future.set_exception(TabletError("wait", self._closed_reason))
        elif condition():
            future.set_result(time.perf_counter())
        else:
            self._waiters.append((condition, future))
        return future

    async def wait_until(self, condition: Callable[[], bool] | asyncio.Future, what: str, timeout: float | None = None) -> float:
        """Wait until `condition()` holds (or an `expect` future is set); returns perf_counter() then."""
        future = condition if isinstance(condition, asyncio.Future) else self.expect(condition)
        try:
            return await asyncio.wait_for(future, timeout or self.timeout)
        except asyncio.TimeoutError:
            raise TabletError("wait", f"{what}: not seen within {timeout or self.timeout:.0f} s") from None
        finally:
            self._waiters = [(c, f) for c, f in self._waiters if f is not future]

    async def close(self) -> None:
        """Close the websocket (the kernel keeps running, as when a tablet's screen goes dark)."""
        if self._ws is not None:
            self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                self._reader.cancel()

    # -- inside -----------------------------------------------------------------------------

    async def _send(self, msg_type: str, content: dict, metadata: dict | None = None, track: bool = False) -> str:
        if self._closed_reason:
            raise TabletError("send", self._closed_reason)
        msg_id, frame = wire.request(msg_type, content, self.session, metadata)
        if track:
            self._replies[msg_id] = Reply(sent=time.perf_counter())
        try:
            await self._ws.write_message(frame, binary=True)
        except WebSocketClosedError:
            raise TabletError("send", "the websocket is closed") from None
        return msg_id

    async def _read(self) -> None:
        try:
            while True:
                frame = await self._ws.read_message()
                if frame is None:
                    self._closed_reason = f"websocket closed (code {self._ws.close_code})"
                    break
                if isinstance(frame, bytes):  # str would be the legacy JSON framing, not negotiated
                    self.received += 1
                    self.received_bytes += len(frame)
                    self._receive(wire.decode(frame), time.perf_counter())
        except Exception as error:  # noqa: BLE001 (a broken frame ends this tablet, reported as such)
            self._closed_reason = f"reading the websocket failed: {error!r}"
        for _, future in self._waiters:
            if not future.done():
                future.set_exception(TabletError("wait", self._closed_reason))
        for reply in self._replies.values():
            if not reply.done.done():
                reply.done.set_exception(TabletError("tap", self._closed_reason))

    def _receive(self, message: wire.Message, now: float) -> None:
        changed = self.widgets.apply(message)
        if message.msg_type == "stream" and message.content.get("name") == "stderr":
            text = message.content.get("text", "")
            if text.strip() != f"No such comm: {self._control}":  # ipywidgets' page code closes it too: harmless
                self.kernel_errors.append(text[:500])
        reply = self._replies.get(message.parent_id)
        if reply is not None:
            if changed and reply.first is None:
                reply.first = now
            if message.msg_type == "status" and message.content.get("execution_state") == "idle":
                reply.idle = now
                reply.first = reply.first or now  # a tap that changed nothing
                if not reply.done.done():
                    reply.done.set_result(reply)
        if changed:
            for condition, future in self._waiters:
                if not future.done() and condition():
                    future.set_result(now)


def _text_of(html_page: bytes, limit: int = 120) -> str:
    """What an error page says, without its markup (the end of it, where Voilà puts the reason)."""
    text = " ".join(re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", html_page.decode("utf-8", "replace"), flags=re.S).split())
    return text[-limit:]
