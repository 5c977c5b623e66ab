"""An event's registration and attendance report (core.reports) as a PDF, A4 portrait: the
totals, then registrations by status, by category and by delegation, and check-ins by day and by
hour, each a table and a bar chart (exporters/report_charts.py).

Laid out first, drawn second, as the list of participants is: the report is a list of sections,
each a heading and blocks of known height (a table row, a chart); exporters/table_layout.py puts
them on pages (a long table goes on over the page with its heading repeated, "(continued)"), so
that every page can say "Page X of Y".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.reports import NO_DELEGATION, EventReport, Tally
from budapest_desk.exporters import report_charts, typeset
from budapest_desk.exporters.fonts import new_canvas
from budapest_desk.exporters.page_frame import GREY, RULE, Frame, draw_frame, frame, long_date
from budapest_desk.exporters.table_layout import Group, paginate
from budapest_desk.exporters.writing import replacing

TITLE = "Registration and attendance report"
NO_REGISTRATIONS = "No registrations yet."
NO_CHECKINS = "No check-ins yet."
TOP_COUNTRIES = 15
TALLY_LABELS = ("Registered", "Confirmed", "Attended")

SECTION_SIZE = 12.0
SUBTITLE_SIZE = 9.0
SIZE = 8.5
PAD = 2.6
LEADING = 1.22
GAP = 10.0  # between a table and the chart beside it
HEADER_FILL = Color(0.8, 0.85, 0.9)

Draw = Callable[[Canvas, float, float], None]  # canvas, left, top


@dataclass(frozen=True)
class Block:
    """Something of known height, drawn hanging from a given top."""

    height: float
    draw: Draw


@dataclass(frozen=True)
class Section:
    heading: Block | None
    continued: Block | None  # the heading repeated on a later page
    rows: tuple[Block, ...]


def _text(
    text: str, size: float, *, bold: bool = False, colour: Color = black, space: float = 0
) -> Block:
    """A line of text with `space` above it."""

    def draw(canvas: Canvas, left: float, top: float) -> None:
        canvas.setFillColor(colour)
        typeset.draw(canvas, text, left, top - space - 0.93 * size, size, bold=bold)
        canvas.setFillColor(black)

    return Block(space + size * LEADING + 2, draw)


def _title(text: str) -> Block:
    return _text(text, SECTION_SIZE, bold=True, space=12)


def _titled(title: str, *rows: Block) -> Section:
    """A section of `rows` under `title`, "(continued)" on a later page."""
    return Section(_title(title), _title(f"{title} (continued)"), rows)


def _stack(*blocks: Block) -> Block:
    def draw(canvas: Canvas, left: float, top: float) -> None:
        for block in blocks:
            block.draw(canvas, left, top)
            top -= block.height

    return Block(sum(b.height for b in blocks), draw)


def _beside(left_block: Block, right_block: Block, offset: float) -> Block:
    def draw(canvas: Canvas, left: float, top: float) -> None:
        left_block.draw(canvas, left, top)
        right_block.draw(canvas, left + offset, top)

    return Block(max(left_block.height, right_block.height), draw)


def _chart(drawing: Drawing) -> Block:
    def draw(canvas: Canvas, left: float, top: float) -> None:
        renderPDF.draw(drawing, canvas, left, top - drawing.height)

    return Block(float(drawing.height), draw)


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # the first column left-aligned and wrapped, the others numbers

    def row(self, cells: Sequence[str], *, bold: bool = False, fill: Color | None = None) -> Block:
        first = typeset.wrap(" ".join(cells[0].split()), self.widths[0] - 2 * PAD, SIZE, bold)
        height = len(first) * SIZE * LEADING + 2 * PAD
        width = sum(self.widths)

        def draw(canvas: Canvas, left: float, top: float) -> None:
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(left, top - height, width, height, stroke=0, fill=1)
                canvas.setFillColor(black)
            baseline = top - PAD - 0.93 * SIZE
            for i, line in enumerate(first):
                typeset.draw(
                    canvas, line, left + PAD, baseline - i * SIZE * LEADING, SIZE, bold=bold
                )
            x = left + self.widths[0]
            for cell, w in zip(cells[1:], self.widths[1:], strict=True):
                x += w
                typeset.draw(canvas, cell, x - PAD, baseline, SIZE, bold=bold, align="right")
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.3)
            canvas.line(left, top - height, left + width, top - height)

        return Block(height, draw)

    def header(self, labels: Sequence[str]) -> Block:
        return self.row(labels, bold=True, fill=HEADER_FILL)


def _whole_table(table: Table, labels: Sequence[str], rows: Sequence[Sequence[str]]) -> Block:
    return _stack(
        table.header(labels), *(table.row(r, bold=i == len(rows) - 1) for i, r in enumerate(rows))
    )


def _tally_cells(t: Tally) -> list[str]:
    return [t.label, f"{t.registered:,}", f"{t.confirmed:,}", f"{t.attended:,}"]


def _figures(totals: Tally, width: float) -> Block:
    """The three totals side by side, large."""
    box = width / 3
    rate = f", {totals.attended / totals.confirmed:.0%} of confirmed" if totals.confirmed else ""
    values = (totals.registered, totals.confirmed, totals.attended)
    notes = ("all statuses", "status Confirmed", f"checked in{rate}")

    def draw(canvas: Canvas, left: float, top: float) -> None:
        for i, (label, value, note) in enumerate(zip(TALLY_LABELS, values, notes, strict=True)):
            x = left + i * box
            canvas.setFillColor(GREY)
            typeset.draw(canvas, label, x, top - 10, SIZE)
            canvas.setFillColor(black)
            typeset.draw(canvas, f"{value:,}", x, top - 34, 22, bold=True)
            canvas.setFillColor(GREY)
            typeset.draw(canvas, note, x, top - 46, 7.5)
        canvas.setFillColor(black)

    return Block(52, draw)


def sections(report: EventReport, width: float) -> list[Section]:
    """What the report shows, in order."""
    result = [_titled("Totals", _figures(report.totals, width))]
    if report.totals.registered:
        result += [*_by_status(report, width), *_by_category(report, width)]
        result += _by_delegation(report, width)
    else:
        result.append(_titled("Registrations", _note(NO_REGISTRATIONS)))
    if report.checkins_by_day:
        result += [*_by_day(report, width), *_by_hour(report, width)]
    else:
        result.append(_titled("Check-ins", _note(NO_CHECKINS)))
    return result


def _note(text: str) -> Block:
    return _text(text, 10, colour=GREY)


def _by_status(report: EventReport, width: float) -> list[Section]:
    table = Table((0.22 * width, 0.14 * width))
    rows = [[label, f"{n:,}"] for label, n in report.by_status]
    rows.append(["Total", f"{report.totals.registered:,}"])
    offset = sum(table.widths) + GAP
    chart = report_charts.horizontal_bars(
        [label for label, _ in report.by_status],
        [[n for _, n in report.by_status]],
        width - offset,
        slot=13.0,
    )
    block = _beside(_whole_table(table, ["Status", "Registrations"], rows), _chart(chart), offset)
    return [_titled("Registrations by status", block)]


def _tally_table(width: float) -> Table:
    return Table((0.46 * width, 0.18 * width, 0.18 * width, 0.18 * width))


def _by_category(report: EventReport, width: float) -> list[Section]:
    tallies = report.by_category
    table = _table_section(
        "Registrations by category", _tally_table(width), "Category", tallies, report.totals
    )
    if not tallies:
        return [table]
    chart = report_charts.horizontal_bars(
        [t.label for t in tallies],
        [
            [t.registered for t in tallies],
            [t.confirmed for t in tallies],
            [t.attended for t in tallies],
        ],
        width,
        names=TALLY_LABELS,
    )
    return [table, Section(None, None, (_stack(_text("", 8), _chart(chart)),))]


def _by_delegation(report: EventReport, width: float) -> list[Section]:
    """The delegations with most registrations as a chart (those without a delegation are
    not one), then every row as a table."""
    delegations = [t for t in report.by_country if t.label != NO_DELEGATION]
    top = sorted(delegations, key=lambda t: -t.registered)[:TOP_COUNTRIES]
    if top:
        chart = report_charts.horizontal_bars(
            [t.label for t in top], [[t.registered for t in top]], width
        )
        more = len(delegations) > len(top)
        subtitle = f"The {len(top)} with the most registrations" if more else "Registrations"
        block = _stack(_text(subtitle, SUBTITLE_SIZE, colour=GREY), _chart(chart))
    else:
        block = _note("No registration has a delegation yet.")
    return [
        _titled("Registrations by delegation (country or organisation)", block),
        _table_section("", _tally_table(width), "Delegation", report.by_country, report.totals),
    ]


def _table_section(
    title: str, table: Table, first: str, tallies: Sequence[Tally], total: Tally
) -> Section:
    """A table of tallies that may go on over pages, its heading (the title, if any, and the
    column labels) repeated "(continued)"."""
    labels = [first, *TALLY_LABELS]
    continued = [f"{first} (continued)", *TALLY_LABELS]
    if title:
        heading = _stack(_title(title), table.header(labels))
        again = _stack(_title(f"{title} (continued)"), table.header(labels))
    else:
        heading = _stack(_text("", 6), table.header(labels))
        again = _stack(_text("", 6), table.header(continued))
    rows = [table.row(_tally_cells(t)) for t in tallies]
    rows.append(table.row(_tally_cells(total), bold=True))
    return Section(heading, again, tuple(rows))


def _by_day(report: EventReport, width: float) -> list[Section]:
    days = report.checkins_by_day
    table = Table((0.3 * width, 0.16 * width))
    rows = [[long_date(day), f"{n:,}"] for day, n in days]
    rows.append(["Total", f"{sum(n for _, n in days):,}"])
    offset = sum(table.widths) + GAP
    block = _whole_table(table, ["Day", "People arriving"], rows)
    chart = report_charts.vertical_bars(
        [f"{d:%a} {d.day} {d:%b}" for d, _ in days],
        [n for _, n in days],
        width - offset,
        max(110.0, block.height),
        colour=report_charts.PALETTE[2],
        label_angle=30 if len(days) > 6 else 0,
    )
    return [_titled("Check-ins by day", _beside(block, _chart(chart), offset))]


def _by_hour(report: EventReport, width: float) -> list[Section]:
    """A chart a day, all over the same hours and on the same scale, to compare."""
    by_hour = report.checkins_by_hour
    if not by_hour:
        return []
    low, high = min(h for _, h, _ in by_hour), max(h for _, h, _ in by_hour)
    if high - low < 7:  # a few hours: show a working day's span around them
        high = min(23, low + 7)
        low = max(0, high - 7)
    hours = range(low, high + 1)
    labels = [f"{h:02d}:00" if len(hours) <= 12 else f"{h:02d}" for h in hours]
    busiest = max(n for _, _, n in by_hour)
    charts = []
    for day, _ in report.checkins_by_day:
        counts = {hour: n for d, hour, n in by_hour if d == day}
        drawing = report_charts.vertical_bars(
            labels,
            [counts.get(h, 0) for h in hours],
            width,
            120,
            colour=report_charts.PALETTE[2],
            largest=busiest,
        )
        heading = _text(long_date(day), SUBTITLE_SIZE, bold=True, space=4)
        charts.append(_stack(heading, _chart(drawing)))
    zone = report.event.time_zone
    note = f"The hour each person first checked in, in the event's time ({zone})."
    return [_titled("Check-ins by hour", _text(note, SUBTITLE_SIZE, colour=GREY), *charts)]


def write_report_pdf(
    path: Path,
    report: EventReport,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write the report to `path`, whole or not at all."""
    page_frame: Frame = frame(A4, TITLE, report.event)
    body = page_frame.body
    parts = sections(report, body.width)
    groups = [
        Group(
            max(s.heading.height if s.heading else 0.0, s.continued.height if s.continued else 0.0),
            tuple(b.height for b in s.rows),
        )
        for s in parts
    ]
    pages = paginate(groups, body.height)
    made = report.generated_at.astimezone(ZoneInfo(report.event.time_zone))
    # closing: on Cancel or an error, the pages spooled so far go at once (exporters/pdf_spool).
    with (
        replacing(path) as temp,
        contextlib.closing(new_canvas(temp, A4, pageCompression=1)) as canvas,
    ):
        canvas.setTitle(f"{TITLE} — {report.event.title}")
        canvas.setCreator("Budapest Desk")
        for number, placed in enumerate(pages, 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            draw_frame(canvas, page_frame, number, len(pages), made)
            for item in placed:
                section = parts[item.group]
                if item.row is None:
                    block = (
                        section.continued
                        if item.continued and section.continued
                        else section.heading
                    )
                else:
                    block = section.rows[item.row]
                if block is not None:
                    block.draw(canvas, body.x, body.top - item.top)
            canvas.showPage()
            if progress is not None:
                progress(number, len(pages))
        canvas.save()
