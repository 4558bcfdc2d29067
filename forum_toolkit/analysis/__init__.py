"""Analysis for researchers and the integration office: the only place pandas and matplotlib live.

    from forum_toolkit.analysis import load_answers, distribution, crosstab, agreement, rake
    answers = load_answers("sqlite:///data/demo.sqlite3", ["forum-2026-11-12"], language="de")

- frames: `load_answers` -> `Answers` (tidy: one row per answer; wide: one row per ballot)
- participation: `submissions_by`, `over_time`, `completion`, `compare_with_population`
- population, weights: `read_population`, `rake` (raking weights)
- results: `wilson`, `distribution`, `likert`; crosstabs: `crosstab`; agreement: `agreement`
- votes: `profile`, `count_question`, `compare_methods` (through forum_toolkit.voting)
- accountability: `accountability` (what became of the council's agenda items)
- publish: suppressed tables (`published_*`); report: `town_report` (one HTML file)
- plots: charts as matplotlib Figures (imported as `forum_toolkit.analysis.plots`)

See docs/analysis.md.
"""

from forum_toolkit.analysis.accountability import accountability
from forum_toolkit.analysis.agreement import agreement
from forum_toolkit.analysis.crosstabs import CrossTab, crosstab
from forum_toolkit.analysis.errors import AnalysisError, UnknownLanguage, UnknownQuestion
from forum_toolkit.analysis.frames import Answers, answers_from, load_answers
from forum_toolkit.analysis.participation import compare_with_population, completion, over_time, submissions_by
from forum_toolkit.analysis.population import DEFAULT_POPULATION, InvalidPopulation, Population, read_population
from forum_toolkit.analysis.publish import Published, published_agreement, published_counts, published_crosstab, published_distribution
from forum_toolkit.analysis.report import town_report
from forum_toolkit.analysis.results import distribution, likert, wilson
from forum_toolkit.analysis.votes import compare_methods, count_question, profile
from forum_toolkit.analysis.weights import Raking, rake

__all__ = [
    "DEFAULT_POPULATION",
    "AnalysisError",
    "Answers",
    "CrossTab",
    "InvalidPopulation",
    "Population",
    "Published",
    "Raking",
    "UnknownLanguage",
    "UnknownQuestion",
    "accountability",
    "agreement",
    "answers_from",
    "compare_methods",
    "compare_with_population",
    "completion",
    "count_question",
    "crosstab",
    "distribution",
    "likert",
    "load_answers",
    "over_time",
    "profile",
    "published_agreement",
    "published_counts",
    "published_crosstab",
    "published_distribution",
    "rake",
    "read_population",
    "submissions_by",
    "town_report",
    "wilson",
]
