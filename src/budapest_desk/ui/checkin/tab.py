"""Check-in: an event's roster at the desk. Choose the event, find a person, check them in.

The table holds the ids of the event's registrations and fetches only the rows on show (see
model.py), so that a 20,000-person roster opens as fast as an empty one.

When everything may have changed ("*": another database was opened), the roster, the selection
and the event list are dropped at once, before the new ones load: the same ids name other
records in the other database, and an action must never reach them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from budapest_desk.core import events, registrations
from budapest_desk.core.events import EventRow
from budapest_desk.ui.checkin import desk, texts
from budapest_desk.ui.checkin.chooser import EventChooser
from budapest_desk.ui.checkin.editor import RegistrationEditor
from budapest_desk.ui.checkin.model import RegistrationsModel
from budapest_desk.ui.checkin.view import RosterView
from budapest_desk.ui.common.dialogs import confirm_delete
from budapest_desk.ui.ops import ALL, OperationRunner

SEARCH_DELAY_MS = 150
_desk_name = [desk.DEFAULT_DESK]  # remembered while the app runs


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class CheckinTab(QWidget):
    event_kinds = frozenset({"events", ALL})
    roster_kinds = frozenset({"registrations", "checkin", "events", ALL})

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.loaded = False
        self._events_dirty = True
        self._roster_dirty = True
        self._roster_token = 0
        self._select_after_load: int | None = None
        self._waiting_first_page = False

        self.chooser = EventChooser()
        self.chooser.chosen.connect(lambda _id: self._event_chosen())
        self.desk_edit = QLineEdit(_desk_name[0])
        self.desk_edit.setObjectName("checkinDesk")
        self.desk_edit.setPlaceholderText(desk.DEFAULT_DESK)
        self.desk_edit.setMaximumWidth(160)
        self.desk_edit.textChanged.connect(self._remember_desk)

        self.search = QLineEdit()
        self.search.setObjectName("checkinSearch")
        self.search.setPlaceholderText("Find by name, organisation or email…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_roster)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_done)

        self.model = RegistrationsModel(ops)
        self.model.page_arrived.connect(lambda _page: self._page_done())
        self.model.pages_failed.connect(lambda _pages: self._page_done())
        self.model.dataChanged.connect(lambda *_: self._update_actions())
        # A reset clears the selection without a selectionChanged signal.
        self.model.modelReset.connect(self._update_actions)
        self.table = RosterView(self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("checkinToolbar")
        self.new_action = self._action(
            "&New registration…", [QKeySequence.StandardKey.New], self.new
        )
        self.edit_action = self._action(
            "&Edit…",
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
            self.edit_selected,
            table_only=True,
        )
        self.delete_action = self._action(
            "&Delete…", [QKeySequence.StandardKey.Delete], self.delete_selected, table_only=True
        )
        self.toolbar.addSeparator()
        self.checkin_action = self._action(
            "Check &in (Ctrl+I)", [QKeySequence("Ctrl+I")], self.check_in
        )
        self.checkin_action.setObjectName("checkInAction")
        self.undo_action = self._action(
            "&Undo last check-in", [QKeySequence("Ctrl+Shift+I")], self.undo_check_in
        )
        self.undo_action.setObjectName("undoCheckInAction")
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_search)
        self.addAction(find)

        self.count_label = QLabel()
        self.count_label.setObjectName("checkinCount")
        self.message = QLabel()
        self.message.setObjectName("checkinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        chooser_row = QHBoxLayout()
        chooser_row.addWidget(_label("E&vent:", self.chooser))
        chooser_row.addWidget(self.chooser, 1)
        chooser_row.addSpacing(16)
        chooser_row.addWidget(_label("Des&k:", self.desk_edit))
        chooser_row.addWidget(self.desk_edit)
        tools_row = QHBoxLayout()
        tools_row.addWidget(self.toolbar)
        tools_row.addSpacing(12)
        tools_row.addWidget(self.search, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.count_label)
        status_row.addStretch(1)
        status_row.addWidget(self.message, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser_row)
        layout.addLayout(tools_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(status_row)

        ops.changed.connect(self._changed)  # "*" after a database switch, too
        self._update_actions()

    def _action(
        self,
        text: str,
        keys: Sequence[QKeySequence | QKeySequence.StandardKey],
        slot: Any,
        *,
        table_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(list(keys))  # type: ignore[arg-type]
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{plain} ({shortcut})" if shortcut and shortcut not in plain else plain)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        if table_only:  # Return and Del belong to the search field while typing there
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        return action

    @staticmethod
    def _remember_desk(text: str) -> None:
        _desk_name[0] = text

    # ---- loading -----------------------------------------------------------------------
    def _changed(self, kinds: frozenset[str]) -> None:
        if ALL in kinds:
            self._forget_shown()
        if kinds & self.event_kinds:
            self._events_dirty = True
        if kinds & self.roster_kinds:
            self._roster_dirty = True
        if self.isVisible():
            self._refresh()

    def _forget_shown(self) -> None:
        """Drop the roster, the selection and the events now (they reload asynchronously)."""
        self._roster_token += 1  # a roster load under way is dropped when it arrives
        self._select_after_load = None
        self.table.clearSelection()
        self.model.clear()
        self.chooser.set_events([], self.chooser.location)
        self.count_label.clear()
        self.message.clear()
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        if self._events_dirty:
            self.refresh_events()
        elif self._roster_dirty:
            self.refresh_roster()

    def refresh_events(self) -> None:
        self._events_dirty = False
        if self.ops.db is None:
            self._show_events([])
            return
        self.ops.run(events.list_events, on_done=self._show_events, parent=self)

    def _show_events(self, rows: Sequence[EventRow]) -> None:
        location = self.ops.db.location if self.ops.db is not None else ""
        before = self.chooser.event_id()
        chosen = self.chooser.set_events(rows, location)
        if chosen is None:
            self._show_roster(self._roster_token, desk.Roster([], 0, 0))
            self.message.setText("No events yet: create one in the Events tab.")
        elif chosen != before or self._roster_dirty or not self.loaded:
            self.refresh_roster()

    def _event_chosen(self) -> None:
        self.message.clear()
        self.refresh_roster()

    def refresh_roster(self) -> None:
        self._search_timer.stop()
        self._roster_dirty = False
        self._roster_token += 1
        token = self._roster_token
        event_id = self.chooser.event_id()
        if event_id is None or self.ops.db is None:
            self._show_roster(token, desk.Roster([], 0, 0))
            return
        query = self.search.text()
        self.ops.run(
            lambda s: desk.load_roster(s, event_id, query),
            on_done=lambda roster: self._show_roster(token, roster),
            parent=self,
        )

    def _show_roster(self, token: int, roster: desk.Roster) -> None:
        if token != self._roster_token:
            return  # a newer search or refresh is on its way
        new = self._select_after_load
        keep = new or self.current_id()
        scroll = self.table.verticalScrollBar().value()
        self.model.set_ids(roster.ids)
        self._select_after_load = None
        if keep is not None:
            self.table.select_id(keep, scroll=False)
        # After a reset the scroll range is laid out later: scroll once it is.
        QTimer.singleShot(0, lambda: self.table.restore_scroll(scroll, new))
        self._show_counts(roster)
        self._update_actions()
        if not self.loaded:
            if roster.ids:
                self._waiting_first_page = True
                top = max(self.table.rowAt(0), 0)
                self.model.request_rows(top, top)
            else:
                self.loaded = True
        if self._roster_dirty and self.isVisible():
            self.refresh_roster()

    def _page_done(self) -> None:
        """A page arrived, or could not be fetched (the runner reported why)."""
        if self._waiting_first_page:
            self._waiting_first_page = False
            self.loaded = True
        self._update_actions()

    def _show_counts(self, roster: desk.Roster) -> None:
        noun = "registration" if roster.total == 1 else "registrations"
        shown = len(roster.ids)
        text = (
            f"{roster.total:,} {noun}"
            if shown == roster.total and not self.search.text().strip()
            else f"{shown:,} of {roster.total:,} {noun} shown"
        )
        self.count_label.setText(f"{text} · {roster.checked_in:,} checked in")

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        rows = [self.model.cached(rid) for rid in ids]
        known = [r for r in rows if r is not None]
        self.new_action.setEnabled(self.chooser.event_id() is not None)
        self.edit_action.setEnabled(len(ids) == 1)
        self.delete_action.setEnabled(bool(ids))
        unknown = len(known) < len(ids)
        self.checkin_action.setEnabled(
            bool(ids) and (unknown or any(not r.checked_in for r in known))
        )
        self.undo_action.setEnabled(bool(ids) and (unknown or any(r.checked_in for r in known)))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_done(self) -> None:
        if self._search_timer.isActive():
            self.refresh_roster()
        if self.model.rowCount() and not self.selected_ids():
            self.table.selectRow(0)
        self.table.setFocus()

    # ---- actions -----------------------------------------------------------------------
    def desk_name(self) -> str:
        return self.desk_edit.text().strip() or desk.DEFAULT_DESK

    def new(self) -> None:
        event_id = self.chooser.event_id()
        if event_id is not None:
            self.ops.run(
                registrations.list_categories,
                on_done=lambda cats: self._open_editor(event_id, None, cats),
                parent=self,
            )

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        event_id = self.chooser.event_id()
        if len(ids) != 1 or event_id is None:
            return
        rid = ids[0]
        self.ops.run(
            lambda s: (registrations.get_registration(s, rid), registrations.list_categories(s)),
            on_done=lambda result: self._open_editor(event_id, *result),
            parent=self,
        )

    def _open_editor(
        self,
        event_id: int,
        row: registrations.RegistrationRow | None,
        categories: Sequence[registrations.CategoryRow],
    ) -> None:
        title = self.chooser.titles.get(event_id, "")
        dialog = RegistrationEditor(self.ops, event_id, title, row, categories, parent=self)

        def saved(result: Any) -> None:
            if isinstance(result, registrations.RegistrationRow):
                self._select_after_load = result.id
                self.message.setText(f"Saved: {result.full_name}.")

        dialog.on_saved = saved
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        row = self.model.cached(ids[0])
        if len(ids) > 1:
            what = f"{len(ids)} registrations"
        elif row is not None:
            what = f"the registration of {row.full_name}"
        else:
            what = "this registration"
        confirm_delete(
            self,
            "Delete registration",
            f"Delete {what} and its check-in journal? This cannot be undone. "
            "(The people stay in the directory.)",
            lambda: self.ops.run(
                lambda s: desk.delete_all(s, ids),
                changes={"registrations"},
                on_done=lambda _r: self.message.setText(f"Deleted {what}."),
                parent=self,
            ),
        )

    def check_in(self) -> None:
        ids = self.selected_ids()
        where = self.desk_name()
        if ids:
            self.ops.run(
                desk.check_in_op(ids, where),
                changes={"checkin"},
                on_done=lambda results: self.message.setText(
                    texts.check_in_message(results, where)
                ),
                parent=self,
            )

    def undo_check_in(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ops.run(
                desk.undo_op(ids, self.desk_name()),
                changes={"checkin"},
                on_done=lambda results: self.message.setText(texts.undo_message(results)),
                parent=self,
            )


def make_tab(ops: OperationRunner, parent: QWidget | None = None) -> CheckinTab:
    return CheckinTab(ops, parent)
