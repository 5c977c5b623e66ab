"""One run of text shaped by HarfBuzz, as exporters/typeset.py draws it.

HarfBuzz gives glyphs, their clusters (where in the text each glyph's letters start) and their
positions. Glyphs that follow one another at the font's own advances become one string (a
stroke), drawn with one positioning; each glyph is handed to reportlab as the letters it shows
(fonts.ShapingFont.glyph_char), and a run whose glyphs do not show its letters one each (a
Bengali conjunct, a vowel sign drawn before its consonant) keeps its text for /ActualText.

HarfBuzz shapes every run; what follows is only spared Python, step by step per glyph, where
its outcome is known from comparing lists (what HarfBuzz returned against tables per letter):
- most runs (a Latin, Cyrillic, Greek, Georgian or Armenian name) come back as the font's own
  glyphs for their letters, one each, in order, each advancing by reportlab's width of its
  letter, nowhere moved: one stroke of the text itself, each glyph its letter;
- many others (an Arabic name without marks or ligatures) come back as one glyph per letter,
  in order or right to left: each glyph shows its letter, and if none is moved, one stroke;
- the rest (conjuncts, ligatures, marks) are walked cluster by cluster.
tests/exporters/test_typeset.py compares all this with the plain walk over many texts.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import NamedTuple

import uharfbuzz

from budapest_desk.exporters.fonts import FontKey, Script, ShapingFont, font

# Scripts HarfBuzz must shape fully; the others are drawn without ligatures or kerning, which
# keeps each word one string (fast, and read back exactly).
_COMPLEX = {Script.ARABIC, Script.BENGALI}
_PLAIN_FEATURES = {"kern": False, "liga": False, "clig": False, "calt": False}
# Noto Naskh Arabic looks a size smaller than Noto Sans at the same size: drawn larger so that
# an Arabic-script name is as readable as a Latin one beside it.
_OPTICAL = {Script.ARABIC: 1.2}
_DRIFT = 1.5  # font units (about 1/1000 em): further off, a glyph is positioned on its own
_PRIVATE_FIRST, _PRIVATE_LAST = 0xE000, 0xF8FF
_JOINERS = "\u200c\u200d"

_GLYPH = attrgetter("codepoint")  # after shaping, a glyph info's codepoint is its glyph
_CLUSTER = attrgetter("cluster")
_PLACE = attrgetter("position")  # (x_offset, y_offset, x_advance, y_advance)
_X_ADVANCE = itemgetter(2)  # of a position


class ShapedRun(NamedTuple):
    """A run shaped, ready to measure and draw. (A named tuple, not a frozen dataclass: as
    immutable, and made several times faster, which counts when every name is a new one.)"""

    key: FontKey
    advance: int  # in font units
    # (x, y, characters), left to right: glyphs that follow one another at the font's own
    # advances, drawn with one positioning and one string each
    strokes: tuple[tuple[float, float, str], ...]
    actual: str | None  # the text, when its glyphs do not show its letters one each
    # Looked up once here rather than per measure and per draw (from key): the font and the
    # factor its size is drawn at (_OPTICAL).
    font: ShapingFont
    optical: float


class _OwnGlyphs(dict[str, int]):
    """A letter -> the font's own glyph for it; -1 where the font has none, for ZWNJ and ZWJ
    (which show no letter), and for private-use letters (ShapingFont.glyph_char gives glyphs
    private-use codes of its own). Filled as letters are met: a letter's entry in the font's
    character map never changes (glyph_char adds private-use codes only)."""

    def __init__(self, shaping_font: ShapingFont) -> None:
        super().__init__()
        self._map = shaping_font.face.charToGlyph

    def __missing__(self, char: str) -> int:
        code = ord(char)
        mapped = not _PRIVATE_FIRST <= code <= _PRIVATE_LAST and char not in _JOINERS
        found = self._map.get(code) if mapped else None
        self[char] = glyph = -1 if found is None else found
        return glyph


class _Unmoved(dict[str, tuple[int, int, float, int]]):
    """A character handed to reportlab -> the place (as GlyphPosition.position) of a glyph
    that nothing moves and that advances by reportlab's width of the character: one that the
    next glyph follows within the same stroke. (A letter shown by the font's own glyph for it
    is handed to reportlab as itself, so shape looks its letters up here directly when every
    glyph is its letter's own.) A character's width never changes once it has a glyph
    (glyph_char sets a private-use one's when it gives it)."""

    def __init__(self, shaping_font: ShapingFont) -> None:
        super().__init__()
        self._widths = shaping_font.face.charWidths
        self._per_unit = shaping_font.units_per_em / 1000

    def __missing__(self, char: str) -> tuple[int, int, float, int]:
        self[char] = place = (0, 0, self._widths.get(ord(char), 0) * self._per_unit, 0)
        return place


class _GlyphChars(dict[tuple[int, str], str]):
    """(glyph, letters) -> ShapingFont.glyph_char(glyph, letters), which never changes once
    given (a private-use character is given once; a letter's own glyph stays its own)."""

    def __init__(self, shaping_font: ShapingFont) -> None:
        super().__init__()
        self._glyph_char = shaping_font.glyph_char

    def __missing__(self, key: tuple[int, str]) -> str:
        self[key] = char = self._glyph_char(*key)
        return char


@dataclass(frozen=True, slots=True)
class _Context:
    """What shaping in one font needs, looked up once per font rather than per run."""

    key: FontKey
    font: ShapingFont
    features: dict[str, bool] | None
    optical: float
    own: _OwnGlyphs
    unmoved: _Unmoved
    chars: _GlyphChars


@functools.cache
def _context(script: Script, bold: bool) -> _Context:
    key = FontKey(script, bold)
    shaping_font = font(key)
    return _Context(
        key,
        shaping_font,
        None if script in _COMPLEX else _PLAIN_FEATURES,
        _OPTICAL.get(script, 1.0),
        _OwnGlyphs(shaping_font),
        _Unmoved(shaping_font),
        _GlyphChars(shaping_font),
    )


_local = threading.local()


def _buffer() -> uharfbuzz.Buffer:
    """This thread's HarfBuzz buffer, emptied. One per thread, made once: a new one each time
    costs more than shaping a short name (setting its flags alone does). Emptying it
    (clear_contents) drops the text and the script, language and direction, not the flags."""
    buffer: uharfbuzz.Buffer | None = getattr(_local, "buffer", None)
    if buffer is None:
        buffer = _local.buffer = uharfbuzz.Buffer()
        # A ZWNJ or ZWJ does its work (no joining, joining) and leaves no glyph behind.
        buffer.flags = uharfbuzz.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    else:
        buffer.clear_contents()
    return buffer


@functools.lru_cache(maxsize=128)
def _upto(n: int) -> list[int]:
    """[0, 1, ..., n - 1]: the clusters of n glyphs that are one letter each, in order."""
    return list(range(n))


@functools.lru_cache(maxsize=128)
def _downfrom(n: int) -> list[int]:
    """[n - 1, ..., 0]: the clusters of n glyphs that are one letter each, right to left."""
    return list(range(n - 1, -1, -1))


@functools.lru_cache(maxsize=256)
def shape(text: str, script: Script, rtl: bool, bold: bool) -> ShapedRun:
    """One run shaped by HarfBuzz. typeset.line keeps whole lines; this cache only spares the
    short runs that recur inside lines otherwise new (a title before a name in another script),
    so it is small.

    The glyphs are read out of HarfBuzz at once, a list each (glyph, cluster, position): most
    runs are then recognised by comparing lists with what their letters would give, without a
    step in Python per glyph."""
    context = _context(script, bold)
    buffer = _buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"  # numbers in Arabic script stay left to right
    uharfbuzz.shape(context.font.hb_font, buffer, context.features)
    # (uharfbuzz gives None, not an empty list, for the positions of an empty buffer)
    infos, positions = buffer.glyph_infos or [], buffer.glyph_positions or []
    glyphs = list(map(_GLYPH, infos))
    clusters = list(map(_CLUSTER, infos))
    places = list(map(_PLACE, positions))
    n = len(glyphs)
    chars: list[str] | None = None
    # (A joiner leaves no glyph, so the lengths differ; checked anyway, as the walk drops it.)
    if n and n == len(text) and not (_JOINERS[0] in text or _JOINERS[1] in text):
        if not rtl and clusters == _upto(n):
            if glyphs == list(map(context.own.__getitem__, text)) and places == list(
                map(context.unmoved.__getitem__, text)
            ):
                # Each letter its own glyph, in order, unmoved and advancing by reportlab's
                # width of the letter: the walk would give each glyph its letter, and the
                # check below (the same lookup) would keep them all in one stroke.
                advance = sum(map(_X_ADVANCE, places))
                return ShapedRun(
                    context.key, advance, ((0, 0, text),), None, context.font, context.optical
                )
            chars = list(map(context.chars.__getitem__, zip(glyphs, text, strict=True)))
        elif rtl and clusters == _downfrom(n):
            letters = reversed(text)
            chars = list(map(context.chars.__getitem__, zip(glyphs, letters, strict=True)))
    if chars is not None:
        # A glyph per letter (one cluster each, as the walk would find them): each glyph
        # shows its letter, whichever glyph HarfBuzz chose for it (an Arabic letter's form).
        actual = None
    else:
        char_to_glyph = context.font.face.charToGlyph
        chars, one_each = _walk(text, rtl, char_to_glyph, context.chars, glyphs, clusters)
        actual = None if one_each else text
    if places == list(map(context.unmoved.__getitem__, chars)):
        # Every glyph unmoved where the one before ends, as reportlab measures it: one stroke.
        advance = sum(map(_X_ADVANCE, places))
        strokes: tuple[tuple[float, float, str], ...] = ((0, 0, "".join(chars)),) if n else ()
    else:
        advance, strokes = _strokes(context.font, places, chars)
    return ShapedRun(context.key, advance, strokes, actual, context.font, context.optical)


def _walk(
    text: str,
    rtl: bool,
    char_to_glyph: dict[int, int],
    glyph_chars: _GlyphChars,
    glyphs: list[int],
    clusters: list[int],
) -> tuple[list[str], bool]:
    """The characters to hand reportlab for the glyphs, cluster by cluster, and whether every
    cluster is one glyph showing its letters (always so right to left)."""
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=False))  # none for no glyphs
    chars: list[str] = []
    one_each = True
    i, n = 0, len(glyphs)
    while i < n:
        start = clusters[i]
        j = i + 1
        while j < n and clusters[j] == start:
            j += 1
        shown = text[start : ends[start]].replace("\u200c", "").replace("\u200d", "")
        one_each = one_each and (rtl or j - i == 1)
        # Each glyph reads back as its own letter where the font has one for it; the rest of
        # the cluster's letters go to the first other glyph (reversed in right-to-left text,
        # where readers take a glyph's letters as laid out, right to left).
        rest = list(shown)
        mine: list[str | None] = []
        for glyph in glyphs[i:j]:
            found = next((c for c in rest if char_to_glyph.get(ord(c)) == glyph), None)
            if found is not None:
                rest.remove(found)
            mine.append(found)
        for glyph, letters in zip(glyphs[i:j], mine, strict=True):
            if letters is None:
                letters = "".join(reversed(rest) if rtl else rest) or "\u200b"
                rest = []
            chars.append(glyph_chars[glyph, letters])
        i = j
    return chars, one_each


def _strokes(
    shaping_font: ShapingFont, places: list[tuple[int, int, int, int]], chars: list[str]
) -> tuple[int, tuple[tuple[float, float, str], ...]]:
    """The run's advance, and its glyphs put together in strokes: a glyph that stands where the
    one before it ends, as reportlab measures that one, joins its stroke."""
    widths = shaping_font.face.charWidths
    per_unit = shaping_font.units_per_em / 1000
    strokes: list[tuple[float, float, list[str]]] = []
    pen = 0.0
    x = 0
    for (x_offset, y_offset, x_advance, _), char in zip(places, chars, strict=True):
        gx = x + x_offset
        if strokes and y_offset == strokes[-1][1] and abs(gx - pen) <= _DRIFT:
            strokes[-1][2].append(char)
        else:
            strokes.append((gx, y_offset, [char]))
        pen = gx + widths.get(ord(char), 0) * per_unit
        x += x_advance
    return x, tuple((sx, sy, "".join(group)) for sx, sy, group in strokes)
