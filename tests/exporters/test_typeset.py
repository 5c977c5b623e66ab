from __future__ import annotations

import io
import random
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uharfbuzz
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.exporters import shaping, typeset
from budapest_desk.exporters.fonts import FontKey, Script, font, new_canvas, utf16_hex
from tests.exporters.pdfcheck import BASE_14, comparable, fonts_used, page_texts
from tests.exporters.scripts import NAMES

FULL_NAMES = [f"{first} {last}" for first, last in NAMES]


def _draw(path: Path, texts: list[str], *, align: typeset.Align = "left") -> None:
    canvas = new_canvas(path, A4)
    y = 800.0
    for text in texts:
        typeset.draw(canvas, text, 300 if align != "left" else 40, y, 16, align=align)
        y -= 36
    canvas.save()


@pytest.mark.parametrize("align", ["left", "centre", "right"])
def test_every_name_reads_back_as_typed(tmp_path: Path, align: typeset.Align) -> None:
    path = tmp_path / "names.pdf"
    _draw(path, FULL_NAMES, align=align)
    text = page_texts(path)[0]
    for name in FULL_NAMES:
        assert comparable(name) in text


def test_only_embedded_fonts_and_none_of_the_base_14(tmp_path: Path) -> None:
    path = tmp_path / "names.pdf"
    _draw(path, FULL_NAMES)
    used = fonts_used(path)
    assert used, "no fonts found"
    assert all(used.values()), used
    assert not {name.split("+")[-1] for name in used} & BASE_14
    families = {name.split("+")[-1] for name in used}
    assert {"NotoSans", "NotoNaskhArabic", "NotoSansBengali", "NotoSansGeorgian"} <= {
        f.split("-")[0] for f in families
    }


def test_runs_pick_a_font_per_script_and_keep_numbers_left_to_right() -> None:
    got = [(r.text, r.script, r.rtl) for r in typeset.runs("Ahmad محمد 2026")]
    assert got == [
        ("Ahmad ", Script.LATIN, False),
        ("محمد ", Script.ARABIC, True),
        ("2026", Script.LATIN, False),
    ]
    persian = typeset.runs("وزارت ۱۴۰۵")
    assert [(r.script, r.rtl) for r in persian] == [(Script.ARABIC, True), (Script.ARABIC, False)]
    assert [r.script for r in typeset.runs("ნინო, Հայկ, শেখ")] == [
        Script.GEORGIAN,
        Script.ARMENIAN,
        Script.BENGALI,
    ]


def test_visual_order_follows_the_bidi_algorithm() -> None:
    # A left-to-right line: the Arabic word and the number after it read right to left.
    order = [r.text for r in typeset.visual_order(typeset.runs("Ahmad محمد 2026"))]
    assert order == ["Ahmad ", "2026", "محمد "]
    # A right-to-left line: the runs run right to left, the number itself left to right.
    order = [r.text for r in typeset.visual_order(typeset.runs("وزارت 2026"))]
    assert order == ["2026", "وزارت "]


def test_arabic_letters_are_joined() -> None:
    # Joined letters take contextual glyphs, not the isolated ones the font maps the letters to.
    shaped = typeset.line("محمد").pieces[0]
    glyph_of = font(shaped.key).face.charToGlyph
    isolated = {glyph_of[ord(c)] for c in "محمد"}
    drawn = {glyph_of[ord(c)] for _, _, chars in shaped.strokes for c in chars}
    assert drawn - isolated


def test_zwnj_breaks_the_join() -> None:
    joined = typeset.width("میخواهی", 20)
    broken = typeset.width("می\u200cخواهی", 20)
    assert joined != broken


def test_latin_is_drawn_as_one_string_per_run() -> None:
    pieces = typeset.line("Kovács Gyöngyvér Ковальчук").pieces
    assert [p.strokes for p in pieces] == [((0, 0, "Kovács Gyöngyvér Ковальчук"),)]
    assert pieces[0].actual is None
    bengali = typeset.line("ক্ষিতি").pieces[0]
    assert bengali.actual == "ক্ষিতি"  # its glyphs do not show its letters one each


def test_a_long_name_shrinks_then_wraps_and_keeps_every_letter() -> None:
    name = "Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen-Württemberg"
    assert len(name) >= 70
    fitted = typeset.fit(name, 200, 28, 14, max_height=80, bold=True)
    assert fitted.size >= 8
    assert len(fitted.lines) > 1
    assert "".join(fitted.lines).replace(" ", "") == name.replace(" ", "")
    assert fitted.lines[-1] == "Württemberg"  # broken after a hyphen
    for line in fitted.lines:
        assert typeset.width(line, fitted.size, bold=True) <= 200
    assert fitted.height <= 80


