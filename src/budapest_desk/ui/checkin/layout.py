"""The desk's widgets and where they go (at 1366 × 768 and up):

    Event [……]  Desk [……]  CHECK-OUT MODE                     Checked in 123 / 400 (30 %)
    Categories: ■ Head of delegation 8/24   ■ Delegate 58/150 …
    Countries: Armenia 6/33   Georgia 8/29 …
    [New] [Edit] [Delete] | [Check in] … [Walk-in] [Badge]
    [ the large search field ……………………………………………………………………………………………… ]
    hint: 3 matches: choose with ↑ ↓, then Enter.
    the matches (or the roster)                         | the banner (the last answer)
    400 registrations · 123 checked in        keys                         message

The commands are in commands.py, the loading and the queue in tab.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from budapest_desk.ui.checkin import desk
from budapest_desk.ui.checkin.banner import ResultBanner
from budapest_desk.ui.checkin.chooser import EventChooser
from budapest_desk.ui.checkin.counters import Counters
from budapest_desk.ui.checkin.matches import DeskModel
from budapest_desk.ui.checkin.scan_field import ScanField
from budapest_desk.ui.checkin.scanning import DeskActions
from budapest_desk.ui.checkin.view import RosterView
from budapest_desk.ui.ops import OperationRunner

SIDE_WIDTH = 440  # the banner
KEYS = (
    "Enter check in · ↑↓ choose · Ctrl+Enter admit anyway · Ctrl+Z undo last · "
    "F6 check-out mode · F7 walk-in · Ctrl+P badge · F2 edit · Esc clear"
)
MODE_STYLE = (
    "background: #1565c0; color: white; font-weight: bold; font-size: 14pt;"
    " padding: 3px 10px; border-radius: 4px;"
)
_desk_name = [desk.DEFAULT_DESK]  # remembered while the app runs


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _points(widget: QWidget, points: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


class DeskLayout(QWidget):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.chooser = EventChooser()
        self.desk_edit = QLineEdit(_desk_name[0])
        self.desk_edit.setObjectName("checkinDesk")
        self.desk_edit.setPlaceholderText(desk.DEFAULT_DESK)
        self.desk_edit.setMaximumWidth(160)
        self.desk_edit.setToolTip("The name of this desk, recorded with every check-in")
        self.desk_edit.textChanged.connect(lambda text: _desk_name.__setitem__(0, text))
        self.desk_edit.returnPressed.connect(self.focus_search)
        self.mode_label = QLabel("CHECK-OUT MODE  (F6)")
        self.mode_label.setObjectName("checkoutMode")
        self.mode_label.setStyleSheet(MODE_STYLE)
        self.mode_label.hide()

        self.search = ScanField()
        self.server_bar = QLabel()  # shown while the venue server does not answer
        self.hint = QLabel()
        self.hint.setObjectName("checkinHint")
        _points(self.hint, 13)
        self.model = DeskModel(ops)
        # A reset clears the selection without a selectionChanged signal.
        self.model.modelReset.connect(self._update_actions)
        self.model.dataChanged.connect(lambda *_: self._update_actions())
        self.table = RosterView(self.model)
        self.table.typed = self._typed_in_table
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.banner = ResultBanner()
        self.counters = Counters(ops)
        self.desk_actions = DeskActions(ops, self.banner, self.desk_name, self)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("checkinToolbar")

        self.count_label = QLabel()
        self.count_label.setObjectName("checkinCount")
        self.keys = QLabel(KEYS)
        self.keys.setObjectName("checkinKeys")
        self.keys.setStyleSheet("color: #555;")
        self.keys.setToolTip(KEYS)
        self.keys.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message = QLabel()
        self.message.setObjectName("checkinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._place()

    def _place(self) -> None:
        top = QHBoxLayout()
        top.addWidget(_label("E&vent:", self.chooser))
        top.addWidget(self.chooser, 1)
        top.addSpacing(16)
        top.addWidget(_label("Des&k:", self.desk_edit))
        top.addWidget(self.desk_edit)
        top.addSpacing(16)
        top.addWidget(self.mode_label)
        top.addSpacing(16)
        top.addWidget(self.counters.total)

        # On a small screen the banner scrolls rather than push the window's size.
        side = QScrollArea()
        side.setObjectName("bannerScroll")
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setWidget(self.banner)
        side.setFixedWidth(SIDE_WIDTH)
        self.side = side
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addWidget(side)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.keys, 1)
        bottom.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counters)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.server_bar)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The banner's full width from 1366 pixels up; on smaller screens the list needs it.
        self.side.setFixedWidth(max(300, min(SIDE_WIDTH, event.size().width() * 33 // 100)))

    # ---- shared by the commands and the queue ------------------------------------------
    def desk_name(self) -> str:
        return self.desk_edit.text().strip() or desk.DEFAULT_DESK

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _typed_in_table(self, text: str) -> None:
        """A scan or a name typed while the table had the keyboard: it goes to the search."""
        self.search.setFocus()
        self.search.insert(text)

    def _update_actions(self) -> None:
        """Enable what applies (the commands fill this in)."""
