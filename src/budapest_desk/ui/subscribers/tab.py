"""Subscribers: the newsletter's list with country, organisation and status; create, edit,
delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import subscribers
from budapest_desk.core.countries import country_name
from budapest_desk.core.subscribers import SubscriberRow
from budapest_desk.ui.common.forms import FormDialog, label_of
from budapest_desk.ui.common.list_tab import ListTab
from budapest_desk.ui.common.table import Column
from budapest_desk.ui.subscribers.editor import SubscriberEditor


def full_name(row: SubscriberRow) -> str:
    return f"{row.first_name} {row.last_name}".strip()


class SubscribersTab(ListTab[SubscriberRow]):
    noun = "subscriber"
    plural = "subscribers"
    kinds = frozenset({"subscribers"})

    def columns(self) -> Sequence[Column[SubscriberRow]]:
        return [
            Column(
                "Name",
                full_name,
                sort_key=lambda r: f"{r.last_name}\t{r.first_name}".casefold(),
            ),
            Column("Email", lambda r: r.email),
            Column("Country", lambda r: country_name(r.country)),
            Column("Organisation", lambda r: r.organisation),
            Column("Status", lambda r: label_of(r.status)),
            Column("Language", lambda r: r.language),
        ]

    def load(self, session: Session) -> Sequence[SubscriberRow]:
        return subscribers.list_subscribers(session)

    def editor(self, row: SubscriberRow | None) -> FormDialog:
        return SubscriberEditor(self.ops, row, parent=self)

    def delete_op(self, row: SubscriberRow) -> Callable[[Session], Any]:
        return lambda s: subscribers.delete_subscriber(s, row.id)

    def describe(self, row: SubscriberRow) -> str:
        return f"the subscriber {full_name(row)} <{row.email}>"


def make_tab(ops: Any, parent: QWidget | None = None) -> SubscribersTab:
    return SubscribersTab(ops, parent)
