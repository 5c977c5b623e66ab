"""The rows a check rejected, as a table model: row number, reason, then the row's own cells
under the file's header, so the secretariat sees exactly what the sender wrote. Held in memory
as the plan holds them; the view asks only for the visible cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from budapest_desk.core.importing.plan import ImportPlan, Rejected
from budapest_desk.ui.events.import_common import column_letter

Index = QModelIndex | QPersistentModelIndex


class RejectedModel(QAbstractTableModel):
    """The rejected rows: row number, reason, then the row's cells under the file's header."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Rejected] = []
        self.header: tuple[str, ...] = ()
        self.width = 0

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.rows = list(plan.rejected) if plan else []
        self.header = plan.header if plan else ()
        self.width = max([len(self.header), *(len(r.cells) for r in self.rows)])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + self.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row, col = self.rows[index.row()], index.column()
        if col == 0:
            return str(row.row)
        if col == 1:
            return row.reason
        return row.cells[col - 2] if col - 2 < len(row.cells) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Row"
        if section == 1:
            return "Reason"
        col = section - 2
        return (self.header[col] if col < len(self.header) else "") or column_letter(col)
