"""`gui --smoke`: show the window offscreen, visit every tab once, time it."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QApplication

from budapest_desk.core.errors import UserError
from budapest_desk.ui.main_window import MainWindow

TIMEOUT_S = 60.0


class _PaintWatch(QObject):
    seen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.seen.emit()
        return False


def _wait(
    app: QApplication, done: Callable[[], bool], what: str, wake: Sequence[SignalInstance] = ()
) -> None:
    """Run the event loop until `done()`; the main thread sleeps in Qt meanwhile (releasing
    the GIL, as in the real app), so that the worker thread runs at full speed."""
    if done():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + TIMEOUT_S
    errors: list[BaseException] = []

    def poll() -> None:
        try:
            if done():
                loop.quit()
            elif time.perf_counter() > deadline:
                raise UserError(f"Smoke test: {what} did not happen within {TIMEOUT_S:.0f} s.")
        except BaseException as exc:  # raised again below, outside the event loop
            errors.append(exc)
            loop.quit()

    # Woken by the signals that can make `done()` true, and by a slow timer for the rest: a
    # fast timer would keep taking the GIL from the worker thread and skew the timings.
    for signal in wake:
        signal.connect(poll)
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    for signal in wake:
        signal.disconnect(poll)
    if errors:
        raise errors[0]


def _visit(app: QApplication, window: MainWindow, index: int, t0: float) -> dict[str, float]:
    page = window.tabs.widget(index)
    assert page is not None
    watch = _PaintWatch()
    page.installEventFilter(watch)
    start = time.perf_counter()
    window.tabs.setCurrentIndex(index)
    page.update()
    name = window.tabs.tabText(index)
    _wait(app, lambda: watch.painted, f"first paint of {name}", [watch.seen])
    painted = time.perf_counter()
    _wait(app, lambda: getattr(page, "loaded", True), f"loading {name}", [window.ops.task_done])
    loaded = time.perf_counter()
    page.removeEventFilter(watch)
    return {
        "paint_ms": round((painted - start) * 1000, 1),
        "loaded_ms": round((loaded - start) * 1000, 1),
        "since_start_ms": round((loaded - t0) * 1000, 1),
    }


def smoke_test(
    app: QApplication, window: MainWindow, t0: float, *, open_database: Callable[[], None]
) -> dict[str, Any]:
    """Show the window, open the database (on the worker thread), visit every tab.

    Times are from process start: `window_shown_ms` to the window's first paint (the database is
    opened only after it), `database_open_ms` until the database is open, `total_ms` until every
    tab has shown its data.
    """
    failures: list[str] = []
    window.ops.user_error.connect(failures.append)
    window.ops.crashed.connect(failures.append)

    def check_failures() -> bool:
        if failures:
            raise UserError(failures[0])
        return False

    watch = _PaintWatch()
    window.installEventFilter(watch)
    window.show()
    _wait(app, lambda: watch.painted or check_failures(), "first paint of the window", [watch.seen])
    shown = time.perf_counter()
    shown_at = time.time()
    window.removeEventFilter(watch)
    open_database()
    _wait(
        app,
        lambda: window.ops.db is not None or check_failures(),
        "opening the database",
        [window.ops.task_done],
    )
    opened = time.perf_counter()
    first = window.tabs.currentIndex()
    order = [first] + [i for i in range(window.tabs.count()) if i != first]
    tabs = {window.tabs.tabText(i): _visit(app, window, i, t0) for i in order}
    _wait(app, lambda: window.ops.idle, "background work", [window.ops.task_done])
    check_failures()
    window.tabs.setCurrentIndex(first)
    return {
        "window_shown_ms": round((shown - t0) * 1000, 1),
        "window_shown_at": shown_at,  # epoch seconds, for timing from outside the process
        "database_open_ms": round((opened - t0) * 1000, 1),
        "tabs": tabs,
        "total_ms": round((time.perf_counter() - t0) * 1000, 1),
        "database": window.ops.db.location if window.ops.db else None,
    }
