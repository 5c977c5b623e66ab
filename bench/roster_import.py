"""Roster import: time and peak memory of importing N registrations from a file, against the
floor measured in the same run. Prints one JSON line per size and format.

    .venv/bin/python bench/roster_import.py [--rows 20000 100000] [--runs 3] [--formats xlsx csv]

The app's figure is the whole import as the wizard and `roster import` run it: open the file
and propose the mapping (prepare), read and check every row (make_plan), write them in one
transaction (apply_plan) and commit, into a fresh SQLite database.

The floor is the same file read by the fastest bare reader (python-calamine for xlsx, csv.reader
for CSV), plus one plain bulk insert of the rows into the people table (SQLAlchemy
`session.execute(insert(Person), dicts)`) and a commit: no checking, no mapping, no
registrations, no search keys. So the ratio is what checking, normalising and registering cost.

Each measurement runs in a fresh subprocess; peak memory is that process's ru_maxrss (the
whole process, interpreter and libraries included), which is what the 400 MB target is about.
The input files are written once per size, with names in the scripts of the region drawn from
pools (first names repeat, as they do in real lists), before any clock starts.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["Email", "First name", "Last name", "Country", "Organisation", "Position", "Phone",
          "Category", "Status"]  # fmt: skip
FIRST = [
    "Gyöngyvér", "Ольга", "Γεώργιος", "ნინო", "محمد\u200cرضا", "রহিম", "Łukasz", "Ștefan",
    "Ayşe", "Anna", "Jonas", "Mariam",
]  # fmt: skip
LAST = [
    "Kovács", "Коваленко", "Παπαδόπουλος", "ბერიძე", "احمدی", "হোসেন", "Wąsowski", "Popescu",
    "Yılmaz", "Novák",
]  # fmt: skip
COUNTRIES = [
    "Hungary", "Ukraine", "Greece", "Georgia", "Afghanistan", "Bangladesh", "Poland", "Romania",
    "Türkiye", "Czech Republic", "Kosovo", "Serbia", "Iran (Islamic Republic of)", "Austria",
]  # fmt: skip
CATEGORIES = ["Delegate", "Head of delegation", "Observer", "Speaker", "Press"]
STATUSES = ["confirmed", "pending", "invited", "waiting list", "declined"]


def rows(n: int) -> list[list[str]]:
    rnd = random.Random(n)
    out = []
    for i in range(n):
        out.append([
            f"person{i}@ministry{i % 97}.example.org", rnd.choice(FIRST), rnd.choice(LAST),
            rnd.choice(COUNTRIES), f"Ministry of Interior, Department {i % 40}",
            "Head of Unit", f"+36 1 {i % 1000:03d} {i % 10000:04d}", rnd.choice(CATEGORIES),
            rnd.choice(STATUSES),
        ])  # fmt: skip
    return out


def write_inputs(folder: Path, n: int) -> dict[str, Path]:
    from openpyxl import Workbook

    data = rows(n)
    xlsx = folder / f"roster-{n}.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Registrations")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(xlsx)
    text = folder / f"roster-{n}.csv"
    with text.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(data)
    return {"xlsx": xlsx, "csv": text}


def _fresh_database(folder: Path) -> tuple[object, int]:
    from budapest_desk.core import events
    from budapest_desk.core.database import Database

    path = folder / f"bench-{time.monotonic_ns()}.db"
    db = Database.open(str(path))
    with db.transaction() as s:
        event_id = events.create_event(s, events.EventInput("Bench", dt.date(2027, 1, 1))).id
    return db, event_id


def run_app(path: Path) -> None:
    from budapest_desk.core.importing.apply import apply_plan
    from budapest_desk.core.importing.plan import ImportSettings, make_plan
    from budapest_desk.core.importing.prepare import prepare
    from budapest_desk.core.importing.sources import open_source

    db, event_id = _fresh_database(path.parent)
    start = time.perf_counter()
    prepared = prepare(path)
    settings = ImportSettings(prepared.header_row, prepared.mapping)
    with db.transaction() as s, open_source(path, prepared.options) as source:  # type: ignore[attr-defined]
        plan = make_plan(s, event_id, source, settings)
    with db.transaction() as s:  # type: ignore[attr-defined]
        apply_plan(s, plan)
    elapsed = time.perf_counter() - start
    assert plan.created == plan.rows, plan.summary()
    report(elapsed)


def run_floor(path: Path) -> None:
    from sqlalchemy import insert

    from budapest_desk.db.models import Person

    db, _ = _fresh_database(path.parent)
    start = time.perf_counter()
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        data = list(book.get_sheet_by_name("Registrations").iter_rows())[1:]
    else:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            data = list(csv.reader(fh))[1:]
    people = [
        {
            "email": r[0],
            "email_key": r[0],
            "first_name": r[1],
            "last_name": r[2],
            "country": r[3][:2],
            "organisation": r[4],
        }
        for r in data
    ]
    with db.transaction() as s:  # type: ignore[attr-defined]
        s.execute(insert(Person), people)
    report(time.perf_counter() - start)


def report(seconds: float) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": seconds, "peak_mb": peak_mb}))


def measure(case: str, path: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", case, str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", nargs="+", choices=["xlsx", "csv"], default=["xlsx", "csv"])
    parser.add_argument("--child", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, path = args.child
        (run_app if case == "app" else run_floor)(Path(path))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            inputs = write_inputs(Path(tmp), n)
            for fmt in args.formats:
                app, floor = [], []
                for _ in range(args.runs):  # interleaved, so that load changes hit both
                    floor.append(measure("floor", inputs[fmt]))
                    app.append(measure("app", inputs[fmt]))
                app_s = statistics.median(r["s"] for r in app)
                floor_s = statistics.median(r["s"] for r in floor)
                print(json.dumps({
                    "rows": n, "format": fmt, "import_s": round(app_s, 2),
                    "floor_s": round(floor_s, 2), "ratio": round(app_s / floor_s, 2),
                    "import_peak_mb": round(max(r["peak_mb"] for r in app)),
                    "floor_peak_mb": round(max(r["peak_mb"] for r in floor)),
                }), flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
