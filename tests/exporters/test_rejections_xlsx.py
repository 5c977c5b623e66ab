"""The rejection report sent back to whoever sent an import file."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from budapest_desk.exporters.rejections_xlsx import write_rejections


def test_rejected_rows_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "rejected.xlsx"
    header = ["E-mail", "Имя", "Фамилия", "Telefon"]
    rejected = [
        (3, ["not-an-email", "Ольга", "Петрова", "+7 495 123 45 67"], "The email is not valid."),
        (7, ["x@example.org", "=cmd|' /C calc'!A0", "", "-1+1"], "The country is missing."),
        (9, ["short row"], "=1+1"),
    ]
    write_rejections(path, header, rejected)
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Reason", "E-mail", "Имя", "Фамилия", "Telefon")
    assert rows[1] == (
        3,
        "The email is not valid.",
        "not-an-email",
        "Ольга",
        "Петрова",
        "+7 495 123 45 67",
    )
    assert rows[2] == (
        7,
        "The country is missing.",
        "x@example.org",
        "'=cmd|' /C calc'!A0",
        None,
        "'-1+1",
    )
    assert rows[3][:3] == (9, "'=1+1", "short row")
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["B"].width >= len("The email is not valid.")
    assert ws.column_dimensions["C"].width >= len("x@example.org")


def test_nothing_rejected_is_a_header_only(tmp_path: Path) -> None:
    path = tmp_path / "rejected.xlsx"
    write_rejections(path, ["Email"], [])
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows == [("Row", "Reason", "Email")]
