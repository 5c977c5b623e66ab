"""Possible duplicates in the people directory: the same name and organisation under two
emails (a private and an office address, a ministry that changed its domain). They are shown
for a human to merge or keep apart, never merged silently."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from budapest_desk.core.errors import UserError
from budapest_desk.core.people import refresh_keys
from budapest_desk.core.records import get_or_raise
from budapest_desk.core.text import search_words
from budapest_desk.db.models import DistinctPeople, Event, Person, Registration


@dataclass(frozen=True)
class PersonSummary:
    id: int
    name: str
    email: str
    organisation: str
    country: str | None
    registrations: int


@dataclass(frozen=True)
class DuplicatePair:
    first: PersonSummary
    second: PersonSummary


def _summary(person: Person, registrations: int) -> PersonSummary:
    return PersonSummary(
        person.id,
        f"{person.first_name} {person.last_name}",
        person.email or "",
        person.organisation,
        person.country,
        registrations,
    )


def possible_duplicates(session: Session) -> list[DuplicatePair]:
    """Pairs with the same name and organisation (case, accents and script ignored) and
    another email or none, leaving out pairs a human already kept apart."""
    twice = select(Person.sort_key).group_by(Person.sort_key).having(func.count() > 1)
    people = list(session.scalars(select(Person).where(Person.sort_key.in_(twice))))
    groups: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for p in people:
        groups[(p.sort_key, " ".join(search_words(p.organisation)))].append(p)
    apart = {
        (a, b)
        for a, b in session.execute(select(DistinctPeople.person_a_id, DistinctPeople.person_b_id))
    }
    counts = dict(
        session.execute(
            select(Registration.person_id, func.count())
            .where(Registration.person_id.in_([p.id for p in people]))
            .group_by(Registration.person_id)
        ).all()
    )
    pairs = []
    for group in groups.values():
        group.sort(key=lambda p: p.id)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if (a.id, b.id) not in apart and (
                    a.email_key != b.email_key or a.email_key is None
                ):
                    pairs.append(
                        DuplicatePair(
                            _summary(a, counts.get(a.id, 0)), _summary(b, counts.get(b.id, 0))
                        )
                    )
    return pairs


def keep_apart(session: Session, a_id: int, b_id: int) -> None:
    """Remember that these two are different people."""
    low, high = sorted((a_id, b_id))
    if low == high:
        return
    get_or_raise(session, Person, low, "person")
    get_or_raise(session, Person, high, "person")
    known = session.scalar(
        select(DistinctPeople.id).where(
            DistinctPeople.person_a_id == low, DistinctPeople.person_b_id == high
        )
    )
    if known is None:
        session.add(DistinctPeople(person_a_id=low, person_b_id=high))
        session.flush()


_FILLABLE = ("title", "badge_name", "name_latin", "phone", "organisation", "position",
             "country", "languages")  # fmt: skip


def merge_people(session: Session, keep_id: int, other_id: int) -> str:
    """Merge `other` into `keep`: its registrations move over, the fields `keep` lacks are
    filled from it, and `other` is deleted. Refused, changing nothing, when both are registered
    for the same event (the user decides which registration stays)."""
    if keep_id == other_id:
        raise UserError("Choose two different people to merge.")
    keep = get_or_raise(session, Person, keep_id, "person")
    other = get_or_raise(session, Person, other_id, "person")
    both = session.scalars(
        select(Event.title)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.person_id == keep.id)
        .where(
            Registration.event_id.in_(
                select(Registration.event_id).where(Registration.person_id == other.id)
            )
        )
    ).all()
    if both:
        raise UserError(
            f"{keep.first_name} {keep.last_name} is registered twice for {both[0]}: delete one "
            "of the two registrations in that event's roster, then merge."
        )
    for name in _FILLABLE:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if other.notes and other.notes not in keep.notes:
        keep.notes = f"{keep.notes}\n{other.notes}".strip()
    refresh_keys(keep)
    for reg in session.scalars(select(Registration).where(Registration.person_id == other.id)):
        reg.person_id = keep.id
    session.execute(
        delete(DistinctPeople).where(
            or_(DistinctPeople.person_a_id == other.id, DistinctPeople.person_b_id == other.id)
        )
    )
    session.flush()
    session.delete(other)
    session.flush()
    return f"Merged {other.email or 'the second record'} into {keep.first_name} {keep.last_name}."
