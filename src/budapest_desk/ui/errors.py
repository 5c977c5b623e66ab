"""How errors reach the user: a UserError as a plain message, anything else as a crash report
(logged with its traceback to the log file). Dialogs are opened non-blocking."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from budapest_desk import APP_NAME, paths
from budapest_desk.core.errors import UserError

log = logging.getLogger("budapest_desk")


def setup_logging(debug: bool = False) -> None:
    """Log to the log file in the user data folder (and to stderr with --debug)."""
    root = logging.getLogger("budapest_desk")
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    try:
        paths.log_file().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            paths.log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if debug:
        root.addHandler(logging.StreamHandler())


def _parent(parent: QWidget | None) -> QWidget | None:
    return parent if parent is not None else QApplication.activeWindow()


def show_user_error(parent: QWidget | None, message: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=_parent(parent))
    box.setObjectName("userErrorBox")
    box.open()
    return box


def show_crash(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        f"{APP_NAME}: something went wrong",
        "Budapest Desk ran into a bug and could not finish that action. Nothing was saved "
        "from it.\n\nThe details were written to the log file:\n"
        f"{paths.log_file()}\n\nPlease send that file to the developers.",
        parent=_parent(parent),
    )
    box.setObjectName("crashBox")
    box.setDetailedText(details)
    box.open()
    return box


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
