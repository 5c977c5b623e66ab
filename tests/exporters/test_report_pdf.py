"""The event report as a PDF, read back: its figures, its charts (their axis labels and legends
are text in the file), its fonts, and an event with nothing to report yet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from budapest_desk.core.errors import Cancelled
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.reports import EventReport, Tally
from budapest_desk.exporters.report_charts import PALETTE, nice_step
from budapest_desk.exporters.report_pdf import NO_CHECKINS, NO_REGISTRATIONS, write_report_pdf
from tests.exporters.pdfcheck import BASE_14, fonts_used, page_sizes, page_texts
from tests.exporters.samples import EVENT

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
