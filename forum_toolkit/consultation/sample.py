"""Random but valid answers for a consultation: demo ballots, benchmarks and property tests.

    rng = random.Random(7)
    answers = sample_answers(consultation, rng)        # check_answers(consultation, answers) == ()
    broken = sample_invalid_answers(consultation, rng)  # check_answers(...) finds at least one problem

`sample_answers` walks the pages in order like a participant does: a page or question is answered
only when its `show_if` holds for the answers given so far, every required question that is shown
gets an answer, and an optional one is skipped with probability `skip_rate`. Every answer keeps its
kind's limits (see the shapes in `answers.py`). Texts come from `text_pool`, or from `TOWN_SENTENCES`,
short sentences about town life in the languages the town speaks, cut to the question's lengths.

Pure: no I/O; all chance comes from the `rng` passed in, so a seed gives the same answers again.
"""

from __future__ import annotations

import math
import random
from typing import Any, Sequence

from forum_toolkit.consultation.answers import check_answers, visible_questions
from forum_toolkit.consultation.model import (
    Approval,
    Consultation,
    Dots,
    LongText,
    Matrix,
    MultipleChoice,
    Number,
    Proposal,
    Question,
    Ranking,
    Scale,
    ShortText,
    SingleChoice,
    Stance,
    Statements,
)

__all__ = ["TOWN_SENTENCES", "sample_answers", "sample_invalid_answers"]

# Two sentences per language: German, English, Arabic, Russian, Ukrainian, Turkish, Farsi, Kurmanji.
TOWN_SENTENCES: tuple[str, ...] = (
    "Mehr Bänke am Marktplatz wären schön.",
    "Der Bus fährt abends zu selten.",
    "The playground needs more shade in summer.",
    "A weekly language café would help newcomers.",
    "نحتاج إلى مزيد من دروس اللغة الألمانية.",
    "الحديقة بحاجة إلى إضاءة أفضل في الليل.",
    "Нужно больше мест в детском саду.",
    "Автобус по вечерам ходит слишком редко.",
    "Дітям потрібен безпечний шлях до школи.",
    "Хотілося б більше зустрічей для сусідів.",
    "Pazar yerinde daha fazla bank olmalı.",
    "Gençler için bir buluşma yeri lazım.",
    "کلاس‌های زبان آلمانی بیشتری لازم است.",
    "پارک شب‌ها به روشنایی بیشتری نیاز دارد.",
    "Ji bo zarokan cihekî lîstinê yê nû divê.",
    "Otobus êvaran pir kêm tê.",
)


