from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.exporters import typeset
from budapest_desk.exporters.fonts import Script, font, new_canvas, utf16_hex
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
