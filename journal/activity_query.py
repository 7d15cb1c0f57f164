"""Searching, filtering and sorting activities in SQL, a page at a time.

The activity list asks for rows by offset and limit, so it never loads the
whole journal; every filter, including model and level, runs inside SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, and_, case, cast, exists, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from journal.activities import ActivityRecord, record_of
from journal.framework import Framework
from journal.schema import Activity, ActivityTag, Tag, Term, Tick, WeeklyReflection
from journal.storage import Journal

SORT_KEYS = ("day", "title", "organization", "hours", "position")


@dataclass(frozen=True)
class ActivityQuery:
    text: str = ""
    start: date | None = None
    end: date | None = None
    model: str | None = None
    level: str | None = None
    tag: str | None = None
    sort: str = "day"
    descending: bool = True
    trashed: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def with_sort(self, sort: str, descending: bool) -> ActivityQuery:
        return replace(self, sort=sort, descending=descending)


def _tick_position(framework: Framework) -> ColumnElement[int]:
    """The spectrum position of a tick's model, from the model part of its criterion id."""
    model_part = func.substr(Tick.criterion_id, 1, func.instr(Tick.criterion_id, ".") - 1)
    return case(*((model_part == m.id, literal(m.position)) for m in framework.models), else_=literal(0))


def _position_sums(framework: Framework) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """(sum of tick positions, tick count) of the row's activity, as correlated subqueries."""
    total = (
        select(func.coalesce(func.sum(_tick_position(framework)), 0))
        .where(Tick.activity_id == Activity.id)
        .scalar_subquery()
    )
    count = select(func.count()).where(Tick.activity_id == Activity.id).scalar_subquery()
    return total, count


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(text: str) -> ColumnElement[bool]:
    """Every word must appear in a title, organisation, role, description, tag or the week's reflection."""
    conditions = []
    for word in text.split():
        pattern = _like(word)
        reflection = (
            select(literal(1))
            .select_from(WeeklyReflection)
            .join(Term, Term.id == WeeklyReflection.term_id)
            .where(
                Activity.day.between(Term.start_date, Term.end_date),
                WeeklyReflection.week
                == cast(func.julianday(Activity.day) - func.julianday(Term.start_date), Integer) // 7 + 1,
                or_(
                    WeeklyReflection.what.ilike(pattern, escape="\\"),
                    WeeklyReflection.so_what.ilike(pattern, escape="\\"),
                    WeeklyReflection.now_what.ilike(pattern, escape="\\"),
                ),
            )
        )
        tag_match = (
            select(literal(1))
            .select_from(ActivityTag)
            .join(Tag, Tag.id == ActivityTag.tag_id)
            .where(ActivityTag.activity_id == Activity.id, Tag.name.ilike(pattern, escape="\\"))
        )
        conditions.append(
            or_(
                Activity.title.ilike(pattern, escape="\\"),
                Activity.organization.ilike(pattern, escape="\\"),
                Activity.role.ilike(pattern, escape="\\"),
                Activity.description.ilike(pattern, escape="\\"),
                exists(tag_match),
                exists(reflection),
            )
        )
    return and_(*conditions)


def _filtered(query: ActivityQuery, framework: Framework) -> Select[Any]:
    statement = select(Activity)
    if query.trashed:
        statement = statement.where(Activity.deleted_at.is_not(None))
    else:
        statement = statement.where(Activity.deleted_at.is_(None))
    if query.start is not None:
        statement = statement.where(Activity.day >= query.start)
    if query.end is not None:
        statement = statement.where(Activity.day <= query.end)
    if query.text.strip():
        statement = statement.where(_text_condition(query.text))
    if query.tag:
        statement = statement.where(
            exists(
                select(literal(1))
                .select_from(ActivityTag)
                .join(Tag, Tag.id == ActivityTag.tag_id)
                .where(ActivityTag.activity_id == Activity.id, Tag.name == query.tag)
            )
        )
    if query.model:
        statement = statement.where(
            exists(
                select(literal(1)).where(Tick.activity_id == Activity.id, Tick.criterion_id.like(f"{query.model}.%"))
            )
        )
    if query.level:
        total, count = _position_sums(framework)
        # level by exact integers: position = total / count, charity when 3p < 100, ...
        if query.level == "unscored":
            statement = statement.where(count == 0)
        elif query.level == "charity":
            statement = statement.where(count > 0, 3 * total < 100 * count)
        elif query.level == "contributory":
            statement = statement.where(count > 0, 3 * total >= 100 * count, 3 * total < 200 * count)
        else:
            statement = statement.where(count > 0, 3 * total >= 200 * count)
    return statement


def _order(statement: Select[Any], query: ActivityQuery, framework: Framework) -> Select[Any]:
    if query.sort == "position":
        total, count = _position_sums(framework)
        key: Any = case((count == 0, literal(-1.0)), else_=total * 1.0 / count)
    elif query.sort == "title":
        key = func.lower(Activity.title)
    elif query.sort == "organization":
        key = func.lower(Activity.organization)
    elif query.sort == "hours":
        key = Activity.hours_centi
    else:
        key = Activity.day
    if query.descending:
        return statement.order_by(key.desc(), Activity.id.desc())
    return statement.order_by(key.asc(), Activity.id.asc())


def find_activities(
    journal: Journal, query: ActivityQuery, *, offset: int = 0, limit: int | None = None
) -> list[ActivityRecord]:
    statement = _order(_filtered(query, journal.framework), query, journal.framework).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with journal.session() as session:
        return [record_of(a) for a in session.scalars(statement)]


def count_activities(journal: Journal, query: ActivityQuery) -> int:
    statement = _filtered(query, journal.framework).with_only_columns(func.count(Activity.id))
    with journal.session() as session:
        return int(session.scalar(statement) or 0)
