"""Badges as a print-ready PDF: each badge drawn into the slots that exporters/label_sheets.py
computes for the chosen layout (sheets, label stock, duplex backs, fold-over lanyard badges).

A badge, top to bottom: the event's name and dates (with a logo if one is given), the name in
the chosen format (the first line large), position, organisation and delegation beside the QR
code of the check-in code (printed under it for typing), and the category as a coloured band.
Every text is fitted to its box by typeset.fit: it shrinks to a minimum size, then wraps, and is
never cut off or drawn over the edge.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import segno
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.codes import display
from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.exporters import typeset
from budapest_desk.exporters.badge_content import (
    BadgeText,
    NameFormat,
    badge_text,
    event_dates,
)
from budapest_desk.exporters.fonts import FontKey, Script, new_canvas
from budapest_desk.exporters.label_sheets import (
    MM,
    Calibration,
    Layout,
    Rect,
    Slot,
    back_slots,
    content_rect,
    cut_marks,
    fold_back_slots,
    fold_lines,
    front_slots,
    get_layout,
    load_calibrations,
)
from budapest_desk.exporters.writing import replacing

GREY = Color(0.35, 0.35, 0.35)


@dataclass(frozen=True)
class BadgeOptions:
    layout: str = "a6-4up"
    name_format: NameFormat = NameFormat.FIRST_LAST
    colour: bool = True  # category bands in their colours; False: outlined, for black and white
    logo: Path | None = None
    # None: the calibration saved for the layout on this computer.
    calibration: Calibration | None = None


@dataclass(frozen=True)
class _Header:
    title: str
    dates: str
    logo: ImageReader | None


def _logo(path: Path | None) -> ImageReader | None:
    if path is None:
        return None
    try:
        reader = ImageReader(str(path))
        reader.getSize()
    except Exception as exc:  # Pillow raises many kinds for a broken or unknown image
        raise UserError(
            f"The logo {path.name} cannot be read as a picture. Choose a PNG or JPEG file."
        ) from exc
    return reader


def write_badges(
    path: Path,
    event: EventRow,
    rows: Iterable[RegistrationRow],
    options: BadgeOptions,
    *,
    total: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Write the badges of `rows` (in that order) to `path`, whole or not at all; returns how
    many badges were drawn."""
    layout = get_layout(options.layout)
    calibration = options.calibration
    if calibration is None:
        calibration = load_calibrations().get(layout.identifier, Calibration())
    header = _Header(event.title, event_dates(event), _logo(options.logo))
    page = (layout.page_width_mm * MM, layout.page_height_mm * MM)
    fronts = front_slots(layout, calibration)
    backs = back_slots(layout, calibration)
    fold_backs = fold_back_slots(layout, calibration)
    marks = cut_marks(layout, calibration) + fold_lines(layout, calibration)
    done = 0
    # closing: on Cancel or an error, the pages spooled so far go at once (exporters/pdf_spool).
    with (
        replacing(path) as temp,
        contextlib.closing(new_canvas(temp, page, pageCompression=1)) as canvas,
    ):
        canvas.setTitle(f"Badges — {event.title}")
        canvas.setCreator("Budapest Desk")
        for sheet in _sheets(rows, layout.per_page):
            if cancel is not None:
                cancel.raise_if_cancelled()
            texts = [badge_text(row, options.name_format) for row in sheet]
            for text, slot in zip(texts, fronts, strict=False):
                _draw_in_slot(canvas, layout, slot, text, header, options.colour)
            for text, slot in zip(texts, fold_backs, strict=False):
                _draw_in_slot(canvas, layout, slot, text, header, options.colour)
            _draw_marks(canvas, marks)
            canvas.showPage()
            if backs:
                for text, slot in zip(texts, backs, strict=False):
                    _draw_in_slot(canvas, layout, slot, text, header, options.colour)
                canvas.showPage()
            done += len(sheet)
            if progress is not None:
                progress(done, max(total, done))
        if done == 0:
            raise UserError("No registration matches the choices made, so there is no badge.")
        canvas.save()
    return done


def _sheets(rows: Iterable[RegistrationRow], size: int) -> Iterator[list[RegistrationRow]]:
    sheet: list[RegistrationRow] = []
    for row in rows:
        sheet.append(row)
        if len(sheet) == size:
            yield sheet
            sheet = []
    if sheet:
        yield sheet


