"""The condition language of `show_if:`: what parses, what it means, and what is refused."""

import pytest
from hypothesis import given, strategies as st

from forum_toolkit.consultation.conditions import ConditionSyntaxError, Reference, parse_condition

ANSWERS = {
    "age": "young",
    "topics": ["bus", "park"],
    "household": 4,
    "town": {"safety": 1, "shops": 2},
    "comment": "",
}


@pytest.mark.parametrize(
    "source, expected",
    [
        ("age == 'young'", True),
        ('age == "old"', False),
        ("age != 'old'", True),
        ("'bus' in topics", True),
        ("'school' in topics", False),
        ("'school' not in topics", True),
        ("age in ['young', 'middle']", True),
        ("household >= 4", True),
        ("household > 4", False),
        ("household < 4.5", True),
        ("town.safety <= 1", True),
        ("town.shops == 1", False),
        ("answered(age)", True),
        ("answered(comment)", False),
        ("answered(never_asked)", False),
        ("not answered(age)", False),
        ("age == 'young' and household > 10", False),
        ("age == 'young' or household > 10", True),
        ("not (age == 'old' or 'bus' not in topics)", True),
        ("never_asked == 'x'", False),
        ("never_asked != 'x'", False),  # an unanswered question compares false with everything
        ("town.missing_row == 1", False),
        ("age > 3", False),  # text against a number: false, not an error
    ],
)
def test_condition_holds(source, expected):
    assert parse_condition(source).holds(ANSWERS) is expected


@pytest.mark.parametrize(
    "source, message, position",
    [
        ("", "the condition is empty", 0),
        ("age == ", "expected a question id, a value or '(', found the end", 7),
        ("age = 'young'", "unexpected character '='", 4),
        ("(age == 'young'", "expected ')', found the end", 15),
        ("age == 'young' household", "expected the end of the condition, found 'household'", 15),
        ("answered('age')", "expected a question id inside answered(), found \"'age'\"", 9),
        ("age in [young]", "expected a quoted value or a number in the list, found 'young'", 8),
        ("age == 'young' && x", "unexpected character '&'", 15),
    ],
)
def test_syntax_errors_name_the_position(source, message, position):
    with pytest.raises(ConditionSyntaxError) as raised:
        parse_condition(source)
    assert str(raised.value) == message
    assert raised.value.position == position


def test_references_lists_every_question_named():
    condition = parse_condition("answered(a) and (b.row == 1 or 'x' in c)")
    assert condition.references() == (Reference("a"), Reference("b", "row"), Reference("c"))


@given(st.text(max_size=40))
def test_any_text_either_parses_or_raises_a_syntax_error(source):
    try:
        condition = parse_condition(source)
    except ConditionSyntaxError:
        return
    condition.holds(ANSWERS)  # and evaluating a parsed condition never raises
