"""The bar charts of the event report, as reportlab.graphics drawings (vector, drawn onto the
page by renderPDF).

Their numbers (the value axis, each bar's value) and the legend (the series, in English) are set
in our Latin font: reportlab's charts default to Helvetica, a base-14 font that draws a black box
for ő or ş and would appear in the file's fonts even where no letter uses it. Their category
labels are what people typed (categories, countries, organisations) in any script of the region,
which reportlab can neither shape (Arabic script, Bengali) nor set in a font per script: its own
labels are hidden and exporters/typeset.py sets ours, where reportlab would have put its, by an
annotation of the category axis that reportlab draws with the axis, once it is laid out. A label
too long for its row or bar shrinks to MIN_LABEL_SIZE, then wraps (typeset.fit); it is never cut.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import DirectDraw, Drawing
from reportlab.lib.colors import Color, HexColor, black
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.exporters import typeset
from budapest_desk.exporters.fonts import FontKey, Script, register_fonts

# Registered, confirmed, attended; then more for one-series charts.
PALETTE = (HexColor("#4e79a7"), HexColor("#59a14f"), HexColor("#f28e2b"), HexColor("#76b7b2"))
GRID = Color(0.85, 0.85, 0.85)
AXIS = Color(0.45, 0.45, 0.45)
LABEL_SIZE = 7.0
MIN_LABEL_SIZE = 6.0  # a category label shrinks to this, then wraps
LABEL_GAP = 4.0  # between a horizontal bar's label and the axis
_UNDER = 3.0  # between the axis and the top of a vertical bar's label
_LEGEND_HEIGHT = 14.0
_SLOT = 56.0  # the widest a vertical bar's slot gets
MAX_HEIGHT = 600.0  # a drawing's, to fit on a page under the report's header
_MIDDLE = 0.32  # of the size: from a line's baseline up to the middle of its lowercase letters


def font_name(bold: bool = False) -> str:
    register_fonts()
    return FontKey(Script.LATIN, bold).name


def nice_step(largest: int, ticks: int = 5) -> int:
    """A whole step of 1, 2 or 5 times a power of ten giving at most about `ticks` steps."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power: int = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def fit_label(text: str, room: float, height: float | None = None) -> typeset.Fitted:
    """`text` at LABEL_SIZE, or shrunk to MIN_LABEL_SIZE, or wrapped, to be at most `room`
    wide; smaller still where it would be taller than `height`. Never cut."""
    fitted = typeset.fit(text, room, LABEL_SIZE, MIN_LABEL_SIZE, max_height=height)
    if height is not None and fitted.height > height:  # one line taller than its row
        size = fitted.size * height / fitted.height
        return typeset.Fitted(size, fitted.lines, size * typeset.LEADING)
    return fitted


@dataclass(frozen=True)
class CategoryLabels:
    """The category labels of a chart, set by typeset: an annotation of the category axis,
    which reportlab calls with the axis laid out when it draws it (after its own labels, which
    are hidden), for the node that draws them. `edge` is the axis' position across it (the
    plot's left for horizontal bars, its bottom for vertical ones). Horizontal bars' labels end
    LABEL_GAP left of the axis, centred on their row; vertical bars' hang under their bar,
    centred, or, turned `angle` degrees anticlockwise, end under its middle."""

    labels: tuple[typeset.Fitted, ...]  # in the order of the chart's data
    edge: float
    angle: float = 0.0
    afterTickLabels: ClassVar[bool] = True  # where in the axis reportlab draws the node

    def __call__(self, axis: Any) -> _LabelsNode:
        # midScale: the middle of a category's slot, reverseDirection and all.
        middles = tuple(float(axis.midScale(i)) for i in range(len(self.labels)))
        return _LabelsNode(self, middles, bool(axis.isYAxis))

    def draw(self, canvas: Canvas, middles: Sequence[float], across_y: bool) -> None:
        canvas.setFillColor(black)
        for label, middle in zip(self.labels, middles, strict=True):
            size, leading = label.size, label.leading
            if across_y:  # a row of horizontal bars: centred on it, ending at the axis
                top = middle + (len(label.lines) - 1) * leading / 2 - _MIDDLE * size
                for i, text in enumerate(label.lines):
                    x = self.edge - LABEL_GAP
                    typeset.draw(canvas, text, x, top - i * leading, size, align="right")
            elif not self.angle:  # under a vertical bar, centred
                top = self.edge - _UNDER - 0.93 * size
                for i, text in enumerate(label.lines):
                    typeset.draw(canvas, text, middle, top - i * leading, size, align="centre")
            else:  # turned about the top of its end, under the bar's middle
                canvas.saveState()
                canvas.translate(middle, self.edge - _UNDER)
                canvas.rotate(self.angle)
                for i, text in enumerate(label.lines):
                    y = -0.75 * size - i * leading
                    typeset.draw(canvas, text, -0.2 * size, y, size, align="right")
                canvas.restoreState()


class _LabelsNode(DirectDraw):
    """What reportlab's renderer draws for CategoryLabels: straight onto its canvas, in the
    drawing's coordinates."""

    def __init__(self, labels: CategoryLabels, middles: tuple[float, ...], across_y: bool):
        super().__init__()
        self._labels, self._middles, self._across_y = labels, middles, across_y

    def copy(self) -> Self:
        return type(self)(self._labels, self._middles, self._across_y)

    def drawDirectly(self, canvas: Any) -> None:  # reportlab hands its renderer, not a canvas
        target: Canvas = canvas._canvas
        target.saveState()  # the renderer keeps track of the font and colours it has set
        try:
            self._labels.draw(target, self._middles, self._across_y)
        finally:
            target.restoreState()

    def getBounds(self) -> tuple[float, float, float, float]:
        """Roughly: along the axis, and out from it as far as the widest label reaches."""
        far = max(
            (max(typeset.width(t, f.size) for t in f.lines) for f in self._labels.labels),
            default=0.0,
        )
        low, high = min(self._middles, default=0.0), max(self._middles, default=0.0)
        edge = self._labels.edge
        if self._across_y:
            return (edge - far, low - far, edge, high + far)
        return (low - far, edge - far, high + far, edge)


