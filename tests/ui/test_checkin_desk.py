"""The Check-in tab as a queue at the door, through the real widgets and keys: a scan checks in at
once, a second scan says where and when, names are found as they are typed and Enter checks in
the only match or the one chosen with the arrows, a cancelled registration is refused until
Ctrl+Enter admits it (recorded as forced), the needs-attention note is shown, the search field
keeps the keyboard, and matches that arrive late are dropped."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import events, registrations
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput, RegistrationRow
from budapest_desk.db.enums import CheckinKind, EventStatus, RegistrationStatus
from budapest_desk.db.models import CheckinEntry
from budapest_desk.ui.checkin import desk as desk_ops
from budapest_desk.ui.checkin import layout
from budapest_desk.ui.checkin.tab import CheckinTab
from budapest_desk.ui.checkin.texts import Tone
from budapest_desk.ui.ops import OperationRunner

InDb = Callable[[Callable[[Session], Any]], Any]
Journal = list[tuple[int, CheckinKind, str, bool]]


# ---- shared with test_checkin_desk_tools.py ---------------------------------------------------
def make_event(in_db: InDb, title: str = "Senior Officials' Meeting") -> int:
    data = events.EventInput(
        title=title, start_date=dt.date.today(), status=EventStatus.REGISTRATION_OPEN
    )
    return int(in_db(lambda s: events.create_event(s, data).id))


def register(
    in_db: InDb,
    event_id: int,
    first: str,
    last: str,
    *,
    status: RegistrationStatus = RegistrationStatus.CONFIRMED,
    country: str = "HU",
    category: str = "Delegate",
    note: str = "",
) -> RegistrationRow:
    def create(s: Session) -> RegistrationRow:
        cats = {c.name: c.id for c in registrations.list_categories(s)}
        person = PersonInput(
            first_name=first,
            last_name=last,
            email=f"{len(first)}.{abs(hash(first + last))}@example.org",
            country=country,
            organisation="Ministry of Interior",
        )
        data = RegistrationInput(
            person=person,
            status=status,
            category_id=cats[category],
            delegation_country=country,
            needs_attention=bool(note),
            attention_note=note,
        )
        return registrations.create_registration(s, event_id, data)

    row: RegistrationRow = in_db(create)
    return row


def journal(in_db: InDb) -> Journal:
    return list(
        in_db(
            lambda s: [
                (e.registration_id, e.kind, e.desk, e.forced)
                for e in s.scalars(select(CheckinEntry).order_by(CheckinEntry.id))
            ]
        )
    )


def open_desk(qtbot: QtBot, ops: OperationRunner) -> CheckinTab:
    """The tab in an active window (shortcuts need one), loaded, counted, ready for a scan."""
    tab = CheckinTab(ops)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    qtbot.waitUntil(lambda: tab.loaded and bool(tab.counters.total_text()), timeout=10_000)
    assert QApplication.focusWidget() is tab.search
    return tab


def scan(qtbot: QtBot, tab: CheckinTab, code: str) -> None:
    """What a barcode scanner does: the code's characters, then Enter."""
    qtbot.keyClicks(tab.search, code)
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)


