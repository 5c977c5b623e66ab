"""The data of badge and label sheets: a rectangle on the page, a slot for one badge panel, and a
layout as printed on a label sheet's packaging. label_sheets turns layouts into slots;
label_presets holds the layouts offered."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MM = 72 / 25.4  # points per millimetre
EPSILON = 1e-6  # points: far below anything a printer shows, far above float rounding

Sides = Literal["single", "duplex", "fold"]


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, origin at the bottom-left of the page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def inset(self, points: float) -> Rect:
        """Smaller by `points` on every side (larger if negative)."""
        return Rect(
            self.x + points, self.y + points, self.width - 2 * points, self.height - 2 * points
        )

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)

    def overlaps(self, other: Rect) -> bool:
        """True if the two share some area; rectangles that only touch do not overlap."""
        return (
            self.x < other.right - EPSILON
            and other.x < self.right - EPSILON
            and self.y < other.top - EPSILON
            and other.y < self.top - EPSILON
        )

    def contains(self, other: Rect) -> bool:
        """True if `other` lies wholly inside this rectangle (edges may coincide)."""
        return (
            other.x >= self.x - EPSILON
            and other.y >= self.y - EPSILON
            and other.right <= self.right + EPSILON
            and other.top <= self.top + EPSILON
        )


@dataclass(frozen=True)
class Slot:
    rect: Rect  # where the badge or label panel goes on the page, calibration applied
    rotation: int = 0  # 0, or 180 for a fold-over back panel, drawn upside down


@dataclass(frozen=True)
class Layout:
    """A sheet as its maker publishes it: millimetres, offsets from the top-left corner."""

    identifier: str  # stable CLI name, e.g. "avery-l7418"
    name: str  # shown in a list
    page_width_mm: float
    page_height_mm: float
    label_width_mm: float
    label_height_mm: float
    columns: int
    rows: int
    left_mm: float  # from the page's left edge to the first label's left edge
    top_mm: float  # from the page's top edge to the first label's top edge
    h_pitch_mm: float  # from a label's left edge to the next one's
    v_pitch_mm: float  # from a label's top edge to the next one's
    corner_radius_mm: float = 0
    cut_marks: bool = False  # print cut marks (plain paper layouts)
    sides: Sides = "single"
    safe_margin_mm: float = 4.0  # content stays this far inside each label edge
    source: str = ""  # where the published dimensions come from

    def __post_init__(self) -> None:
        sizes = (
            self.page_width_mm,
            self.page_height_mm,
            self.label_width_mm,
            self.label_height_mm,
            self.h_pitch_mm,
            self.v_pitch_mm,
        )
        if not all(math.isfinite(size) and size > 0 for size in sizes):
            raise ValueError(f"layout {self.identifier}: sizes and pitches must be positive")
        if self.columns < 1 or self.rows < 1:
            raise ValueError(f"layout {self.identifier}: needs at least one column and row")
        if self.sides == "fold" and self.rows % 2:
            raise ValueError(f"layout {self.identifier}: a fold layout needs rows in pairs")
        if not 0 <= 2 * self.safe_margin_mm < min(self.label_width_mm, self.label_height_mm):
            raise ValueError(f"layout {self.identifier}: the safe margin leaves no content")

    @property
    def per_page(self) -> int:
        """Badges per sheet: a fold badge takes two panels."""
        panels = self.columns * self.rows
        return panels // 2 if self.sides == "fold" else panels
