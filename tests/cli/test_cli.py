"""The command line, in process (fast) and as the installed entry point (exit codes, output)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from budapest_desk import __version__
from budapest_desk.__main__ import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "budapest_desk", *argv],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=120,
    )


def test_init_demo_list_check(capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    code, out, _ = run(capsys, "--db", db_target, "init", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["created"] is True
    assert info["revision"]
    code, out, _ = run(capsys, "--db", db_target, "init", "--json")
    assert json.loads(out)["created"] is False

    code, out, _ = run(capsys, "--db", db_target, "demo", "--json")
    assert code == 0
    assert json.loads(out)["events"] == 4
    code, out, _ = run(capsys, "--db", db_target, "event", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert len(listed) == 4
    assert {"id", "title", "start_date", "end_date", "city", "country", "status"} <= set(listed[0])
    code, out, _ = run(capsys, "--db", db_target, "check")
    assert code == 0, out
    code, out, _ = run(capsys, "--db", db_target, "check", "--json")
    assert json.loads(out) == {"database": json.loads(out)["database"], "ok": True, "problems": []}

    code, _, err = run(capsys, "--db", db_target, "demo")
    assert code == 1
    assert "already" in err
    assert "Traceback" not in err


def test_event_add(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    code, out, _ = run(
        capsys,
        "--db", db, "event", "add", "--title", "Working group on labour migration",
        "--start", "2027-02-10", "--end", "2027-02-11", "--city", "Tashkent",
        "--country", "uz", "--capacity", "40", "--json",
    )  # fmt: skip
    assert code == 0
    row = json.loads(out)
    assert isinstance(row["id"], int)
    assert (row["country"], row["capacity"], row["end_date"]) == ("UZ", 40, "2027-02-11")
    code, out, _ = run(capsys, "--db", db, "event", "list")
    assert "Working group on labour migration" in out
    assert "Tashkent, Uzbekistan" in out


def test_db_option_after_the_command_and_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "after.db"
    assert run(capsys, "init", "--db", str(db))[0] == 0
    assert db.exists()
    env_db = tmp_path / "env.db"
    monkeypatch.setenv("BUDAPEST_DESK_DB", str(env_db))
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert str(env_db) in out


def test_default_database_is_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0
    assert json.loads(out)["database"] == str(private_home / "data" / "budapest-desk.db")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["event", "add", "--title", "X", "--start", "2027-02-10", "--end", "2027-02-01"],
         "cannot end before it starts"),
        (["event", "add", "--title", "X", "--start", "2027-02-10", "--country", "Atlantis"],
         "Unknown country"),
        (["event", "add", "--title", " ", "--start", "2027-02-10"], "Title is required"),
        (["check"], "There is no database"),
        (["restore", "/nonexistent/backup.db"], "There is no file at /nonexistent/backup.db"),
    ],
)  # fmt: skip
def test_user_errors_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), *argv)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["event", "add", "--title", "X", "--start", "10/02/2027"],
        ["event", "add", "--start", "2027-02-10"],
        ["event", "add", "--title", "X", "--start", "2027-02-10", "--capacity", "-3"],
        ["no-such-command"],
        ["backup"],
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_entry_point_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    version = cli("--version")
    assert version.returncode == 0
    assert __version__ in version.stdout

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01 not sqlite at all" * 100)
    before = junk.read_bytes()
    result = cli("--db", str(junk), "event", "list")
    assert result.returncode == 1
    assert "not a Budapest Desk database" in result.stderr
    assert "Traceback" not in result.stderr
    assert junk.read_bytes() == before

    usage = cli("event", "add", "--start", "yesterday")
    assert usage.returncode == 2


def test_backup_and_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    run(capsys, "--db", db, "event", "add", "--title", "Kept", "--start", "2027-01-01")
    copy = tmp_path / "copy.db"
    code, out, _ = run(capsys, "--db", db, "backup", "-o", str(copy))
    assert code == 0
    assert copy.exists()
    run(capsys, "--db", db, "event", "add", "--title", "Added later", "--start", "2027-01-02")
    code, out, _ = run(capsys, "--db", db, "restore", str(copy))
    assert code == 0, out
    code, out, _ = run(capsys, "--db", db, "event", "list", "--json")
    assert [e["title"] for e in json.loads(out)] == ["Kept"]


def test_gui_smoke_json(tmp_path: Path) -> None:
    db = tmp_path / "smoke.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = cli("--db", str(db), "gui", "--smoke", "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["window_shown_ms"] > 0
    assert set(report["tabs"]) == {"News", "Events", "Check-in", "Subscribers", "Library"}
    for tab in report["tabs"].values():
        assert 0 <= tab["paint_ms"] <= tab["loaded_ms"]
    assert report["window_shown_ms"] <= report["database_open_ms"] <= report["total_ms"]
    assert report["database"] == str(db)


def test_gui_without_a_display_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = cli("--db", str(tmp_path / "x.db"), env=env)
    assert result.returncode == 1
    assert "No display found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bug_is_one_line_without_data_and_logged(tmp_path: Path, private_home: Path) -> None:
    """An unexpected failure (here: a column missing from a damaged database) prints the kind of
    error only, not the SQL or its parameters, and logs the traceback to the log file."""
    import sqlite3

    db = tmp_path / "damaged.db"
    assert cli("--db", str(db), "event", "add", "--title", "Nino Beridze private",
               "--start", "2027-01-01").returncode == 0  # fmt: skip
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE events DROP COLUMN hosts")
    con.commit()
    con.close()
    result = cli("--db", str(db), "event", "list")
    assert result.returncode == 1
    assert "internal error (OperationalError)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert "SELECT" not in result.stderr
    assert "Beridze" not in result.stderr
    log = (private_home / "data" / "budapest-desk.log").read_text()
    assert "Traceback" in log
    assert "no such column" in log


def test_check_reports_an_old_schema_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import hashlib

    from budapest_desk.db.engine import make_engine, resolve_url
    from budapest_desk.db.migrate import upgrade

    path = tmp_path / "old.db"
    engine = make_engine(resolve_url(str(path)))
    upgrade(engine, "0001_initial")
    engine.dispose()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, _ = run(capsys, "--db", str(path), "check", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert any("0001_initial" in p for p in report["problems"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob("old.db?*"))  # no backup, no -wal or -shm left
