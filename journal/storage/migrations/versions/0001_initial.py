"""The first journal schema: profile, terms, activities, tags, ticks, reflections, criteria.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_name", sa.String(200), nullable=False),
        sa.Column("course", sa.String(200), nullable=False),
        sa.Column("instructor", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profile"),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name="ck_terms_dates_in_order"),
        sa.PrimaryKeyConstraint("id", name="pk_terms"),
        sa.UniqueConstraint("name", name="uq_terms_name"),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tags"),
        sa.UniqueConstraint("name", name="uq_tags_name"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("organization", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("hours_centi", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("deleted_at", sa.String(32), nullable=True),
        sa.CheckConstraint("hours_centi >= 0 AND hours_centi <= 2400", name="ck_activities_hours_in_range"),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
    )
    op.create_index("ix_activities_day", "activities", ["day"])
    op.create_index("ix_activities_deleted_at", "activities", ["deleted_at"])
    op.create_table(
        "activity_tags",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activities.id"], name="fk_activity_tags_activity_id_activities", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["tag_id"], ["tags.id"], name="fk_activity_tags_tag_id_tags", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("activity_id", "tag_id", name="pk_activity_tags"),
    )
    op.create_index("ix_activity_tags_tag_id", "activity_tags", ["tag_id"])
    op.create_table(
        "ticks",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activities.id"], name="fk_ticks_activity_id_activities", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("activity_id", "criterion_id", name="pk_ticks"),
    )
    op.create_index("ix_ticks_criterion_id", "ticks", ["criterion_id"])
    op.create_table(
        "weekly_reflections",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("so_what", sa.Text(), nullable=False),
        sa.Column("now_what", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["term_id"], ["terms.id"], name="fk_weekly_reflections_term_id_terms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("term_id", "week", name="pk_weekly_reflections"),
    )
    op.create_table(
        "closing_reflections",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("essay", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(20), nullable=True),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "direction IS NULL OR direction IN ('toward-charity', 'stay', 'toward-radical')",
            name="ck_closing_reflections_known_direction",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["terms.id"], name="fk_closing_reflections_term_id_terms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("term_id", name="pk_closing_reflections"),
    )
    op.create_table(
        "custom_criteria",
        sa.Column("id", sa.String(120), nullable=False),
        sa.Column("model_id", sa.String(40), nullable=False),
        sa.Column("statement", sa.String(500), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_custom_criteria"),
    )
    op.create_table(
        "hidden_criteria",
        sa.Column("criterion_id", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("criterion_id", name="pk_hidden_criteria"),
    )


def downgrade() -> None:
    for table in (
        "hidden_criteria",
        "custom_criteria",
        "closing_reflections",
        "weekly_reflections",
        "ticks",
        "activity_tags",
        "activities",
        "tags",
        "terms",
        "profile",
    ):
        op.drop_table(table)
