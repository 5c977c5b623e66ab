"""The news editor: title, dateline, status, language, tags, summary, body and linked events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import events, news
from budapest_desk.core.events import EventRow
from budapest_desk.core.news import NewsInput, NewsRow
from budapest_desk.db.enums import NewsStatus
from budapest_desk.ui.common.forms import (
    FormDialog,
    check,
    date_edit,
    date_of,
    enum_combo,
    text_edit,
)
from budapest_desk.ui.ops import OperationRunner


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


class NewsEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, row: NewsRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ops,
            "New news item" if row is None else "Edit news item",
            changes={"news"},
            parent=parent,
        )
        self.row = row
        self.setMinimumWidth(600)
        data = row.to_input() if row else NewsInput(title="")
        self.title_edit = self.line("title", "&Title", data.title)
        self.place = self.line(
            "dateline_place", "Dateline &place", data.dateline_place, "e.g. Islamabad"
        )
        self.date = date_edit(data.dateline_date)
        self.date.setObjectName("datelineDate")
        self.no_date = check(row is not None and data.dateline_date is None, "&No date")
        self.no_date.setObjectName("datelineNoDate")
        self.no_date.toggled.connect(lambda on: self.date.setEnabled(not on))
        self.date.setEnabled(not self.no_date.isChecked())
        dateline = QWidget()
        box = QHBoxLayout(dateline)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.date, 1)
        box.addWidget(self.no_date)
        self.add_row("dateline_date", "Dateline &date", dateline)
        self.status = self.add_row("status", "&Status", enum_combo(NewsStatus, data.status))
        self.language = self.line("language", "&Language", data.language, "en")
        self.language.setMaxLength(8)
        self.tags = self.line("tags", "T&ags", ", ".join(data.tags), "comma separated")
        self.summary = self.add_row("summary", "Su&mmary", text_edit(data.summary, 60))
        self.body = self.add_row("body", "&Body", text_edit(data.body, 160))
        self.events_list = self.add_row("event_ids", "Linked &events", QListWidget())
        self.events_list.setMaximumHeight(110)
        self.events_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._placeholder("Loading events…")
        self.events_loaded = False
        self._event_ids = set(data.event_ids)
        ops.run(events.list_events, on_done=self._show_events, parent=self)

    def _show_events(self, rows: Sequence[EventRow]) -> None:
        if not shiboken6.isValid(self.events_list):
            return  # the dialog was closed before the events arrived
        self.events_list.clear()
        for event in rows:
            item = QListWidgetItem(f"{event.title} ({event.start_date:%b %Y})")
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            item.setToolTip(event.title)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = event.id in self._event_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.events_list.addItem(item)
        if not rows:
            self._placeholder("No events yet")
        self.events_loaded = True

    def _placeholder(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.events_list.addItem(item)

    def checked_event_ids(self) -> tuple[int, ...]:
        if not self.events_loaded:  # not shown yet: keep the links as they were
            return tuple(sorted(self._event_ids))
        ids = []
        for i in range(self.events_list.count()):
            item = self.events_list.item(i)
            event_id = item.data(Qt.ItemDataRole.UserRole)
            if isinstance(event_id, int) and item.checkState() == Qt.CheckState.Checked:
                ids.append(event_id)
        return tuple(sorted(ids))

    def save_op(self) -> Callable[[Session], Any]:
        data = NewsInput(
            title=self.title_edit.text(),
            dateline_place=self.place.text(),
            dateline_date=None if self.no_date.isChecked() else date_of(self.date),
            summary=self.summary.toPlainText(),
            body=self.body.toPlainText(),
            status=self.status.currentData(),
            language=self.language.text(),
            tags=split_tags(self.tags.text()),
            event_ids=self.checked_event_ids(),
        )
        if self.row is None:
            return lambda s: news.create_news(s, data)
        item_id = self.row.id
        return lambda s: news.update_news(s, item_id, data)
