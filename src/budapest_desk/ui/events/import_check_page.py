"""The wizard's third page: every row checked, nothing written.

It says how many rows would be created, updated, merged and rejected, lists the warnings, and
shows each rejected row with its row number, the reason and the sender's own cells, so that the
secretariat can send a rejection report back and import the valid rows now. The check runs as
long work (progress, Cancel): a 100,000-row file takes seconds.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)
from sqlalchemy.orm import Session

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.importing.plan import ImportPlan, ImportSettings, make_plan
from budapest_desk.core.importing.sources import open_source
from budapest_desk.core.lifecycle import LABELS as STATUS_LABELS
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.exporters.rejections_xlsx import write_rejections
from budapest_desk.ui.events.import_common import (
    EitherCancel,
    ImportState,
    error_label,
    off_thread,
    show_message,
)
from budapest_desk.ui.events.import_rejected import RejectedModel
from budapest_desk.ui.wording import plural

INFO_STYLE = "background: #e4f1e4; border: 1px solid #9cc59c; border-radius: 3px; padding: 6px;"
REASON_WIDTH, CELL_WIDTH = 420, 240
WARNING_LINES = 4  # shown without scrolling
REPORT_FILTER = "Excel workbook (*.xlsx)"
_CANCELLED = "cancelled"


class CheckPage(QWizardPage):
    idle = Signal()  # no check is running any more

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self._request = self._delivered = 0
        self._tasks: set[int] = set()  # the runner's ids of the checks not yet finished
        state.ops.task_done.connect(self._task_finished)
        self.setTitle("Check the rows")
        self.setSubTitle("Every row is checked before anything is written. Nothing is saved yet.")
        self.template_note = QLabel(
            "This is our registration template: columns are known, no matching was needed."
        )
        self.template_note.setObjectName("templateNote")
        self.template_note.setStyleSheet(INFO_STYLE)
        self.status = QComboBox()
        for status, label in STATUS_LABELS.items():
            self.status.addItem(label, status)
        self.status.setCurrentIndex(self.status.findData(RegistrationStatus.CONFIRMED))
        self.status.currentIndexChanged.connect(lambda _i: self.check())
        status_label = QLabel("Default &status for rows without one:")
        status_label.setBuddy(self.status)
        self.again = QPushButton("Check &again")
        self.again.clicked.connect(lambda: self.check())
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.problem = error_label()
        self.problem.setObjectName("checkProblem")
        self.next_hint = QLabel()
        self.next_hint.setWordWrap(True)
        self.warnings_label = QLabel("Warnings (the rows are imported as described):")
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.rejected_label = QLabel(
            "Rejected rows: they are left out, the other rows can be imported. Send the "
            "rejection report to whoever sent the file, to correct and send again."
        )
        self.rejected_label.setWordWrap(True)
        self.model = RejectedModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.report_button = QPushButton("Save &rejection report…")
        self.report_button.clicked.connect(lambda: self.save_rejections())
        self.report_note = QLabel()
        self.report_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.again)
        bottom = QHBoxLayout()
        bottom.addWidget(self.report_note, 1)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_note)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.next_hint)
        layout.addSpacing(6)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.rejected_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addStretch()  # takes the room when there is no table to show

    def initializePage(self) -> None:
        prepared = self.state.prepared
        self.template_note.setVisible(prepared is not None and prepared.template)
        self.report_note.setText("")
        self.check()

    # ---------------------------------------------------------------------- checking
    def check(self) -> None:
        """Check every row of the file with the mapping and default status now chosen. A check
        still running is cancelled; only the newest one's outcome is shown."""
        prepared = self.state.prepared
        if prepared is None:
            return
        self.state.cancel.cancel()
        self.state.default_status = RegistrationStatus(self.status.currentData())
        settings = ImportSettings(
            prepared.header_row, dict(self.state.mapping), self.state.default_status
        )
        event_id, path, options = self.state.event.id, prepared.path, prepared.options
        token = self.state.new_cancel()

        def op(session: Session, progress: ProgressFn, cancel: CancelToken) -> object:
            # Nothing is written, so a refusal or a Cancel can be returned as a value (and the
            # empty transaction committed) to be shown in the page rather than over it.
            try:
                with open_source(path, options) as source:
                    return make_plan(
                        session, event_id, source, settings,
                        progress=progress, cancel=EitherCancel(cancel, token),
                    )  # fmt: skip
            except UserError as exc:
                return exc
            except Cancelled:
                return _CANCELLED

        self._request += 1
        request = self._request
        self.state.plan = None
        self._show(None)
        self.summary.setText("Checking every row…")
        self.completeChanged.emit()
        task = self.state.ops.run_long(
            "Checking the file…",
            op,
            on_done=lambda outcome: self._checked(request, outcome),
            parent=self.window(),
        )
        self._tasks.add(task)

    @property
    def checking(self) -> bool:
        return bool(self._tasks)

    def _task_finished(self, task_id: int) -> None:
        """The runner is done with a task (after its outcome was delivered, if it had one)."""
        if not shiboken6.isValid(self) or task_id not in self._tasks:
            return
        self._tasks.discard(task_id)
        if not self._tasks:
            if self._delivered != self._request:  # a bug stopped it; the runner reported it
                self.summary.setText("The check stopped on an error. Click “Check again”.")
            self.completeChanged.emit()
            self.idle.emit()

    def _checked(self, request: int, outcome: object) -> None:
        if not shiboken6.isValid(self) or request != self._request:
            return  # the wizard was closed meanwhile, or a newer check was started
        self._delivered = request
        if isinstance(outcome, ImportPlan):
            self.state.plan = outcome
            self._show(outcome)
        elif isinstance(outcome, UserError):
            self.summary.setText("The file could not be checked.")
            show_message(self.problem, outcome.message)
        else:
            self.summary.setText("The check was cancelled. Click “Check again” to finish it.")
        self.completeChanged.emit()

    def _show(self, plan: ImportPlan | None) -> None:
        self.model.set_plan(plan)
        show_message(self.problem, "")
        self.next_hint.setText("")
        self._show_warnings(plan.warnings if plan else [])
        rejected = bool(plan and plan.rejected)
        for widget in (self.rejected_label, self.table, self.report_button, self.report_note):
            widget.setVisible(rejected)
        if plan is None:
            return
        self.summary.setText(
            f"{plural(plan.rows, 'row')}: {plan.created:,} new, {plan.updated:,} updated, "
            f"{plural(plan.merged, 'duplicate row')} merged, {len(plan.rejected):,} rejected."
        )
        if not plan.candidates:
            show_message(
                self.problem,
                "No row can be imported. Correct the file (the reasons are below) and choose "
                "it again, or go back and check the columns.",
            )
        elif plan.rejected:
            n = len(plan.candidates)
            who = "the 1 person who can be" if n == 1 else f"the {n:,} people who can be"
            self.next_hint.setText(
                f"Click Next to import {who}; the rejected rows below are left out."
            )
        else:
            self.next_hint.setText("No row was rejected. Click Next to import.")
        self.table.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            cap = REASON_WIDTH if col == 1 else CELL_WIDTH
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), cap))

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warnings.clear()
        self.warnings.addItems(warnings)
        self.warnings_label.setVisible(bool(warnings))
        self.warnings.setVisible(bool(warnings))
        if warnings:
            lines = min(len(warnings), WARNING_LINES)
            frame = 2 * self.warnings.frameWidth() + 4
            self.warnings.setFixedHeight(lines * self.warnings.sizeHintForRow(0) + frame)

    def isComplete(self) -> bool:
        plan = self.state.plan
        return not self.checking and plan is not None and bool(plan.candidates)

    def cleanupPage(self) -> None:
        self.state.cancel.cancel()  # Back during a check: stop it

    # ------------------------------------------------------------------------ report
    def save_rejections(self, path: Path | None = None) -> None:
        """Write the rejected rows, with reasons, to an xlsx (asks where if no path is given)."""
        plan, prepared = self.state.plan, self.state.prepared
        if plan is None or prepared is None or not plan.rejected:
            return
        if path is None:
            start = prepared.path.with_name(prepared.path.stem + " - rejected rows.xlsx")
            name, _ = QFileDialog.getSaveFileName(
                self, "Save the rejection report", str(start), REPORT_FILTER
            )
            if not name:
                return
            path = Path(name) if Path(name).suffix.lower() == ".xlsx" else Path(name + ".xlsx")
        target, header = path, plan.header
        rows = [(r.row, r.cells, r.reason) for r in plan.rejected]
        self.report_note.setText("Saving the rejection report…")
        off_thread(
            self.state.ops,
            lambda _db: write_rejections(target, header, rows),
            lambda _r: self.report_note.setText(f"Rejection report saved: {target}"),
            lambda message: self.report_note.setText(message),
            self,
        )
