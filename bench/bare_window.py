"""The floor for bench/startup.py: a bare PySide6 QMainWindow with a QTabWidget of five tabs,
shown offscreen the same way `gui --smoke` shows the app (first paint, then every tab)."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget  # noqa: E402


class Watch(QObject):
    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def wait(app: QApplication, watch: Watch) -> None:
    while not watch.painted:
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("News", "Events", "Check-in", "Subscribers", "Library"):
        tabs.addTab(QLabel(name), name)
    window.setCentralWidget(tabs)
    window.resize(1200, 760)
    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    wait(app, watch)
    for i in range(tabs.count()):
        page_watch = Watch()
        tabs.widget(i).installEventFilter(page_watch)
        tabs.setCurrentIndex(i)
        wait(app, page_watch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
