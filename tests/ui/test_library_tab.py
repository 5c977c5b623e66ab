"""The Library tab: create, edit and delete a document, and add files as versions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from budapest_desk.core import events, library
from budapest_desk.core.database import Database
from budapest_desk.core.events import EventInput
from budapest_desk.core.library import DocumentInput
from budapest_desk.db.enums import AccessLevel, DocumentKind
from budapest_desk.ui.library.editor import DocumentEditor
from budapest_desk.ui.library.tab import LibraryTab, file_size
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import click_save, open_dialog, shown


def _blobs(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]


def test_create_edit_delete_document(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    qtmodeltester: ModelTester,
) -> None:
    event = in_db(
        lambda s: events.create_event(
            s, EventInput(title="Working group on return", start_date=dt.date(2021, 9, 14))
        )
    )
    tab = shown(qtbot, LibraryTab(ops))
    assert tab.model.rowCount() == 0

    tab.new_action.trigger()
    editor = open_dialog(DocumentEditor)
    qtbot.waitUntil(lambda: editor.event_combo.count() == 2)
    qtbot.keyClicks(editor.title_edit, "Draft agenda")
    editor.kind.setCurrentIndex(editor.kind.findData(DocumentKind.AGENDA))
    editor.access.setCurrentIndex(editor.access.findData(AccessLevel.MEMBERS))
    editor.event_combo.setCurrentIndex(editor.event_combo.findData(event.id))
    qtbot.keyClicks(editor.tags, "agenda, return")
    editor.description.setPlainText("The agenda as sent to the members.")
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    saved = in_db(library.list_documents)[0]
    assert (saved.title, saved.kind, saved.access_level, saved.event_id, saved.tags) == (
        "Draft agenda",
        DocumentKind.AGENDA,
        AccessLevel.MEMBERS,
        event.id,
        ("agenda", "return"),
    )
    assert tab.current_id() == saved.id
    assert tab.model.index(0, 2).data() == "Working group on return"
    qtmodeltester.check(tab.model)

    tab.edit_action.trigger()
    editor = open_dialog(DocumentEditor)
    assert editor.event_combo.currentData() == event.id  # before the event list arrives
    qtbot.waitUntil(lambda: editor.event_combo.count() == 2)
    assert editor.event_combo.currentData() == event.id
    editor.title_edit.setText("Agenda – final")
    editor.event_combo.setCurrentIndex(0)
    click_save(qtbot, editor)
    qtbot.waitUntil(lambda: tab.model.rows and tab.model.rows[0].title == "Agenda – final")
    edited = in_db(lambda s: library.get_document(s, saved.id))
    assert (edited.event_id, edited.kind) == (None, DocumentKind.AGENDA)

    tab.delete_action.trigger()
    box = tab.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    wait_idle()
    assert in_db(library.list_documents) == []


def test_add_file_stores_each_content_once(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    sqlite_database: Database,
    tmp_path: Path,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = in_db(lambda s: library.create_document(s, DocumentInput(title="Concept note")))
    tab = shown(qtbot, LibraryTab(ops))
    assert not tab.add_file_action.isEnabled()
    tab.select_id(doc.id)
    assert tab.add_file_action.isEnabled()
    assert not tab.open_file_action.isEnabled()

    content = "Concept note of the Budapest Process – Silk Routes\n".encode() * 100
    first = tmp_path / "concept-note.txt"
    first.write_bytes(content)
    tab.add_file(first)
    qtbot.waitUntil(lambda: tab.model.rows[0].versions == 1)
    wait_idle()
    row = in_db(lambda s: library.get_document(s, doc.id))
    assert (row.versions, row.latest_filename, row.latest_size) == (1, first.name, len(content))
    sha = hashlib.sha256(content).hexdigest()
    library_dir = ops.db.library_dir() if ops.db else None
    assert library_dir is not None
    assert library_dir == sqlite_database.library_dir()
    blob = library.blob_path(library_dir, sha)
    assert blob.read_bytes() == content
    assert tab.current_id() == doc.id
    assert tab.open_file_action.isEnabled()
    assert tab.model.index(0, 6).data() == "concept-note.txt"
    assert tab.model.index(0, 7).data() == file_size(len(content)) == "5.2 KB"

    same = tmp_path / "concept-note-copy.txt"
    same.write_bytes(content)
    tab.add_file(same)
    qtbot.waitUntil(lambda: tab.model.rows[0].versions == 2)
    wait_idle()
    row = in_db(lambda s: library.get_document(s, doc.id))
    assert (row.versions, row.latest_filename) == (2, same.name)
    assert _blobs(library_dir) == [blob]
    qtmodeltester.check(tab.model)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    tab.open_file_action.trigger()
    qtbot.waitUntil(lambda: bool(opened))
    copy = Path(opened[0].toLocalFile())
    assert copy.name == same.name
    assert copy.read_bytes() == content


def test_adding_a_missing_file_changes_nothing(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
    tmp_path: Path,
) -> None:
    doc = in_db(lambda s: library.create_document(s, DocumentInput(title="Minutes")))
    tab = shown(qtbot, LibraryTab(ops))
    tab.select_id(doc.id)
    errors: list[str] = []
    ops.user_error.connect(errors.append)
    tab.add_file(tmp_path / "gone.pdf")
    wait_idle()
    assert len(errors) == 1
    assert "does not exist" in errors[0]
    box = tab.findChild(QMessageBox, "userErrorBox")
    assert box is not None
    box.close()
    assert in_db(lambda s: library.get_document(s, doc.id)).versions == 0


def test_document_without_title_is_refused_in_the_form(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: Callable[[Any], Any],
) -> None:
    tab = shown(qtbot, LibraryTab(ops))
    tab.new_action.trigger()
    editor = open_dialog(DocumentEditor)
    qtbot.keyClicks(editor.tags, "photos")
    click_save(qtbot, editor)
    wait_idle()
    qtbot.waitUntil(lambda: editor.error_label.isVisible())
    assert "Title is required" in editor.error_label.text()
    assert editor.isVisible()
    assert in_db(library.list_documents) == []
    editor.reject()


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KB"), (5 * 1024**2, "5.0 MB"), (3 << 30, "3.0 GB")],
)
def test_file_size(size: int, text: str) -> None:
    assert file_size(size) == text
