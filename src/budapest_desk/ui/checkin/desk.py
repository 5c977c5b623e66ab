"""The Check-in tab's operations for the runner, all run on the worker thread: loading the roster
or the matches of what is typed (ids and counts, never all rows), fetching pages of rows,
deleting, and the desk's journal operations (the journal is only ever appended to).

Each scan, check-in, check-out and undo is one operation, so one transaction: core.desk locks
the registration's row first, and two desks on one database are then served one after the
other.

No Qt here, directly or through another module (an import-linter contract in pyproject.toml
checks it); the check-in rules are core's (core/desk.py), this module only calls them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from budapest_desk.core import checkin, codes, desk_search, registrations, roster
from budapest_desk.core import desk as core_desk
from budapest_desk.core.checkin import DeskResult
from budapest_desk.core.desk import ScanResult
from budapest_desk.core.desk_stats import DeskStats, desk_stats
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput, RegistrationRow
from budapest_desk.core.roster import RosterFilter
from budapest_desk.db.enums import RegistrationSource, RegistrationStatus

DEFAULT_DESK = "Desk 1"

FetchRows = Callable[[Session, Sequence[int]], list[RegistrationRow]]
Op = Callable[[Session], ScanResult]


@dataclass(frozen=True)
class Roster:
    ids: list[int]
    total: int
    checked_in: int | None  # None for matches: counted for the whole roster only
    query: str = ""  # what was typed ("" for the whole roster)
    more: bool = False  # more matches than shown: type more


def load_roster(session: Session, event_id: int, query: str) -> Roster:
    """The event's registrations (all, in name order) with the count checked in, or the best
    matches of `query` (by the beginnings of words, whatever the case, accents, script or
    order). Matches come as you type: they skip the count of who is checked in (derived from
    the whole journal, 70 ms at 100,000), which the tab takes from its counters."""
    text = query.strip()
    total = registrations.count_registrations(session, event_id)
    if text:
        found = desk_search.search(session, event_id, text)
        return Roster(found.ids, total, None, text, found.more)
    ids = roster.roster_ids(session, event_id, RosterFilter())
    return Roster(ids, total, checkin.count_checked_in(session, event_id))


def fetch_pages(
    fetch: FetchRows, pages: Mapping[int, Sequence[int]]
) -> Callable[[Session], dict[int, list[RegistrationRow]]]:
    """Fetch the rows of these pages (page number -> the ids on it) with `fetch`."""
    pages = {page: list(ids) for page, ids in pages.items()}
    return lambda session: {page: fetch(session, ids) for page, ids in pages.items()}


def delete_all(session: Session, ids: Sequence[int]) -> None:
    for rid in ids:
        registrations.delete_registration(session, rid)


def is_code(typed: str) -> bool:
    """Whether what was typed is a check-in code (a scan) rather than a name."""
    return codes.is_valid(typed)


# ---- the desk's actions: one registration, one transaction each -----------------------------
def scan_op(event_id: int, typed: str, desk: str, *, force: bool = False) -> Op:
    return lambda s: core_desk.scan(s, event_id, typed, desk=desk, force=force)


def check_in_op(event_id: int, registration_id: int, desk: str, *, force: bool = False) -> Op:
    return lambda s: core_desk.check_in(s, event_id, registration_id, desk=desk, force=force)


def check_out_code_op(event_id: int, typed: str, desk: str) -> Op:
    return lambda s: core_desk.check_out(s, event_id, typed, desk=desk)


def check_out_op(event_id: int, registration_id: int, desk: str) -> Op:
    """Check out a registration chosen by name."""
    return lambda s: core_desk.check_out(s, event_id, registration_id=registration_id, desk=desk)


def undo_op(event_id: int, registration_id: int, desk: str) -> Callable[[Session], DeskResult]:
    """Take back the registration's latest check-in."""
    return lambda s: core_desk.undo(s, event_id, registration_id, desk=desk)


def undo_many_op(ids: Sequence[int], desk: str) -> Callable[[Session], list[DeskResult]]:
    """Take back the latest check-in of each of these registrations that has one."""
    ids = list(ids)
    return lambda session: checkin.undo_many(session, ids, desk=desk)


@dataclass(frozen=True)
class WalkIn:
    first_name: str
    last_name: str
    organisation: str
    country: str | None
    category_id: int | None


def walk_in_op(event_id: int, person: WalkIn, desk: str) -> Op:
    """Register someone at the door (confirmed, source: walk-in) and check them in, in one
    transaction: if either fails, nothing is written. At a full event the walk-in lands on the
    waiting list and is refused like anyone there (Ctrl+Enter admits them, as forced)."""
    data = RegistrationInput(
        person=PersonInput(
            first_name=person.first_name,
            last_name=person.last_name,
            email="",
            country=person.country,
            organisation=person.organisation,
        ),
        status=RegistrationStatus.CONFIRMED,
        category_id=person.category_id,
        delegation_country=person.country,
        source=RegistrationSource.WALK_IN,
    )

    def run(session: Session) -> ScanResult:
        row = registrations.create_registration(session, event_id, data)
        return core_desk.check_in(session, event_id, row.id, desk=desk)

    return run


def stats_op(event_id: int) -> Callable[[Session], DeskStats]:
    return lambda s: desk_stats(s, event_id)