def test_a_name_shrinks_before_it_wraps() -> None:
    fitted = typeset.fit("Kovács Gyöngyvér", 120, 30, 10)
    assert fitted.lines == ("Kovács Gyöngyvér",)
    assert 10 < fitted.size < 30
    assert typeset.width("Kovács Gyöngyvér", fitted.size) <= 120


def test_shrinking_stops_at_the_minimum_size_then_wraps() -> None:
    fitted = typeset.fit("Kovács Gyöngyvér", 60, 30, 10)
    assert fitted.size == 10
    assert fitted.lines == ("Kovács", "Gyöngyvér")


def test_a_bengali_conjunct_is_never_broken() -> None:
    lines = typeset.wrap("ক্ষিক্ষি", 14, 12)
    assert "".join(lines) == "ক্ষিক্ষি"
    assert not any(line.endswith("\u09cd") for line in lines)  # no line ends in a virama


def test_a_word_wider_than_the_line_is_broken_between_letters() -> None:
    word = "Ḩ" + "ক্ষি" * 12
    lines = typeset.wrap(word, 60, 12)
    assert "".join(lines) == word
    assert all(typeset.width(line, 12) <= 60 for line in lines)


def _draw_with_text_objects(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """typeset.draw as reportlab's own PDFTextObject would draw it, for comparison."""
    shaped = typeset.line(text)
    left = x
    for piece in shaped.pieces:
        run_size = size * piece.optical
        scale = run_size / font(piece.key).units_per_em
        if piece.actual is not None:
            canvas.addLiteral(f"/Span <</ActualText <FEFF{utf16_hex(piece.actual)}>>> BDC")
        obj = canvas.beginText()
        obj.setFont(piece.key.name, run_size)
        for sx, sy, chars in piece.strokes:
            obj.setTextOrigin(left + sx * scale, y + sy * scale)
            obj.textOut(chars)
        canvas.drawText(obj)
        if piece.actual is not None:
            canvas.addLiteral("EMC")
        left += piece.advance * scale


@pytest.mark.parametrize("bottom_up", [True, False])
def test_drawn_text_is_what_reportlabs_text_objects_write(bottom_up: bool) -> None:
    # typeset.draw writes the text operators itself (fast): byte for byte what PDFTextObject
    # writes, in every script, with /ActualText, several strokes and sizes, on either canvas.
    texts = [
        *FULL_NAMES,
        "Ahmad محمد 2026",
        "Dr Kovács (শেখ) Ковальчук",
        "وزارت ۱۴۰۵",
        "12–13 May",
        "مُحَمَّد",  # marks positioned one by one: several strokes in one text object
    ]
    ours = Canvas(io.BytesIO(), A4, bottomup=bottom_up)
    theirs = Canvas(io.BytesIO(), A4, bottomup=bottom_up)
    for size in (7.0, 8.5, 16.3):
        for i, text in enumerate(texts):
            x, y = 40.0 + i / 3, 800.0 - 17.37 * i
            typeset.draw(ours, text, x, y, size)
            _draw_with_text_objects(theirs, text, x, y, size)
    assert ours._code == theirs._code  # type: ignore[attr-defined]
    code = ours._code  # type: ignore[attr-defined]
    assert any("/ActualText" in op for op in code)
    assert any(op.count(" Tm ") > 2 for op in code)  # a text object with several strokes


# --- The shortcuts are what the plain algorithm gives -----------------------------------------
# typeset.runs and shaping.shape take shortcuts for the common cases (a text all Latin; a run
# whose glyphs are its letters' own, or one glyph per letter). Below, the algorithm without
# them, as it was written first, one character and one glyph at a time; the tests compare the
# two over every name of tests/exporters/scripts.py, marks composed and decomposed, stacked
# (Vietnamese), ligature-prone letters, joiners, digits of every kind, and seeded random text.

_PLAIN = {"kern": False, "liga": False, "clig": False, "calt": False}


def _reference_runs(text: str) -> list[tuple[str, Script, bool, int]]:
    text = unicodedata.normalize("NFC", text)
    script_of = typeset._script_of
    rtl_line = next((s is Script.ARABIC for s in map(script_of, text) if s is not None), False)
    pieces: list[tuple[str, Script | None, bool]] = []
    for char in text:
        script = script_of(char)
        number = unicodedata.category(char) == "Nd"
        if number:
            script = Script.ARABIC if 0x0600 <= ord(char) <= 0x06FF else Script.LATIN
        if pieces:
            last_text, last_script, last_number = pieces[-1]
            if number:
                joins = last_number
            elif script is None:
                joins = True
            else:
                joins = not last_number and last_script in (None, script)
            if joins:
                pieces[-1] = (last_text + char, last_script or script, last_number)
                continue
        pieces.append((char, script, number))
    result: list[tuple[str, Script, bool, int]] = []
    for piece, script, number in pieces:
        chosen = script or (Script.ARABIC if rtl_line else Script.LATIN)
        rtl = chosen is Script.ARABIC and not number
        if rtl:
            level = 1
        elif rtl_line:
            level = 2
        else:
            level = 2 if number and result and result[-1][2] else 0
        result.append((piece, chosen, rtl, level))
    return result


def _reference_shape(text: str, script: Script, rtl: bool, bold: bool) -> tuple[object, ...]:
    key = FontKey(script, bold)
    shaping_font = font(key)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.flags = uharfbuzz.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    features = None if script in (Script.ARABIC, Script.BENGALI) else _PLAIN
    uharfbuzz.shape(shaping_font.hb_font, buffer, features)
    infos, positions = buffer.glyph_infos or [], buffer.glyph_positions or []
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=False))
    char_to_glyph = shaping_font.face.charToGlyph
    glyphs: list[tuple[str, int, int]] = []  # character, x, y
    one_each = True
    x = i = 0
    while i < len(infos):
        start = infos[i].cluster
        j = i
        while j < len(infos) and infos[j].cluster == start:
            j += 1
        shown = text[start : ends[start]].replace("\u200c", "").replace("\u200d", "")
        one_each = one_each and (rtl or j - i == 1)
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
            glyphs.append((char, x + pos.x_offset, pos.y_offset))
            x += pos.x_advance
        i = j
    widths = shaping_font.face.charWidths
    strokes: list[tuple[float, float, str]] = []
    pen = 0.0
    for char, gx, gy in glyphs:
        if strokes and gy == strokes[-1][1] and abs(gx - pen) <= 1.5:
            strokes[-1] = (strokes[-1][0], gy, strokes[-1][2] + char)
        else:
            strokes.append((gx, gy, char))
        pen = gx + widths.get(ord(char), 0) * shaping_font.units_per_em / 1000
    return key, x, tuple(strokes), None if one_each else text


