"""A term's numbers: everything the spectrum view, the report and ``stats`` show.

Read with two plain SQL queries (activities, then ticks) rather than by loading
objects, and scored only by the functions of ``journal.scoring``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from sqlalchemy import select

from journal.framework import Framework
from journal.reflections import weekly_reflections
from journal.schema import Activity, Tick
from journal.scoring import (
    LEVELS,
    ScoredActivity,
    WeekScore,
    criteria_counts,
    level,
    model_shares,
    period_score,
    term_shift,
    weekly_series,
)
from journal.storage import Journal
from journal.terms import TermInfo


@dataclass(frozen=True)
class TermStats:
    term: TermInfo
    activities: list[ScoredActivity]
    weeks: list[WeekScore]
    reflected_weeks: frozenset[int]
    position: Fraction | None
    hours: Fraction
    shares: dict[str, Fraction | None]
    shift: Fraction | None
    top_criteria: list[tuple[str, int]]
    organizations: int

    @property
    def level(self) -> str | None:
        return None if self.position is None else level(self.position)

    def level_totals(self) -> dict[str, tuple[Fraction, int]]:
        """Hours and number of activities at each level (and 'unscored')."""
        totals: dict[str, tuple[Fraction, int]] = {k: (Fraction(0), 0) for k in (*LEVELS, "unscored")}
        for activity in self.activities:
            pos = activity.position
            key = "unscored" if pos is None else level(pos)
            hours, count = totals[key]
            totals[key] = (hours + activity.hours, count + 1)
        return totals


def scored_activities(journal: Journal, start: date, end: date) -> list[ScoredActivity]:
    """The live (not trashed) activities dated within [start, end], ready for scoring."""
    framework: Framework = journal.framework
    with journal.session() as session:
        rows = session.execute(
            select(Activity.id, Activity.day, Activity.hours_centi)
            .where(Activity.deleted_at.is_(None), Activity.day.between(start, end))
            .order_by(Activity.day, Activity.id)
        ).all()
        ticks: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        tick_rows = session.execute(
            select(Tick.activity_id, Tick.criterion_id)
            .join(Activity, Activity.id == Tick.activity_id)
            .where(Activity.deleted_at.is_(None), Activity.day.between(start, end))
            .order_by(Tick.activity_id, Tick.criterion_id)
        )
        for activity_id, criterion_id in tick_rows:
            if framework.has_criterion(criterion_id):
                model = framework.criterion(criterion_id).model_id
                ticks[activity_id].append((criterion_id, model, framework.model(model).position))
    return [ScoredActivity(day, Fraction(centi, 100), tuple(ticks[aid])) for aid, day, centi in rows]


def organization_count(journal: Journal, start: date, end: date) -> int:
    with journal.session() as session:
        names = session.scalars(
            select(Activity.organization)
            .where(Activity.deleted_at.is_(None), Activity.day.between(start, end), Activity.organization != "")
            .distinct()
        )
        return len({n.casefold() for n in names})


def term_stats(journal: Journal, term: TermInfo) -> TermStats:
    activities = scored_activities(journal, term.start, term.end)
    score = period_score(activities)
    reflected = frozenset(w for w, text in weekly_reflections(journal, term).items() if text.written)
    return TermStats(
        term=term,
        activities=activities,
        weeks=weekly_series(term.start, term.end, activities),
        reflected_weeks=reflected,
        position=score.position,
        hours=score.hours,
        shares=model_shares(activities),
        shift=term_shift(term.start, term.end, activities),
        top_criteria=criteria_counts(activities),
        organizations=organization_count(journal, term.start, term.end),
    )


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def stats_document(stats: TermStats) -> dict[str, Any]:
    """The ``stats --json`` document of SPEC 6; absent values are None, positions unrounded."""
    term = stats.term
    return {
        "term": {"name": term.name, "start": term.start.isoformat(), "end": term.end.isoformat(), "weeks": term.weeks},
        "hours": _number(stats.hours),
        "activities": len(stats.activities),
        "position": _number(stats.position),
        "level": stats.level,
        "shares": {model: _number(share) for model, share in stats.shares.items()},
        "shift": _number(stats.shift),
        "weeks": [
            {
                "week": w.week.number,
                "start": w.week.start.isoformat(),
                "end": w.week.end.isoformat(),
                "position": _number(w.position),
                "level": w.level,
                "hours": _number(w.hours),
                "activities": w.activities,
                "reflected": w.week.number in stats.reflected_weeks,
            }
            for w in stats.weeks
        ],
    }
