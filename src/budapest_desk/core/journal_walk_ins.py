"""Walk-ins in a merged journal: people registered at the door of another laptop, recreated
here under the same check-in code before their scans are merged.

Planning reads and checks everything and writes nothing, so that a bad walk-in refuses the
whole file; creating then only writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core.countries import normalise_country
from budapest_desk.core.errors import UserError
from budapest_desk.core.journal_format import WalkIn
from budapest_desk.core.people import PersonInput, find_by_email, set_fields, upsert_person
from budapest_desk.core.records import chunks
from budapest_desk.core.text import clean
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import RegistrationSource
from budapest_desk.db.models import Category, Person, Registration


@dataclass
class WalkInPlan:
    # The file's codes that name one of the event's registrations here.
    known: dict[str, int] = field(default_factory=dict)
    # Walk-ins whose person (by email) is registered for the event here under another code.
    matched: dict[str, int] = field(default_factory=dict)
    # Walk-ins to recreate: the walk-in, and the person to register (found by email, or new).
    to_create: list[tuple[WalkIn, PersonInput, Person | None]] = field(default_factory=list)


def _registrations(session: Session, codes: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(registration id, event id) by check-in code, in every event."""
    found: dict[str, tuple[int, int]] = {}
    for chunk in chunks(codes):
        stmt = select(Registration.checkin_code, Registration.id, Registration.event_id).where(
            Registration.checkin_code.in_(chunk)
        )
        for code, rid, event_id in session.execute(stmt):
            found[code] = (rid, event_id)
    return found


def _person(walk_in: WalkIn) -> PersonInput:
    return PersonInput(
        first_name=walk_in.first_name,
        last_name=walk_in.last_name,
        email=walk_in.email or "",
        country=walk_in.country,
        organisation=walk_in.organisation,
        position=walk_in.position,
        title=walk_in.title,
    )


def _bad(source: Path, walk_in: WalkIn, number: int, problem: str) -> UserError:
    return UserError(
        f"Walk-in {number} of {source} ({walk_in.first_name} {walk_in.last_name}, "
        f"code {walk_in.code}) cannot be registered here: {problem} Nothing was merged: "
        "correct the walk-in on the laptop that registered it, export again and merge that file."
    )


def _email_key(source: Path, walk_in: WalkIn, number: int, data: PersonInput) -> str | None:
    """The walk-in's normalised email, after refusing a walk-in this database could not store
    (by the rules of a typed one)."""
    person = Person()  # transient: validated, never added
    try:
        set_fields(person, data)
        normalise_country(walk_in.delegation_country)
    except UserError as exc:
        raise _bad(source, walk_in, number, exc.message) from None
    return person.email_key


def plan_walk_ins(
    session: Session,
    event_id: int,
    walk_ins: Sequence[WalkIn],
    codes: Iterable[str],
    source: Path,
) -> WalkInPlan:
    """What merging these walk-ins (from the file `source`) and entries naming `codes` will
    do; writes nothing."""
    wanted = sorted({*codes, *(w.code for w in walk_ins)})
    here = _registrations(session, wanted)
    plan = WalkInPlan(known={c: rid for c, (rid, ev) in here.items() if ev == event_id})
    emails: set[str] = set()
    for number, walk_in in enumerate(walk_ins, start=1):
        data = _person(walk_in)
        key = _email_key(source, walk_in, number, data)
        if key is not None:
            if key in emails:
                raise _bad(source, walk_in, number, "an earlier walk-in has the same email.")
            emails.add(key)
        if walk_in.code in here:  # here already (or, by a 1 in 2^40 chance, another event's)
            continue
        person = find_by_email(session, data.email) if key is not None else None
        if person is not None:
            rid = session.scalar(
                select(Registration.id).where(
                    Registration.event_id == event_id, Registration.person_id == person.id
                )
            )
            if rid is not None:
                plan.matched[walk_in.code] = rid
                continue
        plan.to_create.append((walk_in, data, person))
    return plan


def add_walk_ins(session: Session, event_id: int, plan: WalkInPlan) -> dict[str, int]:
    """Recreate the planned walk-ins; their registration ids by code."""
    categories = dict(session.execute(select(Category.name, Category.id)).all())
    created: dict[str, int] = {}
    for walk_in, data, found in plan.to_create:
        person = found if found is not None else upsert_person(session, data)
        reg = Registration(
            event_id=event_id,
            person_id=person.id,
            checkin_code=walk_in.code,
            source=RegistrationSource.WALK_IN,
            status=walk_in.status,
            status_changed_at=utcnow(),
            category_id=categories.get(walk_in.category or ""),
            delegation_country=normalise_country(walk_in.delegation_country),
            delegation_organisation=clean(walk_in.delegation_organisation)[:300],
        )
        session.add(reg)
        session.flush()
        created[walk_in.code] = reg.id
    return created
