"""The registration editor: the person (from the shared directory) and their registration."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import registrations
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import CategoryRow, RegistrationInput, RegistrationRow
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.common.forms import (
    FormDialog,
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


def _section(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 8, 0, 0)
    return label


class RegistrationEditor(FormDialog):
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
        self.form.addRow(QLabel(f"Event: {event_title}"))
        self.form.addRow(_section("Person"))
        self.title_edit = self.line("title", "&Title", person.title, "H.E., Dr, Ms…")
        self.first_name = self.line("first_name", "&First name", person.first_name)
        self.last_name = self.line("last_name", "&Last name", person.last_name)
        self.email = self.line("email", "&Email", person.email)
        self.country = self.add_row("country", "C&ountry", country_combo(person.country))
        self.organisation = self.line("organisation", "O&rganisation", person.organisation)
        self.position = self.line("position", "&Position", person.position)
        self.form.addRow(_section("Registration"))
        self.status = self.add_row(
            "status",
            "&Status",
            enum_combo(RegistrationStatus, data.status if data else RegistrationStatus.PENDING),
        )
        self.category = self.add_row(
            "category_id",
            "&Category",
            category_combo(categories, data.category_id if data else None),
        )
        self.delegation_country = self.add_row(
            "delegation_country",
            "&Delegation",
            country_combo(data.delegation_country if data else None),
        )
        self.needs_attention = self.add_row(
            "needs_attention",
            "",
            check(data.needs_attention if data else False, "Needs &attention at the desk"),
        )
        self.attention_note = self.add_row(
            "attention_note", "Attention &note", text_edit(data.attention_note if data else "", 50)
        )
        self.list_consent = self.add_row(
            "list_consent",
            "",
            check(
                data.list_consent if data else False,
                "Consents to appear on the distributed participant &list",
            ),
        )
        self.attention_note.setEnabled(self.needs_attention.isChecked())
        self.needs_attention.toggled.connect(self.attention_note.setEnabled)
        self.first_name.setFocus()

    def save_op(self) -> Callable[[Session], Any]:
        person = PersonInput(
            **{
                **vars(self.base_person),
                "title": self.title_edit.text(),
                "first_name": self.first_name.text(),
                "last_name": self.last_name.text(),
                "email": self.email.text(),
                "country": combo_country(self.country),
                "organisation": self.organisation.text(),
                "position": self.position.text(),
            }
        )
        data = RegistrationInput(
            person=person,
            status=self.status.currentData(),
            category_id=self.category.currentData(),
            delegation_country=combo_country(self.delegation_country),
            delegation_organisation=self.row.delegation_organisation if self.row else "",
            needs_attention=self.needs_attention.isChecked(),
            attention_note=self.attention_note.toPlainText(),
            list_consent=self.list_consent.isChecked(),
        )
        if self.row is None:
            event_id = self.event_id
            return lambda s: registrations.create_registration(s, event_id, data)
        registration_id = self.row.id
        return lambda s: registrations.update_registration(s, registration_id, data)
