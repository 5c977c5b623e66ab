"""A walk-in: someone at the door who is not on the roster. A short form (name, organisation,
country, category); Enter registers them (confirmed, source walk-in) and checks them in, in one
transaction, and the tab then offers their badge."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core.countries import normalise_country
from budapest_desk.core.errors import UserError
from budapest_desk.core.registrations import CategoryRow
from budapest_desk.ui.checkin import desk
from budapest_desk.ui.checkin.editor import category_combo
from budapest_desk.ui.common.forms import FormDialog, combo_country, country_combo
from budapest_desk.ui.ops import OperationRunner

_print_badge = [True]  # remembered while the app runs


class WalkInDialog(FormDialog):
    desk_work = True

    def __init__(
        self,
        ops: OperationRunner,
        event_id: int,
        desk_name: str,
        categories: Sequence[CategoryRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ops, "Walk-in: register and check in", changes={"registrations", "checkin"},
            parent=parent,
        )  # fmt: skip
        self.setObjectName("walkInDialog")
        self.event_id = event_id
        self.desk_name = desk_name
        self.first_name = self.line("first_name", "&First name")
        self.last_name = self.line("last_name", "&Last name")
        self.organisation = self.line("organisation", "&Organisation")
        self.country = self.add_row("country", "C&ountry", country_combo(None))
        line = self.country.lineEdit()
        if line is not None:
            line.setPlaceholderText("type a name or an ISO code")
        self.category = self.add_row("category_id", "C&ategory", category_combo(categories, None))
        self.print_badge = QCheckBox("Print the &badge next")
        self.print_badge.setObjectName("walkInPrintBadge")
        self.print_badge.setChecked(_print_badge[0])
        self.print_badge.toggled.connect(lambda on: _print_badge.__setitem__(0, on))
        self.form.addRow("", self.print_badge)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Register and check in")
        save.setDefault(True)
        self.first_name.setFocus()

    def save_op(self) -> Callable[[Session], Any]:
        typed = combo_country(self.country)
        try:  # checked here, so that a mistake marks the country field
            country = normalise_country(typed)
        except UserError as exc:
            raise UserError(exc.message, field="country") from None
        person = desk.WalkIn(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            organisation=self.organisation.text(),
            country=country,
            category_id=self.category.currentData(),
        )
        return desk.walk_in_op(self.event_id, person, self.desk_name)
