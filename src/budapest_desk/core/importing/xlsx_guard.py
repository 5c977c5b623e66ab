"""Checks a workbook before calamine touches it, so a hostile or broken file is refused with one
clear message within seconds instead of exhausting memory or crashing deep in a parser.

- It must be a complete, unencrypted zip holding an Excel workbook (not Word, not OpenDocument).
- Decompression bombs are refused from the central directory (too many parts, too large in total,
  or a large part compressed too well to be a spreadsheet), and again while inflating each part,
  because declared sizes can be forged: a part that inflates beyond its declared size is refused.
- Every XML part is read by a defused expat parser up to its root element, so a DOCTYPE, entity
  declaration (billion laughs) or external entity (file:///etc/passwd) is refused without
  reading the whole part. Excel never writes any of them.

Inflating every part once costs little beside calamine's parsing (0.06-0.2 s against ~2 s for a
100,000-row workbook, tests/core/importing/bench_read_xlsx.py); it is the price of not trusting
the sizes a file declares about itself. calamine itself proved robust against these files (its
XML reader expands no entities, its zip reader checks sizes); the guard makes the refusal one
clear message, and keeps it so whatever a later calamine does.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]
from defusedxml.expatreader import (  # type: ignore[import-untyped, unused-ignore]
    create_parser,
)

from budapest_desk.core.errors import UserError

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 1 << 30  # 1 GiB inflated; 100,000 registrations are ~100 MB of XML
MAX_RATIO = 200  # spreadsheet XML compresses 5-40x; zeros compress ~1000x
RATIO_MIN_BYTES = 8 << 20  # small parts may compress well (styles, empty sheets)
MAX_PROLOGUE = 1 << 20  # bytes of an XML part before its root element
_CHUNK = 1 << 16
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_STEP = 1 << 20  # inflate at most this much at a time

_SAY_AGAIN = "Ask the sender for a new copy, or open it in Excel and save it again as .xlsx."


class _RootStarted(Exception):
    """The root element of an XML part began: everything that could declare entities is past."""


class _StopAtRoot(ContentHandler):
    def startElement(self, name: str, attrs: object) -> None:  # SAX's name
        raise _RootStarted


def check_workbook(path: Path) -> None:
    """Raise one UserError if `path` is not a safe, complete Excel workbook."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf, path.open("rb") as fh:
            infos = zf.infolist()
            _check_directory(name, infos)
            for info in infos:
                if not info.is_dir():
                    _check_member(name, fh, info)
    except zipfile.BadZipFile:
        raise UserError(
            f"{name} is damaged or incomplete (it is not a complete Excel file; perhaps a "
            "download or copy was cut short). Download or copy it again and try again."
        ) from None
    except (OSError, EOFError, zlib.error):
        raise UserError(f"{name} is damaged and cannot be read. {_SAY_AGAIN}") from None


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UserError(
            f"{name} has {len(infos):,} parts, far more than any workbook. {_SAY_AGAIN}"
        )
    names = {i.filename.lower() for i in infos}
    if not any(n == "xl/workbook.xml" or n.endswith("/workbook.xml") for n in names):
        raise UserError(_not_a_workbook(name, names))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UserError(_password_message(name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UserError(
                f"{name} uses a kind of compression Excel never writes. "
                "Open it in Excel, save it again as .xlsx and try again."
            )
        total += info.file_size
        ratio_too_high = info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if total > MAX_TOTAL_BYTES or (info.file_size > RATIO_MIN_BYTES and ratio_too_high):
            raise UserError(_bomb_message(name))


def _not_a_workbook(name: str, names: set[str]) -> str:
    if "content.xml" in names and "mimetype" in names:
        what = "an OpenDocument file (LibreOffice)"
    elif "word/document.xml" in names:
        what = "a Word document"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation"
    elif "xl/workbook.bin" in names:
        what = "an Excel binary workbook (.xlsb)"
    else:
        what = "a zip archive"
    return (
        f"{name} is not an Excel workbook (it is {what}). Save it as .xlsx or .csv and try again."
    )


def _bomb_message(name: str) -> str:
    return (
        f"{name} was refused: it would unpack to far more data than any list of registrations "
        f'(a "zip bomb" or a damaged file). {_SAY_AGAIN}'
    )


def _password_message(name: str) -> str:
    return (
        f"{name} is protected with a password. Open it in Excel, remove the password "
        "(File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and "
        "try again."
    )


def _check_member(name: str, fh: BinaryIO, info: zipfile.ZipInfo) -> None:
    """Inflate one part, counting bytes; run the XML guard over the start of XML parts."""
    produced = crc = 0
    guard: _XmlGuard | None = None
    started = False
    for data in _inflate(fh, info):
        if not data:
            continue
        produced += len(data)
        if produced > info.file_size:
            raise UserError(_bomb_message(name))
        crc = zlib.crc32(data, crc)
        if not started:
            started = True
            if data[:1] in (b" ", b"\t", b"\r", b"\n", b"<") or data.startswith(_BOMS):
                guard = _XmlGuard(name, info.filename)
        if guard is not None and guard.feed(data):
            guard = None
    if produced != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(info.filename)


class _XmlGuard:
    """A defused expat parser fed until the root element starts: everything that can declare
    entities or a document type comes before it, so the rest of the part need not be parsed."""

    def __init__(self, name: str, part: str) -> None:
        self.name = name
        self.part = part
        self.fed = 0
        self.parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.parser.setContentHandler(_StopAtRoot())

    def feed(self, data: bytes) -> bool:
        """True once the root element has started (the part is then safe)."""
        try:
            self.parser.feed(data)
        except _RootStarted:
            return True
        except DefusedXmlException:
            raise UserError(
                f"{self.name} was refused: its part {self.part} declares XML entities or a "
                "document type, which Excel never writes and which can be used to attack the "
                f"computer that opens it. {_SAY_AGAIN}"
            ) from None
        except SAXException:
            raise self._damaged() from None
        self.fed += len(data)
        if self.fed > MAX_PROLOGUE:
            raise self._damaged()
        return False

    def _damaged(self) -> UserError:
        return UserError(f"{self.name} has a damaged part ({self.part}). {_SAY_AGAIN}")


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, inflated from its raw data at most _STEP at a time."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        raw = fh.read(min(_CHUNK, left))
        if not raw:
            raise zipfile.BadZipFile(info.filename)
        left -= len(raw)
        if inflater is None:
            yield raw
            continue
        yield inflater.decompress(raw, _STEP)
        while inflater.unconsumed_tail:
            yield inflater.decompress(inflater.unconsumed_tail, _STEP)
    if inflater is not None:
        yield inflater.flush()


def describe_ole2(path: Path) -> str:
    """The message for an OLE2 ("CFB") file: Excel's encrypted xlsx, a legacy .xls, or other.

    Excel saves a password-protected workbook as a CFB container holding the streams
    EncryptionInfo and EncryptedPackage; a legacy .xls holds a Workbook (or Book) stream. The
    stream names are in the container's directory, in UTF-16: finding them needs no parser.
    """
    name = path.name
    found = _find_utf16(path, ("EncryptedPackage", "Workbook", "Book", "WordDocument"))
    if "EncryptedPackage" in found:
        return _password_message(name)
    if "Workbook" in found or "Book" in found:
        return (
            f"{name} is an old Excel 97-2003 workbook (.xls). Open it in Excel, save it as "
            "Excel Workbook (.xlsx) and try again."
        )
    if "WordDocument" in found:
        return f"{name} is a Word document, not a spreadsheet. Save the list as .xlsx or .csv."
    return f"{name} is an old Office file, not an .xlsx workbook. Save it as .xlsx or .csv."


def _find_utf16(path: Path, words: tuple[str, ...], limit: int = 64 << 20) -> set[str]:
    needles = {w: w.encode("utf-16-le") for w in words}
    found: set[str] = set()
    tail = b""
    with path.open("rb") as fh:
        read = 0
        while read < limit:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            read += len(chunk)
            window = tail + chunk
            found.update(w for w, n in needles.items() if n in window)
            tail = window[-64:]
    return found
