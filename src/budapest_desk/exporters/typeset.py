"""Setting a line of text in any script of the region, for every PDF.

A text is cut into runs of one script (exporters/fonts.py picks the font of each), the runs are
put in visual order (right-to-left runs in a left-to-right line and the reverse, as the Unicode
bidi algorithm does for the two levels that names and organisations need), and each run is shaped
by HarfBuzz (exporters/shaping.py): Arabic-script letters joined and laid right to left (ZWNJ
respected), Bengali conjuncts formed and vowel signs reordered.

A shaped run is drawn left to right at the positions HarfBuzz gives: glyphs that follow one
another at the font's own advances as one string (a whole Latin, Cyrillic, Greek, Georgian or
Armenian word; most of an Arabic or Bengali one), the others positioned one by one. Each glyph
carries the letters it shows (fonts.ShapingFont.glyph_char), and a run whose glyphs do not show
its letters one each (a Bengali conjunct, a vowel sign drawn before its consonant) carries its
text as /ActualText, so that a PDF reader copying or searching it gets the name as typed.

`fit` shrinks a text to a minimum size and then wraps it, never cutting it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.exporters.fonts import Script, ShapingFont, utf16_hex
from budapest_desk.exporters.shaping import ShapedRun, shape

Align = Literal["left", "centre", "right"]


def _script_of(char: str) -> Script | None:
    """The script of a letter or mark; None for characters every script shares (spaces,
    punctuation, digits, joiners), which take the script of the run they stand in."""
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF:
        return None if unicodedata.category(char) == "Nd" else Script.ARABIC
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return Script.ARABIC
    if 0x0980 <= code <= 0x09FF:
        return Script.BENGALI
    if 0x10A0 <= code <= 0x10FF or 0x1C90 <= code <= 0x1CBF or 0x2D00 <= code <= 0x2D2F:
        return Script.GEORGIAN
    if 0x0530 <= code <= 0x058F or 0xFB13 <= code <= 0xFB17:
        return Script.ARMENIAN
    category = unicodedata.category(char)
    if category[0] == "L":
        return Script.LATIN
    return None  # a combining mark belongs to the letter before it; the rest is shared


class Run(NamedTuple):
    """Part of a text in one script and one direction, in logical order."""

    text: str
    script: Script
    rtl: bool
    level: int  # bidi embedding level: 0 left-to-right line, 1 right-to-left, 2 number in RTL


class _Classes(dict[int, str]):
    """A code point -> its class, for str.translate: a script's letter ("L" Latin, "A" Arabic,
    "B" Bengali, "G" Georgian, "H" Armenian), a digit ("e" in the Arabic block, "b" one that
    _script_of gives a script, as Bengali digits, "d" any other), or "n" for what every script
    shares. Filled as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        script = _script_of(char)
        if unicodedata.category(char) == "Nd":
            found = "e" if 0x0600 <= code <= 0x06FF else "d" if script is None else "b"
        else:
            found = "n" if script is None else _CLASS_OF[script]
        self[code] = found
        return found


_CLASS_OF = {
    Script.LATIN: "L",
    Script.ARABIC: "A",
    Script.BENGALI: "B",
    Script.GEORGIAN: "G",
    Script.ARMENIAN: "H",
}
_SCRIPT_OF_LETTER = {c: s for s, c in _CLASS_OF.items()}
_SCRIPT_OF_CLASS: dict[str, Script | None] = {
    **_SCRIPT_OF_LETTER,
    "n": None,
    # A number's script: Arabic for the digits of the Arabic block, Latin for the others.
    "e": Script.ARABIC,
    "b": Script.LATIN,
    "d": Script.LATIN,
}
_CLASSES = _Classes()
# Texts whose every character _script_of finds Latin or shared, without digits (\d: any
# Unicode digit, Nd). The ranges are those of _script_of's other scripts.
_LATIN_ONLY = re.compile(
    r"[^\d\u0530-\u058f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u0980-\u09ff"
    r"\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f\ufb13-\ufb17\ufb50-\ufdff\ufe70-\ufeff]*"
)
_NUMBERS = frozenset("bde")
_GROUPS = re.compile(r"(.)\1*", re.DOTALL)  # a stretch of one class
_SCRIPTED = re.compile(r"[^nde]")  # a character with a script of its own (_script_of)


