"""An event's figures: counts by status, category and delegation, attendance from the check-in
journal, and arrival times in the event's own time zone, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import NotFoundError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.core.reports import NO_CATEGORY, NO_DELEGATION, Tally, event_report
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.enums import RegistrationStatus as S

# Tashkent is UTC+5 all year: 03:30 UTC is 08:30 there, 19:10 UTC is 00:10 the next day.
TASHKENT_DAY_1 = dt.date(2027, 9, 14)


def _utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 9, day, hour, minute, tzinfo=dt.UTC)


def _event(s: Session, title: str = "Expert meeting", time_zone: str = "Asia/Tashkent") -> int:
    data = events.EventInput(
        title=title,
        start_date=TASHKENT_DAY_1,
        end_date=TASHKENT_DAY_1 + dt.timedelta(days=1),
        time_zone=time_zone,
        venue="Hilton",
        city="Tashkent",
        country="UZ",
    )
    return events.create_event(s, data).id


def _register(
    s: Session,
    event_id: int,
    name: str,
    *,
    status: S = S.CONFIRMED,
    category: str | None = "Delegate",
    country: str | None = None,
    org: str = "",
) -> int:
    ids = {c.name: c.id for c in registrations.list_categories(s)}
    data = RegistrationInput(
        person=PersonInput("Test", name, f"{name.lower()}@example.org"),
        status=status,
        category_id=ids[category] if category else None,
        delegation_country=country,
        delegation_organisation=org,
    )
    return registrations.create_registration(s, event_id, data).id


def test_counts_by_status_category_and_delegation(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        uz = _register(s, event, "Karimov", country="UZ", category="Head of delegation")
        _register(s, event, "Rashidov", country="UZ")
        _register(s, event, "Aliyev", country="AZ", status=S.PENDING)
        tr = _register(s, event, "Yilmaz", country="TR", category="Observer")
        _register(s, event, "Demir", country="TR", status=S.DECLINED, category="Observer")
        _register(s, event, "Berger", country="AT", status=S.WAITLISTED, category=None)
        _register(s, event, "Koné", country="CI", status=S.INVITED)
        iom = _register(s, event, "Hassan", org="IOM", category=None)
        _register(s, event, "Dupont", org="UNHCR", status=S.CANCELLED)
        _register(s, event, "Novak", org="unhcr")
        walk_in = _register(s, event, "Taylor", status=S.PENDING, category="Staff")
        for rid in (uz, tr, iom, walk_in):
            checkin.record(s, rid, CheckinKind.IN, desk="Door", device_time=_utc(14, 4))
        other = _event(s, "Working group")
        checkin.record(
            s,
            _register(s, other, "Karimov", country="UZ"),
            CheckinKind.IN,
            device_time=_utc(14, 5),
        )

        report = event_report(s, event)

    assert report.event.title == "Expert meeting"
    assert report.by_status == (
        ("Invited", 1),
        ("Pending", 2),
        ("Confirmed", 5),
        ("Waiting list", 1),
        ("Declined", 1),
        ("Cancelled", 1),
    )
    assert report.by_category == (  # in the categories' own order, those in use
        Tally("Head of delegation", 1, 1, 1),
        Tally("Delegate", 5, 2, 0),
        Tally("Observer", 2, 1, 1),
        Tally("Staff", 1, 0, 1),  # a walk-in not yet confirmed still attended
        Tally(NO_CATEGORY, 2, 1, 1),
    )
    assert report.by_country == (
        Tally("Austria", 1, 0, 0),
        Tally("Azerbaijan", 1, 0, 0),
        Tally("Côte d'Ivoire", 1, 0, 0),
        Tally("Türkiye", 2, 1, 1),
        Tally("Uzbekistan", 2, 2, 1),
        Tally("IOM", 1, 1, 1),
        Tally("UNHCR", 2, 1, 0),  # "unhcr" typed at another desk is the same delegation
        Tally(NO_DELEGATION, 1, 0, 1),
    )
    assert report.totals == Tally("Total", 11, 5, 4)
    assert report.generated_at.tzinfo is not None
    assert report.generated_at.utcoffset() == dt.timedelta(0)


def test_check_in_times_in_the_events_time_zone(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        a, b, c, d, e, f = (_register(s, event, n) for n in "ABCDEF")
        checkin.record(s, a, CheckinKind.IN, device_time=_utc(14, 3, 30))  # 08:30, day 1
        checkin.record(s, a, CheckinKind.IN, device_time=_utc(14, 6))  # a repeat: not counted
        checkin.record(s, b, CheckinKind.IN, device_time=_utc(14, 3, 59))  # 08:59
        checkin.record(s, b, CheckinKind.OUT, device_time=_utc(14, 12))  # left: still attended
        checkin.record(s, c, CheckinKind.IN, device_time=_utc(14, 4, 0))  # 09:00
        checkin.record(s, d, CheckinKind.IN, device_time=_utc(14, 19, 10))  # 00:10, day 2
        # An "in" taken back at once: E was scanned by mistake and never came.
        checkin.record(s, e, CheckinKind.IN, device_time=_utc(14, 5))
        checkin.undo_many(s, [e], desk="Door", device_time=_utc(14, 5, 1))
        # F's first check-in was undone; the second one is when F arrived.
        checkin.record(s, f, CheckinKind.IN, device_time=_utc(14, 2))
        checkin.undo_many(s, [f], desk="Door", device_time=_utc(14, 2, 1))
        checkin.record(s, f, CheckinKind.IN, device_time=_utc(15, 4, 15))  # 09:15, day 2

        report = event_report(s, event)

    day_1, day_2 = TASHKENT_DAY_1, TASHKENT_DAY_1 + dt.timedelta(days=1)
    assert report.checkins_by_day == ((day_1, 3), (day_2, 2))
    assert report.checkins_by_hour == ((day_1, 8, 2), (day_1, 9, 1), (day_2, 0, 1), (day_2, 9, 1))
    assert report.totals == Tally("Total", 6, 6, 5)
    assert report.by_category == (Tally("Delegate", 6, 6, 5),)
    assert report.by_country == (Tally(NO_DELEGATION, 6, 6, 5),)


def test_the_same_moments_in_another_zone(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s, time_zone="America/New_York")  # UTC-4 in September
        rid = _register(s, event, "A")
        checkin.record(s, rid, CheckinKind.IN, device_time=_utc(14, 3, 30))
        report = event_report(s, event)
    assert report.checkins_by_hour == ((dt.date(2027, 9, 13), 23, 1),)


def test_an_empty_event_has_every_status_at_zero(database: Database) -> None:
    with database.transaction() as s:
        event = _event(s)
        report = event_report(s, event)
        with pytest.raises(NotFoundError):
            event_report(s, 999_999)
    assert [n for _, n in report.by_status] == [0] * 6
    assert report.by_category == report.by_country == ()
    assert report.checkins_by_day == report.checkins_by_hour == ()
    assert report.totals == Tally("Total", 0, 0, 0)