def _bar_label(value: float) -> str:
    return f"{value:,.0f}" if value else ""  # no "0" over every empty hour


def _style(
    chart: BarChart,
    values: Sequence[Sequence[int]],
    colours: Sequence[Color],
    largest: int = 0,
) -> None:
    regular = font_name()
    largest = max([largest, *(v for series in values for v in series)])
    step = nice_step(largest)
    chart.data = [list(series) for series in values]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, math.ceil(largest * 1.12 / step) * step)
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.visibleLabels = 0  # CategoryLabels sets them
    chart.barLabelFormat = _bar_label
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = LABEL_SIZE - 0.5
    chart.barSpacing = 1
    for i, colour in enumerate(colours):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None


def _legend(names: Sequence[str], colours: Sequence[Color], x: float, y: float) -> Legend:
    legend = Legend()
    legend.fontName = font_name()
    legend.fontSize = LABEL_SIZE + 0.5
    legend.colorNamePairs = list(zip(colours, names, strict=True))
    legend.alignment = "right"
    legend.boxAnchor = "sw"
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.dx = legend.dy = 7
    legend.dxTextSpace = 4
    legend.strokeColor = None
    legend.x, legend.y = round(x), round(y)
    return legend


def horizontal_bars(
    labels: Sequence[str],
    series: Sequence[Sequence[int]],
    width: float,
    *,
    names: Sequence[str] = (),
    slot: float = 0.0,
    label_width: float = 0.0,
    max_height: float = MAX_HEIGHT,
) -> Drawing:
    """One row per label, first at the top, with a bar per series (a legend names the series
    when there are several); `slot` is each label's height, `label_width` the room for labels
    (both worked out from the labels when 0). Rows are made thinner rather than the drawing
    taller than `max_height`."""
    count = len(series)
    size = LABEL_SIZE
    if not label_width:
        widest = max((typeset.width(t, size) for t in labels), default=0.0)
        label_width = min(widest + 6, 0.34 * width)
    room = label_width - 6
    fitted = [fit_label(t, room) for t in labels]
    tallest = max((f.height for f in fitted), default=size * typeset.LEADING)
    slot = slot or max(6.5 * count + 9, tallest + 6)
    legend = _LEGEND_HEIGHT if names else 0.0
    slot = min(slot, (max_height - 14 - legend) / max(1, len(labels)))
    plot_height = round(slot * len(labels))
    # A label taller than its row (there are many rows, or `slot` was given) is made smaller.
    row = plot_height / max(1, len(labels)) - 2
    fitted = [
        f if f.height <= row else fit_label(t, room, row)
        for t, f in zip(labels, fitted, strict=True)
    ]
    height = plot_height + 14 + legend
    drawing = Drawing(width, height, initialFontName=font_name(), initialFontSize=size)
    chart = HorizontalBarChart()
    chart.x, chart.y = round(label_width), 12
    chart.width, chart.height = round(width - label_width - 18), plot_height
    colours = PALETTE[:count]
    # Bars of a group go upwards from the first series: given last first, the first series is
    # at the top of its group, as in the legend.
    _style(chart, series[::-1], colours[::-1])
    chart.categoryAxis.reverseDirection = 1  # the first label at the top
    chart.categoryAxis.annotations = [CategoryLabels(tuple(fitted), chart.x)]
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.groupSpacing = 4
    chart.barWidth = 6
    drawing.add(chart)
    if names:
        drawing.add(_legend(names, colours, label_width, height - legend + 2))
    return drawing


def vertical_bars(
    labels: Sequence[str],
    values: Sequence[int],
    width: float,
    height: float,
    *,
    colour: Color = PALETTE[0],
    label_angle: int = 0,
    largest: int = 0,
) -> Drawing:
    """One bar per label, left to right, its value above it; the value axis goes up to at
    least `largest` (charts to compare share it)."""
    size = LABEL_SIZE
    drawing = Drawing(width, height, initialFontName=font_name(), initialFontSize=size)
    chart = VerticalBarChart()
    # At most _SLOT a bar: two days' bars are bars, not walls.
    chart.width = round(min(width - 32, max(1, len(labels)) * _SLOT))
    slot = chart.width / max(1, len(labels))
    if label_angle:
        # Turned labels one line each, no taller than the room between two of them.
        turn = math.radians(label_angle)
        size = min(size, slot * math.sin(turn) / typeset.LEADING)
        fitted = [typeset.Fitted(size, (t,), size * typeset.LEADING) for t in labels]
        longest = max((typeset.width(t, size) for t in labels), default=0.0)
        drop = longest * math.sin(turn) + 1.2 * size * math.cos(turn)
        bottom = max(26, math.ceil(_UNDER + drop + 3))
    else:
        fitted = [fit_label(t, slot - 4) for t in labels]
        tallest = max((f.height for f in fitted), default=0.0)
        bottom = max(16, math.ceil(_UNDER + tallest + 4))
    chart.x, chart.y = 26, bottom
    chart.height = round(height - bottom - 10)
    _style(chart, [values], [colour], largest)
    chart.categoryAxis.annotations = [CategoryLabels(tuple(fitted), chart.y, label_angle)]
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 1
    chart.groupSpacing = 6 if len(labels) < 12 else 3
    drawing.add(chart)
    return drawing
