"""The Check-in tab on the venue server when the network goes away (a real TCP relay, cut and
restored): the desk says so at once and keeps checking people in on its copy; when the server
answers again, what was done uploads and the people admitted twice are named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from budapest_desk.core import desk as core_desk
from budapest_desk.core import events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.desk_link import copy_path
from budapest_desk.core.people import PersonInput
from budapest_desk.db.enums import CheckinKind, EventStatus, RegistrationStatus
from budapest_desk.db.models import CheckinEntry
from budapest_desk.ui import errors
from budapest_desk.ui.checkin.texts import Tone
from budapest_desk.ui.ops import OperationRunner
from tests.relay import Relay, relay, through
from tests.ui.test_checkin_desk import first_desk, open_desk, scan

pytestmark = pytest.mark.postgres

__all__ = ["first_desk", "relay"]  # fixtures


@pytest.fixture
def server(pg_url: str) -> Iterator[Database]:
    """The venue server, reached directly (another desk, and the test's own checks)."""
    db = Database.open(pg_url)
    yield db
    db.close()


@pytest.fixture
def desk_ops(relay: Relay, pg_url: str, server: Database) -> Iterator[OperationRunner]:
    """This desk's runner, on the server through the relay."""
    db = Database.open(through(relay, pg_url))
    errors_shown: list[str] = []
    runner = OperationRunner(
        db,
        show_user_error=lambda _parent, message: errors_shown.append(message),
        show_crash=errors.show_crash,
    )
    yield runner
    runner.shutdown()
    assert errors_shown == []  # the bar says it all: no message box while offline


def test_the_desk_works_on_without_the_server_and_uploads_when_it_returns(
    qtbot: QtBot, relay: Relay, server: Database, desk_ops: OperationRunner
) -> None:
    with server.transaction() as s:
        data = events.EventInput("SOM", dt.date.today(), status=EventStatus.REGISTRATION_OPEN)
        event = events.create_event(s, data).id
        people = [
            registrations.create_registration(
                s,
                event,
                registrations.RegistrationInput(
                    person=PersonInput(first_name=n, last_name="Kovács", email=f"{n}@example.org"),
                    status=RegistrationStatus.CONFIRMED,
                ),
            )
            for n in ("Anna", "Béla")
        ]
    anna, bela = people
    tab = open_desk(qtbot, desk_ops)
    assert desk_ops.db is not None
    qtbot.waitUntil(lambda: copy_path(desk_ops.db).exists() and desk_ops.idle, timeout=20_000)
    assert not tab.server_bar.isVisible()

    relay.cut()
    scan(qtbot, tab, anna.checkin_code)
    qtbot.waitUntil(lambda: tab.banner.tone is Tone.OK, timeout=20_000)
    assert "Anna Kovács" in tab.banner.text()
    qtbot.waitUntil(tab.server_bar.isVisible, timeout=20_000)
    assert "does not answer" in tab.server_bar.text()
    assert "1 action wait" in tab.server_bar.text()
    scan(qtbot, tab, bela.checkin_code)
    qtbot.waitUntil(lambda: "2 actions wait" in tab.server_bar.text(), timeout=20_000)
    assert "Béla Kovács" in tab.banner.text()
    assert tab.search.hasFocus()
    with server.transaction() as s:  # meanwhile, at the other desk
        core_desk.scan(s, event, anna.checkin_code, desk="Desk 2")

    tab.link.sync()  # still away: the desk keeps going, quietly
    qtbot.waitUntil(lambda: desk_ops.idle, timeout=20_000)
    assert tab.server_bar.isVisible()

    relay.restore()
    tab.link.sync()
    qtbot.waitUntil(lambda: not tab.server_bar.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: "Uploaded 2 actions" in tab.hint.text(), timeout=20_000)
    assert "Admitted twice while the server was away" in tab.hint.text()
    assert "Anna Kovács" in tab.hint.text()
    with server.transaction() as s:
        ins = s.scalar(
            select(func.count())
            .select_from(CheckinEntry)
            .where(CheckinEntry.kind == CheckinKind.IN)
        )
        assert ins == 3
