"""People get a sort key (rosters in one alphabet across scripts); pairs of people a human said
are different are remembered, so that they are not offered as duplicates again.

Revision ID: 0003_people_sort_and_distinct
Revises: 0002_default_categories
Create Date: 2026-11-28
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op
from anyascii import anyascii

revision = "0003_people_sort_and_distinct"
down_revision = "0002_default_categories"
branch_labels = None
depends_on = None

people = sa.table(
    "people",
    sa.column("id", sa.Integer),
    sa.column("first_name", sa.String),
    sa.column("last_name", sa.String),
    sa.column("sort_key", sa.String),
)


def _sort_key(first: str, last: str) -> str:
    # The same rule as core.text.sort_key at the time of this migration (db cannot import core).
    def fold(value: str) -> str:
        ascii_text = re.sub(r"['`]", "", anyascii(unicodedata.normalize("NFKC", value)))
        return " ".join(ascii_text.casefold().split())

    return f"{fold(last)}\x1f{fold(first)}"[:400]


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=400), nullable=False, server_default="")
        )
        batch_op.create_index("ix_people_sort_key", ["sort_key"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.select(people.c.id, people.c.first_name, people.c.last_name)).all()
    for start in range(0, len(rows), 1000):
        conn.execute(
            people.update().where(people.c.id == sa.bindparam("pid")),
            [
                {"pid": pid, "sort_key": _sort_key(first, last)}
                for pid, first, last in rows[start : start + 1000]
            ],
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.alter_column("sort_key", server_default=None)

    op.create_table(
        "distinct_people",
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.CheckConstraint(
            "person_a_id < person_b_id", name=op.f("ck_distinct_people_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["person_a_id"],
            ["people.id"],
            name=op.f("fk_distinct_people_person_a_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_b_id"],
            ["people.id"],
            name=op.f("fk_distinct_people_person_b_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distinct_people")),
        sa.UniqueConstraint(
            "person_a_id", "person_b_id", name=op.f("uq_distinct_people_person_a_id_person_b_id")
        ),
    )
    with op.batch_alter_table("distinct_people", schema=None) as batch_op:
        batch_op.create_index("ix_distinct_people_person_b_id", ["person_b_id"], unique=False)


def downgrade() -> None:
    op.drop_table("distinct_people")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_sort_key")
        batch_op.drop_column("sort_key")
