"""The words of each person's search key in a table of their own, so that the check-in desk finds
people by word prefix through an index instead of reading every row (issue 5).

Revision ID: 0004_person_words
Revises: 0003_people_sort_and_distinct
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_person_words"
down_revision = "0003_people_sort_and_distinct"
branch_labels = None
depends_on = None

WORD_LENGTH = 60  # as db.models.people.WORD_LENGTH at the time of this migration

people = sa.table("people", sa.column("id", sa.Integer), sa.column("search_key", sa.String))
words = sa.table("person_words", sa.column("word", sa.String), sa.column("person_id", sa.Integer))


def upgrade() -> None:
    op.create_table(
        "person_words",
        sa.Column("word", sa.String(length=WORD_LENGTH), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_words_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("word", "person_id", name=op.f("pk_person_words")),
    )
    with op.batch_alter_table("person_words", schema=None) as batch_op:
        batch_op.create_index("ix_person_words_person_id", ["person_id", "word"], unique=False)
    conn = op.get_bind()
    batch: list[dict[str, object]] = []
    for pid, key in conn.execute(sa.select(people.c.id, people.c.search_key)).all():
        batch.extend({"person_id": pid, "word": w} for w in {w[:WORD_LENGTH] for w in key.split()})
        if len(batch) >= 5000:
            conn.execute(words.insert(), batch)
            batch = []
    if batch:
        conn.execute(words.insert(), batch)


def downgrade() -> None:
    op.drop_table("person_words")
