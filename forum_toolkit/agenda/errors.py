"""What the agenda rules report: one line each, for the CLI to print as it is."""

from __future__ import annotations

from forum_toolkit.errors import ForumToolkitError


class AgendaError(ForumToolkitError):
    """A round, an agenda or a status note that cannot be made as asked."""


class InvalidStatusChange(AgendaError, ValueError):
    """A status an agenda item cannot move to from the one it has."""

    def __init__(self, position: int, current: str, wanted: str, allowed: tuple[str, ...]):
        self.position, self.current, self.wanted, self.allowed = position, current, wanted, allowed
        then = f"it can become {', '.join(allowed)}" if allowed else f"{current} is final"
        super().__init__(f"agenda item {position} is {current} and cannot become {wanted}; {then}")
