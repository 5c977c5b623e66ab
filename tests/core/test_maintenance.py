"""check_database: a sound database passes; each kind of damage is listed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from budapest_desk.core import checkin, events, maintenance, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.people import PersonInput
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.migrate import HEAD_REVISION


def fill(db: Database, people: int = 3) -> int:
    with db.transaction() as s:
        ev = events.create_event(
            s, events.EventInput(title="Expert meeting", start_date=dt.date(2026, 4, 1))
        )
        for i in range(people):
            reg = registrations.create_registration(
                s,
                ev.id,
                registrations.RegistrationInput(
                    person=PersonInput("Ivan", f"Petrov {i}", email=f"ivan{i}@example.org")
                ),
            )
            checkin.record(s, reg.id, CheckinKind.IN)
    return ev.id


def execute(db: Database, *statements: str) -> None:
    with db.opened.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_a_sound_database_has_no_problems(database: Database) -> None:
    assert maintenance.check_database(database) == []
    fill(database)
    assert maintenance.check_database(database) == []


def test_rows_that_refer_to_missing_rows_are_listed(sqlite_database: Database) -> None:
    fill(sqlite_database)
    path = Path(sqlite_database.location)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM people WHERE id IN (1, 2)")
        conn.execute(
            "INSERT INTO checkin_journal (nonce, registration_id, kind, desk, device_time,"
            " recorded_at, forced) VALUES ('orphan', 999, 'in', '', '2026-04-01 08:00:00',"
            " '2026-04-01 08:00:00', 0)"
        )
        conn.commit()
    finally:
        conn.close()
    problems = maintenance.check_database(sqlite_database)
    assert problems == [
        "1 checkin_journal row refers to missing registrations (first: row 4).",
        "12 person_words rows refer to missing people (first: row 1).",
        "2 registrations rows refer to missing people (first: row 1).",
    ]


def test_a_dropped_index_is_listed(database: Database) -> None:
    fill(database)
    execute(database, "DROP INDEX ix_registrations_person_id")
    assert maintenance.check_database(database) == [
        "Index ix_registrations_person_id on registrations is missing."
    ]


def test_missing_tables_and_extra_columns_are_listed(database: Database) -> None:
    execute(
        database,
        "DROP TABLE newsletter_sends",
        "ALTER TABLE events ADD COLUMN rating INTEGER",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
    )
    problems = maintenance.check_database(database)
    assert sorted(problems) == [
        "Column events.rating is not part of the schema.",
        "Table newsletter_sends is missing.",
        "Table notes is not part of the schema.",
    ]


@pytest.mark.postgres
def test_a_changed_column_type_is_listed(pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        execute(db, "ALTER TABLE events ALTER COLUMN title TYPE VARCHAR(100)")
        (problem,) = maintenance.check_database(db)
        assert problem == "Column events.title: type is VARCHAR(100), the models say VARCHAR(300)."
    finally:
        db.close()


def test_a_wrong_schema_revision_is_listed(database: Database) -> None:
    execute(database, "UPDATE alembic_version SET version_num = '0001_initial'")
    assert maintenance.check_database(database) == [
        f"The schema revision is 0001_initial; this version expects {HEAD_REVISION}."
    ]
    execute(database, "DELETE FROM alembic_version")
    assert maintenance.check_database(database) == [
        f"The schema revision is missing; this version expects {HEAD_REVISION}."
    ]


def test_a_damaged_sqlite_file_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "budapest-desk.db"
    db = Database.open(str(path))
    fill(db, people=300)
    db.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_registrations_person_id'"
    ).fetchone()
    conn.close()
    with path.open("r+b") as fh:  # break the header of one index page
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0a\x00\x00\x00\x05")

    db = Database.open(str(path))
    try:
        problems = maintenance.check_database(db)
    finally:
        db.close()
    assert problems
    assert all(p.startswith(("SQLite integrity check: ", "... and ")) for p in problems)
    assert len(problems) <= maintenance.MAX_LISTED + 1
