"""The public page of what became of the agenda items, in the kernel (no browser): the language
first, the items in the agenda's order with their latest status and dated notes, right to left in
Arabic, every text escaped, and nothing that is not public (tests/test_browser_council.py runs it in
Chromium behind `forum-toolkit serve`)."""

from __future__ import annotations

import html
import re
from datetime import date

import ipywidgets as w
import pytest

from agenda_support import ROUND, SCRIPT, SESSION, collect, vote
from forum_toolkit.agenda import RoundPlan, build_agenda, profile_of
from forum_toolkit.apps.agenda_status import AgendaStatusApp, StatusSettings
from forum_toolkit.voting import count


def tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def texts(app) -> list[str]:
    return [t for x in tree(app.root) for t in (getattr(x, "value", None), getattr(x, "description", None)) if isinstance(t, str) and t]


def shown(app) -> str:
    """Everything on the page as a person reads it (the blocks' markup taken off, their text unescaped)."""
    return "\n".join(html.unescape(re.sub(r"<[^>]*>", "", t)) for t in texts(app))


def tap(app, description):
    [button] = [x for x in tree(app.root) if isinstance(x, w.Button) and x.description == description]
    button.click()


@pytest.fixture
def adopted(fresh_store):
    """The tiny council: proposals moderated (one merged, one rejected with a reason), a round of
    ranked ballots, its agenda adopted, and two notes on its first item."""
    store = fresh_store
    collect(store)
    store.translate(SESSION, 2, "de", title="Dolmetscher in der Schule", text="Für Elterngespräche.", origin="machine")
    store.create_round(SESSION, RoundPlan(ROUND, "ranking", top=2), title="Abstimmung Januar", held_on=date(2027, 1, 10))
    vote(store, [["p2", "p1"], ["p2", "p5"], ["p5", "p2"], ["p1", "p5"], ["p2", "p1"]])
    question = store.consultation(ROUND).questions[0]
    profile = profile_of(question, [s.answers for s in store.submissions(ROUND)])
    agenda = build_agenda(count(profile, "borda", seats=3), store.candidates(ROUND, question.id), ballots=5, title="Januar", session_id=ROUND, question_id=question.id)
    store.adopt_agenda(ROUND, agenda)
    store.note_status(ROUND, 1, "discussed", "Im Beirat am 14. Januar besprochen.", on=date(2027, 1, 14))
    store.note_status(ROUND, 1, "decided", "Die Stadt fragt zwei Dolmetscherinnen an.", on=date(2027, 2, 11))
    return store


def page(store, query="", environ=None):
    return AgendaStatusApp(store, StatusSettings.from_request(environ or {"FORUM_SESSION": ROUND}, query))


def test_the_page_starts_with_the_languages_of_the_round(adopted):
    app = page(adopted)
    assert "ft-lang-unchosen" in app.root._dom_classes
    buttons = [x.description for x in tree(app.root) if isinstance(x, w.Button)]
    assert buttons == ["Deutsch", "English", "العربية", "فارسی"]


def test_each_item_shows_its_title_its_latest_status_and_every_dated_note(adopted):
    app = page(adopted, "lang=de")
    text = shown(app)
    assert "Was aus den Vorschlägen wurde" in text
    assert text.index("Punkt 1: Dolmetscher in der Schule") < text.index("Punkt 2: ") < text.index("Punkt 3: ")
    assert "maschinell übersetzt, nicht geprüft (Deutsch)" in text and "مترجمون في المدرسة" in text  # the author's own words too
    assert "beschlossen seit 2027-02-11" in text
    assert text.index("2027-02-11 · beschlossen: Die Stadt fragt zwei Dolmetscherinnen an.") < text.index("2027-01-14 · besprochen: Im Beirat am 14. Januar besprochen.")
    assert text.count("Auf der Tagesordnung seit ") == 2  # items 2 and 3: nothing noted yet
    assert [c for c in app.root.children[1].children[2]._dom_classes if c.startswith("ft-status-")] == ["ft-status-decided"]


def test_arabic_reads_right_to_left_with_the_words_in_arabic(adopted):
    app = page(adopted)
    tap(app, "العربية")
    assert {"ft-lang-ar", "ft-dir-rtl", "ft-rtl"} <= set(app.root._dom_classes)
    assert "ماذا حدث للاقتراحات" in shown(app) and "تقرّر منذ 2027-02-11" in shown(app)
    tap(app, "Deutsch")  # the bar switches back
    assert "ft-dir-ltr" in app.root._dom_classes and "ft-rtl" not in app.root._dom_classes


def test_participant_text_is_escaped_everywhere(adopted):
    app = page(adopted, "lang=en")
    assert SCRIPT in shown(app)  # the proposal titled with a script is on the agenda, as text
    assert all("<script" not in t and "<img" not in t for t in texts(app))


def test_nothing_that_is_not_public_reaches_the_page(adopted):
    """Not the rejected proposal nor its reason, not the duplicate merged away, no count."""
    text = shown(page(adopted, "lang=de"))
    for private in ("Namen von Nachbarn", "Herr X ist laut.", "Bitte keine Namen", "Deutschkurs abends", "Abends, bitte!"):
        assert private not in text


@pytest.mark.parametrize(
    ("environ", "query", "expected"),
    [
        ({"FORUM_SESSION": ROUND}, "", StatusSettings(ROUND)),
        ({"FORUM_SESSION": "forum-2026-11-26"}, f"session={ROUND}&lang=ar", StatusSettings(ROUND, "ar")),
        ({}, "session=" + "x" * 500, StatusSettings("x" * 100)),
    ],
)
def test_the_session_comes_from_the_link_or_the_server(environ, query, expected):
    assert StatusSettings.from_request(environ, query) == expected


@pytest.mark.parametrize("query", ["session=nope&lang=de", f"session={SESSION}&lang=de"])  # unknown; no adopted agenda
def test_a_link_to_no_agenda_shows_one_line_and_nothing_of_the_store(adopted, query):
    app = page(adopted, query)
    assert shown(app) == "Hier gibt es keine Tagesordnung zu zeigen."


def test_a_language_the_round_does_not_offer_starts_at_the_language_screen(adopted):
    app = page(adopted, "lang=tr")
    assert "ft-lang-unchosen" in app.root._dom_classes
