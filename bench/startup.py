"""Start-up time: `budapest-desk gui --smoke` on an empty database and on one holding 20,000
registrations, against a bare PySide6 window shown the same way (bench/bare_window.py), in the
same run. Prints one JSON line: the median wall time of each (seconds) and the ratios.

    .venv/bin/python bench/startup.py [--runs 5] [--registrations 20000]
"""

from __future__ import annotations

import argparse
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
from budapest_desk.core.text import search_key
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


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registrations", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BUDAPEST_DESK_HOME=str(folder / "home"))
        empty, full = folder / "empty.db", folder / "full.db"
        make_database(empty, 0)
        make_database(full, args.registrations)
        times: dict[str, list[float]] = {"bare": [], "empty": [], "full": []}
        inner: dict[str, dict[str, object]] = {}
        commands = {
            "bare": [sys.executable, str(HERE / "bare_window.py")],
            "empty": [*APP, "--db", str(empty), "gui", "--smoke", "--json"],
            "full": [*APP, "--db", str(full), "gui", "--smoke", "--json"],
        }
        for _ in range(args.runs):  # interleaved, so that machine noise hits all three alike
            for name, cmd in commands.items():
                seconds, out = timed(cmd, env)
                times[name].append(seconds)
                if name != "bare":
                    inner[name] = json.loads(out.strip().splitlines()[-1])
    bare = statistics.median(times["bare"])
    empty_s = statistics.median(times["empty"])
    full_s = statistics.median(times["full"])
    print(
        json.dumps(
            {
                "bench": "startup",
                "runs": args.runs,
                "registrations": args.registrations,
                "bare_window_s": round(bare, 3),
                "app_empty_s": round(empty_s, 3),
                "app_20000_s": round(full_s, 3),
                "ratio_empty": round(empty_s / bare, 2),
                "ratio_20000": round(full_s / bare, 2),
                "app_20000_window_shown_ms": inner["full"]["window_shown_ms"],
                "app_20000_checkin_tab_loaded_ms": inner["full"]["tabs"]
                .get("Check-in", {})
                .get("loaded_ms"),  # type: ignore[union-attr]
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
