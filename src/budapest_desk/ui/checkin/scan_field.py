"""The desk's one large search field: a barcode scanner types into it (the code, then Enter) and
so does the person at the desk (a name). The keys of the queue are its own: Enter acts, Up and
Down choose among the matches below, Esc clears. Everything else is the line edit's, except
Ctrl+Z, which undoes the desk's last check-in rather than the last keystroke."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

FONT_POINTS = 22
MOVES = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -10,
    Qt.Key.Key_PageDown: 10,
}
CHECK_IN_STYLE = "QLineEdit { border: 3px solid #2e7d32; border-radius: 6px; padding: 4px 8px; }"
CHECK_OUT_STYLE = (
    "QLineEdit { border: 3px solid #1565c0; border-radius: 6px; padding: 4px 8px;"
    " background: #e3f0fc; }"
)


class ScanField(QLineEdit):
    entered = Signal()  # Enter (without Ctrl: Ctrl+Enter is the tab's "admit anyway")
    moved = Signal(int)  # rows to move the choice by (negative: up)
    cleared = Signal()  # Esc

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinSearch")
        font = QFont(self.font())
        font.setPointSize(FONT_POINTS)
        self.setFont(font)
        self.setClearButtonEnabled(True)
        self.set_check_out(False)

    def set_check_out(self, on: bool) -> None:
        self.setStyleSheet(CHECK_OUT_STYLE if on else CHECK_IN_STYLE)
        self.setPlaceholderText(
            "CHECK-OUT: scan a badge or type a name…"
            if on
            else "Scan a badge or type a name…  (Enter checks in)"
        )

    def event(self, event: QEvent) -> bool:
        # A line edit claims Ctrl+Z for itself; let the tab's "undo last check-in" have it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.entered.emit()
        elif key in MOVES and plain:
            self.moved.emit(MOVES[key])
        elif key == Qt.Key.Key_Escape:
            self.clear()
            self.cleared.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
