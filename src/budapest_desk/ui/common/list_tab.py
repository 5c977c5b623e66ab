"""The shape every record tab shares: a toolbar (New, Edit, Delete), a filter box, a sortable
table, a count. The tab loads its rows through the runner only when it is shown and something
it lists has changed, so that start-up loads just the current tab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from budapest_desk.ui.common.dialogs import confirm_delete
from budapest_desk.ui.common.forms import FormDialog
from budapest_desk.ui.common.table import SORT_ROLE, Column, RowsModel
from budapest_desk.ui.ops import ALL, OperationRunner

R = TypeVar("R")


class ListTab(QWidget, Generic[R]):
    """Subclasses set `noun`/`plural`/`kinds` and implement the five hooks below."""

    noun = "record"
    plural = "records"
    kinds: frozenset[str] = frozenset()
    sort_column = 0
    sort_order = Qt.SortOrder.AscendingOrder

    # ---- hooks -------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def row_id(self, row: R) -> int:
        return int(row.id)  # type: ignore[attr-defined]

    def load(self, session: Session) -> Sequence[R]:
        raise NotImplementedError

    def editor(self, row: R | None) -> FormDialog:
        raise NotImplementedError

    def delete_op(self, row: R) -> Callable[[Session], Any]:
        raise NotImplementedError

    def describe(self, row: R) -> str:
        return self.noun

    # ---- machinery ---------------------------------------------------------------------
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.loaded = False
        self._sized = False
        self._dirty = True
        self._loading = False
        self._select_after_load: int | None = None

        self.model: RowsModel[R] = RowsModel(self.columns(), self.row_id)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = QTableView()
        self.table.setObjectName(f"{self.plural}Table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.sort_column, self.sort_order)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The first column (title, name) takes the room the others leave.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.toolbar = QToolBar()
        self.new_action = self._action(f"&New {self.noun}…", QKeySequence.StandardKey.New, self.new)
        self.edit_action = self._action(
            "&Edit…", QKeySequence(Qt.Key.Key_Return), self.edit_selected
        )
        self.delete_action = self._action(
            "&Delete…", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName(f"{self.plural}Filter")
        self.filter_edit.setPlaceholderText(f"Filter {self.plural}…  (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: self.filter_edit.setFocus())
        self.addAction(find)
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addStretch(1)
        top.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.add_actions()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        ops.changed.connect(self._changed)
        self._update_actions()

    def add_actions(self) -> None:
        """Room for a subclass to add its own toolbar actions after New, Edit and Delete."""

    def _action(
        self, text: str, key: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    # ---- loading -----------------------------------------------------------------------
    def _changed(self, kinds: frozenset[str]) -> None:
        if ALL in kinds:  # another database: its ids mean other records, so show none of ours
            self._select_after_load = None
            self.model.set_rows([])
            self._update_count()
            self._update_actions()
        if ALL in kinds or kinds & self.kinds:
            self._dirty = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._dirty = False
        self.ops.run(self.load, on_done=self._loaded, on_error=self._load_failed, parent=self)

    def _load_failed(self, _exc: BaseException) -> bool:
        self._loading = False
        return False

    def _loaded(self, rows: Sequence[R]) -> None:
        self._loading = False
        keep = self._select_after_load or self.current_id()
        self.model.set_rows(rows)
        if not self._sized and rows:  # the first rows decide the column widths
            self._sized = True
            self.table.resizeColumnsToContents()
            for col in range(1, self.model.columnCount()):
                self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        self.loaded = True
        self._select_after_load = None
        if keep is not None:
            self.select_id(keep)
        self._update_count()
        self._update_actions()
        if self._dirty and self.isVisible():
            self.refresh()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = self.noun if total == 1 else self.plural
        self.count_label.setText(
            f"{total} {noun}" if shown == total else f"{shown} of {total} {self.plural} shown"
        )

    def _update_actions(self) -> None:
        selected = len(self.selected_rows())
        self.edit_action.setEnabled(selected == 1)
        self.delete_action.setEnabled(selected >= 1)

    # ---- selection ---------------------------------------------------------------------
    def selected_rows(self) -> list[R]:
        rows = []
        for index in self.table.selectionModel().selectedRows():
            source = self.proxy.mapToSource(index)
            if 0 <= source.row() < len(self.model.rows):
                rows.append(self.model.rows[source.row()])
        return rows

    def current_id(self) -> int | None:
        rows = self.selected_rows()
        return self.row_id(rows[0]) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    # ---- actions -----------------------------------------------------------------------
    def new(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self._open_editor(rows[0])

    def _open_editor(self, row: R | None) -> None:
        dialog = self.editor(row)
        dialog.setObjectName(f"{self.noun.replace(' ', '_')}Editor")

        def saved(result: Any) -> None:
            record_id = getattr(result, "id", None)
            if isinstance(record_id, int):
                self._select_after_load = record_id

        dialog.on_saved = saved
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        what = self.describe(rows[0]) if len(rows) == 1 else f"{len(rows)} {self.plural}"
        ops = [self.delete_op(r) for r in rows]
        confirm_delete(
            self,
            f"Delete {self.noun}",
            f"Delete {what}? This cannot be undone.",
            lambda: self.ops.run(lambda s: [op(s) for op in ops], changes=self.kinds, parent=self),
        )
