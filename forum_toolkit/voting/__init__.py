"""Counting ballots: pure functions over plain data that return frozen results keeping their steps.

    >>> from forum_toolkit.voting import Profile, Ranking, count
    >>> profile = Profile.build(["A", "B", "C"], [(3, Ranking.of("A", "B")), (2, Ranking.of("B", "C"))])
    >>> count(profile, "schulze").winners
    ('A',)

Every method is in `REGISTRY` under its name (see docs/voting.md for what each one does, in plain
words); `count(profile, name, seats=..., tie_break=TieBreak.parse("seed:42"))` runs one.
Ballot files: `read_ballots` / `write_ballots` (PrefLib .soc .soi .toc .toi .cat, and CSV).
"""

from forum_toolkit.voting import scoring, runoff, pairwise, judgment, stv, equal_shares  # noqa: F401, I001 (registers the methods, in this order)
from forum_toolkit.voting.ballots import APPROVAL, KINDS, RANKING, SCORES, Approval, InvalidProfile, Profile, Ranking, Scores
from forum_toolkit.voting.registry import REGISTRY, CannotCount, Method, count, get_method, methods_for
from forum_toolkit.voting.result import Result
from forum_toolkit.voting.tiebreak import EARLIEST, InvalidTieBreak, TieBreak, TieBreakRecord, TieBreakUse

__all__ = [
    "APPROVAL",
    "EARLIEST",
    "KINDS",
    "RANKING",
    "REGISTRY",
    "SCORES",
    "Approval",
    "CannotCount",
    "InvalidProfile",
    "InvalidTieBreak",
    "Method",
    "Profile",
    "Ranking",
    "Result",
    "Scores",
    "TieBreak",
    "TieBreakRecord",
    "TieBreakUse",
    "count",
    "get_method",
    "methods_for",
]
