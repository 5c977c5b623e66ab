"""The check-in journal: appending scans and deriving each registration's state from it.

State is never stored: a registration is checked in when its latest in/out entry that has not
been undone is an "in"; the time and desk shown are those of the earliest such check-in by
device time (DESIGN.md, "Check-in journal"). Undoing the latest check-in of a selection of
people (`undo_many`) applies these rules here, so that the UI and the CLI only call it; checking
in is core.desk's (`check_in`, `scan`), which locks the registration's row first and refuses
a registration that is not confirmed unless forced.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, cast

from sqlalchemy import Exists, Select, Table, bindparam, exists, func, select
from sqlalchemy.orm import Session, aliased

from budapest_desk.core.records import chunks, get_or_raise
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry, Person, Registration


@dataclass(frozen=True)
class CheckinState:
    registration_id: int
    checked_in: bool = False
    first_in_at: dt.datetime | None = None
    first_in_desk: str = ""
    entries: int = 0


class Outcome(enum.StrEnum):
    """What an undo did to one registration."""

    UNDONE = "undone"
    NOTHING_TO_UNDO = "nothing_to_undo"  # no check-in that is not already undone
    MISSING = "missing"  # no such registration (deleted meanwhile, at this or another desk)


@dataclass(frozen=True)
class DeskResult:
    """One registration after a desk action: who, what happened, and its state afterwards."""

    registration_id: int
    name: str  # the person's full name ("" when missing)
    outcome: Outcome
    state: CheckinState


class JournalRow(NamedTuple):
    """What the rules need of one journal entry (read as plain columns, without the ORM)."""

    registration_id: int
    kind: CheckinKind
    nonce: str
    undoes_nonce: str | None
    device_time: dt.datetime
    desk: str


JOURNAL = cast(Table, CheckinEntry.__table__)
# The columns of a JournalRow, in its order (statements that read entries join these).
RECORD_COLUMNS = (
    JOURNAL.c.registration_id,
    JOURNAL.c.kind,
    JOURNAL.c.nonce,
    JOURNAL.c.undoes_nonce,
    JOURNAL.c.device_time,
    JOURNAL.c.desk,
)
_RECORDS = select(*RECORD_COLUMNS).where(
    JOURNAL.c.registration_id.in_(bindparam("ids", expanding=True))
)


def _undone(entries: Iterable[JournalRow]) -> set[str]:
    return {e.undoes_nonce for e in entries if e.kind == CheckinKind.UNDO and e.undoes_nonce}


def _last_live_in(entries: Sequence[JournalRow]) -> JournalRow | None:
    """The latest check-in (by device time) not yet undone: what an undo takes back."""
    undone = _undone(entries)
    ins = [e for e in entries if e.kind == CheckinKind.IN and e.nonce not in undone]
    return max(ins, key=lambda e: (e.device_time, e.nonce)) if ins else None


def derive_state(registration_id: int, entries: Sequence[JournalRow]) -> CheckinState:
    undone = _undone(entries)
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


def _journal(session: Session, ids: Sequence[int]) -> dict[int, list[JournalRow]]:
    """The journal entries of these registrations, by registration."""
    session.flush()  # entries added through the ORM are read too, as autoflush would
    by_reg: dict[int, list[JournalRow]] = defaultdict(list)
    for chunk in chunks(ids):
        for row in session.execute(_RECORDS, {"ids": list(chunk)}):
            by_reg[row[0]].append(JournalRow(*row))
    return by_reg


def states(session: Session, registration_ids: Iterable[int]) -> dict[int, CheckinState]:
    """The derived state of each registration (one query per 500 of them)."""
    ids = list(registration_ids)
    by_reg = _journal(session, ids)
    return {rid: derive_state(rid, by_reg.get(rid, [])) for rid in ids}


def _append(
    session: Session,
    registration_id: int,
    kind: CheckinKind,
    *,
    desk: str,
    device_time: dt.datetime | None,
    forced: bool = False,
    undoes_nonce: str | None = None,
) -> None:
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
    _append(
        session,
        registration_id,
        kind,
        desk=desk,
        device_time=device_time,
        forced=forced,
        undoes_nonce=undoes_nonce,
    )
    session.flush()
    return states(session, [registration_id])[registration_id]


def undone() -> Exists:
    """In SQL, whether the journal entry CheckinEntry has been undone (an UNDO entry names its
    nonce): the rule `_undone` applies in Python, for queries that derive state in SQL."""
    undo = aliased(CheckinEntry)
    return exists().where(
        undo.registration_id == CheckinEntry.registration_id,
        undo.kind == CheckinKind.UNDO,
        undo.undoes_nonce == CheckinEntry.nonce,
    )


def checked_in_ids(event_id: int) -> Select[tuple[int]]:
    """In SQL, the ids of the event's registrations that are checked in, derived from the
    journal (the same rule as `derive_state`: the latest live in/out entry of each is an "in")."""
    latest_first = func.row_number().over(
        partition_by=CheckinEntry.registration_id,
        order_by=(CheckinEntry.device_time.desc(), CheckinEntry.nonce.desc()),
    )
    live = (
        select(CheckinEntry.registration_id, CheckinEntry.kind, latest_first.label("position"))
        .join(Registration, Registration.id == CheckinEntry.registration_id)
        .where(
            Registration.event_id == event_id,
            CheckinEntry.kind != CheckinKind.UNDO,
            ~undone(),
        )
        .subquery()
    )
    return select(live.c.registration_id).where(live.c.position == 1, live.c.kind == CheckinKind.IN)


def count_checked_in(session: Session, event_id: int) -> int:
    """How many of an event's registrations are checked in, derived from the journal in SQL."""
    stmt = select(func.count()).select_from(checked_in_ids(event_id).subquery())
    return int(session.scalar(stmt) or 0)


def _names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The full names of the registrations that exist among `ids`."""
    names: dict[int, str] = {}
    for chunk in chunks(ids):
        stmt = (
            select(Registration.id, Person.first_name, Person.last_name)
            .join(Person, Person.id == Registration.person_id)
            .where(Registration.id.in_(chunk))
        )
        for rid, first, last in session.execute(stmt):
            names[rid] = f"{first} {last}".strip()
    return names


def _results(
    session: Session, ids: Sequence[int], names: dict[int, str], outcomes: dict[int, Outcome]
) -> list[DeskResult]:
    session.flush()
    after = states(session, names)
    return [
        DeskResult(rid, names[rid], outcomes[rid], after[rid])
        if rid in names
        else DeskResult(rid, "", Outcome.MISSING, CheckinState(rid))
        for rid in ids
    ]


def undo_many(
    session: Session,
    registration_ids: Iterable[int],
    *,
    desk: str,
    device_time: dt.datetime | None = None,
) -> list[DeskResult]:
    """Take back the latest check-in not yet undone of each of these registrations, appending an
    "undo" entry naming it; those with none are reported as having nothing to undo."""
    ids = list(dict.fromkeys(registration_ids))
    names = _names(session, ids)
    journal = _journal(session, list(names))
    when = device_time or utcnow()
    outcomes: dict[int, Outcome] = {}
    for rid in names:
        last = _last_live_in(journal.get(rid, []))
        if last is None:
            outcomes[rid] = Outcome.NOTHING_TO_UNDO
        else:
            _append(
                session, rid, CheckinKind.UNDO, desk=desk, device_time=when, undoes_nonce=last.nonce
            )
            outcomes[rid] = Outcome.UNDONE
    return _results(session, ids, names, outcomes)
