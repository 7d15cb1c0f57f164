"""Position on the charity-to-solidarity spectrum, exactly as SPEC 2.2 defines it.

Every number is a ``Fraction``: a level is decided by comparing fractions, so no
floating-point rounding can move a week from one level to another. Floats are
made only at the edge, for display and JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Protocol

from journal.scoring.weeks import Week, term_weeks, week_number

if TYPE_CHECKING:
    from journal.records.framework import Framework

LEVELS = ("charity", "contributory", "radical")


class Scored(Protocol):
    """What a period is scored from: one activity, or activities of one day that share a position."""

    @property
    def day(self) -> date: ...
    @property
    def hours(self) -> Fraction: ...  # of all of them together
    @property
    def count(self) -> int: ...  # how many activities
    @property
    def position(self) -> Fraction | None: ...  # the position each of them has


@dataclass(frozen=True)
class ScoredActivity:
    """What scoring needs of one activity: its date, hours and ticked criteria."""

    day: date
    hours: Fraction
    criteria: tuple[tuple[str, str, int], ...]  # (criterion id, model id, model position)
    count: ClassVar[int] = 1

    @cached_property  # asked for by every period, week and level the activity counts in
    def position(self) -> Fraction | None:
        return activity_position(p for _, _, p in self.criteria)


@dataclass(frozen=True)
class ScoreGroup:
    """Activities of one day whose ticks add up alike, so that they share one position.

    ``tick_sum`` is the sum of the model positions of their ticked criteria (each
    activity's own sum) and ``ticks`` how many each has; what a database can add up
    without knowing SPEC 2.2, which stays here, in ``tick_mean``.
    """

    day: date
    tick_sum: int
    ticks: int
    hours: Fraction
    count: int

    @cached_property
    def position(self) -> Fraction | None:
        return tick_mean(self.tick_sum, self.ticks)


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


def tick_mean(position_sum: int | Fraction, ticks: int) -> Fraction | None:
    """An activity's position from the sum of its ticked criteria's model positions and their number."""
    if ticks == 0:
        return None
    if type(position_sum) is int:
        # model positions are whole numbers: one exact Fraction instead of one per tick
        # (the activity list scores every row it shows)
        return Fraction(position_sum, ticks)
    return Fraction(position_sum) / ticks


def tick_positions(framework: Framework, criterion_ids: Iterable[str]) -> list[int]:
    """The model position of each ticked criterion; a criterion the framework does not know counts for nothing.

    The one rule for an activity's ticks (SPEC 2.2): ``position_sql.tick_position`` is the same in SQL.
    """
    return [framework.position_of(c) for c in criterion_ids if framework.has_criterion(c)]


def position_of_ticks(framework: Framework, criterion_ids: Iterable[str]) -> Fraction | None:
    """An activity's position from the criteria ticked on it; None when none the framework knows is ticked."""
    return activity_position(tick_positions(framework, criterion_ids))


def activity_position(positions: Iterable[int | Fraction]) -> Fraction | None:
    """The mean of the model positions of the ticked criteria; None when none is ticked."""
    values = list(positions)
    if all(type(p) is int for p in values):
        return tick_mean(sum(values), len(values))
    return tick_mean(sum((Fraction(p) for p in values), Fraction(0)), len(values))


def period_position(scored: Iterable[Scored]) -> Fraction | None:
    """Hours-weighted mean of the positions of the activities that have one.

    When those activities' hours add up to 0 the plain mean is used instead. A
    group of activities sharing a position counts as each of them would.
    """
    placed = [(s.hours, pos, s.count) for s in scored if (pos := s.position) is not None]
    if not placed:
        return None
    total_hours = sum((h for h, _, _ in placed), Fraction(0))
    if total_hours == 0:
        return sum((p * n for _, p, n in placed), Fraction(0)) / sum(n for _, _, n in placed)
    return sum((h * p for h, p, _ in placed), Fraction(0)) / total_hours


def level(position: Fraction | int) -> str:
    """charity when 3p < 100, contributory when 3p < 200, radical otherwise."""
    tripled = 3 * Fraction(position)
    if tripled < 100:
        return "charity"
    if tripled < 200:
        return "contributory"
    return "radical"


def period_score(scored: Sequence[Scored]) -> PeriodScore:
    return PeriodScore(
        period_position(scored), sum((s.hours for s in scored), Fraction(0)), sum(s.count for s in scored)
    )


def shares_of(model_ticks: Mapping[str, int], model_ids: Sequence[str] = LEVELS) -> dict[str, Fraction | None]:
    """Each model's ticks divided by all ticks (of every model); None for all when nothing is ticked."""
    total = sum(model_ticks.values())
    return {m: (Fraction(model_ticks.get(m, 0), total) if total else None) for m in model_ids}


def model_shares(activities: Iterable[ScoredActivity], model_ids: Sequence[str] = LEVELS) -> dict[str, Fraction | None]:
    """Each model's ticks divided by all ticks in the period; None for all when nothing is ticked."""
    return shares_of(Counter(model for a in activities for _, model, _ in a.criteria), model_ids)


def most_ticked(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Criteria with how often each was ticked, most often first (ties by id)."""
    return sorted(((c, n) for c, n in counts.items() if n), key=lambda item: (-item[1], item[0]))


def criteria_counts(activities: Iterable[ScoredActivity]) -> list[tuple[str, int]]:
    """How often each criterion was ticked, most often first (ties by id)."""
    return most_ticked(Counter(cid for a in activities for cid, _, _ in a.criteria))


def weekly_series(start: date, end: date, scored: Iterable[Scored]) -> list[WeekScore]:
    """One score per week of the term; a week without activities has no position (a gap)."""
    weeks = term_weeks(start, end)
    buckets: list[list[Scored]] = [[] for _ in weeks]
    for item in scored:
        number = week_number(start, end, item.day)
        if number is not None:
            buckets[number - 1].append(item)
    return [
        WeekScore(period_position(b), sum((s.hours for s in b), Fraction(0)), sum(s.count for s in b), w)
        for w, b in zip(weeks, buckets, strict=True)
    ]


def moving_average(values: Sequence[Fraction | None], window: int = 3) -> list[Fraction | None]:
    """Trailing mean of the last ``window`` weeks that have a position; None where none of them has."""
    result: list[Fraction | None] = []
    for index in range(len(values)):
        recent = [v for v in values[max(0, index - window + 1) : index + 1] if v is not None]
        result.append(sum(recent, Fraction(0)) / len(recent) if recent and values[index] is not None else None)
    return result


def term_shift(start: date, end: date, scored: Iterable[Scored]) -> Fraction | None:
    """Position of the term's second half minus its first; the first half is weeks 1..floor(N/2)."""
    weeks = term_weeks(start, end)
    half = len(weeks) // 2
    if half == 0:
        return None
    boundary = weeks[half].start
    inside = [a for a in scored if start <= a.day <= end]
    first = period_position(a for a in inside if a.day < boundary)
    second = period_position(a for a in inside if a.day >= boundary)
    if first is None or second is None:
        return None
    return second - first
