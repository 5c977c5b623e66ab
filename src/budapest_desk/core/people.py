"""The people directory, shared by all events; a person is identified by normalised email."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from budapest_desk.core.countries import normalise_country
from budapest_desk.core.emails import normalise_email
from budapest_desk.core.errors import UserError
from budapest_desk.core.records import limit_text, require_text
from budapest_desk.core.text import clean, search_key, sort_key
from budapest_desk.db.models import Person


@dataclass(frozen=True)
class PersonInput:
    first_name: str
    last_name: str
    email: str = ""
    country: str | None = None
    organisation: str = ""
    position: str = ""
    title: str = ""
    phone: str = ""
    badge_name: str = ""
    name_latin: str = ""
    languages: str = ""
    notes: str = ""


def set_fields(person: Person, data: PersonInput) -> None:
    """Validate `data` and write it to `person` (the caller has settled whose email it is)."""
    person.first_name = require_text(
        clean(data.first_name), "First name", field="first_name", max_length=200
    )
    person.last_name = require_text(
        clean(data.last_name), "Last name", field="last_name", max_length=200
    )
    email = normalise_email(data.email)
    person.email, person.email_key = email if email else (None, None)
    person.country = normalise_country(data.country)
    person.organisation = limit_text(
        clean(data.organisation), "Organisation", field="organisation", max_length=300
    )
    person.position = limit_text(clean(data.position), "Position", field="position", max_length=300)
    person.title = limit_text(clean(data.title), "Title", field="title", max_length=40)
    person.phone = limit_text(clean(data.phone), "Phone", field="phone", max_length=60)
    person.badge_name = limit_text(
        clean(data.badge_name), "Badge name", field="badge_name", max_length=300
    )
    person.name_latin = limit_text(
        clean(data.name_latin), "Latin name", field="name_latin", max_length=300
    )
    person.languages = clean(data.languages)[:120]
    person.notes = data.notes.strip()
    refresh_keys(person)


def refresh_keys(person: Person) -> None:
    """Recompute the stored search and sort keys from the person's fields."""
    person.search_key = search_key(
        person.first_name, person.last_name, person.name_latin, person.badge_name,
        person.organisation, person.email,
    )  # fmt: skip
    person.sort_key = sort_key(person.first_name, person.last_name)


def name_order(session: Session) -> ColumnElement[str]:
    """The sort key to order people by, compared character by character on every backend: a
    PostgreSQL database with a linguistic collation (en_US, hu_HU, ICU) would ignore the
    separator and the spaces in it, and sort "Kovácsy, Anna" before "Kovács, Zoltán"."""
    if session.get_bind().dialect.name == "postgresql":
        return Person.sort_key.collate("C")
    return Person.sort_key.expression


def find_by_email(session: Session, email: str) -> Person | None:
    normalised = normalise_email(email)
    if normalised is None:
        return None
    return session.scalars(select(Person).where(Person.email_key == normalised[1])).one_or_none()


def as_input(person: Person) -> PersonInput:
    """The stored person as an input (for undo snapshots and for filling gaps)."""
    return PersonInput(
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email or "",
        country=person.country,
        organisation=person.organisation,
        position=person.position,
        title=person.title,
        phone=person.phone,
        badge_name=person.badge_name,
        name_latin=person.name_latin,
        languages=person.languages,
        notes=person.notes,
    )


def fill_gaps(person: Person, data: PersonInput) -> PersonInput:
    """The input, with every field left empty taken from the stored person instead."""
    typed = {k: v for k, v in dataclasses.asdict(data).items() if v not in (None, "")}
    return dataclasses.replace(as_input(person), **typed)


def upsert_person(session: Session, data: PersonInput) -> Person:
    """The directory's person with this email, or a new person.

    A person found by email is updated only with what was typed: a field left empty keeps what
    the directory knows (a registration form for a second meeting must not wipe the phone
    number or the badge name recorded for the first).
    """
    person = find_by_email(session, data.email) if data.email.strip() else None
    if person is None:
        person = Person()
        session.add(person)
    else:
        data = fill_gaps(person, data)
    set_fields(person, data)
    session.flush()
    return person


def update_person(session: Session, person: Person, data: PersonInput) -> None:
    email = normalise_email(data.email)
    if email is not None:
        other = session.scalars(select(Person).where(Person.email_key == email[1])).one_or_none()
        if other is not None and other.id != person.id:
            raise UserError(
                f"{email[0]} already belongs to {other.first_name} {other.last_name} "
                "in the people directory.",
                field="email",
            )
    set_fields(person, data)
    session.flush()
