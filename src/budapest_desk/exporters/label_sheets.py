"""Where each badge goes on a printed page: pure geometry from a layout's published dimensions,
with no drawing, so that it is tested on its own and the PDF code only draws into the slots.

Coordinates are PDF points, origin at the page's bottom-left corner (label_layout.Rect); layouts
are in millimetres as their makers publish them, offsets from the page's top-left corner
(label_presets). Item i of a print run goes on sheet i // per_page, into slot i % per_page of
that sheet: pages() gives the item indices of each sheet, in slot order. By the layout's `sides`:

- "single": front_slots() only.
- "duplex": a sheet is two PDF pages. front_slots() are the front page's slots, back_slots() the
  back page's: mirrored left-right about the page's vertical centre line (the paper turns over
  its long edge), so each back lands behind its own front. Same index, same badge.
- "fold": a foldable lanyard badge, two panels stacked on one page. front_slots() are the front
  panels (rotation 0, below the fold line); fold_back_slots() are the back panels (rotation 180,
  directly above their front and touching it at the fold line), upside down on the page so that
  the back reads upright once the card is folded and hung. Rows pair up: the upper row of a pair
  holds backs, the lower fronts. Same index, same badge, same page; back_slots() is empty.

A calibration (label_calibration) moves every slot by (dx, dy), + right and up. On a duplex back
page dx is mirrored as well, since the paper is turned over; dy is not.

Cut marks (plain-paper layouts) are drawn on the front page only. They lie on the cut lines, the
badges' edges, and never inside a badge: where badges meet edge to edge a cut line runs between
them, elsewhere it runs through the margins and gutters. A fold line is not a cut line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from budapest_desk.core.errors import UserError
from budapest_desk.exporters.label_calibration import (
    Calibration,
    check_calibration,
    load_calibrations,
    save_calibration,
)
from budapest_desk.exporters.label_layout import EPSILON, MM, Layout, Rect, Slot
from budapest_desk.exporters.label_presets import LAYOUTS

__all__ = [
    "MM",
    "Calibration",
    "Layout",
    "Rect",
    "Segment",
    "Slot",
    "back_slots",
    "check_calibration",
    "content_rect",
    "cut_marks",
    "fold_back_slots",
    "fold_lines",
    "front_slots",
    "get_layout",
    "layouts",
    "load_calibrations",
    "pages",
    "save_calibration",
]

Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 in points

NO_CALIBRATION = Calibration()
MIN_TRIM_MM = 2.0  # a cut line closer than this to the page's edge would only trim a sliver


def layouts() -> tuple[Layout, ...]:
    return LAYOUTS


def get_layout(identifier: str) -> Layout:
    wanted = identifier.strip().lower()
    for layout in LAYOUTS:
        if layout.identifier == wanted:
            return layout
    choices = ", ".join(layout.identifier for layout in LAYOUTS)
    raise UserError(
        f"There is no badge layout called '{identifier}'. Choose one of: {choices}.",
        field="layout",
    )


def front_slots(layout: Layout, calibration: Calibration = NO_CALIBRATION) -> list[Slot]:
    first_row = 1 if layout.sides == "fold" else 0
    step = 2 if layout.sides == "fold" else 1
    return [
        Slot(_panel(layout, column, row).moved(*_shift(calibration)))
        for row in range(first_row, layout.rows, step)
        for column in range(layout.columns)
    ]


def fold_back_slots(layout: Layout, calibration: Calibration = NO_CALIBRATION) -> list[Slot]:
    """The back panels of a "fold" layout, upside down above their fronts; [] for others."""
    if layout.sides != "fold":
        return []
    return [
        Slot(_panel(layout, column, row).moved(*_shift(calibration)), rotation=180)
        for row in range(0, layout.rows, 2)
        for column in range(layout.columns)
    ]


def back_slots(layout: Layout, calibration: Calibration = NO_CALIBRATION) -> list[Slot]:
    """The back page of a "duplex" sheet, each slot behind its front; [] for other layouts."""
    if layout.sides != "duplex":
        return []
    page_width = layout.page_width_mm * MM
    dx, dy = _shift(calibration)
    mirrored = (
        Rect(page_width - front.rect.right, front.rect.y, front.rect.width, front.rect.height)
        for front in front_slots(layout)
    )
    return [Slot(rect.moved(-dx, dy)) for rect in mirrored]


def content_rect(layout: Layout, slot: Slot) -> Rect:
    """Where a slot's content may go: `safe_margin_mm` inside the label's edges."""
    return slot.rect.inset(layout.safe_margin_mm * MM)


def pages(count: int, layout: Layout) -> Iterator[list[int]]:
    """The item indices on each sheet, in slot order: [[0 .. per_page - 1], [per_page ..], …]."""
    if count < 0:
        raise ValueError(f"count must not be negative, not {count}")
    per_page = layout.per_page
    for start in range(0, count, per_page):
        yield list(range(start, min(start + per_page, count)))


def cut_marks(layout: Layout, calibration: Calibration = NO_CALIBRATION) -> list[Segment]:
    """Cut lines for a plain-paper layout's front page; [] if the layout has none."""
    if not layout.cut_marks:
        return []
    page = Rect(0, 0, layout.page_width_mm * MM, layout.page_height_mm * MM)
    outlines = _badge_outlines(layout)
    trim = MIN_TRIM_MM * MM
    marks: list[Segment] = []
    for x in _distinct(edge for rect in outlines for edge in (rect.x, rect.right)):
        if trim <= x <= page.right - trim:
            across = [(r.y, r.top) for r in outlines if r.x + EPSILON < x < r.right - EPSILON]
            marks += [(x, low, x, high) for low, high in _gaps(0, page.top, across)]
    for y in _distinct(edge for rect in outlines for edge in (rect.y, rect.top)):
        if trim <= y <= page.top - trim:
            across = [(r.x, r.right) for r in outlines if r.y + EPSILON < y < r.top - EPSILON]
            marks += [(low, y, high, y) for low, high in _gaps(0, page.right, across)]
    dx, dy = _shift(calibration)
    moved = (_clip((x1 + dx, y1 + dy, x2 + dx, y2 + dy), page) for x1, y1, x2, y2 in marks)
    return [mark for mark in moved if mark is not None]


