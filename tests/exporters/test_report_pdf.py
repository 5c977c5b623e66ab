"""The event report as a PDF, read back: its figures, its charts (their axis labels and legends
are text in the file), its fonts, and an event with nothing to report yet."""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4

from budapest_desk.core.errors import Cancelled
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.reports import EventReport, Tally
from budapest_desk.exporters import typeset
from budapest_desk.exporters.page_frame import frame
from budapest_desk.exporters.report_charts import (
    MIN_LABEL_SIZE,
    PALETTE,
    fit_label,
    nice_step,
)
from budapest_desk.exporters.report_pdf import (
    NO_CHECKINS,
    NO_REGISTRATIONS,
    TITLE,
    write_report_pdf,
)
from tests.exporters.pdfcheck import BASE_14, comparable, fonts_used, page_sizes, page_texts
from tests.exporters.samples import EVENT
from tests.exporters.scripts import NAMES

STATUSES = ("Invited", "Pending", "Confirmed", "Waiting list", "Declined", "Cancelled")
DAY1, DAY2 = dt.date(2027, 5, 12), dt.date(2027, 5, 13)
COUNTRIES = [f"Country {chr(65 + i)}{chr(97 + i)}" for i in range(20)]  # 20 > the top 15


def _report(countries: int = 20) -> EventReport:
    by_category = (
        Tally("Head of delegation", 20, 18, 15),
        Tally("Delegate", 311, 250, 190),
        Tally("Press", 12, 9, 0),
        Tally("No category", 4, 1, 2),
    )
    totals = Tally("Total", 347, 278, 207)  # the figures need not add up here
    names = [f"Country {i:03d}" for i in range(countries)] if countries > 20 else COUNTRIES
    by_country = [Tally(name, 3 + i, 2 + i, 1 + i) for i, name in enumerate(names)]
    by_country.append(Tally("International Organization for Migration (IOM)", 5, 4, 3))
    by_country.append(Tally("No delegation", 90, 1, 1))  # not a delegation: not in the chart
    by_hour = ((DAY1, 8, 61), (DAY1, 9, 120), (DAY1, 14, 3), (DAY2, 8, 23))
    return EventReport(
        event=EVENT,
        by_status=tuple(zip(STATUSES, (10, 25, 278, 17, 9, 8), strict=True)),
        by_category=by_category,
        by_country=tuple(by_country),
        checkins_by_day=((DAY1, 184), (DAY2, 23)),
        checkins_by_hour=by_hour,
        totals=totals,
        generated_at=dt.datetime(2027, 5, 13, 16, 5, tzinfo=dt.UTC),
    )


def _write(tmp_path: Path, report: EventReport) -> tuple[Path, list[str]]:
    path = tmp_path / "report.pdf"
    write_report_pdf(path, report)
    return path, page_texts(path)


def test_the_figures_and_tables(tmp_path: Path) -> None:
    path, texts = _write(tmp_path, _report())
    text = " ".join(texts)
    assert "Totals Registered 347 all statuses Confirmed 278 status Confirmed Attended 207" in text
    assert "74% of confirmed" in text
    assert "Status Registrations Invited 10 Pending 25 Confirmed 278 Waiting list 17" in text
    assert "Category Registered Confirmed Attended Head of delegation 20 18 15" in text
    assert "Delegate 311 250 190 Press 12 9 0 No category 4 1 2 Total 347 278 207" in text
    for i, name in enumerate(COUNTRIES):
        assert f"{name} {3 + i} {2 + i} {1 + i}" in text
    assert "International Organization for Migration (IOM) 5 4 3" in text
    assert "Day People arriving Wednesday 12 May 2027 184 Thursday 13 May 2027 23 Total 207" in text
    assert "The hour each person first checked in, in the event's time (Europe/Budapest)" in text
    assert {(round(w), round(h)) for w, h in page_sizes(path)} == {(595, 842)}


