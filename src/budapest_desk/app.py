"""Composition root: builds the QApplication, the runner and the main window.

`run_gui` is what the command line calls for no arguments and for `gui`; with smoke=True it
shows every tab once offscreen and reports timings. The window is shown first and the database
is opened afterwards on the worker thread, so that start-up does not wait for SQLAlchemy.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import TYPE_CHECKING

from budapest_desk.core.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def _check_display_and_libraries(smoke: bool) -> None:
    if smoke and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform == "linux" and no_display and not os.environ.get("QT_QPA_PLATFORM"):
        raise UserError(
            "No display found (DISPLAY is not set). Start Budapest Desk from a desktop "
            "session, or check it offscreen with: budapest-desk gui --smoke"
        )
    from budapest_desk import sysdeps

    platform = (os.environ.get("QT_QPA_PLATFORM") or "xcb").split(":")[0]
    missing = sysdeps.quick_missing_libraries(platform)
    if missing:
        raise UserError(sysdeps.advice(missing).replace("\n", " "))


def _quit_on_terminate(app: QApplication) -> None:
    """SIGTERM (logout, `kill`) closes the window as Quit does: settings saved, the database
    closed cleanly. Python sees the signal only when it runs, so a timer lets it run."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: app.closeAllWindows())
    timer = QTimer(app)
    timer.setInterval(500)
    timer.timeout.connect(lambda: None)
    timer.start()


def run_gui(
    target: str | None,
    *,
    smoke: bool = False,
    as_json: bool = False,
    debug: bool = False,
    started: float | None = None,
) -> int:
    t0 = started if started is not None else time.perf_counter()
    _check_display_and_libraries(smoke)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from budapest_desk import APP_NAME
    from budapest_desk.logs import setup_logging
    from budapest_desk.ui import errors
    from budapest_desk.ui.fonts import register_fonts
    from budapest_desk.ui.main_window import MainWindow, app_icon
    from budapest_desk.ui.ops import OperationRunner

    setup_logging(debug)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("Budapest Desk")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    register_fonts()
    errors.install_excepthook()

    ops = OperationRunner(
        None, show_user_error=errors.show_user_error, show_crash=errors.show_crash
    )
    window = MainWindow(ops)
    try:
        if smoke:
            from budapest_desk.ui.smoke import smoke_test

            report = smoke_test(
                app, window, t0, open_database=lambda: window.switch_to(target, create=True)
            )
            if as_json:
                print(json.dumps(report))
            else:
                print(
                    f"window shown in {report['window_shown_ms']:.0f} ms, everything loaded in "
                    f"{report['total_ms']:.0f} ms; "
                    + ", ".join(f"{k} {v['loaded_ms']:.0f} ms" for k, v in report["tabs"].items())
                )
            return 0
        window.show()
        window.switch_to(target, create=True)
        _quit_on_terminate(app)
        return app.exec()
    finally:
        if not smoke:
            window.save_settings()
        ops.shutdown()
