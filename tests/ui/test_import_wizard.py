"""The import wizard, page by page, through the real widgets, on real files and a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from budapest_desk.core import events, registrations, roster
from budapest_desk.core.events import EventRow
from budapest_desk.core.importing.fields import LABELS, Field
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.events.import_apply_page import CANCELLED_TEXT
from budapest_desk.ui.events.import_common import (
    CHECK_PAGE,
    COLUMNS_PAGE,
    FILE_PAGE,
    IMPORT_PAGE,
)
from budapest_desk.ui.events.import_wizard import ImportWizard
from budapest_desk.ui.ops import OperationRunner

Button = QWizard.WizardButton
InDb = Callable[[Callable[[Any], Any]], Any]

# A delegation's list as Excel on a Central European Windows saves it: Windows-1250, semicolons,
# a title line and a blank line above the header.
CP1250_CSV = (
    "Delegation of Hungary and Poland;;;;\r\n"
    "\r\n"
    "First name;Last name;E-mail;Country;Organisation\r\n"
    "Gyöngyvér;Kovács;gy.kovacs@bm.gov.hu;Hungary;Belügyminisztérium\r\n"
    "Łukasz;Wiśniewski;l.wisniewski@mswia.gov.pl;Poland;Straż Graniczna\r\n"
    "Ştefan;Dumitrescu;stefan.d@mai.gov.ro;RO;Poliţia de Frontieră\r\n"
).encode("cp1250")


@pytest.fixture
def event(in_db: InDb) -> EventRow:
    data = events.EventInput("Budapest Process SOM", dt.date(2027, 5, 12), capacity=None)
    row: EventRow = in_db(lambda s: events.create_event(s, data))
    return row


def roster_of(in_db: InDb, event: EventRow) -> list[RegistrationRow]:
    return list(in_db(lambda s: list(roster.iter_roster(s, event.id))))


def open_wizard(qtbot: QtBot, ops: OperationRunner, event: EventRow, path: Path) -> ImportWizard:
    wizard = ImportWizard(ops, event, None, path=path)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    return wizard


def next_page(qtbot: QtBot, wizard: ImportWizard, expected: int) -> None:
    button = wizard.button(Button.NextButton)
    assert button.isEnabled(), "Next is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == expected
    if expected == CHECK_PAGE:
        qtbot.waitUntil(lambda: not wizard.check_page.checking, timeout=20_000)


def import_now(qtbot: QtBot, wizard: ImportWizard) -> None:
    finish = wizard.button(Button.FinishButton)
    assert finish.text().replace("&", "") == "Import"
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.import_page.busy, timeout=20_000)


def mapped(wizard: ImportWizard) -> dict[str, str]:
    """Header text -> the field label chosen for it on the Columns page."""
    page = wizard.columns_page
    return {page.table.item(i, 1).text(): c.currentText() for i, c in enumerate(page.combos)}


def no_message_boxes() -> bool:
    return not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


# --------------------------------------------------------------------------------- walks
def test_cp1250_semicolon_csv_with_a_title_row(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    page = wizard.file_page
    assert page.encoding.currentText() == "Detected: Windows-1250 (Central European)"
    assert page.delimiter.currentText() == "Detected: semicolon"
    assert not page.sheet.isVisibleTo(wizard)
    # Rows are numbered as in Excel: the blank line 2 is not shown, the header is row 3.
    labels = [page.table.verticalHeaderItem(r).text() for r in range(page.table.rowCount())]
    assert labels == ["1", "3", "4", "5", "6"]
    assert page.header_spin.value() == 3
    assert page.table.item(3, 0).text() == "Łukasz"

    next_page(qtbot, wizard, COLUMNS_PAGE)
    assert mapped(wizard) == {
        "First name": LABELS[Field.FIRST_NAME],
        "Last name": LABELS[Field.LAST_NAME],
        "E-mail": LABELS[Field.EMAIL],
        "Country": LABELS[Field.COUNTRY],
        "Organisation": LABELS[Field.ORGANISATION],
    }
    assert "Gyöngyvér" in wizard.columns_page.table.item(0, 2).text()
    assert not wizard.columns_page.missing.isVisibleTo(wizard)

    next_page(qtbot, wizard, CHECK_PAGE)
    check = wizard.check_page
    assert check.summary.text() == (
        "3 rows: 3 new, 0 updated, 0 duplicate rows merged, 0 rejected."
    )
    assert not check.template_note.isVisibleTo(wizard)
    assert roster_of(in_db, event) == []  # nothing written by the check

    next_page(qtbot, wizard, IMPORT_PAGE)
    import_now(qtbot, wizard)
    assert "3 registrations created" in wizard.import_page.outcome.text()
    people = {
        (r.first_name, r.last_name, r.country, r.organisation) for r in roster_of(in_db, event)
    }
    assert people == {
        ("Gyöngyvér", "Kovács", "HU", "Belügyminisztérium"),
        ("Łukasz", "Wiśniewski", "PL", "Straż Graniczna"),
        ("Ştefan", "Dumitrescu", "RO", "Poliţia de Frontieră"),
    }
    close = wizard.button(Button.FinishButton)
    assert close.text().replace("&", "") == "Close"
    assert not wizard.button(Button.BackButton).isVisible()
    close.click()
    assert not wizard.isVisible()


def test_xlsx_with_the_attendees_on_the_second_sheet(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Budapest Process: list of participants, as of 2 May"])
    sheet = book.create_sheet("Attendees")
    sheet.append(["Name", "Email", "Country", "Status"])
    sheet.append(["Ольга Петрова", "olga.petrova@mid.ru", "Russian Federation", ""])
    sheet.append(["Nino Beridze", "nino.beridze@mia.gov.ge", "GE", "pending"])
    sheet.append(["Nino Beridze", "NINO.BERIDZE@mia.gov.ge", "Georgia", ""])  # same person
    path = tmp_path / "participants.xlsx"
    book.save(path)

    wizard = open_wizard(qtbot, ops, event, path)
    page = wizard.file_page
    assert page.sheet.isVisibleTo(wizard)
    assert not page.encoding.isVisibleTo(wizard)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Cover", "Attendees"]
    assert page.sheet.currentText() == "Cover"

    page.sheet.setCurrentText("Attendees")  # re-reads the file
    qtbot.waitUntil(lambda: not page.reading and page.table.rowCount() == 4)
    assert page.header_spin.value() == 1
    assert page.table.item(1, 0).text() == "Ольга Петрова"

    next_page(qtbot, wizard, COLUMNS_PAGE)
    assert mapped(wizard)["Name"] == LABELS[Field.FULL_NAME]
    next_page(qtbot, wizard, CHECK_PAGE)
    check = wizard.check_page
    assert check.summary.text() == "3 rows: 2 new, 0 updated, 1 duplicate row merged, 0 rejected."

    # Rows without a status take the default chosen here; changing it checks again.
    check.status.setCurrentIndex(check.status.findData(RegistrationStatus.INVITED))
    qtbot.waitUntil(lambda: not check.checking and wizard.state.plan is not None)
    assert wizard.state.plan.settings.default_status == RegistrationStatus.INVITED

    next_page(qtbot, wizard, IMPORT_PAGE)
    import_now(qtbot, wizard)
    rows = {r.last_name: r for r in roster_of(in_db, event)}
    assert (rows["Петрова"].first_name, rows["Петрова"].status) == (
        "Ольга",
        RegistrationStatus.INVITED,
    )
    assert rows["Beridze"].status == RegistrationStatus.PENDING


def test_the_header_row_can_be_chosen_by_clicking_it(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, tmp_path: Path
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    page = wizard.file_page
    rect = page.table.visualItemRect(page.table.item(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.header_spin.value() == 1
    assert wizard.state.prepared is not None
    assert wizard.state.prepared.header_row == 1
    page.header_spin.setValue(2)  # a blank line: passed over to the next row with cells
    assert page.header_spin.value() == 3
    assert wizard.state.prepared.header[0] == "First name"


# ----------------------------------------------------------------------------- mapping
def test_mapping_corrections_are_checked_saved_and_loaded(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "Given,Family,Contact,Nation,Remarks\r\n"
        "Amira,Haddad,amira.haddad@example.org,Jordan,vegetarian\r\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, ops, event, path)
    next_page(qtbot, wizard, COLUMNS_PAGE)
    columns = wizard.columns_page
    next_button = wizard.button(Button.NextButton)
    for combo in columns.combos:
        combo.setCurrentIndex(0)  # (ignore)
    assert not next_button.isEnabled()
    assert columns.missing.isVisibleTo(wizard)
    for label in ("Email", "First name", "Last name", "Country"):
        assert label in columns.missing.text()

    for combo, field in zip(
        columns.combos,
        [Field.FIRST_NAME, Field.LAST_NAME, Field.EMAIL, Field.COUNTRY, Field.NOTES],
        strict=True,
    ):
        combo.setCurrentIndex(combo.findData(field))
    assert not columns.missing.isVisibleTo(wizard)
    assert next_button.isEnabled()

    # A field already given to a column is refused for another, with the reason.
    notes = columns.combos[4]
    notes.setCurrentIndex(notes.findData(Field.EMAIL))
    assert notes.currentData() == Field.NOTES
    assert columns.refusal.isVisibleTo(wizard)
    assert "column C" in columns.refusal.text()
    assert wizard.state.mapping[2] == Field.EMAIL

    saved = tmp_path / "form-mapping.json"
    columns.save_mapping(saved)
    qtbot.waitUntil(lambda: saved.exists() and "saved" in columns.note.text())
    for combo in columns.combos:
        combo.setCurrentIndex(0)
    columns.load_mapping(saved)
    qtbot.waitUntil(lambda: "loaded" in columns.note.text())
    assert [c.currentData() for c in columns.combos] == [
        Field.FIRST_NAME,
        Field.LAST_NAME,
        Field.EMAIL,
        Field.COUNTRY,
        Field.NOTES,
    ]

    next_page(qtbot, wizard, CHECK_PAGE)
    next_page(qtbot, wizard, IMPORT_PAGE)
    import_now(qtbot, wizard)
    (row,) = roster_of(in_db, event)
    assert (row.first_name, row.last_name, row.country) == ("Amira", "Haddad", "JO")


def test_our_template_needs_no_column_matching(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    template_xlsx = pytest.importorskip(
        "budapest_desk.exporters.template_xlsx", reason="the template exporter is not written yet"
    )
    path = tmp_path / "template.xlsx"
    names = [c.name for c in in_db(registrations.list_categories)]
    template_xlsx.write_template(path, event, names)
    book = openpyxl.load_workbook(path)
    sheet = book["Registrations"]
    header = [c.value for c in sheet[1]]
    values = {
        "First name": "Erzsébet",
        "Last name": "Szőke-Győrffy",
        "Email": "e.szoke@bm.gov.hu",
        "Country": "Hungary",
    }
    for col, label in enumerate(header, start=1):
        sheet.cell(row=2, column=col, value=values.get(str(label)))
    book.save(path)

    wizard = open_wizard(qtbot, ops, event, path)
    assert wizard.state.prepared is not None
    assert wizard.state.prepared.template
    next_page(qtbot, wizard, CHECK_PAGE)  # no Columns page
    assert wizard.check_page.template_note.isVisibleTo(wizard)
    assert wizard.check_page.summary.text().startswith("1 row: 1 new")
    next_page(qtbot, wizard, IMPORT_PAGE)
    import_now(qtbot, wizard)
    assert [r.last_name for r in roster_of(in_db, event)] == ["Szőke-Győrffy"]


# -------------------------------------------------------------------- rejects and cancel
def test_rejected_rows_are_shown_and_reported(
    qtbot: QtBot,
    qtmodeltester: Any,
    ops: OperationRunner,
    event: EventRow,
    in_db: InDb,
    tmp_path: Path,
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "First name,Last name,Email,Country\n"
        "Ana,Popescu,ana.popescu@mai.gov.ro,Romania\n"
        "Jonas,Petraitis,,Lithuania\n"
        "Elif,Yılmaz,elif.yilmaz@icisleri.gov.tr,Atlantis\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, ops, event, path)
    next_page(qtbot, wizard, COLUMNS_PAGE)
    next_page(qtbot, wizard, CHECK_PAGE)
    check = wizard.check_page
    assert check.summary.text() == "3 rows: 1 new, 0 updated, 0 duplicate rows merged, 2 rejected."
    model = check.model
    qtmodeltester.check(model)
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert [row[0] for row in shown] == ["3", "4"]
    assert "email" in shown[0][1]
    assert shown[0][2:4] == ["Jonas", "Petraitis"]
    assert "Atlantis" in shown[1][1]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Reason"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Email"

    report = tmp_path / "rejected.xlsx"
    check.save_rejections(report)
    qtbot.waitUntil(lambda: "saved" in check.report_note.text())
    sheet = openpyxl.load_workbook(report).active
    assert sheet is not None
    lines = [[c.value for c in row] for row in sheet.iter_rows()]
    assert lines[0][:6] == ["Row", "Reason", "First name", "Last name", "Email", "Country"]
    assert [line[0] for line in lines[1:]] == [3, 4]
    assert lines[2][2] == "Elif"

    next_page(qtbot, wizard, IMPORT_PAGE)
    import_now(qtbot, wizard)
    assert "2 rows rejected" in wizard.import_page.outcome.text()
    assert [r.last_name for r in roster_of(in_db, event)] == ["Popescu"]


def test_cancel_during_the_import_imports_nothing(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    next_page(qtbot, wizard, COLUMNS_PAGE)
    next_page(qtbot, wizard, CHECK_PAGE)
    next_page(qtbot, wizard, IMPORT_PAGE)
    back_enabled: list[bool] = []
    wizard.applying.connect(
        lambda: back_enabled.append(wizard.button(Button.BackButton).isEnabled())
    )
    wizard.applying.connect(wizard.cancel_work)  # Cancel the moment the import starts
    import_now(qtbot, wizard)
    assert back_enabled == [False]
    assert wizard.import_page.outcome.text() == CANCELLED_TEXT
    assert roster_of(in_db, event) == []
    assert in_db(lambda s: registrations.count_registrations(s, event.id)) == 0
    assert no_message_boxes()

    # The wizard is still there, and the import can be run again.
    wizard.applying.disconnect(wizard.cancel_work)
    assert wizard.button(Button.BackButton).isEnabled()
    import_now(qtbot, wizard)
    assert len(roster_of(in_db, event)) == 3


def test_esc_during_the_import_cancels_it_and_keeps_the_wizard_open(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, in_db: InDb, tmp_path: Path
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    next_page(qtbot, wizard, COLUMNS_PAGE)
    next_page(qtbot, wizard, CHECK_PAGE)
    next_page(qtbot, wizard, IMPORT_PAGE)
    wizard.applying.connect(wizard.reject)
    import_now(qtbot, wizard)
    assert wizard.isVisible()
    assert wizard.import_page.outcome.text() == CANCELLED_TEXT
    assert roster_of(in_db, event) == []


def test_a_pdf_named_xlsx_is_refused_with_one_message(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, tmp_path: Path
) -> None:
    path = tmp_path / "participants.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    wizard = open_wizard(qtbot, ops, event, path)
    page = wizard.file_page
    assert page.error.isVisibleTo(wizard)
    assert "PDF" in page.error.text()
    assert "Traceback" not in page.error.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    assert wizard.currentId() == FILE_PAGE
    assert not page.options.isVisibleTo(wizard)
    assert page.table.rowCount() == 0
    assert no_message_boxes()

    # Another file, and the wizard goes on.
    good = tmp_path / "delegates.csv"
    good.write_bytes(CP1250_CSV)
    page.load(good)
    qtbot.waitUntil(lambda: page.isComplete())
    assert not page.error.isVisibleTo(wizard)
    assert wizard.button(Button.NextButton).isEnabled()


def test_choosing_another_encoding_reads_the_file_again(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, tmp_path: Path
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    page = wizard.file_page
    page.encoding.setCurrentIndex(page.encoding.findData("cp1252"))
    qtbot.waitUntil(lambda: not page.reading)
    assert page.table.item(3, 0).text() == "£ukasz"  # Ł read as Western European
    page.delimiter.setCurrentIndex(page.delimiter.findData(","))
    qtbot.waitUntil(lambda: not page.reading)
    assert page.table.columnCount() == 1  # no commas: one column
    page.encoding.setCurrentIndex(0)  # back to the detected encoding and delimiter
    page.delimiter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.reading and page.table.columnCount() == 5)
    assert page.table.item(3, 0).text() == "Łukasz"
    assert no_message_boxes()


def test_closing_during_the_check_cancels_it_then_closes(
    qtbot: QtBot,
    ops: OperationRunner,
    event: EventRow,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    path = tmp_path / "delegates.csv"
    path.write_bytes(CP1250_CSV)
    wizard = open_wizard(qtbot, ops, event, path)
    next_page(qtbot, wizard, COLUMNS_PAGE)
    wizard.button(Button.NextButton).click()
    assert wizard.check_page.checking
    wizard.reject()
    assert wizard.isVisible()  # until the runner is done with the check
    qtbot.waitUntil(lambda: not wizard.isVisible())
    wait_idle()
