"""The desk's commands, each with its key (shown in its tooltip and in the keys line): keeping the
roster (new, edit, delete), checking in or taking back the people selected, admitting anyway,
undoing the last check-in, check-out mode, walk-ins and badges. Every dialog hands the keyboard
back to the search field when it closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from budapest_desk.core import registrations
from budapest_desk.core.desk import Result, ScanResult
from budapest_desk.ui.checkin import desk, texts
from budapest_desk.ui.checkin.editor import RegistrationEditor
from budapest_desk.ui.checkin.layout import DeskLayout
from budapest_desk.ui.checkin.walk_in import WalkInDialog
from budapest_desk.ui.common.dialogs import confirm_delete
from budapest_desk.ui.ops import OperationRunner

Keys = Sequence[QKeySequence | QKeySequence.StandardKey | str]
_badge_layout = ["a6"]  # the layout last used for a badge at the desk (while the app runs)


class DeskCommands(DeskLayout):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        tb = self.toolbar
        self.new_action = self._action("&New registration…", ["Ctrl+N"], self.new)
        self.edit_action = self._action(
            "&Edit…", ["Return", "Enter"], self.edit_selected, table_only=True
        )
        self.edit_shown_action = self._action("Edit", ["F2"], self.edit_shown, toolbar=False)
        self.delete_action = self._action(
            "&Delete…", [QKeySequence.StandardKey.Delete], self.delete_selected, table_only=True
        )
        tb.addSeparator()
        self.checkin_action = self._action("Check &in", ["Ctrl+I"], self.check_in)
        self.checkin_action.setObjectName("checkInAction")
        self.undo_action = self._action("&Take back check-in", ["Ctrl+Shift+I"], self.undo_check_in)
        self.undo_action.setObjectName("undoCheckInAction")
        tb.addSeparator()
        self.force_action = self._action(
            "&Admit anyway", ["Ctrl+Return", "Ctrl+Enter"], lambda: self.admit_anyway()
        )
        self.undo_last_action = self._action(
            "&Undo last", [QKeySequence.StandardKey.Undo], self.desk_actions.undo_last
        )
        self.undo_last_action.setObjectName("undoLastAction")
        self.checkout_action = self._action("Check-&out mode", ["F6"], self.set_check_out)
        self.checkout_action.setCheckable(True)
        self.walk_in_action = self._action("&Walk-in…", ["F7"], self.walk_in)
        self.badge_action = self._action("&Badge…", ["Ctrl+P"], self.badge)
        self._action("Find", [QKeySequence.StandardKey.Find], self.focus_search, toolbar=False)
        self.desk_actions.told.connect(self.message.setText)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

    def _action(
        self,
        text: str,
        keys: Keys,
        slot: Callable[..., Any],
        *,
        table_only: bool = False,
        toolbar: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])  # type: ignore[misc]
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
        action.triggered.connect(lambda _checked=False: slot())
        if toolbar:
            self.toolbar.addAction(action)
        if table_only:  # Return and Del belong to the search field while typing there
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        return action

    def admit_anyway(self) -> None:
        raise NotImplementedError  # the queue's (tab.py)

    def target_id(self) -> int | None:
        """Whom F2 and Ctrl+P are about: the one selected, else the one on the banner."""
        ids = self.selected_ids()
        if len(ids) == 1:
            return ids[0]
        shown = self.banner.result
        return shown.registration.id if shown and shown.registration else None

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        rows = [self.model.cached(rid) for rid in ids]
        known = [r for r in rows if r is not None]
        has_event = self.chooser.event_id() is not None
        self.new_action.setEnabled(has_event)
        self.walk_in_action.setEnabled(has_event)
        self.edit_action.setEnabled(len(ids) == 1)
        self.delete_action.setEnabled(bool(ids))
        unknown = len(known) < len(ids)
        self.checkin_action.setEnabled(
            bool(ids) and (unknown or any(not r.checked_in for r in known))
        )
        self.undo_action.setEnabled(bool(ids) and (unknown or any(r.checked_in for r in known)))
        self.undo_last_action.setEnabled(has_event)
        self.force_action.setEnabled(has_event)
        self.checkout_action.setEnabled(has_event)
        self.badge_action.setEnabled(has_event)

    def _after(self, dialog: QDialog) -> None:
        """Open `dialog`; when it closes, the desk's window and search field have the keyboard
        again (the next scan must not go astray)."""
        dialog.finished.connect(lambda _r: self._back_from_dialog())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _back_from_dialog(self) -> None:
        self.window().activateWindow()
        self.focus_search()

    # ---- the roster --------------------------------------------------------------------
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
        if len(ids) == 1:
            self.edit(ids[0])

    def edit_shown(self) -> None:
        rid = self.target_id()
        if rid is not None:
            self.edit(rid)

    def edit(self, rid: int) -> None:
        event_id = self.chooser.event_id()
        if event_id is None:
            return
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
                self.select_after_load(result.id)
                self.message.setText(f"Saved: {result.full_name}.")

        dialog.on_saved = saved
        self._after(dialog)

    def select_after_load(self, registration_id: int) -> None:
        raise NotImplementedError  # the loading's (tab.py)

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
        self.focus_search()

    # ---- the people selected -----------------------------------------------------------
    def check_in(self) -> None:
        self.desk_actions.check_in_many(self.selected_ids())

    def undo_check_in(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ops.run(
                desk.undo_many_op(ids, self.desk_name()),
                changes={"checkin"},
                on_done=lambda results: self.message.setText(texts.undo_message(results)),
                parent=self,
                desk=True,
            )

    # ---- the desk ----------------------------------------------------------------------
    def set_check_out(self) -> None:
        on = self.checkout_action.isChecked()
        self.desk_actions.check_out_mode = on
        self.search.set_check_out(on)
        self.mode_label.setVisible(on)
        self.message.setText("Check-out mode: scans check people out." if on else "")
        self.focus_search()

    def walk_in(self) -> None:
        event_id = self.chooser.event_id()
        if event_id is not None:
            self.ops.run(
                registrations.list_categories,
                on_done=lambda cats: self._open_walk_in(event_id, cats),
                parent=self,
            )

    def _open_walk_in(self, event_id: int, categories: list[registrations.CategoryRow]) -> None:
        dialog = WalkInDialog(self.ops, event_id, self.desk_name(), categories, parent=self)

        def saved(result: ScanResult) -> None:
            self.desk_actions.show(result)
            reg = result.registration
            wanted = dialog.print_badge.isChecked() and result.result is Result.CHECKED_IN
            if wanted and reg is not None:
                QTimer.singleShot(0, self, lambda: self.badge_for(reg.id))

        dialog.on_saved = saved
        self._after(dialog)

    def badge(self) -> None:
        rid = self.target_id()
        if rid is None:
            self.message.setText("Choose someone first: scan, or type a name and pick them.")
            return
        self.badge_for(rid)

    def badge_for(self, registration_id: int) -> None:
        """The badge of one person: the Output dialog, for them alone (Ctrl+P there prints)."""
        event = self.chooser.rows.get(self.chooser.event_id() or 0)
        if event is None:
            return
        from budapest_desk.ui.events.output_dialog import OutputDialog

        dialog = OutputDialog(self.ops, event, [registration_id], self)
        dialog.show_one_badge(_badge_layout[0])
        dialog.message.connect(self.message.setText)
        dialog.finished.connect(
            lambda _r: _badge_layout.__setitem__(0, dialog.choices.badges.layout_id())
        )
        self._after(dialog)
