"""The roster's operations for the runner, run on the worker thread: loading the ids that match
the filter with the counts beside them, and the actions that change registrations. No Qt here:
the rules are core's (core/roster.py, core/roster_edits.py), this module only calls them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from budapest_desk.core import lifecycle, registrations, roster, roster_edits
from budapest_desk.core.registrations import CategoryRow, RegistrationInput
from budapest_desk.core.roster import RosterCounts, RosterFilter, SortKey
from budapest_desk.core.roster_edits import Edit
from budapest_desk.db.enums import RegistrationStatus

Op = Callable[[Session], Edit]


@dataclass(frozen=True)
class RosterView:
    event_id: int
    ids: list[int]  # matching the filter, in the order asked for
    shown: RosterCounts  # counts of what matches the filter
    total: int  # every registration of the event
    seats: lifecycle.Seats
    countries: list[str]  # delegation countries present, for the filter
    categories: list[CategoryRow]


def load(
    event_id: int, flt: RosterFilter, sort: SortKey, descending: bool
) -> Callable[[Session], RosterView]:
    def op(session: Session) -> RosterView:
        ids = roster.roster_ids(session, event_id, flt, sort, descending)
        shown = roster.roster_counts(session, event_id, flt)
        total = shown.total if flt.is_empty else roster.roster_counts(session, event_id).total
        return RosterView(
            event_id, ids, shown, total, lifecycle.seats(session, event_id),
            roster.delegation_countries(session, event_id), registrations.list_categories(session),
        )  # fmt: skip

    return op


def set_status(ids: Sequence[int], status: RegistrationStatus) -> Op:
    ids = list(ids)
    return lambda s: roster_edits.change_status(s, ids, status)


def set_category(ids: Sequence[int], category_id: int | None) -> Op:
    ids = list(ids)
    return lambda s: roster_edits.change_category(s, ids, category_id)


def delete(ids: Sequence[int]) -> Op:
    ids = list(ids)
    return lambda s: roster_edits.delete(s, ids)


def promote(event_id: int) -> Op:
    return lambda s: roster_edits.promote(s, event_id)


def edit(registration_id: int, data: RegistrationInput) -> Op:
    return lambda s: roster_edits.edit(s, registration_id, data)


def undo(done: Edit) -> Callable[[Session], str]:
    return lambda s: roster_edits.undo(s, done)
