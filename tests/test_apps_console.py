"""The facilitator's console in a kernel: the secret, and each control doing one thing to the store."""

import random
import uuid
from datetime import date
from pathlib import Path

import ipywidgets as w
import pytest

from forum_toolkit.apps import console
from forum_toolkit.apps.console import ConsoleApp, show_console
from forum_toolkit.serve.facilitator import SECRET_HASH_VARIABLE, secret_hash, secret_matches
from forum_toolkit.consultation import load_consultation
from forum_toolkit.consultation.sample import sample_answers
from forum_toolkit.store import open_store

CONSULTATIONS = Path(__file__).parent / "consultations"
SESSION = "forum-test"
SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def store(sqlite_url):
    store = open_store(sqlite_url)
    path = CONSULTATIONS / "every_kind.yaml"
    store.create_session(load_consultation(path), path.read_text(encoding="utf-8"), SESSION, "Test", date(2026, 11, 25))
    yield store
    store.close()


@pytest.fixture
def app(store):
    return ConsoleApp(store, SESSION)


def tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def tap(root, description, index=0):
    buttons = [x for x in tree(root) if isinstance(x, w.Button) and x.description == description]
    assert buttons, f"no button {description!r}"
    buttons[index].click()


def vote(store, count, **fixed):
    rng = random.Random(0)
    consultation = store.consultation(SESSION)
    for _ in range(count):
        answers = {**sample_answers(consultation, rng, skip_rate=0.0), **fixed}
        store.submit(SESSION, answers, language="de", channel="tablet", submission_id=str(uuid.uuid4()))


@pytest.mark.parametrize(
    ("given", "configured", "ok"),
    [("s3cret", "s3cret", True), ("", "s3cret", False), ("S3cret", "s3cret", False), ("", "", False), ("x", "", False)],
)
def test_only_the_configured_secret_opens_the_console(given, configured, ok):
    assert secret_matches(given, secret_hash(configured) if configured else "") is ok


@pytest.fixture
def kernel_loop():
    """A kernel always has an event loop (earlier tests' asyncio.run may have left none)."""
    import asyncio

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()


def test_a_page_without_the_secret_gets_one_line_of_refusal_and_no_controls(store, monkeypatch, sqlite_url, kernel_loop):
    monkeypatch.setenv(SECRET_HASH_VARIABLE, secret_hash("s3cret"))
    monkeypatch.setenv("FORUM_SESSION", SESSION)
    for query in ("", "secret=wrong", "secret=", f"secret={secret_hash('s3cret')}"):
        shown = show_console(sqlite_url, query=query)
        assert isinstance(shown, w.HTML) and "nur für die Moderation" in shown.value
    assert store.forum_state(SESSION).open_question is None
    opened = show_console(sqlite_url, query="secret=s3cret")
    assert isinstance(opened, ConsoleApp)


def test_the_session_is_opened_paused_and_closed_with_its_buttons(store, app):
    tap(app.root, "Öffnen")
    assert store.session(SESSION).state == "open"
    tap(app.root, "Pausieren")
    assert store.session(SESSION).state == "paused"
    assert "pausiert" in app.state_line.value


def test_a_question_is_opened_for_all_and_its_result_revealed_and_hidden(store, app):
    app.question.value = "topics"
    tap(app.root, "Für alle öffnen")
    tap(app.root, "Ergebnis zeigen")
    state = store.forum_state(SESSION)
    assert state.open_question == "topics" and state.revealed == ("topics",)
    tap(app.root, "Ergebnis verbergen")
    assert store.forum_state(SESSION).revealed == ()


def test_pacing_and_second_language_are_stored_and_read_back(store, app):
    app.pacing.value = "facilitator_led"
    app.second_language.value = "ar"
    state = store.forum_state(SESSION)
    assert (state.pacing, state.second_language) == ("facilitator_led", "ar")


def test_an_action_without_a_question_says_why_and_stores_nothing(store, app):
    tap(app.root, "Für alle öffnen")
    assert "Bitte zuerst eine Frage wählen." in app.status.value
    assert store.forum_state(SESSION).open_question is None


def test_a_refused_state_change_is_explained(store, app):
    tap(app.root, "Schließen")
    tap(app.root, "Öffnen")  # closed is final
    assert "Nicht möglich" in app.status.value
    assert store.session(SESSION).state == "closed"


def test_proposals_are_moderated_and_shown_as_text(store, app):
    store.set_state(SESSION, "open")
    vote(store, 1, idea={"title": SCRIPT, "text": "Mehr Bänke"})
    vote(store, 1, idea={"title": "Bänke", "text": "Mehr Bäncke"})
    app.refresh()
    shown = "".join(x.value for x in tree(app.queue) if isinstance(x, w.HTML))
    assert "&lt;img" in shown and "<img" not in shown
    tap(app.queue, "Freigeben", 0)
    first, second = store.items(SESSION)
    assert first.status == "approved"
    assert len(app.queue.children) == 1
    correction = [x for x in tree(app.queue) if isinstance(x, w.Text) and x.value == "Mehr Bäncke"][0]
    correction.value = "Mehr Bänke"
    tap(app.queue, "Korrektur speichern")
    assert store.item(SESSION, second.id).text == "Mehr Bänke" and store.item(SESSION, second.id).original_text == "Mehr Bäncke"
    merge = [x for x in tree(app.queue) if isinstance(x, w.Dropdown)][0]
    merge.value = first.id
    tap(app.queue, "Zusammenführen")
    assert store.item(SESSION, second.id).merged_into == first.id


