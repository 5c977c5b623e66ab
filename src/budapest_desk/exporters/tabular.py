"""The roster as a table, built once for every spreadsheet writer, and the guard against formula
injection that every text cell written passes through.

The header labels are the importer's own (core.importing.fields.LABELS), so an exported roster
re-imports with no mapping step; the status labels are the app's own (core.lifecycle.LABELS),
which the importer accepts too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from zoneinfo import ZoneInfo

from budapest_desk.core.countries import country_name
from budapest_desk.core.importing.fields import LABELS, Field
from budapest_desk.core.importing.values import FORMULA_STARTS
from budapest_desk.core.lifecycle import LABELS as STATUS_LABELS
from budapest_desk.core.registrations import RegistrationRow

YES, NO = "Yes", "No"

_TRIGGERS = frozenset(FORMULA_STARTS)
# ...except text that can only be a phone number or a number: digits and ( ) . / - cannot call a
# function or DDE, and a delegate's "+43 1 504 4677" must stay exactly that.
_HARMLESS = re.compile(r"\+[0-9 ()./-]*[0-9][0-9 ()./-]*|-[0-9]+(?:[.,][0-9]+)?")


def protect(text: str) -> str:
    """`text`, with one leading apostrophe if a spreadsheet would take it for a formula.

    The apostrophe is what Excel itself shows for text typed with a leading =, and the importer
    removes exactly one apostrophe before these characters or before another apostrophe; so a
    text that already starts with an apostrophe gets one more, and every text round-trips.
    """
    [protected] = protect_cells((text,))
    return protected


def protect_cells(cells: Sequence[str], positions: Iterable[int] | None = None) -> list[str]:
    """protect() for a row of cells (all of them, or those at `positions`). The hot loop of
    every export, so without a function call per cell, and `t and t[0]` rather than `t[:1]`:
    empty cells stop at once, and no one-letter string is made for the names that begin with
    a letter outside Latin-1."""
    harmless, triggers = _HARMLESS.fullmatch, _TRIGGERS
    out = list(cells)
    for i in range(len(out)) if positions is None else positions:
        t = out[i]
        if t and (t[0] == "'" or (t[0] in triggers and not harmless(t))):
            out[i] = "'" + t
    return out


# The roster's columns, in order; each header is the importer's label of its field.
ROSTER_FIELDS: tuple[Field, ...] = (
    Field.TITLE,
    Field.FIRST_NAME,
    Field.LAST_NAME,
    Field.EMAIL,
    Field.COUNTRY,
    Field.ORGANISATION,
    Field.POSITION,
    Field.PHONE,
    Field.DELEGATION,
    Field.CATEGORY,
    Field.STATUS,
    Field.BADGE_NAME,
    Field.NAME_LATIN,
    Field.LANGUAGES,
    Field.LIST_CONSENT,
    Field.ATTENTION_NOTE,
    Field.NOTES,
    Field.CHECKED_IN_AT,
    Field.CODE,
)
ROSTER_HEADER: tuple[str, ...] = tuple(LABELS[f] for f in ROSTER_FIELDS)
CHECKED_IN_AT_COLUMN = ROSTER_FIELDS.index(Field.CHECKED_IN_AT)


def _texts(r: RegistrationRow, zone: ZoneInfo) -> tuple[str, ...]:
    """The row's cells in ROSTER_FIELDS order. One function, not a getter per column: it runs
    once per row of every export."""
    at = r.checked_in_at
    return (
        r.title,
        r.first_name,
        r.last_name,
        r.email,
        country_name(r.country),
        r.organisation,
        r.position,
        r.phone,
        country_name(r.delegation_country) if r.delegation_country else r.delegation_organisation,
        r.category,
        STATUS_LABELS[r.status],
        r.badge_name,
        r.name_latin,
        r.languages,
        YES if r.list_consent else NO,
        # Empty when not flagged, even with a note: a note alone flags the person on re-import.
        (r.attention_note or YES) if r.needs_attention else "",
        r.notes,
        at.astimezone(zone).isoformat(timespec="seconds") if at is not None else "",
        r.checkin_code,
    )


# The cells the app words itself (country names, status labels, Yes/No, ISO times) cannot
# start with a formula character; the guard checks the others, which hold stored text.
_GENERATED = frozenset(
    ROSTER_FIELDS.index(f)
    for f in (Field.COUNTRY, Field.STATUS, Field.LIST_CONSENT, Field.CHECKED_IN_AT)
)
_TYPED = tuple(i for i in range(len(ROSTER_FIELDS)) if i not in _GENERATED)


def roster_cells(rows: Iterable[RegistrationRow], time_zone: str) -> Iterator[list[str]]:
    """One list of protected text cells per registration, in ROSTER_FIELDS order.

    The check-in time is ISO 8601 in the event's time zone (the one people at the venue door
    read their watches in), with its UTC offset: 2027-05-12T08:30:00+02:00, which no program
    misreads. The xlsx writer turns that column into Excel date-times.
    """
    zone = ZoneInfo(time_zone)
    for row in rows:
        yield protect_cells(_texts(row, zone), _TYPED)
