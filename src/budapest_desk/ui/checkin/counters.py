"""The desk's live counters: checked in against expected (confirmed) for the event, large, and
a compact breakdown by category (with the badge colours) and by country (those most expected
first). Counted on the worker thread after every action and every few seconds while shown (the
other desks check people in too); a count that an older request finishes late is dropped."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from budapest_desk.core.desk_stats import Count, DeskStats
from budapest_desk.ui.checkin import desk
from budapest_desk.ui.ops import OperationRunner

INTERVAL_MS = 10_000
# After a check-in, the counters are counted again once the desk has been quiet this long: at
# 100,000 registrations a count takes about half a second of the worker thread, which a scan
# arriving meanwhile would wait for.
QUIET_MS = 800
COUNTRIES = 7  # shown at most; the rest are summed up
LABEL_CHARS = 20  # a longer name is cut short, so that a line holds more of them
LINE_STYLE = "font-size: 11pt;"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _item(count: Count, swatch: str = "") -> str:
    colour = html.escape(swatch, quote=True)
    mark = f'<span style="color:{colour};">&#9632;</span>&nbsp;' if swatch else ""
    done = " &#10003;" if count.expected and count.checked_in >= count.expected else ""
    return (
        f"<span style='white-space:nowrap;'>{mark}{html.escape(_short(count.label))}&nbsp;"
        f"<b>{count.checked_in:,}</b>/{count.expected:,}{done}</span>"
    )


def breakdown_html(stats: DeskStats, countries: int = COUNTRIES) -> str:
    """Two lines: by category (with the badge colours), by country (the most expected first,
    the rest summed up)."""
    gap = " &nbsp;&nbsp; "
    cats = gap.join(_item(c, c.colour or "#999999") for c in stats.by_category)
    rest = stats.by_country[countries:]
    lands = [_item(c) for c in stats.by_country[:countries]]
    if rest:
        more = sum(c.checked_in for c in rest), sum(c.expected for c in rest)
        lands.append(_item(Count(f"{len(rest)} more", *more)))
    return (
        f"<div style='{LINE_STYLE}'><b>Categories:</b>&nbsp; {cats}<br>"
        f"<b>Countries:</b>&nbsp; {gap.join(lands)}</div>"
    )


class Counters(QWidget):
    updated = Signal()  # new counts are on show (or none)
    """`total` is the large line; `breakdown` the two lines below it (the tab places both)."""

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.event_id: int | None = None
        self.stats: DeskStats | None = None
        self._token = 0
        self._running = False
        self._again = False
        self.total = QLabel()
        self.total.setObjectName("checkinTotal")
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown = QLabel()
        self.breakdown.setObjectName("checkinBreakdown")
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.breakdown, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(QUIET_MS)
        self.soon.timeout.connect(self.refresh)
        self._show(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self.refresh()  # what the other desks did meanwhile

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def set_event(self, event_id: int | None) -> None:
        if event_id != self.event_id:
            self.event_id = event_id
            self._token += 1  # a count of the other event on its way is dropped
            self._show(None)
        self.refresh()

    def refresh_soon(self) -> None:
        """Count again once the desk is quiet (each call puts it off again)."""
        self.soon.start()

    def refresh(self) -> None:
        self.soon.stop()
        if self._running:  # one count at a time; the next one starts when it is in
            self._again = True
            return
        event_id = self.event_id
        if event_id is None or self.ops.db is None:
            self._show(None)
            return
        self._running = True
        token = self._token
        self.ops.run(
            desk.stats_op(event_id),
            on_done=lambda stats: self._arrived(token, stats),
            on_error=lambda _exc: self._failed(),
            parent=self,
            desk=True,
        )

    def _arrived(self, token: int, stats: DeskStats) -> None:
        self._running = False
        if token == self._token:
            self._show(stats)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self) -> bool:
        """Reported once by the runner; the counting resumes with the next action."""
        self._running = self._again = False
        self.timer.stop()
        return False

    def forget(self) -> None:
        """Another database: nothing of the old one stays on show."""
        self.event_id = None
        self._token += 1
        self._show(None)

    def _show(self, stats: DeskStats | None) -> None:
        self.stats = stats
        self.updated.emit()
        if stats is None:
            self.total.setText("")
            self.breakdown.setText("")
            return
        if self.isVisible() and not self.timer.isActive():
            self.timer.start()
        share = (
            f" &nbsp;<span style='font-size:14pt;'>({stats.checked_in * 100 // stats.expected} %)"
            "</span>"
            if stats.expected
            else ""
        )
        self.total.setText(
            "<span style='font-size:14pt;'>Checked in</span> "
            f"<span style='font-size:26pt; font-weight:bold;'>{stats.checked_in:,}</span>"
            f"<span style='font-size:18pt;'> / {stats.expected:,}</span>{share}"
        )
        self.total.setToolTip("Checked in / expected (confirmed registrations), all desks")
        self.breakdown.setText(breakdown_html(stats))

    def total_text(self) -> str:
        """'Checked in 12 / 40' (for tests and the status line)."""
        if self.stats is None:
            return ""
        return f"Checked in {self.stats.checked_in:,} / {self.stats.expected:,}"
