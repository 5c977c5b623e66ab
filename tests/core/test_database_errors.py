"""A busy, unreachable or broken database is a clear UserError, not a crash report."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select, text

from budapest_desk.core import events
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError


def _event() -> events.EventInput:
    return events.EventInput(title="Working group", start_date=dt.date(2027, 2, 10))


def test_a_busy_sqlite_database_is_a_user_error(sqlite_database: Database) -> None:
    path = sqlite_database.location
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing

    def attempt() -> None:
        with sqlite_database.transaction() as s:
            s.execute(text("PRAGMA busy_timeout = 50"))  # do not wait the usual 30 s
            events.create_event(s, _event())

    try:
        with pytest.raises(UserError, match="is busy") as info:
            attempt()
        assert "INSERT" not in info.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite_database.transaction() as s:  # nothing half-written, and usable again
        assert events.list_events(s) == []


@pytest.mark.postgres
def test_a_lost_server_connection_is_a_user_error(pg_url: str) -> None:
    db = Database.open(pg_url)

    def attempt() -> None:
        with db.transaction() as s:
            pid = s.execute(select(text("pg_backend_pid()"))).scalar_one()
            with db.opened.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            events.create_event(s, _event())

    try:
        with pytest.raises(UserError, match="cannot be reached"):
            attempt()
        with db.transaction() as s:  # the next action reconnects
            assert events.list_events(s) == []
    finally:
        db.close()


def test_other_database_errors_stay_bugs(sqlite_database: Database) -> None:
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError), sqlite_database.transaction() as s:
        s.execute(text("SELECT no_such_column FROM events"))
