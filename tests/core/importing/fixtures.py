"""Builders of the files the importer meets: real files written to tmp_path, openpyxl for
workbooks (then edited inside the zip where openpyxl cannot write what Excel does) and plain
bytes for text."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import openpyxl

Cell = str | int | float | bool | dt.datetime | dt.date | None

INDICO_HEADER = [
    "ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation", "Position",
    "Country", "Phone Number", "Title", "Registration date", "Registration state", "Price",
    "Checked in", "Check-in date",
]  # fmt: skip

PRETIX_POSITIONS_HEADER = [
    "Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date",
    "Order time", "Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value",
    "Attendee name", "Attendee name: Title", "Attendee name: Given name",
    "Attendee name: Family name", "Attendee email", "Company", "Address", "ZIP code", "City",
    "Country", "State", "Voucher", "Pseudonymization ID", "Order comment", "Company",
    "Invoice address name", "Address", "ZIP code", "City", "Country", "State", "VAT ID",
    "Sales channel", "Order locale", "Checked in",
]  # fmt: skip

# Names in the scripts of the region, each exactly as it must come back (NFC).
WORLD_NAMES = [
    ("Mahdi", "\u0645\u0647\u062f\u06cc\u200c\u0632\u0627\u062f\u0647"),  # مهدی‌زاده, with ZWNJ
    ("Ольга", "Иванова"),
    ("Νίκος", "Παπαδόπουλος"),
    ("გიორგი", "ბერიძე"),
    ("Gyöngyvér", "Kovács"),
    ("Łukasz", "Wąsowski"),
    ("Jiří", "Dvořák"),
    ("Ayşe", "Yılmaz"),
    ("Anahit", "Հակոբյան"),
]


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Cell]]],
    *,
    merges: dict[str, list[str]] | None = None,
    hidden: Sequence[str] = (),
) -> Path:
    """A workbook with one sheet per entry, rows from A1, optional merged ranges."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def indico_xlsx(path: Path, people: int = 3) -> Path:
    """Indico's registration export, with two title rows and a blank row above the header."""
    rows: list[list[Cell]] = [
        ["Ministerial Conference on Migration, Budapest 2026"],
        ["Registrations exported 2026-05-01"],
        [],
        list(INDICO_HEADER),
    ]
    states = ["Completed", "Withdrawn", "Awaiting payment", "Rejected", "Pending"]
    for i in range(people):
        first, last = WORLD_NAMES[i % len(WORLD_NAMES)]
        rows.append([
            i + 1, f"{first} {last}", first, last, f"person{i}@example.org",
            "Ministry of Interior", "Head of Unit", "Hungary", "+36 1 234 5678", "Dr",
            dt.datetime(2026, 4, 1, 9, 30), states[i % len(states)], 0, i == 0,
            dt.datetime(2026, 5, 2, 8, 15) if i == 0 else "",
        ])  # fmt: skip
    return write_xlsx(path, {"Registrations": rows})


def pretix_xlsx(path: Path) -> Path:
    """pretix's order data: orders on the first sheet, attendees on the second."""
    orders = [["Event slug", "Order code", "Order total", "Status", "Email"],
              ["mc26", "ABC12", 0, "paid", "booker@example.org"]]  # fmt: skip
    position = dict.fromkeys(PRETIX_POSITIONS_HEADER, "")
    rows: list[list[Cell]] = [list(PRETIX_POSITIONS_HEADER)]
    for i, (status, (first, last)) in enumerate(
        zip(["paid", "canceled"], WORLD_NAMES, strict=False)
    ):
        values = dict(position)
        values.update({
            "Event slug": "mc26", "Order code": f"ABC1{i}", "Position ID": str(i + 1),
            "Status": status, "Email": "booker@example.org", "Attendee name": f"{first} {last}",
            "Attendee name: Given name": first, "Attendee name: Family name": last,
            "Attendee email": f"attendee{i}@example.org", "Country": "AT", "Company": "BMI",
        })  # fmt: skip
        row = [values[h] for h in PRETIX_POSITIONS_HEADER]
        row[PRETIX_POSITIONS_HEADER.index("Company", 20)] = "Invoice Company Ltd"
        row[PRETIX_POSITIONS_HEADER.index("Country", 24)] = "DE"
        rows.append(row)
    return write_xlsx(path, {"Orders": orders, "Order positions": rows, "Order fees": [["Fee"]]})


def edit_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the zip `src` with some members replaced or added."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename not in replace:
                new.writestr(item, old.read(item.filename))
        for name, data in replace.items():
            new.writestr(name, data)
    return dst


def with_cached_values(path: Path, cached: dict[str, str]) -> Path:
    """Give formula cells the cached values Excel stores and openpyxl does not write.

    `cached` maps a cell reference to its text; the cell becomes a formula string result
    (t="str"), as Excel saves "=A2&B2".
    """
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    for ref, text in cached.items():
        xml, count = re.subn(
            rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>',
            rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{text}</v>',
            xml,
        )
        assert count == 1, ref
    return edit_zip(
        path, path.with_name("cached-" + path.name), {"xl/worksheets/sheet1.xml": xml.encode()}
    )


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""

SHARED_STRINGS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>Anna</t></si></sst>"""


def with_shared_strings(path: Path, dst: Path, shared_strings: bytes) -> Path:
    """The workbook with a sharedStrings part, declared as Excel declares it."""
    with zipfile.ZipFile(path) as book:
        types = book.read("[Content_Types].xml").replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        rels = book.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    parts = {
        "[Content_Types].xml": types,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/sharedStrings.xml": shared_strings,
    }
    return edit_zip(path, dst, parts)


def external_entity_sheet(path: Path, dst: Path) -> Path:
    """The first sheet made to pull in /etc/passwd through an external entity."""
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    evil = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    xml = evil + xml.replace("<t>Anna</t>", "<t>&xxe;</t>", 1)
    return edit_zip(path, dst, {"xl/worksheets/sheet1.xml": xml.encode()})


def zip_bomb(path: Path, dst: Path, megabytes: int = 300) -> Path:
    """The workbook plus a part of `megabytes` MB of zeros, compressed as it is written
    (about 0.3 MB on disk), the way a decompression bomb is made."""
    edit_zip(path, dst, {})
    zeros = bytes(1 << 20)
    with (
        zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as book,
        book.open("xl/media/padding.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(zeros)
    return dst


def forged_size(path: Path, dst: Path, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook with one part's declared size forged smaller than it is (and the checksum
    forged to match the shortened part): the bomb that central-directory checks cannot see."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(part)
        content = book.read(part)
    small = 16
    fields = struct.pack("<I", zlib.crc32(content[:small])), struct.pack("<I", small)
    local = info.header_offset
    data[local + 14 : local + 18], data[local + 22 : local + 26] = fields
    name = part.encode()
    for match in re.finditer(re.escape(b"PK\x01\x02"), bytes(data)):
        entry = match.start()
        if data[entry + 46 : entry + 46 + len(name)] == name:
            data[entry + 16 : entry + 20], data[entry + 24 : entry + 28] = fields
            break
    else:
        raise AssertionError(part)
    dst.write_bytes(bytes(data))
    return dst


def ole2_file(path: Path, stream: str) -> Path:
    """An OLE2 ("CFB") container naming `stream` in its directory, as Excel's encrypted
    workbooks (EncryptedPackage) and legacy .xls files (Workbook) do."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    entry = stream.encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
    path.write_bytes(header + bytes(512) + entry + bytes(4096))
    return path


def text_file(path: Path, text: str, encoding: str, *, bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.encode(encoding))
    return path
