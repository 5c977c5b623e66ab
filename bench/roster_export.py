"""Roster export: time and peak memory of the app's xlsx and CSV writers against their floors,
measured in the same run. Prints one JSON line per size.

    .venv/bin/python bench/roster_export.py [--rows 20000 100000] [--runs 3]

The floors write the very cells the app writes (computed beforehand, outside the timing), in the
same number of columns, and nothing else: bare openpyxl write-only for xlsx, bare csv.writer to a
UTF-8 file with a BOM for CSV. So a ratio is what the app adds: building each row from a
RegistrationRow, the formula-injection guard, styles, widths, the summary sheet, the atomic
rename, progress and cancel checks.

The rows are RegistrationRow objects built in memory (names in Latin, Cyrillic, Greek, Georgian,
Arabic and Bengali scripts; no database), before the clock starts.

Memory: each measurement runs in a fresh subprocess, so that no case inherits another's heap.
There, once the input is built, the peak resident set is reset to the current one
(/proc/self/clear_refs), and the figure is ru_maxrss after writing minus the resident set
before: everything the writer held at its worst, C allocations (zlib, XML buffers) included,
which tracemalloc would not see (and tracemalloc would slow the timed run). The input rows
themselves are not counted: they are the caller's, and differ between the app and the floor.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
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

from openpyxl import Workbook

from budapest_desk.core.events import EventRow
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterCounts
from budapest_desk.db.enums import EventKind, EventStatus, RegistrationStatus
from budapest_desk.exporters.roster_csv import write_roster_csv
from budapest_desk.exporters.roster_xlsx import write_roster_xlsx
from budapest_desk.exporters.tabular import ROSTER_HEADER, roster_cells

CASES = ("xlsx", "xlsx_floor", "csv", "csv_floor")
FIRST = [
    "Gyöngyvér",
    "Ольга",
    "Γεώργιος",
    "ნინო",
    "محمد\u200cرضا",
    "রহিম",
    "Łukasz",
    "Ștefan",
    "Ayşe",
]
LAST = ["Kovács", "Петрова", "Παπαδόπουλος", "ბერიძე", "حسینی", "উদ্দিন", "Wróblewski", "Dvořák"]
COUNTRIES = ["HU", "RU", "GR", "GE", "IR", "BD", "PL", "RO", "TR", "AT", "UZ", "XK"]
CATEGORIES = ["Head of delegation", "Delegate", "Observer", "Speaker", "Press", ""]
STATUSES = list(RegistrationStatus)
EVENT = EventRow(
    id=1,
    title="Ministerial Conference",
    kind=EventKind.MINISTERIAL_CONFERENCE,
    status=EventStatus.REGISTRATION_OPEN,
    start_date=dt.date(2027, 5, 12),
    end_date=dt.date(2027, 5, 13),
    venue="Várkert Bazár",
    city="Budapest",
    country="HU",
    online=False,
    capacity=None,
    time_zone="Europe/Budapest",
    description="",
    hosts="",
)
OPENS = dt.datetime(2027, 5, 12, 6, 0, tzinfo=dt.UTC)


def make_rows(n: int) -> list[RegistrationRow]:
    rows = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        checked_in = i % 3 == 0
        rows.append(
            RegistrationRow(
                id=i,
                event_id=1,
                person_id=i,
                title=("Mr", "Ms", "Dr", "H.E.", "")[i % 5],
                first_name=first,
                last_name=f"{last}{i // 72 or ''}",
                email=f"delegate{i}@ministry{i % 97}.example.org",
                country=COUNTRIES[i % len(COUNTRIES)],
                organisation=f"Ministry of Interior, Migration Department {i % 40}",
                position="Head of Unit",
                status=STATUSES[i % len(STATUSES)],
                category_id=None,
                category=CATEGORIES[i % len(CATEGORIES)],
                category_colour="",
                delegation_country=COUNTRIES[(i + 1) % len(COUNTRIES)] if i % 7 else None,
                delegation_organisation="" if i % 7 else "IOM",
                needs_attention=i % 11 == 0,
                attention_note="Wheelchair access" if i % 22 == 0 else "",
                list_consent=i % 2 == 0,
                checkin_code=f"K{i:07d}Q",
                checked_in=checked_in,
                checked_in_at=OPENS + dt.timedelta(seconds=7 * i) if checked_in else None,
                phone=f"+36 1 {i % 1000:03d} {i % 10000:04d}",
                name_latin=f"Latin Name {i}" if i % 4 else "",
                languages="English, Russian" if i % 5 == 0 else "",
                notes="-12" if i % 50 == 0 else ("=1+1" if i % 51 == 0 else ""),
            )
        )
    return rows


def counts_of(rows: list[RegistrationRow]) -> RosterCounts:
    by_status: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for r in rows:
        by_status[r.status.value] = by_status.get(r.status.value, 0) + 1
        by_category[r.category] = by_category.get(r.category, 0) + 1
        key = r.delegation_country or ""
        by_country[key] = by_country.get(key, 0) + 1
    return RosterCounts(len(rows), by_status, by_category, by_country)


def floor_cells(rows: list[RegistrationRow], for_csv: bool) -> list[list[object]]:
    """The cells the app writes, as plain values: what the floor gets to write."""
    out: list[list[object]] = [list(ROSTER_HEADER)]
    for cells in roster_cells(rows, EVENT.time_zone):
        line: list[object] = []
        for v in cells:
            if isinstance(v, dt.datetime):
                line.append(v.isoformat(timespec="seconds") if for_csv else v.replace(tzinfo=None))
            else:
                line.append(v if for_csv else (v or None))
        out.append(line)
    return out


def xlsx_floor(path: Path, lines: list[list[object]]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Roster")
    for line in lines:
        ws.append(line)
    wb.save(path)


def csv_floor(path: Path, lines: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, dialect="excel").writerows(lines)


def measure(case: str, n: int) -> dict[str, float]:
    """Run one case in this (fresh) process: seconds and the writer's peak memory in MB."""
    rows = make_rows(n)
    run: Callable[[Path], None]
    if case == "xlsx":
        counts = counts_of(rows)
        run = lambda p: write_roster_xlsx(p, EVENT, rows, counts, total=n)  # noqa: E731
    elif case == "csv":
        run = lambda p: write_roster_csv(p, EVENT, rows, total=n)  # noqa: E731
    else:
        lines = floor_cells(rows, for_csv=case == "csv_floor")
        writer = xlsx_floor if case == "xlsx_floor" else csv_floor
        run = lambda p: writer(p, lines)  # noqa: E731
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    before_kb = (
        int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 1024
    )
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run(Path(tmp) / f"roster.{case.split('_')[0]}")
        seconds = time.perf_counter() - start
    # Not below 0: the resident set can shrink while writing, when freed pages go back.
    peak_kb = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before_kb)
    return {"seconds": seconds, "peak_mb": peak_kb / 1024}


