from __future__ import annotations

import datetime as dt

from budapest_desk.core import events
from budapest_desk.core.database import Database


def test_create_and_list_event(database: Database) -> None:
    with database.transaction() as s:
        events.create_event(
            s, events.EventInput(title="Expert meeting", start_date=dt.date(2026, 3, 3))
        )
    with database.transaction() as s:
        rows = events.list_events(s)
    assert [r.title for r in rows] == ["Expert meeting"]
