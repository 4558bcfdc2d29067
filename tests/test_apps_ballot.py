"""The ballot app in a kernel, driven the way a tablet's taps reach it (no browser here; the browser
scenarios are in tests/test_browser_*.py)."""

import re
from pathlib import Path

import ipywidgets as w
import pytest

from forum_toolkit.apps.ballot import BallotApp, BallotSettings
from forum_toolkit.apps.guard import guarded
from forum_toolkit.consultation import load_consultation
from forum_toolkit.i18n import wording_for
from forum_toolkit.store import open_store

CONSULTATIONS = Path(__file__).parent / "consultations"


def tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def texts(app):
    return [getattr(x, "value", None) or getattr(x, "description", None) for x in tree(app.root)]


def shows(app, text):
    return any(text in t for t in texts(app) if isinstance(t, str))


def tap(app, description):
    buttons = [x for x in tree(app.root) if isinstance(x, w.Button) and x.description == description]
    assert buttons, f"no button {description!r} on the screen; texts: {texts(app)}"
    buttons[0].click()


@pytest.fixture
def store(sqlite_url):
    store = open_store(sqlite_url)
    yield store
    store.close()


def session_of(store, name, session_id):
    path = CONSULTATIONS / name
    store.create_session(load_consultation(path), path.read_text(encoding="utf-8"), session_id, "Test", __import__("datetime").date(2026, 11, 25))
    store.set_state(session_id, "open")
    return session_id


@pytest.fixture
def forum(store):
    return session_of(store, "every_kind.yaml", "forum-test")


@pytest.fixture
def council(store):
    return session_of(store, "every_kind_coded.yaml", "council-test")


def complete_as_old_person(app):
    app.answer_changed("age", "old")
    tap(app, app.wording.ui("Next"))
    tap(app, app.wording.ui("Next"))


