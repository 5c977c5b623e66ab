"""Badge and label-sheet geometry, checked as numbers: no drawing, no database.

Every layout is checked for what a wrong number would spoil on paper (badges overlapping, off the
page, text in the strip a printer cannot reach, cut marks through a badge), and each pre-cut
sheet against the dimensions its maker publishes.
"""

from __future__ import annotations

import json
import math
import os
from itertools import combinations
from pathlib import Path

import pytest

from budapest_desk import paths
from budapest_desk.core.errors import UserError
from budapest_desk.exporters.label_sheets import (
    MM,
    Calibration,
    Layout,
    Rect,
    Segment,
    Slot,
    back_slots,
    check_calibration,
    content_rect,
    cut_marks,
    fold_back_slots,
    fold_lines,
    front_slots,
    get_layout,
    layouts,
    load_calibrations,
    pages,
    save_calibration,
)

TOLERANCE_MM = 0.2  # published dimensions are given to a tenth of a millimetre
PRINTABLE_MM = 4.0  # most office printers cannot print closer than this to the paper's edge
CLOSE = 1e-6  # points, for numbers that must agree exactly but for float rounding

ALL = layouts()
IDS = [layout.identifier for layout in ALL]

PER_PAGE = {
    "a6": 1,
    "a6-4up": 4,
    "a7-8up": 8,
    "a6-duplex": 4,
    "a6-fold": 2,
    "avery-l7418": 8,
    "avery-5392": 6,
    "herma-4412": 10,
    "durable-1456": 8,
    "avery-l4785": 10,
}

# Published dimensions in mm: page (w, h), label (w, h), first label's (left, top) offset from the
# page's top-left corner, pitch (horizontal, vertical), grid (columns, rows).
PUBLISHED = {
    # ISO 216: A6 is 105 × 148 mm.
    "a6": ((105, 148), (105, 148), (0, 0), (105, 148), (1, 1)),
    # ISO 216: A4 210 × 297 mm holds 2 × 2 A6, 1 mm to spare in height, split above and below.
    "a6-4up": ((210, 297), (105, 148), (0, 0.5), (105, 148), (2, 2)),
    "a6-duplex": ((210, 297), (105, 148), (0, 0.5), (105, 148), (2, 2)),
    # ISO 216: A4 holds 2 × 4 A7 (74 × 105 mm) in landscape, 1 mm to spare in height.
    "a7-8up": ((210, 297), (105, 74), (0, 0.5), (105, 74), (2, 4)),
    # Avery L7418, from a public Avery J/L label table (XSLT: columns 2, rows 4, height 55,
    # width 86, topmargin 38.5, leftmargin 19, gaps 0) and an OpenBiblio-style layout "Card A4
    # 2x4 Avery L7418" (margin-top 38.5 mm, margin-left 19 mm, 86 × 55 mm).
    "avery-l7418": ((210, 297), (86, 55), (19, 38.5), (86, 55), (2, 4)),
    # Avery 5392, Perl Paper::Specs Avery/5392.pm: 8.5 × 11 in, label 4 × 3 in, 2 × 3,
    # margin left 0.25 in, top 1 in (and a badge script's "left 18 pt, top 72 pt").
    "avery-5392": ((215.9, 279.4), (101.6, 76.2), (6.35, 25.4), (101.6, 76.2), (2, 3)),
    # HERMA 4412, pretix src/pretix/plugins/badges/exporters.py "herma_50x80": 2 × 5,
    # margins top 13.5, left 17.5 mm, offsets 95 × 55 mm; badges 80 × 50 mm.
    "herma-4412": ((210, 297), (80, 50), (17.5, 13.5), (95, 55), (2, 5)),
    # DURABLE 1456-02, pretix "durable_60x90": 2 × 4, margins top 28.5, left 15 mm,
    # offsets 90 × 60 mm; inserts 90 × 60 mm.
    "durable-1456": ((210, 297), (90, 60), (15, 28.5), (90, 60), (2, 4)),
    # Avery L4785, gLabels avery-iso-templates.xml: 80 × 50 mm, round 4, nx 2, ny 5,
    # x0 18, y0 13, dx 95, dy 55 mm.
    "avery-l4785": ((210, 297), (80, 50), (18, 13), (95, 55), (2, 5)),
}


