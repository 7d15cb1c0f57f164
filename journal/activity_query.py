"""Searching, filtering and sorting activities in SQL, a page at a time.

The activity list asks for rows by offset and limit, so it never loads the
whole journal; every filter, including model and level, runs inside SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from journal.activities import ActivityRecord, records_for
from journal.framework import Framework, Model
from journal.schema import Activity, ActivityTag, Tag, Term, Tick
from journal.storage import Journal

SORT_KEYS = ("day", "title", "organization", "hours", "position")
# The list counts matches up to this many and then says "1,000+": counting thousands of
# full-text matches exactly would cost more than the rest of a typed letter.
LIST_COUNT_CAP = 1000
# The FTS5 tables of migration 0002, kept in step by triggers and left out of the
# ORM; the column named after its table is FTS5's handle for MATCH.
SearchActivity = table("search_activities", column("rowid", Integer), column("search_activities"))
SearchReflection = table(
    "search_weekly_reflections",
    column("term_id", Integer),
    column("week", Integer),
    column("search_weekly_reflections"),
)


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


def _tick_position(models: tuple[Model, ...]) -> ColumnElement[int]:
    """The spectrum position of a tick's model, from the model part of its criterion id."""
    model_part = func.substr(Tick.criterion_id, 1, func.instr(Tick.criterion_id, ".") - 1)
    return case(*((model_part == m.id, literal(m.position)) for m in models), else_=literal(0))


def _position_sums(models: tuple[Model, ...]) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """(sum of tick positions, tick count) of the row's activity, as correlated subqueries."""
    total = (
        select(func.coalesce(func.sum(_tick_position(models)), 0))
        .where(Tick.activity_id == Activity.id)
        .scalar_subquery()
    )
    count = select(func.count()).where(Tick.activity_id == Activity.id).scalar_subquery()
    return total, count


def search_words(text: str) -> list[str]:
    """The words of a search box, each as an FTS5 prefix phrase.

    Every word is quoted (with its own quotes doubled), so FTS5 syntax such as
    ``NEAR``, ``*``, ``-`` or ``:`` in what a person types is searched for as
    text and can never make the query fail. The trailing ``*`` matches words that
    start with it, so the list narrows with each typed letter. A word with no
    letter or digit (``-``, ``"``) would match nothing, so it is left out.
    """
    return ['"' + word.replace('"', '""') + '"*' for word in text.split() if any(c.isalnum() for c in word)]


def _reflected_days(phrase: BindParameter[str], number: int) -> Select[Any]:
    """Every day (ISO text, as activities store it) of the weeks whose weekly reflection holds ``phrase``.

    A recursive CTE walks each matching week day by day inside SQLite: a few
    dozen reflections a year make at most a few thousand days, which SQLite
    turns into one in-memory index that every activity row is checked against.
    """
    offset = (SearchReflection.c.week - 1) * 7
    first = func.date(Term.start_date, "+" + cast(offset, String) + " days")
    last = func.min(Term.end_date, func.date(Term.start_date, "+" + cast(offset + 6, String) + " days"))
    weeks = (
        select(first.label("day"), last.label("last"))
        .select_from(SearchReflection)
        .join(Term, Term.id == SearchReflection.c.term_id)
        .where(SearchReflection.c.search_weekly_reflections.op("MATCH")(phrase))
        .cte(f"reflected_days_{number}", recursive=True)
    )
    days = weeks.union_all(select(func.date(weeks.c.day, "+1 day"), weeks.c.last).where(weeks.c.day < weeks.c.last))
    return select(days.c.day)


def _text_condition(words: int) -> ColumnElement[bool]:
    """Every word must start a word of the title, organisation, role, description, tags or the week's reflection.

    Each word's full-text match is an uncorrelated subquery that SQLite runs
    once, so the cost follows the number of matches, not the size of the journal.
    """
    conditions = []
    for number in range(words):
        phrase: BindParameter[str] = bindparam(f"phrase_{number}")
        in_text = select(SearchActivity.c.rowid).where(SearchActivity.c.search_activities.op("MATCH")(phrase))
        conditions.append(or_(Activity.id.in_(in_text), Activity.day.in_(_reflected_days(phrase, number))))
    return and_(*conditions)


@dataclass(frozen=True)
class _Shape:
    """What decides the form of a query's SQL; the values themselves travel as bound parameters.

    Statements are built once per shape, so that a search updating at every typed
    letter does not rebuild (and re-key for SQLAlchemy's compiled cache) its SQL.
    """

    trashed: bool
    start: bool
    end: bool
    words: int
    tag: bool
    model: bool
    level: str | None
    models: tuple[Model, ...]

    @classmethod
    def of(cls, query: ActivityQuery, framework: Framework) -> _Shape:
        return cls(
            query.trashed,
            query.start is not None,
            query.end is not None,
            len(search_words(query.text)),
            bool(query.tag),
            bool(query.model),
            query.level or None,
            framework.models,
        )


