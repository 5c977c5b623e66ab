"""Registrations: a person at an event. The roster reads ids first and rows only for what is
visible, so that a 100,000-person event opens as fast as an empty one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, lifecycle
from budapest_desk.core.codes import new_code
from budapest_desk.core.countries import normalise_country
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import (
    PersonInput,
    find_by_email,
    update_person,
    upsert_person,
)
from budapest_desk.core.records import chunks, get_or_raise
from budapest_desk.core.text import clean
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import RegistrationSource, RegistrationStatus
from budapest_desk.db.models import Category, Event, Person, Registration
from budapest_desk.db.prepared import Prepared, in_list, padded


@dataclass(frozen=True)
class CategoryRow:
    id: int
    name: str
    colour: str


@dataclass(frozen=True)
class RegistrationInput:
    person: PersonInput
    status: RegistrationStatus = RegistrationStatus.PENDING
    category_id: int | None = None
    delegation_country: str | None = None
    delegation_organisation: str = ""
    needs_attention: bool = False
    attention_note: str = ""
    list_consent: bool = False
    source: RegistrationSource = RegistrationSource.TYPED


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    event_id: int
    person_id: int
    title: str
    first_name: str
    last_name: str
    email: str
    country: str | None
    organisation: str
    position: str
    status: RegistrationStatus
    category_id: int | None
    category: str
    category_colour: str
    delegation_country: str | None
    delegation_organisation: str
    needs_attention: bool
    attention_note: str
    list_consent: bool
    checkin_code: str
    checked_in: bool = False
    checked_in_at: dt.datetime | None = None
    checked_in_desk: str = ""
    # The rest of the person, carried so that editing a registration keeps it.
    phone: str = ""
    badge_name: str = ""
    name_latin: str = ""
    languages: str = ""
    notes: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def to_input(self) -> RegistrationInput:
        return RegistrationInput(
            person=PersonInput(
                first_name=self.first_name,
                last_name=self.last_name,
                email=self.email,
                country=self.country,
                organisation=self.organisation,
                position=self.position,
                title=self.title,
                phone=self.phone,
                badge_name=self.badge_name,
                name_latin=self.name_latin,
                languages=self.languages,
                notes=self.notes,
            ),
            status=self.status,
            category_id=self.category_id,
            delegation_country=self.delegation_country,
            delegation_organisation=self.delegation_organisation,
            needs_attention=self.needs_attention,
            attention_note=self.attention_note,
            list_consent=self.list_consent,
        )


def list_categories(session: Session) -> list[CategoryRow]:
    stmt = select(Category).order_by(Category.sort_order, Category.name)
    return [CategoryRow(c.id, c.name, c.colour) for c in session.scalars(stmt)]


def count_registrations(session: Session, event_id: int) -> int:
    stmt = select(func.count()).select_from(Registration).where(Registration.event_id == event_id)
    return int(session.scalar(stmt) or 0)


# A row's columns and their journal entries in one statement, read without the ORM: the desk
# reads rows on every scan and keystroke, where loading entities costs ten times the query.
REGISTRATIONS = cast(Table, Registration.__table__)
_PERSON = cast(Table, Person.__table__)
_CATEGORY = cast(Table, Category.__table__)
_ROW_FROM = (
    REGISTRATIONS.join(_PERSON, _PERSON.c.id == REGISTRATIONS.c.person_id)
    .outerjoin(_CATEGORY, _CATEGORY.c.id == REGISTRATIONS.c.category_id)
    .outerjoin(checkin.JOURNAL, checkin.JOURNAL.c.registration_id == REGISTRATIONS.c.id)
)
_ROW_COLUMNS = (
    *(REGISTRATIONS.c[name] for name in ("id", "event_id", "person_id")),
    *(_PERSON.c[name] for name in ("title", "first_name", "last_name", "email", "country")),
    *(_PERSON.c[name] for name in ("organisation", "position")),
    *(REGISTRATIONS.c[name] for name in ("status", "category_id")),
    _CATEGORY.c.name,
    _CATEGORY.c.colour,
    *(REGISTRATIONS.c[name] for name in ("delegation_country", "delegation_organisation")),
    *(REGISTRATIONS.c[name] for name in ("needs_attention", "attention_note", "list_consent")),
    REGISTRATIONS.c.checkin_code,
    *(_PERSON.c[name] for name in ("phone", "badge_name", "name_latin", "languages", "notes")),
    *checkin.RECORD_COLUMNS,  # NULLs when the registration has no entry
)
_N = len(_ROW_COLUMNS) - len(checkin.RECORD_COLUMNS)
# Add a WHERE clause and read the result with rows_from().
ROWS = select(*_ROW_COLUMNS).select_from(_ROW_FROM)
_ROWS_BY_ID = ROWS.where(REGISTRATIONS.c.id.in_(bindparam("ids", expanding=True)))
_FEW = 50  # rows read at once by a prepared statement (the desk shows 50 matches at most)
_FEW_BY_ID = Prepared(ROWS.where(in_list(REGISTRATIONS.c.id, "id", _FEW)))


def registration_rows(session: Session, ids: Sequence[int]) -> list[RegistrationRow]:
    """The rows for these ids, in the same order (missing ids are left out)."""
    if not ids:
        return []
    session.flush()  # what the session holds is read too, as autoflush would
    found: dict[int, tuple[Any, ...]] = {}
    journal: dict[int, list[checkin.JournalRow]] = {}
    if len(ids) <= _FEW:  # a list on show, the desk's matches: prepared
        _read_rows(_FEW_BY_ID.rows(session, padded("id", list(ids), _FEW)), found, journal)
    else:
        for chunk in chunks(list(ids)):
            _read_rows(session.execute(_ROWS_BY_ID, {"ids": list(chunk)}), found, journal)
    return [_row(found[rid], journal[rid]) for rid in ids if rid in found]


def rows_from(result: Iterable[Any]) -> list[RegistrationRow]:
    """The registrations of a statement built on ROWS, in the order they first appear."""
    found: dict[int, tuple[Any, ...]] = {}
    journal: dict[int, list[checkin.JournalRow]] = {}
    _read_rows(result, found, journal)
    return [_row(columns, journal[rid]) for rid, columns in found.items()]


def _read_rows(
    result: Iterable[Any],
    found: dict[int, tuple[Any, ...]],
    journal: dict[int, list[checkin.JournalRow]],
) -> None:
    """Gather each registration's columns once, in `found`, and its journal entries."""
    for row in result:
        rid = row[0]
        if rid not in found:
            found[rid] = tuple(row[:_N])
            journal[rid] = []
        if row[_N] is not None:
            journal[rid].append(checkin.JournalRow(*row[_N:]))


