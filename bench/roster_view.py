"""The Events tab's roster on a large event: what the worker thread does when the roster is
opened, searched or re-sorted, and what it does to show one screenful, against the floor of
the plain SQL query in the same run. Prints one JSON line per size.

    .venv/bin/python bench/roster_view.py [--rows 20000 100000] [--runs 5]

`load_ms` is roster_ops.load (the ids in order, counts by status/category/country, seats,
delegations): it runs on the worker thread, so the window stays responsive meanwhile; the
table then shows as soon as `page_ms` (the first 200 rows) is done. The floor is the bare
`SELECT registrations.id ... ORDER BY people.sort_key` through sqlite3. Medians of the runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from budapest_desk.core import events
from budapest_desk.core.database import Database
from budapest_desk.core.registrations import registration_rows
from budapest_desk.core.roster import RosterFilter, SortKey
from budapest_desk.core.text import search_key, sort_key
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.db.models import Person, Registration
from budapest_desk.ui.events import roster_ops

FIRST = ["Gyöngyvér", "Ольга", "Γεώργιος", "ნინო", "زهرا", "Łukasz", "Ștefan", "Anna", "Ali"]
LAST = ["Kovács", "Коваленко", "Παπαδόπουλος", "ბერიძე", "احمدی", "Wąsowski", "Popescu", "Novák"]
FLOOR_SQL = (
    "SELECT registrations.id FROM registrations JOIN people ON people.id = "
    "registrations.person_id WHERE registrations.event_id = ? ORDER BY people.sort_key, "
    "registrations.id"
)


def seed(path: Path, n: int) -> int:
    db = Database.open(str(path))
    rnd = random.Random(n)
    with db.transaction() as s:
        event_id = events.create_event(s, events.EventInput("Bench", dt.date(2027, 1, 1))).id
        people = []
        for i in range(n):
            first, last = rnd.choice(FIRST), f"{rnd.choice(LAST)} {i}"
            org = f"Ministry {i % 300}"
            people.append({
                "first_name": first, "last_name": last, "email": f"p{i}@example.org",
                "email_key": f"p{i}@example.org", "country": "HU", "organisation": org,
                "search_key": search_key(first, last, org), "sort_key": sort_key(first, last),
            })  # fmt: skip
        ids = s.execute(insert(Person).returning(Person.id), people).scalars().all()
        statuses = list(RegistrationStatus)
        s.execute(insert(Registration), [
            {"event_id": event_id, "person_id": pid, "status": rnd.choice(statuses),
             "checkin_code": f"{pid:09d}", "delegation_country": rnd.choice(["HU", "AT", "AF"])}
            for pid in ids
        ])  # fmt: skip
    db.close()
    return event_id


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            path = Path(tmp) / f"roster-{n}.db"
            event_id = seed(path, n)
            db = Database.open(str(path))
            raw = sqlite3.connect(path)
            cases: dict[str, list[float]] = {
                k: [] for k in ("floor", "load", "search", "sort", "page")
            }
            for _ in range(args.runs):
                floor = (FLOOR_SQL, (event_id,))
                cases["floor"].append(timed(lambda r=raw, q=floor: r.execute(*q).fetchall()))
                with db.transaction() as s:
                    view = roster_ops.load(event_id, RosterFilter(), SortKey.NAME, False)
                    cases["load"].append(timed(lambda v=view, s=s: v(s)))
                    found = roster_ops.load(
                        event_id, RosterFilter("kovacs 12"), SortKey.NAME, False
                    )
                    cases["search"].append(timed(lambda f=found, s=s: f(s)))
                    by_status = roster_ops.load(event_id, RosterFilter(), SortKey.STATUS, True)
                    cases["sort"].append(timed(lambda b=by_status, s=s: b(s)))
                    ids = view(s).ids[:200]
                    cases["page"].append(timed(lambda i=ids, s=s: registration_rows(s, i)))
            med = {k: round(statistics.median(v), 1) for k, v in cases.items()}
            print(json.dumps({
                "rows": n, "floor_ms": med["floor"], "load_ms": med["load"],
                "search_ms": med["search"], "sort_ms": med["sort"], "page_ms": med["page"],
                "load_ratio": round(med["load"] / med["floor"], 2),
            }), flush=True)  # fmt: skip
            raw.close()
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
