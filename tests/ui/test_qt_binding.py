"""Guards the Qt binding we pin: PySide6 6.12.0 on Python 3.11 drops a reference to None on
every call of a void method, and the interpreter aborts after a few thousand calls
("Fatal Python error: none_dealloc"). Found while timing the window; see pyproject.toml."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
        QCoreApplication.processEvents()
    # Other threads may hold or release a few references meanwhile; a leak would be 4,000.
    assert abs(sys.getrefcount(None) - before) < 200
