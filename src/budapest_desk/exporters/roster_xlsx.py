"""The event roster as an Excel workbook: a "Roster" sheet with one row per registration (the
columns of tabular.ROSTER_FIELDS, so it re-imports with no mapping step) and a "Summary" sheet
with the event and its counts. Streamed: 100,000 rows take no more memory than 100."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from budapest_desk.core.countries import country_name
from budapest_desk.core.events import EventRow
from budapest_desk.core.lifecycle import LABELS as STATUS_LABELS
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterCounts
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.exporters.sheets import (
    SAMPLE_ROWS,
    Value,
    fit_columns,
    header_row,
    stream_sheet,
    streamed_workbook,
    xlsx_row,
)
from budapest_desk.exporters.tabular import (
    CHECKED_IN_AT_COLUMN,
    ROSTER_HEADER,
    protect,
    roster_cells,
)
from budapest_desk.exporters.writing import paced, replacing

ROSTER_SHEET = "Roster"
SUMMARY_SHEET = "Summary"
NONE_LABEL = "(none)"

_Line = tuple[list[Value], bool]  # cells, bold


def write_roster_xlsx(
    path: Path,
    event: EventRow,
    rows: Iterable[RegistrationRow],
    counts: RosterCounts,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    total: int = 0,
) -> None:
    """Write the roster to `path`, whole or not at all (an existing file stays as it was if
    the export is cancelled or fails). `total` is the number of rows for progress; without it
    `counts.total` is used."""
    with replacing(path) as temp, streamed_workbook() as wb:
        cells = roster_cells(paced(rows, progress, cancel, total or counts.total), event.time_zone)
        _write_roster(wb, _with_times(cells))
        _write_summary(wb, event, counts)
        wb.save(temp)
        if cancel is not None:  # saving a large file takes seconds: a late Cancel still counts
            cancel.raise_if_cancelled()


def _with_times(rows: Iterable[list[str]]) -> Iterator[list[Value]]:
    """The check-in column as date-times that Excel can sort and filter, in the event's zone."""
    for row in rows:
        cells: list[Value] = [*row]
        if row[CHECKED_IN_AT_COLUMN]:
            cells[CHECKED_IN_AT_COLUMN] = dt.datetime.fromisoformat(row[CHECKED_IN_AT_COLUMN])
        yield cells


def _write_roster(wb: Workbook, cells: Iterable[Sequence[Value]]) -> None:
    ws = stream_sheet(wb, ROSTER_SHEET)
    rows = iter(cells)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    fit_columns(ws, ROSTER_HEADER, sample)
    ws.freeze_panes = "A2"
    ws.append(header_row(ws, ROSTER_HEADER))
    written = 0
    for row in itertools.chain(sample, rows):
        ws.append(xlsx_row(ws, row))
        written += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(ROSTER_HEADER))}{written + 1}"


def _section(title: str, counts: dict[str, int], labels: dict[str, str]) -> list[_Line]:
    """A bold heading, then a row for each key of `labels` in its order (with 0 where `counts`
    has none), then the keys of `counts` that `labels` lacks."""
    keys = [*labels, *sorted(k for k in counts if k not in labels)]
    heading: list[_Line] = [([], False), ([title, "Registrations"], True)]
    return heading + [([labels.get(k, k), counts.get(k, 0)], False) for k in keys]


def _by_name(names: dict[str, str]) -> dict[str, str]:
    """Alphabetical by name (case ignored), with "none" (the empty key) last."""
    ordered = sorted(names.items(), key=lambda kv: (not kv[0], kv[1].casefold()))
    return {key: name or NONE_LABEL for key, name in ordered}


def _write_summary(wb: Workbook, event: EventRow, counts: RosterCounts) -> None:
    ws = stream_sheet(wb, SUMMARY_SHEET)
    place = ", ".join(p for p in (event.venue, event.city, country_name(event.country)) if p)
    exported = dt.datetime.now(ZoneInfo(event.time_zone)).replace(second=0, microsecond=0)
    facts: list[list[Value]] = [
        ["Event", event.title],
        ["Starts", event.start_date],
        ["Ends", event.end_date],
        ["Place", place or ("Online" if event.online else "")],
        ["Times in", event.time_zone],
        ["Exported", exported],
        ["Registrations", counts.total],
    ]
    lines = [
        *((row, False) for row in facts),
        *_section(
            "Status", counts.by_status, {s.value: STATUS_LABELS[s] for s in RegistrationStatus}
        ),
        *_section("Category", counts.by_category, _by_name({k: k for k in counts.by_category})),
        *_section(
            "Delegation country",
            counts.by_country,
            _by_name({k: country_name(k) for k in counts.by_country}),
        ),
    ]
    fit_columns(ws, ["", ""], [row for row, _ in lines])
    for row, bold in lines:
        if bold:
            ws.append(header_row(ws, [str(v) for v in row]))
        else:
            ws.append(xlsx_row(ws, [protect(v) if isinstance(v, str) else v for v in row]))
