"""badges, participants and report on the command line, on both backends: the same options as
the Output dialog, through one list of outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from budapest_desk.__main__ import main
from budapest_desk.core import events, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.people import PersonInput
from budapest_desk.core.registrations import RegistrationInput
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.db.models import Registration
from budapest_desk.exporters.label_sheets import load_calibrations
from tests.exporters.pdfcheck import (
    BASE_14,
    comparable,
    fonts_used,
    page_sizes,
    page_texts,
    qr_codes,
)
from tests.exporters.scripts import NAMES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def roster(database: Database) -> dict[str, int]:
    """An event with every name of scripts.NAMES confirmed (half of them Delegates, half
    Observers), plus one pending and one cancelled registration."""
    with database.transaction() as s:
        event = events.create_event(
            s,
            events.EventInput(
                title="Budapest Process SOM",
                start_date=dt.date(2027, 5, 12),
                end_date=dt.date(2027, 5, 13),
            ),
        )
        cats = {c.name: c.id for c in registrations.list_categories(s)}
        for i, (first, last) in enumerate(NAMES):
            registrations.create_registration(
                s,
                event.id,
                RegistrationInput(
                    PersonInput(first, last, f"p{i}@example.org", organisation="Ministry"),
                    status=S.CONFIRMED,
                    category_id=cats["Delegate"] if i % 2 else cats["Observer"],
                    delegation_country="HU",
                    list_consent=True,
                ),
            )
        for i, status in enumerate((S.PENDING, S.CANCELLED)):
            registrations.create_registration(
                s,
                event.id,
                RegistrationInput(
                    PersonInput("Not", f"Coming{i}", f"n{i}@example.org"), status=status
                ),
            )
    return {"event": event.id, "confirmed": len(NAMES)}


def test_badges_of_the_confirmed_in_every_script_marked_printed(
    capsys: pytest.CaptureFixture[str],
    db_target: str,
    database: Database,
    roster: dict[str, int],
    tmp_path: Path,
) -> None:
    out_pdf = tmp_path / "badges.pdf"
    code, out, err = run(capsys, "--db", db_target, "badges", "SOM", "-o", str(out_pdf), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["badges"] == roster["confirmed"]
    text = " ".join(page_texts(out_pdf))
    for first, last in NAMES:
        assert comparable(first) in text
        assert comparable(last) in text
    assert "Coming0" not in text
    assert all(fonts_used(out_pdf).values())
    assert not {n.split("+")[-1] for n in fonts_used(out_pdf)} & BASE_14
    with database.transaction() as s:
        codes = dict(
            s.execute(select(Registration.checkin_code, Registration.badge_printed_at)).all()
        )
    printed_codes = {c for c, printed in codes.items() if printed is not None}
    first_sheet = qr_codes(out_pdf, page=0)
    assert len(first_sheet) == 4
    assert set(first_sheet) <= printed_codes
    assert sum(printed is not None for printed in codes.values()) == roster["confirmed"]

    # Nothing left unprinted: a clear message, exit 1, no file.
    again = tmp_path / "again.pdf"
    code, out, err = run(
        capsys, "--db", db_target, "badges", "SOM", "-o", str(again), "--only-unprinted"
    )
    assert code == 1
    assert "No registration matches" in err
    assert not again.exists()


def test_badge_options(
    capsys: pytest.CaptureFixture[str], db_target: str, roster: dict[str, int], tmp_path: Path
) -> None:
    out_pdf = tmp_path / "observers.pdf"
    code, out, err = run(
        capsys, "--db", db_target, "badges", str(roster["event"]), "-o", str(out_pdf),
        "--layout", "avery-l7418", "--category", "observer", "--status", "confirmed",
        "--name-format", "first-FAMILY", "--no-mark",
    )  # fmt: skip
    assert code == 0, err
    observers = (len(NAMES) + 1) // 2
    assert f"Wrote {observers} badges" in out
    assert page_sizes(out_pdf)[0] == pytest.approx((595.28, 841.89), abs=0.01)
    assert "KOVÁCS" in page_texts(out_pdf)[0]

    code, _, err = run(
        capsys, "--db", db_target, "badges", "SOM", "-o", str(out_pdf), "--category", "Chef"
    )
    assert code == 1
    assert "There is no category 'Chef'" in err
    code, _, err = run(
        capsys, "--db", db_target, "badges", "SOM", "-o", str(out_pdf), "--layout", "nope"
    )
    assert code == 1
    assert "avery-l7418" in err


def test_list_layouts_and_calibration(
    capsys: pytest.CaptureFixture[str], db_target: str, roster: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:  # like --version: no EVENT, no database
        main(["badges", "--list-layouts"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for name in (
        "a6",
        "a6-4up",
        "a7-8up",
        "a6-fold",
        "avery-l7418",
        "avery-5392",
        "herma-4412",
        "durable-1456",
    ):
        assert name in out.split()
    code, _, err = run(
        capsys, "--db", db_target, "badges", "SOM", "-o", str(tmp_path / "b.pdf"),
        "--layout", "herma-4412", "--calibration", "1.5", "-0.5", "--no-mark",
    )  # fmt: skip
    assert code == 0, err
    saved = load_calibrations()["herma-4412"]
    assert (saved.dx_mm, saved.dy_mm) == (1.5, -0.5)
    code, _, err = run(
        capsys,
        "--db",
        db_target,
        "badges",
        "SOM",
        "-o",
        str(tmp_path / "c.pdf"),
        "--calibration",
        "12",
        "0",
    )
    assert code == 1
    assert "must be between -10 and +10 mm" in err
    # A calibration is kept only once it has printed: a failed run keeps none.
    code, _, err = run(
        capsys, "--db", db_target, "badges", "Nowhere", "-o", str(tmp_path / "d.pdf"),
        "--layout", "a7-8up", "--calibration", "2", "2",
    )  # fmt: skip
    assert code == 1
    assert "a7-8up" not in load_calibrations()


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    for argv in (["badges", "SOM"], ["badges", "-o", "x.pdf"]):
        with pytest.raises(SystemExit) as exited:
            main(["--db", db_target, *argv])
        assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["--db", db_target, "participants", "SOM", "-o", "x.pdf", "--day", "nope"])
    assert exited.value.code == 2
    assert "'nope' is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_cli_choices_are_the_enums_values() -> None:
    from budapest_desk.cli.output_cmds import NAME_FORMATS, VARIANTS
    from budapest_desk.core.participants import Variant
    from budapest_desk.exporters.badge_content import NameFormat

    assert [f.value for f in NameFormat] == NAME_FORMATS
    assert [v.value for v in Variant] == VARIANTS


def test_participants_variants(
    capsys: pytest.CaptureFixture[str], db_target: str, roster: dict[str, int], tmp_path: Path
) -> None:
    for variant in ("distributed", "internal", "sign-in"):
        path = tmp_path / f"{variant}.pdf"
        args = ["--db", db_target, "participants", "SOM", "-o", str(path), "--variant", variant]
        code, out, err = run(capsys, *args, "--orientation", "landscape")
        assert code == 0, err
        assert f"({roster['confirmed']} people)" in out
        width, height = page_sizes(path)[0]
        assert width > height
        text = " ".join(page_texts(path))
        assert comparable(NAMES[0][1]) in text
    code, _, err = run(
        capsys,
        "--db",
        db_target,
        "participants",
        "SOM",
        "-o",
        str(tmp_path / "x.pdf"),
        "--variant",
        "sign-in",
        "--day",
        "2027-06-01",
    )
    assert code == 1
    assert "choose a day of the event" in err
    # The day matters only to the sign-in sheet; the other lists ignore it.
    code, _, err = run(
        capsys, "--db", db_target, "participants", "SOM", "-o", str(tmp_path / "y.pdf"),
        "--day", "2027-06-01",
    )  # fmt: skip
    assert code == 0, err


def test_report_as_pdf_and_xlsx(
    capsys: pytest.CaptureFixture[str], db_target: str, roster: dict[str, int], tmp_path: Path
) -> None:
    for name in ("report.pdf", "report.xlsx"):
        code, _, err = run(capsys, "--db", db_target, "report", "SOM", "-o", str(tmp_path / name))
        assert code == 0, err
    assert "Budapest Process SOM" in " ".join(page_texts(tmp_path / "report.pdf"))
    assert "By status" in openpyxl.load_workbook(tmp_path / "report.xlsx").sheetnames
    code, _, err = run(
        capsys, "--db", db_target, "report", "SOM", "-o", str(tmp_path / "report.docx")
    )
    assert code == 1
    assert ".pdf or .xlsx" in err


def test_a_preview_is_the_first_sheet_of_the_layout(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    from budapest_desk.exporters.outputs import OutputOptions, get_output

    for layout, per_sheet in (("herma-4412", 10), ("a6-4up", 4), ("a6", 1)):
        with database.transaction() as s:
            written = get_output("badges").write(
                s, roster["event"], tmp_path / f"{layout}.pdf",
                OutputOptions(layout=layout, preview=True),
            )  # fmt: skip
        assert written.count == per_sheet
        assert len(page_sizes(tmp_path / f"{layout}.pdf")) == 1
