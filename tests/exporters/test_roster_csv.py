"""The CSV roster: UTF-8 with a BOM, Excel dialect, comma, semicolon or tab."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.progress import CancelToken
from budapest_desk.exporters.roster_csv import write_roster_csv
from budapest_desk.exporters.tabular import ROSTER_HEADER
from tests.exporters.samples import (
    CHECKED_IN_AT,
    EVENT,
    HOSTILE,
    NAMES,
    registration,
    registrations,
)


def _read(path: Path, delimiter: str = ",") -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_bom_crlf_and_header(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    write_roster_csv(path, EVENT, registrations(3))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTitle,First name,Last name,")
    assert data.count(b"\r\n") == 4
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = _read(path)
    assert rows[0] == list(ROSTER_HEADER)
    assert len(rows) == 4


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_and_quotes(tmp_path: Path, delimiter: str) -> None:
    tricky = 'O\'Brien, "Jr."; \tnotes\r\non two lines'
    path = tmp_path / "roster.csv"
    write_roster_csv(path, EVENT, [registration(1, notes=tricky)], delimiter=delimiter)
    header, row = _read(path, delimiter)
    assert header == list(ROSTER_HEADER)
    assert row[ROSTER_HEADER.index("Notes")] == tricky
    assert path.read_bytes()[3:].split(b"\r\n")[0] == delimiter.join(ROSTER_HEADER).encode()


def test_only_comma_semicolon_or_tab(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="comma, a semicolon or a tab"):
        write_roster_csv(tmp_path / "roster.csv", EVENT, [], delimiter="|")
    assert list(tmp_path.iterdir()) == []


def test_names_phone_numbers_and_times(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    rows = registrations(len(NAMES))
    rows[0] = registration(0, checked_in=True, checked_in_at=CHECKED_IN_AT, notes="-12")
    write_roster_csv(path, EVENT, rows)
    read = _read(path)[1:]
    assert [(r[1], r[2], r[12]) for r in read] == NAMES
    assert read[0][ROSTER_HEADER.index("Checked in at")] == "2027-05-12T08:30:00+02:00"
    assert read[1][ROSTER_HEADER.index("Checked in at")] == ""
    assert read[0][ROSTER_HEADER.index("Phone")] == "+36 1 234 5678"
    assert read[0][ROSTER_HEADER.index("Notes")] == "-12"
    # byte-exact: the ZWNJ of the Persian name is there
    assert "محمد\u200cرضا".encode() in path.read_bytes()


def test_hostile_cells_are_protected(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    write_roster_csv(path, EVENT, [registration(i, first_name=v) for i, v in enumerate(HOSTILE)])
    assert [r[1] for r in _read(path)[1:]] == ["'" + v for v in HOSTILE]


def test_cancel_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "roster.csv"
    target.write_text("yesterday")
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        write_roster_csv(target, EVENT, registrations(1500), progress=progress, cancel=token)
    assert seen == [1000]
    assert target.read_text() == "yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]
