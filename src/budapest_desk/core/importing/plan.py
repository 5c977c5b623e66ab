"""Checking every row of a file before anything is written: what would be created, updated,
merged and rejected (with the row number and the reason), and what deserves a warning.

One pass over the file; each accepted person is kept as a compact Candidate, so that a
100,000-row file fits comfortably in memory. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.core.bulk import collector_paused
from budapest_desk.core.emails import normalise_email
from budapest_desk.core.errors import UserError
from budapest_desk.core.importing import values
from budapest_desk.core.importing.fields import Field
from budapest_desk.core.importing.mapping import missing_required
from budapest_desk.core.importing.sources import Source, SourceRow
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.records import get_or_raise
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Category, Event, Person, Registration

_LIMITS = {
    Field.FIRST_NAME: 200, Field.LAST_NAME: 200, Field.TITLE: 40, Field.ORGANISATION: 300,
    Field.POSITION: 300, Field.PHONE: 60, Field.BADGE_NAME: 300, Field.NAME_LATIN: 300,
    Field.LANGUAGES: 120, Field.DELEGATION: 300, Field.CATEGORY: 80, Field.NOTES: 5000,
    Field.ATTENTION_NOTE: 2000, Field.EMAIL: 320,
}  # fmt: skip
_MULTILINE = frozenset({Field.NOTES, Field.ATTENTION_NOTE})  # Alt+Enter in an Excel cell
_STEP = 1000  # progress and cancel checks


@dataclass(frozen=True)
class ImportSettings:
    header_row: int  # the file row number of the header; data rows come after it
    mapping: Mapping[int, Field]  # column index -> field
    default_status: RegistrationStatus = RegistrationStatus.CONFIRMED  # rows with no status


@dataclass(slots=True)
class Candidate:
    """One person of the file, duplicates merged into the first row that named them."""

    row: int
    email: str
    key: str  # normalised email: the identity of a person across events
    text: dict[Field, str]  # the other text fields, as read (empty ones left out)
    country: str
    status: RegistrationStatus | None = None  # None: the default of the import
    checked_in_at: dt.datetime | None = None  # aware (UTC) or None
    merged_rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Rejected:
    row: int
    reason: str
    cells: tuple[str, ...]


@dataclass
class ImportPlan:
    event_id: int
    header: tuple[str, ...]
    settings: ImportSettings
    rows: int = 0  # data rows read (blank rows are not counted)
    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    existing: set[str] = field(default_factory=set)  # keys already registered for the event

    @property
    def merged(self) -> int:
        return sum(len(c.merged_rows) for c in self.candidates)

    @property
    def updated(self) -> int:
        return sum(c.key in self.existing for c in self.candidates)

    @property
    def created(self) -> int:
        return len(self.candidates) - self.updated

    def summary(self) -> dict[str, object]:
        """The command line's --json summary."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "rejected": [{"row": r.row, "reason": r.reason} for r in self.rejected],
            "warnings": list(self.warnings),
        }


class _Notes:
    """Warnings about one distinct value (an unknown status, say), naming its first rows."""

    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {}

    def add(self, message: str, row: int) -> None:
        self.rows.setdefault(message, []).append(row)

    def render(self) -> list[str]:
        out = []
        for message, rows in self.rows.items():
            shown = ", ".join(map(str, rows[:5])) + (
                f" and {len(rows) - 5} more" if len(rows) > 5 else ""
            )
            out.append(f"{message} (row{'s' if len(rows) > 1 else ''} {shown})")
        return out


