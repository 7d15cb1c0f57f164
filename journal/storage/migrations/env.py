"""Alembic environment: runs on the connection the journal hands it, in batch mode."""

from __future__ import annotations

from alembic import context

from journal.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=lambda name, type_, parent: not (type_ == "table" and (name or "").startswith("search_")),
)
with context.begin_transaction():
    context.run_migrations()
