"""Badges, the list of participants and the report of one event: the choices on the left, a live
preview of the first page on the right, then Save or Print.

Every change of a choice writes a new preview after a short pause, on the worker thread, into a
temporary folder that the dialog owns (removed when it closes); a preview that an older request
finishes after a newer one is dropped, and a UserError (nobody to print) is shown in its place.
Save and Print are in output_files; the choices in output_choices.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.progress import CancelToken
from budapest_desk.exporters.label_sheets import Calibration
from budapest_desk.ui.events import output_ops
from budapest_desk.ui.events.output_choices import OutputChoices
from budapest_desk.ui.events.output_files import OutputFiles
from budapest_desk.ui.events.output_ops import Preview
from budapest_desk.ui.ops import ALL, OperationRunner
from budapest_desk.ui.wording import plural

PAUSE_MS = 300  # after the last change of a choice, the preview is made again
WATCHED = {"registrations", "events", "people", "categories"}
NOTICE_STYLE = "color: #555; font-size: 11pt;"


class OutputDialog(QDialog):
    message = Signal(str)  # what Save or Print did, for the roster's status line

    def __init__(
        self,
        ops: OperationRunner,
        event_row: EventRow,
        selected: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outputDialog")
        self.setWindowTitle(f"Badges and lists — {event_row.title}")
        self.ops = ops
        self.event_row = event_row
        self.calibrations: dict[str, Calibration] = {}  # saved ones, by layout
        self.ready = False  # the categories and calibrations are in
        self.closed = False
        self._generation = 0  # of the latest preview asked for
        self._cancel: CancelToken | None = None
        self._shown: Path | None = None
        self._temp = tempfile.TemporaryDirectory(
            prefix="budapest-desk-", ignore_cleanup_errors=True
        )
        self.folder = Path(self._temp.name)
        self.files = OutputFiles(ops, self, event_row, self.folder)
        self.files.busy_changed.connect(self._update_buttons)
        self.files.told.connect(self._tell)

        self.choices = OutputChoices(event_row, selected)
        self.choices.changed.connect(self._schedule)
        self.choices.badges.layout_combo.currentIndexChanged.connect(
            lambda _i: self._show_calibration()
        )
        # Saved as it is typed, for the layout shown then (set_calibration blocks these signals
        # when it shows another layout's saved values).
        for spin in (self.choices.badges.dx, self.choices.badges.dy):
            spin.valueChanged.connect(lambda _v: self._save_calibration())
        self._build_preview()
        self._build_buttons()
        self._layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        self.finished.connect(self._closed)
        ops.changed.connect(self._changed)
        self.resize(1180, 760)
        self.ops.run(output_ops.setup, on_done=self._set_up, parent=self)

    # ---- building ----------------------------------------------------------------------
    def _build_preview(self) -> None:
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("outputPreview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)  # the whole first page
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)
        self.notice = QLabel("Making the preview…")
        self.notice.setObjectName("outputNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.setMargin(24)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.notice)
        self.stack.addWidget(self.view)
        self.summary = QLabel()
        self.summary.setObjectName("outputSummary")
        self.summary.setStyleSheet("font-weight: bold;")

    def _build_buttons(self) -> None:
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.setObjectName("outputSave")
        self.save_button.setToolTip("Save the whole file (Ctrl+S)")
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("outputPrint")
        self.print_button.setToolTip("Print (Ctrl+P)")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save())
        self.print_button.clicked.connect(lambda: self.print_())
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(lambda: self.save())
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(lambda: self.print_())
        self.status = QLabel()
        self.status.setObjectName("outputStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.choices)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(400)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.stack, 1)
        row = QHBoxLayout()
        row.addWidget(scroll)
        row.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addLayout(bottom)

    # ---- choices -----------------------------------------------------------------------
    def show_one_badge(self, layout_id: str = "a6") -> None:
        """For the check-in desk: the badge of the registrations given (one person), on this
        layout, whatever their status (someone admitted anyway is not confirmed); Print is
        the default button, so Enter prints."""
        self.choices.set_output(output_ops.BADGES)
        badges = self.choices.badges
        badges.layout_combo.setCurrentIndex(max(badges.layout_combo.findData(layout_id), 0))
        for i in range(badges.statuses.count()):
            item = badges.statuses.item(i)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)
        badges.only_selected.setChecked(bool(badges.selected))
        self.print_button.setDefault(True)

    def _set_up(self, setup: output_ops.Setup) -> None:
        if self.closed:
            return
        self.calibrations = dict(setup.calibrations)
        self.choices.blockSignals(True)
        self.choices.badges.offer_categories(setup.categories)
        self.choices.blockSignals(False)
        self._show_calibration()
        self.ready = True
        self.refresh()

    def _show_calibration(self) -> None:
        layout_id = self.choices.badges.layout_id()
        self.choices.badges.set_calibration(self.calibrations.get(layout_id, Calibration()))

    def _changed(self, kinds: frozenset[str]) -> None:
        if self.closed:
            return
        if ALL in kinds:  # another database: this event is not in it
            self.reject()
        elif kinds & WATCHED:
            if "categories" in kinds:
                self.ops.run(output_ops.setup, on_done=self._categories_loaded, parent=self)
            self._schedule()

    def _categories_loaded(self, setup: output_ops.Setup) -> None:
        if not self.closed:
            self.choices.badges.offer_categories(setup.categories)

    def _schedule(self) -> None:
        self._update_buttons()
        if self.ready:
            self._timer.start()

    def _update_buttons(self) -> None:
        if self.closed:
            return
        report = self.choices.output() == "report"
        self.save_button.setText("&Save…" if report else "&Save as PDF…")
        ok = self.choices.problem() is None and not self.files.busy
        self.save_button.setEnabled(ok)
        self.print_button.setEnabled(ok)

    def _save_calibration(self) -> None:
        """Keep a changed calibration for its layout (on this computer)."""
        layout_id = self.choices.badges.layout_id()
        calibration = self.choices.badges.calibration()
        if calibration != self.calibrations.get(layout_id, Calibration()):
            self.calibrations[layout_id] = calibration
            self.ops.run(output_ops.store_calibration(layout_id, calibration), parent=self)

    # ---- preview -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Make the preview again now (normally after a pause in the changes)."""
        if self.closed or not self.ready:
            return
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        if self._cancel is not None:
            self._cancel.cancel()  # an older preview still to run: it stops early
        self._cancel = None
        problem = self.choices.problem()
        if problem:
            self._show_notice(problem)
            return
        token = CancelToken()
        self._cancel = token
        path = self.folder / f"preview-{generation}.pdf"
        op = output_ops.preview(self.choices.request(), path, token, keep=self._shown)
        self.ops.run(
            op,
            on_done=lambda p: self._previewed(generation, p),
            on_error=lambda exc: self._preview_failed(generation, exc),
            parent=self,
        )

    def _current(self, generation: int) -> bool:
        return not self.closed and generation == self._generation

    def _previewed(self, generation: int, preview: Preview) -> None:
        if not self._current(generation):
            return
        self.document.load(str(preview.path))
        self._shown = preview.path
        # The report's preview is the whole report: say how long it is.
        self.summary.setText(preview.summary or plural(self.document.pageCount(), "page"))
        self.stack.setCurrentWidget(self.view)
        navigator = self.view.pageNavigator()
        navigator.jump(0, QPointF(), navigator.currentZoom())

    def _preview_failed(self, generation: int, exc: BaseException) -> bool:
        if not isinstance(exc, UserError):
            return False  # a bug: the runner reports it
        if self._current(generation):
            self._show_notice(exc.message)
        return True

    def _show_notice(self, text: str) -> None:
        self.summary.clear()
        self.notice.setText(text)
        self.stack.setCurrentWidget(self.notice)

    # ---- save and print ----------------------------------------------------------------
    def save(self, path: Path | None = None) -> None:
        """Write the whole file; asks where unless `path` is given."""
        if self.save_button.isEnabled():
            self.files.save(self.choices.request(), path)

    def print_(self, printer: QPrinter | None = None) -> None:
        """Print the whole file: on `printer` if given, else on the one the user chooses."""
        if self.print_button.isEnabled():
            self.files.print_(self.choices.request(), printer)

    def _tell(self, text: str) -> None:
        if not self.closed:
            self.status.setText(text)
        self.message.emit(text)

    # ---- closing -----------------------------------------------------------------------
    def _closed(self, _result: int) -> None:
        if self.closed:
            return
        self.closed = self.files.closed = True
        self._timer.stop()
        if self._cancel is not None:
            self._cancel.cancel()
        self.document.close()
        temp = self._temp
        # Queued after whatever still writes into the folder.
        self.ops.run(lambda _s: temp.cleanup())
