"""Registration categories, configurable per database: core rules and the dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from budapest_desk.core import categories, events, registrations, roster
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.ui.events.categories import CategoriesDialog, CategoryEditor
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import click_save, open_dialog

DEFAULTS = [
    "Head of delegation",
    "Delegate",
    "Observer",
    "Speaker",
    "Press",
    "Staff",
    "Interpreter",
]


def test_category_rules(database: Database) -> None:
    with database.transaction() as s:
        assert [c.name for c in registrations.list_categories(s)] == DEFAULTS
        vip = categories.create_category(s, "  VIP  guest ", "#AA0000")
        assert (vip.name, vip.colour) == ("VIP guest", "#aa0000")
        with pytest.raises(UserError, match="already a category called “Delegate”"):
            categories.create_category(s, "delegate", "#000000")
        with pytest.raises(UserError, match="colour"):
            categories.update_category(s, vip.id, "VIP", "red")
        categories.move_category(s, vip.id, -100)
        assert registrations.list_categories(s)[0].name == "VIP guest"
        ev = events.create_event(s, events.EventInput("SOM", dt.date(2027, 1, 1))).id
        registrations.create_registration(
            s,
            ev,
            RegistrationInput(PersonInput("A", "B", "a@example.org", "AT"), category_id=vip.id),
        )
        assert categories.delete_category(s, vip.id) == 1
        assert roster.roster_counts(s, ev).by_category == {"": 1}


def test_dialog_adds_recolours_and_deletes(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: Callable[[Any], Any]
) -> None:
    dialog = CategoriesDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.list.count() == 7)
    dialog.add_button.click()
    editor = open_dialog(CategoryEditor)
    editor.name.setText("Rapporteur")
    editor.set_colour(QColor("#00aa55"))
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: dialog.list.count() == 8)
    assert dialog.list.item(7).text().startswith("Rapporteur")

    dialog.list.setCurrentRow(7)
    dialog.up_button.click()
    qtbot.waitUntil(lambda: dialog.list.item(6).text().startswith("Rapporteur"))
    dialog.list.setCurrentRow(6)
    dialog.delete_button.click()
    box = dialog.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.list.count() == 7)
    wait_idle()
    assert [c.name for c in in_db(registrations.list_categories)] == DEFAULTS
