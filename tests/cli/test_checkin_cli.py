"""checkin scan/search/undo/stats on the command line, and four desks scanning one database at
once in four processes (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from budapest_desk.__main__ import main
from budapest_desk.core import codes
from budapest_desk.core.database import Database
from budapest_desk.db.enums import CheckinKind
from budapest_desk.db.models import CheckinEntry, Registration


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _roster(tmp_path: Path, people: int) -> Path:
    path = tmp_path / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Email,First name,Last name,Country,Organisation,Status\n")
        fh.write("gyongyver@example.org,Gyöngyvér,Kovács,Hungary,Ministry of Interior,confirmed\n")
        fh.write("oleg@example.org,Олег,Ковач,Ukraine,State Border Guard,confirmed\n")
        fh.write("giorgi@example.org,Giorgi,Beridze,Georgia,Ministry of Justice,cancelled\n")
        for i in range(people - 3):
            fh.write(f"p{i}@example.org,Anna{i},Nagy{i},Hungary,Ministry {i % 50},confirmed\n")
    return path


def _setup(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, people: int) -> None:
    assert run(capsys, "--db", db, "event", "add", "--title", "SOM 2027", "--start",
               "2027-03-01")[0] == 0  # fmt: skip
    code, _, err = run(
        capsys, "--db", db, "roster", "import", "SOM", str(_roster(tmp_path, people))
    )
    assert code == 0, err


def _codes(db: str) -> dict[str, str]:
    """Check-in code by email."""
    from budapest_desk.db.models import Person

    database = Database.open(db)
    try:
        with database.transaction() as s:
            rows = s.execute(
                select(Person.email, Registration.checkin_code).join(
                    Registration, Registration.person_id == Person.id
                )
            )
            return {str(email): code for email, code in rows}
    finally:
        database.close()


def test_scan_twice_search_undo_and_stats(
    capsys: pytest.CaptureFixture[str], db_target: str, tmp_path: Path
) -> None:
    _setup(capsys, db_target, tmp_path, people=10)
    by_email = _codes(db_target)
    gyongyver = codes.display(by_email["gyongyver@example.org"])
    base = ("--db", db_target, "checkin")

    code, out, _ = run(capsys, *base, "scan", "SOM", gyongyver, "--desk", "Desk A", "--json")
    first = json.loads(out)
    assert code == 0
    assert first["result"] == "checked_in"
    assert (first["name"], first["code"]) == ("Gyöngyvér Kovács", by_email["gyongyver@example.org"])
    code, out, _ = run(capsys, *base, "scan", "SOM", gyongyver, "--desk", "Desk B", "--json")
    again = json.loads(out)
    assert code == 3
    assert (again["result"], again["desk"], again["at"]) == ("already", "Desk A", first["at"])

    code, out, _ = run(capsys, *base, "scan", "SOM", by_email["giorgi@example.org"])
    assert code == 3
    assert out == "Giorgi Beridze: not admitted, the registration was cancelled.\n"
    code, out, _ = run(capsys, *base, "scan", "SOM", "NOT-A-CODE", "--json")
    assert (code, json.loads(out)["result"]) == (3, "unknown")

    code, out, _ = run(capsys, *base, "search", "SOM", "kovach", "--json")
    assert code == 0
    assert [m["name"] for m in json.loads(out)["matches"]] == ["Олег Ковач"]
    code, out, _ = run(capsys, *base, "search", "SOM", "interior KOVACS gyon", "--json")
    [match] = json.loads(out)["matches"]
    assert (match["name"], match["checked_in"], match["desk"]) == (
        "Gyöngyvér Kovács",
        True,
        "Desk A",
    )
    assert match["delegation"] == "Hungary"

    code, out, _ = run(capsys, *base, "stats", "SOM", "--json")
    stats = json.loads(out)
    assert (stats["checked_in"], stats["expected"]) == (1, 9)
    assert {c["name"]: c["checked_in"] for c in stats["by_country"]}["Hungary"] == 1

    code, out, _ = run(capsys, *base, "undo", "SOM", gyongyver, "--desk", "Desk A")
    assert (code, out) == (0, "Took back the check-in of Gyöngyvér Kovács.\n")
    code, out, _ = run(capsys, *base, "undo", "SOM", gyongyver)
    assert code == 3
    code, out, _ = run(capsys, *base, "stats", "SOM", "--json")
    assert json.loads(out)["checked_in"] == 0


def test_scan_needs_a_code_or_stdin(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    assert run(capsys, "--db", sqlite_url, "event", "add", "--title", "SOM", "--start",
               "2027-03-01")[0] == 0  # fmt: skip
    code, _, err = run(capsys, "--db", sqlite_url, "checkin", "scan", "SOM")
    assert code == 2
    assert "give either CODE or --stdin" in err


DESKS = 4
PER_DESK = 2500


def _desk_plan(codes_: list[str]) -> list[list[str]]:
    """Each desk scans 2,500 codes: half its own, half shared with one other desk (desks 0 and
    1 share a block, as do 2 and 3), the shared block in the same order at both desks so that
    they race for the same people at the same moment."""
    half = PER_DESK // 2
    own = [codes_[i * half : (i + 1) * half] for i in range(DESKS)]
    shared_start = DESKS * half
    shared = [codes_[shared_start + j * half : shared_start + (j + 1) * half] for j in range(2)]
    plan = []
    for d in range(DESKS):
        mixed: list[str] = []
        for mine, ours in zip(own[d], shared[d // 2], strict=True):
            mixed += [ours, mine]
        plan.append(mixed)
    return plan


def test_four_desks_scanning_at_once_check_everyone_in_exactly_once(
    capsys: pytest.CaptureFixture[str], db_target: str, tmp_path: Path
) -> None:
    half = PER_DESK // 2
    people = DESKS * half + 2 * half  # 7,500: each desk's own block and two shared blocks
    _setup(capsys, db_target, tmp_path, people=people + 3)
    by_email = _codes(db_target)
    pool = [by_email[f"p{i}@example.org"] for i in range(people)]
    plan = _desk_plan(pool)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "budapest_desk",
                "--db",
                db_target,
                "checkin",
                "scan",
                "SOM",
                "--stdin",
                "--desk",
                f"Desk {d}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for d in range(DESKS)
    ]
    outputs: list[tuple[str, str]] = [("", "")] * DESKS

    def feed(d: int) -> None:
        outputs[d] = procs[d].communicate("\n".join(plan[d]) + "\n", timeout=600)

    threads = [threading.Thread(target=feed, args=(d,)) for d in range(DESKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d, proc in enumerate(procs):
        assert proc.returncode == 0, outputs[d][1]

    results = [[json.loads(line) for line in out.splitlines()] for out, _ in outputs]
    for d in range(DESKS):
        assert [r["code"] for r in results[d]] == plan[d]  # one answer per scan, in order
    by_code: dict[str, list[tuple[int, dict[str, object]]]] = {}
    for d in range(DESKS):
        for r in results[d]:
            by_code.setdefault(str(r["code"]), []).append((d, r))
    assert set(by_code) == set(pool)
    tally = Counter(str(r["result"]) for rs in results for r in rs)
    assert tally == {"checked_in": people, "already": 2 * half}
    for code, answers in by_code.items():
        kinds = sorted(str(r["result"]) for _, r in answers)
        assert kinds in (["checked_in"], ["already", "checked_in"]), code
        if len(answers) == 2:
            admitted = next(r for _, r in answers if r["result"] == "checked_in")
            told = next(r for _, r in answers if r["result"] == "already")
            assert (told["desk"], told["at"]) == (admitted["desk"], admitted["at"])

    database = Database.open(db_target)
    try:
        with database.transaction() as s:
            ins = s.execute(
                select(CheckinEntry.registration_id, func.count())
                .where(CheckinEntry.kind == CheckinKind.IN)
                .group_by(CheckinEntry.registration_id)
            ).all()
            assert len(ins) == people
            assert {n for _, n in ins} == {1}
    finally:
        database.close()
    code, out, _ = run(capsys, "--db", db_target, "checkin", "stats", "SOM", "--json")
    assert json.loads(out)["checked_in"] == people


def test_two_offline_copies_merge_journals_both_ways(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    _setup(capsys, sqlite_url, tmp_path, people=8)
    copy = str(tmp_path / "laptop-b.db")
    assert run(capsys, "--db", sqlite_url, "backup", "-o", copy)[0] == 0
    by_email = _codes(sqlite_url)
    both = by_email["p0@example.org"]
    for db, desk, emails in (
        (sqlite_url, "Desk A", ["p0", "p1", "gyongyver"]),
        (copy, "Desk B", ["p0", "p2", "oleg"]),
    ):
        for email in emails:
            run(capsys, "--db", db, "checkin", "scan", "SOM", by_email[f"{email}@example.org"],
                "--desk", desk)  # fmt: skip
    a_file, b_file = tmp_path / "a.json", tmp_path / "b.json"
    code, out, _ = run(capsys, "--db", sqlite_url, "checkin", "export-journal", "SOM", "-o",
                       str(a_file))  # fmt: skip
    assert code == 0
    assert out.startswith("Wrote 3 journal entries")
    assert run(capsys, "--db", copy, "checkin", "export-journal", "SOM", "-o", str(b_file))[0] == 0

    code, out, _ = run(capsys, "--db", copy, "checkin", "merge-journal", str(a_file), "--json")
    summary = json.loads(out)
    assert code == 0
    assert (summary["added"], summary["already_present"]) == (3, 0)
    [conflict] = summary["conflicts"]
    assert conflict["code"] == both
    code, out, _ = run(capsys, "--db", sqlite_url, "checkin", "merge-journal", str(b_file))
    assert code == 0
    assert "3 entries added, 0 already present" in out
    assert "1 person admitted twice." in out
    code, out, _ = run(capsys, "--db", copy, "checkin", "merge-journal", str(a_file), "--json")
    assert (json.loads(out)["added"], json.loads(out)["already_present"]) == (0, 3)

    stats = []
    for db in (sqlite_url, copy):
        code, out, _ = run(capsys, "--db", db, "checkin", "stats", "SOM", "--json")
        stats.append(json.loads(out))
    assert stats[0] == stats[1]
    assert stats[0]["checked_in"] == 5

    code, _, err = run(capsys, "--db", copy, "checkin", "merge-journal", str(tmp_path / "no.json"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1
