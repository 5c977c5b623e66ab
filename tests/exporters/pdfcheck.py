"""Reading our PDFs back as a reader would: the text (PDFium, the engine of Chrome's viewer,
which follows ToUnicode maps and /ActualText and puts right-to-left text in reading order),
the fonts (pypdf), and the QR codes (PDFium renders the page, zxing-cpp decodes it)."""

from __future__ import annotations

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
