"""Searching, filtering and sorting activities in SQL, a page at a time.

The activity list asks for rows by offset and limit, so it never loads the
whole journal; every filter, including model and level, runs inside SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    bindparam,
    case,
    column,
    exists,
    func,
    literal,
    select,
    table,
)
from sqlalchemy.sql.elements import ColumnElement

from journal.records.activities import ActivityRecord, records_for
from journal.records.framework import Framework
from journal.scoring.position_sql import CriteriaByPosition, criteria_by_position, tick_position
from journal.storage.journal_file import Journal
from journal.storage.schema import Activity, ActivityTag, Tag, Tick

SORT_KEYS = ("day", "title", "organization", "hours", "position")
# The list reads this many rows at a time: more than a window shows, and the view
# asks for the next page as it scrolls (reading more full records per typed letter
# cost time for rows nobody had scrolled to).
LIST_PAGE = 50
# Without typed words the list counts matches up to this many and then says "1,000+".
# A typed search counts only as far as its first page ("50+", growing as the list
# scrolls): every typed letter would otherwise walk more full-text matches than it
# shows, and that walk is what grows with the journal.
LIST_COUNT_CAP = 1000
# The FTS5 table of migration 0003, kept in step by triggers and left out of the ORM;
# the column named after its table is FTS5's handle for MATCH. Its rowid is the
# activity's search key (see search_key), so matches come out in the list's day order.
SearchActivity = table("search_activities", column("rowid", Integer), column("search_activities"))
_ID_BITS = 32
_ID_MASK = (1 << _ID_BITS) - 1


def search_key(day: date, activity_id: int) -> int:
    """The search index's rowid of an activity: its day as yyyymmdd, then its id, in one integer.

    Ordered by day and then id, as the list is; a day's keys span
    ``search_key(day, 0)`` to ``search_key(day, 2**32 - 1)``.
    """
    return (day.year * 10000 + day.month * 100 + day.day) << _ID_BITS | activity_id


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

    def with_sort(self, sort: str, descending: bool) -> ActivityQuery:
        return replace(self, sort=sort, descending=descending)


def _position_sums(by_position: CriteriaByPosition) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """(sum of the known ticks' positions, their count) of the row's activity, as correlated subqueries."""
    position = tick_position(by_position)
    total = select(func.coalesce(func.sum(position), 0)).where(Tick.activity_id == Activity.id).scalar_subquery()
    count = select(func.count(position)).where(Tick.activity_id == Activity.id).scalar_subquery()
    return total, count


def search_words(typed: str) -> list[str]:
    """The words of a search box, each as an FTS5 prefix phrase.

    Every word is quoted (with its own quotes doubled), so FTS5 syntax such as
    ``NEAR``, ``*``, ``-`` or ``:`` in what a person types is searched for as
    text and can never make the query fail. The trailing ``*`` matches words that
    start with it, so the list narrows with each typed letter, the word still
    being typed included. A word with no letter or digit (``-``, ``"``) would
    match nothing, so it is left out.
    """
    return ['"' + word.replace('"', '""') + '"*' for word in _typed_words(typed)]


def _typed_words(typed: str) -> list[str]:
    """The words of a search box that can match something: each has a letter or a digit."""
    # a NUL or half of a surrogate pair cannot travel to SQLite: they part words, like a space
    typed = "".join(" " if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in typed)
    return [word for word in typed.split() if any(c.isalnum() for c in word)]


def _search_match() -> ColumnElement[bool]:
    """Every typed word starts a word of the activity's text, tags or its week's reflection: one FTS5 query."""
    return SearchActivity.c.search_activities.op("MATCH")(bindparam("words"))


def _matching_ids(shape: _Shape) -> Select[Any]:
    """Ids of the activities whose search row matches, within the query's dates as a range of search keys."""
    statement = select(SearchActivity.c.rowid.op("&")(_ID_MASK)).where(_search_match())
    return _within_dates(statement, shape)


def _within_dates(statement: Select[Any], shape: _Shape) -> Select[Any]:
    if shape.start:
        statement = statement.where(SearchActivity.c.rowid >= bindparam("first_key", type_=Integer))
    if shape.end:
        statement = statement.where(SearchActivity.c.rowid <= bindparam("last_key", type_=Integer))
    return statement


@dataclass(frozen=True)
class _Shape:
    """What decides the form of a query's SQL; the values themselves travel as bound parameters.

    Statements are built once per shape, so that a search updating at every typed
    letter does not rebuild (and re-key for SQLAlchemy's compiled cache) its SQL.
    """

    trashed: bool
    start: bool
    end: bool
    text: bool
    tag: bool
    model: bool
    level: str | None
    criteria_by_position: CriteriaByPosition

    @classmethod
    def of(cls, query: ActivityQuery, framework: Framework) -> _Shape:
        return cls(
            query.trashed,
            query.start is not None,
            query.end is not None,
            bool(search_words(query.text)),
            bool(query.tag),
            bool(query.model),
            query.level or None,
            criteria_by_position(framework),
        )


def _parameters(query: ActivityQuery, framework: Framework) -> dict[str, Any]:
    # every typed word must start a word of the row: FTS5 joins the prefix phrases with AND
    values: dict[str, Any] = {"words": " AND ".join(search_words(query.text))}
    if query.start is not None:
        values["start"] = query.start
        values["first_key"] = search_key(query.start, 0)
    if query.end is not None:
        values["end"] = query.end
        values["last_key"] = search_key(query.end, _ID_MASK)
    if query.tag:
        values["tag"] = query.tag
    if query.model:
        # the model's criteria the framework knows: a tick of an unknown one counts for nothing (position_sql)
        values["model_criteria"] = [c.id for c in framework.criteria if c.model_id == query.model]
    return values


@lru_cache(maxsize=256)
def _filtered(shape: _Shape, *, from_search: bool) -> Select[Any]:
    """Ids of the matching activities, unordered.

    With typed words, ``from_search`` reads the full-text matches first and
    looks each activity up by id: a page in day order or a capped count then
    stops after that many matches, however many more there are. Otherwise the
    matches are gathered once and every other order walks its own index.
    """
    if shape.text and from_search:
        statement = _within_dates(
            select(Activity.id)
            .select_from(SearchActivity)
            .join(Activity, Activity.id == SearchActivity.c.rowid.op("&")(_ID_MASK))
            .where(_search_match()),
            shape,
        )
    else:
        statement = select(Activity.id)
        if shape.text:
            statement = statement.where(Activity.id.in_(_matching_ids(shape)))
    if shape.trashed:
        statement = statement.where(Activity.deleted_at.is_not(None))
    else:
        statement = statement.where(Activity.deleted_at.is_(None))
    if shape.start:
        statement = statement.where(Activity.day >= bindparam("start", type_=Date))
    if shape.end:
        statement = statement.where(Activity.day <= bindparam("end", type_=Date))
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
                    Tick.activity_id == Activity.id, Tick.criterion_id.in_(bindparam("model_criteria", expanding=True))
                )
            )
        )
    if shape.level:
        total, count = _position_sums(shape.criteria_by_position)
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
        total, count = _position_sums(shape.criteria_by_position)
        key: Any = case((count == 0, literal(-1.0)), else_=total * 1.0 / count)
    elif sort == "title":
        key = Activity.title.collate("NOCASE")  # as the index of migration 0002 orders it
    elif sort == "organization":
        key = Activity.organization.collate("NOCASE")
    elif sort == "hours":
        key = Activity.hours_centi
    elif shape.text:  # by day and then id, as the search keys run
        by_key = SearchActivity.c.rowid.desc() if descending else SearchActivity.c.rowid.asc()
        return _limited(_filtered(shape, from_search=True).order_by(by_key))
    else:
        key = Activity.day
    order = (key.desc(), Activity.id.desc()) if descending else (key.asc(), Activity.id.asc())
    return _limited(_filtered(shape, from_search=False).order_by(*order))


