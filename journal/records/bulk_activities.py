"""Adding many activities at once (imports), fast enough for years of entries.

Adding activities one ORM object at a time costs a few milliseconds each, and
each INSERT statement makes SQLite flush the full-text index (its triggers run
inside a statement savepoint, which FTS5 treats as a sync point). Here the new
rows go through a temporary table and reach ``activities`` in one
INSERT ... SELECT, so the search index is built in memory and written once;
tag links go in first, with foreign keys checked at commit, so that each new
activity enters the index with its tags instead of being rewritten once per tag.
The result is the same rows that ``add_activity_in`` would write. A whole-journal
import passes each activity's own timestamps, its history, along.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, Text, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from journal.clock import utc_stamp
from journal.records.validation import ActivityInput
from journal.storage.schema import Base, Tag

_COLUMNS = (
    "id",
    "day",
    "title",
    "organization",
    "role",
    "hours_centi",
    "description",
    "private",
    "created_at",
    "updated_at",
    "deleted_at",
)
_ACTIVITIES = Base.metadata.tables["activities"]
_ACTIVITY_TAGS = Base.metadata.tables["activity_tags"]
_TICKS = Base.metadata.tables["ticks"]
_staging = Table(
    "bulk_new_activities",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("day", Date),
    Column("title", String),
    Column("organization", String),
    Column("role", String),
    Column("hours_centi", Integer),
    Column("description", Text),
    Column("private", Boolean),
    Column("created_at", String),
    Column("updated_at", String),
    Column("deleted_at", String),
    prefixes=["TEMPORARY"],
)


# the highest id the journal holds, and the highest it ever held (SQLite's record for AUTOINCREMENT)
_HIGHEST_IDS = text(
    "SELECT (SELECT max(id) FROM activities), (SELECT seq FROM sqlite_sequence WHERE name = 'activities')"
)


class Stamps(NamedTuple):
    """When an activity was written, last changed and (in the trash) deleted, as an export holds them."""

    created_at: str
    updated_at: str
    deleted_at: str | None = None


def _tag_ids(session: Session, names: dict[str, None]) -> dict[str, int]:
    """Ids for these tag names, new ones made in the order they first appear, as one-at-a-time adds make them
    (the search index lists an activity's tags in the order of their ids)."""
    known = {name: tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))}
    missing = [name for name in names if name not in known]
    if missing:
        session.execute(insert(Tag), [{"name": name} for name in missing])
        known = {name: tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))}
    return known


def add_activities_in(
    session: Session,
    activities: Sequence[ActivityInput],
    *,
    stamp: str | None = None,
    history: Sequence[Stamps] | None = None,
) -> list[int]:
    """Add checked activities within an open unit of work; return their new ids, in order.

    Each is stamped as written now (or at ``stamp``), unless ``history`` gives
    every activity, in the same order, its own timestamps.
    """
    if not activities:
        return []
    if history is None:
        now = stamp or utc_stamp()
        history = [Stamps(now, now)] * len(activities)
    elif len(history) != len(activities):
        raise ValueError("history needs one set of timestamps for each activity")
    tag_ids = _tag_ids(session, dict.fromkeys(tag for activity in activities for tag in activity.tags))
    # the unit of work holds SQLite's write lock (BEGIN IMMEDIATE), so these ids stay free; they
    # start past every id ever used, as AUTOINCREMENT's own would (a deleted activity's id may
    # still be brought back by an undo stack)
    highest, highest_ever = session.execute(_HIGHEST_IDS).one()
    first = max(highest or 0, highest_ever or 0) + 1
    ids = list(range(first, first + len(activities)))
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # until this transaction ends
    _insert_activities(connection, ids, activities, tag_ids, history)
    ticks = [{"activity_id": i, "criterion_id": c} for i, a in zip(ids, activities) for c in a.criteria]
    if ticks:
        connection.execute(insert(_TICKS), ticks)
    return ids


def _insert_activities(
    connection: Connection,
    ids: list[int],
    activities: Sequence[ActivityInput],
    tag_ids: dict[str, int],
    history: Sequence[Stamps],
) -> None:
    """Tag links first (foreign keys are checked at commit), then the activities in one INSERT ... SELECT."""
    links = [{"activity_id": i, "tag_id": tag_ids[t]} for i, a in zip(ids, activities) for t in a.tags]
    if links:
        connection.execute(insert(_ACTIVITY_TAGS), links)
    _staging.create(connection)
    connection.execute(
        insert(_staging),
        [
            {
                "id": i,
                "day": a.day,
                "title": a.title,
                "organization": a.organization,
                "role": a.role,
                "hours_centi": a.hours_centi,
                "description": a.description,
                "private": a.private,
                "created_at": s.created_at,
                "updated_at": s.updated_at,
                "deleted_at": s.deleted_at,
            }
            for i, a, s in zip(ids, activities, history)
        ],
    )
    connection.execute(
        insert(_ACTIVITIES).from_select(
            # in the search index's key order (day, then id): FTS5 writes ascending rowids in one
            # go, but starts a new segment at every step back, which makes a large import slower
            _COLUMNS,
            select(*(_staging.c[name] for name in _COLUMNS)).order_by(_staging.c.day, _staging.c.id),
        )
    )
    _staging.drop(connection)
