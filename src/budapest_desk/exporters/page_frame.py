"""The frame of every page of the A4 lists and reports: a header (what the document is, a marker
such as "Internal — not for distribution", the event, its dates and place) and a footer (when
the file was made, "Page X of Y"). The frame is laid out once, as data (`Frame`), and drawn on
each page; the body area between header and footer is what is left for the document itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.events import EventRow
from budapest_desk.exporters import typeset
from budapest_desk.exporters.badge_content import event_dates, event_place
from budapest_desk.exporters.label_layout import MM, Rect

GREY = Color(0.35, 0.35, 0.35)
RULE = Color(0.55, 0.55, 0.55)
INTERNAL_RED = Color(0.69, 0.0, 0.13)

MARGIN_X = 15 * MM
MARGIN_TOP = 12 * MM
MARGIN_BOTTOM = 10 * MM
TITLE_SIZE = 16.0
EVENT_SIZE = 11.0
DETAIL_SIZE = 9.0
MARKER_SIZE = 10.5
FOOTER_SIZE = 7.5
_HEADER_GAP = 8.0  # between the header's rule and the body
_FOOTER_GAP = 8.0  # between the body and the footer's rule


@dataclass(frozen=True)
class HeaderLine:
    text: str
    size: float
    baseline: float  # below the top margin
    bold: bool = False
    colour: Color = black
    right: bool = False  # ends at the right margin (else starts at the left one)


@dataclass(frozen=True)
class Frame:
    page: tuple[float, float]  # width, height in points
    lines: tuple[HeaderLine, ...]
    header_height: float  # from the top margin to the header's rule

    @property
    def left(self) -> float:
        return MARGIN_X

    @property
    def width(self) -> float:
        return self.page[0] - 2 * MARGIN_X

    @property
    def rule_y(self) -> float:
        return self.page[1] - MARGIN_TOP - self.header_height

    @property
    def footer_y(self) -> float:  # the footer's baseline
        return MARGIN_BOTTOM

    @property
    def body(self) -> Rect:
        bottom = MARGIN_BOTTOM + FOOTER_SIZE + _FOOTER_GAP
        return Rect(MARGIN_X, bottom, self.width, self.rule_y - _HEADER_GAP - bottom)


def long_date(day: dt.date) -> str:
    """'Tuesday 12 May 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def place_line(event: EventRow) -> str:
    """'12–13 May 2027 · Várkert Bazár, Budapest, Hungary' (or '· Online')."""
    place = event_place(event) or ("Online" if event.online else "")
    return " · ".join(p for p in (event_dates(event), place) if p)


def frame(
    page: tuple[float, float],
    title: str,
    event: EventRow,
    *,
    marker: str = "",
    marker_colour: Color = black,
) -> Frame:
    """The header laid out for `page`: `title` large, `marker` at its right (or under it when
    there is no room beside it), then the event's title and its dates and place."""
    width = page[0] - 2 * MARGIN_X
    lines: list[HeaderLine] = []
    y = TITLE_SIZE
    lines.append(HeaderLine(title, TITLE_SIZE, y, bold=True))
    if marker:
        room = width - typeset.width(title, TITLE_SIZE, bold=True) - 6 * MM
        fitted = typeset.fit(marker, width, MARKER_SIZE, 7.0, bold=True)
        beside = len(fitted.lines) == 1 and typeset.width(marker, MARKER_SIZE, True) <= room
        if beside:
            lines.append(HeaderLine(marker, MARKER_SIZE, y, True, marker_colour, right=True))
        else:
            for text in fitted.lines:
                y += fitted.leading
                lines.append(HeaderLine(text, fitted.size, y, True, marker_colour))
    y += 0.45 * TITLE_SIZE
    for size, bold, colour, text in (
        (EVENT_SIZE, True, black, event.title),
        (DETAIL_SIZE, False, GREY, place_line(event)),
    ):
        fitted = typeset.fit(text, width, size, 0.8 * size, bold=bold)
        for part in fitted.lines:
            y += fitted.leading
            lines.append(HeaderLine(part, fitted.size, y, bold, colour))
    return Frame(page, tuple(lines), y + 0.6 * DETAIL_SIZE)


def draw_frame(canvas: Canvas, frame: Frame, page: int, pages: int, made: dt.datetime) -> None:
    """The header and footer of page `page` (from 1) of `pages`; `made` is when the file was
    made, in the time zone to show."""
    top = frame.page[1] - MARGIN_TOP
    right = frame.left + frame.width
    for line in frame.lines:
        canvas.setFillColor(line.colour)
        x = right if line.right else frame.left
        align: typeset.Align = "right" if line.right else "left"
        typeset.draw(
            canvas, line.text, x, top - line.baseline, line.size, bold=line.bold, align=align
        )
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(frame.left, frame.rule_y, right, frame.rule_y)
    footer = frame.footer_y + FOOTER_SIZE + _FOOTER_GAP / 2
    canvas.setLineWidth(0.3)
    canvas.line(frame.left, footer, right, footer)
    canvas.setFillColor(GREY)
    typeset.draw(
        canvas, f"Generated {made.day} {made:%B %Y, %H:%M}", frame.left, frame.footer_y, FOOTER_SIZE
    )
    typeset.draw(
        canvas, f"Page {page} of {pages}", right, frame.footer_y, FOOTER_SIZE, align="right"
    )
    canvas.setFillColor(black)
