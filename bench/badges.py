"""Badges and the participant list as PDF: time and peak memory of the app's writers against
their floors, measured in the same run. Prints one JSON line per measured case.

    .venv/bin/python bench/badges.py [--badges 1000 5000] [--people 2000] [--runs 3] [--quick]

Badges: write_badges on the "a6-4up" layout (four A6 badges on each A4 page, with cut marks),
default calibration. The floor is a plain reportlab script doing the same work with the bare
library: on each page, at the same four positions, per badge the same strings (event title,
dates, first and family name, position, organisation, delegation, the check-in code as printed,
category) in the same registered Noto fonts, a font chosen per string by its script (no shaping,
no fitting), a filled category band, and the QR code of the check-in code encoded with segno and
drawn as one path of module rectangles (a row's neighbouring dark modules as one rectangle, as
the app does); the same cut marks. The floor's strings are computed beforehand, outside the
timing (badge_text, display): so a ratio is what the app adds, shaping, fitting, layout.

Participant list: write_participants_pdf (exporters/participants_pdf.py), internal variant,
portrait, no emails: name, position and organisation, a heading per delegation. Its floor: a plain
reportlab table, rows of text drawn with canvas.drawString in the registered fonts (one per cell by
its script), on each page a header (title, marker, event, place, column labels) and a footer ("Page
X of Y"), the same rows (a heading per delegation, one per person) in the same three columns, a
rule under each row, a page break every ROWS_PER_PAGE rows; no wrapping, no measuring.

The rows are RegistrationRow objects built in memory as tests/exporters/samples.py does, names
cycling through every script of tests/exporters/scripts.py, real check-in codes from
core.codes.new_code(), categories and their colours and delegations varied; no database. They
are built, and the fonts registered, before the clock starts.

Memory: as bench/roster_export.py, each measurement runs in a fresh subprocess, so that no case
inherits another's heap. There, once the input is built, the peak resident set is reset to the
current one (/proc/self/clear_refs), and the figure (peak_mb) is ru_maxrss after writing minus
the resident set before: everything the writer held at its worst, C allocations included. The
input rows are not counted. rss_mb is the whole process's ru_maxrss (interpreter, libraries,
fonts and rows included). The line of a larger badge count gives the increase of peak_mb from
the smallest count run (the target: flat in the number of badges).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import segno
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.codes import display, new_code
from budapest_desk.core.countries import country_name
from budapest_desk.core.delegations import Kind
from budapest_desk.core.events import EventRow
from budapest_desk.core.participants import Delegation, Participant, Variant
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.exporters.badge_content import BadgeText, NameFormat, badge_text, event_dates
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.fonts import FontKey, Script, register_fonts
from budapest_desk.exporters.label_sheets import (
    MM,
    Calibration,
    Rect,
    content_rect,
    cut_marks,
    front_slots,
    get_layout,
)
from budapest_desk.exporters.page_frame import place_line
from budapest_desk.exporters.participants_pdf import write_participants_pdf

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # for tests.exporters: the sample rows and names
from tests.exporters.samples import EVENT, registration  # noqa: E402
from tests.exporters.scripts import NAMES  # noqa: E402

LAYOUT = "a6-4up"
BADGE_CASES = ("badges_floor", "badges")
PEOPLE_CASES = ("participants_floor", "participants")
VARIANT = Variant.INTERNAL

CATEGORIES = [
    ("Head of delegation", "#8b1a1a"),
    ("Delegate", "#1f77b4"),
    ("Observer", "#2ca02c"),
    ("Speaker", "#ffbf00"),
    ("Press", "#6a3d9a"),
    ("Staff", "#7f7f7f"),
    ("Interpreter", "#e8e8e8"),
]
COUNTRIES = ["HU", "UA", "GR", "GE", "AM", "IR", "AF", "BD", "PL", "TR", "CZ", "RO", "AZ", "UZ"]
ORGANISATION_DELEGATIONS = ["IOM", "UNHCR", "ICMPD", "Frontex"]
ORGANISATIONS = [
    "Ministry of Interior",
    "Ministry of Foreign Affairs and Trade",
    "State Migration Service",
    "State Border Guard Service, Department of International Cooperation",
    "Embassy in Budapest",
]
POSITIONS = [
    "Head of Unit",
    "Director General, Department of Migration Policy",
    "Senior Adviser",
    "Deputy Minister",
    "",
]
GREY = Color(0.35, 0.35, 0.35)


def make_rows(n: int) -> list[RegistrationRow]:
    rows = []
    for i in range(n):
        first, last = NAMES[i % len(NAMES)]
        category, colour = CATEGORIES[i % len(CATEGORIES)]
        by_organisation = i % 9 == 0
        rows.append(
            registration(
                i + 1,
                first_name=first,
                last_name=last,
                name_latin="",
                title=("", "Mr", "Ms", "Dr", "H.E.")[i % 5],
                organisation=ORGANISATIONS[i % len(ORGANISATIONS)],
                position=POSITIONS[i % len(POSITIONS)],
                category=category,
                category_colour=colour,
                delegation_country=None if by_organisation else COUNTRIES[i % len(COUNTRIES)],
                delegation_organisation=(
                    ORGANISATION_DELEGATIONS[i % len(ORGANISATION_DELEGATIONS)]
                    if by_organisation
                    else ""
                ),
                checkin_code=new_code(),
            )
        )
    return rows


def make_delegations(n: int) -> list[Delegation]:
    """n confirmed people grouped by delegation (countries, then organisations), heads first."""
    groups: dict[str, tuple[Kind, str, list[Participant]]] = {}
    for row in make_rows(n):
        head = row.category == "Head of delegation"
        person = Participant(
            registration_id=row.id,
            title=row.title,
            first_name=row.first_name,
            last_name=row.last_name,
            badge_name="",
            position=row.position,
            organisation=row.organisation,
            email=row.email,
            category=row.category,
            head_of_delegation=head,
            checkin_code=row.checkin_code,
        )
        if row.delegation_country:
            kind: Kind = "country"
            key, heading = f"country:{row.delegation_country}", country_name(row.delegation_country)
        else:
            kind = "organisation"
            key = f"organisation:{row.delegation_organisation.lower()}"
            heading = row.delegation_organisation
        groups.setdefault(key, (kind, heading, []))[2].append(person)
    ordered = sorted(groups.items(), key=lambda g: (g[1][0] != "country", g[1][1]))
    return [
        Delegation(
            key, heading, kind, tuple(sorted(people, key=lambda p: not p.head_of_delegation))
        )
        for key, (kind, heading, people) in ordered
    ]


# --- The floors: the bare library doing the same work ---------------------------------------

_RANGES = [
    (0x0530, 0x058F, Script.ARMENIAN),
    (0x0600, 0x08FF, Script.ARABIC),
    (0x0980, 0x09FF, Script.BENGALI),
    (0x10A0, 0x10FF, Script.GEORGIAN),
    (0x1C90, 0x1CBF, Script.GEORGIAN),
    (0xFB50, 0xFEFF, Script.ARABIC),
]


def font_name(text: str, bold: bool = False) -> str:
    """The registered font for `text`: that of the first letter outside Latin, Cyrillic, Greek."""
    for char in text:
        code = ord(char)
        if code < 0x0530:
            continue
        for low, high, script in _RANGES:
            if low <= code <= high:
                return FontKey(script, bold).name
    return FontKey(Script.LATIN, bold).name


def floor_qr(canvas: Canvas, x: float, y: float, side: float, code: str) -> None:
    matrix = segno.make(code, error="m", micro=False).matrix
    step = side / (len(matrix) + 4)
    path = canvas.beginPath()
    top = y + side - 2 * step
    for r, row in enumerate(matrix):
        row_y = top - (r + 1) * step
        start = -1
        for c, dark in enumerate(row):
            if dark and start < 0:
                start = c
            elif not dark and start >= 0:
                path.rect(x + (start + 2) * step, row_y, (c - start) * step, step)
                start = -1
        if start >= 0:
            path.rect(x + (start + 2) * step, row_y, (len(row) - start) * step, step)
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)


def floor_badge(canvas: Canvas, box: Rect, text: BadgeText, title: str, dates: str) -> None:
    unit = box.width
    centre = box.x + box.width / 2
    # Header: title, dates, a rule.
    size = 0.046 * unit
    canvas.setFillColor(black)
    canvas.setFont(font_name(title, True), size)
    canvas.drawString(box.x, box.top - size, title)
    dates_size = 0.03 * unit
    canvas.setFillColor(GREY)
    canvas.setFont(font_name(dates), dates_size)
    canvas.drawString(box.x, box.top - 1.2 * size - dates_size, dates)
    header_h = 0.12 * box.height
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.5)
    canvas.line(box.x, box.top - header_h, box.right, box.top - header_h)
    # The category band.
    band_h = max(0.085 * box.height, 16.0)
    canvas.setFillColor(HexColor(text.colour))
    canvas.rect(box.x, box.y, box.width, band_h, stroke=0, fill=1)
    size = 0.05 * unit
    canvas.setFillColor(white)
    canvas.setFont(font_name(text.category, True), size)
    canvas.drawCentredString(centre, box.y + band_h / 2 - 0.37 * size, text.category)
    # The name.
    large = 0.115 * unit
    name_y = box.top - header_h - 0.25 * box.height
    canvas.setFillColor(black)
    canvas.setFont(font_name(text.large, True), large)
    canvas.drawCentredString(centre, name_y, text.large)
    canvas.setFont(font_name(text.small), 0.72 * large)
    canvas.drawCentredString(centre, name_y - 1.1 * large, text.small)
    # The QR code with the code under it.
    code_size = 0.027 * unit
    qr_side = 0.3 * unit
    qr_y = box.y + band_h + 0.02 * unit + 1.6 * code_size
    floor_qr(canvas, box.right - qr_side, qr_y, qr_side, text.code)
    canvas.setFont(FontKey(Script.LATIN).name, code_size)
    canvas.drawCentredString(box.right - qr_side / 2, qr_y - 1.25 * code_size, display(text.code))
    # Position, organisation, delegation beside it.
    y = qr_y + qr_side
    for line, size, bold in (
        (text.position, 0.036 * unit, False),
        (text.organisation, 0.044 * unit, False),
        (text.delegation, 0.05 * unit, True),
    ):
        y -= 1.2 * size
        canvas.setFont(font_name(line, bold), size)
        canvas.drawString(box.x, y, line)


def badges_floor(path: Path, texts: list[BadgeText], title: str, dates: str) -> None:
    layout = get_layout(LAYOUT)
    boxes = [content_rect(layout, slot) for slot in front_slots(layout)]
    marks = cut_marks(layout)
    canvas = Canvas(
        str(path),
        pagesize=(layout.page_width_mm * MM, layout.page_height_mm * MM),
        pageCompression=1,
    )
    for start in range(0, len(texts), len(boxes)):
        for text, box in zip(texts[start : start + len(boxes)], boxes, strict=False):
            floor_badge(canvas, box, text, title, dates)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.lines(marks)
        canvas.showPage()
    canvas.save()


A4 = (210 * MM, 297 * MM)
ROWS_PER_PAGE = 32  # headings and people: 2,000 people fill 63 pages in the app, 64 here
ROW_H = 21.5
# What the app's internal list shows (without emails): name, position, organisation.
COLUMNS = [("Name", 0.34), ("Position", 0.31), ("Organisation", 0.35)]
BAND = Color(0.9, 0.93, 0.96)


def participants_floor(
    path: Path, event: EventRow, place: str, delegations: list[Delegation]
) -> None:
    left, width = 15 * MM, A4[0] - 30 * MM
    xs = [left + 3 + width * sum(w for _, w in COLUMNS[:i]) for i in range(len(COLUMNS))]
    regular, bold = FontKey(Script.LATIN).name, FontKey(Script.LATIN, True).name
    rows = len(delegations) + sum(len(d.participants) for d in delegations)
    pages = -(-rows // ROWS_PER_PAGE)
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    page, row, y = 0, ROWS_PER_PAGE, 0.0

    def next_row() -> float:
        """The baseline of the next row, on a new page (header, labels, footer) when full."""
        nonlocal page, row, y
        if row == ROWS_PER_PAGE:
            if page:
                canvas.showPage()
            page, row = page + 1, 0
            top = A4[1] - 12 * MM
            canvas.setFillColor(black)
            canvas.setFont(bold, 16)
            canvas.drawString(left, top - 16, "List of participants")
            canvas.setFont(bold, 10.5)
            canvas.drawRightString(left + width, top - 16, "Internal — not for distribution")
            canvas.setFont(font_name(event.title, True), 11)
            canvas.drawString(left, top - 36, event.title)
            canvas.setFont(font_name(place), 9)
            canvas.drawString(left, top - 49, place)
            canvas.setLineWidth(0.6)
            canvas.line(left, top - 56, left + width, top - 56)
            canvas.setFillColor(BAND)
            canvas.rect(left, top - 80, width, 16, stroke=0, fill=1)
            canvas.setFillColor(black)
            canvas.setFont(bold, 8)
            for (label, _), x in zip(COLUMNS, xs, strict=True):
                canvas.drawString(x, top - 74, label)
            canvas.setLineWidth(0.3)
            canvas.line(left, 10 * MM + 11, left + width, 10 * MM + 11)
            canvas.setFont(regular, 7.5)
            canvas.drawString(left, 10 * MM, "Generated 12 May 2027, 08:30")
            canvas.drawRightString(left + width, 10 * MM, f"Page {page} of {pages}")
            y = top - 80
        row += 1
        y -= ROW_H
        return y

    for delegation in delegations:
        row_y = next_row()
        canvas.setFillColor(BAND)
        canvas.rect(left, row_y - 5, width, ROW_H, stroke=0, fill=1)
        canvas.setFillColor(black)
        canvas.setFont(font_name(delegation.heading, True), 9.5)
        canvas.drawString(xs[0], row_y, delegation.heading)
        for p in delegation.participants:
            row_y = next_row()
            name = " ".join(s for s in (p.title, p.first_name, p.last_name) if s)
            for cell, x in zip((name, p.position, p.organisation), xs, strict=True):
                canvas.setFont(font_name(cell, p.head_of_delegation and x == xs[0]), 8.5)
                canvas.drawString(x, row_y, cell)
            canvas.line(left, row_y - 5, left + width, row_y - 5)
    canvas.showPage()
    canvas.save()


# --- The app's writers -------------------------------------------------------------------


def measure(case: str, n: int) -> dict[str, float]:
    """Run one case in this (fresh) process: seconds, the writer's peak memory and the whole
    process's in MB, and the file's size."""
    register_fonts()  # once per process in the app too, and the floor needs them as well
    run: Callable[[Path], object]
    if case == "badges":
        rows = make_rows(n)
        options = BadgeOptions(layout=LAYOUT, calibration=Calibration())
        run = lambda p: write_badges(p, EVENT, rows, options, total=n)  # noqa: E731
    elif case == "badges_floor":
        texts = [badge_text(row, NameFormat.FIRST_LAST) for row in make_rows(n)]
        dates = event_dates(EVENT)
        run = lambda p: badges_floor(p, texts, EVENT.title, dates)  # noqa: E731
    elif case == "participants":
        delegations = make_delegations(n)
        run = lambda p: write_participants_pdf(  # noqa: E731
            p, EVENT, delegations, variant=VARIANT, orientation="portrait", include_email=False
        )
    else:
        delegations = make_delegations(n)
        place = place_line(EVENT)
        run = lambda p: participants_floor(p, EVENT, place, delegations)  # noqa: E731
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    before_kb = (
        int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 1024
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case}.pdf"
        start = time.perf_counter()
        run(path)
        seconds = time.perf_counter() - start
        pdf_bytes = path.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Not below 0: the resident set can shrink while writing, when freed pages go back.
    peak_kb = max(0, rss_kb - before_kb)
    return {
        "seconds": seconds,
        "peak_mb": peak_kb / 1024,
        "rss_mb": rss_kb / 1024,
        "pdf_mb": pdf_bytes / 1e6,
    }


def in_subprocess(case: str, n: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--measure", case, "--n", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def interleaved(cases: tuple[str, str], n: int, runs: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {case: [] for case in cases}
    for _ in range(runs):  # interleaved, so that machine noise hits all alike
        for case in cases:
            results[case].append(in_subprocess(case, n))
    return results


def summary(results: dict[str, list[dict[str, float]]], ours: str, floor: str) -> dict[str, float]:
    s = {c: statistics.median(r["seconds"] for r in results[c]) for c in (ours, floor)}
    return {
        "ours_s": round(s[ours], 2),
        "floor_s": round(s[floor], 2),
        "ratio": round(s[ours] / s[floor], 2),
        "ours_peak_mb": round(max(r["peak_mb"] for r in results[ours]), 1),
        "floor_peak_mb": round(max(r["peak_mb"] for r in results[floor]), 1),
        "ours_rss_mb": round(max(r["rss_mb"] for r in results[ours])),
        "floor_rss_mb": round(max(r["rss_mb"] for r in results[floor])),
        "pdf_mb": round(results[ours][0]["pdf_mb"], 2),
        "floor_pdf_mb": round(results[floor][0]["pdf_mb"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--badges", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 100 and 200 badges, 200 people"
    )
    parser.add_argument("--measure", choices=BADGE_CASES + PEOPLE_CASES, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.n)))
        return 0
    if args.quick:
        args.badges, args.people = [100, 200], 200

    smallest: tuple[int, dict[str, float]] | None = None
    for n in sorted(args.badges):
        line = summary(interleaved(BADGE_CASES, n, args.runs), "badges", "badges_floor")
        report: dict[str, object] = {"case": "badges", "badges": n, "layout": LAYOUT}
        report["runs"] = args.runs
        report.update(line)
        report["ours_ms_per_badge"] = round(1000 * line["ours_s"] / n, 2)
        report["floor_ms_per_badge"] = round(1000 * line["floor_s"] / n, 2)
        if smallest is None:
            smallest = (n, line)
        else:
            base_n, base = smallest
            report["increase_from"] = base_n
            report["ours_peak_increase_mb"] = round(line["ours_peak_mb"] - base["ours_peak_mb"], 1)
            report["floor_peak_increase_mb"] = round(
                line["floor_peak_mb"] - base["floor_peak_mb"], 1
            )
        print(json.dumps(report), flush=True)

    report = {"case": "participants", "people": args.people, "variant": str(VARIANT)}
    report["runs"] = args.runs
    report["orientation"] = "portrait"
    results = interleaved(PEOPLE_CASES, args.people, args.runs)
    report.update(summary(results, "participants", "participants_floor"))
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
