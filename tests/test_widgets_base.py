"""The frame every question widget shares, and the small kit the other widget tests use.

The kit: `FakeWording` (English msgids formatted; with `marked=True` it brackets every interface
string ⟦…⟧ and every consultation text ⟪…⟫, so a test can find any text that came from neither),
`every_kind()` (a consultation with one question of each kind) and tree helpers.
"""

from __future__ import annotations

import html
import logging
import re

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances  # every open widget (Widget.widgets is deprecated)

from forum_toolkit.consultation.languages import known_language
from forum_toolkit.consultation.model import (
    Access,
    Approval,
    Consultation,
    Dots,
    Info,
    Kind,
    LongText,
    Matrix,
    MultipleChoice,
    Number,
    Option,
    Page,
    Proposal,
    Ranking,
    Scale,
    ScalePoint,
    ShortText,
    SingleChoice,
    Statements,
    Text,
)
from forum_toolkit.widgets import VIEWS, QuestionView, view_for
from forum_toolkit.widgets.base import text_block

# ---------------------------------------------------------------------------------------------
# The kit


class FakeWording:
    """A Wording for tests: the English msgid, formatted; `used` collects every msgid asked for."""

    def __init__(self, language: str = "en", direction: str = "ltr", marked: bool = False):
        self.language = language
        self.direction = direction
        self.marked = marked
        self.used: set[str] = set()

    def ui(self, message: str, **params) -> str:
        self.used.add(message)
        text = message.format(**params)
        return f"⟦{text}⟧" if self.marked else text

    def ui_plural(self, singular: str, plural: str, count: int, **params) -> str:
        self.used.update((singular, plural))
        text = (singular if count == 1 else plural).format(count=count, **params)
        return f"⟦{text}⟧" if self.marked else text

    def text(self, text: Text) -> str:
        found = text.get(self.language).text
        return f"⟪{found}⟫" if self.marked and found else found


def t(english: str, arabic: str | None = None) -> Text:
    return Text((("en", english), ("ar", arabic or english)))


def options(*ids: str, label=lambda option_id: option_id.capitalize()) -> tuple[Option, ...]:
    return tuple(Option(option_id, t(label(option_id))) for option_id in ids)


AGREEMENT = tuple(
    ScalePoint(value, t(label))
    for value, label in ((1, "Disagree"), (2, "Rather disagree"), (3, "Undecided"), (4, "Rather agree"), (5, "Agree"))
)


def every_kind(label=lambda option_id: option_id.capitalize(), required: bool = False) -> Consultation:
    """One question of every kind, with limits tight enough that the widgets must disable things."""
    opts = lambda *ids: options(*ids, label=label)  # noqa: E731
    questions = (
        Info("welcome", t("Welcome to the forum.\nPlease take your time.")),
        SingleChoice("park", t("Park or car park?"), required=required, options=opts("park", "parking", "both")),
        MultipleChoice("topics", t("Topics"), required=required, options=opts("housing", "traffic", "school", "park"), min=1, max=2),
        MultipleChoice("extras", t("Anything else?"), options=opts("wifi", "benches", "toilets"), min=0, max=3),
        MultipleChoice("pick_two", t("Pick two"), options=opts("m1", "m2", "m3"), min=2, max=2),
        MultipleChoice("at_least_one", t("At least one"), options=opts("n1", "n2"), min=1, max=2),
        Approval("approve", t("Which do you approve?"), required=required, options=opts("a", "b", "c", "d"), max=2),
        Approval("approve_any", t("Approve any"), options=opts("x", "y")),
        Scale("satisfied", t("How satisfied are you?"), required=required, points=AGREEMENT),
        Matrix("rate", t("Rate these"), required=required, rows=opts("bus", "bike", "car"), points=AGREEMENT[:3]),
        Matrix("rate_some", t("Rate some"), rows=opts("pool", "gym"), points=AGREEMENT),
        Ranking("rank_all", t("Rank them"), required=required, options=opts("first", "second", "third")),
        Ranking("rank_top", t("Your top two"), options=opts("p", "q", "r", "s"), top=2),
        Dots("dots", t("Spend your dots"), required=required, options=opts("d1", "d2", "d3"), budget=4, max_per_option=2),
        Dots("dots_all", t("Spend all dots"), options=opts("e1", "e2"), budget=3, max_per_option=2, spend_all=True),
        Number("years", t("Years in town"), required=required, min=0, max=80, unit=t("years")),
        Number("hours", t("Hours a week"), min=0.5, max=2.5, integer=False),
        ShortText("idea", t("Your idea"), required=required, max_length=30),
        ShortText("long_enough", t("Say more"), min_length=5, max_length=40),
        LongText("story", t("Tell us"), max_length=200),
        Statements("say", t("What do you think?"), required=required, statements=opts("s1", "s2", "s3")),
        Proposal("proposal", t("Your proposal"), title_max_length=40, text_max_length=300, categories=opts("green", "social")),
        Proposal("proposal_plain", t("Another proposal"), title_max_length=40, text_max_length=300),
    )
    return Consultation(
        id="every-kind",
        title=t("Every kind"),
        description=t(""),
        languages=(known_language("en"), known_language("ar")),
        default_language="en",
        access=Access.OPEN,
        live_results=False,
        pages=(Page("all", t("All"), questions),),
    )


