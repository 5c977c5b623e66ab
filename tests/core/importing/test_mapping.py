"""The header row and the proposed mapping, for the exports and languages we meet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.fields import LABELS, TEMPLATE_FIELDS, Field
from budapest_desk.core.importing.headers import SYNONYMS
from budapest_desk.core.importing.mapping import (
    find_header,
    is_template,
    load_mapping,
    missing_required,
    propose,
    save_mapping,
)
from budapest_desk.core.importing.sources import SourceOptions, SourceRow, open_source
from budapest_desk.core.importing.values import word_key
from tests.core.importing.fixtures import (
    INDICO_HEADER,
    PRETIX_POSITIONS_HEADER,
    indico_xlsx,
    pretix_xlsx,
)

F = Field


def named(header: list[str]) -> dict[str, Field]:
    return {header[i]: f for i, f in propose(header).items()}


def test_indico_export(tmp_path: Path) -> None:
    with open_source(indico_xlsx(tmp_path / "indico.xlsx")) as source:
        rows = source.preview(40)
    index = find_header(rows)
    assert rows[index].number == 4  # below the two title rows and the blank row
    assert named(list(rows[index].cells)) == {
        "First Name": F.FIRST_NAME, "Last Name": F.LAST_NAME, "Email Address": F.EMAIL,
        "Affiliation": F.ORGANISATION, "Position": F.POSITION, "Country": F.COUNTRY,
        "Phone Number": F.PHONE, "Title": F.TITLE, "Registration state": F.STATUS,
        "Checked in": F.CHECKED_IN, "Check-in date": F.CHECKED_IN_AT,
    }  # fmt: skip
    assert "Name" not in named(INDICO_HEADER)  # first and last name columns exist


def test_pretix_order_positions(tmp_path: Path) -> None:
    with open_source(
        pretix_xlsx(tmp_path / "p.xlsx"), SourceOptions(sheet="Order positions")
    ) as source:
        header = list(source.preview(5)[find_header(source.preview(5))].cells)
    mapping = propose(header)
    assert header == PRETIX_POSITIONS_HEADER
    by_field = {f: i for i, f in mapping.items()}
    assert header[by_field[F.EMAIL]] == "Attendee email"  # beats the order's "Email"
    assert header[by_field[F.FIRST_NAME]] == "Attendee name: Given name"
    assert header[by_field[F.LAST_NAME]] == "Attendee name: Family name"
    assert header[by_field[F.TITLE]] == "Attendee name: Title"
    assert F.FULL_NAME not in by_field
    # "Company" and "Country" occur twice: the attendee's (first) wins over the invoice's.
    assert by_field[F.ORGANISATION] == header.index("Company")
    assert by_field[F.COUNTRY] == header.index("Country")
    assert header[by_field[F.STATUS]] == "Status"
    assert header[by_field[F.CHECKED_IN]] == "Checked in"
    assert header[by_field[F.NOTES]] == "Order comment"
    assert header[by_field[F.CATEGORY]] == "Product"
    assert missing_required(mapping) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Prénom", "Nom", "Courriel", "Pays", "Organisme"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION]),
        (["Vorname", "Nachname", "E-Mail", "Land", "Behörde"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION]),
        (["Vorname", "Name", "E-Mail-Adresse", "Land"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY]),
        (["Nombre", "Apellidos", "Correo electrónico", "País", "Institución"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION]),
        (["Имя", "Фамилия", "Эл. почта", "Страна", "Министерство", "Должность"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION, F.POSITION]),
        (["Keresztnév", "Vezetéknév", "E-mail cím", "Ország", "Intézmény", "Beosztás"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION, F.POSITION]),
        (["FIRST NAME *", "last_name", "e-mail:", "COUNTRY (of residence)", "Ministry"],
         [F.FIRST_NAME, F.LAST_NAME, F.EMAIL, F.COUNTRY, F.ORGANISATION]),
        (["1. First name (as in passport)", "2. Surname", "Organization/Institution"],
         [F.FIRST_NAME, F.LAST_NAME, F.ORGANISATION]),
        (["Name", "E-mail", "Country"], [F.FULL_NAME, F.EMAIL, F.COUNTRY]),
    ],
)  # fmt: skip
def test_languages_and_spellings(header: list[str], expected: list[Field]) -> None:
    assert list(propose(header).values()) == expected


def test_each_field_at_most_once_best_first() -> None:
    header = ["Email", "Nationality", "Country", "Attendee email", "Email"]
    assert propose(header) == {2: F.COUNTRY, 3: F.EMAIL}


def test_our_own_labels_map_back_exactly() -> None:
    header = list(LABELS.values())
    assert propose(header) == {i: f for i, f in enumerate(LABELS) if f is not F.FULL_NAME}
    assert propose(["Name", "Email", "Country"]) == {0: F.FULL_NAME, 1: F.EMAIL, 2: F.COUNTRY}


def test_no_header_name_stands_for_two_fields() -> None:
    seen: dict[str, Field] = {}
    for field, names in SYNONYMS.items():
        for name in names:
            assert seen.setdefault(word_key(name), field) == field, name
    for field, label in LABELS.items():
        assert seen.get(word_key(label), field) == field, label


def test_template_header() -> None:
    header = [LABELS[f] for f in TEMPLATE_FIELDS]
    assert is_template(header)
    assert is_template([f"  {h.upper()} " for h in header] + ["", ""])
    assert not is_template(header[:-1])
    assert not is_template([*header, "Extra"])


def test_missing_required() -> None:
    assert missing_required({}) == [F.EMAIL, F.FIRST_NAME, F.LAST_NAME, F.COUNTRY]
    assert missing_required({0: F.FULL_NAME, 1: F.EMAIL}) == [F.COUNTRY]
    assert missing_required({0: F.FIRST_NAME, 1: F.EMAIL, 2: F.COUNTRY}) == [F.LAST_NAME]


def test_find_header_below_title_rows_first_on_tie() -> None:
    rows = [
        SourceRow(1, ("Participants of the Senior Officials Meeting",)),
        SourceRow(2, ("Name", "Email")),
        SourceRow(3, ("First name", "Last name", "Email", "Country")),
        SourceRow(4, ("Anna", "Kovács", "anna@example.org", "HU")),
        SourceRow(5, ("First name", "Last name", "Email", "Country")),
    ]
    assert find_header(rows) == 2
    assert find_header([SourceRow(1, ("x",)), SourceRow(2, ("y",))]) == 0
    assert find_header([]) == 0


def test_saved_mapping_follows_moved_columns(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    header = ["Company", "Nom", "Courriel", "Company", "Land of origin"]
    save_mapping(path, header, {1: F.LAST_NAME, 2: F.EMAIL, 3: F.ORGANISATION, 4: F.COUNTRY})
    moved = ["land of origin", "Courriel", "Extra", "Company", "Company", "Nom"]
    assert load_mapping(path, moved) == {
        0: F.COUNTRY,
        1: F.EMAIL,
        4: F.ORGANISATION,
        5: F.LAST_NAME,
    }
    assert load_mapping(path, ["Something else"]) == {}
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{"columns": 3}', '{"columns": [{"header": "A"}]}',
     '{"columns": [{"header": "A", "occurrence": 1, "field": "shoe_size"}]}',
     '{"columns": [{"header": 5, "occurrence": 1, "field": "email"}]}', "\udcff"],
)  # fmt: skip
def test_malformed_mapping_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(UserError, match=r"bad\.json is not a column mapping saved by this program"):
        load_mapping(path, ["A"])
    with pytest.raises(UserError, match="does not exist"):
        load_mapping(tmp_path / "none.json", ["A"])