def page_of(layout: Layout) -> Rect:
    return Rect(0, 0, layout.page_width_mm * MM, layout.page_height_mm * MM)


NO_SHIFT = Calibration()


def front_page(layout: Layout, calibration: Calibration = NO_SHIFT) -> list[Slot]:
    """Everything printed on the front page: fronts, and a fold badge's backs."""
    return front_slots(layout, calibration) + fold_back_slots(layout, calibration)


def crosses_interior(segment: Segment, rect: Rect) -> bool:
    x1, y1, x2, y2 = segment
    assert x1 == x2 or y1 == y2, f"cut mark {segment} is not horizontal or vertical"
    if x1 == x2:
        inside = rect.x + CLOSE < x1 < rect.right - CLOSE
        run = min(max(y1, y2), rect.top) - max(min(y1, y2), rect.y)
    else:
        inside = rect.y + CLOSE < y1 < rect.top - CLOSE
        run = min(max(x1, x2), rect.right) - max(min(x1, x2), rect.x)
    return inside and run > CLOSE


def badge_outlines(layout: Layout) -> list[Rect]:
    fronts = [slot.rect for slot in front_slots(layout)]
    backs = [slot.rect for slot in fold_back_slots(layout)]
    if not backs:
        return fronts
    return [Rect(f.x, f.y, f.width, b.top - f.y) for f, b in zip(fronts, backs, strict=True)]


# -- every layout ------------------------------------------------------------------------------


def test_the_published_counts_cover_every_layout() -> None:
    assert sorted(IDS) == sorted(PER_PAGE)
    assert len(set(IDS)) == len(IDS)
    assert all(layout.name and layout.source for layout in ALL)


@pytest.mark.parametrize("layout", ALL, ids=IDS)
def test_a_sheet_holds_the_published_number_of_badges(layout: Layout) -> None:
    assert layout.per_page == PER_PAGE[layout.identifier]
    assert len(front_slots(layout)) == layout.per_page
    assert len(back_slots(layout)) == (layout.per_page if layout.sides == "duplex" else 0)
    assert len(fold_back_slots(layout)) == (layout.per_page if layout.sides == "fold" else 0)


@pytest.mark.parametrize("layout", ALL, ids=IDS)
def test_no_two_badges_overlap(layout: Layout) -> None:
    for side in (front_page(layout), back_slots(layout)):
        for one, other in combinations(side, 2):
            assert not one.rect.overlaps(other.rect), (one, other)


@pytest.mark.parametrize("layout", ALL, ids=IDS)
def test_every_badge_is_on_the_page(layout: Layout) -> None:
    for slot in front_page(layout) + back_slots(layout):
        assert page_of(layout).contains(slot.rect), slot


@pytest.mark.parametrize("layout", ALL, ids=IDS)
def test_content_stays_where_a_printer_can_print(layout: Layout) -> None:
    # The badge itself may reach the paper's edge (on "a6" the page is the badge; the plain
    # paper layouts tile A4 to its edges), which no rule can forbid: so the rule is on the
    # content, kept safe_margin_mm inside every badge edge, and with the 4 mm safe margin
    # every layout keeps it at least 4 mm from the paper's edge.
    page = page_of(layout)
    for slot in front_page(layout) + back_slots(layout):
        content = content_rect(layout, slot)
        assert content.width > 0
        assert content.height > 0
        assert page.inset(PRINTABLE_MM * MM - CLOSE).contains(content), (slot, content)