def in_subprocess(case: str, n: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--measure", case, "--rows", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.rows[0])))
        return 0
    for n in args.rows:
        runs: dict[str, list[dict[str, float]]] = {case: [] for case in CASES}
        for _ in range(args.runs):  # interleaved, so that machine noise hits all alike
            for case in CASES:
                runs[case].append(in_subprocess(case, n))
        s = {c: statistics.median(r["seconds"] for r in runs[c]) for c in CASES}
        mb = {c: statistics.median(r["peak_mb"] for r in runs[c]) for c in CASES}
        report = {
            "bench": "roster_export",
            "rows": n,
            "runs": args.runs,
            "xlsx_s": round(s["xlsx"], 2),
            "xlsx_floor_s": round(s["xlsx_floor"], 2),
            "xlsx_ratio": round(s["xlsx"] / s["xlsx_floor"], 2),
            "xlsx_peak_mb": round(mb["xlsx"], 1),
            "floor_peak_mb": round(mb["xlsx_floor"], 1),
            "csv_s": round(s["csv"], 3),
            "csv_floor_s": round(s["csv_floor"], 3),
            "csv_ratio": round(s["csv"] / s["csv_floor"], 2),
            "csv_peak_mb": round(mb["csv"], 1),
            "csv_floor_peak_mb": round(mb["csv_floor"], 1),
        }
        print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