def ctrl(qtbot: QtBot, tab: CheckinTab, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or tab, key, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture(autouse=True)
def first_desk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts at "Desk 1" (the name is remembered while the app runs)."""
    monkeypatch.setattr(layout, "_desk_name", [desk_ops.DEFAULT_DESK])


# ---- tests -------------------------------------------------------------------------------------
def test_a_scan_checks_in_at_once_and_a_second_scan_says_where_and_when(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    anna = register(in_db, event_id, "Anna", "Kovács", category="Head of delegation")
    register(in_db, event_id, "Nino", "Beridze", country="GE")
    tab = open_desk(qtbot, ops)
    tab.desk_edit.setText("Desk A")
    tab.search.setFocus()
    assert tab.counters.total_text() == "Checked in 0 / 2"

    scan(qtbot, tab, anna.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    assert tab.search.text() == ""  # ready for the next person at once
    wait_idle()
    assert journal(in_db) == [(anna.id, CheckinKind.IN, "Desk A", False)]
    shown = tab.banner.text().splitlines()
    assert shown[:3] == [
        "✓ CHECKED IN",
        "Anna Kovács",
        "Head of delegation · Hungary · Ministry of Interior",
    ]
    assert shown[3].startswith("at Desk A at ")
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 1 / 2")
    stats = tab.counters.stats
    assert stats is not None
    assert [(c.label, c.checked_in, c.expected) for c in stats.by_category] == [
        ("Head of delegation", 1, 1),
        ("Delegate", 0, 1),
    ]
    assert "Head of delegation&nbsp;<b>1</b>/1" in tab.counters.breakdown.text()
    # Its row is selected in the roster, marked as checked in.
    qtbot.waitUntil(lambda: tab.selected_ids() == [anna.id])
    assert QApplication.focusWidget() is tab.search

    # The same badge again, typed as printed (grouped, lower case): not a second arrival.
    code = anna.checkin_code
    scan(qtbot, tab, f"{code[:4]}-{code[4:8]}-{code[8:]}".lower())
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.ALREADY)
    wait_idle()
    assert len(journal(in_db)) == 1
    first_in = in_db(lambda s: registrations.get_registration(s, anna.id)).checked_in_at
    assert first_in is not None
    local = first_in.astimezone()
    assert tab.banner.text().splitlines()[:2] == ["ALREADY CHECKED IN", "Anna Kovács"]
    assert f"at Desk A at {local:%H:%M}" in tab.banner.text()
    assert QApplication.focusWidget() is tab.search


def test_a_code_that_is_not_this_events_is_not_found(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    other = register(in_db, make_event(in_db, "Working group"), "Ivan", "Petrenko")
    register(in_db, event_id, "Anna", "Kovács")
    tab = open_desk(qtbot, ops)
    tab.chooser.setCurrentIndex(tab.chooser.findData(event_id))
    wait_idle()
    scan(qtbot, tab, other.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.UNKNOWN)
    assert "NOT FOUND" in tab.banner.text()
    assert "Working group" in tab.banner.text()
    wait_idle()
    assert journal(in_db) == []


def test_typing_a_name_finds_it_whatever_the_case_accents_script_and_order(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    gyongyver = register(in_db, event_id, "Gyöngyvér", "Kovács", category="Speaker")
    ivan = register(in_db, event_id, "Иван", "Ковач", country="RS")
    register(in_db, event_id, "Nino", "Beridze", country="GE")
    tab = open_desk(qtbot, ops)
    assert tab.model.rowCount() == 3

    qtbot.keyClicks(tab.search, "kovacs gyon")
    qtbot.waitUntil(lambda: tab.model.ids == [gyongyver.id])
    assert tab.hint.text() == "1 match: Enter checks in."
    assert tab.selected_ids() == [gyongyver.id]  # the only match, ready for Enter
    qtbot.waitUntil(lambda: tab.model.cached(gyongyver.id) is not None)
    row = [str(tab.model.index(0, c).data()) for c in range(5)]
    assert row == ["Kovács, Gyöngyvér", "Confirmed", "Hungary", "Speaker", ""]

    for typed in ("Gyöngyvér KOVÁCS", "gyongyver kovacs", "Kovacs"):
        tab.search.setText(typed)
        qtbot.waitUntil(lambda: tab.model.ids == [gyongyver.id])
    tab.search.setText("Ковач")  # the Cyrillic name, typed in Cyrillic
    qtbot.waitUntil(lambda: tab.model.ids == [ivan.id])
    tab.search.setText("kovach ivan")  # and in Latin letters
    qtbot.waitUntil(lambda: tab.model.ids == [ivan.id])
    tab.search.setText("kov")
    qtbot.waitUntil(lambda: set(tab.model.ids) == {gyongyver.id, ivan.id})
    assert tab.hint.text() == "2 matches: choose with ↑ ↓, then Enter."
    assert tab.selected_ids() == []  # several: nobody is chosen for the person at the desk
    tab.search.setText("nobody")
    qtbot.waitUntil(lambda: tab.model.ids == [])
    assert tab.hint.text().startswith("No match.")
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    assert tab.search.text() == ""
    assert tab.hint.text() == ""
    wait_idle()
    assert journal(in_db) == []


def test_enter_checks_in_the_only_match(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    nino = register(in_db, event_id, "Nino", "Beridze", country="GE")
    register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    qtbot.keyClicks(tab.search, "beridze nino")
    qtbot.waitUntil(lambda: tab.model.ids == [nino.id])
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert journal(in_db) == [(nino.id, CheckinKind.IN, "Desk 1", False)]
    assert tab.banner.text().splitlines()[1] == "Nino Beridze"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.selected_ids() == [nino.id])
    assert tab.search.text() == ""
    assert QApplication.focusWidget() is tab.search
    # Its row says where and when, in the roster as in the matches.
    qtbot.waitUntil(lambda: str(tab.model.index(0, 4).data()).endswith("· Desk 1"))


def test_arrows_choose_among_several_matches(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ids = [register(in_db, event_id, first, "Petrenko", country="UA").id for first in "ABC"]
    tab = open_desk(qtbot, ops)
    qtbot.keyClicks(tab.search, "petrenko")
    qtbot.waitUntil(lambda: tab.model.ids == ids)  # in name order

    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # several, none chosen: nobody checked in
    wait_idle()
    assert journal(in_db) == []
    assert tab.hint.text() == "3 matches: choose with ↑ ↓, then Enter."
    assert "font-weight: bold" in tab.hint.styleSheet()
    assert tab.search.text() == "petrenko"

    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.selected_ids() == [ids[0]]
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)  # stays on the last
    assert tab.selected_ids() == [ids[2]]
    qtbot.keyClick(tab.search, Qt.Key.Key_Up)
    assert tab.selected_ids() == [ids[1]]
    assert QApplication.focusWidget() is tab.search  # the arrows never take the keyboard away
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert journal(in_db) == [(ids[1], CheckinKind.IN, "Desk 1", False)]
    assert tab.banner.text().splitlines()[1] == "B Petrenko"


def test_a_cancelled_registration_is_refused_and_ctrl_enter_admits_it_as_forced(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", status=RegistrationStatus.CANCELLED)
    ivan = register(in_db, event_id, "Ivan", "Petrenko", status=RegistrationStatus.DECLINED)
    tab = open_desk(qtbot, ops)

    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.REFUSED)
    wait_idle()
    assert journal(in_db) == []
    assert tab.banner.text().splitlines() == [
        "✗ NOT ADMITTED",
        "Ana Popescu",
        "Delegate · Hungary · Ministry of Interior",
        "The registration was cancelled.",
        "Ctrl+Enter: admit anyway (recorded as forced)",
    ]
    ctrl(qtbot, tab, Qt.Key.Key_Return)  # the field is empty: the person on the banner
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert journal(in_db) == [(ana.id, CheckinKind.IN, "Desk 1", True)]
    assert tab.banner.text().splitlines()[0] == "✓ ADMITTED ANYWAY"
    assert "recorded as forced" in tab.banner.text()

    # By name: Enter is refused, Ctrl+Enter admits.
    qtbot.keyClicks(tab.search, "petrenko")
    qtbot.waitUntil(lambda: tab.model.ids == [ivan.id])
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.REFUSED)
    assert "The invitation was declined." in tab.banner.text()
    qtbot.keyClicks(tab.search, "petrenko")
    qtbot.waitUntil(lambda: tab.model.ids == [ivan.id])
    ctrl(qtbot, tab, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert journal(in_db)[-1] == (ivan.id, CheckinKind.IN, "Desk 1", True)
    # Ctrl+Enter with nothing refused on show does nothing.
    ctrl(qtbot, tab, Qt.Key.Key_Return)
    wait_idle()
    assert len(journal(in_db)) == 2


def test_the_needs_attention_note_is_shown_loudly(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    note = "Wheelchair user: step-free route to room B."
    elena = register(in_db, event_id, "Ελένη", "Γεωργίου", country="GR", note=note)
    plain = register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    qtbot.waitUntil(lambda: tab.model.cached(elena.id) is not None)
    row = tab.model.row_of(elena.id)
    assert str(tab.model.index(row, 0).data()) == "⚠ Γεωργίου, Ελένη"
    assert note in str(tab.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))

    scan(qtbot, tab, elena.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    assert tab.banner.attention.isVisible()
    assert tab.banner.attention_note.text() == note
    assert tab.banner.text().endswith(f"⚠  NEEDS ATTENTION\n{note}")
    # Shown again, as loudly, when she comes back (already checked in).
    scan(qtbot, tab, elena.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.ALREADY)
    assert tab.banner.attention.isVisible()
    scan(qtbot, tab, plain.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.text().splitlines()[1] == "Ana Popescu")
    assert not tab.banner.attention.isVisible()


def test_the_search_field_keeps_the_keyboard(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    assert tab.search.font().pointSize() >= 20

    # A click in the list, then a scan: the code goes to the search field and checks in.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton)
    tab.table.setFocus()
    assert QApplication.focusWidget() is tab.table
    qtbot.keyClicks(tab.table, ana.checkin_code)
    assert QApplication.focusWidget() is tab.search
    assert tab.search.text() == ana.checkin_code
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert [rid for rid, *_ in journal(in_db)] == [ana.id]

    # After the desk's name is typed, Enter hands the keyboard back.
    tab.desk_edit.setFocus()
    tab.desk_edit.setText("Door B")
    qtbot.keyClick(tab.desk_edit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is tab.search
    assert tab.desk_name() == "Door B"


def test_matches_that_arrive_after_newer_typing_are_dropped(
    qtbot: QtBot,
    ops: OperationRunner,
    in_db: InDb,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event_id = make_event(in_db)
    kovacs = register(in_db, event_id, "Anna", "Kovács")
    beridze = register(in_db, event_id, "Nino", "Beridze", country="GE")
    tab = open_desk(qtbot, ops)
    release = threading.Event()
    real = desk_ops.load_roster

    def slow(session: Session, event: int, query: str) -> desk_ops.Roster:
        if query == "kovacs":
            release.wait(10)  # the worker is busy with it while the person types on
        return real(session, event, query)

    monkeypatch.setattr(desk_ops, "load_roster", slow)
    shown: list[list[int]] = []
    tab.model.modelReset.connect(lambda: shown.append(list(tab.model.ids)))

    tab.search.setText("kovacs")
    qtbot.wait(250)  # the search is asked for, and held
    tab.search.setText("beridze")
    # Enter before the matches of "beridze" are in: it waits for them, never acting on older.
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    release.set()
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert [kovacs.id] not in shown, "the stale matches of 'kovacs' were shown"
    assert journal(in_db) == [(beridze.id, CheckinKind.IN, "Desk 1", False)]
    assert tab.banner.text().splitlines()[1] == "Nino Beridze"
