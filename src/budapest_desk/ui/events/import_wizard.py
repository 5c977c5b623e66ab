"""The import wizard: registrations from a file into an event, in four pages.

File (which file, sheet or encoding, where the header is) → Columns (which field each column
holds; skipped for our own registration template) → Check (every row checked, nothing written)
→ Import (backup, then all rows in one transaction). Every file read and database call goes
through the operation runner, so the window never freezes; a check or an import can be
cancelled at any time, and a cancelled import leaves nothing behind.

The pages live in import_*_page.py and share an ImportState (import_common.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from budapest_desk.core.events import EventRow
from budapest_desk.ui.events.import_apply_page import ImportPage
from budapest_desk.ui.events.import_check_page import CheckPage
from budapest_desk.ui.events.import_columns_page import ColumnsPage
from budapest_desk.ui.events.import_common import (
    CHECK_PAGE,
    COLUMNS_PAGE,
    FILE_PAGE,
    IMPORT_PAGE,
    ImportState,
)
from budapest_desk.ui.events.import_file_page import FilePage
from budapest_desk.ui.ops import OperationRunner


class ImportWizard(QWizard):
    """Open with open(); the caller deletes it when finished. `path` starts with that file
    already chosen (the command line's "open with", and the tests)."""

    applying = Signal()  # the import's database work is about to be queued
    imported = Signal(object)  # ImportResult, once the import is committed

    def __init__(
        self,
        ops: OperationRunner,
        event: EventRow,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(f"Import registrations: {event.title}")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Import")
        self.state = ImportState(ops, event)
        self.file_page = FilePage(self.state, path)
        self.columns_page = ColumnsPage(self.state)
        self.check_page = CheckPage(self.state)
        self.import_page = ImportPage(self.state)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(COLUMNS_PAGE, self.columns_page)
        self.setPage(CHECK_PAGE, self.check_page)
        self.setPage(IMPORT_PAGE, self.import_page)
        self.import_page.applying.connect(self.applying)
        self.import_page.imported.connect(self.imported)
        self._closing = False
        self.check_page.idle.connect(self._check_ended)
        self.resize(1000, 700)

    def cancel_work(self) -> None:
        """Cancel what the wizard is running, the check or the import, as the progress
        dialog's Cancel button does: a cancelled import is rolled back entirely."""
        self.state.cancel.cancel()

    def reject(self) -> None:
        """Cancel, Esc or closing the window. During the import the wizard cancels it and
        stays open to say so. A check still running is cancelled and the wizard closes once
        it has stopped (the runner still holds its progress dialog, a child of the wizard)."""
        self.cancel_work()
        if self.import_page.busy:
            return
        if self.check_page.checking:
            self._closing = True
            return
        super().reject()

    def _check_ended(self) -> None:
        if self._closing:
            self._closing = False
            super().reject()

    def done(self, result: int) -> None:
        # QWizard.done is also the Finish button's way in, and returns without closing when
        # the page refuses (the Import page's first click starts the import).
        super().done(result)
        if not self.isVisible():
            self.state.use(None)  # a plan of 100,000 rows is not kept by a closed wizard
