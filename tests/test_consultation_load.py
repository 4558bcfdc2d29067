"""Loading valid consultation files into the frozen model."""

import dataclasses
from pathlib import Path

import pytest

from forum_toolkit.consultation import Kind, check_file, check_text, load_consultation
from forum_toolkit.consultation.model import Access, Text

HERE = Path(__file__).parent
EVERY_KIND = HERE / "consultations" / "every_kind.yaml"


@pytest.fixture
def every_kind():
    return load_consultation(EVERY_KIND)


def test_every_kind_loads_with_its_questions_in_order(every_kind):
    assert [q.kind for q in every_kind.questions] == [
        Kind.INFO, Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.SCALE, Kind.MATRIX, Kind.SHORT_TEXT,
        Kind.RANKING, Kind.DOTS, Kind.APPROVAL, Kind.NUMBER, Kind.STATEMENTS, Kind.PROPOSAL, Kind.LONG_TEXT,
    ]  # fmt: skip
    assert every_kind.access is Access.OPEN
    assert every_kind.live_results is True
    assert every_kind.language_codes == ("de", "en", "ar")
    assert [lang.reviewed for lang in every_kind.languages] == [True, True, False]
    assert every_kind.languages[2].is_rtl
    assert every_kind.default_language == "de"


def test_defaults_are_filled_in(every_kind):
    topics = every_kind.question("topics")
    assert (topics.min, topics.max) == (1, 2)
    assert every_kind.question("order").positions == 2
    assert every_kind.question("idea").title_max_length == 120


def test_the_model_is_frozen(every_kind):
    with pytest.raises(dataclasses.FrozenInstanceError):
        every_kind.question("age").required = False


def test_conditions_are_parsed_into_the_model(every_kind):
    assert every_kind.pages[1].show_if.holds({"age": "young"})
    assert not every_kind.pages[1].show_if.holds({"age": "old"})
    assert str(every_kind.question("why_unsafe").show_if) == "town.safety == 1"


def test_a_missing_translation_is_a_warning_with_file_line_and_language(tmp_path):
    path = tmp_path / "partly.yaml"
    path.write_text(
        "id: partly\n"
        "title: {de: Teilweise, en: Partly, ar: جزئيا}\n"
        "languages: [de, en, ar, fa]\n"
        "pages:\n"
        "  - id: main\n"
        "    questions:\n"
        "      - {id: hello, kind: info, text: {de: Hallo, en: Hello}}\n",
        encoding="utf-8",
    )
    report = check_file(path)
    assert report.errors == ()
    assert [str(w) for w in report.warnings] == [
        f"{path}:2: title: warning: missing translation for fa (the ballot shows the default language instead)",
        f"{path}:7: pages[0].questions[0].text: warning: missing translation for ar, fa (the ballot shows the default language instead)",
    ]
    assert report.consultation is not None


@pytest.mark.parametrize(
    "language, expected",
    [
        ("ar", ("مرحبا", "ar", False)),
        ("fa", ("Hallo", "de", True)),  # falls back visibly to the default language
    ],
)
def test_text_falls_back_visibly(language, expected):
    text = Text((("de", "Hallo"), ("ar", "مرحبا")))
    got = text.get(language)
    assert (got.text, got.language, got.is_fallback) == expected


def test_the_same_text_gives_the_same_content_hash():
    text = EVERY_KIND.read_text(encoding="utf-8")
    assert check_text(text).content_hash == check_text(text).content_hash
    assert check_text(text).content_hash != check_text(text + "\n# changed\n").content_hash


def test_shipped_surveys_are_valid_without_warnings():
    surveys = sorted((HERE.parent / "surveys").glob("*.yaml"))
    assert len(surveys) >= 3
    for path in surveys:
        report = check_file(path)
        assert [str(p) for p in report.errors + report.warnings] == [], path
