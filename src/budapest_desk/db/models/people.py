"""The contact directory (Person) and a person's registration for an event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Connection,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    event,
    insert,
    inspect,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from budapest_desk.db.base import Base, Timestamped, UTCDateTime, enum_column
from budapest_desk.db.enums import RegistrationSource, RegistrationStatus

WORD_LENGTH = 60  # longer words are cut for the index; a prefix of 60 letters still finds them

if TYPE_CHECKING:
    from budapest_desk.db.models.checkin import CheckinEntry
    from budapest_desk.db.models.events import Category, Event


class Person(Timestamped, Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_search_key", "search_key"),
        Index("ix_people_sort_key", "sort_key"),
    )

    title: Mapped[str] = mapped_column(String(40), default="")  # honorific: H.E., Dr, Ms ...
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    badge_name: Mapped[str] = mapped_column(String(300), default="")  # as printed; "" = derived
    name_latin: Mapped[str] = mapped_column(String(300), default="")  # Latin transliteration
    email: Mapped[str | None] = mapped_column(String(320))  # as typed
    # Normalised (lower-cased, IDNA) email: the identity of a person across events.
    email_key: Mapped[str | None] = mapped_column(String(320), unique=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    languages: Mapped[str] = mapped_column(String(120), default="")  # e.g. "en, ru"
    notes: Mapped[str] = mapped_column(Text, default="")
    # Case-folded, accent-free, transliterated "first last organisation ..." for search.
    search_key: Mapped[str] = mapped_column(String(1000), default="")
    # Family name then given name, transliterated and case-folded: rosters sort Kovács, Ковач
    # and Κωστόπουλος together in one alphabet instead of Latin first, other scripts after.
    sort_key: Mapped[str] = mapped_column(String(400), default="")

    registrations: Mapped[list[Registration]] = relationship(back_populates="person")


class PersonWord(Base):
    """One word of a person's search key: what the desk's search-as-you-type looks up by prefix
    (`word >= 'kov' AND word < 'kow'` is an index range on every backend; a LIKE '%kov%' on the
    search key reads every row, 130 ms at 100,000 people). Kept equal to the split search key
    by the listeners below, and by `index_words` for rows inserted in bulk."""

    __tablename__ = "person_words"
    __table_args__ = (Index("ix_person_words_person_id", "person_id", "word"),)

    word: Mapped[str] = mapped_column(String(WORD_LENGTH), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


def _words(search_key: str) -> set[str]:
    return {word[:WORD_LENGTH] for word in search_key.split()}


def index_words(connection: Connection, people: Iterable[tuple[int, str]]) -> None:
    """Make person_words hold exactly the words of these (person id, search key) pairs."""
    pairs = list(people)
    if not pairs:
        return
    table = _WORDS
    ids = [pid for pid, _ in pairs]
    for start in range(0, len(ids), 500):
        connection.execute(delete(table).where(table.c.person_id.in_(ids[start : start + 500])))
    rows = [{"person_id": pid, "word": w} for pid, key in pairs for w in _words(key)]
    if rows:
        connection.execute(insert(table), rows)


_WORDS: Table = PersonWord.__table__  # type: ignore[assignment]


@event.listens_for(Person, "after_insert")
def _person_inserted(_mapper: Mapper[Person], connection: Connection, person: Person) -> None:
    index_words(connection, [(person.id, person.search_key or "")])


@event.listens_for(Person, "after_update")
def _person_updated(_mapper: Mapper[Person], connection: Connection, person: Person) -> None:
    if inspect(person).attrs.search_key.history.has_changes():
        index_words(connection, [(person.id, person.search_key or "")])


class DistinctPeople(Timestamped, Base):
    """Two people a human looked at and said are different (same name and organisation, other
    email): they are not offered as possible duplicates again. Stored with the lower id first."""

    __tablename__ = "distinct_people"
    __table_args__ = (
        UniqueConstraint("person_a_id", "person_b_id"),
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
    )

    person_a_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )


class Registration(Timestamped, Base):
    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id"),
        Index("ix_registrations_event_id_status", "event_id", "status"),
    )

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "registration_status"), default=RegistrationStatus.PENDING
    )
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    # A delegation is a country (ISO code) or an organisation (name); one of them, or neither.
    delegation_country: Mapped[str | None] = mapped_column(String(2))
    delegation_organisation: Mapped[str] = mapped_column(String(300), default="")
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    attention_note: Mapped[str] = mapped_column(Text, default="")
    list_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    checkin_code: Mapped[str] = mapped_column(String(16), unique=True)
    badge_printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    source: Mapped[RegistrationSource] = mapped_column(
        enum_column(RegistrationSource, "registration_source"), default=RegistrationSource.TYPED
    )

    event: Mapped[Event] = relationship(back_populates="registrations")
    person: Mapped[Person] = relationship(back_populates="registrations")
    category: Mapped[Category | None] = relationship()
    checkins: Mapped[list[CheckinEntry]] = relationship(
        back_populates="registration", cascade="all, delete-orphan", passive_deletes=True
    )
