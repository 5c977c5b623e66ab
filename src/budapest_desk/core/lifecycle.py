"""The life of a registration: which status may follow which, seats and the waiting list.

Capacity counts confirmed registrations. A confirmation that finds the event full goes to the
waiting list instead; when a seat frees, the first in line (the longest waiting) is promoted,
by one click or, if the event is set so, automatically. Attended and no-show are not statuses:
they come from the check-in journal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core.errors import UserError
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.db.models import Event, Registration

LABELS = {
    S.INVITED: "Invited",
    S.PENDING: "Pending",
    S.CONFIRMED: "Confirmed",
    S.WAITLISTED: "Waiting list",
    S.DECLINED: "Declined",
    S.CANCELLED: "Cancelled",
}

# Which status may follow which. Anything not listed is refused with a message saying why and
# what to do instead. Confirming goes through the seat check (and may land on the waiting list).
ALLOWED: dict[S, frozenset[S]] = {
    S.INVITED: frozenset({S.PENDING, S.CONFIRMED, S.WAITLISTED, S.DECLINED, S.CANCELLED}),
    S.PENDING: frozenset({S.INVITED, S.CONFIRMED, S.WAITLISTED, S.DECLINED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.WAITLISTED, S.DECLINED, S.CANCELLED}),
    S.WAITLISTED: frozenset({S.PENDING, S.CONFIRMED, S.DECLINED, S.CANCELLED}),
    S.DECLINED: frozenset({S.INVITED, S.PENDING, S.CONFIRMED}),
    S.CANCELLED: frozenset({S.PENDING, S.CONFIRMED}),
}

_WHY = {
    S.CONFIRMED: "a confirmed place can only be moved to the waiting list, declined or cancelled",
    S.DECLINED: "someone who declined can be invited again, set to pending or confirmed",
    S.CANCELLED: "a cancelled registration can only be reinstated as pending or confirmed",
}


def transition_problem(old: S, new: S) -> str | None:
    """Why `old` may not become `new`, or None when it may."""
    if old == new or new in ALLOWED[old]:
        return None
    why = _WHY.get(old, f"{LABELS[old].lower()} cannot become {LABELS[new].lower()}")
    return f"{LABELS[old]} cannot be changed to {LABELS[new]}: {why}."


def check_transition(old: S, new: S, who: str = "") -> None:
    problem = transition_problem(old, new)
    if problem:
        raise UserError(f"{who}: {problem}" if who else problem, field="status")


@dataclass(frozen=True)
class Seats:
    capacity: int | None  # None = no limit
    confirmed: int
    waiting: int

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.free == 0


def seats(session: Session, event_id: int, *, lock: bool = False) -> Seats:
    """The event's seats. With `lock`, for work that takes a seat: the event's row is locked
    until the transaction ends, so that two laptops on one PostgreSQL server cannot both take
    the last seat (SQLite lets one writer through at a time anyway)."""
    query = select(Event.capacity).where(Event.id == event_id)
    capacity = session.scalar(query.with_for_update() if lock else query)
    rows = session.execute(
        select(Registration.status, func.count())
        .where(
            Registration.event_id == event_id,
            Registration.status.in_([S.CONFIRMED, S.WAITLISTED]),
        )
        .group_by(Registration.status)
    )
    counts: dict[S, int] = dict(rows.all())
    return Seats(capacity, counts.get(S.CONFIRMED, 0), counts.get(S.WAITLISTED, 0))


def admitted_status(session: Session, event_id: int, wanted: S) -> S:
    """The status a registration asking for `wanted` gets: a confirmation becomes a place on
    the waiting list when every seat is taken."""
    if wanted == S.CONFIRMED and seats(session, event_id, lock=True).full:
        return S.WAITLISTED
    return wanted


def set_status(reg: Registration, status: S) -> None:
    if reg.status != status:
        reg.status = status
        reg.status_changed_at = utcnow()


def waiting_list(session: Session, event_id: int) -> list[Registration]:
    """The waiting list, first in line first (longest on the list, then earliest registered)."""
    stmt = (
        select(Registration)
        .where(Registration.event_id == event_id, Registration.status == S.WAITLISTED)
        .order_by(Registration.status_changed_at, Registration.id)
    )
    return list(session.scalars(stmt))


def promotable(
    session: Session,
    event_id: int,
    count: int | None = None,
    *,
    lock: bool = False,
    passed_over: Collection[int] = (),
) -> list[Registration]:
    """Who would be promoted now: the first in line, as many as there are free seats (`count`
    of them when the event has no limit, else one), or `count` if fewer. Those `passed_over`
    (just put on the list by the same action) are not promoted straight back."""
    free = seats(session, event_id, lock=lock).free
    n = (count or 1) if free is None else free
    if count is not None:
        n = min(n, count)
    line = [r for r in waiting_list(session, event_id) if r.id not in passed_over]
    return line[:n] if n > 0 else []


def promote(
    session: Session, event_id: int, count: int | None = None, passed_over: Collection[int] = ()
) -> Sequence[Registration]:
    """Confirm the first in line for every free seat; returns who was promoted."""
    lucky = promotable(session, event_id, count, lock=True, passed_over=passed_over)
    for reg in lucky:
        set_status(reg, S.CONFIRMED)
    session.flush()
    return lucky


def auto_promote(
    session: Session, event_id: int, passed_over: Collection[int] = ()
) -> Sequence[Registration]:
    """Promote into freed seats if the event is set to; nobody otherwise. A person the same
    action moved to the waiting list (`passed_over`) stays there."""
    event = session.get(Event, event_id)
    if event is None or not event.auto_promote or event.capacity is None:
        return []
    return promote(session, event_id, passed_over=passed_over)
