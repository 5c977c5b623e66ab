"""The registration categories of this database: add, rename, recolour, reorder, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from budapest_desk.core import categories
from budapest_desk.core.categories import CategoryUse
from budapest_desk.ui.checkin.editor import swatch
from budapest_desk.ui.common.dialogs import confirm_delete
from budapest_desk.ui.common.forms import FormDialog
from budapest_desk.ui.ops import OperationRunner

CHANGES = {"registrations", "categories"}


class CategoryEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, use: CategoryUse | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, "New category" if use is None else "Edit category", changes=CHANGES,
                         parent=parent)  # fmt: skip
        self.setObjectName("categoryEditor")
        self.use = use
        self.name = self.line("name", "&Name", use.category.name if use else "")
        self.colour = use.category.colour if use else "#1f4e79"
        self.colour_button = self.add_row("colour", "Badge &colour", QPushButton())
        self.colour_button.clicked.connect(self._choose_colour)
        self._show_colour()

    def _show_colour(self) -> None:
        self.colour_button.setIcon(swatch(self.colour, 16))
        self.colour_button.setText(self.colour)

    def _choose_colour(self) -> None:
        dialog = QColorDialog(QColor(self.colour), self)
        dialog.setObjectName("categoryColour")
        dialog.colorSelected.connect(self.set_colour)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def set_colour(self, colour: QColor) -> None:
        self.colour = colour.name()
        self._show_colour()

    def save_op(self) -> Callable[[Session], Any]:
        name, colour = self.name.text(), self.colour
        if self.use is None:
            return lambda s: categories.create_category(s, name, colour)
        category_id = self.use.category.id
        return lambda s: categories.update_category(s, category_id, name, colour)


class CategoriesDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesDialog")
        self.setWindowTitle("Registration categories")
        self.ops = ops
        self.uses: list[CategoryUse] = []
        self.list = QListWidget()
        self.list.setObjectName("categoriesList")
        self.list.itemDoubleClicked.connect(lambda _i: self.edit())
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        buttons = QVBoxLayout()
        self.add_button = self._button(buttons, "&Add…", self.add)
        self.edit_button = self._button(buttons, "&Edit…", self.edit)
        self.up_button = self._button(buttons, "Move &up", lambda: self.move_selected(-1))
        self.down_button = self._button(buttons, "Move &down", lambda: self.move_selected(1))
        self.delete_button = self._button(buttons, "De&lete…", self.delete)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(460, 340)
        ops.changed.connect(lambda kinds: self.reload() if kinds & CHANGES else None)
        self.reload()

    def _button(self, layout: QVBoxLayout, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def reload(self) -> None:
        self.ops.run(categories.categories_in_use, on_done=self._loaded, parent=self)

    def _loaded(self, uses: list[CategoryUse]) -> None:
        current = self.current()
        self.uses = uses
        self.list.clear()
        for use in uses:
            n = use.registrations
            text = f"{use.category.name}   ({n} registration{'' if n == 1 else 's'})"
            item = QListWidgetItem(swatch(use.category.colour, 14), text)
            self.list.addItem(item)
            if current and use.category.id == current.category.id:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current(self) -> CategoryUse | None:
        row = self.list.currentRow()
        return self.uses[row] if 0 <= row < len(self.uses) else None

    def _update_buttons(self) -> None:
        use, row = self.current(), self.list.currentRow()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(use is not None)
        self.up_button.setEnabled(use is not None and row > 0)
        self.down_button.setEnabled(use is not None and row < len(self.uses) - 1)

    def _open(self, use: CategoryUse | None) -> None:
        editor = CategoryEditor(self.ops, use, self)
        editor.finished.connect(editor.deleteLater)
        editor.open()

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        if (use := self.current()) is not None:
            self._open(use)

    def move_selected(self, step: int) -> None:
        if (use := self.current()) is not None:
            cid = use.category.id
            self.ops.run(
                lambda s: categories.move_category(s, cid, step), changes=CHANGES, parent=self
            )

    def delete(self) -> None:
        use = self.current()
        if use is None:
            return
        cid, n = use.category.id, use.registrations
        who = f" {n} registration{'' if n == 1 else 's'} will have no category." if n else ""
        confirm_delete(self, "Delete category", f"Delete the category “{use.category.name}”?{who}",
                       lambda: self.ops.run(lambda s: categories.delete_category(s, cid),
                                            changes=CHANGES, parent=self))  # fmt: skip
