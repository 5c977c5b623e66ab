"""The desk's link to the venue server, as the person at the desk sees it: nothing while the
server answers; a loud bar as soon as it does not ("this desk works on its own copy; 3
check-ins wait to upload"); and, when it answers again, the upload of what was done meanwhile,
with the people admitted twice named. On a SQLite file there is no server and nothing shows.

The work is the runner's (ui/ops.py `run(desk=True)`, `sync_desk`) and core's (desk_link.py):
the first sync of an event takes the desk's copy, later ones upload and take a fresh copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from budapest_desk.core.errors import UserError
from budapest_desk.ui.ops import OperationRunner
from budapest_desk.ui.wording import plural

RETRY_MS = 10_000  # offline: ask the server again this often
REFRESH_MS = 300_000  # online: take a fresh copy this often
OFFLINE_STYLE = (
    "background: #e65100; color: white; font-size: 14pt; font-weight: bold; padding: 6px;"
)


def offline_text(queued: int) -> str:
    waiting = (
        "nothing waits to upload yet"
        if queued == 0
        else f"{plural(queued, 'action')} wait to upload"
    )
    return (
        f"⚠ The server does not answer: this desk works on its own copy ({waiting}). "
        "Keep going: it all uploads when the server answers."
    )


def conflicts_text(summary: Any) -> str:
    """What an upload found: people admitted at two desks (the first admission counts)."""
    people = [c.name or c.code for c in summary.conflicts]
    if not people:
        return ""
    shown = ", ".join(people[:5]) + (f" and {len(people) - 5} more" if len(people) > 5 else "")
    return f"Admitted twice while the server was away (the first admission counts): {shown}."


class LinkStatus(QObject):
    def __init__(
        self,
        ops: OperationRunner,
        bar: QLabel,
        event_id: Callable[[], int | None],
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.bar = bar
        self.event_id = event_id
        self.say = say
        self.online = True
        self._syncing = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync)
        bar.setObjectName("serverOffline")
        bar.setStyleSheet(OFFLINE_STYLE)
        bar.setWordWrap(True)
        bar.hide()
        ops.link_changed.connect(self._changed)

    def _changed(self, online: bool, queued: int) -> None:
        was = self.online
        self.online = online
        self.bar.setVisible(not online)
        if not online:
            self.bar.setText(offline_text(queued))
        if online != was or not self.timer.isActive():
            self.timer.start(REFRESH_MS if online else RETRY_MS)

    def sync(self) -> None:
        """Upload what was done on the copy and refresh the copy (on a server only)."""
        event_id = self.event_id()
        db = self.ops.db
        if event_id is None or db is None or db.is_sqlite or self._syncing:
            return
        self._syncing = True
        self.ops.sync_desk(event_id, on_done=self._synced, on_error=self._failed)

    def _synced(self, summary: Any) -> None:
        self._syncing = False
        if summary is None:
            return
        told = []
        if summary.added:
            actions = plural(summary.added, "action")
            told.append(f"Uploaded {actions} made while the server was away.")
        if summary.conflicts:
            told.append(conflicts_text(summary))
        if told:
            self.say(" ".join(told))

    def _failed(self, exc: BaseException) -> bool:
        """Still offline: the bar says so already; a dialog every ten seconds would not help."""
        self._syncing = False
        return isinstance(exc, UserError)

    def stop(self) -> None:
        self.timer.stop()
        self.bar.hide()
        self.online = True
