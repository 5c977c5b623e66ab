"""Printing a PDF that the runner wrote: the print dialog, then each page rendered by QtPdf and
painted on the printer, one page per turn of the event loop (the window keeps responding), with
progress and Cancel.

Pages print at their own size from the paper's top-left corner, so that badges land on pre-cut
labels (the printer calibration is already in the PDF); a page larger than the paper is shrunk
to fit it."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

MAX_DPI = 300  # enough for text and QR codes; an A4 page is then about 35 MB as an image


def new_printer(first_page: QSizeF) -> QPrinter:
    """A printer set up for pages of `first_page` (points): that paper size and orientation,
    no margins added."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    set_paper(printer, first_page)
    return printer


def set_paper(printer: QPrinter, page: QSizeF) -> None:
    landscape = page.width() > page.height()
    portrait_size = page.transposed() if landscape else page
    printer.setPageSize(QPageSize(portrait_size, QPageSize.Unit.Point))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    """The system's print dialog; True if the user chose to print. Run with exec(): the
    native dialogs of Windows and macOS are modal only that way."""
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("outputPrintDialog")
    try:
        return dialog.exec() == QPrintDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class PrintJob(QObject):
    """Sends the pages of one PDF file to `printer`; `done(True)` once all were sent,
    `done(False)` if cancelled or the printer refused."""

    done = Signal(bool)

    def __init__(self, path: Path, printer: QPrinter, parent: QWidget) -> None:
        super().__init__(parent)
        self.printer = printer
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.pages = self.document.pageCount()
        self.page = 0
        self.painter = QPainter()
        self.progress = QProgressDialog("Sending the pages to the printer…", "Cancel", 0,
                                        self.pages, parent)  # fmt: skip
        self.progress.setObjectName("printProgress")
        self.progress.setWindowTitle("Printing")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(500)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._next)

    def start(self) -> None:
        if self.pages < 1 or not self.painter.begin(self.printer):
            self._finish(False)
            return
        self.timer.start()

    def cancel(self) -> None:
        if self.timer.isActive():
            self.printer.abort()
            self._finish(False)

    def _next(self) -> None:
        if self.page > 0:
            self.printer.newPage()
        self._paint(self.page)
        self.page += 1
        if shiboken6.isValid(self.progress):
            self.progress.setValue(self.page)
        if self.page >= self.pages:
            self._finish(True)

    def _paint(self, index: int) -> None:
        points = self.document.pagePointSize(index)
        resolution = self.printer.resolution()
        dpi = min(resolution, MAX_DPI)
        image = self.document.render(
            index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        )
        paper = self.printer.paperRect(QPrinter.Unit.DevicePixel)
        width, height = points.width() * resolution / 72, points.height() * resolution / 72
        scale = min(1.0, paper.width() * 1.01 / width, paper.height() * 1.01 / height)
        self.painter.drawImage(QRectF(0, 0, width * scale, height * scale), image)

    def _finish(self, ok: bool) -> None:
        self.timer.stop()
        if self.painter.isActive():
            self.painter.end()
        if shiboken6.isValid(self.progress):
            self.progress.close()
            self.progress.deleteLater()
        self.document.close()
        self.done.emit(ok)
