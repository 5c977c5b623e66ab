"""Hostile and broken files: each is refused with one UserError that says what is wrong and what
to do, within seconds, before any parser can be made to exhaust memory or read local files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.sources import open_source
from tests.core.importing.fixtures import (
    BILLION_LAUGHS,
    SHARED_STRINGS,
    external_entity_sheet,
    forged_size,
    ole2_file,
    with_shared_strings,
    write_xlsx,
    zip_bomb,
)

FAST = 5.0  # seconds: every refusal comes quickly


def refused(path: Path) -> str:
    started = time.monotonic()
    with pytest.raises(UserError) as info, open_source(path) as source:
        list(source.rows())
    assert time.monotonic() - started < FAST
    message = info.value.message
    assert "Traceback" not in message
    assert "\n" not in message
    assert path.name in message
    return message


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "base.xlsx", {"S": [["First name", "Last name"], ["Anna", "Kovács"]]}
    )


def test_billion_laughs_in_shared_strings(book: Path, tmp_path: Path) -> None:
    benign = with_shared_strings(book, tmp_path / "benign.xlsx", SHARED_STRINGS)
    with open_source(benign) as source:  # the same construction without the DTD is fine
        assert len(list(source.rows())) == 2
    bomb = with_shared_strings(book, tmp_path / "laughs.xlsx", BILLION_LAUGHS)
    message = refused(bomb)
    assert "xl/sharedStrings.xml" in message
    assert "entities" in message


def test_external_entity_is_never_resolved(book: Path, tmp_path: Path) -> None:
    message = refused(external_entity_sheet(book, tmp_path / "xxe.xlsx"))
    assert "xl/worksheets/sheet1.xml" in message
    assert "root:" not in message


def test_zip_bomb_refused_from_the_central_directory(book: Path, tmp_path: Path) -> None:
    bomb = zip_bomb(book, tmp_path / "bomb.xlsx", megabytes=300)
    assert bomb.stat().st_size < 2 << 20  # small on disk
    assert "zip bomb" in refused(bomb)


def test_part_larger_than_it_declares_is_refused(book: Path, tmp_path: Path) -> None:
    assert "zip bomb" in refused(forged_size(book, tmp_path / "forged.xlsx"))


def test_truncated_workbook(book: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    assert "damaged or incomplete" in refused(cut)


def test_corrupted_part(book: Path, tmp_path: Path) -> None:
    data = bytearray(book.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 40
    data[start : start + 40] = bytes(40)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(bytes(data))
    assert "damaged" in refused(broken)


WRONG_FILES: list[tuple[str, Callable[[Path], object], str]] = [
    (
        "report.xlsx",
        lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        "looks like a PDF",
    ),
    ("photo.xlsx", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "PNG image"),
    ("empty.xlsx", lambda p: p.write_bytes(b""), "is empty"),
    ("empty.csv", lambda p: p.write_bytes(b""), "is empty"),
    ("page.xls", lambda p: p.write_bytes(b"<!DOCTYPE html><html><table>"), "web page"),
    ("secret.xlsx", lambda p: ole2_file(p, "EncryptedPackage"), "protected with a password"),
    ("old.xls", lambda p: ole2_file(p, "Workbook"), "old Excel 97-2003 workbook"),
    ("letter.xlsx", lambda p: ole2_file(p, "WordDocument"), "Word document"),
    (
        "nul.csv",
        lambda p: p.write_bytes(b"Name,Email\nAnna,a@example.org\x00\x00\nB,b@x.org\n"),
        "NUL",
    ),
    (
        "binary.xlsx",
        lambda p: p.write_bytes(b"\x01\x02\x00\x00garbage" * 50),
        "not an Excel workbook",
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), WRONG_FILES, ids=[w[0] for w in WRONG_FILES])
def test_wrong_files(
    tmp_path: Path, name: str, make: Callable[[Path], object], expected: str
) -> None:
    path = tmp_path / name
    make(path)
    message = refused(path)
    assert expected in message
    assert "try again" in message or "Choose" in message or "Save" in message


def test_other_zips(tmp_path: Path) -> None:
    import zipfile

    docx = tmp_path / "minutes.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert "it is a Word document" in refused(docx)
    ods = tmp_path / "list.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office/>")
    assert "OpenDocument" in refused(ods)
    encrypted = tmp_path / "zipcrypto.xlsx"
    with zipfile.ZipFile(encrypted, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(encrypted.read_bytes())
    data[6] |= 1  # the encryption flag, in the local header
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 1  # and in the central directory
    encrypted.write_bytes(bytes(data))
    assert "password" in refused(encrypted)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"gone\.xlsx does not exist"):
        open_source(tmp_path / "gone.xlsx")
    with pytest.raises(UserError, match="is a folder"):
        open_source(tmp_path)
