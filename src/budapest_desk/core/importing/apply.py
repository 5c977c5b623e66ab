"""Writing a checked plan in the caller's one transaction: people into the directory (found by
normalised email, else new), registrations created or updated, past check-ins journalled.

Bulk statements keep a 100,000-row import within a few times the cost of one plain bulk
insert. A Cancel raises Cancelled and the caller's transaction rolls back: nothing of the file
stays. A re-import of the same file updates what the first import created.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from budapest_desk.core import checkin, lifecycle
from budapest_desk.core.bulk import collector_paused
from budapest_desk.core.codes import new_code
from budapest_desk.core.importing import values
from budapest_desk.core.importing.fields import Field
from budapest_desk.core.importing.plan import Candidate, ImportPlan
from budapest_desk.core.people import PersonInput, fill_gaps, set_fields
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.records import get_or_raise
from budapest_desk.core.text import clean, search_key, sort_key
from budapest_desk.db.base import utcnow
from budapest_desk.db.enums import CheckinKind, RegistrationSource, RegistrationStatus
from budapest_desk.db.models import Category, CheckinEntry, Event, Person, Registration
from budapest_desk.db.models.people import index_words

_CHUNK = 900  # rows per IN (...) query and per bulk statement
# Check-ins from a file get a nonce derived from what they say, so that importing the same
# file twice records each check-in once.
_NONCES = uuid.UUID("6f1c2b8e-7d3a-4f5e-9a61-0c2d4b7e8f90")

# Core tables, not ORM classes, for the bulk inserts: the rows are complete dicts already, and
# the ORM's per-row bookkeeping doubled the time of a large import.
_PEOPLE = cast(Table, Person.__table__)
_REGISTRATIONS = cast(Table, Registration.__table__)
_JOURNAL = cast(Table, CheckinEntry.__table__)

_PERSON_FIELDS = {
    Field.TITLE: "title", Field.ORGANISATION: "organisation", Field.POSITION: "position",
    Field.PHONE: "phone", Field.BADGE_NAME: "badge_name", Field.NAME_LATIN: "name_latin",
    Field.LANGUAGES: "languages", Field.NOTES: "notes",
}  # fmt: skip


_DEFAULTS: dict[str, object] = {
    "category_id": None, "delegation_organisation": "", "list_consent": False,
    "needs_attention": False, "attention_note": "",
}  # fmt: skip


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    merged: int
    rejected: int
    waitlisted: int
    checkins: int

    @property
    def message(self) -> str:
        parts = [
            _count(self.created, "registration", "registrations") + " created",
            f"{self.updated} updated",
        ]
        if self.merged:
            parts.append(_count(self.merged, "duplicate row", "duplicate rows") + " merged")
        if self.rejected:
            parts.append(_count(self.rejected, "row", "rows") + " rejected")
        text = "Imported: " + ", ".join(parts) + "."
        if self.waitlisted:
            text += f" {self.waitlisted} put on the waiting list: the event is full."
        if self.checkins:
            text += " " + _count(self.checkins, "past check-in", "past check-ins") + " recorded."
        return text


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _chunks(items: Sequence[Candidate]) -> Iterator[Sequence[Candidate]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _person_input(c: Candidate) -> PersonInput:
    kw = {attr: c.text.get(f, "") for f, attr in _PERSON_FIELDS.items()}
    return PersonInput(
        first_name=c.text[Field.FIRST_NAME], last_name=c.text[Field.LAST_NAME], email=c.email,
        country=c.country, **kw,
    )  # fmt: skip


def _new_person(c: Candidate) -> dict[str, object]:
    first, last = clean(c.text[Field.FIRST_NAME]), clean(c.text[Field.LAST_NAME])
    row: dict[str, object] = {attr: clean(c.text.get(f, "")) for f, attr in _PERSON_FIELDS.items()}
    row["notes"] = c.text.get(Field.NOTES, "")
    row.update(
        first_name=first, last_name=last, email=c.email, email_key=c.key, country=c.country,
        search_key=search_key(first, last, str(row["name_latin"]), str(row["badge_name"]),
                              str(row["organisation"]), c.email),
        sort_key=sort_key(first, last),
    )  # fmt: skip
    return row


class _Writer:
    def __init__(self, session: Session, plan: ImportPlan) -> None:
        self.session = session
        self.plan = plan
        self.event = get_or_raise(session, Event, plan.event_id, "event")
        self.categories = dict(session.execute(select(Category.name, Category.id)).all())
        seats = lifecycle.seats(session, plan.event_id, lock=True)
        self.free = seats.free  # None: no limit
        self.now = utcnow()
        self.waitlisted = 0

    def people(self, chunk: Sequence[Candidate]) -> dict[str, int]:
        """Person ids by key: the directory's person (updated with what the file says), or new."""
        found = {
            p.email_key: p
            for p in self.session.scalars(
                select(Person).where(Person.email_key.in_([c.key for c in chunk]))
            )
        }
        ids: dict[str, int] = {}
        new = []
        for c in chunk:
            person = found.get(c.key)
            if person is None:
                new.append(_new_person(c))
            else:
                set_fields(person, fill_gaps(person, _person_input(c)))
                ids[c.key] = person.id
        if new:
            # Plain executemany, then the ids by key: RETURNING with rows in parameter order
            # makes SQLite insert one row per statement.
            _insert(self.session, _PEOPLE, new, stamped=("created_at", "updated_at"))
            keys = [str(row["email_key"]) for row in new]
            found_ids = select(Person.email_key, Person.id, Person.search_key).where(
                Person.email_key.in_(keys)
            )
            inserted = self.session.execute(found_ids).all()
            ids.update((k, i) for k, i, _ in inserted if k)
            index_words(self.session.connection(), [(i, key) for _, i, key in inserted])
        return ids

    def status(self, wanted: RegistrationStatus) -> RegistrationStatus:
        if wanted != RegistrationStatus.CONFIRMED or self.free is None:
            return wanted
        if self.free > 0:
            self.free -= 1
            return wanted
        self.waitlisted += 1
        return RegistrationStatus.WAITLISTED

    def registrations(self, chunk: Sequence[Candidate], ids: dict[str, int]) -> dict[str, int]:
        """Registration ids by key, creating or updating each."""
        existing = {
            r.person_id: r
            for r in self.session.scalars(
                select(Registration).where(
                    Registration.event_id == self.event.id,
                    Registration.person_id.in_(list(ids.values())),
                )
            )
        }
        default = self.plan.settings.default_status
        new, codes = [], _codes(self.session, len(chunk))
        reg_ids: dict[str, int] = {}
        for c in chunk:
            fields = self.registration_fields(c)
            reg = existing.get(ids[c.key])
            if reg is None:
                status = self.status(c.status or default)
                new.append({
                    **_DEFAULTS, "delegation_country": c.country, **fields,
                    "event_id": self.event.id, "person_id": ids[c.key],
                    "checkin_code": codes.pop(), "status": status.value,
                    "source": RegistrationSource.IMPORTED.value,
                })  # fmt: skip
                continue
            reg_ids[c.key] = reg.id
            for name, value in fields.items():
                setattr(reg, name, value)
            if c.status and c.status != reg.status:
                self.change(reg, c)
        if new:
            stamps = ("status_changed_at", "created_at", "updated_at")
            _insert(self.session, _REGISTRATIONS, new, stamped=stamps)
            found = select(Registration.person_id, Registration.id).where(
                Registration.event_id == self.event.id,
                Registration.person_id.in_([row["person_id"] for row in new]),
            )
            by_person = dict(self.session.execute(found).all())
            reg_ids.update({k: by_person[i] for k, i in ids.items() if i in by_person})
        return reg_ids

    def change(self, reg: Registration, c: Candidate) -> None:
        assert c.status is not None
        problem = lifecycle.transition_problem(reg.status, c.status)
        if problem:
            self.plan.warnings.append(
                f"Row {c.row}: {problem} Left as {lifecycle.LABELS[reg.status]}."
            )
            return
        was_confirmed = reg.status == RegistrationStatus.CONFIRMED
        new = self.status(c.status)
        if was_confirmed and new != RegistrationStatus.CONFIRMED and self.free is not None:
            self.free += 1
        lifecycle.set_status(reg, new)

    def registration_fields(self, c: Candidate) -> dict[str, object]:
        """The registration's fields the file gives a value for (an empty cell changes nothing
        on re-import)."""
        out: dict[str, object] = {}
        delegation = c.text.get(Field.DELEGATION, "")
        if delegation:
            country = values.resolve_country(delegation)
            out["delegation_country"] = country
            out["delegation_organisation"] = "" if country else clean(delegation)[:300]
        category = c.text.get(Field.CATEGORY)
        if category:
            out["category_id"] = self.categories.get(category)
        consent = values.parse_bool(c.text.get(Field.LIST_CONSENT, ""))
        if consent is not None:
            out["list_consent"] = consent
        note = c.text.get(Field.ATTENTION_NOTE, "")
        if note:  # "yes" flags the registration; any other text is the note itself
            flag = values.parse_bool(note)
            out["needs_attention"] = True if flag is None else flag
            out["attention_note"] = note if flag is None else ""
        return out

    def checkins(self, chunk: Sequence[Candidate], reg_ids: dict[str, int]) -> int:
        """The file's check-ins, for those not checked in already: a re-import, or our own
        export coming back, must not add a second arrival beside the desk's."""
        wanted = [reg_ids[c.key] for c in chunk if c.checked_in_at and c.key in reg_ids]
        if not wanted:
            return 0
        already = {rid for rid, st in checkin.states(self.session, wanted).items() if st.checked_in}
        entries = {}
        for c in chunk:
            if c.checked_in_at is None or c.key not in reg_ids or reg_ids[c.key] in already:
                continue
            nonce = str(
                uuid.uuid5(_NONCES, f"{self.event.id}:{c.key}:{c.checked_in_at.isoformat()}")
            )
            entries[nonce] = {
                "nonce": nonce, "registration_id": reg_ids[c.key], "kind": CheckinKind.IN,
                "desk": "import", "device_time": c.checked_in_at, "recorded_at": self.now,
                "forced": False, "created_at": self.now, "updated_at": self.now,
            }  # fmt: skip
        if not entries:
            return 0
        have = set(self.session.scalars(
            select(CheckinEntry.nonce).where(CheckinEntry.nonce.in_(list(entries)))
        ))  # fmt: skip
        rows = [e for n, e in entries.items() if n not in have]
        if rows:
            self.session.connection().execute(insert(_JOURNAL), rows)
        return len(rows)


