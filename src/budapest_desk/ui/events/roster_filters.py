"""The roster's filter bar: free text (case, accents, script and word order ignored, applied
after a pause in typing), status, category and delegation country."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from budapest_desk.core.countries import country_name
from budapest_desk.core.lifecycle import LABELS
from budapest_desk.core.registrations import CategoryRow
from budapest_desk.core.roster import NO_CATEGORY, NO_COUNTRY, RosterFilter
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.checkin.editor import swatch

TYPING_PAUSE_MS = 200


class RosterFilters(QWidget):
    changed = Signal()  # the filter is different now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setPlaceholderText("Search names, organisations, emails…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.status = self._combo("rosterStatusFilter", "All statuses")
        for status in RegistrationStatus:
            self.status.addItem(LABELS[status], status)
        self.category = self._combo("rosterCategoryFilter", "All categories")
        self.country = self._combo("rosterCountryFilter", "All delegations")
        self._categories: list[CategoryRow] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for combo in (self.status, self.category, self.country):
            layout.addWidget(combo, 1)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def current(self) -> RosterFilter:
        status, category, country = (
            c.currentData() for c in (self.status, self.category, self.country)
        )
        return RosterFilter(
            text=self.search.text(),
            statuses=frozenset({status}) if status is not None else frozenset(),
            category_ids=frozenset({category}) if category is not None else frozenset(),
            countries=frozenset({country}) if country is not None else frozenset(),
        )

    def offer(self, categories: list[CategoryRow], countries: list[str]) -> None:
        """The categories of the database and the delegation countries of the event, keeping
        the current choice where it still exists."""
        if categories != self._categories:
            self._categories = list(categories)
            kinds = [(c.name, c.id, c.colour) for c in categories]
            self._refill(self.category, "All categories", ("(no category)", NO_CATEGORY), kinds)
        shown = [self.country.itemData(i) for i in range(2, self.country.count())]
        if shown != countries:
            places = [(f"{country_name(code)} ({code})", code, None) for code in countries]
            self._refill(self.country, "All delegations", ("(no country)", NO_COUNTRY), places)

    @staticmethod
    def _refill(
        combo: QComboBox,
        everything: str,
        none: tuple[str, object],
        items: Sequence[tuple[str, int | str, str | None]],
    ) -> None:
        combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        combo.addItem(*none)
        for text, data, colour in items:
            if colour:
                combo.addItem(swatch(colour), text, data)
            else:
                combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
