"""Events and the configurable registration categories."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column
from budapest_desk.db.enums import EventKind, EventStatus

if TYPE_CHECKING:
    from budapest_desk.db.models.people import Registration


class Event(Timestamped, Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[EventKind] = mapped_column(
        enum_column(EventKind, "event_kind"), default=EventKind.EXPERT_MEETING
    )
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Budapest")
    venue: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[int | None] = mapped_column(Integer)
    registration_opens: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    registration_closes: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[EventStatus] = mapped_column(
        enum_column(EventStatus, "event_status"), default=EventStatus.PLANNED
    )
    # Promote the first waitlisted registration automatically when a seat frees.
    auto_promote: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    hosts: Mapped[str] = mapped_column(Text, default="")  # co-chairs / hosts, free text

    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )


class Category(Timestamped, Base):
    """A registration category (Head of delegation, Delegate, ...) with its badge colour."""

    __tablename__ = "categories"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    colour: Mapped[str] = mapped_column(String(7), default="#1f4e79")  # #rrggbb
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