def _parameters(query: ActivityQuery) -> dict[str, Any]:
    values: dict[str, Any] = {f"phrase_{n}": phrase for n, phrase in enumerate(search_words(query.text))}
    if query.start is not None:
        values["start"] = query.start
    if query.end is not None:
        values["end"] = query.end
    if query.tag:
        values["tag"] = query.tag
    if query.model:
        values["model_pattern"] = f"{query.model}.%"
    return values


@lru_cache(maxsize=256)
def _filtered(shape: _Shape) -> Select[Any]:
    statement = select(Activity.id)
    if shape.trashed:
        statement = statement.where(Activity.deleted_at.is_not(None))
    else:
        statement = statement.where(Activity.deleted_at.is_(None))
    if shape.start:
        statement = statement.where(Activity.day >= bindparam("start", type_=Date))
    if shape.end:
        statement = statement.where(Activity.day <= bindparam("end", type_=Date))
    if shape.words:
        statement = statement.where(_text_condition(shape.words))
    if shape.tag:
        statement = statement.where(
            exists(
                select(literal(1))
                .select_from(ActivityTag)
                .join(Tag, Tag.id == ActivityTag.tag_id)
                .where(ActivityTag.activity_id == Activity.id, Tag.name == bindparam("tag"))
            )
        )
    if shape.model:
        statement = statement.where(
            exists(
                select(literal(1)).where(
                    Tick.activity_id == Activity.id, Tick.criterion_id.like(bindparam("model_pattern"))
                )
            )
        )
    if shape.level:
        total, count = _position_sums(shape.models)
        # level by exact integers: position = total / count, charity when 3p < 100, ...
        if shape.level == "unscored":
            statement = statement.where(count == 0)
        elif shape.level == "charity":
            statement = statement.where(count > 0, 3 * total < 100 * count)
        elif shape.level == "contributory":
            statement = statement.where(count > 0, 3 * total >= 100 * count, 3 * total < 200 * count)
        else:
            statement = statement.where(count > 0, 3 * total >= 200 * count)
    return statement


@lru_cache(maxsize=256)
def _page(shape: _Shape, sort: str, descending: bool) -> Select[Any]:
    """Ids of one page, in the list's order; LIMIT -1 is SQLite's "no limit"."""
    if sort == "position":
        total, count = _position_sums(shape.models)
        key: Any = case((count == 0, literal(-1.0)), else_=total * 1.0 / count)
    elif sort == "title":
        key = Activity.title.collate("NOCASE")  # as the index of migration 0002 orders it
    elif sort == "organization":
        key = Activity.organization.collate("NOCASE")
    elif sort == "hours":
        key = Activity.hours_centi
    else:
        key = Activity.day
    order = (key.desc(), Activity.id.desc()) if descending else (key.asc(), Activity.id.asc())
    return (
        _filtered(shape)
        .order_by(*order)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )


@lru_cache(maxsize=256)
def _count(shape: _Shape) -> Select[Any]:
    return _filtered(shape).with_only_columns(func.count())


def find_activities(
    journal: Journal, query: ActivityQuery, *, offset: int = 0, limit: int | None = None
) -> list[ActivityRecord]:
    statement = _page(_Shape.of(query, journal.framework), query.sort, query.descending)
    values = {**_parameters(query), "limit": -1 if limit is None else limit, "offset": offset}
    with journal.session() as session:
        connection = session.connection()
        # sorting ids alone keeps every description out of SQLite's sorter
        return records_for(connection, list(connection.scalars(statement, values)))


def count_activities(journal: Journal, query: ActivityQuery, *, at_most: int | None = None) -> int:
    """How many activities match; with ``at_most``, counting stops past that many (the list says "1,000+")."""
    shape = _Shape.of(query, journal.framework)
    if at_most is None:
        statement, values = _count(shape), _parameters(query)
    else:
        statement, values = _capped_count(shape), {**_parameters(query), "cap": at_most + 1}
    with journal.session() as session:
        return int(session.connection().scalar(statement, values) or 0)


@lru_cache(maxsize=256)
def _capped_count(shape: _Shape) -> Select[Any]:
    first_matches = _filtered(shape).limit(bindparam("cap", type_=Integer)).subquery()
    return select(func.count()).select_from(first_matches)


def matching_ids(journal: Journal, query: ActivityQuery) -> list[int]:
    """The ids of every activity that matches, in the list's order.

    One pass answers both what the list needs at once: how many match, and
    which come first. The list keeps these integers and reads full records a
    page at a time (``records_by_id``), so typing a search runs the full-text
    match once instead of once for the count and again for the page.
    """
    statement = _page(_Shape.of(query, journal.framework), query.sort, query.descending)
    values = {**_parameters(query), "limit": -1, "offset": 0}
    with journal.session() as session:
        return list(session.connection().scalars(statement, values))


def records_by_id(journal: Journal, ids: list[int]) -> list[ActivityRecord]:
    """Full records of these activities, in this order."""
    with journal.session() as session:
        return records_for(session.connection(), ids)
