"""The kiosk page in a real browser (Chromium through Playwright), against a real `forum-toolkit serve`.

A tablet opens the ballot in Arabic and sees it right to left; the café's Wi-Fi drops and the page
says so in Arabic; the Wi-Fi comes back, the banner goes and the ballot still counts where it was; a
tab is closed and its kernel ends. The Wi-Fi drop is a local TCP proxy between browser and server
that cuts every connection: Playwright's offline mode leaves an open websocket alone.

Skipped with the reason when Chromium, Playwright or Voilà is missing, except under CI=true.
Screenshots are written to tmp_path (and to $FORUM_SCREENSHOTS, when set, to look at them).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from forum_toolkit.serve.page_texts import connection_texts
from test_serve_support import ForumServer, free_port, require

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("FORUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDGETS = 120_000  # ms for a page's widgets to appear (a loaded 2-core machine)


class CuttableProxy:
    """A TCP proxy on 127.0.0.1:<port> to the server that can cut every connection and come back."""

    def __init__(self, target_port: int):
        self.port = free_port()
        self.target_port = target_port
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.writers: set[asyncio.StreamWriter] = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def start(self) -> None:
        self._call(self._listen())

    def cut(self) -> None:
        """The Wi-Fi drops: open connections break and new ones are refused."""
        self._call(self._cut())

    def stop(self) -> None:
        self.cut()
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _listen(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)

    async def _cut(self):
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def _serve(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.transport.abort()
            return
        self.writers.update((client_writer, server_writer))
        await asyncio.gather(self._pipe(client_reader, server_writer), self._answers(server_reader, client_writer))

    async def _answers(self, reader, writer):
        """What the server sends back to the browser (a subclass may lose it)."""
        await self._pipe(reader, writer)

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(writer)
            writer.transport.abort()


@pytest.fixture(scope="module")
def forum(tmp_path_factory, tiny_forum_text):
    require("voila", "Voilà is not installed (pip install voila)")
    server = ForumServer(tmp_path_factory.mktemp("forum"), tiny_forum_text, tablets=2)
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def chromium():
    require("playwright", "Playwright is not installed (pip install playwright)")
    require(CHROMIUM, f"no Chromium at {CHROMIUM} (apt-get install chromium, or set FORUM_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def proxy(forum):
    proxy = CuttableProxy(forum.port)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def tablet(chromium):
    """A fresh browser context: a tablet of 1280x800 with every request it makes recorded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("FORUM_SCREENSHOTS"):
        Path(os.environ["FORUM_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(os.environ["FORUM_SCREENSHOTS"]) / path.name)
    return path


def open_ballot(page, origin: str, query: str = "") -> None:
    page.goto(f"{origin}/voila/render/ballot.ipynb{query}", timeout=WIDGETS)
    page.wait_for_selector(".test-plus button, button.test-plus", timeout=WIDGETS)
    page.wait_for_function("window.forumConnection.state === 'connected'", timeout=WIDGETS)


def tap_plus(page, expected: str) -> None:
    page.click("button.test-plus")
    page.wait_for_function(
        f"document.querySelector('.test-count').textContent.trim() === '{expected}'", timeout=30_000
    )


def banner_visible(page) -> bool:
    return page.evaluate("!document.getElementById('forum-connection').hidden")


def test_an_arabic_tablet_shows_the_ballot_right_to_left(tablet, forum, tmp_path):
    open_ballot(tablet, forum.origin, "?kiosk=1&lang=ar")
    assert tablet.evaluate("[document.documentElement.dir, document.documentElement.lang]") == ["rtl", "ar"]
    assert tablet.evaluate("document.documentElement.classList.contains('forum-kiosk-mode')")
    tap_plus(tablet, "1")
    assert not banner_visible(tablet)
    assert tablet.locator("#loading").count() == 0  # the loading screen is gone
    screenshot(tablet, tmp_path, "ballot-ar")
    outside = [url for url in tablet.requests if not url.startswith((forum.origin, "data:", "blob:"))]
    assert outside == []  # nothing from a CDN: fonts, icons and scripts come from this server


def test_a_german_phone_is_left_to_right(tablet, forum):
    open_ballot(tablet, forum.origin)
    assert tablet.evaluate("[document.documentElement.dir, document.documentElement.lang]") == ["ltr", "de"]
    assert not tablet.evaluate("document.documentElement.classList.contains('forum-kiosk-mode')")


def test_the_banner_comes_when_the_wifi_drops_and_goes_when_it_is_back(tablet, proxy, tmp_path):
    origin = f"http://127.0.0.1:{proxy.port}"
    open_ballot(tablet, origin, "?kiosk=1&lang=ar")
    tap_plus(tablet, "1")

    proxy.cut()
    tablet.wait_for_function("!document.getElementById('forum-connection').hidden", timeout=30_000)
    assert tablet.evaluate("window.forumConnection.state") == "lost"
    message = tablet.inner_text("#forum-connection")
    words = connection_texts(["ar"])["ar"]
    assert "⚠" in message and words["message"] in message and words["retry"] in message
    assert words == {"message": "لا يوجد اتصال بالخادم. إجاباتكم لم تُحفظ بعد.", "retry": "إعادة المحاولة"}  # the catalog's
    screenshot(tablet, tmp_path, "connection-lost-ar")

    proxy.start()  # the Wi-Fi is back: Voilà's page reconnects by itself
    tablet.wait_for_function("document.getElementById('forum-connection').hidden", timeout=WIDGETS)
    assert tablet.evaluate("window.forumConnection.state") == "connected"
    tap_plus(tablet, "2")  # the same kernel: nothing was lost


def test_without_a_language_the_banner_speaks_german_and_english(tablet, forum, tmp_path):
    open_ballot(tablet, forum.origin)
    tablet.evaluate("window.dispatchEvent(new Event('offline'))")  # what a phone reports first
    assert banner_visible(tablet)
    message = tablet.inner_text("#forum-connection")
    words = connection_texts(["de", "en"])
    assert f"{words['de']['message']} / {words['en']['message']}" in message
    assert "Noch einmal versuchen / Try again" in message
    screenshot(tablet, tmp_path, "connection-lost-de-en")
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    assert not banner_visible(tablet)  # its kernel channel never closed


def test_try_again_reloads_the_page(tablet, forum):
    open_ballot(tablet, forum.origin, "?lang=tr")
    tablet.evaluate("window.dispatchEvent(new Event('offline'))")
    assert tablet.inner_text(".forum-connection-retry") == connection_texts(["tr"])["tr"]["retry"] == "Tekrar dene"
    with tablet.expect_navigation(timeout=WIDGETS):
        tablet.click(".forum-connection-retry")
    tablet.wait_for_selector("button.test-plus", timeout=WIDGETS)
    assert "?lang=tr" in tablet.url


def test_closing_a_tab_ends_its_kernel(chromium, forum):
    context = chromium.new_context()
    page = context.new_page()
    open_ballot(page, forum.origin)
    kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert forum.get(f"/api/kernels/{kernel}")[0] == 200
    page.close(run_before_unload=True)  # the page sends its shutdown beacon
    context.close()
    forum.wait_for_log(f"Kernel shutdown: {kernel}", timeout=30)
    deadline = time.monotonic() + 30
    while forum.get(f"/api/kernels/{kernel}")[0] != 404 and time.monotonic() < deadline:
        time.sleep(0.2)  # "Kernel shutdown" is logged when the shutdown begins
    assert forum.get(f"/api/kernels/{kernel}")[0] == 404
    assert not any("403" in line and "/voila/api/shutdown/" in line for line in forum.log)
