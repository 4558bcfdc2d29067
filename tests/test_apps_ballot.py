"""The ballot app in a kernel, driven the way a tablet's taps reach it (no browser here; the browser
scenarios are in tests/test_browser_*.py)."""

import re
from pathlib import Path

import ipywidgets as w
import pytest

from forum_toolkit.apps.ballot import BallotApp, BallotSettings
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
