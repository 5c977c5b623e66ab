"""The Output dialog: badges, the list of participants and the report of an event, with a live
preview; saved and printed files read back, badges marked printed, the calibration kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from budapest_desk.core import events, registrations
from budapest_desk.core.demo import group_photo_png
from budapest_desk.core.events import EventRow
from budapest_desk.core.participants import Variant
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.db.models import Registration
from budapest_desk.exporters.label_sheets import Calibration, load_calibrations
from budapest_desk.ui.events import output_files
from budapest_desk.ui.events.import_common import last_folder
from budapest_desk.ui.events.output_dialog import OutputDialog
from budapest_desk.ui.events.tab import EventsPage
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import open_dialog, shown

InDb = Callable[[Callable[[Any], Any]], Any]

# first, last, country, status, category, on the distributed list
PEOPLE = [
    ("Gyöngyvér", "Kovács", "HU", S.CONFIRMED, "Head of delegation", True),
    ("Ольга", "Петрова", "RU", S.CONFIRMED, "Head of delegation", True),
    ("Νίκος", "Κωστόπουλος", "GR", S.CONFIRMED, "Delegate", True),
    ("Mehmet", "Öztürk", "TR", S.CONFIRMED, "Delegate", False),
    ("Anna", "Zimmermann", "AT", S.CONFIRMED, "Observer", True),
    ("Ion", "Popescu", "RO", S.PENDING, "Delegate", True),
]
A4 = (595.3, 841.9)
A6 = (297.6, 419.5)
LETTER = (612.0, 792.0)


@pytest.fixture
def arranged(in_db: InDb) -> tuple[EventRow, list[int]]:
    def arrange(session: Any) -> tuple[EventRow, list[int]]:
        row = events.create_event(
            session,
            events.EventInput("Budapest Process: SOM", dt.date(2027, 5, 12), dt.date(2027, 5, 13)),
        )
        category = {c.name: c.id for c in registrations.list_categories(session)}
        ids = []
        for i, (first, last, country, status, kind, consent) in enumerate(PEOPLE):
            person = PersonInput(first, last, f"p{i}@example.org", country)
            made = registrations.create_registration(
                session, row.id,
                RegistrationInput(person, status, category[kind], delegation_country=country,
                                  list_consent=consent),
            )  # fmt: skip
            ids.append(made.id)
        return events.get_event(session, row.id), ids

    made: tuple[EventRow, list[int]] = in_db(arrange)
    return made


@pytest.fixture
def event(arranged: tuple[EventRow, list[int]]) -> EventRow:
    return arranged[0]


@pytest.fixture
def errors_shown(ops: OperationRunner) -> list[str]:
    """UserErrors the runner showed as a message box (a preview's must not be one)."""
    shown_: list[str] = []
    ops.user_error.connect(shown_.append)
    return shown_


def make_dialog(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, selected: Sequence[int] = ()
) -> OutputDialog:
    dialog = OutputDialog(ops, event, selected)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def dialog(qtbot: QtBot, ops: OperationRunner, event: EventRow) -> Iterator[OutputDialog]:
    made = make_dialog(qtbot, ops, event)
    yield made
    made.close()


def settled(dialog: OutputDialog, ops: OperationRunner) -> bool:
    return ops.idle and dialog.ready and not dialog._timer.isActive()


def wait_preview(qtbot: QtBot, dialog: OutputDialog, ops: OperationRunner) -> QPdfDocument:
    """Wait until the preview is up to date and shown; its document."""
    document = dialog.document

    def shown_() -> bool:
        return (
            settled(dialog, ops)
            and dialog.stack.currentWidget() is dialog.view
            and document.status() == QPdfDocument.Status.Ready
            and document.pageCount() >= 1
        )

    qtbot.waitUntil(shown_, timeout=20_000)
    return document


def wait_notice(qtbot: QtBot, dialog: OutputDialog, ops: OperationRunner) -> str:
    qtbot.waitUntil(
        lambda: settled(dialog, ops) and dialog.stack.currentWidget() is dialog.notice,
        timeout=20_000,
    )
    return dialog.notice.text()


def page_size(document: QPdfDocument) -> tuple[float, float]:
    size = document.pagePointSize(0)
    return round(size.width(), 1), round(size.height(), 1)


def choose(combo: Any, data: object) -> None:
    """Pick the item whose data is `data` (findData misses dates)."""
    index = next(i for i in range(combo.count()) if combo.itemData(i) == data)
    combo.setCurrentIndex(index)


def set_checks(box: Any, wanted: Callable[[object], bool]) -> None:
    for i in range(box.count()):
        item = box.item(i)
        on = wanted(item.data(Qt.ItemDataRole.UserRole))
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> None:
    def fake(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_status(qtbot: QtBot, dialog: OutputDialog, start: str) -> str:
    qtbot.waitUntil(lambda: dialog.status.text().startswith(start), timeout=30_000)
    return dialog.status.text()


def pdf_pages(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def printed_at(in_db: InDb) -> dict[int, dt.datetime | None]:
    def read(session: Any) -> dict[int, dt.datetime | None]:
        stmt = select(Registration.id, Registration.badge_printed_at)
        return {row.id: row.badge_printed_at for row in session.execute(stmt)}

    result: dict[int, dt.datetime | None] = in_db(read)
    return result


# ---- preview ---------------------------------------------------------------------------------
def test_opening_shows_a_preview_of_the_confirmed_badges(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog
) -> None:
    document = wait_preview(qtbot, dialog, ops)
    assert page_size(document) == A4  # the default: 4 A6 badges on A4
    assert dialog.summary.text() == "5 badges on 2 sheets"
    assert dialog.windowTitle() == "Badges and lists — Budapest Process: SOM"
    assert not dialog.choices.badges.only_selected.isEnabled()
    assert dialog.save_button.isEnabled()
    assert dialog.print_button.isEnabled()


def test_a_new_layout_makes_a_new_preview_at_its_page_size(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog
) -> None:
    wait_preview(qtbot, dialog, ops)
    choose(dialog.choices.badges.layout_combo, "a6")
    qtbot.waitUntil(lambda: page_size(wait_preview(qtbot, dialog, ops)) == A6, timeout=20_000)
    assert dialog.summary.text() == "5 badges on 5 sheets"
    choose(dialog.choices.badges.layout_combo, "avery-5392")
    qtbot.waitUntil(lambda: page_size(wait_preview(qtbot, dialog, ops)) == LETTER)


def test_a_preview_queued_before_a_problem_does_not_replace_its_notice(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog, wait_idle: Callable[[], None]
) -> None:
    wait_preview(qtbot, dialog, ops)
    choose(dialog.choices.badges.layout_combo, "avery-5392")
    dialog.refresh()  # a preview queued on the worker...
    set_checks(dialog.choices.badges.statuses, lambda s: False)
    dialog.refresh()  # ...then a choice that leaves nothing to preview
    wait_idle()  # the queued preview has finished by now
    assert dialog.stack.currentWidget() is dialog.notice
    assert dialog.notice.text() == "Tick at least one status."


def test_the_filters_choose_who_gets_a_badge(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog, errors_shown: list[str]
) -> None:
    wait_preview(qtbot, dialog, ops)
    set_checks(dialog.choices.badges.statuses, lambda s: s in {S.CONFIRMED, S.PENDING})
    qtbot.waitUntil(lambda: dialog.summary.text() == "6 badges on 2 sheets", timeout=20_000)
    heads = {c.id for c in dialog.choices.badges.categories_shown if c.name == "Head of delegation"}
    set_checks(dialog.choices.badges.categories, lambda c: c in heads)
    qtbot.waitUntil(lambda: dialog.summary.text() == "2 badges on 1 sheet", timeout=20_000)
    set_checks(dialog.choices.badges.statuses, lambda s: s == S.DECLINED)
    assert "No registration matches" in wait_notice(qtbot, dialog, ops)
    assert not errors_shown  # in place of the preview, not a message box
    set_checks(dialog.choices.badges.statuses, lambda s: False)
    assert wait_notice(qtbot, dialog, ops) == "Tick at least one status."
    assert not dialog.save_button.isEnabled()
    assert not dialog.print_button.isEnabled()


def test_only_the_registrations_selected_in_the_roster(
    qtbot: QtBot, ops: OperationRunner, arranged: tuple[EventRow, list[int]]
) -> None:
    event, ids = arranged
    dialog = make_dialog(qtbot, ops, event, ids[:2])
    only = dialog.choices.badges.only_selected
    assert only.isEnabled()
    assert only.isChecked()
    assert only.text().replace("&", "") == "Only the selected registrations (2)"
    wait_preview(qtbot, dialog, ops)
    assert dialog.summary.text() == "2 badges on 1 sheet"
    only.setChecked(False)
    qtbot.waitUntil(lambda: dialog.summary.text() == "5 badges on 2 sheets", timeout=20_000)
    dialog.close()


def test_a_logo_is_chosen_and_cleared_and_a_broken_one_is_explained(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[str],
) -> None:
    wait_preview(qtbot, dialog, ops)
    badges = dialog.choices.badges
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(broken), ""))
    )
    badges.choose_logo()
    assert badges.logo_name.text() == "logo.png"
    assert "cannot be read as a picture" in wait_notice(qtbot, dialog, ops)
    assert not errors_shown
    broken.write_bytes(group_photo_png())
    badges.set_logo(broken)
    wait_preview(qtbot, dialog, ops)
    qtbot.mouseClick(badges.clear_logo, Qt.MouseButton.LeftButton)
    assert badges.logo is None
    assert badges.logo_name.text() == ""
    assert not badges.clear_logo.isEnabled()
    wait_preview(qtbot, dialog, ops)


