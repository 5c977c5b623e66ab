"""The operation runner: long work with progress and Cancel, forms and messages that outlive
nothing they should not."""

from __future__ import annotations

import datetime as dt
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from budapest_desk.core import events
from budapest_desk.core.progress import CancelToken
from budapest_desk.ui import errors
from budapest_desk.ui.events.editor import EventEditor
from budapest_desk.ui.ops import OperationRunner

InDb = Callable[[Callable[[Any], Any]], Any]


def _slow_import(count: int, pause: float) -> Callable[..., int]:
    """A long operation: creates events one by one, reporting progress, honouring Cancel."""

    def op(session: Any, progress: Callable[[int, int], None], cancel: CancelToken) -> int:
        for i in range(count):
            cancel.raise_if_cancelled()
            events.create_event(session, events.EventInput(f"Meeting {i}", dt.date(2027, 1, 1)))
            progress(i + 1, count)
            time.sleep(pause)
        return count

    return op


def test_long_work_reports_progress_and_finishes(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    done: list[int] = []
    ops.run_long("Importing", _slow_import(20, 0.05), on_done=done.append, changes={"events"})
    qtbot.waitUntil(lambda: any(d.isVisible() for d in QApplication.topLevelWidgets()
                                if isinstance(d, QProgressDialog)), timeout=5000)  # fmt: skip
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog))
    qtbot.waitUntil(lambda: dialog.value() > 0)
    assert dialog.maximum() == 20
    wait_idle()
    assert done == [20]
    assert len(in_db(events.list_events)) == 20


def test_cancel_rolls_the_long_work_back(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    done: list[int] = []
    ops.run_long("Importing", _slow_import(200, 0.02), on_done=done.append)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in QApplication.topLevelWidgets()
                                if isinstance(d, QProgressDialog)), timeout=5000)  # fmt: skip
    dialog = next(d for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog))
    qtbot.waitUntil(lambda: dialog.value() >= 5)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "Cancel"
    cancel.click()
    wait_idle()
    assert done == []
    assert in_db(events.list_events) == []  # nothing of it was kept


def test_the_cancel_token_can_die_on_the_worker_thread(
    ops: OperationRunner, wait_idle: Callable[[], None]
) -> None:
    # The token's last reference goes with the task on the worker thread. A weak reference
    # to it (PySide's, for a bound method connected to the dialog's Cancel) would disconnect
    # from the dialog there while the main thread deletes it: a crash seen one run in ten.
    tokens: list[CancelToken] = []

    def op(_session: Any, _progress: Callable[[int, int], None], cancel: CancelToken) -> int:
        tokens.append(cancel)
        return 1

    ops.run_long("Working", op)
    wait_idle()
    assert weakref.getweakrefcount(tokens[0]) == 0


def test_the_work_and_what_it_holds_are_let_go_of_on_the_main_thread(
    ops: OperationRunner, wait_idle: Callable[[], None]
) -> None:
    died_on: list[str] = []

    class Held:
        def __del__(self) -> None:
            died_on.append(threading.current_thread().name)

    for fails in (False, True):
        held = Held()
        go = threading.Event()

        def work(
            _session: Any, held: Held = held, fails: bool = fails, go: threading.Event = go
        ) -> None:
            go.wait(5)  # the test has let go of its own references by now
            if fails:
                raise RuntimeError("a bug")

        ops.run(work, on_error=lambda _exc: True)
        del held, work
        go.set()
        wait_idle()
    assert died_on == [threading.main_thread().name] * 2


def test_a_form_stays_open_until_its_save_is_answered(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    editor = EventEditor(ops, None)
    qtbot.addWidget(editor)
    editor.open()
    editor.title_edit.setText("Expert meeting")
    editor.save()
    editor.reject()  # Esc while the database is still working
    assert editor.isVisible()
    wait_idle()
    assert not editor.isVisible()  # closed by the successful save
    assert [e.title for e in in_db(events.list_events)] == ["Expert meeting"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, EventEditor)
                and w.isVisible()]  # fmt: skip


def test_a_message_without_any_window_is_still_shown(qtbot: QtBot) -> None:
    assert QApplication.activeWindow() is None
    errors.show_user_error(None, "The database is busy.")  # nobody keeps the box

    def shown() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
                and w.text() == "The database is busy."]  # fmt: skip

    qtbot.waitUntil(lambda: len(shown()) == 1)
    shown()[0].close()
