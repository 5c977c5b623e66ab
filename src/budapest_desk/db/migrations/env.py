"""Alembic environment: runs on the connection that migrate.py hands over (never its own)."""

from __future__ import annotations

from alembic import context

from budapest_desk.db import models  # noqa: F401  (registers every table on Base.metadata)
from budapest_desk.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
    compare_type=True,
    compare_server_default=False,
)
with context.begin_transaction():
    context.run_migrations()
