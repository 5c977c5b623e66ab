"""A tab's place in the main window, filled once a database is open.

The window is shown before the database layer is even imported (start-up time: SQLAlchemy alone
takes longer to import than Qt); each slot imports its tab module and builds the tab when the
first database has been opened.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from budapest_desk.ui.ops import OperationRunner


class TabSlot(QWidget):
    def __init__(self, title: str, module: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.module = module
        self.page: QWidget | None = None
        self.setObjectName(f"{title.lower().replace('-', '')}Slot")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel("Opening the database…")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #666; font-size: 14pt;")
        self._layout.addWidget(self.placeholder)

    @property
    def loaded(self) -> bool:
        """True once the tab exists and has shown its first data (gui --smoke waits on it)."""
        return self.page is not None and bool(getattr(self.page, "loaded", True))

    def say(self, text: str) -> None:
        self.placeholder.setText(text)

    def install(self, ops: OperationRunner) -> QWidget:
        if self.page is None:
            page: QWidget = importlib.import_module(self.module).make_tab(ops, self)
            page.setObjectName(f"{self.title.lower().replace('-', '')}Tab")
            self.placeholder.hide()
            self._layout.addWidget(page)
            self.page = page
        return self.page
