"""The wizard's second page: which field each column of the file holds.

One row per column, with the file's own header text and a few values from below it, so that
"Mail" or "E-posta" can be matched by looking, not guessing. The proposed mapping comes
preselected. A field cannot be given to two columns (the second choice is refused and the
message says which column has it); required fields with no column are listed in red and keep
the wizard here. A mapping can be saved and loaded, for the sender who sends the same form
every year.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from budapest_desk.core.importing import mapping as mappings
from budapest_desk.core.importing.fields import LABELS, Field
from budapest_desk.ui.events.import_common import (
    ImportState,
    column_letter,
    error_label,
    off_thread,
    show_message,
)

MAPPING_FILTER = "Column mapping (*.json)"
SAMPLES = 3
IGNORE = "(ignore)"


class ColumnsPage(QWizardPage):
    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.combos: list[QComboBox] = []
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Say what each column of the file holds. Columns left as “(ignore)” are not imported."
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ["Column", "Header in the file", "Sample values", "Imports as"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Tab goes from one field choice to the next; the table itself takes no focus.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(3, 230)
        self.missing = error_label()
        self.missing.setObjectName("missingFields")
        self.refusal = error_label()
        self.refusal.setObjectName("mappingRefusal")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton("Sa&ve mapping…")
        self.save_button.clicked.connect(lambda: self.save_mapping())
        self.load_button = QPushButton("&Load mapping…")
        self.load_button.clicked.connect(lambda: self.load_mapping())
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refusal)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        prepared = self.state.prepared
        assert prepared is not None
        rows = prepared.preview[prepared.header_index + 1 :]
        width = max([len(prepared.header), *(len(r.cells) for r in rows)])
        self.table.setRowCount(width)
        self.combos = []
        show_message(self.refusal, "")
        self.note.setText("")
        for col in range(width):
            header = prepared.header[col] if col < len(prepared.header) else ""
            samples = [r.cell(col) for r in rows if r.cell(col)][:SAMPLES]
            self.table.setItem(col, 0, QTableWidgetItem(column_letter(col)))
            name = QTableWidgetItem(header or "(no header)")
            name.setToolTip(header)
            self.table.setItem(col, 1, name)
            sample = QTableWidgetItem("  ·  ".join(samples) or "(empty)")
            sample.setToolTip("\n".join(samples))
            self.table.setItem(col, 2, sample)
            combo = QComboBox()
            combo.setObjectName(f"fieldFor{column_letter(col)}")
            combo.addItem(IGNORE, None)
            for field, label in LABELS.items():
                combo.addItem(label, field)
            combo.setAccessibleName(f"Field for column {column_letter(col)}")
            self.table.setCellWidget(col, 3, combo)
            self.combos.append(combo)
        self._show_mapping()
        for col, combo in enumerate(self.combos):
            combo.currentIndexChanged.connect(lambda _i, col=col: self.choose(col))
        # Tab runs down the field choices, then to the buttons; the wizard starts at the first.
        chain = [self.table, *self.combos, self.save_button, self.load_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _show_mapping(self) -> None:
        for col, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(self.state.mapping.get(col)), 0))
            combo.blockSignals(False)
        self._check_required()

    def choose(self, col: int) -> None:
        """The user picked a field for column `col`: taken, unless another column has it."""
        data = self.combos[col].currentData()  # Qt hands an enum back as its plain value
        field = Field(data) if data else None
        holder = next((c for c, f in self.state.mapping.items() if f == field and c != col), None)
        if field is not None and holder is not None:
            prepared = self.state.prepared
            header = prepared.header if prepared else ()
            name = f" (“{header[holder]}”)" if holder < len(header) and header[holder] else ""
            show_message(
                self.refusal,
                f"“{LABELS[field]}” is already the field of column {column_letter(holder)}"
                f"{name}. A field can come from one column only: set column "
                f"{column_letter(holder)} to “{IGNORE}” first, or choose another field.",
            )
            self._show_mapping()
            return
        show_message(self.refusal, "")
        if field is None:
            self.state.mapping.pop(col, None)
        else:
            self.state.mapping[col] = field
        self.state.plan = None
        self._check_required()

    def _check_required(self) -> None:
        missing = mappings.missing_required(self.state.mapping)
        show_message(
            self.missing,
            "Required, but no column chosen yet: "
            + ", ".join(LABELS[f] for f in missing)
            + ". Choose the column that holds each."
            if missing
            else "",
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not mappings.missing_required(self.state.mapping)

    # ------------------------------------------------------------------- mapping files
    def save_mapping(self, path: Path | None = None) -> None:
        """Save the mapping as a JSON file (asks where when no path is given)."""
        prepared = self.state.prepared
        if prepared is None:
            return
        if path is None:
            start = str(prepared.path.with_name(prepared.path.stem + " - mapping.json"))
            name, _ = QFileDialog.getSaveFileName(self, "Save the mapping", start, MAPPING_FILTER)
            if not name:
                return
            path = Path(name).with_suffix(".json") if not Path(name).suffix else Path(name)
        header, chosen, target = prepared.header, dict(self.state.mapping), path
        off_thread(
            self.state.ops,
            lambda _db: mappings.save_mapping(target, header, chosen),
            lambda _r: self.note.setText(f"Mapping saved to {target.name}."),
            lambda message: show_message(self.refusal, message),
            self,
        )

    def load_mapping(self, path: Path | None = None) -> None:
        """Load a mapping saved earlier (asks which when no path is given)."""
        prepared = self.state.prepared
        if prepared is None:
            return
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Load a mapping", str(prepared.path.parent), MAPPING_FILTER
            )
            if not name:
                return
            path = Path(name)
        header, source = prepared.header, path
        off_thread(
            self.state.ops,
            lambda _db: mappings.load_mapping(source, header),
            lambda loaded: self._loaded(source, loaded),
            lambda message: show_message(self.refusal, message),
            self,
        )

    def _loaded(self, path: Path, loaded: dict[int, Field]) -> None:
        self.state.mapping = dict(loaded)
        self.state.plan = None
        show_message(self.refusal, "")
        self.note.setText(f"Mapping loaded from {path.name}.")
        self._show_mapping()
