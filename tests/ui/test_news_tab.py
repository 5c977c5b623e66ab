"""The News tab: create, edit and delete a news item through the real widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from budapest_desk.core import events, news
from budapest_desk.core.events import EventInput
from budapest_desk.db.enums import NewsStatus
from budapest_desk.ui.news.editor import NewsEditor
from budapest_desk.ui.news.tab import NewsTab
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import click_save, open_dialog


def test_create_edit_delete_news(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    qtmodeltester: ModelTester,
) -> None:
    event = in_db(
        lambda s: events.create_event(
            s, EventInput(title="Ministerial conference", start_date=dt.date(2020, 6, 3))
        )
    )
    tab = NewsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.model.rowCount() == 0

    tab.new_action.trigger()
    editor = open_dialog(NewsEditor)
    qtbot.waitUntil(lambda: editor.events_loaded)
    qtbot.keyClicks(editor.title_edit, "Ministers adopt the Islamabad Declaration")
    qtbot.keyClicks(editor.place, "Islamabad")
    editor.date.setDate(QDate(2020, 6, 3))
    editor.status.setCurrentIndex(editor.status.findData(NewsStatus.PUBLISHED))
    qtbot.keyClicks(editor.tags, "ministerial, declaration")
    editor.summary.setPlainText("The ministers adopted the declaration.")
    editor.body.setPlainText("Ministers and senior officials met in Islamabad…")
    assert editor.events_list.count() == 1
    editor.events_list.item(0).setCheckState(Qt.CheckState.Checked)
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    saved = in_db(news.list_news)[0]
    assert (saved.title, saved.dateline, saved.status, saved.tags, saved.event_ids) == (
        "Ministers adopt the Islamabad Declaration",
        "Islamabad, 3 June 2020",
        NewsStatus.PUBLISHED,
        ("declaration", "ministerial"),
        (event.id,),
    )
    assert saved.revisions == 1
    assert tab.current_id() == saved.id
    assert tab.model.index(0, 1).data() == "Islamabad, 3 June 2020"
    qtmodeltester.check(tab.model)

    tab.edit_action.trigger()
    editor = open_dialog(NewsEditor)
    assert editor.title_edit.text() == saved.title
    editor.title_edit.setText("Ministers adopt the Islamabad Ministerial Declaration – update")
    editor.no_date.setChecked(True)
    editor.language.setText("fr")
    click_save(qtbot, editor)  # saved at once, before the events list arrives: links are kept
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].language == "fr")
    edited = in_db(lambda s: news.get_news(s, saved.id))
    assert edited.title == "Ministers adopt the Islamabad Ministerial Declaration – update"
    assert (edited.dateline_date, edited.dateline, edited.revisions) == (None, "Islamabad", 2)
    assert edited.event_ids == (event.id,)
    wait_idle()

    tab.edit_action.trigger()
    editor = open_dialog(NewsEditor)
    qtbot.waitUntil(lambda: editor.events_loaded)
    assert not editor.date.isEnabled()
    assert editor.events_list.item(0).checkState() == Qt.CheckState.Checked
    editor.events_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].revisions == 3)
    assert in_db(lambda s: news.get_news(s, saved.id)).event_ids == ()

    tab.delete_action.trigger()
    box = tab.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    wait_idle()
    assert in_db(news.list_news) == []
    qtmodeltester.check(tab.model)


def test_news_without_title_is_refused_in_the_form(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
) -> None:
    tab = NewsTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    tab.new_action.trigger()
    editor = open_dialog(NewsEditor)
    qtbot.keyClicks(editor.place, "Baku")
    click_save(qtbot, editor)
    wait_idle()
    qtbot.waitUntil(lambda: editor.error_label.isVisible())
    assert "Title is required" in editor.error_label.text()
    assert editor.isVisible()
    assert editor.place.text() == "Baku"
    assert in_db(news.list_news) == []
    editor.reject()
