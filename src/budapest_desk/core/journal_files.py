"""Desks with no network: each laptop checks people in on its own copy of the database, then
exports its journal to a file that another copy merges (DESIGN.md, "Check-in journal").

Merging is a union by nonce, so it is idempotent, order-independent and associative; the
earliest check-in by device time is the one that counts (`checkin.derive_state`), and a person
admitted twice, at two desks that could not see each other, is reported, not hidden.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core import journal_format
from budapest_desk.core.errors import UserError
from budapest_desk.core.journal_admissions import (
    DoubleAdmission,
    Scan,
    admissions_of,
    double_admissions,
)
from budapest_desk.core.journal_admissions import describe as describe_conflict
from budapest_desk.core.journal_format import JournalFile, JournalRecord, WalkIn
from budapest_desk.core.journal_walk_ins import add_walk_ins, plan_walk_ins
from budapest_desk.core.records import chunks, get_or_raise
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import RegistrationSource
from budapest_desk.db.models import Category, CheckinEntry, Event, Person, Registration

__all__ = [
    "DoubleAdmission",
    "ExportSummary",
    "MergeSummary",
    "Scan",
    "describe_conflict",
    "double_admissions",
    "export_journal",
    "merge_journal",
    "summary_json",
    "union_by_nonce",
]


@dataclass(frozen=True)
class ExportSummary:
    entries: int
    walk_ins: int


@dataclass(frozen=True)
class MergeSummary:
    event_id: int
    event_title: str
    added: int  # entries new to this copy
    already_present: int  # entries this copy had (same nonce, same content)
    walk_ins_added: int  # walk-ins registered on the other laptop, recreated here
    # Walk-ins whose person (by email) was already registered here under another code:
    # their scans join that registration.
    walk_ins_matched: int
    unknown_codes: list[str]  # entries naming a registration this copy does not have: skipped
    # Entries whose nonce this copy has with other content: this copy's is kept.
    nonce_conflicts: list[str]
    # Double admissions of the registrations this merge added entries to.
    conflicts: list[DoubleAdmission]


def summary_json(summary: ExportSummary | MergeSummary) -> dict[str, Any]:
    """A summary as plain JSON values (times as ISO 8601 text with their offset)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    result: dict[str, Any] = plain(dataclasses.asdict(summary))
    return result


# ---------------------------------------------------------------------------------------------
# Export


def export_journal(session: Session, event_id: int, path: Path) -> ExportSummary:
    """Write the event's journal and walk-ins to `path` (whole or not at all)."""
    event = get_or_raise(session, Event, event_id, "event")
    walk_ins = [
        WalkIn(
            code=reg.checkin_code,
            first_name=person.first_name,
            last_name=person.last_name,
            title=person.title,
            organisation=person.organisation,
            position=person.position,
            country=person.country,
            email=person.email,
            category=category,
            delegation_country=reg.delegation_country,
            delegation_organisation=reg.delegation_organisation,
            status=reg.status,
        )
        for reg, person, category in session.execute(
            select(Registration, Person, Category.name)
            .join(Person, Person.id == Registration.person_id)
            .outerjoin(Category, Category.id == Registration.category_id)
            .where(
                Registration.event_id == event_id,
                Registration.source == RegistrationSource.WALK_IN,
            )
            .order_by(Registration.checkin_code)
        )
    ]
    entries = [
        _record(entry, code)
        for entry, code in session.execute(
            select(CheckinEntry, Registration.checkin_code)
            .join(Registration, Registration.id == CheckinEntry.registration_id)
            .where(Registration.event_id == event_id)
            .order_by(CheckinEntry.device_time, CheckinEntry.nonce)
        )
    ]
    journal = JournalFile(event.title, event.start_date, tuple(walk_ins), tuple(entries))
    journal_format.write_atomically(path, journal_format.encode(journal, utcnow()))
    return ExportSummary(entries=len(entries), walk_ins=len(walk_ins))


def _record(entry: CheckinEntry, code: str) -> JournalRecord:
    return JournalRecord(
        nonce=entry.nonce,
        code=code,
        kind=entry.kind,
        undoes_nonce=entry.undoes_nonce,
        desk=entry.desk,
        device_time=entry.device_time,
        recorded_at=entry.recorded_at,
        forced=entry.forced,
    )


# ---------------------------------------------------------------------------------------------
# Merge


