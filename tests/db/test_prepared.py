"""Prepared statements (the desk's hot path) read and write what the ORM does, on both
backends, inside the session's own transaction."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import bindparam, insert, select

from budapest_desk.core import checkin, events
from budapest_desk.core.database import Database
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput, create_registration
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry
from budapest_desk.db.prepared import Prepared, in_list, padded

J = checkin.JOURNAL
NAMES = ("nonce", "registration_id", "kind", "desk", "device_time", "recorded_at", "forced")
APPEND = Prepared(
    insert(J).values({n: bindparam(n, type_=J.c[n].type) for n in NAMES})
)  # fmt: skip
BY_IDS = Prepared(
    select(J.c.nonce, J.c.kind, J.c.device_time, J.c.forced, J.c.undoes_nonce)
    .where(in_list(J.c.registration_id, "rid", 3))
    .order_by(J.c.device_time)
)
WHEN = dt.datetime(2027, 5, 12, 7, 14, 30, 123456, tzinfo=dt.UTC)


def _registration(db: Database) -> int:
    with db.transaction() as s:
        event = events.create_event(s, events.EventInput("Ministerial", dt.date(2027, 5, 12)))
        person = PersonInput("Gyöngyvér", "Kovács", "gy@example.org", country="HU")
        return create_registration(s, event.id, RegistrationInput(person)).id


def _entry(rid: int, kind: CheckinKind, when: dt.datetime, forced: bool) -> dict[str, object]:
    return {
        "nonce": str(uuid.uuid4()), "registration_id": rid, "kind": kind, "desk": "Desk A",
        "device_time": when, "recorded_at": when, "forced": forced,
    }  # fmt: skip


def test_values_written_and_read_are_those_of_the_orm(database: Database) -> None:
    rid = _registration(database)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    local = WHEN.astimezone(dt.timezone(dt.timedelta(hours=4, minutes=30)))  # Kabul
    first = _entry(rid, CheckinKind.IN, local, True)
    second = _entry(rid, CheckinKind.OUT, WHEN + dt.timedelta(hours=1), False)
    with database.transaction() as s:
        APPEND.execute(s, first)
        APPEND.execute(s, second)
    with database.transaction() as s:
        rows = BY_IDS.rows(s, padded("rid", [rid, 12345], 3))
        orm = s.scalars(select(CheckinEntry).order_by(CheckinEntry.device_time)).all()
    assert rows == [
        (first["nonce"], CheckinKind.IN, WHEN, True, None),
        (second["nonce"], CheckinKind.OUT, WHEN + dt.timedelta(hours=1), False, None),
    ]
    assert rows[0][2].tzinfo == dt.UTC
    assert [(e.nonce, e.kind, e.device_time, e.forced) for e in orm] == [r[:4] for r in rows]
    for e in orm:  # the columns' own defaults, filled by Prepared as the ORM would
        assert started <= e.created_at <= e.updated_at <= dt.datetime.now(dt.UTC)


def test_statements_run_in_the_sessions_transaction(database: Database) -> None:
    rid = _registration(database)
    seen: list[int] = []

    def write_then_fail() -> None:
        with database.transaction() as s:
            APPEND.execute(s, _entry(rid, CheckinKind.IN, WHEN, False))
            seen.append(len(BY_IDS.rows(s, padded("rid", [rid], 3))))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert seen == [1]  # seen inside
    with database.transaction() as s:
        assert BY_IDS.rows(s, padded("rid", [rid], 3)) == []


def test_a_naive_time_is_refused_as_by_the_orm(database: Database) -> None:
    rid = _registration(database)
    with pytest.raises(ValueError, match="naive"), database.transaction() as s:
        APPEND.execute(s, _entry(rid, CheckinKind.IN, WHEN.replace(tzinfo=None), False))


def test_padded_refuses_more_values_than_the_list_holds() -> None:
    assert padded("rid", [1], 2) == {"rid_0": 1, "rid_1": None}
    with pytest.raises(ValueError, match="3 values for a list of 2"):
        padded("rid", [1, 2, 3], 2)
