"""Newsletter subscribers: email, first name, last name and country are required."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column
from budapest_desk.db.enums import SubscriberStatus


class Subscriber(Timestamped, Base):
    __tablename__ = "subscribers"
    __table_args__ = (Index("ix_subscribers_search_key", "search_key"),)

    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320), unique=True)  # normalised
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    organisation: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    lists: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[SubscriberStatus] = mapped_column(
        enum_column(SubscriberStatus, "subscriber_status"),
        default=SubscriberStatus.UNCONFIRMED,
        index=True,
    )
    consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    consent_method: Mapped[str] = mapped_column(String(120), default="")  # web form, paper, ...
    consent_text: Mapped[str] = mapped_column(Text, default="")  # the wording agreed to
    search_key: Mapped[str] = mapped_column(String(1000), default="")
