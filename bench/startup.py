"""Start-up time: `budapest-desk gui --smoke` on an empty database and on one holding 20,000
registrations, against a bare PySide6 window shown the same way (bench/bare_window.py), in the
same run. Prints one JSON line with medians (seconds) and ratios: from launch to the window's
first paint (the app shows its window before it opens the database), and from launch to exit
after every tab has shown its data; for the latter a second floor adds the import of SQLAlchemy
to the bare window, because the database layer alone takes longer to import than Qt.

    .venv/bin/python bench/startup.py [--runs 5] [--registrations 20000]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from budapest_desk.core.codes import new_code
from budapest_desk.core.database import Database
from budapest_desk.core.text import search_key, sort_key
from budapest_desk.db.enums import EventStatus, RegistrationStatus
from budapest_desk.db.models import Category, Event, Person, Registration

HERE = Path(__file__).resolve().parent
APP = [sys.executable, "-m", "budapest_desk"]


def make_database(path: Path, registrations: int) -> None:
    db = Database.open(str(path))
    try:
        with db.transaction() as s:
            event_id = s.execute(
                insert(Event).returning(Event.id),
                [
                    {
                        "title": "Senior Officials' Meeting",
                        "start_date": dt.date(2027, 5, 12),
                        "end_date": dt.date(2027, 5, 13),
                        "status": EventStatus.REGISTRATION_OPEN,
                        "city": "Istanbul",
                        "country": "TR",
                    }
                ],
            ).scalar_one()
            if registrations:
                categories = list(s.scalars(select(Category.id)))
                people = [
                    {
                        "first_name": f"Anna{i}",
                        "last_name": f"Kovács{i}",
                        "email": f"person{i}@example.org",
                        "email_key": f"person{i}@example.org",
                        "country": "HU",
                        "organisation": "Ministry of Interior",
                        "search_key": search_key(f"Anna{i}", f"Kovács{i}", "Ministry of Interior"),
                        "sort_key": sort_key(f"Anna{i}", f"Kovács{i}"),
                    }
                    for i in range(registrations)
                ]
                ids = s.execute(insert(Person).returning(Person.id), people).scalars().all()
                codes: set[str] = set()
                while len(codes) < registrations:
                    codes.add(new_code())
                s.execute(
                    insert(Registration),
                    [
                        {
                            "event_id": event_id,
                            "person_id": pid,
                            "status": RegistrationStatus.CONFIRMED,
                            "category_id": categories[i % len(categories)],
                            "checkin_code": code,
                        }
                        for i, (pid, code) in enumerate(zip(ids, codes, strict=True))
                    ],
                )
    finally:
        db.close()


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, object]]:
    """(seconds to the first paint, seconds to exit, the JSON line printed), timed from launch."""
    launched = time.time()
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    total = time.perf_counter() - start
    report = json.loads(out.strip().splitlines()[-1])
    return float(report["window_shown_at"]) - launched, total, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registrations", type=int, default=20_000)
    args = parser.parse_args()
    # Like an installed app (whose wheel is byte-compiled), not an editable source tree that
    # PYTHONDONTWRITEBYTECODE keeps recompiling at every start.
    compileall.compile_dir(str(HERE.parent / "src"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BUDAPEST_DESK_HOME=str(folder / "home"))
        empty, full = folder / "empty.db", folder / "full.db"
        make_database(empty, 0)
        make_database(full, args.registrations)
        commands = {
            "bare": [sys.executable, str(HERE / "bare_window.py")],
            "bare_sqlalchemy": [sys.executable, str(HERE / "bare_window.py"), "--with-sqlalchemy"],
            "empty": [*APP, "--db", str(empty), "gui", "--smoke", "--json"],
            "full": [*APP, "--db", str(full), "gui", "--smoke", "--json"],
        }
        shown: dict[str, list[float]] = {name: [] for name in commands}
        total: dict[str, list[float]] = {name: [] for name in commands}
        checkin_ms: list[float] = []
        for _ in range(args.runs):  # interleaved, so that machine noise hits all alike
            for name, cmd in commands.items():
                first_paint, seconds, report = timed(cmd, env)
                shown[name].append(first_paint)
                total[name].append(seconds)
                if name == "full":
                    tabs = report["tabs"]
                    assert isinstance(tabs, dict)
                    checkin_ms.append(float(tabs["Check-in"]["loaded_ms"]))

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    bare_shown, bare_total = med(shown["bare"]), med(total["bare"])
    print(
        json.dumps(
            {
                "bench": "startup",
                "runs": args.runs,
                "registrations": args.registrations,
                # Launch to first paint of the window (what the 2x target is about).
                "bare_window_shown_s": bare_shown,
                "app_empty_shown_s": med(shown["empty"]),
                "app_20000_shown_s": med(shown["full"]),
                "ratio_shown_empty": round(med(shown["empty"]) / bare_shown, 2),
                "ratio_shown_20000": round(med(shown["full"]) / bare_shown, 2),
                # Launch to exit, after every tab has shown its data.
                "bare_window_total_s": bare_total,
                "bare_window_plus_sqlalchemy_total_s": med(total["bare_sqlalchemy"]),
                "app_empty_total_s": med(total["empty"]),
                "app_20000_total_s": med(total["full"]),
                "ratio_total_empty": round(med(total["empty"]) / bare_total, 2),
                "ratio_total_20000": round(med(total["full"]) / bare_total, 2),
                "ratio_total_20000_vs_qt_plus_sqlalchemy": round(
                    med(total["full"]) / med(total["bare_sqlalchemy"]), 2
                ),
                "app_20000_checkin_tab_loaded_ms": round(statistics.median(checkin_ms), 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
