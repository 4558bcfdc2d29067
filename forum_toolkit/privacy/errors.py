"""What the suppression policy refuses, each as one clear message."""

from __future__ import annotations

from forum_toolkit.errors import ForumToolkitError


class PrivacyError(ForumToolkitError):
    """A table or chart that must not be published as asked."""


class InvalidThreshold(PrivacyError, ValueError):
    """A threshold that protects nobody: not a whole number of 1 or more."""

    def __init__(self, threshold: object):
        super().__init__(f"threshold: expected a whole number of 1 or more, found {threshold!r}")
        self.threshold = threshold


class FreeTextNotPublished(PrivacyError):
    """Participants' own words are never a published table: they can name or describe a person."""

    def __init__(self, question_id: str, kind: str):
        super().__init__(
            f"question {question_id!r} is free text ({kind}); free text is never part of a published table"
        )
        self.question_id = question_id
