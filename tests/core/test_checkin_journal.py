"""Counting check-ins and undoing one, derived from the journal, and the desk's actions on a
selection (check in, undo), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, events, registrations
from budapest_desk.core.checkin import CheckinState, Outcome
from budapest_desk.core.database import Database
from budapest_desk.core.people import PersonInput
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry, Person, Registration

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
        checkin.undo_many(s, [c], desk="Desk 1", device_time=_at(3))
        # An "out" recorded on a laptop whose clock was behind comes before the "in".
        checkin.record(s, d, CheckinKind.OUT, desk="Desk 3", device_time=_at(-10))
        checkin.record(s, d, CheckinKind.IN, desk="Desk 3", device_time=_at(4))
        checkin.record(s, elsewhere, CheckinKind.IN, desk="Desk 9", device_time=_at(0))

    with database.transaction() as s:
        derived = checkin.states(s, [a, b, c, d])
        assert [derived[r].checked_in for r in (a, b, c, d)] == [True, False, False, True]
        assert checkin.count_checked_in(s, event) == 2
        assert checkin.count_checked_in(s, other) == 1


def _journal(s: Session, registration_id: int) -> list[CheckinEntry]:
    stmt = (
        select(CheckinEntry)
        .where(CheckinEntry.registration_id == registration_id)
        .order_by(CheckinEntry.device_time, CheckinEntry.id)
    )
    return list(s.scalars(stmt))


def test_check_in_many_leaves_those_already_in_alone(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        a, b, c, d = (_register(s, event, "Anna", n) for n in ("Kovács", "Nagy", "Szabó", "Tóth"))
        checkin.record(s, b, CheckinKind.IN, desk="Desk 1", device_time=_at(0))
        checkin.record(s, c, CheckinKind.IN, desk="Desk 1", device_time=_at(1))
        checkin.record(s, c, CheckinKind.OUT, desk="Desk 1", device_time=_at(2))
        gone = _register(s, event, "Anna", "Varga")
        registrations.delete_registration(s, gone)

        results = checkin.check_in_many(s, [a, b, a, gone, c, d], desk="Door B", device_time=_at(5))

    assert [(r.registration_id, r.name, r.outcome) for r in results] == [
        (a, "Anna Kovács", Outcome.CHECKED_IN),
        (b, "Anna Nagy", Outcome.ALREADY_IN),
        (gone, "", Outcome.MISSING),
        (c, "Anna Szabó", Outcome.CHECKED_IN),  # checked out earlier: this is a new arrival
        (d, "Anna Tóth", Outcome.CHECKED_IN),
    ]
    assert results[0].state == CheckinState(a, True, _at(5), "Door B", 1)
    assert results[1].state == CheckinState(b, True, _at(0), "Desk 1", 1)  # when they came
    assert results[2].state == CheckinState(gone)
    assert results[3].state == CheckinState(c, True, _at(1), "Desk 1", 3)
    with database.transaction() as s:
        assert [len(_journal(s, r)) for r in (a, b, c, d)] == [1, 1, 3, 1]
        assert checkin.count_checked_in(s, event) == 4
        again = checkin.check_in_many(s, [a, b, c, d], desk="Door C")
        assert {r.outcome for r in again} == {Outcome.ALREADY_IN}
        assert [len(_journal(s, r)) for r in (a, b, c, d)] == [1, 1, 3, 1]


def test_undo_many_takes_back_the_latest_check_in_of_each(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        a, b, c = (_register(s, event, "Nino", n) for n in ("Beridze", "Kapanadze", "Lomidze"))
        checkin.record(s, a, CheckinKind.IN, desk="Desk 1", device_time=_at(0))
        checkin.record(s, a, CheckinKind.IN, desk="Desk 2", device_time=_at(10))
        first, second = (e.nonce for e in _journal(s, a))

        results = checkin.undo_many(s, [a, b, 999_999], desk="Desk 2", device_time=_at(11))
        assert [(r.registration_id, r.name, r.outcome) for r in results] == [
            (a, "Nino Beridze", Outcome.UNDONE),
            (b, "Nino Kapanadze", Outcome.NOTHING_TO_UNDO),
            (999_999, "", Outcome.MISSING),
        ]
        assert results[0].state == CheckinState(a, True, _at(0), "Desk 1", 3)  # still in
        assert results[1].state == CheckinState(b)

        [again] = checkin.undo_many(s, [a], desk="Desk 2", device_time=_at(12))
        assert (again.outcome, again.state.checked_in) == (Outcome.UNDONE, False)
        [nothing] = checkin.undo_many(s, [a], desk="Desk 2", device_time=_at(13))
        assert nothing.outcome == Outcome.NOTHING_TO_UNDO
        assert checkin.undo_many(s, [c], desk="Desk 2")[0].outcome == Outcome.NOTHING_TO_UNDO

    with database.transaction() as s:
        journal = _journal(s, a)
        assert [e.kind for e in journal] == [CheckinKind.IN] * 2 + [CheckinKind.UNDO] * 2
        assert [e.undoes_nonce for e in journal[2:]] == [second, first]
        assert {e.desk for e in journal[2:]} == {"Desk 2"}
        assert _journal(s, b) == []
        assert checkin.count_checked_in(s, event) == 0


def test_check_in_many_handles_a_whole_roster_at_once(database: Database) -> None:
    """Ctrl+A, Ctrl+I on a large roster: more ids than one IN (...) query takes."""
    count = 1_200
    with database.transaction() as s:
        event = _event(s)
        now = utcnow()
        people = [
            {"first_name": "Ivan", "last_name": f"Petrenko {i:05d}", "email": f"p{i}@example.org",
             "email_key": f"p{i}@example.org", "search_key": f"ivan petrenko {i:05d}",
             "created_at": now, "updated_at": now}
            for i in range(count)
        ]  # fmt: skip
        person_ids = list(s.scalars(insert(Person).returning(Person.id), people))
        regs = [
            {"event_id": event, "person_id": pid, "checkin_code": f"{pid:08d}X",
             "created_at": now, "updated_at": now}
            for pid in person_ids
        ]  # fmt: skip
        ids = list(s.scalars(insert(Registration).returning(Registration.id), regs))
        checkin.record(s, ids[700], CheckinKind.IN, desk="Desk 1", device_time=_at(0))

        results = checkin.check_in_many(s, ids, desk="Door B", device_time=_at(1))
        assert len(results) == count
        assert [r.registration_id for r in results] == ids
        assert sum(r.outcome == Outcome.CHECKED_IN for r in results) == count - 1
        assert results[700].outcome == Outcome.ALREADY_IN
        assert results[1_100].name == "Ivan Petrenko 01100"
        assert checkin.count_checked_in(s, event) == count

        undone = checkin.undo_many(s, ids, desk="Door B", device_time=_at(2))
        assert {r.outcome for r in undone} == {Outcome.UNDONE}
        assert checkin.count_checked_in(s, event) == 0


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
