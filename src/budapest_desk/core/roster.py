"""The roster of an event: which registrations match a filter, in which order, and how many of
each status, category and delegation country. The roster view holds only ids and asks for the
rows it shows (registrations.registration_rows), so 100,000 registrations open as fast as 60."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from budapest_desk.core.people import name_order
from budapest_desk.core.registrations import RegistrationRow, registration_rows
from budapest_desk.core.text import search_words
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Category, Person, Registration

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])

NO_CATEGORY = 0  # in RosterFilter.category_ids: registrations without a category
NO_COUNTRY = ""  # in RosterFilter.countries: registrations without a delegation country


class SortKey(enum.StrEnum):
    NAME = "name"  # family name, then given name, in one alphabet across scripts
    STATUS = "status"
    CATEGORY = "category"
    DELEGATION = "delegation"
    ORGANISATION = "organisation"
    EMAIL = "email"
    CODE = "code"
    REGISTERED = "registered"  # when the registration was made
    STATUS_CHANGED = "status_changed"  # e.g. the order of the waiting list


@dataclass(frozen=True)
class RosterFilter:
    """Every part that is set must match; an empty part matches everything."""

    text: str = ""  # every word must match: case, accents, script and word order ignored
    statuses: frozenset[RegistrationStatus] = frozenset()
    category_ids: frozenset[int] = frozenset()  # NO_CATEGORY for none
    countries: frozenset[str] = frozenset()  # delegation country codes; NO_COUNTRY for none

    @property
    def is_empty(self) -> bool:
        return not (search_words(self.text) or self.statuses or self.category_ids or self.countries)


@dataclass(frozen=True)
class RosterCounts:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)  # status value -> count
    by_category: dict[str, int] = field(default_factory=dict)  # category name ("" = none)
    by_country: dict[str, int] = field(default_factory=dict)  # delegation country ("" = none)


_ORDER = {
    SortKey.STATUS: (Registration.status,),
    SortKey.CATEGORY: (Category.sort_order, Category.name),
    SortKey.DELEGATION: (Registration.delegation_country, Registration.delegation_organisation),
    SortKey.ORGANISATION: (Person.organisation,),
    SortKey.EMAIL: (Person.email_key,),
    SortKey.CODE: (Registration.checkin_code,),
    SortKey.REGISTERED: (Registration.created_at,),
    SortKey.STATUS_CHANGED: (Registration.status_changed_at,),
}


def _filtered(stmt: Q, event_id: int, flt: RosterFilter) -> Q:
    stmt = stmt.where(Registration.event_id == event_id)
    words = search_words(flt.text)
    if words:
        stmt = stmt.where(and_(*(Person.search_key.contains(w, autoescape=True) for w in words)))
    if flt.statuses:
        stmt = stmt.where(Registration.status.in_(sorted(flt.statuses)))
    if flt.category_ids:
        wanted = sorted(i for i in flt.category_ids if i != NO_CATEGORY)
        parts = [Registration.category_id.in_(wanted)] if wanted else []
        if NO_CATEGORY in flt.category_ids:
            parts.append(Registration.category_id.is_(None))
        stmt = stmt.where(or_(*parts))
    if flt.countries:
        wanted_c = sorted(c for c in flt.countries if c != NO_COUNTRY)
        parts = [Registration.delegation_country.in_(wanted_c)] if wanted_c else []
        if NO_COUNTRY in flt.countries:
            parts.append(Registration.delegation_country.is_(None))
        stmt = stmt.where(or_(*parts))
    return stmt


def roster_ids(
    session: Session,
    event_id: int,
    flt: RosterFilter | None = None,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
) -> list[int]:
    """The ids of the event's registrations that match, in the order asked for (ties by name)."""
    stmt = select(Registration.id).join(Person, Person.id == Registration.person_id)
    if sort is SortKey.CATEGORY:
        stmt = stmt.outerjoin(Category, Category.id == Registration.category_id)
    stmt = _filtered(stmt, event_id, flt or RosterFilter())
    # Empty values last in either direction, on SQLite as on PostgreSQL (their defaults differ).
    keys = [*_ORDER.get(sort, ()), name_order(session)]
    if descending:
        stmt = stmt.order_by(*(k.desc().nulls_last() for k in keys), Registration.id.desc())
    else:
        stmt = stmt.order_by(*(k.asc().nulls_last() for k in keys), Registration.id)
    return list(session.scalars(stmt))


def iter_roster(
    session: Session,
    event_id: int,
    flt: RosterFilter | None = None,
    sort: SortKey = SortKey.NAME,
    chunk: int = 1000,
) -> Iterator[RegistrationRow]:
    """Every matching row, fetched a chunk at a time (for exports of any size)."""
    ids = roster_ids(session, event_id, flt, sort)
    for start in range(0, len(ids), chunk):
        yield from registration_rows(session, ids[start : start + chunk])


def roster_counts(session: Session, event_id: int, flt: RosterFilter | None = None) -> RosterCounts:
    """How many registrations match, by status, by category and by delegation country (one
    grouped query; the people table is joined only to search text)."""
    flt = flt or RosterFilter()
    stmt = select(
        Registration.status,
        Registration.category_id,
        Registration.delegation_country,
        func.count(),
    ).group_by(Registration.status, Registration.category_id, Registration.delegation_country)
    if search_words(flt.text):
        stmt = stmt.join(Person, Person.id == Registration.person_id)
    names = dict(session.execute(select(Category.id, Category.name)).all())
    by_status: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for status, category_id, country, n in session.execute(_filtered(stmt, event_id, flt)):
        by_status[str(status)] = by_status.get(str(status), 0) + n
        name = names.get(category_id, "") if category_id is not None else ""
        by_category[name] = by_category.get(name, 0) + n
        by_country[country or ""] = by_country.get(country or "", 0) + n
    return RosterCounts(sum(by_status.values()), by_status, by_category, by_country)


def delegation_countries(session: Session, event_id: int) -> list[str]:
    """The delegation countries present in the event (for the filter's list)."""
    stmt = (
        select(Registration.delegation_country)
        .where(Registration.event_id == event_id, Registration.delegation_country.is_not(None))
        .distinct()
    )
    return sorted(c for c in session.scalars(stmt) if c)
