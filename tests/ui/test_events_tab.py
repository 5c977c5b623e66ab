"""The Events tab: create, edit and delete an event through the real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from budapest_desk.core import events
from budapest_desk.ui.events.editor import EventEditor
from budapest_desk.ui.events.tab import EventsTab
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import open_dialog


def test_create_edit_delete_event(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: Callable[[Any], Any]
) -> None:
    tab = EventsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.model.rowCount() == 0

    tab.new_action.trigger()
    editor = open_dialog(EventEditor)
    qtbot.keyClicks(editor.title_edit, "Return and reintegration expert meeting")
    editor.start.setDate(QDate(2020, 3, 3))
    editor.end.setDate(QDate(2020, 3, 4))
    editor.city.setText("Budapest")
    editor.country.setCurrentIndex(editor.country.findData("HU"))
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    saved = in_db(events.list_events)[0]
    assert (saved.title, saved.start_date, saved.end_date, saved.country) == (
        "Return and reintegration expert meeting",
        dt.date(2020, 3, 3),
        dt.date(2020, 3, 4),
        "HU",
    )
    assert tab.current_id() == saved.id

    tab.edit_action.trigger()
    editor = open_dialog(EventEditor)
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "RR expert meeting")
    editor.capacity.setValue(80)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].title == "RR expert meeting")
    assert in_db(lambda s: events.get_event(s, saved.id)).capacity == 80

    tab.delete_action.trigger()
    box = tab.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    wait_idle()
    assert in_db(events.list_events) == []


def test_invalid_input_is_shown_in_the_form(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None]
) -> None:
    tab = EventsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    tab.new_action.trigger()
    editor = open_dialog(EventEditor)
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    wait_idle()
    qtbot.waitUntil(lambda: editor.error_label.isVisible())
    assert "Title is required" in editor.error_label.text()
    assert editor.isVisible()
    editor.reject()
