"""The event editor: every field of an event.

Registration opening and closing times are typed as wall-clock times in the event's own time
zone (09:00 in Tashkent is 09:00 whatever the laptop's zone) and saved as aware datetimes."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QWidget,
)
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

DEFAULT_ZONE = "Europe/Budapest"  # what core uses for an empty time zone
DATETIME_FORMAT = "d MMM yyyy  HH:mm"


@cache
def _zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def zone_combo(current: str) -> QComboBox:
    """Every IANA time zone name; typing any part of it ("tashk") filters the list."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(_zone_names())
    combo.setMaxVisibleItems(15)
    completer = QCompleter(_zone_names(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    index = combo.findText(current)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:  # a name this machine's zone database lacks stays as it was
        combo.setEditText(current)
    return combo


def zone_of(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name.strip() or DEFAULT_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class OptionalDateTime(QWidget):
    """A date and time that may be left unset: a check box (used as the form row's label)
    turns the QDateTimeEdit on. The edit shows plain wall-clock time: its own time zone is
    UTC only so that the laptop's daylight-saving gaps never shift what is typed."""

    def __init__(self, text: str, value: dt.datetime | None, zone: str) -> None:
        super().__init__()
        self.enabled = QCheckBox(text)
        self.edit = QDateTimeEdit()
        self.edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATETIME_FORMAT)
        self.zone_label = QLabel()
        self.zone_label.setEnabled(False)  # greyed: a hint, not a value
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.zone_label, 1)
        tz = zone_of(zone)
        if value is not None and tz is not None:
            self.set_wall_time(value.astimezone(tz).replace(tzinfo=None))
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.show_zone(zone)

    def set_wall_time(self, value: dt.datetime) -> None:
        self.edit.setDateTime(
            QDateTime(
                QDate(value.year, value.month, value.day),
                QTime(value.hour, value.minute, value.second),  # seconds kept, not shown
                QTimeZone(QTimeZone.Initialization.UTC),
            )
        )

    def wall_time(self) -> dt.datetime:
        day, time = self.edit.date(), self.edit.time()
        return dt.datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second()
        )

    def value(self, zone: dt.tzinfo) -> dt.datetime | None:
        return self.wall_time().replace(tzinfo=zone) if self.enabled.isChecked() else None

    def show_zone(self, zone: str) -> None:
        self.zone_label.setText(f"in {zone.strip() or DEFAULT_ZONE}")


class EventEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, row: EventRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ops, "New event" if row is None else "Edit event", changes={"events"}, parent=parent
        )
        self.row = row
        data = row.to_input() if row else EventInput(title="", start_date=dt.date.today())
        self.title_edit = self.line("title", "&Title", data.title)
        self.kind = self.add_row("kind", "&Kind", enum_combo(EventKind, data.kind if row else None))
        self.status = self.add_row(
            "status", "&Status", enum_combo(EventStatus, data.status if row else None)
        )
        self.start = date_edit(data.start_date if row else None)
        self.end = date_edit(data.end_date if row else None)
        ends = QLabel("&ends")
        ends.setBuddy(self.end)
        self._row("S&tarts", ("start_date", self.start), ends, ("end_date", self.end))
        self.time_zone = self.add_row("time_zone", "Time &zone", zone_combo(data.time_zone))
        self.registration_opens = self._optional(
            "registration_opens", "Registration &opens", data.registration_opens
        )
        self.registration_closes = self._optional(
            "registration_closes", "Registration c&loses", data.registration_closes
        )
        self.venue = self.line("venue", "&Venue", data.venue)
        self.city = self.line("city", "&City", data.city)
        self.country = self.add_row("country", "Co&untry", country_combo(data.country))
        self.online = self.add_row("online", "", check(data.online, "Held o&nline"))
        self.capacity = spin(data.capacity)
        self.auto_promote = check(
            data.auto_promote, "P&romote from the waiting list automatically when a seat frees"
        )
        self._row("Ca&pacity", ("capacity", self.capacity), ("auto_promote", self.auto_promote))
        self.auto_promote.setToolTip(
            "When a confirmed participant cancels, the first on the waiting list is confirmed."
        )
        self.hosts = self.add_row("hosts", "Co-chairs / &hosts", text_edit(data.hosts, 50))
        self.hosts.setMaximumHeight(80)  # a few names; the description takes the height
        self.description = self.add_row("description", "&Description", text_edit(data.description))
        if data.registration_opens is None:
            self.registration_opens.set_wall_time(dt.datetime.combine(dt.date.today(), dt.time(9)))
        if data.registration_closes is None:
            self._default_closing()
            self.start.dateChanged.connect(self._default_closing)
        self.start.dateChanged.connect(self._keep_end_after_start)
        self.time_zone.currentTextChanged.connect(self._zone_changed)
        height = min(self.sizeHint().height(), self.screen().availableGeometry().height() - 80)
        self.resize(max(self.sizeHint().width(), 640), height)  # the text boxes take the rest

    def _row(self, label: str, *parts: tuple[str, QWidget] | QWidget) -> None:
        """Several fields on one form row; (name, widget) parts are fields, others captions."""
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            if isinstance(part, tuple):
                name, widget = part
                widget.setObjectName(name)
                self.fields[name] = widget
                if box.focusProxy() is None:  # the row's label focuses its first field
                    box.setFocusProxy(widget)
            else:
                widget = part
            layout.addWidget(widget)
        layout.addStretch(1)
        self.form.addRow(label, box)

    def _optional(self, name: str, text: str, value: dt.datetime | None) -> OptionalDateTime:
        widget = OptionalDateTime(text, value, self.time_zone.currentText())
        widget.setObjectName(name)
        widget.enabled.setObjectName(f"{name}_set")
        self.fields[name] = widget.edit  # a UserError for this field marks the date and time
        self.form.addRow(widget.enabled, widget)
        return widget

    def _keep_end_after_start(self) -> None:
        if date_of(self.end) < date_of(self.start):
            self.end.setDate(self.start.date())

    def _default_closing(self) -> None:
        """Until it is turned on, closing suggests the evening before the event starts."""
        if not self.registration_closes.enabled.isChecked():
            day = date_of(self.start) - dt.timedelta(days=1)
            self.registration_closes.set_wall_time(dt.datetime.combine(day, dt.time(23, 59)))

    def _zone_changed(self, name: str) -> None:
        for widget in (self.registration_opens, self.registration_closes):
            widget.show_zone(name)

    def save_op(self) -> Callable[[Session], Any]:
        zone_name = self.time_zone.currentText().strip()
        # An unknown zone name cannot place the times; core refuses the name itself (with its
        # message, beside the time zone field) before anything is stored.
        zone = zone_of(zone_name) or dt.UTC
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
            time_zone=zone_name,
            hosts=self.hosts.toPlainText(),
            description=self.description.toPlainText(),
            registration_opens=self.registration_opens.value(zone),
            registration_closes=self.registration_closes.value(zone),
            auto_promote=self.auto_promote.isChecked(),
        )
        if self.row is None:
            return lambda s: events.create_event(s, data)
        event_id = self.row.id
        return lambda s: events.update_event(s, event_id, data)
