"""Roster actions on one or many registrations, each returning what it changed and how to take
it back: edits, status and category changes, promotion from the waiting list, deletion.

Every action returns an `Edit` holding snapshots of the registrations as they were before;
`undo(session, edit)` puts them back exactly (a deleted registration comes back with its
check-in code and its check-in journal). Undo never removes check-ins made since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import lifecycle
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput, as_input, update_person, upsert_person
from budapest_desk.core.records import get_or_raise
from budapest_desk.core.registrations import RegistrationInput, update_registration
from budapest_desk.db.enums import CheckinKind, RegistrationSource, RegistrationStatus
from budapest_desk.db.models import Category, CheckinEntry, Event, Person, Registration


@dataclass(frozen=True)
class JournalEntry:
    nonce: str
    kind: CheckinKind
    undoes_nonce: str | None
    desk: str
    device_time: dt.datetime
    recorded_at: dt.datetime
    forced: bool


@dataclass(frozen=True)
class Snapshot:
    """A registration, its person and its journal as they were."""

    id: int
    event_id: int
    person_id: int
    person: PersonInput
    status: RegistrationStatus
    status_changed_at: dt.datetime | None
    category_id: int | None
    delegation_country: str | None
    delegation_organisation: str
    needs_attention: bool
    attention_note: str
    list_consent: bool
    checkin_code: str
    badge_printed_at: dt.datetime | None
    source: RegistrationSource
    journal: tuple[JournalEntry, ...] = ()
    # Only an edit puts the person's fields back: they are shared by every event, and may
    # have been corrected elsewhere since a status or category change.
    person_edited: bool = False
    deleted: bool = False  # taken by a deletion: undo brings the registration back


@dataclass(frozen=True)
class Edit:
    """What an action did: a message for the status bar, the registrations it left alone (with
    the reason), and the snapshots that undo it."""

    message: str
    before: tuple[Snapshot, ...] = ()
    refused: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> int:
        return len(self.before)


def snapshot(reg: Registration, with_journal: bool = False) -> Snapshot:
    journal = tuple(
        JournalEntry(
            e.nonce, e.kind, e.undoes_nonce, e.desk, e.device_time, e.recorded_at, e.forced
        )
        for e in (reg.checkins if with_journal else ())
    )
    return Snapshot(
        id=reg.id, event_id=reg.event_id, person_id=reg.person_id, person=as_input(reg.person),
        status=reg.status, status_changed_at=reg.status_changed_at, category_id=reg.category_id,
        delegation_country=reg.delegation_country,
        delegation_organisation=reg.delegation_organisation, needs_attention=reg.needs_attention,
        attention_note=reg.attention_note, list_consent=reg.list_consent,
        checkin_code=reg.checkin_code, badge_printed_at=reg.badge_printed_at, source=reg.source,
        journal=journal,
    )  # fmt: skip


def _load(session: Session, ids: Sequence[int]) -> list[Registration]:
    found = {r.id: r for r in session.scalars(select(Registration).where(Registration.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _name(reg: Registration) -> str:
    return f"{reg.person.first_name} {reg.person.last_name}"


def edit(session: Session, registration_id: int, data: RegistrationInput) -> Edit:
    reg = get_or_raise(session, Registration, registration_id, "registration")
    before = dataclasses.replace(snapshot(reg), person_edited=True)
    event_id = reg.event_id
    waiting = {r.id: snapshot(r) for r in lifecycle.waiting_list(session, event_id)}
    row = update_registration(session, registration_id, data)
    promoted = _promoted(session, event_id, waiting)
    note = " (the event is full: put on the waiting list)" if (
        data.status == RegistrationStatus.CONFIRMED and row.status == RegistrationStatus.WAITLISTED
    ) else ""  # fmt: skip
    return Edit(f"Saved {row.full_name}{note}.{_promoted_note(promoted)}", (before, *promoted))


def _promoted(session: Session, event_id: int, waiting: dict[int, Snapshot]) -> list[Snapshot]:
    """Snapshots of those who were waiting before and are confirmed now."""
    if not waiting:
        return []
    now = session.scalars(
        select(Registration.id).where(
            Registration.id.in_(list(waiting)), Registration.status == RegistrationStatus.CONFIRMED
        )
    )
    return [waiting[i] for i in now]


def _promoted_note(promoted: Sequence[Snapshot]) -> str:
    if not promoted:
        return ""
    names = ", ".join(f"{s.person.first_name} {s.person.last_name}" for s in promoted[:3])
    more = f" and {len(promoted) - 3} more" if len(promoted) > 3 else ""
    return f" Promoted from the waiting list: {names}{more}."


def change_status(session: Session, ids: Sequence[int], status: RegistrationStatus) -> Edit:
    """Set the status of many registrations. Forbidden changes are left alone and reported;
    confirmations beyond the free seats go to the waiting list, in the order given."""
    regs = _load(session, ids)
    if not regs:
        return Edit("Nothing to change.")
    event_ids = {r.event_id for r in regs}
    waiting = {r.id: snapshot(r) for e in event_ids for r in lifecycle.waiting_list(session, e)}
    before, refused, waitlisted = [], [], 0
    for reg in regs:
        if reg.status == status:
            continue
        problem = lifecycle.transition_problem(reg.status, status)
        if problem:
            refused.append(f"{_name(reg)}: {problem}")
            continue
        before.append(snapshot(reg))
        new = lifecycle.admitted_status(session, reg.event_id, status)
        waitlisted += new != status
        lifecycle.set_status(reg, new)
        session.flush()
    changed = [snap.id for snap in before]
    promoted = [] if status == RegistrationStatus.CONFIRMED else [
        s for e in event_ids for s in _auto(session, e, waiting, changed)
    ]  # fmt: skip
    label = lifecycle.LABELS[status]
    message = f"{len(before) - waitlisted} set to {label}."
    if waitlisted:
        message += f" {waitlisted} put on the waiting list: the event is full."
    if refused:
        message += f" {len(refused)} left as they were."
    return Edit(message + _promoted_note(promoted), (*before, *promoted), tuple(refused))


def _auto(
    session: Session, event_id: int, waiting: dict[int, Snapshot], passed_over: Sequence[int] = ()
) -> list[Snapshot]:
    promoted = lifecycle.auto_promote(session, event_id, passed_over)
    return [waiting[r.id] for r in promoted if r.id in waiting]


def change_category(session: Session, ids: Sequence[int], category_id: int | None) -> Edit:
    name = "no category"
    if category_id is not None:
        name = get_or_raise(session, Category, category_id, "category").name
    before = []
    for reg in _load(session, ids):
        if reg.category_id != category_id:
            before.append(snapshot(reg))
            reg.category_id = category_id
    session.flush()
    return Edit(f"{len(before)} set to {name}.", tuple(before))


def promote(session: Session, event_id: int, count: int | None = None) -> Edit:
    """Confirm the first in line on the waiting list, one per free seat (or `count`)."""
    event = get_or_raise(session, Event, event_id, "event")
    candidates = lifecycle.promotable(session, event_id, count)
    if not candidates:
        seats = lifecycle.seats(session, event_id)
        why = "nobody is on the waiting list" if not seats.waiting else (
            f"all {seats.capacity} seats of {event.title} are taken; raise the capacity or "
            "cancel a confirmed registration first"
        )  # fmt: skip
        return Edit(f"Nobody promoted: {why}.")
    before = tuple(snapshot(r) for r in candidates)
    lifecycle.promote(session, event_id, count)
    return Edit(_promoted_note(before).strip(), before)


def delete(session: Session, ids: Sequence[int]) -> Edit:
    """Delete registrations with their journals; undo brings them back whole."""
    regs = _load(session, ids)
    before = [dataclasses.replace(snapshot(r, with_journal=True), deleted=True) for r in regs]
    event_ids = {r.event_id for r in regs}
    waiting = {r.id: snapshot(r) for e in event_ids for r in lifecycle.waiting_list(session, e)}
    for reg in regs:
        session.delete(reg)
    session.flush()
    promoted = [s for e in event_ids for s in _auto(session, e, waiting)]
    noun = "registration" if len(before) == 1 else "registrations"
    return Edit(f"Deleted {len(before)} {noun}.{_promoted_note(promoted)}", (*before, *promoted))


def undo(session: Session, done: Edit) -> str:
    """Put back every registration as it was before `done`; says what was undone."""
    for snap in done.before:
        _restore(session, snap)
    session.flush()
    return f"Undone: {done.message}"


def _restore(session: Session, snap: Snapshot) -> None:
    reg = session.get(Registration, snap.id)
    if reg is None or (reg.event_id, reg.person_id, reg.checkin_code) != (
        snap.event_id, snap.person_id, snap.checkin_code
    ):  # fmt: skip
        # Deleted; or deleted, and its id given to a new registration since (SQLite reuses
        # the highest id): then it comes back under a new id.
        if not snap.deleted:
            name = f"{snap.person.first_name} {snap.person.last_name}"
            raise UserError(f"{name}'s registration has been deleted since: nothing to undo.")
        reg = _bring_back(session, snap, keep_id=reg is None)
    elif snap.person_edited:
        update_person(session, reg.person, snap.person)
    reg.status, reg.status_changed_at = snap.status, snap.status_changed_at
    category = session.get(Category, snap.category_id) if snap.category_id else None
    reg.category_id = category.id if category else None  # the category may be gone since
    reg.delegation_country = snap.delegation_country
    reg.delegation_organisation = snap.delegation_organisation
    reg.needs_attention, reg.attention_note = snap.needs_attention, snap.attention_note
    reg.list_consent, reg.badge_printed_at = snap.list_consent, snap.badge_printed_at
    reg.source = snap.source


def _bring_back(session: Session, snap: Snapshot, *, keep_id: bool) -> Registration:
    """A deleted registration, recreated with its check-in code and journal."""
    person = session.get(Person, snap.person_id)
    if person is None or (person.email or "").casefold() != snap.person.email.casefold():
        person = upsert_person(session, snap.person)  # the person's id went elsewhere too
    who = f"{snap.person.first_name} {snap.person.last_name}"
    if session.scalar(
        select(Registration.id).where(Registration.checkin_code == snap.checkin_code)
    ):
        raise UserError(f"{who} cannot be brought back: the check-in code is in use again.")
    again = select(Registration.id).where(
        Registration.event_id == snap.event_id, Registration.person_id == person.id
    )
    if session.scalar(again) is not None:
        raise UserError(
            f"{who} has been registered for this event again since, so the deletion cannot be "
            "undone. Edit the new registration instead."
        )
    reg = Registration(event_id=snap.event_id, person_id=person.id,
                       checkin_code=snap.checkin_code)  # fmt: skip
    if keep_id:
        reg.id = snap.id
    session.add(reg)
    session.flush()
    have = set(session.scalars(select(CheckinEntry.nonce).where(
        CheckinEntry.nonce.in_([e.nonce for e in snap.journal]))))  # fmt: skip
    for e in snap.journal:
        if e.nonce not in have:
            session.add(CheckinEntry(
                nonce=e.nonce, registration_id=reg.id, kind=e.kind, undoes_nonce=e.undoes_nonce,
                desk=e.desk, device_time=e.device_time, recorded_at=e.recorded_at,
                forced=e.forced,
            ))  # fmt: skip
    return reg
