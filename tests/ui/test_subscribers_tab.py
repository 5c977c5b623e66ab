"""The Subscribers tab: create, edit and delete a subscriber through the real widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from budapest_desk.core import subscribers
from budapest_desk.db.enums import SubscriberStatus
from budapest_desk.ui.ops import OperationRunner
from budapest_desk.ui.subscribers.editor import SubscriberEditor
from budapest_desk.ui.subscribers.tab import SubscribersTab
from tests.ui.helpers import click_save, open_dialog, shown


def test_create_edit_delete_subscriber(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    qtmodeltester: ModelTester,
) -> None:
    tab = shown(qtbot, SubscribersTab(ops))
    assert tab.model.rowCount() == 0

    tab.new_action.trigger()
    editor = open_dialog(SubscriberEditor)
    qtbot.keyClicks(editor.email, "gyongyver.kovacs@example.org")
    editor.first_name.setText("Gyöngyvér")
    editor.last_name.setText("Kovács")
    editor.country.setCurrentIndex(editor.country.findData("HU"))
    qtbot.keyClicks(editor.organisation, "Ministry of Interior")
    qtbot.keyClicks(editor.consent_method, "web sign-up form")
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    saved = in_db(subscribers.list_subscribers)[0]
    assert (saved.email, saved.first_name, saved.last_name, saved.country) == (
        "gyongyver.kovacs@example.org",
        "Gyöngyvér",
        "Kovács",
        "HU",
    )
    assert saved.status == SubscriberStatus.UNCONFIRMED
    assert saved.consent_method == "web sign-up form"
    assert saved.consent_at is not None
    assert tab.current_id() == saved.id
    assert [tab.model.index(0, c).data() for c in range(3)] == [
        "Gyöngyvér Kovács",
        "gyongyver.kovacs@example.org",
        "Hungary",
    ]
    qtmodeltester.check(tab.model)

    tab.edit_action.trigger()
    editor = open_dialog(SubscriberEditor)
    assert editor.country.currentData() == "HU"
    editor.status.setCurrentIndex(editor.status.findData(SubscriberStatus.SUBSCRIBED))
    editor.country.setCurrentIndex(editor.country.findData("AT"))
    editor.language.setText("de")
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].country == "AT")
    edited = in_db(lambda s: subscribers.get_subscriber(s, saved.id))
    assert (edited.status, edited.language, edited.first_name) == (
        SubscriberStatus.SUBSCRIBED,
        "de",
        "Gyöngyvér",
    )

    tab.delete_action.trigger()
    box = tab.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    wait_idle()
    assert in_db(subscribers.list_subscribers) == []


@pytest.mark.parametrize(
    ("email", "country", "field", "message"),
    [
        ("ana.popescu@example.org", None, "country", "Country is required"),
        ("ana.popescu(at)example.org", "RO", "email", "is not a valid email address"),
    ],
)
def test_bad_subscriber_is_refused_in_the_form(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    email: str,
    country: str | None,
    field: str,
    message: str,
) -> None:
    tab = shown(qtbot, SubscribersTab(ops))
    tab.new_action.trigger()
    editor = open_dialog(SubscriberEditor)
    qtbot.keyClicks(editor.email, email)
    qtbot.keyClicks(editor.first_name, "Ana")
    qtbot.keyClicks(editor.last_name, "Popescu")
    if country:
        editor.country.setCurrentIndex(editor.country.findData(country))
    click_save(qtbot, editor)
    wait_idle()
    qtbot.waitUntil(lambda: editor.error_label.isVisible())
    assert message in editor.error_label.text()
    assert editor.fields[field].styleSheet()  # the field at fault is marked
    assert editor.isVisible()
    assert editor.email.text() == email
    assert in_db(subscribers.list_subscribers) == []
    editor.reject()
