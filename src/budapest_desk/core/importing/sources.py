"""Reading an imported file safely as rows of literal text.

A file is recognised by its first bytes, not its name: a workbook saved as ".xls" or ".csv" by
mistake still opens, and a PDF renamed ".xlsx" is refused with one message that says what it
looks like. Workbooks (xlsx, xlsm) are read by xlsx_source, text (csv, txt, tsv) by csv_source.

Every cell comes out as text, exactly as the user sees it: stripped, NFC, numbers without a
spurious ".0", dates in ISO 8601, booleans as TRUE/FALSE, formulas as their cached value (never
evaluated). Rows that are blank are skipped, but every row keeps its number in the file, so a
message can say "row 17" and the user finds row 17 in Excel.
"""

from __future__ import annotations

import abc
import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from budapest_desk.core.errors import UserError

# A cell longer than this is cut to one character more, so memory stays bounded and the value
# is still recognisably too long: values.check_text refuses it for the row (naming the row and
# field) instead of the whole file being refused or a silently shortened value imported.
MAX_CELL_CHARS = 10_000
# More columns than this is a damaged or generated file, not a list of people.
MAX_COLUMNS = 1_000

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods"})

# First bytes of files people mistake for spreadsheets, and what to call them in a message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class SourceOptions:
    """What the user chose in the wizard; None means detect."""

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    kind: Literal["xlsx", "csv"]
    sheets: tuple[str, ...]  # every worksheet, in workbook order (empty for text)
    sheet: str | None  # the sheet being read
    encoding: str | None  # the text encoding used (None for workbooks)
    delimiter: str | None  # the delimiter used (None for workbooks)
    total_rows: int | None  # rows in the file or an estimate, for a progress bar


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1-based row number in the file/sheet as the user sees it in Excel
    cells: tuple[str, ...]  # trailing empty cells are dropped: use cell(i)

    def cell(self, index: int) -> str:
        """The text of column `index` (0 = column A), "" beyond the row's last filled cell."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""


class Source(abc.ABC):
    """An open file. Use as a context manager; rows() streams and may be called again."""

    info: SourceInfo

    @abc.abstractmethod
    def rows(self) -> Iterator[SourceRow]:
        """The non-blank rows, in file order."""

    def preview(self, n: int = 30) -> list[SourceRow]:
        """The first n non-blank rows, for the wizard."""
        return list(islice(self.rows(), n))

    def close(self) -> None:  # noqa: B027 - most sources hold nothing open between calls
        """Release what the source holds."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_source(path: Path, options: SourceOptions = SourceOptions()) -> Source:
    """Open `path` for reading: a workbook or a text file, told apart by content.

    Every problem with the file is one UserError naming the file and saying what to do.
    """
    from budapest_desk.core.importing.csv_source import CsvSource
    from budapest_desk.core.importing.xlsx_guard import describe_ole2
    from budapest_desk.core.importing.xlsx_source import XlsxSource

    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise UserError(f"{name} does not exist (any more). Choose the file again.") from None
    except IsADirectoryError:
        raise UserError(f"{name} is a folder, not a file. Choose a file.") from None
    except OSError as exc:
        raise UserError(f"{name} cannot be read ({exc.strerror}). Check the file.") from None
    if size == 0:
        raise UserError(f"{name} is empty. Choose the file that holds the registrations.")
    if head.startswith(ZIP_MAGIC):
        return XlsxSource(path, options)
    if head.startswith(OLE2_MAGIC):
        raise UserError(describe_ole2(path))
    looks_like = _looks_like(head)
    if looks_like:
        what = "an Excel workbook" if path.suffix.lower() in WORKBOOK_SUFFIXES else "a spreadsheet"
        raise UserError(
            f"{name} is not {what} (it looks like {looks_like}). "
            "Save it as .xlsx or .csv and try again."
        )
    if path.suffix.lower() in WORKBOOK_SUFFIXES and b"\x00" in head:
        raise UserError(
            f"{name} is not an Excel workbook (its contents are not recognised). "
            "Open it in Excel, save it as .xlsx or .csv and try again."
        )
    return CsvSource(path, options, head)


def _looks_like(head: bytes) -> str | None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "an HTML web page"
    if text.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head.lower():
            return "an Excel 2003 XML spreadsheet"
        return "an XML document"
    return None


def cell_text(value: object) -> str:
    """The literal text of a cell value, as Excel shows it and as we store it."""
    if isinstance(value, str):
        return clean_cell(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # calamine returns every number as a float: 36301234567.0 is the phone 36301234567.
        # Otherwise the 15 significant digits Excel shows: 0.1 + 0.2 is "0.3".
        if value.is_integer():
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return clean_cell(str(value))


def clean_cell(text: str) -> str:
    """Stripped, NFC, and at most MAX_CELL_CHARS + 1 characters (see MAX_CELL_CHARS)."""
    text = text.strip()
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS + 1]
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def finish_row(number: int, cells: list[str], name: str) -> SourceRow | None:
    """A SourceRow from cleaned cells, or None for a blank row; trailing blanks dropped."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    if not end:
        return None
    if end > MAX_COLUMNS:
        raise UserError(
            f"{name} has more than {MAX_COLUMNS:,} columns in row {number}: it is not a list "
            "of registrations. Check that you chose the right file or sheet."
        )
    return SourceRow(number, tuple(cells[:end]))
