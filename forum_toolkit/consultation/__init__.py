"""Consultation files: their model, their validation and the condition language (pure core)."""

from forum_toolkit.consultation.answers import AnswerProblem, check_answers, visible_questions
from forum_toolkit.consultation.load import Report, check_file, check_text, content_hash, load_consultation, load_consultation_text
from forum_toolkit.consultation.model import Consultation, Kind, Page, Question, Text
from forum_toolkit.consultation.problems import InvalidConsultation, Problem

__all__ = [
    "AnswerProblem",
    "Consultation",
    "InvalidConsultation",
    "Kind",
    "Page",
    "Problem",
    "Question",
    "Report",
    "Text",
    "check_answers",
    "check_file",
    "check_text",
    "content_hash",
    "load_consultation",
    "load_consultation_text",
    "visible_questions",
]
