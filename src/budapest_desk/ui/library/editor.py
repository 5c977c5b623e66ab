"""The document editor: title, kind, description, language, access level, event and tags.
Files are added from the tab (Add file…), not here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import events, library
from budapest_desk.core.events import EventRow
from budapest_desk.core.library import DocumentInput, DocumentRow
from budapest_desk.db.enums import AccessLevel, DocumentKind
from budapest_desk.ui.common.forms import FormDialog, enum_combo, text_edit
from budapest_desk.ui.ops import OperationRunner

NO_EVENT = "(none)"


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


class DocumentEditor(FormDialog):
    def __init__(
        self, ops: OperationRunner, row: DocumentRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ops,
            "New document" if row is None else "Edit document",
            changes={"documents"},
            parent=parent,
        )
        self.row = row
        data = row.to_input() if row else DocumentInput(title="")
        self.title_edit = self.line("title", "&Title", data.title)
        self.kind = self.add_row("kind", "&Kind", enum_combo(DocumentKind, data.kind))
        self.description = self.add_row(
            "description", "&Description", text_edit(data.description, 80)
        )
        self.language = self.line("language", "&Language", data.language, "en")
        self.language.setMaxLength(8)
        self.access = self.add_row(
            "access_level", "&Access", enum_combo(AccessLevel, data.access_level)
        )
        self.event_combo = self.add_row("event_id", "&Event", QComboBox())
        self.event_combo.addItem(NO_EVENT, None)
        self.event_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.event_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        if row is not None and row.event_id is not None:  # until the list arrives
            self.event_combo.addItem(row.event_title, row.event_id)
            self.event_combo.setCurrentIndex(1)
        self.tags = self.line("tags", "T&ags", ", ".join(data.tags), "comma separated")
        ops.run(events.list_events, on_done=self._show_events, parent=self)

    def _show_events(self, rows: Sequence[EventRow]) -> None:
        if not shiboken6.isValid(self.event_combo):
            return  # the dialog was closed before the events arrived
        current = self.event_combo.currentData()
        self.event_combo.clear()
        self.event_combo.addItem(NO_EVENT, None)
        for event in rows:
            self.event_combo.addItem(f"{event.title} ({event.start_date:%b %Y})", event.id)
        index = self.event_combo.findData(current) if current is not None else 0
        self.event_combo.setCurrentIndex(max(index, 0))

    def save_op(self) -> Callable[[Session], Any]:
        event_id = self.event_combo.currentData()
        data = DocumentInput(
            title=self.title_edit.text(),
            kind=self.kind.currentData(),
            description=self.description.toPlainText(),
            language=self.language.text(),
            access_level=self.access.currentData(),
            event_id=event_id if isinstance(event_id, int) else None,
            tags=split_tags(self.tags.text()),
        )
        if self.row is None:
            return lambda s: library.create_document(s, data)
        document_id = self.row.id
        return lambda s: library.update_document(s, document_id, data)
