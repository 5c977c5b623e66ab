"""The check-in journal: appending scans and deriving each registration's state from it.

State is never stored: a registration is checked in when its latest in/out entry that has not
been undone is an "in"; the time and desk shown are those of the earliest such check-in by
device time (DESIGN.md, "Check-in journal").
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from budapest_desk.core.errors import UserError
from budapest_desk.core.records import get_or_raise
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry, Registration


@dataclass(frozen=True)
class CheckinState:
    registration_id: int
    checked_in: bool = False
    first_in_at: dt.datetime | None = None
    first_in_desk: str = ""
    entries: int = 0


def derive_state(registration_id: int, entries: Sequence[CheckinEntry]) -> CheckinState:
    undone = {e.undoes_nonce for e in entries if e.kind == CheckinKind.UNDO and e.undoes_nonce}
    live = sorted(
        (e for e in entries if e.kind != CheckinKind.UNDO and e.nonce not in undone),
        key=lambda e: (e.device_time, e.nonce),
    )
    if not live:
        return CheckinState(registration_id, entries=len(entries))
    ins = [e for e in live if e.kind == CheckinKind.IN]
    first = ins[0] if ins else None
    return CheckinState(
        registration_id,
        checked_in=live[-1].kind == CheckinKind.IN,
        first_in_at=first.device_time if first else None,
        first_in_desk=first.desk if first else "",
        entries=len(entries),
    )


def states(session: Session, registration_ids: Iterable[int]) -> dict[int, CheckinState]:
    """The derived state of each registration (one query for all of them)."""
    ids = list(registration_ids)
    by_reg: dict[int, list[CheckinEntry]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = select(CheckinEntry).where(CheckinEntry.registration_id.in_(chunk))
        for entry in session.scalars(stmt):
            by_reg[entry.registration_id].append(entry)
    return {rid: derive_state(rid, by_reg.get(rid, [])) for rid in ids}


def record(
    session: Session,
    registration_id: int,
    kind: CheckinKind,
    *,
    desk: str = "",
    device_time: dt.datetime | None = None,
    forced: bool = False,
    undoes_nonce: str | None = None,
) -> CheckinState:
    """Append one journal entry and return the registration's new state."""
    get_or_raise(session, Registration, registration_id, "registration")
    session.add(
        CheckinEntry(
            nonce=str(uuid.uuid4()),
            registration_id=registration_id,
            kind=kind,
            desk=desk[:80],
            device_time=device_time or utcnow(),
            recorded_at=utcnow(),
            forced=forced,
            undoes_nonce=undoes_nonce,
        )
    )
    session.flush()
    return states(session, [registration_id])[registration_id]


def count_checked_in(session: Session, event_id: int) -> int:
    """How many of an event's registrations are checked in, derived from the journal in SQL
    (the same rule as `derive_state`: the latest live in/out entry of each is an "in")."""
    undo = aliased(CheckinEntry)
    undone = exists().where(
        undo.registration_id == CheckinEntry.registration_id,
        undo.kind == CheckinKind.UNDO,
        undo.undoes_nonce == CheckinEntry.nonce,
    )
    latest_first = func.row_number().over(
        partition_by=CheckinEntry.registration_id,
        order_by=(CheckinEntry.device_time.desc(), CheckinEntry.nonce.desc()),
    )
    live = (
        select(CheckinEntry.kind, latest_first.label("position"))
        .join(Registration, Registration.id == CheckinEntry.registration_id)
        .where(
            Registration.event_id == event_id,
            CheckinEntry.kind != CheckinKind.UNDO,
            ~undone,
        )
        .subquery()
    )
    stmt = (
        select(func.count())
        .select_from(live)
        .where(live.c.position == 1, live.c.kind == CheckinKind.IN)
    )
    return int(session.scalar(stmt) or 0)


def last_checkin_nonce(session: Session, registration_id: int) -> str | None:
    """The nonce of the registration's latest check-in (by device time) not yet undone."""
    entries = list(
        session.scalars(select(CheckinEntry).where(CheckinEntry.registration_id == registration_id))
    )
    undone = {e.undoes_nonce for e in entries if e.kind == CheckinKind.UNDO and e.undoes_nonce}
    ins = [e for e in entries if e.kind == CheckinKind.IN and e.nonce not in undone]
    if not ins:
        return None
    return max(ins, key=lambda e: (e.device_time, e.nonce)).nonce


def undo_last_checkin(
    session: Session,
    registration_id: int,
    *,
    desk: str = "",
    device_time: dt.datetime | None = None,
) -> CheckinState:
    """Take back the registration's latest check-in: append an "undo" entry naming its nonce
    (nothing is deleted from the journal)."""
    get_or_raise(session, Registration, registration_id, "registration")
    nonce = last_checkin_nonce(session, registration_id)
    if nonce is None:
        raise UserError("This person has no check-in to undo.")
    return record(
        session,
        registration_id,
        CheckinKind.UNDO,
        desk=desk,
        device_time=device_time,
        undoes_nonce=nonce,
    )
