"""Counting check-ins and undoing one, derived from the journal, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry

T0 = dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _event(s: Session, title: str = "Expert meeting") -> int:
    return events.create_event(s, events.EventInput(title=title, start_date=dt.date(2026, 3, 3))).id


def _register(s: Session, event_id: int, first: str, last: str) -> int:
    person = PersonInput(first_name=first, last_name=last, email=f"{first}.{last}@example.org")
    return registrations.create_registration(
        s, event_id, registrations.RegistrationInput(person=person)
    ).id


def test_count_checked_in_follows_the_journal(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        other = _event(s, "Working group")
        a, b, c, d = (_register(s, event, "Anna", n) for n in ("Kovács", "Nagy", "Szabó", "Tóth"))
        elsewhere = _register(s, other, "Anna", "Kovács")
        assert checkin.count_checked_in(s, event) == 0

        checkin.record(s, a, CheckinKind.IN, desk="Desk 1", device_time=_at(0))
        checkin.record(s, a, CheckinKind.IN, desk="Desk 2", device_time=_at(5))  # duplicate
        checkin.record(s, b, CheckinKind.IN, desk="Desk 1", device_time=_at(1))
        checkin.record(s, b, CheckinKind.OUT, desk="Desk 1", device_time=_at(30))
        checkin.record(s, c, CheckinKind.IN, desk="Desk 1", device_time=_at(2))
        checkin.undo_last_checkin(s, c, desk="Desk 1", device_time=_at(3))
        # An "out" recorded on a laptop whose clock was behind comes before the "in".
        checkin.record(s, d, CheckinKind.OUT, desk="Desk 3", device_time=_at(-10))
        checkin.record(s, d, CheckinKind.IN, desk="Desk 3", device_time=_at(4))
        checkin.record(s, elsewhere, CheckinKind.IN, desk="Desk 9", device_time=_at(0))

    with database.transaction() as s:
        derived = checkin.states(s, [a, b, c, d])
        assert [derived[r].checked_in for r in (a, b, c, d)] == [True, False, False, True]
        assert checkin.count_checked_in(s, event) == 2
        assert checkin.count_checked_in(s, other) == 1


def test_undo_takes_back_the_latest_check_in_only(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        reg = _register(s, event, "Gyöngyvér", "Kovács")
        checkin.record(s, reg, CheckinKind.IN, desk="Desk 1", device_time=_at(0))
        checkin.record(s, reg, CheckinKind.IN, desk="Desk 2", device_time=_at(10))
        second = checkin.last_checkin_nonce(s, reg)

        state = checkin.undo_last_checkin(s, reg, desk="Desk 2", device_time=_at(11))
        assert state.checked_in
        assert (state.first_in_desk, state.first_in_at) == ("Desk 1", _at(0))
        assert checkin.count_checked_in(s, event) == 1

        state = checkin.undo_last_checkin(s, reg, desk="Desk 2", device_time=_at(12))
        assert not state.checked_in
        assert checkin.count_checked_in(s, event) == 0

        with pytest.raises(UserError, match="no check-in to undo"):
            checkin.undo_last_checkin(s, reg, desk="Desk 2")

    with database.transaction() as s:
        journal = list(
            s.scalars(
                select(CheckinEntry)
                .where(CheckinEntry.registration_id == reg)
                .order_by(CheckinEntry.device_time)
            )
        )
    kinds = [e.kind for e in journal]
    assert kinds == [CheckinKind.IN, CheckinKind.IN, CheckinKind.UNDO, CheckinKind.UNDO]
    assert journal[2].undoes_nonce == second
    assert journal[3].undoes_nonce == journal[0].nonce
    assert journal[3].desk == "Desk 2"


def test_editing_a_registration_keeps_the_rest_of_the_person(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        person = PersonInput(
            first_name="Nino",
            last_name="Beridze",
            email="nino@example.org",
            phone="+995 32 200 00 00",
            name_latin="Nino Beridze",
            notes="Vegetarian",
        )
        reg = registrations.create_registration(
            s, event, registrations.RegistrationInput(person=person)
        )
        data = reg.to_input()
        registrations.update_registration(
            s,
            reg.id,
            registrations.RegistrationInput(
                person=PersonInput(**{**vars(data.person), "organisation": "Ministry"}),
                status=data.status,
            ),
        )
        row = registrations.get_registration(s, reg.id)
    assert (row.organisation, row.phone, row.notes) == (
        "Ministry",
        "+995 32 200 00 00",
        "Vegetarian",
    )