def _draw_marks(canvas: Canvas, marks: list[tuple[float, float, float, float]]) -> None:
    if not marks:
        return
    canvas.saveState()
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.3)
    canvas.lines(marks)
    canvas.restoreState()


def _draw_in_slot(
    canvas: Canvas, layout: Layout, slot: Slot, text: BadgeText, header: _Header, colour: bool
) -> None:
    box = content_rect(layout, slot)
    canvas.saveState()
    if slot.rotation:
        cx, cy = box.x + box.width / 2, box.y + box.height / 2
        canvas.translate(cx, cy)
        canvas.rotate(slot.rotation)
        canvas.translate(-cx, -cy)
    draw_badge(canvas, box, text, header, colour)
    canvas.restoreState()


def draw_badge(canvas: Canvas, box: Rect, text: BadgeText, header: _Header, colour: bool) -> None:
    """One badge inside `box` (the content area of its label)."""
    portrait = box.height >= box.width
    unit = box.width if portrait else box.height * 1.45  # the width a portrait badge would have
    band_h = max(0.085 * box.height, 16.0) if portrait else max(0.14 * box.height, 13.0)
    header_h = (0.12 if portrait else 0.17) * box.height
    gap = 0.02 * unit

    _draw_header(canvas, Rect(box.x, box.top - header_h, box.width, header_h), header, unit)
    _draw_band(canvas, Rect(box.x, box.y, box.width, band_h), text, unit, colour)

    middle = Rect(box.x, box.y + band_h + gap, box.width, box.height - header_h - band_h - 2 * gap)
    code_size = max(6.0, 0.027 * unit)
    qr_side = min(0.3 * unit, 0.62 * middle.height if portrait else middle.height - 1.6 * code_size)
    qr_box = Rect(box.right - qr_side, middle.y + 1.6 * code_size, qr_side, qr_side)
    _draw_qr(canvas, qr_box, text.code)
    # The code is ASCII: drawn plainly in our Latin font, keeping a string met once per badge
    # out of typeset's caches.
    canvas.setFillColor(black)
    canvas.setFont(FontKey(Script.LATIN).name, code_size)
    canvas.drawCentredString(
        qr_box.x + qr_side / 2, middle.y + 0.35 * code_size, display(text.code)
    )

    if portrait:
        name_box = Rect(
            middle.x, middle.top - 0.5 * middle.height, middle.width, 0.5 * middle.height
        )
        detail_w = middle.width - qr_side - gap
        details = Rect(middle.x, middle.y, detail_w, name_box.y - middle.y - gap)
    else:
        left_w = middle.width - qr_side - gap
        name_box = Rect(middle.x, middle.top - 0.55 * middle.height, left_w, 0.55 * middle.height)
        details = Rect(middle.x, middle.y, left_w, name_box.y - middle.y - gap / 2)
    _draw_name(canvas, name_box, text, unit, centred=portrait)
    _draw_details(canvas, details, text, unit)


def _draw_header(canvas: Canvas, area: Rect, header: _Header, unit: float) -> None:
    left = area.x
    if header.logo is not None:
        side = area.height * 0.9
        canvas.drawImage(
            header.logo,
            area.x,
            area.top - side,
            side,
            side,
            preserveAspectRatio=True,
            anchor="nw",
            mask="auto",
        )
        left += side + 0.02 * unit
    width = area.right - left
    dates_size = max(5.0, 0.03 * unit)
    title = typeset.fit(
        header.title,
        width,
        0.046 * unit,
        0.028 * unit,
        max_height=area.height - dates_size * 1.5,
        bold=True,
    )
    canvas.setFillColor(black)
    y = area.top - title.size
    for line in title.lines:
        typeset.draw(canvas, line, left, y, title.size, bold=True)
        y -= title.leading
    dates = typeset.fit(
        header.dates, width, dates_size, dates_size * 0.7, max_height=dates_size * 1.3
    )
    canvas.setFillColor(GREY)
    typeset.draw(canvas, dates.lines[0], left, y - 0.1 * dates.size, dates.size)
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.line(area.x, area.y, area.right, area.y)


def _text_colour_on(background: Color) -> Color:
    luminance = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue
    return black if luminance > 0.55 else white


