"""Check-in: the desk at the door on the morning of a meeting, built for a queue.

One large search field always has the keyboard. A barcode scanner types a code and Enter: the
person is checked in at once. A name typed shows the matches as you type (whatever the case,
accents, script or word order); Enter checks in the only match, or the one chosen with the
arrows. The banner answers every action in letters read from a metre away; the counters say who
is in, by category and by country. Walk-ins, check-out, undo, badges: keys in KEYS below.

The list below the field is the event's roster when nothing is typed (registrations are created,
edited and deleted from here), else the matches; the table holds ids and fetches only the rows
on show (see model.py), so that a 20,000-person roster opens as fast as an empty one.

When everything may have changed ("*": another database was opened), the roster, the selection
and the event list are dropped at once, before the new ones load: the same ids name other
records in the other database, and an action must never reach them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from budapest_desk.core import events
from budapest_desk.core.events import EventRow
from budapest_desk.ui.checkin import desk
from budapest_desk.ui.checkin.commands import DeskCommands
from budapest_desk.ui.checkin.link_status import LinkStatus
from budapest_desk.ui.checkin.texts import Tone, Verdict
from budapest_desk.ui.ops import ALL, OperationRunner

SEARCH_DELAY_MS = 120


class CheckinTab(DeskCommands):
    event_kinds = frozenset({"events", ALL})
    roster_kinds = frozenset({"registrations", "checkin", "events", ALL})
    ids_kinds = frozenset({"registrations", "events", ALL})  # a check-in changes rows, not ids

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.loaded = False
        self._events_dirty = True
        self._roster_dirty = True
        self._roster_token = 0
        self._select_after_load: int | None = None
        self._waiting_first_page = False
        self._shown_query = ""  # the query whose matches are on show
        self._pending_enter: tuple[str, bool] | None = None  # Enter pressed before they were
        # The whole roster, kept while only check-ins change: clearing the field after each
        # scan shows it again without reading 100,000 ids in name order (a third of a second).
        self._all: desk.Roster | None = None
        self._rows_dirty = False  # check-ins changed what the rows on show say
        self._checked: int | None = None  # checked in: the roster's count or the counters'
        self._shown: desk.Roster | None = None

        self.counters.updated.connect(self._counters_updated)
        self.link = LinkStatus(
            ops, self.server_bar, self.chooser.event_id, lambda t: self._say(t, loud=True), self
        )
        self.chooser.chosen.connect(lambda _id: self._event_chosen())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_roster)
        self.search.textChanged.connect(self._typed)
        self.search.entered.connect(lambda: self.enter())
        self.search.moved.connect(self.table.move_by)
        self.search.cleared.connect(self.focus_search)
        self.model.page_arrived.connect(lambda _page: self._page_done())
        self.model.pages_failed.connect(lambda _pages: self._page_done())
        self.desk_actions.acted.connect(self._acted)
        ops.changed.connect(self._changed)  # "*" after a database switch, too
        self._update_actions()

    # ---- loading -----------------------------------------------------------------------
    def _changed(self, kinds: frozenset[str]) -> None:
        if ALL in kinds:
            self._forget_shown()
        if kinds & self.event_kinds:
            self._events_dirty = True
        if kinds & self.ids_kinds:
            self._roster_dirty = True
            self._all = None
        elif kinds & self.roster_kinds:
            self._rows_dirty = True
        if self.isVisible():
            self._refresh()
            if kinds & self.roster_kinds:
                self.counters.refresh_soon()

    def _forget_shown(self) -> None:
        """Drop the roster, the selection and the events now (they reload asynchronously)."""
        self._roster_token += 1  # a roster load under way is dropped when it arrives
        self._select_after_load = None
        self._pending_enter = None
        self.table.clearSelection()
        self.model.clear()
        self._all = self._shown = None
        self._checked = None
        self.chooser.set_events([], self.chooser.location)
        self.desk_actions.reset(None)
        self.counters.forget()
        self.link.stop()
        self.count_label.clear()
        self.message.clear()
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh()
        self.focus_search()

    def _refresh(self) -> None:
        if self._events_dirty:
            self.refresh_events()
        elif self._roster_dirty:
            self.refresh_roster()
        elif self._rows_dirty:
            self._rows_dirty = False
            self.model.set_ids(self.model.ids)  # the same ids: the rows on show are fetched again

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
        if chosen != self.desk_actions.event_id:
            self.desk_actions.reset(chosen)
            self.counters.set_event(chosen)
            self.link.sync()  # on a venue server: the desk's copy, to fall back on
        if chosen is None:
            self._show_roster(self._roster_token, desk.Roster([], 0, 0))
            self.message.setText("No events yet: create one in the Events tab.")
        elif chosen != before or self._roster_dirty or not self.loaded:
            self.refresh_roster()

    def _event_chosen(self) -> None:
        self.message.clear()
        self._all = None
        event_id = self.chooser.event_id()
        self.desk_actions.reset(event_id)
        self.counters.set_event(event_id)
        self.link.sync()
        self.refresh_roster()
        self.focus_search()

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
        if not query.strip() and self._all is not None:
            # Its count is old news: the counters' is newer.
            self._show_roster(token, dataclasses.replace(self._all, checked_in=None))
            return
        self.ops.run(
            lambda s: desk.load_roster(s, event_id, query),
            on_done=lambda roster: self._show_roster(token, roster),
            parent=self,
            desk=True,
        )

    def _show_roster(self, token: int, roster: desk.Roster) -> None:
        if token != self._roster_token:
            return  # a newer search or refresh is on its way: these are stale
        if not roster.query:
            self._all = roster
        new = self._select_after_load
        keep = new or (None if roster.query else self.current_id())
        scroll = self.table.verticalScrollBar().value() if not roster.query else 0
        self.model.set_ids(roster.ids)
        self._shown_query = roster.query
        self._select_after_load = None
        if roster.query and len(roster.ids) == 1:
            keep = roster.ids[0]  # the only match: Enter checks it in
        if keep is not None:
            self.table.select_id(keep, scroll=False)
        else:
            self.table.clearSelection()
        # After a reset the scroll range is laid out later: scroll once it is.
        QTimer.singleShot(0, self.table, lambda: self.table.restore_scroll(scroll, new))
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
        pending, self._pending_enter = self._pending_enter, None
        if pending is not None and pending[0] == self.search.text().strip():
            self.enter(force=pending[1])

    def _page_done(self) -> None:
        """A page arrived, or could not be fetched (the runner reported why)."""
        if self._waiting_first_page:
            self._waiting_first_page = False
            self.loaded = True
        self._update_actions()

    def _show_counts(self, roster: desk.Roster) -> None:
        self._shown = roster
        if roster.checked_in is not None:
            self._checked = roster.checked_in
        self._count_text()
        if roster.query:
            self.hint.setText(self._hint_for(len(roster.ids), roster.more))
        else:
            self.hint.setText("")
        self.hint.setStyleSheet("")

    def _counters_updated(self) -> None:
        stats = self.counters.stats
        if stats is not None:
            self._checked = stats.checked_in
            self._count_text()

    def _count_text(self) -> None:
        roster = self._shown
        if roster is None:
            return
        noun = "registration" if roster.total == 1 else "registrations"
        if not roster.query:
            text = f"{roster.total:,} {noun}"
        else:
            more = "+" if roster.more else ""
            text = f"{len(roster.ids):,}{more} of {roster.total:,} {noun} shown"
        checked = f" · {self._checked:,} checked in" if self._checked is not None else ""
        self.count_label.setText(text + checked)

    def _hint_for(self, shown: int, more: bool) -> str:
        verb = "checks out" if self.desk_actions.check_out_mode else "checks in"
        if shown == 0:
            return "No match. Check the spelling, or F7 for a walk-in."
        if shown == 1:
            return f"1 match: Enter {verb}."
        many = f"{shown}+ matches (type more)" if more else f"{shown} matches"
        return f"{many}: choose with ↑ ↓, then Enter."

    # ---- the queue ---------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._pending_enter = None
        self._search_timer.start()

    def enter(self, *, force: bool = False) -> None:
        """Enter in the search field: a code is scanned; a name checks in its only match, or
        the match chosen. Ctrl+Enter (force) admits someone not confirmed, recorded as forced."""
        text = self.search.text().strip()
        if not text:
            if not (force and self.desk_actions.admit_anyway()):
                self._say("Scan a badge or type a name.")
            return
        if desk.is_code(text):
            self.clear_search()
            self.desk_actions.scan(text, force=force)
            return
        if self._search_timer.isActive() or self._shown_query != text:
            self._pending_enter = (text, force)  # once the matches of this text are in
            if self._search_timer.isActive():
                self.refresh_roster()
            return
        chosen = self.selected_ids()
        ids = self.model.ids
        if len(chosen) == 1:
            rid = chosen[0]
        elif len(ids) == 1:
            rid = ids[0]
        elif not ids:
            verdict = Verdict(Tone.UNKNOWN, "NOT FOUND", f"Nobody at this event matches “{text}”.")
            self.banner.show_verdict(verdict, None, "")
            return
        else:
            self._say(self._hint_for(len(ids), False), loud=True)
            return
        self.clear_search()
        self.desk_actions.check_in(rid, force=force)

    def admit_anyway(self) -> None:
        self.enter(force=True)

    def select_after_load(self, registration_id: int) -> None:
        self._select_after_load = registration_id

    def _say(self, text: str, *, loud: bool = False) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet("color: #b71c1c; font-weight: bold;" if loud else "")

    def clear_search(self) -> None:
        """Ready for the next person (the roster reloads, with the answer's row selected)."""
        self.search.clear()
        self._pending_enter = None
        self.table.clearSelection()

    def _acted(self, registration_id: int | None) -> None:
        """After an action: its person is selected in the roster, the field ready for the next."""
        if registration_id is not None and not self.search.text():
            self._select_after_load = registration_id
        self.focus_search()


def make_tab(ops: OperationRunner, parent: QWidget | None = None) -> CheckinTab:
    return CheckinTab(ops, parent)
