"""The desk's live counters: checked in against expected, for the event, by category and by
country (the delegation's country, else the person's own).

Expected means confirmed. Checked in counts everyone the journal says is in, including people
admitted by force although not confirmed, so a count may pass its expected figure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
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
    checked = checkin.checked_in_ids(event_id).subquery()
    inside = checked.c.registration_id.is_not(None)
    country = func.coalesce(Registration.delegation_country, Person.country)
    stmt = (
        select(
            Category.name, Category.colour, Category.sort_order, country, Registration.status,
            inside, func.count(),
        )
        .join(Person, Person.id == Registration.person_id)
        .outerjoin(Category, Category.id == Registration.category_id)
        .outerjoin(checked, checked.c.registration_id == Registration.id)
        .where(Registration.event_id == event_id)
        .group_by(Category.name, Category.colour, Category.sort_order, country,
                  Registration.status, inside)
    )  # fmt: skip
    cats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cat_order: dict[str, tuple[int, str]] = {}
    lands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    for name, colour, order, land, status, is_in, n in session.execute(stmt):
        label = name or NO_CATEGORY
        cat_order[label] = (order if name else 1 << 30, colour or "")
        for counts in (cats[label], lands[land or ""], total):
            counts[0] += n if is_in else 0
            counts[1] += n if status == RegistrationStatus.CONFIRMED else 0
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
