from __future__ import annotations

import hashlib
import struct
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core import codes, demo, demo_data
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow, list_events
from budapest_desk.core.library import blob_path, list_documents
from budapest_desk.core.news import list_news
from budapest_desk.core.registrations import (
    RegistrationRow,
    list_categories,
    registration_rows,
)
from budapest_desk.core.roster import RosterFilter, roster_ids
from budapest_desk.core.subscribers import list_subscribers
from budapest_desk.db.enums import EventKind, EventStatus, NewsStatus, RegistrationStatus
from budapest_desk.db.models import (
    Document,
    DocumentVersion,
    Event,
    NewsItem,
    NewsRevision,
    Person,
    Registration,
    Subscriber,
)

TABLES = (
    Event,
    Registration,
    Person,
    NewsItem,
    NewsRevision,
    Subscriber,
    Document,
    DocumentVersion,
)


def _counts(session: Session) -> dict[str, int]:
    return {
        model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
        for model in TABLES
    }


def _upcoming(session: Session) -> EventRow:
    (event,) = [e for e in list_events(session) if e.status == EventStatus.REGISTRATION_OPEN]
    return event


def _roster(session: Session) -> list[RegistrationRow]:
    event_id = _upcoming(session).id
    return registration_rows(session, roster_ids(session, event_id))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def loaded(database: Database, library: Path) -> demo.DemoSummary:
    with database.transaction() as s:
        assert demo.is_empty(s)
        return demo.load_demo(s, library)


def test_summary_counts_what_was_added(database: Database, loaded: demo.DemoSummary) -> None:
    assert loaded == demo.DemoSummary(
        events=4, registrations=60, news=3, subscribers=12, documents=4
    )
    assert str(loaded) == ("4 events, 60 registrations, 3 news items, 12 subscribers, 4 documents")
    with database.transaction() as s:
        assert not demo.is_empty(s)
        counts = _counts(s)
    assert counts["events"] == 4
    assert counts["registrations"] == counts["people"] == 60
    assert counts["news_items"] == counts["news_revisions"] == 3
    assert counts["subscribers"] == 12
    assert counts["documents"] == 4


def test_summary_text_uses_the_singular_for_one() -> None:
    one = demo.DemoSummary(events=1, registrations=1, news=1, subscribers=1, documents=1)
    assert str(one) == "1 event, 1 registration, 1 news item, 1 subscriber, 1 document"


def test_events_three_held_and_one_open(database: Database, loaded: demo.DemoSummary) -> None:
    with database.transaction() as s:
        events = {e.kind: e for e in list_events(s)}
        upcoming = _upcoming(s)
    assert set(events) == {
        EventKind.TRAINING,
        EventKind.VIRTUAL_MEETING,
        EventKind.EXPERT_MEETING,
        EventKind.SENIOR_OFFICIALS_MEETING,
    }
    budapest = events[EventKind.EXPERT_MEETING]
    assert (budapest.city, budapest.country, budapest.hosts) == (
        "Budapest",
        "HU",
        "Hungary (co-chair)",
    )
    assert events[EventKind.VIRTUAL_MEETING].online
    assert [e.status for e in events.values()].count(EventStatus.HELD) == 3
    assert upcoming.kind == EventKind.SENIOR_OFFICIALS_MEETING
    assert upcoming.start_date.year == 2027
    assert upcoming.capacity == 80
    assert upcoming.description
    assert upcoming.registrations == 60
    assert upcoming.confirmed > 40


def test_news_published_with_dateline_and_linked_event(
    database: Database, loaded: demo.DemoSummary
) -> None:
    with database.transaction() as s:
        news = list_news(s)
        events = {e.id: e for e in list_events(s)}
    assert [n.dateline for n in news] == [
        "Islamabad, 3 June 2020",
        "14 May 2020",
        "Budapest, 3 March 2020",
    ]
    for item in news:
        assert item.status == NewsStatus.PUBLISHED
        assert item.summary
        assert item.tags
        assert item.body.count("\n\n") >= 2  # a few paragraphs
        (event_id,) = item.event_ids
        assert events[event_id].status == EventStatus.HELD
        assert events[event_id].start_date == item.dateline_date
    assert "FIA" in news[0].body
    assert "ILO" in news[1].body
    assert all(word in news[2].body for word in ("Bangladesh", "ERRIN", "FRONTEX", "Bali Process"))


def test_checkin_codes_are_valid_and_unique(database: Database, loaded: demo.DemoSummary) -> None:
    with database.transaction() as s:
        roster = _roster(s)
    assert len(roster) == 60
    assert all(codes.is_valid(r.checkin_code) for r in roster)
    assert len({r.checkin_code for r in roster}) == 60


def test_roster_spreads_categories_statuses_and_delegations(
    database: Database, loaded: demo.DemoSummary
) -> None:
    with database.transaction() as s:
        roster = _roster(s)
        categories = {c.name for c in list_categories(s)}
    assert {r.category for r in roster} == categories
    statuses = Counter(r.status for r in roster)
    assert statuses[RegistrationStatus.CONFIRMED] > len(roster) / 2
    for status in ("pending", "invited", "waitlisted", "declined"):
        assert statuses[RegistrationStatus(status)] >= 1
    heads = Counter(r.delegation_country for r in roster if r.category == "Head of delegation")
    assert len(heads) >= 30
    assert all(n == 1 for n in heads.values())
    assert all(h is not None for h in heads)
    delegations = {r.delegation_country for r in roster if r.delegation_country}
    assert delegations == set(heads)  # every country delegation has its head
    assert {"ICMPD", "IOM", "UNHCR", "Frontex", "European Commission"} <= {
        r.delegation_organisation for r in roster
    }
    attention = [r for r in roster if r.needs_attention]
    assert len(attention) >= 2
    assert all(r.attention_note for r in attention)
    assert any("wheelchair" in r.attention_note.lower() for r in attention)
    assert any("visa letter" in r.attention_note.lower() for r in attention)
    assert sum(r.list_consent for r in roster) > len(roster) * 3 / 4


