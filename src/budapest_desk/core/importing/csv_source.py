"""Text files (csv, txt, tsv) as saved by Excel in any language, or by any web form.

The encoding is detected (text_encoding), the delimiter is one of comma, semicolon and tab,
counted outside quotes over the first lines (csv.Sniffer guesses from any punctuation and is
easily fooled by a title line). Excel's "sep=;" first line is honoured and not shown as a row.
The file is streamed: rows() reads it again on every call and never holds it in memory.
"""

from __future__ import annotations

import codecs
import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.sources import (
    Source,
    SourceInfo,
    SourceOptions,
    SourceRow,
    clean_cell,
    finish_row,
)
from budapest_desk.core.importing.text_encoding import detect_encoding, scan_text

DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
_SNIFF_CHARS = 1 << 20


class CsvSource(Source):
    def __init__(self, path: Path, options: SourceOptions, head: bytes) -> None:
        self._path = path
        self._name = name = path.name
        encoding = options.encoding or detect_encoding(path, head)
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise UserError(f"{encoding!r} is not an encoding this program knows.") from None
        if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"  # a BOM is not part of the first cell
        self._encoding = encoding
        lines = scan_text(path, encoding, name)
        first_lines = self._first_lines()
        if not any(line.strip() for line in first_lines):
            raise UserError(f"{name} has no rows: it holds only blank lines.")
        self._skip_sep_line = bool(first_lines) and _sep_line(first_lines[0]) is not None
        delimiter = options.delimiter or (
            _sep_line(first_lines[0]) if self._skip_sep_line else None
        )
        if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
            raise UserError(f"{delimiter!r} cannot be a delimiter: choose comma, semicolon or tab.")
        self._delimiter = delimiter or _detect_delimiter(
            first_lines[self._skip_sep_line :], "\t" if encoding.startswith("utf-16") else ","
        )
        self.info = SourceInfo("csv", (), None, encoding, self._delimiter, lines)

    def _first_lines(self) -> list[str]:
        """Up to _SNIFF_LINES lines from the first _SNIFF_CHARS characters (a file with no line
        breaks must not be read whole here)."""
        with self._path.open(encoding=self._encoding, newline="") as fh:
            text = fh.read(_SNIFF_CHARS)
        lines = text.splitlines(keepends=True)
        if len(lines) > 1 and len(text) == _SNIFF_CHARS:
            lines.pop()  # cut short
        return lines[:_SNIFF_LINES]

    def rows(self) -> Iterator[SourceRow]:
        with self._path.open(encoding=self._encoding, errors="strict", newline="") as fh:
            if self._skip_sep_line:
                fh.readline()
            reader = csv.reader(fh, delimiter=self._delimiter, quotechar='"')
            number = 0
            try:
                for number, raw in enumerate(reader, start=1):
                    row = finish_row(number, [clean_cell(c) for c in raw], self._name)
                    if row is not None:
                        yield row
            except csv.Error:
                raise UserError(
                    f'{self._name}: row {number + 1} has a quotation mark (") that is never '
                    "closed, so the rest of the file runs into one cell. Correct it in Excel or "
                    "a text editor and try again."
                ) from None
            except UnicodeDecodeError:
                raise UserError(
                    f"{self._name} cannot be read as {self._encoding} (row {number + 1}). "
                    "Choose another encoding, or let the program detect it."
                ) from None


def _sep_line(line: str) -> str | None:
    """The delimiter named by Excel's "sep=;" first line, if there is one."""
    text = line.lstrip("\ufeff").rstrip("\r\n")
    if text.lower().startswith("sep=") and len(text) == 5:
        return text[4]
    return None


def _detect_delimiter(lines: list[str], default: str) -> str:
    """The candidate found the same number of times (outside quotes) on the most lines.

    Title lines above the header and a ragged last line do not break the agreement of the rest.
    A file with a single column has no delimiter at all; then `default`.
    """
    counts: dict[str, list[int]] = {d: [] for d in DELIMITERS}
    in_quotes = False
    for line in lines:
        found: Counter[str] = Counter()
        for char in line:
            if char == '"':
                in_quotes = not in_quotes
            elif not in_quotes and char in counts:
                found[char] += 1
        if not in_quotes and line.strip():
            for delimiter, per_line in counts.items():
                per_line.append(found[delimiter])
    best, best_key = default, (0, 0)
    for delimiter, per_line in counts.items():
        mode, agree = (
            Counter(n for n in per_line if n).most_common(1)[0] if any(per_line) else (0, 0)
        )
        key = (agree, mode)
        if key > best_key:
            best, best_key = delimiter, key
    return best
