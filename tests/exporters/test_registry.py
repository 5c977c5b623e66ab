"""The list of exports the UI and the CLI offer."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from budapest_desk.core.errors import UserError
from budapest_desk.core.roster import RosterCounts
from budapest_desk.exporters.registry import EXPORTERS, EventExport, get_exporter
from tests.exporters.samples import EVENT, registrations


def test_identifiers_are_unique_and_the_roster_exports_are_there() -> None:
    ids = [e.identifier for e in EXPORTERS]
    assert len(ids) == len(set(ids))
    assert {"roster-xlsx", "roster-csv", "roster-csv-semicolon", "roster-template"} <= set(ids)
    assert all(e.name and e.suffix.startswith(".") for e in EXPORTERS)


def test_unknown_export_is_a_user_error() -> None:
    with pytest.raises(UserError, match="roster-xlsx"):
        get_exporter("roster-pdf")


@pytest.mark.parametrize("identifier", [e.identifier for e in EXPORTERS])
def test_each_renders_a_file(tmp_path: Path, identifier: str) -> None:
    exporter = get_exporter(identifier)
    data = EventExport(
        event=EVENT,
        rows=iter(registrations(5)),
        counts=RosterCounts(total=5, by_status={"confirmed": 5}),
        categories=["Delegate"],
    )
    seen: list[tuple[int, int]] = []
    path = tmp_path / f"export{exporter.suffix}"
    exporter.render(path, data, progress=lambda done, total: seen.append((done, total)))
    assert path.stat().st_size > 0
    if exporter.suffix == ".xlsx":
        assert openpyxl.load_workbook(path).sheetnames
    if identifier == "roster-csv-semicolon":
        assert path.read_bytes()[3:].startswith(b"Title;First name;")
    if identifier != "roster-template":
        assert seen == [(5, 5)]
