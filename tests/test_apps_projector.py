"""The projector in a kernel: what it shows for the forum's state, and that it stays live.

No browser here (see tests/test_browser_forum.py); the store is a real SQLite file.
"""

import asyncio
import random
import uuid
from datetime import date
from pathlib import Path

import pytest

from forum_toolkit.apps import slides
from forum_toolkit.apps.projector import ProjectorApp, draw
from forum_toolkit.consultation import load_consultation
from forum_toolkit.consultation.sample import sample_answers
from forum_toolkit.store import open_store

CONSULTATIONS = Path(__file__).parent / "consultations"
SESSION = "forum-test"


@pytest.fixture
def store(sqlite_url):
    store = open_store(sqlite_url)
    path = CONSULTATIONS / "every_kind.yaml"
    store.create_session(load_consultation(path), path.read_text(encoding="utf-8"), SESSION, "Test", date(2026, 11, 25))
    store.set_state(SESSION, "open")
    yield store
    store.close()


def vote(store, count, seed=0, **fixed):
    rng = random.Random(seed)
    consultation = store.consultation(SESSION)
    for _ in range(count):
        answers = {**sample_answers(consultation, rng, skip_rate=0.0), **fixed}
        store.submit(SESSION, answers, language="de", channel="tablet", submission_id=str(uuid.uuid4()))


@pytest.fixture
def projector(store):
    return ProjectorApp(store, SESSION, max_seconds=30, rotate_seconds=0.5)


def shown(app):
    return app.heading.value + app.participants.value + app.waiting.value


def test_before_anything_is_open_the_projector_greets_with_the_title_and_the_count(store, projector):
    vote(store, 3)
    asyncio.run(projector.update())
    assert "Jede Art" in projector.heading.value
    assert "3" in projector.participants.value
    assert projector.slide.chart is None and projector.chart.layout.display == "none"


def test_an_open_question_shows_in_german_and_the_second_language_but_not_its_hidden_result(store, projector):
    vote(store, 6)
    store.open_question(SESSION, "topics")
    store.set_second_language(SESSION, "ar")
    asyncio.run(projector.update())
    assert 'lang="de" dir="ltr">Themen<' in projector.heading.value
    assert 'lang="ar" dir="rtl">مواضيع<' in projector.heading.value
    assert projector.slide.chart is None
    assert projector.waiting.value  # "results will be shown when the facilitator reveals them"
    assert bytes(projector.chart.value) == b""


def test_a_revealed_choice_is_drawn_with_every_option_counted(store, projector):
    vote(store, 5, topics=["bus", "park"])
    vote(store, 2, seed=1, topics=["school"])
    store.open_question(SESSION, "topics")
    store.reveal(SESSION, "topics")
    asyncio.run(projector.update())
    chart = projector.slide.chart
    assert chart.kind == slides.BARS
    assert chart.labels == ("Bus", "Park", "Schule") and chart.values == (5, 5, 2)
    assert bytes(projector.chart.value).startswith(b"\x89PNG")


def test_hiding_a_result_again_takes_it_off_the_screen(store, projector):
    vote(store, 5)
    store.open_question(SESSION, "age")
    store.reveal(SESSION, "age")
    asyncio.run(projector.update())
    assert projector.slide.chart is not None
    store.hide(SESSION, "age")
    asyncio.run(projector.update())
    assert projector.slide.chart is None and projector.chart.layout.display == "none"


def test_a_ranking_shows_its_order_and_names_the_counting_method(store, projector):
    vote(store, 4, order=["b", "a"])
    vote(store, 3, seed=2, order=["a", "c"])
    store.open_question(SESSION, "order")
    store.reveal(SESSION, "order")
    asyncio.run(projector.update())
    chart = projector.slide.chart
    assert chart.kind == slides.RANKING
    assert chart.labels[0] == "B"
    assert "Schulze" in chart.method and "7" in chart.method


def test_statements_show_agree_disagree_and_pass(store, projector):
    vote(store, 5, statements={"s1": "agree", "s2": "disagree"})
    store.open_question(SESSION, "statements")
    store.reveal(SESSION, "statements")
    asyncio.run(projector.update())
    chart = projector.slide.chart
    assert chart.kind == slides.STANCES
    assert chart.values[:2] == ((5, 0, 0), (0, 5, 0))


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "$x$"])
def test_participant_text_reaches_the_projector_as_text(store, projector, payload):
    idea = {"title": payload, "text": payload}
    vote(store, 1, idea=idea)
    store.collect_contributions(SESSION)
    item = store.moderation_queue(SESSION)[0]
    store.approve(SESSION, item.id)
    store.open_question(SESSION, "idea")
    store.reveal(SESSION, "idea")
    asyncio.run(projector.update())
    assert payload in projector.slide.chart.labels
    assert "<img" not in shown(projector) and "<script" not in shown(projector)
    draw(projector.slide.chart)  # drawn as text: an unbalanced $ would fail


def test_rotating_languages_go_round_the_room(store):
    consultation = store.consultation(SESSION)
    store.set_second_language(SESSION, "rotate")
    state = store.forum_state(SESSION)
    seen = {slides.languages_on_screen(consultation, state, turn)[1] for turn in range(4)}
    assert seen == {"en", "ar"}


def test_the_live_task_redraws_within_a_second_of_a_vote_and_ends_after_its_maximum(store, sqlite_url):
    async def scenario():
        app = ProjectorApp(store, SESSION, max_seconds=4, rotate_seconds=30)
        store.open_question(SESSION, "age")
        store.reveal(SESSION, "age")
        task = app.start()
        await asyncio.sleep(0.8)
        before = app.slide.respondents
        other = open_store(sqlite_url)  # another process's store: a tablet's kernel
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.to_thread(other.submit, SESSION, {**sample_answers(other.consultation(SESSION), random.Random(5), skip_rate=0.0)}, language="de", channel="phone", submission_id=str(uuid.uuid4()))
        while app.slide.respondents == before and loop.time() - started < 3:
            await asyncio.sleep(0.02)
        latency = loop.time() - started
        other.close()
        await asyncio.wait_for(task, timeout=6)  # ends on its own after max_seconds
        return before, app.slide.respondents, latency

    before, after, latency = asyncio.run(scenario())
    assert after == before + 1
    assert latency < 1.0


def test_the_phones_address_and_its_qr_code_show_when_the_facilitator_asks(store):
    app = ProjectorApp(store, SESSION, phone_url="http://192.168.1.20:8866/voila/render/ballot.ipynb")
    store.set_second_language(SESSION, "ar")
    asyncio.run(app.update())
    assert app.slide.phone_link is None and app.phone_code.layout.display == "none"
    store.show_phone_link(SESSION, True)
    asyncio.run(app.update())
    assert "http://192.168.1.20:8866/voila/render/ballot.ipynb" in app.phone_link.value
    assert bytes(app.phone_code.value).startswith(b"\x89PNG") and app.phone_code.layout.display is None
    store.show_phone_link(SESSION, False)
    asyncio.run(app.update())
    assert app.phone_link.value == "" and app.phone_code.layout.display == "none"
