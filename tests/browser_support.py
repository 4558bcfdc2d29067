"""Helpers for the ballot's browser scenarios (no tests here): the real ballot behind a real
`forum-toolkit serve`, tablets and phones in Chromium, and a participant who taps through it.

`BallotServer` is test_serve_support's `ForumServer` with the real `notebooks/ballot.ipynb` and the
forum evening (surveys/forum-evening.yaml) as its session, plus two sessions of the council's agenda
round (surveys/council-agenda.yaml, ballot codes) that `council.ipynb` serves: a server runs one
session, so that notebook names its own before it shows the ballot.

`Participant` is one person at one page. It finds everything the way a person does, by the words on
the screen in their language (the gettext catalogs for the app's words, the consultation file for
the questions), and waits after every tap for the kernel's answer to come back: a chosen mark, a new
page, a counter that counts what was typed.

`Forger` sends what a hostile page can send without any tap: comm messages straight to the kernel.

`Wifi` is the café's Wi-Fi between the browser and the server (test_serve_browser's cutting proxy):
it can drop every connection, and it can go deaf, passing the tablet's messages on while the
server's answers are lost (the Wi-Fi that drops just after a tap has left).
"""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from forum_toolkit.consultation.load import load_consultation_text
from forum_toolkit.consultation.model import Consultation, Question
from forum_toolkit.i18n import wording_for
from forum_toolkit.store import open_store
from test_serve_browser import CuttableProxy
from test_serve_support import ForumServer, write_notebook

ROOT = Path(__file__).resolve().parent.parent
FORUM_EVENING = ROOT / "surveys" / "forum-evening.yaml"
COUNCIL_AGENDA = ROOT / "surveys" / "council-agenda.yaml"
COUNCIL = "council-2026-12"  # the council's agenda round served by council.ipynb
OTHER_COUNCIL = "council-2027-03"  # another round: its codes must not open COUNCIL's ballot

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TABLET = {"viewport": {"width": 800, "height": 1280}, "has_touch": True, "is_mobile": True}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
PAGE_LOAD = 180_000  # ms for a page and its widgets on a loaded 2-core machine
ROUND_TRIP = 30_000  # ms for a tap to reach the kernel and its answer to come back

COUNCIL_BALLOT = f"""\
import os
os.environ["FORUM_SESSION"] = "{COUNCIL}"  # the server runs the forum evening; this page, the council
from forum_toolkit.apps.ballot import show_ballot
show_ballot();
"""


class BallotServer(ForumServer):
    """`forum-toolkit serve` for the forum evening with the real ballot; see the module docstring."""

    def __init__(self, directory: Path, tablets: int, reset_seconds: int | None = None):
        super().__init__(directory, FORUM_EVENING.read_text(encoding="utf-8"), tablets)
        self.reset_seconds = reset_seconds  # --reset-seconds: the kiosk's countdown after "saved"
        shutil.copy(ROOT / "notebooks" / "ballot.ipynb", self.notebooks / "ballot.ipynb")
        write_notebook(self.notebooks / "council.ipynb", COUNCIL_BALLOT, "Council ballot")
        council_text = COUNCIL_AGENDA.read_text(encoding="utf-8")
        council = load_consultation_text(council_text, source=str(COUNCIL_AGENDA))
        with open_store(self.db_url) as store:
            for session_id, held_on in ((COUNCIL, date(2026, 12, 3)), (OTHER_COUNCIL, date(2027, 3, 4))):
                store.create_session(council, council_text, session_id, "Ausländerbeirat", held_on)
                store.set_state(session_id, "open")

    def command(self) -> list[str]:
        extra = [] if self.reset_seconds is None else ["--reset-seconds", str(self.reset_seconds)]
        return [*super().command(), *extra]

    def url(self, query: str = "", notebook: str = "ballot.ipynb", origin: str | None = None) -> str:
        return f"{origin or self.origin}/voila/render/{notebook}{query}"


KERNEL_IDLE = "() => { const k = window.jupyterapp && window.jupyterapp.widgetManager && window.jupyterapp.widgetManager.kernel;" \
    " return !k || k.status === 'idle'; }"
DOM_QUIET = """() => new Promise((resolve) => {
  let timer = null;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 120); });
  function done() { observer.disconnect(); resolve(true); }
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(done, 120);
})"""


