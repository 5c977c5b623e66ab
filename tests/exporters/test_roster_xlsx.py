"""The xlsx roster, read back with openpyxl as Excel would read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterCounts
from budapest_desk.exporters.roster_xlsx import write_roster_xlsx
from budapest_desk.exporters.sheets import MAX_WIDTH
from budapest_desk.exporters.tabular import ROSTER_HEADER
from tests.exporters.samples import (
    CHECKED_IN_AT,
    EVENT,
    HOSTILE,
    NAMES,
    registration,
    registrations,
)

COUNTS = RosterCounts(
    total=7,
    by_status={"confirmed": 5, "waitlisted": 2},
    by_category={"Delegate": 4, "Head of delegation": 2, "": 1},
    by_country={"HU": 5, "GE": 1, "": 1},
)


def _write(path: Path, rows: list[RegistrationRow]) -> openpyxl.Workbook:
    write_roster_xlsx(path, EVENT, rows, COUNTS)
    return openpyxl.load_workbook(path)


def test_roster_sheet_layout(tmp_path: Path) -> None:
    rows = registrations(7)
    wb = _write(tmp_path / "roster.xlsx", rows)
    assert wb.sheetnames == ["Roster", "Summary"]
    ws = wb["Roster"]
    header = [c.value for c in ws[1]]
    assert header == list(ROSTER_HEADER)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:S8"
    assert ws.max_row == 8
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(header))]
    assert all(len(h) < w <= MAX_WIDTH for h, w in zip(header, widths, strict=True))
    assert widths[header.index("Email")] >= len("person0@example.org")


def test_check_in_times_are_excel_datetimes_in_the_events_zone(tmp_path: Path) -> None:
    rows = [registration(1, checked_in=True, checked_in_at=CHECKED_IN_AT), registration(2)]
    ws = _write(tmp_path / "roster.xlsx", rows)["Roster"]
    column = ROSTER_HEADER.index("Checked in at") + 1
    cell = ws.cell(row=2, column=column)
    assert cell.is_date
    assert cell.value == dt.datetime(2027, 5, 12, 8, 30)  # naive, Budapest time
    assert "yyyy" in cell.number_format
    assert "hh:mm" in cell.number_format
    assert ws.cell(row=3, column=column).value is None


def test_names_in_every_script_are_written_exactly(tmp_path: Path) -> None:
    ws = _write(tmp_path / "roster.xlsx", registrations(len(NAMES)))["Roster"]
    written = [(r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)]
    expected = [(first, last) for first, last, _ in NAMES]
    assert written == expected
    assert [n.encode() for pair in written for n in pair] == [
        n.encode() for pair in expected for n in pair
    ]


def test_hostile_cells_are_text_with_an_apostrophe(tmp_path: Path) -> None:
    rows = [registration(i, notes=v, phone="+43 1 504 4677") for i, v in enumerate(HOSTILE)]
    rows.append(registration(99, notes="-3.5", last_name="\x01=1+1"))
    ws = _write(tmp_path / "roster.xlsx", rows)["Roster"]
    notes = ROSTER_HEADER.index("Notes") + 1
    for index, value in enumerate(HOSTILE, start=2):
        cell = ws.cell(row=index, column=notes)
        # (XML reads a bare CR back as a line feed: still behind the apostrophe.)
        assert (cell.value, cell.data_type) == ("'" + value.replace("\r", "\n"), "s")
        assert ws.cell(row=index, column=ROSTER_HEADER.index("Phone") + 1).value == "+43 1 504 4677"
    last = len(HOSTILE) + 2
    assert ws.cell(row=last, column=notes).value == "-3.5"
    # A control character (which Excel refuses) is left out, and what it hid is protected.
    assert ws.cell(row=last, column=3).value == "'=1+1"


def test_summary_has_the_event_and_the_counts(tmp_path: Path) -> None:
    ws = _write(tmp_path / "roster.xlsx", registrations(7))["Summary"]
    rows = [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
    facts = {r[0]: r[1] for r in rows}
    assert facts["Event"] == EVENT.title
    assert facts["Starts"] == dt.datetime(2027, 5, 12)
    assert facts["Place"] == "Várkert Bazár, Budapest, Hungary"
    assert facts["Registrations"] == 7
    assert facts["Confirmed"] == 5
    assert facts["Waiting list"] == 2
    assert facts["Declined"] == 0
    labels = [r[0] for r in rows]
    status = labels.index("Status")
    category = labels.index("Category")
    country = labels.index("Delegation country")
    assert labels[category + 1 : country] == ["Delegate", "Head of delegation", "(none)"]
    assert [r[1] for r in rows[category + 1 : country]] == [4, 2, 1]
    assert rows[country + 1 :] == [("Georgia", 1), ("Hungary", 5), ("(none)", 1)]
    assert status < category
    assert all(c.font.b for c in ws[status + 2])  # the heading row (after one empty row)


def test_progress_every_thousand_rows(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_roster_xlsx(
        tmp_path / "roster.xlsx",
        EVENT,
        registrations(2500),
        COUNTS,
        progress=lambda done, total: seen.append((done, total)),
        total=2500,
    )
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_cancel_leaves_no_file_and_keeps_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    target.write_bytes(b"the export of yesterday")
    token = CancelToken()
    temp_files = list(ALL_TEMP_FILES)

    def cancel_at_first_report(done: int, total: int) -> None:
        token.cancel()

    with pytest.raises(Cancelled):
        write_roster_xlsx(
            target,
            EVENT,
            registrations(2500),
            COUNTS,
            progress=cancel_at_first_report,
            cancel=token,
        )
    assert target.read_bytes() == b"the export of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]
    assert temp_files == ALL_TEMP_FILES  # openpyxl's streamed rows are gone too


def test_cancelled_before_the_start_writes_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_roster_xlsx(tmp_path / "roster.xlsx", EVENT, registrations(3), COUNTS, cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_roster_has_its_header(tmp_path: Path) -> None:
    ws = _write(tmp_path / "roster.xlsx", [])["Roster"]
    assert ws.max_row == 1
    assert ws.auto_filter.ref == "A1:S1"


def test_a_folder_that_cannot_be_written_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_roster_xlsx(tmp_path / "missing" / "roster.xlsx", EVENT, [], COUNTS)
    (tmp_path / "a file").write_text("")
    with pytest.raises(UserError, match="Choose another folder"):
        write_roster_xlsx(tmp_path / "a file" / "roster.xlsx", EVENT, [], COUNTS)
    with pytest.raises(UserError, match="is a folder"):
        write_roster_xlsx(tmp_path, EVENT, [], COUNTS)