def test_every_page_has_the_header_and_page_x_of_y(tmp_path: Path) -> None:
    _, texts = _write(tmp_path, _report(countries=90))  # a long table, over pages
    assert len(texts) >= 3
    for number, text in enumerate(texts, 1):
        assert text.startswith("Registration and attendance report")
        assert EVENT.title in text
        assert "12–13 May 2027 · Várkert Bazár, Budapest, Hungary" in text
        assert f"Page {number} of {len(texts)}" in text
        assert "Generated 13 May 2027, 18:05" in text  # 16:05 UTC, in Budapest's summer time
    text = " ".join(texts)
    assert "Delegation (continued) Registered Confirmed Attended" in text
    assert all(f"Country {i:03d} {3 + i} {2 + i} {1 + i}" in text for i in range(90))


def test_the_charts_are_vector_drawings_with_their_labels_as_text(tmp_path: Path) -> None:
    path, texts = _write(tmp_path, _report())
    text = " ".join(texts)
    # The grouped bars by category have a legend (after the table's column labels).
    assert texts[0].count("Registered Confirmed Attended") == 2
    # Hours axis: the range used, widened to a working day (08:00 to 15:00 here).
    for hour in range(8, 16):
        assert text.count(f"{hour:02d}:00") == 2  # one chart per day
    assert "07:00" not in text
    assert "16:00" not in text
    assert "Wed 12 May" in text  # the by-day chart's axis
    # Bars are labelled with their values, empty hours left bare; both days on one scale.
    assert "Wednesday 12 May 2027 61 120 3 08:00" in text
    assert "Thursday 13 May 2027 23 08:00" in text
    assert text.count("15:00 0 50 100 150") == 2
    # The top 15 delegations by registrations are in the chart as well as in the table.
    top = COUNTRIES[-15:]  # registered 3 + i: the last are the largest
    assert all(text.count(name) == 2 for name in top)
    assert all(text.count(name) == 1 for name in COUNTRIES if name not in top)
    assert text.count("No delegation") == 1
    # Each bar that is not 0 is a rectangle filled with its series' colour, as is each legend
    # swatch. Blue (registered, and one-series charts): by status 6, by category 4, the top 15
    # delegations, a swatch; green (confirmed): 4 and a swatch; orange (attended, check-ins):
    # 3 categories (the press attended none), 2 days, 3 + 1 hours with check-ins, a swatch.
    content = b"".join(
        page.get_contents().get_data()  # type: ignore[union-attr]
        for page in pypdf.PdfReader(path).pages
    )
    fills = Counter(re.findall(rb"(\S+ \S+ \S+) rg\n(?:[^\n]*\n){4}n [^\n]* re f\*", content))
    blue, green, orange = (
        " ".join(f"{c:g}".removeprefix("0") for c in colour.rgb()).encode()
        for colour in PALETTE[:3]
    )
    assert (fills[blue], fills[green], fills[orange]) == (6 + 4 + 15 + 1, 4 + 1, 3 + 2 + 4 + 1)


def test_fonts_all_embedded_none_of_the_base_14(tmp_path: Path) -> None:
    for report in (_report(), _empty()):
        path, _ = _write(tmp_path, report)
        used = fonts_used(path)
        assert used
        assert all(used.values()), used
        assert not {name.split("+")[-1] for name in used} & BASE_14


def _empty() -> EventReport:
    return dataclasses.replace(
        _report(),
        by_status=tuple((s, 0) for s in STATUSES),
        by_category=(),
        by_country=(),
        checkins_by_day=(),
        checkins_by_hour=(),
        totals=Tally("Total", 0, 0, 0),
    )


def test_an_event_with_nothing_yet(tmp_path: Path) -> None:
    _, texts = _write(tmp_path, _empty())
    assert len(texts) == 1
    text = texts[0]
    assert "Registered 0" in text
    assert NO_REGISTRATIONS in text
    assert NO_CHECKINS in text
    assert "Page 1 of 1" in text
    assert "Status Registrations" not in text


