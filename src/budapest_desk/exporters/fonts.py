"""The fonts of every PDF: the Noto fonts shipped in resources/fonts, registered with reportlab
once, one per script of the region. reportlab's base-14 fonts (Helvetica...) are never used for
text: they draw a black box for ő, ş, İ and all of Cyrillic without a word of warning.

Text is shaped by HarfBuzz (exporters/typeset.py), which picks the right glyph for each letter in
its context: Arabic-script letters joined, Bengali conjuncts and reordered vowel signs. Many of
those glyphs (a medial ځ, a conjunct ক্ষ) have no Unicode character of their own, so reportlab
cannot be handed a character for them. `ShapingFont.glyph_char` gives such a glyph a private-use
character that stands for it, remembers the text it shows, and writes that text into the
font's ToUnicode map, so that copying, searching and reading the PDF back give the real letters.
"""

from __future__ import annotations

import enum
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFStream
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from budapest_desk import resources
from budapest_desk.exporters.pdf_spool import SpoolingCanvas


class Script(enum.Enum):
    """The font families the PDFs use. Latin, Cyrillic and Greek share one font (Noto Sans)."""

    LATIN = "Sans"
    GEORGIAN = "Georgian"
    ARMENIAN = "Armenian"
    ARABIC = "Arabic"
    BENGALI = "Bengali"


FONT_FILES: dict[Script, tuple[str, str]] = {
    Script.LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    Script.GEORGIAN: ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
    Script.ARMENIAN: ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
    Script.ARABIC: ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    Script.BENGALI: ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
}

# Private-use characters stand for glyphs without a character of their own.
_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF


class ShapingFont(TTFont):
    """A TrueType font whose shaped glyphs keep their text in the PDF."""

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(name, io.BytesIO(data), shapable=False)
        self.hb_font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data)))
        self.units_per_em: int = self.hb_font.face.upem
        self._texts: dict[int, str] = {}  # private-use character -> the text its glyph shows
        self._private: dict[tuple[int, str], str] = {}  # (glyph, text) -> private-use character
        self._next_private = _PRIVATE_FIRST
        self._lock = threading.Lock()

    def glyph_char(self, glyph: int, text: str) -> str:
        """The character to hand reportlab for `glyph` when it shows `text`: the font's own
        character for the glyph where it has one and that is the text, otherwise a private-use
        character mapped to the glyph (and, in the PDF's ToUnicode map, to `text`)."""
        key = (glyph, text)
        found = self._private.get(key)
        if found is not None:
            return found
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == glyph:
            return text
        with self._lock:
            found = self._private.get(key)
            if found is not None:
                return found
            code = self._next_private
            while code in face.charToGlyph:
                code += 1
            if code > _PRIVATE_LAST:
                raise RuntimeError(f"{self.fontName}: more shaped glyphs than private-use codes")
            self._next_private = code + 1
            face.charToGlyph[code] = glyph
            face.charWidths[code] = round(
                self.hb_font.get_glyph_h_advance(glyph) * 1000 / self.units_per_em
            )
            self._texts[code] = text
            self._private[key] = found = chr(code)
        return found

    def addObjects(self, doc: PDFDocument) -> None:
        """reportlab's font objects, with the ToUnicode maps rewritten so that each private-use
        character reads back as the text of its glyph (reportlab would write the private-use
        code itself)."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if not any(code in self._texts or code > 0xFFFF for code in subset):
                continue
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            stream: PDFStream = doc.idToObject["toUnicodeCMap:" + name]  # type: ignore[assignment]
            stream.content = _to_unicode_cmap(name, [self._texts.get(c, chr(c)) for c in subset])


def utf16_hex(text: str) -> str:
    """`text` as PDF writes Unicode in a CMap or a hex string: UTF-16BE in hex digits."""
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap (PDF 1.7, 9.10.3) mapping code i of a subset to texts[i]."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(texts), 100):  # at most 100 entries per block
        block = texts[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{start + i:02X}> <{utf16_hex(t) or 'FFFD'}>" for i, t in enumerate(block))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@dataclass(frozen=True)
class FontKey:
    script: Script
    bold: bool = False

    @property
    def name(self) -> str:
        """The name the font is registered under with reportlab."""
        return f"BudapestDesk-{self.script.value}-{'Bold' if self.bold else 'Regular'}"


_registered: dict[FontKey, ShapingFont] = {}
_register_lock = threading.Lock()


def font(key: FontKey) -> ShapingFont:
    """The registered font for `key`, registering all of them on first use."""
    found = _registered.get(key)
    if found is None:
        register_fonts()
        found = _registered[key]
    return found


def register_fonts() -> None:
    """Register every shipped font with reportlab, once per process."""
    with _register_lock:
        if _registered:
            return
        for script, files in FONT_FILES.items():
            for bold, filename in zip((False, True), files, strict=True):
                key = FontKey(script, bold)
                loaded = ShapingFont(key.name, resources.read_bytes("fonts", filename))
                pdfmetrics.registerFont(loaded)
                _registered[key] = loaded


def new_canvas(
    target: str | Path | BinaryIO, pagesize: tuple[float, float], **kwargs: Any
) -> SpoolingCanvas:
    """A reportlab canvas whose every font is one of ours (reportlab otherwise starts each page
    in Helvetica, which then appears in the file's fonts although nothing is drawn with it) and
    whose finished pages wait on disk, not in memory (exporters/pdf_spool.py). A canvas that
    will not be saved should be closed: its spool goes at once, not when it is collected."""
    register_fonts()
    regular = FontKey(Script.LATIN).name
    return SpoolingCanvas(
        target if not isinstance(target, Path) else str(target),
        pagesize=pagesize,
        initialFontName=regular,
        initialFontSize=10,
        **kwargs,
    )
