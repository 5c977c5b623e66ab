"""The bar charts of the event report, as reportlab.graphics drawings (vector, drawn onto the
page by renderPDF). Every text in them is set in our Latin font: reportlab's charts default to
Helvetica, a base-14 font that draws a black box for ő or ş and would appear in the file's fonts
even where no letter uses it. Their labels are English (statuses, categories, countries), which
the Latin font (Noto Sans: Latin, Cyrillic, Greek) covers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from budapest_desk.exporters.fonts import FontKey, Script, register_fonts

# Registered, confirmed, attended; then more for one-series charts.
PALETTE = (HexColor("#4e79a7"), HexColor("#59a14f"), HexColor("#f28e2b"), HexColor("#76b7b2"))
GRID = Color(0.85, 0.85, 0.85)
AXIS = Color(0.45, 0.45, 0.45)
LABEL_SIZE = 7.0
_LEGEND_HEIGHT = 14.0
_SLOT = 56.0  # the widest a vertical bar's slot gets
MAX_HEIGHT = 600.0  # a drawing's, to fit on a page under the report's header


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


def wrapped_label(text: str, width: float, size: float = LABEL_SIZE) -> str:
    """`text` with line breaks where it would be wider than `width` (reportlab's labels split
    lines at '\\n'); a word longer than the width stays whole on its own line."""
    name = font_name()
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", name, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


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
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.leading = LABEL_SIZE * 1.15
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
        widest = max((stringWidth(t, font_name(), size) for t in labels), default=0.0)
        label_width = min(widest + 6, 0.34 * width)
    texts = [wrapped_label(t, label_width - 6) for t in labels]
    lines = max((t.count("\n") + 1 for t in texts), default=1)
    slot = slot or max(6.5 * count + 9, lines * size * 1.15 + 6)
    legend = _LEGEND_HEIGHT if names else 0.0
    slot = min(slot, (max_height - 14 - legend) / max(1, len(labels)))
    plot_height = slot * len(labels)
    height = plot_height + 14 + legend
    drawing = Drawing(width, height, initialFontName=font_name(), initialFontSize=size)
    chart = HorizontalBarChart()
    chart.x, chart.y = round(label_width), 12
    chart.width, chart.height = round(width - label_width - 18), round(plot_height)
    colours = PALETTE[:count]
    # Bars of a group go upwards from the first series: given last first, the first series is
    # at the top of its group, as in the legend.
    _style(chart, series[::-1], colours[::-1])
    chart.categoryAxis.categoryNames = texts
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -4
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
    bottom = 16 if not label_angle else 26
    chart.x, chart.y = 26, bottom
    # At most _SLOT a bar: two days' bars are bars, not walls.
    chart.width = round(min(width - 32, max(1, len(labels)) * _SLOT))
    chart.height = round(height - bottom - 10)
    _style(chart, [values], [colour], largest)
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.boxAnchor = "n" if not label_angle else "ne"
    chart.categoryAxis.labels.angle = label_angle
    chart.categoryAxis.labels.dy = -3
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 1
    chart.groupSpacing = 6 if len(labels) < 12 else 3
    drawing.add(chart)
    return drawing