def fold_lines(layout: Layout, calibration: Calibration = NO_CALIBRATION) -> list[Segment]:
    """Where each fold badge folds (its front panel's top edge); [] for other layouts."""
    if layout.sides != "fold":
        return []
    return [
        (slot.rect.x, slot.rect.top, slot.rect.right, slot.rect.top)
        for slot in front_slots(layout, calibration)
    ]


def _panel(layout: Layout, column: int, row: int) -> Rect:
    """The label at (column, row) without calibration; row 0 is the top row."""
    left = layout.left_mm + column * layout.h_pitch_mm
    top = layout.top_mm + row * layout.v_pitch_mm
    bottom = layout.page_height_mm - top - layout.label_height_mm
    return Rect(left * MM, bottom * MM, layout.label_width_mm * MM, layout.label_height_mm * MM)


def _shift(calibration: Calibration) -> tuple[float, float]:
    return calibration.dx_mm * MM, calibration.dy_mm * MM


def _badge_outlines(layout: Layout) -> list[Rect]:
    """Each badge's whole area as cut out: a fold badge is its two panels together."""
    fronts = [slot.rect for slot in front_slots(layout)]
    if layout.sides != "fold":
        return fronts
    backs = [slot.rect for slot in fold_back_slots(layout)]
    return [Rect(f.x, f.y, f.width, b.top - f.y) for f, b in zip(fronts, backs, strict=True)]


def _distinct(values: Iterable[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > EPSILON:
            result.append(value)
    return result


def _gaps(
    start: float, end: float, blocked: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The parts of [start, end] outside every blocked interval."""
    gaps: list[tuple[float, float]] = []
    position = start
    for low, high in sorted(blocked):
        if low - position > EPSILON:
            gaps.append((position, min(low, end)))
        position = max(position, high)
    if end - position > EPSILON:
        gaps.append((position, end))
    return [(low, high) for low, high in gaps if high - low > EPSILON]


def _clip(segment: Segment, page: Rect) -> Segment | None:
    """An axis-parallel segment cut to the page; None if nothing of it is left."""
    x1, y1, x2, y2 = segment
    x1, x2 = max(min(x1, x2), page.x), min(max(x1, x2), page.right)
    y1, y2 = max(min(y1, y2), page.y), min(max(y1, y2), page.top)
    if x1 > x2 + EPSILON or y1 > y2 + EPSILON or (x2 - x1) + (y2 - y1) <= EPSILON:
        return None
    return (x1, y1, x2, y2)