def test_emails_use_example_domains_only(database: Database, loaded: demo.DemoSummary) -> None:
    with database.transaction() as s:
        emails = [r.email for r in _roster(s)] + [sub.email for sub in list_subscribers(s)]
    assert len(set(emails)) == len(emails) == 72
    for email in emails:
        labels = email.rsplit("@", 1)[1].split(".")
        assert "example" in labels, email


def _scripts(text: str) -> set[str]:
    """The scripts of a text's letters, by Unicode name ("LATIN", "ARABIC", ...)."""
    names = (unicodedata.name(ch) for ch in text if ch.isalpha())
    return {name.split()[0] for name in names if not name.startswith("MODIFIER LETTER")}


def test_names_are_nfc_in_the_promised_scripts(
    database: Database, loaded: demo.DemoSummary
) -> None:
    with database.transaction() as s:
        people = list(s.scalars(select(Person)))
    names = [f"{p.first_name} {p.last_name}" for p in people]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert all(unicodedata.is_normalized("NFC", p.first_name) for p in demo_data.PARTICIPANTS)
    scripts = set().union(*(_scripts(n) for n in names))
    assert {"LATIN", "ARABIC", "CYRILLIC", "GREEK", "GEORGIAN", "ARMENIAN", "BENGALI"} <= scripts
    text = " ".join(names)
    for letter in "őłżśřěșțşğıİəʻےہڵځ":
        assert letter in text, letter
    assert "\u200c" in text  # the Persian zero-width non-joiner is kept
    for person in people:
        if _scripts(person.first_name + person.last_name) - {"LATIN"}:
            assert person.name_latin, person.last_name
            assert _scripts(person.name_latin) == {"LATIN"}


@pytest.mark.parametrize(
    ("query", "last_name"),
    [
        ("kovacs gyongyver", "Kovács"),
        ("Gyöngyvér KOVÁCS", "Kovács"),
        ("jovanovic", "Јовановић"),
        ("mohammadi", "محمدی"),
        ("hosseinzadeh", "حسین‌زاده"),
        ("beridze", "ბერიძე"),
        ("zurawski", "Żurawski"),
    ],
)
def test_search_finds_names_in_any_script(
    database: Database, loaded: demo.DemoSummary, query: str, last_name: str
) -> None:
    with database.transaction() as s:
        ids = roster_ids(s, _upcoming(s).id, RosterFilter(text=query))
        rows = registration_rows(s, ids)
    assert [r.last_name for r in rows] == [last_name]


def test_subscribers_have_the_required_fields_and_consent(
    database: Database, loaded: demo.DemoSummary
) -> None:
    with database.transaction() as s:
        subscribers = list_subscribers(s)
    assert len(subscribers) == 12
    for sub in subscribers:
        assert all((sub.email, sub.first_name, sub.last_name, sub.country))
        assert sub.consent_method == "web form"
        assert sub.consent_text
        assert sub.consent_at is not None
    assert len({sub.country for sub in subscribers}) >= 10
    assert len({sub.status for sub in subscribers}) >= 3


def test_documents_have_versions_stored_by_sha256(
    database: Database, loaded: demo.DemoSummary, library: Path
) -> None:
    with database.transaction() as s:
        documents = list_documents(s)
        versions = list(s.scalars(select(DocumentVersion)))
        events = {e.id: e for e in list_events(s)}
    assert len(documents) == 4
    assert all(d.versions >= 1 and d.event_id in events for d in documents)
    assert {d.kind.value for d in documents} >= {"agenda", "concept_note", "report", "photo"}
    assert len(versions) == 5  # the agenda has two
    for version in versions:
        blob = blob_path(library, version.sha256).read_bytes()
        assert hashlib.sha256(blob).hexdigest() == version.sha256
        assert len(blob) == version.size
        if version.media_type == "image/png":
            _assert_png(blob)
        else:
            assert blob.decode("utf-8").startswith("# ")


def _assert_png(blob: bytes) -> None:
    assert blob.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", blob[16:24])
    start = blob.index(b"IDAT") + 4
    length = struct.unpack(">I", blob[start - 8 : start - 4])[0]
    pixels = zlib.decompress(blob[start : start + length])
    assert len(pixels) == height * (1 + 3 * width)


def test_without_a_library_the_documents_have_no_files(database: Database) -> None:
    with database.transaction() as s:
        summary = demo.load_demo(s)
        documents = list_documents(s)
    assert summary.documents == len(documents) == 4
    assert all(d.versions == 0 for d in documents)


def test_second_load_is_refused_and_changes_nothing(
    database: Database, loaded: demo.DemoSummary, library: Path
) -> None:
    files = sorted(library.rglob("*"))
    with database.transaction() as s:
        before = _counts(s)
        with pytest.raises(UserError, match=r"^The demo data is already in this database\.$"):
            demo.load_demo(s, library)
        assert _counts(s) == before
    assert sorted(library.rglob("*")) == files


def test_load_never_commits(database: Database) -> None:
    with database.session() as s:
        demo.load_demo(s)
        assert not demo.is_empty(s)
        s.rollback()
        assert demo.is_empty(s)
    with database.transaction() as s:
        assert demo.is_empty(s)
