"""A busy, unreachable or broken database is a clear UserError, not a crash report."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

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


def _terminate(db: Database, held: Database) -> int:
    """End the held connection's server process; its pid."""
    with held.transaction() as s:
        pid: int = s.execute(select(text("pg_backend_pid()"))).scalar_one()
    with db.opened.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    return pid


@pytest.mark.postgres
def test_a_held_connection_lost_while_quiet_is_replaced_unnoticed(pg_url: str) -> None:
    """`checkin scan --stdin` holds one connection: a server that dropped it while the desk
    waited (restarted, or the venue network) costs the next scan a reconnect, not an error."""
    db = Database.open(pg_url)
    try:
        with db.held(ping_after=0.2) as held:
            with held.transaction() as s:
                events.create_event(s, _event())
            pid = _terminate(db, held)
            time.sleep(0.3)
            with held.transaction() as s:
                assert s.execute(select(text("pg_backend_pid()"))).scalar_one() != pid
                events.create_event(s, _event())
        with db.transaction() as s:
            assert len(events.list_events(s)) == 2
    finally:
        db.close()


@pytest.mark.postgres
def test_a_held_connection_lost_in_a_run_fails_one_transaction(pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        with db.held() as held:
            pid = _terminate(db, held)
            with pytest.raises(UserError, match="cannot be reached"), held.transaction() as s:
                events.create_event(s, _event())
            with held.transaction() as s:  # the next one reconnects
                assert s.execute(select(text("pg_backend_pid()"))).scalar_one() != pid
                events.create_event(s, _event())
        with db.transaction() as s:
            assert len(events.list_events(s)) == 1
    finally:
        db.close()


def test_other_database_errors_stay_bugs(sqlite_database: Database) -> None:
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError), sqlite_database.transaction() as s:
        s.execute(text("SELECT no_such_column FROM events"))
