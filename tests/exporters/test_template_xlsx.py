"""The registration template: the importer's header, drop-down lists that survive a save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from budapest_desk.core.countries import all_countries
from budapest_desk.core.importing.fields import LABELS, REQUIRED, TEMPLATE_FIELDS, TEMPLATE_SHEET
from budapest_desk.exporters.template_text import event_dates
from budapest_desk.exporters.template_xlsx import write_template
from tests.exporters.samples import EVENT

CATEGORIES = ["Head of delegation", "Delegate, alternate", "Observer"]


@pytest.fixture
def workbook(tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "template.xlsx"
    write_template(path, EVENT, CATEGORIES)
    return openpyxl.load_workbook(path)


def test_sheets_and_the_one_shown_first(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [TEMPLATE_SHEET, "Instructions", "Lists"]
    assert workbook.active.title == "Instructions"
    assert [ws.sheet_view.tabSelected for ws in workbook] == [False, True, None]
    assert workbook["Lists"].sheet_state == "hidden"


def test_header_is_exactly_the_importers(workbook: openpyxl.Workbook) -> None:
    ws = workbook[TEMPLATE_SHEET]
    assert [c.value for c in ws[1]] == [LABELS[f] for f in TEMPLATE_FIELDS]
    assert ws.max_row == 1  # no example rows that would be imported
    assert ws.freeze_panes == "A2"
    for cell, field in zip(ws[1], TEMPLATE_FIELDS, strict=True):
        assert cell.font.b
        assert (cell.fill.fgColor.rgb == "00FFF2CC") == (field in REQUIRED)
        dims = ws.column_dimensions[cell.column_letter]
        assert dims.width >= len(cell.value)
        assert dims.number_format == "@"  # typed phone numbers stay text


def _validations(workbook: openpyxl.Workbook) -> dict[str, object]:
    ws = workbook[TEMPLATE_SHEET]
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        [area] = str(dv.sqref).split()
        label = ws[area.split(":")[0][0] + "1"].value
        by_column[label] = dv
    return by_column


def test_drop_down_lists(workbook: openpyxl.Workbook) -> None:
    checks = _validations(workbook)
    assert set(checks) == {LABELS[f] for f in TEMPLATE_FIELDS}  # an input message everywhere
    country, category, consent = (
        checks["Country"],
        checks["Category"],
        checks["On participant list"],
    )
    names = [name for _, name in all_countries()]
    assert country.type == "list"
    assert country.formula1 == f"'Lists'!$A$1:$A${len(names)}"
    assert str(country.sqref) == "E2:E1001"
    lists = workbook["Lists"]
    assert [r[0] for r in lists.iter_rows(max_col=1, values_only=True)] == names
    assert category.type == "list"
    assert category.formula1 == "'Lists'!$B$1:$B$3"
    assert [lists.cell(row=i, column=2).value for i in (1, 2, 3)] == CATEGORIES
    assert consent.type == "list"
    assert consent.formula1 == '"Yes,No"'
    for dv in checks.values():
        assert dv.showInputMessage
        assert dv.prompt
        assert dv.promptTitle
        assert len(dv.prompt) <= 255
        assert len(dv.promptTitle) <= 32
    assert checks["Email"].type is None  # any value, with its message


def test_without_categories_there_is_no_category_list(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, EVENT, [])
    checks = _validations(openpyxl.load_workbook(path))
    assert checks["Category"].type is None
    assert checks["Country"].type == "list"


def test_instructions(workbook: openpyxl.Workbook) -> None:
    text = "\n".join(
        str(r[0]) for r in workbook["Instructions"].iter_rows(values_only=True) if r[0]
    )
    assert text.startswith("Senior Officials' Meeting\n12–13 May 2027\nVárkert Bazár, Budapest")
    for needed in ["Email, First name, Last name, Country", "Name in Latin letters", "header row"]:
        assert needed in text
    assert workbook["Instructions"]["A1"].font.b


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ((2027, 5, 12), (2027, 5, 12), "12 May 2027"),
        ((2027, 5, 12), (2027, 5, 13), "12–13 May 2027"),
        ((2027, 5, 30), (2027, 6, 2), "30 May – 2 June 2027"),
        ((2027, 12, 30), (2028, 1, 2), "30 December 2027 – 2 January 2028"),
    ],
)
def test_event_dates(start: tuple[int, int, int], end: tuple[int, int, int], text: str) -> None:
    assert event_dates(dt.date(*start), dt.date(*end)) == text
