"""The tab's operations for the runner: loading the roster (ids and counts, never all rows),
deleting, and the desk's two journal operations, which return one line to show at the desk
(the journal is only ever appended to)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from budapest_desk.core import checkin, registrations
from budapest_desk.core.registrations import registration_rows
from budapest_desk.db.enums import CheckinKind
from budapest_desk.ui.checkin.model import checked_in_text

DEFAULT_DESK = "Desk 1"


@dataclass(frozen=True)
class Roster:
    ids: list[int]
    total: int
    checked_in: int


def load_roster(session: Session, event_id: int, query: str) -> Roster:
    """The ids of the event's registrations matching `query`, and the event's counts."""
    return Roster(
        ids=registrations.registration_ids(session, event_id, query),
        total=registrations.count_registrations(session, event_id),
        checked_in=checkin.count_checked_in(session, event_id),
    )


def delete_all(session: Session, ids: Sequence[int]) -> None:
    for rid in ids:
        registrations.delete_registration(session, rid)


def _names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    return {r.id: r.full_name for r in registration_rows(session, ids)}


def _summary(verb: str, names: list[str]) -> str:
    if len(names) <= 3:
        return f"{verb}: {', '.join(names)}"
    return f"{verb}: {', '.join(names[:2])} and {len(names) - 2} more"


def check_in_op(ids: Sequence[int], desk: str) -> Callable[[Session], str]:
    """Check these registrations in at `desk`; those already checked in are left alone."""
    ids = list(ids)

    def op(session: Session) -> str:
        rows = {r.id: r for r in registration_rows(session, ids)}
        done: list[str] = []
        already: list[str] = []
        for rid in ids:
            row = rows.get(rid)
            if row is None:
                continue
            if row.checked_in:
                already.append(f"{row.full_name} ({checked_in_text(row)})")
            else:
                checkin.record(session, rid, CheckinKind.IN, desk=desk)
                done.append(row.full_name)
        parts = []
        if done:
            parts.append(_summary(f"Checked in at {desk}", done))
        if already:
            parts.append(_summary("Already checked in", already))
        return ". ".join(parts) + "." if parts else ""

    return op


def undo_op(ids: Sequence[int], desk: str) -> Callable[[Session], str]:
    """Take back the latest check-in of each of these registrations that has one."""
    ids = list(ids)

    def op(session: Session) -> str:
        names = _names(session, ids)
        undone: list[str] = []
        for rid in ids:
            if rid in names and checkin.last_checkin_nonce(session, rid) is not None:
                checkin.undo_last_checkin(session, rid, desk=desk)
                undone.append(names[rid])
        if not undone:
            return "Nothing to undo: not checked in."
        return _summary("Check-in undone", undone) + "."

    return op