@dataclass
class Participant:
    """One person at one ballot page (see the module docstring)."""

    page: object  # playwright.sync_api.Page
    consultation: Consultation
    language: str = "de"
    dialogs: list[str] = field(default_factory=list)

    # -- arriving -------------------------------------------------------------------------------

    def open(self, url: str) -> Participant:
        self.page.goto(url, timeout=PAGE_LOAD)
        self.page.wait_for_selector(".ft-ballot .ft-screen", timeout=PAGE_LOAD)
        self.wait_until_connected(PAGE_LOAD)
        self.settle()
        return self

    def wait_until_connected(self, timeout: float = PAGE_LOAD) -> None:
        self.page.wait_for_function("window.forumConnection && window.forumConnection.state === 'connected'", timeout=timeout)

    @property
    def wording(self):
        return wording_for(self.language, self.consultation)

    def ui(self, message: str, **params) -> str:
        return self.wording.ui(message, **params)

    def settle(self) -> None:
        """Wait until the kernel is idle and the page has drawn what it sent: no change for a moment.

        A tap can make the app draw a whole new screen (Next, Back, another language); until the
        new screen is there, the old one's buttons are still on the page but already closed in the
        kernel, and a tap on them would be lost. (A condition that shows or hides a question keeps
        the screen and its buttons: only the list of questions changes.)
        """
        self.page.wait_for_function(KERNEL_IDLE, timeout=ROUND_TRIP)
        self.page.evaluate(DOM_QUIET)

    def button(self, name: str, within=None):
        return (within or self.page).get_by_role("button", name=name, exact=True)

    def option(self, label: str, within):
        """An option, point or stance button by its label: its accessible name may start with the
        stylesheet's sign (a chosen option gets "✓ ", a stance always has ✓, ✗ or –)."""
        return within.get_by_role("button", name=re.compile(rf"^[\u2713\u2717\u2013\s]*{re.escape(label)}$"))

    def choose_language(self, code: str) -> None:
        """Tap the language by its own name (on the start screen or in the language bar), and wait
        for the screen in that language: the bar above it offers every language but this one."""
        name = next(language.name for language in self.consultation.languages if language.code == code)
        self.language = code
        self.button(name).tap()
        self.page.wait_for_function(
            "([name, rtl]) => { const root = document.querySelector('.ft-ballot');"
            " const bar = root && root.querySelector('.ft-language-bar');"
            " return bar !== null && !root.querySelector('.ft-start') && root.classList.contains('ft-rtl') === rtl"
            " && ![...bar.querySelectorAll('button')].some((b) => b.textContent.trim() === name); }",
            arg=[name, self.wording.direction == "rtl"], timeout=ROUND_TRIP,
        )  # fmt: skip
        self.settle()

    # -- what is on the screen ------------------------------------------------------------------

    def question_of(self, question_id: str) -> Question:
        return next(q for page in self.consultation.pages for q in page.questions if q.id == question_id)

    def text_of(self, question_id: str) -> str:
        return self.wording.text(self.question_of(question_id).text)

    def question(self, question_id: str):
        """The question's box, found by its text in the participant's language."""
        heading = self.page.locator(".ft-question-text").get_by_text(self.text_of(question_id), exact=True)
        return self.page.locator(".ft-question").filter(has=heading)

    def shows(self, question_id: str) -> bool:
        return self.question(question_id).count() == 1

    def progress(self) -> str:
        return self.page.locator(".ft-progress").inner_text().strip() if self.page.locator(".ft-progress").count() else ""

    def screen(self) -> str:
        """start, code, page, review or thanks: the class of the screen shown."""
        return self.page.evaluate(
            "() => { const s = document.querySelector('.ft-ballot .ft-screen');"
            " return s ? [...s.classList].find(c => c !== 'ft-screen' && c.startsWith('ft-')).slice(3) : ''; }"
        )

    # -- answering --------------------------------------------------------------------------------

    def _tap_and_see_chosen(self, button) -> None:
        button.tap()
        button.and_(self.page.locator(".ft-chosen")).wait_for(timeout=ROUND_TRIP)
        self.settle()

    def choose(self, question_id: str, option_id: str) -> None:
        question = self.question_of(question_id)
        label = self.wording.text(next(o.label for o in question.options if o.id == option_id))
        self._tap_and_see_chosen(self.option(label, self.question(question_id)))

    def point(self, question_id: str, value: int, row_id: str | None = None):
        """The button of a point of a scale, or of one row of a matrix."""
        question = self.question_of(question_id)
        label = self.wording.text(next(p.label for p in question.points if p.value == value))
        within = self.question(question_id)
        if row_id is not None:
            row_label = self.wording.text(next(r.label for r in question.rows if r.id == row_id))
            row_text = self.page.locator(".ft-row-label").get_by_text(row_label, exact=True)
            within = within.locator(".ft-matrix-row").filter(has=row_text)
        return self.option(label, within)

    def rate(self, question_id: str, value: int, row_id: str | None = None) -> None:
        """Tap a point of a scale, or of one row of a matrix, and wait until it shows as chosen."""
        self._tap_and_see_chosen(self.point(question_id, value, row_id))

    def react(self, question_id: str, statement_id: str, stance: str) -> None:
        question = self.question_of(question_id)
        label = self.wording.text(next(s.label for s in question.statements if s.id == statement_id))
        card = self.question(question_id).locator(".ft-statement").filter(
            has=self.page.locator(".ft-statement-text").get_by_text(label, exact=True)
        )
        self._tap_and_see_chosen(self.option(self.ui({"agree": "Agree", "disagree": "Disagree", "pass": "Pass"}[stance]), card))

    def dots_row(self, question_id: str, option_id: str):
        question = self.question_of(question_id)
        label = self.wording.text(next(o.label for o in question.options if o.id == option_id))
        return self.question(question_id).locator(".ft-dots-option").filter(
            has=self.page.locator(".ft-dots-label").get_by_text(label, exact=True)
        )

    def dots_on(self, question_id: str, option_id: str) -> str:
        return self.dots_row(question_id, option_id).locator(".ft-dot-count").inner_text().strip()

    def add_dot(self, question_id: str, option_id: str) -> None:
        row = self.dots_row(question_id, option_id)
        before = int(self.dots_on(question_id, option_id))
        self.button("+", row).tap()
        row.locator(".ft-dot-count").get_by_text(str(before + 1), exact=True).wait_for(timeout=ROUND_TRIP)
        self.settle()

    def write(self, field, text: str, limit: int) -> None:
        """Type `text` into a field and wait until the kernel has counted it (the counter below)."""
        field.fill(text)
        left = limit - len(text)
        if left >= 0:
            words = self.wording.ui_plural("{count} character left", "{count} characters left", left)
        else:
            words = self.wording.ui_plural("{count} character too many", "{count} characters too many", -left)
        field.locator("xpath=ancestor::*[contains(@class, 'ft-field') or contains(@class, 'ft-question')][1]").locator(
            ".ft-counter"
        ).get_by_text(words, exact=True).wait_for(timeout=ROUND_TRIP)
        self.settle()

    def propose(self, question_id: str, title: str, text: str) -> None:
        question, box = self.question_of(question_id), self.question(question_id)
        self.write(box.locator(".ft-proposal-title input"), title, question.title_max_length)
        self.write(box.locator(".ft-proposal-text textarea"), text, question.text_max_length)

    def write_answer(self, question_id: str, text: str) -> None:
        box = self.question(question_id)
        self.write(box.locator("input[type=text], textarea").first, text, self.question_of(question_id).max_length)

    # -- moving on ------------------------------------------------------------------------------

    SCREEN_KEY = (
        "() => { const s = document.querySelector('.ft-ballot .ft-screen'); const p = document.querySelector('.ft-ballot .ft-progress');"
        " return s ? s.className + '|' + (p ? p.innerText : '') : ''; }"
    )

    def _tap_and_wait_for_change(self, name: str) -> None:
        """Tap a button that leads to another screen or page, and wait until it is there."""
        before = self.page.evaluate(self.SCREEN_KEY)
        self.button(name).tap()
        self.page.wait_for_function(f"(before) => ({self.SCREEN_KEY})() !== before", arg=before, timeout=ROUND_TRIP)
        self.settle()

    def next(self) -> None:
        self._tap_and_wait_for_change(self.ui("Next"))

    def back(self) -> None:
        self._tap_and_wait_for_change(self.ui("Back"))

    def next_until(self, question_id: str | None = None, review: bool = False, limit: int = 12) -> None:
        """Tap Next until the question (or the review) is on the screen."""
        for _ in range(limit):
            if (review and self.screen() == "review") or (question_id and self.shows(question_id)):
                return
            self.next()
        raise AssertionError(f"never reached {question_id or 'the review'}; the screen shows {self.progress()!r}")

    def submit(self) -> None:
        self.button(self.ui("Submit")).tap()
        self.page.locator(".ft-saved").get_by_text(self.ui("Saved. Thank you!"), exact=True).wait_for(timeout=ROUND_TRIP)

    def review_answers(self) -> dict[str, str]:
        """The review: each question's text and the answer shown beside it."""
        pairs = self.page.evaluate(
            "() => [...document.querySelectorAll('.ft-review-question')].map(q => [q.innerText.trim(),"
            " q.nextElementSibling ? q.nextElementSibling.innerText.trim() : ''])"
        )
        return dict(pairs)


