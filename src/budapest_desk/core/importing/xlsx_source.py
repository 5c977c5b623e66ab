"""Workbooks (xlsx, xlsm) read with python-calamine: about 20x faster than openpyxl, and it
never evaluates a formula (a formula cell gives its cached value, which is what Excel showed).

calamine's iter_rows yields every row from row 1 of the sheet but starts each row at the first
used column; cells are padded back on the left so that cell index 0 is column A everywhere
(tests/core/importing pins this behaviour of calamine).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from unicodedata import is_normalized

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.sources import (
    MAX_CELL_CHARS,
    Source,
    SourceInfo,
    SourceOptions,
    SourceRow,
    cell_text,
    clean_cell,
    finish_row,
)
from budapest_desk.core.importing.xlsx_guard import check_workbook

_Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


class XlsxSource(Source):
    def __init__(self, path: Path, options: SourceOptions) -> None:
        check_workbook(path)
        self._name = path.name
        try:
            # From the open file, not the path: calamine picks its reader by the file name's
            # suffix, and a workbook saved as "list.xls" must still open.
            with path.open("rb") as fh:
                self._book = CalamineWorkbook.from_filelike(fh)
        except CalamineError as exc:
            raise self._unreadable(exc) from None
        try:
            self._choose(options)
        except BaseException:
            self.close()
            raise

    def _choose(self, options: SourceOptions) -> None:
        metas = self._book.sheets_metadata
        sheets = tuple(m.name for m in metas if m.typ == SheetTypeEnum.WorkSheet)
        visible = [
            m.name for m in metas if m.name in sheets and m.visible == SheetVisibleEnum.Visible
        ]
        if options.sheet is not None:
            if options.sheet not in sheets:
                raise UserError(
                    f"{self._name} has no sheet named {options.sheet!r}. "
                    f"Its sheets are: {', '.join(sheets)}."
                )
            chosen, sheet = options.sheet, self._load(options.sheet)
            if not sheet.height:
                raise UserError(
                    f"Sheet {chosen!r} of {self._name} is empty. Choose another sheet: "
                    f"{', '.join(s for s in sheets if s != chosen) or 'there is none'}."
                )
        else:
            chosen, sheet = self._first_with_data(visible or list(sheets), bool(visible))
        self._sheet = sheet
        end = sheet.end
        self.info = SourceInfo("xlsx", sheets, chosen, None, None, end[0] + 1 if end else 0)

    def _load(self, sheet_name: str) -> CalamineSheet:
        try:
            return self._book.get_sheet_by_name(sheet_name)
        except CalamineError as exc:
            raise self._unreadable(exc) from None

    def _first_with_data(self, names: list[str], visible: bool) -> tuple[str, CalamineSheet]:
        """The first sheet that has any cell, so an empty cover sheet does not hide the list."""
        for sheet_name in names:
            sheet = self._load(sheet_name)
            if sheet.height:
                return sheet_name, sheet
        which = "visible sheet" if visible and len(names) > 1 else "sheet"
        raise UserError(f"{self._name} has no rows: every {which} in it is empty.")

    def _unreadable(self, exc: Exception) -> UserError:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return UserError(
            f"{self._name} cannot be read as an Excel workbook ({detail}). "
            "Open it in Excel, save it again as .xlsx and try again."
        )

    def close(self) -> None:
        with contextlib.suppress(CalamineError):  # closing twice is harmless
            self._book.close()

    def rows(self) -> Iterator[SourceRow]:
        sheet = self._sheet
        start = sheet.start
        pad = [""] * (start[1] if start else 0)
        merges = _merges(sheet)
        active: list[_Merge] = []
        values: dict[_Merge, str] = {}
        next_merge = 0
        try:
            for index, raw in enumerate(sheet.iter_rows()):
                cells = pad + [_text(v) for v in raw]
                blank = not any(cells)
                if merges:
                    while next_merge < len(merges) and merges[next_merge][0] <= index:
                        active.append(merges[next_merge])
                        next_merge += 1
                    active = [m for m in active if m[2] >= index]
                    _fill(cells, index, active, values)
                # A row is blank by its own cells: a merge running past the last person must
                # not make rows of its own.
                row = None if blank else finish_row(index + 1, cells, self._name)
                if row is not None:
                    yield row
        except CalamineError as exc:
            raise self._unreadable(exc) from None


def _text(value: object) -> str:
    """cell_text with the two common cases (text, number) inlined: a sheet has millions."""
    if isinstance(value, str):
        if len(value) <= MAX_CELL_CHARS:
            value = value.strip()
            if value.isascii() or is_normalized("NFC", value):
                return value
        return clean_cell(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    return cell_text(value)


def _merges(sheet: CalamineSheet) -> list[_Merge]:
    ranges = sheet.merged_cell_ranges or []
    width = (sheet.end[1] + 1) if sheet.end else 0
    merges = [(r0, c0, r1, min(c1, width - 1)) for (r0, c0), (r1, c1) in ranges if c0 < width]
    return sorted(merges)


def _fill(cells: list[str], index: int, active: list[_Merge], values: dict[_Merge, str]) -> None:
    """The value of a merge's top-left cell applies to every cell the merge covers."""
    for merge in active:
        r0, c0, _, c1 = merge
        if index == r0:
            values[merge] = cells[c0] if c0 < len(cells) else ""
        value = values.get(merge, "")
        if len(cells) <= c1:
            cells.extend([""] * (c1 + 1 - len(cells)))
        cells[c0 : c1 + 1] = [value] * (c1 + 1 - c0)