def sample_answers(
    consultation: Consultation,
    rng: random.Random,
    *,
    skip_rate: float = 0.1,
    text_pool: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A random answer mapping that `check_answers` accepts (question id -> answer)."""
    texts = tuple(t for t in (text_pool or ()) if _clean(t)) or TOWN_SENTENCES
    answers: dict[str, Any] = {}
    skipped: set[str] = set()
    # One pass answers everything when conditions name earlier questions (the usual case); further
    # passes settle conditions that name later questions, until nothing changes.
    for _ in range(len(consultation.questions) + 1):
        changed = False
        for page in consultation.pages:
            if page.show_if is not None and not page.show_if.holds(answers):
                continue
            for question in page.questions:
                if not question.takes_answer or question.id in answers or question.id in skipped:
                    continue
                if question.show_if is not None and not question.show_if.holds(answers):
                    continue
                changed = True
                if not question.required and rng.random() < skip_rate:
                    skipped.add(question.id)
                else:
                    answers[question.id] = _sample(question, rng, texts, skip_rate)
        shown = {q.id for q in visible_questions(consultation, answers)}
        for question_id in [q for q in answers if q not in shown]:
            del answers[question_id]
            changed = True
        if not changed:
            break
    return answers


def sample_invalid_answers(consultation: Consultation, rng: random.Random) -> dict[str, Any]:
    """Answers with at least one deliberate problem, for tests of refusals.

    The problem is one of: a wrong answer to a shown question (outside its kind's limits), an answer
    of the wrong type, a required answer left out, an answer to a hidden question, or an unknown
    question id. Whatever is picked, `check_answers` reports at least one problem.
    """
    answers = sample_answers(consultation, rng, skip_rate=0.0)
    shown = visible_questions(consultation, answers)
    answered = [q for q in shown if q.id in answers]
    shown_ids = {q.id for q in shown}
    hidden = [q for q in consultation.questions if q.takes_answer and q.id not in shown_ids]
    breakers = ["unknown_question"]
    if answered:
        breakers += ["out_of_limits", "wrong_type"]
    if any(q.required for q in answered):
        breakers.append("missing_required")
    if hidden:
        breakers.append("hidden_question")
    breaker = rng.choice(breakers)
    broken = dict(answers)
    if breaker == "out_of_limits":
        question = rng.choice(answered)
        broken[question.id] = _out_of_limits(question, answers[question.id])
    elif breaker == "wrong_type":
        broken[rng.choice(answered).id] = True  # no kind takes true/false
    elif breaker == "missing_required":
        del broken[rng.choice([q for q in answered if q.required]).id]
    elif breaker == "hidden_question":
        question = rng.choice(hidden)
        broken[question.id] = _sample(question, rng, TOWN_SENTENCES, 0.0)
    if breaker == "unknown_question" or not check_answers(consultation, broken):
        broken["no_such_question"] = "yes"
    return broken


def _sample(question: Question, rng: random.Random, texts: Sequence[str], skip_rate: float) -> Any:
    """One valid answer to one question."""
    if isinstance(question, SingleChoice):
        return rng.choice(question.options).id
    if isinstance(question, MultipleChoice):
        count = rng.randint(question.min, question.max)
        return [o.id for o in rng.sample(question.options, count)]
    if isinstance(question, Approval):
        limit = len(question.options) if question.max is None else question.max
        return [o.id for o in rng.sample(question.options, rng.randint(min(1, limit), limit))]
    if isinstance(question, Ranking):
        return [o.id for o in rng.sample(question.options, question.positions)]
    if isinstance(question, Scale):
        return rng.choice(question.points).value
    if isinstance(question, Matrix):
        rows = [r for r in question.rows if question.required or rng.random() >= skip_rate]
        return {r.id: rng.choice(question.points).value for r in rows}
    if isinstance(question, Dots):
        return _sample_dots(question, rng)
    if isinstance(question, Number):
        return _sample_number(question, rng)
    if isinstance(question, (ShortText, LongText)):
        return _fit_text(texts, rng, question.min_length, question.max_length)
    if isinstance(question, Statements):
        stances = [s.value for s in Stance]
        chosen = [s for s in question.statements if question.required or rng.random() >= skip_rate]
        return {s.id: rng.choice(stances) for s in chosen}
    if isinstance(question, Proposal):
        proposal = {
            "title": _fit_text(texts, rng, 1, question.title_max_length, sentences=1),
            "text": _fit_text(texts, rng, 0, question.text_max_length),
        }
        if question.categories:
            proposal["category"] = rng.choice(question.categories).id
        return proposal
    raise TypeError(f"no sampler for question kind {question.kind.value!r}")


def _out_of_limits(question: Question, answer: Any) -> Any:
    """An answer of the right type that breaks the question's limits (or names a wrong option)."""
    if isinstance(question, SingleChoice):
        return "no_such_option"
    if isinstance(question, (MultipleChoice, Approval, Ranking)):
        return [*answer, "no_such_option"]
    if isinstance(question, Scale):
        return max(p.value for p in question.points) + 1
    if isinstance(question, Matrix):
        return {**answer, "no_such_row": question.points[0].value}
    if isinstance(question, Dots):
        return {**answer, question.options[0].id: question.max_per_option + 1}
    if isinstance(question, Number):
        return question.max + 1
    if isinstance(question, (ShortText, LongText)):
        return "x" * (question.max_length + 1)
    if isinstance(question, Statements):
        return {**answer, question.statements[0].id: "maybe"}
    return {"title": ""}  # a proposal needs a title


def _sample_dots(question: Dots, rng: random.Random) -> dict[str, int]:
    """Spend the whole budget (when spend_all) or part of it, one dot at a time on options with room."""
    spend = question.budget if question.spend_all else rng.randint(0, question.budget)
    dots = {o.id: 0 for o in question.options}
    for _ in range(spend):
        room = [option_id for option_id, count in dots.items() if count < question.max_per_option]
        dots[rng.choice(room)] += 1
    return {option_id: count for option_id, count in dots.items() if count > 0}


def _sample_number(question: Number, rng: random.Random) -> int | float:
    if question.integer:
        return rng.randint(math.ceil(question.min), math.floor(question.max))
    value = rng.uniform(question.min, question.max)
    rounded = round(value, 1)
    return rounded if question.min <= rounded <= question.max else value


def _fit_text(texts: Sequence[str], rng: random.Random, low: int, high: int, *, sentences: int | None = None) -> str:
    """Sentences from `texts` joined until at least `low` long, cut to at most `high` characters."""
    wanted = sentences if sentences is not None else rng.randint(1, 3)
    text = " ".join(_clean(rng.choice(texts)) for _ in range(wanted))
    while len(text) < low:
        text = f"{text} {_clean(rng.choice(texts))}"
    text = text[:high].rstrip()
    return text + "." * (low - len(text))  # only when the cut left too little


def _clean(text: str) -> str:
    """The text without control characters (check_answers refuses them), trimmed."""
    return "".join(" " if ord(c) < 32 else c for c in text).strip()
