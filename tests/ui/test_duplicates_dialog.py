"""The possible-duplicates dialog: pairs listed side by side, kept apart, merged either way, a
refused merge explained, and the empty list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from budapest_desk.core import duplicates, events, registrations
from budapest_desk.core.people import PersonInput, upsert_person
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.models import Person, Registration
from budapest_desk.ui.ops import OperationRunner
from budapest_desk.ui.people.duplicates import EMPTY_TEXT, DuplicatesDialog

InDb = Callable[[Callable[[Any], Any]], Any]
OFFICE = "gy.kovacs@oif.gov.hu"
PRIVATE = "kovacs.gyongyver@freemail.hu"


def _event(in_db: InDb, title: str) -> int:
    data = events.EventInput(title=title, start_date=dt.date(2026, 5, 20))
    return int(in_db(lambda s: events.create_event(s, data).id))


def _register(in_db: InDb, event_id: int, person: PersonInput) -> int:
    return int(
        in_db(
            lambda s: registrations.create_registration(s, event_id, RegistrationInput(person)).id
        )
    )


def _kovacs(email: str, first: str = "Gyöngyvér", **fields: Any) -> PersonInput:
    return PersonInput(
        first, "Kovács", email=email, organisation="Országos Idegenrendészeti Főigazgatóság",
        **fields,
    )  # fmt: skip


def _person_id(in_db: InDb, email: str) -> int | None:
    return in_db(lambda s: s.scalar(select(Person.id).where(Person.email == email)))


def _dialog(qtbot: QtBot, ops: OperationRunner) -> DuplicatesDialog:
    dialog = DuplicatesDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def _click(qtbot: QtBot, button: Any, wait_idle: Callable[[], None]) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()


def test_a_pair_is_shown_side_by_side_and_kept_apart(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    event_id = _event(in_db, "Expert meeting on return")
    _register(in_db, event_id, _kovacs(OFFICE, country="HU"))
    # Case and accents do not make another person.
    in_db(lambda s: upsert_person(s, _kovacs(PRIVATE, first="GYONGYVER")))
    in_db(lambda s: upsert_person(s, PersonInput("Nino", "Beridze", email="n.b@mia.gov.ge")))

    dialog = _dialog(qtbot, ops)
    assert dialog.stack.currentWidget() is not dialog.empty_label
    assert dialog.model.rowCount() == 1
    assert [dialog.model.index(0, c).data() for c in range(4)] == [
        "Gyöngyvér Kovács",
        "Országos Idegenrendészeti Főigazgatóság",
        OFFICE,
        PRIVATE,
    ]
    left = [label.text() for label in dialog.left_values]
    right = [label.text() for label in dialog.right_values]
    assert left == [
        "Gyöngyvér Kovács", OFFICE, "Országos Idegenrendészeti Főigazgatóság", "Hungary", "1",
    ]  # fmt: skip
    assert right == [
        "GYONGYVER Kovács", PRIVATE, "Országos Idegenrendészeti Főigazgatóság", "", "0",
    ]  # fmt: skip

    _click(qtbot, dialog.keep_apart, wait_idle)
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert dialog.empty_label.text() == EMPTY_TEXT
    assert "Kept apart" in dialog.message.text()
    assert in_db(duplicates.possible_duplicates) == []
    assert _person_id(in_db, OFFICE) is not None
    assert _person_id(in_db, PRIVATE) is not None


def test_merging_moves_the_registrations(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    first_event = _event(in_db, "Expert meeting on return")
    second_event = _event(in_db, "Senior officials meeting")
    office_reg = _register(in_db, first_event, _kovacs(OFFICE))
    private_reg = _register(in_db, second_event, _kovacs(PRIVATE, phone="+36 30 123 4567"))
    office_id = _person_id(in_db, OFFICE)

    dialog = _dialog(qtbot, ops)
    assert dialog.model.rowCount() == 1
    _click(qtbot, dialog.merge_left, wait_idle)

    assert _person_id(in_db, PRIVATE) is None
    owners = in_db(lambda s: dict(s.execute(select(Registration.id, Registration.person_id)).all()))
    assert owners == {office_reg: office_id, private_reg: office_id}
    assert in_db(lambda s: s.get(Person, office_id).phone) == "+36 30 123 4567"
    assert dialog.message.text().startswith(f"Merged {PRIVATE} into")
    assert dialog.stack.currentWidget() is dialog.empty_label


def test_merging_into_the_right_keeps_the_right_record(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    office_reg = _register(in_db, _event(in_db, "Expert meeting on return"), _kovacs(OFFICE))
    in_db(lambda s: upsert_person(s, _kovacs(PRIVATE)))
    private_id = _person_id(in_db, PRIVATE)

    dialog = _dialog(qtbot, ops)
    _click(qtbot, dialog.merge_right, wait_idle)
    assert _person_id(in_db, OFFICE) is None
    assert in_db(lambda s: s.get(Registration, office_reg).person_id) == private_id


def test_a_refused_merge_says_why_and_changes_nothing(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], in_db: InDb
) -> None:
    event_id = _event(in_db, "Expert meeting on return")
    _register(in_db, event_id, _kovacs(OFFICE))
    _register(in_db, event_id, _kovacs(PRIVATE))

    dialog = _dialog(qtbot, ops)
    _click(qtbot, dialog.merge_left, wait_idle)
    assert "is registered twice for Expert meeting on return" in dialog.message.text()
    assert dialog.model.rowCount() == 1
    assert _person_id(in_db, PRIVATE) is not None
    assert dialog.merge_left.isEnabled()


def test_no_duplicates_says_so(qtbot: QtBot, ops: OperationRunner) -> None:
    dialog = _dialog(qtbot, ops)
    assert dialog.stack.currentWidget() is dialog.empty_label
    assert dialog.empty_label.text() == EMPTY_TEXT
    assert not dialog.keep_apart.isEnabled()
