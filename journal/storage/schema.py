"""The journal's tables as SQLAlchemy 2.0 typed models.

Hours are stored as whole hundredths (``hours_centi``) so that scoring stays
exact; dates as ISO text; timestamps as ISO text in UTC. Changing anything here
needs an Alembic migration under ``journal/storage/migrations/versions``.

Unlike the other modules, this one keeps its annotations as real objects
(no ``from __future__ import annotations``): SQLAlchemy would otherwise evaluate
every ``Mapped[...]`` string again, at each start and command.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Profile(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_name: Mapped[str] = mapped_column(String(200), default="")
    course: Mapped[str] = mapped_column(String(200), default="")
    instructor: Mapped[str] = mapped_column(String(200), default="")


class Term(Base):
    __tablename__ = "terms"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        # as with activities: an undone term comes back under its id, which no other term may take (migration 0005)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class ActivityTag(Base):
    __tablename__ = "activity_tags"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True)


class Tick(Base):
    """One criterion ticked on one activity. Criterion ids are checked against the
    framework and the journal's custom criteria when written."""

    __tablename__ = "ticks"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("hours_centi >= 0 AND hours_centi <= 2400", name="hours_in_range"),
        Index("ix_activities_day", "day"),
        # the list's reads: live activities a page at a time, in the order of its sort column
        # (migration 0002 creates the title and organization ones COLLATE NOCASE)
        # by day with the hours, so a term's numbers are added up from the index alone (migration 0007)
        Index("ix_activities_deleted_at_day_hours_centi", "deleted_at", "day", "hours_centi"),
        Index("ix_activities_deleted_at_hours_centi", "deleted_at", "hours_centi"),
        Index("ix_activities_deleted_at_title", "deleted_at", "title"),
        Index("ix_activities_deleted_at_organization", "deleted_at", "organization"),
        # an id is never handed out twice, even after its activity is deleted for good: an undo
        # stack may still bring that activity back under it (migration 0005)
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    hours_centi: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    private: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    deleted_at: Mapped[str | None] = mapped_column(String(32), default=None)

    tags: Mapped[list[Tag]] = relationship(secondary="activity_tags", order_by="Tag.name", lazy="selectin")
    ticks: Mapped[list[Tick]] = relationship(
        cascade="all, delete-orphan", order_by="Tick.criterion_id", lazy="selectin"
    )


class WeeklyReflection(Base):
    __tablename__ = "weekly_reflections"

    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True)
    week: Mapped[int] = mapped_column(Integer, primary_key=True)
    what: Mapped[str] = mapped_column(Text, default="")
    so_what: Mapped[str] = mapped_column(Text, default="")
    now_what: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[str] = mapped_column(String(32))


class ClosingReflection(Base):
    __tablename__ = "closing_reflections"
    __table_args__ = (
        CheckConstraint(
            "direction IS NULL OR direction IN ('toward-charity', 'stay', 'toward-radical')",
            name="known_direction",
        ),
    )

    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True)
    essay: Mapped[str] = mapped_column(Text, default="")
    direction: Mapped[str | None] = mapped_column(String(20), default=None)
    updated_at: Mapped[str] = mapped_column(String(32))


class CustomCriterion(Base):
    __tablename__ = "custom_criteria"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    model_id: Mapped[str] = mapped_column(String(40))
    statement: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[str] = mapped_column(String(32))


class HiddenCriterion(Base):
    __tablename__ = "hidden_criteria"

    criterion_id: Mapped[str] = mapped_column(String(120), primary_key=True)
