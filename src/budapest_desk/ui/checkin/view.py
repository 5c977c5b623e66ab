"""The roster table: rows of equal height, fixed column widths (never sized to contents, which
would fetch a thousand rows to measure them), and selection by registration id.

At the desk the search field has the keyboard; if the table has it instead (a click), what a
barcode scanner or the person at the desk types there goes to the search field all the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from budapest_desk.ui.checkin.matches import LIST_POINTS
from budapest_desk.ui.checkin.model import RegistrationsModel

# name, status, delegation, category, checked in, organisation; the last column stretches
COLUMN_WIDTHS = (245, 100, 120, 195, 190, 260)
WIDE = sum(COLUMN_WIDTHS) + 120  # narrower, the last two columns (organisation, code) hide
OPTIONAL = (5, 6)


class RosterView(QTableView):
    def __init__(self, model: RegistrationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = model
        self.typed: Callable[[str], None] | None = None  # where typing in the table goes
        self._fitted = -1  # the width the columns were last fitted to
        self._fit_timer = QTimer(self)  # fitted once the resizing is over
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_columns)
        font = QFont(self.font())
        font.setPointSize(LIST_POINTS)
        self.setFont(font)
        bold = QFont(font)
        bold.setPointSize(LIST_POINTS + 1)
        bold.setBold(True)
        self.setObjectName("registrationsTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QFontMetrics(bold).height() + 12)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)

    def viewportEvent(self, event: QEvent) -> bool:
        # The table's size, or a scroll bar came or went (not before __init__ made the timer).
        if event.type() == QEvent.Type.Resize and hasattr(self, "_fit_timer"):
            self._fit_timer.start()
        return super().viewportEvent(event)

    def _fit_columns(self) -> None:
        """Without sideways scrolling at 1366 × 768: narrower than WIDE, the organisation and
        code columns hide and the names take what is left (never less than their width)."""
        room = self.viewport().width()
        if self.roster.columnCount() <= max(OPTIONAL) or room == self._fitted:
            return
        self._fitted = room  # once per width: fitting may bring or take a scroll bar
        narrow = room < WIDE
        for column in OPTIONAL:
            self.setColumnHidden(column, narrow)
        self.horizontalHeader().setStretchLastSection(not narrow)
        if narrow:
            rest = sum(self.columnWidth(c) for c in range(1, OPTIONAL[0]))
            self.setColumnWidth(0, max(COLUMN_WIDTHS[0], room - rest))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        command = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if self.typed is not None and text.isprintable() and text.strip() and not command:
            self.typed(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def move_by(self, rows: int) -> None:
        """Move the choice up or down (from the search field); from none, to the first row."""
        count = self.roster.rowCount()
        if not count:
            return
        current = self.selectionModel().currentIndex()
        chosen = bool(self.selected_ids())
        row = current.row() + rows if chosen and current.isValid() else 0
        row = min(max(row, 0), count - 1)
        index = self.roster.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [rid for rid in (self.roster.id_at(r) for r in rows) if rid is not None]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_id(self, registration_id: int, *, scroll: bool = True) -> None:
        row = self.roster.row_of(registration_id)
        if row < 0:
            return
        index = self.roster.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.scrollTo(index)

    def restore_scroll(self, value: int, show_id: int | None) -> None:
        """Scroll back to `value`, or to the row of `show_id` when it is given and shown."""
        row = self.roster.row_of(show_id) if show_id is not None else -1
        if row >= 0:
            self.scrollTo(self.roster.index(row, 0))
        else:
            self.verticalScrollBar().setValue(value)