@pytest.mark.parametrize("identifier", sorted(PUBLISHED))
def test_a_layout_matches_its_published_dimensions(identifier: str) -> None:
    layout = get_layout(identifier)
    page, label, (left, top), (h_pitch, v_pitch), (columns, rows) = PUBLISHED[identifier]
    assert (layout.columns, layout.rows) == (columns, rows)
    slots = front_slots(layout)
    first = slots[0].rect
    below = slots[columns].rect if rows > 1 else None
    measured = {
        "page width": (layout.page_width_mm, page[0]),
        "page height": (layout.page_height_mm, page[1]),
        "label width": (first.width / MM, label[0]),
        "label height": (first.height / MM, label[1]),
        "left": (first.x / MM, left),
        "top": (layout.page_height_mm - first.top / MM, top),
    }
    if columns > 1:
        measured["horizontal pitch"] = ((slots[1].rect.x - first.x) / MM, h_pitch)
    if below is not None:
        measured["vertical pitch"] = ((first.top - below.top) / MM, v_pitch)
    for what, (actual, published) in measured.items():
        assert actual == pytest.approx(published, abs=TOLERANCE_MM), what


def test_slots_run_left_to_right_then_top_to_bottom() -> None:
    slots = front_slots(get_layout("avery-l7418"))
    assert [slot.rect.x < slots[1].rect.x for slot in slots[::2]] == [True] * 4
    tops = [slot.rect.top for slot in slots[::2]]
    assert tops == sorted(tops, reverse=True)


# -- double-sided and fold-over ----------------------------------------------------------------

ASYMMETRIC_DUPLEX = Layout(
    identifier="test-duplex",
    name="test",
    page_width_mm=210,
    page_height_mm=297,
    label_width_mm=80,
    label_height_mm=50,
    columns=2,
    rows=3,
    left_mm=12,
    top_mm=20,
    h_pitch_mm=90,
    v_pitch_mm=60,
    sides="duplex",
)


@pytest.mark.parametrize("layout", [get_layout("a6-duplex"), ASYMMETRIC_DUPLEX], ids=["a6", "x"])
def test_a_duplex_back_is_the_mirror_of_its_front(layout: Layout) -> None:
    width = layout.page_width_mm * MM
    fronts, backs = front_slots(layout), back_slots(layout)
    assert len(fronts) == len(backs)
    for front, back in zip(fronts, backs, strict=True):
        assert back.rect.x == pytest.approx(width - front.rect.right, abs=CLOSE)
        assert back.rect.y == pytest.approx(front.rect.y, abs=CLOSE)
        assert (back.rect.width, back.rect.height) == (front.rect.width, front.rect.height)
        assert back.rotation == front.rotation == 0


def test_a_fold_back_sits_upside_down_on_top_of_its_front() -> None:
    layout = get_layout("a6-fold")
    fronts, backs = front_slots(layout), fold_back_slots(layout)
    assert back_slots(layout) == []
    for front, back, fold in zip(fronts, backs, fold_lines(layout), strict=True):
        assert (front.rotation, back.rotation) == (0, 180)
        assert back.rect.x == pytest.approx(front.rect.x, abs=CLOSE)
        assert back.rect.width == pytest.approx(front.rect.width, abs=CLOSE)
        assert back.rect.height == pytest.approx(front.rect.height, abs=CLOSE)
        assert back.rect.y == pytest.approx(front.rect.top, abs=CLOSE)  # touching at the fold
        assert fold == pytest.approx((front.rect.x, front.rect.top, front.rect.right, back.rect.y))
    # Folded: two A6-ish panels of 105 × 148.5 mm, a strip 105 × 297 mm per badge.
    assert fronts[0].rect.width / MM == pytest.approx(105)
    assert (backs[0].rect.top - fronts[0].rect.y) / MM == pytest.approx(297)


def test_a_fold_layout_needs_rows_in_pairs() -> None:
    with pytest.raises(ValueError, match="pairs"):
        Layout("odd", "odd", 210, 297, 105, 99, 2, 3, 0, 0, 105, 99, sides="fold")


