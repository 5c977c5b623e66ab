"""The subscriber editor. Email, first name, last name and country are required (core says so,
and the form shows which field is at fault)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import subscribers
from budapest_desk.core.subscribers import SubscriberInput, SubscriberRow
from budapest_desk.db.enums import SubscriberStatus
from budapest_desk.ui.common.forms import (
    FormDialog,
    combo_country,
    country_combo,
    enum_combo,
    text_edit,
)
from budapest_desk.ui.ops import OperationRunner


def consent_label(row: SubscriberRow | None) -> str:
    if row is None or row.consent_at is None:
        return "not recorded" if row else "recorded when saved, if a method is given"
    local = row.consent_at.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


class SubscriberEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, row: SubscriberRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ops,
            "New subscriber" if row is None else "Edit subscriber",
            changes={"subscribers"},
            parent=parent,
        )
        self.row = row
        data = row.to_input() if row else SubscriberInput("", "", "", None)
        self.email = self.line("email", "&Email *", data.email, "name@example.org")
        self.first_name = self.line("first_name", "&First name *", data.first_name)
        self.last_name = self.line("last_name", "&Last name *", data.last_name)
        self.country = self.add_row("country", "C&ountry *", country_combo(data.country))
        self.organisation = self.line("organisation", "O&rganisation", data.organisation)
        self.language = self.line("language", "Lan&guage", data.language, "en")
        self.language.setMaxLength(8)
        self.status = self.add_row("status", "&Status", enum_combo(SubscriberStatus, data.status))
        self.consent_method = self.line(
            "consent_method", "Consent &method", data.consent_method, "e.g. web sign-up form"
        )
        self.consent_text = self.add_row(
            "consent_text", "Consent &wording", text_edit(data.consent_text, 60)
        )
        self.consent_text.setMaximumHeight(100)
        self.add_row("consent_at", "Consent given", QLabel(consent_label(row)))

    def save_op(self) -> Callable[[Session], Any]:
        data = SubscriberInput(
            email=self.email.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            country=combo_country(self.country),
            organisation=self.organisation.text(),
            language=self.language.text(),
            status=self.status.currentData(),
            consent_method=self.consent_method.text(),
            consent_text=self.consent_text.toPlainText(),
        )
        if self.row is None:
            consent_at = dt.datetime.now(dt.UTC) if data.consent_method.strip() else None
            return lambda s: subscribers.create_subscriber(s, data, consent_at=consent_at)
        subscriber_id = self.row.id
        return lambda s: subscribers.update_subscriber(s, subscriber_id, data)
