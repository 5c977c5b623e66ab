"""News items (the "News & Events" page) and their revisions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column
from budapest_desk.db.enums import NewsStatus
from budapest_desk.db.models.events import Event

news_item_events = Table(
    "news_item_events",
    Base.metadata,
    Column("news_item_id", ForeignKey("news_items.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)


class NewsItem(Timestamped, Base):
    __tablename__ = "news_items"

    title: Mapped[str] = mapped_column(String(300))
    dateline_place: Mapped[str] = mapped_column(String(120), default="")
    dateline_date: Mapped[dt.date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # sanitised rich text (HTML subset)
    status: Mapped[NewsStatus] = mapped_column(
        enum_column(NewsStatus, "news_status"), default=NewsStatus.DRAFT, index=True
    )
    publish_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    language: Mapped[str] = mapped_column(String(8), default="en")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)

    events: Mapped[list[Event]] = relationship(secondary=news_item_events)
    revisions: Mapped[list[NewsRevision]] = relationship(
        back_populates="news_item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="NewsRevision.number",
    )


class NewsRevision(Timestamped, Base):
    __tablename__ = "news_revisions"
    __table_args__ = (UniqueConstraint("news_item_id", "number"),)

    news_item_id: Mapped[int] = mapped_column(ForeignKey("news_items.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(120), default="")

    news_item: Mapped[NewsItem] = relationship(back_populates="revisions")
