"""The floor for bench/startup.py: a bare PySide6 QMainWindow with a QTabWidget of five tabs,
shown offscreen the same way `gui --smoke` shows the app (first paint, then every tab).
Prints {"window_shown_at": epoch seconds of the first paint}.

--with-sqlalchemy: after the first paint, also import sqlalchemy.orm (the database layer every
real tab needs), as a second floor for "everything loaded".
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget


class Watch(QObject):
    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def wait(app: QApplication, watch: Watch) -> None:
    deadline = time.perf_counter() + 60
    while not watch.painted:
        if time.perf_counter() > deadline:
            raise SystemExit("bare window: no paint within 60 s")
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
    shown_at = time.time()
    if "--with-sqlalchemy" in sys.argv:
        import sqlalchemy.orm  # noqa: F401
    for i in range(tabs.count()):
        page_watch = Watch()
        tabs.widget(i).installEventFilter(page_watch)
        tabs.setCurrentIndex(i)
        tabs.widget(i).update()
        wait(app, page_watch)
    print(json.dumps({"window_shown_at": shown_at}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
