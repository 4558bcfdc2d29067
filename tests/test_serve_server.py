"""`forum-toolkit serve` for real: a Voilà server with the kiosk template, warm kernels and a clean stop.

One server for the module (starting one costs several kernel starts): `forum-toolkit serve` runs as
a child process on a free port, with a tiny test ballot (a button that counts) in tmp_path instead of
the real ballot app. The tests read like the evening: the operator starts the server and gets the
addresses, tablets open the page, someone tries to switch the template from the address bar, a tab
is closed, the operator presses Ctrl-C. The browser's part is in test_serve_browser.py.

Skipped with the reason when Voilà is not installed, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import re
import signal
import time

import pytest

from forum_toolkit.serve.page_texts import connection_texts
from forum_toolkit.serve.runtime import ballot_stylesheets
from test_serve_support import FACILITATOR_SECRET, ForumServer, require

pytestmark = pytest.mark.slow

TABLETS = 3


@pytest.fixture(scope="module")
def forum(tmp_path_factory, tiny_forum_text):
    require("voila", "Voilà is not installed (pip install voila)")
    server = ForumServer(tmp_path_factory.mktemp("forum"), tiny_forum_text, tablets=TABLETS)
    server.start()
    yield server
    server.kill()


def kernel_id_of(html: str) -> str:
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(config.group(1))["kernelId"]


ASSET = re.compile(
    r"""(?:\b(?:src|href|action)\s*=\s*["']([^"']*)["'])|(?:url\(\s*["']?([^"')\s]*))|(?:import\(\s*["']([^"']*))|(?:@import\s+["']([^"']*))""",
    re.I,
)


def asset_urls(html: str) -> list[str]:
    return [next(group for group in match.groups() if group is not None) for match in ASSET.finditer(html)]


def is_external(url: str) -> bool:
    return re.match(r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//", url) is not None and not re.match(
        r"(?i)^(?:https?:)?//(?:127\.0\.0\.1|localhost)(?::\d+)?/", url
    )


# -- the operator starts the server ---------------------------------------------------------------


def test_the_operator_gets_the_addresses_and_a_qr_code(forum):
    out = "\n".join(forum.stdout)
    tablet = f"http://127.0.0.1:{forum.port}/voila/render/ballot.ipynb?kiosk=1"
    phone = f"http://127.0.0.1:{forum.port}/voila/render/ballot.ipynb"
    assert f"tablets (kiosk): {tablet}" in out
    assert f"phones:          {phone}" in out
    assert "▀" in out or "▄" in out  # the QR code, drawn in the terminal
    assert forum.qr_file.read_bytes().startswith(b"\x89PNG")
    assert forum.decode_qr() in (None, phone)  # None: zbarimg is not installed


def test_warm_kernels_wait_for_the_ballot_only(forum):
    forum.wait_for_log(f"Kernel pool of ballot.ipynb is filled with {TABLETS} kernel(s)")
    assert len(forum.kernel_pids()) == TABLETS  # none for console.ipynb
    assert "console.ipynb is filled" not in "\n".join(forum.log)


def timed_get(forum, path: str) -> tuple[float, str]:
    started = time.monotonic()
    status, html = forum.get(path)
    assert status == 200
    return time.monotonic() - started, html


def test_tablets_get_warm_kernels_that_know_their_session_and_request(forum):
    forum.wait_for_log("Kernel pool of ballot.ipynb is filled")
    # The first page may still wait while the warm kernels finish running the ballot (up to its
    # wait_for_request); from then on a page is served from a kernel that is ready.
    timings = {}
    for query in ("kiosk=1&lang=ar", "kiosk=1"):
        timings[query], html = timed_get(forum, f"/voila/render/ballot.ipynb?{query}")
        assert f"session={forum.session_id} query={query.replace('&', '&amp;')}" in html  # wait_for_request
        assert f"Using pre-heated kernel: {kernel_id_of(html)} for ballot.ipynb" in "\n".join(forum.log)
    assert timings["kiosk=1"] < 3.0, timings


def test_the_console_gets_a_kernel_of_its_own_not_a_warm_one(forum):
    seconds, html = timed_get(forum, f"/voila/render/console.ipynb?secret={FACILITATOR_SECRET}")
    assert "console" in html
    assert f"Using pre-heated kernel: {kernel_id_of(html)}" not in "\n".join(forum.log)


@pytest.mark.parametrize("query", ["", "?secret=", "?secret=wrong", "?secret=moderation-only-202", "?Secret=moderation-only-2026"])
def test_the_console_is_refused_without_its_secret_before_any_kernel_starts(forum, query):
    forum.wait_for_log("Kernel pool of ballot.ipynb is filled")
    kernels = len(forum.kernel_pids())
    status, html = forum.request("GET", f"/voila/render/console.ipynb{query}")
    assert status == 403
    assert "nur für die Moderation" in html and "console" not in html
    assert len(forum.kernel_pids()) == kernels


def test_the_operator_gets_the_projector_and_console_addresses_without_the_secret(forum):
    out = "\n".join(forum.stdout)
    assert f"projector:       http://127.0.0.1:{forum.port}/voila/render/projector.ipynb" in out
    assert f"console:         http://127.0.0.1:{forum.port}/voila/render/console.ipynb?secret=<the facilitator secret, as given with --facilitator-secret>" in out
    assert FACILITATOR_SECRET not in out + "\n".join(forum.stderr)


def test_the_page_is_the_kiosk_template(forum):
    status, html = forum.get("/voila/render/ballot.ipynb")
    assert status == 200
    assert '<meta name="forum-template" content="forum-kiosk">' in html
    assert 'setAttribute(root, "dir"' in html  # <html dir> from ?lang=, then from the ballot
    assert '<div id="rendered_cells" role="main"' in html  # the main landmark
    texts = re.search(r'<script type="application/json" id="forum-connection-texts">(.*?)</script>', html).group(1)
    assert json.loads(texts) == connection_texts()  # the banner's words, from the catalogs
    assert 'id="forum-kiosk-css"' in html and "min-height: 56px" in html  # large touch targets
    stylesheet = ballot_stylesheets()[0].read_text(encoding="utf-8")  # widgets/ballot.css, or serve's placeholder
    assert 'id="forum-ballot-css"' in html and stylesheet.splitlines()[0] in html
    assert 'id="forum-connection"' in html and "forum-connection-retry" in html
    assert "window.WebSocket = TrackedWebSocket" in html
    assert 'class="forum-loading"' in html and "Running" not in html
    assert "wait_for_request()" not in html  # no source code
    assert "Test ballot" not in html  # no markdown cell: the notebook's prose is not for participants


def test_a_failing_notebook_shows_a_sign_and_no_error_text(forum):
    status, html = forum.get("/voila/render/broken.ipynb")
    assert status == 200
    assert '<div class="forum-cell-error" role="alert">⚠</div>' in html
    for text in ("the secret detail", "ValueError", "Traceback", "There was an error", "show_tracebacks"):
        assert text not in html


def test_nothing_is_loaded_from_the_internet(forum):
    status, html = forum.get("/voila/render/ballot.ipynb")
    assert [url for url in asset_urls(html) if is_external(url)] == []
    assert re.findall(r"https?://(?!127\.0\.0\.1|localhost)[^\s\"'<>]+", html) == []
    for url in asset_urls(html):
        if url.startswith("/"):
            assert forum.get(url)[0] == 200, url


@pytest.mark.parametrize("query", ["template=lab", "voila-template=lab", "theme=dark", "voila-theme=dark", "template=reveal&theme=dark"])
def test_the_address_bar_cannot_switch_template_or_theme(forum, query):
    status, html = forum.get(f"/voila/render/ballot.ipynb?{query}")
    assert status == 200
    assert '<meta name="forum-template" content="forum-kiosk">' in html
    assert "theme-light" in html and "theme-dark" not in html


def test_the_address_of_the_server_leads_to_the_ballot_and_lists_no_notebooks(forum):
    assert forum.get("/", follow=False)[0] == 301
    assert forum.redirect_target("/") == "/voila/render/ballot.ipynb"
    assert forum.get("/voila/tree")[0] == 404
    assert forum.get("/voila/api/contents/")[0] == 404
    assert forum.get("/voila/files/ballot.ipynb")[0] == 403  # notebook files are not served


# -- a tab is closed ------------------------------------------------------------------------------


def test_the_shutdown_beacon_of_a_closed_tab_ends_its_kernel(forum):
    status, html = forum.get("/voila/render/ballot.ipynb")
    kernel = kernel_id_of(html)
    assert forum.get(f"/api/kernels/{kernel}")[0] == 200
    # What the page sends on beforeunload: navigator.sendBeacon(FormData(_xsrf=<no cookie>)).
    body = b'--b\r\nContent-Disposition: form-data; name="_xsrf"\r\n\r\n\r\n--b--\r\n'
    headers = {"Content-Type": "multipart/form-data; boundary=b", "Origin": forum.origin, "Referer": forum.origin + "/voila/render/ballot.ipynb"}
    assert forum.request("POST", f"/voila/api/shutdown/{kernel}", body, headers)[0] == 204
    assert forum.get(f"/api/kernels/{kernel}")[0] == 404


def test_a_kernel_can_also_be_deleted_by_its_id_from_the_page(forum):
    status, html = forum.get("/voila/render/ballot.ipynb")
    kernel = kernel_id_of(html)
    assert forum.request("DELETE", f"/api/kernels/{kernel}", headers={"Origin": forum.origin})[0] == 204
    assert forum.get(f"/api/kernels/{kernel}")[0] == 404


def test_there_is_no_list_of_kernels_to_shut_down(forum):
    assert forum.get("/api/kernels")[0] == 404
    assert forum.get("/api/sessions")[0] == 404


# -- the operator presses Ctrl-C (keep this test last) --------------------------------------------


def test_ctrl_c_stops_the_server_and_every_kernel(forum):
    assert forum.kernel_pids()  # warm kernels and open pages
    forum.process.send_signal(signal.SIGINT)
    started = time.monotonic()
    code = forum.process.wait(timeout=90)
    assert code == 0, "\n".join(forum.stderr)
    assert time.monotonic() - started < 60  # no wait for the pool's 120 s refill timer
    forum.drain()
    assert forum.stdout[-1] == "stopped"
    assert forum.kernel_pids() == [] and forum.server_pids() == []
    assert list(forum.runtime_root.iterdir()) == []  # connection files and sockets are gone



def test_voila_and_its_kernels_stop_when_the_command_is_killed(tmp_path, tiny_forum_text):
    require("voila", "Voilà is not installed (pip install voila)")
    server = ForumServer(tmp_path, tiny_forum_text, tablets=1)
    server.start()
    try:
        server.wait_for_log("Kernel pool of ballot.ipynb is filled")
        server.process.send_signal(signal.SIGKILL)  # no chance to clean up: Voilà notices it is orphaned
        deadline = time.monotonic() + 90
        while (server.server_pids() or server.kernel_pids()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert server.server_pids() == [] and server.kernel_pids() == []
    finally:
        server.kill()
