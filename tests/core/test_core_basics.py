"""The core use cases on both backends, and the pure helpers they rely on."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from budapest_desk.core import checkin, codes, events, library, news, registrations, roster
from budapest_desk.core.countries import country_name, normalise_country
from budapest_desk.core.database import Database
from budapest_desk.core.emails import normalise_email
from budapest_desk.core.errors import NotFoundError, UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.subscribers import (
    SubscriberInput,
    create_subscriber,
    list_subscribers,
    update_subscriber,
)
from budapest_desk.core.text import clean, search_key, search_words
from budapest_desk.db import models
from budapest_desk.db.enums import CheckinKind, DocumentKind, RegistrationStatus

MARCH_3 = dt.date(2026, 3, 3)


def _event(title: str = "Senior Officials Meeting", **kw: Any) -> events.EventInput:
    return events.EventInput(title=title, start_date=MARCH_3, **kw)


def _count(database: Database, model: type[models.Base]) -> int:
    with database.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# --- events -----------------------------------------------------------------------------------


def test_events_create_edit_delete_and_list(database: Database) -> None:
    with database.transaction() as s:
        a = events.create_event(
            s, _event("  Ministerial   Conference ", city="Budapest", country="hungary")
        )
        b = events.create_event(
            s, events.EventInput(title="Working group", start_date=dt.date(2026, 9, 1))
        )
    assert (a.title, a.country, a.end_date) == ("Ministerial Conference", "HU", MARCH_3)

    with database.transaction() as s:
        edited = events.update_event(
            s, a.id, _event("Ministerial Conference 2026", end_date=dt.date(2026, 3, 4))
        )
        assert edited.end_date == dt.date(2026, 3, 4)
        assert [e.title for e in events.list_events(s)] == [
            "Working group",  # newest first
            "Ministerial Conference 2026",
        ]

    with database.transaction() as s:
        events.delete_event(s, b.id)
    with database.transaction() as s:
        assert [e.id for e in events.list_events(s)] == [a.id]
        with pytest.raises(NotFoundError):
            events.get_event(s, b.id)


def test_event_list_counts_registrations(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event())
        for i, status in enumerate(
            [RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING]
        ):
            registrations.create_registration(
                s,
                ev.id,
                registrations.RegistrationInput(
                    person=PersonInput("Delegate", str(i), email=f"d{i}@example.org"),
                    status=status,
                ),
            )
    with database.transaction() as s:
        (row,) = events.list_events(s)
    assert (row.registrations, row.confirmed) == (3, 2)


INVALID_EVENTS = [
    (_event(end_date=dt.date(2026, 3, 2)), "end_date", "cannot end before it starts"),
    (_event("   "), "title", "Title is required"),
    (_event("x" * 301), "title", "Title is too long"),
    (_event(country="Atlantis"), "country", "Unknown country 'Atlantis'"),
    (_event(capacity=-1), "capacity", "Capacity cannot be negative"),
]


def test_event_validation(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event("Valid"))
    for data, field, message in INVALID_EVENTS:
        with pytest.raises(UserError, match=message) as info, database.transaction() as s:
            events.create_event(s, data)
        assert info.value.field == field
        with pytest.raises(UserError, match=message) as info, database.transaction() as s:
            events.update_event(s, ev.id, data)
        assert info.value.field == field
    with database.transaction() as s:
        assert [(e.title, e.end_date) for e in events.list_events(s)] == [("Valid", MARCH_3)]


# --- people and registrations -------------------------------------------------------------------


def test_same_email_is_the_same_person_across_events(database: Database) -> None:
    with database.transaction() as s:
        first = events.create_event(s, _event("First"))
        second = events.create_event(s, _event("Second"))
        r1 = registrations.create_registration(
            s,
            first.id,
            registrations.RegistrationInput(
                person=PersonInput("Gyöngyvér", "Kovács", email="Gy.Kovacs@Example.HU")
            ),
        )
        r2 = registrations.create_registration(
            s,
            second.id,
            registrations.RegistrationInput(
                person=PersonInput(
                    "Gyöngyvér", "Kovács", email=" gy.kovacs@example.hu ", position="Director"
                )
            ),
        )
    assert r1.person_id == r2.person_id
    assert r2.position == "Director"
    assert _count(database, models.Person) == 1
    assert _count(database, models.Registration) == 2
    assert r1.checkin_code != r2.checkin_code
    assert codes.is_valid(r1.checkin_code)
    assert codes.is_valid(r2.checkin_code)


def test_registering_a_known_person_keeps_what_was_not_typed(database: Database) -> None:
    known = PersonInput(
        "Nino", "Beridze", email="n.beridze@mia.example.ge", country="GE",
        organisation="Ministry of Internal Affairs", position="Head of Unit", title="Ms",
        phone="+995 32 241 11 11", badge_name="Nino BERIDZE", name_latin="Nino Beridze",
        languages="ka, en, ru", notes="Prefers Georgian interpretation",
    )  # fmt: skip
    with database.transaction() as s:
        first = events.create_event(s, _event("First"))
        second = events.create_event(s, _event("Second"))
        registrations.create_registration(s, first.id, registrations.RegistrationInput(known))
        again = registrations.create_registration(
            s,
            second.id,
            registrations.RegistrationInput(
                PersonInput(
                    "Nino", "Beridze", email="N.Beridze@mia.example.ge", position="Director"
                )
            ),
        )
        person = s.get(models.Person, again.person_id)
        assert person is not None
        assert (person.phone, person.badge_name, person.name_latin) == (
            "+995 32 241 11 11", "Nino BERIDZE", "Nino Beridze"
        )  # fmt: skip
        assert (person.organisation, person.country, person.title) == (
            "Ministry of Internal Affairs", "GE", "Ms"
        )  # fmt: skip
        assert (person.languages, person.notes) == ("ka, en, ru", "Prefers Georgian interpretation")
        assert person.position == "Director"  # what was typed wins


def test_duplicate_registration_is_refused(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event("Expert meeting"))
        registrations.create_registration(
            s,
            ev.id,
            registrations.RegistrationInput(person=PersonInput("Ana", "Pop", email="a@x.org")),
        )
    again = registrations.RegistrationInput(person=PersonInput("Ana", "Pop", email="A@X.ORG"))
    with (
        pytest.raises(UserError, match="already registered for Expert meeting") as info,
        database.transaction() as s,
    ):
        registrations.create_registration(s, ev.id, again)
    assert info.value.field == "email"
    assert _count(database, models.Registration) == 1


def test_deleting_a_registration_keeps_the_person(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event())
        reg = registrations.create_registration(
            s,
            ev.id,
            registrations.RegistrationInput(person=PersonInput("Νίκος", "Παππάς", email="n@x.gr")),
        )
        checkin.record(s, reg.id, CheckinKind.IN)
    with database.transaction() as s:
        registrations.delete_registration(s, reg.id)
    assert _count(database, models.Registration) == 0
    assert _count(database, models.CheckinEntry) == 0
    with database.transaction() as s:
        person = s.get(models.Person, reg.person_id)
        assert person is not None
        assert person.first_name == "Νίκος"
        assert person.search_key == "nikos pappas n x gr"


def test_registration_search_ignores_case_accents_and_script(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event())
        for first, last in [("Gyöngyvér", "Kovács"), ("Ольга", "Иванова"), ("John", "O'Brien")]:
            registrations.create_registration(
                s, ev.id, registrations.RegistrationInput(person=PersonInput(first, last))
            )
    with database.transaction() as s:

        def found(query: str) -> list[str]:
            ids = roster.roster_ids(s, ev.id, roster.RosterFilter(text=query))
            return [r.last_name for r in registrations.registration_rows(s, ids)]

        assert found("kovacs gyongyver") == ["Kovács"]
        assert found("GYÖNGYVÉR") == ["Kovács"]
        assert found("olga") == ["Иванова"]
        assert found("Ольга ivanova") == ["Иванова"]
        assert found("obrien") == ["O'Brien"]
        assert found("o'brien") == ["O'Brien"]
        assert found("100%") == []
        assert len(found("")) == 3


# --- check-in journal ---------------------------------------------------------------------------


def test_checkin_state_is_derived_from_the_journal(database: Database) -> None:
    t0 = dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)
    with database.transaction() as s:
        ev = events.create_event(s, _event())
        reg = registrations.create_registration(
            s, ev.id, registrations.RegistrationInput(person=PersonInput("Ana", "Pop"))
        )
        assert checkin.states(s, [reg.id])[reg.id].checked_in is False

        # Desk B scans first in real time, but desk A's scan happened earlier by device time.
        state = checkin.record(
            s, reg.id, CheckinKind.IN, desk="B", device_time=t0 + dt.timedelta(minutes=5)
        )
        assert (state.checked_in, state.first_in_desk) == (True, "B")
        state = checkin.record(s, reg.id, CheckinKind.IN, desk="A", device_time=t0)
        assert (state.checked_in, state.first_in_at, state.first_in_desk) == (True, t0, "A")
        assert state.entries == 2

        out = checkin.record(
            s, reg.id, CheckinKind.OUT, desk="A", device_time=t0 + dt.timedelta(hours=1)
        )
        assert out.checked_in is False
        assert out.first_in_at == t0  # the earliest check-in is still the one shown

        out_nonce = s.scalars(
            select(models.CheckinEntry.nonce).where(models.CheckinEntry.kind == CheckinKind.OUT)
        ).one()
        undone = checkin.record(s, reg.id, CheckinKind.UNDO, undoes_nonce=out_nonce)
        assert undone.checked_in is True
        assert undone.entries == 4

        row = registrations.get_registration(s, reg.id)
        assert (row.checked_in, row.checked_in_at, row.checked_in_desk) == (True, t0, "A")

    # Nothing but the journal holds the state: a merged-in entry from another laptop counts.
    assert not {"checked_in", "checked_in_at"} & set(models.Registration.__table__.columns.keys())
    with database.transaction() as s:
        s.add(
            models.CheckinEntry(
                nonce=str(uuid.uuid4()),
                registration_id=reg.id,
                kind=CheckinKind.OUT,
                desk="C",
                device_time=t0 + dt.timedelta(hours=2),
            )
        )
    with database.transaction() as s:
        assert checkin.states(s, [reg.id])[reg.id].checked_in is False


def test_checkin_of_a_missing_registration(database: Database) -> None:
    with pytest.raises(NotFoundError), database.transaction() as s:
        checkin.record(s, 12345, CheckinKind.IN)


# --- codes, text, emails, countries (pure) ------------------------------------------------------


def _sample_codes() -> list[str]:
    rng = random.Random(20260303)
    bodies = ["".join(rng.choice(codes.ALPHABET) for _ in range(8)) for _ in range(150)]
    # Pairs that defeat Luhn-style checks (0 and the last symbol, neighbours of the middle).
    bodies += ["0Z0Z0Z0Z", "Z0Z0Z0Z0", "FGFGFGFG", "00000000", "ZZZZZZZZ"]
    sample = [b + codes._check_char(b) for b in bodies]
    return sample + [codes.new_code() for _ in range(50)]


def test_codes_detect_every_substitution_and_adjacent_transposition() -> None:
    for code in _sample_codes():
        assert len(code) == 9
        assert codes.is_valid(code), code
        for i, ch in itertools.product(range(len(code)), codes.ALPHABET):
            if ch != code[i]:
                wrong = code[:i] + ch + code[i + 1 :]
                assert not codes.is_valid(wrong), (code, wrong)
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert not codes.is_valid(swapped), (code, swapped)


def test_codes_are_random_and_read_forgivingly() -> None:
    made = {codes.new_code() for _ in range(2000)}
    assert len(made) == 2000
    assert all(set(c) <= set(codes.ALPHABET) for c in made)
    code = next(iter(made))
    assert codes.display(code) == f"{code[:4]}-{code[4:8]}-{code[8]}"
    assert codes.canonical(codes.display(code).lower()) == code
    assert codes.canonical(f" {code[:4]} {code[4:]} ") == code
    assert codes.canonical("il0o-IL0O") == "11001100"
    assert codes.is_valid(codes.display(code).lower())
    assert not codes.is_valid(code[:-1])
    assert not codes.is_valid(code + "0")
    assert not codes.is_valid("")


def test_search_keys() -> None:
    assert search_key("Kovács Gyöngyvér") == "kovacs gyongyver"
    assert search_key("  Kovács ", "KOVÁCS", None, "gyöngyvér") == "kovacs gyongyver"
    assert search_key("Гюльнара Алиева") == "gyulnara alieva"
    assert search_key("Ольга") == "olga"
    assert search_key("Ελένη Παπαδάκη") == "eleni papadaki"
    assert search_key("محمد علي") == "mhmd ly"
    assert search_key("ნინო ბერიძე") == "nino beridze"
    assert search_key("Łukasz Żółć", "Ştefan Ţăran", "Řehoř") == "lukasz zolc stefan taran rehor"
    assert search_words("Anna-Maria O'Neill, IOM") == ["anna", "maria", "oneill", "iom"]
    assert clean("  Kovács \n\t Gyöngyvér ") == "Kovács Gyöngyvér"
    assert clean("Kova\u0301cs") == "Kovács"  # decomposed input is stored composed (NFC)


def test_email_normalisation() -> None:
    assert normalise_email("  Anna.Kovacs@Example.ORG ") == (
        "Anna.Kovacs@example.org",
        "anna.kovacs@example.org",
    )
    assert normalise_email("") is None
    with pytest.raises(UserError, match="Email is required") as info:
        normalise_email("  ", required=True)
    assert info.value.field == "email"
    for bad in ("not-an-email", "a@b", "anna@@example.org", "anna example@example.org"):
        with pytest.raises(UserError, match="is not a valid email address"):
            normalise_email(bad)


def test_country_normalisation() -> None:
    assert normalise_country("hu") == "HU"
    assert normalise_country(" Hungary ") == "HU"
    assert normalise_country("GEORGIA") == "GE"
    assert normalise_country("Kosovo") == "XK"
    assert normalise_country("xk") == "XK"
    assert normalise_country("DEU") == "DE"
    assert normalise_country("") is None
    assert country_name("xk") == "Kosovo"
    assert country_name("HU") == "Hungary"
    with pytest.raises(UserError, match="Country is required"):
        normalise_country(None, required=True)
    for bad in ("Atlantis", "XX", "H"):
        with pytest.raises(UserError, match="Unknown country") as info:
            normalise_country(bad)
        assert info.value.field == "country"


# --- subscribers, news, library -----------------------------------------------------------------


INVALID_SUBSCRIBERS = [
    (SubscriberInput("", "Ana", "Popescu", "RO"), "email"),
    (SubscriberInput("ana@example", "Ana", "Popescu", "RO"), "email"),
    (SubscriberInput("ana@example.ro", " ", "Popescu", "RO"), "first_name"),
    (SubscriberInput("ana@example.ro", "Ana", "", "RO"), "last_name"),
    (SubscriberInput("ana@example.ro", "Ana", "Popescu", None), "country"),
    (SubscriberInput("ana@example.ro", "Ana", "Popescu", "Ruritania"), "country"),
]


def test_subscriber_requires_four_fields(database: Database) -> None:
    for data, field in INVALID_SUBSCRIBERS:
        with pytest.raises(UserError) as info, database.transaction() as s:
            create_subscriber(s, data)
        assert info.value.field == field, data
    assert _count(database, models.Subscriber) == 0
    with database.transaction() as s:
        row = create_subscriber(s, SubscriberInput(" ana@example.ro ", " Ana ", "Popescu", "ro"))
    assert (row.email, row.first_name, row.country) == ("ana@example.ro", "Ana", "RO")


def test_subscriber_duplicate_email_is_refused(database: Database) -> None:
    with database.transaction() as s:
        ana = create_subscriber(s, SubscriberInput("Ana@Example.ro", "Ana", "Popescu", "romania"))
        ion = create_subscriber(s, SubscriberInput("ion@example.ro", "Ion", "Ionescu", "RO"))
    assert ana.country == "RO"
    taken = "already on the subscriber list"
    with pytest.raises(UserError, match=taken), database.transaction() as s:
        create_subscriber(s, SubscriberInput("ana@EXAMPLE.RO", "A.", "P.", "RO"))
    with pytest.raises(UserError, match=taken), database.transaction() as s:
        update_subscriber(s, ion.id, SubscriberInput("ana@example.ro", "Ion", "I.", "RO"))
    with database.transaction() as s:
        assert [r.email for r in list_subscribers(s)] == ["ion@example.ro", "Ana@example.ro"]


def test_news_revisions_are_counted(database: Database) -> None:
    with database.transaction() as s:
        ev = events.create_event(s, _event())
        item = news.create_news(
            s, news.NewsInput(title="Draft", tags=("b", "a", " a "), event_ids=(ev.id,))
        )
        assert (item.revisions, item.tags, item.event_ids) == (1, ("a", "b"), (ev.id,))
        item = news.update_news(s, item.id, news.NewsInput(title="Second"))
        item = news.update_news(s, item.id, news.NewsInput(title="Final", summary="Done"))
    with database.transaction() as s:
        (row,) = news.list_news(s)
        assert (row.title, row.revisions, row.event_ids) == ("Final", 3, ())
        titles = s.scalars(
            select(models.NewsRevision.title).order_by(models.NewsRevision.number)
        ).all()
        assert titles == ["Draft", "Second", "Final"]
    with pytest.raises(UserError, match="Title is required"), database.transaction() as s:
        news.update_news(s, row.id, news.NewsInput(title=""))
    with database.transaction() as s:
        assert news.get_news(s, row.id).revisions == 3


def test_library_stores_each_file_once_and_numbers_versions(
    database: Database, tmp_path: Path
) -> None:
    lib = tmp_path / "library"
    same_a, same_b, other = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.txt"
    same_a.write_bytes(b"%PDF-1.7 agenda")
    same_b.write_bytes(b"%PDF-1.7 agenda")
    other.write_text("minutes — Ünnepélyes", encoding="utf-8")

    sha, size = library.store_file(lib, same_a)
    assert sha == hashlib.sha256(b"%PDF-1.7 agenda").hexdigest()
    assert size == len(b"%PDF-1.7 agenda")
    assert library.store_file(lib, same_b) == (sha, size)
    blobs = [p for p in lib.rglob("*") if p.is_file()]
    assert blobs == [library.blob_path(lib, sha)]

    with database.transaction() as s:
        doc = library.create_document(s, library.DocumentInput("Agenda", DocumentKind.AGENDA))
        library.add_version(s, lib, doc.id, same_a)
        library.add_version(s, lib, doc.id, same_b, note="re-sent")
        row = library.add_version(s, lib, doc.id, other)
    assert (row.versions, row.latest_filename) == (3, "c.txt")
    with database.transaction() as s:
        versions = s.scalars(
            select(models.DocumentVersion).order_by(models.DocumentVersion.number)
        ).all()
        assert [(v.number, v.filename, v.sha256 == sha) for v in versions] == [
            (1, "a.pdf", True),
            (2, "b.pdf", True),
            (3, "c.txt", False),
        ]
        assert versions[0].media_type == "application/pdf"
    assert len([p for p in lib.rglob("*") if p.is_file()]) == 2  # one blob per SHA-256
    assert not list(lib.glob(".incoming-*"))
    with pytest.raises(UserError, match="does not exist"), database.transaction() as s:
        library.add_version(s, lib, doc.id, tmp_path / "missing.pdf")
    with database.transaction() as s:
        assert library.get_document(s, doc.id).versions == 3


def test_event_time_zone_must_exist(database: Database) -> None:
    with database.transaction() as s:
        ok = events.create_event(
            s, events.EventInput("A", dt.date(2027, 1, 1), time_zone="Asia/Tashkent")
        )
        assert ok.time_zone == "Asia/Tashkent"
        with pytest.raises(UserError, match="Unknown time zone") as info:
            events.create_event(
                s, events.EventInput("B", dt.date(2027, 1, 1), time_zone="Budapest")
            )
        assert info.value.field == "time_zone"


@pytest.mark.parametrize(
    "address",
    [
        "Anna.Kovacs@BM.GOV.HU", "a+tag@sub.example.org", "o'brien@x.ie", "x@localhost",
        "x@foo.test", "a..b@x.com", "a.@x.com", "a@-x.com", "a@x..com", "a@x.123",
        "a@xn--mnchen-3ya.de", "user@[1.2.3.4]", '"q"@x.com', "a@x.onion", "ana@mvr.gov.mk",
        "zahra@ميل.af", "ünal@gmail.com", "a" * 65 + "@x.com",
    ],
)  # fmt: skip
def test_fast_email_check_agrees_with_email_validator(address: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        got = normalise_email(address)
    except UserError:
        got = None
    assert (got[0] if got else None) == expected
