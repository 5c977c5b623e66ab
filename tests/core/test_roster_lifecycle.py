"""Registration lifecycle (transitions, seats, waiting list, promotion), roster queries and
roster actions with undo, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from budapest_desk.core import duplicates, events, lifecycle, registrations, roster, roster_edits
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result, check_in
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db import models
from budapest_desk.db.enums import RegistrationStatus as S

PEOPLE = [
    ("Gyöngyvér", "Kovács", "HU"),
    ("Олег", "Ковальчук", "UA"),
    ("Νίκος", "Κωστόπουλος", "GR"),
    ("Zahra", "Ahmadi", "AF"),
    ("Anna", "Zimmermann", "AT"),
    ("Ali", "Haidari", "AF"),
]


def _setup(database: Database, capacity: int | None = None, auto: bool = False) -> int:
    with database.transaction() as s:
        ev = events.create_event(
            s,
            events.EventInput(
                title="SOM", start_date=dt.date(2027, 3, 1), capacity=capacity, auto_promote=auto
            ),
        )
        return ev.id


def _register(database: Database, event_id: int, i: int, status: S = S.PENDING) -> int:
    first, last, country = PEOPLE[i]
    with database.transaction() as s:
        row = registrations.create_registration(
            s,
            event_id,
            RegistrationInput(
                person=PersonInput(first, last, f"p{i}@example.org", country),
                status=status,
                delegation_country=country,
            ),
        )
        return row.id


def _status(database: Database, rid: int) -> S:
    with database.transaction() as s:
        return registrations.get_registration(s, rid).status


def test_transitions_allowed_and_forbidden_with_a_clear_message() -> None:
    assert lifecycle.transition_problem(S.PENDING, S.CONFIRMED) is None
    assert lifecycle.transition_problem(S.CONFIRMED, S.CONFIRMED) is None
    problem = lifecycle.transition_problem(S.CONFIRMED, S.INVITED)
    assert problem is not None
    assert problem.startswith("Confirmed cannot be changed to Invited")
    assert "waiting list" in problem
    with pytest.raises(UserError, match="Cancelled cannot be changed to Waiting list"):
        lifecycle.check_transition(S.CANCELLED, S.WAITLISTED)
    # every status can reach every other in at most two allowed steps
    for a in S:
        for b in S:
            reach = {a} | lifecycle.ALLOWED[a]
            assert b in reach | {c for r in reach for c in lifecycle.ALLOWED[r]}


def test_full_event_sends_a_confirmation_to_the_waiting_list(database: Database) -> None:
    ev = _setup(database, capacity=2)
    a = _register(database, ev, 0, S.CONFIRMED)
    b = _register(database, ev, 1, S.CONFIRMED)
    c = _register(database, ev, 2, S.CONFIRMED)  # full: waits
    d = _register(database, ev, 3, S.PENDING)
    assert [_status(database, r) for r in (a, b, c, d)] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.PENDING,
    ]

    with database.transaction() as s:
        edit = roster_edits.change_status(s, [d], S.CONFIRMED)
    assert "put on the waiting list" in edit.message
    assert _status(database, d) == S.WAITLISTED

    # a seat frees; not automatic: nobody moves until someone clicks promote
    with database.transaction() as s:
        roster_edits.change_status(s, [a], S.CANCELLED)
    assert _status(database, c) == S.WAITLISTED
    with database.transaction() as s:
        edit = roster_edits.promote(s, ev)
    assert "Promoted from the waiting list: Νίκος Κωστόπουλος" in edit.message
    assert (_status(database, c), _status(database, d)) == (S.CONFIRMED, S.WAITLISTED)
    with database.transaction() as s:
        edit = roster_edits.promote(s, ev)
        assert lifecycle.seats(s, ev) == lifecycle.Seats(2, 2, 1)
    assert "all 2 seats of SOM are taken" in edit.message


def test_automatic_promotion_when_a_seat_frees(database: Database) -> None:
    ev = _setup(database, capacity=1, auto=True)
    a = _register(database, ev, 0, S.CONFIRMED)
    b = _register(database, ev, 1, S.CONFIRMED)
    c = _register(database, ev, 2, S.CONFIRMED)
    assert [_status(database, r) for r in (a, b, c)] == [S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    with database.transaction() as s:
        edit = roster_edits.delete(s, [a])
    assert "Promoted from the waiting list: Олег Ковальчук" in edit.message
    assert (_status(database, b), _status(database, c)) == (S.CONFIRMED, S.WAITLISTED)
    # raising the capacity promotes the next in line too
    with database.transaction() as s:
        row = events.get_event(s, ev)
        events.update_event(s, ev, events.EventInput(**{**row.to_input().__dict__, "capacity": 2}))
    assert _status(database, c) == S.CONFIRMED
    # undo of the deletion brings back the registration and puts b back in line (exactly as
    # before; c keeps the seat the larger capacity gave it)
    with database.transaction() as s:
        assert roster_edits.undo(s, edit).startswith("Undone: Deleted 1 registration.")
    assert [_status(database, r) for r in (a, b, c)] == [S.CONFIRMED, S.WAITLISTED, S.CONFIRMED]


def test_forbidden_change_by_edit_is_refused_and_bulk_reports_it(database: Database) -> None:
    ev = _setup(database)
    a = _register(database, ev, 0, S.CONFIRMED)
    b = _register(database, ev, 1, S.PENDING)
    with database.transaction() as s:
        data = registrations.get_registration(s, a).to_input()
    invited = RegistrationInput(**{**data.__dict__, "status": S.INVITED})
    with database.transaction() as s, pytest.raises(UserError, match="Confirmed cannot"):
        registrations.update_registration(s, a, invited)
    with database.transaction() as s:
        edit = roster_edits.change_status(s, [a, b], S.INVITED)
    assert edit.changed == 1
    assert edit.refused[0].startswith("Gyöngyvér Kovács: Confirmed cannot")
    assert "1 left as they were" in edit.message
    assert _status(database, b) == S.INVITED


def test_undo_restores_edits_status_category_and_deletions(database: Database) -> None:
    ev = _setup(database)
    ids = [_register(database, ev, i) for i in range(3)]
    with database.transaction() as s:
        cat = registrations.list_categories(s)[0]
        # Still pending, so admitted anyway (forced): e1 below confirms it, and undoing e1 must
        # make it pending again once its deletion is undone.
        assert check_in(s, ev, ids[0], desk="Desk A", force=True).result == Result.CHECKED_IN
        code = registrations.get_registration(s, ids[0]).checkin_code
        before = registrations.registration_rows(s, ids)

    with database.transaction() as s:
        e1 = roster_edits.change_status(s, ids, S.CONFIRMED)
        e2 = roster_edits.change_category(s, ids, cat.id)
        data = registrations.get_registration(s, ids[1]).to_input()
        person = PersonInput(**{**data.person.__dict__, "position": "Director", "phone": ""})
        e3 = roster_edits.edit(s, ids[1], RegistrationInput(**{**data.__dict__, "person": person}))
        e4 = roster_edits.delete(s, [ids[0]])
    with database.transaction() as s:
        assert registrations.registration_rows(s, [ids[0]]) == []
        for edit in (e4, e3, e2, e1):
            roster_edits.undo(s, edit)
    with database.transaction() as s:
        after = registrations.registration_rows(s, ids)
        journal = s.scalar(select(func.count()).select_from(models.CheckinEntry))
    assert after == before
    assert after[0].checkin_code == code
    assert after[0].checked_in
    assert journal == 1


def test_roster_filters_sorts_and_counts(database: Database) -> None:
    ev = _setup(database)
    ids = [_register(database, ev, i) for i in range(len(PEOPLE))]
    with database.transaction() as s:
        cats = {c.name: c.id for c in registrations.list_categories(s)}
        roster_edits.change_category(s, ids[:2], cats["Head of delegation"])
        roster_edits.change_status(s, ids[3:], S.CONFIRMED)

        names = [r.last_name for r in registrations.registration_rows(s, roster.roster_ids(s, ev))]
        # one alphabet across scripts: Κωστόπουλος (Kostopoulos), Kovács, Ковальчук (Koval'chuk)
        assert names == ["Ahmadi", "Haidari", "Κωστόπουλος", "Kovács", "Ковальчук", "Zimmermann"]
        by_status = roster.roster_ids(s, ev, sort=roster.SortKey.STATUS, descending=True)
        assert len(by_status) == len(PEOPLE)

        def find(**kw: object) -> set[str]:
            ids_ = roster.roster_ids(s, ev, roster.RosterFilter(**kw))  # type: ignore[arg-type]
            return {r.last_name for r in registrations.registration_rows(s, ids_)}

        assert find(text="gyongyver KOVACS") == {"Kovács"}
        assert find(text="kovalchuk") == {"Ковальчук"}
        assert find(statuses=frozenset({S.CONFIRMED})) == {"Ahmadi", "Zimmermann", "Haidari"}
        assert find(countries=frozenset({"AF"})) == {"Ahmadi", "Haidari"}
        assert find(category_ids=frozenset({roster.NO_CATEGORY})) == {
            "Κωστόπουλος", "Ahmadi", "Zimmermann", "Haidari"
        }  # fmt: skip

        counts = roster.roster_counts(s, ev)
        assert counts.total == 6
        assert counts.by_status == {"pending": 3, "confirmed": 3}
        assert counts.by_category == {"Head of delegation": 2, "": 4}
        assert counts.by_country == {"HU": 1, "UA": 1, "GR": 1, "AF": 2, "AT": 1}
        assert roster.roster_counts(s, ev, roster.RosterFilter(text="ahmadi")).total == 1
        assert roster.delegation_countries(s, ev) == ["AF", "AT", "GR", "HU", "UA"]
        assert [r.last_name for r in roster.iter_roster(s, ev, chunk=4)] == names


def test_possible_duplicates_are_shown_merged_or_kept_apart_never_silently(
    database: Database,
) -> None:
    ev = _setup(database)
    other = _setup(database)
    with database.transaction() as s:

        def reg(event_id: int, email: str, phone: str = "") -> int:
            person = PersonInput(
                "Zahra", "Ahmadi", email, "AF", "Ministry of Refugees", phone=phone
            )
            return registrations.create_registration(s, event_id, RegistrationInput(person)).id

        a = reg(ev, "z.ahmadi@morr.gov.af")
        reg(other, "zahra.ahmadi@gmail.com", "+93 20 210 1234")
        c = reg(other, "Z.Ahmadi@MORR.gov.af")  # same email: the same person, no duplicate
        assert (
            registrations.get_registration(s, c).person_id
            == registrations.get_registration(s, a).person_id
        )
        d = reg(ev, "za@unhcr.org")  # same name, other organisation: not offered
        s.get(models.Person, registrations.get_registration(s, d).person_id).organisation = "UNHCR"  # type: ignore[union-attr]
        pairs = duplicates.possible_duplicates(s)
    assert [(p.first.email.lower(), p.second.email) for p in pairs] == [
        ("z.ahmadi@morr.gov.af", "zahra.ahmadi@gmail.com")
    ]
    keep, drop = pairs[0].first.id, pairs[0].second.id

    # both are registered for the second meeting (c is a's email): refused, nothing changes
    with database.transaction() as s, pytest.raises(UserError, match="registered twice for SOM"):
        duplicates.merge_people(s, keep, drop)

    with database.transaction() as s:
        duplicates.keep_apart(s, drop, keep)
        assert duplicates.possible_duplicates(s) == []
        twice = s.scalars(
            select(models.Registration.id).where(
                models.Registration.person_id == drop, models.Registration.event_id == other
            )
        ).one()
        roster_edits.delete(s, [twice])
        message = duplicates.merge_people(s, keep, drop)
        assert message == "Merged zahra.ahmadi@gmail.com into Zahra Ahmadi."
        merged = s.get(models.Person, keep)
        assert merged is not None
        assert merged.phone == "+93 20 210 1234"
        assert {r.event_id for r in merged.registrations} == {ev, other}
        assert s.get(models.Person, drop) is None
        assert s.scalar(select(func.count()).select_from(models.DistinctPeople)) == 0


def test_undo_of_a_deletion_after_the_id_went_to_someone_else(database: Database) -> None:
    ev = _setup(database)
    a = _register(database, ev, 0, S.CONFIRMED)
    with database.transaction() as s:
        assert check_in(s, ev, a, desk="Door 1").result == Result.CHECKED_IN
        code = registrations.get_registration(s, a).checkin_code
        deleted = roster_edits.delete(s, [a])
    b = _register(database, ev, 1)  # SQLite may give b the id a had
    with database.transaction() as s:
        roster_edits.undo(s, deleted)
    rows = {r.email: r for r in _rows(database, ev)}
    assert rows["p0@example.org"].first_name == "Gyöngyvér"
    assert rows["p0@example.org"].checkin_code == code
    assert rows["p0@example.org"].checked_in
    assert rows["p1@example.org"].first_name == "Олег"  # b untouched
    assert rows["p1@example.org"].id == b


def test_undo_of_a_status_change_keeps_later_corrections_to_the_person(database: Database) -> None:
    ev = _setup(database)
    a = _register(database, ev, 0)
    with database.transaction() as s:
        declined = roster_edits.change_status(s, [a], S.DECLINED)
        data = registrations.get_registration(s, a).to_input()
        person = PersonInput(**{**data.person.__dict__, "phone": "+36 1 999 0000"})
        registrations.update_registration(
            s, a, RegistrationInput(**{**data.__dict__, "person": person})
        )
        roster_edits.undo(s, declined)
        row = registrations.get_registration(s, a)
    assert (row.status, row.phone) == (S.PENDING, "+36 1 999 0000")


def test_moving_someone_to_the_waiting_list_is_not_undone_by_auto_promotion(
    database: Database,
) -> None:
    ev = _setup(database, capacity=2, auto=True)
    a = _register(database, ev, 0, S.CONFIRMED)
    with database.transaction() as s:
        edit = roster_edits.change_status(s, [a], S.WAITLISTED)
    assert edit.message == "1 set to Waiting list."
    assert _status(database, a) == S.WAITLISTED


def _rows(database: Database, event_id: int) -> list[registrations.RegistrationRow]:
    with database.transaction() as s:
        return list(roster.iter_roster(s, event_id))


@pytest.mark.postgres
def test_two_laptops_cannot_both_take_the_last_seat(pg_url: str) -> None:
    import threading

    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        ev = _setup(first, capacity=1)
        a, b = _register(first, ev, 0), _register(first, ev, 1)
        holding = threading.Event()
        results: dict[str, str] = {}

        def laptop_a() -> None:
            with first.transaction() as s:
                results["a"] = roster_edits.change_status(s, [a], S.CONFIRMED).message
                holding.set()  # the seat is taken, not yet committed
                threading.Event().wait(0.5)

        thread = threading.Thread(target=laptop_a)
        thread.start()
        assert holding.wait(10)
        with second.transaction() as s:  # waits for laptop A's commit, then sees it
            results["b"] = roster_edits.change_status(s, [b], S.CONFIRMED).message
        thread.join()
        assert results == {
            "a": "1 set to Confirmed.",
            "b": "0 set to Confirmed. 1 put on the waiting list: the event is full.",
        }
        assert (_status(first, a), _status(first, b)) == (S.CONFIRMED, S.WAITLISTED)
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_names_sort_the_same_on_a_postgresql_database_with_a_linguistic_collation(
    pg_url: str,
) -> None:
    import uuid

    import psycopg

    admin = pg_url.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://") + "/test"
    name = f"bd_icu_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
            "ICU_LOCALE 'hu-HU' LOCALE 'C.UTF-8'"
        )
    db = Database.open(pg_url.rsplit("/", 1)[0] + f"/{name}")
    try:
        ev = _setup(db)
        people = [("Zoltán", "Kovács"), ("Anna", "Kovácsy"), ("Zhang", "Li"), ("Anna", "Lin")]
        with db.transaction() as s:
            for i, (first, last) in enumerate(people):
                data = RegistrationInput(PersonInput(first, last, f"p{i}@example.org", "HU"))
                registrations.create_registration(s, ev, data)
        assert [(r.first_name, r.last_name) for r in _rows(db, ev)] == people
    finally:
        db.close()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_people_without_email_with_the_same_name_are_offered_as_duplicates(
    database: Database,
) -> None:
    ev, other = _setup(database), _setup(database)
    with database.transaction() as s:
        for event_id in (ev, other):
            person = PersonInput("Ali", "Haidari", "", "AF", "Ministry of Refugees")
            registrations.create_registration(s, event_id, RegistrationInput(person))
        (pair,) = duplicates.possible_duplicates(s)
    assert (pair.first.email, pair.second.email) == ("", "")


@pytest.mark.postgres
def test_two_desks_saving_the_same_record_at_once_get_a_clear_message(pg_url: str) -> None:
    import threading

    from budapest_desk.core import categories

    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        holding = threading.Event()

        def desk_a() -> None:
            with first.transaction() as s:
                categories.create_category(s, "Rapporteur", "#123456")
                holding.set()
                threading.Event().wait(0.5)

        thread = threading.Thread(target=desk_a)
        thread.start()
        assert holding.wait(10)
        clash = pytest.raises(UserError, match="Another desk saved the same record")
        with clash, second.transaction() as s:
            categories.create_category(s, "Rapporteur", "#654321")
        thread.join()
    finally:
        first.close()
        second.close()
