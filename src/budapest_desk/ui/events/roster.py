"""The roster of the selected event: a filterable, sortable table of its registrations (ids in
memory, rows fetched as they come into view), bulk status and category changes, the waiting
list, counts, and Ctrl+Z for edits, status changes and deletions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from budapest_desk.core.codes import display
from budapest_desk.core.countries import country_name
from budapest_desk.core.events import EventRow
from budapest_desk.core.lifecycle import LABELS
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterFilter, SortKey
from budapest_desk.core.roster_edits import Edit
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.checkin.editor import swatch
from budapest_desk.ui.checkin.model import RegistrationsModel, checked_in_text, name_text
from budapest_desk.ui.common.dialogs import confirm_delete
from budapest_desk.ui.events import roster_ops
from budapest_desk.ui.events.roster_counts import counts_html, seats_text
from budapest_desk.ui.events.roster_filters import RosterFilters
from budapest_desk.ui.ops import ALL, OperationRunner

UNDO_DEPTH = 50


def _delegation(row: RegistrationRow) -> str:
    return country_name(row.delegation_country) or row.delegation_organisation


COLUMNS: list[tuple[str, Callable[[RegistrationRow], str], SortKey | None]] = [
    ("Name", name_text, SortKey.NAME),
    ("Delegation", _delegation, SortKey.DELEGATION),
    ("Organisation", lambda r: r.organisation, SortKey.ORGANISATION),
    ("Category", lambda r: r.category, SortKey.CATEGORY),
    ("Status", lambda r: LABELS[r.status], SortKey.STATUS),
    ("Email", lambda r: r.email, SortKey.EMAIL),
    ("Checked in", checked_in_text, None),
    ("Check-in code", lambda r: display(r.checkin_code), SortKey.CODE),
]


class RosterPanel(QWidget):
    """Shows one event's roster; `set_event(None)` shows none."""

    message = Signal(str)  # what the last action did, for the status line

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPanel")
        self.ops = ops
        self.current_event: EventRow | None = None
        self.view: roster_ops.RosterView | None = None
        self.undo_stack: list[Edit] = []
        self.sort, self.descending = SortKey.NAME, False
        self._generation = 0
        self._dirty = False
        self._loading = False

        self.title = QLabel("Choose an event to see its roster.")
        self.title.setObjectName("rosterTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.seats = QLabel()
        self.seats.setObjectName("rosterSeats")
        self.promote_button = QPushButton("&Promote from waiting list")
        self.promote_button.setObjectName("promoteButton")
        self.promote_button.clicked.connect(self.promote)

        self.filters = RosterFilters()
        self.filters.changed.connect(self.reload)

        self.model = RegistrationsModel(ops, columns=[(n, f) for n, f, _ in COLUMNS])
        self.table = QTableView()
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_by)
        for col, width in enumerate((220, 150, 200, 130, 100, 200, 130, 110)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.counts = QLabel()
        self.counts.setObjectName("rosterCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.status_line = QLabel()
        self.status_line.setObjectName("rosterMessage")
        self.status_line.setWordWrap(True)
        self.message.connect(self.status_line.setText)

        self.toolbar = QToolBar()
        self._build_actions()
        self._layout()
        ops.changed.connect(self._changed)
        self._update_actions()

    # ---- building ----------------------------------------------------------------------
    def _action(self, text: str, key: Any, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New registration…", "Ctrl+Shift+N", self.new)
        self.edit_action = self._action("&Edit…", None, self.edit_selected)
        self.delete_action = self._action(
            "&Delete…", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.undo_action = self._action("&Undo", QKeySequence.StandardKey.Undo, self.undo)
        self.import_action = self._action("&Import…", "Ctrl+I", self.import_file)
        self.export_action = self._action("E&xport…", "Ctrl+E", self.export)
        self.template_action = self._action("Registration &template…", None, self.template)
        self.output_action = self._action("&Badges and lists…", "Ctrl+P", self.output)
        self.duplicates_action = self._action("Possible d&uplicates…", None, self.duplicates)
        self.categories_action = self._action("&Categories…", None, self.edit_categories)
        find = self._action(
            "Find", QKeySequence.StandardKey.Find, lambda: self.filters.search.setFocus()
        )
        find.setVisible(False)
        for action in (self.new_action, self.edit_action, self.delete_action):
            self.toolbar.addAction(action)
        self.status_menu = QMenu("Set &status", self)
        for i, status in enumerate(RegistrationStatus, start=1):
            act = self._action(LABELS[status], f"Ctrl+{i}", self._status_slot(status))
            self.status_menu.addAction(act)
        self.category_menu = QMenu("Set &category", self)
        for menu, name in (
            (self.status_menu, "statusButton"),
            (self.category_menu, "categoryButton"),
        ):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(menu.title().replace("&", ""))
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.toolbar.addWidget(button)
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addSeparator()
        more = QMenu("More", self)
        for action in (
            self.output_action,
            self.import_action,
            self.export_action,
            self.template_action,
            self.duplicates_action,
            self.categories_action,
        ):
            more.addAction(action)
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.export_action)
        more_button = QToolButton()
        more_button.setText("More")
        more_button.setMenu(more)
        more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(more_button)
        # Enter edits, as in the other tables; the table gets it only when it has focus.
        self.table.activated.connect(lambda _i: self.edit_selected())

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.seats)
        head.addWidget(self.promote_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.status_line)

    # ---- loading -----------------------------------------------------------------------
    def set_event(self, event: EventRow | None) -> None:
        same = (
            event is not None
            and self.current_event is not None
            and event.id == self.current_event.id
        )
        self.current_event = event
        if not same:
            self.undo_stack.clear()
            self.view = None
            self.model.clear()
            self.status_line.clear()
        self.title.setText(event.title if event else "Choose an event to see its roster.")
        self.reload()

    def current_filter(self) -> RosterFilter:
        return self.filters.current()

    def reload(self) -> None:
        if self.current_event is None:
            self._update_actions()
            return
        if self._loading:
            self._dirty = True
            return
        self._loading, self._dirty = True, False
        self._generation += 1
        generation = self._generation
        op = roster_ops.load(
            self.current_event.id, self.current_filter(), self.sort, self.descending
        )
        self.ops.run(
            op,
            on_done=lambda v: self._loaded(generation, v),
            on_error=self._load_failed,
            parent=self,
        )

    def _load_failed(self, _exc: BaseException) -> bool:
        self._loading = False
        return False

    def _loaded(self, generation: int, view: roster_ops.RosterView) -> None:
        self._loading = False
        if self._dirty:
            self.reload()
            return
        if (
            generation != self._generation
            or self.current_event is None
            or view.event_id != self.current_event.id
        ):
            return
        selected = set(self.selected_ids())
        self.view = view
        self.model.set_ids(view.ids)
        self._fill_choices(view)
        self.seats.setText(seats_text(view.seats))
        self.counts.setText(counts_html(view))
        self._reselect(selected)
        self._update_actions()

    def _fill_choices(self, view: roster_ops.RosterView) -> None:
        self.filters.offer(view.categories, view.countries)
        self.category_menu.clear()
        for c in view.categories:
            self.category_menu.addAction(swatch(c.colour), c.name, self._category_slot(c.id))
        self.category_menu.addAction("(no category)", self._category_slot(None))

    def _changed(self, kinds: frozenset[str]) -> None:
        if ALL in kinds:
            self.current_event = None
            self.view = None
            self.undo_stack.clear()
            self.model.clear()
            self.title.setText("Choose an event to see its roster.")
            self.counts.clear()
            self.seats.clear()
            self._update_actions()
        elif kinds & {"registrations", "events", "people", "categories"}:
            self.reload()

    def _sort_by(self, column: int) -> None:
        key = COLUMNS[column][2]
        header = self.table.horizontalHeader()
        if key is None:  # not sortable: keep showing the current order
            current = next(i for i, c in enumerate(COLUMNS) if c[2] == self.sort)
            header.setSortIndicator(
                current,
                Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder,
            )
            return
        self.descending = not self.descending if key == self.sort else False
        self.sort = key
        header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        )
        self.reload()

    # ---- selection ---------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [rid for rid in (self.model.id_at(r) for r in rows) if rid is not None]

    def _reselect(self, ids: set[int]) -> None:
        if not ids:
            return
        selection = QItemSelection()
        for rid in ids:
            row = self.model.row_of(rid)
            if row >= 0:
                selection.select(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        self.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _update_actions(self) -> None:
        has_event = self.current_event is not None
        n = len(self.selected_ids()) if has_event else 0
        for action in (
            self.new_action,
            self.import_action,
            self.export_action,
            self.template_action,
            self.output_action,
        ):
            action.setEnabled(has_event)
        self.edit_action.setEnabled(n == 1)
        self.delete_action.setEnabled(n >= 1)
        self.status_menu.setEnabled(n >= 1)
        self.category_menu.setEnabled(n >= 1)
        for name in ("statusButton", "categoryButton"):
            button = self.toolbar.findChild(QToolButton, name)
            if button is not None:
                button.setEnabled(n >= 1)
        self.undo_action.setEnabled(bool(self.undo_stack))
        self.undo_action.setText("&Undo")
        if self.undo_stack:  # "Undo: 2 set to Head of delegation" as a tooltip, names intact
            what = self.undo_stack[-1].message.split(". ")[0].rstrip(".")
            self.undo_action.setToolTip(f"Undo: {what} (Ctrl+Z)")
        else:
            self.undo_action.setToolTip("Nothing to undo")
        seats = self.view.seats if self.view else None
        self.promote_button.setVisible(bool(seats and seats.waiting))
        self.promote_button.setEnabled(bool(seats and seats.waiting and seats.free != 0))

    # ---- actions -----------------------------------------------------------------------
    def _run(self, op: roster_ops.Op) -> None:
        self.ops.run(op, on_done=self._done, changes={"registrations"}, parent=self)

    def _done(self, edit: Edit) -> None:
        if edit.before:
            self.undo_stack.append(edit)
            del self.undo_stack[:-UNDO_DEPTH]
        self.message.emit(edit.message)
        if edit.refused:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Some were left as they were",
                edit.message,
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("refusedBox")
            box.setDetailedText("\n".join(edit.refused))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self._update_actions()

    # Slots made here, not as lambdas with default arguments: a signal's own argument (the
    # "checked" of triggered) would take the default's place.
    def _status_slot(self, status: RegistrationStatus) -> Callable[[], None]:
        return lambda: self.set_status(status)

    def _category_slot(self, category_id: int | None) -> Callable[[], None]:
        return lambda: self.set_category(category_id)

    def set_status(self, status: RegistrationStatus) -> None:
        ids = self.selected_ids()
        if ids:
            self._run(roster_ops.set_status(ids, status))

    def set_category(self, category_id: int | None) -> None:
        ids = self.selected_ids()
        if ids:
            self._run(roster_ops.set_category(ids, category_id))

    def promote(self) -> None:
        if self.current_event is not None:
            self._run(roster_ops.promote(self.current_event.id))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        row = self.model.cached(ids[0])
        what = (
            (row.full_name if row else "this registration")
            if len(ids) == 1
            else f"{len(ids)} registrations"
        )
        confirm_delete(
            self,
            "Delete registrations",
            f"Delete {what} with check-in history? Ctrl+Z brings it back.",
            lambda: self._run(roster_ops.delete(ids)),
        )

    def undo(self) -> None:
        if not self.undo_stack:
            return
        edit = self.undo_stack.pop()
        self._update_actions()

        def failed(_exc: BaseException) -> bool:
            self.undo_stack.append(edit)  # still undoable once the problem is fixed
            self._update_actions()
            return False

        self.ops.run(
            roster_ops.undo(edit),
            on_done=self.message.emit,
            on_error=failed,
            changes={"registrations"},
            parent=self,
        )

    def new(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        row = self.model.cached(ids[0]) if len(ids) == 1 else None
        if row is not None:
            self._open_editor(row)

    def _open_editor(self, row: RegistrationRow | None) -> None:
        if self.current_event is None or self.view is None:
            return
        from budapest_desk.ui.events.roster_editor import RosterRegistrationEditor

        dialog = RosterRegistrationEditor(
            self.ops,
            self.current_event.id,
            self.current_event.title,
            row,
            self.view.categories,
            parent=self,
        )
        dialog.on_saved = self._saved
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, result: Any) -> None:
        if isinstance(result, Edit):
            self._done(result)
        else:
            self.message.emit(f"Registered {getattr(result, 'full_name', '')}.")

    def import_file(self) -> None:
        if self.current_event is None:
            return
        from budapest_desk.ui.events.import_wizard import ImportWizard

        wizard = ImportWizard(self.ops, self.current_event, self)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()

    def export(self) -> None:
        if self.current_event is not None:
            from budapest_desk.ui.events.export_dialogs import export_roster

            export_roster(self, self.ops, self.current_event, self.current_filter())

    def template(self) -> None:
        if self.current_event is not None:
            from budapest_desk.ui.events.export_dialogs import save_template

            save_template(self, self.ops, self.current_event)

    def output(self) -> None:
        """Badges, the list of participants and the report, with a preview; the selected
        registrations can be the only ones to get a badge."""
        if self.current_event is None:
            return
        from budapest_desk.ui.events.output_dialog import OutputDialog

        dialog = OutputDialog(self.ops, self.current_event, self.selected_ids(), self)
        dialog.message.connect(self.message)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def edit_categories(self) -> None:
        from budapest_desk.ui.events.categories import CategoriesDialog

        dialog = CategoriesDialog(self.ops, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def duplicates(self) -> None:
        from budapest_desk.ui.people.duplicates import DuplicatesDialog

        dialog = DuplicatesDialog(self.ops, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
