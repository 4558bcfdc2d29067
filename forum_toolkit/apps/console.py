"""The facilitator's console: run the evening from a laptop (what `notebooks/console.ipynb` shows).

    show_console()   # reads FORUM_SESSION, FORUM_DB_URL and FORUM_FACILITATOR_SECRET_SHA256

Reachable only with the facilitator's secret: the page's link carries it (``?secret=...``) and the
kernel compares its SHA-256 in constant time with the one `forum-toolkit serve` set (kernels are
told the hash, never the secret). Without it the page shows one line of refusal, and no other
widget exists that a crafted message could reach. The server refuses such a page before it
starts a kernel too (`serve/app.py`); this check is the second lock.

What the facilitator does here, each a single call on the store (so every Voilà process serving
the forum sees it at once): open, pause and close the session; choose the pacing; open a question
for all tablets; reveal or hide its results on the projector; choose the projector's second
language; let proposals and statements through moderation (approve, reject with a reason
participants can read, merge duplicates, correct spelling). The counters and the queue follow the
store live. The console is for the town's staff and speaks German.

Paper and assisted ballots: "Papierstimmzettel eingeben" and "Assistierte Stimmabgabe" open the
participants' ballot (`BallotApp`) inside this page, with channel "paper" or "assisted" (only the
console sets it, never a link). Staff go through it at its own pace whatever the room does; it
is checked like any other ballot and counted with its channel, and after each ballot stored a
fresh, empty one is ready for the next form.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import sys
import time

import ipywidgets as w

from forum_toolkit.apps import stylesheet
from forum_toolkit.apps.ballot import BallotApp, BallotSettings
from forum_toolkit.apps.screens import close_tree
from forum_toolkit.consultation.model import Consultation
from forum_toolkit.serve.config import SESSION_VARIABLE
from forum_toolkit.serve.facilitator import SECRET_HASH_VARIABLE, secret_matches
from forum_toolkit.store import Store, StoreError, open_store
from forum_toolkit.store.records import Item

MAX_SECONDS = 8 * 3600
PRESENCE_SECONDS = 10  # how often the console looks at the connected devices again
DROP_WINDOW_S = 60
REFUSED = "Diese Seite ist nur für die Moderation. Bitte den Link mit dem Schlüssel verwenden."
STATE_ACTIONS = (("open", "Öffnen"), ("paused", "Pausieren"), ("closed", "Schließen"))
STATE_NAMES = {"planned": "geplant", "open": "offen", "paused": "pausiert", "closed": "geschlossen"}
PACING_NAMES = {"self_paced": "Jede Person im eigenen Tempo", "facilitator_led": "Alle folgen der Moderation"}
NOTHING = "—"
STAFF_BALLOTS = {"paper": "Papierstimmzettel eingeben", "assisted": "Assistierte Stimmabgabe"}
STAFF_NAMES = {"paper": "Papierstimmzettel", "assisted": "Assistierte Stimmabgabe"}

log = logging.getLogger("forum_toolkit.console")
if not log.handlers:
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


class ConsoleApp:
    """One console page; every button is one store call, then the page is read again."""

    def __init__(self, store: Store, session_id: str):
        self.store = store
        self.session_id = session_id
        self.consultation: Consultation = store.consultation(session_id)
        self.status = w.HTML()
        self.state_line = w.HTML()
        self.state_buttons = [self._button(label, lambda state=state: self.store.set_state(self.session_id, state)) for state, label in STATE_ACTIONS]
        self.pacing = w.ToggleButtons(options=[(name, key) for key, name in PACING_NAMES.items()], description="Tempo")
        self.pacing.observe(self._on_pacing, names="value")
        questions = [(f"{q.id}: {self._german(q.text)}", q.id) for q in self.consultation.questions if q.kind.value != "info"]
        self.question = w.Dropdown(options=[(NOTHING, "")] + questions, description="Frage")
        self.open_button = self._button("Für alle öffnen", self._open_question)
        self.close_button = self._button("Frage schließen", lambda: self.store.close_question(self.session_id))
        self.reveal_button = self._button("Ergebnis zeigen", lambda: self._with_question(self.store.reveal))
        self.hide_button = self._button("Ergebnis verbergen", lambda: self._with_question(self.store.hide))
        languages = [(NOTHING, ""), ("reihum", "rotate")] + [(language.name, language.code) for language in self.consultation.languages if language.code != self.consultation.default_language]
        self.second_language = w.Dropdown(options=languages, description="2. Sprache")
        self.phone_link_button = self._button("QR-Code für Handys zeigen", self._toggle_phone_link)
        self.second_language.observe(self._on_second_language, names="value")
        self.counters = w.HTML()
        self.connection_alert = w.HTML()
        self._connected: list[tuple[float, int]] = []  # (moment, devices connected), the last minutes
        self.queue = w.VBox()
        self.staff_app: BallotApp | None = None
        self.staff_saved = dict.fromkeys(STAFF_BALLOTS, 0)
        self.staff_status = w.HTML()
        self.staff_area = w.VBox()
        self.staff_area.add_class("ft-console-staff-ballot")
        staff_buttons = [self._button(label, lambda channel=channel: self.open_staff_ballot(channel)) for channel, label in STAFF_BALLOTS.items()]
        staff_buttons.append(self._button("Eingabe beenden", self.close_staff_ballot))
        for button in staff_buttons:
            button.layout.width = "auto"  # the whole label, not "Papierstim…"
        self.root = w.VBox([
            w.HTML(f"<h2>{html.escape(self._german(self.consultation.title))}</h2>"),
            self.state_line, w.HBox(self.state_buttons), self.pacing,
            w.HBox([self.question, self.open_button, self.close_button]),
            w.HBox([self.reveal_button, self.hide_button, self.second_language, self.phone_link_button]),
            self.status, self.connection_alert, self.counters, w.HTML("<h3>Moderation</h3>"), self.queue,
            w.HTML("<h3>Papierstimmzettel und assistierte Stimmabgabe</h3>"), w.HBox(staff_buttons), self.staff_status, self.staff_area,
        ])  # fmt: skip
        self.root.add_class("ft-console")
        self._reading = False
        self._queue_key: tuple | None = None
        self.refresh()

    # -- reading the store -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the store and show what it holds (blocking: a click's answer)."""
        self.show(self.read())

    def read(self) -> dict:
        """Everything the console shows, read from the store (may run in a worker thread)."""
        return {
            "info": self.store.session(self.session_id),
            "state": self.store.forum_state(self.session_id),
            "participation": self.store.participation(self.session_id),
            "queue": self.store.moderation_queue(self.session_id),
            "approved": [item for item in self.store.items(self.session_id) if item.status == "approved"],
            "presence": self.store.presence(self.session_id),
        }

    def show(self, read: dict) -> None:
        """Show the session, the forum state, the counters and the queue as `read` found them."""
        info, state, participation = read["info"], read["state"], read["participation"]
        self._reading = True  # our own setting of the controls is no facilitator's choice
        try:
            self.pacing.value = state.pacing
            self.second_language.value = state.second_language or ""
        finally:
            self._reading = False
        self.phone_link_button.description = "QR-Code ausblenden" if state.phone_link_shown else "QR-Code für Handys zeigen"
        open_now = state.open_question or (f"Seite {state.open_page}" if state.open_page else NOTHING)
        revealed = ", ".join(state.revealed) or NOTHING
        self.state_line.value = _text(f"Sitzung {info.id}: {STATE_NAMES.get(info.state, info.state)} · offen für alle: {open_now} · Ergebnisse gezeigt: {revealed}")
        found = read.get("presence")
        lines = []
        if found is not None and found.servers:
            self._connected.append((time.monotonic(), found.connected))
            lines.append(f"Verbundene Geräte: {found.connected} (mit Projektor und Moderation)")
            warning = connection_warning(self._connected, time.monotonic())
            self.connection_alert.value = _text(warning, "ft-console-error") if warning else ""
        lines.append(f"Abgegeben: {participation.submissions}")
        lines.append("Sprachen: " + _pairs(participation.per_language, participation.hidden_languages))
        lines.append("Wege: " + _pairs(participation.per_channel, participation.hidden_channels))
        lines.append("Antworten je Frage: " + ", ".join(f"{question} {count}" for question, count in participation.per_question))
        self.counters.value = "".join(_text(line) for line in lines)
        queue, approved = read["queue"], read["approved"]
        key = ([(item.id, item.title, item.text) for item in queue], [(item.id, item.title, item.text) for item in approved])
        if key != self._queue_key:  # rebuilt only when it changed, so that typing in it is not lost
            for row in self.queue.children:
                row.close()
            self.queue.children = [self._item_row(item, approved) for item in queue] or [w.HTML(_text("Nichts zu moderieren."))]
            self._queue_key = key

    # -- what the facilitator does ---------------------------------------------------------------

    def _open_question(self) -> None:
        self._with_question(self.store.open_question)

    def _with_question(self, action) -> None:
        if not self.question.value:
            raise StoreError("Bitte zuerst eine Frage wählen.")
        action(self.session_id, self.question.value)

    def _on_pacing(self, change) -> None:
        if not self._reading:
            self._act(lambda: self.store.set_pacing(self.session_id, change["new"]))

    def _on_second_language(self, change) -> None:
        if not self._reading:
            self._act(lambda: self.store.set_second_language(self.session_id, change["new"] or None))

    def _toggle_phone_link(self) -> None:
        shown = self.store.forum_state(self.session_id).phone_link_shown
        self.store.show_phone_link(self.session_id, not shown)

    # -- paper and assisted ballots -------------------------------------------------------------

    def open_staff_ballot(self, channel: str) -> BallotApp:
        """An empty ballot in this channel inside the console (the one open before is closed)."""
        self.close_staff_ballot()
        self.staff_app = BallotApp(self.store, BallotSettings(self.session_id, channel=channel), on_saved=self._staff_ballot_saved)
        style = w.HTML(f"<style>{stylesheet()}</style>")  # the ballot's look, also where the page has not got it
        self.staff_area.children = [style, self.staff_app.root]
        self.staff_status.value = _text(f"{STAFF_NAMES[channel]}: ein leerer Stimmzettel ist bereit.")
        return self.staff_app

    def close_staff_ballot(self) -> None:
        if self.staff_app is None:
            return
        for widget in self.staff_area.children:
            close_tree(widget)
        self.staff_area.children = []
        self.staff_app = None
        self.staff_status.value = ""

    def _staff_ballot_saved(self, app: BallotApp) -> None:
        """Stored: count it and start a fresh ballot for the next form."""
        channel = app.settings.channel
        self.staff_saved[channel] += 1
        self.open_staff_ballot(channel)
        self.staff_status.value = _text(f"{STAFF_NAMES[channel]} Nr. {self.staff_saved[channel]} gespeichert. Der nächste Stimmzettel ist bereit.", "ft-console-saved")

    def _item_row(self, item: Item, approved: list[Item]) -> w.Widget:
        """One waiting proposal or statement, its text as text, with its four decisions."""
        shown = w.HTML(_text(f"#{item.id} [{item.question_id}, {item.language}, {item.channel}] {item.title + ': ' if item.title else ''}{item.text}"))
        reason = w.Text(placeholder="Grund (für alle lesbar)")
        merge_into = w.Dropdown(options=[(NOTHING, 0)] + [(f"#{other.id} {(other.title or other.text)[:40]}", other.id) for other in approved if other.question_id == item.question_id and other.id != item.id])
        correction = w.Text(value=item.text, placeholder="Rechtschreibung verbessern")
        buttons = [
            self._button("Freigeben", lambda: self.store.approve(self.session_id, item.id)),
            self._button("Ablehnen", lambda: self.store.reject(self.session_id, item.id, reason.value)),
            self._button("Zusammenführen", lambda: self.store.merge(self.session_id, item.id, merge_into.value)),
            self._button("Korrektur speichern", lambda: self.store.edit(self.session_id, item.id, text=correction.value)),
        ]
        row = w.VBox([shown, w.HBox([buttons[0], reason, buttons[1]]), w.HBox([merge_into, buttons[2]]), w.HBox([correction, buttons[3]])])
        row.add_class("ft-console-item")
        return row

    def _button(self, label: str, action) -> w.Button:
        button = w.Button(description=label)
        button.on_click(lambda _button: self._act(action))
        return button

    def _act(self, action) -> None:
        """Run one facilitator action; say what went wrong in words, never with a traceback."""
        try:
            action()
            self.status.value = ""
        except StoreError as error:
            self.status.value = _text(f"Nicht möglich: {error}", "ft-console-error")
        except Exception:  # noqa: BLE001 - logged for the operator, answered in words
            log.exception("console action failed (session %s)", self.session_id)
            self.status.value = _text("Das hat nicht geklappt; bitte noch einmal versuchen.", "ft-console-error")
        self.refresh()

    # -- staying live ----------------------------------------------------------------------------

    def start(self) -> asyncio.Task:
        return asyncio.get_event_loop().create_task(self.run())

    async def run(self, max_seconds: float = MAX_SECONDS) -> None:
        """Read the store again on every change (ballots, moderation, another console)."""
        try:
            async with self.store.watch(self.session_id, max_seconds=max_seconds) as changes:
                while not changes.ended:
                    await changes.next(timeout=PRESENCE_SECONDS)  # a change, or time to look at the devices again
                    self.show(await asyncio.to_thread(self.read))  # the loop stays free for clicks
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001
            log.exception("console of session %s stopped following the store", self.session_id)

    def _german(self, text) -> str:
        return text.get(self.consultation.default_language).text


