"""Roster export and the registration template, written through the dialogs' path and read back."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from budapest_desk.core import events, registrations
from budapest_desk.core.events import EventRow
from budapest_desk.core.importing.prepare import prepare
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.core.roster import RosterFilter
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.events.export_dialogs import export_roster, file_stem, save_template
from budapest_desk.ui.ops import OperationRunner

InDb = Callable[[Callable[[Any], Any]], Any]

PEOPLE = [
    ("Gyöngyvér", "Kovács", "gy.kovacs@bm.gov.hu", "HU", RegistrationStatus.CONFIRMED),
    ("Ольга", "Петрова", "olga.petrova@mid.ru", "RU", RegistrationStatus.CONFIRMED),
    ("Mehmet", "Öztürk", "m.ozturk@icisleri.gov.tr", "TR", RegistrationStatus.PENDING),
]


@pytest.fixture
def event(in_db: InDb) -> EventRow:
    def arrange(session: Any) -> EventRow:
        row = events.create_event(
            session, events.EventInput("Budapest Process: SOM", dt.date(2027, 5, 12))
        )
        for first, last, email, country, status in PEOPLE:
            person = PersonInput(first, last, email, country)
            registrations.create_registration(
                session, row.id, RegistrationInput(person, status, delegation_country=country)
            )
        return row

    made: EventRow = in_db(arrange)
    return made


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def wait_for_box(qtbot: QtBot, parent: QWidget) -> str:
    """The text of the "done" message over `parent`, closed once read."""
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "exportDone") is not None)
    box = parent.findChild(QMessageBox, "exportDone")
    assert box is not None
    text = box.text()
    box.close()
    return text


def test_roster_as_xlsx(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, parent: QWidget, tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    export_roster(parent, ops, event, RosterFilter(), path)
    assert wait_for_box(qtbot, parent) == f"Exported 3 registrations to {path}"
    book = openpyxl.load_workbook(path, read_only=True)
    cells = {
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    }
    assert {"Gyöngyvér", "Петрова", "Öztürk"} <= cells
    book.close()


def test_roster_as_semicolon_csv_keeps_the_filter(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, parent: QWidget, tmp_path: Path
) -> None:
    path = tmp_path / "confirmed"  # no suffix typed: the format's is added
    confirmed = RosterFilter(statuses=frozenset({RegistrationStatus.CONFIRMED}))
    messages: list[str] = []
    export_roster(parent, ops, event, confirmed, path, "csv-semicolon", on_done=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    written = tmp_path / "confirmed.csv"
    assert messages == [f"Exported 2 registrations to {written}"]
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    header, rows = lines[0], lines[1:]
    assert len(header) > 3
    assert len(rows) == 2
    names = {cell for row in rows for cell in row}
    assert {"Gyöngyvér", "Ольга"} <= names
    assert "Mehmet" not in names


def test_roster_as_comma_csv_from_the_suffix(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, parent: QWidget, tmp_path: Path
) -> None:
    path = tmp_path / "roster.csv"
    export_roster(parent, ops, event, RosterFilter(), path)
    wait_for_box(qtbot, parent)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 4


def test_registration_template_reimports_without_mapping(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, parent: QWidget, tmp_path: Path
) -> None:
    path = tmp_path / f"{file_stem(event, 'registration template')}.xlsx"
    save_template(parent, ops, event, path)
    assert wait_for_box(qtbot, parent) == f"Saved the registration template to {path}"
    assert path.name == "Budapest Process SOM - registration template.xlsx"
    assert prepare(path).template
