"""Read aloud: the browser's speech synthesis reads a question, its help and its options."""

from __future__ import annotations

import re

import pytest

from forum_toolkit.consultation.model import SingleChoice
from forum_toolkit.widgets import QuestionView, view_for
from test_widgets_base import FakeWording, no_widget_errors, options, question, t, texts, tree  # noqa: F401


def read_aloud(view: QuestionView):
    found = [widget for widget in tree(view.widget) if "ft-read-aloud" in getattr(widget, "_dom_classes", ())]
    return found[0] if found else None


def test_read_aloud_reads_the_question_its_help_and_its_options_in_the_participants_language():
    q = SingleChoice("q", t("Park or car park?", "حديقة أم موقف سيارات؟"), help=t("Tap one"), options=options("park", "parking"))
    button = read_aloud(view_for(q, FakeWording("ar", "rtl")))
    assert button.label == "Read aloud" and button.language == "ar"
    assert button.text == "حديقة أم موقف سيارات؟\nTap one.\nPark.\nParking."  # a full stop: a pause after each


@pytest.mark.parametrize(
    "question_id, spoken",
    [
        ("welcome", ["Welcome to the forum.\nPlease take your time."]),
        ("satisfied", ["How satisfied are you?", "Disagree.", "Rather disagree.", "Undecided.", "Rather agree.", "Agree."]),
        ("rate", ["Rate these.", "Bus.", "Bike.", "Car.", "Disagree.", "Rather disagree.", "Undecided."]),
        ("say", ["What do you think?", "S1.", "S2.", "S3."]),
        ("idea", ["Your idea."]),
    ],
)
def test_read_aloud_reads_what_each_kind_offers(question_id, spoken):
    assert read_aloud(view_for(question(question_id), FakeWording())).text == "\n".join(spoken)


def test_without_anywidget_there_is_simply_no_read_aloud_button(monkeypatch):
    from forum_toolkit.widgets import read_aloud as module

    monkeypatch.setattr(module, "anywidget", None)
    view = view_for(question("park"), FakeWording())
    assert read_aloud(view) is None and texts(view)[:2] == ["Park or car park?", "Optional"]


def test_the_read_aloud_script_is_inline_and_loads_nothing():
    from forum_toolkit.widgets.read_aloud import ReadAloud

    script = ReadAloud._esm
    assert "export default" in script and "render" in script
    assert not re.search(r"\bimport\b|https?://|fetch\(|innerHTML", script)  # offline; the label is textContent
