"""What the store reports when it cannot do what it was asked.

Every message is one line an operator can act on. A refused submission carries a `reason` code (and
the answer problems, if any) so that a ballot widget can say it in the participant's language.
"""

from __future__ import annotations

from forum_toolkit.consultation.answers import AnswerProblem
from forum_toolkit.errors import ForumToolkitError

# Why a submission can be refused, with the English wording for logs and the command line.
REFUSALS: dict[str, str] = {
    "unknown_session": "there is no such session",
    "session_not_open": "the session is not open for submissions",
    "bad_submission_id": "the submission id is not a UUID",
    "submission_id_reused": "this submission id was already used for a different ballot",
    "bad_channel": "the channel is not one of tablet, phone, paper, assisted",
    "unknown_language": "the language is not one of the consultation's languages",
    "code_required": "this consultation needs a ballot code",
    "code_not_expected": "this consultation does not use ballot codes",
    "invalid_answers": "the answers do not fit the consultation",
    "code_unknown": "the ballot code is not known",
    "code_used": "the ballot code has already been used",
    "code_other_session": "the ballot code belongs to another session",
}


class StoreError(ForumToolkitError):
    """Anything the store reports."""


class StoreUnavailable(StoreError):
    """The store cannot be opened: a missing directory, a read-only file, a server that is down..."""

    def __init__(self, url: str, why: str):
        self.url = url  # with the password masked
        self.why = why
        super().__init__(f"cannot open the store at {url}: {why}")


class InvalidRequest(StoreError, ValueError):
    """Something the store cannot do as asked: a malformed session id, an unknown state, codes for
    a consultation open to all, ... (a ValueError too, for callers that catch those)."""


class UnknownSession(StoreError):
    """There is no session with this id in the store."""

    def __init__(self, session_id: str):
        self.session_id = session_id
        super().__init__(f"there is no session {session_id!r} in the store")


class DuplicateSession(StoreError):
    """A session with this id exists already: session ids are never reused."""

    def __init__(self, session_id: str):
        self.session_id = session_id
        super().__init__(f"there is already a session {session_id!r}; choose another id")


class StateChangeRefused(StoreError):
    """A session cannot go to this state from its current one (see records.NEXT_STATES)."""

    def __init__(self, session_id: str, current: str, wanted: str):
        self.session_id, self.current, self.wanted = session_id, current, wanted
        super().__init__(f"session {session_id!r} is {current} and cannot become {wanted}")


class SubmissionRefused(StoreError):
    """A submission that was not stored. Nothing of it is kept but an audit entry with the reason."""

    def __init__(self, reason: str, problems: tuple[AnswerProblem, ...] = ()):
        self.reason = reason
        self.problems = problems
        message = REFUSALS[reason]
        if problems:
            message += ": " + "; ".join(problem.message for problem in problems)
        super().__init__(message)
