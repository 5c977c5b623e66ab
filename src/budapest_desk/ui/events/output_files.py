"""Save and Print for the Output dialog: the whole file written as long work (progress,
Cancel), then printed page by page where asked; badges saved or printed are then marked printed,
and what was done is told in one line."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from budapest_desk.core.events import EventRow
from budapest_desk.exporters.outputs import Written, get_output
from budapest_desk.ui.events import output_ops
from budapest_desk.ui.events.export_dialogs import file_stem
from budapest_desk.ui.events.import_common import last_folder, remember_folder
from budapest_desk.ui.events.output_ops import BADGES, PARTICIPANTS, Request
from budapest_desk.ui.events.output_print import PrintJob, ask_printer, new_printer
from budapest_desk.ui.ops import OperationRunner
from budapest_desk.ui.wording import plural

FILTERS = {".pdf": "PDF (*.pdf)", ".xlsx": "Excel workbook (*.xlsx)"}
STEMS = {"badges": "badges", "participants": "participants", "report": "report"}


class OutputFiles(QObject):
    busy_changed = Signal()  # a save or print started or ended
    told = Signal(str)  # what was saved or printed

    def __init__(
        self, ops: OperationRunner, owner: QWidget, event_row: EventRow, folder: Path
    ) -> None:
        super().__init__(owner)
        self.ops = ops
        self.owner = owner  # the window the dialogs and progress show over
        self.event_row = event_row
        self.folder = folder  # where files to print are written (the dialog's own)
        self.closed = False
        self._jobs = 0
        self._tasks: set[int] = set()
        self._prints = 0
        ops.task_done.connect(self._task_done)

    @property
    def busy(self) -> bool:
        return self._jobs > 0

    # ---- save --------------------------------------------------------------------------
    def save(self, request: Request, path: Path | None = None) -> None:
        """Write the whole file; asks where unless `path` is given."""
        suffixes = get_output(request.output).suffixes
        if path is None:
            path = self._ask(request, suffixes)
            if path is None:
                return
        elif path.suffix.lower() not in suffixes:
            path = path.with_name(path.name + suffixes[0])
        remember_folder("export", path)
        target = path
        self._track(
            self.ops.run_long(
                "Saving…",
                output_ops.write(request, target),
                on_done=lambda w: self._written(request, w, f"to {target}", "Saved"),
                parent=self.owner,
            )
        )

    def _ask(self, request: Request, suffixes: tuple[str, ...]) -> Path | None:
        stem = file_stem(self.event_row, STEMS.get(request.output, request.output))
        start = str(Path(last_folder("export")) / f"{stem}{suffixes[0]}")
        filters = [FILTERS[s] for s in suffixes]
        name, chosen = QFileDialog.getSaveFileName(self.owner, "Save", start, ";;".join(filters))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in suffixes:  # the suffix of the type chosen
            suffix = next((s for s in suffixes if FILTERS[s] == chosen), suffixes[0])
            path = path.with_name(path.name + suffix)
        return path

    # ---- print -------------------------------------------------------------------------
    def print_(self, request: Request, printer: QPrinter | None = None) -> None:
        """Write the whole file, then print it: on `printer` if given, else on the one the
        user chooses in the print dialog."""
        self._prints += 1
        path = self.folder / f"print-{self._prints}.pdf"
        self._track(
            self.ops.run_long(
                "Preparing to print…",
                output_ops.write(request, path),
                on_done=lambda w: self._print_ready(request, path, w, printer),
                parent=self.owner,
            )
        )

    def _print_ready(
        self, request: Request, path: Path, written: Written, printer: QPrinter | None
    ) -> None:
        if self.closed:
            return
        if printer is not None:
            self._print_on(request, path, written, printer)
        else:  # out of the runner's callback before the print dialog runs its event loop
            QTimer.singleShot(0, self, lambda: self._ask_and_print(request, path, written))

    def _ask_and_print(self, request: Request, path: Path, written: Written) -> None:
        probe = QPdfDocument(self)
        probe.load(str(path))
        chosen = new_printer(probe.pagePointSize(0))
        probe.close()
        probe.deleteLater()
        if ask_printer(self.owner, chosen) and not self.closed:
            self._print_on(request, path, written, chosen)

    def _print_on(self, request: Request, path: Path, written: Written, printer: QPrinter) -> None:
        job = PrintJob(path, printer, self.owner)
        self._start()

        def done(ok: bool) -> None:
            self._end()
            job.deleteLater()
            if not ok:
                self._tell("Printing was cancelled." if job.page else "Nothing was printed.")
                return
            where = printer.printerName() or printer.outputFileName()
            self._written(request, written, f"on {where}" if where else "", "Printed")

        job.done.connect(done)
        job.start()

    # ---- after -------------------------------------------------------------------------
    def _written(self, request: Request, written: Written, where: str, verb: str) -> None:
        if request.output == BADGES:
            text = f"{verb} {plural(written.count, 'badge')} {where}".strip()
            self.ops.run(
                output_ops.mark_badges_printed(written),
                changes={"registrations"},
                on_done=lambda _n: self._tell(f"{text}; marked as printed."),
                parent=self.owner,
            )
        elif request.output == PARTICIPANTS:
            who = plural(written.count, "participant")
            self._tell(f"{verb} the list of {who} {where}".strip() + ".")
        else:
            self._tell(f"{verb} the report {where}".strip() + ".")

    def _tell(self, text: str) -> None:
        if shiboken6.isValid(self):
            self.told.emit(text)

    def _track(self, task_id: int) -> None:
        """Busy until this task has ended (done, failed or cancelled)."""
        self._tasks.add(task_id)
        self._start()

    def _task_done(self, task_id: int) -> None:
        if task_id in self._tasks:
            self._tasks.discard(task_id)
            self._end()

    def _start(self) -> None:
        self._jobs += 1
        self.busy_changed.emit()

    def _end(self) -> None:
        self._jobs = max(0, self._jobs - 1)
        self.busy_changed.emit()
