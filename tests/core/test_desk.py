"""The check-in desk's core: a scan answered with what to do, search as you type by word
prefixes in any script, the live counters; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, codes, desk, desk_search, desk_stats, events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result
from budapest_desk.core.people import PersonInput
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import CheckinEntry, Person, PersonWord, Registration

T0 = dt.datetime(2026, 3, 3, 8, 14, tzinfo=dt.UTC)


def _event(s: Session, title: str = "Expert meeting") -> int:
    return events.create_event(s, events.EventInput(title=title, start_date=dt.date(2026, 3, 3))).id


def _register(
    s: Session,
    event_id: int,
    first: str,
    last: str,
    status: RegistrationStatus = RegistrationStatus.CONFIRMED,
    **person: str,
) -> registrations.RegistrationRow:
    data = PersonInput(
        first_name=first, last_name=last, email=f"{abs(hash((first, last)))}@example.org", **person
    )
    return registrations.create_registration(
        s, event_id, registrations.RegistrationInput(person=data, status=status)
    )


def test_a_scan_checks_in_once_and_then_says_where_and_when(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        anna = _register(s, event, "Anna", "Kovács")
    with database.transaction() as s:
        first = desk.scan(s, event, codes.display(anna.checkin_code), desk="Desk A", device_time=T0)
    assert first.result == Result.CHECKED_IN
    assert first.name == "Anna Kovács"
    assert first.nonce
    assert not first.forced
    with database.transaction() as s:
        # Typed in lower case, with the confusable letters a person types for 1 and 0.
        typed = anna.checkin_code.lower().replace("1", "l").replace("0", "o")
        again = desk.scan(s, event, typed, desk="Desk B")
    assert again.result == Result.ALREADY
    assert (again.desk, again.at) == ("Desk A", T0)
    # 08:14 UTC is 09:14 at the venue (the event's time zone, Europe/Budapest by default).
    assert again.message == "Anna Kovács is already checked in at Desk A at 09:14."
    assert again.nonce == ""
    with database.transaction() as s:
        entries = s.scalars(select(CheckinEntry)).all()
        assert len(entries) == 1
        assert entries[0].nonce == first.nonce


def test_unknown_codes_and_other_events(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        other = _event(s, "Working group on return")
        elsewhere = _register(s, other, "Ali", "Rezaei")
    with database.transaction() as s:
        not_a_code = desk.scan(s, event, "hello", desk="Desk A")
        assert not_a_code.result == Result.UNKNOWN
        assert "is not a check-in code" in not_a_code.message
        unknown = desk.scan(s, event, codes.new_code(), desk="Desk A")
        assert unknown.result == Result.UNKNOWN
        assert "No registration for this event" in unknown.message
        wrong_event = desk.scan(s, event, elsewhere.checkin_code, desk="Desk A")
        assert wrong_event.result == Result.UNKNOWN
        assert "Working group on return" in wrong_event.message
        assert s.scalars(select(CheckinEntry)).all() == []


def test_every_status_but_confirmed_has_its_reason_for_refusal() -> None:
    confirmed = {RegistrationStatus.CONFIRMED}
    assert set(desk.STATUS_REASONS) == set(RegistrationStatus) - confirmed


def test_refused_unless_forced_and_the_attention_note_is_carried(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        gone = _register(s, event, "Giorgi", "Beridze", RegistrationStatus.CANCELLED)
        noted = _register(s, event, "Nodira", "Karimova")
        reg = s.get(Registration, noted.id)
        assert reg is not None
        reg.needs_attention, reg.attention_note = True, "Wheelchair: use the side entrance."
    with database.transaction() as s:
        refused = desk.scan(s, event, gone.checkin_code, desk="Desk A")
        assert refused.result == Result.REFUSED
        assert refused.message == "Giorgi Beridze: not admitted, the registration was cancelled."
        assert checkin.count_checked_in(s, event) == 0
        forced = desk.scan(s, event, gone.checkin_code, desk="Desk A", force=True)
        assert forced.result == Result.CHECKED_IN
        assert forced.forced
        entry = s.scalars(select(CheckinEntry)).one()
        assert entry.forced
        attention = desk.check_in(s, event, noted.id, desk="Desk A")
        assert attention.result == Result.CHECKED_IN
        assert attention.attention == "Wheelchair: use the side entrance."
        assert attention.as_json()["attention"] == "Wheelchair: use the side entrance."


def test_check_out_and_undo(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        anna = _register(s, event, "Anna", "Kovács")
    with database.transaction() as s:
        assert desk.check_out(s, event, anna.checkin_code, desk="A").result == Result.NOT_IN
        desk.scan(s, event, anna.checkin_code, desk="A")
        assert desk.check_out(s, event, anna.checkin_code, desk="A").result == Result.CHECKED_OUT
        back = desk.scan(s, event, anna.checkin_code, desk="A")
        assert back.result == Result.CHECKED_IN  # coming back after leaving is not "already"
        unknown = desk.undo(s, event, desk="A", typed=codes.new_code())
        assert unknown.outcome == checkin.Outcome.MISSING
        undone = desk.undo(s, event, desk="A", typed=anna.checkin_code.lower())
        assert undone.outcome == checkin.Outcome.UNDONE
        assert not undone.state.checked_in
        desk.check_in(s, event, anna.id, desk="A")
        chosen = desk.check_out(s, event, registration_id=anna.id, desk="A")  # chosen by name
        assert (chosen.result, chosen.code) == (Result.CHECKED_OUT, anna.checkin_code)
        gone = desk.check_out(s, event, registration_id=anna.id + 1000, desk="A")
        assert gone.result == Result.UNKNOWN
        assert gone.message.startswith("This registration no longer exists")


def _names(s: Session, event: int, query: str) -> list[str]:
    found = desk_search.search(s, event, query)
    return [r.full_name for r in registrations.registration_rows(s, found.ids)]


def test_search_by_word_beginnings_in_any_script_and_order(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        other = _event(s, "Other")
        _register(s, event, "Gyöngyvér", "Kovács", organisation="Ministry of Interior")
        _register(s, event, "Олег", "Ковач")
        _register(s, event, "Zoltán", "Kovácsy")
        _register(s, event, "Γιώργος", "Παπαδόπουλος")
        _register(s, event, "Ali", "Rezaei", name_latin="Ali Rezaei")
        _register(s, other, "Anna", "Kovács")  # another event's: never found here
    with database.transaction() as s:
        assert _names(s, event, "kovacs gyongyver") == ["Gyöngyvér Kovács"]
        assert _names(s, event, "Gyöngyvér KOV") == ["Gyöngyvér Kovács"]
        # Whole-word matches first, then name order.
        assert _names(s, event, "Kovacs") == ["Gyöngyvér Kovács", "Zoltán Kovácsy"]
        assert _names(s, event, "kovach") == ["Олег Ковач"]
        assert _names(s, event, "Ковач") == ["Олег Ковач"]
        assert _names(s, event, "papad") == ["Γιώργος Παπαδόπουλος"]
        assert _names(s, event, "minis inter") == ["Gyöngyvér Kovács"]
        assert _names(s, event, "kov zzz") == []
        assert _names(s, event, "  ,. ") == []


def test_search_finds_a_code_by_its_beginning(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        anna = _register(s, event, "Anna", "Kovács")
    with database.transaction() as s:
        assert _names(s, event, anna.checkin_code[:5].lower()) == ["Anna Kovács"]


def test_search_words_follow_every_change_of_a_person(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        anna = _register(s, event, "Anna", "Kovács")
    with database.transaction() as s:
        data = registrations.get_registration(s, anna.id).to_input()
        person = PersonInput(**{**data.person.__dict__, "last_name": "Szabó"})
        registrations.update_registration(
            s, anna.id, registrations.RegistrationInput(**{**data.__dict__, "person": person})
        )
    with database.transaction() as s:
        assert _names(s, event, "kovacs") == []
        assert _names(s, event, "szabo") == ["Anna Szabó"]
        for pid, key in s.execute(select(Person.id, Person.search_key)):
            stored = set(s.scalars(select(PersonWord.word).where(PersonWord.person_id == pid)))
            assert stored == set(key.split())


def test_search_reads_a_bounded_number_of_rows(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        for i in range(desk_search.CANDIDATES + 10):
            _register(s, event, f"Anna{i:03d}", "Kovács")
    with database.transaction() as s:
        found = desk_search.search(s, event, "k")
        assert len(found.ids) == desk_search.SHOWN
        assert found.more
        assert len(desk_search.search(s, event, "anna007").ids) == 1


def test_counters_by_category_and_country(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        hu = [_register(s, event, f"P{i}", "Kovács", country="HU") for i in range(3)]
        uz = _register(s, event, "Nodira", "Karimova", country="UZ")
        gone = _register(s, event, "Giorgi", "Beridze", RegistrationStatus.CANCELLED, country="GE")
    with database.transaction() as s:
        for reg in (*hu[:2], uz):
            desk.scan(s, event, reg.checkin_code, desk="A")
        desk.scan(s, event, gone.checkin_code, desk="A", force=True)
        desk.undo(s, event, uz.id, desk="A")
        stats = desk_stats.desk_stats(s, event)
    assert (stats.checked_in, stats.expected) == (3, 4)
    countries = {c.label: (c.checked_in, c.expected) for c in stats.by_country}
    assert countries == {"Hungary": (2, 3), "Uzbekistan": (0, 1), "Georgia": (1, 0)}
    assert stats.by_country[0].label == "Hungary"
    assert sum(c.checked_in for c in stats.by_category) == 3
    as_json = stats.as_json()
    assert as_json["checked_in"] == 3
    assert as_json["expected"] == 4