# -- forged messages --------------------------------------------------------------------------------

FORGER_JS = r"""
window.forger = (() => {
  const manager = () => window.jupyterapp.widgetManager;
  const kernel = () => manager().kernel;
  async function models() {
    return (await Promise.all(Object.values(manager()._models))).filter(Boolean);
  }
  async function find(cssClass, description) {
    const found = (await models()).filter(m => (m.get('_dom_classes') || []).includes(cssClass)
      && (description === undefined || m.get('description') === description));
    return found.map(m => m.model_id);
  }
  // The comm id of the widget whose view is this element (what a page script can find out too).
  async function idOf(element) {
    for (const model of await models()) {
      const views = await Promise.all(Object.values(model.views || {}));
      if (views.some(view => view && view.el === element)) { return model.model_id; }
    }
    return null;
  }
  function uuid() { return crypto.randomUUID(); }
  // A comm message the way any client can send one: not through a view, not through the model.
  function send(commId, data) {
    const k = kernel();
    const msg = {
      header: {msg_id: uuid(), msg_type: 'comm_msg', username: 'forger', session: k.clientId,
               date: new Date().toISOString(), version: '5.3'},
      parent_header: {}, metadata: {}, channel: 'shell', buffers: [],
      content: {comm_id: commId, data: data},
    };
    k.sendShellMessage(msg, false, true);
  }
  return {
    find, idOf,
    click: (commId) => send(commId, {method: 'custom', content: {event: 'click'}}),
    update: (commId, state) => send(commId, {method: 'update', state: state, buffer_paths: []}),
  };
})();
"""


