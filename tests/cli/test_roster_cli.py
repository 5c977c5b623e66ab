"""roster import/export/template/list and registration set-status/promote on the command line,
including the process killed halfway through a 100,000-row import."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from budapest_desk.__main__ import main
from tests.core.importing.fixtures import WORLD_NAMES, indico_xlsx, text_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def event(capsys: pytest.CaptureFixture[str], db_target: str) -> str:
    code, out, _ = run(
        capsys, "--db", db_target, "event", "add", "--title", "SOM 2027", "--start", "2027-03-01",
        "--capacity", "3", "--json",
    )  # fmt: skip
    assert code == 0
    return str(json.loads(out)["id"])


def test_import_json_summary_list_and_dry_run(
    capsys: pytest.CaptureFixture[str], db_target: str, event: str, tmp_path: Path
) -> None:
    path = indico_xlsx(tmp_path / "indico.xlsx", people=5)
    code, out, _ = run(
        capsys, "--db", db_target, "roster", "import", event, str(path), "--dry-run", "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "rows": 5, "created": 5, "updated": 0, "merged": 0, "rejected": [], "warnings": [],
        "dry_run": True,
    }  # fmt: skip
    code, out, _ = run(capsys, "--db", db_target, "roster", "list", event, "--json")
    assert (code, out) == (0, "")  # the dry run wrote nothing

    code, out, _ = run(capsys, "--db", db_target, "roster", "import", "SOM", str(path), "--json")
    assert code == 0
    summary = json.loads(out)
    assert (summary["created"], summary["checkins"], summary["dry_run"]) == (5, 1, False)
    assert summary["waitlisted"] == 0  # capacity 3, but only 1 of the 5 is confirmed
    code, out, _ = run(capsys, "--db", db_target, "roster", "list", event, "--json")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 5
    keys = {"first_name", "last_name", "email", "country", "organisation", "status", "category",
            "delegation", "code"}  # fmt: skip
    assert keys <= set(records[0])
    by_email = {r["email"]: r for r in records}
    assert (
        by_email["person0@example.org"]["first_name"],
        by_email["person0@example.org"]["last_name"],
    ) == WORLD_NAMES[0]
    assert by_email["person1@example.org"]["status"] == "cancelled"  # Indico's "Withdrawn"
    assert all(len(r["code"]) == 9 for r in records)


def test_rejected_rows_exit_0_refused_file_exit_1_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], db_target: str, event: str, tmp_path: Path
) -> None:
    text = "Email,First name,Last name,Country\na@example.org,Anna,Kovács,HU\nbad,Bo,Ek,SE\n"
    path = text_file(tmp_path / "list.csv", text, "utf-8")
    report = tmp_path / "rejected.xlsx"
    code, out, _ = run(capsys, "--db", db_target, "roster", "import", event, str(path),
                       "--json", "--delimiter", "comma", "--rejections", str(report))  # fmt: skip
    assert code == 0
    summary = json.loads(out)
    assert summary["created"] == 1
    assert [r["row"] for r in summary["rejected"]] == [3]
    assert "not a valid email" in summary["rejected"][0]["reason"]
    sheet = openpyxl.load_workbook(report).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "bad" in rows[1]
    assert any("not a valid email" in str(v) for v in rows[1])

    pdf = tmp_path / "renamed.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
    code, out, err = run(capsys, "--db", db_target, "roster", "import", event, str(pdf), "--json")
    assert code == 1
    assert out == ""
    assert "PDF" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--db", db_target, "roster", "list", event, "--json")
    assert len(out.splitlines()) == 1


def test_export_template_set_status_and_promote(
    capsys: pytest.CaptureFixture[str], db_target: str, event: str, tmp_path: Path
) -> None:
    rows = "".join(f"p{i}@example.org;Name{i};Family{i};Hungary\n" for i in range(5))
    path = text_file(tmp_path / "five.csv", "Email;First name;Last name;Country\n" + rows, "utf-8")
    assert run(capsys, "--db", db_target, "roster", "import", event, str(path))[0] == 0
    # capacity 3: two are waiting
    code, out, _ = run(
        capsys, "--db", db_target, "roster", "list", event, "--status", "waitlisted", "--json"
    )
    assert len(out.splitlines()) == 2

    code, out, err = run(
        capsys, "--db", db_target, "registration", "set-status", event, "p0@example.org", "invited"
    )
    assert code == 1
    assert "Confirmed cannot be changed to Invited" in err
    code, out, _ = run(
        capsys,
        "--db",
        db_target,
        "registration",
        "set-status",
        event,
        "P0@EXAMPLE.ORG",
        "cancelled",
    )
    assert (code, out.strip()) == (0, "1 set to Cancelled.")
    code, out, _ = run(capsys, "--db", db_target, "registration", "promote", event)
    assert code == 0
    assert out.startswith("Promoted from the waiting list: Name3 Family3")

    out_csv = tmp_path / "roster.csv"
    code, _, _ = run(capsys, "--db", db_target, "roster", "export", event, "-o", str(out_csv),
                     "--delimiter", ";", "--status", "confirmed")  # fmt: skip
    assert code == 0
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(table) == 1 + 3
    out_xlsx = tmp_path / "roster.xlsx"
    assert run(capsys, "--db", db_target, "roster", "export", event, "-o", str(out_xlsx))[0] == 0
    book = openpyxl.load_workbook(out_xlsx)
    assert book.sheetnames[:2] == ["Roster", "Summary"]
    template = tmp_path / "template.xlsx"
    assert run(capsys, "--db", db_target, "roster", "template", event, "-o", str(template))[0] == 0
    assert "Registrations" in openpyxl.load_workbook(template).sheetnames


def _wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_killed_halfway_through_a_large_import_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    env = dict(os.environ)
    base = [sys.executable, "-m", "budapest_desk", "--db", str(db)]
    subprocess.run([*base, "event", "add", "--title", "Big", "--start", "2027-01-01"], check=True,
                   env=env, capture_output=True)  # fmt: skip
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Email,First name,Last name,Country,Organisation\n")
        for i in range(100_000):
            fh.write(f"p{i}@example.org,Anna{i},Kovács{i},Hungary,Ministry {i % 50}\n")
    proc = subprocess.Popen([*base, "roster", "import", "Big", str(path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    # The import writes to the write-ahead log as it goes: kill it once that has begun.
    deadline = time.monotonic() + 120
    while _wal_size(db) < 2_000_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    check = subprocess.run([*base, "check", "--json"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["ok"] is True
    listed = subprocess.run(
        [*base, "roster", "list", "Big", "--json"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0
    assert listed.stdout == ""