def union_by_nonce(
    ours: Iterable[JournalRecord], theirs: Iterable[JournalRecord]
) -> list[JournalRecord]:
    """The pure form of a merge: ours, then each of theirs whose nonce we lack (ours is kept
    where both have a nonce)."""
    merged = {r.nonce: r for r in ours}
    for record in theirs:
        merged.setdefault(record.nonce, record)
    return list(merged.values())


def merge_journal(session: Session, path: Path) -> MergeSummary:
    """Merge the journal file at `path` into this database (never commits: the caller owns the
    transaction). The whole file is checked before anything is written."""
    journal = journal_format.read(path)
    event = _event(session, journal, path)
    codes = {r.code for r in journal.entries}
    plan = plan_walk_ins(session, event.id, journal.walk_ins, codes, path)  # checks, writes nothing
    by_code = plan.known | plan.matched | add_walk_ins(session, event.id, plan)
    existing = _existing(session, [r.nonce for r in journal.entries])

    added: list[CheckinEntry] = []
    present, unknown, mismatched = 0, set[str](), list[str]()
    for record in journal.entries:
        rid = by_code.get(record.code)
        here = existing.get(record.nonce)
        if here is not None:
            if rid == here.registration_id and _same(record, here):
                present += 1
            else:
                mismatched.append(record.nonce)
        elif rid is None:
            unknown.add(record.code)
        else:
            added.append(_entry(record, rid))
    session.add_all(added)
    session.flush()
    return MergeSummary(
        event_id=event.id,
        event_title=event.title,
        added=len(added),
        already_present=present,
        walk_ins_added=len(plan.to_create),
        walk_ins_matched=len(plan.matched),
        unknown_codes=sorted(unknown),
        nonce_conflicts=mismatched,
        conflicts=_double_admissions(session, sorted({e.registration_id for e in added})),
    )


def _event(session: Session, journal: JournalFile, path: Path) -> Event:
    found = list(
        session.scalars(
            select(Event).where(
                Event.title == journal.event_title, Event.start_date == journal.event_start
            )
        )
    )
    when = journal.event_start.isoformat()
    if not found:
        raise UserError(
            f"This database has no event “{journal.event_title}” starting on {when}, which "
            f"{path} is for. Nothing was merged: merge it into a copy of the database the file "
            "was exported from."
        )
    if len(found) > 1:
        raise UserError(
            f"This database has {len(found)} events called “{journal.event_title}” starting on "
            f"{when}, so {path} cannot tell which one it is for. Nothing was merged: "
            "rename all but one of them, then merge again."
        )
    return found[0]


def _existing(session: Session, nonces: Sequence[str]) -> dict[str, CheckinEntry]:
    found: dict[str, CheckinEntry] = {}
    for chunk in chunks(nonces):
        for entry in session.scalars(select(CheckinEntry).where(CheckinEntry.nonce.in_(chunk))):
            found[entry.nonce] = entry
    return found


def _same(record: JournalRecord, entry: CheckinEntry) -> bool:
    """Whether an entry says what the record says (recorded_at is bookkeeping, not the scan)."""
    return (record.kind, record.undoes_nonce, record.desk, record.device_time, record.forced) == (
        entry.kind, entry.undoes_nonce, entry.desk, entry.device_time, entry.forced,
    )  # fmt: skip


def _entry(record: JournalRecord, registration_id: int) -> CheckinEntry:
    return CheckinEntry(
        nonce=record.nonce,
        registration_id=registration_id,
        kind=record.kind,
        undoes_nonce=record.undoes_nonce,
        desk=record.desk,
        device_time=record.device_time,
        recorded_at=record.recorded_at,
        forced=record.forced,
    )


def _double_admissions(session: Session, ids: Sequence[int]) -> list[DoubleAdmission]:
    journal: dict[int, list[CheckinEntry]] = defaultdict(list)
    who: dict[int, tuple[str, str]] = {}
    for chunk in chunks(ids):
        for entry in session.scalars(
            select(CheckinEntry).where(CheckinEntry.registration_id.in_(chunk))
        ):
            journal[entry.registration_id].append(entry)
        for rid, code, first, last in session.execute(
            select(Registration.id, Registration.checkin_code, Person.first_name, Person.last_name)
            .join(Person, Person.id == Registration.person_id)
            .where(Registration.id.in_(chunk))
        ):
            who[rid] = (code, f"{first} {last}".strip())
    found = [admissions_of(who[rid][0], who[rid][1], journal[rid]) for rid in ids]
    return sorted((d for d in found if d is not None), key=lambda d: d.code)
