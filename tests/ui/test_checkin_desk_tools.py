"""The Check-in desk's other keys, through the real widgets: Ctrl+Z undoes the last check-in made
at this desk, F6 turns scans into check-outs, F7 registers and checks in a walk-in (and offers
the badge), Ctrl+P opens one person's badge, Ctrl+I checks in the people selected, and the
counters follow every desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, registrations, roster
from budapest_desk.db.enums import CheckinKind, RegistrationSource, RegistrationStatus
from budapest_desk.db.models import Registration
from budapest_desk.ui.checkin import desk as desk_ops
from budapest_desk.ui.checkin import layout
from budapest_desk.ui.checkin.editor import RegistrationEditor
from budapest_desk.ui.checkin.texts import Tone
from budapest_desk.ui.checkin.walk_in import WalkInDialog
from budapest_desk.ui.events.output_dialog import OutputDialog
from budapest_desk.ui.ops import OperationRunner
from tests.ui.helpers import open_dialog
from tests.ui.test_checkin_desk import ctrl, journal, make_event, open_desk, register, scan

InDb = Callable[[Callable[[Session], Any]], Any]


@pytest.fixture(autouse=True)
def first_desk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "_desk_name", [desk_ops.DEFAULT_DESK])


def test_ctrl_z_undoes_the_last_check_in_made_at_this_desk(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    nino = register(in_db, event_id, "Nino", "Beridze", country="GE")
    tab = open_desk(qtbot, ops)
    scan(qtbot, tab, ana.checkin_code)
    scan(qtbot, tab, nino.checkin_code)
    wait_idle()
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 2 / 2")
    qtbot.keyClicks(tab.search, "popescu")  # whatever is typed or selected since
    qtbot.waitUntil(lambda: tab.model.ids == [ana.id])

    ctrl(qtbot, tab, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.UNDONE)
    wait_idle()
    assert tab.banner.text().splitlines() == [
        "CHECK-IN UNDONE",
        "Nino Beridze",
        "Delegate · Georgia · Ministry of Interior",
        "No longer checked in.",
    ]
    assert tab.search.text() == "popescu"  # Ctrl+Z is the desk's, not the field's
    assert [(rid, kind) for rid, kind, *_ in journal(in_db)] == [
        (ana.id, CheckinKind.IN),
        (nino.id, CheckinKind.IN),
        (nino.id, CheckinKind.UNDO),
    ]
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 1 / 2")
    ctrl(qtbot, tab, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: tab.banner.text().startswith("CHECK-IN UNDONE\nAna Popescu"))
    ctrl(qtbot, tab, Qt.Key.Key_Z)
    assert tab.banner.text().startswith("NOTHING TO UNDO")
    wait_idle()
    assert len(journal(in_db)) == 4
    states = in_db(lambda s: checkin.states(s, [ana.id, nino.id]))
    assert not any(state.checked_in for state in states.values())
    assert QApplication.focusWidget() is tab.search


def test_check_out_mode(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    nino = register(in_db, event_id, "Nino", "Beridze", country="GE")
    in_db(lambda s: checkin.record(s, ana.id, CheckinKind.IN, desk="Desk 2"))
    tab = open_desk(qtbot, ops)
    assert not tab.mode_label.isVisible()

    qtbot.keyClick(tab.search, Qt.Key.Key_F6)
    assert tab.checkout_action.isChecked()
    assert tab.mode_label.isVisible()
    assert tab.search.placeholderText().startswith("CHECK-OUT")
    assert QApplication.focusWidget() is tab.search
    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OUT)
    assert tab.banner.text().splitlines()[:2] == ["CHECKED OUT", "Ana Popescu"]
    # Someone who is not in, chosen by name.
    qtbot.keyClicks(tab.search, "beridze")
    qtbot.waitUntil(lambda: tab.model.ids == [nino.id])
    assert tab.hint.text() == "1 match: Enter checks out."
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.banner.text().startswith("NOT CHECKED IN\nNino Beridze"))
    wait_idle()
    assert [(rid, kind, where) for rid, kind, where, _ in journal(in_db)] == [
        (ana.id, CheckinKind.IN, "Desk 2"),
        (ana.id, CheckinKind.OUT, "Desk 1"),
    ]

    qtbot.keyClick(tab.search, Qt.Key.Key_F6)  # back to checking in
    assert not tab.mode_label.isVisible()
    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert journal(in_db)[-1][:2] == (ana.id, CheckinKind.IN)


def test_a_walk_in_is_registered_checked_in_and_offered_a_badge(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    qtbot.keyClick(tab.search, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: any(isinstance(w, WalkInDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))  # fmt: skip
    form = open_dialog(WalkInDialog)
    assert QApplication.focusWidget() is form.first_name
    form.first_name.setText("Dilnoza")
    form.last_name.setText("Karimova")
    form.organisation.setText("IOM Tashkent")
    form.country.setCurrentIndex(form.country.findData("UZ"))
    form.category.setCurrentIndex(form.category.findText("Observer"))
    assert form.print_badge.isChecked()
    qtbot.keyClick(form.organisation, Qt.Key.Key_Return)  # Enter registers and checks in

    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    assert tab.banner.text().splitlines()[:3] == [
        "✓ CHECKED IN",
        "Dilnoza Karimova",
        "Observer · Uzbekistan · IOM Tashkent",
    ]
    badge = open_dialog(OutputDialog)  # the badge is offered next
    wait_idle()
    everyone = in_db(lambda s: registrations.registration_rows(s, roster.roster_ids(s, event_id)))
    [row] = [r for r in everyone if r.last_name == "Karimova"]
    source = in_db(lambda s: s.get(Registration, row.id).source)
    assert source == RegistrationSource.WALK_IN
    assert (row.status, row.country, row.delegation_country, row.organisation) == (
        RegistrationStatus.CONFIRMED,
        "UZ",
        "UZ",
        "IOM Tashkent",
    )
    assert row.checked_in
    assert row.checked_in_desk == "Desk 1"
    assert journal(in_db) == [(row.id, CheckinKind.IN, "Desk 1", False)]
    assert badge.choices.badges.selection().registration_ids == {row.id}
    badge.reject()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.search)
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 1 / 2")
    wait_idle()


def test_a_walk_in_form_with_a_mistake_stays_open(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    make_event(in_db)
    tab = open_desk(qtbot, ops)
    tab.walk_in_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, WalkInDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))  # fmt: skip
    form = open_dialog(WalkInDialog)
    form.first_name.setText("Aibek")
    form.country.setEditText("Atlantis")
    form.save()
    wait_idle()
    assert form.isVisible()
    assert "Atlantis" in form.error_label.text()
    form.country.setCurrentIndex(form.country.findData("KG"))
    form.save()
    wait_idle()
    assert "Last name is required" in form.error_label.text()
    form.reject()
    assert journal(in_db) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.search)


def test_ctrl_p_opens_the_badge_of_the_person_shown(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", status=RegistrationStatus.CANCELLED)
    register(in_db, event_id, "Nino", "Beridze", country="GE")
    tab = open_desk(qtbot, ops)
    ctrl(qtbot, tab, Qt.Key.Key_P)  # nobody shown or chosen yet
    assert "Choose someone first" in tab.message.text()

    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.REFUSED)
    ctrl(qtbot, tab, Qt.Key.Key_Return)  # admitted anyway: not confirmed, still gets a badge
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    tab.table.clearSelection()
    ctrl(qtbot, tab, Qt.Key.Key_P)
    badge = open_dialog(OutputDialog)
    choices = badge.choices
    assert choices.output() == "badges"
    assert choices.badges.layout_id() == "a6"  # one badge per page
    selection = choices.badges.selection()
    assert selection.registration_ids == {ana.id}
    assert RegistrationStatus.CANCELLED in selection.statuses
    assert badge.print_button.isDefault()
    # A label layout chosen there is the desk's next time.
    choices.badges.layout_combo.setCurrentIndex(choices.badges.layout_combo.findData("herma-4412"))
    badge.reject()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.search)
    wait_idle()
    ctrl(qtbot, tab, Qt.Key.Key_P)
    again = open_dialog(OutputDialog)
    assert again.choices.badges.layout_id() == "herma-4412"
    again.reject()
    wait_idle()


def test_f2_edits_the_person_shown(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    tab.table.clearSelection()
    qtbot.keyClick(tab.search, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(isinstance(w, RegistrationEditor) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))  # fmt: skip
    editor = open_dialog(RegistrationEditor)
    assert editor.row is not None
    assert editor.row.id == ana.id
    editor.attention_note.setPlainText("Needs an invoice")
    editor.needs_attention.setChecked(True)
    editor.save()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.search)
    wait_idle()
    assert in_db(lambda s: registrations.get_registration(s, ana.id)).attention_note == (
        "Needs an invoice"
    )


def test_ctrl_i_checks_in_the_people_selected(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    nino = register(in_db, event_id, "Nino", "Beridze", country="GE")
    ivan = register(in_db, event_id, "Ivan", "Petrenko", status=RegistrationStatus.DECLINED)
    tab = open_desk(qtbot, ops)
    tab.table.selectAll()
    ctrl(qtbot, tab, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: tab.message.text().startswith("Checked in at Desk 1"))
    wait_idle()
    assert tab.message.text() == (
        "Checked in at Desk 1: Nino Beridze, Ana Popescu. "
        "Not admitted (not confirmed): Ivan Petrenko."
    )
    assert sorted(rid for rid, *_ in journal(in_db)) == sorted([ana.id, nino.id])
    assert ivan.id not in {rid for rid, *_ in journal(in_db)}


def test_the_counters_follow_the_other_desks(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO", category="Speaker")
    nino = register(in_db, event_id, "Nino", "Beridze", country="GE")
    register(in_db, event_id, "Ivan", "Petrenko", status=RegistrationStatus.CANCELLED)
    tab = open_desk(qtbot, ops)
    assert tab.counters.total_text() == "Checked in 0 / 2"  # expected: the confirmed
    assert tab.counters.timer.isActive()
    scan(qtbot, tab, ana.checkin_code)
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 1 / 2")
    assert "(50 %)" in tab.counters.total.text()

    in_db(lambda s: checkin.record(s, nino.id, CheckinKind.IN, desk="Desk 2"))
    tab.counters.timer.timeout.emit()  # the next tick (every few seconds)
    qtbot.waitUntil(lambda: tab.counters.total_text() == "Checked in 2 / 2")
    stats = tab.counters.stats
    assert stats is not None
    assert [(c.label, c.checked_in, c.expected) for c in stats.by_country] == [
        ("Georgia", 1, 1),
        ("Romania", 1, 1),
    ]
    assert "Georgia&nbsp;<b>1</b>/1 &#10003;" in tab.counters.breakdown.text()
    tab.hide()
    assert not tab.counters.timer.isActive()  # no counting for a tab nobody sees
    wait_idle()


def test_ctrl_i_checks_in_one_person_selected_in_check_out_mode_too(
    qtbot: QtBot, ops: OperationRunner, in_db: InDb, wait_idle: Callable[[], None]
) -> None:
    """Ctrl+I is "Check in" whatever the mode and however many people are selected."""
    event_id = make_event(in_db)
    ana = register(in_db, event_id, "Ana", "Popescu", country="RO")
    tab = open_desk(qtbot, ops)
    qtbot.keyClick(tab.search, Qt.Key.Key_F6)
    assert tab.checkout_action.isChecked()
    tab.table.selectRow(0)
    ctrl(qtbot, tab, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK)
    wait_idle()
    assert [(rid, kind) for rid, kind, *_ in journal(in_db)] == [(ana.id, CheckinKind.IN)]
