"""The "List of participants" as a PDF, A4 portrait or landscape: a table of names, positions and
organisations (and emails, or a column to sign in), grouped by delegation, head of delegation
first (core.participants gives the people in order).

Laid out first, drawn second: every cell is wrapped to its column (its lines kept shaped, to be
drawn as they were measured) and every row measured, the rows are placed on pages
(exporters/table_layout.py: no heading left alone at the foot of a page, a delegation's heading
repeated "(continued)" on the next), and only then drawn, each page with its header, the column
headings, and "Page X of Y" in the footer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.participants import Delegation, Participant, Variant
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.exporters import typeset
from budapest_desk.exporters.fonts import new_canvas
from budapest_desk.exporters.label_layout import MM
from budapest_desk.exporters.page_frame import (
    GREY,
    INTERNAL_RED,
    RULE,
    Frame,
    draw_frame,
    frame,
    long_date,
)
from budapest_desk.exporters.table_layout import Group, Placed, paginate
from budapest_desk.exporters.writing import replacing

TITLE = "List of participants"
INTERNAL_MARK = "Internal — not for distribution"
HEAD_NOTE = "Head of delegation"
CONTINUED = " (continued)"

SIZE = 8.5  # cell text
MIN_SIZE = 7.0  # a cell taller than a page shrinks, never below what fits (see _cell)
NOTE_SIZE = 7.0
HEADING_SIZE = 9.5
LABEL_SIZE = 8.0
PAD_X = 3.0
PAD_Y = 2.6
LEADING = 1.22  # baseline to baseline, in sizes
SIGN_ROW = 10 * MM  # room to sign

HEADING_FILL = Color(0.9, 0.93, 0.96)
LABEL_FILL = Color(0.8, 0.85, 0.9)

Orientation = Literal["portrait", "landscape"]

# (label, share of the table's width)
_PLAIN = (("Name", 0.34), ("Position", 0.31), ("Organisation", 0.35))
_EMAIL = (("Name", 0.25), ("Position", 0.21), ("Organisation", 0.25), ("Email", 0.29))
_SIGN = (("Name", 0.27), ("Position", 0.19), ("Organisation", 0.24), ("Signature", 0.30))


@dataclass(frozen=True)
class Column:
    label: str
    x: float  # from the table's left edge
    width: float


@dataclass(frozen=True)
class TextLine:
    """A line of a cell, kept shaped from measuring to drawing: the whole list is measured
    before any of it is drawn, more lines than typeset's cache holds."""

    shaped: typeset.Line
    size: float
    grey: bool = False

    @property
    def text(self) -> str:
        return self.shaped.text

    @property
    def bold(self) -> bool:
        return self.shaped.bold


def _lines(texts: Sequence[str], size: float, bold: bool = False) -> tuple[TextLine, ...]:
    """`texts` (just measured, so still in typeset's cache) as shaped lines."""
    return tuple(TextLine(typeset.line(t, bold), size) for t in texts)


@dataclass(frozen=True)
class Cell:
    lines: tuple[TextLine, ...]

    @property
    def height(self) -> float:
        return sum(line.size * LEADING for line in self.lines)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]  # one per column (the signature column's is empty)
    height: float


def columns(width: float, variant: Variant, include_email: bool) -> tuple[Column, ...]:
    spec: tuple[tuple[str, float], ...] = _EMAIL if include_email else _PLAIN
    if variant is Variant.SIGN_IN:
        spec = _SIGN
    result, x = [], 0.0
    for label, share in spec:
        result.append(Column(label, x, share * width))
        x += share * width
    return tuple(result)


def full_name(person: Participant) -> str:
    """'Dr Gyöngyvér Kovács': title, first name, family name; the badge name if all are empty."""
    parts = (person.title, person.first_name, person.last_name)
    return " ".join(" ".join(p.split()) for p in parts if p.strip()) or person.badge_name.strip()


