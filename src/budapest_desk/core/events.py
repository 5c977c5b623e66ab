"""Events: list (with registration counts), create, edit, delete."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

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
    registrations: int = 0
    confirmed: int = 0

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
        )


def _row(event: Event, registrations: int = 0, confirmed: int = 0) -> EventRow:
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
        registrations=registrations,
        confirmed=confirmed,
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
    }


def list_events(session: Session) -> list[EventRow]:
    """Every event, newest first, with its registration counts (one query)."""
    counts = (
        select(
            Registration.event_id,
            func.count().label("total"),
            func.sum(case((Registration.status == RegistrationStatus.CONFIRMED, 1), else_=0)).label(
                "confirmed"
            ),
        )
        .group_by(Registration.event_id)
        .subquery()
    )
    stmt = (
        select(Event, counts.c.total, counts.c.confirmed)
        .outerjoin(counts, counts.c.event_id == Event.id)
        .order_by(Event.start_date.desc(), Event.id.desc())
    )
    return [_row(ev, int(total or 0), int(conf or 0)) for ev, total, conf in session.execute(stmt)]


def get_event(session: Session, event_id: int) -> EventRow:
    return _row(get_or_raise(session, Event, event_id, "event"))


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
    return _row(event)


def delete_event(session: Session, event_id: int) -> None:
    """Delete an event with its registrations and their check-in journal."""
    session.delete(get_or_raise(session, Event, event_id, "event"))
    session.flush()
