"""The roster's one row builder and the formula-injection guard."""

from __future__ import annotations

import datetime as dt

import pytest

from budapest_desk.core.importing.fields import LABELS, Field
from budapest_desk.core.lifecycle import LABELS as STATUS_LABELS
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.exporters.tabular import (
    ROSTER_FIELDS,
    ROSTER_HEADER,
    protect,
    protect_cells,
    roster_cells,
)
from tests.exporters.samples import CHECKED_IN_AT, EVENT, HOSTILE, NAMES, registration


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_cells_get_one_apostrophe(value: str) -> None:
    assert protect(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [
        "+43 1 504 4677",
        "+1 (555) 123-4567",
        "+36/1/234-5678",
        "+7.495.123.45.67",
        "-12",
        "-3.5",
        "-3,5",
        "",
        "Kovács",
        "a=b",
        *(part for name in NAMES for part in name),
    ],
)
def test_phone_numbers_numbers_and_names_are_left_alone(value: str) -> None:
    assert protect(value) == value


# "'=x" as it is would lose its apostrophe on re-import, so it gets one more.
@pytest.mark.parametrize(
    "value", ["+", "-", "+ ", "-1-1", "-12 ", "+43 1\n=1+1", "-1\r\n=2", "'=already protected"]
)
def test_what_is_not_plainly_a_number_is_protected(value: str) -> None:
    assert protect(value) == "'" + value


def test_protecting_a_row_is_protecting_each_cell() -> None:
    cells = [*HOSTILE, "+43 1 504 4677", "-3.5", "Kovács", ""]
    assert protect_cells(cells) == [protect(c) for c in cells]


def test_header_is_the_importers_labels_in_order() -> None:
    # The labels the importer knows, in its order, less the two it reads but we do not write.
    assert tuple(v for k, v in LABELS.items() if k in ROSTER_FIELDS) == ROSTER_HEADER
    assert set(LABELS) - set(ROSTER_FIELDS) == {Field.FULL_NAME, Field.CHECKED_IN}


def test_each_column_holds_its_own_field() -> None:
    """Every text attribute set to its own name lands under its own header."""
    attributes = {
        "Title": "title",
        "First name": "first_name",
        "Last name": "last_name",
        "Email": "email",
        "Organisation": "organisation",
        "Position": "position",
        "Phone": "phone",
        "Delegation": "delegation_organisation",
        "Category": "category",
        "Name on badge": "badge_name",
        "Name in Latin letters": "name_latin",
        "Languages": "languages",
        "Needs attention": "attention_note",
        "Notes": "notes",
        "Check-in code": "checkin_code",
    }
    row = _cells(
        **{a: a for a in attributes.values()}, delegation_country=None, needs_attention=True
    )
    assert {label: row[label] for label in attributes} == attributes


def test_every_status_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(RegistrationStatus)
    assert STATUS_LABELS[RegistrationStatus.WAITLISTED] == "Waiting list"


def _cells(**changes: object) -> dict[str, object]:
    [cells] = roster_cells([registration(1, **changes)], EVENT.time_zone)
    return dict(zip(ROSTER_HEADER, cells, strict=True))


def test_a_row_reads_as_a_person_would_write_it() -> None:
    row = _cells(
        country="GE",
        delegation_country="AM",
        status=RegistrationStatus.WAITLISTED,
        list_consent=False,
        checked_in=True,
        checked_in_at=CHECKED_IN_AT,
    )
    assert row["First name"] == "Ольга"
    assert row["Country"] == "Georgia"
    assert row["Delegation"] == "Armenia"
    assert row["Status"] == "Waiting list"
    assert row["On participant list"] == "No"
    assert row["Phone"] == "+36 1 234 5678"
    # 06:30 UTC, in Budapest's summer time, with its offset
    assert row["Checked in at"] == "2027-05-12T08:30:00+02:00"
    assert dt.datetime.fromisoformat(str(row["Checked in at"])) == CHECKED_IN_AT


def test_delegation_is_the_organisation_when_there_is_no_country() -> None:
    row = _cells(delegation_country=None, delegation_organisation="IOM", country=None)
    assert row["Delegation"] == "IOM"
    assert row["Country"] == ""
    assert row["Checked in at"] == ""


@pytest.mark.parametrize(
    ("flagged", "note", "shown"),
    [(True, "Wheelchair user", "Wheelchair user"), (True, "", "Yes"), (False, "old note", "")],
)
def test_needs_attention(flagged: bool, note: str, shown: str) -> None:
    assert _cells(needs_attention=flagged, attention_note=note)["Needs attention"] == shown


def test_every_text_cell_is_protected() -> None:
    texts = ["title", "first_name", "last_name", "email", "organisation", "position", "phone"]
    more = ["category", "badge_name", "name_latin", "languages", "notes", "checkin_code"]
    payload = "=cmd|' /C calc'!A0"
    row = _cells(
        **dict.fromkeys(texts + more, payload),
        delegation_country=None,
        delegation_organisation=payload,
        needs_attention=True,
        attention_note=payload,
    )
    ours = {"Country", "Status", "On participant list", "Checked in at"}
    assert {k for k, v in row.items() if v == "'" + payload} == set(ROSTER_HEADER) - ours


@pytest.mark.parametrize(
    "text", ["'=x", "'+43 1", "''=x", "'@home", "=cmd", "+43 1 504 4677", "-12"]
)
def test_protect_then_unprotect_gives_the_text_back(text: str) -> None:
    from budapest_desk.core.importing.values import unprotect

    assert unprotect(protect(text)) == text