def runs(text: str) -> list[Run]:
    """`text` cut into runs of one script and direction, in logical order. (Not a character
    at a time: each character's class, by str.translate, then stretches of one class.)"""
    text = unicodedata.normalize("NFC", text)
    if _LATIN_ONLY.fullmatch(text):  # most texts: one Latin run, no need to class each letter
        return [Run(text, Script.LATIN, False, 0)] if text else []
    classes = text.translate(_CLASSES)
    kinds = set(classes)
    kinds.discard("n")
    # kinds is never empty: what _LATIN_ONLY rejects has a digit or a letter of another script.
    if len(kinds) <= 1 and not kinds & _NUMBERS:  # one script: one run
        only = _SCRIPT_OF_LETTER[kinds.pop()]
        rtl = only is Script.ARABIC
        return [Run(text, only, rtl, 1 if rtl else 0)]
    first = _SCRIPTED.search(classes)
    rtl_line = first is not None and first.group() == "A"
    # Stretches of one class joined into pieces: [start, end, script, is a number]
    pieces: list[list[Any]] = []
    for stretch in _GROUPS.finditer(classes):
        kind = stretch.group(1)
        script = _SCRIPT_OF_CLASS[kind]
        number = kind in _NUMBERS
        if pieces:
            last = pieces[-1]
            if number:
                joins = last[3]
            elif script is None:
                joins = True  # shared characters stay with what they follow
            else:
                joins = not last[3] and last[2] in (None, script)
            if joins:
                last[1] = stretch.end()
                last[2] = last[2] or script
                continue
        pieces.append([stretch.start(), stretch.end(), script, number])
    result: list[Run] = []
    for start, end, script, number in pieces:
        chosen = script or (Script.ARABIC if rtl_line else Script.LATIN)
        rtl = chosen is Script.ARABIC and not number
        if rtl:
            level = 1
        elif rtl_line:
            level = 2
        else:
            level = 2 if number and result and result[-1].rtl else 0
        result.append(Run(text[start:end], chosen, rtl, level))
    return result


def visual_order(items: Sequence[Run]) -> list[Run]:
    """Runs in the order they appear from left to right (Unicode bidi rule L2)."""
    ordered = list(items)
    if not ordered:
        return ordered
    highest = max(r.level for r in ordered)
    lowest_odd = min((r.level for r in ordered if r.level % 2), default=highest + 1)
    for level in range(highest, min(lowest_odd, highest + 1) - 1, -1):
        i = 0
        while i < len(ordered):
            if ordered[i].level >= level:
                j = i
                while j < len(ordered) and ordered[j].level >= level:
                    j += 1
                ordered[i:j] = ordered[i:j][::-1]
                i = j
            else:
                i += 1
    return ordered


class Line(NamedTuple):
    """A line of text shaped and in visual order, ready to measure and draw. (Run, ShapedRun
    and Line are named tuples rather than frozen dataclasses: as immutable, and several times
    faster to make, which counts when each name in a list is a new one.)"""

    text: str
    pieces: tuple[ShapedRun, ...]
    bold: bool

    def width(self, size: float) -> float:
        if len(self.pieces) == 1:  # most lines; the same sum, without a generator
            p = self.pieces[0]
            return p.advance * (size * p.optical) / p.font.units_per_em
        return sum(p.advance * (size * p.optical) / p.font.units_per_em for p in self.pieces)


@functools.lru_cache(maxsize=1024)
def line(text: str, bold: bool = False) -> Line:
    """`text` shaped; cached, as a text is measured (fitted) and then drawn, and many repeat
    (event, organisations, positions, first names). The last 1,024 lines, some 0.5 MB: a name
    met once soon goes, so that memory stays the same however many names a document has. A
    writer that measures a whole document before drawing it (exporters/participants_pdf.py)
    keeps the lines it measured and draws them with draw_line, not counting on this cache."""
    found = runs(text)
    if len(found) > 1:
        found = visual_order(found)
    return Line(text, tuple(shape(r.text, r.script, r.rtl, bold) for r in found), bold)


def width(text: str, size: float, bold: bool = False) -> float:
    return line(text, bold).width(size)


def draw(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    bold: bool = False,
    align: Align = "left",
) -> float:
    """Draw `text` with its baseline at y: starting at x (left), centred on x, or ending at x
    (right). Returns the width drawn.

    Each run is one PDF text object, written here as reportlab's PDFTextObject writes it
    (beginText, setFont, then setTextOrigin and textOut per stroke: the same operators, byte for
    byte), without what that object does and we do not need: measuring every string again to
    move a cursor nobody reads (the advances are HarfBuzz's, known already), and formatting the
    same numbers over and over."""
    return draw_line(canvas, line(text, bold), x, y, size, align=align)


def draw_line(
    canvas: Canvas, shaped: Line, x: float, y: float, size: float, *, align: Align = "left"
) -> float:
    """draw() for a line shaped already (by line()); returns the width drawn."""
    total = shaped.width(size)
    left = x - total / 2 if align == "centre" else x - total if align == "right" else x
    doc = canvas._doc  # type: ignore[attr-defined]  # the document the fonts' subsets are kept for
    begin, origin = _TEXT_START if canvas.bottomup else _TEXT_START_TOP_DOWN
    for piece in shaped.pieces:
        run_size = size * piece.optical
        ttf = piece.font
        scale = run_size / ttf.units_per_em
        if piece.actual is not None:
            canvas.addLiteral(f"/Span <</ActualText <FEFF{utf16_hex(piece.actual)}>>> BDC")
        code = [begin]
        subset_now = -1
        for sx, sy, chars in piece.strokes:
            code.append(f"{origin} {_number(left + sx * scale)} {_number(y + sy * scale)} Tm")
            ops = []
            for subset, encoded in _encode(ttf, chars, doc):
                if subset != subset_now:
                    name = ttf.getSubsetInternalName(subset, doc)
                    ops.append(f"{name} {_font_size(run_size)}")
                    subset_now = subset
                ops.append(f"({encoded.decode('latin-1').translate(_ESCAPED)}) Tj")
            code.append(" ".join(ops))
        code.append("ET")
        canvas.addLiteral(" ".join(code))
        if piece.actual is not None:
            canvas.addLiteral("EMC")
        left += piece.advance * scale
    return total


