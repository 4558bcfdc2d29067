"""A voting round over approved proposals, as a consultation file the ballot app serves like any other.

    text = round_consultation_text(RoundPlan("council-2027-01", "ranking", top=5), candidates,
                                   languages=source.languages, default_language="de", access="codes")
    consultation = load_consultation_text(text)           # checked like a file on disk

Each approved proposal becomes an option (id ``p`` + its number in the moderation queue), labelled
with its title in every language it has: its author's own words, a volunteer's translation, or a
program's translation marked as such. A language without a title falls back visibly on the ballot,
like any missing translation. The round keeps the languages and the access (ballot codes or open)
of the consultation that collected the proposals, so the same code rules hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

from ruamel.yaml import YAML

from forum_toolkit.agenda.errors import AgendaError
from forum_toolkit.agenda.model import Candidate
from forum_toolkit.agenda.words import word
from forum_toolkit.consultation.languages import Language

ROUND_KINDS = ("ranking", "dots", "approval", "grades")
QUESTION_ID = "agenda_round"
GRADES = (0, 1, 2, 3)


@dataclass(frozen=True)
class RoundPlan:
    """What the council chose: the round's id, the ballot kind and its limits."""

    round_id: str
    kind: str  # one of ROUND_KINDS
    top: int | None = None  # ranking: how many places to fill (default: 5, or all when fewer)
    budget: int | None = None  # dots: how many dots each person has (default 5)
    max_per_option: int | None = None  # dots: at most so many on one proposal (default 3)


def option_id(proposal_id: int) -> str:
    return f"p{proposal_id}"


def round_consultation_text(
    plan: RoundPlan, candidates: list[Candidate] | tuple[Candidate, ...], *, languages: tuple[Language, ...], default_language: str, access: str
) -> str:
    """The round's consultation file (YAML text), or AgendaError saying what does not fit."""
    if plan.kind not in ROUND_KINDS:
        raise AgendaError(f"ballot kind {plan.kind!r}: expected one of {', '.join(ROUND_KINDS)}")
    if len(candidates) < 2:
        raise AgendaError(f"a round needs at least 2 approved proposals, found {len(candidates)}; approve proposals first")
    codes = [language.code for language in languages]
    question = {"id": QUESTION_ID, "kind": "matrix" if plan.kind == "grades" else plan.kind, "required": True}
    options = [{"id": c.option_id, "label": _labels(c, codes)} for c in candidates]
    if plan.kind == "ranking":
        top = min(5, len(candidates)) if plan.top is None else plan.top
        if not 1 <= top <= len(candidates):
            raise AgendaError(f"top {top}: expected a number from 1 to {len(candidates)} (the approved proposals)")
        question.update(top=top, text=_texts("round_ranking", codes, top=top), options=options)
    elif plan.kind == "dots":
        budget = 5 if plan.budget is None else plan.budget
        per = min(3, budget) if plan.max_per_option is None else plan.max_per_option
        if budget < 1 or per < 1 or budget > per * len(candidates):
            raise AgendaError(f"dots: expected a budget from 1 to {per * len(candidates)} and at least 1 per proposal, found {budget} and {per}")
        question.update(budget=budget, max_per_option=per, text=_texts("round_dots", codes, budget=budget, per=per), options=options)
    elif plan.kind == "approval":
        question.update(text=_texts("round_approval", codes), options=options)
    else:
        points = [{"value": g, "label": _texts(f"grade_{g}", codes)} for g in GRADES]
        question.update(text=_texts("round_grades", codes), rows=options, points=points)
    document = {
        "id": plan.round_id[:80],
        "title": _texts("round_title", codes),
        "languages": [_language(language) for language in languages],
        "default_language": default_language,
        "access": access,
        "live_results": False,
        "pages": [{"id": "vote", "title": _texts("round_page", codes), "questions": [question]}],
    }
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    stream = StringIO()
    stream.write(f"# The voting round {plan.round_id}: made by forum-toolkit from the approved proposals.\n")
    yaml.dump(document, stream)
    return stream.getvalue()


def _labels(candidate: Candidate, codes: list[str]) -> dict[str, str]:
    labels = {}
    for text in candidate.texts:
        if text.language in codes:
            marker = f" {word('machine_marker', text.language)}" if text.origin == "machine" else ""
            labels[text.language] = text.title + marker
    return labels


def _texts(key: str, codes: list[str], **values) -> dict[str, str]:
    return {code: word(key, code, **values) for code in codes}


def _language(language: Language) -> dict | str:
    from forum_toolkit.consultation.languages import KNOWN

    entry: dict = {"code": language.code}
    if language.code not in KNOWN:
        entry.update(name=language.name, direction=language.direction)
    if not language.reviewed:
        entry["reviewed"] = False
    return entry if len(entry) > 1 else language.code
