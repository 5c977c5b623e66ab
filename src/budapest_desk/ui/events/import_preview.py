"""The first rows of a file exactly as read, numbered as Excel numbers them, with the header row
highlighted and the rows above it (titles, notes) greyed out: they will be skipped.

Column widths come from the header and the rows below it, so a long title line above the header
does not stretch column A; it is cut short on screen and shown whole in its tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from budapest_desk.core.importing.sources import SourceRow
from budapest_desk.ui.events.import_common import column_letter

HEADER_BACKGROUND = QColor("#d7e6f8")
ABOVE_HEADER = QColor("#8a8a8a")
MIN_WIDTH, MAX_WIDTH, PADDING = 48, 260, 18


class PreviewTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.rows: tuple[SourceRow, ...] = ()
        self.header_index = 0

    def show_rows(self, rows: tuple[SourceRow, ...], header_index: int) -> None:
        self.rows = rows
        width = max((len(row.cells) for row in rows), default=0)
        self.clear()
        self.setRowCount(len(rows))
        self.setColumnCount(width)
        self.setHorizontalHeaderLabels([column_letter(i) for i in range(width)])
        self.setVerticalHeaderLabels([str(row.number) for row in rows])
        for r, row in enumerate(rows):
            for c in range(width):
                text = row.cell(c)
                item = QTableWidgetItem(text)
                if text:
                    item.setToolTip(text)
                self.setItem(r, c, item)
        self.mark_header(header_index)

    def mark_header(self, header_index: int) -> None:
        self.header_index = header_index
        plain = QFont(self.font())
        bold = QFont(plain)
        bold.setBold(True)
        for r in range(self.rowCount()):
            is_header = r == header_index
            for c in range(self.columnCount()):
                item = self.item(r, c)
                if item is None:
                    continue
                item.setFont(bold if is_header else plain)
                item.setBackground(QBrush(HEADER_BACKGROUND) if is_header else QBrush())
                item.setForeground(QBrush(ABOVE_HEADER) if r < header_index else QBrush())
        self._fit_columns(plain, bold)

    def _fit_columns(self, plain: QFont, bold: QFont) -> None:
        normal, strong = QFontMetrics(plain), QFontMetrics(bold)
        below = self.rows[self.header_index + 1 :]
        header = self.rows[self.header_index] if self.rows else None
        for c in range(self.columnCount()):
            widths = [normal.horizontalAdvance(row.cell(c)) for row in below]
            if header is not None:
                widths.append(strong.horizontalAdvance(header.cell(c)))
            fitted = max(widths, default=0) + PADDING
            self.setColumnWidth(c, max(MIN_WIDTH, min(fitted, MAX_WIDTH)))
