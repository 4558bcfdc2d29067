"""Raking weights: make the participants count as the town's population structure would.

    population = read_population("data/town-population.csv")
    raked = rake(answers, population, ["age_group", "years_in_town"])
    raked.weights          # one weight per ballot (indexed by submission_id), mean 1
    raked.design_effect    # Kish's 1 + CV²: 2.0 means the weighted answers are worth half as many

Raking (iterative proportional fitting, Deming & Stephan 1940) adjusts the weights one variable at a
time until every variable's weighted shares match the town's. People who did not answer a variable
(or chose an option the population file has no row for, such as "no answer") keep their weight for
that variable: the others are adjusted among themselves.

Weights correct for who came only as far as the variables reach: they cannot bring in the views of
people nobody like them shared. A category with no participants cannot be weighted up: `rake`
refuses it and says which one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from forum_toolkit.analysis.errors import AnalysisError, UnknownQuestion
from forum_toolkit.analysis.frames import Answers
from forum_toolkit.analysis.population import Population


@dataclass(frozen=True)
class Raking:
    """The weights and how they were found."""

    weights: pd.Series = field(repr=False)  # by submission_id, mean 1
    variables: tuple[str, ...]
    iterations: int
    converged: bool
    largest_change: float  # the largest factor - 1 of the last iteration

    @property
    def design_effect(self) -> float:
        """Kish's design effect n Σw² / (Σw)²: how much the weights widen the intervals."""
        w = self.weights.to_numpy(dtype=float)
        return float(len(w) * (w**2).sum() / w.sum() ** 2) if len(w) else 1.0

    @property
    def effective_size(self) -> float:
        return len(self.weights) / self.design_effect


def rake(answers: Answers, population: Population, variables: Sequence[str], *, tolerance: float = 1e-9, max_iterations: int = 200) -> Raking:
    """Weights that match `population` on `variables` (group questions of the consultation)."""
    if not variables:
        raise AnalysisError("rake: name at least one group question to weight by")
    wide = answers.wide
    codes = {}
    for variable in variables:
        if variable not in answers.groups:
            raise UnknownQuestion(variable, answers.groups, what="group question")
        targets = population.shares(variable)
        column = wide[variable].astype("string")
        empty = [c for c, share in targets.items() if share > 0 and not (column == c).any()]
        if empty:
            raise AnalysisError(
                f"cannot weight by {variable}: nobody in category {empty[0]!r} took part; merge it with a neighbouring category in the population file or leave {variable} out"
            )
        codes[variable] = (column.fillna("").to_numpy(), targets)
    weights = np.ones(len(wide))
    change, iteration = float("inf"), 0
    while iteration < max_iterations and change > tolerance:
        iteration += 1
        change = 0.0
        for column, targets in codes.values():
            known = np.isin(column, list(targets))
            known_total = weights[known].sum()
            for category, share in targets.items():
                members = column == category
                current = weights[members].sum()
                if current == 0:
                    continue  # a category with no residents and no participants
                factor = share * known_total / current
                weights[members] *= factor
                change = max(change, abs(factor - 1))
    weights *= len(weights) / weights.sum() if len(weights) else 1
    series = pd.Series(weights, index=pd.Index(wide["submission_id"], name="submission_id"), name="weight")
    return Raking(series, tuple(variables), iteration, bool(change <= tolerance), float(change))
