"""The question widgets in a real page: Voilà serves a notebook with one question of every kind and
Chromium measures what only a browser decides (sizes, type, direction, text shown as text).

Slow (a Voilà server and a browser): about 20 s. Needs Playwright and a Chromium; without them the
tests skip, except under CI=true, where they fail (CI must check the tablets' view).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TESTS = Path(__file__).parent

NOTEBOOK = r"""
import os
from urllib.parse import parse_qs
from IPython.display import HTML, display
import ipywidgets as w
from forum_toolkit.widgets import view_for, stylesheet
from test_widgets_base import ATTACK, FakeWording, every_kind

query = {key: values[-1] for key, values in parse_qs(os.environ.get("QUERY_STRING", "")).items()}
rtl = query.get("dir") == "rtl"
labels = {
    "park": ATTACK,
    "parking": "Parkplatz kostet $5 und nicht $50",
    "both": "حديقة وموقف سيارات معًا، مع أشجار كثيرة ومقاعد للجميع",
    "s1": "Der Bus sollte abends öfter fahren, auch am Wochenende und in den Ferien, damit alle nach Hause kommen.",
    "housing": "Wohnungsbaugenossenschaftsförderprogrammverwaltungsvorschriften",
}
consultation = every_kind(label=lambda option_id: labels.get(option_id, option_id.capitalize()), required=True)
display(HTML(f"<style>{stylesheet()}</style>"))
views = [view_for(q, FakeWording("ar" if rtl else "en", "rtl" if rtl else "ltr")) for q in consultation.questions]
views[1].show_problems(["Please answer this question."])
display(w.VBox([view.widget for view in views]))
"""

MEASURE = r"""() => {
  const visible = (e) => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
                           return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0; };
  const small = [...document.querySelectorAll('.ft-question button, .ft-question input, .ft-question textarea')]
    .filter(visible).map(e => [e.textContent.slice(0, 30), e.getBoundingClientRect()])
    .filter(([, r]) => r.width < 48 || r.height < 48).map(([t, r]) => [t, Math.round(r.width), Math.round(r.height)]);
  const tiny = [...document.querySelectorAll('.ft-question *')].filter(visible)
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => [e.textContent.slice(0, 30), parseFloat(getComputedStyle(e).fontSize)]).filter(([, size]) => size < 20);
  return {questions: document.querySelectorAll('.ft-question').length, small, tiny,
          width: document.documentElement.scrollWidth, viewport: window.innerWidth};
}"""

# A device with one local English voice: what read_aloud.js asks the browser for, recorded.
FAKE_SPEECH = r"""
window.__spoken = [];
const voices = [{lang: 'en-US', localService: true, name: 'Local English'}, {lang: 'ar-SA', localService: false, name: 'Cloud'}];
Object.defineProperty(window, 'speechSynthesis', {value: {
  getVoices: () => voices, speak: (u) => window.__spoken.push([u.text, u.lang]), cancel: () => {},
  addEventListener: () => {}, removeEventListener: () => {}}});
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
"""


def _missing(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}: CI must test the widgets in a browser")
    pytest.skip(what)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install playwright)")
    executable = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Exception as error:  # noqa: BLE001 - any reason a browser cannot start is reported
            _missing(f"no Chromium to start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The URL of a Voilà server showing every kind of question (add ?dir=rtl for Arabic)."""
    if shutil.which("voila", path=str(Path(sys.executable).parent)) is None:
        _missing("Voilà is not installed")
    folder = tmp_path_factory.mktemp("voila")
    cell = {"cell_type": "code", "metadata": {}, "source": NOTEBOOK, "outputs": [], "execution_count": None}
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    (folder / "questions.ipynb").write_text(json.dumps({"cells": [cell], "metadata": kernel, "nbformat": 4, "nbformat_minor": 5}))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # the kernel's python
        "PYTHONPATH": f"{TESTS}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    command = [sys.executable, "-m", "voila", "questions.ipynb", f"--port={port}", "--no-browser",
               "--Voila.ip=127.0.0.1", "--ServerApp.port_retries=0"]  # fmt: skip
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=30).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"Voilà did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def open_page(browser, url: str, width: int, height: int, rtl: bool, speech: bool = False):
    page = browser.new_page(viewport={"width": width, "height": height}, has_touch=True)
    if speech:
        page.add_init_script(FAKE_SPEECH)
    page.goto(url + ("?dir=rtl" if rtl else ""), timeout=120_000)
    page.wait_for_selector(".ft-kind-proposal", timeout=120_000)
    if rtl:
        page.evaluate("document.documentElement.dir = 'rtl'")  # what the kiosk template does for Arabic
    return page