def test_the_start_screen_names_every_language_in_itself(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    assert {"Deutsch", "English", "العربية"} <= set(texts(app))


def test_choosing_arabic_lays_the_ballot_out_right_to_left_in_arabic(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "العربية")
    assert "ft-rtl" in app.root._dom_classes
    assert wording_for("ar").ui("Next") in texts(app)
    assert shows(app, "العمر")  # the question text from the file


def test_a_participant_completes_the_ballot_and_is_told_saved_only_after_the_commit(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    tap(app, app.wording.ui("Next"))
    assert store.submissions(forum) == []  # a required question is unanswered: no move
    complete_as_old_person(app)
    assert shows(app, app.wording.ui("Review your answers"))
    assert not shows(app, app.wording.ui("Saved. Thank you!"))
    tap(app, app.wording.ui("Submit"))
    [stored] = store.submissions(forum)
    assert (stored.answers, stored.language, stored.channel) == ({"age": "old"}, "de", "phone")
    assert shows(app, app.wording.ui("Saved. Thank you!"))


def test_a_replayed_submit_is_refused_stored_once_and_audited(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    complete_as_old_person(app)
    submit = next(x for x in tree(app.root) if isinstance(x, w.Button) and x.description == app.wording.ui("Submit"))
    submit.click()
    submit.click()  # the old button's comm, replayed
    app.submit()
    assert len(store.submissions(forum)) == 1
    refused = [e.detail["reason"] for e in store.audit(forum) if e.event == "tap_refused"]
    assert refused == ["repeated_submit", "repeated_submit"]


def test_a_kiosk_tablet_starts_again_with_nothing_of_the_previous_person(store, forum):
    app = BallotApp(store, BallotSettings(forum, kiosk=True, reset_seconds=0))
    tap(app, "English")
    app.answer_changed("age", "old")
    app.answer_changed("topics", ["school"])
    tap(app, app.wording.ui("Next"))
    tap(app, app.wording.ui("Next"))
    tap(app, app.wording.ui("Submit"))
    assert store.submissions(forum)[0].channel == "tablet"
    assert "English" in texts(app) and "Deutsch" in texts(app)  # the start screen again
    assert app.flow.answers == {}
    assert not shows(app, "School")


def test_a_forged_out_of_range_answer_is_refused_and_nothing_is_stored(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    app.answer_changed("age", "ancient")  # what a forged widget message amounts to
    tap(app, app.wording.ui("Next"))
    assert app.flow.page.id == "about"
    app.flow.stage = app.flow.stage.REVIEW  # even a forged jump to the review cannot store it
    app.submit()
    assert store.submissions(forum) == []
    assert [e.detail["reason"] for e in store.audit(forum) if e.event == "submission_refused"] == ["invalid_answers"]


def test_the_code_screen_refuses_an_unknown_code_and_accepts_a_good_one(store, council):
    [code] = store.create_codes(council, 1)
    app = BallotApp(store, BallotSettings(council))
    tap(app, "Deutsch")
    app.check_code("ZZZZ-ZZZZ")
    assert app.message and app.flow.stage.value == "code"
    app.check_code(code.lower().replace("-", " "))
    assert app.flow.stage.value == "page"


def test_a_used_code_is_refused_with_a_clear_reason(store, council):
    [code] = store.create_codes(council, 1)
    first = BallotApp(store, BallotSettings(council, code=code))
    tap(first, "Deutsch")
    tap(first, first.wording.ui("Check code"))
    complete_as_old_person(first)
    tap(first, first.wording.ui("Submit"))
    second = BallotApp(store, BallotSettings(council, code=code))
    tap(second, "Deutsch")
    tap(second, second.wording.ui("Check code"))
    assert second.message == __import__("forum_toolkit.i18n", fromlist=["refusal_text"]).refusal_text("code_used", second.wording)
    assert len(store.submissions(council)) == 1


def test_a_failing_callback_shows_a_short_message_and_logs_the_traceback(store, forum, capfd, monkeypatch):
    app = BallotApp(store, BallotSettings(forum))
    monkeypatch.setattr(app.flow, "start", lambda: 1 / 0)
    tap(app, "Deutsch")
    assert shows(app, app.wording.ui("Something went wrong. Please try again or ask the staff."))
    assert "ZeroDivisionError" in capfd.readouterr().err


def test_settings_come_from_the_environment_and_the_query_string():
    settings = BallotSettings.from_request({"FORUM_SESSION": "forum-x"}, "kiosk=1&code=ABCD-EFGH&lang=ar")
    assert settings == BallotSettings("forum-x", kiosk=True, code="ABCD-EFGH", language="ar")


def test_participant_text_in_the_review_is_shown_as_text(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    app.answer_changed("age", "old")
    tap(app, app.wording.ui("Next"))
    app.answer_changed("idea", {"title": "<img src=x onerror=alert(1)> costs $5 and $10", "text": ""})
    tap(app, app.wording.ui("Next"))
    values = [x.value for x in tree(app.root) if isinstance(x, w.HTML)]
    assert any("&lt;img src=x onerror=alert(1)&gt; costs $5 and $10" in v for v in values)
    assert not any("<img" in v for v in values)
    assert not any(isinstance(x, (w.Label, w.HTMLMath)) for x in tree(app.root))  # Voilà typesets those


def test_the_kiosk_countdown_is_the_servers_setting_not_the_links():
    environ = {"FORUM_SESSION": "forum-x", "FORUM_RESET_SECONDS": "15"}
    assert BallotSettings.from_request(environ, "kiosk=1&reset=1&reset_seconds=1").reset_seconds == 15
    assert BallotSettings.from_request({"FORUM_SESSION": "forum-x"}, "kiosk=1").reset_seconds == 8


@pytest.mark.parametrize("value", ["0", "601", "-3", "2.5", "soon"])
def test_an_impossible_countdown_in_the_environment_is_named(value):
    from forum_toolkit.serve.config import ServeConfigError

    with pytest.raises(ServeConfigError, match=rf"FORUM_RESET_SECONDS='{re.escape(value)}': expected whole seconds from 1 to 600"):
        BallotSettings.from_request({"FORUM_SESSION": "forum-x", "FORUM_RESET_SECONDS": value}, "kiosk=1")


def test_the_kiosk_counts_down_the_configured_seconds_then_starts_again(store, forum, monkeypatch):
    scheduled = []

    class Loop:
        """The kernel's event loop, run by hand: each call_later is one second that passes."""

        def call_later(self, delay, callback, *args):
            scheduled.append((delay, callback, args))

    monkeypatch.setattr("asyncio.get_event_loop", lambda: Loop())
    app = BallotApp(store, BallotSettings(forum, kiosk=True, reset_seconds=3))
    tap(app, "English")
    complete_as_old_person(app)
    tap(app, app.wording.ui("Submit"))
    shown = []
    while scheduled:
        shown.append(app._countdown.value if app._countdown is not None else None)
        delay, callback, args = scheduled.pop(0)
        assert delay == 1
        callback(*args)
    assert [("3 seconds" in text, "2 seconds" in text, "1 second." in text) for text in shown] == [
        (True, False, False), (False, True, False), (False, False, True)]  # fmt: skip
    assert "English" in texts(app) and app.flow.answers == {}  # the start screen for the next person


# -- the page's language, for <html lang dir> ------------------------------------------------------


def language_marks(app):
    return sorted(c for c in app.root._dom_classes if c == "ft-rtl" or c.startswith(("ft-lang-", "ft-dir-")))


def test_the_root_says_the_chosen_language_and_direction_for_the_page(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    assert language_marks(app) == ["ft-dir-ltr", "ft-lang-de", "ft-lang-unchosen"]  # the start screen, in German
    tap(app, "العربية")
    assert language_marks(app) == ["ft-dir-rtl", "ft-lang-ar", "ft-rtl"]
    tap(app, "English")  # from the language bar, later
    assert language_marks(app) == ["ft-dir-ltr", "ft-lang-en"]


def test_a_language_from_the_link_counts_as_chosen_on_the_start_screen(store, forum):
    app = BallotApp(store, BallotSettings(forum, language="ar"))
    assert language_marks(app) == ["ft-dir-rtl", "ft-lang-ar", "ft-rtl"]


# -- conditions change the list of questions, nothing else ----------------------------------------


def buttons_named(app, description):
    return [x for x in tree(app.root) if isinstance(x, w.Button) and x.description == description]


def view_of(app, question_id):
    return next(view for view in app._views if view.question.id == question_id)


def tap_point(view, row_label, point_label):
    row = next(x for x in tree(view.widget) if "ft-matrix-row" in getattr(x, "_dom_classes", ()) and shows_in(x, row_label))
    next(x for x in tree(row) if isinstance(x, w.Button) and x.description == point_label).click()


def shows_in(widget, text):
    return any(text in (getattr(x, "value", "") or "") for x in tree(widget) if isinstance(getattr(x, "value", None), str))


def test_an_answer_that_shows_a_page_changes_the_count_and_keeps_every_widget(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    [back], [next_button] = buttons_named(app, "Zurück"), buttons_named(app, "Weiter")
    progress, age = app._page.progress, view_of(app, "age").widget
    assert progress.value.count("Seite 1 von 2")
    next(x for x in tree(age) if isinstance(x, w.Button) and x.description == "jung").click()  # young: a page joins
    assert "Seite 1 von 3" in progress.value
    assert (app._page.progress, view_of(app, "age").widget) == (progress, age)
    assert buttons_named(app, "Zurück") == [back] and buttons_named(app, "Weiter") == [next_button]
    next_button.click()
    assert app.flow.page.id == "young_people"


def test_a_question_shown_by_a_condition_joins_the_list_and_the_rest_stays(store, forum):
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "Deutsch")
    app.answer_changed("age", "young")
    tap(app, "Weiter")
    assert [view.question.id for view in app._views] == ["mood", "town"]
    screen, [next_button] = app._page.widget, buttons_named(app, "Weiter")
    mood, town = view_of(app, "mood"), view_of(app, "town")

    tap_point(town, "Sicherheit", "nein")  # safety: no — "Why?" appears under it
    assert [view.question.id for view in app._views] == ["mood", "town", "why_unsafe"]
    assert (view_of(app, "mood"), view_of(app, "town"), app._page.widget) == (mood, town, screen)
    assert app._page.questions.children == (mood.widget, town.widget, view_of(app, "why_unsafe").widget)
    assert buttons_named(app, "Weiter") == [next_button] and next_button.comm is not None
    why = view_of(app, "why_unsafe")

    tap_point(town, "Sicherheit", "ja")  # changed her mind: "Why?" goes, and is closed
    assert [view.question.id for view in app._views] == ["mood", "town"]
    assert why.widget.comm is None  # a closed widget: its comm cannot be replayed
    assert (view_of(app, "mood"), view_of(app, "town")) == (mood, town) and next_button.comm is not None
    next_button.click()  # the Next tapped while the list changed: it still counts
    assert app.flow.page.id == "choices"
    assert app.flow.answers["town"] == {"safety": 2}


def test_the_participant_stays_on_her_page_when_an_answer_shows_a_page_before_it(store):
    from forum_toolkit.apps.flow import BallotFlow
    from forum_toolkit.consultation.load import load_consultation_text

    consultation = load_consultation_text(BACKWARD_CONDITION, source="backward.yaml")
    flow = BallotFlow(consultation)
    flow.start()
    flow.next()
    assert (flow.page.id, flow.page_number) == ("last", 1)
    flow.set_answer("returning", "yes")  # shows the page "earlier", before this one
    assert (flow.page.id, flow.page_number) == ("last", 2)
    assert [page.id for page in flow.pages_shown()] == ["first", "earlier", "last"]


BACKWARD_CONDITION = """\
id: backward
title: {de: Rückwärts, en: Backward}
languages: [de, en]
access: open
pages:
  - id: first
    questions:
      - {id: hello, kind: info, text: {de: Hallo, en: Hello}}
  - id: earlier
    show_if: "returning == 'yes'"
    questions:
      - {id: last_time, kind: short_text, text: {de: Wann?, en: When?}}
  - id: last
    questions:
      - id: returning
        kind: single_choice
        text: {de: Schon einmal hier?, en: Been here before?}
        options:
          - {id: "yes", label: {de: ja, en: "yes"}}
          - {id: "no", label: {de: nein, en: "no"}}
"""


# -- following the facilitator ------------------------------------------------------------------------

SCRIPT = "<img src=x onerror=alert(1)>"


def question_ids(app):
    return [view.question.id for view in app._views]


def led(store, forum, question=None):
    store.set_pacing(forum, "facilitator_led")
    if question is not None:
        store.open_question(forum, question)


def follow(app):
    """What the app's task does on a change: read the store, then show it."""
    app.apply(app.read_live())


def test_a_facilitator_led_ballot_waits_until_a_question_is_opened(store, forum):
    led(store, forum)
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    assert shows(app, "Please wait: the next question comes soon.")
    store.open_question(forum, "topics")
    follow(app)
    assert question_ids(app) == ["topics"] and not shows(app, "Page 1 of 2")
    assert [b.description for b in tree(app.root) if isinstance(b, w.Button) and "ft-nav" not in b._dom_classes][-2:] == ["Review and submit", "Done"]


def test_the_waiting_screen_speaks_her_language(store, forum):
    led(store, forum)
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "العربية")
    assert shows(app, wording_for("ar").ui("Please wait: the next question comes soon.")) and "ft-rtl" in app.root._dom_classes


def test_another_opened_question_replaces_the_screen_and_keeps_her_answers(store, forum):
    led(store, forum, "age")
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    tap(app, "young")
    store.open_question(forum, "topics")
    follow(app)
    assert question_ids(app) == ["topics"]
    store.open_page(forum, "about")
    follow(app)
    assert question_ids(app) == ["welcome", "age", "topics"] and app.flow.answers == {"age": "young"}
    chosen = [x.description for x in tree(view_of(app, "age").widget) if isinstance(x, w.Button) and "ft-chosen" in x._dom_classes]
    assert chosen == ["young"]


def test_done_then_waiting_then_one_ballot_with_every_answer(store, forum):
    led(store, forum, "age")
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    tap(app, "old")
    tap(app, "Done")
    assert shows(app, "Please wait: the next question comes soon.") and shows(app, "Change my answer")
    store.open_question(forum, "ok")
    follow(app)
    tap(app, "A")
    tap(app, "Review and submit")
    assert shows(app, "Review your answers")
    tap(app, "Submit")
    [stored] = store.submissions(forum)
    assert stored.answers == {"age": "old", "ok": ["a"]}
    store.open_question(forum, "topics")
    follow(app)
    assert shows(app, "Saved. Thank you!")  # after saving, nothing moves


def test_a_required_question_never_opened_is_asked_before_the_ballot_goes(store, forum):
    led(store, forum, "ok")
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    tap(app, "A")
    tap(app, "Review and submit")
    tap(app, "Submit")
    assert store.submissions(forum) == []
    assert "age" in question_ids(app) and shows(app, "Please check the marked questions.")
    app.answer_changed("age", "old")
    tap(app, "Done")
    tap(app, "Submit")
    assert store.submissions(forum)[0].answers == {"age": "old", "ok": ["a"]}


def test_a_forged_answer_to_a_question_not_opened_is_refused_and_audited(store, forum):
    led(store, forum, "ok")
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    guarded(app.answer_changed, app)("age", "old")  # as the view's on_change is wrapped
    assert "age" not in app.flow.answers
    assert [e.detail["reason"] for e in store.audit(forum) if e.event == "tap_refused"] == ["out_of_order"]


def test_self_paced_again_when_the_facilitator_lets_the_room_go(store, forum):
    led(store, forum)
    app = BallotApp(store, BallotSettings(forum))
    tap(app, "English")
    store.set_pacing(forum, "self_paced")
    follow(app)
    assert shows(app, "Page 1 of 2") and buttons_named(app, "Back") and buttons_named(app, "Next")


@pytest.fixture
def fresh_loop():
    """asyncio.run leaves no event loop behind: give the tests after it one, as a kernel has."""
    import asyncio

    yield
    asyncio.set_event_loop(asyncio.new_event_loop())


@pytest.mark.parametrize("backend", ["sqlite_url", "pg_url"])
def test_the_ballots_task_switches_within_a_second_when_another_process_opens_a_question(request, backend, fresh_loop):
    """The watcher task on the kernel's loop, and the facilitator's console as another store."""
    import asyncio
    import threading
    import time

    url = request.getfixturevalue(backend)
    store = open_store(url)
    request.addfinalizer(store.close)
    forum = session_of(store, "every_kind.yaml", "forum-test")
    led(store, forum, "age")
    apps = [BallotApp(store, BallotSettings(forum, kiosk=True)) for _ in range(3)]
    for app in apps:
        tap(app, "English")
    facilitator = open_store(url)
    delays = []

    async def evening():
        for app in apps:
            app.start()
        await asyncio.sleep(0.5)  # the watchers are set
        for question in ("topics", "ok", "age", "household"):
            ticks = 0

            def tick():  # the loop stays free: it keeps running while the ballots wait
                nonlocal ticks
                ticks += 1

            started = time.monotonic()
            threading.Thread(target=facilitator.open_question, args=(forum, question)).start()
            while not all(question_ids(app) == [question] for app in apps):
                assert time.monotonic() - started < 3, f"the tablets did not switch to {question}"
                tick()
                await asyncio.sleep(0.01)
            delays.append(time.monotonic() - started)
            assert ticks >= 1
        for app in apps:
            app.stop()
        await asyncio.gather(*(app.task for app in apps), return_exceptions=True)

    asyncio.run(evening())
    facilitator.close()
    assert max(delays) < 1.0, delays
    print(f"{backend}: switch delays (s): {[round(d, 3) for d in delays]}")


def test_the_task_ends_after_its_maximum(store, forum, fresh_loop):
    import asyncio
    import time

    app = BallotApp(store, BallotSettings(forum), max_seconds=0.3)

    async def run():
        started = time.monotonic()
        await app.start()
        return time.monotonic() - started

    assert asyncio.run(run()) < 3


# -- statements written by participants ---------------------------------------------------------------


def statements_view(app):
    return view_of(app, "statements")


def on_the_statements_page(store, forum, **settings):
    led(store, forum, "statements")
    app = BallotApp(store, BallotSettings(forum, **settings))
    tap(app, "English")
    return app


def add_approved(store, forum, text):
    item = store.add_statement(forum, "statements", text, language="de", channel="phone", client_id=str(__import__("uuid").uuid4()))
    store.approve(forum, item.id)
    return item.id


def test_approved_statements_join_the_files_as_text_and_pending_ones_do_not(store, forum):
    app = on_the_statements_page(store, forum)
    view = statements_view(app)
    store.add_statement(forum, "statements", "Still waiting", language="de", channel="phone", client_id=str(__import__("uuid").uuid4()))
    item_id = add_approved(store, forum, SCRIPT)
    follow(app)
    assert statements_view(app) is view  # the same question, one more card: a tap on it is not lost
    assert list(view.item_cards) == [item_id]
    values = [x.value for x in tree(app.root) if isinstance(x, w.HTML)]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in v for v in values) and not any("<img" in v for v in values)
    assert not shows(app, "Still waiting") and shows(app, "Statements from participants")


def item_stance(store, forum):
    [stance] = [s for s in store.results(forum, "statements").stances if s.item is not None]
    return stance


def test_reactions_to_participants_statements_go_with_the_ballot_once(store, forum):
    item_id = add_approved(store, forum, "More benches")
    app = on_the_statements_page(store, forum)
    view = statements_view(app)
    view.item_buttons[item_id]["agree"].click()
    assert item_stance(store, forum).agree == 0  # not before her ballot
    store.open_question(forum, "age")
    follow(app)
    tap(app, "old")
    tap(app, "Review and submit")
    tap(app, "Submit")
    assert (item_stance(store, forum).agree, item_stance(store, forum).disagree) == (1, 0)
    app._send_reactions()  # a retry: stored once
    assert item_stance(store, forum).agree == 1


def test_a_statement_taken_back_in_moderation_leaves_the_screen(store, forum):
    item_id = add_approved(store, forum, "Too late")
    app = on_the_statements_page(store, forum)
    card = statements_view(app).item_cards[item_id]
    store.reject(forum, item_id, "Doppelt")
    follow(app)
    assert statements_view(app).item_cards == {} and card.comm is None


def test_her_own_statement_waits_for_moderation(store, forum):
    app = on_the_statements_page(store, forum, kiosk=True)
    view = statements_view(app)
    view.own_field.value = SCRIPT
    tap(app, "Send statement")
    tap(app, "Send statement")  # a double tap: the field is empty now
    [item] = store.items(forum)
    assert (item.text, item.status, item.channel, item.language) == (SCRIPT, "pending", "tablet", "en")
    assert shows(app, "Please write your statement first.")
    app.add_statement("statements", SCRIPT)  # a retry with the same text: the same item
    assert len(store.items(forum)) == 1


def test_she_reads_what_moderation_made_of_her_statement_and_the_next_person_does_not(store, forum):
    app = on_the_statements_page(store, forum, kiosk=True, reset_seconds=1)
    statements_view(app).own_field.value = "Mehr Bänke"
    tap(app, "Send statement")
    assert shows(app, "Waiting for moderation.")
    [item] = store.items(forum)
    store.reject(forum, item.id, "<b>Gibt es schon</b>")
    follow(app)
    assert shows(app, "Not shown. The reason: <b>Gibt es schon</b>") is False  # escaped in the page
    assert shows(app, "Not shown. The reason: &lt;b&gt;Gibt es schon&lt;/b&gt;")
    store.approve(forum, item.id)
    follow(app)
    assert shows(app, "Shown to everyone. Others can react to it now.")
    app.new_participant()  # the kiosk's next person
    tap(app, "English")
    assert list(statements_view(app).item_cards) == [item.id]  # approved: shown to all, as nobody's in particular
    assert statements_view(app).own_list.children == ()  # but not as hers
    follow(app)
    assert statements_view(app).own_list.children == ()


@pytest.mark.parametrize(("typed", "message"), [("   ", "Please write your statement first."), ("x" * 301, "Please shorten your statement.")])
def test_a_blank_or_too_long_statement_is_explained_and_not_sent(store, forum, typed, message):
    app = on_the_statements_page(store, forum)
    statements_view(app).own_field.value = typed
    tap(app, "Send statement")
    assert shows(app, message) and store.items(forum) == []


# -- paper and assisted ballots ---------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["paper", "assisted"])
def test_staff_ballots_keep_their_own_pace_and_are_counted_with_their_channel(store, forum, channel):
    led(store, forum, "ok")
    saved = []
    app = BallotApp(store, BallotSettings(forum, channel=channel), on_saved=saved.append)
    tap(app, "Deutsch")
    assert shows(app, "Seite 1 von 2")  # the whole form, whatever the room does
    complete_as_old_person(app)
    tap(app, "Absenden")
    [stored] = store.submissions(forum)
    assert stored.channel == channel and saved == [app]
    assert store.participation(forum, threshold=1).per_channel == ((channel, 1),)


def test_a_paper_form_shows_no_participants_statements(store, forum):
    add_approved(store, forum, "More benches")
    app = BallotApp(store, BallotSettings(forum, channel="paper"))
    assert app.live.items == {}


def test_a_forged_paper_ballot_is_refused_like_any_other(store, forum):
    app = BallotApp(store, BallotSettings(forum, channel="paper"))
    tap(app, "Deutsch")
    app.answer_changed("age", "ancient")
    app.flow.stage = app.flow.stage.REVIEW
    app.submit()
    assert store.submissions(forum) == []


def test_the_channel_never_comes_from_the_link():
    assert BallotSettings.from_request({"FORUM_SESSION": "forum-x"}, "channel=paper&kiosk=1").channel == ""


def test_an_unknown_channel_is_named():
    with pytest.raises(ValueError, match="channel 'fax': expected 'paper' or 'assisted'"):
        BallotSettings("forum-x", channel="fax")
