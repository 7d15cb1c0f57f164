"""Activities: writing, reading, the trash, and the tag and organisation lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from journal.clock import utc_stamp
from journal.errors import NotFound
from journal.schema import Activity, ActivityTag, Tag, Tick
from journal.scoring import activity_position
from journal.storage import Journal
from journal.validation import ActivityInput

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
    return activity_position(journal.framework.position_of(c) for c in record.criteria)


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
    with journal.session() as session:
        activity = add_activity_in(session, data, activity_id=activity_id)
        session.flush()
        return record_of(activity)


def update_activity(journal: Journal, activity_id: int, data: ActivityInput) -> ActivityRecord:
    with journal.session() as session:
        activity = _get(session, activity_id)
        _apply(session, activity, data)
        activity.updated_at = utc_stamp()
        session.flush()
        _drop_unused_tags(session)
        return record_of(activity)


def get_activity(journal: Journal, activity_id: int) -> ActivityRecord:
    with journal.session() as session:
        return record_of(_get(session, activity_id))


def _get(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound({"activity": "That activity no longer exists."})
    return activity


def trash_activities(journal: Journal, activity_ids: list[int]) -> int:
    """Move activities to the trash; they stay restorable for 30 days."""
    stamp = utc_stamp()
    with journal.session() as session:
        moved = 0
        for activity in session.scalars(select(Activity).where(Activity.id.in_(activity_ids))):
            if activity.deleted_at is None:
                activity.deleted_at = stamp
                moved += 1
        return moved


def restore_activities(journal: Journal, activity_ids: list[int]) -> int:
    with journal.session() as session:
        restored = 0
        for activity in session.scalars(select(Activity).where(Activity.id.in_(activity_ids))):
            if activity.deleted_at is not None:
                activity.deleted_at = None
                restored += 1
        return restored


def trashed_activities(journal: Journal) -> list[ActivityRecord]:
    with journal.session() as session:
        rows = session.scalars(
            select(Activity).where(Activity.deleted_at.is_not(None)).order_by(Activity.deleted_at.desc())
        )
        return [record_of(a) for a in rows]


def empty_trash(journal: Journal, *, older_than_days: int | None = TRASH_DAYS, now: datetime | None = None) -> int:
    """Delete for good what has been in the trash longer than ``older_than_days`` (None: everything)."""
    with journal.session() as session:
        statement = select(Activity.id).where(Activity.deleted_at.is_not(None))
        if older_than_days is not None:
            cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
            statement = statement.where(Activity.deleted_at < cutoff.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        doomed = list(session.scalars(statement))
        if doomed:
            session.execute(delete(Activity).where(Activity.id.in_(doomed)))
            _drop_unused_tags(session)
        return len(doomed)


def _drop_unused_tags(session: Session) -> None:
    session.execute(delete(Tag).where(~Tag.id.in_(select(ActivityTag.tag_id))))


def known_organizations(journal: Journal) -> list[str]:
    """Organisations used before, most used first, for completion."""
    with journal.session() as session:
        rows = session.execute(
            select(Activity.organization, func.count())
            .where(Activity.organization != "", Activity.deleted_at.is_(None))
            .group_by(Activity.organization)
            .order_by(func.count().desc(), Activity.organization)
        )
        return [r[0] for r in rows]


def known_tags(journal: Journal) -> list[str]:
    with journal.session() as session:
        return list(session.scalars(select(Tag.name).order_by(Tag.name)))


def criteria_in_use(journal: Journal) -> set[str]:
    with journal.session() as session:
        return set(session.scalars(select(Tick.criterion_id).distinct()))


def delete_activity(journal: Journal, activity_id: int) -> None:
    """Remove an activity for good (undoing its creation); the trash is for what a person deletes."""
    with journal.session() as session:
        session.execute(delete(Activity).where(Activity.id == activity_id))
        _drop_unused_tags(session)
