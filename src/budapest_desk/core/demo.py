"""Demo data for a first look at the application: loaded through the same use cases as user
input, in the caller's transaction. The data itself is in demo_data."""

from __future__ import annotations

import dataclasses
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import demo_data as data
from budapest_desk.core.emails import normalise_email
from budapest_desk.core.errors import UserError
from budapest_desk.core.events import create_event
from budapest_desk.core.library import add_version, create_document
from budapest_desk.core.news import create_news
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import (
    RegistrationInput,
    create_registration,
    list_categories,
)
from budapest_desk.core.subscribers import SubscriberInput, create_subscriber
from budapest_desk.db.models import Document, Event, NewsItem, Subscriber


@dataclass(frozen=True)
class DemoSummary:
    """What load_demo added."""

    events: int
    registrations: int
    news: int
    subscribers: int
    documents: int

    def __str__(self) -> str:
        counts = (
            (self.events, "event", "events"),
            (self.registrations, "registration", "registrations"),
            (self.news, "news item", "news items"),
            (self.subscribers, "subscriber", "subscribers"),
            (self.documents, "document", "documents"),
        )
        return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)


def is_empty(session: Session) -> bool:
    """True when the database holds no events, news, subscribers or documents."""
    return all(
        session.scalar(select(model.id).limit(1)) is None
        for model in (Event, NewsItem, Subscriber, Document)
    )


def is_loaded(session: Session) -> bool:
    """True when one of the demo events or demo subscribers is in the database."""
    events = select(Event.id).where(
        Event.title.in_([e.title for e in data.EVENTS.values()]),
        Event.start_date.in_([e.start_date for e in data.EVENTS.values()]),
    )
    keys = [key for r in data.SUBSCRIBERS if (key := _email_key(r.email))]
    readers = select(Subscriber.id).where(Subscriber.email_key.in_(keys))
    return any(session.scalar(stmt.limit(1)) is not None for stmt in (events, readers))


def load_demo(session: Session, library_dir: Path | None = None) -> DemoSummary:
    """Add the demo events, registrations, news, subscribers and documents. With a library
    folder the documents get real files; without one they are records only. Never commits."""
    if is_loaded(session):
        raise UserError("The demo data is already in this database.")
    event_ids = {key: create_event(session, event).id for key, event in data.EVENTS.items()}
    registrations = _register(session, event_ids[data.SOM_2027])
    for event_key, item in data.NEWS:
        create_news(session, dataclasses.replace(item, event_ids=(event_ids[event_key],)))
    for reader in data.SUBSCRIBERS:
        create_subscriber(session, _subscriber_input(reader), consent_at=reader.consent_at)
    documents = _file_documents(session, event_ids, library_dir)
    return DemoSummary(
        events=len(event_ids),
        registrations=registrations,
        news=len(data.NEWS),
        subscribers=len(data.SUBSCRIBERS),
        documents=documents,
    )


def _email_key(email: str) -> str | None:
    normalised = normalise_email(email)
    return normalised[1] if normalised else None


def _register(session: Session, event_id: int) -> int:
    category_ids = {c.name: c.id for c in list_categories(session)}
    for p in data.PARTICIPANTS:
        org = data.ORGS[p.org]
        person = PersonInput(
            first_name=p.first_name,
            last_name=p.last_name,
            email=f"{p.mailbox}@{org.domain}",
            country=p.country or org.country,
            organisation=org.name,
            position=p.position,
            title=p.title,
            name_latin=p.name_latin,
        )
        registration = RegistrationInput(
            person=person,
            status=p.status,
            category_id=category_ids.get(p.category),  # None if renamed in this database
            delegation_country=org.country,
            delegation_organisation=org.io,
            needs_attention=bool(p.attention),
            attention_note=p.attention,
            list_consent=p.list_consent,
        )
        create_registration(session, event_id, registration)
    return len(data.PARTICIPANTS)


def _subscriber_input(reader: data.Reader) -> SubscriberInput:
    return SubscriberInput(
        email=reader.email,
        first_name=reader.first_name,
        last_name=reader.last_name,
        country=reader.country,
        organisation=reader.organisation,
        language=reader.language,
        status=reader.status,
        consent_method="web form",
        consent_text=data.CONSENT_TEXT,
    )


def _file_documents(session: Session, event_ids: dict[str, int], library_dir: Path | None) -> int:
    with tempfile.TemporaryDirectory(prefix="budapest-desk-demo-") as tmp:
        for item in data.DOCUMENTS:
            document = dataclasses.replace(item.document, event_id=event_ids[item.event])
            document_id = create_document(session, document).id
            if library_dir is None:
                continue
            for number, (name, text) in enumerate(item.files):
                source = Path(tmp) / name
                source.write_bytes(text.encode("utf-8") if text else group_photo_png())
                note = item.notes[number] if number < len(item.notes) else ""
                add_version(session, library_dir, document_id, source, note)
    return len(data.DOCUMENTS)


# ---- a small picture, drawn without an imaging library -----------------------------------

Pixel = tuple[int, int, int]


def group_photo_png(width: int = 240, height: int = 135) -> bytes:
    """A stand-in for a group photo: sky, the far bank of the Danube, and a row of people."""
    rows = [
        bytes(c for x in range(width) for c in _photo_pixel(x, y, width, height))
        for y in range(height)
    ]
    return png(width, height, rows)


_COATS: tuple[Pixel, ...] = ((31, 78, 121), (123, 31, 42), (46, 125, 50), (91, 103, 112))


def _photo_pixel(x: int, y: int, width: int, height: int) -> Pixel:
    sky, bank, river = (height * share // 100 for share in (38, 50, 60))
    spacing = width // 13
    column, offset = divmod(x, spacing)
    dx = offset - spacing // 2
    if 0 < column < 13:  # twelve people, every other one a step further back
        head_y = height * 54 // 100 + (column % 2) * 7
        if dx * dx + (y - head_y) ** 2 <= 25:
            return (224, 186, 150)
        if abs(dx) <= 7 and y > head_y + 5:
            return _COATS[column % len(_COATS)]
    if y < sky:
        shade = 60 * y // sky
        return (120 + shade, 170 + shade // 2, 225)
    if y < bank:
        return (120, 110, 95) if (x // 6) % 5 == 0 or y < sky + 2 else (175, 160, 130)
    if y < river:
        return (70, 110, 140)
    return (190, 188, 180)


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG of these rows (3 bytes a pixel)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
