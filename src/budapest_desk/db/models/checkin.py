"""The append-only check-in journal. A registration's state is derived from it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column, utcnow
from budapest_desk.db.enums import CheckinKind

if TYPE_CHECKING:
    from budapest_desk.db.models.people import Registration


class CheckinEntry(Timestamped, Base):
    __tablename__ = "checkin_journal"
    __table_args__ = (
        Index("ix_checkin_journal_registration_id", "registration_id", "device_time"),
    )

    # Made where the scan happened (UUID4 text); merging journals is a union by nonce.
    nonce: Mapped[str] = mapped_column(String(36), unique=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    kind: Mapped[CheckinKind] = mapped_column(enum_column(CheckinKind, "checkin_kind"))
    # For an undo: the nonce of the entry it takes back.
    undoes_nonce: Mapped[str | None] = mapped_column(String(36))
    desk: Mapped[str] = mapped_column(String(80), default="")
    device_time: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)

    registration: Mapped[Registration] = relationship(back_populates="checkins")
