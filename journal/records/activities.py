"""Activities: writing, reading, the trash, and the tag and organisation lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from journal.clock import utc_stamp
from journal.errors import NotFound
from journal.records.validation import ActivityInput
from journal.scoring.position import position_of_ticks
from journal.storage.journal_file import Journal
from journal.storage.schema import Activity, ActivityTag, Tag, Tick

TRASH_DAYS = 30


@dataclass(frozen=True)
class ActivityRecord:
    id: int
    day: date
    title: str
    organization: str
    role: str
    hours_centi: int
    description: str
    private: bool
    tags: tuple[str, ...]
    criteria: tuple[str, ...]
    created_at: str
    updated_at: str
    deleted_at: str | None = None

    @property
    def hours(self) -> Fraction:
        return Fraction(self.hours_centi, 100)

    def as_input(self) -> ActivityInput:
        return ActivityInput(
            day=self.day,
            title=self.title,
            organization=self.organization,
            role=self.role,
            hours_centi=self.hours_centi,
            description=self.description,
            tags=self.tags,
            criteria=self.criteria,
            private=self.private,
        )


def record_of(activity: Activity) -> ActivityRecord:
    return ActivityRecord(
        id=activity.id,
        day=activity.day,
        title=activity.title,
        organization=activity.organization,
        role=activity.role,
        hours_centi=activity.hours_centi,
        description=activity.description,
        private=activity.private,
        tags=tuple(t.name for t in activity.tags),
        criteria=tuple(t.criterion_id for t in activity.ticks),
        created_at=activity.created_at,
        updated_at=activity.updated_at,
        deleted_at=activity.deleted_at,
    )


def position_of(record: ActivityRecord, journal: Journal) -> Fraction | None:
    return position_of_ticks(journal.framework, record.criteria)


# joins a row's tags and criterion ids; never inside either (Python's split() treats it as a space,
# so tag cleaning removes it, and criterion ids are [a-z0-9.-])
_SEPARATOR = "\x1f"
# what a person edits; id and the timestamps are the journal's
_EDITABLE = (
    Activity.day,
    Activity.title,
    Activity.organization,
    Activity.role,
    Activity.hours_centi,
    Activity.description,
    Activity.private,
)
_RECORD_COLUMNS = (Activity.id, *_EDITABLE, Activity.created_at, Activity.updated_at, Activity.deleted_at)


_TAGS_OF_ROW = (
    select(func.group_concat(Tag.name, _SEPARATOR))
    .select_from(ActivityTag)
    .join(Tag, Tag.id == ActivityTag.tag_id)
    .where(ActivityTag.activity_id == Activity.id)
    .scalar_subquery()
)
_CRITERIA_OF_ROW = select(func.group_concat(Tick.criterion_id, _SEPARATOR)).where(Tick.activity_id == Activity.id)
_WANTED_IDS = select(func.json_each(bindparam("ids")).table_valued("value").c.value)
# built once: the list reads a page with it for every keystroke of a search
_RECORDS = select(*_RECORD_COLUMNS, _TAGS_OF_ROW, _CRITERIA_OF_ROW.scalar_subquery()).where(
    Activity.id.in_(_WANTED_IDS)
)


def records_for(connection: Connection, ids: list[int]) -> list[ActivityRecord]:
    """The activities with these ids, in this order, read as plain rows.

    One row per activity, its tags and criteria joined into a text each, costs a
    fraction of ORM objects with their tag and tick collections; the ids travel
    as one JSON array rather than as one bound value each.
    """
    records = {}
    for result in connection.execute(_RECORDS, {"ids": json.dumps(ids)}).all():
        row: tuple[Any, ...] = tuple(result)
        activity_id, day, title, organization, role, hours, description, private, created, updated, deleted = row[:11]
        records[activity_id] = ActivityRecord(
            id=activity_id,
            day=day,
            title=title,
            organization=organization,
            role=role,
            hours_centi=hours,
            description=description,
            private=private,
            # sorted here as the ORM's relationships sort them (code point order is SQLite's BINARY order)
            tags=tuple(sorted(row[11].split(_SEPARATOR))) if row[11] else (),
            criteria=tuple(sorted(row[12].split(_SEPARATOR))) if row[12] else (),
            created_at=created,
            updated_at=updated,
            deleted_at=deleted,
        )
    return [records[i] for i in ids if i in records]


def _tag_ids(session: Session, names: tuple[str, ...]) -> list[Tag]:
    if not names:
        return []
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            existing[name] = tag
        tags.append(tag)
    return tags


def _apply(session: Session, activity: Activity, data: ActivityInput) -> None:
    activity.day = data.day
    activity.title = data.title
    activity.organization = data.organization
    activity.role = data.role
    activity.hours_centi = data.hours_centi
    activity.description = data.description
    activity.private = data.private
    activity.tags = _tag_ids(session, data.tags)
    wanted = set(data.criteria)
    activity.ticks = [t for t in activity.ticks if t.criterion_id in wanted] + [
        Tick(criterion_id=c) for c in sorted(wanted - {t.criterion_id for t in activity.ticks})
    ]


def add_activity_in(
    session: Session, data: ActivityInput, *, created_at: str | None = None, activity_id: int | None = None
) -> Activity:
    """Add within an open unit of work (imports add many in one transaction).

    ``activity_id`` brings back an activity under its old id (redo after undo).
    """
    stamp = created_at or utc_stamp()
    activity = Activity(id=activity_id, created_at=stamp, updated_at=stamp, tags=[], ticks=[])
    _apply(session, activity, data)
    session.add(activity)
    return activity


def add_activity(journal: Journal, data: ActivityInput, *, activity_id: int | None = None) -> ActivityRecord:
    with journal.writing() as session:
        activity = add_activity_in(session, data, activity_id=activity_id)
        session.flush()
        return record_of(activity)


def update_activity(journal: Journal, activity_id: int, data: ActivityInput) -> ActivityRecord:
    """Write an edited activity: the columns that changed, and the tags and ticks added or removed.

    The form saves a moment after each change, so this is the autosave: plain
    statements on the unit of work's connection instead of ORM objects, and only
    the changed columns in the UPDATE, so an edit of the hours does not re-index
    the description for search.
    """
    with journal.writing() as session:
        connection = session.connection()
        current = connection.execute(select(*_EDITABLE).where(Activity.id == activity_id)).first()
        if current is None:
            raise NotFound({"activity": "That activity no longer exists."})
        changed = {c.key: getattr(data, c.key) for c in _EDITABLE if getattr(current, c.key) != getattr(data, c.key)}
        connection.execute(update(Activity).where(Activity.id == activity_id).values(**changed, updated_at=utc_stamp()))
        _replace_tags(connection, activity_id, data.tags)
        _replace_ticks(connection, activity_id, data.criteria)
        return records_for(connection, [activity_id])[0]


def _replace_tags(connection: Connection, activity_id: int, names: tuple[str, ...]) -> None:
    linked = dict(
        connection.execute(
            select(Tag.name, Tag.id)
            .join(ActivityTag, ActivityTag.tag_id == Tag.id)
            .where(ActivityTag.activity_id == activity_id)
        ).all()
    )
    gone = [tag_id for name, tag_id in linked.items() if name not in names]
    new = [name for name in names if name not in linked]
    if gone:
        connection.execute(
            delete(ActivityTag).where(ActivityTag.activity_id == activity_id, ActivityTag.tag_id.in_(gone))
        )
        # a tag that no activity carries any more leaves the tag list
        connection.execute(delete(Tag).where(Tag.id.in_(gone), ~exists().where(ActivityTag.tag_id == Tag.id)))
    if new:
        known = dict(connection.execute(select(Tag.name, Tag.id).where(Tag.name.in_(new))).all())
        missing = [name for name in new if name not in known]
        if missing:
            connection.execute(insert(Tag), [{"name": name} for name in missing])
            known = dict(connection.execute(select(Tag.name, Tag.id).where(Tag.name.in_(new))).all())
        connection.execute(insert(ActivityTag), [{"activity_id": activity_id, "tag_id": known[name]} for name in new])


def _replace_ticks(connection: Connection, activity_id: int, criteria: tuple[str, ...]) -> None:
    ticked = set(connection.scalars(select(Tick.criterion_id).where(Tick.activity_id == activity_id)))
    wanted = set(criteria)
    if ticked - wanted:
        connection.execute(
            delete(Tick).where(Tick.activity_id == activity_id, Tick.criterion_id.in_(sorted(ticked - wanted)))
        )
    if wanted - ticked:
        connection.execute(
            insert(Tick), [{"activity_id": activity_id, "criterion_id": c} for c in sorted(wanted - ticked)]
        )


def get_activity(journal: Journal, activity_id: int) -> ActivityRecord:
    with journal.reading() as session:
        return record_of(_get(session, activity_id))


def _get(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound({"activity": "That activity no longer exists."})
    return activity


def trash_activities(journal: Journal, activity_ids: list[int]) -> int:
    """Move activities to the trash; they stay restorable for 30 days."""
    stamp = utc_stamp()
    with journal.writing() as session:
        moved = 0
        for activity in session.scalars(select(Activity).where(Activity.id.in_(activity_ids))):
            if activity.deleted_at is None:
                activity.deleted_at = stamp
                moved += 1
        return moved


def restore_activities(journal: Journal, activity_ids: list[int]) -> int:
    with journal.writing() as session:
        restored = 0
        for activity in session.scalars(select(Activity).where(Activity.id.in_(activity_ids))):
            if activity.deleted_at is not None:
                activity.deleted_at = None
                restored += 1
        return restored


def trashed_activities(journal: Journal) -> list[ActivityRecord]:
    with journal.reading() as session:
        rows = session.scalars(
            select(Activity).where(Activity.deleted_at.is_not(None)).order_by(Activity.deleted_at.desc())
        )
        return [record_of(a) for a in rows]


def empty_trash(journal: Journal, *, older_than_days: int | None = TRASH_DAYS, now: datetime | None = None) -> int:
    """Delete for good what has been in the trash longer than ``older_than_days`` (None: everything).

    The app calls this as it starts: when nothing is that old, it only reads, so it
    neither waits for the integrity check nor counts as a write.
    """
    statement = select(Activity.id).where(Activity.deleted_at.is_not(None))
    if older_than_days is not None:
        cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
        statement = statement.where(Activity.deleted_at < cutoff.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    with journal.reading() as session:
        if session.scalar(statement.limit(1)) is None:
            return 0
    with journal.writing() as session:
        doomed = list(session.scalars(statement))
        if doomed:
            session.execute(delete(Activity).where(Activity.id.in_(doomed)))
            _drop_unused_tags(session)
        return len(doomed)


def _drop_unused_tags(session: Session) -> None:
    session.execute(delete(Tag).where(~Tag.id.in_(select(ActivityTag.tag_id))))


def known_organizations(journal: Journal) -> list[str]:
    """Organisations used before, most used first, for completion."""
    with journal.reading() as session:
        rows = session.execute(
            select(Activity.organization, func.count())
            .where(Activity.organization != "", Activity.deleted_at.is_(None))
            .group_by(Activity.organization)
            .order_by(func.count().desc(), Activity.organization)
        )
        return [r[0] for r in rows]


def known_tags(journal: Journal) -> list[str]:
    with journal.reading() as session:
        return list(session.scalars(select(Tag.name).order_by(Tag.name)))


def criteria_in_use(journal: Journal) -> set[str]:
    with journal.reading() as session:
        return set(session.scalars(select(Tick.criterion_id).distinct()))


def delete_activity(journal: Journal, activity_id: int) -> None:
    """Remove an activity for good (undoing its creation); the trash is for what a person deletes."""
    with journal.writing() as session:
        session.execute(delete(Activity).where(Activity.id == activity_id))
        _drop_unused_tags(session)
