"""Answer problems and refused submissions, said to a participant in every language."""

import pytest

from forum_toolkit.consultation.answers import _MESSAGES, AnswerProblem
from forum_toolkit.i18n import CATALOG_LANGUAGES, problem_text, refusal_text, wording_for
from forum_toolkit.i18n.messages import PROBLEM_TEXTS, REFUSAL_TEXTS
from forum_toolkit.store.errors import REFUSALS

QUESTION_ID = "q_secret_7"
# Every param any problem carries, so that every message can be formatted.
PARAMS = (("limit", 3), ("count", 4), ("low", 0), ("high", 10.5), ("value", "opt_x"), ("expected", "a number"), ("found", "text"))


def problem(code: str, **params) -> AnswerProblem:
    return AnswerProblem(QUESTION_ID, code, tuple(params.items()) or PARAMS)


def test_every_problem_code_has_a_participants_text():
    assert set(PROBLEM_TEXTS) == set(_MESSAGES)


def test_every_refusal_reason_has_a_participants_text():
    assert set(REFUSAL_TEXTS) == set(REFUSALS)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
@pytest.mark.parametrize("code", sorted(_MESSAGES))
def test_every_problem_is_said_in_every_language_without_the_question_id(language, code):
    text = problem_text(problem(code), wording_for(language))
    assert text.strip()
    assert not text.startswith("["), f"{language} {code}: fell back: {text}"
    assert QUESTION_ID not in text and "opt_x" not in text


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
@pytest.mark.parametrize("reason", sorted(REFUSALS))
def test_every_refusal_is_said_in_every_language(language, reason):
    text = refusal_text(reason, wording_for(language))
    assert text.strip()
    assert not text.startswith("["), f"{language} {reason}: fell back: {text}"


@pytest.mark.parametrize(
    "code, params, expected",
    [
        ("too_many", {"limit": 2, "count": 3}, "Choose at most 2."),
        ("too_few", {"limit": 1, "count": 0}, "Choose at least 1."),
        ("required", {}, "Please answer this question."),
        ("too_long", {"limit": 1, "count": 5}, "Please write at most 1 character."),
        ("too_long", {"limit": 200, "count": 201}, "Please write at most 200 characters."),
        ("dots_budget", {"limit": 5, "count": 6}, "You have 5 dots in all. Please give fewer."),
        ("out_of_range", {"low": 0, "high": 120.0, "value": 130}, "Please enter a number from 0 to 120."),
        ("out_of_range", {"low": 0.5, "high": 2.25, "value": 3}, "Please enter a number from 0.5 to 2.25."),
        ("unknown_stance", {"value": "maybe"}, 'Please choose \u201cAgree\u201d, \u201cDisagree\u201d or \u201cPass\u201d.'),
    ],
)
def test_problems_in_english(code, params, expected):
    assert problem_text(problem(code, **params), wording_for("en")) == expected


@pytest.mark.parametrize(
    "limit, expected",
    [(1, "Выберите максимум 1 вариант."), (2, "Выберите максимум 2 варианта."), (5, "Выберите максимум 5 вариантов."),
     (21, "Выберите максимум 21 вариант.")],
)
def test_a_limit_is_counted_with_the_languages_plural_forms(limit, expected):
    assert problem_text(problem("too_many", limit=limit, count=limit + 1), wording_for("ru")) == expected


def test_decimal_numbers_are_written_as_the_language_writes_them():
    out_of_range = problem("out_of_range", low=0, high=2.5, value=3)
    assert problem_text(out_of_range, wording_for("de")) == "Bitte geben Sie eine Zahl von 0 bis 2,5 ein."
    assert problem_text(out_of_range, wording_for("ar")) == "يرجى إدخال رقم من 0 إلى 2.5."


def test_the_stances_are_named_in_the_participants_language():
    assert problem_text(problem("unknown_stance", value="maybe"), wording_for("uk")) == "Будь ласка, виберіть «За», «Проти» або «Пропустити»."


def test_the_refusals_a_participant_can_act_on():
    assert refusal_text("code_used", wording_for("en")) == "This code has already been used. Please ask the staff for a new one."
    assert refusal_text("code_used", wording_for("de")) == "Dieser Code wurde schon benutzt. Bitte fragen Sie das Team nach einem neuen Code."


def test_an_unknown_code_or_reason_still_gets_a_helpful_text():
    assert problem_text(problem("from_the_future"), wording_for("en")) == "This answer cannot be saved. Please check it."
    assert refusal_text("from_the_future", wording_for("en")) == "Something went wrong. Please try again or ask the staff."


def test_a_language_without_catalog_shows_the_problem_in_german_marked():
    assert problem_text(problem("required"), wording_for("ti")) == "[de] Bitte beantworten Sie diese Frage."
