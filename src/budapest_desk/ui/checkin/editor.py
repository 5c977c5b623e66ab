"""The registration editor: the person (from the shared directory) and their registration,
side by side, scrolling when the screen is small (a 800×600 projector laptop at the desk)."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from budapest_desk.core import registrations
from budapest_desk.core.countries import normalise_country
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import CategoryRow, RegistrationInput, RegistrationRow
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.common.forms import (
    FormDialog,
    W,
    check,
    combo_country,
    country_combo,
    enum_combo,
    text_edit,
)
from budapest_desk.ui.ops import OperationRunner


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def category_combo(categories: Sequence[CategoryRow], current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem("(none)", None)
    for category in categories:
        combo.addItem(swatch(category.colour), category.name, category.id)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    return combo


def _narrow(combo: QComboBox, characters: int = 18) -> QComboBox:
    """Not as wide as its longest entry ("South Georgia and the South Sandwich Islands"), so
    that the two columns fit an 800-pixel screen; the list opens as wide as it needs."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 30)
    return combo


def _short(edit: QPlainTextEdit) -> QPlainTextEdit:
    edit.setMaximumHeight(80)  # a few lines; it scrolls beyond
    return edit


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


class RegistrationEditor(FormDialog):
    """Subclasses may replace `update_op` (the roster saves its edits its own way)."""

    def __init__(
        self,
        ops: OperationRunner,
        event_id: int,
        event_title: str,
        row: RegistrationRow | None,
        categories: Sequence[CategoryRow],
        parent: QWidget | None = None,
    ) -> None:
        title = "New registration" if row is None else "Edit registration"
        super().__init__(ops, title, changes={"registrations"}, parent=parent)
        self.setObjectName("registrationEditor")
        self.event_id = event_id
        self.row = row
        data = row.to_input() if row else None
        person = data.person if data else PersonInput("", "")
        self.base_person = person
        self.registration_form = _form()

        self.title_edit = self.line("title", "&Title", person.title, "H.E., Dr, Ms…")
        self.first_name = self.line("first_name", "&First name", person.first_name)
        self.last_name = self.line("last_name", "&Last name", person.last_name)
        self.badge_name = self.line(
            "badge_name", "Name on &badge", person.badge_name, "if not first and last name"
        )
        self.name_latin = self.line(
            "name_latin",
            "Name in Lat&in letters",
            person.name_latin,
            "if written in another script",
        )
        self.email = self.line("email", "&Email", person.email)
        self.phone = self.line("phone", "P&hone", person.phone, "+36 1 234 5678")
        self.country = self.add_row("country", "C&ountry", _narrow(country_combo(person.country)))
        self.organisation = self.line("organisation", "O&rganisation", person.organisation)
        self.position = self.line("position", "&Position", person.position)
        self.languages = self.line(
            "languages", "Lan&guages", person.languages, "e.g. English, Russian"
        )
        self.notes = self.add_row("notes", "Notes", _short(text_edit(person.notes, 50)))

        self.status = self._add(
            "status",
            "&Status",
            enum_combo(RegistrationStatus, data.status if data else RegistrationStatus.PENDING),
        )
        self.category = self._add(
            "category_id",
            "&Category",
            _narrow(category_combo(categories, data.category_id if data else None)),
        )
        self._delegation(
            data.delegation_country if data else None,
            data.delegation_organisation if data else "",
        )
        self.needs_attention = self._add(
            "needs_attention",
            "",
            check(data.needs_attention if data else False, "Needs &attention at the desk"),
        )
        self.attention_note = self._add(
            "attention_note",
            "Attention &note",
            _short(text_edit(data.attention_note if data else "", 50)),
        )
        self.list_consent = self._add(
            "list_consent",
            "",
            check(
                data.list_consent if data else False,
                "Consents to appear on the\ndistributed participant &list",
            ),
        )
        self.attention_note.setEnabled(self.needs_attention.isChecked())
        self.needs_attention.toggled.connect(self.attention_note.setEnabled)
        self.body = self._scrolling_body(event_title)
        self._fit_to_screen()
        self.first_name.setFocus()

    # ---- layout --------------------------------------------------------------------------
    def _scrolling_body(self, event_title: str) -> QWidget:
        """Two columns (person, registration) in a scroll area, where the base class put its
        one form. Built once every row is in, so that the sizes it starts from are right."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        index = outer.indexOf(self.form)
        outer.removeItem(self.form)
        self.form.setParent(None)  # free to join the body

        person_box = QGroupBox("Person")
        person_box.setLayout(self.form)
        registration_box = QGroupBox("Registration")
        side = QVBoxLayout(registration_box)
        side.addLayout(self.registration_form)
        side.addStretch(1)
        event = QLabel(f"Event: <b>{html.escape(event_title)}</b>")
        event.setWordWrap(True)

        body = QWidget()
        columns = QHBoxLayout()
        columns.addWidget(person_box, 1)
        columns.addWidget(registration_box, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(event)
        layout.addLayout(columns)
        scroll = QScrollArea()
        scroll.setObjectName("registrationScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.insertWidget(index, scroll, 1)
        return body

    def _fit_to_screen(self) -> None:
        """As large as the form wants, but never larger than the screen (a scroll bar then)."""
        wanted = self.body.sizeHint() + QSize(40, 110)  # margins, a scroll bar, the buttons
        screen = self.screen().availableGeometry()
        self.resize(
            min(wanted.width(), screen.width() - 20), min(wanted.height(), screen.height() - 60)
        )

    def _add(self, name: str, label: str, widget: W) -> W:
        """A row of the registration column (add_row adds to the person column)."""
        widget.setObjectName(name)
        self.fields[name] = widget
        self.registration_form.addRow(label, widget)
        return widget

    def _delegation(self, country: str | None, organisation: str) -> None:
        """A delegation is a country or an organisation (IOM, UNHCR…): the radio buttons say
        which, and the field below changes to match. Only the one shown is saved."""
        self.delegation_is_country = QRadioButton("Countr&y")
        self.delegation_is_organisation = QRadioButton("Organisation")
        self.delegation_country = _narrow(country_combo(country))
        line = self.delegation_country.lineEdit()
        if line is not None:
            line.setPlaceholderText("none, or choose a country")
        self.delegation_organisation = QLineEdit(organisation)
        self.delegation_organisation.setPlaceholderText("IOM, UNHCR, European Commission…")
        for name in ("delegation_is_country", "delegation_is_organisation"):
            getattr(self, name).setObjectName(name)
        for name in ("delegation_country", "delegation_organisation"):
            getattr(self, name).setObjectName(name)
            self.fields[name] = getattr(self, name)
        group = QButtonGroup(self)
        radios = QWidget()
        row = QHBoxLayout(radios)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.delegation_is_country, self.delegation_is_organisation):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.delegation_field = QStackedWidget()
        self.delegation_field.addWidget(self.delegation_country)
        self.delegation_field.addWidget(self.delegation_organisation)
        self.delegation_field.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum
        )
        self.registration_form.addRow("Delegation", radios)
        self.registration_form.addRow("", self.delegation_field)
        by_organisation = bool(organisation) and not country
        self.delegation_is_organisation.setChecked(by_organisation)
        self.delegation_is_country.setChecked(not by_organisation)
        self._delegation_kind_changed()
        self.delegation_is_country.toggled.connect(self._delegation_kind_changed)

    def _delegation_kind_changed(self) -> None:
        by_country = self.delegation_is_country.isChecked()
        shown = self.delegation_country if by_country else self.delegation_organisation
        self.delegation_field.setCurrentWidget(shown)

    # ---- saving --------------------------------------------------------------------------
    def update_op(self, registration_id: int, data: RegistrationInput) -> Callable[[Session], Any]:
        """The operation that saves an edited registration."""
        return lambda s: registrations.update_registration(s, registration_id, data)

    def _delegation_values(self) -> tuple[str | None, str]:
        if not self.delegation_is_country.isChecked():
            return None, self.delegation_organisation.text()
        typed = combo_country(self.delegation_country)
        try:  # checked here, so that a mistake marks this field and not the person's country
            return normalise_country(typed), ""
        except UserError as exc:
            raise UserError(f"Delegation: {exc.message}", field="delegation_country") from None

    def save_op(self) -> Callable[[Session], Any]:
        delegation_country, delegation_organisation = self._delegation_values()
        person = dataclasses.replace(
            self.base_person,
            title=self.title_edit.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            badge_name=self.badge_name.text(),
            name_latin=self.name_latin.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            country=combo_country(self.country),
            organisation=self.organisation.text(),
            position=self.position.text(),
            languages=self.languages.text(),
            notes=self.notes.toPlainText(),
        )
        data = RegistrationInput(
            person=person,
            status=self.status.currentData(),
            category_id=self.category.currentData(),
            delegation_country=delegation_country,
            delegation_organisation=delegation_organisation,
            needs_attention=self.needs_attention.isChecked(),
            attention_note=self.attention_note.toPlainText(),
            list_consent=self.list_consent.isChecked(),
        )
        if self.row is None:
            event_id = self.event_id
            return lambda s: registrations.create_registration(s, event_id, data)
        return self.update_op(self.row.id, data)
