"""The rejection report sent back to whoever sent an import file: each row we could not take,
with its row number in their file, the reason, and their own cells, so that they can fix the
rows and send them again.

"Row" and "Reason" come first: the reason is what the reader needs, and it stays in view (the
panes are frozen after it) however many columns the sender's file has; and a row with more or
fewer cells than the header cannot push the reason into the wrong column. The importer maps
columns by their header, so the fixed report re-imports with these two columns left unmapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from budapest_desk.exporters.sheets import (
    SAMPLE_ROWS,
    Value,
    fit_columns,
    header_row,
    stream_sheet,
    streamed_workbook,
    xlsx_row,
)
from budapest_desk.exporters.tabular import protect
from budapest_desk.exporters.writing import replacing

REJECTIONS_SHEET = "Rejected rows"
ROW, REASON = "Row", "Reason"


def write_rejections(
    path: Path, header: Sequence[str], rejected: Iterable[tuple[int, Sequence[str], str]]
) -> None:
    """Write the report to `path`, whole or not at all. `rejected` holds (row number in the
    sender's file, that row's cells, why it was rejected)."""
    labels = [ROW, REASON, *header]
    lines: Iterator[list[Value]] = (
        [number, protect(reason), *(protect(cell) for cell in cells)]
        for number, cells, reason in rejected
    )
    with replacing(path) as temp, streamed_workbook() as wb:
        ws = stream_sheet(wb, REJECTIONS_SHEET)
        sample = list(islice(lines, SAMPLE_ROWS))
        fit_columns(ws, labels, sample)
        ws.freeze_panes = "C2"
        ws.append(header_row(ws, labels))
        for line in chain(sample, lines):
            ws.append(xlsx_row(ws, line))
        wb.save(temp)
