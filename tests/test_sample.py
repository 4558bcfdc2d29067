"""Random answers: always valid for `sample_answers`, always refused for `sample_invalid_answers`."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forum_toolkit.consultation.answers import check_answers, visible_questions
from forum_toolkit.consultation.conditions import parse_condition
from forum_toolkit.consultation.languages import known_language
from forum_toolkit.consultation.model import (
    Access,
    Approval,
    Consultation,
    Dots,
    Info,
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
from forum_toolkit.consultation.sample import TOWN_SENTENCES, sample_answers, sample_invalid_answers


def _text(de: str) -> Text:
    return Text((("de", de), ("en", de)))


def _options(*ids: str) -> tuple[Option, ...]:
    return tuple(Option(i, _text(i)) for i in ids)


POINTS = tuple(ScalePoint(v, _text(str(v))) for v in (1, 2, 3, 4, 5))


def _every_kind() -> Consultation:
    """A consultation with every question kind, tight limits and conditions on pages and questions."""
    about = Page(
        "about",
        _text("Über Sie"),
        (
            Info("welcome", _text("Willkommen")),
            SingleChoice("age_group", _text("Alter"), required=True, options=_options("under_30", "over_30")),
            Number("years_in_town", _text("Jahre"), min=0, max=80),
            Number("hours", _text("Stunden"), min=0.5, max=2.5, integer=False),
            MultipleChoice("topics", _text("Themen"), options=_options("housing", "traffic", "school", "park"), min=1, max=2),
        ),
    )
    young = Page(
        "young",
        _text("Junge Menschen"),
        (
            Scale("youth_club", _text("Jugendclub?"), required=True, points=POINTS),
            ShortText("wish", _text("Wunsch"), min_length=10, max_length=25,
                      show_if=parse_condition("youth_club >= 3")),
        ),
        show_if=parse_condition("age_group == 'under_30'"),
    )
    town = Page(
        "town",
        _text("Die Stadt"),
        (
            Matrix("safety", _text("Sicherheit"), rows=_options("day", "night"), points=POINTS, required=True),
            Matrix("noise", _text("Lärm"), rows=_options("street", "park", "station"), points=POINTS),
            Ranking("priorities", _text("Prioritäten"), options=_options("bus", "bench", "light", "wifi"), top=2, required=True),
            Ranking("all_ranked", _text("Alles ordnen"), options=_options("a", "b", "c")),
            Dots("budget", _text("Budget"), options=_options("bus", "bench", "light"), budget=5, max_per_option=2, spend_all=True),
            Dots("spare", _text("Rest"), options=_options("x", "y"), budget=3, max_per_option=3),
            Approval("approve", _text("Zustimmen"), options=_options("p1", "p2", "p3"), max=2),
            Approval("approve_any", _text("Alle"), options=_options("p1", "p2")),
            LongText("night_story", _text("Nachts"), min_length=30, max_length=60, required=True,
                     show_if=parse_condition("safety.night <= 2")),
            Statements("opinions", _text("Aussagen"), statements=_options("s1", "s2", "s3")),
            Proposal("idea", _text("Vorschlag"), title_max_length=12, text_max_length=40,
                     categories=_options("green", "social"),
                     show_if=parse_condition("'housing' in topics or not answered(topics)")),
            Proposal("idea_free", _text("Freier Vorschlag"), title_max_length=5, text_max_length=0),
        ),
    )
    return Consultation(
        id="every-kind",
        title=_text("Alles"),
        description=_text(""),
        languages=(known_language("de"), known_language("en")),
        default_language="de",
        access=Access.OPEN,
        live_results=True,
        pages=(about, young, town),
    )


EVERY_KIND = _every_kind()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), skip_rate=st.sampled_from([0.0, 0.1, 0.5, 1.0]))
def test_sampled_answers_are_always_valid(seed: int, skip_rate: float) -> None:
    answers = sample_answers(EVERY_KIND, random.Random(seed), skip_rate=skip_rate)
    assert check_answers(EVERY_KIND, answers) == ()


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_sampled_invalid_answers_always_have_a_problem(seed: int) -> None:
    answers = sample_invalid_answers(EVERY_KIND, random.Random(seed))
    assert check_answers(EVERY_KIND, answers) != ()


@given(pool=st.lists(st.text(max_size=80), max_size=5), seed=st.integers(min_value=0, max_value=1000))
def test_any_text_pool_gives_valid_answers(pool: list[str], seed: int) -> None:
    answers = sample_answers(EVERY_KIND, random.Random(seed), text_pool=pool)
    assert check_answers(EVERY_KIND, answers) == ()


def test_the_same_seed_gives_the_same_answers() -> None:
    first = sample_answers(EVERY_KIND, random.Random(42))
    assert sample_answers(EVERY_KIND, random.Random(42)) == first


def test_required_questions_are_answered_even_when_everything_optional_is_skipped() -> None:
    answers = sample_answers(EVERY_KIND, random.Random(1), skip_rate=1.0)
    shown_required = {q.id for q in visible_questions(EVERY_KIND, answers) if q.required}
    assert set(answers) == shown_required
    assert {"age_group", "safety", "priorities"} <= set(answers)


def test_nothing_is_skipped_at_skip_rate_zero() -> None:
    answers = sample_answers(EVERY_KIND, random.Random(3), skip_rate=0.0)
    shown = {q.id for q in visible_questions(EVERY_KIND, answers) if q.takes_answer}
    assert set(answers) == shown


def test_conditions_are_followed_both_ways_over_many_seeds() -> None:
    young_seen = old_seen = False
    for seed in range(200):
        answers = sample_answers(EVERY_KIND, random.Random(seed), skip_rate=0.0)
        if answers["age_group"] == "under_30":
            young_seen = True
            assert "youth_club" in answers
            assert ("wish" in answers) == (answers["youth_club"] >= 3)
        else:
            old_seen = True
            assert "youth_club" not in answers and "wish" not in answers
        assert ("night_story" in answers) == (answers["safety"]["night"] <= 2)
    assert young_seen and old_seen


def test_limits_are_kept_over_many_seeds() -> None:
    for seed in range(200):
        answers = sample_answers(EVERY_KIND, random.Random(seed), skip_rate=0.0)
        assert sum(answers["budget"].values()) == 5
        assert len(answers["priorities"]) == 2
        assert 1 <= len(answers["topics"]) <= 2
        assert 0.5 <= answers["hours"] <= 2.5
        assert answers["idea_free"]["text"] == ""
        assert 1 <= len(answers["idea_free"]["title"]) <= 5


def test_texts_come_from_the_pool_cut_to_the_limit() -> None:
    pool = ["Mehr Licht im Park, bitte."]
    answers = sample_answers(EVERY_KIND, random.Random(5), skip_rate=0.0, text_pool=pool)
    assert answers["idea_free"] == {"title": "Mehr", "text": ""}  # "Mehr " cut to 5, trailing space dropped
    with_idea = next(
        a for a in (sample_answers(EVERY_KIND, random.Random(s), skip_rate=0.0, text_pool=pool) for s in range(50))
        if "idea" in a
    )
    assert with_idea["idea"]["title"] == "Mehr Licht i"
    assert with_idea["idea"]["category"] in {"green", "social"}


def test_the_built_in_sentences_speak_the_towns_languages() -> None:
    scripts = {
        "arabic": any("\u0600" <= c <= "\u06ff" for s in TOWN_SENTENCES for c in s),
        "cyrillic": any("\u0400" <= c <= "\u04ff" for s in TOWN_SENTENCES for c in s),
        "ukrainian і": any("і" in s for s in TOWN_SENTENCES),
        "turkish ı": any("ı" in s for s in TOWN_SENTENCES),
        "kurmanji ê": any("ê" in s for s in TOWN_SENTENCES),
    }
    assert all(scripts.values()), scripts
    assert len(TOWN_SENTENCES) == 16


@pytest.mark.parametrize("seed", range(50))
def test_invalid_answers_differ_from_valid_ones_in_a_named_way(seed: int) -> None:
    problems = check_answers(EVERY_KIND, sample_invalid_answers(EVERY_KIND, random.Random(seed)))
    assert {p.code for p in problems} <= {
        "unknown_question", "hidden_question", "required", "wrong_type", "unknown_option",
        "repeated_option", "too_many", "ranking_length", "not_a_point", "dots_per_option",
        "dots_budget", "out_of_range", "too_long", "too_short", "unknown_stance",
    }
