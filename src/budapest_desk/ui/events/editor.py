"""The event editor: every field of an event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import events
from budapest_desk.core.events import EventInput, EventRow
from budapest_desk.db.enums import EventKind, EventStatus
from budapest_desk.ui.common.forms import (
    FormDialog,
    check,
    combo_country,
    country_combo,
    date_edit,
    date_of,
    enum_combo,
    spin,
    text_edit,
)
from budapest_desk.ui.ops import OperationRunner


class EventEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, row: EventRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ops, "New event" if row is None else "Edit event", changes={"events"}, parent=parent
        )
        self.row = row
        data = row.to_input() if row else None
        self.title_edit = self.line("title", "&Title", data.title if data else "")
        self.kind = self.add_row(
            "kind", "&Kind", enum_combo(EventKind, data.kind if data else None)
        )
        self.status = self.add_row(
            "status", "&Status", enum_combo(EventStatus, data.status if data else None)
        )
        self.start = self.add_row(
            "start_date", "S&tarts", date_edit(data.start_date if data else None)
        )
        self.end = self.add_row("end_date", "&Ends", date_edit(data.end_date if data else None))
        self.venue = self.line("venue", "&Venue", data.venue if data else "")
        self.city = self.line("city", "&City", data.city if data else "")
        self.country = self.add_row(
            "country", "C&ountry", country_combo(data.country if data else None)
        )
        self.online = self.add_row(
            "online", "", check(data.online if data else False, "Held online")
        )
        self.capacity = self.add_row("capacity", "Ca&pacity", spin(data.capacity if data else None))
        self.time_zone = self.line(
            "time_zone", "Time &zone", data.time_zone if data else "Europe/Budapest"
        )
        self.hosts = self.add_row(
            "hosts", "Co-chairs / &hosts", text_edit(data.hosts if data else "", 50)
        )
        self.description = self.add_row(
            "description", "&Description", text_edit(data.description if data else "")
        )
        self.start.dateChanged.connect(self._keep_end_after_start)

    def _keep_end_after_start(self) -> None:
        if date_of(self.end) < date_of(self.start):
            self.end.setDate(self.start.date())

    def save_op(self) -> Callable[[Session], Any]:
        data = EventInput(
            title=self.title_edit.text(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            start_date=date_of(self.start),
            end_date=date_of(self.end),
            venue=self.venue.text(),
            city=self.city.text(),
            country=combo_country(self.country),
            online=self.online.isChecked(),
            capacity=self.capacity.value() or None,
            time_zone=self.time_zone.text(),
            hosts=self.hosts.toPlainText(),
            description=self.description.toPlainText(),
        )
        if self.row is None:
            return lambda s: events.create_event(s, data)
        event_id = self.row.id
        return lambda s: events.update_event(s, event_id, data)
