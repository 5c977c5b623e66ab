"""Small dialogs the tabs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete(parent: QWidget, title: str, text: str, on_yes: Callable[[], object]) -> None:
    """Ask before deleting (Cancel is the default); opened without blocking the event loop.
    Tests find it by the object name "confirmDelete"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmDelete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def answered(button: int) -> None:
        if QMessageBox.StandardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    box.open()
