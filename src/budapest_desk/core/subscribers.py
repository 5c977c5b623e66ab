"""The newsletter's subscribers. Email, first name, last name and country are required, as on
the public sign-up form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core.countries import normalise_country
from budapest_desk.core.emails import normalise_email
from budapest_desk.core.errors import UserError
from budapest_desk.core.records import get_or_raise, limit_text, require_text
from budapest_desk.core.text import clean, search_key
from budapest_desk.db.enums import SubscriberStatus
from budapest_desk.db.models import Subscriber


@dataclass(frozen=True)
class SubscriberInput:
    email: str
    first_name: str
    last_name: str
    country: str | None
    organisation: str = ""
    language: str = "en"
    status: SubscriberStatus = SubscriberStatus.UNCONFIRMED
    consent_method: str = ""
    consent_text: str = ""


@dataclass(frozen=True)
class SubscriberRow:
    id: int
    email: str
    first_name: str
    last_name: str
    country: str
    organisation: str
    language: str
    status: SubscriberStatus
    consent_at: dt.datetime | None
    consent_method: str
    consent_text: str

    def to_input(self) -> SubscriberInput:
        return SubscriberInput(
            email=self.email,
            first_name=self.first_name,
            last_name=self.last_name,
            country=self.country,
            organisation=self.organisation,
            language=self.language,
            status=self.status,
            consent_method=self.consent_method,
            consent_text=self.consent_text,
        )


def _row(s: Subscriber) -> SubscriberRow:
    return SubscriberRow(
        id=s.id,
        email=s.email,
        first_name=s.first_name,
        last_name=s.last_name,
        country=s.country,
        organisation=s.organisation,
        language=s.language,
        status=s.status,
        consent_at=s.consent_at,
        consent_method=s.consent_method,
        consent_text=s.consent_text,
    )


def _apply(session: Session, sub: Subscriber, data: SubscriberInput) -> None:
    email = normalise_email(data.email, required=True)
    assert email is not None
    other = session.scalars(select(Subscriber).where(Subscriber.email_key == email[1])).first()
    if other is not None and other.id != sub.id:
        raise UserError(f"{email[0]} is already on the subscriber list.", field="email")
    sub.email, sub.email_key = email
    sub.first_name = require_text(
        clean(data.first_name), "First name", field="first_name", max_length=200
    )
    sub.last_name = require_text(
        clean(data.last_name), "Last name", field="last_name", max_length=200
    )
    country = normalise_country(data.country, required=True)
    assert country is not None
    sub.country = country
    sub.organisation = limit_text(
        clean(data.organisation), "Organisation", field="organisation", max_length=300
    )
    sub.language = clean(data.language)[:8] or "en"
    sub.status = SubscriberStatus(data.status)
    sub.consent_method = clean(data.consent_method)[:120]
    sub.consent_text = data.consent_text.strip()
    sub.search_key = search_key(sub.first_name, sub.last_name, sub.email, sub.organisation)


def list_subscribers(session: Session) -> list[SubscriberRow]:
    stmt = select(Subscriber).order_by(Subscriber.last_name, Subscriber.first_name, Subscriber.id)
    return [_row(s) for s in session.scalars(stmt)]


def get_subscriber(session: Session, subscriber_id: int) -> SubscriberRow:
    return _row(get_or_raise(session, Subscriber, subscriber_id, "subscriber"))


def create_subscriber(
    session: Session, data: SubscriberInput, *, consent_at: dt.datetime | None = None
) -> SubscriberRow:
    sub = Subscriber(consent_at=consent_at)
    _apply(session, sub, data)
    session.add(sub)
    session.flush()
    return _row(sub)


def update_subscriber(session: Session, subscriber_id: int, data: SubscriberInput) -> SubscriberRow:
    sub = get_or_raise(session, Subscriber, subscriber_id, "subscriber")
    _apply(session, sub, data)
    session.flush()
    return _row(sub)


def delete_subscriber(session: Session, subscriber_id: int) -> None:
    session.delete(get_or_raise(session, Subscriber, subscriber_id, "subscriber"))
    session.flush()
