"""Pagination of grouped tables, as pure geometry: no drawing."""

from __future__ import annotations

import itertools
import random

from budapest_desk.exporters.table_layout import Group, Placed, paginate


def _rows(pages: list[list[Placed]]) -> list[tuple[int, int]]:
    return [(p.group, p.row) for page in pages for p in page if p.row is not None]


def test_no_groups_no_pages() -> None:
    assert paginate([], 100) == []


def test_every_row_once_in_order_and_within_the_page() -> None:
    rng = random.Random(7)
    groups = [
        Group(12, tuple(rng.choice((10.0, 14.0, 28.0)) for _ in range(rng.randint(1, 30))))
        for _ in range(25)
    ]
    pages = paginate(groups, 200)
    expected = [(g, r) for g, group in enumerate(groups) for r in range(len(group.rows))]
    assert _rows(pages) == expected
    for page in pages:
        assert page, "an empty page"
        assert page[0].top == 0
        for before, after in itertools.pairwise(page):
            assert after.top == before.bottom  # stacked, no gaps, no overlaps
        assert page[-1].bottom <= 200 + 1e-9


def test_a_heading_never_ends_a_page() -> None:
    # 10 + 3 * 20 = 70 used; the second heading (10) would fit, but not with its first row.
    pages = paginate([Group(10, (20, 20, 20)), Group(10, (25, 5))], 90)
    assert [(p.group, p.row) for p in pages[0]] == [(0, None), (0, 0), (0, 1), (0, 2)]
    assert [(p.group, p.row, p.continued) for p in pages[1]] == [
        (1, None, False),
        (1, 0, False),
        (1, 1, False),
    ]
    rng = random.Random(3)
    groups = [
        Group(9, tuple(rng.uniform(8, 40) for _ in range(rng.randint(1, 8)))) for _ in range(60)
    ]
    for page in paginate(groups, 150):
        assert page[-1].row is not None


def test_a_group_going_on_over_a_page_repeats_its_heading_as_continued() -> None:
    pages = paginate([Group(10, (30,) * 7)], 100)  # 3 rows a page under the heading
    assert len(pages) == 3
    assert [p.continued for p in pages[0] if p.row is None] == [False]
    for page in pages[1:]:
        assert (page[0].group, page[0].row, page[0].continued) == (0, None, True)
        assert page[0].top == 0
    assert [len([p for p in page if p.row is not None]) for page in pages] == [3, 3, 1]


def test_groups_without_heading_just_flow() -> None:
    pages = paginate([Group(0, (40, 40)), Group(0, (40,))], 100)
    assert [[(p.group, p.row) for p in page] for page in pages] == [[(0, 0), (0, 1)], [(1, 0)]]


def test_a_row_taller_than_a_page_gets_a_page_of_its_own() -> None:
    pages = paginate([Group(10, (20, 500, 20)), Group(10, (20,))], 100)
    assert _rows(pages) == [(0, 0), (0, 1), (0, 2), (1, 0)]
    tall_page = next(page for page in pages if any(p.row == 1 for p in page))
    assert [(p.row, p.continued) for p in tall_page] == [(None, True), (1, False)]
    assert all(len([p for p in page if p.row is not None]) >= 1 for page in pages)


def test_a_first_row_taller_than_a_page_stays_with_its_heading() -> None:
    pages = paginate([Group(10, (20,)), Group(10, (500,))], 100)
    assert [[(p.group, p.row) for p in page] for page in pages] == [
        [(0, None), (0, 0)],
        [(1, None), (1, 0)],
    ]