# ---- save ------------------------------------------------------------------------------------
def test_saved_badges_are_marked_printed(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    arranged: tuple[EventRow, list[int]],
    in_db: InDb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[str],
) -> None:
    ids = arranged[1]
    wait_preview(qtbot, dialog, ops)
    assert not any(printed_at(in_db).values())
    path = tmp_path / "badges.pdf"
    answer_save_dialog(monkeypatch, path)
    click(qtbot, dialog.save_button)
    text = wait_status(qtbot, dialog, "Saved")
    assert text == f"Saved 5 badges to {path}; marked as printed."
    assert pdf_pages(path) == 2  # 4 badges a sheet
    printed = printed_at(in_db)
    assert all(printed[i] is not None for i in ids[:5])
    assert printed[ids[5]] is None  # pending: no badge

    dialog.choices.badges.only_unprinted.setChecked(True)
    assert wait_notice(qtbot, dialog, ops).startswith("Nothing to print")
    assert not errors_shown


def test_ctrl_s_saves_adds_the_suffix_and_remembers_the_folder(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wait_preview(qtbot, dialog, ops)
    answer_save_dialog(monkeypatch, tmp_path / "som")
    dialog.choices.badges.name_format.setCurrentIndex(2)
    wait_preview(qtbot, dialog, ops)
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_status(qtbot, dialog, "Saved")
    assert (tmp_path / "som.pdf").is_file()
    assert last_folder("export") == str(tmp_path)


def test_the_list_of_participants_is_saved(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    in_db: InDb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog.choices.set_output("participants")
    wait_preview(qtbot, dialog, ops)
    # Mehmet did not agree to be on the list that is handed out
    assert dialog.summary.text().startswith("4 participants in 4 delegations")
    assert not dialog.choices.day.isEnabled()
    choose(dialog.choices.variant, Variant.SIGN_IN)
    choose(dialog.choices.day, dt.date(2027, 5, 13))
    choose(dialog.choices.orientation, "landscape")
    assert dialog.choices.day.isEnabled()
    assert not dialog.choices.email.isEnabled()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("5 participants"), timeout=20_000)
    width, height = page_size(wait_preview(qtbot, dialog, ops))
    assert width > height
    path = tmp_path / "sign-in.pdf"
    answer_save_dialog(monkeypatch, path)
    click(qtbot, dialog.save_button)
    assert wait_status(qtbot, dialog, "Saved") == f"Saved the list of 5 participants to {path}."
    assert pdf_pages(path) >= 1
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Zimmermann" in text
    assert not any(printed_at(in_db).values())  # only badges are marked


@pytest.mark.parametrize(("chosen", "suffix"), [("PDF (*.pdf)", ".pdf"),
                                                ("Excel workbook (*.xlsx)", ".xlsx")])  # fmt: skip
def test_the_report_is_saved_as_pdf_or_xlsx(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen: str,
    suffix: str,
) -> None:
    dialog.choices.set_output("report")
    wait_preview(qtbot, dialog, ops)
    assert dialog.save_button.text().replace("&", "") == "Save…"
    answer_save_dialog(monkeypatch, tmp_path / "report", chosen)
    click(qtbot, dialog.save_button)
    path = tmp_path / f"report{suffix}"
    assert wait_status(qtbot, dialog, "Saved") == f"Saved the report to {path}."
    if suffix == ".pdf":
        assert pdf_pages(path) >= 1
    else:
        book = openpyxl.load_workbook(path, read_only=True)
        assert book.sheetnames
        book.close()


# ---- print -----------------------------------------------------------------------------------
def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_sends_every_page_and_marks_badges_printed(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    in_db: InDb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wait_preview(qtbot, dialog, ops)
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def fake_dialog(_parent: QWidget, printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(output_files, "ask_printer", fake_dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.print_button.isEnabled)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    text = wait_status(qtbot, dialog, "Printed")
    assert text == f"Printed 5 badges on {out}; marked as printed."
    assert len(asked) == 1
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox  # the badges' A4 sheet, at its size
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert sum(at is not None for at in printed_at(in_db).values()) == 5


def test_printing_the_report_on_a_given_printer(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog, tmp_path: Path
) -> None:
    dialog.choices.set_output("report")
    document = wait_preview(qtbot, dialog, ops)
    pages = document.pageCount()  # the report's preview is the whole report
    assert dialog.summary.text() == f"{pages} pages"
    out = tmp_path / "report-printed.pdf"
    dialog.print_(pdf_printer(out))
    assert wait_status(qtbot, dialog, "Printed") == f"Printed the report on {out}."
    assert pdf_pages(out) == pages


def test_a_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot,
    ops: OperationRunner,
    dialog: OutputDialog,
    in_db: InDb,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wait_preview(qtbot, dialog, ops)
    asked: list[bool] = []

    def refuse(_parent: QWidget, _printer: QPrinter) -> bool:
        asked.append(True)
        return False

    monkeypatch.setattr(output_files, "ask_printer", refuse)
    click(qtbot, dialog.print_button)
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    qtbot.waitUntil(dialog.print_button.isEnabled)
    assert not any(printed_at(in_db).values())
    assert dialog.status.text() == ""


# ---- calibration -----------------------------------------------------------------------------
def test_a_changed_calibration_is_saved_for_the_layout(
    qtbot: QtBot, ops: OperationRunner, event: EventRow, dialog: OutputDialog
) -> None:
    wait_preview(qtbot, dialog, ops)
    dialog.choices.badges.dx.setValue(1.5)
    dialog.choices.badges.dy.setValue(-2.0)
    qtbot.waitUntil(
        lambda: load_calibrations().get("a6-4up") == Calibration(1.5, -2.0), timeout=20_000
    )
    choose(dialog.choices.badges.layout_combo, "avery-l7418")  # its own, none yet
    assert (dialog.choices.badges.dx.value(), dialog.choices.badges.dy.value()) == (0.0, 0.0)
    wait_preview(qtbot, dialog, ops)
    assert "avery-l7418" not in load_calibrations()
    dialog.close()

    again = make_dialog(qtbot, ops, event)
    wait_preview(qtbot, again, ops)
    assert (again.choices.badges.dx.value(), again.choices.badges.dy.value()) == (1.5, -2.0)
    assert again.choices.badges.dx.maximum() == 10.0
    assert again.choices.badges.dx.singleStep() == 0.5
    again.close()


def test_a_calibration_typed_just_before_changing_the_layout_is_kept(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog, wait_idle: Callable[[], None]
) -> None:
    wait_preview(qtbot, dialog, ops)
    dialog.choices.badges.dx.setValue(1.5)
    choose(dialog.choices.badges.layout_combo, "a6")  # before the preview's pause is over
    dialog.choices.set_output("report")
    wait_idle()
    assert load_calibrations().get("a6-4up") == Calibration(1.5, 0.0)
    assert "a6" not in load_calibrations()


def test_closing_removes_the_temporary_folder(
    qtbot: QtBot, ops: OperationRunner, dialog: OutputDialog, wait_idle: Callable[[], None]
) -> None:
    wait_preview(qtbot, dialog, ops)
    folder = dialog.folder
    assert any(folder.glob("preview-*.pdf"))
    dialog.choices.set_output("report")  # a preview still to come when the window closes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    wait_idle()
    assert not folder.exists()


# ---- from the roster -------------------------------------------------------------------------
def test_the_roster_opens_the_dialog_with_its_selection(
    qtbot: QtBot, ops: OperationRunner, arranged: tuple[EventRow, list[int]]
) -> None:
    page = shown(qtbot, EventsPage(ops))
    page.events.select_id(arranged[0].id)
    roster = page.roster
    qtbot.waitUntil(lambda: roster.model.rowCount() == len(PEOPLE))
    more = next(m for m in roster.findChildren(QMenu) if m.title() == "More")
    assert roster.output_action in more.actions()
    assert roster.output_action.text() == "&Badges and lists…"
    assert roster.output_action.shortcut().toString() == "Ctrl+P"
    roster.table.selectRow(0)
    roster.activateWindow()
    roster.table.setFocus()
    qtbot.keyClick(roster.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(OutputDialog)
    assert dialog.choices.badges.only_selected.isChecked()
    assert dialog.choices.badges.only_selected.text().endswith("(1)")
    wait_preview(qtbot, dialog, ops)
    assert dialog.summary.text() == "1 badge on 1 sheet"
    dialog.close()
