"""Quarterly newsletter issues, the news they carry, and the send journal."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column
from budapest_desk.db.enums import NewsletterStatus, SendStatus
from budapest_desk.db.models.news import NewsItem


class NewsletterIssue(Timestamped, Base):
    __tablename__ = "newsletter_issues"

    title: Mapped[str] = mapped_column(String(300))
    period: Mapped[str] = mapped_column(String(60), default="")  # e.g. "2026 Q4"
    intro: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NewsletterStatus] = mapped_column(
        enum_column(NewsletterStatus, "newsletter_status"), default=NewsletterStatus.DRAFT
    )
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    items: Mapped[list[NewsletterItem]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="NewsletterItem.position"
    )


class NewsletterItem(Timestamped, Base):
    """A news item carried by an issue, in order."""

    __tablename__ = "newsletter_items"
    __table_args__ = (UniqueConstraint("issue_id", "news_item_id"),)

    issue_id: Mapped[int] = mapped_column(ForeignKey("newsletter_issues.id", ondelete="CASCADE"))
    news_item_id: Mapped[int] = mapped_column(
        ForeignKey("news_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    news_item: Mapped[NewsItem] = relationship()


class NewsletterSend(Timestamped, Base):
    """One row per recipient and issue, so that nothing is ever sent twice."""

    __tablename__ = "newsletter_sends"
    __table_args__ = (UniqueConstraint("issue_id", "subscriber_id"),)

    issue_id: Mapped[int] = mapped_column(ForeignKey("newsletter_issues.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(
        ForeignKey("subscribers.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SendStatus] = mapped_column(
        enum_column(SendStatus, "send_status"), default=SendStatus.QUEUED
    )
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(Text, default="")
