"""Library: documents with their kind, event, access level and latest file; create, edit,
delete, add a file as a new version, open the latest file."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import library
from budapest_desk.core.library import DocumentRow
from budapest_desk.ui.common.forms import FormDialog, label_of
from budapest_desk.ui.common.list_tab import ListTab
from budapest_desk.ui.common.table import Column
from budapest_desk.ui.library.editor import DocumentEditor

# Title, Event and Latest file are the long ones: capped so that all columns fit 1100 pixels.


def file_size(size: int) -> str:
    """1536 -> '1.5 KB'."""
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"


class LibraryTab(ListTab[DocumentRow]):
    noun = "document"
    plural = "documents"
    kinds = frozenset({"documents", "events"})

    def columns(self) -> Sequence[Column[DocumentRow]]:
        return [
            Column("Title", lambda r: r.title),
            Column("Kind", lambda r: label_of(r.kind)),
            Column("Event", lambda r: r.event_title),
            Column("Access", lambda r: label_of(r.access_level)),
            Column("Language", lambda r: r.language),
            Column(
                "Versions",
                lambda r: str(r.versions),
                sort_key=lambda r: r.versions,
                align_right=True,
            ),
            Column("Latest file", lambda r: r.latest_filename),
            Column(
                "Size",
                lambda r: file_size(r.latest_size) if r.versions else "",
                sort_key=lambda r: r.latest_size,
                align_right=True,
            ),
        ]

    def add_actions(self) -> None:
        self.toolbar.addSeparator()
        self.add_file_action = self._action(
            "&Add file…", QKeySequence("Ctrl+Shift+A"), self.choose_file
        )
        self.open_file_action = self._action(
            "&Open file", QKeySequence("Ctrl+Shift+O"), self.open_latest
        )

    def _update_actions(self) -> None:
        super()._update_actions()
        rows = self.selected_rows()
        self.add_file_action.setEnabled(len(rows) == 1)
        self.open_file_action.setEnabled(len(rows) == 1 and rows[0].versions > 0)

    def load(self, session: Session) -> Sequence[DocumentRow]:
        return library.list_documents(session)

    def editor(self, row: DocumentRow | None) -> FormDialog:
        return DocumentEditor(self.ops, row, parent=self)

    def delete_op(self, row: DocumentRow) -> Callable[[Session], Any]:
        return lambda s: library.delete_document(s, row.id)

    def describe(self, row: DocumentRow) -> str:
        versions = f" and its {row.versions} versions" if row.versions > 1 else ""
        return f"the document “{row.title}”{versions}"

    # ---- files -------------------------------------------------------------------------
    def _single(self) -> DocumentRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def choose_file(self) -> None:
        row = self._single()
        if row is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, f"Add a file to “{row.title}”")
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Store `path` in the library as the selected document's next version."""
        row = self._single()
        if row is None or self.ops.db is None:
            return
        library_dir, document_id = self.ops.db.library_dir(), row.id
        self.ops.run(
            lambda s: library.add_version(s, library_dir, document_id, path),
            changes={"documents"},
            on_done=lambda _row: setattr(self, "_select_after_load", document_id),
            parent=self,
        )

    def open_latest(self) -> None:
        """Open the selected document's latest file in the program the desktop chooses."""
        row = self._single()
        if row is None or self.ops.db is None:
            return
        library_dir, document_id = self.ops.db.library_dir(), row.id

        def copy_out(session: Session) -> Path:
            target = Path(tempfile.mkdtemp(prefix="budapest-desk-open-"))
            return library.copy_latest_version(session, library_dir, document_id, target)

        def open_copy(path: Path) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self.ops.run(copy_out, on_done=open_copy, parent=self)


def make_tab(ops: Any, parent: QWidget | None = None) -> LibraryTab:
    return LibraryTab(ops, parent)
