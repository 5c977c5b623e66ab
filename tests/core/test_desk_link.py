"""A desk on the venue server whose network goes away: it keeps working on its copy, and when
the server is back its queue uploads, deduplicated by nonce, with the conflicts listed.

The network is a real TCP relay between the desk and the PostgreSQL server, cut and restored
by the test; another desk reaches the server directly all along."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, codes, desk, events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.desk import Result
from budapest_desk.core.desk_link import DeskLink
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.db.enums import CheckinKind, RegistrationStatus
from budapest_desk.db.models import CheckinEntry
from tests.relay import Relay, relay, through

pytestmark = pytest.mark.postgres

__all__ = ["relay"]  # the fixture


def _register(s: object, event_id: int, first: str, last: str) -> registrations.RegistrationRow:
    person = PersonInput(first_name=first, last_name=last, email=f"{first}@example.org")
    data = registrations.RegistrationInput(person=person, status=RegistrationStatus.CONFIRMED)
    return registrations.create_registration(s, event_id, data)  # type: ignore[arg-type]


def test_a_desk_keeps_working_without_the_server_and_uploads_when_it_returns(
    pg_url: str, relay: Relay, tmp_path: Path
) -> None:
    other_desk = Database.open(pg_url)  # reaches the server directly all along
    with other_desk.transaction() as s:
        event = events.create_event(s, events.EventInput("SOM", dt.date(2027, 3, 1))).id
        anna, bela, csilla = (_register(s, event, n, "Kovács") for n in ("Anna", "Béla", "Csilla"))
    server = Database.open(through(relay, pg_url))
    link = DeskLink(server, tmp_path / "copy.db")
    try:
        assert link.sync(event) is None  # the first copy
        online = link.run(lambda s: desk.scan(s, event, bela.checkin_code, desk="Desk 1"))
        assert online.online
        assert online.value.result == Result.CHECKED_IN

        relay.cut()
        started = time.monotonic()
        offline = link.run(lambda s: desk.scan(s, event, anna.checkin_code, desk="Desk 1"))
        assert time.monotonic() - started < 10  # said at once, not after minutes
        assert not offline.online
        assert not link.online
        assert offline.value.result == Result.CHECKED_IN
        # The copy was taken before Béla came: the offline desk admits him a second time.
        again = link.run(lambda s: desk.scan(s, event, bela.checkin_code, desk="Desk 1"))
        assert again.value.result == Result.CHECKED_IN
        assert link.queued == 2
        with other_desk.transaction() as s:  # meanwhile, at the other desk
            assert desk.scan(s, event, anna.checkin_code, desk="Desk 2").result == Result.CHECKED_IN
            desk.scan(s, event, csilla.checkin_code, desk="Desk 2")
        with pytest.raises(UserError, match="still does not answer"):
            link.sync(event)
        assert not link.online

        relay.restore()
        summary = link.sync(event)
        assert summary is not None
        assert link.online
        assert link.queued == 0
        assert summary.added == 2
        conflicts = {c.name: c for c in summary.conflicts}
        assert set(conflicts) == {"Anna Kovács", "Béla Kovács"}
        assert conflicts["Béla Kovács"].first.desk == "Desk 1"
        assert summary.nonce_conflicts == []
        # Twice is the same as once: nothing is uploaded again.
        assert link.sync(event) is None

        with other_desk.transaction() as s:
            assert checkin.count_checked_in(s, event) == 3
            ins = s.scalar(
                select(func.count())
                .select_from(CheckinEntry)
                .where(CheckinEntry.kind == CheckinKind.IN)
            )
            assert ins == 5  # every admission kept; the earliest of each counts
        back = link.run(lambda s: desk.scan(s, event, csilla.checkin_code, desk="Desk 1"))
        assert back.online
        assert back.value.result == Result.ALREADY
        assert back.value.desk == "Desk 2"
    finally:
        link.close()
        server.close()
        other_desk.close()


def test_without_a_copy_the_desk_says_what_to_do(pg_url: str, relay: Relay, tmp_path: Path) -> None:
    server = Database.open(through(relay, pg_url))
    link = DeskLink(server, tmp_path / "copy.db")
    try:
        relay.cut()
        with pytest.raises(UserError, match="no copy of it yet"):
            link.run(lambda s: desk.scan(s, 1, codes.new_code(), desk="Desk 1"))
    finally:
        link.close()
        server.close()


def test_other_database_errors_are_the_usual_messages(pg_url: str, tmp_path: Path) -> None:
    """Only a lost server falls back to the copy; a refusal by the server (here two desks
    saving the same person at once, a unique clash) is the message any action would give."""
    server = Database.open(pg_url)
    link = DeskLink(server, tmp_path / "copy.db")

    def clash(s: Session) -> None:
        s.execute(text("CREATE TEMPORARY TABLE once (k int UNIQUE)"))
        s.execute(text("INSERT INTO once VALUES (1), (1)"))

    try:
        with pytest.raises(UserError, match="at the same moment"):
            link.run(clash)
        assert link.online
    finally:
        link.close()
        server.close()
