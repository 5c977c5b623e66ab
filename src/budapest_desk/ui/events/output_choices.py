"""The left side of the Output dialog: what to make (badges, the list of participants, the
report) and its choices. It only holds the choices: `request()` turns them into the options of
exporters.outputs, and `changed` says that one of them changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from budapest_desk.core.events import EventRow
from budapest_desk.core.participants import Variant
from budapest_desk.exporters.outputs import OUTPUTS, OutputOptions
from budapest_desk.ui.events import output_widgets as w
from budapest_desk.ui.events.output_badges import BadgeChoices
from budapest_desk.ui.events.output_ops import BADGES, Request

VARIANT_LABELS = {
    Variant.DISTRIBUTED: "To hand out (those who agreed)",
    Variant.INTERNAL: "Internal (everyone confirmed)",
    Variant.SIGN_IN: "Sign-in sheet",
}
SHORT_NAMES = {"badges": "Badges", "participants": "List of participants", "report": "Report"}


class OutputChoices(QWidget):
    changed = Signal()  # any choice changed: the preview is out of date

    def __init__(
        self, event_row: EventRow, selected: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outputChoices")
        self.event_row = event_row
        emit = self.changed.emit
        self.what = w.combo(
            "outputWhat",
            [(SHORT_NAMES.get(o.identifier, o.name), o.identifier) for o in OUTPUTS],
            lambda: None,  # _what_changed announces it, once the page is shown
        )
        self.badges = BadgeChoices(selected)
        self.badges.changed.connect(emit)
        self.pages = QStackedWidget()
        self._pages = [self.badges, self._list_page(), self._report_page()]
        for page in self._pages:
            self.pages.addWidget(page)
        self.what.currentIndexChanged.connect(self._what_changed)

        top = w.form()
        w.add_row(top, "&Make", self.what)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        self._what_changed(0)

    # ---- list of participants -----------------------------------------------------------
    def _list_page(self) -> QWidget:
        emit = self.changed.emit
        self.variant = w.combo(
            "outputVariant", [(text, variant) for variant, text in VARIANT_LABELS.items()], emit
        )
        self.orientation = w.combo(
            "outputOrientation", [("Portrait", "portrait"), ("Landscape", "landscape")], emit
        )
        self.email = w.check("outputEmail", "Show &email addresses", emit)
        start, end = self.event_row.start_date, self.event_row.end_date
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        self.day = w.combo("outputDay", [(f"{d:%A} {d.day} {d:%B %Y}", d) for d in days], emit)
        self.variant.currentIndexChanged.connect(lambda _i: self._variant_changed())
        form = w.form()
        w.add_row(form, "&List", self.variant)
        w.add_row(form, "&Orientation", self.orientation)
        w.add_row(form, "", self.email)
        w.add_row(form, "&Day", self.day)
        page = QWidget()
        page.setLayout(form)
        self._variant_changed()
        return page

    def current_variant(self) -> Variant:
        return Variant(str(self.variant.currentData()))  # Qt gives the enum back as a str

    def _variant_changed(self) -> None:
        sign_in = self.current_variant() is Variant.SIGN_IN
        self.day.setEnabled(sign_in)  # only the sign-in sheet is for one day
        self.email.setEnabled(not sign_in)  # and never shows emails

    # ---- report -------------------------------------------------------------------------
    @staticmethod
    def _report_page() -> QWidget:
        text = QLabel(
            "Registrations, attendance, categories and delegations of the event. "
            "Save it as PDF or as an Excel workbook."
        )
        text.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        return page

    # ---- the choices as options ---------------------------------------------------------
    def _what_changed(self, index: int) -> None:
        # Only the page shown takes room: the others' size is ignored.
        for i, page in enumerate(self._pages):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.changed.emit()

    def output(self) -> str:
        return str(self.what.currentData())

    def set_output(self, identifier: str) -> None:
        self.what.setCurrentIndex(self.what.findData(identifier))

    def problem(self) -> str | None:
        """What must be fixed before there is anything to show, if anything."""
        return self.badges.problem() if self.output() == BADGES else None

    def request(self) -> Request:
        variant = self.current_variant()
        badges = self.badges
        options = OutputOptions(
            selection=badges.selection(),
            layout=badges.layout_id(),
            name_format=badges.current_name_format(),
            colour=bool(badges.colour.currentData()),
            logo=badges.logo,
            calibration=badges.calibration(),
            variant=variant,
            orientation="landscape" if self.orientation.currentIndex() == 1 else "portrait",
            include_email=self.email.isChecked() and variant is not Variant.SIGN_IN,
            day=self.day.currentData() if variant is Variant.SIGN_IN else None,
        )
        return Request(self.output(), self.event_row.id, options)