# -- calibration -------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ALL, ids=IDS)
def test_calibration_moves_every_badge_by_exactly_the_shift(layout: Layout) -> None:
    shift = Calibration(dx_mm=1.5, dy_mm=-2.5)
    dx, dy = 1.5 * MM, -2.5 * MM
    pairs = [
        (front_slots(layout), front_slots(layout, shift), dx),
        (fold_back_slots(layout), fold_back_slots(layout, shift), dx),
        (back_slots(layout), back_slots(layout, shift), -dx),  # the paper is turned over
    ]
    for plain, shifted, expected_dx in pairs:
        for before, after in zip(plain, shifted, strict=True):
            assert after.rect.x - before.rect.x == pytest.approx(expected_dx, abs=CLOSE)
            assert after.rect.y - before.rect.y == pytest.approx(dy, abs=CLOSE)
            assert (after.rect.width, after.rect.height, after.rotation) == (
                before.rect.width,
                before.rect.height,
                before.rotation,
            )


def test_check_calibration_takes_up_to_ten_millimetres() -> None:
    assert check_calibration(0, 0) == Calibration()
    assert check_calibration(10, -10) == Calibration(10.0, -10.0)
    assert check_calibration(-0.0, 2.25) == Calibration(0.0, 2.25)


@pytest.mark.parametrize(
    ("dx", "dy", "field"),
    [(11, 0, "dx_mm"), (0, -11, "dy_mm"), (math.nan, 0, "dx_mm"), (0, math.inf, "dy_mm")],
)
def test_check_calibration_refuses_a_shift_beyond_ten_millimetres(
    dx: float, dy: float, field: str
) -> None:
    with pytest.raises(UserError, match=r"between -10 and \+10 mm") as caught:
        check_calibration(dx, dy)
    assert caught.value.field == field


def test_check_calibration_refuses_what_is_not_a_number() -> None:
    with pytest.raises(UserError, match="number of millimetres"):
        check_calibration("two", 0)  # type: ignore[arg-type]


# -- pages -------------------------------------------------------------------------------------


def test_pages_fill_each_sheet_in_order() -> None:
    eight = get_layout("avery-l7418")
    assert list(pages(10, eight)) == [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9]]
    assert list(pages(8, eight)) == [[0, 1, 2, 3, 4, 5, 6, 7]]
    assert list(pages(0, eight)) == []
    assert list(pages(3, get_layout("a6-fold"))) == [[0, 1], [2]]
    assert list(pages(2, get_layout("a6"))) == [[0], [1]]
    with pytest.raises(ValueError, match="negative"):
        list(pages(-1, eight))


# -- cut marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ALL, ids=IDS)
@pytest.mark.parametrize("shift", [Calibration(), Calibration(3, -2)], ids=["plain", "shifted"])
def test_cut_marks_never_cross_into_a_badge(layout: Layout, shift: Calibration) -> None:
    marks = cut_marks(layout, shift)
    assert bool(marks) == layout.cut_marks
    page = page_of(layout)
    for mark in marks:
        x1, y1, x2, y2 = mark
        assert page.contains(Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)))
        for slot in front_page(layout, shift):
            assert not crosses_interior(mark, slot.rect), (mark, slot)


@pytest.mark.parametrize("layout", [lay for lay in ALL if lay.cut_marks], ids=str)
def test_cut_marks_run_along_every_badge_edge_to_cut(layout: Layout) -> None:
    page, trim = page_of(layout), 2 * MM
    marks = cut_marks(layout)
    for rect in badge_outlines(layout):
        vertical = [x for x in (rect.x, rect.right) if trim <= x <= page.right - trim]
        horizontal = [y for y in (rect.y, rect.top) if trim <= y <= page.top - trim]
        for x in vertical:
            assert any(
                math.isclose(m[0], x)
                and m[0] == m[2]
                and m[1] <= rect.y + CLOSE
                and m[3] >= rect.top - CLOSE
                for m in marks
            ), (rect, x)
        for y in horizontal:
            assert any(
                math.isclose(m[1], y)
                and m[1] == m[3]
                and m[0] <= rect.x + CLOSE
                and m[2] >= rect.right - CLOSE
                for m in marks
            ), (rect, y)