def test_registrations_without_delegations(tmp_path: Path) -> None:
    report = dataclasses.replace(_report(), by_country=(Tally("No delegation", 347, 278, 207),))
    _, texts = _write(tmp_path, report)
    text = " ".join(texts)
    assert "No registration has a delegation yet." in text
    assert "Delegation Registered Confirmed Attended No delegation 347 278 207" in text


def test_registrations_but_no_checkins(tmp_path: Path) -> None:
    report = dataclasses.replace(
        _report(), checkins_by_day=(), checkins_by_hour=(), totals=Tally("Total", 347, 278, 0)
    )
    _, texts = _write(tmp_path, report)
    text = " ".join(texts)
    assert NO_CHECKINS in text
    assert NO_REGISTRATIONS not in text
    assert "0% of confirmed" in text


def test_progress_per_page_and_cancel(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = tmp_path / "report.pdf"
    write_report_pdf(path, _report(), progress=lambda done, total: seen.append((done, total)))
    pages = len(page_texts(path))
    assert seen == [(n, pages) for n in range(1, pages + 1)]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_report_pdf(tmp_path / "cancelled.pdf", _report(), cancel=token)
    assert not (tmp_path / "cancelled.pdf").exists()


@pytest.mark.parametrize(
    ("largest", "step"), [(0, 1), (4, 1), (7, 2), (12, 5), (30, 10), (278, 100), (2000, 500)]
)
def test_value_axis_steps_are_whole_and_round(largest: int, step: int) -> None:
    assert nice_step(largest) == step


# Categories and delegations as people type them: Georgian, Armenian, Persian (with a ZWNJ),
# Pashto, Urdu (the Allah ligature), Bengali (conjuncts, reordered vowel signs); the long ones
# are wider than the chart's labels and wrap.
CATEGORIES = [f"{first} {last}" for first, last in NAMES[10:16]] + [" ".join(NAMES[-1])]
DELEGATIONS = [
    "საქართველოს შინაგან საქმეთა სამინისტროს მიგრაციის დეპარტამენტი",
    "Հայաստանի Հանրապետության ներքին գործերի նախարարություն",
    "وزارت داخلہ و انسداد منشیات، حکومت اسلامی جمہوریہ پاکستان",
    "বাংলাদেশ স্বরাষ্ট্র মন্ত্রণালয়ের সুরক্ষা সেবা বিভাগ ও ইমিগ্রেশন ও পাসপোর্ট অধিদপ্তর",
    "جمهوری اسلامی ایران",
    "د افغانستان اسلامي امارت",
    "سازمان بین\u200cالمللی مهاجرت",
    "গণপ্রজাতন্ত্রী বাংলাদেশ",
]
SCRIPT_FONTS = {"Georgian": "Georgian", "Armenian": "Armenian", "Arabic": "Arabic"}


def _script_font(char: str) -> str:
    """The font family a letter must be drawn in."""
    name = unicodedata.name(char)
    if name.startswith("BENGALI"):
        return "Bengali"
    return next((f for s, f in SCRIPT_FONTS.items() if name.startswith(s.upper())), "NotoSans")


def _fill(obj: pypdfium2.PdfObject) -> tuple[int, int, int]:
    rgba = [ctypes.c_uint() for _ in range(4)]
    pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba))
    return rgba[0].value, rgba[1].value, rgba[2].value


def _bars(page: pypdfium2.PdfPage, colour: Color) -> dict[float, list[tuple[float, ...]]]:
    """The page's rectangles filled with `colour` (wider than a legend's swatch), by their
    left edge: a horizontal bar chart's bars of one series share it. Top first."""
    wanted = tuple(round(255 * c) for c in colour.rgb())
    found: dict[float, list[tuple[float, ...]]] = {}
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = obj.get_bounds()
        if _fill(obj) == wanted and right - left > 10:
            found.setdefault(round(left, 1), []).append((left, bottom, right, top))
    return {x: sorted(bars, key=lambda b: -b[3]) for x, bars in found.items()}


