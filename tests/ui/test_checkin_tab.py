"""The Check-in tab: registrations created, edited and deleted through the real widgets,
check-in and undo through the toolbar, search, the lazy model, a 20,000-person roster, a page
that cannot be fetched, and opening another database under the roster. (The desk's queue is
tested in test_checkin_desk*.py.)"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, events, registrations, roster
from budapest_desk.core.checkin import CheckinState, DeskResult, Outcome
from budapest_desk.core.codes import display
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result, ScanResult
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput, RegistrationRow
from budapest_desk.core.text import search_key, sort_key
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind, EventStatus, RegistrationStatus
from budapest_desk.db.models import CheckinEntry, Person, Registration
from budapest_desk.db.models.people import index_words
from budapest_desk.ui.checkin import model as model_module
from budapest_desk.ui.checkin import texts
from budapest_desk.ui.checkin.chooser import default_event
from budapest_desk.ui.checkin.editor import RegistrationEditor
from budapest_desk.ui.checkin.matches import CHECKED_IN, CODE
from budapest_desk.ui.checkin.model import PAGE_SIZE, PLACEHOLDER
from budapest_desk.ui.checkin.tab import CheckinTab
from budapest_desk.ui.ops import OperationRunner

InDb = Callable[[Callable[[Session], Any]], Any]


def _event(in_db: InDb, title: str = "Expert meeting on return", days: int = 1) -> int:
    start = dt.date.today() + dt.timedelta(days=days)
    data = events.EventInput(
        title=title, start_date=start, status=EventStatus.REGISTRATION_OPEN, city="Budapest"
    )
    return int(in_db(lambda s: events.create_event(s, data).id))


def _register(in_db: InDb, event_id: int, first: str, last: str, org: str = "") -> int:
    person = PersonInput(
        first_name=first,
        last_name=last,
        email=f"{search_key(first)}.{search_key(last)}@example.org".replace(" ", ""),
        organisation=org,
        country="HU",
    )
    data = RegistrationInput(person=person, status=RegistrationStatus.CONFIRMED)
    return int(in_db(lambda s: registrations.create_registration(s, event_id, data).id))


def _rows(in_db: InDb, event_id: int) -> list[RegistrationRow]:
    return list(in_db(lambda s: registrations.registration_rows(s, roster.roster_ids(s, event_id))))


def _editor(qtbot: QtBot) -> RegistrationEditor:
    found: list[RegistrationEditor] = []

    def visible() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RegistrationEditor) and w.isVisible()
        ]
        return len(found) == 1

    qtbot.waitUntil(visible)
    return found[0]


def _open_tab(qtbot: QtBot, ops: OperationRunner) -> CheckinTab:
    tab = CheckinTab(ops)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    return tab


def _shown(tab: CheckinTab, row: int, column: int = 0) -> str:
    return str(tab.model.index(row, column).data())


def test_create_edit_check_in_undo_and_delete(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    event_id = _event(in_db)
    tab = _open_tab(qtbot, ops)
    assert tab.chooser.event_id() == event_id
    assert tab.model.rowCount() == 0
    assert tab.count_label.text() == "0 registrations · 0 checked in"

    tab.new_action.trigger()
    editor = _editor(qtbot)
    editor.title_edit.setText("Dr")
    editor.first_name.setText("Gyöngyvér")
    editor.last_name.setText("Kovács")
    qtbot.keyClicks(editor.email, "gy.kovacs@example.hu")
    editor.country.setCurrentIndex(editor.country.findData("HU"))
    editor.organisation.setText("Országos Idegenrendészeti Főigazgatóság")
    editor.position.setText("Főosztályvezető")
    editor.status.setCurrentIndex(editor.status.findData(RegistrationStatus.CONFIRMED))
    editor.category.setCurrentIndex(editor.category.findText("Head of delegation"))
    editor.delegation_country.setCurrentIndex(editor.delegation_country.findData("HU"))
    editor.list_consent.setChecked(True)
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Kovács, Gyöngyvér")
    [saved] = _rows(in_db, event_id)
    assert (saved.title, saved.email, saved.country, saved.organisation) == (
        "Dr",
        "gy.kovacs@example.hu",
        "HU",
        "Országos Idegenrendészeti Főigazgatóság",
    )
    assert (saved.status, saved.category, saved.delegation_country, saved.list_consent) == (
        RegistrationStatus.CONFIRMED,
        "Head of delegation",
        "HU",
        True,
    )
    assert tab.current_id() == saved.id
    assert _shown(tab, 0, 3) == "Head of delegation"
    assert (
        tab.model.index(0, 3).data(Qt.ItemDataRole.DecorationRole).name() == saved.category_colour
    )
    assert _shown(tab, 0, CODE) == display(saved.checkin_code)
    assert tab.count_label.text() == "1 registration · 0 checked in"

    tab.edit_action.trigger()
    editor = _editor(qtbot)
    assert editor.first_name.text() == "Gyöngyvér"
    editor.position.setText("Deputy Director-General")
    editor.needs_attention.setChecked(True)
    editor.attention_note.setPlainText("Wheelchair access")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: _shown(tab, 0).startswith("⚠"))
    [edited] = _rows(in_db, event_id)
    assert (edited.position, edited.needs_attention, edited.attention_note) == (
        "Deputy Director-General",
        True,
        "Wheelchair access",
    )
    assert edited.organisation == saved.organisation

    # Check in at a named desk, through the toolbar.
    tab.desk_edit.clear()
    qtbot.keyClicks(tab.desk_edit, "Door B")
    tab.table.selectRow(0)
    assert tab.checkin_action.isEnabled()
    tab.checkin_action.trigger()
    qtbot.waitUntil(lambda: tab.count_label.text() == "1 registration · 1 checked in")
    qtbot.waitUntil(lambda: _shown(tab, 0, CHECKED_IN).endswith("· Door B"))
    state = in_db(lambda s: checkin.states(s, [saved.id]))[saved.id]
    assert (state.checked_in, state.first_in_desk, state.entries) == (True, "Door B", 1)
    assert tab.banner.text().startswith("✓ CHECKED IN\nGyöngyvér Kovács\n")
    assert "at Door B" in tab.banner.text()
    assert "Wheelchair access" in tab.banner.text()
    assert not tab.checkin_action.isEnabled()  # already in: nothing to check in again
    assert tab.undo_action.isEnabled()

    tab.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.count_label.text() == "1 registration · 0 checked in")
    qtbot.waitUntil(lambda: _shown(tab, 0, CHECKED_IN) == "")
    wait_idle()
    state = in_db(lambda s: checkin.states(s, [saved.id]))[saved.id]
    assert (state.checked_in, state.entries) == (False, 2)
    journal = in_db(
        lambda s: [
            (e.kind, e.nonce, e.undoes_nonce, e.desk)
            for e in s.scalars(select(CheckinEntry).order_by(CheckinEntry.id))
        ]
    )
    assert [kind for kind, *_ in journal] == [CheckinKind.IN, CheckinKind.UNDO]
    assert journal[1][2] == journal[0][1]  # the undo names the check-in it takes back
    assert journal[1][3] == "Door B"
    assert tab.checkin_action.isEnabled()
    assert not tab.undo_action.isEnabled()

    # Ctrl+I checks in again; the journal only grows.
    tab.windowHandle().requestActivate()  # shortcuts work in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.count_label.text() == "1 registration · 1 checked in")
    assert in_db(lambda s: checkin.count_checked_in(s, event_id)) == 1

    tab.delete_action.trigger()
    box = tab.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    assert "Gyöngyvér Kovács" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    wait_idle()
    assert _rows(in_db, event_id) == []
    assert in_db(lambda s: s.scalar(select(CheckinEntry.id).limit(1))) is None
    assert tab.count_label.text() == "0 registrations · 0 checked in"


def test_invalid_input_is_shown_in_the_form(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    _event(in_db)
    tab = _open_tab(qtbot, ops)
    tab.new_action.trigger()
    editor = _editor(qtbot)
    editor.first_name.setText("Nino")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    wait_idle()
    qtbot.waitUntil(lambda: editor.error_label.isVisible())
    assert "Last name is required" in editor.error_label.text()
    editor.reject()


def test_search_ignores_case_accents_script_and_word_order(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb
) -> None:
    event_id = _event(in_db)
    _register(in_db, event_id, "Gyöngyvér", "Kovács", "Ministry of Interior")
    _register(in_db, event_id, "Nino", "Beridze", "Public Service Development Agency")
    _register(in_db, event_id, "Ivan", "Kovach", "State Migration Service")
    tab = _open_tab(qtbot, ops)
    assert tab.model.rowCount() == 3

    qtbot.keyClicks(tab.search, "kovacs gyongyver")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Kovács, Gyöngyvér")
    assert tab.count_label.text() == "1 of 3 registrations shown · 0 checked in"

    tab.search.setText("GYÖNGYVÉR")
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Kovács, Gyöngyvér")
    tab.search.setText("Ковач")  # Cyrillic finds the Latin spelling
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Kovach, Ivan")
    assert tab.model.rowCount() == 1
    tab.search.setText("service development")  # the organisation
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Beridze, Nino")
    tab.search.setText("nobody here")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    assert tab.count_label.text() == "3 registrations · 0 checked in"


def test_event_chooser_prefers_the_current_event_and_remembers_the_choice(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb
) -> None:
    past = _event(in_db, "Ministerial conference", days=-400)
    upcoming = _event(in_db, "Working group on borders", days=20)
    soon = _event(in_db, "Expert meeting", days=3)
    _register(in_db, past, "Ana", "Popescu")
    tab = _open_tab(qtbot, ops)
    assert tab.chooser.event_id() == soon
    assert tab.chooser.count() == 3

    tab.chooser.setCurrentIndex(tab.chooser.findData(past))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Popescu, Ana")

    again = _open_tab(qtbot, ops)  # a new tab in the same app run
    assert again.chooser.event_id() == past
    assert upcoming in {again.chooser.itemData(i) for i in range(again.chooser.count())}


def test_default_event() -> None:
    def row(id_: int, start: dt.date, status: EventStatus) -> events.EventRow:
        return events.EventRow(
            id_, f"E{id_}", events.EventKind.EXPERT_MEETING, status, start, start,
            "", "", None, False, None, "Europe/Budapest", "", "",
        )  # fmt: skip

    today = dt.date(2026, 5, 1)
    held = row(1, dt.date(2026, 1, 1), EventStatus.HELD)
    open_ = row(2, dt.date(2026, 2, 1), EventStatus.REGISTRATION_OPEN)
    later = row(3, dt.date(2026, 9, 1), EventStatus.PLANNED)
    sooner = row(4, dt.date(2026, 6, 1), EventStatus.REGISTRATION_OPEN)
    assert default_event([later, sooner, open_, held], today) == sooner.id
    assert default_event([open_, held], today) == open_.id
    assert default_event([held], today) == held.id
    assert default_event([], today) is None


def test_no_event_still_loads(qtbot: QtBot, ops: OperationRunner) -> None:
    tab = _open_tab(qtbot, ops)
    assert tab.chooser.event_id() is None
    assert not tab.new_action.isEnabled()
    assert "No events yet" in tab.message.text()


def test_model_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: Any,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: InDb,
) -> None:
    event_id = _event(in_db)
    ids = [_register(in_db, event_id, f"Person{i}", f"Family{i}") for i in range(5)]
    in_db(lambda s: checkin.record(s, ids[1], CheckinKind.IN, desk="Desk 1"))
    tab = _open_tab(qtbot, ops)
    qtbot.waitUntil(lambda: tab.model.cached(ids[4]) is not None)
    qtmodeltester.check(tab.model)
    wait_idle()
    assert tab.count_label.text() == "5 registrations · 1 checked in"


def _bulk_roster(session: Session, event_id: int, count: int) -> None:
    """`count` people and their registrations, inserted in bulk (as an import would, with
    their search words)."""
    now = utcnow()
    first_names = ["Gyöngyvér", "Nino", "Ivan", "Ana", "Mehmet", "Elena", "Arman", "Zsófia"]
    last_names = ["Kovács", "Beridze", "Petrenko", "Popescu", "Yılmaz", "Georgiou", "Hakobyan"]
    people = []
    regs = []
    for i in range(count):
        first, last = first_names[i % 8], f"{last_names[i % 7]} {i:05d}"
        email = f"p{i}@example.org"
        people.append(
            {
                "id": i + 1,
                "first_name": first,
                "last_name": last,
                "email": email,
                "email_key": email,
                "organisation": f"Agency {i % 40}",
                "country": "HU",
                "search_key": search_key(first, last, email),
                "sort_key": sort_key(first, last),
                "created_at": now,
                "updated_at": now,
            }
        )
        regs.append(
            {
                "id": i + 1,
                "event_id": event_id,
                "person_id": i + 1,
                "status": RegistrationStatus.CONFIRMED,
                "checkin_code": f"{i:08d}X",
                "created_at": now,
                "updated_at": now,
            }
        )
    session.execute(insert(Person), people)
    index_words(session.connection(), [(p["id"], p["search_key"]) for p in people])
    session.execute(insert(Registration), regs)


def test_a_large_roster_fetches_only_what_is_shown(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: InDb,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event_id = _event(in_db)
    in_db(lambda s: _bulk_roster(s, event_id, 20_000))
    in_db(lambda s: checkin.record(s, 5, CheckinKind.IN, desk="Desk 2"))
    fetched: list[int] = []
    real = model_module.fetch_rows

    def counting(session: Session, ids: Sequence[int]) -> list[RegistrationRow]:
        fetched.append(len(ids))
        return real(session, ids)

    monkeypatch.setattr(model_module, "fetch_rows", counting)

    tab = _open_tab(qtbot, ops)
    wait_idle()
    qtbot.wait(50)  # let the view paint and ask for whatever it wants
    wait_idle()
    assert tab.model.rowCount() == 20_000
    assert fetched == [PAGE_SIZE]
    assert tab.count_label.text() == "20,000 registrations · 1 checked in"
    assert _shown(tab, 0) != PLACEHOLDER

    tab.table.scrollToBottom()
    last = tab.model.rowCount() - 1
    qtbot.waitUntil(lambda: _shown(tab, last) != PLACEHOLDER)
    wait_idle()
    assert sum(fetched) <= 2 * PAGE_SIZE  # only the last page more

    tab.search.setText("zsofia 00007 kovacs")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Kovács 00007, Zsófia")


def test_a_page_that_cannot_be_fetched_is_asked_for_once(
    qtbot: QtBot, sqlite_database: Database, in_db: InDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = _event(in_db)
    for i in range(3):
        _register(in_db, event_id, f"Person{i}", f"Family{i}")
    reported: list[object] = []  # a lost connection may be told as a user error or a crash
    ops = OperationRunner(
        sqlite_database,
        show_user_error=lambda _parent, message: reported.append(message),
        show_crash=lambda _parent, exc: reported.append(exc),
    )
    attempts: list[list[int]] = []

    def connection_lost(_session: Session, ids: Sequence[int]) -> list[RegistrationRow]:
        attempts.append(list(ids))
        raise OperationalError("SELECT ...", {}, Exception("server closed the connection"))

    monkeypatch.setattr(model_module, "fetch_rows", connection_lost)
    try:
        tab = CheckinTab(ops)
        qtbot.addWidget(tab)
        tab.resize(1100, 600)
        tab.show()
        qtbot.waitUntil(lambda: bool(reported))
        for _ in range(20):  # every repaint asks for the rows on show
            tab.table.viewport().repaint()
            qtbot.wait(10)
        qtbot.waitUntil(lambda: ops.idle)
        assert len(attempts) == 1
        assert len(reported) == 1, "one failure, one report"
        assert tab.loaded
        assert _shown(tab, 0) == PLACEHOLDER

        # Refreshing the roster asks again.
        monkeypatch.setattr(model_module, "fetch_rows", registrations.registration_rows)
        tab.refresh_roster()
        qtbot.waitUntil(lambda: _shown(tab, 0) == "Family0, Person0")
        qtbot.waitUntil(lambda: ops.idle)
        assert len(reported) == 1
    finally:
        ops.shutdown()


def _numbered_roster(session: Session, event_id: int, family: str, numbers: Sequence[int]) -> None:
    """People called `family` and a number, registered with ids 1, 2, 3... in the order given."""
    now = utcnow()
    people, regs = [], []
    for i, number in enumerate(numbers, start=1):
        email = f"{family.lower()}{number}@example.org"
        people.append(
            {
                "id": i,
                "first_name": "Ana",
                "last_name": f"{family} {number:05d}",
                "email": email,
                "email_key": email,
                "search_key": search_key("Ana", family, email),
                "sort_key": sort_key("Ana", f"{family} {number:05d}"),
                "created_at": now,
                "updated_at": now,
            }
        )
        regs.append(
            {
                "id": i,
                "event_id": event_id,
                "person_id": i,
                "status": RegistrationStatus.CONFIRMED,
                "checkin_code": f"{i:08d}X",
                "created_at": now,
                "updated_at": now,
            }
        )
    session.execute(insert(Person), people)
    session.execute(insert(Registration), regs)


def test_opening_another_database_drops_the_old_roster_at_once(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two databases whose registrations have the same ids (1..300), named Alpha in one and Beta
    # in the other, and listed in opposite orders.
    count = 300
    in_db(lambda s: _numbered_roster(s, _event(in_db), "Alpha", range(count - 1, -1, -1)))
    other = tmp_path / "other.db"
    db = Database.open(str(other))
    try:
        with db.transaction() as s:
            event_id = events.create_event(
                s, events.EventInput(title="Beta meeting", start_date=dt.date.today())
            ).id
            _numbered_roster(s, event_id, "Beta", range(count))
    finally:
        db.close()

    fetched: list[tuple[str, list[int]]] = []  # (the database, the ids asked for)
    real = model_module.fetch_rows

    def recording(session: Session, ids: Sequence[int]) -> list[RegistrationRow]:
        bind = session.get_bind()
        fetched.append((str(bind.url), list(ids)))
        return real(session, ids)

    monkeypatch.setattr(model_module, "fetch_rows", recording)
    tab = _open_tab(qtbot, ops)
    old_ids = list(tab.model.ids)
    assert old_ids == list(range(count, 0, -1))
    assert _shown(tab, 0) == "Alpha 00000, Ana"
    tab.table.selectRow(0)
    assert tab.selected_ids() == [count]
    assert tab.checkin_action.isEnabled()

    at_switch: dict[str, Any] = {}

    def switched(_db: Database) -> None:  # connected after the tab: runs right after it
        at_switch.update(
            rows=tab.model.rowCount(),
            selected=tab.selected_ids(),
            event=tab.chooser.event_id(),
            enabled=[
                a.text()
                for a in (
                    tab.new_action,
                    tab.edit_action,
                    tab.delete_action,
                    tab.checkin_action,
                    tab.undo_action,
                )
                if a.isEnabled()
            ],
        )
        tab.checkin_action.trigger()  # a desk pressing Ctrl+I just then

    ops.database_changed.connect(switched)
    stale: list[str] = []

    def shown_rows(first: QModelIndex, last: QModelIndex, _roles: Any = None) -> None:
        if tab.model.ids == old_ids:
            stale.extend(
                text
                for text in (_shown(tab, row) for row in range(first.row(), last.row() + 1))
                if text.startswith("Beta")
            )

    tab.model.dataChanged.connect(shown_rows)

    # The other database opens slowly; meanwhile the view asks for the old ids' last page,
    # which the worker will fetch from the other database.
    opening = threading.Event()

    def open_other() -> Database:
        opening.wait(10)
        return Database.open(str(other))

    ops.switch_database(open_other, parent=None)
    try:
        tab.table.scrollToBottom()
        qtbot.wait(200)
    finally:
        opening.set()
    qtbot.waitUntil(lambda: ops.idle, timeout=10_000)

    assert at_switch == {"rows": 0, "selected": [], "event": None, "enabled": []}
    assert any(url.endswith("other.db") and ids == old_ids[200:] for url, ids in fetched), (
        "the old ids' last page was fetched from the other database"
    )
    assert stale == [], "rows of the other database were shown under the old ids"

    # The other database's roster, with nothing selected and nobody checked in there.
    assert tab.chooser.currentText().startswith("Beta meeting")
    assert tab.model.ids == list(range(1, count + 1))
    qtbot.waitUntil(lambda: _shown(tab, 0) == "Beta 00000, Ana")
    assert tab.selected_ids() == []
    assert not tab.checkin_action.isEnabled()
    assert tab.count_label.text() == "300 registrations · 0 checked in"
    assert ops.db is not None
    with ops.db.transaction() as s:
        assert s.scalar(select(CheckinEntry.id).limit(1)) is None


def test_desk_messages() -> None:
    at = dt.datetime(2020, 3, 3, 8, 12, tzinfo=dt.UTC)
    local = at.astimezone()
    when = f"{local.day} {local:%b %H:%M}"
    assert texts.checked_in_text(at, "Desk 1") == f"{when} · Desk 1"
    assert texts.where_when("Door B", at) == f"at Door B at {when}"
    assert texts.where_when("", None) == ""

    def row(rid: int, name: str, status: RegistrationStatus) -> RegistrationRow:
        first, last = name.split()
        return RegistrationRow(
            rid, 1, rid, "", first, last, "", "GE", "Public Service Development Agency", "",
            status, None, "Delegate", "#1f4e79", "GE", "", False, "", False, "ABCD1234X",
        )  # fmt: skip

    def scanned(rid: int, name: str, result: Result, status: RegistrationStatus) -> ScanResult:
        return ScanResult("", result, "", row(rid, name, status))

    nino = row(1, "Nino Beridze", RegistrationStatus.CONFIRMED)
    assert texts.details(nino) == "Delegate · Georgia · Public Service Development Agency"
    refused = texts.verdict(
        scanned(3, "Ana Popescu", Result.REFUSED, RegistrationStatus.WAITLISTED)
    )
    assert (refused.tone, refused.headline, refused.line) == (
        texts.Tone.REFUSED,
        "✗ NOT ADMITTED",
        "The person is on the waiting list.",
    )
    checked = [
        scanned(1, "Nino Beridze", Result.CHECKED_IN, RegistrationStatus.CONFIRMED),
        scanned(2, "Ivan Petrenko", Result.ALREADY, RegistrationStatus.CONFIRMED),
        scanned(3, "Ana Popescu", Result.REFUSED, RegistrationStatus.CANCELLED),
        ScanResult("", Result.UNKNOWN, "gone"),
    ]
    assert texts.scan_summary(checked, "Door B") == (
        "Checked in at Door B: Nino Beridze. Already checked in: Ivan Petrenko. "
        "Not admitted (not confirmed): Ana Popescu. 1 not found (deleted meanwhile?)."
    )

    def result(rid: int, name: str, outcome: Outcome) -> DeskResult:
        return DeskResult(rid, name, outcome, CheckinState(rid))

    assert texts.undo_message([result(1, "Nino Beridze", Outcome.UNDONE)]) == (
        "Check-in undone: Nino Beridze."
    )
    assert texts.undo_message([result(1, "Nino Beridze", Outcome.NOTHING_TO_UNDO)]) == (
        "Nothing to undo: not checked in."
    )
    assert texts.undo_verdict(result(1, "Nino Beridze", Outcome.UNDONE)).headline == (
        "CHECK-IN UNDONE"
    )
