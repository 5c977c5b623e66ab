"""The roster table: rows of equal height, fixed column widths (never sized to contents, which
would fetch a thousand rows to measure them), and selection by registration id."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from budapest_desk.ui.checkin.model import RegistrationsModel

COLUMN_WIDTHS = (210, 250, 165, 160, 90, 110)  # the last column stretches


class RosterView(QTableView):
    def __init__(self, model: RegistrationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = model
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
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)

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