def _row(r: tuple[Any, ...], entries: list[checkin.JournalRow]) -> RegistrationRow:
    (rid, event_id, person_id, title, first_name, last_name, email, country, organisation,
     position, status, category_id, category, colour, delegation_country,
     delegation_organisation, needs_attention, attention_note, list_consent, checkin_code,
     phone, badge_name, name_latin, languages, notes) = r  # fmt: skip
    state = checkin.derive_state(rid, entries)
    return RegistrationRow(
        id=rid,
        event_id=event_id,
        person_id=person_id,
        title=title,
        first_name=first_name,
        last_name=last_name,
        email=email or "",
        country=country,
        organisation=organisation,
        position=position,
        status=status,
        category_id=category_id,
        category=category or "",
        category_colour=colour or "",
        delegation_country=delegation_country,
        delegation_organisation=delegation_organisation,
        needs_attention=needs_attention,
        attention_note=attention_note,
        list_consent=list_consent,
        checkin_code=checkin_code,
        checked_in=state.checked_in,
        checked_in_at=state.first_in_at,
        checked_in_desk=state.first_in_desk,
        phone=phone,
        badge_name=badge_name,
        name_latin=name_latin,
        languages=languages,
        notes=notes,
    )


def get_registration(session: Session, registration_id: int) -> RegistrationRow:
    get_or_raise(session, Registration, registration_id, "registration")
    return registration_rows(session, [registration_id])[0]


