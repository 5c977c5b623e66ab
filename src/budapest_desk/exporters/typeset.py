"""Setting a line of text in any script of the region, for every PDF.

A text is cut into runs of one script (exporters/fonts.py picks the font of each), the runs are
put in visual order (right-to-left runs in a left-to-right line and the reverse, as the Unicode
bidi algorithm does for the two levels that names and organisations need), and each run is shaped
by HarfBuzz: Arabic-script letters joined and laid right to left (ZWNJ respected), Bengali
conjuncts formed and vowel signs reordered.

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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import uharfbuzz
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.exporters.fonts import FontKey, Script, ShapingFont, font, utf16_hex

Align = Literal["left", "centre", "right"]

# Scripts HarfBuzz must shape fully; the others are drawn without ligatures or kerning, which
# keeps each word one string (fast, and read back exactly).
_COMPLEX = {Script.ARABIC, Script.BENGALI}
_PLAIN_FEATURES = {"kern": False, "liga": False, "clig": False, "calt": False}
# Noto Naskh Arabic looks a size smaller than Noto Sans at the same size: drawn larger so that
# an Arabic-script name is as readable as a Latin one beside it.
_OPTICAL = {Script.ARABIC: 1.2}


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


def _digit_script(char: str) -> Script:
    return Script.ARABIC if 0x0600 <= ord(char) <= 0x06FF else Script.LATIN


@dataclass(frozen=True)
class Run:
    """Part of a text in one script and one direction, in logical order."""

    text: str
    script: Script
    rtl: bool
    level: int  # bidi embedding level: 0 left-to-right line, 1 right-to-left, 2 number in RTL


def runs(text: str) -> list[Run]:
    """`text` cut into runs of one script and direction, in logical order."""
    text = unicodedata.normalize("NFC", text)
    rtl_line = next((s is Script.ARABIC for s in map(_script_of, text) if s is not None), False)
    pieces: list[tuple[str, Script | None, bool]] = []  # text, script, is a number
    for char in text:
        script = _script_of(char)
        number = unicodedata.category(char) == "Nd"
        if number:
            script = _digit_script(char)
        if pieces:
            last_text, last_script, last_number = pieces[-1]
            if number:
                joins = last_number
            elif script is None:
                joins = True  # shared characters stay with what they follow
            else:
                joins = not last_number and last_script in (None, script)
            if joins:
                pieces[-1] = (last_text + char, last_script or script, last_number)
                continue
        pieces.append((char, script, number))
    result: list[Run] = []
    for piece, script, number in pieces:
        chosen = script or (Script.ARABIC if rtl_line else Script.LATIN)
        rtl = chosen is Script.ARABIC and not number
        if rtl:
            level = 1
        elif rtl_line:
            level = 2
        else:
            level = 2 if number and result and result[-1].rtl else 0
        result.append(Run(piece, chosen, rtl, level))
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


@dataclass(frozen=True)
class Glyph:
    char: str  # what reportlab is handed for this glyph (see fonts.ShapingFont.glyph_char)
    x: float  # offset from the run's left edge, in font units
    y: float


@dataclass(frozen=True)
class ShapedRun:
    key: FontKey
    advance: int  # in font units
    # (x, y, characters), left to right: glyphs that follow one another at the font's own
    # advances, drawn with one positioning and one string each
    strokes: tuple[tuple[float, float, str], ...]
    actual: str | None  # the text, when its glyphs do not show its letters one each
    # Looked up once here rather than per measure and per draw (from key): the font and the
    # factor its size is drawn at (_OPTICAL).
    font: ShapingFont = field(compare=False, repr=False)
    optical: float = field(compare=False, repr=False)


@functools.lru_cache(maxsize=20_000)
def shape(text: str, script: Script, rtl: bool, bold: bool) -> ShapedRun:
    """One run shaped by HarfBuzz; cached, as names are measured and drawn more than once."""
    key = FontKey(script, bold)
    shaping_font = font(key)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"  # numbers in Arabic script stay left to right
    # A ZWNJ or ZWJ does its work (no joining, joining) and leaves no glyph behind.
    buffer.flags = uharfbuzz.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    features = None if script in _COMPLEX else _PLAIN_FEATURES
    uharfbuzz.shape(shaping_font.hb_font, buffer, features)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions

    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    char_to_glyph = shaping_font.face.charToGlyph
    glyphs: list[Glyph] = []
    one_each = True  # every cluster one glyph showing one letter
    x = 0
    i = 0
    while i < len(infos):
        start = infos[i].cluster
        j = i
        while j < len(infos) and infos[j].cluster == start:
            j += 1
        shown = text[start : ends[start]].replace("\u200c", "").replace("\u200d", "")
        one_each = one_each and (rtl or j - i == 1)
        # Each glyph reads back as its own letter where the font has one for it; the rest of
        # the cluster's letters go to the first other glyph (reversed in right-to-left text,
        # where readers take a glyph's letters as laid out, right to left).
        rest = list(shown)
        own: list[str | None] = []
        for info in infos[i:j]:
            mine = next((c for c in rest if char_to_glyph.get(ord(c)) == info.codepoint), None)
            if mine is not None:
                rest.remove(mine)
            own.append(mine)
        for info, pos, mine in zip(infos[i:j], positions[i:j], own, strict=True):
            if mine is None:
                mine = "".join(reversed(rest) if rtl else rest) or "\u200b"
                rest = []
            char = shaping_font.glyph_char(info.codepoint, mine)
            glyphs.append(Glyph(char, x + pos.x_offset, pos.y_offset))
            x += pos.x_advance
        i = j
    return ShapedRun(
        key,
        x,
        _strokes(shaping_font, glyphs),
        None if one_each else text,
        shaping_font,
        _OPTICAL.get(script, 1.0),
    )


_DRIFT = 1.5  # font units (about 1/1000 em): further off, a glyph is positioned on its own


def _strokes(
    shaping_font: ShapingFont, glyphs: Sequence[Glyph]
) -> tuple[tuple[float, float, str], ...]:
    widths = shaping_font.face.charWidths
    per_unit = shaping_font.units_per_em / 1000
    strokes: list[tuple[float, float, str]] = []
    pen = 0.0
    for glyph in glyphs:
        advance = widths.get(ord(glyph.char), 0) * per_unit
        if strokes and glyph.y == strokes[-1][1] and abs(glyph.x - pen) <= _DRIFT:
            sx, sy, chars = strokes[-1]
            strokes[-1] = (sx, sy, chars + glyph.char)
        else:
            strokes.append((glyph.x, glyph.y, glyph.char))
        pen = glyph.x + advance
    return tuple(strokes)


@dataclass(frozen=True)
class Line:
    """A line of text shaped and in visual order, ready to measure and draw."""

    text: str
    pieces: tuple[ShapedRun, ...]
    bold: bool

    def width(self, size: float) -> float:
        return sum(p.advance * (size * p.optical) / p.font.units_per_em for p in self.pieces)


@functools.lru_cache(maxsize=20_000)
def line(text: str, bold: bool = False) -> Line:
    ordered = visual_order(runs(text))
    return Line(text, tuple(shape(r.text, r.script, r.rtl, bold) for r in ordered), bold)


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
    shaped = line(text, bold)
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
            for subset, encoded in ttf.splitString(chars, doc):
                if subset != subset_now:
                    name = ttf.getSubsetInternalName(subset, doc)
                    ops.append(f"{name} {_font_size(run_size)}")
                    subset_now = subset
                ops.append(f"({escapePDF(encoded)}) Tj")
            code.append(" ".join(ops))
        code.append("ET")
        canvas.addLiteral(" ".join(code))
        if piece.actual is not None:
            canvas.addLiteral("EMC")
        left += piece.advance * scale
    return total


# What PDFTextObject writes: "BT" and its origin at 0 0 (beginText()), a text matrix per
# setTextOrigin (flipped on a top-down canvas), and "size Tf leading TL" whenever the font's
# subset changes, leading being 1.2 x size (setFont without a leading).
_TEXT_START = ("BT 1 0 0 1 0 0 Tm", "1 0 0 1")
_TEXT_START_TOP_DOWN = ("BT 1 0 0 -1 0 0 Tm", "1 0 0 -1")


@functools.lru_cache(maxsize=4096)
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