def connection_warning(history: list[tuple[float, int]], now: float) -> str:
    """A warning when many devices lost their connection within the last minute: a third or more of
    the most seen in that minute, and at least 3. `history` is trimmed to the last minute in place."""
    history[:] = [(moment, count) for moment, count in history if now - moment <= DROP_WINDOW_S]
    if not history:
        return ""
    most, now_connected = max(count for _, count in history), history[-1][1]
    lost = most - now_connected
    if lost >= 3 and lost * 3 >= most:
        return f"Achtung: {lost} von {most} Geräten haben in der letzten Minute die Verbindung verloren (WLAN prüfen)."
    return ""


def _text(line: str, css_class: str = "") -> str:
    """A line as HTML, escaped: participants' words are shown as text."""
    return f'<div class="{css_class}" dir="auto">{html.escape(line)}</div>'


def _pairs(pairs, hidden: int) -> str:
    shown = ", ".join(f"{name} {count}" for name, count in pairs) or NOTHING
    return shown + (f" (+{hidden} kleine Gruppen zusammen)" if hidden else "")


def show_console(db_url: str | None = None, query: str | None = None):
    """Build the console for the served session if the link carries the secret; else a refusal."""
    from IPython.display import display

    from forum_toolkit.apps.request import page_query

    given = _secret_from(query if query is not None else page_query())
    if not secret_matches(given, os.environ.get(SECRET_HASH_VARIABLE, "")):
        log.warning("console refused: no or wrong facilitator secret")
        refusal = w.HTML(_text(REFUSED))
        display(refusal)
        return refusal
    session_id = os.environ.get(SESSION_VARIABLE, "")
    if not session_id:
        raise StoreError("no session to run: start the forum with `forum-toolkit serve SESSION`")
    app = ConsoleApp(open_store(db_url), session_id)
    display(app.root)
    app.start()
    return app


def _secret_from(query: str) -> str:
    from urllib.parse import parse_qs

    return parse_qs(query or "").get("secret", [""])[-1]
