"""The live forum evening in Chromium: the facilitator's console, the projector, and the link between.

The real `notebooks/console.ipynb` and `notebooks/projector.ipynb` behind `forum-toolkit serve`, with
the forum evening (surveys/forum-evening.yaml). Votes are stored the way a tablet's kernel stores
them, from another process (`Store.submit`), so that the time from a vote to the projector is
measured without a participant's taps in it (tests/test_browser_ballot.py taps through the ballot).

The last scenario runs the same evening on the real PostgreSQL server with two Voilà processes: the
console on one, the projector on the other.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, FORUM_EVENING, PAGE_LOAD, ROOT
from test_serve_support import FACILITATOR_SECRET, ForumServer, free_port, require

pytestmark = pytest.mark.slow

SESSION = "forum-2026-11-26"
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}  # a projector
SCRIPT = "<img src=x onerror=alert(1)>"
LIVE = 1.0  # seconds: the bound from a change to the screen
SCREENSHOTS = ROOT / "docs" / "screenshots"


class LiveServer(ForumServer):
    """`forum-toolkit serve` with the real ballot, console and projector, on SQLite or PostgreSQL."""

    def __init__(self, directory: Path, db_url: str, create: bool = True):
        from forum_toolkit.consultation.load import load_consultation
        from forum_toolkit.store import open_store

        self.directory = Path(directory)
        self.session_id = SESSION
        self.tablets = 1
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.db_url = db_url
        if create:
            with open_store(db_url) as store:
                store.create_session(load_consultation(FORUM_EVENING), FORUM_EVENING.read_text(encoding="utf-8"), SESSION, "Forumsabend", date(2026, 11, 26))
                store.set_state(SESSION, "open")
        self.notebooks = self.directory / "notebooks"
        self.notebooks.mkdir(parents=True)
        for name in ("ballot.ipynb", "console.ipynb", "projector.ipynb"):
            shutil.copy(ROOT / "notebooks" / name, self.notebooks / name)
        self.qr_file = self.directory / "qr.png"
        self.runtime_root = Path(tempfile.mkdtemp(prefix="ftl-", dir="/tmp"))
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.process = None

    def url(self, notebook: str, query: str = "") -> str:
        return f"{self.origin}/voila/render/{notebook}{query}"


def vote(db_url: str, count: int, seed: int, **fixed) -> None:
    """`count` ballots stored as tablets' kernels store them (another process's store)."""
    from forum_toolkit.consultation.sample import sample_answers
    from forum_toolkit.store import open_store

    rng = random.Random(seed)
    with open_store(db_url) as store:
        consultation = store.consultation(SESSION)
        for _ in range(count):
            answers = {**sample_answers(consultation, rng, skip_rate=0.0), **fixed}
            store.submit(SESSION, answers, language="de", channel="tablet", submission_id=str(uuid.uuid4()))


@pytest.fixture(scope="module")
def browser():
    require("playwright", "Playwright is not installed (pip install playwright)")
    require(CHROMIUM, f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require("voila", "Voilà is not installed (pip install voila)")
    directory = tmp_path_factory.mktemp("live")
    server = LiveServer(directory, f"sqlite:///{directory / 'forum.sqlite3'}")
    server.start()
    yield server
    server.kill()


@pytest.fixture
def open_page(browser):
    """`open_page(url, device, ready)`: a page in its own browser context, once `ready` (a selector)
    shows; any JavaScript dialog fails the test."""
    contexts, dialogs = [], []

    def open_page(url: str, device: dict, ready: str, frames: list | None = None):
        context = browser.new_context(**device)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        if frames is not None:  # every websocket frame the page receives, from the first
            page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: frames.append(frame if isinstance(frame, bytes) else frame.encode())))
        page.goto(url, timeout=PAGE_LOAD)
        page.wait_for_selector(ready, timeout=PAGE_LOAD)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert dialogs == [], f"a page ran participant text as script: {dialogs}"


def wait_for_text(page, selector: str, text: str, timeout: float = 10.0) -> float:
    """Seconds until `selector` shows `text` (fails after `timeout`)."""
    started = time.monotonic()
    page.wait_for_function(
        "([selector, text]) => { const e = document.querySelector(selector); return e && e.textContent.includes(text); }",
        arg=[selector, text], timeout=timeout * 1000, polling="raf",
    )
    return time.monotonic() - started


def console_button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def choose_question(page, question_id: str) -> None:
    select = page.locator(".ft-console select").first
    value = select.evaluate(
        "(select, id) => Array.from(select.options).find(o => o.textContent.startsWith(id + ':')).value", question_id
    )
    select.select_option(value)


# -- the console is the facilitator's only --------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?secret=wrong"])
def test_a_tablet_that_opens_the_console_without_the_secret_gets_nothing_but_a_refusal(server, open_page, query):
    page = open_page(server.url("console.ipynb", query), LAPTOP, "body")
    assert "nur für die Moderation" in page.content()
    assert page.locator(".ft-console").count() == 0 and page.locator("button").count() == 0


# -- the evening -----------------------------------------------------------------------------------


def test_the_facilitator_opens_and_reveals_and_the_projector_follows_within_a_second(server, open_page):
    console = open_page(server.url("console.ipynb", f"?secret={FACILITATOR_SECRET}"), LAPTOP, ".ft-console button")
    frames: list[bytes] = []
    projector = open_page(server.url("projector.ipynb"), PROJECTOR, ".ft-projector .ft-projector-heading", frames)

    choose_question(console, "priority_dots")
    console_button(console, "Für alle öffnen").click()
    opened = wait_for_text(projector, ".ft-projector", "Punkte")  # the question's German text names its dots
    assert opened < LIVE + 0.5, opened  # a click's round trip to the console's kernel included

    chart = projector.locator(".ft-projector .ft-projector-chart")
    assert not chart.is_visible()  # not revealed: nothing drawn

    vote(server.db_url, 2, seed=1)
    started = time.monotonic()
    projector.wait_for_function("document.querySelector('.ft-projector-count').textContent.includes('2')", timeout=10_000, polling="raf")
    assert time.monotonic() - started < LIVE, "two votes took more than a second to reach the projector"

    console_button(console, "Ergebnis zeigen").click()
    projector.wait_for_function("() => { const i = document.querySelector('.ft-projector .ft-projector-chart'); return i && i.offsetParent !== null && i.src; }", timeout=10_000)
    source = chart.get_attribute("src")
    assert any(b"\x89PNG" in frame for frame in frames)  # what the hidden-result scenario looks for
    vote(server.db_url, 1, seed=2)
    started = time.monotonic()
    projector.wait_for_function("(old) => document.querySelector('.ft-projector .ft-projector-chart').src !== old", arg=source, timeout=10_000, polling="raf")
    assert time.monotonic() - started < LIVE, "a vote took more than a second to reach the revealed chart"

    console.locator(".ft-console select").nth(1).select_option(label="العربية")  # the projector's second language
    wait_for_text(projector, ".ft-projector", "وزّعوا نقاطكم")  # the question in Arabic, under the German
    assert projector.locator('.ft-projector-heading[lang="ar"][dir="rtl"]').count() == 1
    projector.screenshot(path=str(SCREENSHOTS / "projector-de-ar.png"))

    console_button(console, "QR-Code für Handys zeigen").click()
    wait_for_text(projector, ".ft-projector-phone", f"http://127.0.0.1:{server.port}/voila/render/ballot.ipynb")
    projector.wait_for_selector(".ft-projector-phone img", state="visible", timeout=10_000)
    console_button(console, "QR-Code ausblenden").click()
    projector.wait_for_function("!document.querySelector('.ft-projector-phone').textContent.includes('http')", timeout=10_000)


def test_a_hidden_result_never_reaches_the_projector_page(server, open_page):
    from forum_toolkit.store import open_store

    frames: list[bytes] = []
    projector = open_page(server.url("projector.ipynb"), PROJECTOR, ".ft-projector .ft-projector-heading", frames)
    with open_store(server.db_url) as store:
        store.open_question(SESSION, "age_group")
        store.hide(SESSION, "age_group")
        wait_for_text(projector, ".ft-projector-heading", "Wie alt")
        assert frames  # the page's websocket is watched
        frames.clear()
        vote(server.db_url, 6, seed=3)
        projector.wait_for_function("document.querySelector('.ft-projector-count').textContent.match(/\\d+/)", timeout=10_000)
        time.sleep(1.5)  # time enough for anything that would be sent
    assert not projector.locator(".ft-projector .ft-projector-chart").is_visible()
    assert any(b"ft-projector-count" in frame for frame in frames)  # the new count did arrive
    assert not any(b"image/png" in frame or b"\x89PNG" in frame for frame in frames), "a chart reached the page"


def test_participant_text_shows_as_text_in_the_console(server, open_page):
    vote(server.db_url, 1, seed=4, own_proposal={"title": SCRIPT, "text": "<script>alert(2)</script> $x$"})
    console = open_page(server.url("console.ipynb", f"?secret={FACILITATOR_SECRET}"), LAPTOP, ".ft-console button")
    console.wait_for_selector(".ft-console-item", timeout=10_000)
    item = console.locator(".ft-console-item").filter(has_text=SCRIPT)
    assert item.count() == 1
    assert "<script>alert(2)</script> $x$" in item.inner_text()
    assert console.locator(".ft-console-item img").count() == 0
    console.screenshot(path=str(SCREENSHOTS / "console-de.png"), full_page=True)


def test_the_console_counts_the_devices_connected_and_sees_a_tablet_go(server, browser, open_page):
    from forum_toolkit.store import open_store

    def connected_becomes(count: int, timeout: float = 40.0) -> None:
        deadline = time.monotonic() + timeout
        with open_store(server.db_url) as store:
            while store.presence(SESSION).connected != count:
                assert time.monotonic() < deadline, f"the store says {store.presence(SESSION).connected} devices, not {count}"
                time.sleep(0.5)

    console = open_page(server.url("console.ipynb", f"?secret={FACILITATOR_SECRET}"), LAPTOP, ".ft-console button")
    tablets = [browser.new_context(**LAPTOP) for _ in range(2)]
    for tablet in tablets:
        tablet.new_page().goto(server.url("ballot.ipynb", "?kiosk=1"), timeout=PAGE_LOAD)
        tablet.pages[0].wait_for_selector(".ft-ballot .ft-screen", timeout=PAGE_LOAD)
    connected_becomes(3)  # the console and two tablets
    wait_for_text(console, ".ft-console", "Verbundene Geräte: 3", timeout=20)
    tablets[0].close()
    connected_becomes(2)
    tablets[1].close()


# -- one forum, two Voilà processes, the real PostgreSQL ------------------------------------------


@pytest.mark.postgres
def test_the_same_evening_on_postgresql_with_two_voila_processes(tmp_path, pg_url, open_page):
    require("voila", "Voilà is not installed (pip install voila)")
    servers = [LiveServer(tmp_path / "a", pg_url), LiveServer(tmp_path / "b", pg_url, create=False)]
    try:
        for server in servers:
            server.start()
        console = open_page(servers[0].url("console.ipynb", f"?secret={FACILITATOR_SECRET}"), LAPTOP, ".ft-console button")
        projector = open_page(servers[1].url("projector.ipynb"), PROJECTOR, ".ft-projector .ft-projector-heading")
        choose_question(console, "taken_part_before")
        console_button(console, "Für alle öffnen").click()
        console_button(console, "Ergebnis zeigen").click()
        projector.wait_for_function("() => { const i = document.querySelector('.ft-projector .ft-projector-chart'); return i && i.offsetParent !== null; }", timeout=10_000)
        count = projector.locator(".ft-projector-count").inner_text()
        vote(pg_url, 1, seed=5)
        started = time.monotonic()
        projector.wait_for_function("(old) => document.querySelector('.ft-projector-count').textContent !== old", arg=count, timeout=10_000, polling="raf")
        assert time.monotonic() - started < LIVE
    finally:
        for server in servers:
            server.kill()