def test_the_fold_line_is_not_a_cut_line() -> None:
    layout = get_layout("a6-fold")
    fold_y = fold_lines(layout)[0][1]
    assert all(not (m[1] == m[3] and math.isclose(m[1], fold_y)) for m in cut_marks(layout))
    assert cut_marks(layout) == [(105 * MM, 0.0, 105 * MM, 297 * MM)]


# -- choosing a layout -------------------------------------------------------------------------


def test_get_layout_finds_a_layout_by_its_name_on_the_command_line() -> None:
    assert get_layout("avery-l7418").identifier == "avery-l7418"
    assert get_layout(" A6-4UP ").identifier == "a6-4up"


def test_get_layout_names_the_choices_for_an_unknown_layout() -> None:
    with pytest.raises(UserError, match="avery-l7418") as caught:
        get_layout("avery-9999")
    assert "avery-9999" in caught.value.message
    assert caught.value.field == "layout"


# -- saved calibrations ------------------------------------------------------------------------


def test_saved_calibrations_load_back(tmp_path: Path) -> None:
    path = tmp_path / "badge-calibration.json"
    save_calibration("avery-l7418", Calibration(1.5, -0.5), path)
    save_calibration("a6-duplex", Calibration(-2, 3), path)
    save_calibration("avery-l7418", Calibration(0.75, 0), path)  # replaces, keeps the other
    assert load_calibrations(path) == {
        "avery-l7418": Calibration(0.75, 0.0),
        "a6-duplex": Calibration(-2.0, 3.0),
    }
    assert sorted(os.listdir(tmp_path)) == ["badge-calibration.json"]  # no temporary file left


def test_calibrations_live_in_the_config_folder_by_default() -> None:
    save_calibration("a6", Calibration(1, 1))
    assert (paths.config_dir() / "badge-calibration.json").is_file()  # created with its folder
    assert load_calibrations() == {"a6": Calibration(1.0, 1.0)}


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "badge-calibration.json"
    save_calibration("a6", Calibration(0.5, 0), path)
    assert load_calibrations(path) == {"a6": Calibration(0.5, 0.0)}


def test_no_file_means_no_calibration(tmp_path: Path) -> None:
    assert load_calibrations(tmp_path / "absent.json") == {}
    (tmp_path / "folder.json").mkdir()  # there, but cannot be read as a file
    assert load_calibrations(tmp_path / "folder.json") == {}


@pytest.mark.parametrize(
    "text",
    ["{not json", "", "[]", '{"layouts": 5}', "\udcff", '{"layouts": {"a6": [1, 2]}}'],
    ids=["broken", "empty", "list", "not-a-table", "undecodable", "bad-entry"],
)
def test_a_corrupt_file_means_no_calibration(tmp_path: Path, text: str) -> None:
    path = tmp_path / "badge-calibration.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert load_calibrations(path) == {}


def test_a_bad_entry_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "badge-calibration.json"
    entries = {"a6": {"dx_mm": 50, "dy_mm": 0}, "a7-8up": {"dx_mm": 1, "dy_mm": -1}}
    path.write_text(json.dumps({"version": 1, "layouts": entries}), encoding="utf-8")
    assert load_calibrations(path) == {"a7-8up": Calibration(1.0, -1.0)}


def test_saving_refuses_an_out_of_range_calibration(tmp_path: Path) -> None:
    path = tmp_path / "badge-calibration.json"
    with pytest.raises(UserError, match="between"):
        save_calibration("a6", Calibration(12, 0), path)
    assert not path.exists()


def test_saving_where_a_file_blocks_the_folder_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError, match=r"could not be saved in .*config") as caught:
        save_calibration("a6", Calibration(1, 1), blocker / "badge-calibration.json")
    assert "save the calibration again" in caught.value.message


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="permissions do not stop root (nor apply this way on Windows)",
)
def test_saving_in_a_read_only_folder_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="you may not write in that folder"):
            save_calibration("a6", Calibration(1, 1), folder / "badge-calibration.json")
    finally:
        folder.chmod(0o700)