class Forger:
    """A page that sends comm messages by hand: clicks on buttons it is shown as disabled (or no
    longer shown at all), trait values no tap can produce."""

    def __init__(self, page):
        self.page = page
        page.evaluate(FORGER_JS)

    def find(self, css_class: str, description: str | None = None) -> list[str]:
        """The comm ids of the open widgets with this class (and button text)."""
        return self.page.evaluate("([c, d]) => window.forger.find(c, d === null ? undefined : d)", [css_class, description])

    def id_of(self, locator) -> str:
        """The comm id of the widget shown as this element."""
        comm_id = locator.evaluate("(element) => window.forger.idOf(element)")
        assert comm_id, "no widget model has a view on this element"
        return comm_id

    def click(self, comm_id: str) -> None:
        self.page.evaluate("(id) => window.forger.click(id)", comm_id)

    def update(self, comm_id: str, state: dict) -> None:
        self.page.evaluate("([id, state]) => window.forger.update(id, state)", [comm_id, state])


def chosen_anywhere(page) -> int:
    return page.locator(".ft-ballot .ft-chosen").count()



class Wifi(CuttableProxy):
    """A cuttable proxy that can also lose everything the server sends (see the module docstring)."""

    deaf = False

    async def _answers(self, reader, writer):
        try:
            while data := await reader.read(65536):
                if not self.deaf:
                    writer.write(data)
                    await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(writer)
            writer.transport.abort()


# -- when something appeared on a page --------------------------------------------------------------

APPEARANCE_JS = """([selector, text]) => {
  window.forumSeen = window.forumSeen || {};
  const key = selector + '|' + text;
  window.forumSeen[key] = null;
  const look = () => [...document.querySelectorAll(selector)].some((e) => e.textContent.trim() === text);
  if (look()) { window.forumSeen[key] = Date.now(); return; }
  const observer = new MutationObserver(() => {
    if (look()) { window.forumSeen[key] = Date.now(); observer.disconnect(); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def watch_for(page, selector: str, text: str) -> None:
    """Note the moment (ms since the epoch, the page's clock) at which an element matching
    `selector` shows exactly `text`; `seen_at` reads it. Set it before the change is made."""
    page.evaluate(APPEARANCE_JS, [selector, text])


def seen_at(page, selector: str, text: str, timeout: float = ROUND_TRIP) -> float:
    """When `watch_for`'s element appeared (ms since the epoch); waits for it up to `timeout` ms."""
    key = f"{selector}|{text}"
    page.wait_for_function("(key) => window.forumSeen && window.forumSeen[key] !== null", arg=key, timeout=timeout)
    return page.evaluate("(key) => window.forumSeen[key]", key)
