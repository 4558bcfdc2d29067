"""What a participant reads when an answer or a submission is not accepted.

`forum_toolkit.consultation.answers` reports an answer problem as a code with params, and the store
refuses a submission with a reason code (`forum_toolkit.store.errors.REFUSALS`). Their English
messages are for logs and operators. Here each code gets a short sentence for a participant, in
their language, that says what to do next:

    problem_text(AnswerProblem("colours", "too_many", (("limit", 2), ("count", 3))), wording)
    # "Choose at most 2."  (no question id: the widget shows it under the question)
    refusal_text("code_used", wording)
    # "This code has already been used. Please ask the staff for a new one."

Texts with a number use plural forms, counted by the problem's ``limit``.
"""

from __future__ import annotations

from typing import Any

from forum_toolkit.consultation.answers import AnswerProblem
from forum_toolkit.i18n.catalogs import N_, N_plural
from forum_toolkit.i18n.wording import CatalogWording

SOMETHING_WENT_WRONG = N_("Something went wrong. Please try again or ask the staff.")
UNKNOWN_PROBLEM = N_("This answer cannot be saved. Please check it.")

# One entry per code of answers._MESSAGES. A pair is (singular, plural), counted by ``limit``.
PROBLEM_TEXTS: dict[str, str | tuple[str, str]] = {
    "unknown_question": N_("This question is not part of this vote. Please start again."),
    "hidden_question": N_("This question does not fit your other answers. Please check them."),
    "required": N_("Please answer this question."),
    "no_answer_expected": N_("This is only information. It needs no answer."),
    "wrong_type": N_("This answer cannot be saved. Please answer again."),
    "unknown_option": N_("This choice is not possible. Please choose again."),
    "repeated_option": N_("Please choose each option only once."),
    "too_few": N_plural("Choose at least {limit}.", "Choose at least {limit}."),
    "too_many": N_plural("Choose at most {limit}.", "Choose at most {limit}."),
    "ranking_length": N_plural(
        "Please choose {limit} option in the order you prefer.", "Please choose {limit} options in the order you prefer."
    ),
    "not_a_point": N_("Please choose one point on the scale."),
    "missing_row": N_("Please give an answer in every line."),
    "dots_per_option": N_plural(
        "You can give at most {limit} dot to one option.", "You can give at most {limit} dots to one option."
    ),
    "dots_budget": N_plural("You have {limit} dot in all. Please give fewer.", "You have {limit} dots in all. Please give fewer."),
    "dots_spend_all": N_plural("Please use your {limit} dot.", "Please use all {limit} dots."),
    "out_of_range": N_("Please enter a number from {low} to {high}."),
    "not_whole": N_("Please enter a whole number."),
    "too_short": N_plural("Please write at least {limit} character.", "Please write at least {limit} characters."),
    "too_long": N_plural("Please write at most {limit} character.", "Please write at most {limit} characters."),
    "bad_characters": N_("The text contains characters that cannot be saved. Please check it."),
    "unknown_stance": N_("Please choose {agree}, {disagree} or {pass}."),
}

# One entry per reason of store.errors.REFUSALS.
REFUSAL_TEXTS: dict[str, str] = {
    "unknown_session": N_("This vote is not available. Please ask the staff."),
    "session_not_open": N_("Voting is not open at the moment. Please ask the staff."),
    "bad_submission_id": SOMETHING_WENT_WRONG,
    "submission_id_reused": SOMETHING_WENT_WRONG,
    "bad_channel": SOMETHING_WENT_WRONG,
    "unknown_language": N_("This language is not offered for this vote. Please choose another language."),
    "code_required": N_("This vote needs a ballot code. Please enter the code from your paper slip."),
    "code_not_expected": N_("This vote needs no code. Please start again."),
    "invalid_answers": N_("Please check the marked questions."),
    "code_unknown": N_("This code is not correct. Please check it and try again."),
    "code_used": N_("This code has already been used. Please ask the staff for a new one."),
    "code_other_session": N_("This code is for a different vote. Please ask the staff."),
}

# Languages that write 2,5 rather than 2.5.
_DECIMAL_COMMA = {"de", "ru", "uk", "tr", "kmr"}


def problem_text(problem: AnswerProblem, wording: CatalogWording) -> str:
    """A participant's sentence for one answer problem, without the question id."""
    text = PROBLEM_TEXTS.get(problem.code, UNKNOWN_PROBLEM)
    params = {key: _shown(value, wording.language) for key, value in problem.params}
    if problem.code == "unknown_stance":
        params.update(agree=wording.ui("Agree"), disagree=wording.ui("Disagree"), **{"pass": wording.ui("Pass")})
    if isinstance(text, tuple):
        limit = dict(problem.params).get("limit", 0)
        params.pop("count", None)  # the count that was found; the message counts the limit
        return wording.ui_plural(*text, limit, **params)
    return wording.ui(text, **params)


def refusal_text(reason: str, wording: CatalogWording) -> str:
    """A participant's sentence for a refused submission (a reason of store.errors.REFUSALS)."""
    return wording.ui(REFUSAL_TEXTS.get(reason, SOMETHING_WENT_WRONG))


def _shown(value: Any, language: str) -> Any:
    """Numbers as a participant writes them: 12, 2.5 (2,5 in German), never 12.0 or 1e+06."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    shown = str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0")
    return shown.replace(".", ",") if language.split("-")[0] in _DECIMAL_COMMA else shown
