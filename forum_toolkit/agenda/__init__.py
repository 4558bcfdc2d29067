"""The council's agenda rules (pure): voting rounds over approved proposals, the agenda a count
gives, its documents, and what became of each item.

    plan = RoundPlan("council-2027-01", "ranking", top=5)
    text = round_consultation_text(plan, candidates, languages=..., default_language="de", access="codes")
    agenda = build_agenda(result, candidates, ballots=64, title=..., session_id=..., question_id=...)
    check_status_change(2, "scheduled", "discussed")

No store, widgets or I/O here: the store hands the candidates in (`Store.candidates`), and the
command line writes the documents.
"""

from forum_toolkit.agenda.ballots import BALLOT_KINDS, choose_question, countable_questions, profile_of
from forum_toolkit.agenda.errors import AgendaError, InvalidStatusChange
from forum_toolkit.agenda.model import Agenda, AgendaItem, Candidate, ProposalText, build_agenda
from forum_toolkit.agenda.round import QUESTION_ID, ROUND_KINDS, RoundPlan, option_id, round_consultation_text
from forum_toolkit.agenda.status import FINAL, FIRST, NEXT_STATUSES, STATUSES, check_note, check_status_change, status_label, status_of

__all__ = [
    "BALLOT_KINDS",
    "FINAL",
    "FIRST",
    "NEXT_STATUSES",
    "QUESTION_ID",
    "ROUND_KINDS",
    "STATUSES",
    "Agenda",
    "AgendaError",
    "AgendaItem",
    "Candidate",
    "InvalidStatusChange",
    "ProposalText",
    "RoundPlan",
    "build_agenda",
    "check_note",
    "check_status_change",
    "choose_question",
    "countable_questions",
    "option_id",
    "profile_of",
    "round_consultation_text",
    "status_label",
    "status_of",
]