def _cell(
    text: str, width: float, max_height: float, *, bold: bool = False, email: bool = False
) -> Cell:
    """`text` wrapped to `width` at the table's size (an email before its dots and @, not
    between any two letters); smaller only if it would otherwise be taller than `max_height`
    (a whole page), so that nothing is ever cut."""
    text = " ".join(text.split())
    if not text:
        return Cell(())
    whole = typeset.line(text, bold)
    if whole.width(SIZE) <= width:
        return Cell((TextLine(whole, SIZE),))
    lines = wrap_email(text, width, bold) if email else typeset.wrap(text, width, SIZE, bold)
    if len(lines) * SIZE * LEADING > max_height:
        fitted = typeset.fit(text, width, SIZE, MIN_SIZE, max_height=max_height, bold=bold)
        return Cell(_lines(fitted.lines, fitted.size, bold))
    return Cell(_lines(lines, SIZE, bold))


def wrap_email(email: str, width: float, bold: bool = False) -> list[str]:
    """`email` in lines of at most `width`, broken before a dot or the @ where it can be
    (anahit.sargsyan / @migration.example.am), between letters only in a part too long for
    a line."""
    lines: list[str] = []
    for part in re.split(r"(?=[@.])", email):
        if lines and typeset.width(lines[-1] + part, SIZE, bold) <= width:
            lines[-1] += part
        elif typeset.width(part, SIZE, bold) <= width:
            lines.append(part)
        else:
            lines.extend(typeset.wrap(part, width, SIZE, bold))
    return lines


def person_row(
    person: Participant, cols: Sequence[Column], max_height: float, min_height: float
) -> Row:
    cells = []
    for col in cols:
        inner = col.width - 2 * PAD_X
        if col.label == "Name":
            head = person.head_of_delegation
            cell = _cell(full_name(person), inner, max_height, bold=head)
            if head:
                note = TextLine(typeset.line(HEAD_NOTE), NOTE_SIZE, grey=True)
                cell = Cell((*cell.lines, note))
        elif col.label == "Position":
            cell = _cell(person.position, inner, max_height)
        elif col.label == "Organisation":
            cell = _cell(person.organisation, inner, max_height)
        elif col.label == "Email":
            cell = _cell(person.email, inner, max_height, email=True)
        else:
            cell = Cell(())
        cells.append(cell)
    height = max(min_height, max(c.height for c in cells) + 2 * PAD_Y)
    return Row(tuple(cells), height)


def heading_cell(heading: str, width: float, *, continued: bool = False) -> Cell:
    text = heading + CONTINUED if continued else heading
    lines = typeset.wrap(" ".join(text.split()), width - 2 * PAD_X, HEADING_SIZE, True)
    return Cell(_lines(lines, HEADING_SIZE, bold=True))


def label_row(cols: Sequence[Column]) -> Row:
    cells = tuple(
        Cell(_lines(typeset.wrap(c.label, c.width - 2 * PAD_X, LABEL_SIZE, True), LABEL_SIZE, True))
        for c in cols
    )
    return Row(cells, max(c.height for c in cells) + 2 * PAD_Y)


@dataclass(frozen=True)
class Layout:
    """Everything placed, before anything is drawn."""

    frame: Frame
    cols: tuple[Column, ...]
    labels: Row
    headings: tuple[tuple[Cell, Cell], ...]  # per delegation: heading, continued heading
    rows: tuple[tuple[Row, ...], ...]  # per delegation
    pages: list[list[Placed]]


def lay_out(
    page: tuple[float, float],
    event: EventRow,
    delegations: Sequence[Delegation],
    variant: Variant,
    include_email: bool,
    day: dt.date | None,
    cancel: CancelToken | None = None,
) -> Layout:
    if variant is Variant.INTERNAL:
        page_frame = frame(page, TITLE, event, marker=INTERNAL_MARK, marker_colour=INTERNAL_RED)
    elif variant is Variant.SIGN_IN:
        page_frame = frame(
            page, TITLE, event, marker=f"Sign-in sheet — {long_date(day or event.start_date)}"
        )
    else:
        page_frame = frame(page, TITLE, event)
    width = page_frame.width
    cols = columns(width, variant, include_email)
    labels = label_row(cols)
    table_height = page_frame.body.height - labels.height
    min_height = SIGN_ROW if variant is Variant.SIGN_IN else 0.0
    headings, rows, groups = [], [], []
    for delegation in delegations:
        if cancel is not None:
            cancel.raise_if_cancelled()
        pair = (
            heading_cell(delegation.heading, width),
            heading_cell(delegation.heading, width, continued=True),
        )
        heading_height = max(c.height for c in pair) + 2 * PAD_Y
        # A row is at most what a page holds under its heading, so that it is never cut.
        max_cell = table_height - heading_height - 2 * PAD_Y - NOTE_SIZE * LEADING
        group_rows = tuple(
            person_row(p, cols, max_cell, min_height) for p in delegation.participants
        )
        headings.append(pair)
        rows.append(group_rows)
        groups.append(Group(heading_height, tuple(r.height for r in group_rows)))
    pages = paginate(groups, table_height)
    return Layout(page_frame, cols, labels, tuple(headings), tuple(rows), pages)


