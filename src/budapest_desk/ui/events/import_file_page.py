"""The wizard's first page: the file, its sheet or text encoding and delimiter, and a preview of
its first rows exactly as read, with the header row found highlighted and open to correction.

Row numbers are the file's own (as Excel shows them), so that "row 17" in a later message is
row 17 in the sender's file. A file that cannot be read shows its one message here, in red,
and the wizard goes no further.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from budapest_desk.core.importing.prepare import Prepared, prepare
from budapest_desk.core.importing.sources import SourceOptions
from budapest_desk.ui.events.import_common import (
    CHECK_PAGE,
    COLUMNS_PAGE,
    FILE_FILTER,
    ImportState,
    delimiter_label,
    encoding_label,
    error_label,
    last_folder,
    off_thread,
    remember_folder,
    show_message,
)
from budapest_desk.ui.events.import_options import ReadOptions
from budapest_desk.ui.events.import_preview import PreviewTable
from budapest_desk.ui.wording import plural


class FilePage(QWizardPage):
    def __init__(self, state: ImportState, path: Path | None = None) -> None:
        super().__init__()
        self.state = state
        self.path: Path | None = None
        self.reading = False
        self._request = 0
        self.setTitle("Choose the file")
        self.setSubTitle(
            "An Excel workbook (.xlsx, .xlsm) or a text file (.csv, .txt, .tsv). "
            "Nothing is written to the database until the last step."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("No file chosen yet")
        self.path_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab starts at the button
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.options = ReadOptions()
        self.sheet, self.encoding = self.options.sheet, self.options.encoding
        self.delimiter, self.header_spin = self.options.delimiter, self.options.header_spin
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.error = error_label()
        self.error.setObjectName("fileError")
        self.table = PreviewTable()
        self.table.hide()
        self.table.cellClicked.connect(lambda row, _col: self._header_clicked(row))
        self.options.changed.connect(self.reread)
        self.header_spin.valueChanged.connect(self._header_typed)
        self._layout()
        if path is not None:
            self.load(path)

    def _layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("File:"))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.options)
        layout.addWidget(self.error)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)
        layout.addStretch()

    # ------------------------------------------------------------------------- reading
    def choose(self) -> None:
        start = str(self.path.parent) if self.path else last_folder("import")
        name, _ = QFileDialog.getOpenFileName(self, "Choose the file to import", start, FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read `path` afresh, detecting its sheet, encoding and delimiter."""
        self.path = path
        self.path_edit.setText(str(path))
        remember_folder("import", path)
        self._read(SourceOptions(), fresh=True)

    def reread(self) -> None:
        """Read the file again with the sheet, encoding or delimiter now chosen."""
        if self.path is None:
            return
        self._read(self.options.options(), fresh=False)

    def _read(self, options: SourceOptions, *, fresh: bool) -> None:
        assert self.path is not None
        path = self.path
        self._request += 1
        request = self._request
        self.reading = True
        self.state.use(None)
        show_message(self.error, "")
        self.about.setText(f"Reading {path.name}…")
        self.completeChanged.emit()
        off_thread(
            self.state.ops,
            lambda _db: prepare(path, options),
            lambda prepared: self._read_done(request, prepared, fresh),
            lambda message: self._refused(request, message, fresh),
            self,
        )

    def _read_done(self, request: int, prepared: Prepared, fresh: bool) -> None:
        if request != self._request:
            return
        self.reading = False
        self.state.use(prepared)
        self.options.fill(prepared, fresh=fresh)
        self._fill_preview(prepared)
        self._describe(prepared)
        self.completeChanged.emit()

    def _refused(self, request: int, message: str, fresh: bool) -> None:
        if request != self._request:
            return
        self.reading = False
        if fresh:
            self.options.show_kind(None)
        show_message(self.error, message)
        self.about.setText("")
        self.table.show_rows((), 0)
        self.table.hide()
        self.completeChanged.emit()

    # ------------------------------------------------------------------------ showing
    def _describe(self, prepared: Prepared) -> None:
        info = prepared.info
        rows = f"about {plural(info.total_rows, 'row')}" if info.total_rows else "no rows"
        if info.kind == "xlsx":
            what = f"Excel workbook, sheet “{info.sheet}”, {rows}."
        else:
            what = (
                f"Text file in {encoding_label(info.encoding)}, separated by "
                f"{delimiter_label(info.delimiter)}s, {rows}."
            )
        shown = len(prepared.preview)
        if shown < 2 and len(info.sheets) > 1:
            advice = (
                "This sheet has no rows below its first one: if the list is on another sheet, "
                "choose that sheet above."
            )
        else:
            advice = (
                f"The header (the row naming the columns) looks like row {prepared.header_row}, "
                "highlighted. If it is another row, click that row."
            )
        first = "The first row is" if shown == 1 else f"The first {shown} rows are"
        self.about.setText(f"{what} {first} shown as read. {advice}")

    def _fill_preview(self, prepared: Prepared) -> None:
        self.table.show_rows(prepared.preview, prepared.header_index)
        self.table.show()

    # ------------------------------------------------------------------ header choice
    def _header_clicked(self, index: int) -> None:
        prepared = self.state.prepared
        if prepared is not None and 0 <= index < len(prepared.preview):
            self.header_spin.setValue(prepared.preview[index].number)

    def _header_typed(self, number: int) -> None:
        """A row number typed or stepped to; a blank row (not in the preview) is passed over
        to the next row that has cells in the direction of the step."""
        prepared = self.state.prepared
        if prepared is None:
            return
        numbers = [row.number for row in prepared.preview]
        if number >= prepared.header_row:
            index = next((i for i, n in enumerate(numbers) if n >= number), len(numbers) - 1)
        else:
            index = max((i for i, n in enumerate(numbers) if n <= number), default=0)
        if numbers[index] != number:
            self.options.set_header(numbers[index])
        if index != prepared.header_index:
            chosen = prepared.with_header(index)
            self.state.use(chosen)
            self._describe(chosen)
            self.table.mark_header(index)
        self.table.selectRow(index)

    # ------------------------------------------------------------------------- wizard
    def isComplete(self) -> bool:
        return self.state.prepared is not None and not self.reading

    def nextId(self) -> int:
        prepared = self.state.prepared
        return CHECK_PAGE if prepared is not None and prepared.template else COLUMNS_PAGE
