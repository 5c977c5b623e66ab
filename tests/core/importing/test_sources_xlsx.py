"""Workbooks read as literal text: the layouts of real exports, merged cells, formulas, scripts."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import pytest

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.sources import (
    MAX_CELL_CHARS,
    SourceOptions,
    SourceRow,
    open_source,
)
from tests.core.importing.fixtures import (
    INDICO_HEADER,
    PRETIX_POSITIONS_HEADER,
    WORLD_NAMES,
    indico_xlsx,
    pretix_xlsx,
    with_cached_values,
    write_xlsx,
)


def read(path: Path, options: SourceOptions | None = None) -> list[SourceRow]:
    with open_source(path, options or SourceOptions()) as source:
        return list(source.rows())


def test_indico_export_keeps_title_rows_and_true_row_numbers(tmp_path: Path) -> None:
    path = indico_xlsx(tmp_path / "indico.xlsx", people=3)
    with open_source(path) as source:
        assert source.info.kind == "xlsx"
        assert source.info.sheets == ("Registrations",)
        assert source.info.sheet == "Registrations"
        assert source.info.total_rows == 7
        rows = list(source.rows())
        assert source.preview(2) == rows[:2]
        assert list(source.rows()) == rows  # rows() may be called again
    assert [r.number for r in rows] == [1, 2, 4, 5, 6, 7]  # row 3 is blank
    assert rows[2].cells == tuple(INDICO_HEADER)
    first = rows[3]
    assert first.cells[:5] == (
        "1",
        "Mahdi مهدی\u200cزاده",
        "Mahdi",
        WORLD_NAMES[0][1],
        "person0@example.org",
    )
    assert first.cell(10) == "2026-04-01T09:30:00"  # a datetime, as ISO 8601
    assert first.cell(12) == "0"  # no spurious ".0"
    assert first.cell(13) == "TRUE"
    assert first.cell(14) == "2026-05-02T08:15:00"
    assert rows[4].cell(13) == "FALSE"
    assert rows[4].cell(14) == ""
    assert rows[4].cell(99) == ""


def test_pretix_attendees_on_the_second_sheet(tmp_path: Path) -> None:
    path = pretix_xlsx(tmp_path / "pretix.xlsx")
    with open_source(path) as source:
        assert source.info.sheets == ("Orders", "Order positions", "Order fees")
        assert source.info.sheet == "Orders"  # the first visible sheet by default
    rows = read(path, SourceOptions(sheet="Order positions"))
    assert rows[0].cells == tuple(PRETIX_POSITIONS_HEADER)
    attendee_email = PRETIX_POSITIONS_HEADER.index("Attendee email")
    assert [r.cell(attendee_email) for r in rows[1:]] == [
        "attendee0@example.org",
        "attendee1@example.org",
    ]
    with pytest.raises(UserError, match=r"has no sheet named 'Attendees'.*Order positions"):
        open_source(path, SourceOptions(sheet="Attendees"))


def test_default_sheet_skips_hidden_and_empty_sheets(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "book.xlsx",
        {"Lists": [["HU"], ["AT"]], "Cover": [], "People": [["Name"], ["Anna"]]},
        hidden=["Lists"],
    )
    with open_source(path) as source:
        assert source.info.sheets == ("Lists", "Cover", "People")
        assert source.info.sheet == "People"
    with pytest.raises(UserError, match=r"Sheet 'Cover' of book\.xlsx is empty.*Lists, People"):
        open_source(path, SourceOptions(sheet="Cover"))
    empty = write_xlsx(tmp_path / "empty.xlsx", {"Sheet1": []})
    with pytest.raises(UserError, match=r"empty\.xlsx has no rows"):
        open_source(empty)


def test_merged_delegation_cell_applies_to_every_row_it_covers(tmp_path: Path) -> None:
    rows = [["Delegation", "First name", "Last name"]]
    rows += [["Hungary" if i == 0 else None, f"First{i}", f"Last{i}"] for i in range(5)]
    rows += [["Austria", "Eva", "Gruber"], [None, None, None], ["Slovakia", "Ján", "Novák"]]
    path = write_xlsx(
        tmp_path / "merged.xlsx",
        {"Sheet": rows},
        merges={"Sheet": ["A2:A6", "A7:A8", "D1:E1"]},
    )
    got = read(path)
    assert [r.cells[:3] for r in got[1:6]] == [
        ("Hungary", f"First{i}", f"Last{i}") for i in range(5)
    ]
    # Row 8 is blank in its own cells: a merge running past the last person makes no row.
    assert [r.number for r in got] == [1, 2, 3, 4, 5, 6, 7, 9]
    assert [r.cells for r in got[-2:]] == [
        ("Austria", "Eva", "Gruber"),
        ("Slovakia", "Ján", "Novák"),
    ]
    assert got[0].cells == ("Delegation", "First name", "Last name")  # D1:E1 holds nothing


def test_blank_rows_whitespace_and_offset_data(tmp_path: Path) -> None:
    sheet = [
        [],
        ["  ", None, "\t"],
        [None, None, "  First name ", " Last\u00a0 "],
        [None, None, "Anna", "Kovács"],
    ]
    path = write_xlsx(tmp_path / "offset.xlsx", {"S": sheet})
    got = read(path)
    # Cells keep their Excel columns: index 2 is column C, even though data starts there.
    assert got == [
        SourceRow(3, ("", "", "First name", "Last")),
        SourceRow(4, ("", "", "Anna", "Kovács")),
    ]


def test_calamine_row_and_column_positions_are_pinned(tmp_path: Path) -> None:
    """calamine pads rows above the data but not columns to its left; xlsx_source relies on
    it. If a calamine upgrade changes this, this test says so."""
    from python_calamine import CalamineWorkbook

    path = write_xlsx(
        tmp_path / "pin.xlsx", {"S": [[], [], [None, None, "a"], [], [None, None, None, None, "b"]]}
    )
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_name("S")
    assert sheet.start == (2, 2)
    raw = list(sheet.iter_rows())
    assert len(raw) == 5
    assert raw[2][0] == "a"
    assert raw[4][2] == "b"
    assert read(path) == [SourceRow(3, ("", "", "a")), SourceRow(5, ("", "", "", "", "b"))]


def test_values_as_literal_text(tmp_path: Path) -> None:
    row = [36301234567, -12, 2.5, 0.1 + 0.2, True, False, dt.date(2026, 5, 1),
           dt.datetime(2026, 5, 1, 0, 0), dt.datetime(2026, 5, 1, 13, 5, 7), dt.time(12, 30),
           "0043 1 234", "x" * (MAX_CELL_CHARS + 50)]  # fmt: skip
    path = write_xlsx(tmp_path / "values.xlsx", {"S": [row]})
    (got,) = read(path)
    assert got.cells[:11] == (
        "36301234567", "-12", "2.5", "0.3", "TRUE", "FALSE", "2026-05-01", "2026-05-01",
        "2026-05-01T13:05:07", "12:30:00", "0043 1 234",
    )  # fmt: skip
    assert len(got.cells[11]) == MAX_CELL_CHARS + 1  # cut, but still recognisably too long


def test_formula_gives_its_cached_value_and_is_never_evaluated(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "formulas.xlsx",
        {
            "S": [
                ["First", "Last", "Full", "Sum", "Fresh"],
                ["Anna", "Kovács", '=A2&" "&B2', "=1+2", "=1+2"],
            ]
        },
    )
    cached = with_cached_values(path, {"C2": "Kovács Anna (as cached)", "D2": "999"})
    (_, row) = read(cached)
    # The cached text, not a recomputation ("Anna Kovács", 3); no cached value: empty.
    assert row.cells == ("Anna", "Kovács", "Kovács Anna (as cached)", "999")


def test_names_in_every_script_come_back_exactly(tmp_path: Path) -> None:
    rows = [["First name", "Last name"], *[list(pair) for pair in WORLD_NAMES]]
    rows.append([unicodedata.normalize("NFD", "Gyöngyvér"), unicodedata.normalize("NFD", "Kovács")])
    got = read(write_xlsx(tmp_path / "names.xlsx", {"S": rows}))
    assert [r.cells for r in got[1:-1]] == [tuple(p) for p in WORLD_NAMES]
    assert got[-1].cells == ("Gyöngyvér", "Kovács")  # decomposed input comes back NFC
    assert "\u200c" in got[1].cells[1]  # the ZWNJ of a Persian name is kept


@pytest.mark.parametrize("suffix", [".xls", ".csv", ".xlsm", ".dat"])
def test_a_workbook_with_the_wrong_name_still_opens(tmp_path: Path, suffix: str) -> None:
    path = indico_xlsx(tmp_path / "indico.xlsx")
    renamed = tmp_path / f"list{suffix}"
    shutil.copy(path, renamed)
    assert read(renamed) == read(path)
