"""How a file is read, as the user can correct it: the sheet of a workbook, the encoding and
delimiter of a text file (the detected one first, saying what was detected), and the header row.

Only what applies to the file shows: a workbook has no encoding, a text file no sheets.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from budapest_desk.core.importing.prepare import Prepared
from budapest_desk.core.importing.sources import SourceOptions
from budapest_desk.ui.events.import_common import (
    DELIMITERS,
    ENCODINGS,
    delimiter_label,
    encoding_label,
)


class ReadOptions(QWidget):
    changed = Signal()  # the sheet, encoding or delimiter was changed by the user

    def __init__(self) -> None:
        super().__init__()
        self.sheet, self.encoding, self.delimiter = QComboBox(), QComboBox(), QComboBox()
        self.header_spin = QSpinBox()
        self.header_spin.setToolTip("The row that names the columns; rows above it are skipped.")
        self._labels: dict[QWidget, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("&Sheet:", self.sheet),
            ("&Encoding:", self.encoding),
            ("Se&parated by:", self.delimiter),
            ("&Header is row", self.header_spin),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[widget] = label
            layout.addWidget(label)
            layout.addWidget(widget)
            layout.addSpacing(12)
        layout.addStretch(1)
        for combo in (self.sheet, self.encoding, self.delimiter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.show_kind(None)

    def show_kind(self, kind: str | None) -> None:
        """Show the choices for a workbook ("xlsx") or a text file ("csv"), or none."""
        self.setVisible(kind is not None)
        for widget, shown in (
            (self.sheet, kind == "xlsx"),
            (self.encoding, kind == "csv"),
            (self.delimiter, kind == "csv"),
        ):
            widget.setVisible(shown)
            self._labels[widget].setVisible(shown)

    def fill(self, prepared: Prepared, *, fresh: bool) -> None:
        """Show how `prepared` was read; a fresh file also refills the lists."""
        info = prepared.info
        self.show_kind(info.kind)
        widgets = (self.sheet, self.encoding, self.delimiter, self.header_spin)
        for widget in widgets:
            widget.blockSignals(True)
        if fresh:
            self.sheet.clear()
            self.sheet.addItems(list(info.sheets))
            self.encoding.clear()
            self.encoding.addItem(f"Detected: {encoding_label(info.encoding)}", None)
            for name, label in ENCODINGS:
                self.encoding.addItem(label, name)
            self.delimiter.clear()
            self.delimiter.addItem(f"Detected: {delimiter_label(info.delimiter)}", None)
            for char, label in DELIMITERS:
                self.delimiter.addItem(label[:1].upper() + label[1:], char)
        if info.sheet is not None:
            self.sheet.setCurrentText(info.sheet)
        numbers = [row.number for row in prepared.preview]
        self.header_spin.setRange(numbers[0], numbers[-1])
        self.header_spin.setValue(prepared.header_row)
        for widget in widgets:
            widget.blockSignals(False)

    def options(self) -> SourceOptions:
        sheet = self.sheet.currentText() if self.sheet.count() else None
        return SourceOptions(sheet, self.encoding.currentData(), self.delimiter.currentData())

    def set_header(self, number: int) -> None:
        """Show `number` without announcing it (a correction of what the user typed)."""
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(number)
        self.header_spin.blockSignals(False)
