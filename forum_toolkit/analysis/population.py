"""The town's population structure, read from a CSV file (data/town-population.csv; see
docs/population.md), to compare who took part with who lives in the town.

One row per category of a self-described group question:

| column    | what                                                                           |
| --------- | ------------------------------------------------------------------------------ |
| variable  | the question id in the consultation (`age_group`, `years_in_town`, ...)        |
| category  | the option id of that question (`age_18_29`)                                   |
| residents | how many residents are in this category: a whole number, 0 or more            |
| source    | where the number comes from (free text, optional)                              |

Options a participant can choose that have no row (`no_answer`, `not_living_here`) are left out of
the comparison and of the weights. Every variable should add up to the same total (the town's
residents); `read_population` says which one does not, with the file and line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from forum_toolkit.analysis.errors import AnalysisError

DEFAULT_POPULATION = Path(__file__).resolve().parents[2] / "data" / "town-population.csv"
COLUMNS = ("variable", "category", "residents")


class InvalidPopulation(AnalysisError):
    """A population file that cannot be read: named with file, line and column."""


@dataclass(frozen=True)
class Population:
    """Residents per category, per variable, in the file's order."""

    counts: Mapping[str, Mapping[str, int]]
    source: str = ""

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(self.counts)

    def shares(self, variable: str) -> dict[str, float]:
        """Category -> share of the residents, for one variable."""
        counts = self.of(variable)
        total = sum(counts.values())
        return {category: residents / total for category, residents in counts.items()}

    def of(self, variable: str) -> Mapping[str, int]:
        if variable not in self.counts:
            raise AnalysisError(f"{self.source}: no rows for {variable!r}; the file has {', '.join(self.counts)}")
        return self.counts[variable]

    def total(self, variable: str) -> int:
        return sum(self.of(variable).values())


def read_population(path: str | Path = DEFAULT_POPULATION) -> Population:
    """Read a population file; an InvalidPopulation names the file, line and column of a problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidPopulation(f"{path}: cannot be read ({error.strerror})") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise InvalidPopulation(f"{path}:1: missing column {missing[0]!r}; expected columns {', '.join(COLUMNS)}")
    counts: dict[str, dict[str, int]] = {}
    for line, row in enumerate(reader, start=2):
        variable, category, residents = (row[c].strip() if row[c] else "" for c in COLUMNS)
        if not variable or not category:
            raise InvalidPopulation(f"{path}:{line}: variable and category must not be empty")
        if not residents.isdigit():
            raise InvalidPopulation(f"{path}:{line}: residents: expected a whole number of 0 or more, found {residents!r}")
        if category in counts.get(variable, {}):
            raise InvalidPopulation(f"{path}:{line}: {variable} {category} is listed twice")
        counts.setdefault(variable, {})[category] = int(residents)
    if not counts:
        raise InvalidPopulation(f"{path}: no rows")
    totals = {variable: sum(c.values()) for variable, c in counts.items()}
    if len(set(totals.values())) > 1:
        first = next(iter(totals))
        other = next(v for v in totals if totals[v] != totals[first])
        raise InvalidPopulation(
            f"{path}: {other} adds up to {totals[other]} residents, but {first} to {totals[first]}; every variable should count the same residents"
        )
    frozen = {variable: MappingProxyType(c) for variable, c in counts.items()}
    return Population(MappingProxyType(frozen), str(path))