_AWKWARD = [
    "ő",
    "o\u0308",  # ö decomposed
    "Nguyễn Thị Ngọc Ánh",
    "Nguye\u0302\u0303n Thi\u0323 Ngo\u0323c",  # Vietnamese, marks stacked and decomposed
    "e\u0323\u0302\u0301",
    "office ffi ﬃ fi",  # ligature-prone, and a ligature character
    "Ǆ ǅ Ŀl·l İı ß ẞ",
    "α\u0301 Ά ΐ",
    "a\u0301\u0301\u0301",
    "\u0301a",  # a mark with nothing before it
    "x\u200cy",
    "a\u200db",
    "\u200c",
    "\u200c12",  # a run of nothing but a joiner
    "1\u00a02",
    "Ahmad محمد 2026",
    "Dr Kovács (শেখ) Ковальчук",
    "وزارت ۱۴۰۵",
    "১২৩ محمد",
    "(12) محمد",
    "مُحَمَّد",
    "ﷲ ﻻ لا الله",
    "ক্ষিক্ষি হাসিনা",
    "\ue000\ue001a",  # private-use characters, such as fonts.glyph_char hands out
    "😀 👍🏽",
    "שלום 日本語",
    "",
    " ",
]


def _texts() -> list[str]:
    pool = [
        *"abcfilotxyzAZ áőűçşțĞİıÆßﬁЖёйҚάΐωნბՀեمحیځښڕێەক্ষিোৎংשЖ日",
        *["o\u0308", "e\u0323\u0302", "ffi", "لا", "الله", "\u064e", "\u0651", "\u0301", "\u0323"],
        *["\u200c", "\u200d", "1", "2", "٣", "۴", "৫", " ", "-", "(", ")", ",", "–", "\u00a0"],
        *["\ue000", "😀", "🏽", "ড়", "য়"],
    ]
    rng = random.Random(4)
    randoms = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 10))) for _ in range(300)]
    names = [part for first, last in NAMES for part in (first, last)]
    return [*FULL_NAMES, *names, *_AWKWARD, *randoms]