def _occurrences(page: pypdfium2.PdfPage, text: str) -> list[tuple[list[str], tuple[float, ...]]]:
    """Where `text` is on the page, read back by PDFium (spaces and line breaks aside): the
    fonts of its letters, in order, and the box around them."""
    textpage = page.get_textpage()
    chars = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for i in range(textpage.count_chars()):
        char = comparable(textpage.get_text_range(i, 1))
        if char:
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, 256, ctypes.byref(flags))
            chars.append((char, name.value.decode(), textpage.get_charbox(i)))
    read = "".join(c for c, _, _ in chars)
    wanted = comparable(text).replace(" ", "")
    found = []
    start = read.find(wanted)
    while start >= 0:
        got = chars[start : start + len(wanted)]
        boxes = [box for _, _, box in got]
        box = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        found.append(([f for _, f, _ in got], box))
        start = read.find(wanted, start + 1)
    return found


def test_chart_labels_in_every_script_are_set_beside_their_bars(tmp_path: Path) -> None:
    """Labels in Georgian, Armenian, Arabic script and Bengali are drawn in their script's
    embedded font (shaped: they read back as typed), each within its own row of the chart, left
    of the bars and inside the page's body, so that none runs into the next."""
    by_category = tuple(Tally(c, 20 + 10 * i, 15 + 5 * i, 10 + i) for i, c in enumerate(CATEGORIES))
    by_country = tuple(Tally(d, 40 - 3 * i, 10, 5) for i, d in enumerate(DELEGATIONS))
    report = dataclasses.replace(
        _report(),
        by_category=by_category,
        by_country=(*by_country, Tally("No delegation", 9, 1, 1)),
    )
    path, texts = _write(tmp_path, report)
    text = " ".join(texts)
    for name in CATEGORIES + DELEGATIONS:
        assert text.count(comparable(name)) == 2, name  # in the table and in the chart
    used = fonts_used(path)
    assert all(used.values()), used
    assert not {name.split("+")[-1] for name in used} & BASE_14
    body = frame(A4, TITLE, EVENT).body
    # One series' bars per chart: the categories' confirmed (the middle of each row's three),
    # the delegations' registered.
    charts = [(CATEGORIES, PALETTE[1]), (DELEGATIONS, PALETTE[0])]
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for labels, colour in charts:
            page, bars = next(
                (page, bars)
                for page in pdf
                for bars in _bars(page, colour).values()
                if len(bars) == len(labels)
            )
            middles = [(b[1] + b[3]) / 2 for b in bars]
            row = (middles[0] - middles[-1]) / (len(labels) - 1)
            for label, middle in zip(labels, middles, strict=True):
                in_row = [
                    (fonts, box)
                    for fonts, box in _occurrences(page, label)
                    if middle - row / 2 <= box[1] and box[3] <= middle + row / 2
                ]
                assert len(in_row) == 1, label
                fonts, (left, _, right, _) = in_row[0]
                assert body.x <= left, label
                assert right <= bars[0][0] - 2, label
                letters = comparable(label).replace(" ", "")
                assert all(_script_font(c) in f for c, f in zip(letters, fonts, strict=True)), (
                    label,
                    fonts,
                )
    finally:
        pdf.close()


def test_a_long_chart_label_shrinks_then_wraps_between_words() -> None:
    long = DELEGATIONS[3]  # Bengali, with conjuncts
    fitted = fit_label(long, 120)
    assert fitted.size == MIN_LABEL_SIZE
    assert len(fitted.lines) > 1
    assert " ".join(fitted.lines) == long  # broken between words only: no conjunct cut
    assert all(typeset.width(line, fitted.size) <= 120 for line in fitted.lines)
    assert fit_label(long, 120, height=10).height <= 10  # smaller still in a thin row
