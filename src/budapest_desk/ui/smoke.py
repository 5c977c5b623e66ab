"""`gui --smoke`: show the window offscreen, visit every tab once, time it."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from budapest_desk.core.errors import UserError
from budapest_desk.ui.main_window import MainWindow

TIMEOUT_S = 60.0


class _PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _wait(app: QApplication, done: Any, what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():
        if time.perf_counter() > deadline:
            raise UserError(f"Smoke test: {what} did not happen within {TIMEOUT_S:.0f} s.")
        app.processEvents()
        time.sleep(0.001)


def _visit(app: QApplication, window: MainWindow, index: int, t0: float) -> dict[str, float]:
    page = window.tabs.widget(index)
    assert page is not None
    watch = _PaintWatch()
    page.installEventFilter(watch)
    start = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    page.update()
    _wait(app, lambda: watch.painted, f"first paint of {window.tabs.tabText(index)}")
    painted = time.perf_counter()
    _wait(app, lambda: getattr(page, "loaded", True), f"loading {window.tabs.tabText(index)}")
    loaded = time.perf_counter()
    page.removeEventFilter(watch)
    return {
        "paint_ms": round((painted - start) * 1000, 1),
        "loaded_ms": round((loaded - start) * 1000, 1),
        "since_start_ms": round((loaded - t0) * 1000, 1),
    }


def smoke_test(app: QApplication, window: MainWindow, t0: float) -> dict[str, Any]:
    watch = _PaintWatch()
    window.installEventFilter(watch)
    window.show()
    _wait(app, lambda: watch.painted, "first paint of the main window")
    shown = time.perf_counter()
    window.removeEventFilter(watch)
    first = window.tabs.currentIndex()
    order = [first] + [i for i in range(window.tabs.count()) if i != first]
    tabs = {window.tabs.tabText(i): _visit(app, window, i, t0) for i in order}
    _wait(app, lambda: window.ops.idle, "background work")
    window.tabs.setCurrentIndex(first)
    return {
        "window_shown_ms": round((shown - t0) * 1000, 1),
        "tabs": tabs,
        "total_ms": round((time.perf_counter() - t0) * 1000, 1),
        "database": window.ops.db.location if window.ops.db else None,
    }
