"""The desk's live counters: checked in against expected, for the event, by category and by
country (the delegation's country, else the person's own).

Expected means confirmed. Checked in counts everyone the journal says is in, including people
admitted by force although not confirmed, so a count may pass its expected figure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin
from budapest_desk.core.countries import country_name
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Category, Person, Registration

NO_CATEGORY = "No category"
NO_COUNTRY = "No country"


@dataclass(frozen=True)
class Count:
    label: str
    checked_in: int
    expected: int
    colour: str = ""  # categories: their colour (#rrggbb)
    key: str = ""  # countries: the ISO code ("" when none)


@dataclass(frozen=True)
class DeskStats:
    checked_in: int
    expected: int
    by_category: list[Count]  # in the categories' own order
    by_country: list[Count]  # most expected first

    def as_json(self) -> dict[str, object]:
        def group(c: Count) -> dict[str, object]:
            return {"name": c.label, "code": c.key or None, "checked_in": c.checked_in,
                    "expected": c.expected}  # fmt: skip

        return {
            "checked_in": self.checked_in,
            "expected": self.expected,
            "by_category": [group(c) for c in self.by_category],
            "by_country": [group(c) for c in self.by_country],
        }


def desk_stats(session: Session, event_id: int) -> DeskStats:
    """Two grouped queries: everyone by category, country and status, and those checked in
    (their ids derived from the journal once, as an IN list). A join on the derived ids made
    SQLite derive them again for every registration: minutes at 100,000."""
    country = func.coalesce(Registration.delegation_country, Person.country)
    columns = (Category.name, Category.colour, Category.sort_order, country)

    def grouped(*extra: Any) -> Select[Any]:
        return (
            select(*columns, *extra, func.count())
            .join(Person, Person.id == Registration.person_id)
            .outerjoin(Category, Category.id == Registration.category_id)
            .where(Registration.event_id == event_id)
            .group_by(*columns, *extra)
        )

    everyone = grouped(Registration.status)
    inside = grouped().where(Registration.id.in_(checkin.checked_in_ids(event_id)))
    cats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cat_order: dict[str, tuple[int, str]] = {}
    lands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]

    def add(name: str | None, colour: str | None, order: int, land: str | None) -> list[list[int]]:
        label = name or NO_CATEGORY
        cat_order[label] = (order if name else 1 << 30, colour or "")
        return [cats[label], lands[land or ""], total]

    for name, colour, order, land, status, n in session.execute(everyone):
        for counts in add(name, colour, order, land):
            counts[1] += n if status == RegistrationStatus.CONFIRMED else 0
    for name, colour, order, land, n in session.execute(inside):
        for counts in add(name, colour, order, land):
            counts[0] += n
    by_category = [
        Count(label, c[0], c[1], colour=cat_order[label][1])
        for label, c in sorted(cats.items(), key=lambda kv: (cat_order[kv[0]][0], kv[0]))
        if c[0] or c[1]
    ]
    by_country = [
        Count(country_name(code) if code else NO_COUNTRY, c[0], c[1], key=code)
        for code, c in lands.items()
        if c[0] or c[1]
    ]
    by_country.sort(key=lambda c: (-c.expected, c.label))
    return DeskStats(total[0], total[1], by_category, by_country)
