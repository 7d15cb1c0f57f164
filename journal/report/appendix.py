"""The report's appendix: the framework the student judged with, how the numbers are made, and the sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journal.records.framework import Framework
from journal.scoring.explain import SCORING_IN_WORDS

# The course is built on this paper; whatever order the framework file lists its
# sources in, the report cites it first.
CORE_SOURCE_MARK = "Solidarity, not charity"

SCORING_DETAILS = (
    SCORING_IN_WORDS,
    "For example, an activity with two radical criteria and one charity criterion ticked sits at "
    "(100 + 100 + 0) / 3 = 66⅔, which is radical. A week with that activity (3 hours) and one at 0 "
    "(1 hour) sits at (3 × 66⅔ + 1 × 0) / 4 = 50, contributory.",
    "Model shares count ticks, not hours: each model's share is the number of its criteria ticked on the "
    "term's activities divided by all the criteria ticked there.",
    "Week 1 starts on the first day of the term and every week runs seven days; the last week ends with the "
    "term. For the shift, the first half is weeks 1 to N/2 (rounded down) of the term's N weeks and the second "
    "half is the rest.",
    "The app keeps every number exact (as a fraction) and rounds only for display, to one decimal. Private "
    "activities count in every number; the report shows only their date, hours and criteria.",
)


@dataclass(frozen=True)
class AppendixCriterion:
    criterion_id: str
    statement: str
    source: str
    custom: bool


@dataclass(frozen=True)
class AppendixModel:
    model_id: str
    name: str
    position: int
    summary: str
    criteria: tuple[AppendixCriterion, ...]


@dataclass(frozen=True)
class Appendix:
    models: tuple[AppendixModel, ...]
    scoring: tuple[str, ...]
    sources: tuple[str, ...]


def build_appendix(framework: Framework, hidden: Iterable[str], ticked: set[str]) -> Appendix:
    """The framework as the student used it: hidden criteria drop out unless this term ticked them."""
    hidden_set = set(hidden)
    models = tuple(
        AppendixModel(
            model.id,
            model.name,
            model.position,
            model.summary,
            tuple(
                AppendixCriterion(c.id, c.statement, c.source, c.custom)
                for c in framework.criteria_of(model.id)
                if c.id not in hidden_set or c.id in ticked
            ),
        )
        for model in framework.models
    )
    sources = sorted(framework.sources, key=lambda text: 0 if CORE_SOURCE_MARK in text else 1)
    return Appendix(models, SCORING_DETAILS, tuple(sources))
