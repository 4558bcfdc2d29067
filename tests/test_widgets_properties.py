"""Properties across every kind: what a view produces, answers.py accepts or refuses, never chokes on.

- Simulated use: a participant taps and types their way to a random valid answer
  (`sample_answers`); the views give exactly that answer, and `check_answers` accepts the lot.
- Restoring: a view built with an earlier answer shows it and gives it back exactly, also in
  another language (switching language rebuilds the views).
- Random and forged use: any sequence of clicks (disabled buttons too) and typed values leaves an
  answer in its kind's shape, which a new view restores exactly.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from forum_toolkit.consultation.answers import check_answer, check_answers
from forum_toolkit.consultation.model import (
    Approval,
    Dots,
    Matrix,
    MultipleChoice,
    Number,
    Proposal,
    Question,
    Ranking,
    Scale,
    ShortText,
    LongText,
    SingleChoice,
    Statements,
)
from forum_toolkit.consultation.sample import sample_answers
from forum_toolkit.widgets import view_for
from forum_toolkit.widgets.number import show_number
from test_widgets_base import EVERY_KIND, FakeWording, Heard, buttons, every_kind, no_widget_errors  # noqa: F401

REQUIRED = every_kind(required=True)
WORDINGS = st.sampled_from([FakeWording("en", "ltr"), FakeWording("ar", "rtl")])
SEEDS = st.integers(min_value=0, max_value=2**32)


def enter(view, answer) -> None:
    """Tap and type like a participant until the view shows `answer` (the view starts empty)."""
    q: Question = view.question
    if isinstance(q, SingleChoice):
        view.options.buttons[answer].click()
    elif isinstance(q, (MultipleChoice, Approval)):
        _touch(view.options.buttons[q.options[0].id]) if not answer else None
        for option_id in answer:
            view.options.buttons[option_id].click()
    elif isinstance(q, Ranking):
        for option_id in answer:
            view.options.buttons[option_id].click()
    elif isinstance(q, Scale):
        view.points.buttons[view.points.values.index(answer)].click()
    elif isinstance(q, Matrix):
        _touch(view.rows[q.rows[0].id].buttons[0]) if not answer else None
        for row_id, value in answer.items():
            view.rows[row_id].buttons[view.rows[row_id].values.index(value)].click()
    elif isinstance(q, Dots):
        if not answer:
            view.rows[q.options[0].id].plus.click()
            view.rows[q.options[0].id].minus.click()
        for option_id, count in answer.items():
            for _ in range(count):
                view.rows[option_id].plus.click()
    elif isinstance(q, Number):
        view.field.value = show_number(answer).replace(".", ",")  # the German way, read the same
    elif isinstance(q, (ShortText, LongText)):
        view.field.value = answer
    elif isinstance(q, Statements):
        _touch(view.buttons[q.statements[0].id]["pass"]) if not answer else None
        for statement_id, stance in answer.items():
            view.buttons[statement_id][stance].click()
    elif isinstance(q, Proposal):
        view.title.value, view.text.value = answer["title"], answer["text"]
        if "category" in answer:
            view.categories.buttons[answer["category"]].click()
    else:
        raise AssertionError(f"no way to enter a {q.kind.value} answer")


def _touch(button) -> None:
    """Tap and untap: the participant has answered, with nothing chosen."""
    button.click()
    button.click()


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, wording=WORDINGS, required=st.booleans())
def test_simulated_use_gives_exactly_the_answers_and_answers_py_accepts_them(seed, wording, required):
    consultation = REQUIRED if required else EVERY_KIND
    wanted = sample_answers(consultation, random.Random(seed))
    heard = Heard()
    given_answers = {}
    for q in consultation.questions:
        view = view_for(q, wording, on_change=heard)
        if q.id in wanted:
            enter(view, wanted[q.id])
        if view.answer() is not None:
            given_answers[q.id] = view.answer()
        view.close()
    assert given_answers == wanted
    assert check_answers(consultation, given_answers) == ()
    last_heard = {}
    for question_id, answer in heard.calls:
        last_heard[question_id] = answer
    assert {k: v for k, v in last_heard.items() if v is not None} == wanted


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, first=WORDINGS, second=WORDINGS)
def test_restoring_shows_an_earlier_answer_exactly_also_in_another_language(seed, first, second):
    wanted = sample_answers(EVERY_KIND, random.Random(seed), skip_rate=0.0)
    for q in EVERY_KIND.questions:
        before = view_for(q, first, answer=wanted.get(q.id))
        after = view_for(q, second, answer=before.answer())
        assert before.answer() == wanted.get(q.id)
        assert after.answer() == wanted.get(q.id)
        assert type(after.answer()) is type(wanted.get(q.id))
        assert _chosen_count(before) == _chosen_count(after)
        before.close()
        after.close()


def _chosen_count(view) -> int:
    return sum("ft-chosen" in b._dom_classes for b in buttons(view))


# A forged or clumsy session: clicks on any button, enabled or not, and values typed into any field.
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("click"), st.integers(min_value=0, max_value=60)),
        st.tuples(st.just("enable_and_click"), st.integers(min_value=0, max_value=60)),
        st.tuples(st.just("type"), st.integers(min_value=0, max_value=2), st.text(max_size=50)),
        st.tuples(st.just("type"), st.integers(min_value=0, max_value=2), st.sampled_from(["12", "-1", "٣٫٥", "1e9", "x" * 5000])),
    ),
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(actions=ACTIONS, wording=WORDINGS)
def test_any_clicks_and_typing_leave_a_well_shaped_answer_that_restores_exactly(actions, wording):
    for q in EVERY_KIND.questions:
        view = view_for(q, wording)
        tappable = buttons(view)
        fields = [widget for widget in (getattr(view, name, None) for name in ("field", "title", "text")) if widget is not None]
        for action in actions:
            if action[0] in ("click", "enable_and_click") and tappable:
                target = tappable[action[1] % len(tappable)]
                if action[0] == "enable_and_click":
                    target.disabled = False
                target.click()
            elif action[0] == "type" and fields:
                fields[action[1] % len(fields)].value = action[2]
        answer = view.answer()
        view.close()
        if answer is None:
            continue
        assert not [p for p in check_answer(q, answer) if p.code == "wrong_type"], (q.id, answer)
        restored = view_for(q, wording, answer=answer)
        assert restored.answer() == answer
        restored.close()
