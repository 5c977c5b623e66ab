"""Possible duplicates: people with the same name and organisation under two emails, shown
side by side for a human to merge (into either record) or keep apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from budapest_desk.core import duplicates
from budapest_desk.core.countries import country_name
from budapest_desk.core.duplicates import DuplicatePair, PersonSummary
from budapest_desk.core.errors import UserError
from budapest_desk.ui.common.table import Column, RowsModel
from budapest_desk.ui.ops import ALL, OperationRunner

CHANGES = frozenset({"registrations", "people"})
EMPTY_TEXT = (
    "No possible duplicates: every person with the same name and organisation has been "
    "merged or kept apart."
)
FIELDS: tuple[tuple[str, Callable[[PersonSummary], str]], ...] = (
    ("Name", lambda p: p.name),
    ("Email", lambda p: p.email or "(none)"),
    ("Organisation", lambda p: p.organisation),
    ("Country", lambda p: country_name(p.country) if p.country else ""),
    ("Registrations", lambda p: str(p.registrations)),
)


def _columns() -> list[Column[DuplicatePair]]:
    return [
        Column("Name", lambda p: p.first.name),
        Column("Organisation", lambda p: p.first.organisation),
        Column("Left email", lambda p: p.first.email),
        Column("Right email", lambda p: p.second.email),
    ]


class DuplicatesDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Possible duplicates")
        self.ops = ops
        self.loaded = False
        self.busy = False
        self._keep_row = 0

        intro = QLabel(
            "The same name and organisation under two emails. Compare the two records, "
            "then merge them into one or keep them apart. Merging moves the registrations "
            "and fills the kept record's empty fields from the other, which is deleted."
        )
        intro.setWordWrap(True)
        self.model: RowsModel[DuplicatePair] = RowsModel(
            _columns(), lambda p: (p.first.id << 32) | p.second.id
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the organisation
        self.table.selectionModel().selectionChanged.connect(self._show_selected)

        self.left_values: list[QLabel] = []
        self.right_values: list[QLabel] = []
        self.comparison = QGroupBox("Selected pair")
        grid = QGridLayout(self.comparison)
        grid.addWidget(QLabel("<b>Left</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Right</b>"), 0, 2)
        for line, (label, _text) in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(f"{label}:"), line, 0, Qt.AlignmentFlag.AlignTop)
            for values, column in ((self.left_values, 1), (self.right_values, 2)):
                value = QLabel()
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                values.append(value)
                grid.addWidget(value, line, column)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.merge_left = QPushButton("Merge into &left")
        self.merge_left.setToolTip("Keep the left record; the right one is merged into it.")
        self.merge_right = QPushButton("Merge into &right")
        self.merge_right.setToolTip("Keep the right record; the left one is merged into it.")
        self.keep_apart = QPushButton("&Keep apart")
        self.keep_apart.setToolTip("They are two people: do not offer this pair again.")
        self.merge_left.clicked.connect(lambda: self._merge(into_left=True))
        self.merge_right.clicked.connect(lambda: self._merge(into_left=False))
        self.keep_apart.clicked.connect(self._keep_apart)
        actions = QHBoxLayout()
        for button in (self.merge_left, self.merge_right, self.keep_apart):
            actions.addWidget(button)
        actions.addStretch(1)

        pairs = QWidget()
        pairs_layout = QVBoxLayout(pairs)
        pairs_layout.setContentsMargins(0, 0, 0, 0)
        pairs_layout.addWidget(self.table, 1)
        pairs_layout.addWidget(self.comparison)
        pairs_layout.addLayout(actions)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("noDuplicates")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(pairs)
        self.stack.addWidget(self.empty_label)

        self.message = QLabel()
        self.message.setObjectName("duplicatesMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(760, 520)
        self._enable()

        ops.changed.connect(self._changed)
        self.reload()

    # ---- loading -----------------------------------------------------------------------
    def reload(self) -> None:
        self._keep_row = max(self.table.currentIndex().row(), 0)  # the next pair moves up here
        self.ops.run(duplicates.possible_duplicates, on_done=self._loaded, parent=self)

    @Slot(object)
    def _changed(self, kinds: frozenset[str]) -> None:
        """Our own merges and keep-aparts come back here too (their `changes`)."""
        if kinds & CHANGES or ALL in kinds:
            self.reload()

    def _loaded(self, pairs: list[DuplicatePair]) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.set_rows(pairs)
        self.stack.setCurrentIndex(0 if pairs else 1)
        if pairs:
            self.table.selectRow(min(self._keep_row, len(pairs) - 1))
        self.loaded = True
        self._show_selected()

    def selected(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def _show_selected(self) -> None:
        pair = self.selected()
        for i, (_label, text) in enumerate(FIELDS):
            left = text(pair.first) if pair else ""
            right = text(pair.second) if pair else ""
            differs = pair is not None and left != right
            for label, value in ((self.left_values[i], left), (self.right_values[i], right)):
                label.setText(value)
                label.setStyleSheet("font-weight: bold;" if differs else "")
        self._enable()

    def _enable(self) -> None:
        ready = self.selected() is not None and not self.busy
        for button in (self.merge_left, self.merge_right, self.keep_apart):
            button.setEnabled(ready)

    # ---- actions -----------------------------------------------------------------------
    def _merge(self, *, into_left: bool) -> None:
        pair = self.selected()
        if pair is None:
            return
        keep, other = (pair.first, pair.second) if into_left else (pair.second, pair.first)
        self._run(lambda s: duplicates.merge_people(s, keep.id, other.id))

    def _keep_apart(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        a, b = pair.first, pair.second

        def op(session: Session) -> str:
            duplicates.keep_apart(session, a.id, b.id)
            return f"Kept apart: {a.name} ({a.email}) and {b.name} ({b.email})."

        self._run(op)

    def _run(self, op: Callable[[Session], Any]) -> None:
        self.busy = True
        self._enable()
        self.ops.run(op, changes=CHANGES, on_done=self._done, on_error=self._failed, parent=self)

    def _done(self, result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.message.setStyleSheet("")
        self.message.setText(str(result))
        self._enable()

    def _failed(self, exc: BaseException) -> bool:
        if not shiboken6.isValid(self):
            return False
        self.busy = False
        self._enable()
        if isinstance(exc, UserError):  # a refused merge: say why, beside the pair
            self.message.setStyleSheet("color: #a00; font-weight: bold;")
            self.message.setText(exc.message)
            return True
        return False