def _draw_band(canvas: Canvas, area: Rect, text: BadgeText, unit: float, colour: bool) -> None:
    fill = HexColor(text.colour) if colour else white  # core.categories checks the colours
    canvas.saveState()
    canvas.setFillColor(fill)
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.8)
    canvas.rect(area.x, area.y, area.width, area.height, stroke=0 if colour else 1, fill=1)
    if text.category:
        fitted = typeset.fit(
            text.category,
            area.width - 0.04 * unit,
            min(0.05 * unit, area.height * 0.62),
            min(0.03 * unit, area.height * 0.4),
            max_height=area.height * 0.92,
            bold=True,
        )
        canvas.setFillColor(_text_colour_on(fill))
        _draw_lines(canvas, fitted, area, centred=True, bold=True)
    canvas.restoreState()


def _draw_lines(
    canvas: Canvas, fitted: typeset.Fitted, area: Rect, *, centred: bool, bold: bool
) -> None:
    """`fitted` centred vertically in `area`."""
    ascent = 0.74 * fitted.size  # Noto's capital height, near enough to centre by
    block = fitted.leading * (len(fitted.lines) - 1) + ascent
    baseline = area.y + (area.height + block) / 2 - ascent
    _draw_fitted(canvas, fitted, area.x, area.width, baseline, centred=centred, bold=bold)


def _draw_fitted(
    canvas: Canvas,
    fitted: typeset.Fitted,
    x: float,
    width: float,
    baseline: float,
    *,
    centred: bool,
    bold: bool,
) -> None:
    """The lines of `fitted`, the first on `baseline`, left-aligned at x or centred in width."""
    for line in fitted.lines:
        if centred:
            typeset.draw(
                canvas, line, x + width / 2, baseline, fitted.size, bold=bold, align="centre"
            )
        else:
            typeset.draw(canvas, line, x, baseline, fitted.size, bold=bold)
        baseline -= fitted.leading


def _draw_name(canvas: Canvas, area: Rect, text: BadgeText, unit: float, *, centred: bool) -> None:
    large = 0.115 * unit
    items = [
        (text.large, large, large * 0.5, True, black),
        (text.small, large * 0.72, large * 0.4, False, black),
    ]
    _stack(canvas, area, items, centred=centred, middle=True)


def _stack(
    canvas: Canvas,
    area: Rect,
    items: list[tuple[str, float, float, bool, Color]],
    *,
    centred: bool,
    middle: bool = False,
) -> None:
    """Texts (text, size, minimum size, bold, colour) one below the other from the top of
    `area` (or, with `middle`, centred in it when they fit): each at its size if all fit, else
    the height shared out by what each needs when shrunk and wrapped at its minimum size, and
    each fitted into its share."""
    present = [item for item in items if item[0]]
    if not present:
        return
    fits = [typeset.fit(t, area.width, size, low, bold=bold) for t, size, low, bold, _ in present]
    needed = sum(f.height for f in fits)
    if needed > area.height:
        fits = [
            typeset.fit(
                t, area.width, size, low, max_height=area.height * f.height / needed, bold=bold
            )
            for (t, size, low, bold, _), f in zip(present, fits, strict=True)
        ]
    top = area.top
    if middle and needed <= area.height:
        top -= (area.height - needed) / 2
    for (_, _, _, bold, colour), fitted in zip(present, fits, strict=True):
        canvas.setFillColor(colour)
        baseline = top - 0.8 * fitted.leading  # the lines hang from top
        _draw_fitted(canvas, fitted, area.x, area.width, baseline, centred=centred, bold=bold)
        top -= fitted.height


def _draw_details(canvas: Canvas, area: Rect, text: BadgeText, unit: float) -> None:
    items = [
        (text.position, 0.036 * unit, 0.026 * unit, False, GREY),
        (text.organisation, 0.044 * unit, 0.03 * unit, False, black),
        (text.delegation, 0.05 * unit, 0.032 * unit, True, black),
    ]
    _stack(canvas, area, items, centred=False)


def _draw_qr(canvas: Canvas, area: Rect, code: str) -> None:
    """The QR code of `code` filling `area`, its modules drawn as one path (a quiet zone of two
    modules is kept inside the area)."""
    qr = segno.make(code, error="m", micro=False)
    matrix = qr.matrix
    modules = len(matrix) + 4
    step = area.width / modules
    path = canvas.beginPath()
    top = area.top - 2 * step
    for r, row in enumerate(matrix):
        y = top - (r + 1) * step
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(area.x + (start + 2) * step, y, (c - start) * step, step)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
