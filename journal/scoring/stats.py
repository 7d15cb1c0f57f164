"""A term's numbers: everything the spectrum view, the report and ``stats`` show.

The database adds up; ``journal.scoring.position`` scores. One query groups the term's
activities by day and by the sum and number of the model positions of their
ticked criteria (activities alike there share a position), another counts each
criterion's ticks, so a term of 200,000 activities comes back as a few thousand
rows instead of being scored one activity at a time. Every number stays an exact
``Fraction``, the same one that scoring each activity gives (tests/journal/scoring/test_stats_sql.py).
The activities one by one are read only when asked for (the report lists them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any

from sqlalchemy import Select, func, select

from journal.records.framework import Framework
from journal.records.reflections import weekly_reflections
from journal.records.terms import TermInfo
from journal.scoring.position import (
    LEVELS,
    ScoredActivity,
    ScoreGroup,
    WeekScore,
    level,
    most_ticked,
    period_score,
    shares_of,
    term_shift,
    weekly_series,
)
from journal.scoring.position_sql import criteria_by_position, tick_position
from journal.storage.journal_file import Journal
from journal.storage.schema import Activity, Tick


@dataclass(frozen=True)
class TermStats:
    term: TermInfo
    groups: list[ScoreGroup]  # the term's activities, grouped by day and position
    weeks: list[WeekScore]
    reflected_weeks: frozenset[int]
    position: Fraction | None
    hours: Fraction
    shares: dict[str, Fraction | None]
    shift: Fraction | None
    top_criteria: list[tuple[str, int]]
    activity_count: int
    model_ticks: Counter[str]  # ticks of known criteria, per model
    journal: Journal = field(repr=False, compare=False)  # read again for what only some callers ask for

    @cached_property
    def activities(self) -> list[ScoredActivity]:
        """The term's activities one by one, oldest first: read from the journal when first asked for."""
        return scored_activities(self.journal, self.term.start, self.term.end)

    @cached_property
    def organizations(self) -> int:
        """How many organisations the term's activities name (case aside): read when first asked for."""
        return organization_count(self.journal, self.term.start, self.term.end)

    @property
    def level(self) -> str | None:
        return None if self.position is None else level(self.position)

    def level_totals(self) -> dict[str, tuple[Fraction, int]]:
        """Hours and number of activities at each level (and 'unscored')."""
        totals: dict[str, tuple[Fraction, int]] = {k: (Fraction(0), 0) for k in (*LEVELS, "unscored")}
        for group in self.groups:
            pos = group.position
            key = "unscored" if pos is None else level(pos)
            hours, count = totals[key]
            totals[key] = (hours + group.hours, count + group.count)
        return totals


def scored_activities(journal: Journal, start: date, end: date) -> list[ScoredActivity]:
    """The live (not trashed) activities dated within [start, end], ready for scoring."""
    framework: Framework = journal.framework
    with journal.reading() as session:
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


def score_groups(journal: Journal, start: date, end: date) -> list[ScoreGroup]:
    """The live activities dated within [start, end], grouped by day and by how their ticks add up.

    A tick of a criterion the framework does not know counts for nothing, as in
    ``scored_activities``.
    """
    position = tick_position(criteria_by_position(journal.framework))
    per_activity = (
        select(
            Activity.day.label("day"),
            Activity.hours_centi.label("hours_centi"),
            func.coalesce(func.sum(position), 0).label("tick_sum"),
            func.count(position).label("ticks"),
        )
        .select_from(Activity)
        .outerjoin(Tick, Tick.activity_id == Activity.id)
        .where(Activity.deleted_at.is_(None), Activity.day.between(start, end))
        # in the order of the (deleted_at, day) index that finds them, so SQLite needs no sort
        .group_by(Activity.day, Activity.id)
        .subquery()
    )
    grouped = select(
        per_activity.c.day,
        per_activity.c.tick_sum,
        per_activity.c.ticks,
        func.sum(per_activity.c.hours_centi),
        func.count(),
    ).group_by(per_activity.c.day, per_activity.c.tick_sum, per_activity.c.ticks)
    with journal.reading() as session:
        rows = session.execute(grouped).all()
    return [ScoreGroup(day, tick_sum, ticks, Fraction(centi, 100), n) for day, tick_sum, ticks, centi, n in rows]


def _live_ids_within(start: date, end: date) -> Select[int]:
    # read from the (deleted_at, day) index alone, not from the activities' rows
    return select(Activity.id).where(Activity.deleted_at.is_(None), Activity.day.between(start, end))


def tick_counts(journal: Journal, start: date, end: date) -> Counter[str]:
    """How often each criterion the framework knows was ticked on the live activities within [start, end]."""
    framework = journal.framework
    with journal.reading() as session:
        rows = session.execute(
            select(Tick.criterion_id, func.count())
            .where(Tick.activity_id.in_(_live_ids_within(start, end)))
            .group_by(Tick.criterion_id)
        )
        return Counter({cid: n for cid, n in rows if framework.has_criterion(cid)})


def organization_count(journal: Journal, start: date, end: date) -> int:
    with journal.reading() as session:
        names = session.scalars(
            select(Activity.organization)
            .where(Activity.deleted_at.is_(None), Activity.day.between(start, end), Activity.organization != "")
            .distinct()
        )
        return len({n.casefold() for n in names})


def term_stats(journal: Journal, term: TermInfo) -> TermStats:
    framework = journal.framework
    # The two reads are deferred transactions on connections of their own, so they run
    # side by side: the tick counts cost no time of their own on a machine with two cores.
    with ThreadPoolExecutor(max_workers=1) as pool:
        counting = pool.submit(tick_counts, journal, term.start, term.end)
        groups = score_groups(journal, term.start, term.end)
        ticks = counting.result()
    score = period_score(groups)
    model_ticks: Counter[str] = Counter()
    for criterion_id, times in ticks.items():
        model_ticks[framework.criterion(criterion_id).model_id] += times
    reflected = frozenset(w for w, text in weekly_reflections(journal, term).items() if text.written)
    return TermStats(
        term=term,
        groups=groups,
        weeks=weekly_series(term.start, term.end, groups),
        reflected_weeks=reflected,
        position=score.position,
        hours=score.hours,
        shares=shares_of(model_ticks),
        shift=term_shift(term.start, term.end, groups),
        top_criteria=most_ticked(ticks),
        activity_count=score.activities,
        model_ticks=model_ticks,
        journal=journal,
    )


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def stats_document(stats: TermStats) -> dict[str, Any]:
    """The ``stats --json`` document of SPEC 6; absent values are None, positions unrounded."""
    term = stats.term
    return {
        "term": {"name": term.name, "start": term.start.isoformat(), "end": term.end.isoformat(), "weeks": term.weeks},
        "hours": _number(stats.hours),
        "activities": stats.activity_count,
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
