"""Which registrations get a badge, and marking badges printed, on both backends."""

from __future__ import annotations

import datetime as dt

from budapest_desk.core import events, registrations
from budapest_desk.core.badges import BadgeSelection, badge_ids, iter_badges, mark_printed
from budapest_desk.core.database import Database
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import RegistrationStatus as S


def test_selection_order_and_marking(database: Database) -> None:
    with database.transaction() as s:
        event = events.create_event(
            s, events.EventInput(title="WG", start_date=dt.date(2027, 1, 5))
        )
        cats = {c.name: c.id for c in registrations.list_categories(s)}
        people = [
            ("Zsófia", "Szabó", S.CONFIRMED, "Delegate"),
            ("Олена", "Ковальчук", S.CONFIRMED, "Press"),
            ("Anna", "Álmos", S.CONFIRMED, "Delegate"),
            ("Petr", "Novák", S.PENDING, "Delegate"),
        ]
        ids = {}
        for i, (first, last, status, category) in enumerate(people):
            data = RegistrationInput(
                PersonInput(first, last, f"p{i}@example.org"),
                status=status,
                category_id=cats[category],
            )
            ids[last] = registrations.create_registration(s, event.id, data).id

    with database.transaction() as s:
        confirmed = badge_ids(s, event.id, BadgeSelection())
        # Name order across scripts: Álmos, Ковальчук (Kovalchuk), Szabó; the pending one left out.
        assert confirmed == [ids["Álmos"], ids["Ковальчук"], ids["Szabó"]]
        assert [r.last_name for r in iter_badges(s, confirmed)] == ["Álmos", "Ковальчук", "Szabó"]
        press = BadgeSelection(category_ids=frozenset({cats["Press"]}))
        assert badge_ids(s, event.id, press) == [ids["Ковальчук"]]
        chosen = BadgeSelection(registration_ids=frozenset({ids["Szabó"], ids["Novák"]}))
        assert badge_ids(s, event.id, chosen) == [ids["Szabó"]]
        both = BadgeSelection(statuses=frozenset({S.PENDING, S.CONFIRMED}))
        assert len(badge_ids(s, event.id, both)) == 4
        assert mark_printed(s, [ids["Álmos"], 999_999]) == 1  # an id that does not exist

    with database.transaction() as s:
        unprinted = badge_ids(s, event.id, BadgeSelection(only_unprinted=True))
        assert unprinted == [ids["Ковальчук"], ids["Szabó"]]