EVERY_KIND = every_kind()


def question(question_id: str, consultation: Consultation = EVERY_KIND):
    return consultation.question(question_id)


def tree(widget: w.Widget):
    """`widget` and everything inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


def buttons(view: QuestionView) -> list[w.Button]:
    return [widget for widget in tree(view.widget) if isinstance(widget, w.Button)]


def button(view: QuestionView, description: str) -> w.Button:
    found = [b for b in buttons(view) if b.description == description]
    assert len(found) == 1, f"{len(found)} buttons say {description!r}"
    return found[0]


def plain(markup: str) -> str:
    """What a text block shows: its value without tags, unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def texts(view: QuestionView) -> list[str]:
    """What the participant reads: text blocks without their markup, and button descriptions."""
    shown = []
    for widget in tree(view.widget):
        if isinstance(widget, w.HTML) and widget.value:
            shown.append(plain(widget.value))
        elif isinstance(widget, w.Button):
            shown.append(widget.description)
    return shown


def chosen(view: QuestionView) -> list[str]:
    return [b.description for b in buttons(view) if "ft-chosen" in b._dom_classes]


@pytest.fixture(autouse=True)
def no_widget_errors(caplog):
    """A callback that fails is logged (not raised) by the widgets: here that fails the test."""
    caplog.set_level(logging.ERROR, logger="forum_toolkit.widgets")
    yield
    errors = [r for r in caplog.records if r.name.startswith("forum_toolkit.widgets") and r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()


class Heard:
    """An on_change listener that remembers what it heard."""

    def __init__(self):
        self.calls: list[tuple[str, object]] = []

    def __call__(self, question_id, answer):
        self.calls.append((question_id, answer))


# ---------------------------------------------------------------------------------------------
# The frame

ALL_QUESTIONS = EVERY_KIND.questions
IDS = [q.id for q in ALL_QUESTIONS]


def test_every_kind_has_a_registered_view():
    assert set(VIEWS) == set(Kind)


@pytest.mark.parametrize("q", ALL_QUESTIONS, ids=IDS)
def test_every_view_shows_the_question_text_first_and_answers_none_when_new(q):
    view = view_for(q, FakeWording())
    assert texts(view)[0] == FakeWording().text(q.text)
    assert view.answer() is None
    assert "ft-question" in view.widget._dom_classes and f"ft-kind-{q.kind.value}" in view.widget._dom_classes


def test_required_optional_and_help_are_shown_information_has_no_marker():
    required = SingleChoice("q", t("Question?"), help=t("Take one."), required=True, options=options("a", "b"))
    assert texts(view_for(required, FakeWording()))[:3] == ["Question?", "Required", "Take one."]
    optional = SingleChoice("q", t("Question?"), options=options("a", "b"))
    assert texts(view_for(optional, FakeWording()))[:2] == ["Question?", "Optional"]
    info = view_for(question("welcome"), FakeWording())
    assert texts(info) == ["Welcome to the forum.\nPlease take your time."]


def test_the_problem_area_is_empty_until_the_app_fills_it_and_a_tap_empties_it():
    view = view_for(question("park"), FakeWording())
    assert "ft-hidden" in view._problems._dom_classes and view._problems.value == ""
    view.show_problems(["Please answer this question.", "<b>not bold</b>"])
    assert "ft-hidden" not in view._problems._dom_classes
    assert "ft-has-problems" in view.widget._dom_classes
    assert view._problems.value == (
        '<ul role="alert"><li dir="auto">Please answer this question.</li><li dir="auto">&lt;b&gt;not bold&lt;/b&gt;</li></ul>'
    )
    button(view, "Park").click()
    assert view._problems.value == "" and "ft-has-problems" not in view.widget._dom_classes


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
def test_a_view_says_its_direction(direction):
    view = view_for(question("park"), FakeWording("ar", direction))
    assert f"ft-dir-{direction}" in view.widget._dom_classes


@pytest.mark.parametrize("q", ALL_QUESTIONS, ids=IDS)
def test_close_closes_every_widget(q):
    before = set(_instances)
    view = view_for(q, FakeWording())
    made = set(_instances) - before  # with every layout and style widget
    view.close()
    assert made and not made & set(_instances)


def test_a_kind_without_a_view_is_a_clear_error(monkeypatch):
    monkeypatch.delitem(VIEWS, Kind.INFO)
    with pytest.raises(LookupError, match="no question widget is registered for kind 'info'"):
        view_for(question("welcome"), FakeWording())


def test_a_failing_listener_is_logged_not_raised(caplog):
    def broken(question_id, answer):
        raise RuntimeError("the app broke")

    view = view_for(question("park"), FakeWording(), on_change=broken)
    button(view, "Park").click()  # no exception reaches the participant's tap
    failures = [r for r in caplog.records if r.name == "forum_toolkit.widgets"]
    assert "the app broke" in failures[0].exc_text
    caplog.clear()  # expected here: keep `no_widget_errors` quiet


# ---------------------------------------------------------------------------------------------
# Participant text is text

ATTACK = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("q", every_kind(label=lambda _: ATTACK).questions, ids=IDS)
def test_labels_with_markup_are_shown_as_those_characters(q):
    view = view_for(q, FakeWording())
    html_values = " ".join(widget.value for widget in tree(view.widget) if isinstance(widget, w.HTML))
    assert "<img" not in html_values  # in a text block only escaped, as &lt;img ...
    if getattr(q, "options", None) or getattr(q, "rows", None) or getattr(q, "statements", None) or getattr(q, "categories", None):
        assert ATTACK in texts(view)  # as a button description (text) or unescaped from a block


def test_question_and_help_texts_with_markup_are_escaped():
    q = SingleChoice("q", t(ATTACK), help=t("$5 & <script>"), options=options("a"))
    view = view_for(q, FakeWording())
    values = [widget.value for widget in tree(view.widget) if isinstance(widget, w.HTML) and widget.value]
    assert values[0] == '<div dir="auto" role="heading" aria-level="3">&lt;img src=x onerror=alert(1)&gt;</div>'
    assert '<div dir="auto">$5 &amp; &lt;script&gt;</div>' in values


def test_text_blocks_escape_and_take_their_direction_from_their_letters():
    assert text_block("حديقة <b>", "ft-x").value == '<div dir="auto">حديقة &lt;b&gt;</div>'


# ---------------------------------------------------------------------------------------------
# Every interface string is translated, with the msgids the translators have

KNOWN_MSGIDS = {
    # given to the translators with the brief
    "Required", "Optional", "{count} dot left", "{count} dots left", "Tap the options in the order you prefer.",
    "Remove", "Clear", "Agree", "Disagree", "Pass", "{count} character left", "{count} characters left",
    "Title", "Your proposal", "Category", "Read aloud",
    # the words of answers.py's problems (forum_toolkit/i18n/messages.py), said before a refusal
    "Choose at least {limit}.", "Choose at most {limit}.", "Please use your {limit} dot.", "Please use all {limit} dots.",
    "Please write at least {limit} character.", "Please write at least {limit} characters.",
    "Please enter a number from {low} to {high}.", "Please enter a whole number.",
    # added by the widgets
    "Choose {count}.", "Choose from {min} to {max}.", "Choose as many as you like.", "Please enter a number.",
    "{count} character too many", "{count} characters too many",
}  # fmt: skip


def test_every_interface_string_comes_from_the_wording_with_a_known_msgid():
    wording = FakeWording(marked=True)
    for q in (*ALL_QUESTIONS, *every_kind(required=True).questions):
        view = view_for(q, wording)
        for shown in texts(view):
            # interface strings ⟦…⟧, consultation texts ⟪…⟫; only numbers and − + stand alone
            assert re.fullmatch(r"(⟦.*⟧|⟪.*⟫|\d+|[−+])", shown, re.DOTALL), f"{q.id}: {shown!r} is not translated"
    number = view_for(question("years"), wording)
    number.field.value = "12.5"
    number.field.value = "twelve"
    text = view_for(question("idea"), wording)
    text.field.value = "x" * 31
    assert wording.used == KNOWN_MSGIDS
