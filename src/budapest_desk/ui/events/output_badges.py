"""The badge choices of the Output dialog: the label sheet, how names print, colours and logo,
who gets a badge, and the printer calibration of the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from budapest_desk.core.badges import BadgeSelection
from budapest_desk.core.lifecycle import LABELS
from budapest_desk.core.registrations import CategoryRow
from budapest_desk.core.roster import NO_CATEGORY
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.exporters.badge_content import NAME_FORMAT_LABELS, NameFormat
from budapest_desk.exporters.label_calibration import LIMIT_MM
from budapest_desk.exporters.label_sheets import Calibration, layouts
from budapest_desk.ui.checkin.editor import swatch
from budapest_desk.ui.events import output_widgets as w
from budapest_desk.ui.events.import_common import last_folder, remember_folder

DEFAULT_LAYOUT = "a6-4up"
LOGO_FILTER = "Pictures (*.png *.jpg *.jpeg)"


class BadgeChoices(QWidget):
    changed = Signal()

    def __init__(self, selected: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selected = frozenset(selected)
        self.logo: Path | None = None
        self.categories_shown: list[CategoryRow] = []
        emit = self.changed.emit

        self.layout_combo = w.combo(
            "outputLayout", [(x.name, x.identifier) for x in layouts()], emit
        )
        self.layout_combo.setCurrentIndex(max(self.layout_combo.findData(DEFAULT_LAYOUT), 0))
        self.layout_combo.setToolTip(self.layout_combo.currentText())
        self.layout_combo.currentIndexChanged.connect(
            lambda _i: self.layout_combo.setToolTip(self.layout_combo.currentText())
        )
        self.name_format = w.combo(
            "outputNameFormat", [(text, fmt) for fmt, text in NAME_FORMAT_LABELS.items()], emit
        )
        self.colour = w.combo(
            "outputColour", [("Category colours", True), ("Black and white", False)], emit
        )
        form = w.form()
        w.add_row(form, "&Layout", self.layout_combo)
        w.add_row(form, "&Names", self.name_format)
        w.add_row(form, "&Colours", self.colour)
        w.add_row(form, "Lo&go", self._logo_row())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._who())
        layout.addWidget(self._calibration())

    def _logo_row(self) -> QHBoxLayout:
        self.logo_name = QLineEdit()
        self.logo_name.setObjectName("outputLogo")
        self.logo_name.setReadOnly(True)
        self.logo_name.setPlaceholderText("No logo")
        choose = QPushButton("C&hoose…")
        choose.clicked.connect(self.choose_logo)
        self.clear_logo = QPushButton("Clear")
        self.clear_logo.setObjectName("outputClearLogo")
        self.clear_logo.setEnabled(False)
        self.clear_logo.clicked.connect(lambda: self.set_logo(None))
        row = QHBoxLayout()
        row.addWidget(self.logo_name, 1)
        row.addWidget(choose)
        row.addWidget(self.clear_logo)
        return row

    def _who(self) -> QGroupBox:
        emit = self.changed.emit
        self.statuses = w.checklist("outputStatuses", emit)
        for status in RegistrationStatus:
            w.add_check(
                self.statuses, LABELS[status], status, status is RegistrationStatus.CONFIRMED
            )
        self.categories = w.checklist("outputCategories", emit)
        n = len(self.selected)
        # Selected rows in the roster usually mean "these": ticked when there are some.
        self.only_selected = w.check(
            "outputOnlySelected", f"Only the selecte&d registrations ({n})", emit, n > 0
        )
        self.only_selected.setEnabled(n > 0)
        self.only_unprinted = w.check("outputOnlyUnprinted", "Only badges not printed &yet", emit)
        lists = QHBoxLayout()
        for label, box in (("S&tatus", self.statuses), ("C&ategory", self.categories)):
            column = QVBoxLayout()
            heading = QLabel(label)
            heading.setBuddy(box)
            column.addWidget(heading)
            column.addWidget(box)
            lists.addLayout(column, 1)
        who = QGroupBox("Who gets a badge")
        layout = QVBoxLayout(who)
        layout.addLayout(lists)
        layout.addWidget(self.only_selected)
        layout.addWidget(self.only_unprinted)
        return who

    def _calibration(self) -> QGroupBox:
        self.dx, self.dy = self._spin("outputDx"), self._spin("outputDy")
        box = QGroupBox("Printer calibration")
        box.setToolTip(
            "If the printer puts badges off the pre-cut labels, move them back: "
            "+ right and up, − left and down. Saved for this layout."
        )
        layout = QHBoxLayout(box)
        for label, spin in (("&Right", self.dx), ("&Up", self.dy)):
            text = QLabel(label)
            text.setBuddy(spin)
            layout.addWidget(text)
            layout.addWidget(spin)
        layout.addStretch(1)
        return box

    def _spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-LIMIT_MM, LIMIT_MM)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setSuffix(" mm")
        spin.valueChanged.connect(lambda _v: self.changed.emit())
        return spin

    # ---- logo --------------------------------------------------------------------------
    def choose_logo(self) -> None:
        start = str(self.logo.parent) if self.logo else last_folder("logo")
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo", start, LOGO_FILTER)
        if name:
            remember_folder("logo", Path(name))
            self.set_logo(Path(name))

    def set_logo(self, path: Path | None) -> None:
        self.logo = path
        self.logo_name.setText(path.name if path else "")
        self.logo_name.setToolTip(str(path) if path else "")
        self.clear_logo.setEnabled(path is not None)
        self.changed.emit()

    # ---- filled in and read ------------------------------------------------------------
    def offer_categories(self, categories: list[CategoryRow]) -> None:
        """Fill the category list; those ticked stay ticked, new ones are ticked."""
        if categories == self.categories_shown:
            return
        known = set(w.every(self.categories))
        ticked = set(w.checked(self.categories))
        self.categories_shown = list(categories)
        self.categories.blockSignals(True)
        self.categories.clear()
        for c in categories:
            tick = c.id in ticked or c.id not in known
            w.add_check(self.categories, c.name, c.id, tick).setIcon(swatch(c.colour))
        tick = NO_CATEGORY in ticked or NO_CATEGORY not in known
        w.add_check(self.categories, "(no category)", NO_CATEGORY, tick)
        self.categories.blockSignals(False)
        self.changed.emit()

    def set_calibration(self, calibration: Calibration) -> None:
        """Show the calibration saved for the layout (not a change of the user's)."""
        for spin, value in ((self.dx, calibration.dx_mm), (self.dy, calibration.dy_mm)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def calibration(self) -> Calibration:
        return Calibration(self.dx.value() + 0.0, self.dy.value() + 0.0)

    def layout_id(self) -> str:
        return str(self.layout_combo.currentData())

    def current_name_format(self) -> NameFormat:
        return NameFormat(str(self.name_format.currentData()))

    def problem(self) -> str | None:
        if not w.checked(self.statuses):
            return "Tick at least one status."
        if self.categories.count() and not w.checked(self.categories):
            return "Tick at least one category."
        return None

    def selection(self) -> BadgeSelection:
        categories = w.checked(self.categories)
        everyone = len(categories) == self.categories.count()
        return BadgeSelection(
            statuses=frozenset(RegistrationStatus(str(s)) for s in w.checked(self.statuses)),
            category_ids=frozenset() if everyone else frozenset(int(str(c)) for c in categories),
            registration_ids=self.selected if self.only_selected.isChecked() else frozenset(),
            only_unprinted=self.only_unprinted.isChecked(),
        )
