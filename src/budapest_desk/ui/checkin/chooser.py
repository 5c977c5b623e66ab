"""The event chooser: which event's roster the desk shows. The choice is remembered (per
database) while the app runs; otherwise the current or next event is preselected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from budapest_desk.core.events import EventRow
from budapest_desk.db.enums import EventStatus

# database location -> the event last chosen there (for as long as the app runs)
_remembered: dict[str, int] = {}


def default_event(rows: Sequence[EventRow], today: dt.date | None = None) -> int | None:
    """The event a desk most likely wants: the one under way or starting next, else the most
    recent one open for registration, else the first listed (the newest)."""
    today = today or dt.date.today()
    current = [r for r in rows if r.end_date >= today and r.status != EventStatus.ARCHIVED]
    if current:
        return min(current, key=lambda r: (r.start_date, r.id)).id
    open_now = [r for r in rows if r.status == EventStatus.REGISTRATION_OPEN]
    if open_now:
        return max(open_now, key=lambda r: (r.start_date, r.id)).id
    return rows[0].id if rows else None


def event_label(row: EventRow) -> str:
    start, end = row.start_date, row.end_date
    if start == end:
        dates = f"{start.day} {start:%b %Y}"
    elif (start.year, start.month) == (end.year, end.month):
        dates = f"{start.day}–{end.day} {start:%b %Y}"
    else:
        dates = f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{row.title}  ·  {dates}"


class EventChooser(QComboBox):
    chosen = Signal(object)  # the event id, or None when there is no event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinEvent")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.location = ""
        self.titles: dict[int, str] = {}
        self.rows: dict[int, EventRow] = {}
        self.currentIndexChanged.connect(self._changed)

    def event_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def set_events(self, rows: Sequence[EventRow], location: str) -> int | None:
        """Fill the list, keeping the current event if it still exists; return the chosen id
        (no `chosen` signal: the caller loads it)."""
        keep = self.event_id() if location == self.location else None
        self.location = location
        self.titles = {r.id: r.title for r in rows}
        self.rows = {r.id: r for r in rows}
        wanted = next(
            (
                candidate
                for candidate in (keep, _remembered.get(location))
                if candidate in self.titles
            ),
            default_event(rows),
        )
        self.blockSignals(True)
        try:
            self.clear()
            for row in rows:
                self.addItem(event_label(row), row.id)
            self.setCurrentIndex(max(self.findData(wanted), 0) if rows else -1)
        finally:
            self.blockSignals(False)
        self.setEnabled(bool(rows))
        return self.event_id()

    def _changed(self, _index: int) -> None:
        event_id = self.event_id()
        if event_id is not None:
            _remembered[self.location] = event_id
        self.chosen.emit(event_id)