def _insert(
    session: Session, table: Table, rows: list[dict[str, object]], *, stamped: Sequence[str]
) -> None:
    """One executemany straight to the driver, with the time stamps set by the database.

    SQLAlchemy's per-row parameter processing (above all of five datetimes a row) took longer
    than SQLite's own work; the rows here hold only text, numbers, booleans and None."""
    conn = session.connection()
    columns = list(rows[0])
    assert all(c in table.c for c in (*columns, *stamped)), "unknown column"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    values = [mark] * len(columns) + ["CURRENT_TIMESTAMP"] * len(stamped)
    sql = (
        f"INSERT INTO {table.name} ({', '.join([*columns, *stamped])}) VALUES ({', '.join(values)})"
    )
    conn.exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows])


def _codes(session: Session, n: int) -> list[str]:
    """n fresh check-in codes that no registration has."""
    codes: set[str] = set()
    while len(codes) < n:
        batch = {new_code() for _ in range(n - len(codes))} - codes
        taken = set(session.scalars(
            select(Registration.checkin_code).where(Registration.checkin_code.in_(list(batch)))
        ))  # fmt: skip
        codes |= batch - taken
    return list(codes)


def apply_plan(
    session: Session,
    plan: ImportPlan,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Write the plan; the caller's transaction makes it all or nothing."""
    with collector_paused():
        return _apply(session, plan, progress, cancel)


def _apply(
    session: Session, plan: ImportPlan, progress: ProgressFn | None, cancel: CancelToken | None
) -> ImportResult:
    writer = _Writer(session, plan)
    done = checkins = 0
    total = len(plan.candidates)
    for chunk in _chunks(plan.candidates):
        if cancel:
            cancel.raise_if_cancelled()
        ids = writer.people(chunk)
        reg_ids = writer.registrations(chunk, ids)
        checkins += writer.checkins(chunk, reg_ids)
        session.flush()
        done += len(chunk)
        if progress:
            progress(done, total)
    if cancel:
        cancel.raise_if_cancelled()
    return ImportResult(
        created=plan.created, updated=plan.updated, merged=plan.merged,
        rejected=len(plan.rejected), waitlisted=writer.waitlisted, checkins=checkins,
    )  # fmt: skip
