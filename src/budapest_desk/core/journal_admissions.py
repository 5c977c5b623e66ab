"""Double admissions: a person let in again while already inside, typically at two desks that
could not see each other's journal. Pure functions over journal entries (database rows or the
records of a journal file), by the rules of `checkin.derive_state`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from budapest_desk.core.codes import display
from budapest_desk.core.journal_format import JournalRecord
from budapest_desk.db.enums import CheckinKind


class Scanned(Protocol):
    """What the rules read of a journal entry (a CheckinEntry or a JournalRecord)."""

    @property
    def nonce(self) -> str: ...
    @property
    def kind(self) -> CheckinKind: ...
    @property
    def undoes_nonce(self) -> str | None: ...
    @property
    def desk(self) -> str: ...
    @property
    def device_time(self) -> dt.datetime: ...


@dataclass(frozen=True)
class Scan:
    desk: str
    device_time: dt.datetime


@dataclass(frozen=True)
class DoubleAdmission:
    """A registration checked in again with no check-out between: `first` is the check-in
    that counts (the earliest by device time), `later` the admissions after it that were made
    while the person was already in."""

    code: str
    name: str
    first: Scan
    later: tuple[Scan, ...]


def admissions_of(code: str, name: str, entries: Iterable[Scanned]) -> DoubleAdmission | None:
    """The double admission in one registration's journal, or None.

    Among the live entries (neither an undo nor undone), in order of (device time, nonce), a
    check-in that follows another check-in with no check-out between them is a double one.
    """
    entries = list(entries)
    undone = {e.undoes_nonce for e in entries if e.kind == CheckinKind.UNDO and e.undoes_nonce}
    live = sorted(
        (e for e in entries if e.kind != CheckinKind.UNDO and e.nonce not in undone),
        key=lambda e: (e.device_time, e.nonce),
    )
    first: Scan | None = None
    later: list[Scan] = []
    inside = False
    for entry in live:
        if entry.kind == CheckinKind.OUT:
            inside = False
            continue
        scan = Scan(entry.desk, entry.device_time)
        if first is None:
            first = scan
        elif inside:
            later.append(scan)
        inside = True
    if first is None or not later:
        return None
    return DoubleAdmission(code, name, first, tuple(later))


def double_admissions(
    entries: Iterable[JournalRecord], names: Mapping[str, str] | None = None
) -> list[DoubleAdmission]:
    """The double admissions in a journal, one per registration code, by code; `names` gives
    the person's name of a code (else it is left empty)."""
    by_code: dict[str, list[JournalRecord]] = defaultdict(list)
    for record in entries:
        by_code[record.code].append(record)
    names = names or {}
    found = (admissions_of(code, names.get(code, ""), by_code[code]) for code in sorted(by_code))
    return [d for d in found if d is not None]


def describe(double: DoubleAdmission) -> str:
    """One line for a person reading a merge's report (times in UTC, as recorded)."""

    def at(scan: Scan) -> str:
        when = scan.device_time.astimezone(dt.UTC)
        return f"{scan.desk or 'a desk'} at {when:%Y-%m-%d %H:%M:%S} UTC"

    again = "; ".join(at(scan) for scan in double.later)
    return (
        f"{double.name} ({display(double.code)}): admitted at {at(double.first)}, again at {again}"
    )
