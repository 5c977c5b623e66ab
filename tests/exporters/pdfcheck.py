"""Reading our PDFs back as a reader would: the text (PDFium, the engine of Chrome's viewer,
which follows ToUnicode maps and /ActualText and puts right-to-left text in reading order),
the fonts (pypdf), and the QR codes (PDFium renders the page, zxing-cpp decodes it)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2
import zxingcpp

BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "Times-Roman",
    "ZapfDingbats",
}


def comparable(text: str) -> str:
    """Text as compared with what was drawn: NFC, without ZWNJ/ZWJ (which shape the letters
    around them and leave no glyph of their own), spaces collapsed. PDFium reports a hyphen
    that ends a line as U+FFFE (it may be a soft hyphen): ours are real hyphens."""
    text = (
        unicodedata.normalize("NFC", text)
        .replace("\ufffe", "-")
        .replace("\u200c", "")
        .replace("\u200d", "")
    )
    return " ".join(text.replace("\u200b", "").split())


def page_texts(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [comparable(page.get_textpage().get_text_range()) for page in pdf]
    finally:
        pdf.close()


def fonts_used(path: Path) -> dict[str, bool]:
    """Every font the pages use: its base name -> whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/")
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[name] = embedded
    return found


def qr_codes(path: Path, page: int = 0, dpi: int = 200) -> list[str]:
    """The QR codes on a page, decoded from the rendered page."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        image = pdf[page].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(path).pages
    ]


def xref_problems(path: Path) -> list[str]:
    """What is wrong with the file's cross-reference table (a classic table in one section, as
    reportlab writes): startxref must point at it, its size must be the trailer's, and each
    object it lists must begin at its offset, no two at one. Readers rebuild a broken table
    silently, so reading the file back does not show these."""
    data = path.read_bytes()
    end = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if end is None:
        return ["no startxref at the end"]
    start = int(end[1])
    head = re.compile(rb"xref\n0 (\d+)\n").match(data, start)
    if head is None:
        return [f"startxref {start} does not point at a table"]
    count = int(head[1])
    problems = []
    size = re.search(rb"trailer\s*<<.*?/Size (\d+)", data[start:], re.DOTALL)
    if size is None or int(size[1]) != count:
        problems.append(f"the trailer's /Size is not the table's {count}")
    table = data[head.end() : head.end() + 20 * count]
    entries = [table[i : i + 20] for i in range(0, len(table), 20)]
    if len(entries) != count or entries[0] != b"0000000000 65535 f \n":
        return [*problems, "the table is cut short or its first entry is not free"]
    offsets = set()
    for number, entry in enumerate(entries[1:], 1):
        found = re.fullmatch(rb"(\d{10}) (\d{5}) n \n", entry)
        if found is None:
            problems.append(f"object {number}: entry {entry!r}")
            continue
        offset = int(found[1])
        if not data.startswith(b"%d %d obj" % (number, int(found[2])), offset):
            problems.append(f"object {number} is not at {offset}")
        if offset in offsets:
            problems.append(f"object {number} shares offset {offset}")
        offsets.add(offset)
    return problems
