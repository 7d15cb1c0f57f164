"""The index of live activities by day also holds their hours, so a term's numbers are added up from it alone.

A term's numbers (``journal.scoring.stats``) read each live activity's day and
hours within the term's dates. With the hours in the index, SQLite reads them
from the index without visiting each row (for a term of 200,000 activities the
rows are most of the file). The index replaces ``ix_activities_deleted_at_day``,
whose columns it starts with, so the list's reads by day use it as before.

The migration is self-contained.

Revision ID: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_activities_deleted_at_day_hours_centi", "activities", ["deleted_at", "day", "hours_centi"])
    op.drop_index("ix_activities_deleted_at_day", "activities")


def downgrade() -> None:
    op.create_index("ix_activities_deleted_at_day", "activities", ["deleted_at", "day"])
    op.drop_index("ix_activities_deleted_at_day_hours_centi", "activities")