def write_participants_pdf(
    path: Path,
    event: EventRow,
    delegations: Sequence[Delegation],
    *,
    variant: Variant,
    orientation: Orientation = "portrait",
    include_email: bool = False,
    day: dt.date | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the list to `path`, whole or not at all; returns how many people it lists. The
    sign-in sheet (for `day`, the event's first day if None) never shows emails."""
    people = sum(len(d.participants) for d in delegations)
    if not people:
        raise UserError(
            "Nobody is on this list: it shows confirmed registrations (on the list to "
            "distribute, only those who agreed to appear on it). Confirm registrations first."
        )
    page = landscape(A4) if orientation == "landscape" else A4
    layout = lay_out(page, event, delegations, variant, include_email, day, cancel)
    made = dt.datetime.now(ZoneInfo(event.time_zone))
    total = len(layout.pages)
    # closing: on Cancel or an error, the pages spooled so far go at once (exporters/pdf_spool).
    with (
        replacing(path) as temp,
        contextlib.closing(new_canvas(temp, page, pageCompression=1)) as canvas,
    ):
        canvas.setTitle(f"{TITLE} — {event.title}")
        canvas.setCreator("Budapest Desk")
        for number, placed in enumerate(layout.pages, 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            draw_frame(canvas, layout.frame, number, total, made)
            _draw_page(canvas, layout, placed)
            canvas.showPage()
            if progress is not None:
                progress(number, total)
        canvas.save()
    return people


def _draw_page(canvas: Canvas, layout: Layout, placed: Sequence[Placed]) -> None:
    body = layout.frame.body
    left, width = body.x, body.width
    top = body.top
    _draw_row(canvas, layout.labels, layout.cols, left, top, fill=LABEL_FILL)
    top -= layout.labels.height
    signature = next((c for c in layout.cols if c.label == "Signature"), None)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    for item in placed:
        y = top - item.top
        if item.row is None:
            cell = layout.headings[item.group][1 if item.continued else 0]
            canvas.setFillColor(HEADING_FILL)
            canvas.rect(left, y - item.height, width, item.height, stroke=0, fill=1)
            canvas.setFillColor(black)
            _draw_cell(canvas, cell, left + PAD_X, y - PAD_Y)
        else:
            row = layout.rows[item.group][item.row]
            _draw_row(canvas, row, layout.cols, left, y)
            if signature is not None:  # a box to sign in
                canvas.line(left + signature.x, y, left + signature.x, y - row.height)
                canvas.line(left + width, y, left + width, y - row.height)
        canvas.line(left, y - item.height, left + width, y - item.height)


def _draw_row(
    canvas: Canvas,
    row: Row,
    cols: Sequence[Column],
    left: float,
    top: float,
    *,
    fill: Color | None = None,
) -> None:
    if fill is not None:
        canvas.setFillColor(fill)
        canvas.rect(
            left, top - row.height, cols[-1].x + cols[-1].width, row.height, stroke=0, fill=1
        )
        canvas.setFillColor(black)
    for col, cell in zip(cols, row.cells, strict=True):
        _draw_cell(canvas, cell, left + col.x + PAD_X, top - PAD_Y)


def _draw_cell(canvas: Canvas, cell: Cell, x: float, top: float) -> None:
    """The lines of `cell` hanging from `top` (the fill colour is black before and after)."""
    for line in cell.lines:
        baseline = top - 0.93 * line.size
        if line.grey:
            canvas.setFillColor(GREY)
            typeset.draw_line(canvas, line.shaped, x, baseline, line.size)
            canvas.setFillColor(black)
        else:
            typeset.draw_line(canvas, line.shaped, x, baseline, line.size)
        top -= line.size * LEADING
