"""The Events tab's roster: the selected event's registrations, filters, sorting by column,
bulk status and category changes with the waiting list, counts, and Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from budapest_desk.core import events, registrations, roster
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.ui.events.tab import EventsPage
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import shown

PEOPLE = [
    ("Gyöngyvér", "Kovács", "HU"),
    ("Олег", "Ковальчук", "UA"),
    ("Νίκος", "Κωστόπουλος", "GR"),
    ("زهرا", "احمدی", "AF"),
    ("Anna", "Zimmermann", "AT"),
]


@pytest.fixture
def page(qtbot: QtBot, ops: OperationRunner, in_db: Callable[[Any], Any]) -> EventsPage:
    def arrange(s: Any) -> None:
        ev = events.create_event(s, events.EventInput("SOM 2027", dt.date(2027, 3, 1), capacity=3))
        events.create_event(s, events.EventInput("Other meeting", dt.date(2026, 1, 1)))
        for i, (first, last, country) in enumerate(PEOPLE):
            registrations.create_registration(
                s, ev.id,
                RegistrationInput(PersonInput(first, last, f"p{i}@example.org", country),
                                  delegation_country=country),
            )  # fmt: skip

    in_db(arrange)
    page = shown(qtbot, EventsPage(ops))
    page.resize(1300, 700)
    page.events.select_id(page.events.model.rows[0].id)  # newest first: SOM 2027
    qtbot.waitUntil(lambda: page.roster.model.rowCount() == 5)
    return page


def names(page: EventsPage) -> list[str]:
    model = page.roster.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def select(page: EventsPage, rows: list[int]) -> None:
    table = page.roster.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows:
        table.selectionModel().select(page.roster.model.index(r, 0), flags)


def test_roster_follows_the_selected_event_sorts_and_filters(
    qtbot: QtBot, page: EventsPage, wait_idle: Callable[[], None]
) -> None:
    roster_panel = page.roster
    assert roster_panel.title.text() == "SOM 2027"
    qtbot.waitUntil(lambda: "…" not in names(page))
    # one alphabet across scripts: Ahmadi (احمدی), Kostopoulos, Kovács, Koval'chuk, Zimmermann
    assert names(page) == [
        "احمدی, زهرا", "Κωστόπουλος, Νίκος", "Kovács, Gyöngyvér", "Ковальчук, Олег",
        "Zimmermann, Anna",
    ]  # fmt: skip
    header = roster_panel.table.horizontalHeader()
    name_header = QPoint(header.sectionPosition(0) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    qtbot.waitUntil(lambda: names(page)[0] == "Zimmermann, Anna")

    roster_panel.filters.search.setText("KOVACS gyongyver")
    qtbot.waitUntil(lambda: names(page) == ["Kovács, Gyöngyvér"])
    assert "<b>1</b> of 5 registrations shown" in roster_panel.counts.text()
    roster_panel.filters.search.setText("")
    roster_panel.filters.country.setCurrentIndex(roster_panel.filters.country.findData("AF"))
    qtbot.waitUntil(lambda: names(page) == ["احمدی, زهرا"])
    roster_panel.filters.country.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(page)) == 5)
    wait_idle()

    page.events.select_id(page.events.model.rows[1].id)
    qtbot.waitUntil(lambda: roster_panel.title.text() == "Other meeting")
    qtbot.waitUntil(lambda: roster_panel.model.rowCount() == 0)


def test_bulk_status_fills_seats_then_the_waiting_list_and_ctrl_z_undoes(
    qtbot: QtBot, page: EventsPage, wait_idle: Callable[[], None], in_db: Callable[[Any], Any]
) -> None:
    panel = page.roster
    qtbot.waitUntil(lambda: "…" not in names(page))
    select(page, [0, 1, 2, 3])
    panel.set_status(S.CONFIRMED)
    qtbot.waitUntil(lambda: "put on the waiting list" in panel.status_line.text())
    assert (
        panel.status_line.text()
        == "3 set to Confirmed. 1 put on the waiting list: the event is full."
    )
    qtbot.waitUntil(
        lambda: panel.seats.text() == "3 of 3 seats taken (full) · 1 on the waiting list"
    )
    assert "Confirmed <b>3</b>" in panel.counts.text()

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.status_line.text().startswith("Undone: 3 set to Confirmed"))
    wait_idle()
    event_id = panel.current_event.id if panel.current_event else 0
    counts = in_db(lambda s: roster.roster_counts(s, event_id))
    assert counts.by_status == {"pending": 5}


def test_delete_and_category_change_undo(
    qtbot: QtBot, page: EventsPage, wait_idle: Callable[[], None], in_db: Callable[[Any], Any]
) -> None:
    panel = page.roster
    qtbot.waitUntil(lambda: "…" not in names(page))
    select(page, [0, 4])
    panel.set_category(panel.view.categories[0].id if panel.view else None)
    qtbot.waitUntil(lambda: panel.status_line.text() == "2 set to Head of delegation.")
    select(page, [4])
    panel.delete_action.trigger()
    box = panel.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4)
    assert panel.undo_action.isEnabled()
    panel.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    panel.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.status_line.text() == "Undone: 2 set to Head of delegation.")
    wait_idle()
    event_id = panel.current_event.id if panel.current_event else 0
    assert in_db(lambda s: roster.roster_counts(s, event_id)).by_category == {"": 5}
    assert not panel.undo_action.isEnabled()


def test_menus_and_shortcuts_set_status_and_category(
    qtbot: QtBot, page: EventsPage, wait_idle: Callable[[], None], in_db: Callable[[Any], Any]
) -> None:
    panel = page.roster
    qtbot.waitUntil(lambda: "…" not in names(page))
    select(page, [0, 1])
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # Cancelled
    qtbot.waitUntil(lambda: panel.status_line.text() == "2 set to Cancelled.")
    delegate = next(a for a in panel.category_menu.actions() if a.text() == "Delegate")
    delegate.trigger()
    qtbot.waitUntil(lambda: panel.status_line.text() == "2 set to Delegate.")
    wait_idle()
    event_id = panel.current_event.id if panel.current_event else 0
    counts = in_db(lambda s: roster.roster_counts(s, event_id))
    assert counts.by_status == {"cancelled": 2, "pending": 3}
    assert counts.by_category == {"Delegate": 2, "": 3}
