"""The roster model: it holds only the ids of an event's registrations (one cheap query) and
fetches the rows that are looked at, a page at a time, through the runner. Rows not yet
arrived show a placeholder; when a page arrives its rows emit dataChanged. A page that could not
be fetched is not asked for again until the ids are set again (the runner has reported why), so
that a dropped connection is one error message, not one per repaint.
(The shape follows anki's qt/aqt/browser/table/model.py.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontDatabase

from budapest_desk.core.codes import display
from budapest_desk.core.countries import country_name
from budapest_desk.core.registrations import RegistrationRow, registration_rows
from budapest_desk.ui.checkin import desk
from budapest_desk.ui.checkin.texts import checked_in_text as when_text
from budapest_desk.ui.common.forms import label_of
from budapest_desk.ui.common.table import ID_ROLE
from budapest_desk.ui.ops import OperationRunner

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
PLACEHOLDER = "…"
CHECKED_IN_BACKGROUND = "#dff3e3"

# What fetches a page of rows (on the worker thread); a module attribute so that tests can count
# the calls or make them fail.
fetch_rows: desk.FetchRows = registration_rows


def name_text(row: RegistrationRow) -> str:
    name = f"{row.last_name}, {row.first_name}" if row.first_name else row.last_name
    return f"⚠ {name}" if row.needs_attention else name


def checked_in_text(row: RegistrationRow) -> str:
    return when_text(row.checked_in_at, row.checked_in_desk) if row.checked_in else ""


def _find(names: list[str], name: str) -> int:
    return names.index(name) if name in names else -1


def _tooltip(columns: Columns, column: int, row: RegistrationRow) -> str:
    if column == 0:
        lines = [f"{row.title} {row.full_name}".strip()]
        if row.email:
            lines.append(row.email)
        if row.needs_attention:
            lines.append(f"Needs attention: {row.attention_note or '(no note)'}")
        return "\n".join(lines)
    return columns[column][1](row)


COLUMNS: list[tuple[str, Callable[[RegistrationRow], str]]] = [
    ("Name", name_text),
    ("Organisation", lambda r: r.organisation),
    ("Country", lambda r: country_name(r.country)),
    ("Category", lambda r: r.category),
    ("Status", lambda r: label_of(r.status)),
    ("Check-in code", lambda r: display(r.checkin_code)),
    ("Checked in", checked_in_text),
]
Columns = Sequence[tuple[str, Callable[[RegistrationRow], str]]]


class RegistrationsModel(QAbstractTableModel):
    """Ids in memory, rows fetched lazily by page through the runner. The columns are the
    Check-in tab's unless others are given (the roster shows more)."""

    page_arrived = Signal(int)  # the page number
    pages_failed = Signal(list)  # the page numbers whose fetch failed

    def __init__(
        self,
        ops: OperationRunner,
        page_size: int = PAGE_SIZE,
        columns: Columns = (),
        *,
        desk: bool = False,
    ) -> None:
        super().__init__()
        self.ops = ops
        self.desk = desk  # rows read through the desk's link (its copy when the server is lost)
        self.page_size = page_size
        self.columns = list(columns or COLUMNS)
        names = [name for name, _ in self.columns]
        self._category_column = _find(names, "Category")
        self._code_column = _find(names, "Check-in code")
        self._checked_in_column = _find(names, "Checked in")
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._rows: dict[int, RegistrationRow] = {}  # by id; may be stale until refetched
        self._fresh: set[int] = set()  # pages fetched since the ids were last set
        self._pending: set[int] = set()  # pages asked for and not yet arrived
        self._wanted: set[int] = set()  # pages to ask for at the next flush
        self._failed: set[int] = set()  # pages whose fetch failed since the ids were last set
        self._generation = 0  # results of page requests made before the ids changed are dropped
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)

    # ---- ids ---------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these registrations. Rows already fetched stay on show until their page is
        fetched again, so that a refresh does not flicker."""
        ids = list(ids)
        self._forget_pages()
        if ids == self._ids:
            if ids:  # same rows: the view repaints and refetches what it shows
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(ids) - 1, len(self.columns) - 1)
                )
            return
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        keep = set(ids)
        self._rows = {rid: row for rid, row in self._rows.items() if rid in keep}
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing and forget every row fetched: another database was opened, where the
        same ids name other records. Pages on their way are dropped when they arrive."""
        self._forget_pages()
        self.beginResetModel()
        self._ids = []
        self._row_of = None
        self._rows = {}
        self.endResetModel()

    def _forget_pages(self) -> None:
        self._generation += 1
        self._fresh.clear()
        self._pending.clear()
        self._wanted.clear()
        self._failed.clear()

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, registration_id: int) -> int:
        if self._row_of is None:
            self._row_of = {rid: i for i, rid in enumerate(self._ids)}
        return self._row_of.get(registration_id, -1)

    def cached(self, registration_id: int) -> RegistrationRow | None:
        return self._rows.get(registration_id)

    # ---- pages -------------------------------------------------------------------------
    def page_of(self, row: int) -> int:
        return row // self.page_size

    def request_rows(self, first: int, last: int) -> None:
        """Make sure rows first..last (inclusive) are fetched or on their way."""
        if not self._ids:
            return
        first, last = max(first, 0), min(last, len(self._ids) - 1)
        for page in range(self.page_of(first), self.page_of(last) + 1):
            self._want(page)

    def _want(self, page: int) -> None:
        if page in self._fresh or page in self._pending or page in self._wanted:
            return
        if page in self._failed:  # asked for again only once the ids are set again
            return
        self._wanted.add(page)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        pages = sorted(self._wanted - self._pending - self._fresh - self._failed)
        self._wanted.clear()
        if not pages:
            return
        self._pending.update(pages)
        size = self.page_size
        wanted = {p: self._ids[p * size : (p + 1) * size] for p in pages}
        generation = self._generation
        self.ops.run(
            desk.fetch_pages(fetch_rows, wanted),
            on_done=lambda result: self._arrived(generation, result),
            on_error=lambda _exc: self._fetch_failed(generation, pages),
            desk=self.desk,
        )

    def _fetch_failed(self, generation: int, pages: list[int]) -> bool:
        if generation == self._generation:
            self._pending.difference_update(pages)
            self._failed.update(pages)
            self.pages_failed.emit(pages)
        return False  # the runner reports it, once

    def _arrived(self, generation: int, result: dict[int, list[RegistrationRow]]) -> None:
        if generation != self._generation:
            return  # the ids changed meanwhile; the view asks again for what it shows
        last_column = len(self.columns) - 1
        for page, rows in result.items():
            for row in rows:
                self._rows[row.id] = row
            self._pending.discard(page)
            self._fresh.add(page)
            first = page * self.page_size
            last = min(first + self.page_size, len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
            self.page_arrived.emit(page)

    # ---- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        registration_id = self._ids[index.row()]
        if role == ID_ROLE:
            return registration_id
        page = self.page_of(index.row())
        if page not in self._fresh:
            self._want(page)
        row = self._rows.get(registration_id)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                return PLACEHOLDER if column == 0 else ""
            return self.columns[column][1](row)
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(self.columns, column, row)
        if role == Qt.ItemDataRole.DecorationRole and column == self._category_column:
            return QColor(row.category_colour) if row.category_colour else None
        if role == Qt.ItemDataRole.BackgroundRole and column == self._checked_in_column:
            return QBrush(QColor(CHECKED_IN_BACKGROUND)) if row.checked_in else None
        if role == Qt.ItemDataRole.FontRole and column == self._code_column:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None