def test_runs_are_what_the_plain_algorithm_gives() -> None:
    for text in _texts():
        assert [tuple(r) for r in typeset.runs(text)] == _reference_runs(text), text


def test_every_character_takes_the_script_the_plain_algorithm_gives() -> None:
    # Each character alone, over the Basic and Supplementary Multilingual Planes: checks the
    # shortcut for Latin text (a pattern of code point ranges) and the table of classes.
    for code in range(0x20000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert [tuple(r) for r in typeset.runs(char)] == _reference_runs(char), hex(code)


def test_shaped_runs_are_what_the_plain_algorithm_gives() -> None:
    shape = shaping.shape.__wrapped__  # not the cache
    for text in _texts():
        for form in {text, unicodedata.normalize("NFD", text)}:
            for script in Script:
                for rtl in (False, True):
                    got = shape(form, script, rtl, False)
                    want = _reference_shape(form, script, rtl, False)
                    assert (got.key, got.advance, got.strokes, got.actual) == want, (
                        form,
                        script,
                        rtl,
                    )


def test_a_run_of_nothing_but_a_joiner_is_empty() -> None:
    # (The plain algorithm failed on it: no glyph at all.)
    pieces = typeset.line("\u200c12").pieces
    assert (pieces[0].advance, pieces[0].strokes) == (0, ())
    assert typeset.width("\u200c12", 10) == typeset.width("12", 10)


def test_joiners_leave_no_glyph_in_any_run_shaped() -> None:
    # The HarfBuzz buffer is reused: its flags (remove ZWNJ and ZWJ) must stay.
    for _ in range(3):
        for text in ("x\u200cy", "a\u200db", "می\u200cخواهی"):
            shaped = shaping.shape.__wrapped__(text, typeset.runs(text)[0].script, False, False)
            drawn = "".join(chars for _, _, chars in shaped.strokes)
            assert "\u200c" not in drawn
            assert "\u200d" not in drawn


def test_shaping_in_threads_gives_what_shaping_in_one_gives() -> None:
    texts = [t for t in _texts() if t][:150]
    shape = shaping.shape.__wrapped__

    def all_shaped() -> list[tuple[object, ...]]:
        result = []
        for text in texts:
            for r in typeset.runs(text):
                s = shape(r.text, r.script, r.rtl, False)
                result.append((s.key, s.advance, s.strokes, s.actual))
        return result

    alone = all_shaped()
    with ThreadPoolExecutor(4) as pool:
        assert all(r == alone for r in pool.map(lambda _: all_shaped(), range(8)))


def test_text_with_hundreds_of_letters_is_drawn_as_reportlab_writes_it() -> None:
    # Beyond the first subset of a font (256 codes) and back: strings of one subset, strings
    # spanning two, a no-break space, each drawn a first time (new codes) and a second.
    letters = [chr(c) for c in (*range(0x100, 0x180), *range(0x410, 0x450), *range(0x391, 0x3AA))]
    letters += [chr(c) for c in range(0x3B1, 0x3CA)] + list("abcdefghij")
    words = ["".join(letters[i : i + 17]) for i in range(0, len(letters), 17)]
    words += ["a\u00a0b", letters[0] + letters[-30], "Kovács Gyöngyvér"]
    ours = Canvas(io.BytesIO(), A4)
    theirs = Canvas(io.BytesIO(), A4)
    for _ in range(2):
        for i, text in enumerate(words):
            typeset.draw(ours, text, 40.0, 800.0 - 12 * i, 9.0)
            _draw_with_text_objects(theirs, text, 40.0, 800.0 - 12 * i, 9.0)
    assert ours._code == theirs._code  # type: ignore[attr-defined]
    code = " ".join(ours._code)  # type: ignore[attr-defined]
    assert re.search(r"/F\d+\+1 ", code)  # the font's second subset was drawn with


def test_the_caches_are_bounded() -> None:
    # A name met once must not stay: memory flat in the number of names (issue 4). The line
    # cache's 1,024 lines fill up within the first thousand badges.
    for cached in (typeset.line, shaping.shape, typeset._number):
        maxsize = cached.cache_info().maxsize
        assert maxsize is not None
        assert maxsize <= 1024
