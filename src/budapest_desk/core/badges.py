"""Which registrations get a badge, and remembering that their badge was printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from budapest_desk.core.registrations import RegistrationRow, registration_rows
from budapest_desk.core.roster import RosterFilter, roster_ids
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Registration

CHUNK = 500


@dataclass(frozen=True)
class BadgeSelection:
    """Every part that is set must match. By default: every confirmed registration."""

    statuses: frozenset[RegistrationStatus] = field(
        default_factory=lambda: frozenset({RegistrationStatus.CONFIRMED})
    )
    category_ids: frozenset[int] = frozenset()  # core.roster.NO_CATEGORY for none
    registration_ids: frozenset[int] = frozenset()  # the roster's selection; empty = all
    only_unprinted: bool = False


def badge_ids(session: Session, event_id: int, selection: BadgeSelection) -> list[int]:
    """The registrations to print, in name order (family name, then first name)."""
    ids = roster_ids(
        session,
        event_id,
        RosterFilter(statuses=selection.statuses, category_ids=selection.category_ids),
    )
    if selection.registration_ids:
        ids = [i for i in ids if i in selection.registration_ids]
    if selection.only_unprinted:
        printed = set(
            session.scalars(
                select(Registration.id).where(
                    Registration.event_id == event_id, Registration.badge_printed_at.is_not(None)
                )
            )
        )
        ids = [i for i in ids if i not in printed]
    return ids


def iter_badges(session: Session, ids: Sequence[int]) -> Iterator[RegistrationRow]:
    """The rows of `ids` in that order, a chunk at a time (any number of badges)."""
    for start in range(0, len(ids), CHUNK):
        yield from registration_rows(session, ids[start : start + CHUNK])


def mark_printed(session: Session, ids: Sequence[int], at: dt.datetime | None = None) -> int:
    """Record that the badges of `ids` were printed (now, unless `at`); returns how many
    registrations were marked (ids that no longer exist are not counted)."""
    when = at or utcnow()
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        result = session.execute(
            update(Registration).where(Registration.id.in_(chunk)).values(badge_printed_at=when)
        )
        done += result.rowcount  # type: ignore[attr-defined]  # a CursorResult for an UPDATE
    return done
