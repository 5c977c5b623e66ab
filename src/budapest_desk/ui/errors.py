"""How errors reach the user: a UserError as a plain message, anything else as a crash report
(logged with its traceback to the log file). Dialogs are opened non-blocking."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from budapest_desk import APP_NAME, paths
from budapest_desk.core.errors import UserError

log = logging.getLogger("budapest_desk")


_main_window: list[QWidget] = []  # the fallback parent of messages (set by the main window)
_parentless: set[QMessageBox] = set()  # kept alive until closed, when there is no parent


def set_main_window(window: QWidget) -> None:
    _main_window[:] = [window]


def _parent(parent: QWidget | None) -> QWidget | None:
    """The widget to show a message over: the one given if it still exists, else the active
    window, else the main window; None if there is none at all."""
    for candidate in (parent, QApplication.activeWindow(), *_main_window):
        if candidate is not None and shiboken6.isValid(candidate):
            return candidate
    return None


def _open(box: QMessageBox) -> QMessageBox:
    if box.parent() is None:  # without a parent nothing would keep the box alive
        _parentless.add(box)
        box.finished.connect(lambda _result: _parentless.discard(box))
    box.open()
    return box


def show_user_error(parent: QWidget | None, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=_parent(parent))
    box.setObjectName("userErrorBox")
    return _open(box)


def show_crash(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        f"{APP_NAME}: something went wrong",
        "Budapest Desk ran into a bug during that action; check that what you did was "
        "saved before you go on.\n\nThe details were written to the log file:\n"
        f"{paths.log_file()}\n\nPlease send that file to the developers.",
        parent=_parent(parent),
    )
    box.setObjectName("crashBox")
    box.setDetailedText(details)
    return _open(box)


def install_excepthook() -> None:
    """An exception escaping a slot is logged and shown, not printed as a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError):
            show_user_error(None, exc.message)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        if QApplication.instance() is not None:
            show_crash(None, exc)
        else:
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
