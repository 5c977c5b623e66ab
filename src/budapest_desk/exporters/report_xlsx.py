"""An event's report (core.reports) as an Excel workbook: a "Summary" sheet with the event and
its totals, then one sheet per table (by status, by category, by country, check-ins by day and
by hour), each with a bold header row that stays in view and a bold total row where a total
means something. Numbers are numbers and days are dates, so that the tables chart and sum."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell

from budapest_desk.core.countries import country_name
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.reports import TOTAL, EventReport, Tally
from budapest_desk.exporters.sheets import (
    BOLD,
    StreamSheet,
    Value,
    fit_columns,
    header_row,
    stream_sheet,
    streamed_workbook,
    xlsx_row,
)
from budapest_desk.exporters.tabular import protect
from budapest_desk.exporters.writing import replacing

SUMMARY_SHEET = "Summary"
STATUS_SHEET = "By status"
CATEGORY_SHEET = "By category"
COUNTRY_SHEET = "By country"
DAY_SHEET = "Check-ins by day"
HOUR_SHEET = "Check-ins by hour"

TALLY_HEADER = ("Registered", "Confirmed", "Attended")


def hour_label(hour: int) -> str:
    """The hour starting at `hour` o'clock, as a span: 9 -> "09:00–10:00"."""
    return f"{hour:02d}:00–{hour + 1:02d}:00"


def write_report_xlsx(
    path: Path,
    report: EventReport,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write the report to `path`, whole or not at all (an existing file stays as it was if
    the export is cancelled or fails)."""
    sheets: list[Callable[[Workbook, EventReport], None]] = [
        _summary,
        _by_status,
        _by_category,
        _by_country,
        _by_day,
        _by_hour,
    ]
    steps = len(sheets) + 1  # and saving
    with replacing(path) as temp, streamed_workbook() as wb:
        for done, write in enumerate(sheets):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(done, steps)
            write(wb, report)
        wb.save(temp)
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(steps, steps)


def _cells(values: Sequence[Value]) -> list[Value]:
    return [protect(v) if isinstance(v, str) else v for v in values]


def _table(
    wb: Workbook,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Value]],
    total: Sequence[Value] | None = None,
) -> None:
    """A sheet with a bold, frozen header row, the rows, and a bold total row if given."""
    ws = stream_sheet(wb, title)
    fit_columns(ws, header, [*rows, *([total] if total else [])])
    ws.freeze_panes = "A2"
    ws.append(header_row(ws, header))
    for row in rows:
        ws.append(xlsx_row(ws, _cells(row)))
    if total:
        ws.append(_bold(ws, total))


def _bold(ws: StreamSheet, values: Sequence[Value]) -> list[object]:
    cells: list[object] = []
    for value in xlsx_row(ws, _cells(values)):
        cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value)  # type: ignore[arg-type]
        cell.font = BOLD
        cells.append(cell)
    return cells


def _tally_rows(tallies: Sequence[Tally]) -> list[list[Value]]:
    return [[t.label, t.registered, t.confirmed, t.attended] for t in tallies]


def _tally_total(tallies: Sequence[Tally]) -> list[Value]:
    return [
        TOTAL,
        sum(t.registered for t in tallies),
        sum(t.confirmed for t in tallies),
        sum(t.attended for t in tallies),
    ]


def _summary(wb: Workbook, report: EventReport) -> None:
    event = report.event
    place = ", ".join(p for p in (event.venue, event.city, country_name(event.country)) if p)
    generated = report.generated_at.astimezone(ZoneInfo(event.time_zone))
    rows: list[list[Value]] = [
        ["Event", event.title],
        ["Starts", event.start_date],
        ["Ends", event.end_date],
        ["Venue", place or ("Online" if event.online else "")],
        ["Times in", event.time_zone],
        ["Generated", generated.replace(second=0, microsecond=0)],
        ["Registered", report.totals.registered],
        ["Confirmed", report.totals.confirmed],
        ["Attended", report.totals.attended],
    ]
    ws = stream_sheet(wb, SUMMARY_SHEET)
    fit_columns(ws, ["", ""], rows)
    for label, value in rows:
        ws.append([*header_row(ws, [str(label)]), *xlsx_row(ws, _cells([value]))])


def _by_status(wb: Workbook, report: EventReport) -> None:
    rows: list[list[Value]] = [[label, n] for label, n in report.by_status]
    total: list[Value] = [TOTAL, sum(n for _, n in report.by_status)]
    _table(wb, STATUS_SHEET, ("Status", "Registrations"), rows, total)


def _by_category(wb: Workbook, report: EventReport) -> None:
    tallies = report.by_category
    header = ("Category", *TALLY_HEADER)
    _table(wb, CATEGORY_SHEET, header, _tally_rows(tallies), _tally_total(tallies))


def _by_country(wb: Workbook, report: EventReport) -> None:
    tallies = report.by_country
    header = ("Delegation", *TALLY_HEADER)
    _table(wb, COUNTRY_SHEET, header, _tally_rows(tallies), _tally_total(tallies))


def _by_day(wb: Workbook, report: EventReport) -> None:
    rows: list[list[Value]] = [[day, n] for day, n in report.checkins_by_day]
    total: list[Value] = [TOTAL, sum(n for _, n in report.checkins_by_day)]
    _table(wb, DAY_SHEET, ("Day", "Check-ins"), rows, total)


def _by_hour(wb: Workbook, report: EventReport) -> None:
    rows: list[list[Value]] = [
        [day, hour_label(hour), n] for day, hour, n in report.checkins_by_hour
    ]
    _table(wb, HOUR_SHEET, ("Day", "Hour", "Check-ins"), rows)
