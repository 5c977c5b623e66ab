from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from budapest_desk.core.codes import display, new_code
from budapest_desk.core.errors import UserError
from budapest_desk.core.progress import Cancelled, CancelToken
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.exporters.badge_content import NameFormat, capitals
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.label_sheets import (
    MM,
    Calibration,
    content_rect,
    front_slots,
    get_layout,
    layouts,
)
from tests.exporters.pdfcheck import (
    BASE_14,
    comparable,
    fonts_used,
    page_sizes,
    page_texts,
    qr_codes,
)
from tests.exporters.samples import EVENT, registration
from tests.exporters.scripts import NAMES

NO_SHIFT = Calibration()


def _rows(n: int | None = None) -> list[RegistrationRow]:
    people = NAMES if n is None else [NAMES[i % len(NAMES)] for i in range(n)]
    return [
        registration(i + 1, first_name=first, last_name=last, checkin_code=new_code())
        for i, (first, last) in enumerate(people)
    ]


def _write(
    path: Path, rows: list[RegistrationRow], layout: str = "a6-4up", **options: object
) -> int:
    return write_badges(
        path,
        EVENT,
        rows,
        BadgeOptions(layout=layout, calibration=NO_SHIFT, **options),
        total=len(rows),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("layout", [layout.identifier for layout in layouts()])
def test_every_name_in_every_script_prints_as_text_on_every_layout(
    tmp_path: Path, layout: str
) -> None:
    path = tmp_path / "badges.pdf"
    rows = _rows()
    assert _write(path, rows, layout) == len(rows)
    text = " ".join(page_texts(path))
    for row in rows:
        assert comparable(row.first_name) in text
        assert comparable(row.last_name) in text
    used = fonts_used(path)
    assert all(used.values()), used
    assert not {name.split("+")[-1] for name in used} & BASE_14


def test_pages_follow_the_layout(tmp_path: Path) -> None:
    rows = _rows(10)
    for layout, pages in (
        ("a6-4up", 3),
        ("a6-duplex", 6),
        ("a6-fold", 5),
        ("a7-8up", 2),
        ("a6", 10),
    ):
        path = tmp_path / f"{layout}.pdf"
        _write(path, rows, layout)
        sizes = page_sizes(path)
        spec = get_layout(layout)
        assert len(sizes) == pages, layout
        assert sizes[0] == pytest.approx(
            (spec.page_width_mm * MM, spec.page_height_mm * MM), abs=0.01
        )


def test_each_qr_code_holds_its_check_in_code_printed_under_it(tmp_path: Path) -> None:
    path = tmp_path / "badges.pdf"
    rows = _rows(4)
    _write(path, rows, "a6-4up")
    assert sorted(qr_codes(path)) == sorted(r.checkin_code for r in rows)
    text = page_texts(path)[0]
    for row in rows:
        assert display(row.checkin_code) in text


def test_qr_codes_decode_on_small_labels_too(tmp_path: Path) -> None:
    path = tmp_path / "badges.pdf"
    rows = _rows(8)
    _write(path, rows, "avery-l7418")
    assert sorted(qr_codes(path, dpi=300)) == sorted(r.checkin_code for r in rows)


def _char_boxes(path: Path, page: int = 0) -> list[tuple[float, float, float, float]]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        textpage = pdf[page].get_textpage()
        return [
            textpage.get_charbox(i)
            for i in range(textpage.count_chars())
            if textpage.get_text_range(i, 1).strip()
        ]
    finally:
        pdf.close()


@pytest.mark.parametrize("layout", ["a6", "avery-l7418", "a7-8up"])
def test_a_70_character_name_stays_inside_its_badge(tmp_path: Path, layout: str) -> None:
    first = "Maximilian Alexander Konstantin Friedrich"
    last = "von Hohenzollern-Sigmaringen-Württemberg"
    assert len(f"{first} {last}") >= 70
    row = registration(
        1,
        first_name=first,
        last_name=last,
        organisation="Federal Ministry of the Interior, Directorate-General for Migration, "
        "Asylum and Integration Affairs",
        position="Deputy Director-General for International Cooperation on Migration and Borders",
        checkin_code=new_code(),
    )
    path = tmp_path / "long.pdf"
    _write(path, [row], layout, name_format=NameFormat.FIRST_FAMILY_CAPS)
    spec = get_layout(layout)
    area = content_rect(spec, front_slots(spec, NO_SHIFT)[0])
    boxes = _char_boxes(path)
    assert boxes
    tolerance = 0.5  # points: glyph outlines may overhang their advance a little
    for left, bottom, right, top in boxes:
        assert area.x - tolerance <= left
        assert right <= area.right + tolerance
        assert area.y - tolerance <= bottom
        assert top <= area.top + tolerance
    text = page_texts(path)[0].replace(" ", "")
    assert first.replace(" ", "") in text
    assert capitals(last).replace(" ", "") in text


def test_name_formats(tmp_path: Path) -> None:
    row = registration(
        1,
        first_name="Şükrü",
        last_name="Yildiz İnal",
        title="Dr",
        country="TR",
        checkin_code=new_code(),
    )
    expected = {
        NameFormat.FIRST_LAST: ("Şükrü", "Yildiz İnal"),
        NameFormat.FIRST_FAMILY_CAPS: ("Şükrü", "YİLDİZ İNAL"),
        NameFormat.FAMILY_CAPS_FIRST: ("YİLDİZ İNAL", "Şükrü"),
        NameFormat.TITLE_FIRST_LAST: ("Dr Şükrü", "Yildiz İnal"),
    }
    for name_format, (large, small) in expected.items():
        path = tmp_path / f"{name_format}.pdf"
        _write(path, [row], "a6", name_format=name_format)
        text = page_texts(path)[0]
        assert text.index(large) < text.index(small), name_format


def test_badge_name_is_printed_as_the_person_asked(tmp_path: Path) -> None:
    row = registration(1, badge_name="H.E. Gyöngyvér Kovács-Nagy", checkin_code=new_code())
    path = tmp_path / "b.pdf"
    _write(path, [row], "a6", name_format=NameFormat.FIRST_FAMILY_CAPS)
    assert "H.E. Gyöngyvér Kovács-Nagy" in page_texts(path)[0]


def test_capitals_follow_the_language() -> None:
    assert capitals("Yildiz", "TR") == "YİLDİZ"
    assert capitals("Yildiz", "DE") == "YILDIZ"
    assert capitals("Κωστόπουλος") == "ΚΩΣΤΟΠΟΥΛΟΣ"
    assert capitals("ბერიძე") == "ბერიძე"
    assert capitals("Ковальчук") == "КОВАЛЬЧУК"


def test_nothing_to_print_is_said_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.pdf"
    with pytest.raises(UserError, match="No registration"):
        _write(path, [])
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_badges(
            tmp_path / "b.pdf", EVENT, _rows(5), BadgeOptions(calibration=NO_SHIFT), cancel=token
        )
    assert list(tmp_path.iterdir()) == []


def test_a_broken_logo_is_a_clear_message(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(UserError, match=r"logo\.png cannot be read as a picture"):
        _write(tmp_path / "b.pdf", _rows(1), logo=logo)
    assert not (tmp_path / "b.pdf").exists()


def test_a_logo_is_drawn(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    path = tmp_path / "b.pdf"
    _write(path, _rows(1), "a6", logo=logo)
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        kinds = [obj.type for obj in pdf[0].get_objects()]
    finally:
        pdf.close()
    assert pypdfium2.raw.FPDF_PAGEOBJ_IMAGE in kinds


def test_calibration_moves_the_badges(tmp_path: Path) -> None:
    rows = _rows(1)
    plain, moved = tmp_path / "plain.pdf", tmp_path / "moved.pdf"
    _write(plain, rows, "a6-4up")
    write_badges(
        moved, EVENT, rows, BadgeOptions(layout="a6-4up", calibration=Calibration(2.0, -1.5))
    )
    a, b = _char_boxes(plain)[0], _char_boxes(moved)[0]
    assert b[0] - a[0] == pytest.approx(2.0 * MM, abs=0.05)
    assert b[1] - a[1] == pytest.approx(-1.5 * MM, abs=0.05)
