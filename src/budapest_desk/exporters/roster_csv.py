"""The event roster as CSV, for the tools that want text: the same columns as the xlsx roster.

UTF-8 with a byte-order mark, because Excel reads a CSV without one in the computer's legacy
code page and turns Ольга into mojibake; the Excel dialect (quoted as needed, CRLF line ends).
Excel in countries whose decimal mark is a comma (Hungary, most of continental Europe) splits
columns at semicolons, not commas: hence the delimiter option.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.exporters.tabular import ROSTER_HEADER, roster_cells
from budapest_desk.exporters.writing import paced, replacing

DELIMITERS = (",", ";", "\t")


def write_roster_csv(
    path: Path,
    event: EventRow,
    rows: Iterable[RegistrationRow],
    *,
    delimiter: str = ",",
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    total: int = 0,
) -> None:
    """Write the roster to `path`, whole or not at all."""
    if delimiter not in DELIMITERS:
        raise UserError(
            "A CSV file can be separated by a comma, a semicolon or a tab only.", field="delimiter"
        )
    with replacing(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, dialect="excel", delimiter=delimiter)
        writer.writerow(ROSTER_HEADER)
        writer.writerows(roster_cells(paced(rows, progress, cancel, total), event.time_zone))