def _limited(statement: Select[Any]) -> Select[Any]:
    return statement.limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer))


@lru_cache(maxsize=256)
def _count(shape: _Shape) -> Select[Any]:
    return _filtered(shape, from_search=True).with_only_columns(func.count())


def find_activities(
    journal: Journal, query: ActivityQuery, *, offset: int = 0, limit: int | None = None
) -> list[ActivityRecord]:
    statement = _page(_Shape.of(query, journal.framework), query.sort, query.descending)
    with journal.reading() as session:
        connection = session.connection()
        values = {**_parameters(query, journal.framework), "limit": -1 if limit is None else limit, "offset": offset}
        # sorting ids alone keeps every description out of SQLite's sorter
        return records_for(connection, list(connection.scalars(statement, values).all()))


@dataclass(frozen=True)
class FirstPage:
    """What the list shows first: one page of records, and how many match, counted up to a cap."""

    records: list[ActivityRecord]
    count: int  # exact when at most counted_to; counted_to + 1 means "more than that"
    counted_to: int


def first_page(journal: Journal, query: ActivityQuery, *, limit: int, count_up_to: int) -> FirstPage:
    """The first ``limit`` matches in the list's order and their count up to ``count_up_to``, in one pass.

    One statement reads the ids of up to ``count_up_to + 1`` matches in order
    (a typed search stops there, however many more match) and full records are
    read for the first ``limit`` of them only; a separate count would run the
    full-text match a second time for every typed letter.
    """
    statement = _page(_Shape.of(query, journal.framework), query.sort, query.descending)
    with journal.reading() as session:
        connection = session.connection()
        values = {**_parameters(query, journal.framework), "limit": max(limit, count_up_to + 1), "offset": 0}
        ids = list(connection.scalars(statement, values).all())
        return FirstPage(records_for(connection, ids[:limit]), len(ids), count_up_to)


def list_first_page(journal: Journal, query: ActivityQuery, *, rows: int = LIST_PAGE) -> FirstPage:
    """The list's first ``rows`` for a query, counted as far as the list counts it (see LIST_COUNT_CAP).

    ``rows`` is more than a page when the list reads again what it had already
    scrolled to (after an edit), so that the edited row stays in place.
    """
    count_up_to = rows if search_words(query.text) else max(LIST_COUNT_CAP, rows)
    return first_page(journal, query, limit=rows, count_up_to=count_up_to)


def count_activities(journal: Journal, query: ActivityQuery) -> int:
    """How many activities match, exactly (the list counts as far as it shows: see ``first_page``)."""
    with journal.reading() as session:
        connection = session.connection()
        return int(
            connection.scalar(_count(_Shape.of(query, journal.framework)), _parameters(query, journal.framework)) or 0
        )
