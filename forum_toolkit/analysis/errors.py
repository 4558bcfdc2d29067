"""What the analysis refuses, each as one clear message (the CLI prints it as one line)."""

from __future__ import annotations

from forum_toolkit.errors import ForumToolkitError


class AnalysisError(ForumToolkitError):
    """A question, language, group or file the analysis cannot use as asked."""


class UnknownLanguage(AnalysisError):
    def __init__(self, language: str, offered: tuple[str, ...]):
        super().__init__(f"language {language!r}: expected one of the consultation's languages ({', '.join(offered)})")
        self.language = language


class UnknownQuestion(AnalysisError):
    def __init__(self, question_id: str, known: tuple[str, ...], what: str = "question"):
        super().__init__(f"{what} {question_id!r}: expected one of {', '.join(known)}")
        self.question_id = question_id
