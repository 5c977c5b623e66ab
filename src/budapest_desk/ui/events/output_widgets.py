"""Small builders that the Output dialog's choices share: forms whose fields line up from page to
page, combo boxes, check boxes and checkable lists that announce a change."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

LIST_ROWS = 6  # every status shows; more categories scroll
LABEL_WIDTH = 90  # the forms' labels, so that the fields line up from page to page

Changed = Callable[[], object]


def form() -> QFormLayout:
    layout = QFormLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return layout


def add_row(layout: QFormLayout, label: str, field: QWidget | QHBoxLayout) -> None:
    text = QLabel(label)
    text.setMinimumWidth(LABEL_WIDTH)
    if isinstance(field, QWidget):
        text.setBuddy(field)
    layout.addRow(text, field)


def combo(name: str, items: Iterable[tuple[str, object]], changed: Changed) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    for text, data in items:
        box.addItem(text, data)
    box.currentIndexChanged.connect(lambda _i: changed())
    return box


def check(name: str, text: str, changed: Changed, checked: bool = False) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    box.setChecked(checked)
    box.toggled.connect(lambda _on: changed())
    return box


def checklist(name: str, changed: Changed) -> QListWidget:
    box = QListWidget()
    box.setObjectName(name)
    row = max(box.fontMetrics().height() + 4, 18)
    box.setFixedHeight(LIST_ROWS * row + 2 * box.frameWidth() + 4)
    box.itemChanged.connect(lambda _item: changed())
    return box


def add_check(box: QListWidget, text: str, data: object, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    box.addItem(item)
    return item


def checked(box: QListWidget) -> list[object]:
    """The data of the ticked items. (Qt hands a str enum back as its plain string.)"""
    return [
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def every(box: QListWidget) -> list[object]:
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())]
