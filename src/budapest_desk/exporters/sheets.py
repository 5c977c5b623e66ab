"""What the xlsx writers share: streamed (write-only) workbooks, a bold header row, column widths
from the first rows, and cells that Excel opens as they were meant.

Write-only workbooks keep memory constant however many rows there are, at a price: column widths
and frozen panes must be set before the first row, so widths come from a sample of the first
rows, and the auto-filter (written after the rows) is set once their number is known.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder
from openpyxl.worksheet.filters import AutoFilter

from budapest_desk.exporters.tabular import protect

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"  # ISO order: read the same way in every country
SAMPLE_ROWS = 200  # rows looked at for column widths
MIN_WIDTH, MAX_WIDTH = 6, 60  # characters
BOLD = Font(bold=True)

Value = str | int | dt.date | dt.datetime | None  # a datetime may be aware: see xlsx_row


class StreamSheet(Protocol):
    """What we use of openpyxl's write-only sheet. Its type stubs leave out the attributes it
    shares with a normal sheet (column_dimensions, auto_filter), which it does have."""

    column_dimensions: DimensionHolder[str, ColumnDimension]
    auto_filter: AutoFilter
    freeze_panes: str | None

    def append(self, row: list[object]) -> None: ...


def _discard(wb: Workbook) -> None:
    """A write-only sheet streams its rows into a file in the temp folder that openpyxl deletes
    only when the workbook is saved, or when the app exits: hours later, for a desktop app.
    Close and delete those of an export that was cancelled or failed."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is not None and not getattr(ws, "closed", True):
            ws.close()
            writer.cleanup()


@contextlib.contextmanager
def streamed_workbook() -> Iterator[Workbook]:
    """A write-only workbook whose temporary files go when the block raises."""
    wb = Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        _discard(wb)
        raise


def stream_sheet(wb: Workbook, title: str) -> StreamSheet:
    sheet: StreamSheet = wb.create_sheet(title)
    return sheet


def header_row(ws: StreamSheet, labels: Iterable[str]) -> list[object]:
    cells: list[object] = []
    for label in labels:
        cell = WriteOnlyCell(ws, protect(label))  # type: ignore[arg-type]  # a sheet, in truth
        cell.font = BOLD
        cells.append(cell)
    return cells


def _width(value: object) -> int:
    if isinstance(value, dt.datetime):
        return len("2027-05-12 08:30")
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    return len(str(value)) if value is not None else 0


def fit_columns(ws: StreamSheet, header: Sequence[str], sample: Sequence[Sequence[object]]) -> None:
    """Widths for the header and the sample rows, capped: one very long note must not make a
    column wider than the screen."""
    for index, label in enumerate(header):
        values = (row[index] for row in sample if index < len(row))
        widest = max((_width(v) for v in values), default=0)
        width = min(max(len(label) + 2, widest + 2, MIN_WIDTH), MAX_WIDTH)
        ws.column_dimensions[get_column_letter(index + 1)].width = width


def xlsx_row(ws: StreamSheet, values: Iterable[Value]) -> list[object]:
    """Cells as Excel should get them: empty text as no cell at all; control characters, which
    openpyxl refuses, left out (and the rest protected again, as removing them can bring a
    formula character to the front); datetimes made naive, as Excel has no time zones, in the
    zone they are given in, with a date-and-time format."""
    out: list[object] = []
    for value in values:
        if isinstance(value, str):
            if ILLEGAL_CHARACTERS_RE.search(value):
                value = protect(ILLEGAL_CHARACTERS_RE.sub("", value))
            out.append(value or None)
        elif isinstance(value, dt.datetime):
            cell: Cell = WriteOnlyCell(ws, value.replace(tzinfo=None))  # type: ignore[arg-type]
            cell.number_format = DATETIME_FORMAT
            out.append(cell)
        else:
            out.append(value)
    return out
