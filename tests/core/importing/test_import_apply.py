"""Importing files into an event's roster, end to end on both backends: what is created,
updated, merged and rejected; statuses and past check-ins; the waiting list; re-import;
Cancel; and round trips through our own export and template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from budapest_desk.core import checkin, desk, events, registrations, roster
from budapest_desk.core.database import Database
from budapest_desk.core.errors import Cancelled, UserError
from budapest_desk.core.importing.apply import apply_plan
from budapest_desk.core.importing.plan import ImportPlan, ImportSettings, make_plan
from budapest_desk.core.importing.prepare import prepare
from budapest_desk.core.importing.sources import SourceOptions, open_source
from budapest_desk.core.progress import CancelToken
from budapest_desk.core.roster import RosterFilter
from budapest_desk.db import models
from budapest_desk.db.enums import RegistrationStatus as S
from budapest_desk.exporters.registry import EventExport, get_exporter
from budapest_desk.exporters.template_xlsx import write_template
from tests.core.importing.fixtures import (
    WORLD_NAMES,
    indico_xlsx,
    pretix_xlsx,
    text_file,
    write_xlsx,
)


def _event(database: Database, capacity: int | None = None) -> int:
    with database.transaction() as s:
        data = events.EventInput(
            "Ministerial Conference",
            dt.date(2026, 6, 1),
            capacity=capacity,
            time_zone="Asia/Tashkent",
        )
        return events.create_event(s, data).id


def _import(
    database: Database,
    event_id: int,
    path: Path,
    options: SourceOptions | None = None,
    *,
    write: bool = True,
    cancel: CancelToken | None = None,
) -> ImportPlan:
    prepared = prepare(path, options)
    settings = ImportSettings(prepared.header_row, prepared.mapping)
    with database.transaction() as s, open_source(path, prepared.options) as source:
        plan = make_plan(s, event_id, source, settings)
    if write:
        with database.transaction() as s:
            apply_plan(s, plan, cancel=cancel)
    return plan


def _rows(database: Database, event_id: int) -> list[registrations.RegistrationRow]:
    with database.transaction() as s:
        return list(roster.iter_roster(s, event_id))


def test_indico_export_with_title_rows_states_and_checkins(
    database: Database, tmp_path: Path
) -> None:
    ev = _event(database)
    plan = _import(database, ev, indico_xlsx(tmp_path / "indico.xlsx", people=5))
    assert plan.summary() == {
        "rows": 5, "created": 5, "updated": 0, "merged": 0, "rejected": [], "warnings": []
    }  # fmt: skip
    rows = {r.email: r for r in _rows(database, ev)}
    # Completed, Withdrawn, Awaiting payment, Rejected, Pending
    assert [rows[f"person{i}@example.org"].status for i in range(5)] == [
        S.CONFIRMED, S.CANCELLED, S.PENDING, S.DECLINED, S.PENDING
    ]  # fmt: skip
    first = rows["person0@example.org"]
    assert (first.first_name, first.last_name) == WORLD_NAMES[0]  # Arabic script with ZWNJ, exact
    assert (first.country, first.organisation, first.title) == ("HU", "Ministry of Interior", "Dr")
    # checked in at 08:15 in the event's zone (Tashkent, UTC+5)
    assert first.checked_in
    assert first.checked_in_at == dt.datetime(2026, 5, 2, 3, 15, tzinfo=dt.UTC)
    assert sum(r.checked_in for r in rows.values()) == 1


def test_pretix_attendees_on_the_second_sheet(database: Database, tmp_path: Path) -> None:
    ev = _event(database)
    path = pretix_xlsx(tmp_path / "pretix.xlsx")
    plan = _import(database, ev, path, SourceOptions(sheet="Order positions"))
    assert (plan.created, plan.rejected) == (2, [])
    rows = {r.email: r for r in _rows(database, ev)}
    assert rows["attendee0@example.org"].status == S.CONFIRMED  # paid
    assert rows["attendee1@example.org"].status == S.CANCELLED  # canceled: never confirmed
    assert rows["attendee0@example.org"].organisation == "BMI"  # the attendee's, not the invoice's


def test_rejected_rows_carry_row_and_reason_while_valid_rows_import(
    database: Database, tmp_path: Path
) -> None:
    ev = _event(database)
    text = (
        "Participants list\n\n"
        "First name;Last name;E-mail;Country;Status;Category\n"
        "Gyöngyvér;Kovács;gy.kovacs@bm.gov.hu;Magyarország;confirmed;Head of delegation\n"
        "Jiří;Dvořák;;Czech Republic;;\n"
        "Łukasz;Wąsowski;lukasz@@mswia;Poland;;\n"
        "Ana;Petrovska;ana@mvr.gov.mk;FYROM;registered;VIP\n"
        "Zoltán;Nagy;z.nagy@bm.gov.hu;Hungray;;\n"
        "Ionel;Popescu;ionut@mai.gov.ro;Romania;maybe;\n"
        ";;;;;\n"
        "GYÖNGYVÉR;KOVÁCS;GY.KOVACS@bm.gov.hu;Hungary;;Delegate\n"
    )
    path = text_file(tmp_path / "delegations.csv", text, "cp1250")
    plan = _import(database, ev, path)
    assert plan.rows == 7  # the blank row is not a row
    assert [(r.row, r.reason.split(":")[0]) for r in plan.rejected] == [
        (5, "missing email"),
        (6, "'lukasz@@mswia' is not a valid email address"),
        (8, "unknown country 'Hungray'"),
    ]
    assert plan.rejected[0].cells == ("Jiří", "Dvořák", "", "Czech Republic")
    assert (plan.created, plan.updated, plan.merged) == (3, 0, 1)
    assert any("'VIP' does not exist" in w for w in plan.warnings)
    assert any("'maybe' is not one we know" in w and "(row 9)" in w for w in plan.warnings)
    rows = {r.last_name: r for r in _rows(database, ev)}
    assert set(rows) == {"Kovács", "Petrovska", "Popescu"}
    kovacs = rows["Kovács"]
    assert (kovacs.country, kovacs.category, kovacs.status) == (
        "HU",
        "Head of delegation",
        S.CONFIRMED,
    )
    assert rows["Petrovska"].country == "MK"
    assert rows["Popescu"].status == S.PENDING  # an unknown status is never taken as confirmed


def test_utf16_tab_text_and_reimport_updates_instead_of_duplicating(
    database: Database, tmp_path: Path
) -> None:
    ev = _event(database)
    header = "First Name\tLast Name\tEmail\tCountry\tOrganisation\tChecked in\n"
    body = "".join(
        f"{first}\t{last}\tp{i}@example.org\tGE\tMFA\t{'2026-06-01 09:14' if i == 0 else ''}\n"
        for i, (first, last) in enumerate(WORLD_NAMES)
    )
    path = text_file(tmp_path / "unicode.txt", header + body, "utf-16-le", bom=b"\xff\xfe")
    first = _import(database, ev, path)
    assert first.created == len(WORLD_NAMES)
    again = _import(database, ev, path)
    assert (again.created, again.updated) == (0, len(WORLD_NAMES))
    with database.transaction() as s:
        assert roster.roster_counts(s, ev).total == len(WORLD_NAMES)
        assert s.scalar(select(func.count()).select_from(models.CheckinEntry)) == 1
        assert checkin.count_checked_in(s, ev) == 1
    names = {(r.first_name, r.last_name) for r in _rows(database, ev)}
    assert names == set(WORLD_NAMES)


def test_a_full_event_puts_later_confirmations_on_the_waiting_list(
    database: Database, tmp_path: Path
) -> None:
    ev = _event(database, capacity=2)
    rows = [["First name", "Last name", "Email", "Country"]] + [
        [f"P{i}", "Delegate", f"p{i}@example.org", "AT"] for i in range(4)
    ]
    _import(database, ev, write_xlsx(tmp_path / "four.xlsx", {"Sheet1": rows}))
    with database.transaction() as s:
        assert roster.roster_counts(s, ev).by_status == {"confirmed": 2, "waitlisted": 2}


def test_cancel_leaves_the_database_as_it_was(database: Database, tmp_path: Path) -> None:
    ev = _event(database)
    rows = [["First name", "Last name", "Email", "Country"]] + [
        [f"P{i}", "Delegate", f"p{i}@example.org", "AT"] for i in range(2500)
    ]
    path = write_xlsx(tmp_path / "many.xlsx", {"Sheet1": rows})
    token = CancelToken()
    prepared = prepare(path)
    settings = ImportSettings(prepared.header_row, prepared.mapping)
    with database.transaction() as s, open_source(path) as source:
        plan = make_plan(s, ev, source, settings)

    def stop_halfway(done: int, total: int) -> None:
        if done >= total // 2:
            token.cancel()

    with pytest.raises(Cancelled), database.transaction() as s:
        apply_plan(s, plan, progress=stop_halfway, cancel=token)
    with database.transaction() as s:
        assert roster.roster_counts(s, ev).total == 0
        assert s.scalar(select(func.count()).select_from(models.Person)) == 0


def test_a_file_with_no_required_columns_is_refused(database: Database, tmp_path: Path) -> None:
    ev = _event(database)
    path = write_xlsx(tmp_path / "x.xlsx", {"S": [["Name", "Phone"], ["A B", "1"]]})
    with pytest.raises(UserError, match="No column is mapped to email, country"):
        _import(database, ev, path)


@pytest.mark.parametrize("fmt", ["roster-xlsx", "roster-csv", "roster-csv-semicolon"])
def test_names_round_trip_through_export_and_reimport(
    database: Database, tmp_path: Path, fmt: str
) -> None:
    ev = _event(database)
    tricky = [*WORLD_NAMES, ('=HYPERLINK("x")', "+Attacker"), ("Ana", "-Dash")]
    lines = ["First name\tLast name\tEmail\tCountry\tPhone"] + [
        f"{first}\t{last}\tp{i}@example.org\tIran (Islamic Republic of)\t+43 1 504 4677"
        for i, (first, last) in enumerate(tricky)
    ]  # text, so that "=HYPERLINK(...)" is a name, not a formula
    path = text_file(tmp_path / "in.tsv", "\n".join(lines) + "\n", "utf-8")
    assert _import(database, ev, path).created == len(tricky)
    before = _rows(database, ev)
    exporter = get_exporter(fmt)
    out = tmp_path / f"out{exporter.suffix}"
    with database.transaction() as s:
        event = events.get_event(s, ev)
        counts = roster.roster_counts(s, ev)
        exporter.render(out, EventExport(event, roster.iter_roster(s, ev), counts))

    other = _event(database)
    plan = _import(database, other, out)
    assert (plan.created, plan.rejected) == (len(tricky), []), plan.summary()
    after = _rows(database, other)
    assert [(r.first_name, r.last_name, r.phone, r.country) for r in after] == [
        (r.first_name, r.last_name, r.phone, r.country) for r in before
    ]
    assert {r.country for r in after} == {"IR"}


def test_a_filled_template_needs_no_mapping(database: Database, tmp_path: Path) -> None:
    ev = _event(database)
    with database.transaction() as s:
        event = events.get_event(s, ev)
        categories = [c.name for c in registrations.list_categories(s)]
    path = tmp_path / "template.xlsx"
    write_template(path, event, categories)
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["Registrations"]
    header = [c.value for c in sheet[1]]
    values = {
        "First name": "Nino",
        "Last name": "ბერიძე",
        "Email": "nino@mfa.gov.ge",
        "Country": "Georgia",
        "Category": "Speaker",
        "On participant list": "Yes",
    }
    for col, name in enumerate(header, start=1):
        if name in values:
            sheet.cell(row=2, column=col, value=values[name])
    book.save(path)

    prepared = prepare(path)
    assert prepared.template
    plan = _import(database, ev, path)
    assert (plan.created, plan.rejected, plan.warnings) == (1, [], [])
    (row,) = _rows(database, ev)
    assert (row.last_name, row.country, row.category, row.list_consent) == (
        "ბერიძე", "GE", "Speaker", True
    )  # fmt: skip
    with database.transaction() as s:
        assert roster.roster_ids(s, ev, RosterFilter(text="beridze nino")) == [row.id]


def test_reimports_do_not_add_arrivals_beside_the_desks(database: Database, tmp_path: Path) -> None:
    ev = _event(database)
    text = "Email,First name,Last name,Country,Checked in\na@example.org,Anna,Kovács,HU,yes\n"
    flag_only = text_file(tmp_path / "flag.csv", text, "utf-8")
    for _ in range(3):
        _import(database, ev, flag_only)
    with database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(models.CheckinEntry)) == 1

    other = _event(database)
    text = "Email,First name,Last name,Country\nb@example.org,Bela,Nagy,HU\n"
    _import(database, other, text_file(tmp_path / "b.csv", text, "utf-8"))
    (row,) = _rows(database, other)
    with database.transaction() as s:
        assert desk.check_in(s, other, row.id, desk="Door 1").result == desk.Result.CHECKED_IN
        event = events.get_event(s, other)
        out = tmp_path / "roster.xlsx"
        get_exporter("roster-xlsx").render(
            out, EventExport(event, roster.iter_roster(s, other), roster.roster_counts(s, other))
        )
    _import(database, other, out)  # our own export, with its "Checked in at", comes back
    (row,) = _rows(database, other)
    assert row.checked_in_desk == "Door 1"
    with database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(models.CheckinEntry)) == 2


def test_an_overlong_name_from_a_single_name_column_rejects_its_row(
    database: Database, tmp_path: Path
) -> None:
    ev = _event(database)
    long_name = "A" * 210 + " Kovács"
    text = f"Name,Email,Country\n{long_name},a@example.org,HU\nBela Nagy,b@example.org,HU\n"
    plan = _import(database, ev, text_file(tmp_path / "names.csv", text, "utf-8"))
    assert [(r.row, r.reason.split(" (")[0]) for r in plan.rejected] == [
        (2, "first name is too long")
    ]
    assert [r.last_name for r in _rows(database, ev)] == ["Nagy"]
