"""Editor dialogs: a form whose Save runs through the operation runner. A UserError that names
a field is shown inside the form beside that field; the dialog stays open with the input kept."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from budapest_desk.core.countries import all_countries
from budapest_desk.core.errors import UserError
from budapest_desk.ui.ops import OperationRunner

DATE_FORMAT = "d MMM yyyy"
W = TypeVar("W", bound=QWidget)


def label_of(member: enum.Enum) -> str:
    """'registration_open' -> 'Registration open'."""
    text = str(member.value).replace("_", " ")
    return text[:1].upper() + text[1:]


def enum_combo(enum_cls: type[enum.Enum], current: enum.Enum | None = None) -> QComboBox:
    combo = QComboBox()
    for member in enum_cls:
        combo.addItem(label_of(member), member)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current))
    return combo


def country_combo(current: str | None, *, allow_empty: bool = True) -> QComboBox:
    """A searchable country list: type part of the name or the ISO code."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if allow_empty:
        combo.addItem("", None)
    for code, name in all_countries():
        combo.addItem(f"{name} ({code})", code)
    completer = combo.completer()
    if completer is not None:
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
    index = combo.findData(current) if current else (0 if allow_empty else -1)
    combo.setCurrentIndex(max(index, 0) if allow_empty else index)
    return combo


def combo_country(combo: QComboBox) -> str | None:
    """The chosen code; typed text that matches no entry is returned as typed, so that core can
    say what is wrong with it."""
    text = combo.currentText().strip()
    if not text:
        return None
    index = combo.findText(text)
    if index >= 0:
        data = combo.itemData(index)
        return str(data) if data else None
    return text


def date_edit(value: dt.date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    day = value or dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def spin(value: int | None, *, maximum: int = 1_000_000, empty_text: str = "no limit") -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSpecialValueText(empty_text)  # 0 shows as "no limit"
    box.setValue(value or 0)
    return box


def text_edit(value: str, height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def check(value: bool, text: str = "") -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(value)
    return box


class FormDialog(QDialog):
    """A record editor. Subclasses add rows with `add_row` and implement `save_op`, which reads
    the widgets and returns the operation to run (raising UserError for unreadable input)."""

    # The check-in desk's forms: on a venue server that stops answering, saved on the desk's
    # copy (ui/ops.py, core/desk_link.py).
    desk_work = False

    def __init__(
        self,
        ops: OperationRunner,
        title: str,
        *,
        changes: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.ops = ops
        self.changes = changes
        self.saved: Any = None
        self.saving = False
        self.on_saved: Callable[[Any], None] | None = None
        self.fields: dict[str, QWidget] = {}
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00; font-weight: bold;")
        self.error_label.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def add_row(self, name: str, label: str, widget: W) -> W:
        widget.setObjectName(name)
        self.fields[name] = widget
        self.form.addRow(label, widget)
        return widget

    def line(self, name: str, label: str, value: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(value)
        edit.setPlaceholderText(placeholder)
        self.add_row(name, label, edit)
        return edit

    def save_op(self) -> Callable[[Session], Any]:
        raise NotImplementedError

    def save(self) -> None:
        self._clear_error()
        try:
            op = self.save_op()
        except UserError as exc:
            self.show_error(exc)
            return
        self.saving = True
        self.buttons.setEnabled(False)
        self.ops.run(
            op,
            changes=self.changes,
            on_done=self._done,
            on_error=self._failed,
            parent=self,
            desk=self.desk_work,
        )

    def reject(self) -> None:
        """Esc and the close button wait while a save is under way: the form stays until the
        database has answered, so that its outcome is shown where it belongs."""
        if not self.saving:
            super().reject()

    def _done(self, result: Any) -> None:
        self.saving = False
        self.saved = result
        if not shiboken6.isValid(self):
            return
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(result)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        self.saving = False
        if not shiboken6.isValid(self):
            return False
        self.buttons.setEnabled(True)
        if isinstance(exc, UserError):
            self.show_error(exc)
            return True
        return False

    def show_error(self, exc: UserError) -> None:
        self.error_label.setText(exc.message)
        self.error_label.show()
        widget = self.fields.get(exc.field or "")
        if widget is not None:
            widget.setStyleSheet("border: 2px solid #c00;")
            widget.setFocus()

    def _clear_error(self) -> None:
        self.error_label.hide()
        for widget in self.fields.values():
            widget.setStyleSheet("")
