"""The Check-in tab's operations for the runner, all run on the worker thread: loading the roster
(ids and counts, never all rows), fetching pages of rows, deleting, and the desk's two journal
operations (the journal is only ever appended to).

No Qt here, directly or through another module (an import-linter contract in pyproject.toml
checks it); the check-in rules are core's (core/checkin.py), this module only calls them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from budapest_desk.core import checkin, registrations, roster
from budapest_desk.core.checkin import DeskResult
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterFilter

DEFAULT_DESK = "Desk 1"

FetchRows = Callable[[Session, Sequence[int]], list[RegistrationRow]]


@dataclass(frozen=True)
class Roster:
    ids: list[int]
    total: int
    checked_in: int


def load_roster(session: Session, event_id: int, query: str) -> Roster:
    """The ids of the event's registrations matching `query`, and the event's counts."""
    return Roster(
        ids=roster.roster_ids(session, event_id, RosterFilter(text=query)),
        total=registrations.count_registrations(session, event_id),
        checked_in=checkin.count_checked_in(session, event_id),
    )


def fetch_pages(
    fetch: FetchRows, pages: Mapping[int, Sequence[int]]
) -> Callable[[Session], dict[int, list[RegistrationRow]]]:
    """Fetch the rows of these pages (page number -> the ids on it) with `fetch`."""
    pages = {page: list(ids) for page, ids in pages.items()}
    return lambda session: {page: fetch(session, ids) for page, ids in pages.items()}


def delete_all(session: Session, ids: Sequence[int]) -> None:
    for rid in ids:
        registrations.delete_registration(session, rid)


def check_in_op(ids: Sequence[int], desk: str) -> Callable[[Session], list[DeskResult]]:
    """Check these registrations in at `desk` (those already in are left alone)."""
    ids = list(ids)
    return lambda session: checkin.check_in_many(session, ids, desk=desk)


def undo_op(ids: Sequence[int], desk: str) -> Callable[[Session], list[DeskResult]]:
    """Take back the latest check-in of each of these registrations that has one."""
    ids = list(ids)
    return lambda session: checkin.undo_many(session, ids, desk=desk)
