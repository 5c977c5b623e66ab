"""Events: the list with status, dates, place and registration counts (create, edit, delete),
and beside it the roster of the selected event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import events
from budapest_desk.core.countries import country_name
from budapest_desk.core.events import EventRow
from budapest_desk.ui.common.forms import FormDialog, label_of
from budapest_desk.ui.common.list_tab import ListTab
from budapest_desk.ui.common.table import Column
from budapest_desk.ui.events.editor import EventEditor
from budapest_desk.ui.events.roster import RosterPanel
from budapest_desk.ui.ops import OperationRunner


def _dates(row: EventRow) -> str:
    start, end = row.start_date, row.end_date
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def _place(row: EventRow) -> str:
    place = ", ".join(p for p in (row.city, country_name(row.country)) if p)
    return "Online" if row.online and not place else place


class EventsTab(ListTab[EventRow]):
    noun = "event"
    plural = "events"
    kinds = frozenset({"events", "registrations"})
    sort_column = 1  # dates, newest first
    sort_order = Qt.SortOrder.DescendingOrder

    def columns(self) -> Sequence[Column[EventRow]]:
        return [
            Column("Title", lambda r: r.title),
            Column("Dates", _dates, sort_key=lambda r: r.start_date.isoformat()),
            Column("Place", _place),
            Column("Kind", lambda r: label_of(r.kind)),
            Column("Status", lambda r: label_of(r.status)),
            Column(
                "Registered",
                lambda r: f"{r.registrations}" + (f" / {r.capacity}" if r.capacity else ""),
                sort_key=lambda r: r.registrations,
                align_right=True,
            ),
            Column(
                "Confirmed",
                lambda r: str(r.confirmed),
                sort_key=lambda r: r.confirmed,
                align_right=True,
            ),
            Column(
                "Waiting",
                lambda r: str(r.waitlisted) if r.waitlisted else "",
                sort_key=lambda r: r.waitlisted,
                align_right=True,
            ),
        ]

    def load(self, session: Session) -> Sequence[EventRow]:
        return events.list_events(session)

    def editor(self, row: EventRow | None) -> FormDialog:
        return EventEditor(self.ops, row, parent=self)

    def delete_op(self, row: EventRow) -> Callable[[Session], Any]:
        return lambda s: events.delete_event(s, row.id)

    def describe(self, row: EventRow) -> str:
        regs = f" and its {row.registrations} registrations" if row.registrations else ""
        return f"the event “{row.title}”{regs}"


class EventsPage(QSplitter):
    """The events list and, beside it, the roster of the event selected in it."""

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.events = EventsTab(ops)
        self.events.setObjectName("eventsList")
        self.roster = RosterPanel(ops)
        self.addWidget(self.events)
        self.addWidget(self.roster)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([520, 780])
        self.setChildrenCollapsible(False)
        selection = self.events.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._follow_selection())
        self.events.model.modelReset.connect(self._check_still_there)

    @property
    def loaded(self) -> bool:
        return self.events.loaded

    def _check_still_there(self) -> None:
        """The list was reloaded: an event deleted meanwhile leaves the roster."""
        current = self.roster.current_event
        if current is not None and self.events.model.row_of(current.id) < 0:
            self.roster.set_event(None)

    def _follow_selection(self) -> None:
        rows = self.events.selected_rows()
        if not rows:
            return  # a reload clears the selection for a moment; keep the roster
        event = rows[0] if len(rows) == 1 else None
        if event != self.roster.current_event:
            self.roster.set_event(event)


def make_tab(ops: Any, parent: QWidget | None = None) -> EventsPage:
    return EventsPage(ops, parent)
