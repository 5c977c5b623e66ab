"""What the tab tests share: finding the open editor, saving it, showing a tab."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from budapest_desk.ui.common.forms import FormDialog

D = TypeVar("D", bound=QDialog)
W = TypeVar("W", bound=QWidget)


def open_dialog(kind: type[D]) -> D:
    """The one visible dialog of this kind (an editor opened by a toolbar action)."""
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(dialogs) == 1, f"expected one open {kind.__name__}, found {len(dialogs)}"
    return dialogs[0]


def click_save(qtbot: QtBot, editor: FormDialog) -> None:
    save = editor.buttons.button(editor.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def shown(qtbot: QtBot, tab: W) -> W:
    """Show a tab and wait until it has loaded its rows."""
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: bool(getattr(tab, "loaded", True)))
    return tab
