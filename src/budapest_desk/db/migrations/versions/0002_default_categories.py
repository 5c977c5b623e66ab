"""Seed the default registration categories, each with its badge colour.

Revision ID: 0002_default_categories
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_default_categories"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Colours chosen to stay distinct when printed as a band on a badge, and for colour-blind readers.
DEFAULTS = [
    ("Head of delegation", "#7b1f2a"),
    ("Delegate", "#1f4e79"),
    ("Observer", "#5b6770"),
    ("Speaker", "#b35c00"),
    ("Press", "#2e7d32"),
    ("Staff", "#4a148c"),
    ("Interpreter", "#00838f"),
]

categories = sa.table(
    "categories",
    sa.column("name", sa.String),
    sa.column("colour", sa.String),
    sa.column("sort_order", sa.Integer),
)


def upgrade() -> None:
    conn = op.get_bind()
    existing = set(conn.execute(sa.select(categories.c.name)).scalars())
    rows = [
        {"name": name, "colour": colour, "sort_order": (i + 1) * 10}
        for i, (name, colour) in enumerate(DEFAULTS)
        if name not in existing
    ]
    if rows:
        op.bulk_insert(categories, rows)


def downgrade() -> None:
    op.execute(categories.delete().where(categories.c.name.in_([n for n, _ in DEFAULTS])))
