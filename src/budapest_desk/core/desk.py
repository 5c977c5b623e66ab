"""The check-in desk: a scanned code or a chosen person, answered at once with what to do.

A scan locks the registration's row before it reads the journal, so that two desks scanning
the same person at the same moment on one database are served one after the other: the first
appends the check-in, the second finds it and is told "already checked in at desk A at 09:14".
The lock is an UPDATE that changes nothing, the first statement of the scan's transaction:
PostgreSQL then holds a row lock until commit, and SQLite the database's write lock (a write
as the first statement of a transaction waits for the lock with the busy timeout; a read first
would leave the transaction unable to write once another desk has). Callers therefore run each
scan in a transaction of its own, as the CLI and the Check-in tab do.

The lock must be a statement of its own, before the read: on PostgreSQL a SELECT ... FOR
UPDATE that also read the journal would wait for the other desk's lock and then still see the
journal as it was when the statement began, without that desk's check-in.

What the journal gets is core.checkin's: one entry per check-in, check-out and undo, with a
nonce made where the scan happened (given by the caller when it queues scans offline).

A scan is four statements built once, here, and run without the ORM (the lock, the row with
its journal entries, the new entry; then the commit): through ORM entities the same scan took
five times as long, the time of a queue."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, codes
from budapest_desk.core.registrations import REGISTRATIONS, ROWS, RegistrationRow, rows_from
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind, RegistrationStatus
from budapest_desk.db.models import Event
from budapest_desk.db.prepared import Prepared


class Result(enum.StrEnum):
    """What a scan did (the values are the CLI's JSON "result")."""

    CHECKED_IN = "checked_in"
    ALREADY = "already"  # checked in before: not admitted twice
    REFUSED = "refused"  # not confirmed (cancelled, declined...): admit only with force
    UNKNOWN = "unknown"  # no such code at this event
    CHECKED_OUT = "checked_out"
    NOT_IN = "not_in"  # a check-out of someone who is not checked in


STATUS_REASONS = {
    RegistrationStatus.CANCELLED: "the registration was cancelled",
    RegistrationStatus.DECLINED: "the invitation was declined",
    RegistrationStatus.WAITLISTED: "the person is on the waiting list",
    RegistrationStatus.PENDING: "the registration is not confirmed yet (pending)",
    RegistrationStatus.INVITED: "the person was invited but has not registered",
}


@dataclass(frozen=True)
class ScanResult:
    code: str  # as stored (canonical), or as typed when it is not a code at all
    result: Result
    message: str  # one line for the person at the desk
    registration: RegistrationRow | None = None
    desk: str = ""  # ALREADY: where the check-in that counts was made
    at: dt.datetime | None = None  # ALREADY: its device time; CHECKED_IN: now
    forced: bool = False
    nonce: str = ""  # the journal entry appended ("" when none was)

    @property
    def name(self) -> str:
        return self.registration.full_name if self.registration else ""

    @property
    def attention(self) -> str:
        """The needs-attention note, to be shown loudly ("" when there is none)."""
        reg = self.registration
        if reg is None or not reg.needs_attention:
            return ""
        return reg.attention_note or "Needs attention (no note given)."

    def as_json(self) -> dict[str, object]:
        reg = self.registration
        return {
            "code": self.code,
            "name": self.name,
            "result": self.result.value,
            "message": self.message,
            "registration_id": reg.id if reg else None,
            "status": reg.status.value if reg else None,
            "category": reg.category if reg else None,
            "desk": self.desk or None,
            "at": self.at.isoformat() if self.at else None,
            "forced": self.forced,
            "attention": self.attention or None,
            "nonce": self.nonce or None,
        }


def _lock_statement(column: str) -> Any:
    """UPDATE registrations SET updated_at = updated_at WHERE <column> = :key RETURNING id."""
    return (
        update(REGISTRATIONS)
        .where(REGISTRATIONS.c[column] == bindparam("key"))
        .values(updated_at=REGISTRATIONS.c.updated_at)  # changes nothing, not even the stamp
        .returning(REGISTRATIONS.c.id)
    )


_LOCK_BY_CODE = Prepared(_lock_statement("checkin_code"))
_LOCK_BY_ID = Prepared(_lock_statement("id"))
_ROW = Prepared(ROWS.where(REGISTRATIONS.c.id == bindparam("rid")))
_ENTRY_COLUMNS = (*checkin.JournalRow._fields, "forced", "recorded_at")  # the stamps: defaults
_APPEND = Prepared(
    insert(checkin.JOURNAL).values(
        {name: bindparam(name, type_=checkin.JOURNAL.c[name].type) for name in _ENTRY_COLUMNS}
    )
)


def _lock(session: Session, *, code: str | None = None, registration_id: int | None = None) -> int:
    """Lock one registration's row (see the module's docstring); its id, or 0 if none."""
    session.flush()  # a registration just added through the ORM (a walk-in) is there to lock
    if code is not None:
        found = _LOCK_BY_CODE.rows(session, {"key": code})
    else:
        found = _LOCK_BY_ID.rows(session, {"key": registration_id})
    return int(found[0][0]) if found else 0


def _local(session: Session, event_id: int, moment: dt.datetime) -> dt.datetime:
    """A time as the venue's clocks show it (the event's time zone)."""
    event = session.get(Event, event_id)
    try:
        return moment.astimezone(ZoneInfo(event.time_zone)) if event else moment
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def _unknown(session: Session, event_id: int, code: str, found: RegistrationRow | None) -> str:
    """Why a code ("" when a person was chosen by id) is nobody's at this event."""
    if found is not None:
        other = session.get(Event, found.event_id)
        title = other.title if other else "another event"
        if not code:
            return f"{found.full_name} is registered for {title}, not this event."
        return f"{codes.display(code)} is {found.full_name}'s code for {title}, not this event."
    if not code:
        return "This registration no longer exists (deleted meanwhile, perhaps at another desk)."
    return f"No registration for this event has the code {codes.display(code)}."


def scan(
    session: Session,
    event_id: int,
    typed: str,
    *,
    desk: str,
    force: bool = False,
    device_time: dt.datetime | None = None,
    nonce: str | None = None,
) -> ScanResult:
    """Check in the registration whose check-in code was scanned or typed."""
    found = _locked(session, event_id, typed=typed)
    if isinstance(found, ScanResult):
        return found
    return _admit(session, found, desk=desk, force=force, device_time=device_time, nonce=nonce)


def check_in(
    session: Session,
    event_id: int,
    registration_id: int,
    *,
    desk: str,
    force: bool = False,
    device_time: dt.datetime | None = None,
    nonce: str | None = None,
) -> ScanResult:
    """Check in a registration chosen by name: the same rules as a scan."""
    found = _locked(session, event_id, registration_id=registration_id)
    if isinstance(found, ScanResult):
        return found
    return _admit(session, found, desk=desk, force=force, device_time=device_time, nonce=nonce)


def _locked(
    session: Session,
    event_id: int,
    *,
    typed: str | None = None,
    registration_id: int | None = None,
) -> RegistrationRow | ScanResult:
    """The registration of a typed code or an id, locked (see the module's docstring), when
    it is one of this event's; else the UNKNOWN answer saying why."""
    code = ""
    if typed is not None:
        code = codes.canonical(typed)
        if not codes.is_valid(code):
            shown = typed.strip()[:40]
            return ScanResult(shown, Result.UNKNOWN, f"{shown!r} is not a check-in code.")
        rid = _lock(session, code=code)
    else:
        rid = _lock(session, registration_id=registration_id)
    rows = rows_from(_ROW.rows(session, {"rid": rid})) if rid else []
    reg = rows[0] if rows else None
    if reg is None or reg.event_id != event_id:
        return ScanResult(code, Result.UNKNOWN, _unknown(session, event_id, code, reg))
    return reg


def _admit(
    session: Session,
    reg: RegistrationRow,
    *,
    desk: str,
    force: bool,
    device_time: dt.datetime | None,
    nonce: str | None,
) -> ScanResult:
    code = reg.checkin_code
    if reg.checked_in:
        at = reg.checked_in_at
        where = f" at {reg.checked_in_desk}" if reg.checked_in_desk else ""
        when = f" at {_local(session, reg.event_id, at):%H:%M}" if at else ""
        return ScanResult(
            code,
            Result.ALREADY,
            f"{reg.full_name} is already checked in{where}{when}.",
            reg,
            desk=reg.checked_in_desk,
            at=at,
        )
    refused = reg.status != RegistrationStatus.CONFIRMED
    if refused and not force:
        reason = STATUS_REASONS[reg.status]
        return ScanResult(code, Result.REFUSED, f"{reg.full_name}: not admitted, {reason}.", reg)
    entry = _append(session, reg.id, CheckinKind.IN, desk, device_time, nonce, forced=refused)
    after = _after_in(reg, entry)
    note = " (admitted although not confirmed)" if refused else ""
    return ScanResult(
        code,
        Result.CHECKED_IN,
        f"{reg.full_name} checked in{note}.",
        after,
        desk=desk,
        at=entry.device_time,
        forced=refused,
        nonce=entry.nonce,
    )


def check_out(
    session: Session,
    event_id: int,
    typed: str | None = None,
    *,
    registration_id: int | None = None,
    desk: str,
    device_time: dt.datetime | None = None,
    nonce: str | None = None,
) -> ScanResult:
    """Record that the person of a typed code, or a registration chosen by id, left (a
    check-out entry), if they are checked in."""
    reg = _locked(session, event_id, typed=typed, registration_id=registration_id)
    if isinstance(reg, ScanResult):
        return reg
    if not reg.checked_in:
        return ScanResult(
            reg.checkin_code, Result.NOT_IN, f"{reg.full_name} is not checked in.", reg
        )
    entry = _append(session, reg.id, CheckinKind.OUT, desk, device_time, nonce)
    return ScanResult(
        reg.checkin_code,
        Result.CHECKED_OUT,
        f"{reg.full_name} checked out.",
        dataclasses.replace(reg, checked_in=False),
        desk=desk,
        at=entry.device_time,
        nonce=entry.nonce,
    )


def _after_in(reg: RegistrationRow, entry: checkin.JournalRow) -> RegistrationRow:
    """The row once `entry` is in the journal, without reading it back: the check-in shown is
    the earliest by device time (core.checkin.derive_state)."""
    earlier = reg.checked_in_at is not None and reg.checked_in_at <= entry.device_time
    return dataclasses.replace(
        reg,
        checked_in=True,
        checked_in_at=reg.checked_in_at if earlier else entry.device_time,
        checked_in_desk=reg.checked_in_desk if earlier else entry.desk,
    )


def _append(
    session: Session,
    rid: int,
    kind: CheckinKind,
    desk: str,
    device_time: dt.datetime | None,
    nonce: str | None,
    *,
    forced: bool = False,
) -> checkin.JournalRow:
    entry = checkin.JournalRow(
        rid, kind, nonce or str(uuid.uuid4()), None, device_time or utcnow(), desk.strip()[:80]
    )
    _APPEND.execute(session, {**entry._asdict(), "recorded_at": utcnow(), "forced": forced})
    return entry


def undo(
    session: Session,
    event_id: int,
    registration_id: int | None = None,
    *,
    desk: str,
    typed: str | None = None,
) -> checkin.DeskResult:
    """Take back the latest check-in of a registration, by id or by a typed code (an undo entry
    naming it). An unknown code or another event's registration is reported MISSING."""
    reg = _locked(session, event_id, typed=typed, registration_id=registration_id)
    if isinstance(reg, ScanResult):
        rid = registration_id or 0
        return checkin.DeskResult(rid, "", checkin.Outcome.MISSING, checkin.CheckinState(rid))
    return checkin.undo_many(session, [reg.id], desk=desk)[0]
