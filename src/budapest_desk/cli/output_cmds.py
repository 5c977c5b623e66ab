"""badges, participants, report: the printed outputs, with the Output dialog's options, through
the one list in exporters/outputs.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from budapest_desk.cli.common import Context, iso_date, print_json
from budapest_desk.cli.roster_cmds import STATUSES
from budapest_desk.core.errors import UserError
from budapest_desk.db.enums import RegistrationStatus

# The values of exporters' NameFormat and core's participants.Variant, written out so that
# `--help` does not import the exporters (tests/cli checks they match).
NAME_FORMATS = ["first-last", "first-FAMILY", "FAMILY-first", "title-first-last"]
VARIANTS = ["distributed", "internal", "sign-in"]


class _ListLayouts(argparse.Action):
    """--list-layouts: print the layouts and exit, as --version does (no EVENT needed)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from budapest_desk.exporters import label_sheets

        for layout in label_sheets.layouts():
            print(f"{layout.identifier:16} {layout.name}")
        parser.exit()


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    badges = commands.add_parser(
        "badges",
        parents=[common],
        help="print-ready badges of an event as PDF",
        description="Badges of an event as a PDF; the badges written are marked printed.",
    )
    badges.add_argument("event", metavar="EVENT", help="id or part of the title")
    badges.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    badges.add_argument("--layout", default="a6-4up", metavar="NAME", help="see --list-layouts")
    badges.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        default=[],
        help="repeat for several (default: confirmed)",
    )
    badges.add_argument(
        "--category", action="append", default=[], metavar="C", help="category name; repeatable"
    )
    badges.add_argument(
        "--only-unprinted", action="store_true", help="only badges not printed before"
    )
    badges.add_argument(
        "--name-format", choices=NAME_FORMATS, default="first-last", help="default: first-last"
    )
    badges.add_argument(
        "--no-colour", action="store_true", help="category bands outlined, for black and white"
    )
    badges.add_argument("--logo", type=Path, metavar="FILE", help="a PNG or JPEG for the header")
    badges.add_argument(
        "--calibration",
        nargs=2,
        type=float,
        metavar=("DX", "DY"),
        help="printer offset in mm (+ right, + up), saved for the layout on this computer",
    )
    badges.add_argument("--no-mark", action="store_true", help="do not mark the badges as printed")
    badges.add_argument(
        "--list-layouts", action=_ListLayouts, help="list the layouts and label sheets, then exit"
    )
    badges.add_argument("--json", action="store_true", help="print the result as JSON")
    badges.set_defaults(handler=cmd_badges)

    people = commands.add_parser(
        "participants", parents=[common], help="the list of participants as PDF"
    )
    people.add_argument("event", metavar="EVENT")
    people.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    people.add_argument(
        "--variant",
        choices=VARIANTS,
        default="distributed",
        help="distributed: only those who consented (default); internal: everyone; "
        "sign-in: a sheet to sign, per day",
    )
    people.add_argument("--orientation", choices=["portrait", "landscape"], default="portrait")
    people.add_argument("--email", action="store_true", help="add an email column")
    people.add_argument("--day", type=iso_date, metavar="YYYY-MM-DD", help="sign-in sheet's day")
    people.set_defaults(handler=cmd_participants)

    report = commands.add_parser(
        "report", parents=[common], help="registrations and attendance, as PDF or xlsx"
    )
    report.add_argument("event", metavar="EVENT")
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx")
    report.set_defaults(handler=cmd_report)


def cmd_badges(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events
    from budapest_desk.core.badges import BadgeSelection, mark_printed
    from budapest_desk.core.registrations import list_categories
    from budapest_desk.exporters import label_sheets
    from budapest_desk.exporters.badge_content import NameFormat
    from budapest_desk.exporters.outputs import OutputOptions, get_output

    layout = label_sheets.get_layout(args.layout)
    calibration = None
    if args.calibration:
        calibration = label_sheets.check_calibration(*args.calibration)

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        selection = BadgeSelection(
            statuses=frozenset(RegistrationStatus(s) for s in args.status)
            or BadgeSelection().statuses,
            category_ids=_category_ids(list_categories(session), args.category),
            only_unprinted=args.only_unprinted,
        )
        options = OutputOptions(
            selection=selection,
            layout=layout.identifier,
            name_format=NameFormat(args.name_format),
            colour=not args.no_colour,
            logo=args.logo,
            calibration=calibration,
        )
        written = get_output("badges").write(session, event.id, args.output, options)
        if not args.no_mark:
            mark_printed(session, written.registration_ids)
    if calibration is not None:  # kept once it has printed
        label_sheets.save_calibration(layout.identifier, calibration)
    if args.json:
        print_json({"badges": written.count, "layout": layout.identifier, "file": str(args.output)})
    else:
        print(f"Wrote {written.count} badges ({layout.name}) to {args.output}")
    return 0


def _category_ids(categories: list[Any], names: list[str]) -> frozenset[int]:
    by_name = {c.name.casefold(): c.id for c in categories}
    ids = set()
    for name in names:
        found = by_name.get(name.strip().casefold())
        if found is None:
            known = ", ".join(c.name for c in categories)
            raise UserError(f"There is no category {name!r}. Choose one of: {known}.")
        ids.add(found)
    return frozenset(ids)


def cmd_participants(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events
    from budapest_desk.core.participants import Variant
    from budapest_desk.exporters.outputs import OutputOptions, get_output

    options = OutputOptions(
        variant=Variant(args.variant),
        orientation=args.orientation,
        include_email=args.email,
        day=args.day,
    )
    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        written = get_output("participants").write(session, event.id, args.output, options)
    print(f"Wrote the list of participants ({written.count} people) to {args.output}")
    return 0


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events
    from budapest_desk.exporters.outputs import OutputOptions, get_output

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        get_output("report").write(session, event.id, args.output, OutputOptions())
    print(f"Wrote the report of {event.title} to {args.output}")
    return 0