def _encode(ttf: ShapingFont, chars: str, doc: Any) -> list[tuple[int, bytes]]:
    """ttf.splitString(chars, doc): the characters as codes of the font's subsets in `doc`, a
    piece per subset. When every character has its code already (all but the first strings of
    a document, mostly), and all in one subset, the codes are looked up at once, as
    splitString would find them one by one; otherwise splitString gives them out."""
    state = ttf.state.get(doc)
    if state is not None and chars and "\xa0" not in chars:  # (splitString draws it as a space)
        assigned: dict[int, int] = state.assignments  # type: ignore[attr-defined]  # (untyped)
        try:
            codes = list(map(assigned.__getitem__, map(ord, chars)))
        except KeyError:  # a character new to the document: splitString gives it its code
            codes = []
        if codes and min(codes) >> 8 == max(codes) >> 8:
            subset = codes[0] >> 8
            return [(subset, bytes(code & 0xFF for code in codes) if subset else bytes(codes))]
    result: list[tuple[int, bytes]] = ttf.splitString(chars, doc)
    return result


# What PDFTextObject writes: "BT" and its origin at 0 0 (beginText()), a text matrix per
# setTextOrigin (flipped on a top-down canvas), and "size Tf leading TL" whenever the font's
# subset changes, leading being 1.2 x size (setFont without a leading).
_TEXT_START = ("BT 1 0 0 1 0 0 Tm", "1 0 0 1")
_TEXT_START_TOP_DOWN = ("BT 1 0 0 -1 0 0 Tm", "1 0 0 -1")


# escapePDF byte by byte, as a table for str.translate (one call in C, not a loop in Python).
_ESCAPED = [escapePDF(bytes([byte])) for byte in range(256)]


@functools.lru_cache(maxsize=1024)
def _number(value: float) -> str:
    """A coordinate as reportlab writes it (fp_str), formatted once: cells share their x and,
    page after page, many of their baselines."""
    return fp_str(value)


@functools.lru_cache(maxsize=256)
def _font_size(size: float) -> str:
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]
    leading: float  # baseline to baseline

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


LEADING = 1.18


def fit(
    text: str,
    max_width: float,
    size: float,
    min_size: float,
    *,
    max_height: float | None = None,
    bold: bool = False,
) -> Fitted:
    """The largest size down to `min_size` at which `text` fits on one line of `max_width`;
    failing that, `text` wrapped at `min_size` (words longer than a line are broken); if the
    wrapped lines are taller than `max_height`, smaller still until they fit. Nothing is ever
    cut off."""
    text = " ".join(text.split())
    one = width(text, size, bold)
    if one <= max_width:
        return Fitted(size, (text,), size * LEADING)
    shrunk = size * max_width / one
    if shrunk >= min_size:
        # Rounded down to a tenth of a point, then checked: widths are not exactly linear.
        shrunk = int(shrunk * 10) / 10
        while width(text, shrunk, bold) > max_width:
            shrunk -= 0.1
        return Fitted(shrunk, (text,), shrunk * LEADING)
    current = min_size
    while True:
        lines = wrap(text, max_width, current, bold)
        height = current * LEADING * len(lines)
        if max_height is None or height <= max_height or current <= 1:
            return Fitted(current, tuple(lines), current * LEADING)
        current *= 0.9


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; a word wider than a line is broken between letters (never inside a
    letter with its marks)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, size, bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while width(word, size, bold) > max_width:
            head = _longest_head(word, max_width, size, bold)
            lines.append(head)
            word = word[len(head) :]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _may_cut(word: str, i: int) -> bool:
    """Whether `word` may break before word[i]: not before a combining mark, and not after a
    virama or a joiner, which bind the letters on either side into one (a Bengali conjunct)."""
    before = word[i - 1]
    return (
        unicodedata.category(word[i])[0] != "M"
        and unicodedata.combining(before) != 9  # virama
        and before not in "\u200c\u200d"
    )


def _longest_head(word: str, max_width: float, size: float, bold: bool) -> str:
    """The longest start of `word` that fits, ending after a hyphen or slash where one fits,
    and at least one letter with its marks."""
    cuts = [i for i in range(1, len(word)) if _may_cut(word, i)]
    best = cuts[0] if cuts else len(word)
    fitting = [cut for cut in cuts if width(word[:cut], size, bold) <= max_width]
    if fitting:
        best = fitting[-1]
        after_dash = [cut for cut in fitting if word[cut - 1] in "-/‐"]
        if after_dash:
            best = after_dash[-1]
    return word[:best]