def test_rejecting_needs_a_reason(store, app):
    store.set_state(SESSION, "open")
    vote(store, 1, idea={"title": "Spam", "text": "Spam"})
    app.refresh()
    tap(app.queue, "Ablehnen")
    assert "Nicht möglich" in app.status.value
    assert store.items(SESSION)[0].status == "pending"
    reason = [x for x in tree(app.queue) if isinstance(x, w.Text) and x.placeholder.startswith("Grund")][0]
    reason.value = "Werbung"
    tap(app.queue, "Ablehnen")
    item = store.items(SESSION)[0]
    assert (item.status, item.reason) == ("rejected", "Werbung")


def test_counters_show_ballots_per_question(store, app):
    store.set_state(SESSION, "open")
    vote(store, 6)
    app.refresh()
    assert "Abgegeben: 6" in app.counters.value and "de 6" in app.counters.value


# -- paper and assisted ballots ------------------------------------------------------------------


def staff_ballot_screen(app):
    return [x.description for x in tree(app.staff_area) if isinstance(x, w.Button)]


def fill_in_paper_form(app, age="alt"):
    tap(app.staff_area, "Deutsch")
    tap(app.staff_area, age)
    tap(app.staff_area, "Weiter")
    if age == "jung":  # the page for young people
        tap(app.staff_area, "Weiter")
    tap(app.staff_area, "Weiter")
    tap(app.staff_area, "Absenden")


@pytest.mark.parametrize("channel, label", [("paper", "Papierstimmzettel eingeben"), ("assisted", "Assistierte Stimmabgabe")])
def test_staff_type_ballots_in_the_console_counted_with_their_channel(store, app, channel, label):
    store.set_state(SESSION, "open")
    store.set_pacing(SESSION, "facilitator_led")  # the room follows the facilitator; the form does not
    tap(app.root, label)
    first = app.staff_app
    assert first.settings.channel == channel and "English" in staff_ballot_screen(app)
    fill_in_paper_form(app)
    fill_in_paper_form(app, age="jung")  # the second form, on the fresh ballot
    stored = store.submissions(SESSION)
    assert [(s.channel, s.answers.get("age")) for s in stored] == [(channel, "old"), (channel, "young")]
    assert app.staff_app is not first and first.root.comm is None  # the filled-in ballot is closed
    assert "Nr. 2 gespeichert" in app.staff_status.value and "Deutsch" in staff_ballot_screen(app)
    assert store.participation(SESSION, threshold=1).per_channel == ((channel, 2),)


def test_a_paper_ballot_is_checked_like_any_other(store, app):
    store.set_state(SESSION, "open")
    ballot = app.open_staff_ballot("paper")
    tap(app.staff_area, "Deutsch")
    tap(app.staff_area, "Weiter")  # the age is required: no move
    assert store.submissions(SESSION) == [] and ballot.flow.page.id == "about"
    assert any("ft-has-problems" in x._dom_classes for x in tree(app.staff_area) if hasattr(x, "_dom_classes"))


def test_closing_the_staff_ballot_closes_its_widgets(store, app):
    ballot = app.open_staff_ballot("assisted")
    tap(app.root, "Eingabe beenden")
    assert app.staff_app is None and app.staff_area.children == () and ballot.root.comm is None


def test_the_qr_code_for_phones_is_shown_and_taken_away_on_the_projector(store, app):
    tap(app.root, "QR-Code für Handys zeigen")
    assert store.forum_state(SESSION).phone_link_shown is True
    tap(app.root, "QR-Code ausblenden")
    assert store.forum_state(SESSION).phone_link_shown is False


def test_connected_devices_are_counted_and_a_sudden_loss_is_warned(store, app):
    store.report_presence(SESSION, "cafe:8866:1", connected=30, started=40)
    app.refresh()
    assert "Verbundene Geräte: 30" in app.counters.value and app.connection_alert.value == ""
    store.report_presence(SESSION, "cafe:8866:1", connected=12, started=40)
    app.refresh()
    assert "Verbundene Geräte: 12" in app.counters.value
    assert "18 von 30 Geräten haben in der letzten Minute die Verbindung verloren" in app.connection_alert.value


@pytest.mark.parametrize(
    ("counts", "warned"),
    [([10, 9], False), ([10, 7], False), ([10, 6], True), ([4, 1], True), ([3, 1], False), ([30, 25, 21], False), ([30, 25, 20], True)],
)
def test_a_warning_needs_at_least_three_and_a_third_lost(counts, warned):
    history = [(float(moment), count) for moment, count in enumerate(counts)]
    assert bool(console.connection_warning(history, float(len(counts)))) is warned


def test_what_is_older_than_a_minute_is_forgotten():
    history = [(0.0, 40), (100.0, 10)]
    assert console.connection_warning(history, 100.0) == "" and history == [(100.0, 10)]
