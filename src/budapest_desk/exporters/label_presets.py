"""The badge layouts offered: plain paper cut to A6 or A7, and pre-cut sheets with the dimensions
their makers publish. Each layout's `source` says where its numbers come from; a number no source
gave is named there, with the value used instead."""

from __future__ import annotations

from budapest_desk.exporters.label_layout import Layout

A4 = (210.0, 297.0)
LETTER = (215.9, 279.4)  # 8.5 × 11 in
INCH = 25.4

A6 = Layout(
    identifier="a6",
    name="A6 — one badge 105 × 148 mm per A6 page",
    page_width_mm=105,
    page_height_mm=148,
    label_width_mm=105,
    label_height_mm=148,
    columns=1,
    rows=1,
    left_mm=0,
    top_mm=0,
    h_pitch_mm=105,
    v_pitch_mm=148,
    source="ISO 216 A6, 105 × 148 mm; the page is the badge",
)

A6_4UP = Layout(
    identifier="a6-4up",
    name="A6 — 4 badges 105 × 148 mm on A4, to cut",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=105,
    label_height_mm=148,
    columns=2,
    rows=2,
    left_mm=0,
    top_mm=0.5,  # A4 is 1 mm taller than two A6: half a millimetre above and below
    h_pitch_mm=105,
    v_pitch_mm=148,
    cut_marks=True,
    source="ISO 216: A4 210 × 297 mm, A6 105 × 148 mm; 2 × 2, centred on the sheet",
)

A7_8UP = Layout(
    identifier="a7-8up",
    name="A7 — 8 badges 105 × 74 mm (landscape) on A4, to cut",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=105,
    label_height_mm=74,
    columns=2,
    rows=4,
    left_mm=0,
    top_mm=0.5,  # A4 is 1 mm taller than four A7
    h_pitch_mm=105,
    v_pitch_mm=74,
    cut_marks=True,
    source="ISO 216: A4 210 × 297 mm, A7 74 × 105 mm; 2 × 4 landscape, centred on the sheet",
)

A6_DUPLEX = Layout(
    identifier="a6-duplex",
    name="A6 double-sided — 4 badges 105 × 148 mm on A4, to cut",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=105,
    label_height_mm=148,
    columns=2,
    rows=2,
    left_mm=0,
    top_mm=0.5,
    h_pitch_mm=105,
    v_pitch_mm=148,
    cut_marks=True,
    sides="duplex",
    source="ISO 216: A4 210 × 297 mm, A6 105 × 148 mm; 2 × 2, printed on both sides "
    "(flip on the long edge)",
)

A6_FOLD = Layout(
    identifier="a6-fold",
    name="A6 fold-over lanyard badge — 2 badges 105 × 297 mm on A4, folded to 105 × 148.5 mm",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=105,  # one panel: the front below the fold, or the back above it
    label_height_mm=148.5,
    columns=2,
    rows=2,
    left_mm=0,
    top_mm=0,
    h_pitch_mm=105,
    v_pitch_mm=148.5,
    cut_marks=True,
    sides="fold",
    source="ISO 216: A4 210 × 297 mm cut down the middle into two 105 × 297 mm strips, "
    "each folded at mid-height",
)

AVERY_L7418 = Layout(
    identifier="avery-l7418",
    name="Avery L7418 — 8 badges 86 × 55 mm on A4",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=86,
    label_height_mm=55,
    columns=2,
    rows=4,
    left_mm=19,
    top_mm=38.5,
    h_pitch_mm=86,
    v_pitch_mm=55,
    source="Avery L7418 as given in public label tables: an Avery J/L label list in XSLT "
    "(columns 2, rows 4, width 86, height 55, top margin 38.5, left margin 19, gaps 0 mm) and "
    "an OpenBiblio-style layout 'Card A4 2x4 Avery L7418' (margin-top 38.5, margin-left 19 mm, "
    "labels 86 × 55 mm). Not in the gLabels templates. Corner radius not published there: "
    "0 is used (it matters only for outlines)",
)

AVERY_5392 = Layout(
    identifier="avery-5392",
    name="Avery 5392 — 6 badge inserts 4 × 3 in on US Letter",
    page_width_mm=LETTER[0],
    page_height_mm=LETTER[1],
    label_width_mm=4 * INCH,
    label_height_mm=3 * INCH,
    columns=2,
    rows=3,
    left_mm=0.25 * INCH,
    top_mm=1 * INCH,
    h_pitch_mm=4 * INCH,
    v_pitch_mm=3 * INCH,
    source="Avery 5392 'Insertable Name Badges 3 x 4 in' in Perl Paper::Specs "
    "(Paper/Specs/Avery/5392.pm: 8.5 × 11 in sheet, label 4 × 3 in, 2 columns × 3 rows, "
    "margins left/right 0.25 in, top/bottom 1 in, so no gaps); the same grid (left 18 pt, "
    "top 72 pt, cells 288 × 216 pt) in other public badge printers. Corner radius not "
    "published (perforated card): 0",
)

HERMA_4412 = Layout(
    identifier="herma-4412",
    name="HERMA 4412 — 10 name badge labels 80 × 50 mm on A4",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=80,
    label_height_mm=50,
    columns=2,
    rows=5,
    left_mm=17.5,
    top_mm=13.5,
    h_pitch_mm=95,
    v_pitch_mm=55,
    source="HERMA 4412 '50 x 80 mm' in pretix, src/pretix/plugins/badges/exporters.py "
    "(2 columns × 5 rows, margins top 13.5, right 17.5, bottom 13.5, left 17.5 mm, "
    "offsets 95 × 55 mm). Not in the gLabels templates. Corner radius not published there: 0",
)

DURABLE_1456 = Layout(
    identifier="durable-1456",
    name="DURABLE 1456 — 8 badge inserts 90 × 60 mm on A4",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=90,
    label_height_mm=60,
    columns=2,
    rows=4,
    left_mm=15,
    top_mm=28.5,
    h_pitch_mm=90,
    v_pitch_mm=60,
    source="DURABLE BADGEMAKER 60 x 90 mm (1456-02) in pretix, "
    "src/pretix/plugins/badges/exporters.py (2 columns × 4 rows, margins top 28.5, right 15, "
    "bottom 28.5, left 15 mm, offsets 90 × 60 mm). Corner radius not published there "
    "(perforated card): 0",
)

AVERY_L4785 = Layout(
    identifier="avery-l4785",
    name="Avery L4785 — 10 name badges 80 × 50 mm on A4",
    page_width_mm=A4[0],
    page_height_mm=A4[1],
    label_width_mm=80,
    label_height_mm=50,
    columns=2,
    rows=5,
    left_mm=18,
    top_mm=13,
    h_pitch_mm=95,
    v_pitch_mm=55,
    corner_radius_mm=4,
    source="gLabels template avery-iso-templates.xml, Avery L4785 (jimevins/glabels-qt): "
    "width 80, height 50, round 4, nx 2, ny 5, x0 18, y0 13, dx 95, dy 55 mm",
)

LAYOUTS: tuple[Layout, ...] = (
    A6,
    A6_4UP,
    A7_8UP,
    A6_DUPLEX,
    A6_FOLD,
    AVERY_L7418,
    AVERY_5392,
    HERMA_4412,
    DURABLE_1456,
    AVERY_L4785,
)
