"""The data of the "List of participants": an event's people, grouped by delegation.

The list is of the registrations with status Confirmed: the people expected at the meeting or
present at it. Invited, pending, waiting, declined and cancelled registrations never appear,
and neither does attendance: a list printed before the meeting must not change at the door.

Three variants of one list:
- distributed: handed to every participant, so only those who consented to appear on it,
  and without check-in codes (a code on paper is anyone's ticket in);
- internal: the secretariat's own copy, everyone confirmed;
- sign-in: the sheet signed at the door, everyone confirmed.

Within a delegation the head of delegation (category "Head of delegation") comes first, then
the others by family name and given name, every script in one alphabet (the stored sort key:
Kovács, Ковальчук and Κωστόπουλος all sort under K).
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from budapest_desk.core import delegations
from budapest_desk.core.bulk import collector_paused
from budapest_desk.core.delegations import Kind
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.records import get_or_raise
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Category, Event, Person, Registration

HEAD_OF_DELEGATION = "head of delegation"  # the default category (migration 0002), case-folded
OTHER_PARTICIPANTS = "Other participants"  # the heading of those with no delegation
_EVERY = 1000  # rows between progress reports and checks for Cancel


class Variant(enum.StrEnum):
    DISTRIBUTED = "distributed"
    INTERNAL = "internal"
    SIGN_IN = "sign-in"


@dataclass(frozen=True)
class Participant:
    registration_id: int
    title: str
    first_name: str
    last_name: str
    badge_name: str
    position: str
    organisation: str
    email: str
    category: str
    head_of_delegation: bool
    checkin_code: str  # "" on the distributed list


@dataclass(frozen=True)
class Delegation:
    key: str  # "country:AT", "organisation:unhcr" or "none"
    heading: str  # "Austria", "UNHCR", "Other participants"
    kind: Kind
    participants: tuple[Participant, ...]


def is_head_of_delegation(category: str | None) -> bool:
    return " ".join((category or "").split()).casefold() == HEAD_OF_DELEGATION


def participant_list(
    session: Session,
    event_id: int,
    variant: Variant,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> list[Delegation]:
    """The event's confirmed registrations (those who consented, on the distributed list),
    grouped by delegation and ordered as printed (see the module's docstring). One query."""
    get_or_raise(session, Event, event_id, "event")
    stmt = (
        select(
            Registration.id,
            Registration.delegation_country,
            Registration.delegation_organisation,
            Registration.checkin_code,
            Person.title,
            Person.first_name,
            Person.last_name,
            Person.badge_name,
            Person.position,
            Person.organisation,
            Person.email,
            Person.sort_key,
            Category.name,
        )
        .join(Person, Person.id == Registration.person_id)
        .outerjoin(Category, Category.id == Registration.category_id)
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    )
    if variant is Variant.DISTRIBUTED:
        stmt = stmt.where(Registration.list_consent.is_(True))
    with collector_paused():  # 100,000 rows: see core.bulk
        return _grouped(session.execute(stmt).all(), variant, progress, cancel)


def _grouped(
    rows: Sequence[Row[*tuple[Any, ...]]],
    variant: Variant,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> list[Delegation]:
    total = len(rows)
    _report(0, total, progress, cancel)
    members: dict[str, list[tuple[bool, str, int, Participant]]] = defaultdict(list)
    kinds: dict[str, Kind] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    # A few dozen delegations and categories among thousands of rows: each worked out once.
    delegation_of = cache(delegations.delegation_of)
    is_head = cache(is_head_of_delegation)
    show_code = variant is not Variant.DISTRIBUTED
    for done, row in enumerate(rows, 1):
        (rid, country, org, code, title, first, last, badge, position, person_org, email,
         sort_key, category) = row  # fmt: skip
        kind, key = delegation_of(country, org)
        kinds[key] = kind
        if kind == "organisation":
            spellings[key][org] += 1
        head = is_head(category)
        person = Participant(
            registration_id=rid,
            title=title,
            first_name=first,
            last_name=last,
            badge_name=badge,
            position=position,
            organisation=person_org,
            email=email or "",
            category=category or "",
            head_of_delegation=head,
            checkin_code=code if show_code else "",
        )
        members[key].append((not head, sort_key, rid, person))
        if done % _EVERY == 0:
            _report(done, total, progress, cancel)

    groups = [
        (kind, key, delegations.heading(kind, key, spellings[key], OTHER_PARTICIPANTS))
        for key, kind in kinds.items()
    ]
    groups.sort(key=lambda g: (*delegations.order_key(g[0], g[2]), g[1]))
    result = [
        Delegation(
            key=key,
            heading=title,
            kind=kind,
            participants=tuple(p for *_, p in sorted(members[key], key=lambda m: m[:3])),
        )
        for kind, key, title in groups
    ]
    _report(total, total, progress, cancel)
    return result


def _report(done: int, total: int, progress: ProgressFn | None, cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None:
        progress(done, total)
