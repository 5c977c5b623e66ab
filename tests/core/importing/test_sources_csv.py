"""Text files as Excel and web forms save them: encodings, delimiters, quoting, limits."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.sources import SourceOptions, SourceRow, open_source
from tests.core.importing.fixtures import WORLD_NAMES, text_file

CENTRAL = (
    "Vezetéknév;Keresztnév;Ország\r\n"
    "Kovács;Gyöngyvér;Magyarország\r\n"
    "Szőke;Győző;Magyarország\r\n"
    "Dvořák;Jiří;Česko\r\n"
    "Wąsowski;Łukasz;Polska\r\n"
    "Nagy-Bíró;Ödön;HU\r\n"
)
WESTERN = (
    "Nom,Prénom,Pays\r\n"
    "Lefèvre,Hélène,France\r\n"
    "Crèvecœur,Anaïs,France\r\n"
    "Müller,Jürgen,Deutschland\r\n"
    "Großmann,Björn,Österreich\r\n"
    "Núñez,José,España\r\n"
)


def read(
    path: Path, options: SourceOptions | None = None
) -> tuple[list[SourceRow], str | None, str | None]:
    with open_source(path, options or SourceOptions()) as source:
        rows = list(source.rows())
        assert list(source.rows()) == rows  # streams again
        return rows, source.info.encoding, source.info.delimiter


def expected(text: str, delimiter: str) -> list[tuple[str, ...]]:
    return [tuple(line.split(delimiter)) for line in text.splitlines()]


def test_cp1250_semicolon_csv_with_central_european_names(tmp_path: Path) -> None:
    rows, encoding, delimiter = read(text_file(tmp_path / "hu.csv", CENTRAL, "cp1250"))
    assert (encoding, delimiter) == ("cp1250", ";")
    assert [r.cells for r in rows] == expected(CENTRAL, ";")


def test_cp1252_comma_csv_with_western_names(tmp_path: Path) -> None:
    rows, encoding, delimiter = read(text_file(tmp_path / "fr.csv", WESTERN, "cp1252"))
    assert (encoding, delimiter) == ("cp1252", ",")
    assert [r.cells for r in rows] == expected(WESTERN, ",")


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    text = "First name,Last name\n" + "".join(f"{first},{last}\n" for first, last in WORLD_NAMES)
    rows, encoding, _ = read(text_file(tmp_path / "u.csv", text, "utf-8", bom=bom))
    assert encoding == ("utf-8-sig" if bom else "utf-8")
    assert rows[0].cells == ("First name", "Last name")  # no BOM in the first cell
    assert [r.cells for r in rows[1:]] == [tuple(p) for p in WORLD_NAMES]


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16 LE with a BOM, tab separated, CRLF."""
    text = "First name\tLast name\tCountry\r\n" + "".join(
        f"{first}\t{last}\tXK\r\n" for first, last in WORLD_NAMES
    )
    rows, encoding, delimiter = read(
        text_file(tmp_path / "unicode.txt", text, "utf-16-le", bom=codecs.BOM_UTF16_LE)
    )
    assert (encoding, delimiter) == ("utf-16", "\t")
    assert [r.cells[:2] for r in rows[1:]] == [tuple(p) for p in WORLD_NAMES]


def test_utf16_without_bom(tmp_path: Path) -> None:
    rows, encoding, _ = read(
        text_file(tmp_path / "nobom.txt", "Name\tCountry\r\nÖdön\tHU\r\n", "utf-16-le")
    )
    assert encoding == "utf-16-le"
    assert rows[1].cells == ("Ödön", "HU")


def test_quotes_blank_lines_whitespace_and_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Kovács")
    text = (
        "Registrations; exported 2026-05-01\n\n"
        "Name;Notes;Organisation\n"
        f'" {decomposed} ";"Line one\nline two; with a semicolon";"Ministry ""A"""\n'
        ";;\n"
        "   ;  ;  \n"
        "Olga;;\n"
    )
    rows, _, delimiter = read(text_file(tmp_path / "q.csv", text, "utf-8"))
    assert delimiter == ";"
    assert rows == [
        SourceRow(1, ("Registrations", "exported 2026-05-01")),
        SourceRow(3, ("Name", "Notes", "Organisation")),
        SourceRow(4, ("Kovács", "Line one\nline two; with a semicolon", 'Ministry "A"')),
        SourceRow(7, ("Olga",)),
    ]


def test_excel_sep_line_and_user_choices(tmp_path: Path) -> None:
    path = text_file(tmp_path / "sep.csv", "sep=|\nName|Country\nAnna|HU\n", "utf-8")
    rows, _, delimiter = read(path)
    assert delimiter == "|"
    assert rows == [SourceRow(1, ("Name", "Country")), SourceRow(2, ("Anna", "HU"))]
    plain = text_file(tmp_path / "plain.csv", "Name,Country\nAnna,HU\n", "utf-8")
    rows, _, _ = read(plain, SourceOptions(delimiter=";"))
    assert rows[1].cells == ("Anna,HU",)
    with pytest.raises(UserError, match="cannot be a delimiter"):
        open_source(plain, SourceOptions(delimiter='"'))


def test_user_chosen_encoding_overrides_and_is_checked(tmp_path: Path) -> None:
    path = text_file(tmp_path / "hu.csv", CENTRAL, "cp1250")
    rows, encoding, _ = read(path, SourceOptions(encoding="cp1252"))
    assert encoding == "cp1252"
    assert rows[2].cells[0] == "Szõke"
    with pytest.raises(UserError, match=r"cannot be read as utf-8 \(line 1 does not decode\)"):
        open_source(path, SourceOptions(encoding="utf-8"))
    with pytest.raises(UserError, match="not an encoding this program knows"):
        open_source(path, SourceOptions(encoding="klingon"))


def test_limits(tmp_path: Path) -> None:
    blank = text_file(tmp_path / "blank.csv", "\r\n \r\n\r\n", "utf-8")
    with pytest.raises(UserError, match=r"blank\.csv has no rows"):
        open_source(blank)
    unclosed = text_file(
        tmp_path / "quote.csv", 'Name,Notes\nAnna,"never closed\n' + "x" * 200_000, "utf-8"
    )
    with (
        pytest.raises(UserError, match=r"row 2 has a quotation mark"),
        open_source(unclosed) as source,
    ):
        list(source.rows())
    wide = text_file(tmp_path / "wide.csv", "a," * 1500 + "b\n", "utf-8")
    with (
        pytest.raises(UserError, match="more than 1,000 columns in row 1"),
        open_source(wide) as source,
    ):
        list(source.rows())
    long_cell = text_file(tmp_path / "long.csv", "Name,Notes\nAnna," + "y" * 50_000 + "\n", "utf-8")
    rows, _, _ = read(long_cell)
    assert len(rows[1].cells[1]) == 10_001  # cut, still too long for check_text


def test_total_rows_is_the_line_count(tmp_path: Path) -> None:
    text = "Name\n" + "".join(f"P{i}\n" for i in range(999))
    with open_source(text_file(tmp_path / "n.csv", text, "utf-8")) as source:
        assert source.info.total_rows == 1000
        assert source.info.sheets == ()
        assert source.info.sheet is None
    with open_source(text_file(tmp_path / "m.csv", "Name\nP", "utf-8")) as source:
        assert source.info.total_rows == 2


def test_a_text_file_named_like_a_workbook_is_read_as_text(tmp_path: Path) -> None:
    rows, _encoding, _ = read(
        text_file(tmp_path / "export.xls", "Name;Country\nAnna;HU\n", "cp1250")
    )
    assert rows[1].cells == ("Anna", "HU")
