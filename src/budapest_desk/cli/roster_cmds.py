"""roster import/export/template/list, registration set-status/promote."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from budapest_desk.cli.common import Context, print_json, print_table, whole_number
from budapest_desk.core.errors import UserError
from budapest_desk.db.enums import RegistrationStatus

STATUSES = [s.value for s in RegistrationStatus]
DELIMITERS = {"comma": ",", ",": ",", "semicolon": ";", ";": ";", "tab": "\t"}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    roster = commands.add_parser(
        "roster", parents=[common], help="import, export or list an event's registrations"
    )
    sub = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)

    imp = sub.add_parser(
        "import",
        parents=[common],
        help="import registrations from .xlsx, .xlsm, .csv, .txt or .tsv",
        description="Import registrations into EVENT (its id, or a unique part of its title). "
        "Rows with a problem are rejected with their reason while the valid rows import, in one "
        "transaction after a backup of the database. Exit 0 when the file was read (even with "
        "rejected rows), 1 when it was refused (and then nothing changed).",
    )
    imp.add_argument("event", metavar="EVENT")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument(
        "--sheet", metavar="NAME", help="the workbook's sheet (default: the first with data)"
    )
    imp.add_argument("--encoding", metavar="NAME", help="text files: e.g. cp1250 (default: detect)")
    imp.add_argument(
        "--delimiter",
        choices=list(DELIMITERS),
        metavar="comma|semicolon|tab",
        help="text files (default: detect; ',' and ';' work too)",
    )
    imp.add_argument("--mapping", metavar="FILE", type=Path, help="a column mapping saved earlier")
    imp.add_argument(
        "--default-status",
        choices=STATUSES,
        default="confirmed",
        help="the status of rows without one (default: confirmed)",
    )
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.add_argument(
        "--rejections",
        metavar="FILE.xlsx",
        type=Path,
        help="save the rejected rows with their reasons, to send back",
    )
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    imp.set_defaults(handler=cmd_import)

    exp = sub.add_parser("export", parents=[common], help="export the roster to .xlsx or .csv")
    exp.add_argument("event", metavar="EVENT")
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    exp.add_argument("--format", choices=["xlsx", "csv"], help="default: from the file suffix")
    exp.add_argument("--delimiter", choices=[",", ";"], default=",", help="CSV only")
    exp.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        default=[],
        help="only these statuses (repeatable)",
    )
    exp.set_defaults(handler=cmd_export)

    tpl = sub.add_parser(
        "template", parents=[common], help="write the registration template a delegation fills in"
    )
    tpl.add_argument("event", metavar="EVENT")
    tpl.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.xlsx")
    tpl.set_defaults(handler=cmd_template)

    lst = sub.add_parser("list", parents=[common], help="list the event's registrations")
    lst.add_argument("event", metavar="EVENT")
    lst.add_argument("--status", action="append", choices=STATUSES, default=[])
    lst.add_argument("--json", action="store_true", help="one JSON object per registration")
    lst.set_defaults(handler=cmd_list)

    reg = commands.add_parser(
        "registration",
        parents=[common],
        help="change one registration's status; promote the waiting list",
    )
    rsub = reg.add_subparsers(dest="registration_command", metavar="ACTION", required=True)
    st = rsub.add_parser("set-status", parents=[common], help="set a registration's status")
    st.add_argument("event", metavar="EVENT")
    st.add_argument("email", metavar="EMAIL")
    st.add_argument("status", choices=STATUSES, metavar="STATUS", help=", ".join(STATUSES))
    st.set_defaults(handler=cmd_set_status)
    pr = rsub.add_parser(
        "promote",
        parents=[common],
        help="confirm the first on the waiting list for every free seat",
    )
    pr.add_argument("event", metavar="EVENT")
    pr.add_argument(
        "--count", type=whole_number(1, "give 1 or more"), metavar="N", help="at most N people"
    )
    pr.set_defaults(handler=cmd_promote)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, maintenance
    from budapest_desk.core.importing import apply, plan, prepare, sources

    delimiter = DELIMITERS.get(args.delimiter) if args.delimiter else None
    options = sources.SourceOptions(args.sheet, args.encoding, delimiter)
    prepared = prepare.prepare(args.file, options, args.mapping)
    settings = plan.ImportSettings(
        prepared.header_row, prepared.mapping, RegistrationStatus(args.default_status)
    )
    db = ctx.database()
    with db.transaction() as session:
        event = events.find_event(session, args.event)
        with sources.open_source(args.file, options) as source:
            checked = plan.make_plan(session, event.id, source, settings)
    if args.rejections and checked.rejected:
        from budapest_desk.exporters.rejections_xlsx import write_rejections

        write_rejections(
            args.rejections, checked.header, [(r.row, r.cells, r.reason) for r in checked.rejected]
        )
    message = "Checked, nothing written (--dry-run)."
    written: dict[str, int] = {}
    if not args.dry_run:
        maintenance.backup_before(db, "before-import")
        with db.transaction() as session:
            result = apply.apply_plan(session, checked)
        message = result.message
        written = {"waitlisted": result.waitlisted, "checkins": result.checkins}
    if args.json:  # the warnings of the write (a status left as it was) are in the plan's list
        print_json({**checked.summary(), **written, "dry_run": bool(args.dry_run)})
        return 0
    print(message)
    for r in checked.rejected[:50]:
        print(f"  row {r.row}: {r.reason}", file=sys.stderr)
    if len(checked.rejected) > 50:
        print(f"  … and {len(checked.rejected) - 50} more rejected rows", file=sys.stderr)
    for w in checked.warnings:
        print(f"  warning: {w}", file=sys.stderr)
    return 0


def _filter(statuses: list[str]) -> Any:
    from budapest_desk.core.roster import RosterFilter

    return RosterFilter(statuses=frozenset(RegistrationStatus(s) for s in statuses))


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, roster
    from budapest_desk.exporters import registry

    fmt = args.format or args.output.suffix.lstrip(".").lower()
    if fmt not in ("xlsx", "csv"):
        raise UserError(
            f"Cannot tell the format from {args.output.name!r}: add --format xlsx or csv."
        )
    name = "roster-csv-semicolon" if fmt == "csv" and args.delimiter == ";" else f"roster-{fmt}"
    exporter = registry.get_exporter(name)
    flt = _filter(args.status)
    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        counts = roster.roster_counts(session, event.id, flt)
        data = registry.EventExport(event, roster.iter_roster(session, event.id, flt), counts)
        exporter.render(args.output, data)
    print(f"Wrote {counts.total} registrations to {args.output}")
    return 0


def cmd_template(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, registrations
    from budapest_desk.exporters.template_xlsx import write_template

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        categories = [c.name for c in registrations.list_categories(session)]
    write_template(args.output, event, categories)
    print(f"Wrote the registration template for {event.title} to {args.output}")
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, roster
    from budapest_desk.core.countries import country_name

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        rows = list(roster.iter_roster(session, event.id, _filter(args.status)))
    records = [
        {
            "first_name": r.first_name,
            "last_name": r.last_name,
            "email": r.email,
            "country": r.country,
            "organisation": r.organisation,
            "position": r.position,
            "status": r.status.value,
            "category": r.category,
            "delegation": r.delegation_country or r.delegation_organisation,
            "code": r.checkin_code,
            "checked_in": r.checked_in,
        }
        for r in rows
    ]
    if args.json:
        for record in records:
            print_json(record)
        return 0
    print_table(
        ["NAME", "EMAIL", "STATUS", "CATEGORY", "DELEGATION", "CODE"],
        [
            [
                f"{r.last_name}, {r.first_name}",
                r.email,
                r.status.value,
                r.category,
                country_name(r.delegation_country) or r.delegation_organisation,
                r.checkin_code,
            ]
            for r in rows
        ],
    )
    return 0


def cmd_set_status(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, lifecycle, roster_edits
    from budapest_desk.core.registrations import find_registration

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        reg = find_registration(session, event.id, args.email)
        lifecycle.check_transition(reg.status, RegistrationStatus(args.status), reg.full_name)
        edit = roster_edits.change_status(session, [reg.id], RegistrationStatus(args.status))
    print(edit.message)
    return 0


def cmd_promote(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, roster_edits

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        edit = roster_edits.promote(session, event.id, args.count)
    print(edit.message)
    return 0
