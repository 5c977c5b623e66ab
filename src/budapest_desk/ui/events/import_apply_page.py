"""The wizard's last page: what will happen, then the import itself, then what happened.

Its Finish button reads "Import". A click backs up the database, then writes the checked plan in
one transaction (progress, Cancel). The outcome is said in the page in plain words: the result,
where the backup is, or that nothing was imported, which is true of a Cancel or a failure alike
because the transaction is rolled back. Only then does the button become "Close".
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage
from sqlalchemy.orm import Session

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.importing.apply import ImportResult, apply_plan
from budapest_desk.core.maintenance import backup_before
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.ui.events.import_common import (
    EitherCancel,
    ImportState,
    error_label,
    off_thread,
    show_message,
)
from budapest_desk.ui.wording import plural

CANCELLED_TEXT = "Cancelled: nothing was imported."
Button = QWizard.WizardButton
Option = QWizard.WizardOption


class ImportPage(QWizardPage):
    applying = Signal()  # the import's database work is about to be queued
    imported = Signal(object)  # ImportResult

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.busy = False
        self.result: ImportResult | None = None
        self.backup: Path | None = None
        self._task = 0
        self._outcome: dict[str, str] = {}
        self.setTitle("Import")
        self.setSubTitle("The database is backed up first; then every row is written at once.")
        self.ready = QLabel()
        self.ready.setWordWrap(True)
        self.hint = QLabel(
            "Click Import to start. The import is all or nothing: if it is cancelled or fails, "
            "nothing is imported and the roster stays as it is."
        )
        self.hint.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("importOutcome")
        self.outcome.setWordWrap(True)
        font = QFont(self.outcome.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.outcome.setFont(font)
        self.failure = error_label()
        self.failure.setObjectName("importFailure")
        layout = QVBoxLayout(self)
        layout.addWidget(self.ready)
        layout.addSpacing(8)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        layout.addWidget(self.outcome)
        layout.addWidget(self.failure)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        state.ops.task_done.connect(self._task_finished)

    def initializePage(self) -> None:
        plan = self.state.plan
        assert plan is not None
        lines = [f"Ready to import into “{self.state.event.title}”:", ""]
        lines.append(f"•  {plural(plan.created, 'new registration')}")
        if plan.updated:
            lines.append(
                f"•  {plural(plan.updated, 'registration')} already on the roster, updated"
            )
        if plan.merged:
            merged = plural(plan.merged, "duplicate row")
            lines.append(f"•  {merged} merged (the same email as a row above)")
        if plan.rejected:
            lines.append(f"•  {plural(len(plan.rejected), 'rejected row')} left out")
        self.ready.setText("\n".join(lines))
        self.ready.show()
        self.hint.show()
        self._say("", "", "")

    def _say(self, progress: str, outcome: str, failure: str) -> None:
        self.progress.setText(progress)
        self.outcome.setText(outcome)
        show_message(self.failure, failure)

    # ------------------------------------------------------------------------ importing
    def validatePage(self) -> bool:
        """The Finish button: the first click imports, the click after the result closes."""
        if self.result is not None:
            return True
        if not self.busy:
            self.start()
        return False

    def isComplete(self) -> bool:
        return not self.busy

    def start(self) -> None:
        plan = self.state.plan
        if plan is None:
            return
        self.busy = True
        self.hint.hide()
        token = self.state.new_cancel()
        self._set_back(False)
        self.completeChanged.emit()
        self._say("Backing up the database…", "", "")
        off_thread(
            self.state.ops,
            lambda db: backup_before(db, "before-import"),
            lambda backup: self._apply(backup, token),
            self._not_imported,
            self,
        )

    def _apply(self, backup: Path, token: CancelToken) -> None:
        plan = self.state.plan
        assert plan is not None
        self.backup = backup
        outcome: dict[str, str] = {}
        self._outcome = outcome
        self._say(f"Importing… (the database was backed up first, to {backup})", "", "")

        def op(session: Session, progress: ProgressFn, cancel: CancelToken) -> ImportResult:
            try:
                return apply_plan(
                    session, plan, progress=progress, cancel=EitherCancel(cancel, token)
                )
            except Cancelled:
                outcome["cancelled"] = "yes"
                raise  # the transaction rolls back
            except UserError as exc:
                outcome["error"] = exc.message
                raise

        self.applying.emit()
        self._task = self.state.ops.run_long(
            "Importing registrations…",
            op,
            on_done=self._imported,
            changes={"registrations"},
            parent=self.window(),
        )

    def _imported(self, result: ImportResult) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.result = result
        wizard = self.wizard()
        wizard.setOption(Option.NoBackButtonOnLastPage, True)
        wizard.setOption(Option.NoCancelButtonOnLastPage, True)
        wizard.setButtonText(Button.FinishButton, "&Close")
        self.ready.hide()
        self.hint.hide()
        self._say(
            f"A copy of the database from before the import was saved to {self.backup}.",
            result.message,
            "",
        )
        self.completeChanged.emit()
        self.imported.emit(result)

    def _task_finished(self, task_id: int) -> None:
        """The runner is done with a task; if it was the import and it gave no result, it was
        cancelled or failed (the runner has shown a failure's message)."""
        if not shiboken6.isValid(self) or task_id != self._task or self.result is not None:
            return
        if self._outcome.get("cancelled"):
            self._not_imported("")
        else:
            self._not_imported(self._outcome.get("error", "The import stopped on an error."))

    def _not_imported(self, reason: str) -> None:
        self.busy = False
        self._task = 0
        self._set_back(True)
        self.hint.show()
        if reason:
            self._say("", "Nothing was imported.", reason)
        else:
            self._say("", CANCELLED_TEXT, "")
        self.completeChanged.emit()

    def _set_back(self, enabled: bool) -> None:
        # An option, not the button's own state: the wizard recomputes that on every change.
        self.wizard().setOption(Option.DisabledBackButtonOnLastPage, not enabled)
