"""Tables that run over several pages: rows in groups, each group under a heading, placed page by
page. Pure geometry (heights in points in, positions out), so pagination is tested without
drawing; the PDF writers draw what it places.

- A heading never ends a page: it goes to the next page with its group's first row.
- A group that goes on over a page break starts the new page with its heading again, marked
  as continued.
- A row taller than a whole page (callers keep rows shorter: see typeset.fit's max_height) gets
  a page to itself, after its heading, and runs past the page's end; it is never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_EPSILON = 1e-6  # points: float rounding, far below anything printed


@dataclass(frozen=True)
class Group:
    heading: float  # the heading's height (that of its continued form too); 0 for none
    rows: tuple[float, ...]  # each row's height, in order


@dataclass(frozen=True)
class Placed:
    group: int  # index into the groups paginated
    row: int | None  # index into the group's rows; None for its heading
    top: float  # from the top of the page's table area down to the top of this item
    height: float
    continued: bool = False  # a heading repeated on a later page

    @property
    def bottom(self) -> float:
        return self.top + self.height


def paginate(groups: Sequence[Group], page_height: float) -> list[list[Placed]]:
    """The items on each page, in order. No groups, no pages."""
    pages: list[list[Placed]] = []
    used = page_height  # as if a full page came before the first: the first item opens a page
    rows_on_page = 0

    def place(item: Placed) -> None:
        nonlocal used, rows_on_page
        pages[-1].append(item)
        used = item.bottom
        if item.row is not None:
            rows_on_page += 1

    def new_page() -> None:
        nonlocal used, rows_on_page
        pages.append([])
        used, rows_on_page = 0.0, 0

    for g, group in enumerate(groups):
        first = group.rows[0] if group.rows else 0.0
        if not pages or used + group.heading + first > page_height + _EPSILON:
            new_page()
        if group.heading:
            place(Placed(g, None, used, group.heading))
        for r, height in enumerate(group.rows):
            if rows_on_page and used + height > page_height + _EPSILON:
                new_page()
                if group.heading:
                    place(Placed(g, None, used, group.heading, continued=True))
            place(Placed(g, r, used, height))
    return pages
