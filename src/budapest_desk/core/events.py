"""Events: list (with registration counts), create, edit, delete."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from budapest_desk.core import lifecycle
from budapest_desk.core.countries import normalise_country
from budapest_desk.core.errors import UserError
from budapest_desk.core.records import get_or_raise, limit_text, require_text
from budapest_desk.core.text import clean
from budapest_desk.db.enums import EventKind, EventStatus, RegistrationStatus
from budapest_desk.db.models import Event, Registration


@dataclass(frozen=True)
class EventInput:
    """What a user types to create or edit an event."""

    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    kind: EventKind = EventKind.EXPERT_MEETING
    status: EventStatus = EventStatus.PLANNED
    venue: str = ""
    city: str = ""
    country: str | None = None
    online: bool = False
    capacity: int | None = None
    time_zone: str = "Europe/Budapest"
    description: str = ""
    hosts: str = ""
    registration_opens: dt.datetime | None = None  # timezone-aware
    registration_closes: dt.datetime | None = None
    auto_promote: bool = False  # promote the first on the waiting list when a seat frees


@dataclass(frozen=True)
class EventRow:
    id: int
    title: str
    kind: EventKind
    status: EventStatus
    start_date: dt.date
    end_date: dt.date
    venue: str
    city: str
    country: str | None
    online: bool
    capacity: int | None
    time_zone: str
    description: str
    hosts: str
    registration_opens: dt.datetime | None = None
    registration_closes: dt.datetime | None = None
    auto_promote: bool = False
    registrations: int = 0
    confirmed: int = 0
    waitlisted: int = 0

    def to_input(self) -> EventInput:
        return EventInput(
            title=self.title,
            start_date=self.start_date,
            end_date=self.end_date,
            kind=self.kind,
            status=self.status,
            venue=self.venue,
            city=self.city,
            country=self.country,
            online=self.online,
            capacity=self.capacity,
            time_zone=self.time_zone,
            description=self.description,
            hosts=self.hosts,
            registration_opens=self.registration_opens,
            registration_closes=self.registration_closes,
            auto_promote=self.auto_promote,
        )


def _row(event: Event, registrations: int = 0, confirmed: int = 0, waitlisted: int = 0) -> EventRow:
    return EventRow(
        id=event.id,
        title=event.title,
        kind=event.kind,
        status=event.status,
        start_date=event.start_date,
        end_date=event.end_date,
        venue=event.venue,
        city=event.city,
        country=event.country,
        online=event.online,
        capacity=event.capacity,
        time_zone=event.time_zone,
        description=event.description,
        hosts=event.hosts,
        registration_opens=event.registration_opens,
        registration_closes=event.registration_closes,
        auto_promote=event.auto_promote,
        registrations=registrations,
        confirmed=confirmed,
        waitlisted=waitlisted,
    )


def _time_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"Unknown time zone {name!r}: use a name like Europe/Budapest or Asia/Tashkent.",
            field="time_zone",
        ) from None
    return name


def _validated(data: EventInput) -> dict[str, object]:
    title = require_text(clean(data.title), "Title", field="title", max_length=300)
    end = data.end_date or data.start_date
    if end < data.start_date:
        raise UserError("The event cannot end before it starts.", field="end_date")
    if data.capacity is not None and data.capacity < 0:
        raise UserError("Capacity cannot be negative.", field="capacity")
    opens, closes = data.registration_opens, data.registration_closes
    for value, name in ((opens, "registration_opens"), (closes, "registration_closes")):
        if value is not None and value.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware")
    if opens and closes and closes < opens:
        raise UserError("Registration cannot close before it opens.", field="registration_closes")
    return {
        "title": title,
        "start_date": data.start_date,
        "end_date": end,
        "kind": EventKind(data.kind),
        "status": EventStatus(data.status),
        "venue": limit_text(clean(data.venue), "Venue", field="venue", max_length=300),
        "city": limit_text(clean(data.city), "City", field="city", max_length=120),
        "country": normalise_country(data.country),
        "online": bool(data.online),
        "capacity": data.capacity,
        "time_zone": _time_zone(clean(data.time_zone) or "Europe/Budapest"),
        "description": data.description.strip(),
        "hosts": data.hosts.strip(),
        "registration_opens": opens,
        "registration_closes": closes,
        "auto_promote": bool(data.auto_promote),
    }


def list_events(session: Session) -> list[EventRow]:
    """Every event, newest first, with its registration counts (one query)."""
    counts = (
        select(
            Registration.event_id,
            func.count().label("total"),
            _count_of(RegistrationStatus.CONFIRMED).label("confirmed"),
            _count_of(RegistrationStatus.WAITLISTED).label("waitlisted"),
        )
        .group_by(Registration.event_id)
        .subquery()
    )
    stmt = (
        select(Event, counts.c.total, counts.c.confirmed, counts.c.waitlisted)
        .outerjoin(counts, counts.c.event_id == Event.id)
        .order_by(Event.start_date.desc(), Event.id.desc())
    )
    return [
        _row(ev, int(total or 0), int(conf or 0), int(wait or 0))
        for ev, total, conf, wait in session.execute(stmt)
    ]


def _count_of(status: RegistrationStatus) -> ColumnElement[int]:
    return func.sum(case((Registration.status == status, 1), else_=0))


def get_event(session: Session, event_id: int) -> EventRow:
    return _row(get_or_raise(session, Event, event_id, "event"))


def find_event(session: Session, ref: str) -> EventRow:
    """An event named on the command line: by id, or by a unique part of its title."""
    ref = ref.strip()
    if ref.isdigit():
        return get_event(session, int(ref))
    matches = [e for e in list_events(session) if ref.casefold() in e.title.casefold()]
    exact = [e for e in matches if e.title.casefold() == ref.casefold()]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0]
    if not matches:
        raise UserError(f"No event matches {ref!r}: `event list` shows the events and their ids.")
    raise UserError(f"{len(matches)} events match {ref!r}: give the event's id (see `event list`).")


def create_event(session: Session, data: EventInput) -> EventRow:
    event = Event(**_validated(data))
    session.add(event)
    session.flush()
    return _row(event)


def update_event(session: Session, event_id: int, data: EventInput) -> EventRow:
    event = get_or_raise(session, Event, event_id, "event")
    for key, value in _validated(data).items():
        setattr(event, key, value)
    session.flush()
    lifecycle.auto_promote(session, event.id)  # a larger capacity frees seats
    return _row(event)


def delete_event(session: Session, event_id: int) -> None:
    """Delete an event with its registrations and their check-in journal."""
    session.delete(get_or_raise(session, Event, event_id, "event"))
    session.flush()
