"""Broken consultation files and the exact messages they must give (file:line: field: message).

Each file in tests/consultations/broken/ is a small, realistic mistake; together they document what
`forum-toolkit validate` says about each kind of mistake.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from forum_toolkit.cli import main
from forum_toolkit.consultation import InvalidConsultation, check_file, load_consultation

BROKEN = Path(__file__).parent / "consultations" / "broken"

EXPECTED = [
        ('access_unknown_mode.yaml', ["access_unknown_mode.yaml:4: access: expected one of 'open' or 'codes', found text ('public')"]),
        ('bad_language_code.yaml', ["bad_language_code.yaml:3: languages[1]: expected a language code like 'de', 'ar' or 'kmr', found text ('English')"]),
        ('budget_not_a_number.yaml', ["budget_not_a_number.yaml:9: pages[0].questions[0].budget: expected a whole number, found text ('five')"]),
        ('condition_cycle.yaml', ['condition_cycle.yaml:9: pages[0].questions[0].show_if: conditions form a circle: first → second → first (a question cannot depend on itself)']),
        ('condition_on_information_text.yaml', ["condition_on_information_text.yaml:12: pages[0].questions[1].show_if: the condition names 'hello', an information text that takes no answer"]),
        ('condition_page_on_own_question.yaml', ['condition_page_on_own_question.yaml:6: pages[0].show_if: conditions form a circle: colour → colour (a question cannot depend on itself)']),
        ('condition_part_of_choice.yaml', ["condition_part_of_choice.yaml:15: pages[0].questions[1].show_if: the condition names colour.red, but single_choice question 'colour' has no parts"]),
        ('condition_syntax.yaml', ["condition_syntax.yaml:15: pages[0].questions[1].show_if: cannot read the condition 'colour == ': expected a question id, a value or '(', found the end (at character 11)"]),
        ('condition_unknown_option.yaml', ["condition_unknown_option.yaml:15: pages[0].questions[1].show_if: the condition compares 'colour' with 'green', which is not one of its options"]),
        ('condition_unknown_question.yaml', ["condition_unknown_question.yaml:15: pages[0].questions[1].show_if: the condition names question 'color', which does not exist; did you mean 'colour'?"]),
        ('default_language_not_offered.yaml', ["default_language_not_offered.yaml:4: default_language: expected one of the languages offered (de, en), found 'ar'"]),
        ('dot_budget_cannot_be_spent.yaml', ['dot_budget_cannot_be_spent.yaml:9: pages[0].questions[0].budget: expected a budget that can be spent (at most 2 per option on 3 options is 6), found 10']),
        ('dot_budget_zero.yaml', ['dot_budget_zero.yaml:9: pages[0].questions[0].budget: expected at least 1 dot, found 0']),
        ('duplicate_language.yaml', ["duplicate_language.yaml:3: languages[2]: language 'de' is offered twice"]),
        ('duplicate_option_id.yaml', ["duplicate_option_id.yaml:12: pages[0].questions[0].options[1].id: duplicate option id 'red', already used at pages[0].questions[0].options[0]"]),
        ('duplicate_question_id.yaml', ["duplicate_question_id.yaml:13: pages[0].questions[1].id: duplicate question id 'colour', already used at pages[0].questions[0]"]),
        ('empty_file.yaml', ['empty_file.yaml:1: expected a consultation (a mapping with id, title, languages and pages), found an empty file']),
        ('empty_option_list.yaml', ['empty_option_list.yaml:10: pages[0].questions[0].options: expected at least 2 options, found 0']),
        ('empty_text.yaml', ['empty_text.yaml:9: pages[0].questions[0].text.en: expected text, found an empty text']),
        ('id_with_space.yaml', ["id_with_space.yaml:7: pages[0].questions[0].id: expected an id of letters, digits and '_' that starts with a letter, found text ('my colour')"]),
        ('missing_kind.yaml', ["missing_kind.yaml:7: pages[0].questions[0]: required field 'kind' is missing: one of single_choice, multiple_choice, scale, matrix, ranking, dots, approval, number, short_text, long_text, statements, proposal, info"]),
        ('missing_text.yaml', ['missing_text.yaml:7: pages[0].questions[0].text: required field is missing']),
        ('multiple_choice_min_above_max.yaml', ['multiple_choice_min_above_max.yaml:9: pages[0].questions[0].min: expected at most max (1), found 2']),
        ('no_pages.yaml', ['no_pages.yaml:4: pages: expected at least 1 page, found 0']),
        ('not_utf8.yaml', ['not_utf8.yaml:2: expected UTF-8 text, found a byte that is not UTF-8 (save the file as UTF-8)']),
        ('number_min_not_below_max.yaml', ['number_min_not_below_max.yaml:10: pages[0].questions[0].max: expected a number greater than min (10), found 1']),
        ('one_option.yaml', ['one_option.yaml:10: pages[0].questions[0].options: expected at least 2 options, found 1']),
        ('ranking_top_too_large.yaml', ['ranking_top_too_large.yaml:9: pages[0].questions[0].top: expected a number from 1 to 2 (the number of options), found 3']),
        ('required_not_boolean.yaml', ["required_not_boolean.yaml:9: pages[0].questions[0].required: expected true or false, found text ('maybe')"]),
        ('scale_points_not_rising.yaml', ['scale_points_not_rising.yaml:12: pages[0].questions[0].points[1].value: expected point values that rise, found 3 then 1']),
        ('short_text_too_long_limit.yaml', ['short_text_too_long_limit.yaml:9: pages[0].questions[0].max_length: expected a number from 1 to 500, found 1000']),
        ('text_in_language_not_offered.yaml', ["text_in_language_not_offered.yaml:9: pages[0].questions[0].text.fr: expected one of the languages offered (de, en), found 'fr'"]),
        ('top_level_list.yaml', ['top_level_list.yaml:1: expected a consultation (a mapping with id, title, languages and pages), found a list of 2']),
        ('unknown_kind.yaml', ["unknown_kind.yaml:7: pages[0].questions[0]: expected a kind of question (single_choice, multiple_choice, scale, matrix, ranking, dots, approval, number, short_text, long_text, statements, proposal, info), found 'singel_choice'; did you mean 'single_choice'?"]),
        ('unknown_language_code.yaml', ["unknown_language_code.yaml:3: languages[2]: unknown language code 'kmu'; did you mean 'kmr'?; give 'name' and 'direction' for a language forum_toolkit does not know"]),
        ('unknown_question_field.yaml', [
            'unknown_question_field.yaml:7: pages[0].questions[0].options: required field is missing',
            "unknown_question_field.yaml:10: pages[0].questions[0].optons: unknown field 'optons'; did you mean 'options'?",
        ]),
        ('unknown_top_level_field.yaml', ["unknown_top_level_field.yaml:4: acess: unknown field 'acess'; did you mean 'access'?"]),
        ('yaml_bad_indentation.yaml', ["yaml_bad_indentation.yaml:9: YAML syntax error: expected <block end>, but found '<block mapping start>'; check the indentation of this line and the lines above it"]),
        ('yaml_duplicate_key.yaml', ["yaml_duplicate_key.yaml:10: YAML syntax error: the key 'text' appears twice in the same mapping"]),
        ('yaml_unclosed_quote.yaml', ['yaml_unclosed_quote.yaml:9: YAML syntax error: a quoted text starts here and is never closed']),
]


def test_the_corpus_has_every_broken_file_in_the_table():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(name for name, _ in EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name, messages", EXPECTED, ids=[name for name, _ in EXPECTED])
def test_broken_file_gives_exact_messages(name, messages, monkeypatch):
    monkeypatch.chdir(BROKEN)
    report = check_file(name)
    assert [str(problem) for problem in report.errors] == messages
    assert report.consultation is None


@pytest.mark.parametrize("name, messages", EXPECTED[:5], ids=[name for name, _ in EXPECTED[:5]])
def test_load_raises_with_every_problem(name, messages, monkeypatch):
    monkeypatch.chdir(BROKEN)
    with pytest.raises(InvalidConsultation) as raised:
        load_consultation(name)
    assert [str(problem) for problem in raised.value.problems] == messages


def test_validate_prints_every_error_of_every_file_and_exits_1(monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = CliRunner().invoke(main, ["validate", "unknown_question_field.yaml", "one_option.yaml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "unknown_question_field.yaml:7: pages[0].questions[0].options: required field is missing",
        "unknown_question_field.yaml:10: pages[0].questions[0].optons: unknown field 'optons'; did you mean 'options'?",
        "one_option.yaml:10: pages[0].questions[0].options: expected at least 2 options, found 1",
    ]
    assert result.stdout.splitlines() == [
        "unknown_question_field.yaml: invalid (2 errors)",
        "one_option.yaml: invalid (1 error)",
    ]


def test_validate_never_shows_a_traceback_for_any_broken_file(monkeypatch):
    monkeypatch.chdir(BROKEN)
    result = CliRunner().invoke(main, ["validate", *sorted(p.name for p in BROKEN.glob("*.yaml"))])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