SCREENS = [(1024, 768, False), (1024, 768, True), (390, 844, False), (390, 844, True)]


@pytest.mark.parametrize("width, height, rtl", SCREENS, ids=["tablet", "tablet-rtl", "phone", "phone-rtl"])
def test_targets_are_48_px_type_is_20_px_and_nothing_is_wider_than_the_screen(browser, server, width, height, rtl):
    page = open_page(browser, server, width, height, rtl)
    measured = page.evaluate(MEASURE)
    page.close()
    assert measured["questions"] == 23
    assert measured["small"] == []
    assert measured["tiny"] == []
    assert measured["width"] <= measured["viewport"]


def test_participant_text_is_shown_as_text_never_as_markup_or_formula(browser, server):
    page = open_page(browser, server, 1024, 768, False)
    single = page.locator(".ft-kind-single_choice")
    assert single.locator("button.ft-option").all_inner_texts()[:2] == ["<img src=x onerror=alert(1)>", "Parkplatz kostet $5 und nicht $50"]
    assert page.locator(".ft-question img, .ft-question mjx-container, .ft-question script").count() == 0
    page.close()


def test_right_to_left_starts_rows_on_the_right(browser, server):
    page = open_page(browser, server, 1024, 768, True)
    points = page.locator(".ft-kind-scale .ft-point")
    first, last = points.first.bounding_box(), points.last.bounding_box()
    assert first["x"] > last["x"]
    page.close()


def test_a_tap_reaches_python_and_comes_back_as_the_chosen_mark(browser, server):
    page = open_page(browser, server, 390, 844, False)
    single = page.locator(".ft-kind-single_choice")
    single.locator("button.ft-option").nth(2).tap()
    page.wait_for_selector(".ft-kind-single_choice button.ft-chosen")
    assert single.locator("button.ft-chosen").all_inner_texts() == ["حديقة وموقف سيارات معًا، مع أشجار كثيرة ومقاعد للجميع"]
    assert "ft-hidden" in single.locator(".ft-problems").get_attribute("class")  # the tap cleared the problem
    dots = page.locator(".ft-kind-dots").first
    for _ in range(4):
        dots.locator(".ft-step-plus").first.tap(force=True)  # past max_per_option (2): disabled
        page.wait_for_timeout(200)
    page.wait_for_function("document.querySelector('.ft-kind-dots .ft-dots-left').textContent.includes('2 dots left')")
    assert dots.locator(".ft-dot-count").all_inner_texts() == ["2", "0", "0"]
    page.close()


def test_read_aloud_speaks_with_a_voice_on_the_device_and_hides_without_one(browser, server):
    page = open_page(browser, server, 1024, 768, False, speech=True)
    button = page.locator(".ft-kind-scale .ft-read-aloud-button")
    assert button.inner_text() == "Read aloud" and button.bounding_box()["height"] >= 48
    button.click()
    assert page.evaluate("window.__spoken") == [
        ["How satisfied are you?\nDisagree.\nRather disagree.\nUndecided.\nRather agree.\nAgree.", "en-US"]
    ]
    page.close()
    page = open_page(browser, server, 1024, 768, True, speech=True)  # Arabic: only a cloud voice
    assert page.locator(".ft-read-aloud.ft-no-voice").count() == 23
    assert not page.locator(".ft-read-aloud-button").first.is_visible()
    page.close()
