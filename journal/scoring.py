"""Position on the charity-to-solidarity spectrum, exactly as SPEC 2.2 defines it.

Every number is a ``Fraction``: a level is decided by comparing fractions, so no
floating-point rounding can move a week from one level to another. Floats are
made only at the edge, for display and JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property

from journal.weeks import Week, term_weeks, week_number

LEVELS = ("charity", "contributory", "radical")


@dataclass(frozen=True)
class ScoredActivity:
    """What scoring needs of one activity: its date, hours and ticked criteria."""

    day: date
    hours: Fraction
    criteria: tuple[tuple[str, str, int], ...]  # (criterion id, model id, model position)

    @cached_property  # asked for by every period, week and level the activity counts in
    def position(self) -> Fraction | None:
        return activity_position(p for _, _, p in self.criteria)


@dataclass(frozen=True)
class PeriodScore:
    position: Fraction | None
    hours: Fraction
    activities: int

    @property
    def level(self) -> str | None:
        return None if self.position is None else level(self.position)


@dataclass(frozen=True)
class WeekScore(PeriodScore):
    """A period score for one week of a term; ``position`` None marks a gap."""

    week: Week


def activity_position(positions: Iterable[int | Fraction]) -> Fraction | None:
    """The mean of the model positions of the ticked criteria; None when none is ticked."""
    values = list(positions)
    if not values:
        return None
    if all(type(p) is int for p in values):
        # model positions are whole numbers: one exact Fraction instead of one per tick
        # (the activity list scores every row it shows)
        return Fraction(sum(values), len(values))
    return sum((Fraction(p) for p in values), Fraction(0)) / len(values)


def period_position(activities: Iterable[ScoredActivity]) -> Fraction | None:
    """Hours-weighted mean of the positions of the activities that have one.

    When those activities' hours add up to 0 the plain mean is used instead.
    """
    scored = [(a.hours, pos) for a in activities if (pos := a.position) is not None]
    if not scored:
        return None
    total_hours = sum((h for h, _ in scored), Fraction(0))
    if total_hours == 0:
        return sum((p for _, p in scored), Fraction(0)) / len(scored)
    return sum((h * p for h, p in scored), Fraction(0)) / total_hours


def level(position: Fraction | int) -> str:
    """charity when 3p < 100, contributory when 3p < 200, radical otherwise."""
    tripled = 3 * Fraction(position)
    if tripled < 100:
        return "charity"
    if tripled < 200:
        return "contributory"
    return "radical"


def period_score(activities: Sequence[ScoredActivity]) -> PeriodScore:
    return PeriodScore(period_position(activities), sum((a.hours for a in activities), Fraction(0)), len(activities))


def model_shares(activities: Iterable[ScoredActivity], model_ids: Sequence[str] = LEVELS) -> dict[str, Fraction | None]:
    """Each model's ticks divided by all ticks in the period; None for all when nothing is ticked."""
    counts = Counter(model for a in activities for _, model, _ in a.criteria)
    total = sum(counts.values())
    return {m: (Fraction(counts[m], total) if total else None) for m in model_ids}


def criteria_counts(activities: Iterable[ScoredActivity]) -> list[tuple[str, int]]:
    """How often each criterion was ticked, most often first (ties by id)."""
    counts = Counter(cid for a in activities for cid, _, _ in a.criteria)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def weekly_series(start: date, end: date, activities: Iterable[ScoredActivity]) -> list[WeekScore]:
    """One score per week of the term; a week without activities has no position (a gap)."""
    weeks = term_weeks(start, end)
    buckets: list[list[ScoredActivity]] = [[] for _ in weeks]
    for activity in activities:
        number = week_number(start, end, activity.day)
        if number is not None:
            buckets[number - 1].append(activity)
    return [
        WeekScore(period_position(b), sum((a.hours for a in b), Fraction(0)), len(b), w)
        for w, b in zip(weeks, buckets, strict=True)
    ]


def moving_average(values: Sequence[Fraction | None], window: int = 3) -> list[Fraction | None]:
    """Trailing mean of the last ``window`` weeks that have a position; None where none of them has."""
    result: list[Fraction | None] = []
    for index in range(len(values)):
        recent = [v for v in values[max(0, index - window + 1) : index + 1] if v is not None]
        result.append(sum(recent, Fraction(0)) / len(recent) if recent and values[index] is not None else None)
    return result


def term_shift(start: date, end: date, activities: Iterable[ScoredActivity]) -> Fraction | None:
    """Position of the term's second half minus its first; the first half is weeks 1..floor(N/2)."""
    weeks = term_weeks(start, end)
    half = len(weeks) // 2
    if half == 0:
        return None
    boundary = weeks[half].start
    inside = [a for a in activities if start <= a.day <= end]
    first = period_position(a for a in inside if a.day < boundary)
    second = period_position(a for a in inside if a.day >= boundary)
    if first is None or second is None:
        return None
    return second - first
