"""The operation runner: every piece of database work runs here, off the UI thread.

A UI action is one line:

    self.ops.run(lambda s: events.create_event(s, data), changes={"events"}, on_done=self.select)

The runner runs the operation on its one worker thread in one transaction (commit on success,
roll back on failure), then, back on the main thread, calls `on_done` with the result, shows a
UserError as a message, anything else as a crash report, and announces what changed so that the
tabs refresh. Long work takes (session, progress, cancel) and shows a progress dialog with Cancel.
(The shape follows anki's qt/aqt/operations and taskman.)
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.progress import CancelToken, ProgressFn

if TYPE_CHECKING:  # not imported at run time: the window shows before SQLAlchemy is loaded
    from sqlalchemy.orm import Session

    from budapest_desk.core.database import Database
    from budapest_desk.core.desk_link import DeskLink

log = logging.getLogger(__name__)

# What an operation changed; tabs listen for the kinds they show. "*" means everything.
ALL = "*"


@dataclass
class _Task:
    id: int
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], bool] | None
    changes: frozenset[str]
    parent: QWidget | None
    cancel: CancelToken | None = None
    dialog: QProgressDialog | None = None
    # The work itself, held here so that its closure (and whatever it holds) dies on the main
    # thread when the task is finished, never on the worker thread.
    work: Callable[[Database | None], Any] | None = None


class _Worker(QThread):
    """The worker thread; runs one task at a time, in the order given."""

    done = Signal(int, object, object)  # task id, result, exception
    progress = Signal(int, int, int)  # task id, done, total
    link_state = Signal(bool, int)  # the desk link: online, actions queued on the copy

    def __init__(self, db: Database | None) -> None:
        super().__init__()
        self.setObjectName("database-worker")
        self.queue: queue.Queue[tuple[int, Callable[[Database | None], Any]] | None] = queue.Queue()
        self.db = db
        self.link: DeskLink | None = None  # touched on this thread only

    def desk_link(self) -> DeskLink | None:
        """The link to the venue server (None on a SQLite file: nothing to fall back from)."""
        db = self.db
        if db is None or db.is_sqlite:
            return None
        if self.link is None:  # (a database swapped in closes the old link: see swap)
            from budapest_desk.core.desk_link import DeskLink  # with SQLAlchemy, loaded by now

            self.link = DeskLink.for_server(db)
        return self.link

    def run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                break
            task_id, fn = item
            del item
            try:
                result = fn(self.db)
            except BaseException as exc:  # handed to the main thread, never lost
                del fn  # the task keeps the work: it is let go of on the main thread
                self.done.emit(task_id, None, exc)
            else:
                del fn
                self.done.emit(task_id, result, None)
                del result


def _needs_db(fn: Callable[[Database], Any]) -> Callable[[Database | None], Any]:
    def guarded(db: Database | None) -> Any:
        if db is None:
            raise UserError("No database is open: use File > Open database.")
        return fn(db)

    return guarded


class OperationRunner(QObject):
    """One worker thread for all database work; results back on the main thread."""

    changed = Signal(object)  # frozenset[str]: the kinds of record that changed
    user_error = Signal(str)  # a UserError message, as shown
    crashed = Signal(str)  # a bug's summary, as shown
    idle_changed = Signal(bool)
    database_changed = Signal(object)  # the new Database
    task_done = Signal(int)  # a task's id, after its results were handled
    link_changed = Signal(bool, int)  # the desk's venue server answers; actions on its copy
    copy_taken = Signal(object, object)  # a DeskLink, its fresh copy (a Path, or None)

    def __init__(
        self,
        db: Database | None,
        *,
        show_user_error: Callable[[QWidget | None, str], object],
        show_crash: Callable[[QWidget | None, BaseException], object],
    ) -> None:
        super().__init__()
        self._show_user_error = show_user_error
        self._show_crash = show_crash
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._worker = _Worker(db)
        self.db = db
        self._worker.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._worker.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._worker.link_state.connect(self.link_changed, Qt.ConnectionType.QueuedConnection)
        self._copying = False
        self.copy_taken.connect(self._install_copy, Qt.ConnectionType.QueuedConnection)
        self._worker.start()

    # ----------------------------------------------------------------------------- running
    def run(
        self,
        op: Callable[[Session], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        changes: Iterable[str] = (),
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        desk: bool = False,
    ) -> int:
        """Run `op(session)` in one transaction on the worker thread.

        `on_error`, if given, sees a failure first and returns True when it has dealt with it
        (for example, a form that marks the field at fault). `desk`: the check-in desk's work,
        which on a venue server falls back to the desk's copy when the server stops answering
        (core/desk_link.py; `link_changed` tells).
        """

        def in_transaction(db: Database) -> Any:
            with db.transaction() as session:
                return op(session)

        kinds = frozenset(changes)

        def at_desk(db: Database) -> Any:
            link = self._worker.desk_link()
            if link is None:
                return in_transaction(db)
            try:
                answer = link.run(op, writes=bool(kinds))
            finally:
                self._worker.link_state.emit(link.online, link.queued)
            return answer.value

        return self._submit(at_desk if desk else in_transaction, on_done, on_error, kinds, parent)

    def sync_desk(
        self,
        event_id: int,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], bool] | None = None,
        parent: QWidget | None = None,
    ) -> int:
        """Upload the desk's offline work to the venue server (a no-op on a SQLite file);
        on_done gets the merge summary, or None when nothing was uploaded. Then a fresh copy
        of the server is taken on a thread of its own (a minute at 100,000 people, which the
        worker thread must not wait for) and put in place on the worker thread."""

        def upload(_db: Database) -> Any:
            link = self._worker.desk_link()
            if link is None:
                return None, None
            try:
                return link.upload(event_id), link
            finally:
                self._worker.link_state.emit(link.online, link.queued)

        def uploaded(result: Any) -> None:
            summary, link = result
            on_done(summary)
            if link is not None and link.online:
                self._copy_in_background(link)

        return self._submit(upload, uploaded, on_error, (), parent)

    def _copy_in_background(self, link: DeskLink) -> None:
        if self._copying:
            return
        self._copying = True

        def work() -> None:
            fresh = None
            try:
                fresh = link.take_copy()
            except Exception:  # the server went away meanwhile: the next sync tries again
                log.warning("the desk's copy could not be taken", exc_info=True)
            self.copy_taken.emit(link, fresh)

        threading.Thread(target=work, name="desk-copy", daemon=True).start()

    @Slot(object, object)
    def _install_copy(self, link: DeskLink, fresh: Path | None) -> None:
        self._copying = False
        if fresh is None:
            return

        def install(_db: Database | None) -> bool:
            if self._worker.link is not link:  # another database meanwhile
                fresh.unlink(missing_ok=True)
                return False
            return link.install_copy(fresh)

        self._submit(install, None, None, (), None, raw=True)

    def run_long(
        self,
        label: str,
        op: Callable[[Session, ProgressFn, CancelToken], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        changes: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> int:
        """Long work: a progress dialog with Cancel (shown after half a second)."""
        token = CancelToken()
        task_id = next(self._ids)
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.05 or done >= total:
                last[0] = now
                self._worker.progress.emit(task_id, done, total)

        def in_transaction(db: Database) -> Any:
            with db.transaction() as session:
                return op(session, report, token)

        dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # Through a lambda, not the bound method: PySide would hold a weak reference to the
        # token and disconnect from the dialog when the token dies, and the token's last
        # reference goes with the task on the worker thread (a crash while the main thread
        # deletes the dialog).
        dialog.canceled.connect(lambda: token.cancel())
        return self._submit(in_transaction, on_done, None, changes, parent, task_id, token, dialog)

    def call(
        self,
        fn: Callable[[Database], Any],
        *,
        on_done: Callable[[Any], None],
        parent: QWidget | None = None,
    ) -> int:
        """Run `fn(database)` on the worker thread without a transaction (maintenance work)."""
        return self._submit(fn, on_done, None, (), parent)

    def _submit(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], bool] | None,
        changes: Iterable[str],
        parent: QWidget | None,
        task_id: int | None = None,
        cancel: CancelToken | None = None,
        dialog: QProgressDialog | None = None,
        *,
        raw: bool = False,
    ) -> int:
        task_id = task_id or next(self._ids)
        was_idle = not self._tasks
        work = fn if raw else _needs_db(fn)
        self._tasks[task_id] = _Task(
            task_id, on_done, on_error, frozenset(changes), parent, cancel, dialog, work
        )
        self._worker.queue.put((task_id, work))
        if was_idle:
            self.idle_changed.emit(False)
        return task_id

    # ------------------------------------------------------------------------ main thread
    @Slot(int, int, int)
    def _progress(self, task_id: int, done: int, total: int) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.dialog is None:
            return
        task.dialog.setMaximum(max(total, 0))
        task.dialog.setValue(min(done, total) if total else 0)

    @Slot(int, object, object)
    def _finished(self, task_id: int, result: Any, exc: BaseException | None) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        # The progress dialog goes with its parent: a window closed meanwhile took it along.
        if task.dialog is not None and shiboken6.isValid(task.dialog):
            task.dialog.close()
            task.dialog.deleteLater()
        try:
            if exc is None:
                if task.changes:
                    self.changed.emit(task.changes)
                if task.on_done is not None:
                    task.on_done(result)
            elif isinstance(exc, Cancelled):
                pass  # rolled back; nothing to say
            elif task.on_error is not None and task.on_error(exc):
                pass
            elif isinstance(exc, UserError):
                self.user_error.emit(exc.message)
                self._show_user_error(task.parent, exc.message)
            else:
                self._report_crash(task.parent, exc)
        except Exception as follow_up:  # a bug in a callback must not kill the runner
            self._report_crash(task.parent, follow_up)
        finally:
            if not self._tasks:
                self.idle_changed.emit(True)
            self.task_done.emit(task_id)

    def _report_crash(self, parent: QWidget | None, exc: BaseException) -> None:
        log.error("operation failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.crashed.emit(f"{type(exc).__name__}: {exc}")
        self._show_crash(parent, exc)

    # ------------------------------------------------------------------------- lifecycle
    @property
    def idle(self) -> bool:
        return not self._tasks

    def switch_database(
        self,
        opener: Callable[[], Database],
        *,
        parent: QWidget | None,
        on_error: Callable[[BaseException], bool] | None = None,
    ) -> None:
        """Open another database on the worker thread, then make it the current one.
        If it cannot be opened, the current one stays open."""

        def swap(old: Database | None) -> Database:
            new = opener()
            if self._worker.link is not None:
                self._worker.link.close()
                self._worker.link = None
            self._worker.db = new
            if old is not None and old is not new:
                old.close()
            return new

        def done(new: Database) -> None:
            self.db = new
            # First everything shown is stale (the tabs drop it), then the new one is announced.
            self.changed.emit(frozenset({ALL}))
            self.database_changed.emit(new)

        self._submit(swap, done, on_error, (), parent, raw=True)

    def shutdown(self) -> None:
        """Cancel long work, finish what is queued (each task is one short transaction), then
        close the database and stop the thread. Never closes the database under a running
        task: that would lose its transaction and crash the thread."""
        for task in self._tasks.values():
            if task.cancel is not None:
                task.cancel.cancel()
        self._worker.queue.put(None)
        self._worker.wait()
        if self._worker.link is not None:
            self._worker.link.close()
        if self._worker.db is not None:
            self._worker.db.close()
            self._worker.db = None