def find_registration(session: Session, event_id: int, email: str) -> RegistrationRow:
    """The event's registration of the person with this email."""
    person = find_by_email(session, email)
    rid = None
    if person is not None:
        rid = session.scalar(
            select(Registration.id).where(
                Registration.event_id == event_id, Registration.person_id == person.id
            )
        )
    if rid is None:
        raise UserError(f"Nobody with the email {email.strip()!r} is registered for this event.")
    return get_registration(session, rid)


def _apply(session: Session, reg: Registration, data: RegistrationInput) -> None:
    if data.category_id is not None:
        get_or_raise(session, Category, data.category_id, "category")
    reg.category_id = data.category_id
    reg.delegation_country = normalise_country(data.delegation_country)
    reg.delegation_organisation = clean(data.delegation_organisation)[:300]
    reg.needs_attention = bool(data.needs_attention)
    reg.attention_note = data.attention_note.strip()
    reg.list_consent = bool(data.list_consent)


def _unique_code(session: Session) -> str:
    while True:
        code = new_code()
        taken = session.scalar(select(Registration.id).where(Registration.checkin_code == code))
        if taken is None:
            return code


def create_registration(
    session: Session, event_id: int, data: RegistrationInput
) -> RegistrationRow:
    """Register a person (found by email in the directory, else new) for an event."""
    event = get_or_raise(session, Event, event_id, "event")
    existing = find_by_email(session, data.person.email) if data.person.email.strip() else None
    if existing is not None:
        taken = session.scalar(
            select(Registration.id).where(
                Registration.event_id == event.id, Registration.person_id == existing.id
            )
        )
        if taken is not None:
            raise UserError(
                f"{existing.first_name} {existing.last_name} ({existing.email}) is already "
                f"registered for {event.title}.",
                field="email",
            )
    person = upsert_person(session, data.person)
    reg = Registration(
        event_id=event.id,
        person_id=person.id,
        checkin_code=_unique_code(session),
        source=data.source,
        status=lifecycle.admitted_status(session, event.id, RegistrationStatus(data.status)),
        status_changed_at=utcnow(),
    )
    _apply(session, reg, data)
    session.add(reg)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent desk registered the same person
        raise UserError("This person is already registered for this event.") from exc
    return get_registration(session, reg.id)


def update_registration(
    session: Session, registration_id: int, data: RegistrationInput
) -> RegistrationRow:
    """Save an edited registration. A status change must be an allowed one; a confirmation
    that finds the event full goes to the waiting list, and a seat it frees may promote the
    first in line (if the event is set to)."""
    reg = get_or_raise(session, Registration, registration_id, "registration")
    wanted = RegistrationStatus(data.status)
    lifecycle.check_transition(reg.status, wanted)
    update_person(session, reg.person, data.person)
    _apply(session, reg, data)
    was_confirmed = reg.status == RegistrationStatus.CONFIRMED
    if wanted != reg.status:
        lifecycle.set_status(reg, lifecycle.admitted_status(session, reg.event_id, wanted))
    session.flush()
    if was_confirmed and reg.status != RegistrationStatus.CONFIRMED:
        lifecycle.auto_promote(session, reg.event_id, passed_over=[reg.id])
    return get_registration(session, reg.id)


def delete_registration(session: Session, registration_id: int) -> None:
    """Delete a registration and its check-in journal (the person stays in the directory)."""
    reg = get_or_raise(session, Registration, registration_id, "registration")
    event_id, freed = reg.event_id, reg.status == RegistrationStatus.CONFIRMED
    session.delete(reg)
    session.flush()
    if freed:
        lifecycle.auto_promote(session, event_id)
