"""The desk's list: the event's roster, or the matches of what is typed, in letters large enough
for the queue. Whoever is checked in already is marked along the whole row; a registration
that is not confirmed has its status in red; a needs-attention note is flagged by the name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from budapest_desk.core.codes import display
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.checkin.model import PAGE_SIZE, Index, RegistrationsModel, name_text
from budapest_desk.ui.checkin.texts import checked_in_text, delegation
from budapest_desk.ui.common.forms import label_of
from budapest_desk.ui.ops import OperationRunner

LIST_POINTS = 13
CHECKED_IN_ROW = "#d7f0dc"
CHECKED_IN_TEXT = "#1b5e20"
NOT_CONFIRMED_TEXT = "#b71c1c"


def when_in(row: RegistrationRow) -> str:
    return f"✓ {checked_in_text(row.checked_in_at, row.checked_in_desk)}" if row.checked_in else ""


COLUMNS: list[tuple[str, Callable[[RegistrationRow], str]]] = [
    ("Name", name_text),
    ("Status", lambda r: label_of(r.status)),
    ("Delegation", delegation),
    ("Category", lambda r: r.category),
    ("Checked in", when_in),
    ("Organisation", lambda r: r.organisation),
    ("Check-in code", lambda r: display(r.checkin_code)),
]
NAME, STATUS, DELEGATION, CATEGORY, CHECKED_IN, ORGANISATION, CODE = range(len(COLUMNS))


class DeskModel(RegistrationsModel):
    def __init__(self, ops: OperationRunner, page_size: int = PAGE_SIZE) -> None:
        super().__init__(ops, page_size, COLUMNS, desk=True)
        self._bold = QFont()
        self._bold.setPointSize(LIST_POINTS + 1)
        self._bold.setBold(True)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if role not in (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return value
        rid = self.id_at(index.row()) if index.isValid() else None
        row = self.cached(rid) if rid is not None else None
        if row is None:
            return value
        column = index.column()
        if role == Qt.ItemDataRole.FontRole:
            if column == NAME or (column == CHECKED_IN and row.checked_in):
                return self._bold
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(CHECKED_IN_ROW)) if row.checked_in else None
        if column == STATUS and row.status != RegistrationStatus.CONFIRMED:
            return QBrush(QColor(NOT_CONFIRMED_TEXT))
        if column == CHECKED_IN and row.checked_in:
            return QBrush(QColor(CHECKED_IN_TEXT))
        return None
