"""Majority judgment: every proposal is graded; the one with the best median grade wins.

Grades are whole numbers, a higher number a better grade (for example 0 reject, 1 poor, 2 fair,
3 good, 4 very good, 5 excellent). A proposal a person did not grade gets the lowest grade of the
scale from them: not knowing a proposal is not support for it.
"""

from __future__ import annotations

from fractions import Fraction

from forum_toolkit.voting.ballots import SCORES, Profile
from forum_toolkit.voting.registry import method
from forum_toolkit.voting.result import groups_by_score, single_result


def grades_of(profile: Profile) -> dict[str, dict[int, int]]:
    """Candidate -> {grade: how many people gave it}."""
    tables: dict[str, dict[int, int]] = {c: {} for c in profile.candidates}
    graded = dict.fromkeys(profile.candidates, 0)
    for ballot, count in profile.items():
        for candidate, grade in ballot.values:
            table = tables[candidate]
            table[grade] = table.get(grade, 0) + count
            graded[candidate] += count
    for candidate, table in tables.items():  # not graded: the lowest grade
        if profile.voters > graded[candidate]:
            table[profile.lowest] = table.get(profile.lowest, 0) + profile.voters - graded[candidate]
    return tables


def lower_median(table: dict[int, int]) -> int | None:
    total = sum(table.values())
    if total == 0:
        return None
    position = (total - 1) // 2
    seen = 0
    for grade in sorted(table):
        seen += table[grade]
        if seen > position:
            return grade
    raise AssertionError("unreachable")


def gauge(table: dict[int, int], median: int) -> Fraction:
    """Balinski and Laraki's majority gauge: the share above the median if it is larger than the share
    below it, else minus the share below (more people above the median is better)."""
    total = sum(table.values())
    above = Fraction(sum(n for g, n in table.items() if g > median), total)
    below = Fraction(sum(n for g, n in table.items() if g < median), total)
    return above if above > below else -below


def majority_value(table: dict[int, int]) -> tuple[int, ...]:
    """The medians found by taking away one median grade at a time (Balinski and Laraki)."""
    grades = [g for g in sorted(table) for _ in range(table[g])]
    left, right = (len(grades) - 1) // 2, (len(grades) - 1) // 2 + 1
    sequence = []
    for remaining in range(len(grades), 0, -1):
        # the lower median of what is left is the inner end of the left or the right part
        if (remaining - 1) // 2 <= left and left >= 0:
            sequence.append(grades[left])
            left -= 1
        else:
            sequence.append(grades[right])
            right += 1
    return tuple(sequence)


@method(
    "majority-judgment",
    title="Majority judgment",
    kind=SCORES,
    summary="Every proposal gets a grade from everyone; the proposal with the best median grade wins.",
)
def majority_judgment(profile: Profile, seats: int, tiebreaker):
    """Order: the median grade (the lower one for an even number of people), then the majority gauge,
    then the majority value (the medians found by removing one median grade at a time). Two proposals
    stay tied only when they received exactly the same grades."""
    tables = grades_of(profile)
    medians = {c: lower_median(t) for c, t in tables.items()}
    if profile.voters == 0:
        order = [list(profile.candidates)]
        keys = {}
    else:
        keys = {c: (medians[c], gauge(t, medians[c])) for c, t in tables.items()}
        level = [c for c in keys if sum(keys[d] == keys[c] for d in keys) > 1]
        for c in level:  # the majority value only decides between equal medians and gauges: only there
            keys[c] += (majority_value(tables[c]),)
        order = groups_by_score(profile.candidates, keys)
    steps = {
        "grades": {c: dict(sorted(t.items(), reverse=True)) for c, t in tables.items()},
        "median grade": medians,
        "gauge": {c: k[1] for c, k in keys.items()},
        "ungraded counts as": profile.lowest,
    }
    return single_result("majority-judgment", profile, seats, tiebreaker, order, steps)
