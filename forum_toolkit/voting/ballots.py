"""Ballots and profiles: what people handed in, checked once and then trusted.

Three kinds of ballot, one per way of asking:

- `Ranking`: proposals in order of preference, best first. A group of several proposals at one place
  is a tie; proposals a person did not rank are below every ranked one and tied with each other
  (a partial or "top-k" ranking).
- `Approval`: the set of proposals a person supports.
- `Scores`: a number per proposal: a score, a grade (higher is better) or a number of dots. A proposal
  a person skipped has no entry; each method says how it counts a skipped proposal.

A `Profile` is the candidates (in the order they were submitted: the "earliest submission"
tie-break reads this order) and the ballots with how many people handed in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from typing import Iterable, Mapping, Sequence

from forum_toolkit.errors import ForumToolkitError

RANKING = "ranking"
APPROVAL = "approval"
SCORES = "scores"
KINDS = (RANKING, APPROVAL, SCORES)


class InvalidProfile(ForumToolkitError):
    """Ballots that cannot be counted: an unknown candidate, a candidate ranked twice, a bad count."""


@lru_cache(maxsize=4096)
def alone(candidate: str) -> frozenset[str]:
    """A place held by one candidate. The same (immutable) set for every ballot: 10,000 ballots of 30
    places make 30 sets, not 300,000, which is most of the time it takes to read them."""
    return frozenset((candidate,))


@dataclass(frozen=True)
class Ranking:
    """Groups of candidates, best first; candidates in one group are tied. Unlisted ones come last."""

    groups: tuple[frozenset[str], ...]
    kind = RANKING

    @classmethod
    def of(cls, *places: str | Iterable[str]) -> "Ranking":
        """`Ranking.of("A", {"B", "C"}, "D")`: A first, B and C tied second, D fourth."""
        return cls(tuple(alone(p) if isinstance(p, str) else frozenset(p) for p in places))

    @cached_property
    def ranked(self) -> frozenset[str]:
        return frozenset(chain.from_iterable(self.groups))

    def top(self, continuing: frozenset[str] | set[str]) -> frozenset[str]:
        """The most preferred of the continuing candidates (a tie gives several); empty if none is ranked."""
        for group in self.groups:
            present = group & continuing
            if present:
                return frozenset(present)
        return frozenset()

    def bottom(self, continuing: frozenset[str] | set[str]) -> frozenset[str]:
        """The least preferred continuing candidates: the unranked ones if any, else the last group."""
        unranked = frozenset(continuing) - self.ranked
        if unranked:
            return unranked
        for group in reversed(self.groups):
            present = group & continuing
            if present:
                return frozenset(present)
        return frozenset()

    def level(self) -> dict[str, int]:
        """Candidate -> place index (0 best). Unranked candidates are absent."""
        return {c: i for i, group in enumerate(self.groups) for c in group}

    def is_strict(self) -> bool:
        return all(len(g) == 1 for g in self.groups)


@dataclass(frozen=True)
class Approval:
    approved: frozenset[str]
    kind = APPROVAL

    @classmethod
    def of(cls, *candidates: str) -> "Approval":
        return cls(frozenset(candidates))


@dataclass(frozen=True)
class Scores:
    """Candidate -> number (score, grade or dots). Skipped candidates have no entry."""

    values: tuple[tuple[str, int], ...]
    kind = SCORES

    @classmethod
    def of(cls, mapping: Mapping[str, int]) -> "Scores":
        return cls(tuple(sorted(mapping.items())))

    def as_dict(self) -> dict[str, int]:
        return dict(self.values)


Ballot = Ranking | Approval | Scores


@dataclass(frozen=True)
class Profile:
    """Candidates in submission order and the ballots with their counts (how many people)."""

    candidates: tuple[str, ...]
    kind: str
    ballots: tuple[Ballot, ...]
    counts: tuple[int, ...]
    scale: tuple[int, int] | None = None  # lowest and highest allowed number on a Scores ballot

    def __post_init__(self):
        if self.kind not in KINDS:
            raise InvalidProfile(f"unknown ballot kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if len(set(self.candidates)) != len(self.candidates):
            raise InvalidProfile("a candidate is listed twice")
        if len(self.ballots) != len(self.counts):
            raise InvalidProfile("each ballot needs a count")
        known = frozenset(self.candidates)
        sound_names: set[tuple[str, ...]] = set()  # the scored candidates of ballots already checked
        for number, (ballot, count) in enumerate(zip(self.ballots, self.counts), start=1):
            _check_ballot(number, ballot, count, self.kind, known, self.scale, sound_names)

    @classmethod
    def build(
        cls,
        candidates: Sequence[str],
        ballots: Iterable[Ballot | tuple[int, Ballot]],
        *,
        scale: tuple[int, int] | None = None,
    ) -> "Profile":
        """A profile from ballots, each either a ballot (count 1) or `(count, ballot)`."""
        pairs = [item if isinstance(item, tuple) else (1, item) for item in ballots]
        kinds = {b.kind for _, b in pairs}
        if len(kinds) > 1:
            raise InvalidProfile(f"ballots of different kinds in one count: {', '.join(sorted(kinds))}")
        kind = kinds.pop() if kinds else RANKING
        if kind == SCORES and scale is None:
            numbers = [v for _, b in pairs for _, v in b.values]
            scale = (min([0, *numbers]), max([0, *numbers]))
        return cls(tuple(candidates), kind, tuple(b for _, b in pairs), tuple(c for c, _ in pairs), scale)

    @property
    def voters(self) -> int:
        return sum(self.counts)

    @cached_property
    def unranked(self) -> tuple[frozenset[str], ...]:
        """Per ranking ballot, the candidates it left unranked (empty for a complete ranking)."""
        everyone = frozenset(self.candidates)
        return tuple(everyone - b.ranked if len(b.ranked) < len(everyone) else frozenset() for b in self.ballots)

    def items(self) -> Iterable[tuple[Ballot, int]]:
        return zip(self.ballots, self.counts)

    @property
    def lowest(self) -> int:
        return self.scale[0] if self.scale else 0


def _a_sound_ranking(ballot, count, kind, known) -> bool:
    """The quick look that passes almost every ranking: a count, no empty place, nobody twice (the
    places' sizes add up to the people ranked), nobody unknown. Anything else gets the slow look
    below, which says what is wrong."""
    return (
        type(count) is int and count >= 0 and kind == RANKING and type(ballot) is Ranking
        and all(ballot.groups) and sum(map(len, ballot.groups)) == len(ballot.ranked) and ballot.ranked <= known
    )


def _sound_scores(ballot, count, kind, known, scale, sound_names: set) -> bool:
    """The same quick look for numbers: whole numbers on the scale, each candidate known and once
    (`sound_names`: the candidates of ballots that passed, which most ballots repeat)."""
    if not (type(count) is int and count >= 0 and kind == SCORES and type(ballot) is Scores):
        return False
    if not ballot.values:
        return True
    names, numbers = zip(*ballot.values)
    if names not in sound_names:
        if len(set(names)) != len(names) or not known.issuperset(names):
            return False
        sound_names.add(names)
    return set(map(type, numbers)) == {int} and (scale is None or scale[0] <= min(numbers) and max(numbers) <= scale[1])


def _check_ballot(number, ballot, count, kind, known, scale, sound_names=None) -> None:
    if _a_sound_ranking(ballot, count, kind, known) or _sound_scores(ballot, count, kind, known, scale, set() if sound_names is None else sound_names):
        return
    where = f"ballot {number}"
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise InvalidProfile(f"{where}: expected a count of 0 or more people, found {count!r}")
    if ballot.kind != kind:
        raise InvalidProfile(f"{where}: expected a {kind} ballot, found a {ballot.kind} ballot")
    if isinstance(ballot, Ranking):
        seen: set[str] = set()
        for group in ballot.groups:
            if not group:
                raise InvalidProfile(f"{where}: an empty place in the ranking")
            twice = seen & group
            if twice:
                raise InvalidProfile(f"{where}: {sorted(twice)[0]!r} is ranked twice")
            seen |= group
        names = seen
    elif isinstance(ballot, Approval):
        names = set(ballot.approved)
    else:
        names = {c for c, _ in ballot.values}
        if len(names) != len(ballot.values):
            raise InvalidProfile(f"{where}: a candidate has two numbers")
        for candidate, value in ballot.values:
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidProfile(f"{where}: expected a whole number for {candidate!r}, found {value!r}")
            if scale and not scale[0] <= value <= scale[1]:
                raise InvalidProfile(
                    f"{where}: expected a number from {scale[0]} to {scale[1]} for {candidate!r}, found {value}"
                )
    unknown = names - known
    if unknown:
        raise InvalidProfile(f"{where}: unknown candidate {sorted(unknown)[0]!r}")
