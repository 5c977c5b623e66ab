"""An event's figures after (or during) the meeting: registrations by status, by category and by
delegation, who attended, and when people arrived.

- registered: every registration of the event, whatever its status;
- confirmed: those with status Confirmed;
- attended: those with a check-in that was not undone (journal rules of core.checkin). Someone
  who checked out still attended; a walk-in checked in before being confirmed attended too, so
  attended may exceed confirmed.

Arrival times are each attendee's first check-in (the earliest live one by device time), told in
the event's own time zone: the hours people at the door read on their watches.

By category: the categories the event's registrations use, in the configured order, then
"No category". By delegation ("by_country"): countries, alphabetically by English name; then
each organisation that came as a delegation, alphabetically (a row each, as on the list of
participants, rather than one "International organisations" row that would hide who came); then
"No delegation". Only rows with at least one registration are listed.

Four queries whatever the size of the event: the event, the registrations counted in SQL, the
attendees' first check-ins (the journal read once), and the category names.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core import delegations
from budapest_desk.core.bulk import collector_paused
from budapest_desk.core.checkin import undone
from budapest_desk.core.delegations import Kind
from budapest_desk.core.events import EventRow, get_event
from budapest_desk.core.lifecycle import LABELS
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind, RegistrationStatus
from budapest_desk.db.models import Category, CheckinEntry, Registration

NO_CATEGORY = "No category"
NO_DELEGATION = "No delegation"
TOTAL = "Total"


@dataclass(frozen=True)
class Tally:
    label: str
    registered: int
    confirmed: int
    attended: int  # checked in (and not undone), whether or not still in


@dataclass(frozen=True)
class EventReport:
    event: EventRow
    by_status: tuple[tuple[str, int], ...]  # (status label, registrations), every status
    by_category: tuple[Tally, ...]  # category order, then NO_CATEGORY
    by_country: tuple[Tally, ...]  # countries, then organisations, then NO_DELEGATION
    checkins_by_day: tuple[tuple[dt.date, int], ...]  # first check-ins, event's zone
    checkins_by_hour: tuple[tuple[dt.date, int, int], ...]  # (day, hour 0-23, count)
    totals: Tally
    generated_at: dt.datetime  # aware, UTC


# (status, category id, delegation country, delegation organisation)
_Group = tuple[RegistrationStatus, int | None, str | None, str]
_REGISTERED, _CONFIRMED, _ATTENDED = 0, 1, 2


class _Tallies:
    """Registered, confirmed and attended under each key (a category id, a delegation key)."""

    def __init__(self) -> None:
        self.counts: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])

    def add(self, key: object, column: int, n: int = 1) -> None:
        self.counts[key][column] += n

    def tally(self, key: object, label: str) -> Tally:
        registered, confirmed, attended = self.counts.get(key, (0, 0, 0))
        return Tally(label, registered, confirmed, attended)


def event_report(session: Session, event_id: int) -> EventReport:
    """The event's figures (see the module's docstring for what each counts)."""
    event = get_event(session, event_id)
    zone = ZoneInfo(event.time_zone)
    by_status: Counter[RegistrationStatus] = Counter()
    categories, delegation, total = _Tallies(), _Tallies(), _Tallies()
    kinds: dict[str, Kind] = {}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)

    for (status, category_id, country, org), n in _registration_groups(session, event_id).items():
        by_status[status] += n
        kind, key = delegations.delegation_of(country, org)
        kinds[key] = kind
        if kind == "organisation":
            spellings[key][org] += n
        confirmed = status == RegistrationStatus.CONFIRMED
        for column in (_REGISTERED, _CONFIRMED) if confirmed else (_REGISTERED,):
            categories.add(category_id, column, n)
            delegation.add(key, column, n)
            total.add(None, column, n)

    by_day: Counter[dt.date] = Counter()
    by_hour: Counter[tuple[dt.date, int]] = Counter()
    with collector_paused():  # one datetime per attendee: see core.bulk
        attendees = _first_checkins(session, event_id)
    for category_id, country, org, first_in in attendees:
        categories.add(category_id, _ATTENDED)
        delegation.add(delegations.delegation_of(country, org)[1], _ATTENDED)
        total.add(None, _ATTENDED)
        local = first_in.astimezone(zone)
        by_day[local.date()] += 1
        by_hour[(local.date(), local.hour)] += 1

    return EventReport(
        event=event,
        by_status=tuple((LABELS[s], by_status[s]) for s in LABELS),
        by_category=_category_tallies(session, categories),
        by_country=_delegation_tallies(delegation, kinds, spellings),
        checkins_by_day=tuple(sorted(by_day.items())),
        checkins_by_hour=tuple((day, hour, n) for (day, hour), n in sorted(by_hour.items())),
        totals=total.tally(None, TOTAL),
        generated_at=utcnow(),
    )


def _registration_groups(session: Session, event_id: int) -> dict[_Group, int]:
    """How many registrations of the event have each status, category and delegation."""
    columns = (
        Registration.status,
        Registration.category_id,
        Registration.delegation_country,
        Registration.delegation_organisation,
    )
    stmt = (
        select(*columns, func.count()).where(Registration.event_id == event_id).group_by(*columns)
    )
    return {
        (RegistrationStatus(status), category_id, country, org or ""): int(n)
        for status, category_id, country, org, n in session.execute(stmt)
    }


def _first_checkins(
    session: Session, event_id: int
) -> list[tuple[int | None, str | None, str, dt.datetime]]:
    """(category id, delegation country, delegation organisation, first check-in) of each
    registration of the event that has a check-in not undone (the rule of core.checkin)."""
    first = (
        select(
            CheckinEntry.registration_id.label("registration_id"),
            func.min(CheckinEntry.device_time).label("first_in"),
        )
        .join(Registration, Registration.id == CheckinEntry.registration_id)
        .where(Registration.event_id == event_id, CheckinEntry.kind == CheckinKind.IN, ~undone())
        .group_by(CheckinEntry.registration_id)
        .subquery()
    )
    stmt = select(
        Registration.category_id,
        Registration.delegation_country,
        Registration.delegation_organisation,
        first.c.first_in,
    ).join(first, first.c.registration_id == Registration.id)
    # min() keeps the column's type: the times come back aware, in UTC, on both backends (and
    # SQLite's stored text has a fixed width, so its min() is the earliest time too).
    return [
        (category_id, country, org or "", first_in)
        for category_id, country, org, first_in in session.execute(stmt)
    ]


def _category_tallies(session: Session, tallies: _Tallies) -> tuple[Tally, ...]:
    """The categories the event uses, in the configured order, then those with none."""
    stmt = select(Category.id, Category.name).order_by(Category.sort_order, Category.name)
    rows = [
        tallies.tally(cid, name) for cid, name in session.execute(stmt) if cid in tallies.counts
    ]
    if None in tallies.counts:
        rows.append(tallies.tally(None, NO_CATEGORY))
    return tuple(rows)


def _delegation_tallies(
    tallies: _Tallies, kinds: dict[str, Kind], spellings: dict[str, Counter[str]]
) -> tuple[Tally, ...]:
    rows = [
        (kind, key, delegations.heading(kind, key, spellings[key], NO_DELEGATION))
        for key, kind in kinds.items()
    ]
    rows.sort(key=lambda r: (*delegations.order_key(r[0], r[2]), r[1]))
    return tuple(tallies.tally(key, label) for _, key, label in rows)
