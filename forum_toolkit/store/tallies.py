"""Live counts and results, computed from stored answers in plain Python (no pandas: a ballot
kernel imports the store), and the small-group rule for every breakdown.

These functions are pure: answers in, frozen records out. `Store` reads the answers and the
approved items and calls them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from forum_toolkit.consultation.model import Kind, Question
from forum_toolkit.store.records import GroupResult, Participation, QuestionResult, StanceCount

DEFAULT_THRESHOLD = 5


def suppress(sizes: Mapping[Hashable, int], threshold: int) -> tuple[list[Hashable], int]:
    """The groups that may be shown (largest first) and how many are left out.

    A group of fewer than `threshold` people is left out. When the left-out people together are
    still fewer than `threshold`, the total would give them away, so the smallest shown groups are
    left out too until they are not.
    """
    shown = sorted((key for key, size in sizes.items() if size >= threshold), key=lambda key: (-sizes[key], str(key)))
    hidden = [key for key, size in sizes.items() if 0 < size < threshold]
    hidden_people = sum(sizes[key] for key in hidden)
    while hidden and hidden_people < threshold and shown:
        smallest = shown.pop()
        hidden.append(smallest)
        hidden_people += sizes[smallest]
    return shown, len(hidden)


def participation(session_id: str, questions: Sequence[Question], rows: Sequence[tuple[str, str, Mapping[str, Any]]], threshold: int) -> Participation:
    """Counters from (language, channel, answers) rows, one per stored submission."""
    answered = Counter(question_id for _, _, answers in rows for question_id in answers)
    languages, hidden_languages = _breakdown(Counter(language for language, _, _ in rows), threshold)
    channels, hidden_channels = _breakdown(Counter(channel for _, channel, _ in rows), threshold)
    return Participation(
        session_id=session_id,
        submissions=len(rows),
        per_question=tuple((q.id, answered[q.id]) for q in questions if q.takes_answer),
        per_language=languages,
        per_channel=channels,
        hidden_languages=hidden_languages,
        hidden_channels=hidden_channels,
        threshold=threshold,
    )


def _breakdown(counts: Counter, threshold: int) -> tuple[tuple[tuple[str, int], ...], int]:
    shown, hidden = suppress(counts, threshold)
    return tuple((key, counts[key]) for key in shown), hidden


def question_result(question: Question, answers: Iterable[Any], items: tuple[StanceCount, ...] = ()) -> QuestionResult:
    """The result of `question` over its answers (None: not answered), plus approved items' stances."""
    given = [answer for answer in answers if answer is not None]
    counts, rows, stances = _TALLIES.get(question.kind, _nothing)(question, given)
    return QuestionResult(question.id, question.kind.value, len(given), counts, rows, (*stances, *items))


def grouped_result(
    question: Question,
    rows: Sequence[tuple[Hashable, Any]],
    items: tuple[StanceCount, ...],
    threshold: int,
) -> QuestionResult:
    """The result overall and per group, from (group, answer) pairs; small groups left out (see
    `suppress`). Items' reactions are not linked to ballots, so groups show the file's content only."""
    overall = question_result(question, (answer for _, answer in rows), items)
    by_group: dict[Hashable, list[Any]] = {}
    for group, answer in rows:
        if answer is not None:
            by_group.setdefault(group, []).append(answer)
    shown, hidden = suppress({group: len(answers) for group, answers in by_group.items()}, threshold)
    groups = tuple(GroupResult(group, question_result(question, by_group[group])) for group in shown)
    return replace(overall, groups=groups, hidden_groups=hidden)


# One tally per kind: (counts, rows, stances) from the answers given.


def _by_option(options, count: Callable[[Any, str], int]):
    def tally(question, given):
        return tuple((option.id, sum(count(answer, option.id) for answer in given)) for option in getattr(question, options)), (), ()

    return tally


def _ranking(question, given):
    places = {option.id: [0] * question.positions for option in question.options}
    for answer in given:
        for place, option_id in enumerate(answer):
            places[option_id][place] += 1
    firsts = tuple((option.id, places[option.id][0]) for option in question.options)
    return firsts, tuple((option.id, tuple(places[option.id])) for option in question.options), ()


def _scale(question, given):
    counts = Counter(given)
    return tuple((str(point.value), counts[point.value]) for point in question.points), (), ()


def _matrix(question, given):
    rows = tuple((row.id, tuple(sum(1 for answer in given if answer.get(row.id) == point.value) for point in question.points)) for row in question.rows)
    return (), rows, ()


def _number(question, given):
    counts = Counter(given)
    return tuple((_number_text(value), counts[value]) for value in sorted(counts)), (), ()


def _number_text(value: float) -> str:
    """12 for 12 and 12.0, 12.5 for 12.5; never an exponent."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _statements(question, given):
    stances = []
    for statement in question.statements:
        said = Counter(answer.get(statement.id) for answer in given)
        stances.append(StanceCount(statement.id, None, said["agree"], said["disagree"], said["pass"]))
    return (), (), tuple(stances)


def _nothing(question, given):
    return (), (), ()


_TALLIES = {
    Kind.SINGLE_CHOICE: _by_option("options", lambda answer, option: int(answer == option)),
    Kind.MULTIPLE_CHOICE: _by_option("options", lambda answer, option: int(option in answer)),
    Kind.APPROVAL: _by_option("options", lambda answer, option: int(option in answer)),
    Kind.DOTS: _by_option("options", lambda answer, option: answer.get(option, 0)),
    Kind.RANKING: _ranking,
    Kind.SCALE: _scale,
    Kind.MATRIX: _matrix,
    Kind.NUMBER: _number,
    Kind.STATEMENTS: _statements,
}