class _Checker:
    def __init__(self, session: Session, event: Event, settings: ImportSettings) -> None:
        # (column, field, label, longest, multiline) per mapped column, worked out once: the
        # loop below runs for every cell of files of 100,000 rows.
        self.specs = [
            (i, f, f.value.replace("_", " "), _LIMITS.get(f, 1000), f in _MULTILINE)
            for i, f in sorted(settings.mapping.items())
        ]
        self.zone = zoneinfo.ZoneInfo(event.time_zone)
        self.notes = _Notes()
        self.categories = {c.casefold(): c for c in session.scalars(select(Category.name))}

    def check(self, row: SourceRow) -> Candidate | str:
        """A candidate, or the reason the row is rejected."""
        text: dict[Field, str] = {}
        cells = row.cells
        for i, f, label, longest, multiline in self.specs:
            value = cells[i] if i < len(cells) else ""
            if value[:1] == "'":
                value = values.unprotect(value)
            if not value:
                continue
            if len(value) > longest or not value.isprintable():
                problem = values.check_text(value, label, longest, multiline=multiline)
                if problem:
                    return problem
            text[f] = value
        full = text.pop(Field.FULL_NAME, "")
        if full and not (text.get(Field.FIRST_NAME) or text.get(Field.LAST_NAME)):
            text[Field.FIRST_NAME], text[Field.LAST_NAME] = values.split_full_name(full)
            for f in (Field.FIRST_NAME, Field.LAST_NAME):  # the parts have their own limits
                problem = values.check_text(text[f], f.value.replace("_", " "), _LIMITS[f])
                if problem:
                    return problem
        missing = [f for f in (Field.EMAIL, Field.FIRST_NAME, Field.LAST_NAME, Field.COUNTRY)
                   if not text.get(f)]  # fmt: skip
        if missing:
            names = ", ".join(f.value.replace("_", " ") for f in missing)
            return f"missing {names}"
        try:
            email, key = normalise_email(text.pop(Field.EMAIL)) or ("", "")
        except UserError as exc:
            return exc.message
        typed_country = text.pop(Field.COUNTRY)
        country = values.resolve_country(typed_country)
        if country is None:
            return f"unknown country {typed_country!r}: use the English name or the ISO code"
        cand = Candidate(row.number, email, key, text, country)
        self._status(cand, row)
        self._checkin(cand, row)
        self._category_and_delegation(cand)
        return cand

    def _status(self, cand: Candidate, row: SourceRow) -> None:
        typed = cand.text.pop(Field.STATUS, "")
        if typed:
            parsed = values.parse_status(typed)
            if parsed.status is None:
                self.notes.add(
                    f"Status {typed!r} is not one we know: imported as Pending", row.number
                )
                cand.status = RegistrationStatus.PENDING
            else:
                cand.status = parsed.status

    def _checkin(self, cand: Candidate, row: SourceRow) -> None:
        flag, at = cand.text.pop(Field.CHECKED_IN, ""), cand.text.pop(Field.CHECKED_IN_AT, "")
        if not (flag or at):
            return
        checked, when = values.parse_checkin(flag, at)
        if not checked:
            return
        if when is None:
            self.notes.add(
                "Checked in without a time: recorded at the start of the import", row.number
            )
            when = dt.datetime.now(dt.UTC)
        elif when.tzinfo is None:
            when = when.replace(tzinfo=self.zone)
        cand.checked_in_at = when.astimezone(dt.UTC)
        if cand.status in (None, RegistrationStatus.PENDING, RegistrationStatus.INVITED):
            cand.status = RegistrationStatus.CONFIRMED  # someone who came was expected

    def _category_and_delegation(self, cand: Candidate) -> None:
        category = cand.text.get(Field.CATEGORY, "")
        if category and category.casefold() not in self.categories:
            self.notes.add(
                f"Category {category!r} does not exist: imported with no category", cand.row
            )
            del cand.text[Field.CATEGORY]
        elif category:
            cand.text[Field.CATEGORY] = self.categories[category.casefold()]
        delegation = cand.text.get(Field.DELEGATION, "")
        if (
            delegation
            and values.resolve_country(delegation) is None
            and _looks_like_country(delegation)
        ):
            self.notes.add(
                f"Delegation {delegation!r} is not a country we know: kept as an organisation",
                cand.row,
            )


def _looks_like_country(text: str) -> bool:
    """An unresolved delegation that is a single capitalised word or two is probably a
    misspelt country ("Hungray"); "IOM" or "Ministry of Interior" is an organisation."""
    words = text.split()
    return 0 < len(words) <= 2 and not text.isupper() and all(w[:1].isupper() for w in words)


def make_plan(
    session: Session,
    event_id: int,
    source: Source,
    settings: ImportSettings,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ImportPlan:
    """Read and check every data row of `source`; nothing is written."""
    event = get_or_raise(session, Event, event_id, "event")
    missing = missing_required(settings.mapping)
    if missing:
        names = ", ".join(f.value.replace("_", " ") for f in missing)
        raise UserError(
            f"No column is mapped to {names}: choose the column for each in the mapping step."
        )
    with collector_paused():
        return _make_plan(session, event, source, settings, progress, cancel)


def _make_plan(
    session: Session,
    event: Event,
    source: Source,
    settings: ImportSettings,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> ImportPlan:
    event_id = event.id
    checker = _Checker(session, event, settings)
    plan = ImportPlan(event_id, (), settings)
    by_key: dict[str, Candidate] = {}
    total = source.info.total_rows or 0
    for row in source.rows():
        if row.number < settings.header_row:
            continue
        if row.number == settings.header_row:
            plan.header = row.cells
            continue
        plan.rows += 1
        if plan.rows % _STEP == 0:
            if cancel:
                cancel.raise_if_cancelled()
            if progress:
                progress(row.number, total)
        result = checker.check(row)
        if isinstance(result, str):
            plan.rejected.append(Rejected(row.number, result, row.cells))
        elif result.key in by_key:
            _merge(by_key[result.key], result)
        else:
            by_key[result.key] = result
            plan.candidates.append(result)
    if plan.rows == 0:
        raise UserError("The file has no rows below its header: nothing to import.")
    plan.existing = _registered(session, event_id, list(by_key))
    plan.warnings = checker.notes.render()
    return plan


def _merge(first: Candidate, later: Candidate) -> None:
    """A later row for the same email fills what the first left empty."""
    first.merged_rows.append(later.row)
    for f, v in later.text.items():
        first.text.setdefault(f, v)
    if first.status is None:
        first.status = later.status
    if first.checked_in_at is None or (
        later.checked_in_at and later.checked_in_at < first.checked_in_at
    ):
        first.checked_in_at = later.checked_in_at or first.checked_in_at


def _registered(session: Session, event_id: int, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        stmt = (
            select(Person.email_key)
            .join(Registration, Registration.person_id == Person.id)
            .where(Registration.event_id == event_id, Person.email_key.in_(chunk))
        )
        found.update(k for k in session.scalars(stmt) if k)
    return found
