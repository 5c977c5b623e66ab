"""Counting check-ins and undoing one, derived from the journal, and the desk's actions on a
selection (check in, undo), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, desk, events, registrations
from budapest_desk.core.checkin import CheckinState, Outcome
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result
from budapest_desk.core.people import PersonInput
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind, RegistrationStatus
from budapest_desk.db.models import CheckinEntry, Person, Registration

T0 = dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _event(s: Session, title: str = "Expert meeting") -> int:
    return events.create_event(s, events.EventInput(title=title, start_date=dt.date(2026, 3, 3))).id


def _register(s: Session, event_id: int, first: str, last: str) -> int:
    """A confirmed registration: one the desk admits without forcing."""
    person = PersonInput(first_name=first, last_name=last, email=f"{first}.{last}@example.org")
    data = registrations.RegistrationInput(person=person, status=RegistrationStatus.CONFIRMED)
    return registrations.create_registration(s, event_id, data).id


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


def test_checking_in_leaves_those_already_in_alone(database: Database) -> None:
    """The desk's check-in by id, once per person chosen, against the journal as recorded."""
    with database.transaction() as s:
        event = _event(s)
        other = _event(s, "Working group")
        a, b, c, d = (_register(s, event, "Anna", n) for n in ("Kovács", "Nagy", "Szabó", "Tóth"))
        elsewhere = _register(s, other, "Anna", "Kovács")
        checkin.record(s, b, CheckinKind.IN, desk="Desk 1", device_time=_at(0))
        checkin.record(s, c, CheckinKind.IN, desk="Desk 1", device_time=_at(1))
        checkin.record(s, c, CheckinKind.OUT, desk="Desk 1", device_time=_at(2))
        gone = _register(s, event, "Anna", "Varga")
        registrations.delete_registration(s, gone)

    with database.transaction() as s:
        results = {
            rid: desk.check_in(s, event, rid, desk="Door B", device_time=_at(5))
            for rid in (a, b, gone, elsewhere, c, d)
        }
    assert {rid: (r.result, r.name) for rid, r in results.items()} == {
        a: (Result.CHECKED_IN, "Anna Kovács"),
        b: (Result.ALREADY, "Anna Nagy"),
        gone: (Result.UNKNOWN, ""),
        elsewhere: (Result.UNKNOWN, ""),  # another event's registration
        c: (Result.CHECKED_IN, "Anna Szabó"),  # checked out earlier: this is a new arrival
        d: (Result.CHECKED_IN, "Anna Tóth"),
    }
    assert (results[a].desk, results[a].at) == ("Door B", _at(5))
    assert (results[b].desk, results[b].at) == ("Desk 1", _at(0))  # when they came
    assert [results[r].nonce for r in (b, gone, elsewhere)] == ["", "", ""]
    assert results[gone].message == (
        "This registration no longer exists (deleted meanwhile, perhaps at another desk)."
    )
    assert (
        results[elsewhere].message == "Anna Kovács is registered for Working group, not this event."
    )
    with database.transaction() as s:
        assert checkin.states(s, [a, b, c, d, gone]) == {
            a: CheckinState(a, True, _at(5), "Door B", 1),
            b: CheckinState(b, True, _at(0), "Desk 1", 1),
            c: CheckinState(c, True, _at(1), "Desk 1", 3),  # the first arrival is shown
            d: CheckinState(d, True, _at(5), "Door B", 1),
            gone: CheckinState(gone),
        }
        assert [len(_journal(s, r)) for r in (a, b, c, d, elsewhere)] == [1, 1, 3, 1, 0]
        assert checkin.count_checked_in(s, event) == 4
        assert checkin.count_checked_in(s, other) == 0

    with database.transaction() as s:
        again = [desk.check_in(s, event, r, desk="Door C") for r in (a, b, c, d)]
        assert [(r.result, r.desk) for r in again] == [
            (Result.ALREADY, "Door B"),
            (Result.ALREADY, "Desk 1"),
            (Result.ALREADY, "Desk 1"),
            (Result.ALREADY, "Door B"),
        ]
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


def test_a_whole_roster_checked_in_and_undone_at_once(database: Database) -> None:
    """Ctrl+A, Ctrl+I on a large roster (one check-in each, as the Check-in tab makes them),
    then Ctrl+Z: more ids than one IN (...) query takes, when deriving their states, counting
    them and undoing them all."""
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
             "status": RegistrationStatus.CONFIRMED, "created_at": now, "updated_at": now}
            for pid in person_ids
        ]  # fmt: skip
        ids = list(s.scalars(insert(Registration).returning(Registration.id), regs))
        checkin.record(s, ids[700], CheckinKind.IN, desk="Desk 1", device_time=_at(0))

    with database.transaction() as s:
        results = [desk.check_in(s, event, rid, desk="Door B", device_time=_at(1)) for rid in ids]
        assert sum(r.result == Result.CHECKED_IN for r in results) == count - 1
        assert results[700].result == Result.ALREADY
        assert results[1_100].name == "Ivan Petrenko 01100"

        derived = checkin.states(s, ids)
        assert list(derived) == ids
        assert all(state.checked_in for state in derived.values())
        assert derived[ids[0]] == CheckinState(ids[0], True, _at(1), "Door B", 1)
        assert derived[ids[700]] == CheckinState(ids[700], True, _at(0), "Desk 1", 1)
        assert derived[ids[-1]] == CheckinState(ids[-1], True, _at(1), "Door B", 1)
        assert checkin.count_checked_in(s, event) == count

        undone = checkin.undo_many(s, ids, desk="Door B", device_time=_at(2))
        assert [r.registration_id for r in undone] == ids
        assert {r.outcome for r in undone} == {Outcome.UNDONE}
        assert undone[1_100].name == "Ivan Petrenko 01100"
        assert not any(r.state.checked_in for r in undone)
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
